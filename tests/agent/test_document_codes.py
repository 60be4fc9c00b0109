"""Issue 8 (blind-s33 w003, w005, w049 and blind-s32 v046; fit sets since session 35): what a
question asks of one document comes from that document.

- Several codes asked in one list ("What FR Doc number, FAC number and RIN ...?") are each asked: the
  parser hangs such a list on its first noun as an apposition with conjuncts (w003 gave the first only).
- The codes asked of one thing are one document's: the document the question describes, not the one
  whose header line ranks high for any question asking for a docket number (v046 took another rule's
  docket), and not one code from each of three rules.
- A date asked of a document the question names by its code ("FR Doc. 2023-10111") comes from that
  document, not from another rule's "Comment date:" line (w005 abstained).
- A word that labels a number ("*Section* 812") names a provision, found in the quote's document, not
  a name each sentence must write (w049's comment deadline was not read).
Documents written for these tests (made-up rules and parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

RULE_ELEVEN = """title: Addition of Certain Entities to the Crane List (88 FR 30001; FR Doc. 2023-10111) - public-inspection copy
publisher: Example Screening Office
date: 2023-05-12
---
This document is scheduled to be published in the Federal Register on 05/12/2023 and available online at https://federalregister.gov/d/2023-10111, and on govinfo.gov

[Docket No. 230501-0101]

RIN 0600-AB11

SUMMARY: This final rule amends the Harbour Rules by adding eleven entities to the Crane List.

DATE: This rule is effective [INSERT DATE OF PUBLICATION IN THE FEDERAL REGISTER].
"""

RULE_TWENTY = """title: Addition of Ostra Entities to the Crane List (88 FR 40002; FR Doc. 2023-12222) - public-inspection copy
publisher: Example Screening Office
date: 2023-06-20
---
This document is scheduled to be published in the Federal Register on 06/20/2023 and available online at https://federalregister.gov/d/2023-12222, and on govinfo.gov

[Docket No. 230601-0202]

RIN 0600-AB22

SUMMARY: This final rule amends the Harbour Rules by adding twenty entities based in Ostra to the Crane List.
"""

INTERIM = """title: Harbour Acquisition Regulation: Prohibition on Certain Crane Equipment - second interim rule (88 FR 50003; FR Doc. 2023-15333)
publisher: Example Acquisition Council
date: 2023-08-01
---
[FR Doc No: 2023-15333]

[HAC 2023-04; HAR Case 2022-011; Docket No. HAR-2022-0011, Sequence No. 2]

RIN 9100-AC33

SUMMARY: The Council is issuing a second interim rule amending the Harbour Acquisition Regulation (HAR) to implement section 812 of the Harbour Security Act.

DATES:
Effective Date: August 1, 2023.
Comment date: Interested parties should submit written comments to the Council at one of the addresses shown below on or before October 2, 2023 to be considered in the formation of the final rule.
"""

GUIDE = """title: Harbour Acquisition Regulation; Harbour Acquisition Circular 2023-02; Small Entity Compliance Guide (88 FR 20004; FR Doc. 2023-08444)
publisher: Example Acquisition Council
date: 2023-04-03
---
[FR Doc No: 2023-08444]

[Docket No. HAR 2023-0002, Sequence No. 4]

SUMMARY: This document is issued under the joint authority of the Council's members. It consists of a summary of the rule appearing in Harbour Acquisition Circular (HAC) 2023-02, which amends the Harbour Acquisition Regulation (HAR).

DATES: April 3, 2023.
"""

ENTRIES = """title: Crane List entries for the twenty Ostra entities added by 88 FR 40002, as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2023-07-01
---
Entity: Ostra Harbour Police Bureau
Addresses: 1 Pier Rd., Ostra, BX
Federal Register notice(s): 88 FR 40002
Start date: 2023-06-20
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial

Entity: Ostra Port Surveillance Bureau
Addresses: 2 Pier Rd., Ostra, BX
Federal Register notice(s): 88 FR 40002
Start date: 2023-06-20
License requirement: For all items subject to the Harbour Rules
License review policy: Presumption of denial
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("document-codes", {"eleven.txt": RULE_ELEVEN, "twenty.txt": RULE_TWENTY,
                                                 "interim.txt": INTERIM, "guide.txt": GUIDE, "entries.txt": ENTRIES})
    return settings


def lead(a) -> str:
    return a.text.split("Evidence:")[0]


@pytest.mark.parametrize("question", [
    "What FR Doc number, HAC number and RIN are on the August 2023 second interim rule?",
    "What are the FR Doc number, the HAC number and the RIN of the second interim rule?",
])
def test_every_code_of_a_list_is_asked(index, question):
    a = ask(question, index)
    assert all(code in lead(a) for code in ("2023-15333", "2023-04", "9100-AC33")), a.text


