"""agent/answering/nlp.py: how quotation marks are read for parsing (issue 8, blind-s31 u051)."""
from __future__ import annotations

import pytest

from agent.answering.nlp import for_parsing, parse


@pytest.mark.parametrize("text, expected", [
    ("the 'covered widgets or services' definition", "the \u201ccovered widgets or services\u201d definition"),
    ('the "Crane List" rule', "the \u201cCrane List\u201d rule"),
    ("the \u2018Crane List\u2019 rule", "the \u201cCrane List\u201d rule"),
    ("'Crane List' additions?", "\u201cCrane List\u201d additions?"),
    # Twins: apostrophes are no quotation marks.
    ("the companies' suppliers and Alder's cranes", "the companies' suppliers and Alder's cranes"),
    ("the firms' 'lists'", "the firms' \u201clists\u201d"),
    ("an opening 'without a close", "an opening 'without a close"),
    ("mixed 'marks\u201d here", "mixed 'marks\u201d here"),
])
def test_quotation_marks_are_written_as_curly_double_quotes(text, expected):
    out = for_parsing(text)
    assert out == expected
    assert len(out) == len(text)  # offsets stay those of the text


def test_a_quoted_phrase_is_not_read_as_an_owner():
    # "services' definition" read as a possessive made the quoted term the definition's owner.
    doc = parse("Which makers are named in the 'covered widgets or services' definition?", disable=["ner"])
    services = next(t for t in doc if t.text == "services")
    assert services.dep_ != "poss"
    assert doc.text == "Which makers are named in the \u201ccovered widgets or services\u201d definition?"
