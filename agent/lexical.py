"""Lexical relations the claim-support check reads from libraries, not from labelled outputs.

* **Adjectives** (WordNet 3.0, ``agent/data/wordnet_adjectives.json``, built by
  ``scripts/build_wordnet_verbs.py``): which adjectives share a synset ("big" / "large") and which
  lie in opposite clusters ("foreign" / "domestic", "mandatory" / "optional").
* **Valence** (VADER's lexicon, MIT, shipped in the ``vaderSentiment`` wheel): whether a word
  carries a judgement ("welcomed" +1.4, "disappointed" -2.1, "condemned" -1.9). A word that
  judges is the claim itself, so the checker never lets one through without its counterpart
  in the quotes; embeddings cannot tell such words from their opposites.
* **Adverbs** (WordNet 3.0, ``agent/data/wordnet_adverbs.json``, same script): which adverbs,
  multi-word ones included, share a synset of their main senses ("each year" / "annually").
"""
from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

log = logging.getLogger(__name__)

_ADJ_PATH = Path(__file__).resolve().parent / "data" / "wordnet_adjectives.json"


@lru_cache(maxsize=1)
def _adjectives() -> dict:
    data = json.loads(_ADJ_PATH.read_text(encoding="utf-8"))
    members: dict[int, list[int]] = {}
    for i, head in enumerate(data["cluster"]):
        members.setdefault(head, []).append(i)
    data["members"] = members
    return data


def adjective_synonyms(lemma: str) -> set[str]:
    """Words sharing a WordNet adjective synset with ``lemma`` ("big" -> {"large", "great", ...})."""
    wn = _adjectives()
    return {w for i in wn["lemmas"].get(lemma, ()) for w in wn["synsets"][i] if w != lemma}


def adjective_opposites(lemma: str) -> set[str]:
    """Words of the WordNet clusters opposite any sense of the adjective ``lemma``
    ("foreign" -> {"domestic", "home", "native", ...})."""
    wn = _adjectives()
    out: set[str] = set()
    for i in wn["lemmas"].get(lemma, ()):
        for head in wn["opposite"].get(str(wn["cluster"][i]), ()):
            for j in wn["members"].get(head, ()):
                out.update(wn["synsets"][j])
    return out


def is_adjective(lemma: str) -> bool:
    """``lemma`` is an adjective in WordNet."""
    return lemma in _adjectives()["lemmas"]


_VERB_PATH = Path(__file__).resolve().parent / "data" / "wordnet_verbs.json"


@lru_cache(maxsize=1)
def wordnet_verbs() -> dict:
    """WordNet 3.0's verb synsets and antonyms (agent/data/wordnet_verbs.json, built by
    scripts/build_wordnet_verbs.py; ~0.4 MB, read once for the claim-support check and the
    injection screen alike)."""
    return json.loads(_VERB_PATH.read_text(encoding="utf-8"))


def is_verb(lemma: str) -> bool:
    """``lemma`` is a verb in WordNet (its base form)."""
    return lemma in wordnet_verbs()["lemmas"]


def verb_synonyms(a: str, b: str) -> bool:
    """Do the verbs ``a`` and ``b`` share a WordNet synset ("release" and "publish": *publish, bring
    out, put out, issue, release*)? True for the same lemma."""
    if a == b:
        return True
    lemmas = wordnet_verbs()["lemmas"]
    return bool(set(lemmas.get(a, ())) & set(lemmas.get(b, ())))


def speech_first(lemma: str) -> bool:
    """``lemma``'s most frequent WordNet sense is one of communication (verb.communication: "state",
    "say", "tell", "report"), not of checking or reasoning ("confirm", "verify", "conclude" first
    mean establishing the truth of something)."""
    return lemma in _communication_first()


@lru_cache(maxsize=1)
def _communication_first() -> frozenset[str]:
    return frozenset(wordnet_verbs()["communication_first"])


@lru_cache(maxsize=1)
def _valences() -> dict[str, float]:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:  # pragma: no cover - a declared dependency; without it every word counts as judging
        log.warning("vaderSentiment is not installed: no word can be paraphrased without a lexical match")
        return {}
    return dict(SentimentIntensityAnalyzer().lexicon)


