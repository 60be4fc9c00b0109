"""PDF → text in reading order, with page boundaries.

Characters and their boxes come from PDFium (``pypdfium2``: fast C, reads AES/RC4
encryption with an empty password). The layout is ours, because no extractor we
measured keeps both multi-column reading order and word spaces (see
``benchmarks/pdf_extractors.py``):

* **Words**: a word ends at a space (real or one PDFium generated), at a gap wider
  than ``WORD_GAP`` of the line height, at a jump to another line, and - when the page
  positions its text word by word - where one text object ends and the next begins.
  Some generators draw each word with its own positioning operator and no space
  character; every extractor then glues the words ("TheExampleTrade Office").
* **Lines and columns** (a recursive XY cut): the words of a region are cut into
  horizontal bands at vertical white space; consecutive bands that share a vertical
  white gutter form a group; a group whose gutter runs through all of its bands, with
  prose (several lines) on both sides, is read column by column (left column first).
  Anything else is read band by band, so table rows stay rows, and cells that stand
  far apart on a row are joined with `` | ``.
* **Paragraphs**: a blank line where the vertical gap between lines is clearly larger
  than the page's usual line gap; otherwise a single line break (which the sentence
  splitter does not treat as a sentence end).

Pages are joined by a blank line; ``pages`` records where each page starts in the body.
"""
from __future__ import annotations

import ctypes
import logging
import math
import re
import statistics
from dataclasses import dataclass

from ..records import Document
from .common import LoadError, first_line, infer_doc_type

log = logging.getLogger(__name__)

WORD_GAP = 0.10  # a horizontal gap wider than this x line height separates words
GUTTER = 0.80  # a vertical white strip at least this x line height wide may separate columns
CELL_GAP = 1.50  # words this far apart (x line height) on one line are table cells: joined by " | "
COLUMN_MIN_SHARE = 0.20  # a column is at least this share of its region's width
PROSE_FILL = 0.50  # median line width / column width for a column of prose
MIN_COLUMN_LINES = 2


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    y: float  # baseline
    h: float  # line height (loose glyph box height, ~1.2 x font size)

    @property
    def top(self) -> float:
        return self.y + 0.6 * self.h

    @property
    def bottom(self) -> float:
        return self.y - 0.05 * self.h


_OBJECT_GETTER = None


