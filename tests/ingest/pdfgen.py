"""Write small but realistic PDFs offline (no reportlab here): Helvetica text placed
line by line or word by word, multi-column Federal Register-style pages and tables.

Used by the PDF loader tests and by ``benchmarks/ingest_scaling.py``.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

# Helvetica advance widths (per 1000 em) for the characters we write; others ~556.
_W = {c: 556 for c in "abcdeghnopqu0123456789$#_"}
_W.update({" ": 278, "f": 278, "i": 222, "j": 222, "l": 222, "k": 500, "m": 833, "r": 333, "s": 500, "t": 278,
           "v": 500, "w": 722, "x": 500, "y": 500, "z": 500, ".": 278, ",": 278, ":": 278, ";": 278, "-": 333,
           "(": 333, ")": 333, "%": 889, "/": 278, "'": 191, "A": 667, "B": 667, "C": 722, "D": 722, "E": 667,
           "F": 611, "G": 778, "H": 722, "I": 278, "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778,
           "P": 667, "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722, "V": 667, "W": 944, "X": 667, "Y": 667,
           "Z": 611, "§": 556})


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` set in Helvetica at ``size``."""
    return sum(_W.get(c, 556) for c in text) * size / 1000


@dataclass
class Item:
    """One run of text with its baseline origin (points, PDF coordinates: y up)."""

    x: float
    y: float
    text: str
    size: float = 10.0
    rotate: int = 0  # degrees counter-clockwise: 0, 90, 180 or 270


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def build_pdf(pages: list[list[Item]], *, info: dict[str, str] | None = None, word_by_word: bool = False,
              width: float = 612, height: float = 792) -> bytes:
    """A valid PDF with one content stream per page.

    ``word_by_word``: every word gets its own text matrix and no space character
    (what some generators do; extractors then glue words).
    """
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font_id = 3
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_ids = []
    for items in pages:
        ops = ["BT"]
        for it in items:
            if word_by_word:
                x = it.x
                for word in it.text.split(" "):
                    ops.append(f"/F1 {it.size:g} Tf 1 0 0 1 {x:.2f} {it.y:.2f} Tm ({_esc(word)}) Tj")
                    x += text_width(word + " ", it.size)
            else:
                a, b, c, d = {0: (1, 0, 0, 1), 90: (0, 1, -1, 0), 180: (-1, 0, 0, -1), 270: (0, -1, 1, 0)}[it.rotate]
                ops.append(f"/F1 {it.size:g} Tf {a} {b} {c} {d} {it.x:.2f} {it.y:.2f} Tm ({_esc(it.text)}) Tj")
        ops.append("ET")
        stream = "\n".join(ops).encode("cp1252")
        objs.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
        content_id = len(objs)
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:g} {height:g}] "
                    f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >>".encode())
        page_ids.append(len(objs))
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(f'{i} 0 R' for i in page_ids)}] /Count {len(page_ids)} >>".encode()
    info_id = None
    if info:
        objs.append(("<< " + " ".join(f"/{k} ({_esc(v)})" for k, v in info.items()) + " >>").encode("cp1252"))
        info_id = len(objs)
    return serialise(objs, info_id)


def serialise(objs: list[bytes], info_id: int | None = None) -> bytes:
    """A PDF file of numbered objects (object 1 is the catalog), with its xref table
    and trailer (``info_id``: the document-information object, if any)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    trailer = f"<< /Size {len(objs) + 1} /Root 1 0 R" + (f" /Info {info_id} 0 R" if info_id else "") + " >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def wrap(text: str, width_pt: float, size: float) -> list[str]:
    """Greedy line breaking of ``text`` to ``width_pt`` in Helvetica at ``size``."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if cur and text_width(trial, size) > width_pt:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def column_page(paragraphs: list[str], *, columns: int = 3, header: str = "", size: float = 8.0,
                leading: float = 10.0, margin: float = 48, gutter: float = 14, width: float = 612,
                height: float = 792) -> tuple[list[Item], list[str]]:
    """A Federal Register-style page: a full-width running header, then ``paragraphs``
    flowed down ``columns`` columns (a blank line between paragraphs).

    Returns the page's items and the paragraphs that did not fit (for the next page).
    """
    items: list[Item] = []
    top = height - margin
    if header:
        items.append(Item(margin, top, header, size))
        top -= 2.5 * leading
    col_w = (width - 2 * margin - (columns - 1) * gutter) / columns
    col, y = 0, top
    left = list(paragraphs)
    while left:
        lines = wrap(left[0], col_w, size)
        placed = 0
        while placed < len(lines):
            if y < margin:
                col += 1
                y = top
                if col >= columns:
                    left[0] = " ".join(lines[placed:])
                    return items, left
            items.append(Item(margin + col * (col_w + gutter), y, lines[placed], size))
            y -= leading
            placed += 1
        left.pop(0)
        y -= leading * 0.6  # paragraph spacing
    return items, []


def table_rows(rows: list[list[str]], *, x_cols: list[float], top: float = 700, size: float = 9.0,
               leading: float = 14.0) -> list[Item]:
    """A table drawn cell by cell: one Item per cell at the column's x, one row per line."""
    items = []
    for r, row in enumerate(rows):
        for x, cell in zip(x_cols, row):
            items.append(Item(x, top - r * leading, cell, size))
    return items


def lorem_paragraph(seed: int, sentences: int = 5) -> str:
    """A deterministic trade-notice paragraph whose sentences name ``seed``."""
    out = []
    for k in range(sentences):
        n = seed * 10 + k
        out.append(textwrap.dedent(f"""Paragraph {seed} sentence {k} states that the duty on product
            P{n} is {n % 50} percent under notice {n} and the quota is {n * 7} tonnes.""").replace("\n", " "))
    return " ".join(" ".join(s.split()) for s in out)