def test_a_code_asked_alone_still_answers(index):
    # The twin: one code.
    a = ask("What RIN does the second interim rule carry?", index)
    assert "9100-AC33" in lead(a), a.text


@pytest.mark.parametrize("question, codes, others", [
    ("What are the RIN and docket number of the rule adding eleven entities?",
     ("0600-AB11", "230501-0101"), ("0600-AB22", "230601-0202", "9100-AC33")),
    ("What are the RIN and docket number of the rule adding 20 entities?",
     ("0600-AB22", "230601-0202"), ("0600-AB11", "230501-0101", "9100-AC33")),
    ("Which docket number and FR Doc number appear on the HAC 2023-02 Small Entity Compliance Guide?",
     ("HAR 2023-0002", "2023-08444"), ("HAR-2022-0011", "2023-15333")),
])
def test_the_codes_asked_of_one_document_are_that_documents(index, question, codes, others):
    a = ask(question, index)
    assert all(code in lead(a) for code in codes), a.text
    assert not any(code in lead(a) for code in others), a.text


def test_the_rin_of_the_rule_that_added_listed_parties_is_the_rules(index):
    # (A twin: the listed parties' records have no RIN field; the RIN asked is the rule's.)
    a = ask("Give the RIN and docket number of the rule that added the Ostra entities.", index)
    assert "0600-AB22" in lead(a) and "230601-0202" in lead(a), a.text


def test_a_field_of_the_listed_party_is_still_its_records(index):
    # The twin: the asked noun is the party's own, and its record answers.
    a = ask("What start date does the Crane List give for the Ostra Harbour Police Bureau?", index)
    assert "2023-06-20" in lead(a), a.text


def test_a_date_asked_of_a_document_named_by_its_code_comes_from_it(index):
    a = ask("On what date was the rule adding eleven entities (FR Doc. 2023-10111) scheduled to be published "
            "in the Federal Register?", index)
    assert "05/12/2023" in lead(a), a.text


@pytest.mark.parametrize("question", [
    "What was the comment deadline for the second interim rule on Section 812?",
    "When did the second interim rule on Section 812 take effect, and what was the comment deadline?",
])
def test_a_word_labelling_a_number_names_a_provision(index, question):
    a = ask(question, index)
    assert "October 2, 2023" in lead(a), a.text


def test_a_labelled_date_of_another_kind_is_no_answer(index):
    # (session 35) "Comment date: ... on or before October 2, 2023" ties its date to the question's
    # words ("rule") but its label names another date than when the rule was published.
    a = ask("When was the second interim rule published?", index)
    assert "October 2, 2023" not in lead(a), a.text


@pytest.mark.parametrize("question", ["When were comments due on the second interim rule?",
                                      "What was the comment deadline for the second interim rule?"])
def test_a_labelled_date_of_the_asked_kind_still_answers(index, question):
    assert "October 2, 2023" in lead(ask(question, index)), question


# Issue 8, session 37 (fit: blind-s35 y063, y028). A date sentence's own date is what it answers, not when
# it was written: the interim rule of August 2023's "on or before October 2, 2023" is no deadline of a rule
# the question dates to April 2023. And an acronym asked for ("What RIN ...") that the quoted document never
# writes is no answer of that document's sentence.
@pytest.mark.parametrize("question", [
    "What was the comment deadline for the Section 812 interim rule published April 3, 2023?",
    "What was the comment deadline for the interim rule issued on April 3, 2023?",
    "What RIN is shown on the HAC 2023-02 Small Entity Compliance Guide?",
])
def test_a_document_of_another_time_or_without_the_asked_code_gives_no_answer(index, question):
    a = ask(question, index)
    assert a.abstained, a.text
    assert "October 2, 2023" not in lead(a) and "9100-AC33" not in lead(a)


@pytest.mark.parametrize("question, value", [
    # twins: the rule the question dates, and a code the quoted document writes
    ("What was the comment deadline for the second Section 812 interim rule published August 1, 2023?",
     "October 2, 2023"),
    ("What RIN is shown on the rule adding eleven entities?", "0600-AB11"),
])
def test_the_dated_document_and_its_written_code_still_answer(index, question, value):
    a = ask(question, index)
    assert not a.abstained and value in lead(a), a.text


CLAUSE = """title: HAR 52.812-2 Prohibition on Certain Crane Equipment (clause)
publisher: Example Acquisition Council
date: 2023-08-01
---
(a) Definitions. As used in this clause-
Covered crane equipment means-
(1) Harbour cranes produced by Varlen Lifting Corporation or Dravik Heavy Industries Company (or any subsidiary or affiliate of such entities);
(d) Reporting requirement. (1) In the event the Contractor identifies covered crane equipment, the Contractor shall report within one business day from the date of such identification: the contract number; supplier name; supplier Commercial and Government Entity (CAGE) code (if known); brand; model number; and item description.
"""


