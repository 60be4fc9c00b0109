"""Answer "is this party listed?" questions from the screening records, with citations.

A question goes here only when BOTH hold:

1. **intent** — a logistic regression over the question's embedding (the same
   all-MiniLM-L6-v2 the index uses), with the names in the question masked ("Is
   the company on the Entity List?") so the decision rests on what is asked, not on
   who is named. Fitted on the fit half of ``data/screening/intent_questions.jsonl``
   (``python -m agent.screening.answer``), checked on the other half; the weights
   live in ``data/screening/intent_model.json``. Threshold:
   ``Settings.screening_intent_threshold``.
2. **a party** — a name in the question (spaCy entities and runs of capitalised
   words) screens at or above the screening threshold, or the question names a
   party (a spaCy ORG/PERSON) that is not found: then the answer says "not found
   on the lists in the index (snapshot ...)" — an answer, not an abstention.

Every quote is a field value of a record document (``quote == body[start:end]``).
"""
from __future__ import annotations

import json
import logging
import math
import re
import sys
import threading
from functools import lru_cache
from pathlib import Path

from ..types import Answer, Citation

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "screening" / "intent_model.json"
_LOCK = threading.Lock()


def masked(question: str) -> str:
    """The question with named entities replaced by "the company" (what is asked, not who)."""
    from ..answering.nlp import mask_names

    return mask_names(question)


@lru_cache(maxsize=4)
def _model(path: str = str(MODEL_PATH)) -> dict | None:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        log.warning("no screening intent model at %s (%s): listing questions go to retrieval", path, exc)
        return None


def intent_probability(question: str, store) -> float:
    """P(the question asks whether named parties are listed), 0-1; 0 without a model
    or when the index embeds with another model than the one it was fitted on."""
    import numpy as np

    m = _model()
    if m is None or m.get("model_id") != store.embedder.model_id:
        return 0.0
    v = np.array(store.embedder.embed_query(masked(question)))
    z = float(v @ np.array(m["coef"]) + m["intercept"])
    return 1.0 / (1.0 + math.exp(-z))


def _parse(question: str):
    """The question through the process's shared spaCy pipeline; lemmas are not read here."""
    from ..answering.nlp import parse

    return parse(question, disable=["lemmatizer"])


_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|\bor\b|&(?=\s))\s*", re.I)
_CAP_RUN = re.compile(r"(?<![\w'’.\-])[A-Z0-9][\w'’.\-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z0-9][\w'’.\-]*)*")


def has_legal_form(name: str) -> bool:
    """True when a name starts or ends with a company's legal form ("Acme Widgets Ltd",
    "Siemens AG", "OOO Rosneft"; rigour's list, as the matcher drops them) after other
    words: it names an organisation even when spaCy does not tag it as one. A form
    in the middle ("Rosneft PJSC an SDN", a run of capitalised words) does not count."""
    from .normalise import fold, normalise_name

    whole, core = fold(name).split(), normalise_name(name).split()
    return 0 < len(core) < len(whole) and (whole[:len(core)] == core or whole[-len(core):] == core)


