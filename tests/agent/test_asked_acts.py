"""Issue 8: the act a question asks and the items a cited paragraph lists (fit: blind-s27, stop 28).

* A sentence that writes the question's own verb ("It *applies* to both HBA and OPA", "The Board
  may *impose* ...") leads over one that shares the question's other words but not the act ("An
  interim rule ... was issued", "The Board may remove ...").
* "apply" and "applies" are one word: the light stemmer no longer cuts the "ly" of a WordNet verb or
  noun ("app"), and "-ied" meets "-y" ("applied").
* A cited paragraph (or the one paragraph of a section cited alone) headed by the asked noun
  ("(b) Exceptions. ...") with sub-paragraphs answers a
  question asking for several of them ("What are the two exceptions listed in ...?") with its items,
  and a list request over it ("List the exceptions in ...") is answered, not abstained on.

Documents written for these tests (made-up parties and rules)."""
from __future__ import annotations

import pytest

from agent.text import stem

from tiny_ask import ask

FLASH = """title: HF 2023-07 Prohibition on Leasing Certain Harbour Cranes (Harbour policy flash)
publisher: Example Harbour Authority, Office of Leasing
date: 2023-06-02
---
HF 2023-07 Prohibition on Leasing Certain Harbour Cranes

DATE: June 2, 2023

SUMMARY:

An interim rule amending the Harbour Leasing Regulation (HLR) to implement section 14(a)(2) of the Port Safety Act of 2022 was issued on May 2, 2023 with immediate effect.

The rule requires Leasing Officers to include a new provision (HLR 7.104-24, Representation Regarding Certain Harbour Cranes) in all solicitations issued on or after May 2, 2023.

Because this rule stems from a matter of port safety, it applies to both HBA and OPA. It applies to long-term and short-term leases and subleases, as well as berth bookings, including those below the small-booking threshold and those paid with a harbour card.
"""

SECTION = """title: HLR 4.2102 Prohibition (Subpart 4.21, Prohibition on Leasing Certain Harbour Cranes)
publisher: Example Harbour Authority - Harbour Leasing Regulation
date: 2023-05-02
---
4.2102 Prohibition.

(a) Prohibited cranes. On or after May 2, 2023, agencies are prohibited from leasing any crane that uses covered lifting gear as an essential component of any system.

(b) Exceptions. This subpart does not prohibit agencies from leasing or lessors from providing-

(1) A service that connects to the berths of a third-party, such as towing, pilotage, or mooring arrangements; or

(2) Lifting gear that cannot lift loads above ten tonnes or move any load across a public quay.

(c) Leasing Officers. Leasing officers shall not lease any crane that uses covered lifting gear unless an exception at paragraph (b) of this section applies.
"""

POWERS = """title: Harbour Rules 9.11 Requirements that apply to firms acting contrary to port safety - introductory text only
publisher: Example Harbour Board - Harbour Rules
date: unknown
---
§ 9.11 Requirements that apply to firms acting contrary to port safety.

The Board may impose berth licence requirements, limitations on availability of licence exceptions, and set licence application review policy based on the criteria in this section. The Board may remove a firm from the Crane List if it is no longer engaged in the activities described in paragraph (b) of this section and is unlikely to engage in such activities in the future, or if it is no longer a risk to port safety as described therein.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("asked-acts", {"flash.txt": FLASH, "section.txt": SECTION, "powers.txt": POWERS})
    return settings


def _lead(a) -> str:
    return a.text.split("\n\n")[0]


@pytest.mark.parametrize("forms", [("apply", "applies", "applied"), ("supply", "supplies", "supplied"),
                                   ("family", "families"), ("identify", "identifies", "identified")])
def test_a_verb_or_noun_ending_in_ly_keeps_its_stem(forms):
    assert len({stem(f) for f in forms}) == 1, {f: stem(f) for f in forms}


def test_an_adverb_still_meets_its_adjective():
    # the twin: "-ly" of an adverb is still its suffix
    assert stem("publicly") == stem("public") and stem("finally") == stem("final")


def test_a_yes_no_question_leads_with_the_sentence_of_its_act(index):
    a = ask("Does the interim rule described in the harbour policy flash apply to OPA as well as HBA?", index)
    assert not a.abstained
    assert "it applies to both HBA and OPA" in _lead(a)


def test_which_kinds_the_rule_applies_to(index):
    a = ask("According to Harbour Flash 2023-07, to which kinds of leases and bookings does the interim rule "
            "apply? List them.", index)
    assert not a.abstained
    assert "long-term and short-term leases" in _lead(a)


def test_what_the_board_may_impose(index):
    a = ask("What does section 9.11 allow the Board to impose on a firm it lists on the Crane List?", index)
    assert not a.abstained
    assert "The Board may impose berth licence requirements" in _lead(a)


def test_a_when_question_leads_with_the_sentence_of_its_act(index):
    # (a date sentence of another document, about leasing, had led)
    a = ask("When may the Board remove a firm from the Crane List?", index)
    assert not a.abstained
    assert "remove a firm from the Crane List" in _lead(a)


def test_the_act_of_the_best_sentence_keeps_its_lead(index):
    # the twin: a question whose act the best sentence writes is answered by it, as before
    a = ask("When was the interim rule amending the Harbour Leasing Regulation issued?", index)
    assert not a.abstained
    assert "May 2, 2023" in _lead(a)


def test_the_counted_exceptions_of_a_cited_paragraph_are_its_items(index):
    a = ask("What are the two exceptions listed in HLR 4.2102(b)?", index)
    assert not a.abstained
    lead = _lead(a)
    assert "towing, pilotage, or mooring arrangements" in lead
    assert "cannot lift loads above ten tonnes" in lead


def test_a_list_request_over_a_headed_paragraph_is_answered(index):
    a = ask("List the exceptions in HLR 4.2102(b)", index)
    assert not a.abstained
    lead = _lead(a)
    assert "towing, pilotage, or mooring arrangements" in lead and "cannot lift loads above ten tonnes" in lead


def test_a_paragraph_asked_what_it_says_is_not_a_list(index):
    # the twin: nothing asks for several things; the paragraph's sentence leads
    a = ask("What does HLR 4.2102(c) require of leasing officers?", index)
    assert not a.abstained
    assert "Leasing officers shall not lease any crane" in a.text
    assert "towing" not in _lead(a)


def test_a_section_cited_alone_gives_the_items_of_its_paragraph_headed_by_the_asked_noun(index):
    # (a new-user trial and blind-s18 e019: the section's heading line had led)
    a = ask("What exceptions does HLR 4.2102 allow?", index)
    assert not a.abstained
    lead = _lead(a)
    assert "towing, pilotage, or mooring arrangements" in lead and "cannot lift loads above ten tonnes" in lead


def test_a_section_asked_for_another_noun_is_not_read_as_its_items(index):
    # the twin: "leasing officers" heads no paragraph with items
    a = ask("What must leasing officers not do under HLR 4.2102?", index)
    assert "towing" not in _lead(a)
