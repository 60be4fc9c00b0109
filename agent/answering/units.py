"""Units of figures: what unit a quantity question asks for, and what unit a figure has.

"What share of its sales does the firm make abroad?" asks for a percentage, "how much
did the listing raise?" for money, "how many bureaus?" for a count; a sentence that
answers may hold figures of several units ("sales of $7.7 billion, 12% of them
overseas"). The *asked* unit is predicted by a multinomial logistic regression over
the embedding of the question's asking clause with its names masked (the same
all-MiniLM-L6-v2 vectors and masking as :mod:`agent.answering.kinds`), fitted on a
general hand-written set (``agent/data/quantity_unit_questions.jsonl``: many domains,
no question of the evaluation sets; "any" marks questions whose unit is open, "by how
much did exports fall"; "identifier" those that ask for a label written with digits, "the
*docket number* of the rule", which are no quantity questions at all). Of the units a sentence's figures have, the most likely asked one is preferred.

A *figure's* unit is the label spaCy's named-entity recogniser gives the entity that
holds it (MONEY, PERCENT, QUANTITY, CARDINAL); a percent sign, a currency symbol
(Unicode category ``Sc``) or a currency's name (Babel's CLDR names: "10,000 *euros*",
which spaCy tags CARDINAL) decides when spaCy tags nothing or only the number.

``python -m agent.answering.units [CHECK.jsonl ...]`` fits the model, prints its
cross-validated accuracy and its accuracy on the check sets' quantity
questions (whose unit is read off their expected answers), and writes
``unit_model.json``.
"""
from __future__ import annotations

import json
import logging
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from .kinds import fit_softmax, masked_question, probabilities, read_softmax_model
from .nlp import WH_TAGS

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("unit_model.json")
TRAINING_PATH = Path(__file__).resolve().parents[1] / "data" / "quantity_unit_questions.jsonl"
# "identifier": the question says "number" or "code" but asks for a label ("the *docket number* of
# the rule", "the *phone number* of the embassy", "the *HS code* of the part"): not a quantity.
UNITS: tuple[str, ...] = ("percent", "money", "count", "measure", "any", "identifier")
# spaCy's entity labels for figures, as units.
_LABEL_UNITS = {"PERCENT": "percent", "MONEY": "money", "CARDINAL": "count", "QUANTITY": "measure"}


@lru_cache(maxsize=2)
def load_model(path: str = str(MODEL_PATH)) -> dict | None:
    """The fitted model (``{"model_id", "classes", "coef", "intercept"}``), or None when the
    file is missing or malformed (then no unit is preferred)."""
    return read_softmax_model(path, "figures of any unit answer quantity questions")


def asking_phrase(question: str) -> str:
    """The question with its names masked (:func:`kinds.masked_question`) and without the
    "of" complement of the phrase that asks ("What *share* ~~of the company's revenue~~ was
    earned abroad?", "What is the total *value* ~~of the contracts~~?"): the unit is in the
    asking noun, the complement only says of what. From spaCy's dependency parse."""
    from .nlp import parse

    masked = masked_question(question)
    doc = parse(masked, disable=["ner", "lemmatizer"])
    wh = next((t for t in doc if t.tag_ in WH_TAGS), None)
    if wh is None:
        # A noun-phrase question ("docket number of the October 2019 rule?") asks with the noun
        # phrase it opens with (the parser may read the rest as a clause: "... rule adding 12 firms").
        # Only a modified noun says what it asks by itself ("*docket* number"); a bare one needs
        # its complement ("number of comments", "share of revenue").
        first = next(iter(doc.noun_chunks), None)
        if first is None or first.start != 0 or sum(1 for t in first if t.pos_ != "DET") < 2:
            return masked
        head = first.root
    else:
        head = wh.head if wh.dep_ in ("det", "advmod", "amod") else wh
    if wh is not None and wh.dep_ in ("attr", "nsubj") and wh.head.lemma_ == "be":
        # "What is the share of ...": the asking noun is the copula's other argument.
        head = next((c for c in wh.head.children if c.dep_ in ("attr", "nsubj") and c.i != wh.i), head)
    drop = {t.i for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree}
    return "".join(t.text_with_ws for t in doc if t.i not in drop).strip()


