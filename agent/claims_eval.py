"""Measure claim support and injection screening on labelled stub model outputs.

Input: a JSONL file, one model sentence per line::

    {"id": "g00-faithful-0", "split": "fit" | "check", "kind": "faithful" | "negated" | "number-swapped" |
     "date-swapped" | "entity-swapped" | "contradicting" | "instruction-echoing",
     "text": "The sentence the model wrote.", "quotes": [{"source": "file-stem", "quote": "verbatim words"}]}

Each sentence goes through the same path an LLM answer takes
(:class:`agent.grounding.Grounder` with the index's :class:`~agent.support.SupportChecker`
and injection screen): quotes are located in the indexed document named by
``source`` and verified, then the sentence is checked against them. The report
counts, per split and kind, how many sentences were kept. Targets: 0 unsupported
kept, ≥ 95 % of faithful kept.

CLI: ``tradeqa eval --claims FILE --corpus DIR`` (or ``python -m agent.claims_eval FILE [FILE ...] --corpus DIR``);
``--rules`` adds the per-rule tally (:func:`rule_table`): for each check, the faithful sentences it
fails and the unsupported ones it catches (each also counted where it is the only failing check), so
that a check that drops many faithful sentences while catching few unsupported ones stands out.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

log = logging.getLogger(__name__)


@dataclass
class ClaimsReport:
    """Kept/total per (split, kind); ``failures`` lists wrong outcomes."""

    counts: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # split -> kind -> [kept, total]
    failures: list[dict] = field(default_factory=list)

    def kept(self, split: str | None, kind: str) -> tuple[int, int]:
        splits = [split] if split else list(self.counts)
        k = sum(self.counts.get(s, {}).get(kind, [0, 0])[0] for s in splits)
        n = sum(self.counts.get(s, {}).get(kind, [0, 0])[1] for s in splits)
        return k, n

    def unsupported_kept(self, split: str | None = None) -> tuple[int, int]:
        kinds = {k for s in self.counts.values() for k in s if k != "faithful"}
        kk = [self.kept(split, k) for k in kinds]
        return sum(a for a, _ in kk), sum(b for _, b in kk)

    def table(self) -> str:
        kinds = sorted({k for s in self.counts.values() for k in s}, key=lambda k: (k != "faithful", k))
        lines = ["| kind | " + " | ".join(f"{s} kept" for s in sorted(self.counts)) + " | all kept |",
                 "|---|" + "---:|" * (len(self.counts) + 1)]
        for k in kinds:
            cells = [f"{a}/{b}" for a, b in (self.kept(s, k) for s in sorted(self.counts))]
            a, b = self.kept(None, k)
            lines.append(f"| {k} | " + " | ".join(cells) + f" | {a}/{b} |")
        return "\n".join(lines)


def load_rows(path: str | Path) -> list[dict]:
    """The labelled sentences of a JSONL file (blank lines skipped)."""
    rows = []
    for i, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{i}: not JSON ({exc})") from exc
    return rows


def evaluate_claims(rows: list[dict], store, checker=None) -> ClaimsReport:
    """Run every labelled sentence through grounding + claim support over ``store``."""
    from .citations import locate_quote
    from .grounding import Grounder, ModelSentence, Support
    from .injection import screen_for
    from .support import SupportChecker
    from .types import Hit

    checker = checker or SupportChecker(store.text_vectors)
    screen = screen_for(store)
    sources = dict(store.list_sources())
    report = ClaimsReport()
    for row in rows:
        hits: list[Hit] = []
        support: list[Support] = []
        for q in row["quotes"]:
            doc_ids = store.find_documents(q["source"]) or [d for s, d in sources.items() if Path(s).stem == q["source"]]
            if not doc_ids:
                raise ValueError(f"{row['id']}: source {q['source']!r} is not in the index")
            doc = store.get_document(doc_ids[0])
            span = locate_quote(doc.body, q["quote"]) or (0, len(doc.body))
            a, b = max(0, span[0] - 200), min(len(doc.body), span[1] + 200)
            hits.append(Hit(chunk_id=f"claims:{doc.doc_id}:{a}", doc_id=doc.doc_id, source=doc.source,
                            title=doc.title, start=a, end=b, text=doc.body[a:b]))
            support.append(Support(passage=len(hits), quote=q["quote"]))
        g = Grounder(hits, store, screen=screen, support_checker=checker)
        kept = g.add(ModelSentence(text=row["text"], support=support)) is not None
        c = report.counts.setdefault(row.get("split", "all"), {}).setdefault(row["kind"], [0, 0])
        c[0] += kept
        c[1] += 1
        if kept != (row["kind"] == "faithful"):
            report.failures.append({"id": row["id"], "kind": row["kind"], "text": row["text"], "kept": kept,
                                    "reason": g.dropped[-1].reason if g.dropped else ""})
    return report


def rule_table(rows: list[dict], store, checker=None) -> tuple[dict[str, list[int]], list[dict]]:
    """A rule-ablation table: for each rule of the support check (``Verdict.rule``), how many
    faithful sentences it fails, how many of those it alone fails, and the same for unsupported
    sentences (correct rejections). Every rule is run on every sentence (:meth:`SupportChecker.diagnose`),
    not only up to the first that fails. Returns (rule -> [faithful, faithful alone,
    unsupported, unsupported alone], per-row [{"id", "kind", "rules"}])."""
    from .support import SupportChecker

    base = checker or SupportChecker(store.text_vectors)
    seen: list[list[str]] = []

    class _Recording(SupportChecker):
        def check(self, sentence, quotes, context=(), **kw):  # type: ignore[override]
            fails = base.diagnose(sentence, quotes, context, **kw)
            seen.append(sorted({v.rule for v in fails}))
            return base.check(sentence, quotes, context, **kw)

    rec = _Recording(base.embed)
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    per_row: list[dict] = []
    for row in rows:
        n = len(seen)
        evaluate_claims([row], store, checker=rec)
        rules = seen[n] if len(seen) > n else ["quote-not-verified"]
        per_row.append({"id": row["id"], "kind": row["kind"], "rules": rules})
        col = 0 if row["kind"] == "faithful" else 2
        for r in rules:
            table[r][col] += 1
            table[r][col + 1] += len(rules) == 1
    return dict(table), per_row


def render_rules(table: dict[str, list[int]]) -> str:
    """The per-rule tally of :func:`rule_table` as a markdown table, the rules failing most faithful
    sentences first."""
    lines = ["| rule | faithful failed | of which only this rule | unsupported caught | of which only this rule |",
             "|---|---:|---:|---:|---:|"]
    for rule, (f, fa, u, ua) in sorted(table.items(), key=lambda kv: (-kv[1][0], -kv[1][2], kv[0])):
        lines.append(f"| {rule} | {f} | {fa} | {u} | {ua} |")
    return "\n".join(lines)


def render(report: ClaimsReport) -> str:
    uk, un = report.unsupported_kept()
    fk, fn = report.kept(None, "faithful")
    out = [report.table(), "",
           f"unsupported sentences kept: {uk}/{un}; faithful kept: {fk}/{fn} ({100 * fk / max(1, fn):.1f} %)"]
    for f in report.failures:
        out.append(f"- {'KEPT' if f['kept'] else 'dropped'} {f['kind']} {f['id']}: {f['text']}"
                   + (f"  ({f['reason']})" if f["reason"] else ""))
    return "\n".join(out)


def run(path: str | Sequence[str], corpus: str | None, index: str | None, min_faithful: float = 0.95,
        max_unsupported: int = 0, rules: bool = False) -> int:
    """Index ``corpus`` (or use ``index``), evaluate the labelled file(s) ``path``, print the report
    (with the per-rule tally when ``rules``); exit status 1 on a missed target."""
    from .api import open_index
    from .config import Settings

    s = Settings()
    if corpus:
        import tempfile

        from ingest import ingest_paths

        idx = Path(tempfile.mkdtemp(prefix="tradeqa-claims-"))
        s = s.model_copy(update={"index": idx})
        store = open_index(settings=s)
        ingest_paths([Path(corpus)], store, options=s.chunking(), progress=False)
    else:
        store = open_index(index, s)
    rows = [r for p in ([path] if isinstance(path, (str, Path)) else path) for r in load_rows(p)]
    report = evaluate_claims(rows, store)
    print(render(report))
    if rules:
        print()
        print(render_rules(rule_table(rows, store)[0]))
    uk, _ = report.unsupported_kept()
    fk, fn = report.kept(None, "faithful")
    return 0 if uk <= max_unsupported and fk >= min_faithful * fn else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m agent.claims_eval", description=__doc__.splitlines()[0])
    p.add_argument("claims", nargs="+", help="JSONL file(s) of labelled model sentences")
    p.add_argument("--corpus", help="folder of the documents the quotes come from (indexed in a temp folder)")
    p.add_argument("--index", help="existing index instead of --corpus")
    p.add_argument("--rules", action="store_true", help="also print the per-rule tally of faithful drops and catches")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    return run(args.claims, args.corpus, args.index, rules=args.rules)


if __name__ == "__main__":
    sys.exit(main())
