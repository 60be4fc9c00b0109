#!/usr/bin/env python
"""Measure the injection detector on labelled English sentence sets.

    python scripts/injection_eval.py report SET.jsonl [...]   # per-style caught / benign flagged,
                                                               # parse+delimiter only and with MiniLM
    python scripts/injection_eval.py loso CORPUS_DIR           # leave-one-set-out for the semantic model
    python scripts/injection_eval.py loso-multilingual CORPUS_DIR [--rule cv|max-benign] [--hold G ...]
                                                               # [--without injection_fit_s25_other]: signal 4
    python scripts/injection_eval.py sets [SET.jsonl ...] [--minilm]  # per set as the tests count
    python scripts/injection_eval.py signals SET.jsonl [...]  # which signal fired or failed on each error
    python scripts/injection_eval.py readings [SET.jsonl ...] [--reading directive_reason] [--rows]
                                                               # what one English parse reading flags alone

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


# The held-out sets: stop 26's check set and the next stop's (written blind this stop); never opened here.
HELD_OUT = frozenset({"blind_s29.jsonl", "blind_s30.jsonl", "blind_s31.jsonl", "blind_s32.jsonl", "blind_s33.jsonl", "blind_s34.jsonl", "blind_s35.jsonl", "blind_s36.jsonl", "blind_s37.jsonl", "blind_s38.jsonl", "blind_s39.jsonl"})


def fit_set_paths() -> list[Path]:
    """Every labelled fit set: the fixture sets (except the held-out one) and agent/data/injection_fit_*."""
    fix = [p for p in sorted(FIX.glob("*.jsonl")) if p.name not in HELD_OUT]
    return fix + sorted((ROOT / "agent" / "data").glob("injection_fit_*.jsonl"))


def sets_table(paths: list[Path], embed: bool = False) -> None:
    """Per set, as tests/agent/test_injection.py counts them (:func:`agent.injection.detect`,
    all signals, without the MiniLM embedder unless ``embed``): English planted caught, other
    planted caught, benign flagged."""
    from agent.injection import detect

    emb = None
    if embed:
        from ingest.embeddings import Embedder

        emb = Embedder().embed
    for p in paths:
        if p.name in HELD_OUT:
            continue
        rows = [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
        hit = [bool(detect(r["text"], emb)) for r in rows]
        en = [h for h, r in zip(hit, rows) if r["label"] and r.get("lang", "en") == "en"]
        ot = [h for h, r in zip(hit, rows) if r["label"] and r.get("lang", "en") != "en"]
        bn = [h for h, r in zip(hit, rows) if not r["label"]]
        bo = [h for h, r in zip(hit, rows) if not r["label"] and r.get("lang", "en") != "en"]
        print(f"{p.name:34s} english {sum(en)}/{len(en)}  other {sum(ot)}/{len(ot)}  benign flagged {sum(bn)}/{len(bn)}"
              f" (other-language {sum(bo)}/{len(bo)})", flush=True)


def reading_tally(paths: list[Path], reading: str = "directive_reason", show: bool = False) -> None:
    """What one English parse reading of :mod:`agent.injection` (``directive_reason``,
    ``task_reason`` or ``probe_reason``) does on each set, as the tests count (:func:`detect`
    without the MiniLM embedder): benign rows flagged with it, benign rows flagged only because of
    it (not flagged once it is switched off), planted rows it fires on and planted rows it alone
    catches. ``show`` prints those rows."""
    from agent import injection as inj

    real = getattr(inj, reading)
    total: Counter = Counter()
    for p in paths:
        if p.name in HELD_OUT:
            continue
        rows = [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
        c: Counter = Counter()
        for r in rows:
            hit = bool(inj.detect(r["text"]))
            fired = hit and any(real(doc) for a, b in inj.sentence_spans(r["text"])
                                for doc in inj._parse_many(inj._readings(r["text"][a:b])))
            setattr(inj, reading, lambda doc: None)
            try:
                without = bool(inj.detect(r["text"]))
            finally:
                setattr(inj, reading, real)
            kind = "planted" if r["label"] else "benign"
            c[kind] += 1
            c[kind + " flagged"] += hit
            c[kind + " fired"] += fired
            c[kind + " alone"] += hit and not without
            if show and (hit and not without or not r["label"] and fired):
                print(f"   {kind:7s} {'ALONE' if hit and not without else 'fired'} {r.get('style', '?'):18s} | {r['text'][:150]}")
        total.update(c)
        print(f"{p.name:34s} benign flagged {c['benign flagged']}/{c['benign']} ({reading} fires on {c['benign fired']},"
              f" alone {c['benign alone']}) | planted caught {c['planted flagged']}/{c['planted']} (fires on "
              f"{c['planted fired']}, alone {c['planted alone']})", flush=True)
    print(f"{'ALL':34s} benign flagged {total['benign flagged']}/{total['benign']} ({reading} fires on "
          f"{total['benign fired']}, alone {total['benign alone']}) | planted caught {total['planted flagged']}/"
          f"{total['planted']} (fires on {total['planted fired']}, alone {total['planted alone']})")


def loso_multilingual(corpus: Path, C: float, rule: str = "cv", hold: list[str] | None = None,
                      without: list[str] | None = None) -> None:
    """Leave-one-set-out for signal 4: refit the multilingual model (threshold ``rule``, see
    :func:`agent.injection.fit_multilingual`) without the other-language rows of one set at a time
    (the groups of :func:`agent.injection.fit_groups_other_languages`: a row's ``from`` set, else
    its fit file; ``hold`` limits which are held out) and score that set with
    :func:`agent.injection.detect` (all signals, inner clauses included). ``without`` drops fit
    files (e.g. ``injection_fit_s25_other`` to measure the stop-24 fit). Then the model fitted on
    all of them on the other labelled sets."""
    from agent import injection

    files = sorted(f for f in corpus.iterdir() if f.suffix in (".txt", ".md"))[0::2]
    benign = [f.read_text(encoding="utf-8")[a:b].strip() for f in files
              for a, b in injection.sentence_spans(f.read_text(encoding="utf-8"))]
    benign = [b for b in benign if b]
    real_rows, real_load = injection.fit_groups_other_languages, injection.load_multilingual_model
    t_all, y_all, g_all = real_rows()
    if without:
        data = ROOT / "agent" / "data"
        dropped = {Path(json.loads(x).get("from") or f.name).stem for w in without
                   for f in [data / f"{w}.jsonl"] for x in f.read_text(encoding="utf-8").splitlines() if x.strip()}
        keep_i = [i for i, g in enumerate(g_all) if g not in dropped]
        t_all, y_all, g_all = [t_all[i] for i in keep_i], [y_all[i] for i in keep_i], [g_all[i] for i in keep_i]
    held = {}
    for t, y, g in zip(t_all, y_all, g_all):
        held.setdefault(g, []).append({"text": t, "label": y})
    checks = {n: [r for r in (json.loads(x) for x in (FIX / f"{n}.jsonl").read_text(encoding="utf-8").splitlines()
                              if x.strip()) if r.get("lang", "en") != "en"]
              for n in ("multilingual_check", "sentences", "sentences_holdout", "blind_s18", "blind_s19")}

    def score(model, rows: list[dict]) -> str:
        injection.load_multilingual_model = lambda *a, **k: model
        try:
            hits = [bool(injection.detect(r["text"])) for r in rows]
        finally:
            injection.load_multilingual_model = real_load
        pos = [h for h, r in zip(hits, rows) if r["label"]]
        neg = [h for h, r in zip(hits, rows) if not r["label"]]
        return f"caught {sum(pos)}/{len(pos)}, benign flagged {sum(neg)}/{len(neg)}"

    for name in [None, *(n for n in held if hold is None or n in hold)]:
        keep = [i for i, g in enumerate(g_all) if g != name]
        injection.fit_groups_other_languages = lambda keep=keep: (
            [t_all[i] for i in keep], [y_all[i] for i in keep], [g_all[i] for i in keep])
        try:
            model, st = injection.fit_multilingual(benign, out=None, C=C, rule=rule)
        finally:
            injection.fit_groups_other_languages = real_rows
        if name is None:
            print(f"all fit sets          thr {model.threshold:.3f}  {st}", flush=True)
            for n, rows in checks.items():
                print(f"   other set {n:20s} {score(model, rows)}", flush=True)
        else:
            print(f"left out {name:20s} thr {model.threshold:.3f}  held out: {score(model, held[name])}", flush=True)


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
    lm.add_argument("--rule", choices=["cv", "max-benign"], default="cv")
    lm.add_argument("--hold", nargs="*", default=None, help="groups to hold out (default: every group)")
    lm.add_argument("--without", nargs="*", default=None, help="fit files to leave out, e.g. injection_fit_s25_other")
    st = sub.add_parser("sets")
    st.add_argument("sets", nargs="*", type=Path)
    st.add_argument("--minilm", action="store_true")
    sg = sub.add_parser("signals")
    sg.add_argument("sets", nargs="+", type=Path)
    rd = sub.add_parser("readings")
    rd.add_argument("sets", nargs="*", type=Path)
    rd.add_argument("--reading", default="directive_reason", choices=["directive_reason", "task_reason", "probe_reason"])
    rd.add_argument("--rows", action="store_true", help="print the rows the reading flags alone or fires on (benign)")
    a = ap.parse_args()
    if a.cmd == "report":
        report(a.sets)
    elif a.cmd == "loso-multilingual":
        loso_multilingual(a.corpus, a.C, a.rule, a.hold, a.without)
    elif a.cmd == "sets":
        sets_table(a.sets or fit_set_paths(), a.minilm)
    elif a.cmd == "signals":
        signals(a.sets)
    elif a.cmd == "readings":
        reading_tally(a.sets or fit_set_paths(), a.reading, a.rows)
    else:
        loso(a.corpus, a.extra)


if __name__ == "__main__":
    main()
