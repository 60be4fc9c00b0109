"""Issue 8, session 38 (fit: blind-s36 z007): a list question whose name picks out some of a list's
records asks for those records, not the whole list.

- "Which of the parties added ... are Harbin-based?" is a list question: a partitive wh-subject
  ("which *of the parties*") with a plural verb asks for several (it was read as asking for one, and led
  with one record's quote).
- A name that describes the asked members ("*Harbin*-based", "which *Harbin* entities") keeps the
  records holding it, in their name or another field; a name describing something else ("the *Ostra*
  round") keeps every record; a name the list's title holds describes them all.
Documents written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from agent.analysis import AnswerKind, classify
from tiny_ask import ask

ENTRIES = """title: Crane List entries added effective March 3, 2023, as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2023-04-01
---
Entity: Velmora Dynamics Co. Ltd.
Addresses: 8 Canal Street, Nangang District, Velmora, CN
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03

Entity: Tarsk Optical Works
Addresses: 12 Ring Road, Tarsk, CN
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03

Entity: Velmora Marine University
Addresses: 145 South Harbour Street, Velmora, CN
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03

Entity: Brisk Lamp Factory
Addresses: 3 Mill Lane, Tarsk, CN
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03

Entity: Ostrander Semiconductor
Addresses: Building 7, 92 West Street, Velmora, CN
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("list-members", {"entries.txt": ENTRIES})
    return settings


def lead(a) -> str:
    return a.text.split("Evidence:")[0]


@pytest.mark.parametrize("question, kind", [
    ("Which of the parties added on March 3, 2023 are Velmora-based?", AnswerKind.LIST),
    ("Which of the companies were added?", AnswerKind.LIST),
    # twins: a singular verb asks for one
    ("Which of the companies was added first?", AnswerKind.ENTITY),
    ("Which of these is a university?", AnswerKind.ENTITY),
])
def test_a_partitive_with_a_plural_verb_asks_for_several(question, kind):
    assert classify(question) is kind


@pytest.mark.parametrize("question", [
    "Which Velmora entities were added to the Crane List in March 2023?",
    "Which Velmora-based entities were added to the Crane List in March 2023?",
    "List the Velmora-based parties added to the Crane List in March 2023.",
])
def test_a_name_describing_the_members_keeps_the_records_holding_it(index, question):
    a = ask(question, index)
    text = lead(a)
    assert all(n in text for n in ("Velmora Dynamics", "Velmora Marine University", "Ostrander Semiconductor")), a.text
    assert "Tarsk Optical" not in text and "Brisk Lamp" not in text, a.text
    assert "3 of the 5 records" in text, a.text


@pytest.mark.parametrize("question, name, describes", [
    ("Which of the parties added on March 3, 2023 are Velmora-based?", "Velmora", True),
    ("Which Velmora entities were added?", "Velmora", True),
    ("List the Velmora-based parties added in March 2023.", "Velmora", True),
    # twins: the name describes another noun (the round, the rule), not the asked members
    ("Which businesses got hit by the export curbs in the March 2023 Velmora round?", "Velmora", False),
    ("Which entities did the Velmora rule add?", "Velmora", False),
])
def test_a_name_describes_the_members_only_in_the_asked_phrase(question, name, describes):
    from agent.extractive import _describes_members

    assert _describes_members(question, name) is describes


# Session 38 (fit: blind-s36 z053): names of organisations are no answer to a list question asking for
# another kind of thing ("what *purposes* is its equipment covered under the clause?" of "(2) For the
# purpose of port security, surveillance cranes produced by Brackwater Optics Company, ..."): the
# sentence leads, not the makers it names.
def test_organisations_are_no_list_of_another_kind(tiny_index):
    from test_shared_items import CRANE_CLAUSE

    _, settings = tiny_index("list-members-kinds", {"clause.txt": CRANE_CLAUSE})
    a = ask("Quillon Marine Systems Company: what purposes is its equipment covered under the HAR 52.812-2 clause?",
            settings)
    assert lead(a).startswith("“(2) For the purpose of port security"), a.text
    # the twin: a list of companies asked for is led with their names
    a = ask("Which companies' surveillance cranes are covered under the HAR 52.812-2 clause for the purpose of port "
            "security?", settings)
    assert lead(a).startswith("Varlen Lifting Corporation") or lead(a).startswith("Brackwater Optics Company"), a.text
    # ... and so is one asking whose equipment it is (the owners, parties)
    a = ask("Whose cranes are prohibited under the HAR 52.812-2 clause?", settings)
    assert lead(a).startswith("Varlen Lifting Corporation"), a.text
