"""Issue 8: a year after the document (a new-user trial, stop 28). "What *was* X's revenue *in 2024*?"
is not answered from a story dated 2022: it cannot report that year, and the figure it gives is
another year's. Asked without the year, the figure answers. Documents
written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

STORY = """title: Harbour Board Widens Crane Ban to Include Top Camera Makers
publisher: Example Wire
date: 2022-10-08
---
Harbour Board Widens Crane Ban to Include Top Camera Makers

The decision targets 20 port authorities and eight companies including crane maker Orvik, as well as camera leaders Kestrel Vision and Belmar Optics.

Example Wire reported in August Kestrel Vision receives nearly 20% of its 40 billion crowns ($5 billion) in revenue from abroad.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("later-years", {"story.txt": STORY})
    return settings


def test_a_past_value_of_a_year_after_the_document_is_not_answered(index):
    a = ask("What was Kestrel Vision's revenue in 2024?", index)
    assert a.abstained


def test_the_figure_answers_without_a_later_year(index):
    # the twin
    a = ask("What was Kestrel Vision's revenue?", index)
    assert not a.abstained
    lead = a.text.split("\n\n")[0]
    assert "40 billion crowns" in lead or "$5 billion" in lead, lead
