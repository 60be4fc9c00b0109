"""Federal Register-style prints made with ReportLab (BSD; a test dependency only), from
the text of real FR documents: justified Times columns with word spacing (``Tw``),
bold run-in captions ("SUMMARY:") on the same line as regular text, paragraph
indents, words hyphenated at line ends, running heads with the page number at the
outer edge and a rule under them, the "VerDate ..." production line (rotated in the
left margin, or as a foot line), a ruled table across the page, and optionally a
landscape page holding a wide table.

:func:`print_fr` records where every line was drawn (page, column), so a test can
check the extracted body against what was printed, and find the sentence that runs
across a column or a page break.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

ROMAN, BOLD = "Times-Roman", "Times-Bold"
_CAPTION = re.compile(r"^((?:[A-Z][A-Z ]+|For Further Information Contact|Supplementary Information):)\s+")


@dataclass
class Layout:
    """Page geometry and furniture of a print."""

    columns: int = 3
    size: float = 9.0
    leading: float = 11.0
    margin: float = 42.0
    gutter: float = 12.0
    first_page: int = 54002
    head: str = "Federal Register / Vol. 84, No. 196 / Wednesday, October 9, 2019 / Rules and Regulations"
    verdate: str = ("VerDate Sep<11>2014 17:12 Oct 08, 2019 Jkt 250001 PO 00000 Frm {frm:05d} Fmt 4700 "
                    "Sfmt 4700 E:\\FR\\FM\\09OCR1.SGM 09OCR1")
    verdate_rotated: bool = True  # in the left margin (as GPO prints it), else a foot line
    hyphenate: bool = True
    body_top: float = 0.0  # set per page


@dataclass
class Line:
    """One printed line of body text."""

    text: str
    page: int  # 1-based
    column: int
    paragraph: int


@dataclass
class Printed:
    """A print: its PDF bytes and where each body line went."""

    pdf: bytes
    lines: list[Line] = field(default_factory=list)
    pages: int = 0
    table_page: int = 0


def paragraphs_of(path: Path) -> list[str]:
    """The paragraphs of a corpus file (after its ``---`` header), white space collapsed."""
    text = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _is_heading(p: str) -> bool:
    return len(p) < 60 and not p.endswith((".", ":")) and not p.isupper() and not p.startswith("[")


def _break_lines(words: list[str], first_width: float, width: float, size: float, lead_font: str | None,
                 lead_words: int, hyphenate: bool) -> list[list[str]]:
    """Greedy line breaking; a long word that does not fit is hyphenated (split where its
    first part fits, at least three letters either side) when ``hyphenate``; words in
    capitals are not hyphenated."""
    lines: list[list[str]] = []
    cur: list[str] = []
    i = 0
    words = list(words)
    while i < len(words):
        w = words[i]
        limit = first_width if not lines else width
        trial = " ".join(cur + [w])
        font_w = stringWidth(trial, ROMAN, size) + (
            stringWidth(" ".join(words[:lead_words]), BOLD, size) - stringWidth(" ".join(words[:lead_words]), ROMAN, size)
            if not lines and lead_font else 0)
        if font_w <= limit or not cur:
            cur.append(w)
            i += 1
            continue
        if hyphenate and w.isalpha() and w[1:].islower() and len(w) >= 7:  # as typesetters do: not in capitals
            room = limit - stringWidth(" ".join(cur) + " ", ROMAN, size)
            cut = max((k for k in range(3, len(w) - 2) if stringWidth(w[:k] + "-", ROMAN, size) <= room), default=0)
            if cut:
                cur.append(w[:cut] + "-")
                words[i] = w[cut:]
        lines.append(cur)
        cur = []
    if cur:
        lines.append(cur)
    return lines


def _draw_line(c: canvas.Canvas, x: float, y: float, words: list[str], bold_words: int, size: float,
               justify_to: float | None) -> None:
    """Draw one line; justified lines spread their spaces with the word-spacing operator."""
    t = c.beginText(x, y)
    text = " ".join(words)
    natural = stringWidth(text, ROMAN, size)
    if bold_words:
        bold_text = " ".join(words[:bold_words])
        natural += stringWidth(bold_text, BOLD, size) - stringWidth(bold_text, ROMAN, size)
    spaces = len(words) - 1
    t.setWordSpace((justify_to - natural) / spaces if justify_to and spaces else 0)
    if bold_words:
        t.setFont(BOLD, size)
        t.textOut(" ".join(words[:bold_words]) + (" " if len(words) > bold_words else ""))
    t.setFont(ROMAN, size)
    t.textOut(" ".join(words[bold_words:]))
    c.drawText(t)


def _furniture(c: canvas.Canvas, lay: Layout, page: int, width: float, height: float) -> float:
    """Running head, its rule and the VerDate line; returns the top of the body area."""
    folio = str(lay.first_page + page - 1)
    y = height - lay.margin
    c.setFont(BOLD, 7)
    if page % 2 == 1:  # a left-hand page: folio at the left edge
        c.drawString(lay.margin, y, folio)
        c.setFont(ROMAN, 7)
        c.drawString(lay.margin + 40, y, lay.head)
    else:
        c.setFont(ROMAN, 7)
        c.drawString(lay.margin, y, lay.head)
        c.setFont(BOLD, 7)
        c.drawRightString(width - lay.margin, y, folio)
    c.setLineWidth(0.5)
    c.line(lay.margin, y - 3, width - lay.margin, y - 3)
    c.setFont(ROMAN, 5)
    line = lay.verdate.format(frm=page)
    if lay.verdate_rotated:
        c.saveState()
        c.translate(14, 120)
        c.rotate(90)
        c.drawString(0, 0, line)
        c.restoreState()
    else:
        c.drawString(lay.margin, lay.margin - 18, line)
    return y - 14


def _table(c: canvas.Canvas, rows: list[list[str]], x0: float, top: float, width: float, size: float = 7.0) -> float:
    """A ruled table of single-line cells across ``width``; returns the y under it."""
    shares = [max(stringWidth(r[i], ROMAN, size) for r in rows) + 8 for i in range(len(rows[0]))]
    scale = width / sum(shares)
    xs = [x0]
    for s in shares[:-1]:
        xs.append(xs[-1] + s * scale)
    y = top
    c.setLineWidth(0.5)
    c.line(x0, y + size + 2, x0 + width, y + size + 2)
    for r, row in enumerate(rows):
        c.setFont(BOLD if r == 0 else ROMAN, size)
        for x, cell in zip(xs, row):
            c.drawString(x + 2, y, cell)
        if r == 0:
            c.line(x0, y - 3, x0 + width, y - 3)
        y -= size + 4
    c.line(x0, y + size, x0 + width, y + size)
    return y - 6


def print_fr(paragraphs: list[str], lay: Layout | None = None, *, table: list[list[str]] | None = None,
             table_page: int = 2, landscape_table: bool = False) -> Printed:
    """Typeset ``paragraphs`` in ``lay.columns`` justified columns over as many pages as
    they need. ``table`` (a header row and data rows) is printed across the page at
    the top of page ``table_page`` (the columns continue under it), or, with
    ``landscape_table``, alone on a landscape page inserted before that page."""
    lay = lay or Layout()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, pageCompression=1)
    c.setTitle("")
    out = Printed(pdf=b"")
    width, height = letter
    col_w = (width - 2 * lay.margin - (lay.columns - 1) * lay.gutter) / lay.columns
    bottom = lay.margin + (0 if lay.verdate_rotated else 10)
    page = 1

    def new_page_top() -> float:
        nonlocal page
        top = _furniture(c, lay, page, width, height)
        if table and page == table_page and not landscape_table:
            top = _table(c, table, lay.margin, top - lay.size, width - 2 * lay.margin)
            out.table_page = page
        return top

    top = new_page_top()
    col, y = 0, top
    for n, para in enumerate(paragraphs):
        m = _CAPTION.match(para)
        words = para.split()
        bold_words = len(m.group(1).split()) if m else (len(words) if _is_heading(para) else 0)
        indent = 0 if bold_words == len(words) else 8
        lines = _break_lines(words, col_w - indent, col_w, lay.size, BOLD if bold_words else None, bold_words,
                             lay.hyphenate)
        used = 0
        for k, ws in enumerate(lines):
            if y < bottom:
                col += 1
                y = top
                if col >= lay.columns:
                    c.showPage()
                    page += 1
                    if landscape_table and table and page == table_page:
                        c.setPageSize(landscape(letter))
                        lw, lh = landscape(letter)
                        _furniture(c, lay, page, lw, lh)
                        _table(c, table, lay.margin, lh - lay.margin - 30, lw - 2 * lay.margin)
                        out.table_page = page
                        c.showPage()
                        c.setPageSize(letter)
                        page += 1
                    top = new_page_top()
                    col, y = 0, top
            x = lay.margin + col * (col_w + lay.gutter) + (indent if k == 0 else 0)
            bw = min(bold_words - used, len(ws)) if bold_words > used else 0
            last = k == len(lines) - 1
            _draw_line(c, x, y, ws, bw, lay.size, None if last else col_w - (indent if k == 0 else 0))
            used += len(ws)
            out.lines.append(Line(" ".join(ws), page, col, n))
            y -= lay.leading
        y -= lay.leading * 0.4
    c.showPage()
    c.save()
    out.pdf = buf.getvalue()
    out.pages = page
    return out
