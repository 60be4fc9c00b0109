"""Issue 8 (blind-s32 v012, v042, v058; a fit set since session 34): a record answers for the party the
question names, by that party's name and the field it asks for.

- A country the record's name shares with the question does not name the party: "the rule adding
  twelve *Canadian* entities" is no "Institute of Forensic Optics of *Canada*" (v042 led with that
  record's "Start date").
- In a record, a label word that is only the asked kind ("date" of "On which date ...?") says nothing the
  answer-kind fit has not: "Start date: ..." of any party took the lead from the rule's own date (v042);
  a document's own header line ("DATE: August 29, 2019" of a memo) still speaks for the document.
- A compound of words is not its first word: "high-diversion-risk" is no "High" of "Center for High
  Pressure Research" (v058 led with that record's start date).
- "Is *any* alias recorded for X?": the tagger reads "alias" after "any" as a plural, lemma "alia",
  which WordNet does not know; the word as written is the noun (v012 led with the name line).
Documents written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

ENTRIES = """title: Crane List entries added effective March 20, 2023, as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2023-03-20
---
Entity: Institute of Forensic Optics of Canada
Addresses: 12 Lakeshore Rd., Toronto, CA
Federal Register notice(s): 88 FR 15501
Start date: 2023-03-20
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial

Entity: Center for High Pressure Research
Alternate names: HPRC
Addresses: 4 Quay Rd., Ostra, BX
Federal Register notice(s): 88 FR 15502
Start date: 2023-03-20
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial

Entity: Canada Harbour Police Bureau
Addresses: 1 Pier Rd., Ostra, CA
Federal Register notice(s): 88 FR 15503
Start date: 2023-03-20
License requirement: For all items subject to the Harbour Rules
License review policy: Case-by-case review for items 3A001 and 3A002

Entity: Mara Velden
Alternate names: Mia Velden
Addresses: 9 Harbour St., Ostra, BX
Federal Register notice(s): 88 FR 15502
Start date: 2023-03-20
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial
"""

RULE = """title: Addition of Certain Entities to the Crane List (88 FR 15500)
publisher: Example Screening Office
date: 2023-03-10
---
This document is scheduled to be published in the Federal Register on 03/14/2023 and available online at https://federalregister.gov/d/2023-05120.

SUMMARY: This final rule amends the Harbour Rules by adding twelve Canadian entities to the Crane List.

Section 9.11 of the Harbour Rules also names High-Diversion-Risk Addresses, to which the license requirements of this section apply.
"""

MEMO = """title: Harbour Flash 2023-07 on crane contracting
publisher: Example Harbour Office
date: 2023-04-02
---
DATE: April 2, 2023

SUBJECT: Contracting for harbour cranes

This flash tells contracting officers of the Crane List rule of March 14, 2023.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("record-naming", {"entries.txt": ENTRIES, "rule.txt": RULE, "memo.txt": MEMO})
    return settings


def lead(a) -> str:
    return a.text.split("\n")[0]


@pytest.mark.parametrize("question", [
    "On which date was the rule adding twelve Canadian entities published?",
    "What date was the rule adding twelve Canadian entities published on?",
])
def test_a_country_shared_with_a_record_name_does_not_name_the_record(index, question):
    # Not the record's "Start date" (of the Institute ... of Canada): the rule's own date, or no lead.
    a = ask(question, index)
    assert "2023-03-20" not in lead(a), a.text
    assert a.abstained or "03/14/2023" in lead(a), a.text


def test_a_country_with_the_names_other_words_still_names_the_record(index):
    # The twin: "Canadian harbour police bureau" - the question's other words are the name's too.
    a = ask("Which items get case-by-case review for the Canadian harbour police bureau on the Crane List?", index)
    assert "3A001" in lead(a), a.text


def test_the_record_named_by_its_own_name_still_answers(index):
    # The twin: the party named by its name, not by its country alone.
    a = ask("What start date does the Crane List give for the Institute of Forensic Optics of Canada?", index)
    assert "2023-03-20" in lead(a), a.text


def test_a_document_header_labelled_with_the_asked_kind_still_answers(index):
    a = ask("On what date was Harbour Flash 2023-07 on crane contracting issued?", index)
    assert "April 2, 2023" in lead(a), a.text


def test_a_compound_names_a_record_only_with_all_its_words():
    from agent.extractive import _names_with
    from agent.analysis import text_keys

    assert not _names_with("high-diversion-risk", text_keys("Center for High Pressure Research"))
    assert _names_with("high-pressure", text_keys("Center for High Pressure Research"))
    assert _names_with("optic", text_keys("Institute of Forensic Optics of Canada"))  # a word: key_in


def test_a_compound_modifier_does_not_pick_a_record_by_its_first_word(index):
    a = ask("On what date did the version of Section 9.11 that mentions high-diversion-risk addresses take effect?",
            index)
    assert "Center for High Pressure" not in a.text.split("Evidence:")[0], a.text


@pytest.mark.parametrize("question", [
    "Is any alias recorded for the individual Mara Velden among the March 2023 Crane List rows? If so, give it.",
    "Is any alias recorded for Mara Velden among the Crane List rows?",
    "Is an alias recorded for Mara Velden?",  # the twin: "an alias" is tagged singular
])
def test_any_alias_asks_for_the_other_names_line(index, question):
    a = ask(question, index)
    assert "Mia Velden" in lead(a), a.text


def test_token_noun_reads_a_singular_tagged_plural():
    from agent.answering.nlp import parse
    from agent.lexical import token_noun

    doc = parse("Is any alias recorded for Mara Velden?")
    alias = next(t for t in doc if t.text == "alias")
    assert token_noun(alias) == "alias"
    bureaus = next(t for t in parse("Which bureaus were added?") if t.text == "bureaus")
    assert token_noun(bureaus) == "bureau"