def features(question: str, embedder) -> list[float]:
    """The model's input: the vector of the masked question followed by the vector of its
    asking phrase (:func:`asking_phrase`): the phrase tells "what *share* of the revenue"
    from "how large was the revenue"; the whole question keeps a generic asking noun's
    complement ("the *estimate* of the number of detainees")."""
    full, phrase = masked_question(question), asking_phrase(question)
    if hasattr(embedder, "embed_queries"):  # one model call for both
        a, b = embedder.embed_queries([full, phrase])
        return list(a) + list(b)
    return list(embedder.embed_query(full)) + list(embedder.embed_query(phrase))




def asked_in_currency(question: str) -> bool:
    """Does the question ask for an amount *in* a currency ("how big is that revenue *in yuan*",
    "the fine in US dollars")? "in" followed within two words by a currency's name (Babel's CLDR
    names, :func:`currency_words`), with no figure in between ("in 2019 dollars" is a price level).
    The asked unit is then money, whatever the model reads from the other words."""
    for m in re.finditer(r"\bin\s+", question):
        words = re.findall(r"[\w.]+", question[m.end():m.end() + 60])[:3]
        for w in words:
            if any(ch.isdigit() for ch in w):
                break
            if w.lower() in currency_words():
                return True
    return False


def unit_probabilities(question: str, embedder) -> dict[str, float] | None:
    """The unit model's probability per unit ("percent", "money", "count", "measure",
    "any", "identifier") for a quantity question, or None when there is no usable model (missing, or
    fitted with another embedding model). ``embedder``: ``embed_query(text) ->
    list[float]`` and ``model_id``."""
    if asked_in_currency(question):
        return {u: float(u == "money") for u in UNITS}
    m = load_model()
    if m is None or m.get("model_id") != getattr(embedder, "model_id", None):
        return None
    return probabilities(features(question, embedder), m)


# How sure the unit model must be that a question asks for one unit before a figure of another
# unit is never its answer ("what is the *dollar value* of the threshold" is not answered by a
# section number). 0.6: on the training set's 5-fold cross-validation 52 of the 54 questions
# predicted that surely were right (2 wrong); checked on the dev/paraphrase/holdout quantity
# questions (see main()).
SURE = 0.6


def sure_unit(units: dict[str, float] | None) -> str | None:
    """The unit the question surely asks for (probability >= ``SURE``, not "any"), or None."""
    if not units:
        return None
    unit = max(units, key=units.get)
    return unit if unit != "any" and units[unit] >= SURE else None


def preferred(units: dict[str, float] | None, present: set[str]) -> str | None:
    """Of the units ``present`` among a sentence's figures, the one the question most likely
    asks for; None when there is no model, no figure has a unit, or "any" unit is the
    question's most likely answer ("by how much did exports fall")."""
    if not units or not present or max(units, key=units.get) == "any":
        return None
    return max(present, key=lambda u: units.get(u, 0.0))


