"""The calibrated decision to abstain ("the sources don't say").

A logistic regression over features of the evidence the answerer found (semantic
match of the best sentences, support of the question's names, restrictive
modifiers and focus noun, answer-type fit) gives the probability that the evidence
answers the question. Its coefficients and the decision threshold are *fitted*
(``scripts/fit_abstention.py``) on labelled question sets and stored as a small
JSON file next to this module (no pickles); the script reports the
precision/recall of abstention on a separate check set.
"""
from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("abstention_model.json")

# Every feature is in [0, 1] (cosines in [-1, 1]); higher means "better supported". Order is the
# model's column order. Chosen by grouped cross-validation over dev + paraphrases + holdout: the
# regex-based answer-type fit, the best sentence's own coverage and the restrictive-modifier flag
# (constant on these sets) were dropped because including them raised out-of-fold errors.
FEATURES: tuple[str, ...] = (
    "dense",  # cosine of the question with its best-matching evidence sentence (MiniLM)
    "dense_margin",  # best sentence's cosine minus the median of the candidates' (is anything special?)
    "coverage",  # IDF-weighted share of question terms in the best sentence + its heading/title/date
    "named",  # IDF-weighted share of the question's names found in the best sentence's document
    "names_known",  # share of the question's names that occur anywhere in the index
    "focus",  # the focus noun ("what *penalty*") occurs in the evidence (1), in the index only (0.5), nowhere (0)
    "value",  # a when/how-many question found a date/figure tied to its terms (1/0; 1 for other kinds)
    "speaker",  # a "what did X say" question found X speaking (1/0; 1 for other kinds)
    "relation",  # cosine of the question *without its names* with the best of the top sentences
    "focus_sem",  # cosine of the focus noun phrase alone with the best of the top sentences
    "unknown",  # 1 - IDF-weighted share of question words the index never uses and the evidence lacks
)


@dataclass
class AbstentionModel:
    """``P(answerable) = sigmoid(bias + sum(w_i * (x_i - mean_i) / scale_i))``;
    abstain when it is below ``threshold``."""

    weights: dict[str, float]
    bias: float
    threshold: float
    mean: dict[str, float] = field(default_factory=dict)
    scale: dict[str, float] = field(default_factory=dict)
    fitted_on: list[str] = field(default_factory=list)
    checked_on: list[str] = field(default_factory=list)
    notes: str = ""

    def probability(self, features: Mapping[str, float]) -> float:
        """Probability that the evidence answers the question. Missing features count as their mean."""
        z = self.bias
        for name, w in self.weights.items():
            m = self.mean.get(name, 0.0)
            x = float(features.get(name, m))
            z += w * (x - m) / (self.scale.get(name, 1.0) or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_dict(cls, d: Mapping) -> "AbstentionModel":
        """Raises ``ValueError`` when a field is missing or a feature is unknown."""
        try:
            model = cls(weights={k: float(v) for k, v in d["weights"].items()}, bias=float(d["bias"]),
                        threshold=float(d["threshold"]), mean=dict(d.get("mean", {})), scale=dict(d.get("scale", {})),
                        fitted_on=list(d.get("fitted_on", [])), checked_on=list(d.get("checked_on", [])),
                        notes=str(d.get("notes", "")))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"abstention model: bad or missing field ({exc})") from exc
        unknown = set(model.weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"abstention model: unknown features {sorted(unknown)}")
        return model


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> AbstentionModel:
    """The fitted model shipped with the package (or the JSON at ``path``).
    Raises ``ValueError`` for a malformed file, ``FileNotFoundError`` when absent."""
    p = Path(path) if path else MODEL_PATH
    return AbstentionModel.from_dict(json.loads(p.read_text(encoding="utf-8")))


def fit(rows: Sequence[Mapping[str, float]], labels: Sequence[bool], *, c: float = 1.0,
        fitted_on: Sequence[str] = ()) -> AbstentionModel:
    """Fit the model: ``rows`` are feature dicts, ``labels`` True when the question is
    answerable from the sources. Features are standardised; classes weighted to
    balance (unanswerable questions are the minority). The threshold maximises
    balanced accuracy (mean of the two classes' recall) on these rows; ties go to
    the lower threshold (answering more). Needs scikit-learn (fitting only)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        raise ValueError("fitting needs answerable and unanswerable questions")
    # A feature the answerer could not measure for a question (it leaves it out: "unknown, not
    # low") is read as its mean over the rows that have it, as :meth:`AbstentionModel.probability` does.
    x = np.array([[float(r[f]) if f in r else np.nan for f in FEATURES] for r in rows])
    mean = np.nanmean(x, axis=0)
    x = np.where(np.isnan(x), mean, x)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=1000)
    lr.fit((x - mean) / scale, np.array(labels, dtype=int))
    model = AbstentionModel(weights={f: float(w) for f, w in zip(FEATURES, lr.coef_[0])},
                            bias=float(lr.intercept_[0]), threshold=0.5,
                            mean={f: float(m) for f, m in zip(FEATURES, mean)},
                            scale={f: float(s) for f, s in zip(FEATURES, scale)}, fitted_on=list(fitted_on))
    probs = [model.probability(r) for r in rows]
    best = max(sorted(set(probs)), key=lambda t: (_balanced_accuracy(probs, labels, t), -t))
    # Midway to the next lower probability, so the threshold is not exactly a training point.
    lower = [p for p in probs if p < best]
    model.threshold = (best + max(lower)) / 2 if lower else best
    return model


def _balanced_accuracy(probs: Sequence[float], labels: Sequence[bool], threshold: float) -> float:
    pos = [p >= threshold for p, y in zip(probs, labels) if y]
    neg = [p < threshold for p, y in zip(probs, labels) if not y]
    return (sum(pos) / max(1, len(pos)) + sum(neg) / max(1, len(neg))) / 2


def abstention_curve(probs: Sequence[float], labels: Sequence[bool],
                     thresholds: Sequence[float] | None = None) -> list[dict[str, float]]:
    """Abstention precision/recall at each threshold: ``precision`` = share of
    abstentions that are on unanswerable questions, ``recall`` = share of
    unanswerable questions abstained on, ``wrong`` = answerable questions abstained
    on. Precision is 1.0 when nothing is abstained on."""
    ts = sorted(set(thresholds if thresholds is not None else [round(i / 20, 2) for i in range(1, 20)]))
    out = []
    n_neg = sum(not y for y in labels)
    for t in ts:
        abst = [(p < t, y) for p, y in zip(probs, labels)]
        n_abst = sum(a for a, _ in abst)
        tp = sum(a and not y for a, y in abst)
        out.append({"threshold": t, "precision": tp / n_abst if n_abst else 1.0,
                    "recall": tp / n_neg if n_neg else 1.0, "wrong": float(n_abst - tp)})
    return out
