"""Split document bodies into sentences and overlapping chunks, keeping character offsets.

Offsets are into the document body, so ``body[start:end]`` is always the exact
text of a sentence or chunk; nothing here rewrites text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import regex

from .records import Chunk, Document

# Words after which a period does not end a sentence.
_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "inc", "co", "corp", "ltd", "no", "nos", "mr", "mrs", "ms",
    "dr", "st", "sec", "secs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "vs", "v", "fig", "art", "para", "pp", "p", "cf", "al", "approx", "dept", "gov",
    "jr", "sr", "rd", "ave", "blvd", "bldg", "fl", "messrs", "op", "cit", "ch", "subch", "pub", "l",
    "stat", "fed", "reg", "cong", "sess", "h.r", "s", "u.s.c", "c.f.r", "f.r",
}
# A paragraph ends at a non-space character followed by a blank line (CRLF and blank lines
# holding spaces count). paragraph_spans() finds these ends with one linear scan; what it
# returns is exactly what ``\S(?:.*?\S)?(?=\r?\n[ \t\r\f\v]*\n|\s*\Z)`` (re.S) matches, which
# used to do it ~3x slower (tests/ingest/test_chunking.py compares the two).
_PARAGRAPH_END = re.compile(r"\S\r?\n[ \t\r\f\v]*\n")
_NON_SPACE = re.compile(r"\S")
# A sentence ends at . ! ? (closing quotes and brackets, and a footnote mark "[2]", go
# with it) before white space and a capital, digit or section sign.
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*(?:\[\w{1,3}\])?(?=\s+[\"'“‘(\[]?[A-Z0-9§])")


@dataclass(frozen=True)
class ChunkingOptions:
    """How bodies are cut into chunks (and whether their sentences are embedded too).

    ``max_chars`` ~ 900 keeps a chunk inside all-MiniLM-L6-v2's 256-token window.
    ``embed_sentences``: embed each sentence at ingest (about 3-4x the texts of
    chunks alone) so answering needs no model call beyond the question; off, the
    answerer embeds the sentences it scores at question time (slower questions,
    faster ingest of large collections).
    """

    max_chars: int = 900
    overlap_chars: int = 200
    embed_sentences: bool = False


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial."""
    j = dot
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return True
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):  # U.S, e.g, p.r.c
        return True
    return False


# Lines that are units of their own whatever their length: Markdown/setext headings,
# table rows (cells separated by " | ", tabs or Markdown pipes).
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s|^\s*[=-]{3,}\s*$")
_TABLE_ROW = re.compile(r"^\s*\||\s\|\s|\S\t+\S")
# A line that starts a new unit: a list item ("- ", "* ", "1. ", "(a) ", "iv) ") or a
# record field ("Address: ...", up to four words before the colon). A bullet is any
# symbol character (Unicode category So: "●", "■", "▸", "➢", "✓", "❖"; arrows, Sm "→"),
# a bullet or middle dot (Po "•", "‣", "⁃", "·"), or a private-use glyph (Co): Word's
# Symbol-font bullets come through as U+F0B7 and its like.
_LIST_ITEM = regex.compile(r"^\s*(?:[-*+\u2013\u2022\u2023\u2043\u00b7\p{So}\p{Co}\u2190-\u21ff]"
                           r"|\(?\d{1,3}[.)]|\(?[A-Za-z][.)]|\([ivxlcIVXLC]+\))\s+")
# A list marker that is a number or letter ("301.", "(b)", "iv)"), not a bullet: it may be a
# word of a hard-wrapped sentence.
_ENUMERATOR = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[A-Za-z][.)]|\([ivxlcIVXLC]+\))\s+")
_FIELD = re.compile(r"^\s*[A-Z][\w/()'.-]*(?: [\w/()'.-]+){0,3}:\s")
# A line this close to the longest line of the text may have been wrapped there.
WRAP_SLACK = 0.75


def _hard_break(line: str, nxt: str, width: int) -> bool:
    """True when the line break between ``line`` and ``nxt`` ends a unit.

    A break is *soft* (the text was hard-wrapped, as in Markdown, plain text and PDF
    lines) when the line is long enough that the next line's first word would not
    have fitted after it within the text's wrap width (see :func:`_wrap_width`). Blank lines, headings, table rows, list items and record fields always
    break.
    """
    if not line.strip() or not nxt.strip():
        return True
    if _HEADING.match(line) or _TABLE_ROW.search(line) or _HEADING.match(nxt) or _TABLE_ROW.search(nxt):
        return True
    if _FIELD.match(nxt):
        return True
    if _LIST_ITEM.match(nxt):
        # A number or letter at the start of a wrapped line may be the sentence's own
        # ("... under Section" / "301. The ...", "... paragraph" / "(b) of this section"):
        # after a line that stops mid-sentence where the text wraps, it goes on.
        if not (_ENUMERATOR.match(nxt) and line.rstrip()[-1:].isalnum() and _fills(line, nxt, width)):
            return True
    if nxt[:1] in (" ", "\t") and (_LIST_ITEM.match(line) or line[:1] in (" ", "\t")):
        return False  # an indented continuation of a list item
    last, first_char = line.rstrip()[-1:], nxt.lstrip()[:1]
    if last.islower() and (first_char.islower() or first_char.isdigit()):
        # A line that stops inside a sentence ("... steel pipe is" / "25 percent ..."),
        # however short: a line break set by hand (an HTML <br>, a short PDF line).
        return False
    return not _fills(line, nxt, width)


def _fills(line: str, nxt: str, width: int) -> bool:
    """True when ``line`` was wrapped: the next line's first word would not have fitted after it."""
    first = nxt.split(None, 1)[0]
    return len(line.rstrip()) + 1 + len(first) > WRAP_SLACK * width


