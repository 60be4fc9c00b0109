"""Issue 8: a question whose asked noun phrase coordinates fields or values ("What are the licence
requirement and the address of X?", "Give the licence requirement and country of address for X",
"X: licence requirement and country of address?", "What was the date of A and the date of B?") asks
one thing per conjunct: each is answered (agent/answering/parts.py, ``_coordinated_asks``), not only
the first. Twins: a list of parties, a name's own "and", "both"/"or", one preposition over two objects
and "When and where" stay one question. Entries and documents written for these tests (made-up
parties and notices)."""
from __future__ import annotations

import pytest

from agent.answering.parts import split_parts
from tiny_ask import ask

ENTRIES = """title: Crane List entries added by 91 FR 10410 (March 3, 2031), as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2031-06-02
---
Entity: Ostra Kestrix Lifting Co., Ltd.
Addresses: 12 Quay Road, Harbour District, Ostra, 310052, JP
Federal Register notice(s): 91 FR 10410
Start date: 2031-03-03
License requirement: For all items subject to the Harbour Regulations.
License review policy: Presumption of denial

Entity: Tolvik Winch Works
Addresses: 3 Pier Rd., Tolvik, NO
Federal Register notice(s): 91 FR 10410
Start date: 2031-03-03
License requirement: For items listed in Annex C only.
License review policy: Case-by-case review
"""

FLASH = """title: HA 2031-07 Harbour Crane Certification (port authority acquisition alert)
publisher: Example Port Authority, Office of Procurement
date: 2031-04-14
---
HA 2031-07 Harbour Crane Certification

DATE: April 14, 2031

SUBJECT: Harbour Crane Certification

Bidders must certify quarterly whether they use listed harbour cranes.
"""

RULE = """title: Harbour Crane Procurement: interim rule (91 FR 22018)
publisher: Example Port Authority
date: 2031-05-20
---
Harbour Crane Procurement: interim rule

DATE: May 20, 2031

EFFECTIVE DATE: June 1, 2031

SUMMARY: The Port Authority issues this interim rule to bar contracts for listed harbour cranes.
"""


@pytest.mark.parametrize("question, parts", [
    ("What are the licence requirement and the address of Ostra Kestrix Lifting Co., Ltd.?",
     ["What is the licence requirement of Ostra Kestrix Lifting Co., Ltd.?",
      "What is the address of Ostra Kestrix Lifting Co., Ltd.?"]),
    # the modifier after the last conjunct is its own when it names no thing ("country *of address*");
    # the verb's "for X" is every part's
    ("Give the licence requirement and country of address for Ostra Kestrix Lifting Co., Ltd.",
     ["Give the licence requirement for Ostra Kestrix Lifting Co., Ltd.",
      "Give the country of address for Ostra Kestrix Lifting Co., Ltd."]),
    # a bare noun phrase after a lead-in: the lead-in is every part's
    ("Kestrix Lifting: licence requirement and country of address?",
     ["Kestrix Lifting: licence requirement?", "Kestrix Lifting: country of address?"]),
    # each conjunct with a modifier of its own keeps it (the parser hangs the second on the first's object)
    ("What was the date of HA 2031-07 and the date of the interim rule?",
     ["What was the date of HA 2031-07?", "What was the date of the interim rule?"]),
    # a modifier that locates a field ("on file", "in the record") does not say whose it is: the
    # shared "for X" is asked of both (blind-s30 t064 asked the first part of no one and led with
    # another party's address)
    ("Give me the address on file and the start date for the Ostra Kestrix Lifting entry.",
     ["Give me the address on file for the Ostra Kestrix Lifting entry.",
      "Give me the start date for the Ostra Kestrix Lifting entry."]),
    # one determiner serves both (this one was a "no split" case of test_parts before)
    ("What are the name and address of the importer?",
     ["What is the name of the importer?", "What is the address of the importer?"]),
])
def test_coordinated_fields_are_asked_one_by_one(question, parts):
    assert split_parts(question) == parts


@pytest.mark.parametrize("question", [
    "Which companies and universities were added?",  # a list of parties: the answer names them
    "List the companies and universities added by the rule.",
    "Name the firms and institutes on the Crane List.",
    "What are the importer and the exporter of record?",  # parties, each without a modifier of its own
    "What is the address of the Bureau of Industry and Security?",  # "and" inside a name
    "What are the requirements of the Prohibition on Contracting for Certain Cranes and Winches?",
    "What was the date of HA 2031-07 and the interim rule?",  # one preposition over two objects
    "What are both the licence requirement and the address of Kestrix?",
    "What is the licence requirement or the address of Kestrix?",
    "When and where will the company list its shares?",
    # parts of one thing the phrase locates: the record answerer reads them together (one address)
    "Give the postal code and city in Kestrix's Crane List address.",
    "Kestrix Lifting: licence review policy and postal code in its screening entry?",
    # a later conjunct's pronoun stands for what the first one names
    "Give Kestrix's aliases and the postal code of its Ostra address.",
    # a list introduced by another phrase
    "Give me the screening record for Kestrix - its alternate name(s), the street address, and the start date.",
    "What start date and alternate names does the list give for Kestrix?",  # the record answerer's
])
def test_other_coordinations_stay_one_question(question):
    assert split_parts(question) == [question]


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("coordinated-asks", {"entries.txt": ENTRIES, "flash.txt": FLASH, "rule.txt": RULE})
    return settings


def _lead(answer) -> list[str]:
    return answer.text.split("\n\n")[0].splitlines()


@pytest.mark.integration
@pytest.mark.parametrize("question", [
    "What are the licence requirement and the address of Ostra Kestrix Lifting Co., Ltd.?",
    "Give the licence requirement and the address for Ostra Kestrix Lifting Co., Ltd.",
])
def test_every_asked_field_of_the_record_is_answered(index, question):
    a = ask(question, index)
    lead = _lead(a)
    assert not a.abstained, a.text
    # (Each line its field's value, with or without the field's label: since session 37 the record answerer
    # reads both conjuncts itself and labels each line, "License requirement: For all items ...".)
    assert "For all items subject to the Harbour Regulations. [" in lead[0], a.text
    assert len(lead) == 2 and "12 Quay Road, Harbour District, Ostra, 310052, JP [" in lead[1], a.text
    # nothing of the other party's entry
    assert "Annex C" not in a.text.split("\n\n")[0] and "Pier Rd." not in a.text.split("\n\n")[0]


@pytest.mark.integration
def test_a_located_field_is_asked_of_the_shared_party(index):
    a = ask("Give me the address on file and the start date for the Tolvik Winch Works entry.", index)
    lead = _lead(a)
    assert not a.abstained, a.text
    assert "3 Pier Rd., Tolvik, NO" in lead[0] and "Quay Road" not in a.text.split("\n\n")[0], a.text
    assert len(lead) == 2 and "2031-03-03" in lead[1], a.text


@pytest.mark.integration
def test_the_date_of_each_document_is_answered(index):
    a = ask("What was the date of HA 2031-07 and the effective date of the interim rule?", index)
    lead = _lead(a)
    assert not a.abstained, a.text
    assert lead[0].startswith("April 14, 2031"), a.text
    assert len(lead) == 2 and lead[1].startswith("June 1, 2031"), a.text


@pytest.mark.integration
def test_one_field_asked_stays_one_line(index):
    # the twin: one field of the same record is one line, as before
    a = ask("What is the address of Ostra Kestrix Lifting Co., Ltd.?", index)
    lead = _lead(a)
    assert lead == [lead[0]] and lead[0].startswith("12 Quay Road, Harbour District, Ostra, 310052, JP"), a.text
