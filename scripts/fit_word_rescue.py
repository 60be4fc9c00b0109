"""Fit (and check leave-one-split-out) the learned second stage of the word rule.

    python scripts/collect_word_drops.py --corpus ../shared/corpus --out /tmp/drops.json FILE [FILE ...]
    python scripts/fit_word_rescue.py /tmp/drops.json --corpus ../shared/corpus [--out agent/data/word_rescue.json]

Candidates: labelled sentences that the word rule alone drops (every other rule of
:class:`agent.support.SupportChecker` passes) and whose refused words are all of a rescuable kind
(:func:`word_rescue_features`). A logistic regression (scikit-learn, standardised
features, balanced classes) scores them; the decision threshold is set just above the highest score of
any *unsupported* training candidate, so that no unsupported sentence of the training splits is
rescued (``--calibrated``: that threshold found out of fold, :func:`fit_calibrated`). Leave-one-split-out over the blind splits (``--loso``, default blind_s17 ... blind_s26):
trained on every other file, tested on the left-out one; prints per split the faithful and unsupported
sentences rescued. With ``--out`` the model fitted on all files is written as JSON.

Stop 27 (issue 10): not shipped. Left-out totals over blind_s17 ... blind_s26: 2/65 eligible faithful
rescued, 0/55 unsupported (in-sample threshold); 0/65, 0/55 with the out-of-fold threshold. Out of fold
the highest scores are the verb-swap probe's contradictions (probe_s18_verb_swaps: "BIS may put an entity
on the Entity List if ..."), above every faithful sentence: the features cannot tell a paraphrase from
its verb-swapped twin.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import tempfile
from pathlib import Path
from typing import Callable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

log = logging.getLogger("fit_word_rescue")

HELD_OUT = frozenset({"blind_s29", "blind_s30", "blind_s31", "blind_s32", "blind_s33", "blind_s34", "blind_s35", "blind_s36", "blind_s37", "blind_s38", "blind_s39"})  # the check splits of stops 29-38 and the next: never read here
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})


# ------------------------------------------------------------------ features
# Features of a sentence that only the word rule drops, for the learned second stage
# (fitted here). The kinds of refusal are the word rule's own
# (``Verdict.why``), grouped by what the refused word can do to the claim. A name, a value (ordinal,
# rank) or a word whose opposite the evidence holds is never rescued (:data:`_NEVER_RESCUED`): the
# brief of the second stage is paraphrase, and those are claims of their own.
_NEVER_RESCUED = ("name", "name/number/symbol", "ordinal", "rank", "antonym in evidence",
                  "adjective opposite in evidence", "adverb opposite in evidence", "in place of")
_KIND_GROUPS = {
    "kind_direction": ("open direction", "direction sense", "directional particle", "closed class", "obliged act",
                       "antonym neighbourhood", "alias word"),
    "kind_judgement": ("judgement or negated form",),
    "kind_order": ("order/quantity", "relational", "figure qualifier", "comparative", "hedge"),
    "kind_noun": ("focus noun", "contrastive noun", "noun"),
}
_HEAD_DEPS = frozenset({"ROOT", "nsubj", "nsubjpass", "dobj", "pobj", "attr", "acomp", "oprd", "dative", "xcomp",
                        "ccomp", "conj", "appos", "pcomp", "csubj", "agent"})
RESCUE_FEATURES = ("missing", "matched_share", "noun", "verb", "adj", "adv", "heads", "modifiers", "root",
                   "in_adverbial_clause", "quantifier", "judges", "kind_direction", "kind_judgement", "kind_order",
                   "kind_noun", "focus", "unanchored_predicate", "cos_best", "cos_all", "cos_gain_without",
                   "length_ratio", "word_cos")


def _tokens_of(sdoc, words: Sequence[str]) -> list:
    """The sentence tokens named by ``words`` (texts of :attr:`Verdict.missing`), each used once."""
    used: set[int] = set()
    out = []
    for w in words:
        t = next((x for x in sdoc if x.text == w and x.i not in used), None)
        if t is not None:
            used.add(t.i)
            out.append(t)
    return out


def word_rescue_features(sdoc, verdict, quotes: Sequence[str], vectors: Callable[[list[str]], list]) -> dict[str, float] | None:
    """The feature vector (:data:`RESCUE_FEATURES`) of a sentence the word rule alone drops, or None
    when a refused word is of a kind that is never rescued (a name, a value, a word whose opposite the
    evidence holds: :data:`_NEVER_RESCUED`).

    Counts of the unmatched words by POS and by syntactic role (head of a phrase or modifier, the root,
    inside an adverbial clause — "because ...", "if ..." —, a determiner or quantifier by its spaCy
    dependency), whether one judges (VADER), the word rule's kinds of refusal, the share of the
    sentence's content words matched, and MiniLM cosines: the sentence to its best quote and to the
    joined quotes, and how much the cosine to the joined quotes rises with the unmatched words removed
    (words that carry the sentence away from its quotes raise it)."""
    import numpy as np

    from agent.lexical import judges
    from agent.support import _in_focus

    if not verdict.missing or any(k.startswith(_NEVER_RESCUED) for k in verdict.why):
        return None
    toks = _tokens_of(sdoc, verdict.missing)
    if len(toks) != len(verdict.missing) or any(t.pos_ == "PROPN" or not t.is_alpha for t in toks):
        return None
    content = [t for t in sdoc if t.is_alpha and not t.is_stop and t.pos_ in _CONTENT_POS]
    idx = {t.i for t in toks}
    without = " ".join(t.text for t in sdoc if t.i not in idx)
    joined = " ".join(quotes)
    # The quotes' content words, for each unmatched word's nearest one (by MiniLM, as single words).
    q_words = list(dict.fromkeys(m.group(0).lower() for m in re.finditer(r"[A-Za-z][A-Za-z-]+", joined)))
    words = [t.lemma_.lower() for t in toks]
    vecs = vectors([sdoc.text, joined, without] + list(quotes) + words + q_words)
    if any(not v for v in vecs):
        return None
    n = 3 + len(quotes)
    wv = np.asarray(vecs[n:n + len(words)], dtype="float32")
    qv = np.asarray(vecs[n + len(words):], dtype="float32")
    word_cos = float((wv @ qv.T).max(axis=1).min()) if len(qv) else 0.0
    a = np.asarray(vecs[:n], dtype="float32")
    cos = a[1:] @ a[0]
    cos_without = float(a[2] @ a[1])
    q_len = sum(1 for q in quotes for _ in re.finditer(r"\w+", q))
    f = {
        "missing": float(len(toks)),
        "matched_share": 1.0 - len(idx & {t.i for t in content}) / max(1, len(content)),
        "noun": float(sum(t.pos_ == "NOUN" for t in toks)),
        "verb": float(sum(t.pos_ == "VERB" for t in toks)),
        "adj": float(sum(t.pos_ == "ADJ" for t in toks)),
        "adv": float(sum(t.pos_ == "ADV" for t in toks)),
        "heads": float(sum(t.dep_ in _HEAD_DEPS for t in toks)),
        "modifiers": float(sum(t.dep_ not in _HEAD_DEPS for t in toks)),
        "root": float(any(t.dep_ == "ROOT" for t in toks)),
        "in_adverbial_clause": float(any(any(x.dep_ in ("advcl", "mark") for x in [t, *t.ancestors]) for t in toks)),
        "quantifier": float(any(t.dep_ in ("det", "predet", "quantmod") or t.tag_ in ("PDT", "DT") for t in toks)),
        "judges": float(any(judges(t.text, t.lemma_.lower()) for t in toks)),
        **{g: float(sum(k.startswith(prefixes) for k in verdict.why)) for g, prefixes in _KIND_GROUPS.items()},
        "focus": float(any(_in_focus(t) for t in toks)),
        "unanchored_predicate": float(verdict.why.count("unanchored predicate")),
        "cos_best": float(cos[2:].max()),
        "cos_all": float(cos[0]),
        "cos_gain_without": cos_without - float(cos[0]),
        "length_ratio": float(np.log((len([t for t in sdoc if t.is_alpha]) + 1) / (q_len + 1))),
        "word_cos": word_cos,
    }
    return f


def featurise(records: list[dict], corpus: str) -> list[dict]:
    """Candidates of ``records`` (from collect_word_drops.py) with their features."""
    from agent.api import open_index
    from agent.config import Settings
    from agent.support import SupportChecker, Verdict
    from ingest import ingest_paths

    s = Settings()
    s = s.model_copy(update={"index": Path(tempfile.mkdtemp(prefix="tradeqa-rescue-"))})
    store = open_index(settings=s)
    ingest_paths([Path(corpus)], store, options=s.chunking(), progress=False)
    checker = SupportChecker(store.text_vectors)
    out = []
    for r in records:
        c = r["call"]
        if r["file"] in HELD_OUT:
            raise SystemExit("the held-out split may not be fitted on")
        if c is None or c["rules"] != ["words"]:
            continue
        v = Verdict(False, missing=c["missing"], rule="words", why=c["why"])
        f = word_rescue_features(checker._parse(c["sentence"]), v, c["quotes"], checker._vectors)
        out.append({**r, "features": f})
    return out


def fit(rows: list[dict], names: tuple[str, ...], c: float = 1.0) -> dict:
    """Logistic regression on ``rows`` (those with features); threshold above every unsupported score."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    X = np.array([[r["features"][n] for n in names] for r in rows], dtype=float)
    y = np.array([r["kind"] == "faithful" for r in rows], dtype=int)
    mu, sd = X.mean(axis=0), X.std(axis=0)
    sd[sd == 0] = 1.0
    m = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit((X - mu) / sd, y)
    w = m.coef_[0] / sd
    b = float(m.intercept_[0] - (m.coef_[0] * mu / sd).sum())
    z = X @ w + b
    worst = float(z[y == 0].max()) if (y == 0).any() else float("-inf")
    return {"features": list(names), "weights": [float(x) for x in w], "bias": b, "threshold": worst + 1e-6}


