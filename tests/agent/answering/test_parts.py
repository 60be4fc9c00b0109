"""Questions that ask two things (agent/answering/parts.py): where they split, how the
parts' answers are joined, and a two-part question answered end to end. The documents
and questions are invented for these tests."""
from __future__ import annotations

import re

import pytest

from agent.answering.parts import combine, split_parts
from agent.types import Answer, Citation


@pytest.mark.parametrize("question, parts", [
    ("Who announced the berth fees, and on what date do they take effect?",
     ["Who announced the berth fees?", "the berth fees: what date do they take effect?"]),
    ("How many vessels were detained and how many crew were released?",
     ["How many vessels were detained?", "How many vessels were detained: how many crew were released?"]),
    ("Which notices are cited in the Orvane Foods record, and what start date does it give?",
     ["Which notices are cited in the Orvane Foods record?", "the Orvane Foods record: what start date does it give?"]),
    ("Orvane Foods - when did it list and under which ticker?",
     ["Orvane Foods - when did it list?", "Orvane Foods: which ticker?"]),
    # The noun of the first part's predicate ("take *effect*") is what that part asks, not what the
    # second is about (fit: blind-s25 n045).
    ("When did the harbour levy take effect, and by what date were objections due?",
     ["When did the harbour levy take effect?", "the harbour levy: what date were objections due?"]),
    # The first part's date goes along whole (its noun chunk is "May" alone): the same event.
    # ... and a later part's subject pronoun stands for the first part's subject.
    ("How many vessels did the port detain on May 3, 2024, and how many did it release?",
     ["How many vessels did the port detain on May 3, 2024?", "the port, May 3, 2024: how many did the port release?"]),
    # Only a pronoun that agrees: "it" never stands for a person, "she" does.
    ("What earlier rule did Maria Okafor say the fees complement, and how many vessels did it cover?",
     ["What earlier rule did Maria Okafor say the fees complement?", "Maria Okafor, the fees: how many vessels did it cover?"]),
    ("When did Maria Okafor announce the fees, and what did she say about them?",
     ["When did Maria Okafor announce the fees?", "Maria Okafor, the fees: what did Maria Okafor say about them?"]),
    # "he"/"she" after a first part that asks *which* person did something stands for that person, as the
    # definite noun phrase (blind-s30 t053 left "he" unplaced); "it" stays, it may be the object's.
    ("Which harbour master announced the berth fees, and what did he say about the crews?",
     ["Which harbour master announced the berth fees?",
      "the berth fees: what did the harbour master say about the crews?"]),
    ("Which agency announced the berth fees, and when do they take effect?",
     ["Which agency announced the berth fees?", "the berth fees: when do they take effect?"]),
    # A later part about another thing of the first part's kind by its ordinal ("the second levy" after
    # "the first levy") asks of its own: the first part's phrases would take it back to the first one's
    # document (blind-s30 t046 answered the first rule's date twice).
    ("When was the first harbour levy announced according to the port notice, and when did the second "
     "harbour levy take effect?",
     ["When was the first harbour levy announced according to the port notice?",
      "when did the second harbour levy take effect?"]),
    # A first part that names nothing it is about shares what the last part is about.
    ("How many vessels were detained and how many crew released by the Aldmere harbour police?",
     ["the Aldmere harbour police: How many vessels were detained?",
      "how many crew released by the Aldmere harbour police?"]),
])
def test_a_second_wh_clause_is_a_second_part(question, parts):
    assert split_parts(question) == parts


@pytest.mark.parametrize("question", [
    "When and where will the company list its shares?",  # one ask about two facets
    # (Coordinated fields of one noun phrase are asked one by one now: test_coordinated_asks.py.)
    "Which importers and exporters were named in the notice?",  # coordinated parties, one clause
])
def test_one_ask_is_not_split(question):
    assert split_parts(question) == [question]


def _cite(n, doc, start, quote):
    return Citation(source=f"{doc}.txt", title=doc, quote=quote, start=start, end=start + len(quote), doc_id=doc, n=n)


