"""The calibrated abstention model: probability, JSON round trip, fitting, the
precision/recall curve, and the model file shipped with the package."""
from __future__ import annotations

import json

import pytest

from agent.answering.abstention import FEATURES, MODEL_PATH, AbstentionModel, abstention_curve, fit, load_model


def _row(v: float) -> dict[str, float]:
    return {f: v for f in FEATURES}


def test_probability_is_a_standardised_logistic():
    m = AbstentionModel(weights={"dense": 2.0}, bias=-1.0, threshold=0.5, mean={"dense": 0.5}, scale={"dense": 0.25})
    assert m.probability({"dense": 0.5}) == pytest.approx(1 / (1 + 2.718281828 ** 1.0), rel=1e-6)
    assert m.probability({"dense": 1.0}) == pytest.approx(1 / (1 + 2.718281828 ** -3.0), rel=1e-6)
    assert m.probability({}) == m.probability({"dense": 0.5})  # a missing feature counts as its mean


def test_json_round_trip_and_bad_files(tmp_path):
    m = AbstentionModel(weights={"dense": 1.5, "named": -0.5}, bias=0.2, threshold=0.6, fitted_on=["a.jsonl"])
    again = AbstentionModel.from_dict(json.loads(m.to_json()))
    assert again == m
    with pytest.raises(ValueError, match="unknown features"):
        AbstentionModel.from_dict({"weights": {"shoe_size": 1.0}, "bias": 0, "threshold": 0.5})
    with pytest.raises(ValueError, match="missing"):
        AbstentionModel.from_dict({"weights": {}})


def test_fit_separates_and_sets_a_threshold_between_the_classes():
    rows = [_row(0.9), _row(0.8), _row(0.85), _row(0.7), _row(0.2), _row(0.1), _row(0.3)]
    labels = [True, True, True, True, False, False, False]
    m = fit(rows, labels, fitted_on=["x"])
    probs = [m.probability(r) for r in rows]
    assert all((p >= m.threshold) == y for p, y in zip(probs, labels))
    assert max(p for p, y in zip(probs, labels) if not y) < m.threshold <= min(p for p, y in zip(probs, labels) if y)
    with pytest.raises(ValueError):
        fit(rows[:2], [True, True])


def test_abstention_curve():
    probs, labels = [0.9, 0.6, 0.4, 0.2], [True, False, True, False]
    pts = {p["threshold"]: p for p in abstention_curve(probs, labels, [0.1, 0.5, 0.7, 0.95])}
    assert pts[0.1] == {"threshold": 0.1, "precision": 1.0, "recall": 0.0, "wrong": 0.0}  # abstains on nothing
    assert pts[0.5]["precision"] == 0.5 and pts[0.5]["recall"] == 0.5 and pts[0.5]["wrong"] == 1
    assert pts[0.7]["precision"] == pytest.approx(2 / 3) and pts[0.7]["recall"] == 1.0
    assert pts[0.95]["precision"] == 0.5 and pts[0.95]["wrong"] == 2


def test_shipped_model_is_fitted_and_uses_known_features():
    m = load_model()
    assert MODEL_PATH.is_file() and set(m.weights) == set(FEATURES)
    assert 0 < m.threshold < 1 and m.fitted_on
    # Better support everywhere must not lower the probability of answering overall.
    assert m.probability(_row(1.0)) > m.probability(_row(0.0))
