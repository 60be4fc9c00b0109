"""Issue 8 (blind-s34, a fit set since session 36): what a question asks of is read from the clause that
asks, not from the words around it.

- x031: "The public-inspection copy of the 12-entity Ostra rule says it was *scheduled* for FR publication on
  what date?" - the asked act is the verb of the clause holding the wh-word, not the reporting "says";
  "12-entity" measures the rule and is no code the sources must write; and a list entry's "Start date" (its
  document never writes of scheduling) is another act's date, so the rule's own line answers.
- x043: "*Under* Sec. 12, on what grounds ...?" - the question's first word is capitalised as a sentence's,
  and with "Sec" it is no name the sources never write.
- x024: "How many persons had the Office added according to Lindqvist's statement, and what license review
  policy do the Varlen entries carry?" - the second part, asked after what the first is about, names its
  own party; the lead-in's name ("Lindqvist") is no party of the list.

Documents written for these tests (made-up parties and rules)."""
from __future__ import annotations

import re

import pytest

from tiny_ask import ask

RULE = """title: Addition of Certain Ostra Entities to the Crane List (88 FR 15001; FR Doc. 2023-05210) - public-inspection copy
publisher: Example Harbour Office
date: 2023-03-14
---
This document is scheduled to be published in the Federal Register on 03/14/2023 and available online at https://federalregister.gov/d/2023-05210.
SUMMARY: The Harbour Office amends the Harbour Rules by adding 12 entities in the Ostra region to the Crane List.
These entities have been implicated in the diversion of lifting equipment to unauthorised ports.
"""

ENTRY = """Entity: {name}
Addresses: {n} Quay Rd., Ostra, BX
Federal Register notice(s): 88 FR 15001
Start date: 2023-03-20
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial
"""
NAMES = ["Varlen Lifting Co., Ltd.", "Varlen Marine Co., Ltd.", "Ostra Port Services Co."]
ENTRIES = ("""title: Crane List entries for the Ostra entities added by 88 FR 15001 (March 20, 2023), as carried in a screening list
publisher: Example Screening Office
date: 2024-05-16
---
""" + "\n".join(ENTRY.format(name=n, n=i + 1) for i, n in enumerate(NAMES)))

REGULATION = """title: Harbour Rules § 12 Crane List - removal
publisher: Example Harbour Office
date: 2022-01-10
---
(a) The Crane List identifies parties reasonably believed to be involved in the diversion of lifting equipment.
(b) Under § 12, the Office may remove a party from the Crane List if it is no longer engaged in the activities described in paragraph (a) of this section and is unlikely to engage in such activities in the future.
"""

STATEMENT = """title: Harbour Office adds Varlen to the Crane List (press release)
publisher: Example Harbour Office
date: 2023-03-13
---
Secretary Lindqvist said the listing would protect the ports.
"Since the beginning of the year, the Office has added 75 persons or organizations to the Crane List," said Secretary Lindqvist.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("asked-act", {"rule.txt": RULE, "entries.txt": ENTRIES, "regulation.txt": REGULATION,
                                           "statement.txt": STATEMENT})
    return settings


def _lead(a) -> str:
    return a.text.split("\n\nEvidence")[0]


@pytest.mark.parametrize("question", [
    "The public-inspection copy of the 12-entity Ostra rule says it was scheduled for FR publication on what date?",
    "The public-inspection copy of the Ostra rule says it was scheduled for FR publication on what date?",
])
def test_the_date_of_the_act_the_asking_clause_names(index, question):
    a = ask(question, index)
    assert not a.abstained, a.text
    assert _lead(a).startswith("03/14/2023"), a.text


@pytest.mark.parametrize("question, start", [
    # the twins: the list's own act, asked of a party, is still its entry's date
    ("When was Varlen Marine Co., Ltd. added to the Crane List?", "2023-03-20"),
    ("What start date does the list give for Ostra Port Services Co.?", "2023-03-20"),
])
def test_an_entrys_date_still_dates_its_listing(index, question, start):
    assert _lead(ask(question, index)).startswith(start)


def test_an_act_no_document_dates_is_still_unanswered(index):
    a = ask("When was Varlen Marine Co., Ltd. removed from the Crane List?", index)
    assert "2023-03-20" not in _lead(a) and "03/14/2023" not in _lead(a), a.text


def test_a_sentence_capital_is_no_name(index):
    a = ask("Under Sec. 12, on what grounds may the Office take a party off the Crane List?", index)
    assert not a.abstained, a.text
    assert "no longer engaged in the activities" in _lead(a), a.text


def test_a_name_no_source_writes_still_abstains(index):
    # the twin: a name of two capitalised words after the first, one a noun no source writes
    a = ask("Under the Immigration Act, on what grounds may the Office take a party off the Crane List?", index)
    assert a.abstained, a.text


def test_a_measuring_compound_is_no_code():
    from agent.analysis import measure_compound

    assert measure_compound("12-entity") and measure_compound("90-day") and measure_compound("28-entities")
    assert not measure_compound("2023-05210") and not measure_compound("9000-AN83")
    assert not measure_compound("FAR-2018-0017") and not measure_compound("52.204-25")


def test_the_later_part_asks_of_its_own_party(index):
    a = ask("How many persons or organizations had the Office added to the Crane List according to Lindqvist's "
            "statement, and what license review policy do the Varlen entries carry?", index)
    lead = _lead(a)
    assert "75 persons" in lead and "Presumption of denial" in lead, a.text


# Issue 8 (blind-s34 x006, a fit set since session 36): "What change did the rule make to X's entry, and
# why?" - its "why" part led with "Entity: X". A list entry's lines name a party and give its fields; none
# says why anything was done, so a reason is never led by one.
@pytest.mark.parametrize("question", [
    "Why was Varlen Marine Co., Ltd. added to the Crane List?",
    "What change did the 2024 rule make to the Ostra Port Services Co. entry, and why?",
])
def test_a_reason_is_no_list_entrys_line(index, question):
    a = ask(question, index)
    assert not re.match(r"“?(Entity|Addresses|Start date|License|Federal Register notice)", _lead(a)), a.text


def test_a_reason_asked_of_the_rule_is_answered_from_it(index):
    # the twin: a why-question the rule speaks to is answered from the rule's prose
    a = ask("Why did the Harbour Office add the Ostra entities to the Crane List?", index)
    assert not a.abstained and a.citations[0].title.startswith("Addition of Certain Ostra Entities"), a.text
