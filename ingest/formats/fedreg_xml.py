"""Federal Register XML (GovInfo issue and per-document XML, federalregister.gov full-text XML)
and eCFR XML.

* **Federal Register**: the GPO "FEDREG" DTD. An issue (``<FEDREG>``) holds sections
  (``RULES``, ``PRORULES``, ``NOTICES``, ``PRESDOCS``) of documents (``RULE``,
  ``PRORULE``, ``NOTICE``, ``PRESDOCU``); federalregister.gov serves one such document
  as its own file. Each document becomes one :class:`Document`: title from
  ``SUBJECT``, publisher from ``AGENCY``, date from the issue's ``DATE``, and
  ``extra`` with the FR citation (``VOL`` + the ``PRTPAGE`` the document starts on),
  the FR document number (``FRDOC``), docket (``DEPDOC``), RIN, CFR parts, action.
  The body keeps the printed order: preamble captions (AGENCY:, ACTION:, SUMMARY:,
  DATES: ...), headings (``HD``) and paragraphs (``P``, ``FP``) as paragraphs,
  tables (``GPOTABLE``) as rows of ``|``-separated cells, the signature and the
  ``FR Doc.`` line. Page markers (``PRTPAGE``) are not text.
* **eCFR** (``ECFR`` or ``DIV1``…``DIV9`` with ``HEAD`` and ``P``): one document per
  part (``DIV5 TYPE="PART"``), else one per file; title from the part's heading.
"""
from __future__ import annotations

import hashlib
import logging
import re

import regex

from ..records import Document
from ..normalise import fold
from .common import LoadError, element_text, normalise_date

log = logging.getLogger(__name__)

FR_DOC_TAGS = {"RULE": "rule", "PRORULE": "proposed-rule", "NOTICE": "notice", "PRESDOCU": "presidential-document"}
_BLOCK = {"HD", "P", "FP", "AGENCY", "SUBAGY", "SUBJECT", "DEPDOC", "RIN", "CFR", "NAME", "TITLE", "DATED",
          "FRDOC", "EXTRACT", "NOTE", "AUTH", "HEAD", "PSPACE", "SECTNO", "AMDPAR", "LSTSUB", "CITA", "EDNOTE",
          "SOURCE", "PARAUTH", "APPRO"}
_SKIP = {"PRTPAGE", "BILCOD", "GPH", "GID", "STARS"}
# A printed page marker (PRTPAGE) becomes this private-use mark around its page number
# while paragraphs are built; :func:`_page_starts` takes the marks out of the body and
# records where each printed page starts.
_PAGE_MARK = re.compile("\ue000(\\d*)\ue001")


def _text(el) -> str:
    """Text of an element (page markers as :data:`_PAGE_MARK` marks), white space collapsed."""
    # Nested blocks ("Authority:" + its text) stay apart.
    return element_text(el, skip=lambda e: e.tag in _SKIP and e.tag != "PRTPAGE",
                        spaced=lambda e: e.tag in _BLOCK or e.tag in ("HED", "PSPACE"))


def _mark_tree(root) -> None:
    """Prepare a parsed FR file: a footnote number (``SU``, "… the actions.<SU>1</SU>")
    reads "[1]", so it does not run into the word or figure before it ("2019.1" reads
    as a number); a printed page marker (``PRTPAGE``) holds its page mark."""
    for su in root.iter("SU"):
        text = "".join(su.itertext()).strip()
        if text and len(text) <= 4:
            for child in list(su):
                su.remove(child)
            su.text = f"[{text.strip('[]()')}]"
    for pp in root.iter("PRTPAGE"):
        for child in list(pp):
            pp.remove(child)
        pp.text = f" \ue000{pp.get('P') or ''}\ue001 "


