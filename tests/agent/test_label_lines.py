"""Issue 8: a header line asked for by its label (blind-s29 s073, a fit set since session 30). "What
date does the compliance guide for HAC 2023-02 give under DATES?" is answered with the value of the
guide's "DATES:" line; a capitalised word that labels no line ("HAC") is no label; a label the guide
does not write is not read off another line. A guide written for these tests (a made-up council)."""
from __future__ import annotations

from tiny_ask import ask

GUIDE = """title: Harbour Acquisition Regulation; Harbour Acquisition Circular 2023-02; Small Entity Compliance Guide
publisher: Example Harbour Acquisition Council
date: 2023-03-03
---
AGENCY: Example Harbour Acquisition Council.

ACTION: Small Entity Compliance Guide.

SUMMARY: This guide summarises the rule appearing in Harbour Acquisition Circular (HAC) 2023-02, which amends the Harbour Acquisition Regulation.

DATES: March 3, 2023.
"""
STORY = """title: Council issues harbour acquisition guide
publisher: Example Wire
date: 2023-03-04
---
The council issued its compliance guide on Friday; the rule it summarises took effect on April 1, 2023.
"""


def _index(tiny_index):
    _, settings = tiny_index("label-lines", {"guide.txt": GUIDE, "story.txt": STORY})
    return settings


def test_the_labelled_line_answers(tiny_index):
    index = _index(tiny_index)
    a = ask("What date does the Small Entity Compliance Guide for HAC 2023-02 give under DATES?", index)
    assert not a.abstained, a.text
    assert a.text.startswith("March 3, 2023."), a.text
    assert a.citations[0].quote.startswith("DATES:"), a.text
    # the twin: the ACTION line, asked by its label
    a = ask("What does the ACTION line of the HAC 2023-02 compliance guide say?", index)
    assert a.text.startswith("Small Entity Compliance Guide."), a.text
