#!/usr/bin/env python
"""Regenerate the README's "Measured" block from the last benchmark and eval outputs.

    python scripts/measured.py                       # print the Markdown block
    python scripts/measured.py --write README.md     # replace it between the markers

Inputs (each optional; a missing one leaves its part out and says so):
  * ``benchmarks/results/last.json``  - ``python benchmarks/bench_speed.py`` (``--bench``)
  * ``eval-out/summary.json``         - ``tradeqa eval ... --out eval-out`` (``--eval``; repeatable,
    e.g. the dev set and a held-out set)

The block goes between the lines ``<!-- measured:start -->`` and ``<!-- measured:end -->``;
``--write`` fails (exit 1) when the file lacks them, and writes nothing else.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- measured:start -->", "<!-- measured:end -->"


def _pct(v) -> str:
    return "–" if v is None else f"{100 * v:.0f} %"


def eval_section(path: Path) -> list[str]:
    d = json.loads(path.read_text(encoding="utf-8"))
    rows = d.get("configs") or []
    if not rows:
        return []
    ks = [str(k) for k in d.get("ks", [1, 3, 5])]
    names = " ".join(Path(q.strip()).name for q in str(d.get("questions", "?")).split(","))
    out = [f"Answers: `tradeqa eval {names}` over `{d.get('corpus') or 'the index'}`"
           f" ({d.get('created', '')[:10]}), no LLM:", "",
           "| configuration | answerable fully correct | direct answer right | unanswerable abstained | "
           "wrong abstentions | paraphrase consistency | citation precision | "
           f"recall@{'/'.join(ks)} | MRR | latency p50 / p95 |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        s = r["summary"]
        rec = " / ".join("–" if s["recall_at_k"].get(k) is None else f"{100 * s['recall_at_k'][k]:.0f}" for k in ks)
        mrr = "–" if s.get("mrr") is None else f"{s['mrr']:.2f}"
        lat = "–" if s.get("latency_p50_ms") is None else f"{s['latency_p50_ms']:.0f} / {s['latency_p95_ms']:.0f} ms"
        out.append(f"| {r['name']} ({s['n_questions']} questions, {s['n_answerable']} answerable) | "
                   f"{_pct(s['correct_rate'])} | {_pct(s.get('direct_rate'))} | {_pct(s['abstain_recall'])} | "
                   f"{s.get('wrong_abstentions', '–')} | {_pct(s.get('consistency'))} | "
                   f"{_pct(s['citation_precision'])} | {rec} % | {mrr} | {lat} |")
    return out + [""]


def bench_section(path: Path) -> list[str]:
    d = json.loads(path.read_text(encoding="utf-8"))
    out = [f"Speed: `python benchmarks/bench_speed.py` ({d.get('started', '')[:16]}, {d.get('cpus')} CPUs shared, "
           f"load average {d.get('load_avg', 0):.1f} at the start; every ratio is measured in the same run):", ""]
    c = d.get("cold")
    if c:
        out.append(f"- cold start, fresh process: `tradeqa ask` {c['ask_s']:.1f} s (a question whose passages' "
                   f"sentence vectors are not cached yet: {c['ask_first_s']:.1f} s), `tradeqa --help` "
                   f"{c['help_s']:.2f} s, `tradeqa ui --help` {c['ui_help_s']:.2f} s")
    a = d.get("ask_sample")
    if a:
        out.append(f"- `ask()` in process on the sample index ({a['questions']} dev questions): warm p50 "
                   f"{a['warm_p50_ms']:.0f} ms (p95 {a['warm_p95_ms']:.0f} ms); first time a question is asked "
                   f"{a['first_p50_ms']:.0f} ms (p95 {a['first_p95_ms']:.0f} ms)")
    if d.get("ingest"):
        out += ["", "| ingest (model load excluded) | chunks | tradeqa chunks/s | naive LangChain chunks/s | ratio | "
                    "re-ingest unchanged |", "|---|---:|---:|---:|---:|---:|"]
        for name, row in d["ingest"].items():
            t, n = row["tradeqa"], row["naive"]
            st = f" ({row['ratio_st']:.2f}× with the sentence-transformers encoder)" if "ratio_st" in row else ""
            out.append(f"| {name} | {t['chunks']} / {n['chunks']} | {t['chunks_per_s']:.1f} | {n['chunks_per_s']:.1f} | "
                       f"{row['ratio']:.2f}×{st} | {100 * t['reingest_share']:.1f} % of first ingest, "
                       f"{t['reingest_embedded']} embedded |")
    if d.get("scale"):
        out += ["", "| chunks (synthetic) | warm `ask()` p50 / p95 | keyword p50 | dense p50 (naive Chroma) | "
                    "index write chunks/s (naive) | peak RSS (naive) | disk (naive) |",
                "|---:|---:|---:|---:|---:|---:|---:|"]
        for row in d["scale"]:
            t, n = row["tradeqa"], row.get("naive") or {}
            nv = lambda k, f: f" ({format(n[k], f)})" if k in n else ""  # noqa: E731
            out.append(f"| {t['size']:,} | {t['ask_warm_p50_ms']:.0f} / {t['ask_warm_p95_ms']:.0f} ms | "
                       f"{t['keyword_p50_ms']:.1f} ms | {t['dense_p50_ms']:.1f}{nv('dense_p50_ms', '.1f')} ms | "
                       f"{t['write_chunks_per_s']:.0f}{nv('write_chunks_per_s', '.0f')} | "
                       f"{t['rss_mib']:.0f}{nv('rss_mib', '.0f')} MiB | {t['disk_mib']:.0f}{nv('disk_mib', '.0f')} MiB |")
    return out + [""]


def build(bench: Path | None, evals: list[Path]) -> str:
    lines = ["### Measured", "", "<!-- generated by scripts/measured.py from the last benchmark and eval outputs; "
             "edit those, not this block -->", ""]
    for p in evals:
        if p.is_file():
            lines += eval_section(p)
        else:
            lines += [f"(no eval output at `{p}`: run `tradeqa eval ... --out {p.parent}`)", ""]
    if bench and bench.is_file():
        lines += bench_section(bench)
    elif bench:
        lines += [f"(no benchmark output at `{bench}`: run `python benchmarks/bench_speed.py`)", ""]
    return "\n".join(lines).rstrip() + "\n"


def replace_block(text: str, block: str) -> str:
    """``text`` with everything between the markers replaced by ``block``; ValueError without markers."""
    i, j = text.find(START), text.find(END)
    if i < 0 or j < i:
        raise ValueError(f"no {START} ... {END} markers")
    return text[:i + len(START)] + "\n" + block + text[j:]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=ROOT / "benchmarks" / "results" / "last.json")
    ap.add_argument("--eval", type=Path, action="append", dest="evals",
                    help="eval summary.json (repeatable; default eval-out/summary.json)")
    ap.add_argument("--write", type=Path, help="Markdown file whose measured block is replaced")
    args = ap.parse_args(argv)
    block = build(args.bench, args.evals or [ROOT / "eval-out" / "summary.json"])
    if not args.write:
        print(block)
        return 0
    try:
        args.write.write_text(replace_block(args.write.read_text(encoding="utf-8"), block), encoding="utf-8")
    except ValueError as exc:
        print(f"error: {args.write}: {exc}", file=sys.stderr)
        return 1
    print(f"updated the measured block of {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
