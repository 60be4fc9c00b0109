"""Hybrid retrieval: dense (Chroma) + keyword (SQLite FTS5 BM25), fused, diversified,
with metadata filters and an optional second pass through entities found in the first."""
from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from datetime import date
from typing import Callable

from ingest.normalise import strip_diacritics
from ingest.store import IndexStore

from .config import Diversity, Fusion, Settings
from .analysis import MONTHS, source_phrases, source_speaker, synonyms
from .text import STOPWORDS, content_terms
from .types import Hit

log = logging.getLogger(__name__)

Ranking = list[tuple[str, float]]  # (chunk_id, score), best first

FILTER_KEYS = {"date_from", "date_to", "publisher", "source", "doc_type"}


# ----------------------------------------------------------------- fusion
def _ranked(scores: dict[str, float], dense: Ranking, keyword: Ranking) -> Ranking:
    """Scores best first. Ties (common: RRF sums and min-max scores of 0.5/1.0 coincide)
    go to the chunk ranked better by the dense retriever, then by the keyword one, then
    to the chunk id: the order must never depend on set/dict iteration order, which
    Python randomises per process (PYTHONHASHSEED)."""
    d_rank = {cid: i for i, (cid, _) in enumerate(dense)}
    k_rank = {cid: i for i, (cid, _) in enumerate(keyword)}
    big = len(dense) + len(keyword) + 1
    return sorted(scores.items(), key=lambda kv: (-kv[1], d_rank.get(kv[0], big), k_rank.get(kv[0], big), kv[0]))


def fuse_rrf(dense: Ranking, keyword: Ranking, settings: Settings) -> Ranking:
    """Reciprocal rank fusion: sum of 1/(k + rank) over the lists a chunk is in."""
    scores: dict[str, float] = {}
    for ranking in (dense, keyword):
        for rank, (cid, _) in enumerate(ranking, 1):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (settings.rrf_k + rank)
    return _ranked(scores, dense, keyword)


def _minmax(ranking: Ranking) -> dict[str, float]:
    if not ranking:
        return {}
    vals = [s for _, s in ranking]
    lo, hi = min(vals), max(vals)
    if hi == lo:  # one hit (or a tie): each is the best this retriever found
        return {cid: 1.0 for cid, _ in ranking}
    return {cid: (s - lo) / (hi - lo) for cid, s in ranking}


def fuse_weighted(dense: Ranking, keyword: Ranking, settings: Settings) -> Ranking:
    """Weighted sum of min-max normalised scores (missing = 0)."""
    d, k = _minmax(dense), _minmax(keyword)
    w = settings.dense_weight
    scores = {cid: w * d.get(cid, 0.0) + (1 - w) * k.get(cid, 0.0) for cid in (*d, *k)}
    return _ranked(scores, dense, keyword)


def fuse_dense(dense: Ranking, keyword: Ranking, settings: Settings) -> Ranking:
    return list(dense)


def fuse_keyword(dense: Ranking, keyword: Ranking, settings: Settings) -> Ranking:
    return list(keyword)


FUSIONS: dict[Fusion, Callable[[Ranking, Ranking, Settings], Ranking]] = {
    Fusion.RRF: fuse_rrf,
    Fusion.WEIGHTED: fuse_weighted,
    Fusion.DENSE: fuse_dense,
    Fusion.KEYWORD: fuse_keyword,
}


