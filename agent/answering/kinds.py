"""The answer kind of a question by meaning: a multinomial logistic regression over
the question's embedding (the index's all-MiniLM-L6-v2), for the questions the
surface rules of :func:`agent.analysis.classify` leave as ``OTHER``.

The rules read wh-words ("when", "how many", "why"); analysts also ask "what is the
*target size* of the listing", "the UN experts' *estimate of the number* of
detainees", "how did the Secretary *publicly justify* adding ...". Those ask for a
figure, a figure and a statement, and the rules see none of them. The model is
fitted on a general, hand-written set of questions
(``agent/data/answer_kind_questions.jsonl``: many domains, no question of the
evaluation sets) and checked on the labelled kinds of the evaluation sets
(``python -m agent.answering.kinds``); its weights are a small JSON file
(``kind_model.json``) and it is used only above a probability threshold, so an
unsure prediction leaves the question ``OTHER`` (lead with the best sentence: a
wrong span is worse than a longer lead).

Names in the question are masked first (the kind is in what is asked, not in who
is named).
"""
from __future__ import annotations

import json
import logging
import math
import sys
from functools import lru_cache
from pathlib import Path
from typing import Sequence

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("kind_model.json")
TRAINING_PATH = Path(__file__).resolve().parents[1] / "data" / "answer_kind_questions.jsonl"
# The kinds the model may assign ("other" keeps the rules' OTHER).
KINDS: tuple[str, ...] = ("date", "quantity", "statement", "reason", "place", "other")


def read_softmax_model(path: str, what: str) -> dict | None:
    """A fitted multinomial logistic regression stored as JSON (``{"model_id", "classes",
    "coef", "intercept", ...}``), or None (with a warning naming ``what`` falls back) when
    the file is missing or malformed."""
    try:
        m = json.loads(Path(path).read_text(encoding="utf-8"))
        if len(m["coef"]) != len(m["classes"]) or len(m["intercept"]) != len(m["classes"]):
            raise ValueError("coef/intercept/classes lengths differ")
        return m
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("no model at %s (%s): %s", path, exc, what)
        return None


def fit_softmax(x, labels: Sequence[str], embedder, *, c: float, trained_on: str) -> dict:
    """A multinomial logistic regression (scikit-learn) of ``labels`` on the vectors ``x``, as the
    JSON-able dict :func:`read_softmax_model` reads; ``embedder.model_id`` marks the vectors."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=c, max_iter=5000).fit(x, list(labels))
    return {"model_id": embedder.model_id, "classes": [str(k) for k in lr.classes_], "coef": lr.coef_.tolist(),
            "intercept": lr.intercept_.tolist(), "C": c, "trained_on": trained_on}


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> dict | None:
    """The fitted model (``{"model_id", "classes", "coef", "intercept", "threshold"}``), or None
    when the file is missing or malformed (then the rules alone decide)."""
    return read_softmax_model(path, "kinds come from the surface rules only")


def masked_question(question: str) -> str:
    """The asking clause with named entities replaced by "the company"."""
    from ..analysis import asking_clause
    from .nlp import mask_names

    return mask_names(asking_clause(question))


def probabilities(vector: Sequence[float], model: dict) -> dict[str, float]:
    """Softmax probabilities per kind for one question vector (length = the model's dimension)."""
    zs = [sum(w * x for w, x in zip(row, vector)) + b for row, b in zip(model["coef"], model["intercept"])]
    top = max(zs)
    ex = [math.exp(z - top) for z in zs]
    total = sum(ex)
    return {k: e / total for k, e in zip(model["classes"], ex)}


def predict_kind(question: str, embedder) -> tuple[str, float] | None:
    """``(kind, probability)`` of the most likely kind, or None when there is no model,
    the model was fitted with another embedding model, or no kind reaches the
    model's threshold. ``embedder``: anything with ``embed_query(text) -> list[float]``
    and a ``model_id``."""
    m = load_model()
    if m is None or m.get("model_id") != getattr(embedder, "model_id", None):
        return None
    probs = probabilities(embedder.embed_query(masked_question(question)), m)
    kind, p = max(probs.items(), key=lambda kv: kv[1])
    return (kind, p) if p >= float(m["threshold"]) else None


def phrase_kind(phrase: str, embedder) -> tuple[str, float] | None:
    """The kind of answer a noun phrase names ("justification" -> reason, "target size" ->
    quantity, "start date" -> date; "employees" names none): the model's kind for
    "What is the <phrase>?", if it reaches the threshold and is not "other". A question
    whose focus names its answer kind does not expect that word in the evidence."""
    m = load_model()
    if m is None or not phrase.strip() or m.get("model_id") != getattr(embedder, "model_id", None):
        return None
    probs = probabilities(embedder.embed_query(f"What is the {phrase.strip()}?"), m)
    kind, p = max(probs.items(), key=lambda kv: kv[1])
    return (kind, p) if p >= float(m["threshold"]) and kind != "other" else None


def fit(rows: Sequence[dict], embedder, *, c: float = 2.0) -> dict:
    """Fit on ``rows`` (``{"q": question, "kind": one of KINDS}``); needs scikit-learn.
    The threshold is set afterwards (:func:`main`)."""
    import numpy as np

    x = np.array(embedder.embed([masked_question(r["q"]) for r in rows]))
    return {**fit_softmax(x, [r["kind"] for r in rows], embedder, c=c, trained_on=TRAINING_PATH.name),
            "threshold": 0.5}


# The evaluation sets' own kind labels that mean what the model's kinds mean ("list"/"entity"
# stay with the rules; "statement" there also covers definitions and policies, so only the
# questions about what someone said are checked as statements).
def _check_rows(paths: Sequence[str]) -> list[tuple[str, str, str]]:
    out = []
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("kind") in ("date", "quantity", "reason", "place", "statement"):
                out.append((r["id"], r["question"], r["kind"]))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m agent.answering.kinds [CHECK.jsonl ...]``: fit on the training set, print
    accuracy on the check sets' labelled kinds at several thresholds, write the model."""
    import argparse

    from ingest.embeddings import Embedder

    from ..analysis import AnswerKind, classify

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("check", nargs="*", help="question sets with a 'kind' per question")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--c", type=float, default=2.0)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    rows = [json.loads(l) for l in TRAINING_PATH.read_text(encoding="utf-8").splitlines() if l.strip()]
    emb = Embedder()
    model = fit(rows, emb, c=args.c)
    model["threshold"] = args.threshold
    # The questions the rules leave OTHER, with the model's most likely kind: (id, question, label, kind, p).
    predicted = []
    for _id, q, kind in _check_rows(args.check):
        if classify(q) is AnswerKind.OTHER:
            probs = probabilities(emb.embed_query(masked_question(q)), model)
            predicted.append((_id, q, kind, *max(probs.items(), key=lambda kv: kv[1])))
    for t in (0.3, 0.4, 0.5, 0.6, 0.7):
        unsure = sum(1 for *_, k, p in predicted if p < t or k == "other")
        right = sum(1 for _, _, kind, k, p in predicted if p >= t and k != "other" and k == kind)
        wrong = len(predicted) - unsure - right
        print(f"threshold {t:.1f}: rules said OTHER; model right {right}, wrong {wrong}, left OTHER {unsure}")
    for _id, q, kind, k, p in predicted:
        print(f"  {_id:8} labelled {kind:9} model {k:9} {p:.2f}  {q}")
    if not args.dry_run:
        MODEL_PATH.write_text(json.dumps(model) + "\n", encoding="utf-8")
        load_model.cache_clear()
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
