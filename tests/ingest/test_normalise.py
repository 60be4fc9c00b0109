"""Normalisation for matching (never for storage): one fold for the keyword index,
the question and the answerer's terms."""
from __future__ import annotations

import unicodedata

import pytest

from ingest.normalise import (canonical_script, cjk_bigrams, fold, index_text, joined_numbers, main_scripts,
                              number_key, number_terms, query_terms, script_counts, script_of, word_tokens)


def test_fold_meets_nfc_nfd_case_width_and_diacritics():
    nfc = unicodedata.normalize("NFC", "Société Générale")
    nfd = unicodedata.normalize("NFD", "Société Générale")
    assert nfc != nfd
    assert fold(nfc) == fold(nfd) == fold("SOCIETE GENERALE") == "societe generale"
    assert fold("ＡＢＣ１２３") == "abc123"  # full width (NFKC)
    assert fold("Straße") == "strasse"  # case folding, not just lower()
    assert fold("Müller") == fold("Mu\u0308ller") == "muller"
    # Arabic short vowels and tatweel are diacritics; the letters stay.
    assert fold("الصُّلْب") == fold("الصـلب") == "الصلب"
    # Vowel signs of Indic scripts are not diacritics: कि and क stay different.
    assert fold("कि") != fold("क")


def test_number_forms():
    assert number_key("10,000") == number_key("10 000") == number_key("10\u202f000") == "10000"
    assert number_key("1,234,567") == "1234567"
    assert number_key("2019") == "2019" and number_key("1,5") == "1,5"  # not digit groups
    assert joined_numbers("40,000 tonnes in 2019, 2 500 000 t, version 1.2,345") == ["40000", "2500000"]
    assert "10000" in query_terms("a quota of 10 000 tonnes") and "10000" in query_terms("10,000")
    assert query_terms("10000") == ["10000"]
    assert number_terms("40,000 tonnes and 1\u202f250 t") == "40000 1250"
    # The text's own tokens are unchanged for ASCII text (BM25 lengths as before).
    assert index_text("The quota is 40,000 Tonnes.") == "the quota is 40,000 tonnes."


def test_cjk_runs_become_bigrams_latin_words_stay():
    assert cjk_bigrams("清单").split() == ["清单"]
    assert cjk_bigrams("不可靠实体清单").split() == ["不可", "可靠", "靠实", "实体", "体清", "清单"]
    assert cjk_bigrams("列入A清单").split() == ["列入", "A", "清单"]
    assert query_terms("不可靠实体清单") == ["不可", "可靠", "靠实", "实体", "体清", "清单"]
    assert query_terms("Notice 52.204-25, Hikvision") == ["notice", "52.204-25", "hikvision"]
    # Every bigram of the question's run is found in the index form of a text holding the run.
    text = "商务部决定将示例电子有限公司列入不可靠实体清单。"
    assert set(query_terms("不可靠实体清单")) <= set(index_text(text).split())


def test_word_tokens_keep_offsets_into_the_original():
    text = "Die Société Générale (مكتب) zahlte 10,000 €."
    toks = word_tokens(text)
    assert [t for t, _, _ in toks] == ["die", "societe", "generale", "مكتب", "zahlte", "10", "000"]
    assert all(fold(text[s:e]) == t for t, s, e in toks)


def test_scripts():
    assert script_of("a") == "Latin" and script_of("清") == "Han" and script_of("ب") == "Arabic"
    assert script_of("Ж") == "Cyrillic" and script_of("5") is None and script_of(" ") is None
    counts = script_counts("Hello 商务部 الصلب Привет 123")
    assert counts == {"Latin": 5, "Han": 3, "Arabic": 5, "Cyrillic": 6}
    assert main_scripts("商务部决定 OK", share=0.5) == ["Han"]
    assert canonical_script("arabic") == "Arabic" and canonical_script("Chinese") == "Han"
    with pytest.raises(ValueError, match="unknown script"):
        canonical_script("klingon")
