"""Issue 8: questions that open with a telling sentence or clause before the question proper
("Reuters calls Megvii ...; what address does its entry give?"). The lead-in is context - it may
hold what a pronoun of the question stands for - but it is not asked (agent/answering/leadin.py,
hooked at the start of agent/extractive.py ``answer_extractive``). Over documents written for these
tests (made-up parties and values), not the shared corpus."""
from __future__ import annotations

import pytest

from tiny_ask import ask

ENTRIES = """title: Entity List entries for the Korvel and Ostra firms, as carried in a screening list
publisher: Example Screening Office
date: 2023-05-02
---
Entity: Varlen Optics Group LLC
Alternate names: Varlen Photonics LLC
Addresses: 12 Tessin Ave., Korvel, 330210, BX
Federal Register notice(s): 88 FR 61002, 86 FR 12001
Start date: 2021-03-04
License review policy: Presumption of denial

Entity: Dravik Marine Institute
Addresses: 4 Quay Rd., Ostra, BX
Federal Register notice(s): 87 FR 40550
Start date: 2022-07-01
License review policy: Case-by-case review

Entity: Tolmar Acoustics Co.
Addresses: 3 Reed St., Ostra, BX
Federal Register notice(s): 87 FR 40551
Start date: 2022-07-01
License review policy: Presumption of denial
"""

NEWS = """title: Korvel exporters react to the listings
publisher: Example Wire
date: 2023-05-03
---
Peskov Rail Company, a Korvel freight firm, said it was not on the list and would keep trading.
The trade minister called the Varlen listing the harshest measure of the year.
The Wire described Varlen as a photonics-sector leader whose lenses go into border cameras.
The minister announced Tolmar's placement on the list at a press conference in Ostra on Monday.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("leadin", {"entries.txt": ENTRIES, "news.txt": NEWS})
    return settings


def head(answer) -> str:
    return answer.text.split("Evidence:")[0]


def _cites(answer, line: str) -> bool:
    return any(c.quote.startswith(line) for c in answer.citations)


@pytest.mark.parametrize("question, lead, proper", [
    ("The Wire calls Varlen a photonics leader that was listed; what address does its entry give?",
     "The Wire calls Varlen a photonics leader that was listed", "what address does its entry give?"),
    ("The minister announced the Ostra listings. What start date does the entry for Tolmar Acoustics Co. show?",
     "The minister announced the Ostra listings", "What start date does the entry for Tolmar Acoustics Co. show?"),
])
def test_a_telling_sentence_before_the_question_is_its_lead_in(lead, proper, question):
    from agent.answering.leadin import split_lead_in

    assert split_lead_in(question) == (lead, proper)


@pytest.mark.parametrize("question", [
    "What start date does the U.S. Department list for Tolmar Acoustics Co.?",  # an abbreviation, no sentence
    "What did the minister say? Was Tolmar listed?",  # two questions: nothing tells
    "Tolmar Acoustics Co.: which notice is cited?",  # a name, no clause
    "For a client note, what date did the ministry list Varlen?",  # a fronted phrase
    "Tolmar Acoustics Co. was listed in 2022.",  # tells only
])
def test_no_lead_in_without_a_telling_clause_before_an_asking_one(question):
    from agent.answering.leadin import question_proper, split_lead_in

    assert split_lead_in(question) is None
    assert question_proper(question) == question


def test_the_question_proper_keeps_the_lead_ins_names_for_its_pronoun():
    """'its' stands for the party the lead-in names, not for its teller (the subject of 'calls'); a
    description of a named party (an apposition, a predicative) adds no name; a question proper that names its own party drops the lead-in; a
    verbless one ('how many?') asks about the lead-in's own predicate and stays whole."""
    from agent.answering.leadin import question_proper

    assert question_proper("The Wire calls Varlen a photonics leader that was listed; what address does its "
                           "entry give?") == "Varlen: what address does its entry give?"
    assert question_proper("The minister announced the Ostra listings. What start date does the entry for "
                           "Tolmar Acoustics Co. show?") == "What start date does the entry for Tolmar Acoustics Co. show?"
    whole = "The ministry says it restricted exports to a number of Ostra firms; how many?"
    assert question_proper(whole) == whole
    # A description of a party the lead-in does not name is how it names it: it stays.
    assert "a marine research institute" in question_proper(
        "The Wire calls one of the 2022 targets a marine research institute. What address does its entry give?")


