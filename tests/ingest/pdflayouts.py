"""PDF pages whose layout trips text extractors, made with ReportLab (a test dependency
only): a ruled table with a cell spanning two rows and cells whose text wraps onto a
second line; a page whose text objects are drawn in another order than they are read
(the content stream starts with the last paragraph, as pages assembled by layout tools
often are); a two-column page with a full-width heading at the top and a full-width
table in the middle, the columns going on under it. Each builder returns the PDF bytes."""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from pdfvariants import BOLD, MARGIN, ROMAN, wrap

W, H = letter


def merged_cell_table(intro: str, header: list[str], rows: list[tuple[str, list[str], str]], widths: list[float],
                      after: str) -> bytes:
    """A ruled three-column table under ``intro``: each row is ``(first cell, lines of
    the second cell, third cell)``; a first cell of "" continues the cell above (drawn
    once, spanning the rows, as a merged cell), and a second cell of several lines wraps
    within its column. ``after`` follows the table."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    y = H - MARGIN
    c.setFont(ROMAN, 11)
    for line in wrap(intro, W - 2 * MARGIN):
        c.drawString(MARGIN, y, line)
        y -= 14
    y -= 10
    xs = [MARGIN]
    for w in widths[:-1]:
        xs.append(xs[-1] + w)
    right = MARGIN + sum(widths)
    c.setLineWidth(0.5)
    c.line(MARGIN, y + 12, right, y + 12)
    c.setFont(BOLD, 10)
    for x, t in zip(xs, header):
        c.drawString(x + 3, y, t)
    y -= 6
    c.line(MARGIN, y, right, y)
    y -= 12
    c.setFont(ROMAN, 10)
    span_top = None
    for first, lines, third in rows:
        if first:
            span_top = y
            c.drawString(xs[0] + 3, y, first)
            c.line(MARGIN, y + 12, right, y + 12) if span_top != y else None
        for k, line in enumerate(lines):
            c.drawString(xs[1] + 3, y - 12 * k, line)
        c.drawString(xs[2] + 3, y, third)
        y -= 12 * len(lines) + 6
        c.line(xs[1], y + 10, right, y + 10)
    c.line(MARGIN, y + 10, right, y + 10)
    for x in xs + [right]:
        c.line(x, y + 10, x, H - MARGIN - 14 * len(wrap(intro, W - 2 * MARGIN)) - 10 + 12)
    y -= 14
    c.setFont(ROMAN, 11)
    for line in wrap(after, W - 2 * MARGIN):
        c.drawString(MARGIN, y, line)
        y -= 14
    c.showPage()
    c.save()
    return buf.getvalue()


def drawn_out_of_order(paragraphs: list[str]) -> bytes:
    """One page of ``paragraphs`` (top to bottom), drawn into the content stream last
    paragraph first, each line as its own text object."""
    placed: list[tuple[float, str]] = []
    y = H - MARGIN
    for para in paragraphs:
        for line in wrap(para, W - 2 * MARGIN):
            placed.append((y, line))
            y -= 14
        y -= 10
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    groups: list[list[tuple[float, str]]] = []
    k = 0
    for para in paragraphs:
        n = len(wrap(para, W - 2 * MARGIN))
        groups.append(placed[k:k + n])
        k += n
    for group in reversed(groups):
        for yy, line in group:
            t = c.beginText(MARGIN, yy)
            t.setFont(ROMAN, 11)
            t.textOut(line)
            c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


def columns_around_full_width_table(heading: str, top: tuple[list[str], list[str]], table: list[list[str]],
                                    bottom: tuple[list[str], list[str]]) -> bytes:
    """A page: a full-width ``heading``; two columns (``top``: left paragraphs, right
    paragraphs); a full-width ruled ``table`` (first row the header); two columns again
    (``bottom``)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    gutter = 18
    col = (W - 2 * MARGIN - gutter) / 2
    y = H - MARGIN
    c.setFont(BOLD, 14)
    c.drawString(MARGIN, y, heading)
    y -= 28

    def columns(y0: float, left: list[str], right: list[str]) -> float:
        low = y0
        for texts, x in ((left, MARGIN), (right, MARGIN + col + gutter)):
            yy = y0
            for para in texts:
                for line in wrap(para, col, size=10):
                    c.setFont(ROMAN, 10)
                    c.drawString(x, yy, line)
                    yy -= 12
                yy -= 6
            low = min(low, yy)
        return low

    y = columns(y, *top) - 10
    xs = [MARGIN, MARGIN + 150, MARGIN + 330]
    c.setLineWidth(0.5)
    c.line(MARGIN, y + 12, W - MARGIN, y + 12)
    for r, row in enumerate(table):
        c.setFont(BOLD if r == 0 else ROMAN, 9)
        for x, t in zip(xs, row):
            c.drawString(x + 2, y, t)
        if r == 0:
            c.line(MARGIN, y - 4, W - MARGIN, y - 4)
        y -= 14
    c.line(MARGIN, y + 10, W - MARGIN, y + 10)
    y -= 16
    columns(y, *bottom)
    c.showPage()
    c.save()
    return buf.getvalue()
