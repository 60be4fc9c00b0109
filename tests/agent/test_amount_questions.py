"""Issue 8: a question that asks for an amount is answered by an amount tied to it, or the
sources don't say; the best sentence without one is no answer to it (agent/extractive.py
answer_extractive). Over a document written for the test."""
from __future__ import annotations

import pytest

RELEASE = """title: Department adds Norlake Systems to the Entity List
publisher: Example Department of Commerce
date: 2019-05-15
---
The Department today added Norlake Systems to the Entity List, restricting exports of chips to the company.
Norlake Systems said the listing would hurt its employees and its customers in Arcadia.
The Department has instituted five investigations of the effect of imports on national security.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("amount_questions", {"release.txt": RELEASE})
    return settings


def answer(question, index, monkeypatch):
    from agent import extractive
    from agent.api import ask

    # Whatever the abstention model would decide: the rule under test comes after it.
    monkeypatch.setattr(extractive, "_abstain_reason", lambda features, settings: (None, 1.0))
    return ask(question, index=index.index, settings=index)


def test_an_amount_question_without_a_tied_figure_is_not_answered_by_a_sentence(index, monkeypatch):
    a = answer("How many Norlake Systems employees will the listing hurt?", index, monkeypatch)
    assert a.abstained and "no figure" in a.notice


def test_an_amount_question_with_a_tied_figure_leads_with_it(index, monkeypatch):
    a = answer("How many investigations of the effect of imports has the Department instituted?", index, monkeypatch)
    assert not a.abstained and a.text.startswith("five")
