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