def party_mentions(question: str) -> list[tuple[str, bool]]:
    """Names in a question as ``(text, is_entity)``: spaCy ORG/PERSON/FAC/PRODUCT
    entities (``is_entity``), then runs of capitalised words after the first word
    (``is_entity`` when the run has a legal form: "Acme Widgets Ltd"); lists are split
    on commas and "and", leading stop words dropped."""
    from ..answering.nlp import is_stop

    doc = _parse(question)
    out: list[tuple[str, bool]] = []

    from .normalise import normalise_name

    def parts_of(text: str) -> list[str]:
        # A comma inside a legal form ("Development Co., Ltd.") separates no names: a piece that
        # adds nothing but a legal form to the name before it stays with it.
        parts: list[str] = []
        for part in _SPLIT.split(text):
            if parts and part.strip() and normalise_name(f"{parts[-1]} {part}") == normalise_name(parts[-1]) \
                    and normalise_name(parts[-1]):
                parts[-1] = f"{parts[-1]}, {part}"
            else:
                parts.append(part)
        return parts

    def add(text: str, is_entity: bool) -> None:
        for part in parts_of(text):
            words = part.strip(" .?!:-–—'\"").split()
            while words and is_stop(words[0].lower()):
                words = words[1:]
            name = " ".join(words)
            if len(name) < 2:
                continue
            entity = is_entity or has_legal_form(name)
            known = [o[0] for o in out]
            if name not in known:
                out.append((name, entity))
            elif entity and not out[known.index(name)][1]:
                out[known.index(name)] = (name, True)

    for ent in doc.ents:
        if ent.label_ in ("ORG", "PERSON", "FAC", "PRODUCT", "NORP", "WORK_OF_ART"):
            add(ent.text, ent.label_ in ("ORG", "PERSON"))
    body = question.split(None, 1)[1] if " " in question else ""
    for m in _CAP_RUN.finditer(body):
        add(m.group(0), False)
        for piece in re.split(r"\s+[a-z]{1,3}\s+", m.group(0)):  # "Sberbank an SDN" -> "Sberbank", "SDN"
            add(piece, False)
    # A legal form alone ("Ltd" of "Co., Ltd.", a capitalised run of its own) names no party, and a
    # name that another mention repeats with more of its legal form is that mention.
    bare = normalise_name("Acme")
    norm = {n: normalise_name(n) for n, _ in out}
    return [(n, e) for n, e in out
            if normalise_name(f"Acme {n}") != bare
            and not any(o != n and o.startswith(n) and norm[o] and norm[n].startswith(norm[o]) for o in norm)]


def _mentioned_lists(question: str, lists: list[str]) -> list[str]:
    """Lists the question names, by their code ("SDN") or name ("Entity List")."""
    from ingest.screening_lists import list_code

    out = []
    for name in lists:
        code = list_code(name)
        head = name.split("(")[0].strip()
        if re.search(rf"\b{re.escape(code)}\b", question) or (head and head.lower() in question.lower()):
            out.append(name)
    return out


def answer_listing(question: str, store, settings, *, force: bool = False) -> Answer | None:
    """The screening answer to ``question``, or None when it is not a listing check
    (or no screening list is indexed). ``force`` skips the intent check."""
    from . import ScreeningNotReady, get_index, has_screening_list, screen_index

    # Intent first, the name index after: building the index costs ~1.4 s in a fresh process,
    # and most questions are not listing checks. The cheap catalog check keeps an index
    # without a list from paying for the intent model (as before).
    if not has_screening_list(settings=settings):
        return None
    if not force:
        p = intent_probability(question, store)
        if p < settings.screening_intent_threshold:
            log.debug("not a listing question (intent %.2f)", p)
            return None
    try:
        idx = get_index(settings=settings)
    except ScreeningNotReady:
        return None
    found: dict[str, list] = {}
    missing: list[str] = []
    for party, is_entity in party_mentions(question):
        if any(party in f or f in party for f in found):
            continue
        hits = screen_index(idx, party, min_score=settings.screening_threshold, limit=settings.screening_max_hits)
        if hits:
            found[party] = hits
        elif is_entity and not _names_a_list(party, idx.lists):
            missing.append(party)
    if not found and not missing:
        return None
    return compose(question, idx, found, missing)


def _names_a_list(text: str, lists: list[str]) -> bool:
    """True when every word of ``text`` occurs in the lists' own names ("the Entity
    List", "US Treasury", "SDN"): a list or its agency, not a party."""
    vocab = {w for n in lists for w in re.findall(r"[a-z0-9]+", n.casefold())} | {"us", "u", "s", "the", "list"}
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return bool(words) and all(w in vocab for w in words)


