"""Issue 8: a press statement is dated by its dateline ("OCTOBER 8, 2019", in capitals), which
answers when its issuer announced or did what its headline says, when no sentence dates it (fit:
blind-s24 m033). A question about another act of the text is not answered by the dateline.
Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

STATEMENT = """title: Ministry of Ports Imposes Levy on Foreign Crane Operators (press statement)
publisher: Example Ministry of Ports
date: 2024-03-04
---
Ministry of Ports Imposes Levy on Foreign Crane Operators

PRESS STATEMENT

DANA WHITLOCK, MINISTER OF PORTS

MARCH 4, 2024

Foreign crane operators have long avoided the harbour maintenance charges that domestic operators pay. Today, I am announcing a levy on every foreign crane operator working in our ports.

Operators must register with the harbour office within thirty days of their first shipment.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("datelines", {"statement.txt": STATEMENT})
    return settings


def test_capital_month_dates_are_dates():
    from agent.analysis import find_dates

    assert [m.group(0) for m in find_dates("MARCH 4, 2024 and 4 MARCH 2024")] == ["MARCH 4, 2024", "4 MARCH 2024"]


@pytest.mark.parametrize("question", [
    "When did the Ministry of Ports announce the levy on foreign crane operators?",
    "When did the ministry impose the levy on foreign crane operators?",
])
def test_the_dateline_dates_what_the_statement_announces(index, question):
    a = ask(question, index=index)
    assert a.text.startswith("MARCH 4, 2024 [1]"), a.text
    assert a.citations[0].quote == "MARCH 4, 2024"
    assert any(c.quote.startswith("Ministry of Ports Imposes Levy") for c in a.citations)


def test_another_act_of_the_text_is_not_dated_by_the_dateline(index):
    # Twin: registering is neither what the statement's headline says nor a saying; the statement
    # was not issued when operators must register.
    a = ask("When must foreign crane operators register with the harbour office?", index=index)
    assert "MARCH 4, 2024" not in a.text.split("\n")[0], a.text
