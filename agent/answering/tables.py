"""Plain-text tables: columns aligned by spaces (printed Federal Register pages, text extracted
from a PDF, hard-wrapped text).

```
Subject                        Case no.  Officer
*Limits on Dredging            2031-004  Marlow.
 Permits in the Outer Basin
```

A table is a header line of at least two cells separated by runs of two or more spaces, then
rows whose cells start at the header cells' columns; a line that fills fewer than two columns,
each piece within one column, continues the row above it (a wrapped cell). Every cell keeps the
exact offsets of its pieces in the document body, so an answer can quote it verbatim.

Pure functions of the body text: no model, no word list. A paragraph of prose that happens to
hold double spaces (after a sentence's full stop) is not a table: its lines' pieces do not start
at the columns of the line above them, and its pieces end sentences, which a header's labels do
not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A cell's text within a line: runs of non-space characters joined by single spaces.
_PIECE = re.compile(r"\S+(?: \S+)*")
# A line drawn under a header ("-----  -----", "=====").
_RULE = re.compile(r"^[ \t]*[-=_]{3,}(?:[ \t]+[-=_]{3,})*[ \t]*$")
# A sentence ends here: the mark of prose split by a double space ("... it said.  The rule ...").
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?$")


@dataclass(frozen=True)
class Piece:
    """A run of text within one line: its text and its offsets in the body."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Cell:
    """One cell of a row: its column's header and its pieces, one per line it spans (a wrapped
    cell has several). ``text`` joins them with single spaces."""

    header: str
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.pieces)

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end


@dataclass(frozen=True)
class Row:
    """A row of a table: its cells in column order (a column left empty has none) and the span of
    its lines in the body (continuation lines included)."""

    cells: tuple[Cell, ...]
    start: int
    end: int

    def cell(self, header: str) -> Cell | None:
        """The row's cell under ``header`` (a header text as the table has it), or None."""
        return next((c for c in self.cells if c.header == header), None)


@dataclass(frozen=True)
class Table:
    """A whitespace-aligned table: its header cells (with their offsets) and rows."""

    headers: tuple[Piece, ...]
    columns: tuple[int, ...]  # the column (characters from the line start) each header starts at
    rows: tuple[Row, ...]

    @property
    def start(self) -> int:
        return self.headers[0].start

    @property
    def end(self) -> int:
        return self.rows[-1].end


def _lines(body: str) -> list[tuple[int, str]]:
    """Each line of ``body`` with its offset (line ends and carriage returns left out)."""
    out, pos = [], 0
    for line in body.split("\n"):
        out.append((pos, line.rstrip("\r")))
        pos += len(line) + 1
    return out


def _pieces(line: str, offset: int) -> list[tuple[int, Piece]]:
    """The pieces of a line split at runs of two or more spaces (a tab counts as such a run), each
    with its column. Single spaces stay within a piece: they separate words of one cell."""
    out = []
    for chunk in re.finditer(r"[^\t]+", line):
        for m in _PIECE.finditer(chunk.group()):
            col = chunk.start() + m.start()
            out.append((col, Piece(m.group(), offset + col, offset + col + len(m.group()))))
    return out


def _ends_sentences(pieces: list[tuple[int, Piece]]) -> bool:
    """Does a piece before the line's last end a sentence of more than one word ("... it said.")?
    Prose split by a double space after a full stop does on every line; a table's labels and values
    rarely do ("Case no." might: one line of them, not all)."""
    return any(_SENTENCE_END.search(p.text) and " " in p.text for _, p in pieces[:-1])


def _column_of(col: int, columns: tuple[int, ...]) -> int:
    """Index of the column whose range holds character column ``col`` (the last whose start is at
    or before it; the first when it lies before every start)."""
    k = 0
    for j, c in enumerate(columns):
        if c <= col:
            k = j
    return k


def _fits(col: int, piece: Piece, columns: tuple[int, ...]) -> bool:
    """Does a piece starting at ``col`` stay within one column (end before the next one starts)?"""
    j = _column_of(col, columns)
    return j + 1 >= len(columns) or col + len(piece.text) < columns[j + 1]