@pytest.mark.parametrize("question, value, line", [
    ("The Wire calls Varlen a photonics-sector leader that was blacklisted; what address does its entry give?",
     "12 Tessin Ave., Korvel", "Addresses: 12 Tessin Ave."),
    ("The Wire reports that Dravik Marine Institute was listed. What license review policy does its entry give?",
     "Case-by-case review", "License review policy: Case-by-case review"),
])
def test_a_pronoun_of_the_question_proper_finds_the_party_of_the_lead_in(index, question, value, line):
    """Read whole, the lead-in's teller ("The Wire") was taken for the party no entry names, and the
    question abstained."""
    a = ask(question, index=index)
    assert not a.abstained
    assert head(a).startswith(value)
    assert _cites(a, line)


def test_the_lead_in_is_not_asked_when_the_question_names_its_party(index):
    a = ask("The minister announced Tolmar's placement on the list. What start date and license review policy does "
            "the entry for Tolmar Acoustics Co. show?", index=index)
    h = head(a)
    assert "2022-07-01" in h and "Presumption of denial" in h and "Case-by-case" not in h
    assert _cites(a, "Start date: 2022-07-01") and _cites(a, "License review policy: Presumption of denial")


@pytest.mark.parametrize("question", [
    # The lead-in's party is in no record: no other entry's address.
    "The Wire calls Peskov Rail Company a freight firm; what address does its entry give?",
    # The lead-in's party has a record, which lacks the asked field: no other line stands in.
    "The Wire reports that Dravik Marine Institute was listed. What alternate names does its entry give?",
])
def test_near_misses_behind_a_lead_in_still_abstain(index, question):
    a = ask(question, index=index)
    assert a.abstained
    h = head(a)
    assert "Tessin" not in h and "Quay" not in h and "Reed" not in h


# Issue 8 (blind-s32 v010, blind-s27 q007, blind-s31 u011; fit sets): "Hikvision is one of the firms named
# in the Sec. 889 clause. When did its Entity List entry start?" - the singular pronoun stands for the
# lead-in's named subject alone, not for every name the lead-in gives ("the firms", "the clause"), and
# the evidence is retrieved by that name and the question proper: with the lead-in's words the clause's
# text filled the passages and the question abstained.
CLAUSE = """title: Harbour Acquisition Clause 12.3 Prohibition on Contracting for Certain Cameras
publisher: Example Acquisition Council
date: 2022-02-01
---
12.3 Prohibition on Contracting for Certain Cameras.
(a) Definitions. Covered cameras means cameras produced by Varlen Optics Group LLC or Tolmar Acoustics Co. (or any subsidiary of such firms).
(b) Prohibition. The Contractor shall not deliver covered cameras named in this clause to the Harbour Board.
(c) Exceptions. This clause does not prohibit the Contractor from providing a service that connects to the facilities of a third party named in this clause.
(d) Reporting. The Contractor shall report any covered cameras named in this clause within one business day.
"""


@pytest.fixture(scope="module")
def with_clause(tiny_index):
    _, settings = tiny_index("leadin-clause", {"entries.txt": ENTRIES, "news.txt": NEWS, "clause.txt": CLAUSE})
    return settings


@pytest.mark.parametrize("question, value", [
    ("Varlen Optics Group LLC is one of the firms named in the Harbour clause. When did its Entity List entry start?",
     "2021-03-04"),
    ("Tolmar Acoustics Co. is named in the Harbour clause 12.3. What license review policy does its entry give, "
     "and what address does that entry show?", "Presumption of denial"),
])
def test_a_singular_pronoun_stands_for_the_lead_ins_named_subject(with_clause, question, value):
    a = ask(question, index=with_clause)
    assert not a.abstained, a.text
    assert head(a).startswith(value), a.text


def test_the_referent_is_the_named_subject_alone():
    from agent.answering.leadin import question_proper, resolves_referent

    q = "Varlen Optics Group LLC is one of the firms named in the Harbour clause. When did its entry start?"
    assert question_proper(q) == "Varlen Optics Group LLC: When did its entry start?" and resolves_referent(q)
    # a teller is no referent; a plural pronoun has no one referent; a question naming its party has none
    assert not resolves_referent("The Wire calls Varlen a photonics leader; what address does its entry give?")
    assert not resolves_referent("Varlen and Tolmar are named in the clause. When did their entries start?")
    assert not resolves_referent("Varlen is named in the clause. When did Tolmar's entry start?")


def test_the_later_parts_pronoun_stands_for_the_same_name(with_clause):
    """(blind-s31 u011) 'X is named in the clause. What name does the clause use for it, and what start
    date does its entry show?': the later part is asked of the name the first part's pronoun stands for,
    not of every noun phrase of the first part ('the clause', 'the section')."""
    from agent.answering.parts import split_parts

    q = ("Varlen Optics Group LLC is named in the Harbour clause and on the Entity List. Which cameras does the "
         "clause name for it, and what start date does its entry show?")
    assert split_parts(q)[1] == "Varlen Optics Group LLC: what start date does its entry show?"
    a = ask(q, index=with_clause)
    assert "2021-03-04" in head(a), a.text
