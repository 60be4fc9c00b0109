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


def test_how_much_time_after_a_fronted_phrase_is_a_length_of_time(index):
    # "how much time" asks for a length of time, and a fronted phrase before it only sets the topic
    # (fit: blind-s24 m036).
    from agent.analysis import asking_clause, asks_duration

    question = "After notifying the port authority, how much time does the carrier have to file a full report?"
    assert asking_clause(question) == "how much time does the carrier have to file a full report?"
    assert asks_duration(question, ["time"]) and not asks_duration("How much money does the carrier owe?", ["money"])
    assert lead(question, index).startswith("10 business days")


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


# A clause whose items give lengths of time counted from different events, each item introduced
# by a lead-in line that holds the question's words (the FAR 52.204-25 reporting paragraph's shape).
CLAUSE = """title: Harbour Safety Clause 12-7 Reporting of banned components
publisher: Example Port Authority
date: 2022-06-01
---
(d) Reporting requirement.

(1) In the event the Carrier identifies a banned component during berth operations, the Carrier shall notify the Harbour Master.

(2) The Carrier shall report the following information pursuant to paragraph (d)(1) of this clause

(i) Within two business days from the date of such identification: the vessel name; the berth number; the component description; and any readily available information about containment actions.

(ii) Within 15 business days of submitting the information in paragraph (d)(2)(i) of this clause: any further available information about containment actions undertaken.

(e) Waivers. The Harbour Master may grant a waiver of this clause.
"""


@pytest.fixture(scope="module")
def clause_index(tiny_index):
    _, settings = tiny_index("clause_items", {"clause.txt": CLAUSE})
    return settings


@pytest.mark.parametrize("question", [
    "How soon must a carrier report after finding a banned component during berth operations?",
    "If a carrier spots a banned component, how fast must it report under clause 12-7?",
    "Within how many business days of the initial report must the carrier send further containment information?",
])
def test_a_clause_item_length_of_time_comes_with_the_event_it_is_counted_from(clause_index, question):
    # The items' lead-in ("The Carrier shall report ...") ties their values to the question; the
    # embedding model cannot tell "after finding" from "of submitting" reliably, so the lead gives
    # the length the question's words single out, or each length with the event it runs from -
    # never one of them bare as if it were the only deadline.
    first = lead(question, clause_index).split("\n")[0]
    durations = [d for d in ("two business days", "15 business days") if d in first]
    assert durations, first
    if len(durations) == 2:
        assert "two business days from the date of such identification" in first
        assert "15 business days of submitting the information" in first


def test_a_length_of_time_of_something_else_is_no_answer(clause_index):
    # The clause gives no length of a waiver: "15 business days" (to report) is not it.
    first = lead("How long does a waiver granted by the Harbour Master last?", clause_index).split("\n")[0]
    assert not first.startswith(("two", "15"))  # the sources don't say, or the best sentence leads


def test_a_length_of_time_counts_no_things(clause_index):
    # "two business days" is no count of vessels.
    first = lead("How many vessels must the carrier report under clause 12-7?", clause_index).split("\n")[0]
    assert not first.startswith(("two", "15"))


@pytest.mark.parametrize("text, found", [
    ("(ii) Within 10 business days of submitting the information", ["10"]),  # an item's first word is no name
    ("About 20 firms were named.", ["20"]),  # a function word labels no figure
    ("under Section 889 of the Act", []),  # a name word does
])
def test_figures_after_an_enumerator_or_a_function_word(text, found):
    from agent.analysis import find_numbers

    assert [m.group(0) for m in find_numbers(text)] == found
