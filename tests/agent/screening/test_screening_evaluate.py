"""Screening metrics, threshold choice, and the variant set on the real CSL snapshot."""
from __future__ import annotations

from pathlib import Path

import pytest

from agent.screening.evaluate import QueryResult, choose_threshold, metrics

ROOT = Path(__file__).resolve().parents[3]


def _r(listed, expected, ranked, half="fit"):
    return QueryResult({"listed": listed, "expected": expected, "half": half, "kind": "k"}, ranked, 1.0)


def test_metrics_count_hits_above_threshold_only():
    res = [_r(True, ["a"], [("a", 90.0)]), _r(True, ["b"], [("x", 95.0), ("y", 94.0), ("b", 85.0)]),
           _r(True, ["c"], [("c", 70.0)]), _r(False, [], [("z", 88.0)]), _r(False, [], [("z", 60.0)])]
    m = metrics(res, 80)
    assert m["recall@1"] == pytest.approx(1 / 3)
    assert m["recall@3"] == pytest.approx(2 / 3)
    assert m["fp_rate"] == pytest.approx(0.5)
    assert metrics(res, 89)["fp_rate"] == 0.0


def test_threshold_choice_keeps_fp_under_five_percent():
    res = [_r(True, ["a"], [("a", 90.0)])] + [_r(False, [], [("z", 70.0 + i)]) for i in range(10)]
    t = choose_threshold(res)
    assert metrics(res, t)["fp_rate"] <= 0.05 and metrics(res, t)["recall@3"] == 1.0
    assert 79.5 < t <= 90.0


@pytest.mark.integration
def test_variant_set_meets_the_targets_on_both_halves(tmp_path):
    from agent.config import Settings
    from agent.screening.evaluate import evaluate_screening
    from agent.screening.index import load_index
    from ingest.screening_lists import ingest_screening_list
    from ingest.store import IndexOptions, IndexStore

    store = IndexStore(IndexOptions(path=tmp_path))
    ingest_screening_list(ROOT / "data" / "sample" / "csl-consolidated-2022-05.csv.gz", store)
    idx = load_index(tmp_path / "catalog.sqlite")
    rep = evaluate_screening(ROOT / "data" / "screening" / "variants.jsonl", idx, Settings().screening_threshold,
                             baseline=False, progress=False)
    for half in ("fit", "check"):
        m = rep["methods"]["tradeqa"]["halves"][half]
        assert m["recall@3"] >= 0.95, (half, m)
        assert m["fp_rate"] <= 0.05, (half, m)


def test_eval_screening_command_as_the_readme_gives_it(tmp_path, capsys, forbid_model):
    """``tradeqa eval --screening FILE`` (the eval parser takes one or more question
    files: the screening report must accept that list, not crash on it)."""
    import csv
    import io
    import json

    from agent.cli import main
    from ingest.screening_lists import CSL_COLUMNS, ingest_screening_list
    from ingest.store import IndexOptions, IndexStore

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSL_COLUMNS)
    w.writeheader()
    w.writerow({"_id": "a1", "source": "Entity List (EL) - Bureau of Industry and Security", "name": "Dahua Technology"})
    (tmp_path / "csl.csv").write_text(buf.getvalue())
    ingest_screening_list(tmp_path / "csl.csv", IndexStore(IndexOptions(path=tmp_path / "idx")))
    variants = tmp_path / "v.jsonl"
    variants.write_text("\n".join(json.dumps(r) for r in (
        {"query": "Dahua Technlogy", "listed": True, "expected": ["a1"], "half": "fit", "kind": "typo"},
        {"query": "Acme Widgets", "listed": False, "half": "check", "kind": "hand_unlisted"})) + "\n")
    out = tmp_path / "out"
    assert main(["-q", "eval", "--screening", str(variants), "--index", str(tmp_path / "idx"), "--out", str(out)]) == 0
    summary = json.loads((out / "screening-summary.json").read_text())
    halves = summary["methods"]["tradeqa"]["halves"]
    assert halves["fit"]["recall@3"] == 1.0 and halves["check"]["fp_rate"] == 0.0
    assert "recall@3" in capsys.readouterr().out
