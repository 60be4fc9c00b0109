"""Issue 8, kind 3: a figure answers "what was X's <noun>?" only when the sentence ties it to the asked
noun, not by the party's name alone. "What was SenseTime's annual revenue in 2018?" (blind-s30 t032)
led with SenseTime's *valuation* - the one figure next to its name - though the sources write
"revenue" elsewhere, of another company (agent/extractive.py ``_tied_by_names_only``). Twins: the
noun the sentence does write ("valued", "revenue") and a noun no source writes (a paraphrase, which
only meaning can tie) keep their figures. Documents written for these tests (made-up firms)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

NEWS = """title: Drone makers face export curbs
publisher: Example Wire
date: 2031-04-02
---
Korvane, valued at around $2.1 billion in a March 2030 funding round, is one of the largest drone makers in the region.

Peltrix said its revenue reached $900 million last year, a third of it from overseas sales.

The ministry said the curbs would take effect on May 1, 2031.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("measured-nouns", {"news.txt": NEWS})
    return settings


def _lead(answer) -> str:
    return answer.text.split("\n\n")[0]


@pytest.mark.integration
@pytest.mark.parametrize("question", [
    "What was Korvane's revenue?",
    "What was Korvane's annual revenue in 2030?",
])
def test_a_figure_of_another_measure_is_no_answer(index, question):
    a = ask(question, index=index)
    assert "2.1 billion" not in _lead(a), a.text


@pytest.mark.integration
@pytest.mark.parametrize("question, value", [
    ("What was Peltrix's revenue?", "$900 million"),  # the sentence writes the asked noun
    ("How much was Korvane valued at?", "$2.1 billion"),  # ... or its verb
    ("What valuation did Korvane reach in its funding round?", "$2.1 billion"),  # a noun no source writes
])
def test_a_figure_of_the_asked_measure_leads(index, question, value):
    a = ask(question, index=index)
    assert not a.abstained and value in _lead(a).splitlines()[0], a.text
