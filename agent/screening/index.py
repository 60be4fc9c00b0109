"""The in-memory screening name index: every listed name and alias, normalised, with
token blocking so a query scores a few hundred candidates instead of all ~30k names.

Built from the ``screening_records`` table that :mod:`ingest.screening_lists` keeps
in the catalog; rebuilt when that table's version changes (a new snapshot).

Candidate generation (blocking): the query's tokens are looked up in the
vocabulary of listed-name tokens exactly, by 4-character prefix, by 4-character
suffix and by metaphone key (``rigour.text.metaphone``, for transliteration
variants: "Mohammed"/"Muhammad"); vocabulary tokens within edit similarity of a
query token bring their names as candidates. Blocks of very common tokens
("company", "al") are only used when no rarer token of the query found anything.
"""
from __future__ import annotations

import json
import logging
import math
import re
import sqlite3
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ingest.screening_lists import split_alt_names

from rigour.text import metaphone

from .matching import Alignment, align, token_similarity
from .normalise import fold, name_tokens

log = logging.getLogger(__name__)

COMMON_BLOCK_SHARE = 0.02  # a token in more than this share of names is too common to block on alone
MAX_CANDIDATES = 120  # names fully aligned per query (best estimated coverage first)


@dataclass
class ListedRecord:
    """One list entry as the index keeps it (fields verbatim from the list)."""

    key: str
    record_id: str
    doc_id: str
    source: str
    list: str
    type: str
    name: str
    alt_names: list[str]
    countries: list[str]
    start_date: str
    fr_notice: str
    license_requirement: str
    license_policy: str
    programs: str
    fields: dict[str, str] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class NameEntry:
    record: int  # index into NameIndex.records
    text: str  # the name or alias as listed
    tokens: tuple[str, ...]
    primary: bool


_BRACKET = re.compile(r"\(([^()]*)\)")
_AKA = re.compile(r"^\s*(?:a\.?k\.?a\.?|f\.?k\.?a\.?|formerly|also known as)[\s:,]+", re.I)


def name_forms(text: str) -> list[str]:
    """A listed name and the forms inside it: "Huawei Technologies Co., Ltd. (Huawei)"
    -> itself, "Huawei Technologies Co., Ltd.", "Huawei" (bracketed text is an alias or
    acronym as the lists write them; "a.k.a." prefixes go)."""
    forms = [text]
    inner = [_AKA.sub("", m.group(1)).strip() for m in _BRACKET.finditer(text)]
    if inner:
        outer = _BRACKET.sub(" ", text).strip(" .,;")
        forms += [outer, *(i for i in inner if i)]
    return forms


def _keys(token: str) -> list[str]:
    keys = [f"p:{token[:4]}", f"s:{token[-4:]}"]
    if token.isalpha() and len(token) > 3:
        keys.append(f"m:{metaphone(token)}")
    return keys


