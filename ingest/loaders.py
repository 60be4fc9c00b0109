"""Turn files into :class:`Document` records, choosing the format module by suffix.

Formats (one module each under :mod:`ingest.formats`): text/Markdown with an
optional header (``text``), HTML (``html``), PDF (``pdf``), Federal Register and
eCFR XML (``fedreg_xml``), USLM XML - US Code, public laws (``uslm_xml``); XML
goes by its root element's namespace and name, not the file name. Every loader either returns documents with non-empty
bodies or raises :class:`LoadError` with a reason a person can act on.
"""
from __future__ import annotations

import logging
from pathlib import Path

from .formats.common import LoadError, first_line, infer_doc_type, normalise_date
from .formats.html import decode_html, load_html_text
from .formats.pdf import load_pdf_bytes
from .formats.text import decode_bytes, decode_text, load_text, parse_header, strip_payloads
from .records import Document

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
XML_SUFFIXES = {".xml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | XML_SUFFIXES

__all__ = ["LoadError", "SUPPORTED_SUFFIXES", "decode_bytes", "decode_text", "first_line", "infer_doc_type",
           "is_supported", "iter_input_files", "load_documents", "load_file", "load_html_text", "load_pdf_bytes",
           "load_text", "load_xml_documents", "normalise_date", "parse_header", "strip_payloads"]

_first_line = first_line  # old private name, kept for callers


def is_supported(path: str | Path) -> bool:
    """True when tradeqa has a loader for this file's suffix."""
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES


def _read(p: Path) -> bytes:
    if not p.exists():
        raise LoadError("file not found")
    if not p.is_file():
        raise LoadError("not a regular file")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise LoadError("empty file")
    return raw


def load_documents(path: str | Path) -> list[Document]:
    """Load one file into its documents (one, except for XML holding several: the FR
    documents of an issue, the parts of an eCFR title, the sections of a US Code title).

    Raises :class:`LoadError` (missing, unreadable, empty, binary, undecodable,
    broken, encrypted, unsupported type, or no text).
    """
    p = Path(path)
    raw = _read(p)
    suffix = p.suffix.lower()
    source = str(p.resolve())
    if suffix in PDF_SUFFIXES:
        docs = [load_pdf_bytes(raw, source)]
    elif suffix in HTML_SUFFIXES:
        text, enc = decode_html(raw)
        docs = [load_html_text(text, source)]
        docs[0].extra.setdefault("encoding", enc)
    elif suffix in TEXT_SUFFIXES:
        text, enc = decode_bytes(raw)
        docs = [load_text(text, source, markdown=suffix in {".md", ".markdown"}, encoding=enc)]
    elif suffix in XML_SUFFIXES:
        docs = load_xml_documents(raw, source)
    else:
        raise LoadError(f"unsupported file type {suffix or '(no suffix)'}; supported: "
                        + ", ".join(sorted(SUPPORTED_SUFFIXES)))
    docs = [d for d in docs if d.body.strip()]
    if not docs:
        raise LoadError("no text content after parsing")
    _unique_sources(docs)
    return docs


def _unique_sources(docs: list[Document]) -> None:
    """Give every document of a file its own source: the index keeps one document per
    source, so two documents of one file under one name (an FR issue printing a document
    number twice) would leave only the second. The later ones get ``+2``, ``+3``..."""
    seen: dict[str, int] = {}
    for d in docs:
        n = seen.get(d.source, 0) + 1
        seen[d.source] = n
        if n > 1:
            log.warning("%s: a second document under the same name; indexed as %s+%d", d.source, d.source, n)
            d.source = f"{d.source}+{n}"


def load_xml_documents(raw: bytes, source: str) -> list[Document]:
    """The documents of an XML file, by its vocabulary: USLM (US Code, public laws) when
    the root element is in a USLM namespace, else Federal Register / eCFR by the root
    element's name. Never by the file name (``usc19.xml`` and ``2024-10858.xml`` say
    nothing reliable). Raises :class:`LoadError` for malformed or unsupported XML."""
    from .formats.fedreg_xml import fedreg_documents, parse_xml
    from .formats.uslm_xml import is_uslm, load_uslm

    root = parse_xml(raw)
    if is_uslm(root):
        return load_uslm(root, source)
    return fedreg_documents(root, source)


def load_file(path: str | Path) -> Document:
    """Load one file into a single :class:`Document` (the first, for a multi-document XML issue)."""
    return load_documents(path)[0]


def iter_input_files(paths: list[str | Path], *, include_unsupported: bool = False) -> list[Path]:
    """Expand files and folders (recursively) into a sorted list of files.

    Explicit files are kept whatever their suffix (so an unsupported one is
    reported); folders contribute their non-hidden files - only the supported
    ones unless ``include_unsupported`` (the pipeline reports those as skipped).
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and (include_unsupported or is_supported(f)) and not any(
                    part.startswith(".") for part in rel.parts
                ):
                    out.append(f)
        else:
            out.append(p)
    seen: set[str] = set()
    unique = []
    for f in out:
        key = str(f.resolve()) if f.exists() else str(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
