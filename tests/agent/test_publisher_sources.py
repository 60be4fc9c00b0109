"""Issue 8: the publisher is where a figure is reported, not whose it is (blind-s28 r074). "What
market value did Norvane report for Belmar Optics?", asked of an Norvane story that gives
only *Kestrix's* market value and revenue, is a near miss: the party asked about is Belmar
Optics, which the story names elsewhere, not the wire. Asked for Kestrix, the figure answers.
A story written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

STORY = """title: Harbour Board Widens Crane Ban to Include Top Camera Makers
publisher: Norvane
date: 2022-10-08
---
Harbour Board Widens Crane Ban to Include Top Camera Makers

The decision targets 20 port authorities and eight companies including crane maker Orvik, as well as camera leaders Kestrix and Belmar Optics.

Kestrix, with a market value of about $31 billion, calls itself the world's largest maker of harbour cameras.

Norvane reported in August Kestrix receives nearly 20% of its 40 billion crowns ($5 billion) in revenue from abroad.

Belmar Optics did not respond to a request for comment.
"""
# Belmar Optics is named by more documents than the wire is: by IDF weight, the wire's name would
# be the question's most specific name.
NOTICE = """title: Harbour Board notice on camera makers
publisher: Harbour Board
date: 2022-10-07
---
The Harbour Board has reviewed the cameras of Belmar Optics and of Orvik. Belmar Optics must file a safety plan.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("publisher-sources", {"story.txt": STORY, "notice.txt": NOTICE, "notice2.txt": NOTICE.replace("2022-10-07", "2022-11-07")})
    return settings


@pytest.mark.parametrize("question", ["How much revenue did Norvane report for Belmar Optics?",
                                      "What market value did Norvane report for Belmar Optics?"])
def test_another_partys_figure_is_no_answer(index, question):
    a = ask(question, index)
    assert a.abstained, a.text


@pytest.mark.parametrize("question, figure", [("How much revenue did Norvane report for Kestrix?", "$5 billion"),
                                              ("What market value did Norvane report for Kestrix?", "about $31 billion")])
def test_the_figure_of_the_asked_party_answers(index, question, figure):
    # the twins
    a = ask(question, index)
    assert not a.abstained, a.text
    assert a.text.startswith(figure), a.text