def _dominant_turns(tp, units) -> int:
    """Quarter turns (0-3) of most of the page's text, from PDFium's character angles
    (a sample of up to ~64 characters). Landscape tables are often printed rotated."""
    import pypdfium2.raw as R

    n = len(units)
    step = max(1, n // 64)
    votes = [0, 0, 0, 0]
    for i in range(0, n, step):
        if units[i] and not chr(units[i]).isspace():
            angle = R.FPDFText_GetCharAngle(tp, i)
            if angle >= 0:
                votes[round(angle / (math.pi / 2)) % 4] += 1
    return max(range(4), key=lambda k: votes[k]) if any(votes) else 0


def _unrotate(turns: int, left: float, bottom: float, right: float, top: float, ox: float, oy: float
              ) -> tuple[float, float, float, float, float]:
    """A glyph box and origin rotated back by ``turns`` quarter turns (text runs left to right again)."""
    a = turns * math.pi / 2  # PDFium measures angles clockwise
    c, s = round(math.cos(a)), round(math.sin(a))
    xs, ys = [], []
    for x, y in ((left, bottom), (left, top), (right, bottom), (right, top)):
        xs.append(x * c - y * s)
        ys.append(x * s + y * c)
    return min(xs), min(ys), max(xs), max(ys), ox * s + oy * c


def _object_getter():
    """FPDFText_GetTextObject returning the object's address as an int (comparing
    pypdfium2's pointer objects needs a cast per character, which cost a third of the time)."""
    global _OBJECT_GETTER
    if _OBJECT_GETTER is None:
        import pypdfium2.raw as R

        proto = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
        _OBJECT_GETTER = proto(ctypes.cast(R.FPDFText_GetTextObject, ctypes.c_void_p).value)
    return _OBJECT_GETTER


def _page_words(textpage) -> list[_Word]:
    """Words of one page from PDFium's character boxes (see module docstring)."""
    import pypdfium2.raw as R

    tp = textpage.raw
    n = R.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    # The whole page's text in one call (one UTF-16 unit per character, unless the
    # page has characters beyond the BMP: then ask character by character).
    buf = (ctypes.c_ushort * (n + 1))()
    R.FPDFText_GetText(tp, 0, n, buf)
    units = buf[:n]
    if any(0xD800 <= u < 0xE000 for u in units):
        units = [R.FPDFText_GetUnicode(tp, i) for i in range(n)]
    get_object = _object_getter()
    get_box = R.FPDFText_GetLooseCharBox
    get_origin = R.FPDFText_GetCharOrigin
    rect = R.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    chars = []  # (ch, left, right, baseline, height, object id)
    objects: dict[int, int] = {}
    spaced: set[int] = set()  # text objects that contain a real space character
    turns = _dominant_turns(tp, units)
    for i, code in enumerate(units):
        if not code:
            continue
        # PDFium marks a hyphen at a line end as 0xFFFE (whole-page text) or 2 (per character).
        ch = "-" if code in (2, 0xFFFE) else chr(code)
        obj = get_object(tp, i) or 0
        if ch.isspace():
            if not R.FPDFText_IsGenerated(tp, i):
                spaced.add(obj)
            chars.append((ch, 0.0, 0.0, 0.0, 0.0, obj))
            continue
        get_box(tp, i, rect)
        get_origin(tp, i, ox, oy)
        objects[obj] = objects.get(obj, 0) + 1
        left, bottom, right, top, base = rect.left, rect.bottom, rect.right, rect.top, oy.value
        if turns:  # text set at 90/180/270 degrees: lay it out in its own frame
            left, bottom, right, top, base = _unrotate(turns, left, bottom, right, top, ox.value, oy.value)
        chars.append((ch, left, right, base, top - bottom, obj))
    # Text objects mark word boundaries when the page is set word by word: objects
    # of whole words (not single glyphs) that never contain a space character. A page
    # whose objects hold spaced text (lines, phrases) may also split a word across
    # objects (kerning, a font change), so there object ends mean nothing.
    by_object = (bool(objects) and statistics.median(objects.values()) >= 2.5
                 and len(spaced & objects.keys()) <= 0.1 * len(objects))
    words: list[_Word] = []
    cur: list = []

    def flush() -> None:
        if cur:
            text = "".join(c[0] for c in cur)
            words.append(_Word(text, min(c[1] for c in cur), max(c[2] for c in cur), cur[0][3],
                               max(c[4] for c in cur) or 1.0))
            cur.clear()

    for c in chars:
        ch, left, right, base, h, obj = c
        if ch.isspace():
            flush()
            continue
        if cur:
            p = cur[-1]
            hh = max(p[4], h, 1.0)
            if (abs(base - p[3]) > 0.3 * hh or left < p[1] - 0.5 * hh or left - p[2] > WORD_GAP * hh
                    or (by_object and obj != p[5])):
                flush()
        cur.append(c)
    flush()
    return words


def _bands(words: list[_Word]) -> list[list[_Word]]:
    """Split words into horizontal bands (top to bottom) at vertical white space."""
    ws = sorted(words, key=lambda w: -w.top)
    bands: list[list[_Word]] = []
    low = None
    for w in ws:
        if bands and w.top > low:
            bands[-1].append(w)
            low = min(low, w.bottom)
        else:
            bands.append([w])
            low = w.bottom
    return bands


def _gaps(words: list[_Word], min_width: float) -> list[tuple[float, float]]:
    """Vertical white strips (x intervals) at least ``min_width`` wide between the words."""
    spans = sorted((w.x0, w.x1) for w in words)
    gaps = []
    right = spans[0][1]
    for a, b in spans[1:]:
        if a - right >= min_width:
            gaps.append((right, a))
        right = max(right, b)
    return gaps


def _white(words: list[_Word], x0: float, x1: float, min_width: float) -> list[tuple[float, float]]:
    """White x intervals (at least ``min_width`` wide) inside ``[x0, x1]`` not crossed by ``words``."""
    out = []
    right = x0
    for a, b in sorted((w.x0, w.x1) for w in words):
        if a - right >= min_width:
            out.append((right, a))
        right = max(right, b)
    if x1 - right >= min_width:
        out.append((right, x1))
    return out


def _line_text(band: list[_Word], cell_gap: float) -> str:
    ws = sorted(band, key=lambda w: w.x0)
    out = [ws[0].text]
    for prev, w in zip(ws, ws[1:]):
        out.append(" | " if w.x0 - prev.x1 >= cell_gap else " ")
        out.append(w.text)
    return "".join(out)


def _column_cut(group: list[list[_Word]], gutter: float) -> float | None:
    """x of a column gutter through every band of ``group`` with prose on both sides, else None."""
    words = [w for b in group for w in b]
    if len(group) < MIN_COLUMN_LINES:
        return None
    x_min = min(w.x0 for w in words)
    x_max = max(w.x1 for w in words)
    width = x_max - x_min
    for a, b in sorted(_gaps(words, gutter), key=lambda g: g[0] - g[1]):  # widest first
        cut = (a + b) / 2
        ok = True
        for side in ([w for w in words if w.x1 <= cut], [w for w in words if w.x0 >= cut]):
            sb = _bands(side)
            sx0, sx1 = min(w.x0 for w in side), max(w.x1 for w in side)
            line_widths = [max(w.x1 for w in x) - min(w.x0 for w in x) for x in sb]
            if (len(sb) < MIN_COLUMN_LINES or (sx1 - sx0) < COLUMN_MIN_SHARE * width
                    or statistics.median(line_widths) < PROSE_FILL * (sx1 - sx0)):
                ok = False
                break
        if ok:
            return cut
    return None


def _segments(band: list[_Word], gutter: float) -> list[float]:
    """Left x of each run of words on a band, runs separated by white at least ``gutter`` wide."""
    ws = sorted(band, key=lambda w: w.x0)
    starts = [ws[0].x0]
    right = ws[0].x1
    for w in ws[1:]:
        if w.x0 - right >= gutter:
            starts.append(w.x0)
        right = max(right, w.x1)
    return starts


def _misaligned_bands(bands: list[list[_Word]], gutter: float) -> set[int]:
    """Bands with two or more pieces that start away from every common left edge.

    In a column layout, the pieces of each band start at the columns' left edges
    (give or take an indent); a table row across the columns starts its cells
    elsewhere. Common edges: x positions (in steps of ~a line height) where at least
    a quarter of the bands start a piece.
    """
    if len(bands) < 4:
        return set()
    step = gutter / GUTTER  # ~ one line height
    starts = [_segments(b, gutter) for b in bands]
    counts: dict[int, int] = {}
    for band_starts in starts:
        for key in {round(x / step) for x in band_starts}:
            counts[key] = counts.get(key, 0) + 1
    edges = [k for k, c in counts.items() if c >= max(2, 0.25 * len(bands))]
    bad = set()
    for i, band_starts in enumerate(starts):
        off = sum(1 for x in band_starts if not any(abs(x / step - e) <= 2.5 for e in edges))
        if off >= 2:
            bad.add(i)
    return bad


def _region_lines(words: list[_Word], gutter: float, para_gap: float) -> list[tuple[str, float, float]]:
    """Lines of a region in reading order as ``(text, top, bottom)``; a text of "" marks a paragraph break."""
    bands = _bands(words)
    x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
    # Group consecutive bands that leave a common vertical white strip (a candidate
    # column gutter, or the space between table cells). A band's white strips include
    # the margins beside it, so a band that only has text in the right-hand column
    # still continues the group.
    misaligned = _misaligned_bands(bands, gutter)
    groups: list[list] = []  # [bands, common white strips]
    for k, band in enumerate(bands):
        if k in misaligned:
            # A row whose pieces start where no column starts (a table across the
            # columns): it ends the group above, and nothing below joins it.
            groups.append([[band], []])
            continue
        white = _white(band, x0, x1, gutter)
        if groups and groups[-1][1]:
            common = [(max(a, c), min(b, d)) for a, b in white for c, d in groups[-1][1]
                      if min(b, d) - max(a, c) >= gutter]
            if common:
                groups[-1][0].append(band)
                groups[-1][1] = common
                continue
        # A group's gutters lie inside the region: white running to the region's edge
        # (the margin beside a short line, such as a running head) is no gutter.
        groups.append([[band], [(a, b) for a, b in white if a > x0 and b < x1]])
    out: list[tuple[str, float, float]] = []
    for group_bands, _white_strips in groups:
        cut = _column_cut(group_bands, gutter) if len(group_bands) >= MIN_COLUMN_LINES else None
        if cut is not None:
            ws = [w for b in group_bands for w in b]
            for part in ([w for w in ws if w.x1 <= cut], [w for w in ws if w.x0 >= cut]):
                sub = _region_lines(part, gutter, para_gap)
                if out and sub and out[-1][0] and para_gap_between(out[-1], sub[0], para_gap):
                    out.append(("", 0, 0))
                out += sub
            continue
        for band in group_bands:
            line = (_line_text(band, gutter * CELL_GAP / GUTTER), max(w.top for w in band), min(w.bottom for w in band))
            if out and out[-1][0] and para_gap_between(out[-1], line, para_gap):
                out.append(("", 0, 0))
            out.append(line)
    return out


def para_gap_between(above: tuple[str, float, float], below: tuple[str, float, float], para_gap: float) -> bool:
    """True when ``below`` starts a new paragraph after ``above`` (same column: a wide gap).

    A line that starts higher than the one before is a jump to the next column: the
    paragraph usually runs on, so that is no break.
    """
    gap = above[2] - below[1]
    return gap > para_gap


def page_text(textpage) -> str:
    """The text of one page in reading order (see module docstring)."""
    words = _page_words(textpage)
    if not words:
        return ""
    h = statistics.median(w.h for w in words)
    bands = _bands(words)
    gaps = [a[-1].bottom - b[0].top for a, b in zip(bands, bands[1:])]
    # Gaps between consecutive bands: line gaps (most) and paragraph gaps (larger).
    line_gap = statistics.median(gaps) if gaps else 0.0
    para_gap = max(line_gap, 0.0) + 0.5 * h
    lines = _mend_hyphens([t for t, _, _ in _region_lines(words, GUTTER * h, para_gap)])
    text = "\n".join(lines)
    return re.sub(r"\n{2,}", "\n\n", text).strip()


_HYPHEN_END = re.compile(r"[^\W\d_][-\u00ad\u2010]$")
_LOWER_START = re.compile(r"[^\W\d_]")


def _mend_hyphens(lines: list[str]) -> list[str]:
    """Re-join words hyphenated at a line end ("impor-" / "tation of steel" becomes
    "importation" / "of steel"): the rest of the word moves up, the hyphen goes, the
    line break stays, so keyword search and the answerer see whole words.

    Only a letter, a hyphen, and a next line in the same paragraph that starts
    with a lower-case letter; a compound broken at its own hyphen ("anti-" /
    "dumping") loses its hyphen too, which is the price of typeset justification.
    """
    out: list[str | None] = list(lines)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if not a or not b or not _HYPHEN_END.search(a) or not (_LOWER_START.match(b) and b[0].islower()):
            continue
        head, _, rest = b.partition(" ")
        out[i] = a[:-1] + head
        out[i + 1] = rest or None  # None: the line was only the word's end
    return [ln for ln in out if ln is not None]


def extract_pdf(raw: bytes) -> tuple[list[str], dict[str, str]]:
    """Texts of all pages (reading order) and the document info (``Title``, ``Author``, ...).

    Raises :class:`LoadError`: "encrypted PDF (password required)" when the PDF does
    not open with an empty password; "broken PDF: ..." when PDFium cannot parse it.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise LoadError("encrypted PDF (password required)") from exc
        raise LoadError(f"broken PDF: {exc}") from exc
    try:
        try:
            info = {k: str(v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        except Exception:  # noqa: BLE001 - a damaged info dictionary must not lose the text
            info = {}
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            try:
                try:
                    texts.append(page_text(tp))
                except Exception:  # noqa: BLE001 - an odd page must not lose the document
                    log.warning("page %d: layout analysis failed; using PDFium's plain text", i + 1, exc_info=True)
                    texts.append(tp.get_text_bounded().replace("\r\n", "\n").strip())
            finally:
                tp.close()
                page.close()
        return texts, info
    finally:
        pdf.close()


def load_pdf_bytes(raw: bytes, source: str) -> Document:
    """A PDF as a Document: body in reading order, pages joined by blank lines, ``pages`` = page starts.

    Title/publisher/date come from the PDF info dictionary (Title, Author,
    CreationDate), else the first line. Raises :class:`LoadError` for a file that
    is not a PDF, is broken, needs a password or has no text layer (scanned).
    """
    if not raw.lstrip()[:5].startswith(b"%PDF"):
        raise LoadError("not a PDF file (missing %PDF signature)")
    texts, info = extract_pdf(raw)
    body_parts: list[str] = []
    pages: list[int] = []
    pos = 0
    for t in texts:
        if body_parts:
            pos += 2  # the "\n\n" that joins pages
        pages.append(pos)
        body_parts.append(t)
        pos += len(t)
    body = "\n\n".join(body_parts)
    if not body.strip():
        raise LoadError(f"PDF has no extractable text: no text layer on its {len(texts)} page(s) "
                        "(scanned image? run OCR first)")
    # Drop the leading/trailing blank pages' effect on offsets: body is not stripped, so pages stay exact.
    title = info.get("Title", "").strip() or first_line(body)
    publisher = info.get("Author", "").strip()
    date = ""
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", info.get("CreationDate", ""))
    if m:
        date = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    glued = _glued_share(body)
    if glued > 0.05:
        log.warning("%s: %.0f%% of the words look glued together (missing spaces in the PDF text layer)",
                    source, 100 * glued)
    return Document(source=source, body=body, title=title, publisher=publisher, date=date,
                    doc_type=infer_doc_type(title, publisher, "pdf"), pages=pages,
                    extra={"pages": str(len(texts))})


def _glued_share(body: str) -> float:
    """Share of alphabetic tokens longer than 25 letters (words run together), for a warning."""
    tokens = re.findall(r"[^\W\d_]+", body)
    if len(tokens) < 20:
        return 0.0
    return sum(1 for t in tokens if len(t) > 25) / len(tokens)
