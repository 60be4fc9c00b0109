"""Issue 8, session 39 (fit: blind-s37 aa048, aa060): what the wh-word's noun says is asked.

- The answer-kind model is consulted when the surface rules find no kind; when the noun the wh-word
  determines names a kind of its own by the same model ("To which *website or mailing address* must
  comments be sent?": a place), that kind stands, not the whole question's nearest ("date", for a
  question about a comment deadline's neighbours).
- A question asking for an address - the wh-noun or a noun coordinated with it - is not answered by a
  sentence that only speaks of addresses ("at one of the addresses shown below").
- A participle between the wh-word and its noun is a modifier, though the parser read it as the verb
  ("Which *listed* party is that an alias of?"): the question asks for a party, and the entry's name
  line answers.
Documents written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from agent.analysis import AnswerKind, answer_kind
from tiny_ask import ask

RULE = """title: Acquisition Regulation: Prohibition on Certain Sensor Equipment - second interim rule (89 FR 70001)
publisher: Example Acquisition Council
date: 2024-12-13
---
SUMMARY: The Council is issuing a second interim rule amending the acquisition regulation to require
offerors to represent annually whether they offer covered sensor equipment.

Comment date: Interested parties should submit written comments to the Regulatory Secretariat Division at
one of the addresses shown below on or before February 11, 2025 to be considered in the formation of the
final rule.

FOR FURTHER INFORMATION CONTACT: the Regulatory Secretariat Division.
"""

ENTRIES = """title: Crane List entries added effective March 3, 2023 (88 FR 12001), as carried in the Consolidated Screening List
publisher: Example Bureau of Export Screening
date: 2023-04-01
---
Entity: Velmora Dynamics Co. Ltd.
Addresses: 8 Canal Street, Velmora, CN
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03

Entity: Petra Lindqvist
Alternate names: Pia Lind
Addresses: 12 Ring Road, Tarsk, CN
Federal Register notice(s): 88 FR 12003
Start date: 2023-03-03

Entity: Brisk Lamp Factory
Addresses: 3 Mill Lane, Tarsk, CN
Federal Register notice(s): 88 FR 12001
Start date: 2023-03-03
"""


@pytest.fixture(scope="module")
def built(tiny_index):
    return tiny_index("asked-noun-kinds", {"rule.txt": RULE, "entries.txt": ENTRIES})


@pytest.fixture(scope="module")
def index(built):
    return built[1]


def lead(a) -> str:
    return a.text.split("Evidence:")[0]


@pytest.mark.parametrize("question, kind", [
    ("To which website or mailing address must comments on the December 2024 second interim rule be sent?",
     AnswerKind.PLACE),
    # twins: a noun naming no kind of its own leaves the question's kind as it was
    ("On which Federal Register page does the December 2024 second interim rule end?", AnswerKind.DATE),
    ("In which Japanese city is Velmora Dynamics located according to its Crane List row?", AnswerKind.PLACE),
])
def test_the_wh_nouns_own_kind_stands(built, question, kind):
    store, _ = built
    assert answer_kind(question, store) is kind


def test_a_sentence_speaking_of_addresses_does_not_answer_for_a_website_or_address(index):
    a = ask("To which website or mailing address must comments on the December 2024 second interim rule be sent?",
            index)
    assert a.abstained, a.text
    assert "February 11, 2025" not in lead(a)


def test_the_comment_deadline_is_still_answered(index):
    # twin: the date the sentence gives is what this question asks
    a = ask("By what date must comments on the December 2024 second interim rule be submitted?", index)
    assert not a.abstained and "February 11, 2025" in lead(a), a.text


@pytest.mark.parametrize("question", [
    'Our screening tool flagged the name "Pia Lind". Which listed party is that an alias of?',
    "Which listed party is Pia Lind an alias of?",
    # twin: the parser's own reading
    "Which party is Pia Lind an alias of?",
])
def test_a_participle_before_the_party_noun_asks_for_the_party(index, question):
    a = ask(question, index)
    assert lead(a).startswith("Petra Lindqvist"), a.text
