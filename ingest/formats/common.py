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
