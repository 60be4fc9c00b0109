"""Issue 8: a year that is part of a name ("the Trade Act of 1962") does not date a sentence: a
count in a sentence about 2019 that cites a 1962 statute still answers a question about 2019
(agent/extractive.py _dating_keys). Over a document written for the test."""
from __future__ import annotations

import pytest

RELEASE = """title: Department adds Norlake Systems to the Entity List
publisher: Example Department of Commerce
date: 2019-05-15
---
The Department today added Norlake Systems to the Entity List.
“Since the beginning of the Administration, the Department has added 190 persons or organizations to the Entity List, as well as instituted five investigations under Section 232 of the Trade Act of 1962,” said the Secretary.
In August 2018, the Department had added 44 organizations.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("years_in_names", {"release.txt": RELEASE})
    return settings


def lead(question, index):
    from agent.api import ask

    return ask(question, index=index.index, settings=index).text.split("\n")[0]


def test_a_year_in_a_statute_name_does_not_date_the_sentence(index):
    assert lead("Per the May 2019 statement, how many persons or organizations had the Department added "
                "since the Administration began?", index).startswith("190")


def test_a_year_written_as_a_time_still_dates_the_sentence(index):
    # "In August 2018 ... 44 organizations" is another year's count: no answer about 2019.
    assert not lead("How many organizations did the Department add in May 2019?", index).startswith("44")


def test_a_count_reported_in_may_is_no_count_at_the_end_of_the_year(index):
    # "By the end of 2019" is December 2019; the release is dated May 2019.
    assert not lead("By the end of 2019, how many persons or organizations had the Department added to the "
                    "Entity List in total?", index).startswith("190")