# ------------------------------------------------------------- filters
def _date_int(value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value.year * 10000 + value.month * 100 + value.day
    if isinstance(value, int):
        return value
    s = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", s)
    if not m:
        raise ValueError(f"bad date {value!r}; use YYYY-MM-DD")
    return int(m.group(1)) * 10000 + int(m.group(2) or 0) * 100 + int(m.group(3) or 0)


def resolve_filters(store: IndexStore, filters: dict | None) -> set[str] | None:
    """Doc ids allowed by ``filters`` (None = no filter). Unknown keys are an error."""
    if not filters:
        return None
    f = {k: v for k, v in filters.items() if v not in (None, "", [])}
    unknown = set(f) - FILTER_KEYS
    if unknown:
        raise ValueError(f"unknown filter(s) {sorted(unknown)}; allowed: {sorted(FILTER_KEYS)}")
    if not f:
        return None
    date_to = _date_int(f.get("date_to"))
    if date_to is not None and date_to % 100 == 0:  # "2019-10" means up to the end of October
        date_to += 99 if date_to % 10000 else 9999
    return store.doc_ids_matching(date_from=_date_int(f.get("date_from")), date_to=date_to,
                                  publisher=f.get("publisher"), source=f.get("source"), doc_type=f.get("doc_type"))


def iso_dates(text: str) -> list[str]:
    """ISO spellings of dates in ``text`` ("June 5, 2020" -> 2020-06-05, "June 2020" -> 2020-06),
    so a question's dates match records that write them the ISO way."""
    out = []
    for m in re.finditer(r"\b(" + "|".join(MONTHS) + r")\s+(?:(\d{1,2}),?\s+)?(\d{4})\b", text, re.I):
        mo = MONTHS.index(m.group(1).lower()) + 1
        out.append(f"{m.group(3)}-{mo:02d}" + (f"-{int(m.group(2)):02d}" if m.group(2) else ""))
    return out


def keyword_query(question: str) -> str:
    """The text handed to the keyword index for ``question``: its content terms, ISO
    forms of its dates, synonyms, and every word not written in ASCII (accented
    names, Arabic, Cyrillic, Chinese runs), which the ASCII content-term tokenizer
    would cut or drop; the index folds all of it (:mod:`ingest.normalise`)."""
    # ASCII fragments of a longer word are not terms; NFD text (letter + combining
    # accent) is composed first, so its words are whole words too.
    question = unicodedata.normalize("NFC", question)
    plain = strip_diacritics(question)
    # Non-ASCII terms come whole from _NON_ASCII_WORD below (content_terms cuts CJK runs
    # into bigrams, which the index makes itself from the whole run).
    whole = [t for t in content_terms(question) if t.isascii() and re.search(rf"(?<!\w){re.escape(t)}(?!\w)", plain)]
    terms = whole + iso_dates(question) + synonyms(question)
    terms += [m.group() for m in _NON_ASCII_WORD.finditer(question)]
    return " ".join(terms) or question


_NON_ASCII_WORD = re.compile(r"\w*[^\x00-\x7f\W]\w*")


# ------------------------------------------------------------- second pass
_NAME = re.compile(r"\b([A-Z][a-zA-Z&.-]+(?:\s+(?:[A-Z][a-zA-Z&.-]+|of|and|for|de)){0,5}\s*[A-Z]?[a-zA-Z&.-]*)")


def needs_second_pass(question: str) -> bool:
    """Questions that point through a set the first pass must find ("suppliers of
    *the blacklisted companies*", "*those entities*") and name few entities themselves:
    a definite or demonstrative noun phrase whose head is a plural common noun, or is
    described by a participle ("the *sanctioned* firm", "the companies *added*") — read
    from spaCy's parse, not from a list of nouns."""
    named = [t for t in content_terms(question)[1:] if t[:1].isupper()]
    if len(named) > 1:
        return False
    try:
        from .answering.nlp import parse

        doc = parse(question, disable=["ner", "lemmatizer"])
    except Exception:  # noqa: BLE001 - no parse, no second pass
        return False
    for tok in doc:
        if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in _POINTING_DETS for c in tok.children):
            continue
        described = any(c.dep_ in ("amod", "acl") and c.tag_ == "VBN" for c in tok.children)
        if tok.tag_ == "NNS" or described:
            return True
    return False


# Determiners that point to something the reader must already know ("the", "these", ...).
_POINTING_DETS = frozenset({"the", "these", "those", "such", "that", "this"})


def salient_entities(texts: list[str], question: str, limit: int = 4) -> list[str]:
    """Capitalised names frequent in the first-pass passages and absent from the question."""
    qlow = question.lower()
    counts: Counter[str] = Counter()
    for t in texts:
        for m in _NAME.finditer(t):
            name = m.group(1).strip(" .-")
            words = name.split()
            if not name or words[0].lower() in STOPWORDS or name.lower() in qlow or len(name) < 3:
                continue
            counts[name] += 1
    return [n for n, _ in counts.most_common(limit)]


# ------------------------------------------------------------- diversity
def diversify_doc_cap(ranking: Ranking, chunk_docs: dict[str, str], k: int, settings: Settings,
                      vectors: Callable[[list[str]], dict[str, list[float]]]) -> Ranking:
    """Keep the order, but at most ``per_doc_cap`` chunks of one document; fill
    from the overflow if fewer than k remain."""
    per: Counter[str] = Counter()
    kept, overflow = [], []
    for cid, s in ranking:
        doc = chunk_docs.get(cid, "")
        if per[doc] < settings.per_doc_cap:
            per[doc] += 1
            kept.append((cid, s))
        else:
            overflow.append((cid, s))
    return (kept + overflow)[:k]


