"""The offline extractive answerer over the session corpus index: leads with the
direct answer, cites verbatim spans, abstains when the sources do not cover the question."""
from __future__ import annotations

import pytest

from agent.analysis import AnswerKind, classify
from agent.citations import verify
from agent.extractive import answer_extractive, definitions
from agent.retrieval import Retriever


def _answer(corpus_index, question):
    hits = Retriever(corpus_index.store, corpus_index.settings).retrieve(question)
    return answer_extractive(question, hits, corpus_index.store, corpus_index.settings)


def _check_citations(corpus_index, ans):
    for c in ans.citations:
        body = corpus_index.store.get_document(c.doc_id).body
        assert body[c.start:c.end] == c.quote
        assert verify(c, corpus_index.store)
        assert f"[{c.n}]" in ans.text


@pytest.mark.parametrize("question, kind", [
    ("When did the Section 889 interim rule take effect?", AnswerKind.DATE),
    ("How many people are held in the camps?", AnswerKind.QUANTITY),
    ("Which companies were added?", AnswerKind.LIST),
    ("What did SenseTime say in response?", AnswerKind.STATEMENT),
    ("Why did Commerce act?", AnswerKind.REASON),
    ("Where is Hikvision located?", AnswerKind.PLACE),
    ("What is the Entity List?", AnswerKind.OTHER),
])
def test_classify(question, kind):
    assert classify(question) is kind


def test_date_answer_leads_with_the_date(corpus_index):
    ans = _answer(corpus_index, "When did the Section 889 interim rule take effect?")
    assert not ans.abstained
    assert ans.text.startswith("August 13, 2019 [1]")
    assert "August 13, 2019" in ans.citations[0].quote
    _check_citations(corpus_index, ans)


def test_list_answer_names_the_suppliers(corpus_index):
    ans = _answer(corpus_index, "Which suppliers are affected by the US blacklisting of Hikvision and Dahua?")
    assert not ans.abstained
    lead = ans.text.splitlines()[0]
    for name in ("Intel", "Nvidia", "Ambarella", "Western Digital", "Seagate"):
        assert name in lead
    _check_citations(corpus_index, ans)
    assert len(ans.citations) <= corpus_index.settings.max_quotes + 2


def test_quantity_answer(corpus_index):
    ans = _answer(corpus_index, "What is Hikvision's market value?")
    assert not ans.abstained and "42 billion" in ans.text
    _check_citations(corpus_index, ans)


@pytest.mark.parametrize("question", [
    "Which Japanese suppliers were affected by the Hikvision blacklisting?",
    "How many employees does iFlytek have?",
    "What penalty did Seagate pay for exports to Huawei?",
])
def test_abstains_when_the_sources_do_not_say(corpus_index, question):
    ans = _answer(corpus_index, question)
    assert ans.abstained is True
    assert ans.citations == []
    assert ans.text.startswith("The sources don't say")
    assert ans.notice.startswith("abstained: ")


def test_no_hits_abstains(corpus_index):
    ans = answer_extractive("What is Hikvision's market value?", [], corpus_index.store, corpus_index.settings)
    assert ans.abstained and ans.citations == [] and ans.notice == "abstained: no passage matched"


def test_definitions_of_a_legal_text():
    body = ("(a) Definitions.\n\nCovered foreign country means the People's Republic of China.\n\n"
            "Covered telecommunications equipment means equipment produced by Huawei.\n(1) item one\n\nOther text.")
    defs = definitions(body)
    assert set(defs) == {"covered foreign country", "covered telecommunications equipment"}
    s, e = defs["covered foreign country"]
    assert body[s:e] == "Covered foreign country means the People's Republic of China."
    s, e = defs["covered telecommunications equipment"]
    assert body[s:e] == "Covered telecommunications equipment means equipment produced by Huawei.\n(1) item one"
