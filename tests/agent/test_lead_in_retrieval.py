"""Issue 8 (blind-s33 w044, a fit set since session 35): a question proper that names what it asks about
is the whole question, for retrieval too. "Reuters says an August interim rule banned federal purchases
from five Chinese companies. Which companies does the FAR clause actually name?" was retrieved by the
lead-in's words as well ("Reuters", "August", "Chinese", "banned"): stories and rules that repeat them
filled the eight passages read, the clause's paragraphs fell out, and the answer was "the sources don't
say" (the question proper alone is answered). A question proper that refers back to the lead-in ("...
Which companies does *its* definition name?") needs the lead-in's names (:mod:`agent.answering.leadin`)
and is retrieved whole. Documents written for these tests (made-up parties); the retriever is watched,
as on a small index the clause is found either way."""
from __future__ import annotations

import pytest

from tiny_ask import ask

FILLER = ("({n}) Port security reviews. The contracting officer shall review each offer for port security risks, "
          "record the review in the contract file, and consult the port security officer where an offer "
          "raises questions about the origin of its parts, its software or its maintenance arrangements.\n\n")
CLAUSE = ("""title: Harbour Clause 52.7 Prohibition on Contracting for Certain Crane Equipment
publisher: Example Acquisition Council
date: 2023-08-01
---
52.7 Prohibition on Contracting for Certain Crane Equipment.

""" + "".join(FILLER.format(n=n) for n in range(1, 9)) + """Covered crane equipment means–

(1) Crane equipment produced by Alder Crane Company or Birch Lifting Corporation (or any subsidiary or affiliate of such entities);

(2) For the purpose of port security, hoists produced by Cedar Hoist Company or Dogwood Winch Company (or any subsidiary or affiliate of such entities);

(3) Crane services provided by such entities.
""")

STORY = """title: Port officials weigh crane rules, Reuters reports ({n})
publisher: Reuters
date: 2023-09-{day:02d}
---
Reuters says an August interim rule banned federal purchases from five foreign crane makers, officials said on Tuesday ({n}).

The August rule, Reuters reported, banned federal purchases from five companies; port operators said the federal purchases ban would raise costs ({n}).
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    files = {"clause.txt": CLAUSE}
    files.update({f"story{n}.txt": STORY.format(n=n, day=n + 1) for n in range(12)})
    _, settings = tiny_index("lead-in-retrieval", files)
    return settings


PROPER = "Which companies produce covered crane equipment under Harbour Clause 52.7?"
LEAD_IN = "Reuters says an August interim rule banned federal purchases from five companies."


@pytest.fixture
def queries(monkeypatch):
    """The queries the answerer retrieves passages by, in order."""
    from agent.retrieval import Retriever

    seen: list[str] = []
    original = Retriever.retrieve

    def spy(self, question, **kwargs):
        seen.append(question)
        return original(self, question, **kwargs)

    monkeypatch.setattr(Retriever, "retrieve", spy)
    return seen


def test_a_question_proper_naming_its_subject_is_retrieved_alone(index, queries):
    a = ask(f"{LEAD_IN} {PROPER}", index)
    assert queries[-1] == PROPER, queries
    lead = a.text.split("Evidence:")[0]
    assert all(c in lead for c in COMPANIES), a.text


def test_a_question_proper_referring_back_is_retrieved_with_its_lead_in(index, queries):
    # The twin: "its" stands for what the lead-in names; the lead-in's words stay in the query.
    ask("Harbour Clause 52.7 bans certain crane equipment. Which companies does its definition name?", index)
    assert all("Harbour Clause 52.7" in q for q in queries), queries


def test_a_question_without_a_lead_in_is_retrieved_once(index, queries):
    ask(PROPER, index)
    assert queries == [PROPER], queries


COMPANIES = ("Alder Crane Company", "Birch Lifting Corporation", "Cedar Hoist Company", "Dogwood Winch Company")
