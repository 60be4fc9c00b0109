"""Issue 8, session 39 (fit: blind-s37 aa079): a list question asking for parties, over a record
document whose title says everything the question says of them ("added", the list, the date), is
answered by the records - by structure, before the abstention model, which reads only the few words the
records' name lines share with the question and abstained on "Which parties were added to the Entity
List effective June 5, 2020?".

- Every term but the asked noun must be the title's (or an acronym of its title or publisher, or a name
  compound whose name the records hold: "Velmora-based"); a question saying more of the members
  ("removed", "Indian", "at the request of") is not answered so.
- The asked noun must be a party noun (WordNet) or the title's own: "Which ECCNs ..." asks for no records.
Documents written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

ENTRIES = """title: Crane List entries added effective March 3, 2023 (88 FR 12001), as carried in the Consolidated Screening List
publisher: Example Bureau of Export Screening
date: 2023-04-01
---
Entity: Velmora Dynamics Co. Ltd.
Addresses: 8 Canal Street, Nangang District, Velmora, CN
License requirement: For all items subject to the regulations.
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03

Entity: Tarsk Optical Works
Addresses: 12 Ring Road, Tarsk, CN
License requirement: For all items subject to the regulations.
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03

Entity: Velmora Marine University
Addresses: 145 South Harbour Street, Velmora, CN
License requirement: For all items subject to the regulations.
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03

Entity: Brisk Lamp Factory
Addresses: 3 Mill Lane, Tarsk, CN
License requirement: For all items subject to the regulations.
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03

Entity: Ostrander Semiconductor
Addresses: Building 7, 92 West Street, Velmora, CN
License requirement: For all items subject to the regulations.
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03
"""

RULE = """title: Addition of Certain Entities to the Crane List (88 FR 12001)
publisher: Example Bureau of Export Screening
date: 2023-03-03
---
SUMMARY: This final rule amends the export regulations by adding five entities to the Crane List. These
five entities have been determined to be acting contrary to the foreign policy interests of the country.

DATES: This rule is effective March 3, 2023.

The End-User Review Committee made the decision to add the entities by majority vote.
"""

NEWS = """title: Exporters weigh new screening additions
publisher: Example Wire
date: 2023-03-05
---
Exporters said on Friday that the new additions to the screening list would take weeks to work through
their supplier files. Analysts expect more parties to be added later in the year.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("titled-records", {"entries.txt": ENTRIES, "rule.txt": RULE, "news.txt": NEWS})
    return settings


def lead(a) -> str:
    return a.text.split("Evidence:")[0]


ALL = ("Velmora Dynamics", "Tarsk Optical Works", "Velmora Marine University", "Brisk Lamp Factory",
       "Ostrander Semiconductor")


@pytest.mark.parametrize("question", [
    "Which parties were added to the Crane List effective March 3, 2023?",
    "Name the parties that were added to the Crane List effective March 3, 2023.",
    "Which companies were added to the Crane List effective March 3, 2023?",
])
def test_a_list_whose_title_says_what_the_question_says_gives_its_records(index, question):
    a = ask(question, index)
    assert not a.abstained, a.text
    text = lead(a)
    assert all(n in text for n in ALL), a.text
    assert "The 5 records in" in text, a.text


def test_a_name_compound_the_records_hold_keeps_those_records(index):
    a = ask("Name the Velmora-based parties that were added to the Crane List effective March 3, 2023.", index)
    text = lead(a)
    assert all(n in text for n in ("Velmora Dynamics", "Velmora Marine University", "Ostrander Semiconductor")), a.text
    assert "Tarsk Optical" not in text and "Brisk Lamp" not in text, a.text
    assert "3 of the 5 records" in text, a.text


@pytest.mark.parametrize("question", [
    # twins: the question says more of the members than the title does
    "Which parties were removed from the Crane List effective March 3, 2023?",
    "Which Indian parties were added to the Crane List effective March 3, 2023?",
    "Which Kestrel-based parties were added to the Crane List effective March 3, 2023?",
])
def test_a_question_saying_more_than_the_title_is_not_answered_by_the_records(index, question):
    a = ask(question, index)
    assert not any(f"records in" in lead(a) and n in lead(a) for n in ALL), a.text