@lru_cache(maxsize=256)
def _entity_units(text: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, unit)`` of the figure entities spaCy finds in ``text``."""
    from .nlp import parse

    doc = parse(text, disable=["lemmatizer"])
    return tuple((e.start_char, e.end_char, _LABEL_UNITS[e.label_]) for e in doc.ents if e.label_ in _LABEL_UNITS)


@lru_cache(maxsize=1)
def currency_words() -> frozenset[str]:
    """English names of the world's currencies, singular and plural ("euro", "euros", "yuan",
    "rupees"): the last word of each name in the Unicode CLDR data that Babel ships."""
    from babel.numbers import get_currency_name, list_currencies

    out = set()
    for code in list_currencies():
        for count in (1, 2):
            word = get_currency_name(code, count=count, locale="en").split()[-1].lower()
            if word.isalpha():
                out.add(word)
    return frozenset(out)


def figure_unit(text: str, start: int, end: int) -> str | None:
    """The unit of the figure at ``text[start:end]``: the unit of the spaCy entity that
    overlaps it, else "percent" for a percent sign and "money" for a currency symbol
    in it; "money" too for a currency's name (CLDR, :func:`currency_words`) in it or right
    after it ("25,000,000 dong"); None when nothing says."""
    # The figure with the word written right after it: "25,000,000 *dong*", "10,000 *euros*".
    after = re.match(r"\s*([^\W\d_]+)", text[end:])
    words = set(text[start:end].lower().split()) | ({after.group(1).lower()} if after else set())
    try:
        for s, e, unit in _entity_units(text):
            if s < end and e > start:
                if unit in ("count", "measure") and currency_words() & words:
                    return "money"  # spaCy tags "10,000 euros" CARDINAL, "25,000,000 dong" QUANTITY
                return unit
    except Exception:  # noqa: BLE001 - spaCy missing or failing: the symbols alone decide
        log.debug("no spaCy entities for a figure's unit", exc_info=True)
    surface = text[start:end]
    if "%" in surface:
        return "percent"
    if any(unicodedata.category(ch) == "Sc" for ch in surface) or currency_words() & words:
        return "money"
    return None


def answer_unit(facts: Sequence[str], body: str = "") -> str | None:
    """The unit of an evaluation question's expected figure (its ``must_include``
    alternatives): :func:`figure_unit` of the first alternative found in ``body`` (the
    source document, read in its sentence: "42 billion" is money there), else of each
    alternative alone; None when they disagree or none has a unit. For checking the
    model only."""
    for f in facts:
        i = body.find(f)
        if i >= 0:
            a, b = max(0, i - 120), min(len(body), i + len(f) + 60)
            unit = figure_unit(body[a:b], i - a, i - a + len(f))
            if unit:
                return unit
    found = {figure_unit(f, 0, len(f)) for f in facts}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def fit(rows: Sequence[dict], embedder, *, c: float = 2.0) -> dict:
    """Fit on ``rows`` (``{"q": question, "unit": one of UNITS}``); needs scikit-learn."""
    import numpy as np

    x = np.array([features(r["q"], embedder) for r in rows])
    return fit_softmax(x, [r["unit"] for r in rows], embedder, c=c, trained_on=TRAINING_PATH.name)


def _check_rows(paths: Sequence[str], corpus: str = "") -> list[tuple[str, str, str]]:
    """``(id, question, unit)`` of the answerable quantity questions of the sets whose expected
    figure has a unit (read off the expected answer in its source document under ``corpus``,
    not labelled by hand)."""
    out = []
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("answerable") and r.get("kind") == "quantity" and r.get("must_include"):
                body = ""
                for stem in r.get("sources", []):
                    path = Path(corpus, stem + ".txt")
                    body += path.read_text(encoding="utf-8") if corpus and path.is_file() else ""
                unit = answer_unit(r["must_include"][0], body)
                if unit:
                    out.append((r["id"], r["question"], unit))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Fit on the training set, print its 5-fold cross-validated accuracy and the check
    sets' accuracy (most likely unit other than "any"), write the model (unless ``--dry-run``)."""
    import argparse

    from ingest.embeddings import Embedder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("check", nargs="*", help="question sets (quantity questions with must_include)")
    ap.add_argument("--corpus", default="", help="folder of the check sets' source documents (FILE_STEM.txt)")
    ap.add_argument("--c", type=float, default=2.0)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    rows = [json.loads(l) for l in TRAINING_PATH.read_text(encoding="utf-8").splitlines() if l.strip()]
    emb = Embedder()

    def top(model: dict, q: str) -> str:
        probs = probabilities(features(q, emb), model)
        return max((u for u in probs if u != "any"), key=probs.get)

    cv = []  # (label, predicted) out of fold; every 5th row is a fold
    for f in range(5):
        model = fit([r for i, r in enumerate(rows) if i % 5 != f], emb, c=args.c)
        cv += [(r["unit"], top(model, r["q"])) for i, r in enumerate(rows) if i % 5 == f and r["unit"] != "any"]
    print(f"cross-validated on the training set: {sum(a == b for a, b in cv)}/{len(cv)} right")
    model = fit(rows, emb, c=args.c)
    checks = []
    for _id, q, unit in _check_rows(args.check, args.corpus):
        checks.append((unit, top(model, q)))
        print(f"  {_id:8} answer {unit:8} model {checks[-1][1]:8} {q}")
    if checks:
        print(f"check sets: {sum(a == b for a, b in checks)}/{len(checks)} right")
    if not args.dry_run:
        MODEL_PATH.write_text(json.dumps(model) + "\n", encoding="utf-8")
        load_model.cache_clear()
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
