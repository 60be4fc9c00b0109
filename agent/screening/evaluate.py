"""Screening evaluation over a labelled variant set (``data/screening/variants.jsonl``).

Reports, per half (fit / check) and per variant kind, at the default threshold:
recall@1 and recall@3 of listed queries (a hit counts when an expected record id is
among the first k hits *at or above the threshold*), the false-positive rate on
unlisted names (any hit at or above the threshold), p50/p95 latency — for tradeqa's
matcher and for the baseline (plain ``rapidfuzz`` WRatio over names and aliases,
best score per record) — and the curve of recall@3 / FP rate over thresholds.
"""
from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .index import NameIndex

log = logging.getLogger(__name__)

THRESHOLDS = (50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100)


@dataclass
class QueryResult:
    row: dict
    ranked: list[tuple[str, float]]  # (record id, score), best first, one per record id
    ms: float


@dataclass
class MethodReport:
    name: str
    results: list[QueryResult] = field(default_factory=list)


def _ranked_ours(idx: NameIndex) -> Callable[[str], list[tuple[str, float]]]:
    def run(q: str) -> list[tuple[str, float]]:
        out: dict[str, float] = {}
        for r_i, _e, a in idx.match(q):
            rid = idx.records[r_i].record_id
            if rid not in out:
                out[rid] = a.score
            if len(out) >= 10:
                break
        return list(out.items())
    return run


def _ranked_baseline(idx: NameIndex) -> Callable[[str], list[tuple[str, float]]]:
    from rapidfuzz import fuzz, process

    choices = [e.text for e in idx.entries]
    owners = [idx.records[e.record].record_id for e in idx.entries]

    def run(q: str) -> list[tuple[str, float]]:
        out: dict[str, float] = {}
        for _t, score, i in process.extract(q, choices, scorer=fuzz.WRatio, limit=30):
            out.setdefault(owners[i], float(score))
        return sorted(out.items(), key=lambda kv: -kv[1])[:10]
    return run


def run_method(name: str, ranker: Callable[[str], list[tuple[str, float]]], rows: list[dict],
               progress: bool = True) -> MethodReport:
    from tqdm import tqdm

    rep = MethodReport(name)
    for row in tqdm(rows, desc=f"screen eval ({name})", disable=not progress, leave=False):
        t0 = time.perf_counter()
        ranked = ranker(row["query"])
        rep.results.append(QueryResult(row, ranked, (time.perf_counter() - t0) * 1000))
    return rep


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return 0.0
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def metrics(results: list[QueryResult], threshold: float) -> dict:
    """recall@1, recall@3 (listed), FP rate (unlisted), latency, counts."""
    listed = [r for r in results if r.row["listed"]]
    unlisted = [r for r in results if not r.row["listed"]]

    def found(r: QueryResult, k: int) -> bool:
        top = [rid for rid, s in r.ranked if s >= threshold][:k]
        return bool(set(top) & set(r.row["expected"]))

    ms = [r.ms for r in results]
    return {
        "listed": len(listed), "unlisted": len(unlisted),
        "recall@1": sum(found(r, 1) for r in listed) / len(listed) if listed else None,
        "recall@3": sum(found(r, 3) for r in listed) / len(listed) if listed else None,
        "fp_rate": sum(any(s >= threshold for _, s in r.ranked) for r in unlisted) / len(unlisted) if unlisted else None,
        "p50_ms": _pct(ms, 50), "p95_ms": _pct(ms, 95),
    }


def report(methods: list[MethodReport], threshold: float) -> dict:
    """The full report: per method, per half, per kind, and the threshold curve."""
    out: dict = {"threshold": threshold, "methods": {}}
    for m in methods:
        halves = {"all": m.results}
        for h in ("fit", "check"):
            halves[h] = [r for r in m.results if r.row.get("half") == h]
        kinds: dict[str, list[QueryResult]] = defaultdict(list)
        for r in m.results:
            kinds[r.row.get("kind", "?")].append(r)
        out["methods"][m.name] = {
            "halves": {h: metrics(rs, threshold) for h, rs in halves.items()},
            "kinds": {k: metrics(rs, threshold) for k, rs in sorted(kinds.items())},
            "curve": {h: {t: metrics(halves[h], t) for t in THRESHOLDS} for h in ("fit", "check")},
        }
    return out


