"""Issue 8: a list of records asked for a month (blind-s28 r057, the June 2020 list of train-s16
t013). "Which affiliates were added in August 2023?" names the records whose one date (their
"Start date") is in that month, not every record of the list; asked for a month none of them
starts in, the list is another time's and the answer is "the sources don't say". Entries written
for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

ENTRY = """Entity: {name}
Addresses: {n} Quay Rd., Ostra, JP
Federal Register notice(s): {notice}
Start date: {start}
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial
"""
MAY = ["Varlen Lifting Co., Ltd.", "Varlen Marine Co., Ltd.", "Varlen Port Services Co., Ltd."]
AUGUST = ["Varlen Cranes Denmark", "Varlen Cranes France", "Varlen Cranes Italia"]
ENTRIES = ("""title: Crane List entries for Varlen and affiliates added by 88 FR 22961 (May 21, 2023) and 88 FR 43493 (August 21, 2023), as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2024-05-16
---
""" + "\n".join(ENTRY.format(name=n, n=i + 1, notice="88 FR 22961", start="2023-05-21") for i, n in enumerate(MAY))
    + "\n" + "\n".join(ENTRY.format(name=n, n=i + 9, notice="88 FR 43493", start="2023-08-21")
                       for i, n in enumerate(AUGUST)))


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("record-list-dates", {"entries.txt": ENTRIES})
    return settings


def _lead(a) -> str:
    return a.text.split("\n\nEvidence")[0]


@pytest.mark.parametrize("month, listed, other", [("August 2023", AUGUST, MAY), ("May 2023", MAY, AUGUST)])
def test_a_month_lists_the_records_that_start_in_it(index, month, listed, other):
    a = ask(f"Which Varlen affiliates were added to the Crane List in {month}?", index)
    assert not a.abstained, a.text
    lead = _lead(a)
    assert all(n in lead for n in listed), lead
    assert not any(n in lead for n in other), lead


def test_without_a_month_every_record_is_listed(index):
    # the twin: nothing to tell the records apart by
    lead = _lead(ask("Which Varlen affiliates were added to the Crane List?", index))
    assert all(n in lead for n in MAY + AUGUST), lead


@pytest.mark.parametrize("month", ["August 2024", "March 2023"])
def test_a_month_no_record_starts_in_is_a_near_miss(index, month):
    a = ask(f"List the Varlen affiliates added to the Crane List in {month}.", index)
    assert a.abstained, a.text


# Issue 8 (blind-s33 w039, a fit set since session 35): "When was X added to / placed on the list?"
# asks when the act the list's entries record happened to X - its entry's one date, though "Start date"
# is far in meaning from the question's verb (no field reached the similarity floor, and w039 said the
# sources don't say). "placed on the Crane List" is the listing, whatever the verb: the list it puts X
# on is the document's.
@pytest.mark.parametrize("question, start", [
    ("When was Varlen Cranes Italia added to the Crane List?", "2023-08-21"),
    ("When was Varlen Marine Co., Ltd. placed on the Crane List?", "2023-05-21"),
    ("When was Varlen Cranes France put on the Crane List?", "2023-08-21"),
])
def test_when_a_party_was_listed_is_its_entrys_date(index, question, start):
    a = ask(question, index)
    assert _lead(a).startswith(start), a.text


@pytest.mark.parametrize("question", [
    "When was Varlen Cranes Italia removed from the Crane List?",  # an act the list does not record
    "When was Varlen Cranes Italia put on the Harbour Watch List?",  # another list
    "What date of birth does the Crane List give for Varlen Cranes Italia?",  # a general verb: no act
    "When did Japan add Varlen Cranes Italia to its own export control list?",  # another's act, another list
    "When was Varlen Cranes Italia added by Japan to the Crane List?",  # another party's act
    "On what date did Varlen Cranes Italia file its lawsuit against the Screening Office?",  # "On what date" asks
    # (train-s16 t074) a general verb that takes the party off the list: no listing
    "When did the Screening Office take Varlen Cranes Italia off the Crane List?",
    "When was Varlen Cranes Italia taken off the Crane List?",
])
def test_a_date_of_another_act_is_no_entrys_date(index, question):
    a = ask(question, index)
    assert "2023-08-21" not in _lead(a), a.text


# Issue 8 (blind-s34 x015, x047, a fit set since session 36): the act a question asks of is the verb of
# its asking clause. A participle that is a preposition ("*According* to the record for X, what is its
# start date?") is no act, nor is the verb of a clause the wh-word is not in ("X sits in the August
# file, but what start date does its row *show*?"): both said the list entry does not speak of the act.
@pytest.mark.parametrize("question, start", [
    ("According to the screening-list record for Varlen Cranes Italia, what is its start date?", "2023-08-21"),
    ("Following the Crane List entry for Varlen Marine Co., Ltd., what is its start date?", "2023-05-21"),
    ("Varlen Marine Co., Ltd. sits in the August 2023 file, but what start date does its row actually show?",
     "2023-05-21"),
    ("Varlen Cranes France sits in the Crane List, but what start date does its row show?", "2023-08-21"),
    # the twins: the act asked of is the asking clause's own
    ("What is the start date of Varlen Cranes Italia?", "2023-08-21"),
    ("What start date does the row of Varlen Marine Co., Ltd. show?", "2023-05-21"),
])
def test_the_asked_act_is_the_asking_clauses_verb(index, question, start):
    a = ask(question, index)
    assert not a.abstained, a.text
    assert _lead(a).startswith(start), a.text


@pytest.mark.parametrize("question", [
    # the act of the clause that asks is still one the list does not record
    "According to the Crane List, when was Varlen Cranes Italia removed from it?",
    "Varlen Cranes Italia was listed in 2023, but when was it removed from the Crane List?",
])
def test_an_unwritten_act_of_the_asking_clause_stays_unanswered(index, question):
    a = ask(question, index)
    assert "2023-08-21" not in _lead(a), a.text