def diversify_mmr(ranking: Ranking, chunk_docs: dict[str, str], k: int, settings: Settings,
                  vectors: Callable[[list[str]], dict[str, list[float]]]) -> Ranking:
    """Maximal marginal relevance: relevance (fused rank) against similarity to picks."""
    import numpy as np

    pool = ranking[: max(k * 4, 20)]
    vecs = vectors([cid for cid, _ in pool])
    rel = {cid: 1.0 - i / max(1, len(pool)) for i, (cid, _) in enumerate(pool)}
    picked: list[tuple[str, float]] = []
    rest = [cid for cid, _ in pool]
    lam = settings.mmr_lambda
    while rest and len(picked) < k:
        def mmr(cid: str) -> float:
            v = vecs.get(cid)
            if v is None or not picked:
                return lam * rel[cid]
            sim = max(float(np.dot(v, vecs[p])) for p, _ in picked if p in vecs) if any(p in vecs for p, _ in picked) else 0.0
            return lam * rel[cid] - (1 - lam) * sim
        best = max(rest, key=mmr)
        picked.append((best, dict(pool)[best]))
        rest.remove(best)
    return picked


def diversify_none(ranking: Ranking, chunk_docs: dict[str, str], k: int, settings: Settings,
                   vectors: Callable[[list[str]], dict[str, list[float]]]) -> Ranking:
    return ranking[:k]


DIVERSIFIERS = {Diversity.DOC_CAP: diversify_doc_cap, Diversity.MMR: diversify_mmr, Diversity.NONE: diversify_none}


# ------------------------------------------------------------- retriever
class Retriever:
    """Retrieval over one index with one settings object."""

    def __init__(self, store: IndexStore, settings: Settings):
        self.store = store
        self.settings = settings

    def _search(self, query: str, doc_ids: set[str] | None) -> tuple[Ranking, Ranking]:
        n = self.settings.candidates
        fusion = self.settings.fusion
        dense = [] if fusion is Fusion.KEYWORD else self.store.dense_search(self.store.embedder.embed_query(query), n, doc_ids)
        keyword_q = keyword_query(query)
        keyword = [] if fusion is Fusion.DENSE else self.store.keyword_search(keyword_q, n, doc_ids)
        return dense, keyword

    def _vectors(self, chunk_ids: list[str]) -> dict[str, list[float]]:
        """Stored chunk vectors (for MMR), looked up as ingest embedded them."""
        from ingest.store import embedding_input

        chunks = self.store.get_chunks(chunk_ids)
        titles = {}
        for doc_id in {c.doc_id for c in chunks.values()}:
            doc = self.store.get_document(doc_id)
            titles[doc_id] = doc.title if doc else ""
        ids = list(chunks)
        vecs = self.store.text_vectors([embedding_input(titles[chunks[i].doc_id], chunks[i].text) for i in ids],
                                       compute=False)
        return {i: v for i, v in zip(ids, vecs) if v is not None}

    def _named_source_docs(self, question: str, allowed: set[str] | None) -> set[str] | None:
        """The documents of the publisher a question names as its source ("according to Reuters",
        "per Reuters": publisher names holding the phrase's names), within ``allowed``; None when it
        names none the index holds, or when they are all the documents allowed."""
        docs: set[str] = set()
        for phrase in source_phrases(question):
            if source_speaker(phrase):
                continue  # "according to its US spokesman": a person speaking, not a publication
            name = " ".join(w for w in phrase.split() if w[:1].isupper()) or phrase
            # The name as whole words of the publisher: "US" is no part of "Industry and Security".
            word = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.I)
            docs |= {d for d in self.store.doc_ids_matching(publisher=name)
                     if (doc := self.store.get_document(d)) is not None and word.search(doc.publisher or "")}
        if allowed is not None:
            docs &= allowed
        if not docs or (allowed is not None and docs == allowed):
            return None
        return docs

    def retrieve(self, question: str, *, filters: dict | None = None, k: int | None = None) -> list[Hit]:
        """The ``k`` best passages, fused and diversified, as :class:`Hit` records."""
        k = k or self.settings.top_k
        doc_ids = resolve_filters(self.store, filters)
        dense, keyword = self._search(question, doc_ids)
        fused = FUSIONS[self.settings.fusion](dense, keyword, self.settings)
        if self.settings.second_pass and needs_second_pass(question) and fused:
            first = self.store.get_chunks([cid for cid, _ in fused[:3]])
            ents = salient_entities([c.text for c in first.values()], question)
            if ents:
                expanded = question + " " + " ".join(ents)
                log.info("second pass with entities %s", ents)
                d2, k2 = self._search(expanded, doc_ids)
                fused2 = FUSIONS[self.settings.fusion](d2, k2, self.settings)
                # Both passes count; the first keeps priority on ties.
                fused = fuse_rrf(fused, fused2, self.settings)
        if self.settings.second_pass and fused and (named := self._named_source_docs(question, doc_ids)):
            # "How many were public security bureaus, per Reuters?": the source the analyst names is
            # searched on its own and its passages lead; the others still follow.
            d3, k3 = self._search(question, named)
            fused = fuse_rrf(FUSIONS[self.settings.fusion](d3, k3, self.settings), fused, self.settings)
        chunks = self.store.get_chunks([cid for cid, _ in fused])
        fused = [(cid, s) for cid, s in fused if cid in chunks]
        chunk_docs = {cid: c.doc_id for cid, c in chunks.items()}
        picked = DIVERSIFIERS[self.settings.diversity](fused, chunk_docs, k, self.settings, self._vectors)
        d_rank = {cid: i for i, (cid, _) in enumerate(dense, 1)}
        k_rank = {cid: i for i, (cid, _) in enumerate(keyword, 1)}
        hits: list[Hit] = []
        docs: dict = {}
        for cid, score in picked:
            c = chunks[cid]
            doc = docs.get(c.doc_id) or self.store.get_document(c.doc_id)
            if doc is None:
                continue
            docs[c.doc_id] = doc
            hits.append(Hit(chunk_id=cid, doc_id=c.doc_id, source=doc.source, title=doc.title, start=c.start,
                            end=c.end, text=c.text, score=score, dense_rank=d_rank.get(cid),
                            keyword_rank=k_rank.get(cid), date=doc.date, publisher=doc.publisher, url=doc.url,
                            doc_type=doc.doc_type))
        return hits


