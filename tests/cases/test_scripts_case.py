"""Case ``cjk-arabic-question`` (tests/fixtures/cases/cjk-arabic-question): Chinese and
Arabic questions over Chinese and Arabic notices.

Retrieval side (this module's job): the keyword index finds the notice holding the
answer for each question (it found 0 chunks for the exact string before), the
index reports which scripts it holds, and the question's keyword terms keep
non-ASCII words. The answer side: every question is answered from its notice, the
answerer's terms being CJK character bigrams and Arabic words (agent.text.tokens).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from agent import ask, retrieve
from agent.api import open_index
from agent.retrieval import keyword_query
from ingest import IndexOptions, IndexStore, ingest_paths
from ingest.normalise import main_scripts

CASE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "cases" / "cjk-arabic-question"
QUESTIONS = CASE.joinpath("questions.txt").read_text(encoding="utf-8").splitlines()
EXPECTED = [  # (document, sentence the answer quotes, direct answer)
    ("zh-notice.txt", "商务部决定将示例电子有限公司列入不可靠实体清单。", "不可靠实体清单"),
    ("zh-notice.txt", "商务部决定将示例电子有限公司列入不可靠实体清单。", "不可靠实体清单"),
    ("ar-notice.txt", "فرضت الحكومة رسوما جمركية بنسبة 25 في المئة على واردات الصلب.", "25 في المئة"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    idx = tmp_path_factory.mktemp("cjk") / "idx"
    store = IndexStore(IndexOptions(path=idx))
    report = ingest_paths([CASE / "zh-notice.txt", CASE / "ar-notice.txt"], store, progress=False)
    assert report.ingested == 2
    store.close()
    return idx


@pytest.mark.parametrize("i", range(3))
def test_the_notice_with_the_answer_ranks_first_in_both_retrievers(index, i):
    name, sentence, _ = EXPECTED[i]
    hits = retrieve(QUESTIONS[i], index=index, k=4)
    assert Path(hits[0].source).name == name
    assert hits[0].keyword_rank == 1 and hits[0].dense_rank == 1
    assert sentence in hits[0].text


def test_keyword_terms_and_scripts_of_the_questions(index):
    assert keyword_query(QUESTIONS[0]) == "示例电子有限公司被列入了什么清单"
    assert "الجمركية" in keyword_query(QUESTIONS[2]).split()
    store = open_index(index)
    assert [main_scripts(q)[0] for q in QUESTIONS] == ["Han", "Han", "Arabic"]
    assert all(store.has_script(main_scripts(q)[0]) for q in QUESTIONS)
    # A question in a script the index holds no text in is detectable before answering.
    assert main_scripts("Какова пошлина на сталь?") == ["Cyrillic"] and not store.has_script("Cyrillic")


@pytest.mark.parametrize("i", range(3))
def test_each_question_is_answered_from_its_notice(index, i):
    name, sentence, direct = EXPECTED[i]
    a = ask(QUESTIONS[i], index=index)
    assert not a.abstained
    assert a.text.splitlines()[0].startswith(direct) or direct in a.text.splitlines()[0]
    assert any(Path(c.source).name == name and sentence in c.quote for c in a.citations)


def test_the_questions_file_ingested_with_the_notices_is_no_evidence(tmp_path):
    """The case's README ingests its whole folder, questions.txt included: each question
    then finds itself word for word, but a question asserts nothing - the answers
    still quote the notices (agent.answering.evidence.is_question)."""
    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    assert ingest_paths([CASE], store, progress=False).ingested == 3
    store.close()
    for i, (name, sentence, direct) in enumerate(EXPECTED):
        a = ask(QUESTIONS[i], index=tmp_path / "idx")
        assert not a.abstained and direct in a.text.splitlines()[0]
        assert all(Path(c.source).name != "questions.txt" for c in a.citations)
        assert any(Path(c.source).name == name and sentence in c.quote for c in a.citations)
