"""Issue 8: the date of a named person's act is no list field (a new-user trial, stop 28). "On what date
did *Rosse announce* the berth restrictions?" asks when she acted; that no screening-list entry names
her ("no list entry in the sources names 'Rosse'") does not make it unanswerable. A party asked a
field of ("What is the start date of ...?") still must have an entry. Documents written for these
tests (made-up parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

PRESS = """title: Harbour Board Imposes Berth Restrictions on Unlicensed Crane Operators (press statement)
publisher: Example Harbour Board (Chair of the Harbour Board Wilma Rosse)
date: 2023-09-14
---
Harbour Board Imposes Berth Restrictions on Unlicensed Crane Operators

PRESS STATEMENT

WILMA ROSSE, CHAIR OF THE HARBOUR BOARD

SEPTEMBER 14, 2023

Unlicensed crane operators have ignored the Board's safety rules for years. Today, I am announcing berth restrictions on crane operators who are believed to be responsible for unsafe lifting in the outer harbour.

- These berth restrictions complement yesterday’s listing of 12 entities on the Crane List.
"""

ENTRIES = """title: Crane List entries added effective June 5, 2023, as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2023-06-05
---
Entity: Varlen Lifting Co., Ltd.
Addresses: 4 Quay Rd., Ostra, JP
Start date: 2023-06-05
License review policy: Presumption of denial

Entity: Ostra Harbour Police Bureau
Addresses: 9 Dock St., Ostra, JP
Start date: 2023-06-05
License review policy: Presumption of denial
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("party-acts", {"press.txt": PRESS, "entries.txt": ENTRIES})
    return settings


def test_the_date_of_a_persons_act_is_answered(index):
    a = ask("On what date did Rosse announce the berth restrictions on crane operators?", index)
    assert not a.abstained, a.notice
    assert "SEPTEMBER 14, 2023" in a.text.split("\n\n")[0]


def test_a_field_of_an_unlisted_party_is_still_unanswered(index):
    # the twin: a field asked of a party no entry names
    a = ask("What is the start date of Dravik Crane Works on the Crane List?", index)
    assert a.abstained
