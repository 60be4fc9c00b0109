"""Issue 8: a kind described, not named (blind-s28 r069). "What persons does the Crane List identify?"
is answered by the sentence that writes the asked verb with the asked noun and what restricts it
("The Crane List (annex 4 to part 12) identifies *persons reasonably believed to be involved* ..."),
though it names no one; a "which lawmakers" question whose evidence only speaks of lawmakers as a
kind still abstains. Documents written for these tests (made-up)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

RULE = """title: 12 CFR 12.16 Crane List
publisher: Example Harbour Office
---
§ 12.16 Crane List.

The Crane List (annex 4 to part 12) identifies persons reasonably believed to be involved, or to pose a significant risk of becoming involved, in activities contrary to the safety interests of the harbour. The persons are added to the Crane List pursuant to part 12 of the Harbour Rules.
"""
STORY = """title: Harbour Board Widens Crane Ban
publisher: Example Wire
date: 2022-10-08
---
A group of harbour lawmakers urged the board last year to act against crane makers that ignore the safety rules.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("kind-descriptions", {"rule.txt": RULE, "story.txt": STORY})
    return settings


@pytest.mark.parametrize("question", ["What persons does the Crane List identify?",
                                      "Per § 12.16, what persons does the Crane List identify?"])
def test_the_described_kind_answers(index, question):
    a = ask(question, index)
    assert not a.abstained, a.text
    assert "reasonably believed to be involved" in a.text.split("\n\nEvidence")[0], a.text


def test_a_kind_spoken_of_is_no_name(index):
    # the twin: the sentence speaks of lawmakers without naming or describing which
    a = ask("Which lawmakers urged the board to act against crane makers?", index)
    assert a.abstained, a.text
