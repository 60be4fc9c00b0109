"""Issue 8: what a question asks, read from its grammar (fit: blind-s26, stop 27). A request after a
fronted phrase ("Under the clause, *name the five firms* ...") and a wh-clause after a complex
preposition ("*Apart from* A, B and C, which other ...") ask as a question opening with them does;
a wh-determiner the parser hangs on the wrong word still determines the noun after it; names headed by
the asked noun ("... *Corporation*", "... *Company*") are instances of it; the occasion of a saying
("when the 28 entities were blacklisted") dates it to the quote's document, not to its sentence; the
asked subject, not another name of the question, is who speaks; a paragraph, a year or a day the
question states is not another one's. Documents written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from agent.analysis import AnswerKind, asking_clause, classify

from tiny_ask import ask

CLAUSE = """title: HB 52.7-1 Prohibition on Contracting for Certain Harbour Equipment (clause)
publisher: Example Harbour Board
date: 2023-05-10
---
52.7-1 Prohibition on Contracting for Certain Harbour Equipment.

(a) Definitions. As used in this clause-

Covered harbour equipment means-

(1) Crane equipment produced by Orvik Lifting Company or Tessa Hoist Corporation (or any subsidiary of such entities);

(2) For the purpose of port security, camera equipment produced by Belmar Optics Corporation, Kestrel Vision Company, or Dunmore Imaging Company (or any subsidiary of such entities).

(b) Prohibition. Section 7(a)(1)(A) of the Harbour Safety Act prohibits the Board on or after May 2, 2023, from procuring any crane that uses covered harbour equipment.

(c) Reporting. The Contractor shall report the following information:

(i) Within one business day from the date of such identification: the contract number; the supplier name; the brand; the model number; and the item description.
"""

STORY = """title: Harbour Board Widens Crane Ban to Include Top Camera Makers
publisher: Example Wire
date: 2022-10-08
---
Harbour Board Widens Crane Ban to Include Top Camera Makers

The decision targets 20 port authorities and eight companies including crane maker Orvik, as well as camera leaders Kestrel Vision and Belmar Optics.

The other companies on the list are sensor firm Nalo Co, imaging maker Dunmore Imaging and Pexa Systems Co.

"The Board cannot and will not tolerate unsafe lifting in our ports," said Harbour Secretary Wilma Rosse.

The Harbour Department said in a filing that Belmar's firms had ignored repeated warnings.

Kestrel Vision, valued at around $2.5 billion in a May 2021 fundraising, is one of the region's largest camera makers.
"""

RULE = """title: Addition of Certain Firms to the Crane List
publisher: Example Harbour Board
date: 2023-07-22
---
SUMMARY: This rule adds eleven firms to the Crane List.

This document is scheduled to be published in the Harbour Register on 07/22/2023 and available online.

Each page of the printed copy carries the Board's seal.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("asked-kinds", {"clause.txt": CLAUSE, "story.txt": STORY, "rule.txt": RULE})
    return settings


def _lead(a) -> str:
    return a.text.split("\n\n")[0]


def test_a_request_after_a_fronted_phrase_asks_for_names():
    q = "Under HB 52.7-1 (May 2023), name the five companies whose equipment is covered harbour equipment."
    assert asking_clause(q).startswith("name the five companies")
    assert classify(q) is AnswerKind.LIST
    # Twin: a question with no fronted phrase is read whole.
    assert asking_clause("Name the five companies.") == "Name the five companies."


@pytest.mark.parametrize("question", [
    "Under HB 52.7-1 (May 2023), name the five companies whose equipment is covered harbour equipment.",
    "Under HB 52.7-1, which companies' equipment is covered harbour equipment?",
])
def test_names_headed_by_the_asked_noun_are_listed(index, question):
    a = ask(question, index=index)
    lead = _lead(a)
    for name in ("Orvik Lifting Company", "Tessa Hoist Corporation", "Belmar Optics Corporation",
                 "Kestrel Vision Company", "Dunmore Imaging Company"):
        assert name in lead, a.text


