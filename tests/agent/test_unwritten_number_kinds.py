"""Issue 8, kind 3: a kind of number no source writes ("What *fax* number does the authority give?"
when the sources write only a "Phone:" line) is not answered by the number they do give (blind-s30
t062 led with the contact line; agent/extractive.py ``_number_kind_unwritten``). Twins: a synonym of a
written kind ("telephone" for "Phone") is that kind. Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

RULE = """title: Harbour Crane Procurement: interim rule (91 FR 22018)
publisher: Example Port Authority
date: 2031-05-20
---
Harbour Crane Procurement: interim rule

SUMMARY: The Port Authority issues this interim rule to bar contracts for listed harbour cranes.

FOR FURTHER INFORMATION CONTACT: Chair, Crane Review Board, Office of Procurement, Example Port Authority, Phone: (555) 010-2233, Email: board@example.gov.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("unwritten-number-kinds", {"rule.txt": RULE})
    return settings


@pytest.mark.integration
def test_a_kind_of_number_no_source_writes_is_not_answered(index):
    a = ask("What fax number does the Port Authority give for the Crane Review Board?", index=index)
    assert a.abstained and "fax number" in a.notice, a.text


@pytest.mark.integration
@pytest.mark.parametrize("question", [
    "What telephone number does the Port Authority give for the Crane Review Board?",
    "What phone number does the Port Authority give for the Crane Review Board?",
])
def test_a_written_kind_or_its_synonym_is_answered(index, question):
    a = ask(question, index=index)
    assert not a.abstained and a.text.startswith("(555) 010-2233"), a.text


def test_noun_synonym_lemmas():
    from agent.lexical import noun_synonym_lemmas

    assert "phone" in noun_synonym_lemmas("telephone")
    assert "facsimile" in noun_synonym_lemmas("fax") and "phone" not in noun_synonym_lemmas("fax")
