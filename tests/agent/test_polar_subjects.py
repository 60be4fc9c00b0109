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
