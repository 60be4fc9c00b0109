"""Issue 8: where a saying is reported (fit: blind-s24 m050, stop 28). "What did X say ..., *per the
Example Wire report on the Ostra listings*?" names the quote's document by its publisher; the phrase's
other words (the analyst's own name for the story's topic) need not be in the sentence - nor in the
story. The question's other names still must be where X speaks. A document speaks of what it
names: "What did the Harbour Board statement say about Belmar Optics?" is not answered by a
statement that never names Belmar (a new-user trial: its credit line "Source: ..." had led).
Documents written for these tests."""
from __future__ import annotations

import pytest

from test_asked_kinds import STORY  # the news story those tests wrote (Example Wire)
from tiny_ask import ask

PRESS = """title: Harbour Board Imposes Berth Restrictions on Unlicensed Crane Operators (press statement)
publisher: Example Harbour Board
date: 2023-09-14
---
Harbour Board Imposes Berth Restrictions on Unlicensed Crane Operators

PRESS STATEMENT

SEPTEMBER 14, 2023

Unlicensed crane operators have ignored the Board's safety rules for years. Today, I am announcing berth restrictions on crane operators who are believed to be responsible for unsafe lifting in the outer harbour.

Source: Harbour Board
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("speaker-sources", {"story.txt": STORY, "press.txt": PRESS})
    return settings


def test_the_reporting_source_names_the_document_not_the_sentence(index):
    a = ask("What did Wilma Rosse say the Board would not tolerate, per the Example Wire report on the "
            "Tessaly harbour listings?", index)
    assert not a.abstained
    assert "will not tolerate unsafe lifting" in a.text.split("\n\n")[0]


def test_a_name_of_what_was_said_must_be_where_the_speaker_speaks(index):
    # the twin: "Dunmore Imaging" is no source; the story names it, but not where Rosse speaks
    a = ask("What did Wilma Rosse say about Dunmore Imaging?", index)
    assert a.abstained


def test_a_statement_that_never_names_the_topic_does_not_answer(index):
    a = ask("What did the Harbour Board statement say about Belmar Optics?", index)
    assert a.abstained


def test_a_statement_answers_about_what_it_names(index):
    # the twin: the statement names them; it is not refused (which quote leads is another matter)
    a = ask("What did the Harbour Board statement say about unlicensed crane operators?", index)
    assert not a.abstained
