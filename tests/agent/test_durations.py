"""Issue 8: questions that ask for a length of time ("how long ...", "within how many business
days ...") are answered with a duration - a figure and the noun of time it counts, by WordNet
("15-month", "10 business days") - not with any figure near the question's words; a hyphenated
compound the sources never write ("Arcadia-Borduria") is read as its parts. Over a document
written for the test (agent/analysis.py asks_duration, find_durations; agent/lexical.py
names_a_duration)."""
from __future__ import annotations

import pytest

NEWS = """title: Arcadia and Borduria resume tariff talks
publisher: Example Wire
date: 2023-04-02
---
Negotiators from Arcadia and Borduria met in Veska on Monday, seeking to end their 15-month trade dispute over steel tariffs.
The talks involve 12 officials and cover 40 tariff lines.
Under the interim deal, a carrier that finds a banned component shall notify the port authority within one business day and file a full report within 10 business days.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("durations", {"news.txt": NEWS})
    return settings


def lead(question, index):
    from agent.api import ask

    return ask(question, index=index.index, settings=index).text.split("\n\n")[0]


@pytest.mark.parametrize("text, found", [
    ("seeking to end their 15-month trade dispute", ["15-month"]),
    ("notify within one business day and report within 10 business days", ["one business day", "10 business days"]),
    ("for two years, with 28 entities", ["two years"]),
    ("the 3 firms met on 5 March 2020", []),  # a count and a date are no durations
])
def test_durations_are_a_figure_and_a_noun_of_time(text, found):
    from agent.analysis import find_durations

    assert [m.group(0) for m in find_durations(text)] == found


@pytest.mark.parametrize("noun, duration", [
    ("day", True), ("month", True), ("hour", True), ("decade", True),
    ("session", False), ("quarter", False), ("official", False), ("line", False),
])
def test_nouns_of_time_by_wordnet(noun, duration):
    from agent.lexical import names_a_duration

    assert names_a_duration(noun) is duration


def test_how_long_is_answered_with_the_duration(index):
    assert lead("How long has the Arcadia-Borduria trade dispute lasted?", index).startswith("15-month")


def test_within_how_many_days_is_answered_with_the_days(index):
    assert lead("Within how many business days must the carrier file a full report?", index).startswith("10 business days")


def test_a_compound_the_sources_never_write_is_read_as_its_parts(index):
    from agent.analysis import analyse
    from agent.api import open_index

    store = open_index(index=index.index, settings=index)
    keys = {t.key for t in analyse("How long has the Arcadia-Borduria trade dispute lasted?", store).terms}
    assert {"arcadia", "borduria"} <= keys and "arcadia-borduria" not in keys
    # A compound with a common word restricts what is asked: it stays whole.
    restricted = {t.key for t in analyse("Which Veska-based firms joined the talks?", store).terms}
    assert "veska" not in restricted
