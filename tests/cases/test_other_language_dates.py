"""'When' questions in languages other than English ("متى", "когда", "quand", "wann", "πότε",
and the CJK ones) are date questions, and a date written with that language's month names
("1 يونيو 2020", "1 июня 2020 г.", "1er juin 2020") is the direct answer, as "When does the
decision take effect?" gets "June 1, 2020"."""
from __future__ import annotations

from pathlib import Path

import pytest

from agent import ask
from agent.analysis import AnswerKind, classify, find_dates, find_numbers

AR = """title: إشعار بشأن الرسوم الجمركية
publisher: مكتب التجارة النموذجي
date: 2020-02-01
---
فرضت الحكومة رسوما جمركية بنسبة 25 في المئة على واردات الصلب.

يدخل القرار حيز التنفيذ في 1 يونيو/حزيران 2020.
"""
RU = """title: Уведомление о пошлинах
publisher: Примерное торговое ведомство
date: 2021-03-01
---
Правительство ввело пошлину в размере 15 процентов на импорт алюминия.

Решение вступает в силу 15 апреля 2021 г.
"""


@pytest.mark.parametrize("question", [
    "متى يدخل القرار حيز التنفيذ؟", "ومتى يبدأ تطبيق الرسوم؟", "في أي تاريخ يدخل القرار حيز التنفيذ؟",
    "Когда решение вступает в силу?", "Quand la décision entre-t-elle en vigueur ?", "¿Cuándo entra en vigor?",
    "Wann tritt der Beschluss in Kraft?", "Πότε τίθεται σε ισχύ η απόφαση;", "מתי ההחלטה נכנסת לתוקף?",
    "Karar ne zaman yürürlüğe giriyor?", "फैसला कब लागू होगा?", "该决定何时生效？", "この措置はいつから適用されるか？"])
def test_when_questions_in_other_languages_get_the_date_kind(question: str):
    assert classify(question) is AnswerKind.DATE


@pytest.mark.parametrize("question", [
    "ما هي نسبة الرسوم الجمركية على واردات الصلب؟", "Какова ставка пошлины на алюминий?",
    "What is the tariff on steel?", "Which entities were added to the Entity List?",
    "How much did the Quandt family invest?", "示例电子有限公司被列入了什么清单？",
    "Which companies in Kapan were added to the list?", "What did Quando Ltd export to Iran?"])
def test_other_questions_keep_their_kind(question: str):
    assert classify(question) is not AnswerKind.DATE


@pytest.mark.parametrize("text, date", [
    ("يدخل القرار حيز التنفيذ في 1 يونيو 2020.", "1 يونيو 2020"),
    ("يدخل القرار حيز التنفيذ في 1 يونيو/حزيران 2020.", "1 يونيو/حزيران 2020"),
    ("اعتبارا من ١٥ أيار ٢٠٢١", "١٥ أيار ٢٠٢١"),
    ("Решение вступает в силу 15 апреля 2021 г.", "15 апреля 2021"),
    ("La décision entre en vigueur le 1er juin 2020.", "1er juin 2020"),
    ("Entra en vigor el 1 de junio de 2020.", "1 de junio de 2020"),
    ("Der Beschluss gilt ab dem 1. Juni 2020.", "1. Juni 2020"),
    ("ההחלטה נכנסת לתוקף ב-1 ביוני 2020.", "1 ביוני 2020"),
])
def test_dates_with_other_languages_month_names(text: str, date: str):
    assert [m.group(0) for m in find_dates(text)] == [date]
    assert not any(date.split()[-1] in m.group(0) for m in find_numbers(text))


def test_english_dates_are_found_once():
    assert [m.group(0) for m in find_dates("Effective 1 April 2020 and June 5, 2021.")] == ["1 April 2020", "June 5, 2021"]


@pytest.fixture(scope="module")
def index(tiny_index) -> Path:
    store, settings = tiny_index("other-dates", {"ar-notice.txt": AR, "ru-notice.txt": RU})
    assert len(store.list_sources()) == 2
    return settings.index


@pytest.mark.parametrize("question, date, sentence", [
    ("متى يدخل القرار حيز التنفيذ؟", "1 يونيو/حزيران 2020", "يدخل القرار حيز التنفيذ في 1 يونيو/حزيران 2020."),
    ("Когда решение вступает в силу?", "15 апреля 2021", "Решение вступает в силу 15 апреля 2021 г."),
])
def test_when_question_is_answered_with_the_date(index: Path, question: str, date: str, sentence: str):
    a = ask(question, index=index)
    assert not a.abstained
    assert a.text.splitlines()[0] == f"{date} [1]"
    assert a.citations[0].quote == sentence
