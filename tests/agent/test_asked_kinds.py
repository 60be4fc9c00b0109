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
[FR Doc No: 2023-15827]

[Docket No. HBA 2023-0009, Sequence No. 2]

SUMMARY: This rule adds eleven firms to the Crane List.

FOR FURTHER INFORMATION CONTACT: [email protected] or call 202-555-0147.

This document is scheduled to be published in the Harbour Register on 07/22/2023 and available online.

Each page of the printed copy carries the Board's seal. The CSL carries the added firms' entries.
"""


ENTRIES = """title: Crane List entries added effective June 5, 2023, as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2023-06-05
---
Entity: Varlen Computing Research Centre
Alternate names: VCRC
Addresses: No. 10 East Xibeiwang Road, Haidian District, Lindau, BX
Federal Register notice(s): 88 FR 34495
Start date: 2023-06-05
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial

Entity: Ostra Harbour Police Bureau
Addresses: Room 3603, Wanda Plaza, No. 555 Xuanwuhu Road, Economic and Technological Development Zone, Futong Ave, Ostra, BX
Federal Register notice(s): 88 FR 34496
Start date: 2023-06-05
License requirement: For all items subject to the Harbour Rules
License review policy: Case-by-case review for ECCNs 1A004.c, 1A995 and 2A983; presumption of denial for all other items

Entity: Dravik Harbour Police Bureau
Addresses: 4 Quay Rd., Dravik, BX
Federal Register notice(s): 88 FR 34496
Start date: 2023-06-05
License requirement: For all items subject to the Harbour Rules
License review policy: Case-by-case review for ECCNs 1A004.c and 1A995; presumption of denial for all other items
"""


SECTION = """title: Harbour Rules 9.16 Crane List - paragraphs (intro) to (b)
publisher: Example Harbour Board
date: 2023-02-01
---
§ 9.16 Crane List.

The Crane List (supplement no. 4 to part 9) identifies firms reasonably believed to be involved in unsafe lifting or in activities contrary to port safety.

(a) Additions. The firms are added to the Crane List pursuant to sections of part 9 (Control Policy) and part 11 (Special Controls) of the Harbour Rules.

(b) Review policy. The license review policy for each listed firm is identified in the "License review policy" column on the Crane List.
"""


PRESS = """title: Harbour Board Imposes Berth Restrictions on Unlicensed Crane Operators (press statement)
publisher: Example Harbour Board (Chair Mara Velin)
date: 2023-09-14
---
Harbour Board Imposes Berth Restrictions on Unlicensed Crane Operators

PRESS STATEMENT

SEPTEMBER 14, 2023

Unlicensed crane operators have ignored the Board's safety rules for years. Today, I am announcing:

- Berth restrictions on crane operators who are believed to be responsible for, or complicit in, unsafe lifting in the outer harbour.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("asked-kinds", {"clause.txt": CLAUSE, "story.txt": STORY, "rule.txt": RULE,
                                             "entries.txt": ENTRIES, "section.txt": SECTION, "press.txt": PRESS})
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


def test_a_counted_list_is_the_one_quote_naming_as_many(index):
    # Paragraph (1) names two firms, paragraph (2) three: "the three companies ... under paragraph (2)".
    a = ask("Name the three companies whose camera equipment is covered under paragraph (2) of the 52.7-1 "
            "definition.", index=index)
    lead = _lead(a)
    assert all(n in lead for n in ("Belmar Optics Corporation", "Kestrel Vision Company", "Dunmore Imaging Company"))
    assert "Orvik Lifting Company" not in lead, a.text


def test_an_abbreviated_label_beside_its_full_modifier(index):
    # "FR Doc No" is the FR document number ("FR" written in full beside "Doc"); "Doc" alone is as much
    # "docket", whose own line answers the docket number.
    a = ask("What FR document number and docket number does the Crane List rule carry?", index=index)
    lead = _lead(a)
    assert "2023-15827" in lead and "HBA 2023-0009" in lead, a.text
    b = ask("What docket number does the Crane List rule carry?", index=index)
    assert "HBA 2023-0009" in _lead(b) and "2023-15827" not in _lead(b), b.text


def test_an_acronym_the_record_never_writes(index):
    # Varlen's entry lists no ECCN: its "Presumption of denial" answers no "which ECCNs" question.
    a = ask("Which ECCNs get case-by-case review for the Varlen Computing Research Centre?", index=index)
    assert a.abstained, a.text
    # Twin: the entry that lists them.
    b = ask("For the Ostra Harbour Police Bureau entry, which ECCNs are reviewed case by case?", index=index)
    assert "1A004.c" in _lead(b), b.text


def test_a_description_is_held_word_by_word_not_by_acronym(index):
    # "approved Validated End-Users" makes "AVE", an address's "Ave": no entry holds the description.
    a = ask("Which firms are approved Validated End-Users under the VEU program?", index=index)
    assert "Ostra Harbour Police Bureau" not in _lead(a), a.text


def test_an_e_mail_question_needs_an_e_mail_address(index):
    # The contact line holds a web page's placeholder and a telephone number, no e-mail address.
    a = ask("What is the contact e-mail address given in the Crane List rule?", index=index)
    assert a.abstained, a.text
    # Twin: the telephone number it does give.
    b = ask("What telephone number is given for further information on the Crane List rule?", index=index)
    assert "202-555-0147" in b.text and not b.abstained, b.text


@pytest.mark.parametrize("question", [
    "How does Harbour Rules 9.16 describe whom the Crane List identifies?",
    "What does 9.16 say the Crane List identifies?",
])
def test_what_a_document_says_of_a_clause(index, question):
    # The clause the verb of saying takes is what is asked: the sentence saying it leads.
    a = ask(question, index=index)
    assert a.citations[0].quote.startswith("The Crane List (supplement no. 4 to part 9) identifies firms"), a.text


def test_what_a_document_says_about_a_topic(index):
    # Twin: no clause is asked, and the topic's sentence leads.
    a = ask("What does 9.16 say about the license review policy?", index=index)
    assert "License review policy\" column" in a.citations[0].quote, a.text


def test_a_date_question_answered_by_its_partys_one_record_date(index):
    # "Since when ...?" is far in meaning from the label "Start date", but the best quote is that line of
    # the asked party's record, and the record's one date answers.
    a = ask("Is Varlen Computing Research Centre on a harbour restricted list, and since when?", index=index)
    assert "2023-06-05" in _lead(a), a.text
    # Twin: an act the list never writes of is not dated by it.
    b = ask("When was Varlen Computing Research Centre removed from the Crane List?", index=index)
    assert b.abstained, b.text


def test_the_lists_own_acronym_names_no_party(index):
    # (stop 27, new-user trial) "the CSL" is the title's "Consolidated Screening List", not a party whose
    # record is asked for: every entry had been another party's, and nothing was quoted.
    a = ask("What start date does the CSL show for the Ostra Harbour Police Bureau?", index=index)
    assert not a.abstained and "2023-06-05" in _lead(a), a.text


def test_a_sentence_ending_in_a_colon_is_quoted_with_what_it_introduces(index):
    # (stop 27, new-user trial) "Today, I am announcing:" alone tells nothing; its item says what.
    a = ask("What did Chair Mara Velin announce on September 14, 2023?", index=index)
    assert "Berth restrictions on crane operators" in a.citations[0].quote, a.text


def test_abbreviations_by_contraction():
    from agent.extractive import _abbreviates

    assert _abbreviates("dept", "department") and _abbreviates("govt", "government")
    assert not _abbreviates("dept", "debt") and not _abbreviates("dpt", "department")
