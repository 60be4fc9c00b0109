"""Misspelt question words, read as the sources' own words ("entitites" → "entities").

Analysts type fast: "how many entitites did the US add", "Hikvison's market value",
"Urumqi Muncipal PSB"; and they abbreviate what the sources spell out ("added to the *EL*":
"Entity List"; an acronym in capitals the index never writes is read as the capitalised words
with its initials that the index writes most, :meth:`ingest.store.IndexStore.acronym_expansion`).
A misspelt word matches nothing in the keyword index, so the answerer sees a question word
the sources never use (and, for a name, a party they never mention) and abstains or answers
about something else. Search engines fix this
by fuzzy matching against their own vocabulary; so does tradeqa, before retrieval:

* only a word the index does not hold is read as another (a word the sources use is
  never changed), and only when it is at least :data:`MIN_LETTERS` letters long;
* only a word that is not itself an English word: one the embedding model's WordPiece
  vocabulary holds whole (30,522 entries of English text) is left alone, so "chips" is
  never read as "ships" just because the sources only speak of ships;
* the reading is a word of the indexed text within the edit distance Elasticsearch's
  ``fuzziness: AUTO:5,9`` allows for the word's length (:func:`max_edits`), by
  :meth:`ingest.store.IndexStore.closest_words`: closest first, then most frequent.

The question as typed is kept for what the user sees (the abstention text, the answer's
``question``); the reading is said in the answer's notice.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.store import IndexStore

log = logging.getLogger(__name__)

# Shorter words are left as typed: with one edit, a four-letter word has too many
# neighbours ("chip" → "ship", "chin") for a reading to be more than a guess.
MIN_LETTERS = 5


def max_edits(word: str) -> int:
    """Edits allowed for a word of this length: Elasticsearch's ``fuzziness: AUTO:5,9`` (none
    below 5 characters, 1 for 5-8, 2 from 9). Plain ``AUTO`` (2 edits from 6 characters) read
    "expire" as "export"; typed misspellings are one edit ("entitites", "Hikvison", "reveiw")."""
    n = len(word)
    return 0 if n < 5 else 1 if n < 9 else 2


@dataclass(frozen=True)
class Correction:
    """``typed`` (as in the question, at ``start``) read as ``read_as`` (as the sources write it)."""

    typed: str
    read_as: str
    start: int


@lru_cache(maxsize=1)
def _wordpiece_words() -> frozenset[str]:
    """Whole words of the embedding model's WordPiece vocabulary (lower case), or an empty set
    when the tokenizer file cannot be read (then every unknown word may be read as another)."""
    try:
        from ingest.embeddings import default_model_path

        vocab = json.loads((Path(default_model_path()) / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ImportError, KeyError, ValueError) as exc:
        log.warning("WordPiece vocabulary unavailable (%s); English words are not told from misspellings", exc)
        return frozenset()
    return frozenset(w for w in vocab if w.isalpha() and not w.startswith("##"))


def is_english_word(word: str) -> bool:
    """Is ``word`` (case-insensitive) a whole entry of the WordPiece vocabulary?"""
    return word.lower() in _wordpiece_words()


def is_word_form(word: str) -> bool:
    """Is ``word`` English as a reading must leave it: a WordPiece word, a WordNet verb, or a WordNet
    noun or its plural ("routers": WordPiece holds no plural of "router", WordNet does)?"""
    w = word.lower()
    if is_english_word(w):
        return True
    from .lexical import is_noun, is_verb, noun_base

    # (Nouns' plurals only: a verb's "-ing" detached from a typo - "shiping" - would pass for "ship".)
    return is_noun(noun_base(w)) or is_verb(w)


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A wh-word with "is" contracted and the apostrophe left out (a closed class of English).
_WH_CONTRACTION = re.compile(r"(what|where|who|when|how)s", re.I)


def read_question(question: str, store: IndexStore) -> tuple[str, list[Correction]]:
    """The question with each misspelt word replaced by the sources' word it stands for,
    and the replacements made (empty: the question as typed)."""
    corrections: list[Correction] = []
    for m in _WORD.finditer(question):
        if (wh := _WH_CONTRACTION.fullmatch(m.group(0))) is not None:
            # "Whats the adress of ...": a wh-word's "is" written without its apostrophe.
            corrections.append(Correction(typed=m.group(0), read_as=f"{wh.group(1)} is", start=m.start()))
            continue
        typed = re.sub(r"['’]s$", "", m.group(0))
        if (spelt := _abbreviation_reading(question, m, store)) is not None:
            corrections.append(Correction(typed=typed + ".", read_as=spelt, start=m.start()))
            continue
        if (spelt := _acronym_reading(typed, store)) is not None:
            corrections.append(Correction(typed=typed, read_as=spelt, start=m.start()))
            continue
        if len(typed) < MIN_LETTERS or is_word_form(typed) or store.document_frequency(typed) > 0:
            continue
        found = store.closest_words(typed, max_edits(typed), limit=1)
        if not found:
            continue
        word = found[0][0]
        if word.islower() and typed[:1].isupper():
            word = word[:1].upper() + word[1:]
        corrections.append(Correction(typed=typed, read_as=word, start=m.start()))
    if not corrections:
        return question, []
    out = question
    for c in sorted(corrections, key=lambda c: -c.start):
        out = out[:c.start] + c.read_as + out[c.start + len(c.typed):]
    log.info("question read as %r", out)
    return out, corrections


# An abbreviation before a number or a paragraph letter, as legal references are cited ("Sec. 889",
# "Art. 5", "para. (b)"): a short word, its period, then the token it numbers.
_ABBREVIATED = re.compile(r"\.[ \t]+\(?([0-9][\w.()/-]*|[a-z]\))")


def _abbreviation_reading(question: str, m: re.Match, store: IndexStore) -> str | None:
    """The sources' word for an abbreviation the question writes before a reference number ("Sec.
    889": "Section", when the sources write "Section 889"), by
    :meth:`ingest.store.IndexStore.abbreviation_expansion`; None for any other word, or when the
    sources write the abbreviation itself ("No. 2")."""
    after = _ABBREVIATED.match(question, m.end())
    if after is None or not m.group(0).isalpha() or len(m.group(0)) > 6:
        return None
    return store.abbreviation_expansion(m.group(0), after.group(1).strip("()"))


def _acronym_reading(typed: str, store: IndexStore) -> str | None:
    """What an acronym in capitals that the sources never write stands for in them ("EL": "Entity
    List"; plural "PSBs": "Public Security Bureaus"), by
    :meth:`ingest.store.IndexStore.acronym_expansion`; None for any other word, an acronym the
    sources write ("BIS") or one they never spell out ("SDN")."""
    plural = typed.endswith("s") and len(typed) > 2 and typed[:-1].isupper()
    acronym = typed[:-1] if plural else typed
    if not (acronym.isalpha() and acronym.isupper() and 2 <= len(acronym) <= 6) or store.document_frequency(typed) > 0:
        return None
    expansion = store.acronym_expansion(acronym)
    return None if expansion is None else expansion + ("s" if plural and not expansion.endswith("s") else "")


def reading_notice(corrections: list[Correction]) -> str:
    """The answer's note on how the question was read ("" when as typed)."""
    if not corrections:
        return ""
    pairs = ", ".join(f"“{c.typed}” as “{c.read_as}”" for c in corrections)
    return f"Read {pairs} (the sources' spelling)."