def choose_threshold(results: list[QueryResult], max_fp: float = 0.05) -> float:
    """The threshold (0.5 steps) that maximises recall@3 with FP rate <= ``max_fp`` on
    ``results`` (meant for the fit half only); ties go to the higher threshold."""
    best = (-1.0, 100.0)
    t = 50.0
    while t <= 100.0:
        m = metrics(results, t)
        if (m["fp_rate"] or 0) <= max_fp and (m["recall@3"] or 0) >= best[0]:
            best = (m["recall@3"] or 0, t)
        t += 0.5
    return best[1]


def _fmt(x) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def to_markdown(rep: dict) -> str:
    lines = [f"# Screening evaluation (threshold {rep['threshold']})", ""]
    lines += ["| method | half | listed | unlisted | recall@1 | recall@3 | FP rate | p50 ms | p95 ms |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, m in rep["methods"].items():
        for h, x in m["halves"].items():
            lines.append(f"| {name} | {h} | {x['listed']} | {x['unlisted']} | {_fmt(x['recall@1'])} | "
                         f"{_fmt(x['recall@3'])} | {_fmt(x['fp_rate'])} | {x['p50_ms']:.1f} | {x['p95_ms']:.1f} |")
    lines += ["", "## Per variant kind (all queries)", "",
              "| method | kind | n | recall@1 | recall@3 | FP rate |", "|---|---|---:|---:|---:|---:|"]
    for name, m in rep["methods"].items():
        for k, x in m["kinds"].items():
            lines.append(f"| {name} | {k} | {x['listed'] + x['unlisted']} | {_fmt(x['recall@1'])} | "
                         f"{_fmt(x['recall@3'])} | {_fmt(x['fp_rate'])} |")
    lines += ["", "## Curve over thresholds (recall@3 / FP rate)", "",
              "| method | half | " + " | ".join(str(t) for t in THRESHOLDS) + " |",
              "|---|---|" + "---:|" * len(THRESHOLDS)]
    for name, m in rep["methods"].items():
        for h, curve in m["curve"].items():
            cells = [f"{100 * (c['recall@3'] or 0):.0f}/{100 * (c['fp_rate'] or 0):.0f}" for c in curve.values()]
            lines.append(f"| {name} | {h} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def load_rows(path: str | Path) -> list[dict]:
    """Rows of a variant-set JSONL; raises ValueError naming the bad line."""
    rows = []
    for i, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{i}: not JSON ({exc})") from exc
        if "query" not in row or "listed" not in row:
            raise ValueError(f"{path}:{i}: needs 'query' and 'listed'")
        row.setdefault("expected", [])
        rows.append(row)
    return rows


def evaluate_screening(path: str | Path | list[str | Path], idx: NameIndex, threshold: float, *,
                       baseline: bool = True, progress: bool = True) -> dict:
    """Run tradeqa's matcher (and the baseline) over a variant set (one JSONL file, or
    several evaluated as one set, as ``tradeqa eval`` passes them); the report dict."""
    paths = path if isinstance(path, (list, tuple)) else [path]
    rows = [r for p in paths for r in load_rows(p)]
    ranked = _ranked_ours(idx)
    for r in rows[:5]:  # warm caches so latency is the warm figure
        ranked(r["query"])
    methods = [run_method("tradeqa", ranked, rows, progress)]
    if baseline:
        methods.append(run_method("baseline WRatio", _ranked_baseline(idx), rows, progress))
    rep = report(methods, threshold)
    fit = [r for r in methods[0].results if r.row.get("half") == "fit"]
    rep["threshold_fitted_on_fit_half"] = choose_threshold(fit) if fit else None
    return rep
