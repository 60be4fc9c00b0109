"""Issue 8 (blind-s33 w014; the same kind in train-s16 t067, blind-s24 m016, blind-s31 u036, blind-s32 v064;
fit sets): a screening-list entry gives its fields as its latest Federal Register notice left them. "What
licence review policy did the original October 2019 rule set for Yitu, before any later revisions?" of an
entry whose notices are "84 FR 54002; 85 FR 44159" asks for what the first notice set, which the entry no
longer shows: the sources don't say (the five questions led with the entry's current policy). The time the
question scopes the field to is its first notice - its citation, or the month and year of the entry's one
date - outside a clause that describes the party ("Yitu, which was added in October 2019"). Entries written
for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

ENTRIES = """title: Crane List entries added by 88 FR 15501 (March 20, 2023), as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2024-06-01
---
Entity: Ostra Harbour Police Bureau
Addresses: 1 Pier Rd., Ostra, BX
Federal Register notice(s): 88 FR 15501; 89 FR 20002
Start date: 2023-03-20
License requirement: For all items subject to the Harbour Rules
License review policy: Case-by-case review for items 3A001 and 3A002; presumption of denial for all other items

Entity: Nordby Port Authority
Addresses: 2 Quay Rd., Nordby, BX
Federal Register notice(s): 88 FR 15501
Start date: 2023-03-20
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial for all items
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("record-revisions", {"entries.txt": ENTRIES})
    return settings


def lead(a) -> str:
    return a.text.split("Evidence:")[0]


@pytest.mark.parametrize("question", [
    "What license review policy did the original March 2023 rule set for the Ostra Harbour Police Bureau, "
    "before later revisions?",
    "What license review policy did 88 FR 15501 itself set for the Ostra Harbour Police Bureau?",
    # (blind-s34 x050, a fit set since session 36) the rule cited by its first page, the entry by the page
    # it stands on (88 FR 15501 of a rule that starts at 88 FR 15499), or a rule before the entry's first
    "What was the exact license requirement wording for the Ostra Harbour Police Bureau in the original "
    "rule (88 FR 15499), before the later amendments?",
    "What license review policy did 87 FR 10001 set for the Ostra Harbour Police Bureau?",
])
def test_a_field_asked_as_its_first_notice_set_it_is_not_the_revised_entry(index, question):
    a = ask(question, index)
    assert "3A001" not in lead(a) and "For all items subject" not in lead(a), a.text


@pytest.mark.parametrize("question, policy", [
    ("What license review policy does the Crane List give the Ostra Harbour Police Bureau?", "3A001"),
    ("What license review policy applies to the Ostra Harbour Police Bureau, which was added in March 2023?", "3A001"),
    ("What license review policy did the 89 FR 20002 rule set for the Ostra Harbour Police Bureau?", "3A001"),
    ("What license review policy did the 89 FR 19990 rule set for the Ostra Harbour Police Bureau?", "3A001"),
    # An entry no later notice revised gives the field as its first notice set it.
    ("What license review policy did the March 2023 rule set for the Nordby Port Authority?", "Presumption of denial"),
])
def test_the_entry_answers_for_its_latest_notice(index, question, policy):
    a = ask(question, index)
    assert policy in lead(a), a.text


# Issue 8 (blind-s33 w062, a fit set since session 35): "On what date did the 87 FR 8180 revision to X's
# entry take effect?" led with the entry's start date - the date of its listing, its first notice, not of
# a later notice's revision. Nor does an entry give a field as a notice later than all it lists left it.
@pytest.mark.parametrize("question", [
    "On what date did the 89 FR 20002 revision to the Ostra Harbour Police Bureau's entry take effect?",
    "What license review policy did the 90 FR 1200 rule set for the Ostra Harbour Police Bureau?",
])
def test_a_field_asked_as_a_later_notice_left_it(index, question):
    a = ask(question, index)
    assert "2023-03-20" not in lead(a) and "3A001" not in lead(a), a.text


@pytest.mark.parametrize("question, value", [
    ("What start date does the Crane List give the Ostra Harbour Police Bureau?", "2023-03-20"),
    ("What start date did the 88 FR 15501 rule give the Ostra Harbour Police Bureau?", "2023-03-20"),
])
def test_the_entrys_date_is_its_first_notices(index, question, value):
    a = ask(question, index)
    assert value in lead(a), a.text
