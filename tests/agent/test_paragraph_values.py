"""Issue 8: a date or figure stated of one paragraph of a section is not the value of another
("Section 12(b)(1)(A) ... on or after March 1, 2024" does not date "12(b)(1)(B)"; fit: blind-s24
m007). A parent paragraph speaks of all its children. Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

ACT = """title: Harbour Security Act guidance (port authority circular)
publisher: Example Port Authority
date: 2024-02-01
---
Section 12(b)(1)(A) of the Harbour Security Act prohibits the port authority, on or after March 1, 2024, from buying cranes made by a listed maker.
Section 12(b)(1)(B) of the Act also prohibits the authority from contracting with operators that use such cranes.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("paragraph-values", {"act.txt": ACT})
    return settings


def test_another_paragraphs_date_is_not_the_answer(index):
    a = ask("When does the section 12(b)(1)(B) prohibition on contracting with operators take effect?", index=index)
    assert a.abstained, a.text


def test_the_asked_paragraphs_date_is(index):
    # Twin: the date is stated of the asked paragraph.
    a = ask("When does the section 12(b)(1)(A) prohibition on buying cranes take effect?", index=index)
    assert a.text.startswith("March 1, 2024"), a.text


@pytest.mark.parametrize("question, sentence, other", [
    ("section 889(a)(1)(B)", "Section 889(a)(1)(A) prohibits ...", "889(a)(1)(a)"),
    ("section 889(a)(1)(B)", "Section 889(a)(1) prohibits ...", None),          # the parent holds it
    ("section 889(a)", "Section 889(a)(1)(A) prohibits ...", None),             # a child of the asked
    ("section 889(a)(1)(B)", "Section 889(a)(1)(A) and (B) ...", None),         # "(B)" after "and"
    ("section 889(a)(1)(B)", "Section 12(b) prohibits ...", None),              # another section
    ("15 CFR 744.11(b)", "under 744.11(b) of the EAR", None),
])
def test_other_paragraph(question, sentence, other):
    from agent.extractive import _other_paragraph

    assert _other_paragraph(question, sentence) == other
