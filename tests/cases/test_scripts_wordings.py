"""Held-back variant of the ``cjk-arabic-question`` case: questions in Chinese, Arabic,
Russian and Japanese, worded differently from the case's (bare noun phrases among
them), over notices in those languages, two per language for Chinese and Russian (the
second one on a neighbouring subject). Each is answered by quoting the sentence that
holds the answer - the answerer's terms are CJK character bigrams and whole words of
the other scripts (:func:`agent.text.tokens`); with the ASCII-only terms of before,
the bare phrases were answered from the closest sentence by the English sentence
encoder alone (an Arabic sentence for a Chinese phrase)."""
from __future__ import annotations

from pathlib import Path

import pytest

from agent import ask
from agent.text import content_terms, tokens
from ingest import IndexOptions, IndexStore, ingest_paths

CASE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "cases" / "cjk-arabic-question"
RU = """title: Уведомление о пошлинах на алюминий
publisher: Примерное торговое ведомство
date: 2021-03-15
---
Правительство установило ввозную пошлину на алюминиевую фольгу в размере 12 процентов.

Пошлина применяется с 1 апреля 2021 года.
"""
JA = """title: 輸出管理に関するお知らせ
publisher: 例示貿易庁
date: 2022-07-01
---
例示精密株式会社は輸出許可の対象となる。

この措置は2022年8月1日から適用される。
"""
ZH2 = """title: 海关总署公告2020年第3号
publisher: 示例海关总署
date: 2019-12-10
---
海关总署决定对示例钢铁有限公司出口的钢管加征百分之十五的关税。

该措施自2020年1月1日起实施。
"""
RU2 = """title: Уведомление о квотах на медь
publisher: Примерное торговое ведомство
date: 2021-05-20
---
Министерство ввело годовую квоту на импорт медного катода в объеме 40 000 тонн.

Квота действует до 31 декабря 2022 года.
"""
ASKED = [  # (question, document, sentence its answer quotes)
    ("该决定何时生效？", "zh-notice.txt", "该决定自2019年6月1日起生效。"),
    ("哪家公司被列入不可靠实体清单？", "zh-notice.txt", "商务部决定将示例电子有限公司列入不可靠实体清单。"),
    ("كم تبلغ الرسوم على الصلب المستورد؟", "ar-notice.txt", "فرضت الحكومة رسوما جمركية بنسبة 25 في المئة على واردات الصلب."),
    ("Какая пошлина установлена на алюминиевую фольгу?", "ru-notice.txt",
     "Правительство установило ввозную пошлину на алюминиевую фольгу в размере 12 процентов."),
    ("С какого числа применяется пошлина?", "ru-notice.txt", "Пошлина применяется с 1 апреля 2021 года."),
    ("この措置はいつから適用されるか？", "ja-notice.txt", "この措置は2022年8月1日から適用される。"),
    ("輸出許可の対象となる会社は？", "ja-notice.txt", "例示精密株式会社は輸出許可の対象となる。"),
    ("钢管关税", "zh-notice2.txt", "海关总署决定对示例钢铁有限公司出口的钢管加征百分之十五的关税。"),
    ("示例钢铁有限公司", "zh-notice2.txt", "海关总署决定对示例钢铁有限公司出口的钢管加征百分之十五的关税。"),
    ("квота на медный катод", "ru-notice2.txt",
     "Министерство ввело годовую квоту на импорт медного катода в объеме 40 000 тонн."),
    ("До какого числа действует квота?", "ru-notice2.txt", "Квота действует до 31 декабря 2022 года."),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("scripts")
    (root / "ru-notice.txt").write_text(RU, encoding="utf-8")
    (root / "ja-notice.txt").write_text(JA, encoding="utf-8")
    (root / "zh-notice2.txt").write_text(ZH2, encoding="utf-8")
    (root / "ru-notice2.txt").write_text(RU2, encoding="utf-8")
    store = IndexStore(IndexOptions(path=root / "idx"))
    files = [CASE / "zh-notice.txt", CASE / "ar-notice.txt"] + sorted(root.glob("*.txt"))
    assert ingest_paths(files, store, progress=False).ingested == 6
    store.close()
    return root / "idx"


@pytest.mark.parametrize("question, name, sentence", ASKED)
def test_questions_in_other_scripts_quote_the_sentence_with_the_answer(index, question, name, sentence):
    a = ask(question, index=index)
    assert not a.abstained
    first = a.citations[0]
    assert Path(first.source).name == name and first.quote == sentence
    assert a.text.splitlines()[0].startswith(f"“{sentence}”") or a.text.splitlines()[0].endswith("[1]")


def test_tokens_of_each_script():
    # Han/Kana runs become overlapping bigrams (as the keyword index cuts them); other
    # scripts keep whole words; ASCII tokens and accent folding are as before.
    assert tokens("列入清单 Société U.S.") == ["列入", "入清", "清单", "Societe", "U.S"]
    assert tokens("الرسوم على الصُّلب") == ["الرسوم", "على", "الصلب"]  # tashkil folded
    assert tokens("пошлина 12%") == ["пошлина", "12%"]
    assert content_terms("清") == []  # one character alone is no term, like one Latin letter
    # Latin letters outside ASCII split words as they always have (English answers unchanged).
    assert tokens("Łódź ß") == ["odz"]
