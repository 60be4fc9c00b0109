"""`tradeqa` CLI through ``agent.cli.main([...])``: exit codes, output and JSON fields."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from agent.cli import main
from ingest.loaders import load_file


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for key in list(os.environ):
        if key.startswith("TRADEQA_"):
            monkeypatch.delenv(key)


def test_ingest_ask_json_remove_stats(tiny_corpus: Path, tmp_path: Path, capsys):
    idx = str(tmp_path / "index")
    assert main(["-q", "ingest", str(tiny_corpus), "--index", idx]) == 0
    out = capsys.readouterr().out
    assert "3 ingested, 0 unchanged, 0 failed" in out and idx in out

    assert main(["-q", "-v", "ingest", str(tiny_corpus), "--index", idx]) == 0
    out = capsys.readouterr().out
    assert "0 ingested, 3 unchanged, 0 failed (0 texts embedded)" in out
    assert out.count("unchanged since last ingest") == 3  # -v lists every file
    assert main(["ingest", str(tiny_corpus), "--index", idx]) == 0
    assert capsys.readouterr().out.count("unchanged since last ingest") == 3  # so does the default; -q does not

    q = "When did exports of widgets to Ruritania require a licence?"
    assert main(["ask", q, "--json", "--index", idx]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["abstained"] is False and "March 3, 2021" in data["text"]
    assert data["question"] == q and "hits" not in data
    body = load_file(tiny_corpus / "widgets.txt").body
    assert data["citations"]
    cited = [c["quote"] for c in data["citations"]]
    for c in data["citations"]:
        assert {"source", "title", "quote", "start", "end"} <= set(c)
        assert c["source"] == str((tiny_corpus / "widgets.txt").resolve())
        assert c["title"] == "Widget export licensing notice"
        assert body[c["start"]:c["end"]] == c["quote"]

    assert main(["ask", "What is the capital of Japan?", "--json", "--index", idx]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["abstained"] is True and data["citations"] == []

    assert main(["ask", q, "--index", idx]) == 0  # Markdown output
    out = capsys.readouterr().out
    assert "**Sources**" in out and "> Exports of widgets to Ruritania" in out
    # Each quote once: under its source, not also in an "Evidence:" list above it.
    assert "Evidence:" not in out
    assert all(out.count(quote) == 1 for quote in cited), out

    assert main(["stats", "--index", idx]) == 0
    st = json.loads(capsys.readouterr().out)
    assert (st["documents"], st["sources"]) == (3, 3) and st["chunks"] >= 3 and st["path"] == idx

    assert main(["remove", "widgets.txt", "--index", idx]) == 0
    assert capsys.readouterr().out.strip() == f"removed {(tiny_corpus / 'widgets.txt').resolve()}"
    assert main(["remove", "widgets.txt", "--index", idx]) == 1
    assert "no matching source" in capsys.readouterr().err
    assert main(["stats", "--index", idx]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 2


def test_ask_filters_from_flags(tiny_corpus: Path, tmp_path: Path, capsys):
    idx = str(tmp_path / "index")
    assert main(["-q", "ingest", str(tiny_corpus), "--index", idx]) == 0
    capsys.readouterr()
    q = "When did exports of widgets to Ruritania require a licence?"
    assert main(["ask", q, "--json", "--index", idx, "--publisher", "customs"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all("widgets" not in c["source"] for c in data["citations"])
    assert main(["ask", q, "--json", "--index", idx, "--date-from", "2021-01-01", "--doc-type", "text"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["citations"] and all(c["date"] >= "2021-01-01" for c in data["citations"])
    assert main(["ask", q, "--index", idx, "--date-from", "yesterday"]) == 2
    assert "error: bad date" in capsys.readouterr().err


def test_ingest_with_a_broken_file_exits_2(tiny_corpus: Path, tmp_path: Path, capsys):
    (tiny_corpus / "broken.pdf").write_bytes(b"not a pdf at all")
    assert main(["-q", "ingest", str(tiny_corpus), "--index", str(tmp_path / "i")]) == 2
    cap = capsys.readouterr()
    assert "3 ingested, 0 unchanged, 1 failed" in cap.out
    assert "FAILED" in cap.err and "broken.pdf: not a PDF file (missing %PDF signature)" in cap.err


def test_ingest_of_nothing_exits_1(tmp_path: Path, capsys, forbid_model):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["-q", "ingest", str(empty), "--index", str(tmp_path / "i")]) == 1
    assert "no supported files found" in capsys.readouterr().err


def test_ask_errors_exit_2(tmp_path: Path, capsys, forbid_model):
    idx = str(tmp_path / "none")
    assert main(["ask", "What is the Entity List?", "--index", idx]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no index at") and "tradeqa ingest" in err
    assert main(["ask", "", "--index", idx]) == 2
    assert "error: question is empty" in capsys.readouterr().err
    assert not Path(idx).exists()  # asking never creates an index


@pytest.mark.parametrize("command", [["stats"], ["remove", "widgets.txt"]])
def test_a_missing_index_is_an_error_that_says_how_to_create_it(tmp_path: Path, capsys, forbid_model, command):
    idx = tmp_path / "mistyped"
    assert main([*command, "--index", str(idx)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: index folder {idx} does not exist")
    assert f"tradeqa ingest PATH... --index {idx}" in err
    assert not idx.exists()  # a mistyped --index must not leave an empty index behind
    idx.mkdir()  # a folder that is not an index
    assert main([*command, "--index", str(idx)]) == 2
    assert "holds no tradeqa index" in capsys.readouterr().err


def test_stats_prints_iso_times(tiny_corpus: Path, tmp_path: Path, capsys):
    from datetime import datetime, timedelta, timezone

    idx = str(tmp_path / "index")
    assert main(["-q", "ingest", str(tiny_corpus / "gadgets.md"), "--index", idx]) == 0
    capsys.readouterr()
    assert main(["stats", "--index", idx]) == 0
    last = json.loads(capsys.readouterr().out)["last_ingest"]
    when = datetime.fromisoformat(last)  # e.g. 2026-11-29T11:00:36+00:00
    assert when.tzinfo is not None and abs(datetime.now(timezone.utc) - when) < timedelta(minutes=5)


def test_index_from_environment(tiny_corpus: Path, tmp_path: Path, monkeypatch, capsys):
    idx = tmp_path / "env-index"
    monkeypatch.setenv("TRADEQA_INDEX", str(idx))
    assert main(["-q", "ingest", str(tiny_corpus / "gadgets.md")]) == 0
    assert (idx / "catalog.sqlite").exists()
    assert f"-> {idx}" in capsys.readouterr().out


def test_usage_errors(capsys):
    with pytest.raises(SystemExit) as err:
        main([])
    assert err.value.code == 2
    with pytest.raises(SystemExit) as err:
        main(["frobnicate"])
    assert err.value.code == 2
    with pytest.raises(SystemExit) as err:
        main(["ask"])
    assert err.value.code == 2


@pytest.mark.parametrize("argv", [["ingest", "docs", "-q"], ["-q", "ingest", "docs"], ["ask", "Who?", "-q", "-v"]])
def test_logging_flags_are_read_before_or_after_the_command(argv):
    from agent.cli import build_parser

    args = build_parser().parse_args(argv)
    assert args.quiet and args.verbose == ("-v" in argv)
