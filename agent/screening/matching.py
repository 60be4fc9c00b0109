"""Scoring one query name against one listed name (or alias): a 0-100 score.

The score is a weighted token alignment, in the spirit of OpenSanctions'
name matching (rare words decide, common words barely count):

* every token weighs its inverse document frequency over all listed names and
  aliases (``index.py`` computes it), so "Hikvision" decides and "Technology",
  "Trading", "Group" barely count — without a hand-made list of "weak" words;
* tokens align one-to-one by ``rapidfuzz`` similarity (optimal-string-alignment distance, so a transposition is one edit);
  a pair counts when its similarity is at least ``TOKEN_MIN_SIM`` (short tokens
  and numbers must be equal — a typo in a 3-letter acronym is another acronym);
  adjacent tokens may merge ("Hik Vision" ~ "Hikvision", pinyin syllables);
* ``coverage_listed`` = aligned weight / weight of the listed name's tokens,
  ``coverage_query`` = aligned weight / weight of the query's tokens *within the
  span of the query that the alignment covers* (so a listed name inside a longer
  string — "invoice to Hikvision Digital Technology, Hangzhou" — still matches,
  while extra words inside the name lower the score);
* score = 100 x 2PR/(P+R) of the two coverages (an F1).

A listed name may only be found *inside* a longer query when (by weight) at least
``EMBED_MIN_COVERAGE`` of it is there, spelled exactly, and it has at least two (after legal forms are dropped). One-word names and
aliases ("ZTE", "NNP", "MANUEL", "SEMNAN") therefore only match a query that is
essentially that word, never a word or a piece of an unrelated longer name.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rapidfuzz.distance import OSA

TOKEN_MIN_SIM = 0.75  # edit-distance similarity for two tokens to count as the same word
EXACT_ONLY_LEN = 3  # tokens this short (and numbers) must match exactly
EMBED_MIN_COVERAGE = 0.85  # weighted share of a listed name that must be inside a longer query
EMBED_PENALTY = 0.15  # max share of the score lost to words outside an embedded name
MERGE_MIN_SIM = 0.9  # two adjacent tokens written as one ("hik vision") must be nearly equal


@dataclass(frozen=True)
class Alignment:
    """How a query aligned to a listed name: the score and the parts behind it."""

    score: float  # 0-100
    coverage_listed: float  # 0-1: weighted share of the listed name's tokens matched
    coverage_query: float  # 0-1: weighted share of the query span's tokens matched
    embedded: bool  # the listed name was found inside a longer query


def token_similarity(a: str, b: str) -> float:
    """0-1 similarity of two tokens; 0 below ``TOKEN_MIN_SIM`` or when short/numeric tokens differ."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) <= EXACT_ONLY_LEN or a.isdigit() or b.isdigit():
        return 0.0
    s = OSA.normalized_similarity(a, b)
    return s if s >= TOKEN_MIN_SIM else 0.0


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def align(query: tuple[str, ...], listed: tuple[str, ...], weight: Callable[[str], float],
          similarity: Callable[[str, str], float] = None) -> Alignment:
    """Score ``query`` tokens against ``listed`` tokens (both normalised).

    ``weight(token)``: the token's weight (IDF); ``similarity``: a (memoised)
    :func:`token_similarity`."""
    similarity = similarity or token_similarity
    if not query or not listed:
        return Alignment(0.0, 0.0, 0.0, False)
    # Candidate pairs (listed index, query index, sim, q_len) with merges of adjacent tokens on
    # either side; a merged pair spans 2 query or 2 listed tokens.
    pairs: list[tuple[float, int, int, int, int]] = []  # (sim, li, ln, qi, qn)
    for li in range(len(listed)):
        for ln in (1, 2):
            if li + ln > len(listed):
                continue
            lt = "".join(listed[li:li + ln])
            for qi in range(len(query)):
                for qn in (1, 2):
                    if qi + qn > len(query) or (ln == 2 and qn == 2):
                        continue
                    s = similarity(lt, "".join(query[qi:qi + qn]))
                    if s > 0 and (ln + qn == 2 or s >= MERGE_MIN_SIM):
                        pairs.append((s, li, ln, qi, qn))
    pairs.sort(key=lambda p: (-p[0], -(p[2] + p[4])))
    used_l: set[int] = set()
    used_q: set[int] = set()
    matched_l = 0.0
    matched_q: dict[int, float] = {}
    for s, li, ln, qi, qn in pairs:
        ls, qs = set(range(li, li + ln)), set(range(qi, qi + qn))
        if ls & used_l or qs & used_q:
            continue
        used_l |= ls
        used_q |= qs
        matched_l += s * sum(weight(listed[i]) for i in ls)
        for i in qs:
            matched_q[i] = s
    total_l = sum(weight(t) for t in listed)
    cov_l = matched_l / total_l if total_l else 0.0
    if not matched_q:
        return Alignment(0.0, cov_l, 0.0, False)
    lo, hi = min(matched_q), max(matched_q)
    # Found inside a longer query only when the WHOLE listed name is there and it is
    # distinctive (several words, or one long word matched exactly).
    # "Whole" by weight: a common word the list adds ("Co.", "Corporation" — rigour keeps
    # these ambiguous words) may be absent.
    whole = cov_l >= EMBED_MIN_COVERAGE
    # (and every word spelled exactly: a typo AND extra words are two weak signals at once).
    distinctive = whole and len(listed) >= 2 and min(matched_q.values()) == 1.0
    span = range(lo, hi + 1) if distinctive else range(len(query))
    q_total = sum(weight(query[i]) for i in span)
    cov_q = sum(matched_q.get(i, 0.0) * weight(query[i]) for i in span) / q_total if q_total else 0.0
    embedded = distinctive and (lo > 0 or hi < len(query) - 1)
    score = 100.0 * _f1(cov_q, cov_l)
    if embedded:
        # Words outside the found name cost a little (at most EMBED_PENALTY), so a name
        # that explains the whole query ranks above one found inside it, while an exact
        # listed name inside any longer string stays above the default threshold (82.5).
        total_q = sum(weight(t) for t in query)
        outside = 1.0 - (q_total / total_q if total_q else 1.0)
        score *= 1.0 - EMBED_PENALTY * outside
    return Alignment(score, cov_l, cov_q, embedded)
