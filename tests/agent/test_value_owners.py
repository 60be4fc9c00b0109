"""Issue 8: a figure is the asked party's only when the sentence says it of that party - a value
in a clause whose subject is another name is that party's (fit: blind-s22 j016, blind-s19 g049;
checked on blind-s23). Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

NEWS = """title: Drone makers line up listings ahead of export curbs
publisher: Example Wire
date: 2023-04-02
---
Korvane, valued at around $2.1 billion in a March 2022 funding round, is one of the largest drone makers while
Peltrix, backed by the state fund Alderhold, is valued at around $900 million and is preparing a listing to raise
at least $150 million in Singapore.

Since the start of the year, the Ministry has added 41 companies to its export control list, the ministry said.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("value-owners", {"news.txt": NEWS})
    return settings


@pytest.mark.parametrize("sentence, value, owner", [
    # The clause a value stands in, followed up through "and is preparing ... to raise".
    ("Korvane is valued at $2 billion while Peltrix is preparing a listing to raise $150 million.",
     "$150 million", "Peltrix"),
    # A participle phrase describes the noun it follows.
    ("Korvane, valued at around $2.1 billion, makes drones.", "$2.1 billion", "Korvane"),
    # No subject the parse can find: no owner.
    ("Up to $5 million in fines.", "$5 million", None),
])
def test_value_owner(sentence, value, owner):
    from agent.extractive import _value_owner

    i = sentence.index(value)
    found = _value_owner(sentence, (i, i + len(value), value))
    assert (found.text if found is not None else None) == owner


def test_another_partys_figure_is_no_answer(index):
    """Asked for Korvane's listing target, the sources give only Peltrix's: no figure leads (not
    Peltrix's $150 million, nor Korvane's valuation, a value of the asked party that answers
    something else)."""
    a = ask("How much is Korvane looking to raise in its Singapore listing?", index=index)
    assert "150 million" not in a.text.split("Evidence")[0] and "2.1 billion" not in a.text.split("\n")[0]
    a = ask("How much is Peltrix looking to raise in its Singapore listing?", index=index)
    assert a.text.startswith("at least $150 million")


def test_a_description_is_not_another_party(index):
    """'the Ministry' describes the party the question names otherwise: its figure stands."""
    a = ask("How many companies had the trade ministry added to its export control list since the start of the year?",
            index=index)
    assert a.text.startswith("41")
