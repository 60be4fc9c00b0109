"""Issue 8: a list question that states how many items it asks for ("Name the eleven entities the
rule added") is not answered by the sentence that only counts them ("adding eleven entities"): a
retrieved list of exactly that many records names them, or the sources don't say (agent/extractive.py
_restates_count, answer_extractive). Over documents written for the test."""
from __future__ import annotations

import pytest

MARCH_RULE = """title: Addition of Certain Entities to the Entity List (March 2022)
publisher: Example Bureau of Industry and Security
date: 2022-03-10
---
SUMMARY: This final rule amends the Export Administration Regulations by adding three entities to the Entity List.
The three entities are located in Arcadia.
"""

MARCH_ENTRIES = """title: Entity List entries for the three entities added in March 2022, as carried in a screening list
publisher: Example Bureau of Industry and Security
date: 2022-03-10
---
Entity: Tarvos Optical Works
Addresses: 17 Harbour Rd., Port Lumen, AR
Start date: 2022-03-10

Entity: Orbis Lens Bureau
Addresses: 9 Quarry Lane, Old Fen, AR
Start date: 2022-03-10

Entity: Kestrel Avionics
Addresses: 4 Mill Rd., Port Lumen, AR
Start date: 2022-03-10
"""

JULY_RULE = """title: Addition of Certain Entities to the Entity List (July 2022)
publisher: Example Bureau of Industry and Security
date: 2022-07-20
---
SUMMARY: This final rule amends the Export Administration Regulations by adding eleven entities to the Entity List.
The eleven entities are located in Borduria.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("counted_lists", {"march-rule.txt": MARCH_RULE, "march-entries.txt": MARCH_ENTRIES,
                                               "july-rule.txt": JULY_RULE})
    return settings


def ask_(question, index):
    from agent.api import ask

    return ask(question, index=index.index, settings=index)


def test_a_list_of_exactly_the_stated_count_names_the_items(index):
    a = ask_("Which three entities did the March 2022 rule add to the Entity List?", index)
    first = a.text.split("\n")[0]
    assert all(n in first for n in ("Tarvos Optical Works", "Orbis Lens Bureau", "Kestrel Avionics")), first


def test_a_sentence_that_only_counts_the_items_names_none(index):
    a = ask_("Name the eleven entities the July 2022 rule added.", index)
    assert a.abstained, a.text
    assert a.text.startswith("The sources don't say this: “Name the eleven entities the July 2022 rule added”")