def compose(question: str, idx, found: dict[str, list], missing: list[str]) -> Answer:
    """The answer text (direct answer first, then numbered quotes) and its citations."""
    named = _mentioned_lists(question, idx.lists)
    cites: list[Citation] = []
    lines: list[str] = []

    def cite(c: Citation | None) -> str:
        if c is None:
            return ""
        for old in cites:
            if old.doc_id == c.doc_id and old.start == c.start and old.end == c.end:
                return f"[{old.n}]"
        c.n = len(cites) + 1
        cites.append(c)
        return f"[{c.n}]"

    for party, hits in found.items():
        # Records on the lists the question names come first.
        hits = sorted(hits, key=lambda h: (h.list not in named, -h.score))[:3]
        for h in hits:
            ev = {c.quote: c for c in h.evidence}
            parts = [f"{party}: listed as {h.name}{cite(h.citation)} on the {h.list}{cite(ev.get(h.list))}"]
            if h.start_date:
                parts.append(f"since {h.start_date}{cite(ev.get(h.start_date))}")
            if h.fr_notice:
                parts.append(f"Federal Register notice {h.fr_notice}{cite(ev.get(h.fr_notice))}")
            if h.license_policy:  # long policies are quoted in the evidence only
                pol = h.license_policy if len(h.license_policy) <= 80 else "quoted in"
                parts.append(f"license policy: {pol} {cite(ev.get(h.license_policy))}".replace(" [", "[", 1)
                             if pol != "quoted in" else f"license policy quoted in {cite(ev.get(h.license_policy))}")
            score = f"match score {h.score:g}" + (f", matched name {h.matched_name!r}" if h.matched_name != h.name else "")
            lines.append("; ".join(parts) + f" ({score}; record {h.record_id}).")
    searched = ", ".join(named or idx.lists)
    for party in missing:
        lines.append(f"{party}: not found on the lists in the index (snapshot {idx.snapshot}; lists searched: "
                     f"{', '.join(idx.lists)}).")
    text = "\n".join(lines)
    if cites:
        text += "\n\nEvidence:\n" + "\n".join(f"[{c.n}] “{c.quote}” — {c.title}" for c in cites)
    log.info("screening answer: %d party(ies) found, %d not found (lists: %s)", len(found), len(missing), searched)
    return Answer(text=text + "\n", abstained=False, citations=cites, question=question, backend="screening")


def fit_intent_model(questions: str | Path, out: str | Path = MODEL_PATH, *, C: float = 4.0) -> dict:
    """Fit the intent model on the ``fit`` half of a labelled question file
    (``{"question", "intent": bool, "half"}``), report both halves, write the weights."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from ingest.embeddings import Embedder

    rows = [json.loads(l) for l in Path(questions).read_text(encoding="utf-8").splitlines() if l.strip()]
    emb = Embedder()
    X = np.array(emb.embed([masked(r["question"]) for r in rows]))
    y = np.array([bool(r["intent"]) for r in rows])
    fit = np.array([r.get("half") == "fit" for r in rows])
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit(X[fit], y[fit])
    report = {}
    for name, sel in (("fit", fit), ("check", ~fit)):
        pred = lr.predict_proba(X[sel])[:, 1] >= 0.5
        yt = y[sel]
        report[name] = {"n": int(sel.sum()), "tp": int((pred & yt).sum()), "fn": int((~pred & yt).sum()),
                        "fp": int((pred & ~yt).sum()), "tn": int((~pred & ~yt).sum())}
    model = {"model_id": emb.model_id, "coef": lr.coef_[0].tolist(), "intercept": float(lr.intercept_[0]),
             "C": C, "trained_on": str(Path(questions).name), "report": report}
    Path(out).write_text(json.dumps(model), encoding="utf-8")
    _model.cache_clear()
    return model


if __name__ == "__main__":  # python -m agent.screening.answer [QUESTIONS.jsonl]
    src = sys.argv[1] if len(sys.argv) > 1 else str(MODEL_PATH.parent / "intent_questions.jsonl")
    print(json.dumps(fit_intent_model(src)["report"], indent=2))
