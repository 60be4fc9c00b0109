"""Issue 8: a field of several items narrowed by the question (a new-user trial, stop 29). "Which of
Kestrix's listed addresses are in Marren?" leads with the one address of the entry that writes
Marren, not all three; asked for the addresses, or for a place every address (or none) writes, the
whole field answers. An entry written for these tests (a made-up party)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

ENTRIES = """title: Crane List entries added by 88 FR 54002 (October 9, 2023), as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2024-05-16
---
Entity: Ostra Kestrix Digital Technology Co., Ltd.
Addresses: No. 5 Quay Road, Harbour District, Ostra, 310052, JP; 23rd Floor, Block A, No. 217 Pier Street, Marren, JP; 700 Dock Road, Harbour District, Ostra, JP
Federal Register notice(s): 88 FR 54002
Start date: 2023-10-09
License review policy: Presumption of denial

Entity: Tolvik Lifting Co.
Addresses: 3 Pier Rd., Tolvik, JP
Federal Register notice(s): 88 FR 54002
Start date: 2023-10-09
License review policy: Presumption of denial
"""
ALL = ("No. 5 Quay Road, Harbour District, Ostra, 310052, JP; 23rd Floor, Block A, No. 217 Pier Street, Marren, JP; "
       "700 Dock Road, Harbour District, Ostra, JP")


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("field-items", {"entries.txt": ENTRIES})
    return settings


def test_the_items_that_hold_the_asked_place(index):
    a = ask("Which of Kestrix's listed addresses are in Marren?", index)
    assert not a.abstained, a.text
    assert a.text.startswith("23rd Floor, Block A, No. 217 Pier Street, Marren, JP [1]"), a.text


@pytest.mark.parametrize("question", ["What addresses does the Crane List give for Kestrix?",
                                      "Which of Kestrix's listed addresses are in Japan?"])
def test_the_whole_field_otherwise(index, question):
    # the twins: no narrowing name; a country every address writes
    a = ask(question, index)
    assert not a.abstained, a.text
    assert a.text.startswith(ALL), a.text
