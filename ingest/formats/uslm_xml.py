"""USLM XML: the United States Legislative Markup the Office of the Law Revision Counsel
(uscode.house.gov) publishes the US Code in, and GovInfo publishes public laws, bills,
statute compilations, CFR volumes and (experimentally) Federal Register issues in.

Recognised by the root element's namespace (``http://xml.house.gov/schemas/uslm/1.0``,
or USLM 2's ``http://schemas.gpo.gov/xml/uslm``), never by the file name.

* **US Code** (``<uscDoc>``, or a ``<title>``/``<chapter>``/``<section>`` root): one
  :class:`Document` per section (``<section>`` in ``<main>``, not the sections quoted
  inside notes or amendments). Title "19 U.S.C. 2411: Actions by United States Trade
  Representative" (from the section's ``identifier`` and ``<heading>``), publisher
  from ``<dc:publisher>``, date from ``<dc:date>`` or ``<dcterms:created>`` (the
  edition), ``extra`` with the citation (``usc_citation``), the identifier, the
  title/chapter/subchapter path and a status ("repealed"). A file of one section keeps
  the file as its source; a title or chapter gives ``file#s2411``.
* **Documents with their own metadata inside** (the rules and notices of a Federal
  Register issue, nested in components): one document each, titled by its
  ``<subject>``, published by its agency, with its action and FR citation.
* **CFR volume** (``<cfrDoc>``): one document per part, as the eCFR reader does.
* **Public laws, bills, resolutions, amendments, compilations** (``<pLaw>``, ``<bill>``,
  ...): one document for the file; title from ``<dc:title>`` (else the long title),
  date from ``<approvedDate>``, ``<dc:date>`` or the "Approved March 13, 2017." line.

The body keeps reading order: every level (title, chapter, section, subsection,
paragraph, ...) gives its ``<num>`` and ``<heading>`` as a line of its own (a heading
unit for the sentence splitter); a level without a heading puts its number before
its first text ("(1) If the Trade Representative determines ..."); a caption ending
in ":" runs into its paragraph ("SUMMARY: The ..."); ``<chapeau>``, ``<content>``,
``<p>``, ``<continuation>`` and other blocks are paragraphs, inline markup is read
through; tables are rows of ``|``-separated cells. Tables of contents, indexes, page
markers, running heads, marginal notes and metadata (``<toc>``, ``<page>``,
``<sidenote>``, ``<meta>``...) are not text. Notes (``<notes>``: editorial and
statutory notes, amendments) follow the text under their headings unless
``include_notes`` is False.
"""
from __future__ import annotations

import logging
import re

from ..records import Document
from .common import LoadError, element_text, normalise_date

log = logging.getLogger(__name__)

USLM_NAMESPACES = ("http://xml.house.gov/schemas/uslm/", "http://schemas.gpo.gov/xml/uslm")
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"

# Hierarchical levels, big to small (USLM's <level> subclasses).
LEVELS = {"title", "subtitle", "chapter", "subchapter", "part", "subpart", "division", "subdivision", "article",
          "subarticle", "section", "subsection", "paragraph", "subparagraph", "clause", "subclause", "item",
          "subitem", "subsubitem", "level", "compiledAct", "courtRules", "courtRule", "reorganizationPlans",
          "reorganizationPlan", "appendix", "schedule", "preliminary"}
# Blocks of running text: each is a paragraph of the body (when it holds no other block).
TEXT_BLOCKS = {"chapeau", "content", "continuation", "proviso", "p", "text", "sourceCredit", "longTitle",
               "officialTitle", "enactingFormula", "docTitle", "signature", "signatures", "action", "quotedContent",
               "def", "figure", "caption", "legislativeHistory", "resolvingClause", "statement", "subject",
               "organization", "actionDescription"}
