"""Date questions in Chinese, Japanese and Korean ("什么时候", "何时", "いつ", "언제")
get the date kind, and the date printed in the notice ("2019年6月1日") is the direct
answer, as "When does the decision take effect?" gets "June 1, 2019"."""
from __future__ import annotations

from pathlib import Path

import pytest

from agent import ask
from agent.analysis import AnswerKind, classify, find_dates, find_numbers

CASE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "cases" / "cjk-arabic-question"
JA = """title: 輸出管理に関するお知らせ
publisher: 例示貿易庁
date: 2022-07-01
---
例示精密株式会社は輸出許可の対象となる。

この措置は2022年8月1日から適用される。
"""
KO = """title: 수출 관리 공지
publisher: 예시 무역청
date: 2023-02-01
---
예시전자는 수출 허가 대상이다.

이 조치는 2023년 3월 15일부터 시행된다.
"""


@pytest.mark.parametrize("question", ["该决定何时生效？", "该决定什么时候生效？", "决定哪天生效？", "该决定自哪一天起生效？",
                                      "這項決定什麼時候生效？", "この措置はいつから適用されるか？", "이 조치는 언제 시행되나요?"])
def test_cjk_when_questions_get_the_date_kind(question: str):
    assert classify(question) is AnswerKind.DATE


def test_english_and_other_cjk_questions_keep_their_kind():
    assert classify("When does the decision take effect?") is AnswerKind.DATE
    assert classify("示例电子有限公司被列入了什么清单？") is AnswerKind.OTHER
    assert classify("What is the tariff on steel?") is not AnswerKind.DATE


def test_cjk_dates_are_dates_not_figures():
    text = "该决定自2019年6月1日起生效，税率为百分之二十五。이 조치는 2023년 3월 15일부터 시행된다."
    assert [m.group(0) for m in find_dates(text)] == ["2019年6月1日", "2023년 3월 15일"]
    assert not any("2019" in m.group(0) for m in find_numbers(text))


@pytest.fixture(scope="module")
def index(tiny_index) -> Path:
    store, settings = tiny_index("cjk-dates", {"zh-notice.txt": (CASE / "zh-notice.txt").read_text(encoding="utf-8"),
                                               "ja-notice.txt": JA, "ko-notice.txt": KO})
    assert len(store.list_sources()) == 3
    return settings.index


@pytest.mark.parametrize("question, date, sentence", [
    ("该决定何时生效？", "2019年6月1日", "该决定自2019年6月1日起生效。"),
    ("该决定什么时候生效？", "2019年6月1日", "该决定自2019年6月1日起生效。"),
    ("この措置はいつから適用されるか？", "2022年8月1日", "この措置は2022年8月1日から適用される。"),
    ("이 조치는 언제 시행되나요?", "2023년 3월 15일", "이 조치는 2023년 3월 15일부터 시행된다."),
])
def test_cjk_when_question_is_answered_with_the_date(index: Path, question: str, date: str, sentence: str):
    a = ask(question, index=index)
    assert not a.abstained
    assert a.text.splitlines()[0] == f"{date} [1]"
    assert a.citations[0].quote == sentence
