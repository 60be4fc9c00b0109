"""Units of figures (agent/answering/units.py): the unit a quantity question asks for by
the unit model, the unit of a figure by spaCy's entities, and the figure an answer leads
with when a sentence holds figures of several units. The questions and the tiny corpus
are invented for these tests (none is in the model's training set or an evaluation set)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.answering import units

REPORT = """title: Orvane Foods annual report
date: 2023-03-14
---
Orvane Foods said its revenue reached $2.4 billion last year, with 18% of it earned outside Portugal.

The company employs 5,300 people at nine plants.
"""


@pytest.fixture(scope="module")
def embedder():
    from ingest.embeddings import Embedder

    return Embedder()


@pytest.mark.parametrize("sentence, figure, unit", [
    ("Revenue reached $2.4 billion, with 18% of it earned abroad.", "$2.4 billion", "money"),
    ("Revenue reached $2.4 billion, with 18% of it earned abroad.", "18%", "percent"),
    ("The duty rises to 25 percent in May.", "25 percent", "percent"),
    ("The ministry detained 14 vessels last month.", "14", "count"),
    ("The mill shipped 40,000 tonnes of rebar.", "40,000 tonnes", "measure"),
    # spaCy tags only "10,000" (CARDINAL): the currency's name makes it money.
    ("The bank paid a fine of 10,000 euros for the violations.", "10,000 euros", "money"),
    ("The court ordered damages of 500 rupees.", "500 rupees", "money"),
    # The figure alone, with the currency's name after it (spaCy: QUANTITY, "measure").
    ("Công ty Thép Việt Nam paid a fine of 25,000,000 dong.", "25,000,000", "money"),
    ("The mill shipped 40,000 tonnes of rebar.", "40,000", "measure"),
])
def test_a_figure_has_the_unit_of_its_entity(sentence, figure, unit):
    i = sentence.index(figure)
    assert units.figure_unit(sentence, i, i + len(figure)) == unit


def test_symbols_decide_without_an_entity(monkeypatch):
    monkeypatch.setattr(units, "_entity_units", lambda text: ())
    assert units.figure_unit("€12", 0, 3) == "money"
    assert units.figure_unit("7%", 0, 2) == "percent"
    assert units.figure_unit("12", 0, 2) is None


@pytest.mark.parametrize("question, unit", [
    ("What part of the company's turnover comes from exports, as a share?", "percent"),
    ("How much did the carmaker pay for the battery plant?", "money"),
    ("How many inspectors did the agency send to the port?", "count"),
    ("How long is the new rail tunnel?", "measure"),
])
def test_the_model_tells_the_asked_unit(embedder, question, unit):
    probs = units.unit_probabilities(question, embedder)
    assert max((u for u in probs if u != "any"), key=probs.get) == unit


@pytest.mark.parametrize("question, unit", [
    # Questions that say "number" or "code" but ask for a label (none of them is in the training set).
    ("What is the customs entry number of the seized shipment?", "identifier"),
    ("Which docket number does the antidumping order carry?", "identifier"),
    ("What is the hotline number for exporters?", "identifier"),
    # A noun-phrase question asks with the modified noun it opens with, whatever its "of"
    # complement holds; a bare "number" needs its complement.
    ("case number of the march 2021 lawsuit over the tariff increases", "identifier"),
    ("docket number of the jan 2022 sanctions additions notice", "identifier"),
    ("number of comments the agency received?", "count"),
    # ... and those that ask for an amount.
    ("What number of licences were refused?", "count"),
    ("How many comments did the agency receive?", "count"),
])
def test_the_model_tells_an_identifier_from_an_amount(embedder, question, unit):
    probs = units.unit_probabilities(question, embedder)
    assert units.sure_unit(probs) == unit


def test_preferred_unit_is_the_likeliest_present_one():
    probs = {"percent": 0.5, "money": 0.3, "count": 0.1, "measure": 0.05, "any": 0.05}
    assert units.preferred(probs, {"money", "count"}) == "money"
    assert units.preferred(probs, set()) is None
    assert units.preferred({**probs, "any": 0.9}, {"money"}) is None  # an open question prefers nothing
    assert units.preferred(None, {"money"}) is None


def test_a_model_fitted_with_another_encoder_is_not_used(monkeypatch, embedder):
    model = dict(units.load_model())
    model["model_id"] = "some-other-model"
    monkeypatch.setattr(units, "load_model", lambda *a: model)
    assert units.unit_probabilities("How many ships?", embedder) is None


def test_no_training_question_is_an_evaluation_question():
    root = Path(__file__).resolve().parents[3]
    train = {json.loads(l)["q"].lower() for l in units.TRAINING_PATH.read_text().splitlines() if l.strip()}
    for path in sorted((root / "data" / "questions").glob("*.jsonl")):
        asked = {json.loads(l)["question"].lower() for l in path.read_text().splitlines() if l.strip()}
        assert not train & asked, path.name


MARKET = """title: Chipmakers slide after export curbs
date: 2021-03-09
---
Shares in Norlake Semiconductor fell 9% in Tuesday trading after the curbs were announced.

