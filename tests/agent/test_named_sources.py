"""Issue 8: a question that names the source of its answer ("according to the ministry's press
release, on what date ...?") is answered from that source or not at all: a date or figure another
document gives (the list's record of the same listing) is not what the named source says (fit:
blind-s24 m013). Nor does a document of another month than the one the question describes it by
("the June 2024 interim rule") answer it. Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

RELEASE = """title: Ministry of Trade adds Korvane Drones to the export control list (press release)
publisher: Example Ministry of Trade
date: 2023-05-02
---
The Ministry of Trade today added Korvane Drones, the largest drone maker in the region, to the export control list.
"""

ENTRIES = """title: Export control list entries added in May 2023
publisher: Example Ministry of Trade, Export Control Office
date: 2023-05-10
---
Entity: Korvane Drones
Addresses: 4 Harbour Road, Ostra
Start date: 2023-05-03
License review policy: Presumption of denial
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("named-sources", {"release.txt": RELEASE, "entries.txt": ENTRIES})
    return settings


def test_a_value_the_named_source_does_not_give_is_not_answered(index):
    a = ask("According to the ministry's press release, on what date did Korvane Drones' listing take effect?",
            index=index)
    assert a.abstained, a.text


def test_a_value_the_named_source_gives_is_answered(index):
    # Twin: the list entries the question names give the start date.
    a = ask("According to the export control list entries, on what date did Korvane Drones' listing take effect?",
            index=index)
    assert a.text.startswith("2023-05-03"), a.text


def test_a_source_that_is_no_document_decides_nothing(index):
    # "according to the company": no retrieved document is the company; the record answers.
    a = ask("On what date did Korvane Drones' listing take effect, according to the company?", index=index)
    assert a.text.startswith("2023-05-03"), a.text


RULE = """title: Harbour Levy on Foreign Crane Operators - interim rule
publisher: Example Ministry of Ports
date: 2024-03-04
---
The ministry is issuing an interim rule that imposes a levy on foreign crane operators.
Comment date: Interested parties should submit written comments on or before April 30, 2024.
"""


@pytest.fixture(scope="module")
def rule_index(tiny_index):
    _, settings = tiny_index("described-months", {"rule.txt": RULE})
    return settings


def test_a_value_of_a_document_of_another_month_is_not_answered(rule_index):
    # "the June 2024 interim rule": the month describes the rule; the only interim rule is March's.
    a = ask("What is the comment deadline for the June 2024 interim rule on the harbour levy?", index=rule_index)
    assert a.abstained, a.text


def test_a_value_of_the_described_month_is_answered(rule_index):
    a = ask("What is the comment deadline for the March 2024 interim rule on the harbour levy?", index=rule_index)
    assert a.text.startswith("April 30, 2024"), a.text


def test_month_elsewhere_reads_only_months_describing_a_document():
    from types import SimpleNamespace

    from agent.extractive import _month_elsewhere

    doc = SimpleNamespace(doc_id="r", title="Harbour Levy on Foreign Crane Operators - interim rule", date="2024-03-04",
                          body="", publisher="")
    assert _month_elsewhere("What is the deadline for the June 2024 interim rule?", doc) == "June"
    assert _month_elsewhere("What is the deadline for the March 2024 interim rule?", doc) is None
    # An event's month, not the document's.
    assert _month_elsewhere("What levy did the ministry announce in June?", doc) is None
