"""Render an :class:`~agent.evaluate.EvalReport` as Markdown with PNG charts, and as a
plain-text summary table for the terminal."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from .evaluate import ConfigRun, EvalReport, QuestionResult

log = logging.getLogger(__name__)

ANSWER_PREVIEW_CHARS = 700  # enough to see what went wrong without drowning the report


# ----------------------------------------------------------------------------- formatting
def fmt(value: float | None, kind: str) -> str:
    """A metric as text: percentages to 1 decimal, ``n/a`` for nothing measured."""
    if value is None:
        return "n/a"
    if kind == "pct":
        return f"{value * 100:.1f}%"
    if kind == "ms":
        return f"{value:.0f}"
    if kind == "int":
        return f"{int(value)}"
    return f"{value:.3f}"


def fmt_delta(value: float | None, kind: str) -> str:
    """A difference with its sign (percentage points for rates)."""
    if value is None:
        return "n/a"
    if abs(value) < 1e-12:
        return "="
    if kind == "pct":
        return f"{value * 100:+.1f} pt"
    if kind == "ms":
        return f"{value:+.0f}"
    if kind == "int":
        return f"{int(value):+d}"
    return f"{value:+.3f}"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _quote_block(text: str, limit: int = ANSWER_PREVIEW_CHARS) -> str:
    text = text.strip() or "(empty answer)"
    if len(text) > limit:
        text = text[:limit].rstrip() + " …"
    return "\n".join("> " + line if line.strip() else ">" for line in text.splitlines())


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> list[str]:
    align = align or "l" + "r" * (len(header) - 1)
    sep = ["---:" if a == "r" else "---" for a in align]
    return ["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"] + [
        "| " + " | ".join(r) + " |" for r in rows]


# ----------------------------------------------------------------------------- tables
def summary_rows(report: "EvalReport") -> tuple[list[str], list[list[str]]]:
    """Header and rows of the headline table: one column per configuration, and a
    difference column against the first when there are two or more."""
    from .evaluate import metric_rows

    runs = report.runs
    per_run = [metric_rows(r.summary, report.ks) for r in runs]
    header = ["Metric"] + [r.name for r in runs]
    if len(runs) > 1:
        header += [f"Δ {r.name} − {runs[0].name}" for r in runs[1:]]
    rows = []
    for i, (key, label, kind, _hib, _v) in enumerate(per_run[0]):
        vals = [pr[i][4] for pr in per_run]
        row = [label] + [fmt(v, kind) for v in vals]
        for v in vals[1:]:
            row.append(fmt_delta(None if v is None or vals[0] is None else v - vals[0], kind))
        rows.append(row)
    counts = ["Questions (answerable / unanswerable)"] + [
        f"{r.summary.n_questions} ({r.summary.n_answerable} / {r.summary.n_unanswerable})" for r in runs]
    rows.insert(0, counts + [""] * (len(header) - len(counts)))
    return header, rows


def summary_table(report: "EvalReport") -> str:
    """The headline metrics as an aligned plain-text table (for the terminal)."""
    header, rows = summary_rows(report)
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)  # noqa: E731
                               for i, (c, w) in enumerate(zip(r, widths)))
    out = [line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
    for g in report.gates:
        status = "pass" if g.passed else "FAIL"
        out.append(f"gate [{g.config}] {g.metric} >= {fmt(g.threshold, 'pct')}: {fmt(g.value, 'pct')} {status}")
    return "\n".join(out)


def _kind_rows(run: "ConfigRun", ks: Sequence[int]) -> list[list[str]]:
    k5 = 5 if 5 in ks else max(ks)
    rows = []
    for kind, s in run.summary.by_kind.items():
        rows.append([_cell(kind), str(s.n_questions), fmt(s.correct_rate, "pct"), fmt(s.correctness_mean, "pct"),
                     fmt(s.abstain_recall, "pct"), fmt(s.citation_precision, "pct"), fmt(s.source_recall, "pct"),
                     fmt(s.recall_at_k.get(k5), "pct"), fmt(s.latency_p50_ms, "ms")])
    return rows


def _question_rows(run: "ConfigRun") -> list[list[str]]:
    rows = []
    for r in run.results:
        facts = f"{sum(r.groups_matched)}/{len(r.groups_matched)}" if r.answerable else "–"
        cits = f"{r.citations_verified}/{len(r.citations)}"
        rows.append([
            ("❌ " if r.failed else "") + _cell(r.id), _cell(r.kind),
            "–" if r.correct is None else ("yes" if r.correct else "no"),
            "–" if r.direct_correct is None else ("yes" if r.direct_correct else "no"), facts,
            "yes" if r.abstained else "no", cits,
            "–" if r.source_hit is None else ("yes" if r.source_hit else "no"),
            "–" if not r.answerable else (str(r.source_rank) if r.source_rank else "miss"),
            f"{r.latency_ms:.0f}",
        ])
    return rows


def _failure_block(r: "QuestionResult") -> list[str]:
    label = r.kind if r.answerable or r.kind == "unanswerable" else f"{r.kind}, unanswerable"
    lines = [f"#### {r.id} ({label}) — {_cell(r.question)}", ""]
    lines += [f"- {_cell(f)}" for f in r.failures]
    lines += ["", "Answer given" + (f" ({r.backend})" if r.backend else "") + ":", "", _quote_block(r.answer_text)]
    if r.citations:
        lines += ["", "Citations:"]
        for c in r.citations:
            mark = "✔" if c.verified else "✘"
            lines.append(f"- {mark} [{c.n}] `{c.stem or c.source}` — \"{_cell(c.quote)[:200]}\""
                         + (f" — {c.reason}" if c.reason else ""))
    if r.retrieved:
        lines += ["", "Retrieved (rank order): " + ", ".join(f"`{s}`" for s in r.retrieved[:10])]
    return lines + [""]


# ----------------------------------------------------------------------------- charts
def write_charts(report: "EvalReport", out: Path) -> dict[str, Path]:
    """PNG charts: fully-correct and citation precision per kind; recall@k per configuration."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers / CI
    import matplotlib.pyplot as plt

    paths: dict[str, Path] = {}
    runs = report.runs
    kinds = sorted({k for r in runs for k in r.summary.by_kind})
    width = 0.8 / max(1, len(runs))
    # "correct": fully correct for answerable kinds, abstained for unanswerable ones.
    panels = [("correct", "Correct (answerable: all facts;\nunanswerable: abstained)"),
              ("citation_precision", "Citation precision"), ("source_recall", "Source recall")]
    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 4.3), sharey=True)
    for ax, (key, title) in zip(axes, panels):
        for j, run in enumerate(runs):
            xs, ys = [], []
            for i, kind in enumerate(kinds):
                s = run.summary.by_kind.get(kind)
                v = None if s is None else (
                    (s.correct_rate if s.correct_rate is not None else s.abstain_recall) if key == "correct"
                    else getattr(s, key))
                if v is not None:  # nothing measured: no bar rather than a misleading 0
                    xs.append(i + (j - (len(runs) - 1) / 2) * width)
                    ys.append(v * 100)
            ax.bar(xs, ys, width=width, label=run.name)
        ax.set_title(title)
        ax.set_xticks(range(len(kinds)))
        ax.set_xticklabels(kinds, rotation=30, ha="right")
        ax.set_ylim(0, 118)  # head-room for the legend above the 100% bars
        ax.grid(axis="y", alpha=0.3)
    axes[0].set_ylabel("%")
    if len(runs) > 1:
        axes[0].legend(loc="upper left", ncol=len(runs), fontsize="small")
    fig.tight_layout()
    paths["chart_by_kind"] = out / "by_kind.png"
    fig.savefig(paths["chart_by_kind"], dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(5.5, 4))
    for run in runs:
        ks = [k for k in report.ks if run.summary.recall_at_k.get(k) is not None]
        ax.plot(ks, [run.summary.recall_at_k[k] * 100 for k in ks], marker="o", label=run.name)
    ax.set_xlabel("k")
    ax.set_ylabel("recall@k (%)")
    ax.set_title("Retrieval recall@k")
    ax.set_xticks(report.ks)
    ax.set_ylim(0, 105)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    paths["chart_recall"] = out / "recall_at_k.png"
    fig.savefig(paths["chart_recall"], dpi=110)
    plt.close(fig)
    return paths


