"""Issue 8: the record named exactly (a new-user trial, stop 28). Asked for "Varlen Lifting Co., Ltd",
the entry "Varlen Lifting Co., Ltd (Varlen), Harbour District" - its name line before the short form
is the asked name - is the party, not "Ostra Varlen Lifting Co., Ltd.", whose name only contains it;
the list's own words ("the CSL") and words no source writes are not part of the asked name.
Entries written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

ENTRIES = """title: Crane List entries for Varlen and affiliates added by 88 FR 22961 (May 21, 2023) and 88 FR 43493 (August 21, 2023), as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2023-09-01
---
Entity: Varlen Lifting Co., Ltd (Varlen), Harbour District
Addresses: 4 Quay Rd., Ostra, JP
Federal Register notice(s): 88 FR 22961
Start date: 2023-05-21
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial

Entity: Ostra Varlen Lifting Co., Ltd.
Addresses: 9 Dock St., Ostra, JP
Federal Register notice(s): 88 FR 43493
Start date: 2023-08-21
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("exact-record-names", {"entries.txt": ENTRIES})
    return settings


@pytest.mark.parametrize("question", ["What start date does the CSL show for Varlen Lifting Co., Ltd?",
                                      "What is the start date of Varlen Lifting Co., Ltd?"])
def test_the_name_line_before_its_short_form_is_the_asked_name(index, question):
    a = ask(question, index)
    assert not a.abstained
    assert a.text.startswith("2023-05-21"), a.text


def test_the_longer_name_asked_whole_is_its_own_record(index):
    # the twin: the name that contains the other is asked for itself
    a = ask("What start date does the CSL show for Ostra Varlen Lifting Co., Ltd.?", index)
    assert not a.abstained
    assert a.text.startswith("2023-08-21"), a.text
