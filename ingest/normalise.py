"""Text normalisation for *matching*, never for storage.

Stored bodies, chunk texts and citation offsets stay exactly as loaded. What
this module produces is only ever compared with other output of this module:
the keyword index (FTS5) is fed :func:`index_text` of each chunk, a question
goes through the same functions on the query side, and the answerer can use
:func:`fold` / :func:`word_tokens` / :func:`number_key` to compare terms.
Nothing here is fitted to a word list: it is Unicode normalisation (NFKC),
case folding, removal of the combining marks of the Unicode diacritic blocks
(so NFC "Société" and NFD "Socie\u0301te\u0301" and "Societe" meet), digit-group
separators ("10,000" / "10 000" / "10\u202f000" / "10000"), and overlapping
bigrams for scripts written without spaces between words (Han, Kana, Hangul:
the standard CJK bigram indexing of Lucene's ``CJKBigramFilter``).

All functions are pure and thread-safe.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

import regex

# Combining marks that are diacritics of the script they sit on, by Unicode
# block: Combining Diacritical Marks (+ Extended, Supplement, for Symbols, Half
# Marks), Arabic tashkil and Quranic marks, Hebrew points. Marks that are
# letters' vowel signs in Indic or Southeast-Asian scripts are kept (removing
# them would merge different words).
_DIACRITIC_RANGES = (
    (0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
    (0x0591, 0x05C7),  # Hebrew points and cantillation
    (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED),  # Arabic marks
)
_STRIP = {cp: None for lo, hi in _DIACRITIC_RANGES for cp in range(lo, hi + 1)
          if unicodedata.category(chr(cp)).startswith("M")}
_STRIP[0x0640] = None  # Arabic tatweel (kashida): a stretching stroke, not a letter
# Invisible characters inside words that never separate them: the soft hyphen (HTML
# &shy;, a PDF's hyphenation point), the word joiner and the zero-width no-break space.
_STRIP.update({0x00AD: None, 0x2060: None, 0xFEFF: None})

# Scripts written without spaces between words: indexed as overlapping bigrams.
_CJK_RUN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}ー]+")

# A number written with digit-group separators: 10,000 / 10 000 / 10\u00a0000 /
# 10\u202f000 / 1,234,567 (groups of exactly three digits after the first).
_GROUPED = regex.compile(r"(?<![\d.,])\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+(?![\d]|[.,]\d)")
_SEPARATORS = str.maketrans("", "", ",\u00a0\u202f\u2009 ")

_WORD = regex.compile(r"\w+(?:[.\-']\w+)*")

# Unicode scripts reported by :func:`script_counts` (a letter of any other
# script counts as "Other"). Names are Unicode Script property values.
SCRIPTS = ("Latin", "Han", "Arabic", "Cyrillic", "Greek", "Hebrew", "Hangul", "Hiragana", "Katakana",
           "Devanagari", "Bengali", "Thai", "Armenian", "Georgian", "Ethiopic", "Tamil", "Telugu", "Gujarati",
           "Gurmukhi", "Kannada", "Malayalam", "Sinhala", "Khmer", "Lao", "Myanmar", "Tibetan", "Mongolian",
           "Syriac", "Thaana")
_SCRIPT_OF = regex.compile("|".join(fr"(?P<{s}>\p{{Script={s}}})" for s in SCRIPTS))
_CANON = {s.lower(): s for s in SCRIPTS}
_CANON.update({"chinese": "Han", "cjk": "Han", "kanji": "Han", "korean": "Hangul", "russian": "Cyrillic"})


def fold(text: str) -> str:
    """NFKC, case-folded, without diacritics: the form two spellings of one word share.

    ``fold("Société") == fold("Socie\\u0301te\\u0301") == "societe"``; full-width
    "ＡＢＣ" becomes "abc"; Arabic "الصُّلب" becomes "الصلب". The result is for
    comparison only (its length may differ from ``text``).
    """
    if text.isascii():  # the common case, an order of magnitude faster
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text).translate(_STRIP)
    return unicodedata.normalize("NFC", decomposed).casefold()


def strip_diacritics(text: str) -> str:
    """``text`` without the combining marks of the diacritic blocks, case and
    everything else kept (canonical decomposition only: "Société" -> "Societe",
    "…" and "½" untouched). For tokenizers that only know unaccented letters."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_STRIP))


