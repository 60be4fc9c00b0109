"""Issue 8: a document named by a code the question gives (blind-s29 s060 and s025, a fit set since
session 30). "How many entities were added by the final rule in docket 230301-0051?": the docket line
heads the rule and the count is in its summary - the code names the document, which is what the
question is about, not a party its sentence must write. Each of two near-identical rules answers for
its own docket or RIN - its count, its list of firms; a code no source writes is a near miss. Rules written for these tests (a made-up authority)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

MARCH = """title: Addition of Certain Firms to the Crane List (88 HR 1201)
publisher: Example Harbour Authority
date: 2023-03-02
---
[Docket No. 230301-0051]

RIN 0701-AB12

SUMMARY: This final rule amends the Harbour Regulations by adding three firms to the Crane List: Alder Cranes Ltd., Birchmoor Hoists Co. and Cedarline Lifting LLC.
"""
APRIL = """title: Addition of Certain Firms to the Crane List (88 HR 2290)
publisher: Example Harbour Authority
date: 2023-04-17
---
[Docket No. 230415-0099]

RIN 0701-AB30

SUMMARY: This final rule amends the Harbour Regulations by adding four firms to the Crane List: Dunmore Winches Ltd., Elmsworth Rigging Co., Fernhill Davits LLC and Garrow Booms Ltd.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("code-named", {"march.txt": MARCH, "april.txt": APRIL})
    return settings


@pytest.mark.parametrize("question, count", [
    ("How many firms were added to the Crane List by the final rule in docket 230301-0051?", "three firms"),
    ("How many firms were added to the Crane List by the final rule in docket 230415-0099?", "four firms"),
    ("How many firms did the authority add in the rule with RIN 0701-AB30?", "four firms"),
])
def test_the_document_a_code_names_answers(index, question, count):
    a = ask(question, index)
    assert not a.abstained, a.text
    assert a.text.startswith(count), a.text


def test_a_code_no_source_writes_is_a_near_miss(index):
    # the twin
    a = ask("How many firms were added to the Crane List by the final rule in docket 230520-0777?", index)
    assert a.abstained, a.text


def test_the_list_of_the_document_a_code_names(index):
    a = ask("Which firms did the final rule in docket 230415-0099 add to the Crane List?", index)
    assert not a.abstained, a.text
    lead = a.text.split("\n\nEvidence")[0]
    assert all(n in lead for n in ("Dunmore Winches", "Elmsworth Rigging", "Fernhill Davits", "Garrow Booms")), a.text
    assert "Alder" not in lead and "Birchmoor" not in lead, a.text


# Issue 8 (blind-s31 u064, a fit set since session 32): "Give the RIN and the docket number of the 84 FR
# 54002 rule." took the docket from that rule and the RIN from another rule's header, higher in the
# ranking. A document the question cites by its publication ("88 HR 1201") gives every code asked of it.
SEPTEMBER = """title: Revision of the Hoist Inspection Fees (88 HR 6610)
publisher: Example Harbour Authority
date: 2023-09-05
---
[Docket No. 230830-0140]

RIN 0701-AC02

SUMMARY: This rule revises the hoist inspection fees. The RIN for this action is listed above; questions about the RIN or this rulemaking may be sent to the Harbour Secretariat.
"""


@pytest.fixture(scope="module")
def cited_index(tiny_index):
    _, settings = tiny_index("code-cited", {"march.txt": MARCH, "april.txt": APRIL, "september.txt": SEPTEMBER})
    return settings


@pytest.mark.parametrize("question, rin, docket", [
    ("Give the RIN and the docket number of the 88 HR 1201 rule.", "0701-AB12", "230301-0051"),
    ("What are the RIN and docket number of the rule published at 88 HR 2290?", "0701-AB30", "230415-0099"),
    ("Give the RIN and the docket number of the 88 HR 6610 rule.", "0701-AC02", "230830-0140"),
])
def test_the_codes_of_a_cited_document_are_its_own(cited_index, question, rin, docket):
    a = ask(question, cited_index)
    assert not a.abstained, a.text
    lead = a.text.split("\n\nEvidence")[0]
    assert rin in lead and docket in lead, a.text
    others = {"0701-AB12", "0701-AB30", "0701-AC02", "230301-0051", "230415-0099", "230830-0140"} - {rin, docket}
    assert not any(o in lead for o in others), a.text


def test_a_citation_no_source_writes_gives_no_other_rules_codes(cited_index):
    # the twin: a rule the sources do not hold
    a = ask("Give the RIN and the docket number of the 88 HR 7777 rule.", cited_index)
    lead = a.text.split("\n\nEvidence")[0]
    assert not any(c in lead for c in ("0701-AB12", "0701-AB30", "0701-AC02")), a.text