def _page_starts(paras: list[str]) -> tuple[str, list[int], list[int]]:
    """The body (paragraphs joined by blank lines, page marks taken out), the offsets
    where printed pages start at the marks, and their printed numbers. A mark alone
    (between paragraphs) starts its page at the next paragraph; a mark inside one
    (between two words) at the word after it."""
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    pending: list[int] = []
    length = 0
    for para in paras:
        pieces: list[str] = []
        here: list[tuple[int, int]] = []
        pos = 0
        for m in _PAGE_MARK.finditer(para):
            before = para[pos:m.start()]
            pieces.append(before)
            if m.group(1):
                here.append((sum(map(len, pieces)), int(m.group(1))))
            # The mark stood between words, a space either side: one of them goes.
            pos = m.end() + (1 if before.endswith(" ") and para[m.end():m.end() + 1] == " " else 0)
        pieces.append(para[pos:])
        text = "".join(pieces)
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            pending += [n for _, n in here]
            continue
        if parts:
            length += 2  # the blank line before this paragraph
        for n in pending:
            starts.append(length)
            numbers.append(n)
        pending = []
        for o, n in here:
            starts.append(length + min(max(o - lead, 0), len(text)))
            numbers.append(n)
        parts.append(text)
        length += len(text)
    return "\n\n".join(parts), starts, numbers


def _boxhd_labels(boxhd) -> list[str]:
    """Labels of the table's leaf columns from its column heads (``CHED``): a head at
    level ``H="2"`` sits under the last ``H="1"`` head before it, and so on; a column is
    labelled by its heads top down ("Tariff rate 2025")."""
    path: list[str] = []
    leaves: list[tuple[int, str]] = []
    heads = [(int(c.get("H") or 1) if str(c.get("H") or "1").isdigit() else 1, _text(c)) for c in boxhd.findall("CHED")]
    for i, (level, text) in enumerate(heads):
        del path[level - 1:]
        path.extend([""] * (level - 1 - len(path)))
        path.append(text)
        deeper = i + 1 < len(heads) and heads[i + 1][0] > level
        if not deeper:
            leaves.append((level, " ".join(t for t in path if t)))
    return [t for _, t in leaves]


def _table_lines(table) -> list[str]:
    """A GPOTABLE as lines: its title, then one line per row with each cell labelled by
    its column heads ("HTS subheading: 8703.80.00 | Tariff rate 2025: 100"), as HTML
    tables are read, so that a quoted row says what each figure is."""
    lines = []
    ttitle = table.find("TTITLE")
    if ttitle is not None and _text(ttitle):
        lines.append(_text(ttitle))
    boxhd = table.find("BOXHD")
    labels = _boxhd_labels(boxhd) if boxhd is not None else []
    for row in table.iter("ROW"):
        cells = [_text(c) for c in row.findall("ENT")]
        if any(cells):
            lines.append(" | ".join(f"{labels[k]}: {c}" if k < len(labels) and labels[k] and c else c
                                    for k, c in enumerate(cells) if c))
    tnote = table.findall("TNOTE")
    lines += [_text(n) for n in tnote if _text(n)]
    return lines


def _paragraphs(el, out: list[str]) -> None:
    """Append the printed paragraphs under ``el`` to ``out`` in document order."""
    caption = ""
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "PRTPAGE":  # a page starts here: its mark as a paragraph of its own
            out.append(_text_of_mark(child))
            continue
        if not tag or tag in _SKIP:
            continue
        if caption and tag in ("P", "FP"):
            # A printed caption runs into its first paragraph: "SUMMARY: The Office ...".
            out.append(f"{caption} {_text(child)}".strip())
            caption = ""
            continue
        if caption:
            out.append(caption)
            caption = ""
        if tag == "HD" and child.get("SOURCE") == "HED" and _text(child).endswith(":"):
            caption = _text(child)
        elif tag in ("GPOTABLE", "TABLE"):
            out.extend(_table_lines(child))
        elif tag in _BLOCK or not len(child):
            text = _text(child)
            if text:
                out.append(text)
        else:
            _paragraphs(child, out)
    if caption:
        out.append(caption)


def _text_of_mark(prtpage) -> str:
    return (prtpage.text or "").strip()


def _leading_page(doc) -> str:
    """P of the document's first PRTPAGE if no text precedes it, else ""."""
    for e in doc.iter():
        if e.tag == "PRTPAGE":
            return str(e.get("P") or "")
        if (e.text or "").strip() or (e is not doc and (e.tail or "").strip()):
            return ""
    return ""


