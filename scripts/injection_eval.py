#!/usr/bin/env python
"""Measure the injection detector on labelled English sentence sets.

    python scripts/injection_eval.py report SET.jsonl [...]   # per-style caught / benign flagged,
                                                               # parse+delimiter only and with MiniLM
    python scripts/injection_eval.py loso CORPUS_DIR           # leave-one-set-out for the semantic model
    python scripts/injection_eval.py loso-multilingual CORPUS_DIR [--C 32] [--with-s25]   # ... for signal 4
    python scripts/injection_eval.py signals SET.jsonl [...]  # which signal fired or failed on each error

``loso`` sets: the exemplars, sentences, sentences_holdout and every ``--extra`` set (pass the fit
sets ``agent/data/injection_fit_*.jsonl`` there). ``report`` runs :func:`agent.injection.detect` twice per sentence: without an embedder (what
the labelled-set tests call) and with the index's MiniLM embedder (what the document screen
uses). ``loso`` refits the semantic model (signal 3) without one labelled set at a time (the
exemplars, each fixture set, the s18 fit set) and scores that set with signal 3 alone and with
all English signals; the fit corpus half of CORPUS_DIR is the benign background as in ``fit``.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "injection"


def load(path: Path) -> list[dict]:
    """English rows of a labelled JSONL set."""
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r for r in rows if r.get("lang", "en") == "en" and r.get("style") != "other-language"]


def report(paths: list[Path]) -> None:
    from agent.injection import detect
    from ingest.embeddings import Embedder

    emb = Embedder()
    for p in paths:
        rows = load(p)
        # Keyed by label and style: a style may hold injections and benign rows ("table-cell").
        per: dict[tuple[int, str], Counter] = defaultdict(Counter)
        for r in rows:
            plain = bool(detect(r["text"], multilingual=False))
            full = bool(detect(r["text"], emb.embed, multilingual=False))
            c = per[(int(r["label"]), r.get("style", "?"))]
            c["n"] += 1
            c["plain"] += plain
            c["full"] += full
            if plain != bool(r["label"]) or full != bool(r["label"]):
                print(f"  {'MISS' if r['label'] else 'FP  '} plain={int(plain)} full={int(full)} | {r['text'][:110]}")
        print(f"== {p.name} (English rows)")
        for label in (1, 0):
            tot = Counter()
            for (lab, style), c in sorted(per.items()):
                if lab == label:
                    print(f"   {'inj' if label else 'ben'} {style:15s} parse {c['plain']}/{c['n']}  +MiniLM {c['full']}/{c['n']}")
                    tot.update(c)
            print(f"   {'INJECTIONS caught' if label else 'BENIGN flagged'}: parse {tot['plain']}/{tot['n']}  "
                  f"+MiniLM {tot['full']}/{tot['n']}")


def loso(corpus: Path, extra: list[Path]) -> None:
    import numpy as np

    from agent import injection
    from ingest.embeddings import Embedder

    emb = Embedder()
    files = sorted(f for f in corpus.iterdir() if f.suffix in (".txt", ".md"))[0::2]
    benign = [f.read_text(encoding="utf-8")[a:b] for f in files for a, b in
              injection.sentence_spans(f.read_text(encoding="utf-8"))]
    ex_t, ex_y = injection.exemplars()
    sets = {"exemplars": [{"text": t, "label": y} for t, y in zip(ex_t, ex_y)]}
    for p in [FIX / "sentences.jsonl", FIX / "sentences_holdout.jsonl", *extra]:
        sets[p.stem] = load(p)
    real, real_sets = injection.exemplars, injection.fit_sets
    shipped = injection.load_model()
    for name, held in sets.items():
        train = [r for n, rows in sets.items() if n != name for r in rows]
        # fit() adds the fit sets itself; here every set comes through ``train`` (so that a held-out
        # fit set is really left out).
        injection.exemplars = lambda train=train: ([r["text"] for r in train], [int(r["label"]) for r in train])
        injection.fit_sets = lambda: ([], [])
        try:
            model, stats = injection.fit(benign, emb.embed, out=None)
        finally:
            injection.exemplars, injection.fit_sets = real, real_sets
        model.gate = shipped.gate if shipped is not None else None  # signal 3b as shipped
        vecs = emb.embed([r["text"] for r in held])
        sc = np.asarray(model.scores(vecs))
        y = np.asarray([int(r["label"]) for r in held])
        full = np.asarray([bool(injection.detect(r["text"], emb.embed, model=model, multilingual=False))
                           for r in held])
        pos, neg = y == 1, y == 0
        print(f"{name:22s} thr {model.threshold:.3f}  semantic alone: caught {int((sc[pos] >= model.threshold).sum())}"
              f"/{int(pos.sum())}, benign {int((sc[neg] >= model.threshold).sum())}/{int(neg.sum())} | "
              f"all signals: caught {int(full[pos].sum())}/{int(pos.sum())}, benign {int(full[neg].sum())}/{int(neg.sum())}")


def signals(paths: list[Path]) -> None:
    """For every false flag and every miss of each set (all languages), which signal fired or
    failed: the flag reasons without and with the MiniLM embedder, the semantic score against its
    threshold and gate, signal 4's score (max over :func:`agent.injection.foreign_parts`) against
    its threshold, and the English parse reading that fired. One JSON line per error."""
    from agent import injection as inj
    from ingest.embeddings import Embedder

    emb = Embedder()
    model, mmodel = inj.load_model(), inj.load_multilingual_model()
    for p in paths:
        rows = [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
        scores = model.scores(emb.embed([r["text"] for r in rows])) if model is not None else [0.0] * len(rows)
        for r, sem in zip(rows, scores):
            t = r["text"]
            plain, full = inj.detect(t), inj.detect(t, emb.embed)
            if bool(plain) == bool(r["label"]) and bool(full) == bool(r["label"]):
                continue
            why: list[str] = []
            if inj._mostly_latin(t) and inj._may_direct(t):
                for doc in inj._parse_many(inj._readings(t)):
                    if (x := inj.directive_reason(doc) or inj.task_reason(doc)):
                        why.append(x)
            multi = None
            if mmodel is not None and not inj.is_english(t) and (v := inj.multilingual_vectors(inj.foreign_parts(t))):
                multi = round(max(mmodel.scores(v)), 3)
            print(json.dumps({"set": p.name, "error": "miss" if r["label"] else "false flag", "lang": r.get("lang", "en"),
                              "style": r.get("style"), "plain": [f.reason for f in plain],
                              "with_minilm": [f.reason for f in full], "semantic": round(sem, 3),
                              "semantic_threshold": model.threshold if model else None,
                              "gate": model.gate if model else None, "multilingual": multi,
                              "multilingual_threshold": mmodel.threshold if mmodel else None,
                              "readable": inj.readable(t), "parse": why, "text": t}, ensure_ascii=False))


def _other_language_rows(path: Path, source: str | None = None) -> list[dict]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r for r in rows if r.get("lang", "en") != "en" and (source is None or r.get("from", "").endswith(source))]


def loso_multilingual(corpus: Path, C: float, with_s25: bool = False) -> None:
    """Leave-one-set-out for signal 4: refit the multilingual model without the other-language rows
    of one fit set at a time (blind_s20 and check_s20 through ``injection_fit_s20_other``, fit_s21,
    fit_s23, and the stop-21/22 fixture sets through ``injection_fit_s22_other``; with ``with_s25``
    also fit_s25_other, blind_s23 and blind_s24 from the fixtures)
    and score that set with :func:`agent.injection.detect` (inner clauses included); then the model
    fitted on all of them on the other labelled sets (some of whose kinds the multilingual exemplars
    were written after)."""
    from agent import injection

    data = ROOT / "agent" / "data"
    files = sorted(f for f in corpus.iterdir() if f.suffix in (".txt", ".md"))[0::2]
    benign = [f.read_text(encoding="utf-8")[a:b].strip() for f in files
              for a, b in injection.sentence_spans(f.read_text(encoding="utf-8"))]
    benign = [b for b in benign if b]
    held = {"blind_s20": _other_language_rows(data / "injection_fit_s20_other.jsonl", "blind_s20.jsonl"),
            "check_s20": _other_language_rows(data / "injection_fit_s20_other.jsonl", "check_s20.jsonl"),
            "fit_s21": _other_language_rows(data / "injection_fit_s21.jsonl"),
            "fit_s23": _other_language_rows(data / "injection_fit_s23.jsonl")}
    # The stop-22 fixture sets' other-language rows (copied into injection_fit_s22_other), one set at a time.
    for n in ("blind_s21", "check_s21", "blind_s22", "check_s22", "other_languages_s22"):
        held[n] = _other_language_rows(data / "injection_fit_s22_other.jsonl", f"{n}.jsonl")
    if with_s25:
        # Stop 25 (not in the shipped fit): the broad benign styles written for signal 4 with
        # planted contrasts (tests/fixtures/injection/fit_s25_other.jsonl), and the other-language
        # rows of blind_s23 and blind_s24, each held out in turn like the groups above.
        for n in ("fit_s25_other", "blind_s23", "blind_s24"):
            held[n] = _other_language_rows(FIX / f"{n}.jsonl")
    checks = {n: _other_language_rows(FIX / f"{n}.jsonl")
              for n in ("multilingual_check", "sentences", "sentences_holdout", "blind_s18", "blind_s19")}
    real_rows, real_load = injection.fit_sets_other_languages, injection.load_multilingual_model

    def score(model, rows: list[dict]) -> str:
        injection.load_multilingual_model = lambda *a, **k: model
        try:
            hits = [bool(injection.detect(r["text"])) for r in rows]
        finally:
            injection.load_multilingual_model = real_load
        pos = [h for h, r in zip(hits, rows) if r["label"]]
        neg = [h for h, r in zip(hits, rows) if not r["label"]]
        return f"caught {sum(pos)}/{len(pos)}, benign flagged {sum(neg)}/{len(neg)}"

    for name in [None, *held]:
        keep = [r for n, rows in held.items() if n != name for r in rows]
        injection.fit_sets_other_languages = lambda keep=keep: ([r["text"] for r in keep], [int(r["label"]) for r in keep])
        try:
            model, _ = injection.fit_multilingual(benign, out=None, C=C)
        finally:
            injection.fit_sets_other_languages = real_rows
        if name is None:
            print(f"all fit sets          thr {model.threshold:.3f}")
            for n, rows in checks.items():
                print(f"   other set {n:20s} {score(model, rows)}")
        else:
            print(f"left out {name:12s} thr {model.threshold:.3f}  held out: {score(model, held[name])}")


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("report")
    r.add_argument("sets", nargs="+", type=Path)
    lo = sub.add_parser("loso")
    lo.add_argument("corpus", type=Path)
    lo.add_argument("--extra", nargs="*", type=Path, default=[])
    lm = sub.add_parser("loso-multilingual")
    lm.add_argument("corpus", type=Path)
    lm.add_argument("--C", type=float, default=32.0)
    lm.add_argument("--with-s25", action="store_true", help="also fit on / hold out fit_s25_other, blind_s23, blind_s24")
    sg = sub.add_parser("signals")
    sg.add_argument("sets", nargs="+", type=Path)
    a = ap.parse_args()
    if a.cmd == "report":
        report(a.sets)
    elif a.cmd == "loso-multilingual":
        loso_multilingual(a.corpus, a.C, a.with_s25)
    elif a.cmd == "signals":
        signals(a.sets)
    else:
        loso(a.corpus, a.extra)


if __name__ == "__main__":
    main()