def valence(*forms: str) -> float:
    """VADER's valence of the first of ``forms`` (word form, lemma) its lexicon holds; 0.0 when
    none is in it. Without the lexicon every word is treated as judging (returns ``nan``)."""
    lex = _valences()
    if not lex:
        return float("nan")
    for f in forms:
        v = lex.get(f.lower())
        if v is not None:
            return float(v)
    return 0.0


@lru_cache(maxsize=1)
def _ratings() -> dict[str, list[int]]:
    """VADER's raw ratings per word (its lexicon file lists the ten raters' scores, -4..4)."""
    try:
        import vaderSentiment
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    path = Path(vaderSentiment.__file__).resolve().parent / "vader_lexicon.txt"
    out: dict[str, list[int]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        f = line.split("\t")
        if len(f) >= 4:
            try:
                out[f[0]] = [int(x) for x in json.loads(f[3])]
            except (ValueError, TypeError):
                continue
    return out


def judges(*forms: str) -> bool:
    """The word carries a judgement: most of VADER's raters gave it a valence of one sign ("welcomed",
    "condemned", "shares" — rated positive by 7 of 10), or no lexicon to tell. A word most raters
    found neutral judges in no sense ("extend": 5 of 10 positive, "reached" 4, "pay" 2 of 10
    negative), whatever its mean; without raw ratings a non-zero mean valence counts."""
    v = valence(*forms)
    if v != v:  # nan: no lexicon
        return True
    if v == 0.0:
        return False
    ratings = _ratings()
    for f in forms:
        r = ratings.get(f.lower())
        if r:
            return max(sum(x > 0 for x in r), sum(x < 0 for x in r)) * 2 > len(r)
        if f.lower() in _valences():
            break
    return True


_NOUN_PATH = Path(__file__).resolve().parent / "data" / "wordnet_nouns.json"


@lru_cache(maxsize=1)
def _nouns() -> dict:
    return json.loads(_NOUN_PATH.read_text(encoding="utf-8"))


def noun_generalising(lemma: str, quote_nouns: set[str]) -> str | None:
    """A noun of ``quote_nouns`` that ``lemma`` names by a WordNet synonym or a hypernym (two
    levels up) of one of its main senses ("equipment" for "gear", "firm" for "company"), or None.
    The quote's noun entails the more general one; a sibling ("customer" for "supplier") does not."""
    wn = _nouns()
    for q in sorted(quote_nouns):
        frontier = list(wn["lemmas"].get(q, ()))
        for _ in range(3):  # the synsets themselves, then two levels of hypernyms
            if any(lemma in wn["synsets"][i] for i in frontier):
                return q
            frontier = [h for i in frontier for h in wn["hypernyms"].get(str(i), ())]
    return None


def names_a_broader_kind(general: str, specific: str, depth: int = 3) -> bool:
    """Is ``general`` a near WordNet hypernym (up to ``depth`` levels) of one of the two main senses
    of ``specific`` and no synonym of it ("organization" of "affiliate", "person" of "official";
    not "firm" of "company", which share a synset)? Counting the broader kind counts more than the
    asked things. Near only: every noun descends from "entity", WordNet's root, which the
    regulations use for a legal person."""
    wn = _nouns()
    if any(general in wn["synsets"][i] for i in wn["lemmas"].get(specific, ())):
        return False  # a synonym (no sense of it is the general word's)
    # The senses themselves are level 0 of the walk, hence one level more.
    return _descends(specific, lambda lemmas: general in lemmas, depth + 1, senses=2)


def names_a_person(lemma: str, depth: int = 14) -> bool:
    """Does one of the noun's main WordNet senses descend from *person* ("chair" as chairperson,
    "director", "official", "analyst"; not "company", "agency", "entity")? Note that WordNet calls a
    "supplier" or "vendor" a person too: callers use this where only people can be meant."""
    return _descends(lemma, lambda lemmas: {"person", "individual"} <= set(lemmas), depth)


def _organisation_synset(lemmas: list[str]) -> bool:
    return lemmas[:1] in (["organization"], ["organisation"], ["social_group"])


def names_a_party(lemma: str, depth: int = 14, senses: int = 2) -> bool:
    """Does one of the noun's two main WordNet senses (its first ``senses``) descend from *person* or
    *organization* ("official", "forwarder", "bank", "company", "agency"; not "tool", "system",
    "program")? A party that can hold a duty in a regulation, as against a machine."""
    return _descends(lemma, lambda lemmas: {"person", "individual"} <= set(lemmas) or _organisation_synset(lemmas),
                     depth, senses=senses)


def names_an_organisation(lemma: str, depth: int = 14) -> bool:
    """Does one of the noun's two main WordNet senses descend from *organization* or *social group*
    ("office", "division", "agency", "committee"; not "official", "date", "deadline")?"""
    return _descends(lemma, _organisation_synset, depth, senses=2)


def _descends(lemma: str, test: Callable[[list[str]], bool], depth: int, senses: int | None = None) -> bool:
    """Does a WordNet sense of the noun (its first ``senses``; all when None), or a hypernym of one up
    to ``depth - 1`` levels, pass ``test`` (called with a synset's lemmas)?"""
    wn = _nouns()
    frontier = list(wn["lemmas"].get(lemma, ()))[:senses]
    for _ in range(depth):
        if any(test(wn["synsets"][i]) for i in frontier):
            return True
        frontier = [h for i in frontier for h in wn["hypernyms"].get(str(i), ())]
        if not frontier:
            break
    return False


def names_a_communication(lemma: str, depth: int = 8) -> bool:
    """Does one of the noun's two main WordNet senses descend from *communication* ("note",
    "directive", "hint", "guidance", "remark", "memo"; not "number", "status", "name")? A field
    label "assistant_directive" is a message to an assistant, "model_number" is not."""
    return _descends(lemma, lambda lemmas: lemmas[:1] == ["communication"], depth, senses=2)


def names_a_locality(lemma: str, depth: int = 3) -> bool:
    """Does one of the noun's two main WordNet senses descend from *municipality* ("city", "town")
    or *thoroughfare* ("street", "road") - a place within a country, which a country alone does
    not give? ("country", "place", "location", "address" do not.)"""
    return _descends(lemma, lambda lemmas: bool({"municipality", "thoroughfare"} & set(lemmas)), depth, senses=2)


def names_a_thoroughfare(lemma: str, depth: int = 3) -> bool:
    """Does one of the noun's two main WordNet senses descend from *thoroughfare* ("street",
    "avenue") - a part of an address below a city?"""
    return _descends(lemma, lambda lemmas: "thoroughfare" in lemmas, depth, senses=2)


def noun_synonyms(a: str, b: str) -> bool:
    """Do the nouns ``a`` and ``b`` (lemmas, lower case) share a WordNet sense ("phone",
    "telephone")? ``a == b`` counts."""
    wn = _nouns()
    return a == b or any(b in wn["synsets"][i] for i in wn["lemmas"].get(a, ()))


def is_noun(lemma: str) -> bool:
    """Is ``lemma`` (lower case) a WordNet noun?"""
    return lemma in _nouns()["lemmas"]


# WordNet's own detachment rules for nouns (morphy): a plural the tagger left as it is ("bureaus",
# tagged NN, so spaCy's lemma keeps the "s") is found by them.
_NOUN_DETACHMENTS = (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
                     ("men", "man"), ("ies", "y"))


def noun_base(word: str) -> str:
    """The WordNet noun ``word`` (lower case) is a form of: itself if WordNet knows it, else the first
    of WordNet's detachment rules (morphy: "bureaus" -> "bureau", "agencies" -> "agency") that gives
    a WordNet noun; ``word`` unchanged when none does."""
    if is_noun(word):
        return word
    for suffix, ending in _NOUN_DETACHMENTS:
        if word.endswith(suffix) and is_noun(base := word[: len(word) - len(suffix)] + ending):
            return base
    return word


def token_noun(token) -> str:
    """The WordNet noun a spaCy token is a form of: :func:`noun_base` of its lemma, or of its text when
    WordNet knows no noun the lemma is a form of - the tagger read a singular ending in "s" as a plural
    ("Is any *alias* recorded ...?": tagged NNS, lemma "alia"; its text is the noun "alias")."""
    base = noun_base(token.lemma_.lower())
    if is_noun(base):
        return base
    return noun_base(token.text.lower())


def holds_office(lemma: str, depth: int = 12) -> bool:
    """Does the noun's first WordNet sense name the holder of an office - a descendant of
    *functionary* ("official", "ambassador") or *leader* ("secretary", "director", "chairman",
    "commissioner")? Such a noun is a person's role, which a company does not fill; "supplier",
    "customer", "contractor" (persons in WordNet too, but roles firms fill) are not."""
    return _descends(lemma, lambda lemmas: bool({"functionary", "leader"} & set(lemmas)), depth, senses=1)


def names_a_duration(lemma: str, depth: int = 3) -> bool:
    """Does the noun's first WordNet sense name a length of time - a kind of time unit (the sense of
    "day": "hour", "minute", "day") or of time period (the sense of "period": "month", "year",
    "decade")? "15-month", "10 business days" and "two years" are durations; "session" (a meeting)
    and "quarter" (a fraction, in its first sense) are not."""
    wn = _nouns()
    refs = {h for w in ("day", "period") for i in list(wn["lemmas"].get(w, ()))[:1] for h in wn["hypernyms"].get(str(i), ())}
    frontier = list(wn["lemmas"].get(lemma, ()))[:1]
    for _ in range(depth):
        frontier = [h for i in frontier for h in wn["hypernyms"].get(str(i), ())]
        if refs & set(frontier):
            return True
    return False


def names_a_time(lemma: str, depth: int = 6) -> bool:
    """Does one of the noun's two main WordNet senses descend from the time period that a "year"
    is ("April", "Tuesday", "week", "day")? Such a noun after "in"/"on" is a time, not a place or
    a path ("pressed in April")."""
    wn = _nouns()
    year = list(wn["lemmas"].get("year", ()))[:1]
    period = {h for i in year for h in wn["hypernyms"].get(str(i), ())}
    frontier = list(wn["lemmas"].get(lemma, ()))[:2]
    for _ in range(depth):
        if period & set(frontier):
            return True
        frontier = [h for i in frontier for h in wn["hypernyms"].get(str(i), ())]
        if not frontier:
            break
    return False


_ADV_PATH = Path(__file__).resolve().parent / "data" / "wordnet_adverbs.json"


@lru_cache(maxsize=1)
def _adverbs() -> dict:
    return json.loads(_ADV_PATH.read_text(encoding="utf-8"))


def adverb_synonyms(word: str) -> frozenset[str]:
    """The other lemmas of the WordNet synsets of the adverb ``word`` ("annually" -> "every year",
    "per annum", "yearly", ...); empty for a word WordNet has no adverb for."""
    wn = _adverbs()
    return frozenset(w for sid in wn["lemmas"].get(word.lower(), ()) for w in wn["synsets"][sid] if w != word.lower())


def adverb_synonym_spans(words: Sequence[str], evidence: str, longest: int = 3) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of ``words`` (lower-case tokens of a sentence) that are a WordNet
    adverb lemma, one or several words ("each year", "abroad"), whose synset has another lemma that
    occurs as a whole word or phrase in ``evidence`` ("annually", "overseas"): the sentence says the
    evidence's adverb with another lemma of the same sense. Longest spans first, not overlapping."""
    wn = _adverbs()
    text = " " + re.sub(r"[^a-z0-9]+", " ", evidence.lower()) + " "
    taken: set[int] = set()
    spans: list[tuple[int, int]] = []
    for n in range(longest, 0, -1):
        for i in range(len(words) - n + 1):
            if taken & set(range(i, i + n)):
                continue
            phrase = " ".join(words[i:i + n])
            for sid in wn["lemmas"].get(phrase, ()):
                if any(f" {w} " in text for w in wn["synsets"][sid] if w != phrase):
                    spans.append((i, i + n))
                    taken |= set(range(i, i + n))
                    break
    return spans


def is_wordnet_word(word: str) -> bool:
    """Is ``word`` (any case, inflected or not) a lemma of WordNet in any part of speech?
    A capitalised sentence-initial token that is none ("Hikvision said ...", tagged NN by the
    small parser) is a name, not a common word."""
    w = word.lower()
    forms = {w, noun_base(w)}
    for suffix, base in (("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("s", ""), ("es", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            forms.add(w[: -len(suffix)] + base)
    return any(is_noun(f) or is_verb(f) or is_adjective(f) or f in _adverbs()["lemmas"] for f in forms)


def names_a_sign(lemma: str, depth: int = 6) -> bool:
    """Does the noun's first WordNet sense descend from *sign, signal* ("asterisk", "symbol", "star";
    not "evidence", "data", "indicator", "study")? What a sign "indicates" is its conventional meaning,
    not a conclusion drawn from evidence."""
    return _descends(lemma, lambda lemmas: lemmas[:2] == ["sign", "signal"], depth, senses=1)