# Markup inside a line of text: read through, never a paragraph break.
INLINE = {"ref", "date", "term", "inline", "b", "i", "u", "sub", "sup", "span", "shortTitle", "del", "ins",
          "quotedText", "entity", "noteRef", "footnoteRef", "footnote", "br", "em", "strong", "a", "abbr",
          "headingText", "designator", "label", "name", "role", "affiliation", "signatureDate", "property",
          "docNumber", "congress", "session", "citableAs", "currentThroughPublicLaw", "approvedDate"}
# Inline markup that may sit inside a word or run straight on from the text before it.
_TIGHT = {"i", "b", "u", "sub", "sup", "span", "inline", "del", "ins", "em", "strong", "a", "footnoteRef",
          "noteRef", "ref", "term", "date", "quotedText", "shortTitle", "entity", "abbr"}
# Not text of the document: tables of contents and indexes, page markers and running
# heads of the print, marginal notes, metadata.
SKIP = {"toc", "page", "sidenote", "meta", "layout", "img", "marker", "leftRunningHead", "rightRunningHead",
        "endMarker", "index", "processedBy", "processedDate"}
_PUBLISHERS = {"OLRC": "Office of the Law Revision Counsel", "GPO": "U.S. Government Publishing Office"}


def is_uslm(root) -> bool:
    """True when the XML root element is in a USLM namespace."""
    tag = root.tag if isinstance(root.tag, str) else ""
    return tag.startswith("{") and tag[1:].startswith(USLM_NAMESPACES)


