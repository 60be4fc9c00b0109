"""Helpers shared by the format loaders: the load error, dates, document types, titles."""
from __future__ import annotations

import re
from datetime import datetime


class LoadError(Exception):
    """A file could not be turned into a document; ``str(err)`` is the reason."""


def normalise_date(value: str) -> str:
    """Return an ISO date (yyyy-mm-dd) for common spellings, or ``""``."""
    value = (value or "").strip()
    if not value:
        return ""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return m.group(0)
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%A, %B %d, %Y", "%Y/%m/%d", "%m/%d/%Y", "%Y%m%d",
                "%B %Y", "%Y"):
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


def first_line(body: str) -> str:
    """The first non-blank line (Markdown heading marks removed), at most 200 characters."""
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return ""


_WS = re.compile(r"\s+")


def element_text(el, *, skip, spaced) -> str:
    """The text of an XML element in document order, white space collapsed.

    ``skip(e)``: leave out element ``e`` and its descendants (its tail text stays:
    it belongs to the parent). ``spaced(e)``: ``e`` is a block or field that must
    not run into the text before it ("Authority:" + its text), so a space goes
    first. Inline markup (emphasis, references) is read through. Shared by the XML
    readers (Federal Register/eCFR, USLM)."""
    parts: list[str] = []

    def walk(e) -> None:
        if not skip(e):
            if spaced(e):
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