def score(model: dict, f: dict) -> float:
    return sum(w * f[n] for n, w in zip(model["features"], model["weights"])) + model["bias"]


def fit_calibrated(rows: list[dict], names: tuple[str, ...], c: float = 1.0) -> dict:
    """:func:`fit` with the threshold calibrated out of fold: every file of ``rows`` is left out in
    turn, a model fitted on the others scores it, and the offset from that model's own threshold
    ("margin") is kept for each of its unsupported rows. The returned model's threshold is its
    in-sample one moved by the largest such margin, so that no unsupported training sentence would be
    rescued by a model that had not seen it (in-sample scores of the training rows are optimistic)."""
    margins = []
    for f in sorted({r["file"] for r in rows}):
        inner = fit([r for r in rows if r["file"] != f], names, c)
        margins += [score(inner, r["features"]) - inner["threshold"] for r in rows
                    if r["file"] == f and r["kind"] != "faithful"]
    model = fit(rows, names, c)
    model["in_sample_threshold"] = model["threshold"]
    model["threshold"] += max(margins) + 1e-6 if margins else 0.0
    return model


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("records")
    p.add_argument("--corpus", required=True)
    p.add_argument("--loso", nargs="*", default=[f"blind_s{n}" for n in range(17, 27)])
    p.add_argument("--features", nargs="*", default=list(RESCUE_FEATURES))
    p.add_argument("--c", type=float, default=1.0)
    p.add_argument("--calibrated", action="store_true", help="threshold calibrated out of fold (fit_calibrated)")
    p.add_argument("--cache", help="JSON of featurised candidates (read if present, else written)")
    p.add_argument("--out")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    logging.getLogger("agent").setLevel(logging.WARNING)
    logging.getLogger("ingest").setLevel(logging.WARNING)
    if args.cache and Path(args.cache).exists():
        cands = json.loads(Path(args.cache).read_text())
    else:
        cands = featurise(json.loads(Path(args.records).read_text()), args.corpus)
        if args.cache:
            Path(args.cache).write_text(json.dumps(cands))
    names = tuple(args.features)
    rows = [r for r in cands if r["features"] is not None]
    n_f = sum(r["kind"] == "faithful" for r in cands)
    print(f"candidates (word rule alone drops): {len(cands)} ({n_f} faithful); eligible: {len(rows)} "
          f"({sum(r['kind'] == 'faithful' for r in rows)} faithful)")
    tot = [0, 0, 0, 0]
    print("| left out | faithful rescued | eligible faithful | unsupported rescued | eligible unsupported |")
    print("|---|---:|---:|---:|---:|")
    for split in args.loso:
        train = [r for r in rows if r["file"] != split]
        test = [r for r in rows if r["file"] == split]
        model = (fit_calibrated if args.calibrated else fit)(train, names, args.c)
        fr = [r["id"] for r in test if r["kind"] == "faithful" and score(model, r["features"]) > model["threshold"]]
        ur = [r["id"] for r in test if r["kind"] != "faithful" and score(model, r["features"]) > model["threshold"]]
        nf = sum(r["kind"] == "faithful" for r in test)
        print(f"| {split} | {len(fr)} | {nf} | {len(ur)} | {len(test) - nf} |" + (f" rescued {fr + ur}" if fr or ur else ""))
        for i, v in enumerate((len(fr), nf, len(ur), len(test) - nf)):
            tot[i] += v
    print(f"| total | {tot[0]} | {tot[1]} | {tot[2]} | {tot[3]} |")
    if args.out:
        model = (fit_calibrated if args.calibrated else fit)(rows, names, args.c)
        model.update({"fitted_on": sorted({r["file"] for r in rows}), "c": args.c,
                      "how": "scripts/fit_word_rescue.py: logistic regression (balanced), threshold above "
                             "every unsupported training candidate's score"})
        Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