def _local(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _text(el) -> str:
    """The text of an element (skipped elements left out, white space collapsed).

    Inline markup (``<ref>``, ``<term>``, ``<i>``, ``<date>``, ...) is read through;
    a nested block (a ``<p>`` inside ``<content>``) is set apart by a space."""
    return element_text(el, skip=lambda e: not _local(e) or _is_skipped(e),
                        spaced=lambda e: _local(e) not in _TIGHT)


def _table_lines(table) -> list[str]:
    """An (X)HTML table as a line per row, cells separated by `` | ``."""
    lines = []
    for row in table.iter():
        if _local(row) != "tr":
            continue
        cells = [_text(c) for c in row if _local(c) in ("td", "th")]
        if any(cells):
            lines.append(" | ".join(cells))
    caption = next((c for c in table.iter() if _local(c) == "caption"), None)
    if caption is not None and _text(caption):
        lines.insert(0, _text(caption))
    return lines


def _head_line(num: str, heading: str) -> str:
    """"§ 2411." + "Actions by ..." -> "§ 2411. Actions by ..."; "TITLE I—" + "FINANCE" -> "TITLE I—FINANCE"."""
    if num.endswith(("—", "–", "-")):
        return f"{num}{heading}"
    return f"{num} {heading}".strip()


def _level_head(el) -> tuple[str, str]:
    """``(num, heading)`` texts of a level (either may be "")."""
    num = heading = ""
    for child in el:
        name = _local(child)
        if name == "num":
            num = _text(child)
        elif name == "heading":
            heading = _text(child)
    return num, heading


def _is_uslm_el(el) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    return not tag.startswith("{") or tag[1:].startswith(USLM_NAMESPACES)


def _mixed(el) -> bool:
    """True when ``el`` has running text of its own beside its child elements."""
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _is_skipped(el) -> bool:
    """True for USLM elements that are not text (:data:`SKIP`; ``meta``, ``amendMeta``...)."""
    name = _local(el)
    return _is_uslm_el(el) and (name in SKIP or name.endswith("Meta"))


def _is_text_block(el) -> bool:
    """True when ``el`` reads as one paragraph: it has no child elements but inline
    markup, or it has running text of its own between its children."""
    kids = [c for c in el if isinstance(c.tag, str)]
    return _mixed(el) or all(_local(c) in INLINE or _is_skipped(c) for c in kids)


def _blocks(el, out: list[str], *, include_notes: bool, prefix: str = "", own_head: bool = False) -> str:
    """Append the paragraphs under ``el`` to ``out`` in reading order.

    ``prefix`` (the number of a level without a heading, or a caption such as
    "SUMMARY:") goes before the first text written; it is returned when nothing was
    written (the caller keeps it). ``own_head``: ``el``'s ``<num>``/``<heading>`` were
    written by the caller."""

    def emit(text: str) -> None:
        nonlocal prefix
        if text:
            out.append(f"{prefix} {text}".strip() if prefix else text)
            prefix = ""

    for child in el:
        name = _local(child)
        if not name or (own_head and name in ("num", "heading")):
            continue
        if _is_skipped(child):
            continue
        if not _is_uslm_el(child) and name != "table":
            emit(_text(child))  # Dublin Core in a preface, foreign markup: its text
        elif name in ("notes", "note"):
            if include_notes:
                if prefix:  # a caption above the notes ("LEGISLATIVE HISTORY—H.R. 609:") stays above them
                    out.append(prefix)
                    prefix = ""
                _notes(child, out)
        elif name == "table":
            rows = _table_lines(child)
            if rows:
                emit(rows[0])
                out.extend(rows[1:])
        elif name in LEVELS:
            num, heading = _level_head(child)
            if heading:
                if prefix:  # "(a)" then a sub-level with a heading: the number stands on its own line
                    out.append(prefix)
                    prefix = ""
                out.append(_head_line(num, heading))
                left = _blocks(child, out, include_notes=include_notes, own_head=True)
            else:
                left = _blocks(child, out, include_notes=include_notes, prefix=f"{prefix} {num}".strip(),
                               own_head=True)
                prefix = ""
            if left:
                out.append(left)
        elif name == "heading" or name == "num":
            # A heading of a block that is no level ("SUMMARY:" of an FR statement): a
            # caption ending in ":" runs into its first paragraph, as printed.
            text = _text(child)
            if text.endswith(":") and name == "heading":
                if prefix:
                    out.append(prefix)
                prefix = text
            elif text:
                if prefix:
                    out.append(prefix)
                    prefix = ""
                out.append(text)
        elif _is_text_block(child):
            emit(_text(child))
        else:
            # A container (main, preface, content of paragraphs, quoted sections, ...).
            prefix = _blocks(child, out, include_notes=include_notes, prefix=prefix)
    return prefix


def _notes(el, out: list[str]) -> None:
    """Notes under their headings (a note's topic when it has no heading)."""
    if _local(el) == "notes":
        for note in el:
            if _local(note) == "note":
                _notes(note, out)
        return
    _, heading = _level_head(el)
    if heading:
        out.append(heading)
    left = _blocks(el, out, include_notes=True, own_head=True)
    if left:
        out.append(left)


def _meta(el) -> dict[str, str]:
    """Dublin Core and USLM metadata of ``el``'s own ``<meta>`` (``dc:title``,
    ``dc:publisher``, ``docNumber``, ``property:AGENCY``, ...), first value of each."""
    meta = next((c for c in el if _local(c) == "meta" or _local(c).endswith("Meta")), None)
    found: dict[str, str] = {}
    if meta is None:
        return found
    for item in meta.iter():
        name = _local(item)
        if not name or item is meta or not _text(item):
            continue
        ns = item.tag[1:].split("}", 1)[0] if item.tag.startswith("{") else ""
        key = {DC: "dc:", DCTERMS: "dcterms:"}.get(ns, "") + name
        if name == "property" and item.get("role"):
            key = f"property:{item.get('role')}"
        found.setdefault(key, _text(item))
    return found


def _in_skipped(el, stop) -> bool:
    """True when ``el`` sits inside notes, quoted text or a table of contents (below ``stop``)."""
    p = el.getparent()
    while p is not None and p is not stop:
        if _local(p) in ("notes", "note", "quotedContent", "toc", "section"):
            return True
        p = p.getparent()
    return False


def _path(el, stop) -> str:
    """The levels above a section: "Title 19—CUSTOMS DUTIES / CHAPTER 12—TRADE ACT OF 1974"."""
    names = []
    p = el.getparent()
    while p is not None and p is not stop:
        if _local(p) in LEVELS:
            num, heading = _level_head(p)
            if num or heading:
                names.append(_head_line(num, heading))
        p = p.getparent()
    return " / ".join(reversed(names))


def _usc_citation(identifier: str) -> str:
    """"/us/usc/t19/s2411" -> "19 U.S.C. 2411"; "" for other identifiers."""
    m = re.match(r"/us/usc/t(\w+)/s([^/]+)$", identifier or "")
    return f"{m.group(1)} U.S.C. {m.group(2)}" if m else ""


def _date(el, meta: dict[str, str]) -> str:
    """The date a document is cited by: approved (laws), published (dc:date), else the
    "Approved March 13, 2017." action line, else the file's creation (the edition)."""
    for key in ("approvedDate", "dc:date"):
        date = normalise_date(meta.get(key, ""))
        if date:
            return date
    for item in el.iter():
        if _local(item) in ("approvedDate", "actionDescription"):
            m = re.search(r"([A-Z][a-z]+\.? \d{1,2}, \d{4})", _text(item))
            date = normalise_date(item.get("date", "")) or (normalise_date(m.group(1).replace(".", "")) if m else "")
            if date:
                return date
    return normalise_date(meta.get("dcterms:created", ""))


def _publisher(meta: dict[str, str]) -> str:
    name = meta.get("property:AGENCY", "").rstrip(".") or meta.get("dc:publisher", "")
    return _PUBLISHERS.get(name, name)


def _body(el, include_notes: bool, *, own_head: bool = False) -> str:
    paras: list[str] = []
    if own_head:
        num, heading = _level_head(el)
        if num or heading:
            paras.append(_head_line(num, heading))
    left = _blocks(el, paras, include_notes=include_notes, own_head=own_head)
    if left:
        paras.append(left)
    return "\n\n".join(p for p in paras if p)


def _units(root) -> list:
    """Documents inside a document that carry their own ``<meta>`` (the rules and notices
    of a Federal Register issue in USLM): the innermost such elements below the root."""
    with_meta = [e for e in root.iter() if e is not root and any(_local(c) == "meta" for c in e)]
    inner = set()
    for e in with_meta:
        p = e.getparent()
        while p is not None and p is not root:
            inner.add(id(p))
            p = p.getparent()
    return [e for e in with_meta if id(e) not in inner]


def _unit_document(unit, source: str, n: int, outer: dict[str, str], include_notes: bool) -> Document:
    """One document of a multi-document USLM file (an FR rule or notice)."""
    meta = {**outer, **_meta(unit)}
    subject = next((e for e in unit.iter() if _local(e) == "subject"), None)
    title = _text(subject) if subject is not None else ""
    if not title or title == "Federal Register":
        title = meta.get("dc:title", "") if meta.get("dc:title") != "Federal Register" else title
    extra = {"uslm_type": _local(unit)}
    number = meta.get("docNumber", "")
    if number:
        extra["doc_number"] = number
    if meta.get("property:ACTION"):
        extra["action"] = meta["property:ACTION"]
    volume, page = meta.get("volume", ""), meta.get("startingPage", "")
    if volume.isdigit() and page.isdigit() and "federal register" in meta.get("dc:type", "").lower():
        extra["fr_citation"] = f"{volume} FR {page}"
    date = _date(unit, meta)
    doc_type = "federal-register" if "federal register" in meta.get("dc:type", "").lower() else "statute"
    return Document(source=f"{source}#{number or n}", body=_body(unit, include_notes), title=title[:300] or number,
                    publisher=_publisher(meta), date=date, doc_type=doc_type, extra=extra)


def _mark_footnote_refs(root) -> None:
    """A footnote reference (``<footnoteRef>``, ``<ref class="footnoteRef">``, "the
    actions.<ref class="footnoteRef">1</ref>") reads "[1]", so its number does not run
    into the word or figure before it ("2019.1" reads as a number)."""
    for el in root.iter():
        name = _local(el)
        if name == "footnoteRef" or (name in ("ref", "noteRef") and "footnoteref" in str(el.get("class", "")).lower()):
            text = "".join(el.itertext()).strip()
            if text and len(text) <= 4:
                for child in list(el):
                    el.remove(child)
                el.text = f"[{text.strip('[]()')}]"


def load_uslm(root, source: str, *, include_notes: bool = True) -> list[Document]:
    """Documents of a parsed USLM file (see module docstring).

    Raises :class:`LoadError` when the file holds no text."""
    _mark_footnote_refs(root)
    meta = _meta(root)
    publisher = _publisher(meta)
    date = _date(root, meta)
    kind = _local(root)
    main = next((c for c in root if _local(c) == "main"), root)
    docs: list[Document] = []
    units = _units(root)
    if units:
        outer = {k: v for k, v in meta.items() if k in ("volume", "issue", "dc:date", "dc:publisher")}
        docs = [_unit_document(u, source, n, outer, include_notes) for n, u in enumerate(units, 1)]
    elif kind == "uscDoc" or kind in LEVELS:  # a title, chapter or section file of the US Code
        sections = [s for s in main.iter() if _local(s) == "section" and not _in_skipped(s, main)]
        for sec in sections:
            num, heading = _level_head(sec)
            identifier = sec.get("identifier", "")
            cite = _usc_citation(identifier)
            extra = {"uslm_type": "usc-section"}
            if cite:
                extra["usc_citation"] = cite
            if identifier:
                extra["identifier"] = identifier
            path = _path(sec, main)
            if path:
                extra["hierarchy"] = path
            if sec.get("status"):  # "repealed", "transferred", ...
                extra["status"] = str(sec.get("status"))
            title = f"{cite}: {heading}" if cite and heading else (heading or num or cite)
            src = source
            if len(sections) > 1:
                src = f"{source}#{identifier.rsplit('/', 1)[-1] if identifier else len(docs) + 1}"
            docs.append(Document(source=src, body=_body(sec, include_notes, own_head=True), title=title,
                                 publisher=publisher or "Office of the Law Revision Counsel", date=date,
                                 doc_type="statute", extra=extra))
    elif kind == "cfrDoc":
        # A CFR volume: one document per part, as the eCFR reader does.
        parts = [p for p in main.iter() if _local(p) == "part" and not _in_skipped(p, main)]
        for part in parts:
            num, heading = _level_head(part)
            extra = {"uslm_type": "cfr-part"}
            if _path(part, main):
                extra["hierarchy"] = _path(part, main)
            if part.get("identifier"):
                extra["identifier"] = str(part.get("identifier"))
            docs.append(Document(source=f"{source}#part-{(part.get('identifier') or '').rsplit('/p', 1)[-1] or len(docs) + 1}"
                                 if len(parts) > 1 else source,
                                 body=_body(part, include_notes, own_head=True), title=_head_line(num, heading),
                                 publisher=publisher, date=date, doc_type="regulation", extra=extra))
    if not docs:
        # A public law, bill, resolution or compilation (or a file without sections): one document.
        # Everything but the metadata, in document order (preface, main, and whatever
        # else a document type has: an engrossed amendment's body, a law's history).
        paras = [_body(root, include_notes)]
        official = next((e for e in root.iter() if _local(e) == "officialTitle"), None)
        title = meta.get("dc:title") or (_text(official) if official is not None else "") or meta.get("docNumber", "")
        extra = {"uslm_type": kind}
        for key in ("docNumber", "citableAs", "congress", "session", "dc:type"):
            if meta.get(key):
                extra[key.replace("dc:", "")] = meta[key]
        docs.append(Document(source=source, body="\n\n".join(p for p in paras if p), title=title[:300],
                             publisher=publisher, date=date, doc_type="statute", extra=extra))
    docs = [d for d in docs if d.body.strip()]
    if not docs:
        raise LoadError(f"USLM XML <{kind}> holds no text")
    return docs
