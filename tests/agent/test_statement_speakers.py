"""Issue 8: "What did X say ...?" is answered by X's words: a sentence of X's own statement (its
document's publisher, with no "said" in it) or one that says "X said", before another party's
words on the same topic (agent/extractive.py _publisher_speaks, assess). Over documents written
for the test."""
from __future__ import annotations

import pytest

STATEMENT = """title: Ministry statement on the Veska port dispute
publisher: Arcadian Ministry of Trade (Minister Lena Voss)
date: 2021-05-03
---
PRESS STATEMENT

The Borduran government has imposed sweeping port fees on Arcadian ships that include berth surcharges, inspection levies and a ban on night unloading.
Arcadia calls on Borduria to withdraw the fees at once and return the seized cargo.
"""

NEWS = """title: Borduria defends port fees
publisher: Example Wire
date: 2021-05-04
---
The Borduran Port Authority said in a filing that the fees were "a lawful response to Arcadian dumping of steel, grain and machinery."
Shipping lines said the fees would raise costs for exporters in both countries.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("statement_speakers", {"statement.txt": STATEMENT, "news.txt": NEWS})
    return settings


def first_line(question, index):
    from agent.api import ask

    return ask(question, index=index.index, settings=index).text.split("\n")[0]


def test_the_asked_speakers_own_statement_leads(index):
    line = first_line("What did the Trade Ministry say the Borduran fees include?", index)
    assert "berth surcharges" in line and "Port Authority" not in line


def test_a_party_quoted_by_the_news_is_the_speaker_of_its_words(index):
    line = first_line("What did the Borduran Port Authority say about the fees?", index)
    assert "lawful response" in line
