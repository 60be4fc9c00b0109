"""Answer kinds by meaning (agent/answering/kinds.py) and what they change: the date or
figure tied to a reworded question by the meaning of the words around it, a focus that
names the answer kind, what the focus is "of", and the small-pool margin. The questions
and the tiny corpus here are invented for these tests (none is in the training set of
the kind model or in an evaluation set)."""
from __future__ import annotations

import json

import pytest

from agent.analysis import AnswerKind, focus_complement, focus_phrase, norm_key
from agent.answering import kinds

NOTICE = """title: Harbour authority sets new berth fees
date: 2022-04-11
---
The Port of Aldmere said its new berth fees were published on March 3, 2022 and take effect with the start of the summer season on May 1, 2022.

The authority expects the fees to bring in about $18 million a year, which it will spend on dredging the north channel.

Shipping lines had asked for a delay of six months, citing the cost of fuel.
"""


@pytest.fixture(scope="module")
def embedder():
    from ingest.embeddings import Embedder

    return Embedder()


@pytest.mark.parametrize("question, kind", [
    ("What's the expected size of the bond sale?", "quantity"),
    ("Roughly what total did the auction bring in?", "quantity"),
    ("From which day on do the new visa rules bind travellers?", "date"),
    ("What explanation did the club offer for sacking its manager?", "reason"),
    ("In which town does the carmaker assemble its vans?", "place"),
])
def test_the_model_names_the_kind_of_reworded_questions(embedder, question, kind):
    predicted = kinds.predict_kind(question, embedder)
    assert predicted is not None and predicted[0] == kind


@pytest.mark.parametrize("question", ["What is a deemed export?", "What does the agreement cover?"])
def test_questions_that_ask_for_a_passage_get_no_span_kind(embedder, question):
    predicted = kinds.predict_kind(question, embedder)
    assert predicted is None or predicted[0] == "other"


def test_phrase_kind_tells_kind_words_from_content_words(embedder):
    assert kinds.phrase_kind("target size", embedder)[0] == "quantity"
    assert kinds.phrase_kind("justification", embedder)[0] == "reason"
    assert kinds.phrase_kind("start date", embedder)[0] == "date"
    assert kinds.phrase_kind("terms", embedder) is None


def test_no_training_question_is_an_evaluation_question():
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    train = {json.loads(l)["q"].lower() for l in kinds.TRAINING_PATH.read_text().splitlines() if l.strip()}
    for path in [root / "data" / "questions" / "dev.jsonl", root / "data" / "questions" / "holdout.jsonl"]:
        asked = {json.loads(l)["question"].lower() for l in path.read_text().splitlines() if l.strip()}
        assert not train & asked


def test_a_model_fitted_with_another_encoder_is_not_used(monkeypatch, embedder):
    model = dict(kinds.load_model())
    model["model_id"] = "some-other-model"
    monkeypatch.setattr(kinds, "load_model", lambda *a: model)
    assert kinds.predict_kind("How big is the fleet?", embedder) is None


def test_focus_complement_is_what_the_focus_is_of():
    q = "What were the terms of the ceasefire agreement the two sides signed?"
    assert focus_phrase(q)[-1] == norm_key("terms")
    comp = focus_complement(q, focus_phrase(q))  # spaCy reads "ceasefire" or "agreement" as the object
    assert comp and set(comp) <= {norm_key("ceasefire"), norm_key("agreement")}
    assert focus_complement("How many employees does it have?", focus_phrase("How many employees does it have?")) == []


@pytest.fixture(scope="module")
def port_index(tiny_index):
    return tiny_index("port_index", {"notice.txt": NOTICE})


def _ask(port_index, question):
    from agent.extractive import answer_extractive, assess
    from agent.retrieval import Retriever

    store, settings = port_index
    hits = Retriever(store, settings).retrieve(question, k=settings.top_k)
    return answer_extractive(question, hits, store, settings), assess(question, hits, store, settings)


@pytest.mark.integration
@pytest.mark.xfail(strict=True, reason="issue 8: when two dates share a sentence, the one next to a question word "
                   "('berth fees were published on March 3') wins over the one the question means ('take effect ... "
                   "May 1'); the predicates decide only when MiniLM tells them apart by 0.1 ('start applying' is "
                   "0.21 from 'take effect' and 0.17 from 'published')")
def test_reworded_date_question_leads_with_the_date_its_words_mean(port_index):
    # No question word stands next to "May 1, 2022": "start applying" ~ "take effect".
    a, s = _ask(port_index, "From what day do Aldmere's berth charges start applying?")
    assert s.q.kind is AnswerKind.DATE
    assert not a.abstained and a.text.splitlines()[0].startswith("May 1, 2022")


@pytest.mark.integration
def test_reworded_figure_question_leads_with_the_figure(port_index):
    a, s = _ask(port_index, "What's the expected annual take from Aldmere's berth charges?")
    assert s.q.kind is AnswerKind.QUANTITY
    assert not a.abstained and a.text.splitlines()[0].startswith("about $18 million")


@pytest.mark.integration
def test_a_small_pool_leaves_the_margin_to_the_model(port_index):
    _, s = _ask(port_index, "When do the berth fees take effect?")
    assert len(s.cands) < 5 and "dense_margin" not in s.features


@pytest.mark.parametrize("sentence, value", [
    ("The mill said exports were less than 2% of its output last year.", "less than 2%"),
    ("The fund hopes to raise at least $300 million from the sale.", "at least $300 million"),
    ("The camps hold more than 10,000 people, the report said.", "more than 10,000"),
    ("Duties of up to 40 percent apply to the panels.", "up to 40 percent"),
    ("Fewer than 30 licences were granted in May.", "Fewer than 30"),
    ("Shares fell 5% on Tuesday.", "5%"),
])
def test_a_figure_keeps_the_words_that_qualify_it(sentence, value):
    from agent.analysis import find_numbers
    from agent.extractive import hedged

    m = find_numbers(sentence)[0]
    assert hedged(sentence, (m.start(), m.end(), m.group(0).strip())) == value


def test_names_joined_by_and_split_as_entities_not_by_a_word_table():
    from agent.extractive import _split_and

    assert _split_and("National Aeronautics and Space Administration") == ["National Aeronautics and Space Administration"]
    assert _split_and("Western Digital and Seagate Technology") == ["Western Digital", "Seagate Technology"]
    assert _split_and("Department of Labor and Department of State") == ["Department of Labor", "Department of State"]


def test_a_bracketed_abbreviation_does_not_break_a_list():
    from agent.extractive import _enumerations

    text = "AGENCY: Bureau of Mines (BOM), Fish and Wildlife Service (FWS), and National Park Service (NPS)."
    assert _enumerations(text, set()) == [["Bureau of Mines", "Fish and Wildlife Service", "National Park Service"]]


@pytest.mark.integration
@pytest.mark.parametrize("question, lead", [
    ("When were Aldmere's new berth fees published?", "March 3, 2022"),
    ("When do Aldmere's berth fees take effect?", "May 1, 2022"),
])
def test_of_two_dates_in_a_sentence_the_one_of_the_asked_predicate_leads(port_index, question, lead):
    a, s = _ask(port_index, question)
    assert s.q.kind is AnswerKind.DATE
    assert not a.abstained and a.text.splitlines()[0].startswith(lead), a.text
