"""Small text utilities shared by retrieval and the answerer: tokens, stems, stopwords."""
from __future__ import annotations

import re

import regex

from ingest.normalise import strip_diacritics

STOPWORDS = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being below between
both but by can cannot could did didn't do does doesn't doing don't down during each few for from further had has
have having he her here hers herself him himself his how i if in into is isn't it it's its itself let's me more most
my myself no nor not of off on once only or other ought our ours ourselves out over own same she should so some such
than that that's the their theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours yourself yourselves
according say said says tell told give given also just much many whose does mean
us s t
""".split())

# Closed-class English negative words other than "not" (determiners, pronouns, adverbs, the negative
# preposition and conjunction): read by the claim-support check and by the quote trimmer.
NEGATIVE_WORDS = frozenset({"no", "never", "none", "nothing", "neither", "nor", "without", "nobody", "nowhere"})

# Words that ask rather than describe; never required to appear in the evidence.
QUESTION_WORDS = frozenset("what which who whom whose when where why how many much does did do is are was were".split())

IMPERATIVES = frozenset("list name show give tell find identify describe explain summarise summarize".split())

_LATIN = r"[A-Za-z0-9][A-Za-z0-9'’.\-]*[A-Za-z0-9%]|[A-Za-z0-9%$]"
_TOKEN = re.compile(_LATIN)
# Scripts written without spaces between words (Han, Kana, Hangul): a run is matched
# whole and cut into overlapping bigrams, as the keyword index does
# (ingest.normalise.cjk_bigrams); words of the other non-Latin scripts (Arabic,
# Cyrillic, Greek, Hebrew, Indic...) are their letters and marks between non-letters.
# Latin letters outside ASCII (ø, ß, ł) are left as the ASCII pattern has always
# treated them, so English answers do not change.
_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}ー"
_ANY_SCRIPT_TOKEN = regex.compile(
    rf"(?P<latin>{_LATIN})|(?P<cjk>[{_CJK}]+)|(?P<word>[^\P{{L}}\p{{Latin}}{_CJK}][^\P{{L}}\p{{Latin}}{_CJK}\p{{M}}]*)")


def _script_tokens(text: str) -> list[str]:
    """Tokens of a text that may hold non-Latin scripts, in text order: the ASCII
    tokens :data:`_TOKEN` finds, CJK runs as overlapping bigrams (a one-character
    run as itself), other scripts' words whole."""
    out: list[str] = []
    for m in _ANY_SCRIPT_TOKEN.finditer(text):
        run = m.group("cjk")
        if run is None:
            out.append(m.group())
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


def tokens(text: str) -> list[str]:
    """Word tokens (keeps internal . - ' as in U.S., 52.204-25, Xi'an); accented
    letters in either Unicode form match unaccented ones ("Société" -> "Societe");
    words of non-Latin scripts are tokens too (Chinese/Japanese/Korean as character
    bigrams, Arabic or Cyrillic words whole), so questions in those scripts have terms."""
    # issue 9: shared matching normalisation (ingest.normalise), so NFC/NFD/unaccented
    # spellings of a name give the same tokens instead of fragments ("Soci", "t").
    text = strip_diacritics(text)
    found = _TOKEN.findall(text) if text.isascii() else _script_tokens(text)
    return [t.replace("’", "'") for t in found]


def _ly_is_stem(word: str) -> bool:
    """Is the "-ly" of ``word`` part of its stem - ``word`` itself a WordNet verb or noun ("apply",
    "supply", "family", "assembly") - rather than an adverb's suffix ("publicly")? Without this,
    "apply" stemmed to "app" while "applies" gave "apply", and the two never matched."""
    from .lexical import is_noun, is_verb

    return is_verb(word) or is_noun(word)


def stem(word: str) -> str:
    """A light English stemmer (plural, -ed, -ied, -ing, -ly, possessive); consistent,
    not linguistically perfect: both sides of a match go through it."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'.")
    if len(w) <= 3 or any(ch.isdigit() for ch in w):
        return w
    # ("ied" like "ies": "applied", "identified" meet "apply", "identify".)
    for suf, rep in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""), ("edly", ""), ("ed", ""), ("ly", ""),
                     ("es", ""), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            if suf == "s" and w.endswith(("ss", "us", "is")):
                continue
            if suf == "ly" and _ly_is_stem(w):
                return w  # "apply", "supply", "family": the "ly" is the word's, not an adverb's
            if suf == "es" and not w.endswith(("ches", "shes", "xes", "sses", "zes")):
                # "entities"/"licenses": only strip the s
                return w[:-1]
            base = w[: len(w) - len(suf)] + rep
            if suf in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "stopped" -> "stop"
            return base
    return w


def content_terms(text: str) -> list[str]:
    """Tokens of ``text`` minus stopwords, original case kept, order kept, unique."""
    out: list[str] = []
    seen: set[str] = set()
    toks = tokens(text)
    if toks and toks[0].lower() in IMPERATIVES:  # "List the companies ..." asks, it doesn't describe
        toks = toks[1:]
    for t in toks:
        low = t.lower()
        if low in STOPWORDS or low in QUESTION_WORDS:
            continue
        if len(low) == 1 and not low.isdigit():
            continue
        key = stem(low)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out