# ----------------------------------------------------------------------------- report
def render_markdown(report: "EvalReport", charts: dict[str, Path] | None = None) -> str:
    """The whole report: gates and failures first, then tables, charts and per-question detail."""
    from .evaluate import comparison

    runs = report.runs
    md = ["# tradeqa evaluation", ""]
    md.append(f"- Questions: `{report.questions_path or '(in memory)'}` ({runs[0].summary.n_questions})")
    if report.corpus:
        md.append(f"- Corpus: `{report.corpus}`")
    md.append(f"- Run: {report.created}")
    for r in runs:
        over = ", ".join(f"{k}={v}" for k, v in r.overrides.items()) or "base settings"
        md.append(f"- Configuration **{r.name}**: {over} (index `{r.index}`, {r.seconds:.1f}s)")
    md.append("- Scoring: citations re-verified by the evaluator against the document files "
              "(white space collapsed); facts matched case-insensitively in the answer text; "
              "an abstention scores 0 on an answerable question.")
    for n in report.notes:
        md.append(f"- Note: {n}")
    md.append("")

    if report.gates:
        md += ["## Gates", ""]
        md += _table(["Configuration", "Metric", "Minimum", "Value", "Result"],
                     [[g.config, g.metric, fmt(g.threshold, "pct"), fmt(g.value, "pct"),
                       "pass" if g.passed else "**FAIL**"] for g in report.gates], "llrrl")
        md.append("")

    md += ["## Failures", ""]
    any_fail = False
    for run in runs:
        failed = [r for r in run.results if r.failed]
        if not failed:
            continue
        any_fail = True
        md += [f"### {run.name}: {len(failed)} of {len(run.results)} questions", ""]
        for r in failed:
            md += _failure_block(r)
    if not any_fail:
        md += ["None.", ""]

    md += ["## Summary", ""]
    header, rows = summary_rows(report)
    md += _table(header, rows)
    md.append("")

    if len(runs) > 1:
        md += ["## Differences", ""]
        for r in runs[1:]:
            c = comparison(runs[0], r, report.ks)
            md.append(f"- **{r.name}** vs **{runs[0].name}**: fixed {len(c['fixed'])} "
                      f"({', '.join(c['fixed']) or '–'}), broke {len(c['broken'])} ({', '.join(c['broken']) or '–'})")
        md.append("")

    md += ["## By kind", ""]
    k5 = 5 if 5 in report.ks else max(report.ks)
    for run in runs:
        if len(runs) > 1:
            md += [f"### {run.name}", ""]
        md += _table(["Kind", "n", "Fully correct", "Facts matched", "Abstained (unanswerable)",
                      "Citation precision", "Source recall", f"Recall@{k5}", "p50 ms"], _kind_rows(run, report.ks))
        md.append("")

    if charts:
        md += ["## Charts", ""]
        for key, title in (("chart_by_kind", "Scores per kind"), ("chart_recall", "Retrieval recall@k")):
            if key in charts:
                md += [f"![{title}]({charts[key].name})", ""]

    md += ["## Per question", ""]
    for run in runs:
        if len(runs) > 1:
            md += [f"### {run.name}", ""]
        md += _table(["Id", "Kind", "Correct", "Direct", "Facts", "Abstained", "Citations verified", "Source cited",
                      "Source rank", "ms"], _question_rows(run), "lllllllrrr")
        md.append("")
    md.append("Per-question detail (answers, citations, retrieved sources): `results-<configuration>.jsonl`.")
    return "\n".join(md) + "\n"


def write_report(report: "EvalReport", out: Path, *, charts: bool = True) -> dict[str, Path]:
    """Write ``report.md`` (and the charts it shows) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    chart_paths: dict[str, Path] = {}
    if charts:
        try:
            chart_paths = write_charts(report, out)
        except Exception as exc:  # noqa: BLE001 - a chart problem must not lose the numbers
            log.warning("charts not written: %s", exc)
    path = out / "report.md"
    path.write_text(render_markdown(report, chart_paths), encoding="utf-8")
    return {"report": path, **chart_paths}
