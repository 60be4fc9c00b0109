"""Issue 8: a yes/no question is about its subject - "Is NNSA covered by the rule?" - so among the quotes
picked, the one naming the subject leads, not a sentence about the rule alone that the question's other
words made score higher (fit: blind-s25 n013). Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

MEMO = """title: HB 2023-07 Harbour Code Section 12 Interim Rule (Harbour Board policy memo)
publisher: Example Harbour Board (HBA)
date: 2023-05-10
---
HB 2023-07 Harbour Code Section 12 Interim Rule

An interim rule amending the Harbour Code to implement section 12 of the Ports Safety Act was issued on May 2, 2023 with immediate effect.

Because this rule stems from a matter of port safety, it applies to both HBA and PILA.

The rule requires berth masters to log every pilot transfer in the harbour register.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("polar-subjects", {"memo.txt": MEMO})
    return settings


@pytest.mark.parametrize("question", [
    "Is PILA covered by the section 12 interim rule according to the HBA policy memo?",
    "Is PILA subject to the Harbour Code section 12 interim rule issued in May 2023?",
])
def test_the_sentence_naming_the_subject_leads_a_yes_no_answer(index, question):
    a = ask(question, index=index)
    assert not a.abstained, a.text
    assert a.citations[0].quote.endswith("it applies to both HBA and PILA."), a.text


def test_a_subject_the_best_sentence_names_keeps_it_first(index):
    # Twin: the subject is the rule itself, which the best sentence names: it stays first.
    a = ask("Was the Harbour Code section 12 interim rule issued with immediate effect?", index=index)
    assert a.citations[0].quote.startswith("An interim rule amending the Harbour Code"), a.text


RULE = """title: Harbour Code 7.12 Prohibition
publisher: Example Harbour Board
date: 2023-06-01
---
7.12 Prohibition.

(a) Prohibited craft. Berth masters are prohibited from admitting any vessel that uses unlicensed pilot equipment.

(b) Exceptions. This section does not prohibit berth masters from admitting-

(1) A vessel that only passes through the outer anchorage, such as a tender or a ferry; or

(2) A vessel under tow by a licensed tug.
"""


@pytest.fixture(scope="module")
def rule_index(tiny_index):
    _, settings = tiny_index("polar-lead-ins", {"rule.txt": RULE})
    return settings


def test_an_item_is_quoted_after_the_sentence_it_completes(rule_index):
    # "(1) A vessel that only passes through ..." completes "This section does not prohibit ...-": alone it
    # reads as what is prohibited (fit: blind-s25 n066).
    a = ask("Does Harbour Code 7.12 stop berth masters from admitting a vessel that only passes through the "
            "outer anchorage, like a ferry?", index=rule_index)
    assert a.citations[0].quote.endswith("This section does not prohibit berth masters from admitting-"), a.text
    assert a.citations[1].quote.startswith("(1) A vessel that only passes through"), a.text


def test_a_paragraph_of_its_own_has_no_lead_in(rule_index):
    # Twin: paragraph (a) is a whole sentence; nothing is quoted before it.
    a = ask("Are berth masters prohibited from admitting a vessel that uses unlicensed pilot equipment?",
            index=rule_index)
    assert a.citations[0].quote.startswith("Berth masters are prohibited from admitting any vessel"), a.text


def test_an_item_of_a_definition_is_quoted_alone(tiny_index):
    # Twin: "... means-" does not turn its items round; the item answers alone (fit: blind-s24 m005).
    _, settings = tiny_index("definition-items", {"rule.txt": RULE.replace(
        "(b) Exceptions. This section does not prohibit berth masters from admitting-",
        "(b) Exempt vessel means-")})
    a = ask("Is a vessel that only passes through the outer anchorage an exempt vessel under Harbour Code 7.12?",
            index=settings)
    assert a.citations[0].quote.startswith("(1) A vessel that only passes through"), a.text


@pytest.mark.parametrize("question, item", [
    # (session 37, fit: blind-s35 y008) the lead-in and the item that completes it are the direct answer
    # together, whichever ranked first: the lead-in alone leaves what it excepts among the evidence
    ("Does Harbour Code 7.12 stop berth masters from admitting a vessel under tow by a licensed tug?",
     "(2) A vessel under tow by a licensed tug."),
    ("Does Harbour Code 7.12 stop berth masters from admitting a vessel that only passes through the outer "
     "anchorage, like a ferry?", "(1) A vessel that only passes through"),
])
def test_the_lead_in_and_the_item_it_completes_answer_together(rule_index, question, item):
    a = ask(question, index=rule_index)
    direct = a.text.split("\n\nEvidence")[0]
    assert "This section does not prohibit berth masters from admitting-" in direct, a.text
    assert item in direct, a.text
