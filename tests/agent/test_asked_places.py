"""Issue 8: a place narrower than a country (fit: blind-s27 q022, stop 28). An entry whose address is
only a country code ("Addresses: JP") does not say in which *city* or on which *street* a party is
(WordNet: the asked noun descends from *municipality* or *thoroughfare*); asked where it is, or in
which country, the code answers. Entries written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from agent.lexical import names_a_locality

from tiny_ask import ask

ENTRIES = """title: Crane List entries added effective June 5, 2023, as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2023-06-05
---
Entity: Varlen Lifting Japan K.K.
Addresses: JP
Federal Register notice(s): 88 FR 34495
Start date: 2023-06-05
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial

Entity: Ostra Harbour Police Bureau
Addresses: 4 Quay Rd., Ostra, BX
Federal Register notice(s): 88 FR 34496
Start date: 2023-06-05
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("asked-places", {"entries.txt": ENTRIES})
    return settings


@pytest.mark.parametrize("noun, narrower", [("city", True), ("town", True), ("street", True),
                                             ("country", False), ("place", False), ("address", False),
                                             ("location", False)])
def test_a_locality_is_a_place_within_a_country(noun, narrower):
    assert names_a_locality(noun) is narrower


def test_a_city_is_not_answered_by_a_country_code(index):
    a = ask("In which city is Varlen Lifting Japan K.K. located according to its Crane List entry?", index)
    assert a.abstained


def test_where_or_which_country_is_answered_by_it(index):
    # the twins: the country code is the answer to these
    for q in ("Where is Varlen Lifting Japan K.K. located?",
              "In which country is Varlen Lifting Japan K.K. located according to its entry?"):
        a = ask(q, index)
        assert not a.abstained, q
        assert a.text.startswith("JP"), a.text


def test_a_city_in_a_full_address_is_answered(index):
    # the twin: an address that holds a city answers the city question
    a = ask("In which city is the Ostra Harbour Police Bureau located?", index)
    assert not a.abstained
    assert "Ostra" in a.text.split("\n\n")[0]