def _wrap_width(lines: list[str]) -> int:
    """The width the text was wrapped at: the 90th percentile of its line lengths
    (a running head or a long title line does not set it; most lines of a wrapped
    paragraph come close to it)."""
    lengths = sorted(n for n in (len(ln.rstrip()) for ln in lines) if n)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))]


def split_sentences(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, offset by ``base``.

    Sentences as a reader sees them: a single line break inside a hard-wrapped
    paragraph does not end a sentence; a blank line (``\n\n`` or ``\r\n\r\n``),
    a heading, a table row, a list item, a record field and a short line (one that
    ends well before the wrap width) do (see :func:`_hard_break`). Within such a
    unit we cut after ., ! or ? followed by a capital or digit, unless the period
    closes a known abbreviation. Spans exclude surrounding white space; linear in
    ``len(text)``.
    """
    spans: list[tuple[int, int]] = []
    lines = text.split("\n")
    width = _wrap_width(lines)
    seg_start = 0
    pos = 0
    for idx, line in enumerate(lines):
        line_end = pos + len(line)
        if idx + 1 == len(lines) or _hard_break(line, lines[idx + 1], width):
            _split_unit(text, seg_start, line_end, base, spans)
            seg_start = line_end + 1
        pos = line_end + 1
    return spans


def _split_unit(text: str, a: int, b: int, base: int, spans: list[tuple[int, int]]) -> None:
    """Cut ``text[a:b]`` (one paragraph-like unit) into sentences."""
    unit = text[a:b]
    cursor = 0
    for m in _SENT_END.finditer(unit):
        if unit[m.start()] == "." and (_is_abbreviation(unit, m.start()) or _in_brackets(unit, cursor, m.start())):
            continue
        piece = unit[cursor:m.end()].strip()
        if len(piece) <= 5 and _LIST_ITEM.match(piece + " "):
            continue  # "1. Steel ..." / "(a) The ...": a list marker, not a sentence
        _add_span(spans, unit, a + base, cursor, m.end())
        cursor = m.end()
    _add_span(spans, unit, a + base, cursor, len(unit))


BRACKET_REACH = 160  # a bracketed citation closes within this many characters


def _in_brackets(unit: str, cursor: int, dot: int) -> bool:
    """True when the period at ``dot`` stands inside square brackets that close soon after
    it: an editorial or citation bracket ("[FR Doc. 2025-03456 Filed 3-3-25; 8:45 am]",
    "[Docket No. 250226-0032]") holds no sentence end."""
    opened = unit.rfind("[", cursor, dot)
    if opened < 0 or unit.rfind("]", opened, dot) >= 0:
        return False
    close = unit.find("]", dot, dot + BRACKET_REACH)
    return close >= 0 and unit.find("[", dot, close) < 0


def _add_span(spans: list[tuple[int, int]], line: str, offset: int, a: int, b: int) -> None:
    seg = line[a:b]
    stripped = seg.strip()
    if not stripped:
        return
    lead = len(seg) - len(seg.lstrip())
    s = offset + a + lead
    spans.append((s, s + len(stripped)))


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Paragraphs (runs of non-blank lines; CRLF blank lines count) as ``(start, end)`` spans.

    A paragraph runs from a non-space character to the first paragraph end at least two
    characters on (a lone character before a blank line joins the next paragraph, as the
    regular expression this replaces had it), or to the last non-space character."""
    ends = [m.start() + 1 for m in _PARAGRAPH_END.finditer(body)]
    last = len(body.rstrip())
    spans: list[tuple[int, int]] = []
    pos = 0
    while pos < last:
        m = _NON_SPACE.search(body, pos)
        if m is None:
            break
        start = m.start()
        i = bisect.bisect_left(ends, start + 2)
        end = ends[i] if i < len(ends) else last
        spans.append((start, end))
        pos = end
    return spans


def chunk_document(doc: Document, options: ChunkingOptions = ChunkingOptions()) -> list[Chunk]:
    """Pack paragraphs (or, for long ones, sentences) into chunks of at most
    ``max_chars``, each new chunk repeating up to ``overlap_chars`` of trailing
    sentences of the previous one so that a fact on a boundary is whole in one chunk.
    """
    body = doc.body
    units: list[tuple[int, int, bool]] = []  # (start, end, starts_paragraph)
    for p_start, p_end in paragraph_spans(body):
        if p_end - p_start <= options.max_chars:
            units.append((p_start, p_end, True))
            continue
        sents = split_sentences(body[p_start:p_end], base=p_start)
        for k, (s, e) in enumerate(sents):
            # A sentence longer than a chunk is cut at white space.
            while e - s > options.max_chars:
                cut = body.rfind(" ", s, s + options.max_chars)
                cut = cut if cut > s else s + options.max_chars
                units.append((s, cut, k == 0))
                s = cut
                while s < e and body[s].isspace():
                    s += 1
            if s < e:
                units.append((s, e, k == 0))

    chunks: list[Chunk] = []
    i = 0
    while i < len(units):
        start = units[i][0]
        j = i
        end = units[i][1]
        while j + 1 < len(units) and units[j + 1][1] - start <= options.max_chars:
            j += 1
            end = units[j][1]
        chunks.append(Chunk(doc.doc_id, len(chunks), start, end, body[start:end]))
        if j + 1 >= len(units):
            break
        # Overlap: when the next chunk continues a paragraph, start it with the
        # trailing sentences of this one that fit in overlap_chars.
        nxt = j + 1
        k = nxt
        while k - 1 > i and not units[k][2] and units[nxt - 1][1] - units[k - 1][0] <= options.overlap_chars:
            k -= 1
        i = k
    return chunks
