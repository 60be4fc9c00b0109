"""Issue 8: a memo's header lines ("TO:", "FROM:") say who a document is addressed to and who it
is from; a question asking with that preposition ("To whom ...", "... addressed to?", "Which
office sent ...?") is answered by the line of the document it names (fit: i026, i027, h003, t020,
j025; checked on blind-s23). Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

MEMO = """title: HA 2023-07 Harbour Crane Certification (port authority acquisition alert)
publisher: Example Port Authority, Office of Procurement
date: 2023-06-12
---
HA 2023-07 Harbour Crane Certification

DATE: June 12, 2023

SUBJECT: Harbour Crane Certification

TO: Port Contracting Officers/Terminal Managers
FROM: Chief, Equipment Policy Branch, Office of Procurement

SUMMARY:

Bidders must certify quarterly whether they use listed harbour cranes.
"""

OTHER = """title: Notice on crane imports
publisher: Example Customs Service
date: 2023-06-20
---
Importers of harbour cranes must declare the crane's maker to the customs office.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("header-lines", {"memo.txt": MEMO, "other.txt": OTHER})
    return settings


@pytest.mark.parametrize("question, lead", [
    ("To whom was alert HA 2023-07 addressed?", "Port Contracting Officers/Terminal Managers"),
    ("Who is the HA 2023-07 alert addressed to?", "Port Contracting Officers/Terminal Managers"),
    ("Which office sent alert HA 2023-07?", "Chief, Equipment Policy Branch, Office of Procurement"),
])
def test_a_header_line_answers_the_asked_preposition(index, question, lead):
    a = ask(question, index=index)
    assert a.text.startswith(lead + " [1]"), a.text
    assert a.citations[0].quote.split(":")[0] in ("TO", "FROM")


def test_a_question_naming_no_document_takes_no_header(index):
    """The memo's addressees are not whoever a question without a document asks about."""
    a = ask("To whom must importers declare the crane's maker?", index=index)
    assert "Port Contracting Officers" not in a.text.split("\n")[0]


@pytest.mark.parametrize("question, preps", [
    ("To whom was the alert addressed?", {"to"}),
    ("Who is the alert addressed to?", {"to"}),
    ("Which office sent the alert?", {"from"}),
    ("What does the alert require?", set()),
    # A preposition left by a passive phrasal verb ("referred to") when the wh-word asks for an
    # amount, not a party (fit: blind-s24 m010).
    ("What dollar amount is the threshold referred to in the alert?", set()),
])
def test_asked_prepositions(question, preps):
    from agent.analysis import AnswerKind, Question
    from agent.extractive import _asked_prepositions

    assert _asked_prepositions(Question(text=question, kind=AnswerKind.OTHER, terms=[])) == preps


def test_a_question_for_a_name_is_not_answered_by_an_office(index):
    """'FROM: Chief, Equipment Policy Branch' gives an office, not the name asked for."""
    a = ask("What is the name of the branch chief who issued alert HA 2023-07?", index=index)
    assert not a.text.startswith("Chief, Equipment Policy Branch")


@pytest.mark.parametrize("question", [
    "From what date must bidders under alert HA 2023-07 certify?",
    "Who signed alert HA 2023-07? I need the name.",
    "What dollar amount is the certification threshold referred to in alert HA 2023-07?",
])
def test_a_date_or_a_persons_name_is_not_a_header_line(index, question):
    a = ask(question, index=index)
    assert not a.text.startswith(("Chief, Equipment Policy Branch", "Port Contracting Officers")), a.text
