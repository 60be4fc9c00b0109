"""Helpers shared by the format loaders: the load error, dates, document types, titles."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Callable


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



# ------------------------------------------------------------ printed page markers
# Texts of printed documents mark where a printed page starts: GPO's text and HTML
# editions of the Federal Register and the CFR a line "[[Page 11112]]", federalregister.gov
# an inline "Start Printed Page 11112" element. The marker is not text of the document (left
# in, it splits the sentence it interrupts, or runs into the next word); it says which
# printed page the text after it is on. Loaders turn markers into PAGE_MARK and
# take_page_marks() takes them out, recording where each printed page starts.
PAGE_MARK = "\ue000{}\ue001"
_MARK = re.compile("\\s*\ue000(\\d*)\ue001\\s*")
_GPO_PAGE_LINE = re.compile(r"^[ \t]*\[\[Page (\d{1,6})\]\][ \t]*$", re.M)
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]$")


def gpo_page_line(n: int) -> str:
    """GPO's page line for printed page ``n``."""
    return f"[[Page {n}]]"


def mark_gpo_pages(text: str) -> str:
    """``text`` with each GPO page line ("[[Page 11112]]") turned into a :data:`PAGE_MARK`."""
    return _GPO_PAGE_LINE.sub(lambda m: PAGE_MARK.format(m.group(1)), text) if "[[Page " in text else text


def take_page_marks(body: str, between: Callable[[int], str] | None = None) -> tuple[str, list[int], list[int]]:
    """``(body, pages, page_numbers)``: the body without its :data:`PAGE_MARK` marks, the
    offsets where printed pages start and their printed numbers (the text before the first
    mark is on the page before it). White space around a mark becomes what the text needs
    there: a space between words of a sentence; a single line break where a paragraph
    broken off by a page marker goes on ("... for these entities" / "is a presumption",
    which would otherwise read as two paragraphs); a paragraph break where it ends -
    with the marker's own text (``between(n)``, "[[Page 68315]]") as a line of its own
    when the edition prints one there, as a form feed stays in a text file.
    Without marks: ``(body, [], [])``."""
    if "\ue000" not in body:
        return body, [], []
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    length = 0
    pos = 0
    for m in _MARK.finditer(body):
        before = body[pos:m.start()]
        parts.append(before)
        length += len(before)
        ws = m.group(0).replace(f"\ue000{m.group(1)}\ue001", "")
        prev = "".join(parts).rstrip()[-1:] if length else ""
        nxt = body[m.end():m.end() + 1]
        if not prev or not nxt:
            joiner = ""
        elif ws.count("\n") >= 2 or "\n\n" in ws:
            runs_on = not _SENTENCE_END.search(prev) and nxt.islower()
            joiner = "\n" if runs_on else "\n\n"
            if not runs_on and between is not None and m.group(1):
                kept = between(int(m.group(1)))
                parts.append(joiner)
                length += len(joiner)
                starts.append(length)
                numbers.append(int(m.group(1)))
                parts.append(kept + joiner)
                length += len(kept) + len(joiner)
                pos = m.end()
                continue
        elif "\n" in ws:
            joiner = "\n"
        else:
            joiner = " "
        parts.append(joiner)
        length += len(joiner)
        if m.group(1):
            starts.append(length)
            numbers.append(int(m.group(1)))
        pos = m.end()
    parts.append(body[pos:])
    text = "".join(parts)
    if not numbers or any(b <= a for a, b in zip(numbers, numbers[1:])):
        return text, [], []  # out of step: no page numbers rather than wrong ones
    if starts[0] == 0:
        return text, starts, numbers
    return text, [0] + starts, [numbers[0] - 1] + numbers
