"""Plain-text tables (agent/answering/tables.py): a header line of cells separated by runs of two
or more spaces, rows whose cells start at the header's columns, wrapped cells continued on the
next lines; each cell mapped to its header with its exact offsets in the body (fit: blind-s27
q040, blind-s21 i048, train-s16 t039, blind-s17 c039, blind-s19 g042). Tables written for these
tests."""
from __future__ import annotations

from agent.answering.tables import tables


def _rows(body: str, n: int = 0) -> list[dict[str, str]]:
    return [{c.header: c.text for c in r.cells} for r in tables(body)[n].rows]


def _offsets_hold(body: str) -> None:
    """Every cell's pieces and every header are verbatim at their offsets."""
    for t in tables(body):
        for h in t.headers:
            assert body[h.start:h.end] == h.text
        for r in t.rows:
            for c in r.cells:
                for p in c.pieces:
                    assert body[p.start:p.end] == p.text
                assert r.start <= c.start < c.end <= r.end


TWO = """Harbour notices

Berth     Officer
North 4   Dana Quill
South 1   Ira Boyle

The berths reopen in May.
"""

THREE_WRAPPED = """Rules Listed in HB Circular 2031-02

Subject                            Case no.  Officer
*Limits on Dredging                2031-004  Marlow.
 Permits in the Outer Basin
Crane Inspection Intervals         2031-009  Pell.
"""

FIVE = """Region   Port       Cranes  Berths  Manager
East     Larkspur   12      4       Tova Renn
West     Moorfield  7       2       Abel Sato
"""

RULED = """Vessel        Flag      Master
------------  --------  ------------
Grey Heron    Norland   P. Achter
"""

TWO_TABLES = """Berth     Officer
North 4   Dana Quill

Dock  Crane type         Inspector
D2    Gantry, 40-tonne   Wren
"""

PROSE = """The Board met on May 2.  It said the cranes at North 4 were unsafe.  Members voted to close
the berth.  The harbour master said repairs would take six weeks.  Traffic moved to South 1.
"""


def test_two_columns():
    assert _rows(TWO) == [{"Berth": "North 4", "Officer": "Dana Quill"},
                          {"Berth": "South 1", "Officer": "Ira Boyle"}]
    _offsets_hold(TWO)


def test_a_wrapped_cell_continues_its_row():
    assert _rows(THREE_WRAPPED) == [
        {"Subject": "*Limits on Dredging Permits in the Outer Basin", "Case no.": "2031-004", "Officer": "Marlow."},
        {"Subject": "Crane Inspection Intervals", "Case no.": "2031-009", "Officer": "Pell."}]
    row = tables(THREE_WRAPPED)[0].rows[0]
    assert len(row.cell("Subject").pieces) == 2
    assert THREE_WRAPPED[row.start:row.end].endswith("Outer Basin")
    _offsets_hold(THREE_WRAPPED)


def test_five_columns():
    assert _rows(FIVE)[1] == {"Region": "West", "Port": "Moorfield", "Cranes": "7", "Berths": "2",
                              "Manager": "Abel Sato"}
    _offsets_hold(FIVE)


def test_a_rule_under_the_header_is_skipped():
    assert _rows(RULED) == [{"Vessel": "Grey Heron", "Flag": "Norland", "Master": "P. Achter"}]


def test_a_row_of_another_table_below_is_that_tables():
    found = tables(TWO_TABLES)
    assert len(found) == 2
    assert _rows(TWO_TABLES, 0) == [{"Berth": "North 4", "Officer": "Dana Quill"}]
    assert _rows(TWO_TABLES, 1) == [{"Dock": "D2", "Crane type": "Gantry, 40-tonne", "Inspector": "Wren"}]
    _offsets_hold(TWO_TABLES)


def test_another_header_right_below_ends_the_table():
    body = TWO_TABLES.replace("\n\n", "\n")
    found = tables(body)
    assert [[h.text for h in t.headers] for t in found] == [["Berth", "Officer"], ["Dock", "Crane type", "Inspector"]]
    assert _rows(body, 1) == [{"Dock": "D2", "Crane type": "Gantry, 40-tonne", "Inspector": "Wren"}]


def test_prose_with_double_spaces_is_no_table():
    assert tables(PROSE) == ()
    # (Nor a single line of it, nor prose right under a table.)
    assert tables("It was late.  The berth closed.\n") == ()
    assert _rows(TWO + PROSE) == _rows(TWO)


def test_prose_right_after_rows_ends_the_table():
    body = "Berth     Officer\nNorth 4   Dana Quill\nThe officer at North 4 reports to the harbour master daily.\n"
    assert _rows(body) == [{"Berth": "North 4", "Officer": "Dana Quill"}]
    assert tables(body)[0].end == body.index("Quill") + len("Quill")


def test_a_header_alone_is_no_table():
    assert tables("Berth     Officer\n\nNo berths are assigned.\n") == ()


def test_prose_whose_lines_happen_to_align_is_no_table():
    """Two lines of prose whose sentences happen to start at the same columns: every line ends a
    sentence before its double spaces, which a table's lines do not all do."""
    body = "The Board met.  It voted.\nThe crew left.  It rained.\n"
    assert tables(body) == ()
    # (A table whose header has an abbreviated label - "Case no." - stays one.)
    assert _rows("Case no.  Officer\n2031-004  Marlow.\n") == [{"Case no.": "2031-004", "Officer": "Marlow."}]