def _row_cells(pieces: list[tuple[int, Piece]], columns: tuple[int, ...]) -> list[int] | None:
    """The column index of each piece when the pieces make a new row: at least two pieces, every
    piece after the first starting exactly at a header column (the first may be indented, but
    within the first column), each in its own column and none running into the next. None
    otherwise."""
    if len(pieces) < 2:
        return None
    out = []
    for k, (col, piece) in enumerate(pieces):
        if k == 0:
            if col >= columns[1] or not _fits(col, piece, columns):
                return None
            out.append(0)
            continue
        if col not in columns or not _fits(col, piece, columns):
            return None
        j = columns.index(col)
        if out and j <= out[-1]:
            return None
        out.append(j)
    return out


def _continuation(pieces: list[tuple[int, Piece]], columns: tuple[int, ...]) -> list[int] | None:
    """The column index of each piece of a line that continues the row above it (a wrapped cell):
    every piece within one column, in distinct columns. None when the line is no such line (a
    piece runs across a column's start: prose after the table)."""
    if not pieces:
        return None
    out = []
    for col, piece in pieces:
        j = _column_of(col, columns)
        if col < columns[0] or not _fits(col, piece, columns) or (out and j <= out[-1]):
            return None
        out.append(j)
    return out


def _table_at(lines: list[tuple[int, str]], i: int) -> tuple[Table, int] | None:
    """The table whose header is line ``i``, and the index of the line after it; None when line
    ``i`` opens none (no row follows the header line)."""
    offset, line = lines[i]
    head = _pieces(line, offset)
    if len(head) < 2:
        return None
    columns = tuple(col for col, _ in head)
    headers = tuple(p for _, p in head)
    # (pieces per column, row start, row end, column of the row's first piece)
    rows: list[tuple[dict[int, list[Piece]], int, int, int]] = []
    row_lines: list[int] = []  # the index of each row's first line
    k = i + 1
    if k < len(lines) and _RULE.match(lines[k][1]):  # a rule drawn under the header
        k += 1
    while k < len(lines):
        offset, line = lines[k]
        if not line.strip():
            break
        pieces = _pieces(line, offset)
        cols = _row_cells(pieces, columns)
        if cols is not None and rows and pieces[0][0] > columns[0] == rows[-1][3]:
            # Indented under rows that start at the first column: a cell wrapped onto the next line
            # (" Certain Telecom   Services"), not a new row.
            cols = None
        if cols is not None:
            rows.append(({j: [p] for j, (_, p) in zip(cols, pieces)}, offset, offset + len(line), pieces[0][0]))
            row_lines.append(k)
        elif rows and (cols := _continuation(pieces, columns)) is not None:
            cells, start, _, first = rows[-1]
            for j, (_, p) in zip(cols, pieces):
                cells.setdefault(j, []).append(p)
            rows[-1] = (cells, start, offset + len(line), first)
        else:
            break
        k += 1
    if not rows:
        return None
    if _ends_sentences(head) and all(_ends_sentences(_pieces(lines[n][1], lines[n][0])) for n in row_lines):
        # Every line ends sentences before its double spaces: a paragraph of prose, not a table.
        return None
    out = tuple(Row(cells=tuple(Cell(header=headers[j].text, pieces=tuple(ps)) for j, ps in sorted(cells.items())),
                    start=start, end=end) for cells, start, end, _ in rows)
    return Table(headers=headers, columns=columns, rows=out), k


@lru_cache(maxsize=64)
def tables(body: str) -> tuple[Table, ...]:
    """Every whitespace-aligned table of a document body, in order (empty for prose)."""
    lines = _lines(body)
    out: list[Table] = []
    i = 0
    while i < len(lines):
        found = _table_at(lines, i)
        if found is None:
            i += 1
            continue
        table, i = found
        out.append(table)
    return tuple(out)