def _compose(lead, citations, marks):
    from agent.extractive import _compose as compose

    return compose(lead, citations, marks)


def test_parts_are_joined_with_renumbered_markers_and_shared_quotes_once():
    shared = _cite(1, "a", 0, "The port authority announced the fees on March 3.")
    a1 = Answer(text="The port authority [1]\n\nEvidence:\n[1] ...", abstained=False, citations=[shared])
    a2 = Answer(text="May 1 [2]\n\nEvidence:\n...", abstained=False,
                citations=[_cite(1, "a", 0, shared.quote), _cite(2, "b", 10, "The fees take effect on May 1.")])
    ans = combine("q?", ["p1?", "p1: p2?"], [a1, a2], _compose)
    lines = ans.text.splitlines()
    assert lines[:2] == ["The port authority [1]", "May 1 [2]"]
    assert [c.n for c in ans.citations] == [1, 2] and ans.citations[1].doc_id == "b"
    assert not ans.abstained


def test_a_part_the_sources_do_not_answer_says_so_and_all_abstained_abstains():
    a1 = Answer(text="May 1 [1]", abstained=False, citations=[_cite(1, "b", 10, "The fees take effect on May 1.")])
    a2 = Answer(text="The sources don't say this.", abstained=True)
    ans = combine("q?", ["When do the fees apply?", "When do the fees apply: who set them?"], [a1, a2], _compose)
    assert ans.text.splitlines()[1] == "The sources don't say: “who set them”"
    both = combine("q?", ["x?", "x: y?"], [a2, a2], _compose)
    assert both.abstained and not both.citations


def test_a_part_left_unanswered_is_named_in_the_notice_not_called_an_abstention():
    # (a new-user trial: "note: abstained: P(answered by the evidence) = ..." under an answered part)
    a1 = Answer(text="May 1 [1]", abstained=False, citations=[_cite(1, "b", 10, "The fees take effect on May 1.")])
    a2 = Answer(text="The sources don't say this.", abstained=True, notice="abstained: no figure in the evidence")
    ans = combine("q?", ["When do the fees apply?", "When do the fees apply: who set them?"], [a1, a2], _compose)
    assert ans.notice == "not answered: “who set them” - no figure in the evidence"
    both = combine("q?", ["x?", "x: y?"], [a2, a2], _compose)
    assert both.notice.startswith("abstained: ")  # the whole answer abstained: said so


NOTICE = """title: Harbour authority sets berth fees
date: 2022-04-11
---
The Aldmere Port Authority announced the new berth fees on March 3, 2022.

The fees take effect on May 1, 2022, the authority said.

The authority expects the fees to bring in about $18 million a year.
"""


@pytest.mark.integration
def test_a_two_part_question_is_answered_part_by_part(tiny_index):
    from agent.api import ask

    store, settings = tiny_index("parts_index", {"notice.txt": NOTICE})
    a = ask("How much does the Aldmere Port Authority expect the berth fees to bring in, and when do they take effect?",
            index=settings.index, settings=settings)
    lead = a.text.split("\n\n")[0]
    assert not a.abstained and "about $18 million" in lead and "May 1, 2022" in lead, a.text
    for n in map(int, re.findall(r"\[(\d+)\]", lead)):  # every marker points to a quote holding its words
        assert any(c.n == n for c in a.citations)


def test_a_verbless_first_part_takes_the_last_parts_predicate():
    # (stop 27, new-user trial) "how many X and how many Y did Z target?": both are asked of "did Z target".
    parts = split_parts("Per the wire, how many harbour bureaus and how many companies did the May 2023 ban target?")
    assert parts[0] == "Per the wire, how many harbour bureaus did the May 2023 ban target?"
    assert parts[1].endswith("how many companies did the May 2023 ban target?")


def test_a_first_part_with_its_own_verb_keeps_it():
    # Twin: "How many entities did BIS add, and how many entries did it revise?" asks two predicates.
    parts = split_parts("How many firms did the Board add, and how many entries did it revise?")
    assert parts[0] == "How many firms did the Board add?"
