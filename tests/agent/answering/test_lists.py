"""List questions: the direct answer names every item the evidence lists, including
the part of a list that continues in another sentence of the same document, and not
the items of another event's list. Tiny corpus built in a temporary folder."""
from __future__ import annotations

import pytest

from agent.analysis import AnswerKind, asking_clause, classify, focus_phrase, norm_key

ARTICLE = """title: Ministry widens its export blacklist to robot makers
date: 2021-03-02
---
In March 2021 the Ministry of Trade added six companies including robot maker Zorblax Robotics, as well as drone makers Vantoro Imaging and Quillon Labs, to its export blacklist.

The move is the latest step in a long dispute over industrial subsidies. Officials said talks would continue next week. Shares of listed robot makers fell sharply on Tuesday.

Analysts said the decision would disrupt supply chains across the region, and several trade groups asked for exemptions.

The other companies on the list are sensor maker Brightwater Optics, chip designer Kestrel Semiconductor and Orlan Systems.

In January, the ministry imposed tariffs on goods from three other companies, including Halvard Motors and Pendle Steel.
"""


@pytest.mark.parametrize("question, kind, focus", [
    ("Name the firms that the ministry blacklisted in March 2021.", AnswerKind.LIST, "firm"),
    ("quick one: which businesses got hit by the ministry in March?", AnswerKind.LIST, "business"),
    ("Acme settlement over Zorblax sales - what was the amount?", AnswerKind.QUANTITY, "amount"),
])
def test_kind_and_focus_come_from_the_asking_clause(question, kind, focus):
    assert classify(question) is kind
    assert focus_phrase(question)[-1] == norm_key(focus)


def test_asking_clause_keeps_a_question_without_a_break():
    q = "Which companies were added to the Entity List in October 2019?"
    assert asking_clause(q) == q
    assert asking_clause("889 interim rule - effective date?") == "889 interim rule - effective date?"


@pytest.fixture(scope="module")
def tiny_article_index(tiny_index):
    return tiny_index("tiny_article_index", {"article.txt": ARTICLE})


@pytest.mark.integration
def test_list_lead_names_the_items_of_every_sentence_of_the_list(tiny_article_index):
    from agent.extractive import answer_extractive
    from agent.retrieval import Retriever

    store, settings = tiny_article_index
    question = "Which companies did the Ministry of Trade add to the blacklist in March 2021?"
    ans = answer_extractive(question, Retriever(store, settings).retrieve(question), store, settings)
    assert not ans.abstained, ans.notice
    lead = ans.text.splitlines()[0]
    for name in ("Zorblax Robotics", "Vantoro Imaging", "Quillon Labs", "Brightwater Optics",
                 "Kestrel Semiconductor", "Orlan Systems"):
        assert name in lead, ans.text
    # January's tariff list is another event's list.
    assert "Halvard" not in lead and "Pendle" not in lead
    # Every name of the lead is in a cited quote.
    for name in ("Zorblax Robotics", "Orlan Systems"):
        assert any(name in c.quote for c in ans.citations)


def test_focus_head_matches_the_list_noun_by_meaning():
    """A list named by a synonym of the question's focus ("vendors" asked, "suppliers"
    written) is the list asked for; a related but different noun is not."""
    import numpy as np

    from agent.extractive import FOCUS_SIMILARITY, FocusMatcher, _enumerations, _linked, _runs

    # Unit vectors with chosen cosines to "vendors" (a stand-in for the embedding model).
    def unit(cos: float) -> list[float]:
        return [cos, float(np.sqrt(1 - cos * cos)), 0.0]

    vectors = {"vendors": unit(1.0), "suppliers": unit(FOCUS_SIMILARITY + 0.1),
               "companies": unit(FOCUS_SIMILARITY - 0.05)}

    class Store:
        embedder = object()

        @staticmethod
        def text_vectors(texts):
            return [vectors.get(t, [0.0, 0.0, 1.0]) for t in texts]

    text = "Analysts said Zorblax and Quillon both use Orlan Corp, Kestrel Inc and Pendle Ltd as suppliers."
    other = "Analysts said the companies Orlan Corp, Kestrel Inc and Pendle Ltd were fined."
    m = FocusMatcher(norm_key("vendors"), "vendors", Store())
    m.prime([text, other])
    run = [r for r in _runs(text) if len(r) >= 2][-1]
    assert _linked(text, run, m)
    assert _enumerations(text, set(), m, linked_only=True) == [["Orlan Corp", "Kestrel Inc", "Pendle Ltd"]]
    assert _enumerations(other, set(), m, linked_only=True) == []
    # Without the matcher only the head's own word links.
    assert not _linked(text, run, norm_key("vendors"))


def test_asking_clause_is_the_asking_sentence():
    q = "We sell robots to the ministry. Which makers' sensors can't be in what we provide?"
    assert asking_clause(q) == "Which makers' sensors can't be in what we provide?"
    assert classify(q) is AnswerKind.LIST


def test_definitions_of_the_asked_thing_are_read_by_meaning():
    """A defined term naming the thing asked for (by a synonym of the focus head) brings
    its definition into the evidence even when no top sentence uses the term."""
    from agent.extractive import Candidate, _definition_spans

    body = ("Covered gadget means–\n\n(1) Gadgets produced by Zorblax Robotics or Quillon Labs;\n\n"
            "(2) Services using such gadgets.\n\nThe ministry issued the rule in March.\n")

    class Doc:
        doc_id = "d"

    Doc.body = body
    s = body.index("The ministry")
    c = Candidate(doc=Doc(), start=s, end=len(body) - 1, hit_rank=0, keys=set(), context_keys=set())
    assert _definition_spans([c]) == []  # the sentence does not use the term
    spans = _definition_spans([c], focus=lambda w: w.lower() == "gadget")  # "gear" asked, say
    assert len(spans) == 1 and body[spans[0][2]:spans[0][3]].startswith("Covered gadget means")
    assert "Quillon Labs" in body[spans[0][2]:spans[0][3]]


def test_a_listing_sentence_is_quoted_when_the_best_sentence_lists_nothing():
    from agent.extractive import _LIST_SHARE, Candidate, _list_continuations

    body = ("The visa restrictions complement the ministry's announcement of export curbs in March.\n\n"
            "The decision targets six companies including Zorblax Robotics, Vantoro Imaging and Quillon Labs.\n")

    class Doc:
        doc_id, title, date = "d", "Curbs", ""

    Doc.body = body

    class Store:
        @staticmethod
        def get_document(doc_id):
            return Doc()

    def cand(text: str, score: float, fit: float) -> Candidate:
        s = body.index(text)
        return Candidate(doc=Doc(), start=s, end=s + len(text), hit_rank=0, keys=set(), context_keys=set(),
                         score=score, fit=fit)

    q_terms = []
    from agent.analysis import Question
    q = Question(text="Which companies were hit in March?", kind=AnswerKind.LIST, terms=q_terms,
                 focus=[norm_key("companies")])
    best = cand("The visa restrictions complement the ministry's announcement of export curbs in March.", 1.0, 0.3)
    listing = cand("The decision targets six companies including Zorblax Robotics, Vantoro Imaging and Quillon Labs.",
                   _LIST_SHARE + 0.05, 1.0)
    more = _list_continuations(q, [best], [best, listing], [], Store())
    assert [c.start for c in more] == [listing.start]
    listing.score = _LIST_SHARE - 0.05
    assert _list_continuations(q, [best], [best, listing], [], Store()) == []
