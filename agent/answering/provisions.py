"""Provision citations and the paragraph structure of regulation texts.

One job: read the paragraph citations a question makes ("15 CFR 744.16(c)(2)", "FAR
52.204-25 (d)(2)(i)", "paragraph (b) of § 744.11", "paragraph (e) of this clause"), parse
a regulation's text into its sections and their nested enumerated paragraphs, and say
where in the sources a cited paragraph is - or why it is not there (the section is in no
source; the section is there but its text ends before that paragraph, skips it, or
breaks off inside it).

Everything here follows the general grammar of U.S. regulation citations, not a list
of sections:

* A section number is written ``PART.SECTION`` (CFR: "744.16", "740.2") or, in the
  FAR, ``PART.SUBPART-SECTION`` / ``PART.SECTIONS`` ("52.204-25", "4.2102"). A bare
  integer ("section 889(a)(1)(A)") is a statute's section (an Act or the U.S. Code),
  whose text the sources describe in prose rather than hold as a headed regulation:
  it is not read as a citation here.
* A paragraph is a path of enumerators, outermost first: ``(a)`` lower-case letters,
  ``(1)`` arabic figures, ``(i)`` lower-case roman numerals, ``(A)`` capitals (then the
  cycle repeats in italics, which plain text cannot tell apart - a level is known by
  where it starts, not by its letters).
* A regulation's text is a heading line ("§ 744.16 Entity List.", "4.2102
  Prohibition.") followed by paragraphs, each starting a line with its enumerator;
  a paragraph heading may run its first sub-paragraph in after a dash ("(c) License
  review policy—(1) General review policy. ...").

A section cited alone ("Under FAR 4.2104, who can grant a waiver?") is read too: whether the
question asks for that section's own content (its dependency parse) and whether the sources
hold it or only cite it in passing (:func:`section_not_held`).

Pure functions over strings, except :func:`resolve`, :func:`resolve_question` and
:func:`section_not_held`, which read documents from an :class:`~ingest.store.IndexStore`.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Iterable, Protocol, Sequence

log = logging.getLogger(__name__)

# ------------------------------------------------------------------ enumerators
_ROMAN = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

# The four enumerator styles of U.S. regulations, in their nesting order.
LOWER, NUM, ROMAN, UPPER = "lower", "num", "roman", "upper"
STYLE_ORDER = (LOWER, NUM, ROMAN, UPPER)
_FIRST = {LOWER: "a", NUM: "1", ROMAN: "i", UPPER: "A"}

# One enumerator in brackets: a figure, one or two letters of one case, or a roman numeral.
ENUM = r"\((?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,7}|[A-Z]{1,2})\)"
_ENUM_RE = re.compile(ENUM)


def roman_value(s: str) -> int | None:
    """The value of a lower-case roman numeral ("iv" -> 4), None when ``s`` is none."""
    if not s or not _ROMAN.match(s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


def styles_of(label: str) -> tuple[str, ...]:
    """The styles an enumerator's label can have, the likelier first: "1" -> (num,), "b" ->
    (lower,), "i"/"v"/"x" -> (roman, lower) - a roman numeral is also a letter - and "B" ->
    (upper,)."""
    if label.isdigit():
        return (NUM,)
    if label.isupper():
        return (UPPER,)
    out = []
    if roman_value(label) is not None:
        out.append(ROMAN)
    if len(label) == 1 or (len(label) == 2 and label[0] == label[1]):  # "aa" follows "z"
        out.append(LOWER)
    return tuple(out)


def ordinal(label: str, style: str) -> int | None:
    """The position of ``label`` in its list when read in ``style`` (1-based): "c" as a letter
    is 3, "iii" as a roman numeral is 3; None when ``label`` cannot be read so."""
    if style == NUM:
        return int(label) if label.isdigit() else None
    if style == ROMAN:
        return roman_value(label)
    if style == LOWER and label.islower() and label.isalpha():
        return (ord(label[0]) - 96) + 26 * (len(label) - 1)
    if style == UPPER and label.isupper() and label.isalpha():
        return (ord(label[0]) - 64) + 26 * (len(label) - 1)
    return None


# ------------------------------------------------------------------ citations
# A regulation section number: PART.SECTION, with the FAR's "-NN" clause/section suffix.
SECTION = r"\d{1,3}\.\d{1,5}(?:-\d{1,4})?"
# Words that say a number is a regulation's section: "§", "§§", "15 CFR", "C.F.R.", "FAR",
# "section", "sec.", "clause", "provision", "subpart" (the grammar of a citation, not of a corpus).
_MARKER = (r"(?:§§?\s*|\b(?:C\.?F\.?R\.?|FAR|DFARS|[Ss]ections?|[Ss]ecs?\.|[Cc]lauses?|[Pp]rovisions?|[Ss]ubparts?)"
           r"\s+)")
_SECTION_RE = re.compile(rf"(?P<marker>{_MARKER})?(?<![\w.$€£¥-])(?P<num>{SECTION})(?![\w%]|\.\d)")
# A section's own paragraph path written right after its number ("744.16(c)(2)", "52.204-25 (d)(2)(i)").
_PATH_AFTER = re.compile(rf"[ \t]?((?:{ENUM})+)")
# "paragraph (b)", "paragraphs (d)(1) and (2)", "para. (c)", "subparagraph (e)".
_PARAGRAPH_WORD = re.compile(rf"\b(?:sub)?(?:paragraphs?|paras?\.)\s+((?:{ENUM})+)", re.I)
# What a "paragraph (x)" is "of": a section number (with its marker), or the document it stands in.
_OF_SECTION = re.compile(rf"\s+of\s+(?:{_MARKER})?(?:\d{{1,3}}\s+C\.?F\.?R\.?\s+)?(?P<num>{SECTION})\b")
_OF_THIS = re.compile(r"\s+of\s+(?:this|the\s+same)\s+"
                      r"(?:section|clause|provision|part|subpart|paragraph|regulation|rule)\b", re.I)
_OF_OTHER = re.compile(r"\s+of\s+(?:the|a|an|that|its|their)\b", re.I)
# A further enumerator group conjoined to a citation: "(d)(2)(i) and (ii)", "(b) or (c)".
_CONJOINED = re.compile(rf"\s*(?:,\s*(?:and|or)?|\band\b|\bor\b|\bthrough\b|\bto\b)\s*((?:{ENUM})+)")


@dataclass(frozen=True)
class ProvisionCite:
    """A paragraph citation of a question: ``section`` ("744.16", None when the question
    says only "paragraph (b) of this section" and cites no section), ``path`` (its
    enumerators, outermost first: ("c", "2")), ``text`` as written and where it is."""

    section: str | None
    path: tuple[str, ...]
    text: str
    start: int
    end: int
    marked: bool = True  # the section number is marked as one ("§", "CFR", "FAR", an attached "(b)")

    def label(self) -> str:
        """How an answer names it: "744.16(c)(2)"."""
        return (self.section or "") + "".join(f"({p})" for p in self.path)


def _labels(group: str) -> list[str]:
    return [m.group(0)[1:-1] for m in _ENUM_RE.finditer(group)]


def _continue_path(path: tuple[str, ...], more: list[str]) -> tuple[str, ...]:
    """The path a conjoined enumerator group stands for: it replaces the components of ``path``
    from the deepest one whose style it shares ("(d)(2)(i) and (ii)" -> (d)(2)(ii); "(b) and
    (c)(1)" -> (c)(1))."""
    first = set(styles_of(more[0]))
    for k in range(len(path) - 1, -1, -1):
        if first & set(styles_of(path[k])):
            return path[:k] + tuple(more)
    return tuple(more)


def sections_cited(question: str) -> list[tuple[str, int, int, bool]]:
    """The regulation section numbers a question writes: ``(number, start, end, marked)``,
    ``marked`` when a citation word ("§", "CFR", "FAR", "section", ...) or an attached
    paragraph enumerator says it is a section, not a decimal figure."""
    out = []
    for m in _SECTION_RE.finditer(question):
        marked = bool(m.group("marker")) or bool(re.match(rf"[ \t]?{ENUM}", question[m.end():]))
        out.append((m.group("num"), m.start("num"), m.end("num"), marked))
    return out


def parse_citations(question: str) -> list[ProvisionCite]:
    """The paragraph citations of ``question``, in order: a section number with its
    paragraph path attached ("15 CFR 744.16(c)(2)", "52.204-25 (d)(2)(i)"), a "paragraph
    (x)" of a section ("paragraph (b) of 744.11") or of "this section/clause" (then of the
    section the question cites), and enumerator groups conjoined to either ("(d)(2)(i) and
    (ii)"). A paragraph "of" something else ("paragraph (4) of the covered
    telecommunications definition") is no citation of a section, and a bare "paragraph (b)"
    belongs to the section the question cites nearest before it (or the only one); without
    any cited section it has ``section`` None. Citations of a section alone ("Under 744.11,
    ...") are not returned: they cite no paragraph."""
    secs = sections_cited(question)
    cites: list[ProvisionCite] = []
    taken: list[tuple[int, int]] = []

    def add(section: str | None, path: tuple[str, ...], start: int, end: int, marked: bool) -> None:
        cites.append(ProvisionCite(section, path, question[start:end], start, end, marked))
        taken.append((start, end))
        # Conjoined groups: "(i) and (ii)", "(c) through (f)".
        pos = end
        while (m := _CONJOINED.match(question, pos)) is not None:
            more = _labels(m.group(1))
            path = _continue_path(path, more)
            cites.append(ProvisionCite(section, path, question[m.start(1):m.end(1)], m.start(1), m.end(1), marked))
            taken.append((m.start(1), m.end(1)))
            pos = m.end()

    for num, s, e, marked in secs:
        m = _PATH_AFTER.match(question, e)
        if m is not None:
            add(num, tuple(_labels(m.group(1))), s, m.end(), True)
    for m in _PARAGRAPH_WORD.finditer(question):
        if any(a <= m.start(1) < b for a, b in taken):
            continue
        path = tuple(_labels(m.group(1)))
        # What the paragraphs are "of" follows the whole conjoined chain: "paragraphs (1) and (2)
        # *of the definition*" cites no section, however many groups come before the "of".
        end = _chain_end(question, m.end())
        rest = question[end:]
        if (o := _OF_SECTION.match(rest)) is not None:
            sec = next(((n, mk) for n, a, _, mk in secs if a == end + o.start("num")), (o.group("num"), True))
            add(sec[0], path, m.start(), m.end() + o.end() if end == m.end() else m.end(), True)
        elif _OF_THIS.match(rest) or not _OF_OTHER.match(rest):
            # "of this section", or a bare "paragraph (b)": the section the question cites nearest
            # before it, else the only (or first) one after it.
            before = [x for x in secs if x[2] <= m.start()]
            sec = before[-1] if before else (secs[0] if secs else None)
            add(sec[0] if sec else None, path, m.start(), m.end(), sec[3] if sec else False)
        # else: "paragraph (4) of the definition", "paragraphs (1) and (2) of the definition": paragraphs
        # of something the question names (:func:`paragraphs_of_named`), not a section's.
    cites.sort(key=lambda c: c.start)
    return cites


def _chain_end(question: str, pos: int) -> int:
    """Where the enumerator groups conjoined at ``pos`` ("(1) *and (2)*", "(b)*, (c) or (d)*") end."""
    while (m := _CONJOINED.match(question, pos)) is not None:
        pos = m.end()
    return pos


def paragraphs_of_named(question: str) -> list[ProvisionCite]:
    """The paragraphs a question cites "of" something it names rather than of a section
    ("paragraphs (1) and (2) *of the definition* of covered equipment" -> paths ("1",) and ("2",);
    "paragraph (4) of the covered equipment definition" -> ("4",)), in order, with ``section``
    None. These are the numbered paragraphs of a definition or a list the question goes on to
    name, which :func:`parse_citations` leaves out: they are no citation of a section."""
    out: list[ProvisionCite] = []
    for m in _PARAGRAPH_WORD.finditer(question):
        rest = question[_chain_end(question, m.end()):]
        if _OF_SECTION.match(rest) or _OF_THIS.match(rest) or not _OF_OTHER.match(rest):
            continue
        path = tuple(_labels(m.group(1)))
        out.append(ProvisionCite(None, path, m.group(0), m.start(), m.end(), marked=False))
        pos = m.end()
        while (c := _CONJOINED.match(question, pos)) is not None:
            path = _continue_path(path, _labels(c.group(1)))
            out.append(ProvisionCite(None, path, c.group(1), c.start(1), c.end(1), marked=False))
            pos = c.end()
    return out


# ------------------------------------------------------------------ paragraph tree
@dataclass
class Paragraph:
    """A paragraph of a regulation's text: its ``path`` of enumerators (() for the section
    itself), the span ``start``-``end`` of the body it covers *with* its sub-paragraphs,
    ``own_end`` (where its own text stops: the first sub-paragraph's start, or ``end``),
    whether it is ``reserved`` ("(2) [Reserved]"), and its ``children`` in text order."""

    path: tuple[str, ...]
    start: int
    end: int
    own_end: int
    style: str = ""
    reserved: bool = False
    children: list["Paragraph"] = field(default_factory=list)

    def walk(self) -> Iterable["Paragraph"]:
        """This paragraph and all below it, in text order."""
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Section:
    """A regulation section in a body: its number, the span of its heading line, the span
    of its whole text and its paragraph tree (``root``, path ()). ``breaks_off``: the
    text stops mid-sentence at the end (an excerpt cut off)."""

    number: str
    heading: tuple[int, int]
    root: Paragraph
    breaks_off: bool = False

    def find(self, path: Sequence[str]) -> Paragraph | None:
        """The paragraph at ``path`` (None when the text has none)."""
        node = self.root
        for label in path:
            node = next((c for c in node.children if c.path[-1] == label), None)
            if node is None:
                return None
        return node


_HEADING = re.compile(rf"(?m)^[ \t]*(?:§{{1,2}}[ \t]*)?(?P<num>{SECTION})[ \t]+(?=[A-Z\[])[^\n]*$")
_LINE_ENUM = re.compile(rf"[ \t]*({ENUM})[ \t]*")
# A sub-paragraph run in after a paragraph's heading: "(c) License review policy—(1) General ...".
_RUN_IN = re.compile(rf"[—–]\s*({ENUM})\s*")
# A paragraph whose text introduces what follows ("As used in this clause—", "means—", "the following:").
_INTRODUCES = re.compile(r"[—–:-]\s*$")
_RESERVED = re.compile(r"^\s*\[\s*reserved\s*\]\s*\.?\s*$", re.I)
# How a complete text may end: a sentence's or list item's closing mark (quotes and brackets aside).
_ENDS = re.compile(r"[.;:!?—–)\]]\s*[\"”’')\]]*\s*$")


def _markers(body: str, start: int, end: int) -> list[tuple[int, int, str, bool]]:
    """The paragraph markers of ``body[start:end]``: ``(offset, text_start, label, at_line_start)``
    for an enumerator opening a line, and for one run in after a dash that follows it."""
    out = []
    pos = start
    while pos < end:
        nl = body.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        m = _LINE_ENUM.match(body, pos, line_end)
        if m is not None:
            out.append((m.start(1), m.end(), m.group(1)[1:-1], True))
            cursor = m.end()
            # Chains: "(a) Heading—(1) Sub-heading—(i) Text".
            while (r := _RUN_IN.search(body, cursor, line_end)) is not None and r.start() - cursor <= 160:
                out.append((r.start(1), r.end(), r.group(1)[1:-1], False))
                cursor = r.end()
        pos = line_end + 1
    return out


def _place(stack: list[Paragraph], label: str, next_label: str | None = None) -> tuple[int, str]:
    """Where a new enumerator goes: the depth of the open level it continues (its label is the
    next of that level's list), a new level below the deepest open one (its label starts a list of
    a style not open), or a restart of an open level's style (a new list at that level). Returns
    (depth - 1 of the parent in ``stack``, style).

    "(i)" after "(h)(1)" is both the letter after (h) and the first roman item under (1): the
    enumerator after it decides - "(ii)" makes it roman, anything else (or none) the letter."""
    styles = styles_of(label)
    open_styles = {n.style for n in stack[1:]}
    starts = next((st for st in styles if ordinal(label, st) == 1 and st not in open_styles), None)
    # 1. The next item of an open level, deepest first ("(ii)" after "(i)"; "(i)" after "(h)").
    for d in range(len(stack) - 1, 0, -1):
        node = stack[d]
        for st in styles:
            prev = ordinal(node.path[-1], node.style)
            cur = ordinal(label, st)
            if st == node.style and prev is not None and cur == prev + 1:
                if starts is not None and starts != st and next_label is not None \
                        and ordinal(next_label, starts) == 2:
                    return len(stack) - 1, starts
                return d - 1, st
    # 2. The first item of a style no open level has: a level below the deepest.
    if starts is not None:
        return len(stack) - 1, starts
    # 3. A style already open: a new list (or a gap in the text) at that level.
    for d in range(len(stack) - 1, 0, -1):
        if stack[d].style in styles:
            return d - 1, stack[d].style
    # 4. Anything else (a list whose start the excerpt lacks): below the deepest, in its likelier style.
    return len(stack) - 1, styles[0] if styles else LOWER


def parse_paragraphs(body: str, start: int = 0, end: int | None = None) -> Paragraph:
    """The paragraph tree of ``body[start:end]`` (one section's text). Each enumerated
    paragraph's span runs to the next paragraph at its level or above; a line without an
    enumerator after a blank line is "flush" text of the parent of the paragraph before it -
    unless that paragraph introduces it ("... means—", "... the following:"), when it is that
    paragraph's own text - and a line without one right after another line continues it (hard
    wrapping)."""
    end = len(body) if end is None else end
    root = Paragraph(path=(), start=start, end=end, own_end=end)
    stack = [root]
    marks = _markers(body, start, end)

    def close(node: Paragraph, at: int) -> None:
        node.end = _rstrip(body, node.start, at)
        if not node.children:
            node.own_end = node.end

    # Unmarked flush lines: after a blank line, a line that opens with no enumerator.
    flush = [m.start() for m in re.finditer(r"\n[ \t]*\n[ \t]*(?=\S)", body[start:end])]
    flush = [start + f + len(re.match(r"\n[ \t]*\n[ \t]*", body[start + f:]).group(0)) for f in flush]
    mark_at = {m[0] for m in marks}
    events = sorted([(m[0], "mark", m) for m in marks] + [(f, "flush", None) for f in flush if f not in mark_at],
                    key=lambda e: e[0])
    introduced: set[int] = set()  # ids of paragraphs whose text introduced the flush lines after them
    labels = [mk[2] for mk in marks]
    for at, kind, m in events:
        if kind == "flush":
            if len(stack) > 1:
                last = stack[-1]
                if id(last) in introduced or _INTRODUCES.search(body[last.start:_rstrip(body, last.start, at)]):
                    introduced.add(id(last))  # "(a) Definitions. As used in this clause—" / its definitions
                else:
                    close(stack.pop(), at)
            continue
        _, text_start, label, _ = m
        k = marks.index(m)
        parent_depth, style = _place(stack, label, labels[k + 1] if k + 1 < len(labels) else None)
        while len(stack) - 1 > parent_depth:
            close(stack.pop(), at)
        parent = stack[-1]
        if not parent.children:
            parent.own_end = _rstrip(body, parent.start, at)
        node = Paragraph(path=parent.path + (label,), start=at, end=end, own_end=end, style=style)
        parent.children.append(node)
        stack.append(node)
    while len(stack) > 1:
        close(stack.pop(), end)
    root.end = _rstrip(body, start, end)
    if not root.children:
        root.own_end = root.end
    for node in root.walk():
        if node.path:
            own = body[node.start:node.own_end]
            text = _ENUM_RE.sub("", own, count=1)
            node.reserved = bool(_RESERVED.match(text)) and not node.children
    return root


def _rstrip(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1].isspace():
        end -= 1
    return end


def parse_sections(body: str, title: str = "") -> list[Section]:
    """The regulation sections of a document body: each heading line ("§ 744.16 Entity
    List.", "52.204-25 Prohibition on ...") up to the next one or the end, with its
    paragraph tree. A body with no heading line whose ``title`` names exactly one section
    and whose text is enumerated paragraphs is that section's text."""
    heads = list(_HEADING.finditer(body))
    spans: list[tuple[str, int, int, int, bool]] = []  # (number, heading start, text start, end, headed)
    for i, h in enumerate(heads):
        nxt = heads[i + 1].start() if i + 1 < len(heads) else len(body)
        spans.append((h.group("num"), h.start(), h.end(), nxt, True))
    if not spans:
        nums = {n for n, _, _, _ in sections_cited(title)} if title else set()
        if len(nums) == 1:
            spans.append((nums.pop(), 0, 0, len(body), False))
    out = []
    for num, hs, ts, te, headed in spans:
        root = parse_paragraphs(body, ts, te)
        if not root.children and not headed:
            continue  # prose whose title names a section (a rule about it), not the section's text
        text = body[ts:te].rstrip()
        out.append(Section(number=num, heading=(hs, ts), root=root,
                           breaks_off=te == len(body) and bool(text) and not _ENDS.search(text)))
    return out


def paragraph_text(body: str, node: Paragraph, own: bool = True) -> str:
    """A paragraph's text without its enumerator ("[Reserved]", "Exceptions. This subpart
    ..."); ``own``: only its own text, not its sub-paragraphs'."""
    text = body[node.start:node.own_end if own else node.end]
    return _LINE_ENUM.sub("", text, count=1).strip() if text.lstrip().startswith("(") else text.strip()


def item_text(text: str) -> str:
    """A list item's text as a lead gives it: without its enumerator and without the list's
    joining tail ("(1) A service ...; or" -> "A service ...")."""
    text = _LINE_ENUM.sub("", text, count=1) if _LINE_ENUM.match(text) else text
    return re.sub(r"\s*(?:;\s*(?:and|or)?|,\s*(?:and|or)|\.)\s*$", "", text.strip())


# ------------------------------------------------------------------ resolving
class _Store(Protocol):
    def keyword_search(self, query: str, n: int, doc_ids: set[str] | None = None) -> list[tuple[str, float]]: ...
    def get_chunks(self, chunk_ids): ...
    def get_document(self, doc_id: str): ...


@dataclass
class Found:
    """A cited paragraph in the sources: the document, the section and the paragraph."""

    cite: ProvisionCite
    doc: object  # ingest.store.StoredDocument
    section: Section
    paragraph: Paragraph
    # The paragraph is the last one of a text that breaks off inside it: only its opening is there.
    cut_off: bool = False


@dataclass
class Absent:
    """A cited paragraph the sources do not hold, and why: ``"section"`` (no source holds
    the section's text), ``"ends"`` (the text ends before that paragraph), ``"skips"`` (the
    text goes on past where it would be but does not have it), ``"cut"`` (the text breaks
    off inside it), ``"definition"`` (a paragraph cited "of the definition of" a term that the
    sources define by paragraphs without it)."""

    cite: ProvisionCite
    why: str
    doc: object | None = None
    section: Section | None = None
    term: str = ""  # for ``"definition"``: the defined term whose paragraphs lack the cited one

    def reason(self) -> str:
        """The abstention's reason, naming the paragraph."""
        name = self.cite.label()
        title = getattr(self.doc, "title", "") if self.doc is not None else ""
        if self.why == "definition":
            return f"the definition of “{self.term}” in {title} has no paragraph {name}"
        return {
            "section": f"no source holds the text of section {self.cite.section} (cited as {name})",
            "ends": f"the sources' text of section {self.cite.section} ends before paragraph {name} ({title})",
            "skips": f"the sources' text of section {self.cite.section} has no paragraph {name} ({title})",
            "cut": f"the sources' text of section {self.cite.section} breaks off inside paragraph {name} ({title})",
        }[self.why]


def documents_matching(store: _Store, term: str, limit: int = 50) -> list:
    """The documents holding ``term``, each once, in the keyword index's rank order of their
    best chunk (BM25 over up to ``limit`` chunks)."""
    hits = store.keyword_search(term, limit)
    chunks = store.get_chunks([cid for cid, _ in hits]) if hits else {}
    out, seen = [], set()
    for cid, _ in hits:
        ch = chunks.get(cid)
        if ch is None or ch.doc_id in seen:
            continue
        seen.add(ch.doc_id)
        doc = store.get_document(ch.doc_id)
        if doc is not None:
            out.append(doc)
    return out


def documents_with_section(store: _Store, number: str, limit: int = 50) -> list[tuple[object, Section]]:
    """The documents of ``store`` holding the text of section ``number`` (found by keyword
    search on the number, then checked by parsing each candidate's body), best ranked first."""
    out: list[tuple[object, Section]] = []
    for doc in documents_matching(store, number, limit):
        for sec in parse_sections(doc.body, doc.title):
            if sec.number == number:
                out.append((doc, sec))
                break
    return out


def locate(section: Section, path: Sequence[str]) -> tuple[Paragraph | None, str]:
    """The paragraph at ``path`` of ``section``, or why it is not there: ``"ends"`` (every
    paragraph the text has comes before it), ``"skips"``, or ``"cut"`` (it is the last one of a
    text that breaks off inside it - returned with the paragraph)."""
    node = section.find(path)
    if node is not None:
        last = list(section.root.walk())[-1]
        if section.breaks_off and node.start <= last.start and last.end <= node.end:
            return node, "cut"
        return node, ""
    # Absent: does the text go on past where it would stand (a later sibling at the deepest
    # level the text has), or does it stop before it?
    parent = section.root
    for label in path:
        child = next((c for c in parent.children if c.path[-1] == label), None)
        if child is None:
            if any(_after(c.path[-1], c.style, label) for c in parent.children):
                return None, "skips"
            return None, "skips" if parent.path and _later_in_section(section, parent) else "ends"
        parent = child
    return None, "ends"


def _after(have: str, style: str, want: str) -> bool:
    a, b = ordinal(have, style), ordinal(want, style)
    return a is not None and b is not None and a > b


def _later_in_section(section: Section, node: Paragraph) -> bool:
    return any(p.start > node.end for p in section.root.walk())


def resolve(cite: ProvisionCite, store: _Store) -> Found | Absent:
    """Where the sources hold the cited paragraph: :class:`Found` (the first document whose
    text of the section has the paragraph), else :class:`Absent` with the reason of the
    document that comes closest (one that has the section at all)."""
    if cite.section is None:
        return Absent(cite, "section")
    docs = documents_with_section(store, cite.section)
    if not docs:
        return Absent(cite, "section")
    first_absent: Absent | None = None
    for doc, sec in docs:
        node, why = locate(sec, cite.path)
        if node is not None and why != "cut":
            return Found(cite, doc, sec, node)
        if first_absent is None:
            first_absent = Absent(cite, why or "cut", doc, sec)
    return first_absent  # type: ignore[return-value]


def resolve_question(question: str, store: _Store, asked: Sequence[str] = ()) -> list[Found | Absent]:
    """The cited paragraphs of ``question`` resolved against ``store``, without the citations
    that need not be answered:

    * a citation whose section is in no source and was not marked as one ("1.25(b)" could be
      a figure's note) - only a marked one ("§ 740.2(a)(5)") is said to be absent;
    * a citation with no section at all ("paragraph (b)" with no section cited);
    * a citation the question words as the section's own text refers to it ("may BIS drop an
      entity that stopped *the activities in paragraph (b)*?" of a text saying "the activities
      described in paragraph (b) of this section"): the question asks what the text it has says
      of that paragraph, not for the paragraph (:func:`names_as_referred`);
    * a citation that a found paragraph itself writes ("What does 744.16(a) say about
      744.11(a)(1)?": the question quotes the found text's cross-reference, it asks the found
      paragraph).

    ``asked``: the words naming what the question asks for (its focus noun phrase). Empty when
    the question cites no paragraph of a regulation section."""
    out: list[Found | Absent] = []
    for cite in parse_citations(question):
        if cite.section is None:
            continue
        r = resolve(cite, store)
        if isinstance(r, Absent) and r.why == "section" and not cite.marked:
            continue
        if isinstance(r, Absent) and r.section is not None and r.doc is not None \
                and names_as_referred(question, r.cite, r.doc.body[r.section.root.start:r.section.root.end], asked):
            continue
        log.debug("provision %s: %s", cite.label(), "found" if isinstance(r, Found) else f"absent ({r.why})")
        out.append(r)
    if not out:
        # "the companies in paragraph (5) of the definition of covered equipment": a paragraph the
        # definition the sources hold lacks is no near miss to answer from the paragraphs it has.
        from .definitions import absent_definition_paragraphs

        out += absent_definition_paragraphs(question, store)
    found_text = " ".join(_squash(f.doc.body[f.paragraph.start:f.paragraph.end]) for f in out if isinstance(f, Found))
    if found_text:
        out = [r for r in out if isinstance(r, Found) or _squash(r.cite.label()) not in found_text]
    return out


def _same_word(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` forms of one word ("activities"/"activity", "criteria"/"criterion")?
    They share all but the last two letters of the shorter, and at least four."""
    a, b = a.lower(), b.lower()
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    return p >= 4 and p >= min(len(a), len(b)) - 2


def _content_words(text: str) -> list[str]:
    from agent.text import STOPWORDS

    return [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", text) if w.lower() not in STOPWORDS and len(w) > 2]


# How many words before a citation describe what it cites ("the *activities* in paragraph (b)").
_DESCRIBING_WORDS = 4


def names_as_referred(question: str, cite: ProvisionCite, text: str, asked: Sequence[str] = ()) -> bool:
    """Does the question describe the cited paragraph with the word the section's own ``text``
    uses where it refers to that paragraph ("may BIS drop an entity that stopped the *activities*
    in paragraph (b)?" / "the *activities* described in paragraph (b) of this section")? Then the
    question reuses the text's cross-reference: it asks about the referring text, which the
    sources have. A word naming what the question asks for (``asked``: its focus, "What
    *criteria* does paragraph (b) set out?") asks for the paragraph itself, whatever the text
    calls it. Compares the content words just before the citation in each."""
    before = question[:cite.start].split()[-_DESCRIBING_WORDS:]
    words = [w for w in _content_words(" ".join(before)) if not any(_same_word(w, f) for f in asked)]
    if not words:
        return False
    enums = "".join(rf"\({re.escape(p)}\)" for p in cite.path)
    ref = re.compile(rf"(?:\bparagraphs?\s+|{re.escape(cite.section or '')}\s?)(?:\([^)]*\)\s*(?:and|or|,)\s*)*{enums}")
    for m in ref.finditer(text):
        window = _content_words(" ".join(text[max(0, m.start() - 80):m.start()].split()[-(_DESCRIBING_WORDS + 2):]))
        if any(_same_word(w, x) for w in words for x in window):
            return True
    return False


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ------------------------------------------------------------------ sections cited alone
# A question may cite a section without a paragraph ("Under FAR 4.2104, who can grant a
# waiver?", "What waivers does FAR 4.2104 describe?"). When no source holds that section's
# text and the sources only cite its number in passing (a cross-reference in another rule,
# a table of contents line), what the question asks for - the section's own content - is
# not in the sources; a near miss answered from the rule that cross-refers to it is wrong.
# Whether the question asks for the section's content is read from its dependency parse
# (spaCy), with the citation masked as "the section" (the small parser reads "FAR 4.2104"
# as an adverb and a figure; it reads a plain noun phrase reliably).

# Words before a citation's marker that belong to the citation: a CFR title number, the
# regulation's name ("48 CFR", "FAR section 4.2104", "Federal Acquisition Regulation 4.2104").
_LEADING = re.compile(r"(?:\b(?:\d{1,2}\s+)?(?:C\.?F\.?R\.?|FAR|DFARS|(?:Federal\s+Acquisition\s+)?Regulations?)"
                      r"\s+)+$")
_REGULATION_MARK = re.compile(r"\b(?:Federal\s+Acquisition\s+)?Regulations?\s+$")
# A number marked as a part or subpart ("subpart 4.21") names the sections under it, not one.
_WIDER_MARK = re.compile(r"\b(?:sub)?parts?\b", re.I)
# Prepositions (closed class) whose object is the rule an assertion holds in: "under FAR 4.2104",
# "per § 612.9", "in 4.2104", "pursuant to 4.2104", "by" (the agent of a passive: "required by").
_FRAMING_PREPOSITIONS = frozenset({"under", "per", "in", "within", "by", "pursuant to", "according to",
                                   "subject to"})
_DETERMINERS = re.compile(r"\b(?:the|a|an|this|that)\s+$", re.I)


@dataclass(frozen=True)
class SectionCite:
    """A section cited without a paragraph: its ``number`` and the span ``start``-``end`` of the
    whole citation as written (marker words included: "FAR 4.2104", "15 CFR 748.5")."""

    number: str
    start: int
    end: int
    marked: bool


def section_only_citations(question: str) -> list[SectionCite]:
    """The regulation sections ``question`` cites without a paragraph ("Under FAR 4.2104, ...",
    "What does § 612.9 cover?"): neither a paragraph citation (:func:`parse_citations`) nor a part
    or subpart ("subpart 4.21" is the sections under it)."""
    para_spans = [(c.start, c.end) for c in parse_citations(question)]
    out = []
    for m in _SECTION_RE.finditer(question):
        num, s, e = m.group("num"), m.start("num"), m.end("num")
        if any(a <= s < b for a, b in para_spans):
            continue  # "paragraph (b) of § 744.11"
        if re.match(rf"[ \t]?{ENUM}", question[e:]):
            continue  # a paragraph path follows: a paragraph citation
        marker = m.group("marker") or ""
        if _WIDER_MARK.search(marker):
            continue
        start = m.start("marker") if marker else s
        lead = _LEADING.search(question[:start]) or \
            (re.search(r"\b\d{1,2}\s+$", question[:start]) if re.match(r"C\.?F", marker) else None)
        start = lead.start() if lead else start
        marked = bool(marker) or start < s
        out.append(SectionCite(num, start, e, marked))
    return out


def _masked(text: str, cite: tuple[int, int], others: Sequence[tuple[int, int]] = ()) -> tuple[str, int]:
    """``text`` with the citation at ``cite`` written as "the section" and the ``others`` as "the
    rule" (just "section"/"rule" after a determiner: "the FAR 4.2104 waivers"); returns the masked
    text and the offset of the word "section" in it."""
    spans = sorted({(a, b) for a, b in [cite, *others]})
    out, pos, at = "", 0, -1
    for a, b in spans:
        if a < pos:
            continue
        out += text[pos:a]
        noun = "section" if (a, b) == cite else "rule"
        if not _DETERMINERS.search(out[-12:]):
            out += "the "
        if (a, b) == cite:
            at = len(out)
        out += noun
        pos = b
    return out + text[pos:], at


def _preposition(p) -> str:
    """A preposition token as one word or a two-word preposition ("pursuant to", "according to")."""
    if p.lower_ == "to" and p.head.lower_ in ("pursuant", "according", "subject"):
        return f"{p.head.lower_} to"
    return p.lower_


def _phrase(s) -> tuple[object, bool] | None:
    """The noun phrase whose role a citation plays: the citation's own token, or the noun it
    possesses ("the section's waivers": what it provides) - flagged ``True``; through
    conjunctions to the first conjunct. None when the citation is part of a name: it modifies
    a noun ("the 52.204-26 representation", "4.2104 waivers": a thing named after the section,
    which other documents may describe) or a title-case name follows it ("the Section 4.2104
    Waiver Guide")."""
    if any(c.i > s.i and c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in s.children):
        return None
    node, possessor = s, False
    if node.dep_ in ("compound", "nmod", "nummod", "amod"):
        return None
    if node.dep_ == "poss" and node.head.i != node.i:
        node, possessor = node.head, True
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node, possessor


def _is_wh(t) -> bool:
    return t.tag_ in ("WDT", "WP", "WP$") or any(c.tag_ in ("WDT", "WP", "WP$") and c.dep_ == "det" for c in t.children)


def _reported(node, section) -> bool:
    """Does ``node`` stand in what another party says: below a verb of communication (WordNet's
    first sense: "say", "describe", "mention") whose subject is neither the section, nor a wh-word
    (what is asked), nor a personal pronoun ("What does *the guide say* about the section's
    waivers?")?"""
    from agent.lexical import speech_first

    a = node
    while a.head.i != a.i:
        a = a.head
        if a.pos_ not in ("VERB", "AUX") or not speech_first(a.lemma_.lower()):
            continue
        for c in a.children:
            if c.dep_ in ("nsubj", "nsubjpass") and section not in c.subtree and not _is_wh(c) and c.tag_ != "PRP":
                return True
    return False


def _passive(verb) -> bool:
    """Is ``verb`` passive (a passive auxiliary: "was amended")?"""
    return any(c.dep_ == "auxpass" for c in verb.children)


def asks_section_content(question: str, cite: SectionCite, others: Sequence[SectionCite] = ()) -> bool:
    """Does ``question`` ask for what the cited section itself says - the section frames its
    asking clause ("*Under FAR 4.2104*, who can grant a waiver?", "What waivers does *FAR 4.2104*
    describe?", "the purpose of *§ 612.9*", "Summarize *§ 612.9*") - rather than about it as the
    object of another document's verb ("Which rule *added* 4.2104?", "When was 4.2104 *amended*?",
    "What does the FAC guide *say about* 4.2104 waivers?")? From spaCy's dependency parse of the
    question with the citation masked as "the section"."""
    from .nlp import parse

    text, at = _masked(question, (cite.start, cite.end), [(o.start, o.end) for o in others])
    doc = parse(text)
    s = next((t for t in doc if t.idx == at), None)
    if s is None:
        return False
    found = _phrase(s)
    if found is None:
        return False  # part of a name
    node, possessor = found
    if _reported(node, s):
        return False
    if possessor:
        return True  # "the section's waivers": what it provides
    dep = node.dep_
    if dep in ("nsubj", "ROOT", "attr", "npadvmod"):
        # "When was the section amended?" (a passive the parser may label nsubj), "When was the
        # section added ...?" (a past participle after it): what was done to it.
        return not (_passive(node.head) or any(c.dep_ == "acl" and c.tag_ == "VBN" for c in node.children))
    if dep == "dobj":
        # The object of a request ("Summarize the section") is what is asked; of another's verb
        # ("Which rule added the section?") it is acted on.
        return not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in node.head.children)
    if dep == "pobj":
        p = node.head
        if p.dep_ == "agent" or _preposition(p) in _FRAMING_PREPOSITIONS:
            return True
        return p.head.pos_ in ("NOUN", "PROPN")  # "the purpose of the section"
    return False  # nsubjpass, an object of another's verb: acted on


def discusses_section(sentence: str, start: int, end: int) -> bool:
    """Does a source ``sentence`` speak of the section it cites at ``start``-``end`` as what its
    main clause is about - the subject of its main verb ("FAR 4.2104 allows agency heads to
    ...", "4.2104 waivers last two years") or its frame ("Under FAR 4.2104, the head of an agency
    may grant ...") - rather than in passing (a cross-reference inside a noun phrase: "covered
    by a waiver described in 4.2104"; a table of contents line: "4.2104 Waivers.")?"""
    from .nlp import parse

    line = sentence.strip()
    if _HEADING.fullmatch(line) and len(line.split()) <= 12:
        return False  # a heading or table of contents line names the section, it says nothing of it
    text, at = _masked(sentence, (start, end))
    doc = parse(text)
    s = next((t for t in doc if t.idx == at), None)
    found = _phrase(s) if s is not None else None
    if found is None:
        return False
    node, _ = found
    root = node.sent.root
    main = {root.i} | {c.i for c in root.children if c.dep_ == "conj"}
    if node.dep_ == "nsubj" and node.head.i in main and not _passive(node.head):
        return True  # not "§ 612.9 was added by ...": what was done to it
    if node.dep_ == "pobj":
        p = node.head
        return (p.dep_ == "agent" or _preposition(p) in _FRAMING_PREPOSITIONS) and p.head.i in main
    return False


@dataclass
class SectionNotHeld:
    """A section a question asks about that no source holds: its citation and the documents
    that only cite it in passing (their titles)."""

    cite: SectionCite
    cited_by: list[str]

    def reason(self) -> str:
        """The abstention's reason, naming the section."""
        where = f"; the sources only cite it in passing ({'; '.join(self.cited_by[:3])})" if self.cited_by else ""
        return f"no source holds the text of section {self.cite.number}{where}"


def _mentions(store: _Store, number: str,
              limit: int = 50) -> tuple[list[object], list[tuple[object, int, int, int, int]]]:
    """The indexed documents that write section ``number`` (by keyword search on it), and where
    they write it: ``(document, sentence start, sentence end, start, end)``."""
    from ingest.chunking import split_sentences

    docs, out = [], []
    pat = re.compile(rf"(?<![\w.$€£¥-]){re.escape(number)}(?![\w%]|\.\d|-\d)")
    for doc in documents_matching(store, number, limit):
        docs.append(doc)
        spans = split_sentences(doc.body)
        for m in pat.finditer(doc.body):
            a, b = next(((a, b) for a, b in spans if a <= m.start() < b), (m.start(), m.end()))
            out.append((doc, a, b, m.start(), m.end()))
    return docs, out


def section_not_held(question: str, store: _Store) -> SectionNotHeld | None:
    """The first section ``question`` cites without a paragraph and asks the content of
    (:func:`asks_section_content`) that the sources do not hold: no document is that section
    (none has its heading with text under it), none is about it (its title names it) and every
    sentence that writes its number cites it in passing (:func:`discusses_section` is false). A
    number the question does not mark as a section ("FAR", "§", "CFR", "section") counts only
    when a source marks it so (else it may be a figure). None when there is no such section."""
    cites = section_only_citations(question)
    for cite in cites:
        if documents_held(store, cite.number):
            continue
        docs, mentions = _mentions(store, cite.number)
        if not cite.marked and not any(_marked_at(d.body, s) for d, _, _, s, _ in mentions):
            continue
        if not asks_section_content(question, cite, [c for c in cites if c is not cite]):
            continue
        if any(cite.number in {n for n, *_ in sections_cited(getattr(d, "title", ""))} for d in docs):
            continue  # a document about the section (its title names it): it may say what the section does
        if any(discusses_section(d.body[a:b], s - a, e - a) for d, a, b, s, e in mentions):
            continue
        # Each citing document by its title's main part ("FAR 4.2102 Prohibition", not its subtitle).
        cited_by = list(dict.fromkeys(re.split(r"\s+[(\[]", getattr(d, "title", ""))[0] for d, *_ in mentions))
        log.debug("section %s: no source holds it (cited in passing by %d documents)", cite.number, len(cited_by))
        return SectionNotHeld(cite, cited_by)
    return None


def _marked_at(body: str, start: int) -> bool:
    """Is the section number at ``start`` of ``body`` marked as one ("FAR 4.2104", "§ 744.11",
    "Federal Acquisition Regulation 4.2104")?"""
    before = body[max(0, start - 40):start]
    return bool(re.search(rf"{_MARKER}$", before) or _REGULATION_MARK.search(before))


def documents_held(store: _Store, number: str) -> list[tuple[object, Section]]:
    """The documents holding text of section ``number`` (:func:`documents_with_section`), less a
    heading with no text under it (a table of contents line: "4.2104 Waivers.")."""
    return [(d, s) for d, s in documents_with_section(store, number)
            if d.body[s.root.start:s.root.end].strip()]
