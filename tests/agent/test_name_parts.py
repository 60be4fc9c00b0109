"""Issue 8: a party is not named by one common word of another name: "Which countries are in EAR
Country *Group* E:1?" does not ask about the list entry "FiberHome Technologies Group" (fit: blind-s25
n059, answered with its address). A record's own name still finds it. Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

ENTRIES = """title: Port Levy List entries added March 2024
publisher: Example Ministry of Ports
date: 2024-03-06
---
Entity: Korvane Holdings Group
Addresses: 4 Quay Street, Portmere, PM
Start date: 2024-03-06
Source list: Port Levy List

Entity: Tamsk Shipping Lines
Addresses: 12 Harbour Road, Tamsk, TK
Start date: 2024-03-06
Source list: Port Levy List
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("name-parts", {"entries.txt": ENTRIES})
    return settings


def test_a_common_word_of_another_name_finds_no_record(index):
    a = ask("Which countries are in Levy Country Group E:1?", index=index)
    assert a.abstained, a.text


@pytest.mark.parametrize("question", [
    "What is the address of Korvane Holdings Group?",
    "What address does the Port Levy List give for the Korvane Group?",
])
def test_the_records_own_name_still_finds_it(index, question):
    # Twin: "Korvane" (no common noun) or the whole name is the record's.
    a = ask(question, index=index)
    assert a.text.startswith("4 Quay Street, Portmere, PM"), a.text


CLAUSE = """title: Harbour Code 9.4 Prohibited suppliers
publisher: Example Harbour Board
date: 2024-02-01
---
(1) Radio equipment produced by Korvane Radio Works (or any subsidiary or affiliate of such entities);
"""

POLICIES = """title: Port Levy List entries with review policies
publisher: Example Ministry of Ports
date: 2024-03-06
---
Entity: Tamsk Shipping Lines
Addresses: 12 Harbour Road, Tamsk, TK
License review policy: Presumption of denial
"""


def _unlisted(question: str, store, settings, only: str):
    """``_party_unlisted`` over the hits of one document only (retrieval that missed every list)."""
    from agent.analysis import analyse
    from agent.extractive import _party_unlisted
    from agent.retrieval import Retriever

    hits = Retriever(store, settings).retrieve(question, filters={"source": only})
    return _party_unlisted(analyse(question, store), hits, store, [])


def test_a_field_of_a_party_no_entry_names_is_unlisted_though_no_list_was_retrieved(tiny_index):
    # "What license review policy applies to ZTE?" retrieved only the FAR clause naming ZTE: the
    # lists are found by the asked field itself, and none names the party.
    store, settings = tiny_index("unlisted", {"clause.txt": CLAUSE, "policies.txt": POLICIES})
    assert _unlisted("What license review policy applies to Korvane Radio Works?", store, settings,
                     only="clause.txt") == "Korvane"
    # Twin: a party a list entry names is not unlisted.
    assert _unlisted("What license review policy applies to Tamsk Shipping Lines?", store, settings,
                     only="clause.txt") is None
