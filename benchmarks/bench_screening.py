"""Screening speed: CSL ingest (wall and CPU), one-name latency (warm), a batch of
1,000 names, and the same names through plain ``rapidfuzz.process.extract`` (WRatio)
over the same name+alias rows, measured in the same run.

    python benchmarks/bench_screening.py [--csl FILE] [--names 1000] [--baseline-names 100]

The baseline scans every row per query (~0.1-0.2 s a name here), so it runs on the
first ``--baseline-names`` names and the ratio is per name.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu() -> float:
    t = os.times()
    return t.user + t.system


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csl", default=str(ROOT / "data" / "sample" / "csl-consolidated-2022-05.csv.gz"))
    ap.add_argument("--variants", default=str(ROOT / "data" / "screening" / "variants.jsonl"))
    ap.add_argument("--names", type=int, default=1000)
    ap.add_argument("--baseline-names", dest="baseline_names", type=int, default=100)
    args = ap.parse_args()

    from rapidfuzz import fuzz, process

    from agent.screening import screen_index
    from agent.screening.index import load_index
    from ingest.screening_lists import ingest_screening_list
    from ingest.store import IndexOptions, IndexStore

    with tempfile.TemporaryDirectory() as tmp:
        store = IndexStore(IndexOptions(path=Path(tmp)))
        w0, c0 = time.perf_counter(), cpu()
        res = ingest_screening_list(args.csl, store)
        w1, c1 = time.perf_counter(), cpu()
        print(f"CSL ingest: {res.summary()} in {w1 - w0:.1f} s wall, {c1 - c0:.1f} s CPU  (target <= 60 s)")
        w0, c0 = time.perf_counter(), cpu()
        idx = load_index(Path(tmp) / "catalog.sqlite")
        w1, c1 = time.perf_counter(), cpu()
        print(f"name index build (first screen): {len(idx.entries)} names in {w1 - w0:.2f} s wall, {c1 - c0:.2f} s CPU")

        queries = [json.loads(l)["query"] for l in Path(args.variants).read_text(encoding="utf-8").splitlines() if l.strip()]
        names = (queries * (args.names // max(1, len(queries)) + 1))[: args.names]
        for q in queries[:20]:
            screen_index(idx, q)  # warm
        one = []
        for q in queries:
            t = time.perf_counter()
            screen_index(idx, q)
            one.append((time.perf_counter() - t) * 1000)
        one.sort()
        print(f"one name (warm, {len(one)} distinct queries): p50 {statistics.median(one):.1f} ms, "
              f"p95 {one[int(0.95 * (len(one) - 1))]:.1f} ms  (target p50 <= 20 ms)")
        t0 = time.perf_counter()
        for q in names:
            screen_index(idx, q)
        ours = time.perf_counter() - t0
        print(f"batch of {len(names)} names: {ours:.1f} s ({1000 * ours / len(names):.1f} ms/name)  (target <= 30 s)")

        choices = [e.text for e in idx.entries]
        base_names = names[: args.baseline_names]
        t0 = time.perf_counter()
        for q in base_names:
            process.extract(q, choices, scorer=fuzz.WRatio, limit=10)
        base = time.perf_counter() - t0
        per_base, per_ours = base / len(base_names), ours / len(names)
        print(f"baseline rapidfuzz.process.extract(WRatio) over the same {len(choices)} rows: "
              f"{1000 * per_base:.1f} ms/name on {len(base_names)} names -> {per_base * len(names):.0f} s for {len(names)}")
        print(f"ratio baseline/tradeqa per name: {per_base / per_ours:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
