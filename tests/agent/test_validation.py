"""Question validation shared by every entry point, and the script check."""
from __future__ import annotations

import pytest

from agent import Settings, ask, retrieve, stream_ask
from agent.cli import main
from agent.validation import (QuestionError, decode_argument, missing_scripts, script_of, scripts, strip_controls,
                              validate_question)


@pytest.mark.parametrize("question, match", [
    ("", "question is empty"),
    (" \t\n ", "question is empty"),
    ("\x00\x07\x1b", "question is empty"),
    ("???", "has no words"),
    ("x" * 1001, "1001 characters; the limit is 1000"),
    ("Is Huawei \udcff listed?", "invalid character at position 10"),
    ("\ud83d alone", "lone surrogate"),
    (b"caf\xe9", "not valid UTF-8"),
    (None, "must be a string"),
    (3.5, "must be a string"),
])
def test_invalid_questions_are_value_errors(question, match):
    with pytest.raises(ValueError, match=match):
        validate_question(question, 1000)


def test_controls_are_stripped_and_text_kept_as_typed():
    assert validate_question("  NEAR\x1b[31m the\u200b Entity List?\x00 ", 1000) == "NEAR the Entity List?"
    # A control character between words keeps them apart; an escape sequence goes whole.
    assert validate_question("What is\x0bHikvision\x0cmarket value?", 1000) == "What is Hikvision market value?"
    assert validate_question("\x1b[1;31mHikvision\x1b[0m\x08\x08Dahua?", 1000) == "Hikvision Dahua?"
    assert validate_question("Hik\u200bvision?", 1000) == "Hikvision?"
    assert strip_controls("a\u202eb\tc\n") == "ab\tc\n"
    assert validate_question("Was ist die Entity List?", 1000) == "Was ist die Entity List?"
    assert validate_question(b"caf\xc3\xa9?", 1000) == "café?"


def test_decode_argument_reports_surrogateescaped_bytes():
    arg = b"Is Huawei \xff\xfe listed?".decode("utf-8", "surrogateescape")
    with pytest.raises(QuestionError, match="0xff, 0xfe"):
        decode_argument(arg)
    assert decode_argument("plain") == "plain"


@pytest.mark.parametrize("entry", [ask, retrieve, lambda q, settings: list(stream_ask(q, settings=settings))])
@pytest.mark.parametrize("question, match", [("\ud800", "lone surrogate"), ("x" * 2000, "limit is 1000"),
                                             ("!!", "no words")])
def test_every_python_entry_point_validates_before_touching_the_index(tmp_path, forbid_model, entry, question,
                                                                        match):
    with pytest.raises(ValueError, match=match):
        entry(question, settings=Settings(index=tmp_path / "idx"))


def test_cli_invalid_utf8_is_a_clear_error(tmp_path, capsys, forbid_model):
    bad = b"Is Huawei \xff listed?".decode("utf-8", "surrogateescape")
    assert main(["ask", bad, "--index", str(tmp_path / "idx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the question is not valid UTF-8 (bytes 0xff)") and "Traceback" not in err


def test_scripts():
    assert script_of("a") == "LATIN" and script_of("中") == "CJK" and script_of("ह") == "DEVANAGARI"
    assert script_of("の") == "CJK" and script_of("1") is None and script_of("?") is None
    assert scripts("WTO 是什么组织") == {"CJK": 5, "LATIN": 3}
    assert scripts("WTO 是什么组织 a", min_share=0.5) == {"CJK": 5}
    english = {"LATIN"}
    assert missing_scripts("美国实体清单上有哪些公司？", english) == ["CJK"]
    assert missing_scripts("इकाई सूची में कौन सी कंपनियाँ हैं?", english) == ["DEVANAGARI"]
    assert missing_scripts("WTO 是什么组织", english) == ["CJK"]
    # One foreign name in an English question is not a mismatch; an indexed script is fine.
    assert missing_scripts("Did MOFCOM list 华为?", english) == []
    assert missing_scripts("美国实体清单", {"LATIN", "CJK"}) == []
    assert missing_scripts("2019-10-07", english) == []


def test_question_in_an_unindexed_script_abstains_saying_so(corpus_index):
    from agent.api import ask as ask_

    for q, script in [("美国把哪些中国公司列入了实体清单？", "Chinese/Japanese/Korean"),
                      ("अमेरिका ने किन कंपनियों को सूची में डाला?", "Devanagari")]:
        a = ask_(q, settings=corpus_index.settings)
        assert a.abstained and not a.citations
        assert f"written in {script} script" in a.text and "no text in that script" in a.text
        assert a.question == q


def test_abstention_keeps_the_question_as_typed(corpus_index):
    from agent.api import ask as ask_

    a = ask_("NEAR which lunar crater did Freedonia sanction cheese exporters?", settings=corpus_index.settings)
    assert a.abstained
    assert "“NEAR which lunar crater did Freedonia sanction cheese exporters”" in a.text


def test_indexed_scripts_follow_an_ingest_in_the_same_process(tmp_path):
    """The script set is cached per index generation: a Chinese document ingested after
    the first question makes Chinese questions answerable without a restart."""
    from agent.api import indexed_scripts, open_index
    from agent.config import Settings
    from ingest import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "en.txt").write_text("title: Notice\n---\nWidgets need an export licence from 2021.\n", encoding="utf-8")
    s = Settings(index=tmp_path / "index", llm="none")
    store = open_index(settings=s)
    ingest_paths([docs], store, options=s.chunking(), progress=False)
    assert indexed_scripts(store) == {"LATIN"}
    (docs / "zh.txt").write_text("title: 公告\n---\n自2021年起，小部件出口需要许可证。\n", encoding="utf-8")
    ingest_paths([docs], store, options=s.chunking(), progress=False)
    assert indexed_scripts(store) == {"LATIN", "CJK"}
