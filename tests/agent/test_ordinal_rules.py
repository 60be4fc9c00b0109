"""Issue 8: one of a series asked by its ordinal (a new-user trial, stop 29). "When did the *third*
interim rule take effect?" of a corpus that holds the *second* interim rule had led with the second
rule's effective date. An ordinal that restricts a noun is no general word (spaCy counts "first" and
"third" as stop words): evidence whose document or sentence writes another ordinal for that noun, and
never the asked one, is about another one of the series - the question abstains. Asked for the one
the sources hold, it is answered. Rules written for these tests (a made-up authority)."""
from __future__ import annotations

import pytest

from agent.analysis import _ordinal_modifiers

from tiny_ask import ask

SECOND = """title: Harbour Crane Safety Regulation - second interim rule (88 HR 4410)
publisher: Example Harbour Authority
date: 2023-12-13
---
ACTION: Interim rule.

SUMMARY: This second interim rule extends the crane inspection requirements to floating cranes.

Effective Date: December 13, 2023.
"""
STORY = """title: Harbour authority widens crane inspections
publisher: Example Wire
date: 2023-12-14
---
The harbour authority on Wednesday extended its crane inspection rules to floating cranes, its second change this year.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("ordinal-rules", {"second.txt": SECOND, "story.txt": STORY})
    return settings


@pytest.mark.parametrize("question, ordinals", [
    ("When did the third interim rule take effect?", {"third"}),
    ("What did the first interim rule require?", {"first"}),
    # an ordinal adverb, and a cardinal, restrict no noun
    ("When was Kestrix first added to the Crane List?", set()),
    ("Which three cranes were inspected?", set()),
])
def test_ordinals_that_restrict_a_noun(question, ordinals):
    assert _ordinal_modifiers(question) == ordinals


@pytest.mark.parametrize("question", ["When did the third interim rule on harbour crane safety take effect?",
                                      "What does the fourth interim rule on crane safety extend?"])
def test_another_one_of_the_series_is_a_near_miss(index, question):
    a = ask(question, index)
    assert a.abstained, a.text


def test_the_one_the_sources_hold_is_answered(index):
    # the twin
    a = ask("When did the second interim rule on harbour crane safety take effect?", index)
    assert not a.abstained, a.text
    assert a.text.startswith("December 13, 2023"), a.text
