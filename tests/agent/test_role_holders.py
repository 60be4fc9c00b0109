"""Issue 8: "who is the <role>" asks for a person's name. Over two small documents written for the
test: the sources that name only the role give no answer; the ones that name the person do
(agent/extractive.py, _asks_role_holder, _persons_named)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

RULE = """title: Harbour watch list rule
publisher: Aldmere Port Authority
date: 2022-03-03
---
SUMMARY: This rule adds five shipping companies to the Aldmere watch list.
FOR FURTHER INFORMATION CONTACT: Chair, Harbour Review Board, Aldmere Port Authority, Email: [email protected].
The Harbour Review Board decides on additions to the watch list by majority vote.
"""

NEWS = """title: Port board names a new treasurer
publisher: Example Wire
date: 2022-03-05
---
The Aldmere Port Authority said its finance committee chose a new treasurer on Friday.
The treasurer of the finance committee, Maria Okafor, said the watch list would not change the port's budget.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("role_holders", {"rule.txt": RULE, "news.txt": NEWS})
    return settings


def test_a_role_the_sources_name_no_one_for_is_no_answer(index):
    a = ask("Who is the chair of the Harbour Review Board?", index)
    assert a.abstained and "Email" not in a.text


def test_an_office_asked_by_its_noun_is_no_answer_when_no_one_is_named(index):
    a = ask("Which board official decides on additions to the watch list?", index)
    assert a.abstained


def test_an_office_asked_by_its_noun_is_answered_when_the_holder_is_named(index):
    a = ask("Name the treasurer the finance committee chose.", index)
    assert not a.abstained and any("Maria Okafor" in c.quote for c in a.citations)


def test_a_role_the_sources_name_a_person_for_is_answered(index):
    a = ask("Who is the treasurer of the finance committee?", index)
    assert not a.abstained and any("Maria Okafor" in c.quote for c in a.citations)


@pytest.mark.parametrize("question, role", [
    ("Who is the current chair of the End-User Review Committee?", True),
    ("Who is the Director who signed the policy flash?", True),
    ("Who is John Honovich?", False),  # a named person, no role
    ("Who announced the visa restrictions?", False),  # no copula: an agency may answer
    ("Which BIS official signed the July 2020 rule?", True),  # an office, asked by its noun
    ("Name the former US ambassador the company hired.", True),
    ("Which supplier depends most on Huawei?", False),  # a role firms fill (WordNet: a businessperson)
    ("Which date did the rule take effect?", False),  # "date" is a person only in a minor sense
    ("Which officials were named?", False),  # plural: a list, answered by the list rules
])
def test_who_holds_a_role(question, role):
    from agent.analysis import AnswerKind, Question
    from agent.extractive import _asks_role_holder

    q = Question(text=question, kind=AnswerKind.OTHER, terms=[])
    assert _asks_role_holder(q) is role


@pytest.mark.parametrize("noun, office", [
    ("official", True), ("ambassador", True), ("secretary", True), ("commissioner", True),
    ("supplier", False), ("customer", False), ("contractor", False), ("agency", False), ("date", False),
])
def test_office_holders_by_wordnet(noun, office):
    from agent.lexical import holds_office

    assert holds_office(noun) is office


def test_names_that_are_no_persons_are_left_out():
    from agent.extractive import _persons_named

    assert _persons_named("Chair, Review Board, Email: [email protected]; see Pub. L. 115-232.") == []
    assert _persons_named("The treasurer, Maria Okafor, said the budget would not change.") == ["Maria Okafor"]
