"""Small PDFs of the kinds analysts get, made with ReportLab and pypdf (test dependencies
only): one-column memo pages with a running head and folio, superscript note marks, a
table continued on the next page under its repeated header row, a two-column page
followed by a one-column page, ligature glyphs and soft hyphens, and pages turned by
``/Rotate``. Each builder returns the PDF bytes."""
from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROMAN, BOLD = "Times-Roman", "Times-Bold"
W, H = letter
MARGIN = 72.0


def wrap(text: str, width: float, font: str = ROMAN, size: float = 11.0) -> list[str]:
    """Greedy line breaking of ``text`` to ``width`` points."""
    lines: list[str] = []
    cur: list[str] = []
    for word in text.split():
        if cur and stringWidth(" ".join(cur + [word]), font, size) > width:
            lines.append(" ".join(cur))
            cur = []
        cur.append(word)
    if cur:
        lines.append(" ".join(cur))
    return lines


class Pages:
    """A canvas with a running head, a folio at the foot and a text cursor."""

    def __init__(self, head: str = "", folio: bool = True, size=letter) -> None:
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=size, pageCompression=1)
        self.head, self.folio, self.page = head, folio, 1
        self.w, self.h = size
        self._furniture()

    def _furniture(self) -> None:
        self.y = self.h - MARGIN
        if self.head:
            self.c.setFont(ROMAN, 8)
            self.c.drawString(MARGIN, self.h - 40, self.head)
        if self.folio:
            self.c.setFont(ROMAN, 8)
            self.c.drawCentredString(self.w / 2, 36, f"Page {self.page}")

    def new_page(self, size=None) -> None:
        self.c.showPage()
        if size:
            self.c.setPageSize(size)
            self.w, self.h = size
        self.page += 1
        self._furniture()

    def paragraph(self, text: str, *, x: float = MARGIN, width: float | None = None, size: float = 11.0,
                  leading: float = 14.0, bottom: float = MARGIN, font: str = ROMAN) -> None:
        """Set a paragraph, going on to the next page when the lines reach ``bottom``."""
        for line in wrap(text, width or self.w - 2 * MARGIN, font, size):
            if self.y < bottom:
                self.new_page()
            self.c.setFont(font, size)
            self.c.drawString(x, self.y, line)
            self.y -= leading
        self.y -= leading * 0.6

    def pdf(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def superscript_line(p: Pages, parts: list[tuple[str, bool]], size: float = 11.0) -> None:
    """One line of text runs, superscripts (True) set smaller and raised."""
    x = MARGIN
    for text, sup in parts:
        font_size = size * 0.6 if sup else size
        p.c.setFont(ROMAN, font_size)
        p.c.drawString(x, p.y + (size * 0.35 if sup else 0), text)
        x += stringWidth(text, ROMAN, font_size)
    p.y -= 14


def table_across_pages(rows: list[list[str]], header: list[str], intro: str, rows_first_page: int) -> bytes:
    """A ruled table starting under ``intro``; after ``rows_first_page`` rows it goes on
    on the next page under its repeated header row."""
    p = Pages(head="Annex A to Notice of Action", folio=True)
    p.paragraph(intro)
    xs = [MARGIN, MARGIN + 110, MARGIN + 330]

    def head_row() -> None:
        p.c.setFont(BOLD, 10)
        for x, t in zip(xs, header):
            p.c.drawString(x, p.y, t)
        p.c.line(MARGIN, p.y - 4, W - MARGIN, p.y - 4)
        p.y -= 18

    head_row()
    for k, row in enumerate(rows):
        if k == rows_first_page:
            p.new_page()
            head_row()
        p.c.setFont(ROMAN, 10)
        for x, t in zip(xs, row):
            p.c.drawString(x, p.y, t)
        p.y -= 14
    return p.pdf()


def two_then_one_column(left: list[str], right: list[str], after: list[str]) -> bytes:
    """Page 1 in two columns (``left`` then ``right``), page 2 in one column."""
    p = Pages(head="Federal Register / Vol. 89, No. 98 / Monday, May 20, 2024 / Notices")
    col = (W - 2 * MARGIN - 18) / 2
    for texts, x in ((left, MARGIN), (right, MARGIN + col + 18)):
        p.y = H - MARGIN
        for t in texts:
            p.paragraph(t, x=x, width=col, size=10, leading=12)
    p.new_page()
    for t in after:
        p.paragraph(t)
    return p.pdf()


def _dejavu() -> str | None:
    path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    if not path.exists():
        return None
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(path)))
    return "DejaVuSerif"


def ligatures_and_soft_hyphens(lines: list[str]) -> bytes | None:
    """Lines set in DejaVu Serif (which has the ligature glyphs) exactly as given: they
    may hold U+FB01/U+FB02 ligatures and U+00AD soft hyphens. None without the font."""
    font = _dejavu()
    if font is None:
        return None
    p = Pages(head="", folio=False)
    for line in lines:
        p.c.setFont(font, 11)
        p.c.drawString(MARGIN, p.y, line)
        p.y -= 14
    return p.pdf()


def rotated_pages(lines: list[str], turn: int) -> bytes:
    """One page whose text is drawn turned against the page and the page given ``/Rotate
    turn`` (90 or 270), so that it shows upright: a landscape page in a portrait file."""
    from pypdf import PdfReader, PdfWriter

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.saveState()
    if turn == 90:  # shown turned a quarter clockwise: the text runs up the page
        c.translate(MARGIN, MARGIN)
        c.rotate(90)
    elif turn == 270:  # shown turned a quarter anticlockwise: the text runs down the page
        c.translate(W - MARGIN, H - MARGIN)
        c.rotate(-90)
    else:
        raise ValueError(f"turn must be 90 or 270, not {turn}")
    c.setFont(ROMAN, 11)
    for k, line in enumerate(lines):
        c.drawString(0, -20 - 16 * k, line)
    c.restoreState()
    c.showPage()
    c.save()
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(buf.getvalue())).pages:
        page.rotate(turn)
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def memo_across_pages(before: list[str], crossing: str, after: list[str], head: str) -> bytes:
    """A one-column memo with a running head and "Page N" at the foot; ``crossing`` starts
    three lines above the foot of page 1 and runs on to page 2, under its running head."""
    p = Pages(head=head)
    for t in before:
        p.paragraph(t)
    p.y = MARGIN + 2 * 14
    p.paragraph(crossing)
    for t in after:
        p.paragraph(t)
    return p.pdf()


def join_pdfs(*pdfs: bytes) -> bytes:
    """The pages of several PDFs in one file (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        for page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