def _agency_name(el) -> str:
    """The agency as written in the AGENCY: caption ("Office of the ... (USTR)"), else the
    capitalised AGENCY line."""
    agy = el.find(".//AGY/P")
    if agy is not None and _text(agy):
        return re.sub(r"\s*\([A-Z]{2,}\)\s*\.?$|\.$", "", _text(agy)).strip()
    agency = el.find(".//AGENCY")
    if agency is None:
        return ""
    text = _text(agency)
    if text.isupper():
        small = {"of", "the", "and", "for", "on", "in", "to", "a", "an"}
        words = text.lower().split()
        text = " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    return text


def _fr_documents(root, source: str) -> list[Document]:
    issue_date = ""
    vol = ""
    for el in root.iter("DATE"):
        issue_date = normalise_date(_text(el))
        break
    vol_el = root.find("VOL")
    if vol_el is not None:
        vol = _text(vol_el)
    docs = []
    page = ""
    elements = [root] if root.tag in FR_DOC_TAGS else []
    if not elements:
        elements = [e for e in root.iter(*FR_DOC_TAGS)]
    # Page each document starts on: the last PRTPAGE before it in document order,
    # or its own first PRTPAGE when that comes before any of its text.
    start_page: dict[int, str] = {}
    targets = {id(e) for e in elements}
    for e in root.iter():
        if id(e) in targets:
            start_page[id(e)] = _leading_page(e) or page
            if not start_page[id(e)]:
                # Text before the first page marker of the file is on the page before it.
                first = next((x.get("P") for x in e.iter("PRTPAGE") if (x.get("P") or "").isdigit()), "")
                start_page[id(e)] = str(int(first) - 1) if first else ""
        if e.tag == "PRTPAGE" and e.get("P"):
            page = e.get("P")
    _mark_tree(root)
    multi = len(elements) > 1
    for el in elements:
        paras: list[str] = []
        _paragraphs(el, paras)
        body, starts, numbers = _page_starts(paras)
        # Printed pages: the page the document starts on, then one per page marker
        # (a marker at the very start only confirms the first page).
        pages: list[int] = []
        page_numbers: list[int] = []
        first = start_page.get(id(el), "")
        if first.isdigit():
            pages, page_numbers = [0], [int(first)]
            for o, n in zip(starts, numbers):
                if o == 0 or (pages and o == pages[-1]):
                    pages[-1], page_numbers[-1] = o, n
                elif n > page_numbers[-1]:
                    pages.append(o)
                    page_numbers.append(n)
        subject = el.find(".//SUBJECT")
        title = _mark_free(_text(subject)) if subject is not None else ""
        publisher = _agency_name(el)
        extra: dict[str, str] = {"fr_type": FR_DOC_TAGS[el.tag]}
        publisher = _mark_free(publisher)
        frdoc = el.find(".//FRDOC")
        if frdoc is not None:
            m = re.search(r"FR Doc\.?\s*([\w-]+)", _text(frdoc))
            if m:
                extra["fr_doc"] = m.group(1)
            m = re.search(r"Filed\s+(\d{1,2})[-/](\d{1,2})[-/](\d{2,4})", _text(frdoc))
            if m:
                y = m.group(3) if len(m.group(3)) == 4 else "20" + m.group(3)
                extra["filed"] = f"{y}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
        for tag, key in (("DEPDOC", "docket"), ("RIN", "rin"), ("CFR", "cfr"), ("SUBAGY", "subagency")):
            # "[Docket No. USTR-2024-0002]" -> "USTR-2024-0002"; "RIN 0694-AJ55" -> "0694-AJ55"
            found = [re.sub(r"^\[?\s*(?:Docket\s+(?:No\.|Nos\.|Number)?|RIN)\s*|\]$", "", _text(x)).strip()
                     for x in el.iter(tag) if _text(x)]
            if found:
                extra[key] = "; ".join(dict.fromkeys(found))
        act = el.find(".//ACT")
        if act is not None:
            action = _text(act.find("P")) if act.find("P") is not None else _text(act)
            extra["action"] = re.sub(r"^ACTION:\s*", "", action)
        if vol and start_page.get(id(el)):
            extra["fr_citation"] = f"{vol} FR {start_page[id(el)]}"
        extra = {k: _mark_free(v) for k, v in extra.items()}
        if not title:
            title = extra.get("fr_doc", "") or (body.split("\n\n", 1)[0][:200] if body else "")
        src = f"{source}#{_document_name(extra, title, body)}" if multi else source
        docs.append(Document(source=src, body=body, title=title, publisher=publisher, date=issue_date,
                             doc_type="federal-register", extra=extra, pages=pages, page_numbers=page_numbers))
    return docs


