"""USLM XML: the United States Legislative Markup the Office of the Law Revision Counsel
(uscode.house.gov) publishes the US Code in, and GovInfo publishes public laws, bills
and the Statutes at Large in.

Recognised by the root element's namespace (``http://xml.house.gov/schemas/uslm/1.0``,
or USLM 2's ``http://schemas.gpo.gov/xml/uslm``), never by the file name.

* **US Code** (``<uscDoc>``): one :class:`Document` per section (``<section>`` in
  ``<main>``, not the sections quoted inside notes or amendments). Title
  "19 U.S.C. 2411: Actions by United States Trade Representative" (from the section's
  ``identifier`` and ``<heading>``), publisher from ``<dc:publisher>``, date from
  ``<dc:date>`` or ``<dcterms:created>`` (the edition), ``extra`` with the citation
  (``usc_citation``), the identifier and the chapter/subchapter path. A file of one
  section keeps the file as its source; a title or chapter gives ``file#s2411``.
* **Public laws, bills, resolutions, Statutes at Large** (``<pLaw>``, ``<bill>``, ...):
  one document for the file; title from ``<dc:title>`` (else the long title), date
  from ``<approvedDate>``/``<dc:date>``.

The body keeps reading order: every level (title, chapter, section, subsection,
paragraph, ...) gives its ``<num>`` and ``<heading>`` as a line of its own (a heading
unit for the sentence splitter); a level without a heading puts its number before
its first text ("(1) If the Trade Representative determines ..."); ``<chapeau>``,
``<content>``, ``<p>``, ``<continuation>``, ``<proviso>`` and the source credit are
paragraphs; tables are rows of ``|``-separated cells. Tables of contents, page
markers and marginal notes (``<toc>``, ``<page>``, ``<sidenote>``) are not text.
Notes (``<notes>``: editorial and statutory notes, amendments) follow the section's
text under their headings unless ``include_notes`` is False.
"""
from __future__ import annotations

import logging
import re

from ..records import Document
from .common import LoadError, normalise_date

log = logging.getLogger(__name__)

USLM_NAMESPACES = ("http://xml.house.gov/schemas/uslm/", "http://schemas.gpo.gov/xml/uslm")
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"

# Hierarchical levels, big to small (USLM's <level> subclasses).
LEVELS = {"title", "subtitle", "chapter", "subchapter", "part", "subpart", "division", "subdivision", "article",
          "subarticle", "section", "subsection", "paragraph", "subparagraph", "clause", "subclause", "item",
          "subitem", "subsubitem", "level", "compiledAct", "courtRules", "courtRule", "reorganizationPlans",
          "reorganizationPlan", "appendix", "schedule", "preliminary"}
# Blocks of running text: each is a paragraph of the body.
TEXT_BLOCKS = {"chapeau", "content", "continuation", "proviso", "p", "text", "sourceCredit", "longTitle",
               "officialTitle", "enactingFormula", "docTitle", "signature", "signatures", "action", "quotedContent",
               "def", "figure", "caption", "legislativeHistory", "resolvingClause"}
# Not text of the law: tables of contents, page markers of the print, marginal notes.
SKIP = {"toc", "page", "sidenote", "meta", "layout", "img", "marker"}
_WS = re.compile(r"\s+")
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
    parts: list[str] = []

    def walk(e) -> None:
        name = _local(e)
        if name and name not in SKIP:
            if name in TEXT_BLOCKS or name in LEVELS or name in ("num", "heading"):
                parts.append(" ")
            if e.text:
                parts.append(e.text)
            for child in e:
                walk(child)
        if e.tail:
            parts.append(e.tail)

    if el.text:
        parts.append(el.text)
    for child in el:
        walk(child)
    return _WS.sub(" ", "".join(parts)).strip()


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


def _has_blocks(el) -> bool:
    return any(_local(c) in LEVELS or _local(c) in TEXT_BLOCKS or _local(c) in ("table", "notes", "note")
               for c in el)


def _blocks(el, out: list[str], *, include_notes: bool, prefix: str = "") -> str:
    """Append the paragraphs under ``el`` to ``out`` in reading order.

    ``prefix`` (the number of a level without a heading) goes before the first text
    written; it is returned when nothing was written (the caller keeps it)."""

    def emit(text: str) -> None:
        nonlocal prefix
        if text:
            out.append(f"{prefix} {text}".strip() if prefix else text)
            prefix = ""

    for child in el:
        name = _local(child)
        if not name or name in ("num", "heading"):
            continue
        if name in SKIP and _is_uslm_el(child):
            continue
        if not _is_uslm_el(child) and name != "table":
            emit(_text(child))  # Dublin Core in a preface, foreign markup: its text
        elif name in ("notes", "note"):
            if include_notes:
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
                left = _blocks(child, out, include_notes=include_notes)
            else:
                left = _blocks(child, out, include_notes=include_notes, prefix=f"{prefix} {num}".strip())
                prefix = ""
            if left:
                out.append(left)
        elif not _has_blocks(child) or _mixed(child):
            # A block of running text (chapeau, content, p, ...) or an element whose own
            # text runs around its children: one paragraph, nothing left out.
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
    _blocks(el, out, include_notes=True)


def _meta(root) -> dict[str, str]:
    """Dublin Core and USLM metadata of the document (``title``, ``publisher``, ``date``, ...)."""
    meta = next((c for c in root if _local(c) == "meta"), None)
    found: dict[str, str] = {}
    if meta is None:
        return found
    for el in meta.iter():
        name = _local(el)
        if name and name not in found and _text(el):
            ns = el.tag[1:].split("}", 1)[0] if el.tag.startswith("{") else ""
            key = {DC: "dc:", DCTERMS: "dcterms:"}.get(ns, "") + name
            found[key] = _text(el)
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


def load_uslm(root, source: str, *, include_notes: bool = True) -> list[Document]:
    """Documents of a parsed USLM file (see module docstring).

    Raises :class:`LoadError` when the file holds no text."""
    meta = _meta(root)
    publisher = meta.get("dc:publisher", "")
    publisher = _PUBLISHERS.get(publisher, publisher)
    date = ""
    for key in ("approvedDate", "dc:date", "enrolledDateline", "dcterms:created"):
        date = normalise_date(meta.get(key, ""))
        if date:
            break
    kind = _local(root)
    main = next((c for c in root if _local(c) == "main"), root)
    docs: list[Document] = []
    if kind == "uscDoc" or kind in LEVELS:  # a title, chapter or section file of the Code
        sections = [s for s in main.iter() if _local(s) == "section" and not _in_skipped(s, main)]
        for sec in sections:
            num, heading = _level_head(sec)
            paras = [_head_line(num, heading)] if (num or heading) else []
            left = _blocks(sec, paras, include_notes=include_notes)
            if left:
                paras.append(left)
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
            docs.append(Document(source=src, body="\n\n".join(p for p in paras if p), title=title,
                                 publisher=publisher or "Office of the Law Revision Counsel", date=date,
                                 doc_type="statute", extra=extra))
    if not docs:
        # A public law, bill or resolution (or a US Code file without sections): one document.
        paras: list[str] = []
        preface = next((c for c in root if _local(c) == "preface"), None)
        if preface is not None:
            left = _blocks(preface, paras, include_notes=include_notes)
            if left:
                paras.append(left)
        left = _blocks(main, paras, include_notes=include_notes)
        if left:
            paras.append(left)
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
