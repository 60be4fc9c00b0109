"""Issue 8 (blind-s33 w013, a fit set since session 35): a question asking for several things of a term a
regulation defines by numbered paragraphs is answered by those paragraphs. "Enumerate the categories that
make up 'critical technology' in 52.204-25" led with a sentence that merely uses the term (the clause's
reporting paragraph); the definition "Critical technology means- (1) ...; (2) ...; ..." lists them. Each
item is given by its own words: a long item's sub-items qualify it, and in full its quote was cut to a
window that lost its start ("Items included on the Commerce Control List ..."). A question for the
parties the items name stays with the names (:func:`agent.extractive._definition_list`); a section the
sources do not hold is still a near miss. Documents written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

CLAUSE = """title: Harbour Clause 52.7 Prohibition on Contracting for Certain Crane Equipment
publisher: Example Acquisition Council
date: 2023-08-01
---
52.7 Prohibition on Contracting for Certain Crane Equipment.

(a) Definitions. As used in this clause-

Covered crane equipment means-

(1) Crane equipment produced by Alder Crane Company or Birch Lifting Corporation (or any subsidiary or affiliate of such entities);

(2) Hoists produced by Cedar Hoist Company or Dogwood Winch Company (or any subsidiary or affiliate of such entities).

Sensitive port technology means-

(1) Navigation systems included on the Harbour Munitions List set forth in part 12 of the Harbour Rules;

(2) Items included on the Harbour Control List set forth in Supplement No. 3 to part 40 of the Harbour Rules under subchapter C of chapter VII of the Harbour Code, and controlled-

(i) Pursuant to multilateral regimes, including for reasons relating to port security, chemical weapons proliferation, or missile technology; or

(ii) For reasons relating to regional stability or surreptitious listening;

(3) Berth sensors covered by part 81 of the Harbour Rules.

(b) Reporting. In the event the Contractor identifies covered crane equipment used as a substantial component of any system, or as sensitive port technology as part of any system, during contract performance, the Contractor shall report it to the Contracting Officer.
"""

ITEMS = ("Navigation systems included on the Harbour Munitions List", "Items included on the Harbour Control List",
         "Berth sensors covered by part 81")


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("defined-items", {"clause.txt": CLAUSE})
    return settings


def lead(a) -> str:
    return a.text.split("Evidence:")[0]


@pytest.mark.parametrize("question", [
    "Enumerate the categories that make up 'sensitive port technology' in Harbour Clause 52.7.",
    "List the categories of sensitive port technology.",
])
def test_the_items_of_a_definition_answer_a_question_for_several(index, question):
    a = ask(question, index)
    assert all(item in lead(a) for item in ITEMS), a.text
    assert "Pursuant to multilateral regimes" not in lead(a), a.text  # a sub-item qualifies its item


def test_the_parties_a_definition_names_are_still_its_names(index):
    # The twin: parties asked for - the names the items list.
    a = ask("Name the companies whose equipment counts as covered crane equipment.", index)
    names = ("Alder Crane Company", "Birch Lifting Corporation", "Cedar Hoist Company", "Dogwood Winch Company")
    assert all(n in lead(a) for n in names), a.text


def test_a_section_the_sources_do_not_hold_is_still_a_near_miss(index):
    a = ask("What are the categories of sensitive port technology under Harbour Clause 52.9?", index)
    assert not any(item in lead(a) for item in ITEMS), a.text
