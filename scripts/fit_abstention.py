"""Fit the abstention model on labelled question sets and check it on others.

    python scripts/fit_abstention.py --fit A.jsonl [B.jsonl ...] --check C.jsonl [...] \\
        --corpus ../shared/corpus [--out agent/answering/abstention_model.json] [--dry-run]

For every question: retrieve as ``ask()`` does, run the answerer's assessment
(``agent.extractive.assess``) without deciding, and collect the evidence features.
A logistic regression (scikit-learn) is fitted on the ``--fit`` sets and its
threshold chosen there (balanced accuracy); the abstention precision/recall curve
is printed for the fit and check sets. Labels: ``answerable`` of each question.
The model is written as JSON (weights, standardisation, threshold, the sets used).
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.answering.abstention import FEATURES, MODEL_PATH, abstention_curve, fit  # noqa: E402
from agent.config import Settings  # noqa: E402
from agent.evaluate import load_questions, prepare_index  # noqa: E402

log = logging.getLogger("fit_abstention")


def cross_validate(rows, k: int, c: float) -> list[float]:
    """Out-of-fold probabilities: each group (a question and its paraphrases, ids
    ``d01``, ``d01-p1``...) is predicted by a model fitted without it."""
    groups = sorted({(of or i) for i, _, _, of in rows})
    fold_of = {g: n % k for n, g in enumerate(groups)}
    probs = [0.0] * len(rows)
    for f in range(k):
        train = [r for r in rows if fold_of[r[3] or r[0]] != f]
        model = fit([r[2] for r in train], [r[1] for r in train], c=c)
        for n, r in enumerate(rows):
            if fold_of[r[3] or r[0]] == f:
                probs[n] = model.probability(r[2]) - model.threshold + 0.5  # centred on each fold's threshold
    return probs


def collect(paths: list[str], settings: Settings) -> list[tuple[str, bool, dict[str, float], str]]:
    """``(id, answerable, features)`` per question of the sets (questions where no
    sentence matched get no row: the answerer abstains on them without the model)."""
    from agent.extractive import assess
    from agent.retrieval import Retriever
    from ingest.store import IndexStore

    store = IndexStore(settings.index_options())
    retriever = Retriever(store, settings)
    rows = []
    for path in paths:
        for q in load_questions(path):
            hits = retriever.retrieve(q.question, k=settings.top_k)
            a = assess(q.question, hits, store, settings)
            if a.features:
                rows.append((q.id, q.answerable, a.features, q.of))
    return rows


def report(name: str, rows, model, probs=None) -> None:
    probs = probs if probs is not None else [model.probability(r[2]) for r in rows]
    labels = [r[1] for r in rows]
    n_neg = sum(not y for y in labels)
    print(f"\n{name}: {len(rows)} questions ({len(rows) - n_neg} answerable, {n_neg} unanswerable)")
    print("  threshold  abstain-precision  abstain-recall  wrong-abstentions")
    for pt in abstention_curve(probs, labels, sorted({*[round(i / 10, 1) for i in range(1, 10)], model.threshold})):
        mark = "  <- fitted" if pt["threshold"] == model.threshold else ""
        print(f"  {pt['threshold']:9.3f}  {pt['precision']:17.1%}  {pt['recall']:14.1%}  {int(pt['wrong']):17d}{mark}")
    wrong = [(r[0], p) for r, p in zip(rows, probs) if (p >= model.threshold) != r[1]]
    print("  errors at the fitted threshold:", ", ".join(f"{i} ({p:.2f})" for i, p in wrong) or "none")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fit", nargs="+", required=True, help="labelled JSONL sets to fit on")
    ap.add_argument("--check", nargs="*", default=[], help="labelled JSONL sets to check on (not fitted)")
    ap.add_argument("--corpus", required=True, help="the documents the questions are about")
    ap.add_argument("--out", default=str(MODEL_PATH), help="where to write the model JSON")
    ap.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--cv", type=int, default=0, metavar="K",
                    help="also report K-fold cross-validation over the fit sets, folds grouped by original question "
                         "(a paraphrase stays with its original)")
    ap.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    ap.add_argument("--rows", help="JSON file of collected features: read it if it exists (same --fit/--check "
                                   "sets), else write it (to try settings without re-running the answerer)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    settings, _ = prepare_index(args.corpus, Settings(), progress=False)
    cached = json.loads(Path(args.rows).read_text(encoding="utf-8")) if args.rows and Path(args.rows).is_file() else None
    if cached and cached.get("fit") == args.fit and cached.get("check") == args.check:
        fit_rows = [tuple(r) for r in cached["fit_rows"]]
        check_rows = [tuple(r) for r in cached["check_rows"]]
    else:
        fit_rows = collect(args.fit, settings)
        check_rows = collect(args.check, settings) if args.check else []
        if args.rows:
            Path(args.rows).write_text(json.dumps({"fit": args.fit, "check": args.check, "fit_rows": fit_rows,
                                                   "check_rows": check_rows}), encoding="utf-8")
    model = fit([r[2] for r in fit_rows], [r[1] for r in fit_rows], c=args.c,
                fitted_on=[Path(p).name for p in args.fit])
    model.checked_on = [Path(p).name for p in args.check]
    model.notes = ("logistic regression, balanced class weights, C=%g; threshold maximises balanced accuracy on the "
                   "fit sets" % args.c)
    print("weights (standardised features):")
    for f in FEATURES:
        print(f"  {f:13} {model.weights[f]:+.3f}")
    print(f"  bias          {model.bias:+.3f}   threshold {model.threshold:.3f}")
    report("fit (" + ", ".join(model.fitted_on) + ")", fit_rows, model)
    if check_rows:
        report("check (" + ", ".join(model.checked_on) + ")", check_rows, model)
    if args.cv:
        from types import SimpleNamespace

        probs = cross_validate(fit_rows, args.cv, args.c)
        report(f"{args.cv}-fold cross-validation over the fit sets (out-of-fold; threshold of each fold = 0.5)",
               fit_rows, SimpleNamespace(threshold=0.5), probs)
    if not args.dry_run:
        Path(args.out).write_text(model.to_json(), encoding="utf-8")
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
