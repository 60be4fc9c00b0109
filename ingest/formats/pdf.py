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

* **Text set in another direction** (a printing line up the margin, a rotated label)
  is laid out in its own direction and follows the page's text as a paragraph of its
  own, instead of being cut into single letters across the page's lines.
* **Page furniture**: running heads and feet (the Federal Register head, "Page 3 of
  12", page numbers, GPO "VerDate" lines) are found by repetition across pages -
  lines set off at the top or bottom of a page (or rotated) whose form with digits,
  weekdays and months folded recurs on at least 40% of the pages - and dropped from
  the body; one example of each goes to ``extra["running_heads"]``.

Pages are joined by a blank line, or by a single line break where a sentence runs on
to the next page (so it stays one sentence); ``pages`` records where each page starts
in the body.
"""
from __future__ import annotations

import ctypes
import logging
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..records import Document
from .common import LoadError, first_line, infer_doc_type, normalise_date

log = logging.getLogger(__name__)

WORD_GAP = 0.10  # a horizontal gap wider than this x line height separates words
GUTTER = 0.80  # a vertical white strip at least this x line height wide may separate columns
CELL_GAP = 1.50  # words this far apart (x line height) on one line are table cells: joined by " | "
COLUMN_MIN_SHARE = 0.20  # a column is at least this share of its region's width
PROSE_FILL = 0.50  # median line width / column width for a column of prose
MIN_COLUMN_LINES = 2


@dataclass(slots=True)  # a 300-page PDF keeps every page's words until furniture is known
class _Word:
    text: str
    x0: float
    x1: float
    y: float  # baseline
    h: float  # line height (loose glyph box height, ~1.2 x font size)
    # Drawn right after the word before it with one space character of the PDF's own
    # between them (not one PDFium generated): a word space, however wide justification
    # stretched it (the word-spacing operator), never a table cell boundary.
    spaced: bool = False
    seq: int = 0  # order in which the page draws its words

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


def _page_words(textpage) -> tuple[list[_Word], list[list[_Word]]]:
    """Words of one page from PDFium's character boxes (see module docstring): the
    words set in the page's dominant direction, then, per other direction, the words
    set at another quarter turn (a "VerDate ..." printing line up the margin, a rotated label),
    each laid out in its own direction so they neither shred the page's lines nor
    get lost."""
    import pypdfium2.raw as R

    tp = textpage.raw
    n = R.FPDFText_CountChars(tp)
    if n <= 0:
        return [], []
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
    chars = []  # (ch, left, right, baseline, height, object id) in the dominant direction
    off_axis: dict[int, list] = {}  # quarter turns -> the same, for text set in another direction
    objects: dict[int, int] = {}
    spaced: set[int] = set()  # text objects that contain a real space character
    turns = _dominant_turns(tp, units)
    object_turns: dict[int, int] = {}  # a text object has one matrix: ask its angle once
    for i, code in enumerate(units):
        if not code:
            continue
        # PDFium marks a hyphen at a line end as 0xFFFE (whole-page text) or 2 (per character).
        ch = "-" if code in (2, 0xFFFE) else chr(code)
        obj = get_object(tp, i) or 0
        t = object_turns.get(obj)
        if t is None and not ch.isspace():
            angle = R.FPDFText_GetCharAngle(tp, i)
            t = object_turns[obj] = round(angle / (math.pi / 2)) % 4 if angle >= 0 else turns
        out = chars if t is None or t == turns else off_axis.setdefault(t, [])
        if ch.isspace():
            generated = R.FPDFText_IsGenerated(tp, i)
            if not generated:
                spaced.add(obj)
            # "\t" stands for a space PDFium generated from a gap, " " for the PDF's own.
            out.append(("\t" if generated or ch != " " else " ", 0.0, 0.0, 0.0, 0.0, obj))
            continue
        get_box(tp, i, rect)
        get_origin(tp, i, ox, oy)
        objects[obj] = objects.get(obj, 0) + 1
        left, bottom, right, top, base = rect.left, rect.bottom, rect.right, rect.top, oy.value
        if t:  # text set at 90/180/270 degrees: lay it out in its own frame
            left, bottom, right, top, base = _unrotate(t, left, bottom, right, top, ox.value, oy.value)
        out.append((ch, left, right, base, top - bottom, obj))
    # Text objects mark word boundaries when the page is set word by word: objects
    # of whole words (not single glyphs) that never contain a space character. A page
    # whose objects hold spaced text (lines, phrases) may also split a word across
    # objects (kerning, a font change), so there object ends mean nothing.
    by_object = (bool(objects) and statistics.median(objects.values()) >= 2.5
                 and len(spaced & objects.keys()) <= 0.1 * len(objects))
    other = [_spaced_runs(_chars_to_words(off_axis[t], by_object)) for t in sorted(off_axis)]
    return _spaced_runs(_chars_to_words(chars, by_object)), [ws for ws in other if ws]


def _spaced_runs(words: list[_Word]) -> list[_Word]:
    """Words drawn one after another on one baseline with one space character of the
    PDF's own between them, merged into one run ("of Industry and").

    A justified line stretches its spaces (the word-spacing operator): in a narrow
    column a space can be wider than a column gutter, and read word by word such a
    line would look like table cells or columns. The space the PDF itself wrote says
    they are words of one line; cells and columns are placed apart, not spaced."""
    out: list[_Word] = []
    for w in words:
        p = out[-1] if out else None
        if (p is not None and w.spaced and w.seq == p.seq + 1 and abs(w.y - p.y) <= 0.3 * max(p.h, w.h)
                and w.x0 >= p.x1):
            out[-1] = _Word(f"{p.text} {w.text}", p.x0, w.x1, p.y, max(p.h, w.h), p.spaced, w.seq)
        else:
            out.append(w)
    return out


def _chars_to_words(chars: list, by_object: bool) -> list[_Word]:
    """Words from ``(ch, left, right, baseline, height, object id)`` characters in drawing order."""
    words: list[_Word] = []
    cur: list = []
    spaces = ""  # the space characters since the last word

    def flush() -> None:
        nonlocal spaces
        if cur:
            text = "".join(c[0] for c in cur)
            words.append(_Word(text, min(c[1] for c in cur), max(c[2] for c in cur), cur[0][3],
                               max(c[4] for c in cur) or 1.0, spaced=bool(words) and spaces == " ",
                               seq=len(words)))
            cur.clear()
            spaces = ""

    for c in chars:
        ch, left, right, base, h, obj = c
        if ch.isspace():
            flush()
            spaces += ch
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


_NOTE_MARK = re.compile(r"\d{1,3}|[*\u2020\u2021\u00a7]{1,3}")
_ORDINAL = re.compile(r"st|nd|rd|th|er|e|re", re.I)


def _line_text(band: list[_Word], cell_gap: float) -> str:
    """A band's words as one line: cells far apart joined by `` | ``, words by a space.
    A note mark set small and raised (a superscript "1" after "50 percent") reads "[1]"
    and an ordinal's raised ending joins its number ("1st"), so neither runs into the
    text as a figure of its own ("50 percent 1 in 2025")."""
    ws = sorted(band, key=lambda w: w.x0)
    hs = sorted(w.h for w in ws)
    h = hs[len(hs) // 2]
    small = len(ws) > 1 and hs[0] < 0.8 * h  # any word set smaller than the line's type?
    base = statistics.median(w.y for w in ws if w.h >= 0.8 * h) if small else 0.0

    out: list[str] = []
    for k, w in enumerate(ws):
        text = w.text
        if "\u00ad" in text[:-1]:  # a soft hyphen inside a word is not printed
            text = text[:-1].replace("\u00ad", "") + text[-1]
        sup = small and w.h < 0.8 * h and w.y > base + 0.2 * h
        if sup and _NOTE_MARK.fullmatch(text):
            text = f"[{text}]"
        if k:
            prev = ws[k - 1]
            if w.x0 - prev.x1 >= cell_gap:
                out.append(" | ")
            elif sup and (text.startswith("[") or (_ORDINAL.fullmatch(text) and prev.text[-1:].isdigit())):
                pass  # the mark or ordinal ending goes with the word before it
            else:
                out.append(" ")
        out.append(text)
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
        left, right = [w for w in words if w.x1 <= cut], [w for w in words if w.x0 >= cut]
        if _is_prose_column(left, width, gutter) and (_is_prose_column(right, width, gutter)
                                                      or _short_last_column(left, right, width)):
            return cut
    return None


def _is_prose_column(side: list[_Word], width: float, gutter: float) -> bool:
    """True when ``side`` reads as a column of prose: several lines, a fair share of the
    region's width, lines that fill it, not table cells."""
    sb = _bands(side)
    sx0, sx1 = min(w.x0 for w in side), max(w.x1 for w in side)
    line_widths = [max(w.x1 for w in x) - min(w.x0 for w in x) for x in sb]
    return not (len(sb) < MIN_COLUMN_LINES or (sx1 - sx0) < COLUMN_MIN_SHARE * width
                or statistics.median(line_widths) < PROSE_FILL * (sx1 - sx0) or _cells_only(sb, gutter))


def _short_last_column(left: list[_Word], right: list[_Word], width: float) -> bool:
    """True when ``right`` is the last column of a page of prose columns that ends short
    (the end of a document: a few lines, however short, at the top of the column, and
    white below them while the column on the left goes on). A table's last column
    runs down with its rows instead, as far as the rows on its left."""
    h = statistics.median(w.h for w in left)
    right_bottom = min(w.bottom for w in right)
    right_lines = len(_bands(right))
    left_below = sum(1 for b in _bands(left) if max(w.top for w in b) < right_bottom)
    starts_at_top = max(w.top for w in right) >= max(w.top for w in left) - 1.5 * h
    return (starts_at_top and left_below >= max(MIN_COLUMN_LINES, right_lines)
            and max(w.x1 for w in right) - min(w.x0 for w in right) >= 0.5 * COLUMN_MIN_SHARE * width)


TABLE_CELL_WORDS = 4  # table cells hold a few words; a line of prose in a column more


def _cells_only(bands: list[list[_Word]], gutter: float) -> bool:
    """True when the pieces of text that white strips separate on these lines look
    like table cells, not lines of a column of prose: a few words each (median at most
    :data:`TABLE_CELL_WORDS`) and hardly any opening in lower case (wrapped prose
    continues its sentences on the next line in lower case; cells start afresh).
    A table on a page of its own (a landscape page) is then read row by row instead
    of as columns of cells."""
    pieces: list[str] = []
    for band in bands:
        ws = sorted(band, key=lambda w: w.x0)
        cur = [ws[0]]
        for w in ws[1:]:
            if w.x0 - max(c.x1 for c in cur) >= gutter:
                pieces.append(" ".join(c.text for c in cur))
                cur = []
            cur.append(w)
        pieces.append(" ".join(c.text for c in cur))
    if not pieces:
        return False
    lower = sum(1 for p in pieces if p[:1].islower()) / len(pieces)
    return statistics.median(len(p.split()) for p in pieces) <= TABLE_CELL_WORDS and lower < 0.2


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
    row = None  # the last table row read (see _wrapped_cells), while lines follow it
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
            pieces = _stacked_pieces(band, gutter)
            if pieces:
                # Lines of neighbouring columns chained into one band (their baselines are
                # offset): each block beside a white strip is read on its own, left first.
                for piece in pieces:
                    sub = _region_lines(piece, gutter, para_gap)
                    if out and sub and out[-1][0] and sub[0][0] and para_gap_between(out[-1], sub[0], para_gap):
                        out.append(("", 0, 0))
                    out += sub
                continue
            cell_gap = gutter * CELL_GAP / GUTTER
            line = (_line_text(band, cell_gap), max(w.top for w in band), min(w.bottom for w in band))
            if row is not None and out and out[-1] is row[0]:
                merged = _wrapped_cells(row, band, line, cell_gap)
                if merged is not None:
                    out[-1] = merged
                    row = (merged, row[1], row[2])
                    continue
            if out and out[-1][0] and para_gap_between(out[-1], line, para_gap):
                out.append(("", 0, 0))
            out.append(line)
            cells = _cell_spans(band, cell_gap)
            row = (line, cells, line[0].split(CELL_JOIN)) if len(cells) >= 2 else None
        row = None
    return out


CELL_JOIN = " | "
WRAP_LINE_GAP = 0.25  # a cell's wrapped line follows its row this close (x line height) ...


def _cell_spans(band: list[_Word], cell_gap: float) -> list[tuple[float, float]]:
    """x extents of a band's cells (runs of words closer than ``cell_gap``), left to right."""
    spans: list[list[float]] = []
    for w in sorted(band, key=lambda w: w.x0):
        if spans and w.x0 - spans[-1][1] < cell_gap:
            spans[-1][1] = max(spans[-1][1], w.x1)
        else:
            spans.append([w.x0, w.x1])
    return [(a, b) for a, b in spans]


def _wrapped_cells(row, band: list[_Word], line: tuple[str, float, float], cell_gap: float):
    """The table row ``row`` (``(line, cell spans, cell texts)``) with ``band`` merged into
    its cells when ``band`` is the wrapped second line of some of them ("Certain steel
    products, including" / "flat-rolled and tubular products"): fewer cells than the row,
    each inside the column of a different cell of the row, and either set at line spacing
    under it (closer than rows are set apart) or going on in lower case. None otherwise:
    the band is a row of its own (a row under a merged cell also leaves a column empty,
    but starts a new row with its own value cells)."""
    (text, top, bottom), spans, texts = row
    pieces = _cell_spans(band, cell_gap)
    if len(pieces) >= len(spans) or len(texts) != len(spans):
        return None
    h = statistics.median(w.h for w in band)
    starts = [a for a, _ in spans] + [math.inf]
    columns = []
    for a, b in pieces:
        k = next((k for k in range(len(spans)) if starts[k] - 0.5 * h <= a and b <= starts[k + 1]), None)
        if k is None or k in columns:
            return None
        columns.append(k)
    piece_texts = _line_text(band, cell_gap).split(CELL_JOIN)
    if len(piece_texts) != len(pieces):
        return None
    tight = bottom - line[1] <= WRAP_LINE_GAP * h
    if not tight and not all(t[:1].islower() for t in piece_texts):
        return None
    texts = list(texts)
    for k, t in zip(columns, piece_texts):
        texts[k] = texts[k] + t if texts[k].endswith("-") else f"{texts[k]} {t}"
    return (CELL_JOIN.join(texts), top, line[2])


def _stacked_pieces(band: list[_Word], gutter: float) -> list[list[_Word]] | None:
    """The blocks of a band that holds several lines (baselines more than half a line
    height apart) and a vertical white strip through its whole height, left to right;
    None for a band that is one line, or that no strip divides.

    Bands are cut at horizontal white space across the whole region, so the lines of
    columns whose baselines do not line up (a paragraph gap in one column only, a
    heading in another size) chain into one band; read as one line, their words
    would interleave. A table row is one line, and stays one."""
    hs = sorted(w.h for w in band)
    h = hs[len(hs) // 2]
    if max(w.y for w in band) - min(w.y for w in band) <= 0.5 * h:
        return None
    cuts = [(a + b) / 2 for a, b in _gaps(band, gutter)]
    if not cuts:
        return None
    pieces: list[list[_Word]] = [[] for _ in range(len(cuts) + 1)]
    for w in band:
        pieces[sum(1 for c in cuts if w.x0 >= c)].append(w)
    return [p for p in pieces if p]


def para_gap_between(above: tuple[str, float, float], below: tuple[str, float, float], para_gap: float) -> bool:
    """True when ``below`` starts a new paragraph after ``above`` (same column: a wide gap).

    A line that starts higher than the one before is a jump to the next column: the
    paragraph usually runs on, so that is no break.
    """
    gap = above[2] - below[1]
    return gap > para_gap


def _layout(words: list[_Word]) -> str:
    """The text of a page's words in reading order (lines, columns, paragraphs)."""
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


def page_text(textpage) -> str:
    """The text of one page in reading order (see module docstring); text set in
    another direction (a rotated margin line) follows as its own paragraph."""
    return _PageWords(*_page_words(textpage)).text(frozenset())[0]


# ------------------------------------------------------------ page furniture
# Printed documents repeat a running head or foot on every page ("Federal Register /
# Vol. 84, No. 196 / Wednesday, October 9, 2019 / Rules and Regulations", "Page 3 of
# 12", a bare page number, a GPO "VerDate ..." printing line up the margin). Left in
# the body they land inside sentences that run across a page break and break quotes.
# They are found by repetition, not by wording: a line at the top or bottom of a page
# (or set in another direction) whose normalised form - digits, weekday and month
# names folded, page numbers at its ends dropped - recurs on many pages.
EDGE_BANDS = 2  # lines at the top and at the bottom of a page that may be a running head/foot
FURNITURE_SHARE = 0.4  # ... when the same normalised line is there on at least this share of pages
_DATE_WORDS = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|"
    r"june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")


def furniture_key(line: str) -> str:
    """The form of a line compared across pages to find running heads and feet:
    case-folded, digit runs as ``0``, weekday/month names as ``~``, page numbers
    at either end dropped ("54472 Federal Register / Vol. 84 ..." and "Federal
    Register / Vol. 84 ... 54473" give one key; a bare page number gives ``0``)."""
    k = re.sub(r"\s+", " ", line.casefold()).strip()
    k = _DATE_WORDS.sub("~", k)
    k = re.sub(r"\d+", "0", k)
    stripped = re.sub(r"^(?:0\s*\|?\s*)+(?=\S)|(?<=\S)(?:\s*\|?\s*0)+$", "", k)
    return stripped or k


def _is_candidate(key: str) -> bool:
    # Table rows (several " | " cells) may repeat a header on every page: they are data.
    return bool(key) and key.count(" | ") < 2


@dataclass
class _PageWords:
    """One page's words kept until the running heads of the whole document are known."""

    words: list[_Word]
    other: list[list[_Word]]  # per other direction, text set rotated against the page

    def _cell_gap(self, words: list[_Word]) -> float:
        return statistics.median(w.h for w in words) * CELL_GAP

    def edge_lines(self) -> list[tuple[list[_Word], str]]:
        """``(words, text)`` of the page's top and bottom lines and of its rotated lines."""
        cached = self.__dict__.get("_edges")
        if cached is None:
            cached = self.__dict__["_edges"] = self._edge_lines()
        return cached

    def _edge_lines(self) -> list[tuple[list[_Word], str]]:
        out = []
        bands = _bands(self.words) if self.words else []
        if len(bands) > 1:
            # A running head (foot) is set off from the text block: the top (bottom) one or
            # two lines count only when white space at least as tall as a paragraph break
            # follows (precedes) them. Lines of the text itself never are, however alike
            # they look across pages once their digits are folded.
            h = statistics.median(w.h for w in self.words)
            gaps = [a[-1].bottom - b[0].top for a, b in zip(bands, bands[1:])]
            # The page's usual line gap: its lower quartile (a sparse page has few lines and
            # wide gaps), or ~0.3 line heights when there are too few gaps to tell.
            line_gap = sorted(gaps)[len(gaps) // 4] if len(gaps) >= 3 else 0.3 * h
            wide = max(line_gap, 0.0) + 0.5 * h
            # A line in smaller type than the text (a running head is set a size or two
            # below it) is set off by any white wider than the usual line gap.
            small = [statistics.median(w.h for w in b) < 0.85 * h for b in bands]
            narrow = max(line_gap, 0.0) + 0.1 * h

            def set_off(k: int, gap: float) -> bool:
                return gap > wide or (small[k] and gap > narrow)

            top = next((k + 1 for k in range(min(EDGE_BANDS, len(gaps))) if set_off(k, gaps[k])), 0)
            foot = next((k + 1 for k in range(min(EDGE_BANDS, len(gaps)))
                         if set_off(len(bands) - 1 - k, gaps[-1 - k])), 0)
            # Head and foot leave a text block between them: on a page of two lines
            # separated by one wide gap, the lines below it are text, not a foot.
            if top + foot >= len(bands):
                foot = 0
            if top >= len(bands):
                top = 0
            picks = list(range(top)) + list(range(len(bands) - foot, len(bands)))
            cell = self._cell_gap(self.words)
            out += [(bands[i], _line_text(bands[i], cell)) for i in picks]
            self.__dict__["_foot_lines"] = {_line_text(bands[i], cell) for i in picks if i >= len(bands) - foot}
        for ws in self.other:
            gap = self._cell_gap(ws)
            out += [(b, _line_text(b, gap)) for b in _bands(ws)]
        return out

    def folio_lines(self) -> list[str]:
        """Edge lines that print a page number on a page read alone (no other page to
        find its running head by): a bare folio ("7", "- 7 -", "Page 7 of 9") at the top
        or the foot, or a top line of five words or more set in smaller type than the
        text with a number at either end ("28644 Federal Register / Vol. 86, No. 97 /
        ..."). A heading that opens with a number ("15 CFR Part 744", "2021 Annual
        Report") is set in the text's type or larger, and is kept."""
        lines = [line for _, line in self.edge_lines() if _BARE_FOLIO.match(line.strip())]
        bands = _bands(self.words) if self.words else []
        if len(bands) > 1:
            h = statistics.median(w.h for w in self.words)
            first = bands[0]
            line = _line_text(first, self._cell_gap(self.words))
            if (statistics.median(w.h for w in first) < 0.85 * h and len(line.split()) >= 5
                    and _HEAD_FOLIO.search(line.strip()) and any(line == t for _, t in self.edge_lines())):
                lines.append(line)
        return lines

    def text(self, furniture: frozenset[str]) -> tuple[str, list[str]]:
        """The page's text without the edge lines whose key is in ``furniture``, and the lines dropped."""
        dropped_ids: set[int] = set()
        dropped: list[str] = []
        if furniture:
            for band, line in self.edge_lines():
                if furniture_key(line) in furniture:
                    dropped_ids.update(id(w) for w in band)
                    dropped.append(line)
        main = _layout([w for w in self.words if id(w) not in dropped_ids])
        extra = [_layout([w for w in ws if id(w) not in dropped_ids]) for ws in self.other]
        return "\n\n".join(t for t in [main, *extra] if t), dropped


LOCAL_RUN = 3  # ... or on this many pages in a row (a chapter's own running head), each
LOCAL_STEP = 2  # at most this many pages after the one before (heads that alternate left/right)


def _local_run(pages: list[int]) -> bool:
    """True when ``pages`` (sorted indexes) hold :data:`LOCAL_RUN` occurrences in a row,
    each at most :data:`LOCAL_STEP` pages after the previous one."""
    run = 1
    for a, b in zip(pages, pages[1:]):
        run = run + 1 if b - a <= LOCAL_STEP else 1
        if run >= LOCAL_RUN:
            return True
    return False


def find_furniture(pages: list[_PageWords]) -> frozenset[str]:
    """Keys (:func:`furniture_key`) of the edge lines repeated on enough pages to be a running head or foot.

    Enough: 40% of the pages, or a run of pages in a row (a book's chapter head, an
    annex's own head). A line repeated word for word needs two pages; a short line
    whose numbers change from page to page ("Annex 1", "Annex 2") needs three, so that
    two pages each opening with a numbered heading keep their headings, while "Page 1
    of 2" or a long running head with its page number goes from two pages on."""
    where: dict[str, list[int]] = {}
    texts: dict[str, set[str]] = {}
    with_text = 0
    for i, page in enumerate(pages):
        if not page.words and not page.other:
            continue
        with_text += 1
        for _, line in page.edge_lines():
            key = furniture_key(line)
            if _is_candidate(key) and (not where.get(key) or where[key][-1] != i):
                where.setdefault(key, []).append(i)
                texts.setdefault(key, set()).add(line)
    need = max(2, math.ceil(FURNITURE_SHARE * with_text))
    out = set()
    for key, found in where.items():
        c = len(found)
        if (c >= need or _local_run(found)) and (c >= 3 or len(texts[key]) == 1 or len(key.split()) >= 4
                                                 or _folios(key, found, pages)):
            out.add(key)
    return frozenset(out)


def _folios(key: str, found: list[int], pages: list[_PageWords]) -> bool:
    """True when the lines of ``key`` on pages ``found`` are page numbers at the foot
    ("Page 1", "Page 2"; "- 7 -", "- 8 -"): on every page at the foot, with one number
    that goes up by one from page to page. A two-page document's folios are then known;
    numbered headings at the top of pages ("Annex 1", "Annex 2") are not at the foot."""
    numbers = []
    for i in found:
        feet = [ln for ln in pages[i].__dict__.get("_foot_lines", ()) if furniture_key(ln) == key]
        if not feet:
            return False
        digits = re.findall(r"\d+", feet[0])
        if len(digits) != 1:
            return False
        numbers.append(int(digits[0]))
    return all(b - a == j - i for (a, i), (b, j) in zip(zip(numbers, found), zip(numbers[1:], found[1:])))


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


@dataclass
class PdfText:
    """What :func:`extract_pdf` read: page texts (reading order, running heads and
    feet removed), the document info (``Title``, ``Author``, ...), and one example
    of each kind of page furniture it removed, in order of first appearance."""

    pages: list[str]
    info: dict[str, str]
    furniture: list[str]
    # The printed number of each page (its folio, "28644"), when the print shows one
    # (see :func:`printed_numbers`); empty: pages are numbered 1, 2, ... .
    page_numbers: list[int] = field(default_factory=list)


def extract_pdf(raw: bytes) -> PdfText:
    """Read every page in reading order, then drop the running heads and feet
    repeated across pages (see :func:`find_furniture`).

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
        labels = [_page_label(pdf, i) for i in range(len(pdf))]
        # First pass: every page's words (running heads are known only once all pages are read).
        read: list[_PageWords | str] = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            try:
                try:
                    read.append(_PageWords(*_page_words(tp)))
                except Exception:  # noqa: BLE001 - an odd page must not lose the document
                    log.warning("page %d: layout analysis failed; using PDFium's plain text", i + 1, exc_info=True)
                    read.append(tp.get_text_bounded().replace("\r\n", "\n").strip())
            finally:
                tp.close()
                page.close()
    finally:
        pdf.close()
    furniture = find_furniture([p for p in read if isinstance(p, _PageWords)])
    if len(read) == 1 and isinstance(read[0], _PageWords) and not furniture:
        # One page: no repetition to find its running head by; a folio set off at its edge
        # (see :func:`_lone_folio`) is furniture all the same.
        furniture = frozenset(furniture_key(line) for line in read[0].folio_lines())
    texts: list[str] = []
    removed: dict[str, str] = {}
    dropped_by_page: list[list[str]] = []
    for i, p in enumerate(read):
        if isinstance(p, str):
            texts.append(p)
            dropped_by_page.append([])
            continue
        try:
            text, dropped = p.text(furniture)
        except Exception:  # noqa: BLE001 - an odd page must not lose the document
            log.warning("page %d: layout analysis failed; using its words in drawing order", i + 1, exc_info=True)
            text, dropped = " ".join(w.text for w in p.words + [w for ws in p.other for w in ws]), []
        texts.append(text)
        dropped_by_page.append(dropped)
        for line in dropped:  # one example per kind ("... 54471" stands for every page's number)
            removed.setdefault(furniture_key(line), line)
    if removed:
        log.info("removed %d kind(s) of running head/foot repeated across %d pages, e.g. %r",
                 len(removed), len(read), next(iter(removed.values())))
    numbers = printed_numbers(dropped_by_page) or _numeric_labels(labels)
    return PdfText(texts, info, list(removed.values()), numbers)


_BARE_FOLIO = re.compile(r"^[^\w]*(?:page\s+)?(\d{1,6})(?:\s+of\s+\d{1,6})?[^\w]*$", re.I)
# A number at the outer end of a running head: "28644 Federal Register / Vol. 86 ..." or
# "... / Rules and Regulations 28645". Not a year after a comma ("May 21, 2021").
_HEAD_FOLIO = re.compile(r"^(\d{1,6})\s+(?:\|\s+)?(?=[^\W\d])|(?<![,\d])\s(?:\|\s)?(\d{1,6})$")


def _folio_number(line: str) -> int | None:
    """The page number a running head or foot line prints, if any: a line that is a bare
    folio ("7", "- 7 -", "Page 7", "Page 7 of 12") or a number at either end of a head."""
    s = line.strip()
    m = _BARE_FOLIO.match(s) or _HEAD_FOLIO.search(s)
    if not m:
        return None
    return int(next(g for g in m.groups() if g))


def printed_numbers(dropped_by_page: list[list[str]]) -> list[int]:
    """The printed number of every page from the running heads and feet dropped from
    each page (``dropped_by_page[i]``): the folios must go up by one from page to page
    (any page without one, such as a blank page, counts on); a number repeated on every
    page (a year, a volume) or folios out of step give ``[]``; a page that prints two
    numbers (a folio and a "Page n of m") counts with the one in step. One page: its folio."""
    # Each page votes for the offset (folio - index) of every number it prints at an edge.
    votes: Counter[int] = Counter()
    pages_with = 0
    for i, lines in enumerate(dropped_by_page):
        offsets = {n - i for n in map(_folio_number, lines) if n is not None}
        pages_with += bool(offsets)
        votes.update(offsets)
    if not votes:
        return []
    first, count = votes.most_common(1)[0]
    # In step on most pages that print a number, and on two at least unless there is one page.
    if first < 1 or 2 * count <= pages_with or (count < 2 and len(dropped_by_page) > 1):
        return []
    numbers = [first + i for i in range(len(dropped_by_page))]
    return [] if numbers == list(range(1, len(numbers) + 1)) else numbers


def _page_label(pdf, i: int) -> str:
    """Page ``i``'s label from the PDF's /PageLabels tree ("" when it has none)."""
    try:
        return pdf.get_page_label(i) or ""
    except Exception:  # noqa: BLE001 - a damaged label tree must not lose the text
        return ""


def _numeric_labels(labels: list[str]) -> list[int]:
    """Printed numbers from the PDF's own page labels, when every page has a decimal label
    and they go up by one (``[]`` otherwise, or when they are just 1, 2, ...)."""
    if not labels or not all(lb.isdigit() for lb in labels):
        return []
    numbers = [int(lb) for lb in labels]
    if any(b - a != 1 for a, b in zip(numbers, numbers[1:])) or numbers[0] == 1:
        return []
    return numbers


_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019]$")


def _runs_on(prev: str, nxt: str) -> bool:
    """True when the text of the next page continues the previous page's last
    sentence: the last line ends without sentence punctuation, is no table row, and
    is a wrapped line of prose (about as long as the page's lines) or the next page
    goes on in lower case. A short last line without a full stop is a heading."""
    lines = [ln for ln in prev.split("\n") if ln.strip()]
    last = lines[-1].strip() if lines else ""
    first = nxt.lstrip().split("\n", 1)[0].strip()
    if not last or not first or " | " in last or " | " in first or _SENTENCE_END.search(last):
        return False
    if not re.search(r"[^\W\d_]", last):  # a page number left at the foot is no sentence
        return False
    if first[0].islower():
        return True
    return len(last) >= 0.6 * statistics.median(len(ln) for ln in lines)


def _table_after_run_on(prev: str, page: str) -> str:
    """``page`` with a table that opens it moved after the paragraph that continues the
    previous page's last sentence ("... amends the" / [table] / "Export Administration
    Regulations ..."): a table or figure set at the top of a page floats there, and the
    reader goes on with the sentence before reading it. ``page`` unchanged otherwise."""
    blocks = page.split("\n\n")
    k = 0
    while k < len(blocks) and blocks[k] and all(" | " in ln for ln in blocks[k].split("\n")):
        k += 1
    if k == 0 or k >= len(blocks) or not _runs_on(prev, blocks[k]):
        return page
    return "\n\n".join([blocks[k], *blocks[:k], *blocks[k + 1:]])


def _table_only(text: str) -> bool:
    """True for a page that holds nothing but table rows (a landscape table page)."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return bool(lines) and all(" | " in ln for ln in lines)


def _mend_across_table_pages(texts: list[str]) -> list[str]:
    """Pages where a sentence runs across one or more pages of table rows only (a wide
    table printed alone on a landscape page between "... amends the" and "Export
    Administration Regulations ..."): the rest of that sentence - up to its end, no more
    - moves up to the page where the sentence starts, so it stays one sentence and is
    cited with that page. The table pages and the rest of the next page stay where they
    were printed (their page offsets stay true)."""
    from ..chunking import split_sentences  # chunking needs only records: no import cycle

    texts = list(texts)
    i = 1
    while i < len(texts) - 1:
        if not texts[i - 1] or not _table_only(texts[i]):
            i += 1
            continue
        j = i
        while j < len(texts) and _table_only(texts[j]):
            j += 1
        if j < len(texts) and texts[j] and _runs_on(texts[i - 1], texts[j]):
            spans = split_sentences(texts[j])
            if spans:
                end = spans[0][1]
                head, _, tail = texts[i - 1].rpartition("\n")
                moved = texts[j][:end].strip()
                first, nl, more = moved.partition("\n")
                mended = _mend_hyphens([tail, first])
                joined = "\n".join(mended) + nl + more
                texts[i - 1] = f"{head}\n{joined}" if head else joined
                texts[j] = texts[j][end:].lstrip()
                log.debug("sentence run on across table page(s) %d-%d mended", i + 1, j)
        i = j
    return texts


def _join_pages(texts: list[str]) -> tuple[str, list[int]]:
    """Body and page start offsets. Pages are joined by a blank line (a paragraph
    break), except where a sentence runs on to the next page: there a single line
    break, so the sentence stays one sentence (a word hyphenated across the break is
    mended, its end moving up to the previous page). A sentence that runs across a
    page of table rows only is mended too (:func:`_mend_across_table_pages`)."""
    texts = _mend_across_table_pages(texts)
    seps = []
    for i in range(1, len(texts)):
        if texts[i - 1] and texts[i] and not _runs_on(texts[i - 1], texts[i]):
            texts[i] = _table_after_run_on(texts[i - 1], texts[i])
        if texts[i - 1] and texts[i] and _runs_on(texts[i - 1], texts[i]):
            head, _, tail = texts[i - 1].rpartition("\n")
            first, nl, rest = texts[i].partition("\n")
            mended = _mend_hyphens([tail, first])
            if len(mended) == 2:
                tail, first = mended
                texts[i - 1] = f"{head}\n{tail}" if head else tail
                texts[i] = first + nl + rest
            else:  # the next page's first line was only the word's end
                texts[i - 1] = f"{head}\n{mended[0]}" if head else mended[0]
                texts[i] = rest
            seps.append("\n")
        else:
            seps.append("\n\n")
    pages: list[int] = []
    parts: list[str] = []
    pos = 0
    for i, t in enumerate(texts):
        if i:
            parts.append(seps[i - 1])
            pos += len(seps[i - 1])
        pages.append(pos)
        parts.append(t)
        pos += len(t)
    return "".join(parts), pages


def load_pdf_bytes(raw: bytes, source: str) -> Document:
    """A PDF as a Document: body in reading order without running heads and feet,
    pages joined by blank lines (a single line break where a sentence runs on), and
    ``pages`` = the offset where each page starts.

    Title/publisher come from the PDF info dictionary (Title, Author), else the first
    line; the date from a running head that prints one, else the CreationDate. The
    removed running heads go to ``extra["running_heads"]`` and count towards the
    document type. Raises :class:`LoadError` for a file that is not a PDF, is
    broken, needs a password or has no text layer (scanned).
    """
    if not raw.lstrip()[:5].startswith(b"%PDF"):
        raise LoadError("not a PDF file (missing %PDF signature)")
    got = extract_pdf(raw)
    texts, info = got.pages, got.info
    body, pages = _join_pages(texts)
    if not body.strip():
        raise LoadError(f"PDF has no extractable text: no text layer on its {len(texts)} page(s) "
                        "(scanned image? run OCR first)")
    # body is not stripped, so page offsets stay exact.
    title = info.get("Title", "").strip() or first_line(body)
    publisher = info.get("Author", "").strip()
    date = ""
    heads = " || ".join(got.furniture[:5])
    if heads:
        # "Federal Register / Vol. 84, No. 196 / Wednesday, October 9, 2019 / ..." dates the
        # issue: the date printed on every page beats the file's CreationDate (when the
        # PDF was made, or re-made).
        m = re.search(r"(?:[A-Z][a-z]+day,\s+)?([A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})", heads)
        date = normalise_date(m.group(1).replace(".", "")) if m else ""
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", info.get("CreationDate", ""))
    if m and not date:
        date = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    glued = _glued_share(body)
    if glued > 0.05:
        log.warning("%s: %.0f%% of the words look glued together (missing spaces in the PDF text layer)",
                    source, 100 * glued)
    extra = {"pages": str(len(texts))}
    if heads:
        extra["running_heads"] = heads
    return Document(source=source, body=body, title=title, publisher=publisher, date=date,
                    doc_type=infer_doc_type(f"{title} {heads}", publisher, "pdf"), pages=pages, extra=extra,
                    page_numbers=got.page_numbers)


def _glued_share(body: str) -> float:
    """Share of alphabetic tokens longer than 25 letters (words run together), for a warning."""
    tokens = re.findall(r"[^\W\d_]+", body)
    if len(tokens) < 20:
        return 0.0
    return sum(1 for t in tokens if len(t) > 25) / len(tokens)