def _langchain_retriever() -> type:
    """Build the LangChain class on first use: importing langchain_core costs ~0.7 s,
    which every ``tradeqa ask`` would otherwise pay without using it."""
    from langchain_core.callbacks import CallbackManagerForRetrieverRun
    from langchain_core.documents import Document as LCDocument
    from langchain_core.retrievers import BaseRetriever
    from pydantic import ConfigDict

    class TradeQARetriever(BaseRetriever):
        """The hybrid retriever as a LangChain ``BaseRetriever`` (for LCEL chains).

        ``invoke(query)`` returns up to ``k`` documents (``invoke(query, k=1)``
        overrides ``k`` for one call; ``filters=`` likewise). Each document's
        metadata holds ``chunk_id, doc_id, source, title, start, end`` (character
        offsets into the stored body), ``score, date, publisher``. The query is
        validated like every question (:func:`agent.validation.validate_question`):
        empty, over-long or undecodable queries raise ``ValueError``.
        """

        model_config = ConfigDict(arbitrary_types_allowed=True)

        store: IndexStore
        settings: Settings
        k: int = 8
        filters: dict | None = None

        def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                    k: int | None = None, filters: dict | None = None) -> list[LCDocument]:
            from .validation import validate_question

            q = validate_question(query, self.settings.max_question_chars)
            n = self.k if k is None else k
            if not isinstance(n, int) or isinstance(n, bool) or n < 1:
                raise ValueError(f"k must be a positive integer, not {n!r}")
            from .api import read_question  # misspelt words read as ask() and retrieve() read them

            q, _ = read_question(q, self.store, self.settings)
            hits = Retriever(self.store, self.settings).retrieve(
                q, filters=self.filters if filters is None else filters, k=n)
            return [LCDocument(page_content=h.text, metadata={
                "chunk_id": h.chunk_id, "doc_id": h.doc_id, "source": h.source, "title": h.title, "start": h.start,
                "end": h.end, "score": h.score, "date": h.date, "publisher": h.publisher}) for h in hits[:n]]

    TradeQARetriever.__module__ = __name__
    return TradeQARetriever


def __getattr__(name: str):
    if name == "TradeQARetriever":  # lazily: see _langchain_retriever
        cls = _langchain_retriever()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
