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
