"""Issue 8, session 38 (fit: blind-s36 z052): a count asked of one year ("How many port reviews did the
ministry open *in 2022 alone*?") is not answered by a running total the quote counts "since" some start
("*Since the beginning of the programme*, the ministry has opened seven port reviews"): near miss.
Asked without a year, or of a quote whose "since" phrase names the asked year, the count answers.
Documents written for these tests (made-up ministry and figures)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

RELEASE = """title: Ministry of Ports announces the listing of Dravik Marine (press release)
publisher: Example Ministry of Ports
date: 2022-09-14
---
"Since the beginning of the programme, the ministry has added 140 firms to the Crane List, as well as opened seven port reviews under Section 41 of the Harbour Act," said Minister Ilse Varga.
"""

REPORT = """title: Harbour Authority annual report excerpt
publisher: Example Harbour Authority
date: 2023-02-01
---
Since January 2022, the authority has inspected 63 foreign vessels under Section 12 of the Harbour Act.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("running-totals", {"release.txt": RELEASE, "report.txt": REPORT})
    return settings


def lead(a) -> str:
    return a.text.split("Evidence:")[0]


@pytest.mark.parametrize("question", [
    "How many Section 41 port reviews did the ministry open in 2022 alone, per Minister Varga?",
    "How many port reviews under Section 41 did the ministry open during 2022?",
])
def test_a_running_total_is_no_count_of_one_year(index, question):
    a = ask(question, index)
    assert a.abstained and "seven" not in lead(a), a.text


@pytest.mark.parametrize("question, value", [
    # twins: no year asked; a "since" phrase naming the asked year
    ("How many Section 41 port reviews had the ministry opened, per Minister Varga?", "seven"),
    ("How many foreign vessels did the authority inspect under Section 12 in 2022?", "63"),
])
def test_a_count_without_a_year_or_since_that_year_answers(index, question, value):
    a = ask(question, index)
    assert not a.abstained and value in lead(a), a.text
