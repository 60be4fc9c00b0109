"""The single choke point for text that may become a lead or a quote."""
from __future__ import annotations

import pytest

from agent.answering import evidence


def test_admissible_is_the_one_choke_point(monkeypatch, corpus_index):
    from agent.extractive import answer_extractive
    from agent.retrieval import Retriever

    q = "Which suppliers are affected by the US blacklisting of Hikvision and Dahua?"
    hits = Retriever(corpus_index.store, corpus_index.settings).retrieve(q)
    assert evidence.admissible("Intel supplies Hikvision.") is True
    seen: list[str] = []

    def refuse(text: str) -> bool:
        seen.append(text)
        return False

    monkeypatch.setattr("agent.extractive.admissible", refuse)
    ans = answer_extractive(q, hits, corpus_index.store, corpus_index.settings)
    # Nothing admissible: nothing can be quoted, so the answerer abstains.
    assert seen and ans.abstained and not ans.citations


@pytest.mark.parametrize("text, question", [
    ("What is the annual quota for copper cathode imports?", True),
    ("示例电子有限公司被列入了什么清单？", True),
    ("ما هي نسبة الرسوم الجمركية على واردات الصلب؟", True),
    ("(Is the quota binding?)", True),
    ("The quota is 40,000 tonnes.", False),
    ("The minister asked: “Why were duties raised?”", False),  # reported speech states who asked what
    ("¿Qué dijo el ministerio", False),
    ("", False),
])
def test_questions_are_no_evidence(text: str, question: bool):
    from agent.answering.evidence import admissible, is_question

    assert is_question(text) is question
    if question:
        assert not admissible(text)
