"""Issue 8: a line that opens with a label ("Comment date: Interested parties should submit ...
on or before April 30, 2022 ...") names its one value, however far the value stands from the
label; a line labelled with something else ("Effective Date: ...") does not answer a question
whose asking clause asks for other words. Over a document written for the test
(agent/extractive.py: _line_label, _lexically_tied, _window_cosine)."""
from __future__ import annotations

import pytest

RULE = """title: Harbour Security Regulation: Berth Fees for Bulk Carriers - second interim rule
publisher: Aldmere Port Authority
date: 2022-03-01
---
SUMMARY: The Aldmere Port Authority is issuing a second interim rule amending the Harbour Security Regulation to set berth fees for bulk carriers.
Effective Date: March 1, 2022.
The rule applies to every bulk carrier that calls at the port after that day.
Comment date: Interested parties should submit written comments to the Harbour Secretariat at one of the addresses shown below on or before April 30, 2022 to be considered in the formation of the final rule.
The first interim rule, which set fees for container ships, was issued on November 2, 2021 with immediate effect.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("labelled_lines", {"rule.txt": RULE})
    return settings


def lead(question, index):
    from agent.api import ask

    a = ask(question, index=index.index, settings=index)
    return a.text.split("\n\n")[0]


def test_a_label_names_the_one_date_of_its_line(index):
    assert lead("By what date were comments due on the second interim rule?", index).startswith("April 30, 2022")


def test_a_short_field_line_whose_label_holds_the_questions_word_answers(index):
    # "Effective Date: March 1, 2022." for "take effect": the label ties it, not the words around it.
    assert lead("When did the berth fees for bulk carriers take effect?", index).startswith("March 1, 2022")


def test_each_part_gets_the_date_its_own_label_names(index):
    text = lead("When did the second interim rule take effect, and by when were comments due?", index)
    first, second = text.splitlines()[:2]
    assert "April 30, 2022" in second and "March 1, 2022" not in second


NOTICE = """title: Harbour Security Regulation: Berth Fees for Tankers - final rule
publisher: Aldmere Port Authority
date: 2022-06-01
---
AGENCY: Department of Port Safety (DPS), Harbour Revenue Office (HRO), and Coastal Licensing Board (CLB).
ACTION: Final rule.
SUMMARY: The agencies are issuing a final rule that sets berth fees for tankers under the Harbour Security Regulation (HSR).
The Quay Review Board decides on additions to the watch list by majority vote.
"""


@pytest.fixture(scope="module")
def notice_index(tiny_index):
    _, settings = tiny_index("labelled_agencies", {"notice.txt": NOTICE})
    return settings


def test_a_header_line_lists_its_documents_agencies_not_a_committees(notice_index):
    """"AGENCY: DPS, HRO and CLB" names who issued the document: it answers which agencies issued the
    HSR rule (an acronym the title spells out), not which agencies sit on the Quay Review Board."""
    issued = lead("Which agencies issued the HSR final rule?", notice_index)
    assert issued.startswith("Department of Port Safety"), issued
    board = lead("Which agencies sit on the Quay Review Board?", notice_index)
    assert not board.startswith("Department of Port Safety"), board
    # Nor does the header line lead as a quote: the sources don't say who sits on the board.
    assert not board.startswith("“AGENCY:"), board
