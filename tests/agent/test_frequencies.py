"""Issue 8: "how often" asks for a frequency ("annually", "every 90 days"), not a date the evidence
states (fit: blind-s22 j037; checked on blind-s23). Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

RULE = """title: Harbour Equipment Rule - second interim rule
publisher: Example Maritime Council
date: 2022-03-04
---
SUMMARY: The Council is issuing a second interim rule to require bidders to certify quarterly whether they use
listed harbour cranes.

DATES: Effective March 4, 2022. Comments are due on or before May 2, 2022.

Inspectors shall audit each certified port every 90 days.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("frequencies", {"harbour-rule.txt": RULE})
    return settings


@pytest.mark.parametrize("text, found", [
    ("to require offerors to represent annually whether they offer", ["annually"]),
    ("Reports are due quarterly and audits every 90 days; meetings twice a year.",
     ["quarterly", "every 90 days", "twice a year"]),
    ("The list is updated monthly, and hourly checks run daily.", ["monthly", "hourly", "daily"]),
    # -ly words that are no frequency, and distributive phrases over no time.
    ("It was really early and only likely; every applicant must apply.", []),
])
def test_find_frequencies(text, found):
    from agent.analysis import find_frequencies

    assert [f[2] for f in find_frequencies(text)] == found


@pytest.mark.parametrize("question, frequency", [
    ("How often must bidders certify?", True),
    ("If a port is certified, how frequently is it audited?", True),
    ("What is the audit frequency for certified ports?", True),
    ("When must bidders certify?", False),
])
def test_asks_frequency(question, frequency):
    from agent.analysis import asks_frequency, focus_phrase

    assert asks_frequency(question, focus_phrase(question)) is frequency


def test_how_often_leads_with_the_frequency_not_a_date(index):
    """The rule states dates ('March 4, 2022'); 'how often' is answered by 'quarterly'."""
    a = ask("How often must bidders certify under the March 2022 second interim rule?", index=index)
    assert a.text.startswith("quarterly") and "2022" not in a.text.split("\n")[0]
    a = ask("How often must inspectors audit a certified port?", index=index)
    assert a.text.startswith("every 90 days")
