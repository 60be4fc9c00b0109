"""Issue 8: a near miss by a name the sources never write (fit: blind-s19 g067, train-s16 t110,
blind-s29 s051 - "Under which provision of the Immigration and Nationality Act ...?" had been answered
with a sentence about the visa curbs). A proper name of the question holding a common noun that no
indexed text writes at all ("Immigration") names something the sources do not hold: abstain. Not a
demonym, a month ("Oct" too), a misspelling or an abbreviation (words WordNet does not know), and not a name whose
words the sources write. Documents written for these tests (a made-up ministry and firms)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

STATEMENT = """title: Harbour Ministry imposes visa restrictions on port officials (press statement)
publisher: Example Harbour Ministry
date: 2023-10-08
---
The Harbour Ministry is imposing visa restrictions on port officials who are believed to be responsible for the detention of crane inspectors.
The restrictions were imposed under a provision in section 12 of the Harbour Safety Act.
Family members of such officials may also be subject to these restrictions.
"""
ENTRIES = """title: Crane List entries added by 88 HR 54002 (October 9, 2023), as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2024-05-16
---
Entity: Kestrel Optics Belgium BVBA
Addresses: 5 Quay Road, Antwerp, BE
Start date: 2023-10-09
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("unwritten-names", {"statement.txt": STATEMENT, "entries.txt": ENTRIES})
    return settings


@pytest.mark.parametrize("question", [
    "Under which provision of the Immigration and Nationality Act did the Harbour Ministry impose visa restrictions on port officials?",
    "What does the Harbour Treasury say about the visa restrictions on port officials?",
])
def test_a_name_the_sources_never_write_is_a_near_miss(index, question):
    a = ask(question, index)
    assert a.abstained, a.text


@pytest.mark.parametrize("question, expected", [
    # the name the sources write
    ("Under which section of the Harbour Safety Act were the visa restrictions imposed?", "section 12"),
    # an abbreviation and a demonym the sources do not write as such
    ("Are family members of the port officials covered by the Harbour Ministry's visa restrictions?", "Family members"),
    ("street address for Kestrel Optics' Belgian unit on the Crane List", "5 Quay Road"),
])
def test_names_the_sources_hold_are_answered(index, question, expected):
    a = ask(question, index)
    assert not a.abstained, a.text
    assert expected in a.text.split("\n\nEvidence")[0], a.text


def test_a_month_cut_short_is_no_unwritten_name(index):
    # "Oct", which WordNet knows as a noun and no source writes, is October
    a = ask("Who else may be subject to the Harbour Ministry's Oct 8, 2023 visa restrictions?", index)
    assert not a.abstained, a.text
    assert "Family members" in a.text, a.text