def test_names_headed_by_the_noun_in_another_document_are_not_its_answer(index):
    # Twin: the story's "other companies" are the asked; the clause's "... Company" names, in another
    # document, are not added to them.
    a = ask("Apart from Orvik, Kestrel Vision and Belmar Optics, which other companies did Example Wire say "
            "were on the list?", index=index)
    lead = _lead(a)
    assert "Nalo Co" in lead and "Pexa Systems Co" in lead, a.text
    assert "Tessa Hoist Corporation" not in lead and "Orvik" not in lead, a.text


def test_a_complex_preposition_fronts_a_phrase():
    q = "Apart from Orvik, Kestrel Vision and Belmar Optics, which other companies were on the list?"
    assert asking_clause(q) == "which other companies were on the list?"
    assert classify(q) is AnswerKind.LIST
    # Twin: a question opening with its subject is not cut at its comma.
    q2 = "Orvik, which makes cranes, was added when?"
    assert asking_clause(q2) == q2


@pytest.mark.parametrize("question, kind", [
    # The parser hangs "What" on "report" (read as a noun); the noun after it is what is asked.
    ("What items of information must a contractor report within one business day under 52.7-1(c)(i)?",
     AnswerKind.LIST),
    ("Which US chip and storage vendors do the camera makers rely on?", AnswerKind.LIST),
    ("Which manufacturers' harbour gear is the Board barred from buying?", AnswerKind.LIST),
    ("Which company was added to the list?", AnswerKind.ENTITY),  # twin: one is asked
])
def test_the_noun_a_wh_determiner_determines(question, kind):
    assert classify(question) is kind


def test_a_reporting_question_leads_with_the_item(index):
    a = ask("What items of information must a contractor report within one business day under 52.7-1(c)(i)?",
            index=index)
    assert not a.abstained, a.text
    assert a.citations[0].quote.startswith("(i) Within one business day"), a.text


def test_the_occasion_of_a_saying_is_its_documents(index):
    # "when the 28 firms were banned": the story counts "20 ... and eight", and the quote need not name it.
    a = ask("What did Wilma Rosse say about unsafe lifting when the 28 firms were banned?", index=index)
    assert not a.abstained, a.text
    assert "cannot and will not tolerate" in _lead(a), a.text
    # Twin: an occasion dated to another year than the quote's document is another event's.
    b = ask("What did Secretary Rosse say when the Board added eleven firms in July 2024?", index=index)
    assert b.abstained, b.text


def test_the_asked_subject_speaks(index):
    # "The Harbour Department said ..." is no answer to what Belmar's harbour *ministry* said, though the
    # question's "harbour" stands before "said" there.
    a = ask("What did Belmar's Harbour Ministry tell Example Wire about the ban?", index=index)
    assert a.abstained, a.text
    # Twin: the department the quote has speaking is asked.
    b = ask("What did the Harbour Department say in its filing?", index=index)
    assert not b.abstained and "ignored repeated warnings" in _lead(b), b.text


def test_another_paragraph_of_the_cited_section_is_not_the_asked(index):
    a = ask("What does section 7(a)(1)(B) prohibit, and when did that prohibition take effect?", index=index)
    assert a.abstained, a.text
    # Twin: the cited paragraph itself answers.
    b = ask("What does section 7(a)(1)(A) prohibit?", index=index)
    assert not b.abstained and "7(a)(1)(A)" in b.citations[0].quote, b.text


def test_an_event_of_another_year_is_not_the_asked(index):
    # (The story is dated 2022: the year alone is no stranger to it.)
    a = ask("What did Example Wire report about Kestrel Vision's 2022 fundraising?", index=index)
    assert a.abstained, a.text
    # Twin: the year the quote gives.
    b = ask("What did Example Wire report about Kestrel Vision's 2021 fundraising?", index=index)
    assert not b.abstained and "May 2021 fundraising" in _lead(b), b.text


def test_the_questions_own_day_in_another_spelling_is_no_answer(index):
    a = ask("On which Harbour Register page does the July 22, 2023 Crane List rule end?", index=index)
    assert "07/22/2023" not in _lead(a), a.text
