"""Issue 8: a figure for another place (blind-s28 r020). "How much revenue does Kestrix earn from
customers in Norway?", asked of a story that gives only Kestrix's revenue *from abroad*, is a near
miss: the sentence restricts the asked noun otherwise and never names the asked country. Asked for
the share from abroad, or with no place, the figure answers; a sentence that names the asked
country keeps its figure. The story of test_publisher_sources, plus a line written here."""
from __future__ import annotations

import pytest

from test_publisher_sources import STORY
from tiny_ask import ask

SALES = """title: Belmar Optics annual report excerpt
publisher: Belmar Optics
date: 2022-03-01
---
Belmar Optics said its revenue from Norway rose to 2 billion crowns in 2021.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("place-figures", {"story.txt": STORY, "sales.txt": SALES})
    return settings


def test_a_figure_restricted_to_another_place_is_no_answer(index):
    a = ask("How much revenue does Kestrix earn from customers in Norway?", index)
    assert a.abstained, a.text


@pytest.mark.parametrize("question, figure", [
    ("How much of its revenue does Kestrix earn from abroad?", "nearly 20%"),
    ("How much revenue does Belmar Optics earn from customers in Norway?", "2 billion"),
])
def test_the_figure_of_the_asked_place_answers(index, question, figure):
    # the twins
    a = ask(question, index)
    assert not a.abstained, a.text
    assert figure in a.text.split("\n\nEvidence")[0], a.text


# Session 37 (fit: blind-s35 y012): the asked noun may be a part of the restricted one ("What *share of*
# Kestrix's *revenue* comes from US customers?"): the revenue "from abroad" is still another part's.
@pytest.mark.parametrize("question", [
    "What share of Kestrix's revenue comes from US customers?",
    "What portion of Kestrix's revenue comes from customers in Norway?",
])
def test_a_share_of_a_figure_restricted_to_another_place_is_no_answer(index, question):
    a = ask(question, index)
    assert a.abstained, a.text


def test_a_share_of_the_asked_place_answers(index):
    # the twin: the place the sentence gives
    a = ask("What share of Kestrix's revenue comes from abroad?", index)
    assert not a.abstained and "nearly 20%" in a.text.split("\n\nEvidence")[0], a.text