@pytest.fixture(scope="module")
def clause(tiny_index):
    _, settings = tiny_index("document-codes-clause", {"clause.txt": CLAUSE, "interim.txt": INTERIM})
    return settings


def test_a_code_asked_of_a_sentence_writing_none_is_no_answer(clause):
    # (session 37, fit: blind-s35 y001) "What CAGE code is associated with X?" of the clause sentence that
    # names X but writes nothing of a code's form: no answer, however near the sentence is.
    a = ask("What CAGE code is associated with Varlen Lifting Corporation?", clause)
    assert a.abstained, a.text
    # the twin: a code the quotes write
    a = ask("What RIN does the second interim rule carry?", clause)
    assert not a.abstained and "9100-AC33" in lead(a), a.text


# Issue 8, session 38 (fit: blind-s36 z024, z062, z029). An acronym written right before its code is how
# the code is cited ("HAC 2023-04", not "2023-04", which reads as a span of years); a count or date asked of
# a document the question cites by its publication ("88 FR 30001") comes from it or from a document citing
# it, not from a news report about another rule; "On what exact date" asks for a date as "On what date" does.
NEWS = """title: Harbour regulators widen crane blacklist (Example Wire)
publisher: Example Wire
date: 2023-05-20
---
In May, the council released an interim rule banning purchases of harbour cranes from seven Ostra companies, including Varlen and Dravik.
Harbour Minister Ilse Varga said last week at the port forum that cranes must be safe.
"""


@pytest.fixture(scope="module")
def wired(tiny_index):
    _, settings = tiny_index("document-codes-wire", {"eleven.txt": RULE_ELEVEN, "interim.txt": INTERIM,
                                                      "news.txt": NEWS})
    return settings


def test_an_acronym_before_its_code_leads_with_it(wired):
    a = ask("What RIN and HAC number does the August 2023 second interim rule carry?", wired)
    assert "HAC 2023-04" in lead(a) and "9100-AC33" in lead(a), a.text
    # the twin: a label that is no acronym ("Docket No.") is not copied into the lead
    a = ask("What docket number does the rule adding eleven entities carry?", wired)
    assert "230501-0101" in lead(a) and "No. 230501-0101" not in lead(a), a.text


def test_a_count_of_a_cited_rule_from_a_document_not_citing_it_is_no_answer(wired):
    a = ask("How many companies in total did the May 2023 crane rule (88 FR 30777) cover?", wired)
    assert a.abstained and "seven" not in lead(a), a.text


def test_a_count_of_a_cited_rule_from_its_own_document_still_answers(wired):
    # the twin: the rule cited is the document that states the count
    a = ask("How many entities did the 88 FR 30001 rule add to the Crane List?", wired)
    assert not a.abstained and "eleven" in lead(a), a.text


@pytest.mark.parametrize("question", [
    "On what exact date did Minister Varga speak at the port forum?",
    "On what precise day did Minister Varga speak at the port forum?",
])
def test_an_exact_date_asked_of_a_relative_time_is_no_answer(wired, question):
    from agent.analysis import AnswerKind, classify

    # A date is asked past the wh-word's modifiers (the parse), as "On what date" asks it ...
    assert classify(question) is AnswerKind.DATE
    # ... and "said last week": the report gives no date for the remarks.
    a = ask(question, wired)
    assert a.abstained, a.text


# Issue 8, session 38 (fit: blind-s36 z065, z072). The provision a quote cites as the object of the
# question's own verb answers a "which paragraph" question ("As *prescribed in* 12.3105(b), insert the
# following clause:"), and a count asked in place ("... imposed restrictions on *how many* entities?")
# is a count question.
PRESCRIBED = """title: HAR 52.812-3 Crane Equipment Reporting (clause)
publisher: Example Acquisition Council
date: 2023-08-01
---
52.812-3 Crane Equipment Reporting.
As prescribed in 12.3105(b), insert the following clause:
(e) Subcontracts. The Contractor shall insert the substance of this clause, including this paragraph (e), in all subcontracts.
"""

STATEMENT = """title: Ministry of Ports imposes visa limits on Ostra officials (press statement)
publisher: Example Ministry of Ports
date: 2023-06-21
---
These visa limits complement yesterday's announcement by the Screening Office of export limits on goods shipped to 20 entities, including Ostra harbour police units.
"""


@pytest.fixture(scope="module")
def prescribed(tiny_index):
    _, settings = tiny_index("document-codes-prescribed", {"clause.txt": PRESCRIBED, "statement.txt": STATEMENT})
    return settings