def _mark_free(text: str) -> str:
    """``text`` without page marks (metadata fields)."""
    return " ".join(_PAGE_MARK.sub(" ", text).split())


def _slug(text: str, words: int = 8) -> str:
    """Up to ``words`` folded words of ``text`` joined by hyphens ("Export Controls on
    Widgets" -> "export-controls-on-widgets"); "" if it has no word characters."""
    return "-".join(regex.findall(r"\w+", fold(text))[:words])


def _document_name(extra: dict[str, str], title: str, body: str) -> str:
    """The name of a document of a multi-document file, after '#': its FR document
    number; without one, its FR citation and heading ("89-FR-43201-export-controls-on-widgets").

    Names never depend on the document's position in the file, so a re-ingest after an
    earlier document was dropped from the file keeps the others' names (and their
    index entries); a document without number, page or heading is named by a hash of
    its body. Two documents that still share a name are told apart by
    :func:`ingest.loaders._unique_sources`."""
    if extra.get("fr_doc"):
        return extra["fr_doc"]
    parts = [extra["fr_citation"].replace(" ", "-")] if extra.get("fr_citation") else []
    heading = _slug(title)
    if heading:
        parts.append(heading)
    if not parts:
        parts.append("sha1-" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:12])
    return "-".join(parts)


def _ecfr_documents(root, source: str) -> list[Document]:
    parts = [d for d in root.iter() if isinstance(d.tag, str) and d.tag.startswith("DIV")
             and (d.get("TYPE") or "").upper() == "PART"]
    units = parts or [root]
    docs = []
    for n, el in enumerate(units, 1):
        paras: list[str] = []
        _paragraphs(el, paras)
        head = el.find("HEAD")
        title = _text(head) if head is not None else (paras[0][:200] if paras else "")
        extra = {"ecfr_type": (el.get("TYPE") or el.tag).lower()}
        if el.get("N"):
            extra["ecfr_n"] = str(el.get("N"))
        # Parts are named by their number, else by their heading (not by position).
        src = f"{source}#part-{el.get('N') or _slug(title) or n}" if len(units) > 1 else source
        docs.append(Document(source=src, body="\n\n".join(p for p in paras if p), title=title, publisher="eCFR",
                             doc_type="regulation", extra=extra))
    return docs


def parse_xml(raw: bytes):
    """The root element of an XML file, parsed without network access or entity
    expansion (a hostile file cannot read local files or blow up memory).

    Raises :class:`LoadError` for malformed XML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=True)
    try:
        return etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise LoadError(f"malformed XML: {exc}") from exc


UNSUPPORTED_XML = ("tradeqa reads Federal Register (FEDREG/RULE/NOTICE/PRORULE), eCFR (ECFR/DIV) and USLM "
                   "(US Code, public laws; namespace http://xml.house.gov/schemas/uslm/1.0) XML")


def fedreg_documents(root, source: str) -> list[Document]:
    """Documents of a parsed Federal Register or eCFR file (see module docstring).

    Raises :class:`LoadError` for another XML vocabulary or a file without documents."""
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag in ("FEDREG", "RULES", "PRORULES", "NOTICES", "PRESDOCS") or tag in FR_DOC_TAGS:
        docs = _fr_documents(root, source)
    elif tag == "ECFR" or tag.startswith("DIV") or root.find(".//DIV5") is not None:
        docs = _ecfr_documents(root, source)
    else:
        raise LoadError(f"unsupported XML (root <{tag}>): {UNSUPPORTED_XML}")
    if not docs:
        raise LoadError("XML has no Federal Register or eCFR documents")
    return docs


def load_xml_bytes(raw: bytes, source: str) -> list[Document]:
    """Documents of a Federal Register or eCFR XML file (see module docstring).

    Raises :class:`LoadError` for malformed XML or an XML vocabulary this module does
    not read (:func:`ingest.loaders.load_documents` also reads USLM)."""
    return fedreg_documents(parse_xml(raw), source)