class NameIndex:
    """All names and aliases of the listed records, ready to match."""

    def __init__(self, records: list[ListedRecord], snapshot: str = "", version: str = ""):
        self.records = records
        self.snapshot = snapshot
        self.version = version
        self.entries: list[NameEntry] = []
        for i, r in enumerate(records):
            seen: set[tuple[str, ...]] = set()
            for j, listed in enumerate([r.name, *r.alt_names]):
                for text in name_forms(listed):
                    toks = name_tokens(text)
                    if toks and toks not in seen:
                        seen.add(toks)
                        self.entries.append(NameEntry(i, listed, toks, j == 0))
        self.postings: dict[str, list[int]] = defaultdict(list)
        for e_id, e in enumerate(self.entries):
            for t in set(e.tokens):
                self.postings[t].append(e_id)
        n = max(1, len(self.entries))
        self.idf = {t: math.log(1 + n / len(p)) for t, p in self.postings.items()}
        self.max_idf = math.log(1 + n)
        self.blocks: dict[str, list[str]] = defaultdict(list)
        for t in self.postings:
            for k in _keys(t):
                self.blocks[k].append(t)
        self.common_limit = max(50, int(COMMON_BLOCK_SHARE * n))
        self.total_weight = [sum(self.idf[t] for t in e.tokens) or 1.0 for e in self.entries]
        self.lists = sorted({r.list for r in records})

    # ------------------------------------------------------------ matching
    def weight(self, token: str) -> float:
        """IDF of a token over all names; unknown tokens weigh as the rarest."""
        return self.idf.get(token, self.max_idf)

    def similar_tokens(self, token: str) -> list[tuple[str, float]]:
        """Vocabulary tokens similar to ``token`` (itself first when known)."""
        out: dict[str, float] = {}
        if token in self.postings:
            out[token] = 1.0
        for k in _keys(token):
            for v in self.blocks.get(k, ()):
                if v not in out:
                    s = token_similarity(token, v)
                    if s > 0:
                        out[v] = s
        return sorted(out.items(), key=lambda kv: -kv[1])

    def candidates(self, tokens: tuple[str, ...]) -> list[int]:
        """Entry ids worth scoring for a query, most promising first.

        Ranked by the estimated share of each listed name's weight that the query's
        (similar) words cover — an upper bound of the alignment's ``coverage_listed``
        — so the full alignment runs on ``MAX_CANDIDATES`` names at most."""
        sims: dict[str, float] = {}
        probes = list(tokens) + ["".join(tokens[i:i + 2]) for i in range(len(tokens) - 1)]
        for qt in probes:
            for v, sv in self.similar_tokens(qt):
                sims[v] = max(sv, sims.get(v, 0.0))
        matched: dict[int, float] = defaultdict(float)
        common = {v: sv for v, sv in sims.items() if len(self.postings[v]) > self.common_limit}
        for v, sv in sims.items():
            if v in common:
                continue
            w = sv * self.idf[v]
            for e in self.postings[v]:
                matched[e] += w
        if not matched:  # only common words: the names made of them
            for v, sv in common.items():
                for e in self.postings[v]:
                    matched[e] += sv * self.idf[v]
        elif common:  # common words count towards names found by rarer ones
            for e in matched:
                for t in self.entries[e].tokens:
                    if t in common:
                        matched[e] += common[t] * self.idf[t]
        est = sorted(matched, key=lambda e: (-min(1.0, matched[e] / self.total_weight[e]), -matched[e]))
        return est[:MAX_CANDIDATES]

    def match(self, name: str) -> list[tuple[int, NameEntry, Alignment]]:
        """Every scored ``(record index, entry, alignment)`` for a query name, best first."""
        tokens = name_tokens(name)
        if not tokens:
            return []
        memo: dict[tuple[str, str], float] = {}

        def sim(a: str, b: str) -> float:  # the same word pairs recur across candidates
            key = (a, b)
            got = memo.get(key)
            if got is None:
                got = memo[key] = token_similarity(a, b)
            return got

        scored = []
        for e_id in self.candidates(tokens):
            e = self.entries[e_id]
            a = align(tokens, e.tokens, self.weight, similarity=sim)
            if a.score > 0:
                scored.append((e.record, e, a))
        scored.sort(key=lambda x: (-x[2].score, not x[1].primary))
        return scored


# ---------------------------------------------------------------- loading
_CACHE: dict[str, NameIndex] = {}
_CACHE_LOCK = threading.Lock()


def _read_version(db: sqlite3.Connection) -> tuple[str, str]:
    try:
        rows = dict(db.execute("SELECT key, value FROM screening_meta WHERE key IN ('version', 'snapshot')"))
    except sqlite3.OperationalError:
        return "", ""
    return rows.get("version", ""), rows.get("snapshot", "")


def load_index(catalog: str | Path) -> NameIndex | None:
    """The name index of a catalog (``catalog.sqlite`` path), cached until a new snapshot
    is ingested; None when no screening list was ever ingested there."""
    path = str(Path(catalog).expanduser().resolve())
    if not Path(path).exists():
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30, check_same_thread=False)
    try:
        version, snapshot = _read_version(db)
        if not version:
            return None
        with _CACHE_LOCK:
            cached = _CACHE.get(path)
            if cached is not None and cached.version == version:
                return cached
        rows = db.execute("SELECT key, record_id, doc_id, source, list, type, name, alt_names, countries, start_date, "
                          "fr_notice, license_requirement, license_policy, programs, fields, spans "
                          "FROM screening_records ORDER BY key").fetchall()
    finally:
        db.close()
    records = [ListedRecord(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6],
                            split_alt_names(r[7] or ""),
                            [c for c in (r[8] or "").split(";") if c], r[9] or "", r[10] or "", r[11] or "",
                            r[12] or "", r[13] or "", json.loads(r[14]),
                            {k: tuple(v) for k, v in json.loads(r[15]).items()}) for r in rows]
    idx = NameIndex(records, snapshot=snapshot, version=version)
    log.info("screening index: %d records, %d names (%s)", len(records), len(idx.entries), snapshot)
    with _CACHE_LOCK:
        _CACHE[path] = idx
    return idx


def folded(text: str) -> str:
    """Re-exported for callers that need the same folding as the index."""
    return fold(text)
