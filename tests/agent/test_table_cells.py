"""A question asking for a column's value for a row of a plain-text table leads with that cell,
marked with a verbatim quote of the table's header and row (agent/answering/tables.py,
extractive._table_cell_answer; fit: blind-s27 q040, blind-s21 i048, train-s16 t039, blind-s17
c039, blind-s19 g042 - each led with another sentence, the cell only in the evidence). Each case
has a twin that must not take a cell: a noun that is no header, a row the question does not
identify, prose. Documents written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

GUIDE = """title: Harbour Board Circular 2031-02; Small Operator Compliance Guide
publisher: Example Harbour Board
date: 2031-03-14
---
Harbour Board Circular 2031-02; Small Operator Compliance Guide

SUMMARY: This guide summarises the rules appearing in Harbour Board Circular (HBC) 2031-02. An asterisk (*) next to a rule indicates that a cost analysis has been prepared.

FOR FURTHER INFORMATION CONTACT: the Harbour Board help desk at 555-0190. Please cite HBC 2031-02.

Rules Listed in HBC 2031-02

Subject                            HB case   Officer
*Limits on Dredging                2031-004  Marlow.
 Permits in the Outer Basin
Crane Inspection Intervals         2031-009  Pell.
Tug Licensing Fees                 2031-011  Pell.
"""

NEWS = """title: Harbour Board tightens dredging rules
publisher: Example Wire
date: 2031-03-15
---
Harbour Board tightens dredging rules

The Harbour Board said on Friday that dredging permits in the outer basin will be limited from April.  Operators  have asked for more time.

The board's press officer, Ada Lind, said the limits protect the basin's moorings.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("table-cells", {"guide.txt": GUIDE, "news.txt": NEWS})
    return settings


def _lead(a) -> str:
    return a.text.split("\n\n")[0]


@pytest.mark.parametrize("question, cell", [
    ("Who is the officer for HB case 2031-004 in HBC 2031-02?", "Marlow."),
    ("In the HBC 2031-02 compliance guide, who is listed as the officer for the outer basin dredging permits rule?", "Marlow."),
    ("Which HB case is the crane inspection intervals rule in HBC 2031-02?", "2031-009"),
    ("Who is the officer for the tug licensing fees case in HBC 2031-02?", "Pell."),
    # A header naming the asked noun by a WordNet synonym ("Subject" for "topic").
    ("What is the topic of HB case 2031-009 in HBC 2031-02?", "Crane Inspection Intervals"),
])
def test_the_asked_column_of_the_identified_row_leads(index, question, cell):
    a = ask(question, index=index)
    assert not a.abstained
    assert _lead(a).startswith(f"{cell} [1]"), a.text
    quote = a.citations[0].quote
    assert cell in quote and quote.startswith("Subject ")  # the header quoted with the row
    assert a.citations[0].quote == GUIDE.split("---\n", 1)[1][a.citations[0].start:a.citations[0].end]


def test_two_asked_columns_lead_one_line_each(index):
    a = ask("What are the HB case and the officer of the crane inspection intervals rule in HBC 2031-02?", index=index)
    assert _lead(a) == "HB case: 2031-009 [1]\nOfficer: Pell. [1]", a.text


def test_a_two_part_question_keeps_both_leads(index):
    """The part asking for a column gets the cell; the other part keeps its own lead."""
    a = ask("What does an asterisk next to a rule in HBC 2031-02 indicate, and who is the officer for HB case 2031-004?",
            index=index)
    lead = _lead(a)
    assert "Marlow. [" in lead, a.text
    assert "cost analysis" in lead.split("\n")[0], a.text


@pytest.mark.parametrize("question", [
    # No column is headed by the asked noun ("inspector", "deadline").
    "Who is the inspector for HB case 2031-004 in HBC 2031-02?",
    "What is the deadline for HB case 2031-004 in HBC 2031-02?",
    # The question identifies no one row: "Pell." is the officer of two; a term both rows share.
    "Which HB case is Pell's in HBC 2031-02?",
    "Which HB case in HBC 2031-02 is the rule?",
])
def test_no_cell_leads_when_the_column_or_row_is_not_known(index, question):
    a = ask(question, index=index)
    lead = _lead(a)
    for cell in ("Marlow. [", "Pell. [", "2031-004 [", "2031-009 [", "2031-011 ["):
        assert not lead.startswith(cell), a.text


def test_prose_with_double_spaces_gives_no_cell(index):
    """The news story's double spaces make no table: its officer is read from its sentence, not a cell."""
    a = ask("Who is the Harbour Board's press officer?", index=index)
    assert "Ada Lind" in a.text
    assert not _lead(a).startswith(("Marlow.", "Pell."))


@pytest.mark.parametrize("header, keys, lemma, fit", [
    ("Officer", ("officer",), "officer", 0),
    ("HB case", ("hb", "case"), "case", 1),
    ("HB case", ("case",), "case", 0),
    ("Subject", ("topic",), "topic", 0),
    ("Officer", ("inspector",), "inspector", None),
    ("Case no.", ("case",), "case", None),  # its head word is "no."
])
def test_header_fit(header, keys, lemma, fit):
    from agent.extractive import AskedNoun, _header_fit

    assert _header_fit(header, AskedNoun(keys=keys, lemma=lemma)) == fit


@pytest.mark.parametrize("question, keys", [
    ("Who is the officer for HB case 2031-004?", [("officer",)]),
    ("Who is listed as the officer for HB case 2031-004?", [("officer",)]),
    ("Which HB case is the crane rule?", [("hb", "case")]),
    ("What are the HB case and the officer of the crane rule?", [("hb", "case"), ("officer",)]),
    ("Who approved the crane rule?", []),
])
def test_asked_nouns(question, keys):
    from agent.analysis import AnswerKind, Question, focus_phrase
    from agent.extractive import _asked_nouns

    q = Question(text=question, kind=AnswerKind.OTHER, terms=[], focus=focus_phrase(question))
    assert [n.keys for n in _asked_nouns(q)] == keys
