"""Issue 8 (blind-s31 u045, a fit set): a question that names a document by its full date ("the
October 9, 2019 Entity List additions") names it by the document's date even when the body never
writes that date (a public-inspection copy: "effective [INSERT DATE OF PUBLICATION ...]"). The ISO
date of a document or a record gave the month and year keys but not the day, so the day of the
question counted as a name the evidence lacks and the contact line was abstained on. Documents
written for these tests (a made-up agency)."""
from __future__ import annotations

import pytest

from agent.analysis import date_keys, text_keys
from tiny_ask import ask

RULE = """title: Additions to the Harbour Watch List
publisher: Example Maritime Agency
date: 2024-03-04
doc_type: rule
---
SUMMARY: The agency adds vessel operators to the Harbour Watch List.

DATES: This rule is effective [INSERT DATE OF PUBLICATION].

FOR FURTHER INFORMATION CONTACT: Chair, Vessel Review Board, Office of Port Controls, Phone: (555) 010-4477, Email: board@example.gov.

SUPPLEMENTARY INFORMATION: The Vessel Review Board determined that the operators pose a risk to port security.
"""

NEWS = """title: Port agency widens watch list
publisher: Example Wire
date: 2024-03-05
---
The maritime agency added several vessel operators to its watch list on Monday, officials said.
Shares in one of the operators fell 6% in early trading.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("document-date-keys", {"rule.txt": RULE, "news.txt": NEWS})
    return settings


@pytest.mark.parametrize("text, keys", [
    ("2019-10-09", {"2019", "october", "9"}),        # the day as a written date has it ("October 9, 2019")
    ("Start date: 2020-06-05", {"2020", "june", "5"}),
    ("2019-13-40", {"2019"}),                        # no month, no day: not a date
])
def test_an_iso_date_gives_its_month_day_and_year_keys(text, keys):
    assert date_keys(text) == keys
    assert {"october", "9", "2019"} <= text_keys("Addition of Certain Entities (2019-10-09)")


@pytest.mark.parametrize("question, expected", [
    ("Who is the point of contact for the March 4, 2024 Harbour Watch List additions?", "Vessel Review Board"),
    ("What phone number is given for the March 4, 2024 Harbour Watch List additions?", "010-4477"),
])
def test_a_document_named_by_its_full_date_answers(index, question, expected):
    a = ask(question, index)
    assert not a.abstained, a.text
    assert expected in a.text.split("Evidence:")[0], a.text


def test_another_day_of_the_same_month_is_no_such_document(index):
    a = ask("What phone number is given for the March 14, 2024 Harbour Watch List additions?", index)
    assert a.abstained, a.text
