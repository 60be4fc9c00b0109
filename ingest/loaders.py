"""Turn files into :class:`Document` records (text/Markdown with header, plain text, HTML, PDF).

Every loader either returns a Document with a non-empty body or raises
:class:`LoadError` with a reason a person can act on.
"""
from __future__ import annotations

import io
import logging
import re
from datetime import datetime
from pathlib import Path

from .records import Document

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES

# A header line is `key: value` with a short lowercase-ish key.
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]{0,30}):[ \t]*(.*)$")
_HTML_DROP = ["script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg", "iframe", "button"]
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article",
               "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "main"}


class LoadError(Exception):
    """A file could not be turned into a document; ``str(err)`` is the reason."""


def load_file(path: str | Path) -> Document:
    """Load one file into a :class:`Document`, choosing the loader by suffix."""
    p = Path(path)
    if not p.exists():
        raise LoadError("file not found")
    if not p.is_file():
        raise LoadError("not a regular file")
    suffix = p.suffix.lower()
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise LoadError("empty file")
    source = str(p.resolve())
    if suffix in PDF_SUFFIXES:
        doc = load_pdf_bytes(raw, source)
    elif suffix in HTML_SUFFIXES:
        doc = load_html_text(decode_text(raw), source)
    elif suffix in TEXT_SUFFIXES:
        doc = load_text(decode_text(raw), source, markdown=suffix in {".md", ".markdown"})
    else:
        raise LoadError(f"unsupported file type {suffix or '(no suffix)'}; supported: "
                        + ", ".join(sorted(SUPPORTED_SUFFIXES)))
    if not doc.body.strip():
        raise LoadError("no text content after parsing")
    return doc


def decode_text(raw: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse binaries."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise LoadError("undecodable UTF-16 text") from exc
        # A binary file can start with a UTF-16 byte-order mark by chance.
        bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f") + text.count("\ufffd")
        if "\x00" in text or bad > max(2, len(text) // 100):
            raise LoadError("binary file (control characters after UTF-16 decoding), not text")
        return text
    if b"\x00" in raw[:8192]:
        raise LoadError("binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(f"not valid UTF-8 text (byte {exc.start}); re-save the file as UTF-8") from exc


def parse_header(text: str) -> tuple[dict[str, str], str]:
    """Split ``key: value`` header lines (ended by a ``---`` line) from the body.

    Also accepts YAML-style front matter that opens with ``---``. Returns
    ``({}, text)`` when the text has no such header; the body is verbatim.
    """
    lines = text.splitlines(keepends=True)
    i = 0
    if lines and lines[0].strip() == "---":
        i = 1
    header: dict[str, str] = {}
    last_key = None
    for j in range(i, len(lines)):
        line = lines[j].rstrip("\r\n")
        if line.strip() == "---":
            if not header:
                return {}, text
            body = "".join(lines[j + 1:])
            return header, body
        m = _HEADER_LINE.match(line)
        if m:
            last_key = m.group(1).strip().lower().replace(" ", "_").replace("-", "_")
            header[last_key] = m.group(2).strip()
        elif line.startswith((" ", "\t")) and last_key:  # folded continuation
            header[last_key] += " " + line.strip()
        else:
            return {}, text
    return {}, text


def normalise_date(value: str) -> str:
    """Return an ISO date (yyyy-mm-dd) for common spellings, or ``""``."""
    value = (value or "").strip()
    if not value:
        return ""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return m.group(0)
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y/%m/%d", "%m/%d/%Y", "%B %Y", "%Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def infer_doc_type(title: str, publisher: str, fallback: str) -> str:
    """Coarse document type for filtering, from title and publisher words."""
    t = f"{title} {publisher}".lower()
    rules = [
        ("screening-list", ("screening list", "entity list entries", "entries added")),
        ("federal-register", ("federal register", "fr doc")),
        ("press-release", ("press release", "press statement", "announcement")),
        ("regulation", ("cfr", "federal acquisition regulation", "far ", "regulations")),
        ("guidance", ("policy flash", "guide", "guidance", "faq")),
        ("news", ("reuters", "associated press", "bloomberg", "news", "times", "journal")),
    ]
    for label, needles in rules:
        if any(n in t for n in needles):
            return label
    return fallback


def _first_line(body: str) -> str:
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return ""


def load_text(text: str, source: str, *, markdown: bool = False) -> Document:
    """Text or Markdown, with an optional corpus header block."""
    header, body = parse_header(text)
    title = header.pop("title", "") or _first_line(body) or Path(source).stem
    publisher = header.pop("publisher", "")
    date = normalise_date(header.pop("date", ""))
    url = header.pop("url", "")
    declared = header.pop("type", "") or header.pop("doc_type", "")
    doc_type = declared or infer_doc_type(title, publisher, "markdown" if markdown else "text")
    return Document(source=source, body=body, title=title, publisher=publisher, date=date,
                    url=url, doc_type=doc_type, extra=header)


def load_html_text(html: str, source: str) -> Document:
    """HTML: drop scripts, styles and navigation; keep the title and the main text."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""

    def meta(*names: str) -> str:
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
            if tag and tag.get("content"):
                return str(tag["content"]).strip()
        return ""

    publisher = meta("og:site_name", "publisher", "dc.publisher", "author")
    date = normalise_date(meta("article:published_time", "date", "dc.date", "pubdate"))
    url = meta("og:url")
    for tag in soup(_HTML_DROP):
        tag.decompose()
    for tag in soup.find_all(attrs={"role": ["navigation", "banner", "contentinfo"]}):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    # Put line breaks around block elements so paragraphs survive get_text.
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    raw_text = root.get_text("")
    paras = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in raw_text.split("\n")]
    body = "\n\n".join(p for p in paras if p)
    if not title:
        h1 = soup.find("h1")
        title = h1.get_text(" ", strip=True) if h1 else _first_line(body)
    return Document(source=source, body=body, title=title, publisher=publisher, date=date, url=url,
                    doc_type=infer_doc_type(title, publisher, "html"))


def load_pdf_bytes(raw: bytes, source: str) -> Document:
    """PDF through pypdf; pages joined by blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not raw.startswith(b"%PDF"):
        raise LoadError("not a PDF file (missing %PDF signature)")
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 - pypdf raises several types here
                raise LoadError("encrypted PDF") from exc
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        info = reader.metadata or {}
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"broken PDF: {exc}") from exc
    body = "\n\n".join(p for p in pages if p)
    if not body.strip():
        raise LoadError("PDF has no extractable text (scanned image?)")
    title = str(info.get("/Title") or "").strip() or _first_line(body)
    publisher = str(info.get("/Author") or "").strip()
    date = ""
    created = str(info.get("/CreationDate") or "")
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", created)
    if m:
        date = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return Document(source=source, body=body, title=title, publisher=publisher, date=date,
                    doc_type=infer_doc_type(title, publisher, "pdf"))


def iter_input_files(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders (recursively) into a sorted list of files.

    Explicit files are kept whatever their suffix (so an unsupported one is
    reported); folders contribute their supported, non-hidden files.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and not any(
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