@pytest.mark.parametrize("question", [
    "Which HAR paragraph prescribes insertion of clause 52.812-3?",
    "Which paragraph of the HAR prescribes the clause at 52.812-3?",
])
def test_the_provision_the_questions_verb_cites_answers(prescribed, question):
    a = ask(question, prescribed)
    assert lead(a).startswith("12.3105(b)"), a.text


def test_a_provision_cited_for_another_verb_is_no_answer(prescribed):
    # the twin: "insert" is the question's verb; 12.3105(b) is what the clause's insertion is prescribed in
    a = ask("Which paragraph of the HAR requires the Contractor to insert the substance of this clause in all "
            "subcontracts?", prescribed)
    assert "12.3105(b)" not in lead(a) and "paragraph (e)" in lead(a), a.text


def test_a_count_asked_in_place_is_a_count(prescribed):
    from agent.analysis import AnswerKind, classify

    question = "The ministry's statement says the Screening Office imposed export limits on how many entities?"
    assert classify(question) is AnswerKind.QUANTITY
    # the twin: a wh-word before it asks something else
    assert classify("What statement says how many entities were limited?") is not AnswerKind.QUANTITY
    a = ask(question, prescribed)
    assert lead(a).startswith("20 entities"), a.text


# Issue 8, session 38 (fit: blind-s36 z015, z038). Two codes asked in one "A and B" are each asked,
# however the parser reads the phrase ("Give the FR Doc number and page range of ..." had "FR" taken for
# a verb, and the page range was never asked); a question whose two codes together abstain is asked
# once per code, and what one side finds is kept.
PAGED = """title: Harbour Acquisition Regulation; Harbour Acquisition Circular 2023-07; Small Entity Compliance Guide (88 FR 70011; FR Doc. 2023-20202)
publisher: Example Acquisition Council
date: 2023-10-02
---
[Pages 70011-70012]

[FR Doc No: 2023-20202]

AGENCY: Example Acquisition Council.

ACTION: Small Entity Compliance Guide.

SUMMARY: This document is issued under the joint authority of the Council's members. It consists of a summary of the rule appearing in Harbour Acquisition Circular (HAC) 2023-07. This Small Entity Compliance Guide has been prepared in accordance with section 212 of the Harbour Small Business Act.
"""


@pytest.fixture(scope="module")
def paged(tiny_index):
    _, settings = tiny_index("document-codes-paged", {"paged.txt": PAGED, "eleven.txt": RULE_ELEVEN})
    return settings


@pytest.mark.parametrize("question", [
    "Give the FR Doc number and page range of the HAC 2023-07 Small Entity Compliance Guide.",
    "Give the page range and FR Doc number of the HAC 2023-07 Small Entity Compliance Guide.",
])
def test_both_codes_of_an_and_are_asked(paged, question):
    a = ask(question, paged)
    assert "2023-20202" in lead(a) and "70011-70012" in lead(a), a.text


def test_a_question_per_code_when_both_together_abstain():
    from agent.answering.parts import conjunct_questions

    assert conjunct_questions("What RIN and docket number does the rule adding eleven entities carry?") == [
        "What RIN does the rule adding eleven entities carry?",
        "What docket number does the rule adding eleven entities carry?"]
    # twins: a name's own "and" (a preposition inside), and no coordination at all
    assert conjunct_questions("What is the address of the Bureau of Industry and Security?") is None
    assert conjunct_questions("What RIN does the rule adding eleven entities carry?") is None


# Issue 8, session 38 (probe of the kind of blind-s36 z062 with a date): a date asked of "the eleven
# entities" is not the start date of a list that never counts its entities so and holds another number
# of records (the June list's "Start date: 2023-06-20" was the answer to "On what date did the office add
# the eleven entities?").
def _stored(title: str, body: str):
    from ingest.store import StoredDocument

    return StoredDocument("d", ["d.txt"], title, "Example Screening Office", "2023-07-01", "", "screening-list", body)


def test_a_count_the_document_never_writes_is_another_documents():
    from agent.extractive import _count_elsewhere

    june = _stored("Crane List entries added effective June 20, 2023",
                   "Entity: Ostra Harbour Police Bureau\nAddresses: 1 Pier Rd., Ostra, BX\nStart date: 2023-06-20\n\n"
                   "Entity: Velmora Lifting Works\nAddresses: 3 Dock St., Velmora, BX\nStart date: 2023-06-20\n")
    assert _count_elsewhere("On what date did the office add the eleven entities to the Crane List?", june) \
        == "11 entities"
    # twins: the count written in words or digits, or held as the number of records
    assert _count_elsewhere("When were the eleven entities added?", _stored(
        "Addition of Certain Entities", "This final rule adds eleven entities to the Crane List.")) is None
    assert _count_elsewhere("When were the 11 entities added?", _stored(
        "Crane List entries for the eleven entities added in May", june.body)) is None
    assert _count_elsewhere("When were the two entities added?", june) is None
