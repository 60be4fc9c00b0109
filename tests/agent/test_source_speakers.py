"""Issue 8: "according to its US spokesman" names a person speaking, not a publication: retrieval does not
narrow to publishers whose name holds "US" as a substring ("Industry and Security"), and the sentence in
which the spokesman speaks leads, not one sharing the question's words (fit: blind-s25 n050).
Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

NEWS = """title: Ruritania widens export blacklist to drone makers
publisher: Example Wire
date: 2023-05-03
---
Korvane's response to being blacklisted was expected to be sharp: the decision targets four drone makers including Korvane Drones.

A US Korvane spokesman said the company "firmly rejects" the listing and will appeal it.

Analysts expect other drone makers in the region to be listed within a year.
"""

RULE = """title: Additions to the Export Blacklist
publisher: Example Bureau of Industry and Security
date: 2023-05-02
---
This rule adds four drone makers to the export blacklist. The response of listed parties may be filed within 45 days.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("source-speakers", {"news.txt": NEWS, "rule.txt": RULE})
    return settings


def test_a_person_as_source_is_the_speaker_of_the_lead(index):
    a = ask("What was Korvane's response to being blacklisted, according to its US spokesman?", index=index)
    assert not a.abstained, a.text
    assert a.citations[0].quote.startswith("A US Korvane spokesman said"), a.text


def test_a_publication_as_source_still_narrows_retrieval(index):
    # Twin: "according to Example Wire" names the news publisher; its passage answers.
    a = ask("According to Example Wire, how many drone makers does the decision target?", index=index)
    assert a.citations and a.citations[0].title == "Ruritania widens export blacklist to drone makers", a.text


def test_a_person_heading_a_source_phrase_is_a_speaker():
    from agent.analysis import source_speaker

    assert source_speaker("its US spokesman") == "spokesman"
    assert source_speaker("Reuters") == "" and source_speaker("the Commerce press release") == ""
