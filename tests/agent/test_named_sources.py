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


# Issue 8, session 38 (fit: blind-s35 y022). A sentence answer to a question whose asking clause names a
# quoted document's publisher ("how did *Reuters* break the targets down?") leads with that publisher's
# sentence, not with another document's that shares more of the question's words (the rule's summary).
def test_the_named_publishers_sentence_leads():
    from agent.analysis import Question, Term
    from agent.extractive import Candidate, _named_publisher_quote
    from ingest.store import StoredDocument

    rule = StoredDocument("r", ["r.txt"], "Addition of Certain Entities to the Crane List", "Example Screening Office",
                          "2023-05-12", "", "regulation", "This final rule adds eleven entities to the Crane List.")
    wire = StoredDocument("w", ["w.txt"], "Regulators blacklist eleven Ostra firms", "Tidewater Wire", "2023-05-13", "",
                          "news", "The decision targets seven port police units and four crane makers.")
    summary = Candidate(doc=rule, start=0, end=len(rule.body), hit_rank=0, keys=set(), context_keys=set())
    story = Candidate(doc=wire, start=0, end=len(wire.body), hit_rank=1, keys=set(), context_keys=set())

    def question(text: str, names: list[str]) -> Question:
        from agent.analysis import classify, norm_key

        return Question(text=text, kind=classify(text), terms=[Term(n, norm_key(n), 5.0, 1, named=True) for n in names])

    q = question("The office's May 2023 rule: how did Tidewater Wire break the targets down?", ["Tidewater", "Wire"])
    assert _named_publisher_quote(q, summary, [summary, story]) is story
    # twins: the lead's publisher named too, and no publisher named
    q = question("How did Tidewater Wire and the Screening Office describe the targets?",
                 ["Tidewater", "Wire", "Screening", "Office"])
    assert _named_publisher_quote(q, summary, [summary, story]) is None
    q = question("How were the targets broken down?", [])
    assert _named_publisher_quote(q, summary, [summary, story]) is None
