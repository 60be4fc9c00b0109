"""Issue 8: questions whose parts are answered by two documents (fit: blind-s27, session 28). A noun
asked "of A and of B" (the same preposition repeated) asks for the noun of each: the question is
asked once per modifier, so each part's lead comes from the document it names. A verb's repeated
preposition ("named in A and in B": in both), a modifier after "both", one preposition over two
objects and a list of three keep the question whole. Documents written for these tests (made-up
parties and numbers).

A later part whose pronoun ("they", "them") stands for what the first part's plural wh-phrase asks
("How many firms did the rule add, and under which flag are *they* listed?") is asked of that noun
("the firms"), not of a pronoun the part alone cannot place; a plural subject of the first part's
own keeps the pronoun ambiguous and unchanged. Two parts one quote answers whole lead with it once."""
from __future__ import annotations

import re

import pytest

from agent.answering.parts import split_parts

from tiny_ask import ask

CRANE_RULE = """title: Addition of Certain Firms to the Crane List
publisher: Example Harbour Board
date: 2023-03-14
---
[Docket No. 230301-0051]

SUMMARY: This final rule adds nine firms to the Crane List.

DATES: This rule is effective March 14, 2023.

These nine firms will be listed on the Crane List under the flag of Belmaria.

The nine firms have been determined by the Board to be acting contrary to port safety.
"""

BERTH_RULE = """title: Addition of Certain Operators to the Berth List; Revision of Existing Entries
publisher: Example Harbour Board
date: 2023-08-02
---
[Docket No. 230725-0188]

SUMMARY: This final rule adds six operators to the Berth List.

DATES: This rule is effective August 2, 2023.

This rule also revises twelve existing entries on the Berth List under the flag of Ostrania.
"""

STORY = """title: Harbour Board lists crane firms and berth operators
publisher: Example Wire
date: 2023-08-03
---
Harbour Board lists crane firms and berth operators

The Harbour Board has now put nine crane firms and six berth operators on its lists this year, a spokesman said on Thursday.

The spokesman said the board receives most of its 40 million crowns (5 million euros) in fee income from abroad.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("two-documents", {"crane.txt": CRANE_RULE, "berth.txt": BERTH_RULE,
                                               "story.txt": STORY})
    return settings


def _lead(a) -> str:
    return a.text.split("\n\n")[0]


def _quotes_marked(a, value: str) -> list[str]:
    """The quotes the lead's markers on the line holding ``value`` stand for."""
    line = next(line for line in _lead(a).splitlines() if value in line)
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", line)}
    return [c.quote for c in a.citations if c.n in marks]


# ------------------------------------------------------------- the noun of A and of B
def test_split_repeated_preposition_of_a_noun():
    parts = split_parts("Give the docket numbers of the March 2023 Crane List rule and of the August 2023 Berth "
                        "List rule.")
    assert parts == ["Give the docket numbers of the March 2023 Crane List rule.",
                     "Give the docket numbers of the August 2023 Berth List rule."]
    assert split_parts("What are the effective dates of the crane rule and of the berth rule?") == [
        "What are the effective dates of the crane rule?", "What are the effective dates of the berth rule?"]


@pytest.mark.parametrize("question, parts", [
    # A verb's repeated preposition is distributed when the question says so ("respectively") or asks a
    # count or a time: one count per rule (blind-s30 t029 answered the July rule's count alone).
    ("How many entities did the authority add in its March 2023 rule and in its August 2023 rule, respectively?",
     ["How many entities did the authority add in its March 2023 rule?",
      "How many entities did the authority add in its August 2023 rule?"]),
    ("How many cranes were listed in the crane rule and in the berth rule?",
     ["How many cranes were listed in the crane rule?", "How many cranes were listed in the berth rule?"]),
])
def test_split_repeated_preposition_of_a_verb_asked_each(question, parts):
    assert split_parts(question) == parts


@pytest.mark.parametrize("question", [
    # A verb's repeated preposition: the firms named in both, one question.
    "Which firms were named in the crane rule and in the berth rule?",
    # "both": the members of the two together.
    "Who are the members of both the harbour board and of the port council?",
    # One preposition over two objects: may name one thing ("the rules of A and B").
    "What are the docket numbers of the crane rule and the berth rule?",
    # A list of three: another kind.
    "What is the docket number of the crane rule, of the berth rule and of the pilot rule?",
    # "or" asks for one of them.
    "What is the docket number of the crane rule or of the berth rule?",
])
def test_no_split_without_a_noun_asked_of_each(question):
    assert split_parts(question) == [question]


def test_docket_numbers_of_two_rules_each_from_its_own_rule(index):
    a = ask("Give the docket numbers of the March 2023 Crane List rule and of the August 2023 Berth List rule.",
            index)
    assert not a.abstained
    lead = _lead(a)
    assert "230301-0051" in lead and "230725-0188" in lead
    # Each number is marked by a quote that holds it, from its own rule.
    assert all("230301-0051" in q for q in _quotes_marked(a, "230301-0051"))
    assert all("230725-0188" in q for q in _quotes_marked(a, "230725-0188"))
    assert lead.index("230301-0051") < lead.index("230725-0188")


def test_docket_number_of_one_rule_unchanged(index):
    a = ask("Give the docket number of the August 2023 Berth List rule.", index)
    assert not a.abstained
    lead = _lead(a)
    assert "230725-0188" in lead and "230301-0051" not in lead


# ------------------------------------------------------------- "they" = what the first part asks
def test_later_pronoun_stands_for_the_asked_noun():
    parts = split_parts("How many firms did the March 2023 Crane List rule add, and under which flag are they listed?")
    assert len(parts) == 2 and parts[1].endswith("which flag are the firms listed?")
    parts = split_parts("What waivers does the harbour code describe and who may grant them?")
    assert parts[1].endswith("who may grant the waivers?")


@pytest.mark.parametrize("question,kept", [
    # The first part's own plural subject may be what "they" stands for.
    ("How many entries did the rules revise, and when did they take effect?", "when did the rules take effect?"),
    # No plural noun asked: nothing to stand for.
    ("What is the deadline for comments on the berth rule, and to which office should they go?", "they go?"),
])
def test_later_pronoun_without_an_asked_referent_kept(question, kept):
    parts = split_parts(question)
    assert len(parts) == 2 and parts[1].endswith(kept)


def test_flag_of_the_firms_the_named_rule_added(index):
    a = ask("How many firms did the March 2023 Crane List rule add, and under which flag are they listed?", index)
    assert not a.abstained
    lead = _lead(a)
    assert "nine" in lead and "Belmaria" in lead and "Ostrania" not in lead
    assert all("Belmaria" in q for q in _quotes_marked(a, "Belmaria"))


def test_flag_asked_alone_unchanged(index):
    a = ask("Under which flag are the firms of the March 2023 Crane List rule listed?", index)
    assert not a.abstained
    assert "Belmaria" in _lead(a)


# ------------------------------------------------------------- one quote for two parts
def test_two_parts_one_quote_answers_lead_once(index):
    question = "The board earns most of its fees abroad - what is its total fee income in crowns and in euros?"
    assert len(split_parts(question)) == 2
    a = ask(question, index)
    assert not a.abstained
    lines = [line for line in _lead(a).splitlines() if line.strip()]
    assert len(lines) == len(set(lines)) == 1
    assert "million" in lines[0]
