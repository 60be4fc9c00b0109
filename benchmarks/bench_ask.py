#!/usr/bin/env python
"""Warm ``ask()`` latency over the dev questions, with baselines measured in the same run.

Builds an index of the bundled sample corpus (``data/sample``) in a temp folder,
or reuses one given with ``--index``; warms up (model load, caches); then times,
for N rounds over the dev questions:

* ``ask (hybrid)``        - the default pipeline (weighted fusion + extractive answerer)
* ``ask (dense-only)``    - the same with ``Settings(fusion="dense")`` (baseline)
* ``retrieve (hybrid)``   - retrieval alone, the floor under ``ask``
* ``ask (cold query)``    - the default pipeline with the embedder's recent-query
                            cache cleared before each call (the question is embedded
                            every time, as for a question never asked before)

and prints p50 / p95 / mean milliseconds and the ratios. Target: warm ask p50 < 200 ms.

    python benchmarks/bench_ask.py [--rounds 3] [--index DIR] [--questions FILE]
"""
from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.evaluate import percentile  # noqa: E402 - after the path is set

log = logging.getLogger("bench_ask")
TARGET_P50_MS = 200.0


def default_questions() -> Path:
    for p in (ROOT.parent / "shared" / "questions" / "dev.jsonl", ROOT / "data" / "questions" / "dev.jsonl"):
        if p.is_file():
            return p
    raise SystemExit("no dev question set found; pass --questions FILE")


def build_index(corpus: Path, index: Path):
    from agent.api import open_index
    from agent.config import Settings
    from ingest import ingest_paths

    s = Settings(index=index, llm="none")
    store = open_index(settings=s)
    t0 = time.perf_counter()
    report = ingest_paths([corpus], store, options=s.chunking(), progress=False)
    log.info("index %s: %s in %.1f s", index, report.summary(), time.perf_counter() - t0)
    if report.failed:
        raise SystemExit(f"ingest failed for {report.failed} file(s)")
    return s


def time_calls(fn, questions: list[str], rounds: int, before=None) -> list[float]:
    out = []
    for _ in range(rounds):
        for q in questions:
            if before:
                before()
            t0 = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t0) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, help="reuse this index folder (built from --corpus if empty/missing)")
    ap.add_argument("--corpus", type=Path, default=ROOT / "data" / "sample", help="corpus to ingest (default data/sample)")
    ap.add_argument("--questions", type=Path, default=None, help="JSONL with a 'question' field per line")
    ap.add_argument("--rounds", type=int, default=3, help="timed passes over the questions (default 3)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed passes first (default 1)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    from agent.api import ask, retrieve
    from agent.config import Fusion, Settings

    qfile = args.questions or default_questions()
    questions = [json.loads(line)["question"] for line in qfile.read_text(encoding="utf-8").splitlines() if line.strip()]
    tmp = None
    if args.index and (args.index / "catalog.sqlite").exists():
        s = Settings(index=args.index, llm="none")
        from agent.api import index_stats
        if index_stats(settings=s).documents == 0:
            s = build_index(args.corpus, args.index)
    else:
        if args.index is None:
            tmp = tempfile.TemporaryDirectory(prefix="tradeqa-bench-ask-")
        index = args.index or Path(tmp.name) / "index"
        print(f"building index of {args.corpus} in {index} ...", flush=True)
        s = build_index(args.corpus, index)
    dense = s.model_copy(update={"fusion": Fusion.DENSE})

    from agent.api import open_index

    embedder = open_index(settings=s).embedder
    clear = embedder._recent.clear  # noqa: SLF001 - the recent-query cache (see Embedder.embed_query)
    variants = [
        ("ask (hybrid)", lambda q: ask(q, settings=s), None),
        ("ask (dense-only)", lambda q: ask(q, settings=dense), None),
        ("retrieve (hybrid)", lambda q: retrieve(q, settings=s), None),
        ("ask (cold query)", lambda q: ask(q, settings=s), clear),
    ]
    t0 = time.perf_counter()
    for _ in range(args.warmup):
        for _, fn, _ in variants:
            for q in questions:
                fn(q)
    print(f"warm-up: {args.warmup} pass(es) x {len(variants)} variants x {len(questions)} questions "
          f"in {time.perf_counter() - t0:.1f} s", flush=True)

    results = {}
    for name, fn, before in variants:
        results[name] = time_calls(fn, questions, args.rounds, before)

    n = len(questions) * args.rounds
    print(f"\n{len(questions)} questions x {args.rounds} rounds = {n} calls per row ({qfile})")
    print(f"{'variant':<20} {'p50 ms':>9} {'p95 ms':>9} {'mean ms':>9} {'max ms':>9}")
    for name, xs in results.items():
        print(f"{name:<20} {percentile(xs, 50):9.1f} {percentile(xs, 95):9.1f} {statistics.fmean(xs):9.1f} {max(xs):9.1f}")
    hyb, den, ret, cold = (statistics.median(results[k]) for k in
                           ("ask (hybrid)", "ask (dense-only)", "retrieve (hybrid)", "ask (cold query)"))
    print(f"\nratio p50 ask(hybrid) / ask(dense-only) = {hyb / den:.2f}")
    print(f"ratio p50 ask(hybrid) / retrieve(hybrid) = {hyb / ret:.2f}  (answering adds {hyb - ret:.1f} ms)")
    print(f"ratio p50 ask(cold query) / ask(hybrid) = {cold / hyb:.2f}  (embedding the question adds {cold - hyb:.1f} ms)")
    for label, value in (("warm ask", hyb), ("cold-query ask", cold)):
        verdict = "PASS" if value < TARGET_P50_MS else "MISS"
        print(f"target: {label} p50 < {TARGET_P50_MS:.0f} ms -> {verdict} ({value:.1f} ms)")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