def number_key(token: str) -> str:
    """The digits of a number written with group separators ("10,000" -> "10000");
    any other token unchanged."""
    return token.translate(_SEPARATORS) if _GROUPED.fullmatch(token) else token


def joined_numbers(text: str) -> list[str]:
    """The numbers in ``text`` written with digit-group separators, without them
    (``"10,000 t and 2 500 000"`` -> ``["10000", "2500000"]``)."""
    return [m.group().translate(_SEPARATORS) for m in _GROUPED.finditer(text)]


def cjk_bigrams(text: str) -> str:
    """Runs of Han/Kana/Hangul replaced by their overlapping bigrams separated by
    spaces ("清单公告" -> "清单 单公 公告"); a one-character run stays as it is."""
    def split(m: regex.Match) -> str:
        run = m.group()
        if len(run) == 1:
            return f" {run} "
        return " " + " ".join(run[i:i + 2] for i in range(len(run) - 1)) + " "
    return _CJK_RUN.sub(split, text)


def index_text(text: str) -> str:
    """What the keyword index holds for ``text``: folded, and CJK runs as bigrams.
    For ASCII text this has the same tokens as ``text`` (BM25 lengths unchanged)."""
    folded = fold(text)
    return cjk_bigrams(folded) if not folded.isascii() else folded


def number_terms(text: str) -> str:
    """Grouped numbers of ``text`` without separators, space-separated ("40,000 t" ->
    "40000"): indexed in a column of their own, so "10000" in a question finds
    "10,000" while the text column keeps its length (and its BM25 scores)."""
    return " ".join(joined_numbers(fold(text)))


def query_terms(text: str) -> list[str]:
    """Index-form terms of a query, unique, in order: words of :func:`index_text`
    (CJK as bigrams), then grouped numbers joined (:func:`number_terms`)."""
    out: list[str] = []
    for t in _WORD.findall(index_text(text) + " " + number_terms(text)):
        t = t.strip("'")
        if t and t not in out:
            out.append(t)
    return out


def word_tokens(text: str) -> list[tuple[str, int, int]]:
    """``(folded word, start, end)`` for every word of ``text`` in any script;
    offsets point into ``text`` itself (not into a folded copy). Han/Kana/Hangul
    runs are one token each here; compare them with :func:`cjk_bigrams` or by
    substring."""
    return [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def script_of(ch: str) -> str | None:
    """Unicode script name of a letter ("Latin", "Han", "Arabic", ... or "Other");
    None for digits, punctuation, spaces and marks."""
    if not ch.isalpha():
        return None
    m = _SCRIPT_OF.match(ch)
    return m.lastgroup if m else "Other"


@lru_cache(maxsize=65536)
def _script_cached(ch: str) -> str | None:
    return script_of(ch)


def script_counts(text: str) -> Counter[str]:
    """Letters of ``text`` per Unicode script: ``Counter({"Latin": 812, "Han": 40})``.
    Linear in the text (counts distinct characters first)."""
    out: Counter[str] = Counter()
    for ch, n in Counter(text).items():
        s = _script_cached(ch)
        if s:
            out[s] += n
    return out


def canonical_script(name: str) -> str:
    """A script name as :data:`SCRIPTS` spells it ("arabic" -> "Arabic",
    "chinese" -> "Han"); raises ValueError for an unknown name."""
    key = name.strip().lower()
    if key in _CANON:
        return _CANON[key]
    if key == "other":
        return "Other"
    raise ValueError(f"unknown script {name!r}; known: {', '.join(SCRIPTS)}, Other")


def main_scripts(text: str, share: float = 0.0) -> list[str]:
    """Scripts of the letters of ``text``, most letters first (those with more
    than ``share`` of the letters)."""
    counts = script_counts(text)
    total = sum(counts.values()) or 1
    return [s for s, n in counts.most_common() if n / total > share]