The agency said the curbs implement section 1260 of the trade act.
"""


@pytest.fixture(scope="module")
def report_index(tiny_index):
    return tiny_index("report_index", {"report.txt": REPORT, "market.txt": MARKET})


@pytest.mark.integration
@pytest.mark.parametrize("question, lead", [
    ("What share of Orvane Foods' revenue was earned abroad?", "18%"),
    ("How large was Orvane Foods' revenue last year?", "$2.4 billion"),
])
def test_the_answer_leads_with_the_figure_in_the_asked_unit(report_index, question, lead):
    from agent.extractive import answer_extractive
    from agent.retrieval import Retriever

    store, settings = report_index
    hits = Retriever(store, settings).retrieve(question, k=settings.top_k)
    a = answer_extractive(question, hits, store, settings)
    assert not a.abstained and a.text.splitlines()[0].startswith(lead), a.text


@pytest.mark.integration
def test_a_figure_of_another_unit_is_not_the_answer(report_index):
    # A section number is no dollar amount: the question is not answered by "1260".
    from agent.extractive import answer_extractive
    from agent.retrieval import Retriever

    store, settings = report_index
    q = "What is the dollar value of the threshold in section 1260 of the trade act?"
    a = answer_extractive(q, Retriever(store, settings).retrieve(q, k=settings.top_k), store, settings)
    assert a.abstained or not a.text.splitlines()[0].startswith(("1260", "9%")), a.text


@pytest.mark.integration
def test_a_month_or_weekday_is_not_the_name_a_figure_belongs_to(report_index):
    # "Tuesday" and "Oct" are capitalised, but Norlake's 9% is not Vexa's.
    from agent.extractive import _entity_terms, answer_extractive, assess
    from agent.retrieval import Retriever

    store, settings = report_index
    q = "How far did Vexa's shares fall in Tuesday trading in Oct 2021?"
    hits = Retriever(store, settings).retrieve(q, k=settings.top_k)
    assert [t.surface for t in _entity_terms(assess(q, hits, store, settings).q)] == ["Vexa's"]
    a = answer_extractive(q, hits, store, settings)
    assert a.abstained or not a.text.splitlines()[0].startswith("9%"), a.text


NOTICE = """title: Harbour fees rule
date: 2021-05-04
---
[Docket No. 210301-0012]
The Harbour Board added twelve carriers to its fee schedule.
The fees take effect on June 1, 2021.
"""


@pytest.fixture(scope="module")
def notice_index(tiny_index):
    return tiny_index("notice_index", {"notice.txt": NOTICE})


@pytest.mark.integration
@pytest.mark.parametrize("q", ["Which docket number does the harbour fees rule carry?",
                               "What is the docket number of the harbour fees rule?"])
def test_an_identifier_question_is_not_answered_with_a_count(notice_index, q):
    from agent.analysis import AnswerKind, analyse
    from agent.extractive import answer_extractive
    from agent.retrieval import Retriever

    store, settings = notice_index
    assert analyse(q, store).kind is not AnswerKind.QUANTITY
    a = answer_extractive(q, Retriever(store, settings).retrieve(q, k=settings.top_k), store, settings)
    assert not a.abstained and "210301-0012" in a.text.splitlines()[0], a.text
    how_many = "How many carriers did the Harbour Board add to its fee schedule?"
    assert analyse(how_many, store).kind is AnswerKind.QUANTITY


@pytest.mark.parametrize("text, fit", [
    ("[Docket No. 210301-0012]", 1.0),
    ("For further information call 202-969-4075.", 0.0),  # "phone" is not in it: the focus is "docket number"
    ("The Harbour Board added twelve carriers to its fee schedule.", 0.0),
])
def test_an_identifier_stands_right_after_a_word_of_the_focus(text, fit):
    from agent.analysis import AnswerKind, Question, norm_key
    from agent.extractive import _identifier_fit

    q = Question(text="What is the docket number?", kind=AnswerKind.OTHER, terms=[],
                 focus=[norm_key("docket"), norm_key("number")], identifier=True)
    assert _identifier_fit(q, text) == fit


@pytest.mark.parametrize("question, money", [
    ("Hikvision's revenue: how big is that revenue in yuan?", True),
    ("What was the fine in US dollars?", True),
    ("how much did the listing raise in Swiss francs", True),
    ("What share of its 50 billion yuan revenue comes from abroad?", False),  # a stated amount
    ("What were prices in 2019 dollars?", False),  # a price level
    ("How many bureaus are in Hong Kong?", False),
])
def test_an_amount_asked_in_a_currency_is_money(embedder, question, money):
    """The currency's name (CLDR, through Babel) after "in" decides the unit, whatever the model
    reads from the other words ("how big is that revenue" alone reads as a share)."""
    assert units.asked_in_currency(question) is money
    if money:
        assert units.sure_unit(units.unit_probabilities(question, embedder)) == "money"
