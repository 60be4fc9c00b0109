"""Issue 8 (blind-s31 u003, a fit set since session 32): a figure stated as an aim is no answer to
what was done. "How much money did Megvii actually raise in its Hong Kong IPO?" led with "at least $500
million" of "Megvii ... is preparing an IPO to raise at least $500 million": the figure is what it
means to raise. A past-tense question is a near miss when its value is the object of its verb as an
infinitive under an aim, a plan or a forecast; an infinitive under a past verb ("managed to raise")
states a done act. Documents written for these tests (made-up companies)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

NEWS = """title: Port and logistics firms tap markets
publisher: Example Wire
date: 2024-05-02
---
Korvel Robotics, backed by the harbour fund Tidewater, is preparing a listing in Singapore to raise at least $300 million.

Dunmore Shipping plans to raise $80 million from a bond sale later this year.

Elm Freight managed to raise $45 million in its March share sale, the company said.

Fenwick Ports was expected to raise $60 million from the sale of its crane unit.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("intended-values", {"news.txt": NEWS})
    return settings


@pytest.mark.parametrize("question", [
    "How much money did Korvel Robotics actually raise in its Singapore listing?",
    "How much did Dunmore Shipping raise from its bond sale?",
    "How much did Fenwick Ports raise from the sale of its crane unit?",
])
def test_an_intended_figure_does_not_answer_what_was_done(index, question):
    a = ask(question, index)
    assert a.abstained, a.text


@pytest.mark.parametrize("question, figure", [
    ("How much did Elm Freight raise in its March share sale?", "$45 million"),  # done: "managed to raise"
    ("How much is Korvel Robotics preparing to raise in Singapore?", "$300 million"),  # the aim is asked
    ("How much does Dunmore Shipping plan to raise from its bond sale?", "$80 million"),
])
def test_a_figure_of_the_asked_aim_or_of_a_done_act_answers(index, question, figure):
    a = ask(question, index)
    assert not a.abstained, a.text
    assert figure in a.text.split("\n")[0], a.text


def test_a_value_under_no_verb_is_read_without_looping():
    # A verbless line: the walk up the parse ends at its root.
    from agent.extractive import _intended_value

    assert _intended_value("How much did Dunmore Shipping raise?", "Dunmore Shipping: $80 million bond plan", "$80 million") is None
    assert _intended_value("How much did Dunmore Shipping raise from its bond sale?",
                           "Dunmore Shipping plans to raise $80 million from a bond sale later this year.",
                           "$80 million") == "plans"
