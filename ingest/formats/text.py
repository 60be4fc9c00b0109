"""Plain text and Markdown: encoding detection, the optional corpus header, and
removal of non-text payloads (data URIs, base64 blobs) from Markdown."""
from __future__ import annotations

import logging
import re
from pathlib import Path

from ..records import Document
from .common import (LoadError, first_line, gpo_page_line, infer_doc_type, mark_gpo_pages, normalise_date,
                     take_page_marks)

log = logging.getLogger(__name__)

# A header line is `key: value` with a short lowercase-ish key.
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]{0,30}):[ \t]*(.*)$")

# Legacy encodings by how common they are in published documents (the WHATWG
# Encoding Standard's locale defaults: windows-1252 first). charset-normalizer
# often finds several single-byte code pages equally plausible for a short text;
# among those that are (nearly) as good as its best guess we take the most common.
_PREFERRED = ["cp1252", "cp1251", "gb18030", "big5", "shift_jis", "euc_kr", "cp1250", "cp1256", "cp1253",
              "cp1254", "cp1255", "cp1257", "cp874", "iso8859_2", "koi8_r"]
_CHAOS_SLACK = 0.05


def _looks_binary(text: str) -> bool:
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f") + text.count("\ufffd")
    return "\x00" in text or bad > max(2, len(text) // 100)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text written without a byte-order mark: every other byte is NUL for Latin text."""
    sample = raw[:4096]
    if len(sample) < 4 or len(raw) % 2:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    for enc, share in (("utf-16-le", odd_nul), ("utf-16-be", even_nul)):
        if share > 0.3 and share > 4 * min(even_nul, odd_nul):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return text
    return None


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode a text file; returns ``(text, encoding)``.

    UTF-8 (BOM or not) and UTF-16 (BOM, or BOM-less Latin text) first; otherwise
    charset-normalizer's detection (Windows-1252/Latin-1, Cyrillic, CJK code pages).
    Raises :class:`LoadError` "binary file ..." for bytes that are no text.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise LoadError("undecodable UTF-16 text") from exc
        # A binary file can start with a UTF-16 byte-order mark by chance.
        if _looks_binary(text):
            raise LoadError("binary file (control characters after UTF-16 decoding), not text")
        return text, "utf-16"
    if b"\x00" in raw[:8192]:
        text16 = _utf16_without_bom(raw)
        if text16 is not None:
            return text16, ("utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be")
        raise LoadError("binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise LoadError("binary file (control characters), not text")
        return text, ("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        raise LoadError("binary file (no text encoding fits), not text; if it is text, re-save it as UTF-8")
    best = min(m.chaos for m in matches)
    # Encodings that decode to the same text are folded into one match
    # (``could_be_from_charset``); any of them is a candidate.
    near: dict[str, object] = {}
    for m in matches:
        if m.chaos <= best + _CHAOS_SLACK:
            for enc in [m.encoding, *m.could_be_from_charset]:
                near.setdefault(enc, m)
    encoding = next((e for e in _PREFERRED if e in near), None) or matches[0].encoding
    text = raw.decode(encoding, errors="replace")
    if _looks_binary(text):
        raise LoadError("binary file (control characters), not text")
    log.info("decoded as %s (not UTF-8)", encoding)
    return text, encoding


def decode_text(raw: bytes) -> str:
    """:func:`decode_bytes` without the encoding name."""
    return decode_bytes(raw)[0]


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


# ![alt](data:...) and [text](data:...): the payload goes, the alt/link text stays.
_MD_DATA_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?data:[^)\s>]*>?(?:\s+\"[^\"\n]*\")?\s*\)", re.I)
# <img ... src="data:..."> in Markdown: keep its alt text.
_HTML_DATA_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']data:[^\"']*[\"'][^>]*>", re.I)
_ALT = re.compile(r"\balt\s*=\s*[\"']([^\"']*)[\"']", re.I)
# [id]: data:... reference definitions.
_MD_DATA_REF = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*<?data:\S*[^\n]*$", re.I | re.M)
# Any other data URI, and bare base64 runs too long to be words (>= 200 chars).
_DATA_URI = re.compile(r"data:[\w.+-]+/[\w.+-]+(?:;[\w=.+-]+)*;base64,[A-Za-z0-9+/=\s]*", re.I)
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{200,}={0,2}")
# Inline <svg> drawings in Markdown (raw HTML): drawing markup and axis labels, not
# prose; their <title> or aria-label (the drawing's accessible name) stays.
_INLINE_SVG = re.compile(r"<svg\b[^>]*>.*?</svg\s*>", re.I | re.S)
_SVG_NAME = re.compile(r"<title\b[^>]*>(.*?)</title\s*>|\baria-label\s*=\s*[\"']([^\"']*)[\"']", re.I | re.S)


def _svg_name(m: re.Match) -> str:
    found = _SVG_NAME.search(m.group(0))
    return " ".join((found.group(1) or found.group(2) or "").split()) if found else ""


def strip_payloads(text: str) -> tuple[str, int]:
    """Remove data URIs, base64 blobs and inline SVG drawings from Markdown, keeping
    alt/link text and a drawing's title.

    Returns ``(clean_text, characters_removed)``. The cleaned text is what gets
    stored, so citation offsets point into it.
    """
    n0 = len(text)
    text = _INLINE_SVG.sub(_svg_name, text)
    text = _MD_DATA_LINK.sub(lambda m: m.group(2).strip(), text)
    text = _HTML_DATA_IMG.sub(lambda m: (_ALT.search(m.group(0)) or [None, ""])[1], text)
    text = _MD_DATA_REF.sub("", text)
    text = _DATA_URI.sub("", text)
    text = _BASE64_RUN.sub("", text)
    return text, n0 - len(text)


def load_text(text: str, source: str, *, markdown: bool = False, encoding: str = "") -> Document:
    """Text or Markdown with an optional corpus header block (see README "Documents").

    Markdown bodies lose data URIs and base64 payloads (their alt text stays).
    ``encoding`` (as detected) is recorded in ``extra['encoding']``. Form feeds mark page
    starts (``pages``); GPO page lines ("[[Page 11112]]") printed pages (``page_numbers``).
    """
    header, body = parse_header(text)
    if markdown or _DATA_URI.search(body):
        body, removed = strip_payloads(body)
        if removed:
            log.info("%s: removed %d characters of embedded data (data URIs / base64)", source, removed)
            header["removed_payload_chars"] = str(removed)
    title = header.pop("title", "") or first_line(body) or Path(source).stem
    publisher = header.pop("publisher", "")
    date = normalise_date(header.pop("date", ""))
    url = header.pop("url", "")
    declared = header.pop("type", "") or header.pop("doc_type", "")
    doc_type = declared or infer_doc_type(title, publisher, "markdown" if markdown else "text")
    if encoding:
        header["encoding"] = encoding
    # A form feed starts a new page (text printed from a paged source, pdftotext output):
    # citations then carry the page, as for a PDF.
    # GPO's "[[Page 11112]]" lines (Federal Register / CFR text editions) say which printed
    # page the text after them is on: citations carry the printed page; a line that breaks
    # a sentence off goes (the sentence is whole again), one between paragraphs stays.
    body, pages, page_numbers = take_page_marks(mark_gpo_pages(body), gpo_page_line)
    if not pages:
        pages = [0] + [m.end() for m in re.finditer("\f", body)] if "\f" in body else []
    return Document(source=source, body=body, title=title, publisher=publisher, date=date,
                    url=url, doc_type=doc_type, extra=header, pages=pages, page_numbers=page_numbers)
