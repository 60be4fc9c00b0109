"""Retrieval: pure fusion and diversity functions on hand-made rankings (no
model), metadata filters, and the retriever over the session corpus index."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from agent.config import Diversity, Fusion, Settings
from agent.retrieval import (DIVERSIFIERS, FUSIONS, Retriever, TradeQARetriever, diversify_doc_cap, diversify_mmr,
                             diversify_none, fuse_dense, fuse_keyword, fuse_rrf, fuse_weighted, iso_dates,
                             needs_second_pass, resolve_filters)

DENSE = [("a", 0.9), ("b", 0.5), ("c", 0.1)]
KEYWORD = [("c", 10.0), ("d", 5.0), ("a", 0.0)]


# ------------------------------------------------------------------ fusion (pure)
def test_rrf_sums_reciprocal_ranks():
    s = Settings(rrf_k=60)
    fused = dict(fuse_rrf(DENSE, KEYWORD, s))
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 63)
    assert fused["b"] == pytest.approx(1 / 62)
    assert fused["c"] == pytest.approx(1 / 63 + 1 / 61)
    assert fused["d"] == pytest.approx(1 / 62)
    order = [cid for cid, _ in fuse_rrf([("a", 1), ("b", 1)], [("b", 9), ("e", 8)], s)]
    assert order[0] == "b"  # in both lists beats first in one
    assert set(order) == {"a", "b", "e"}


def test_rrf_k_controls_how_much_top_ranks_dominate():
    dense = [("x", 1.0), ("y", 0.9), ("z", 0.8)]
    keyword = [("z", 3.0), ("w", 2.0), ("q", 1.0)]
    # z is 3rd + 1st; x is 1st only. Small k: x (1/2) < z (1/4 + 1/2); large k: z also wins.
    assert fuse_rrf(dense, keyword, Settings(rrf_k=1))[0][0] == "z"
    assert dict(fuse_rrf(dense, keyword, Settings(rrf_k=1)))["x"] == pytest.approx(0.5)


def test_weighted_fusion_uses_min_max_and_the_weight():
    # d-norm: a=1, b=.5, c=0; k-norm: c=1, d=.5, a=0
    s_dense = Settings(dense_weight=0.7)
    fused = fuse_weighted(DENSE, KEYWORD, s_dense)
    assert [cid for cid, _ in fused] == ["a", "b", "c", "d"]
    assert dict(fused) == pytest.approx({"a": 0.7, "b": 0.35, "c": 0.3, "d": 0.15})
    s_kw = Settings(dense_weight=0.2)
    fused = fuse_weighted(DENSE, KEYWORD, s_kw)
    assert [cid for cid, _ in fused] == ["c", "d", "a", "b"]
    assert dict(fused) == pytest.approx({"a": 0.2, "b": 0.1, "c": 0.8, "d": 0.4})


def test_weighted_fusion_with_an_empty_list():
    assert [c for c, _ in fuse_weighted(DENSE, [], Settings(dense_weight=0.5))] == ["a", "b", "c"]
    assert fuse_weighted([], [], Settings()) == []


def test_weighted_fusion_counts_a_single_keyword_hit():
    dense = [("a", 0.90), ("b", 0.89), ("c", 0.10)]
    keyword = [("b", 7.0)]  # the only chunk containing the rare query term
    fused = fuse_weighted(dense, keyword, Settings(dense_weight=0.5))
    assert fused[0][0] == "b"


@pytest.mark.parametrize("fuse", [fuse_rrf, fuse_weighted])
def test_fusion_ties_go_to_the_better_dense_rank_whatever_the_set_order(fuse):
    # "k1" is only a keyword hit, "d1" only a dense hit: both fuse to the same score
    # (RRF 1/(k+1); weighted 0.5 each). The dense retriever's pick comes first, then
    # chunk ids decide, never the process's hash seed (set iteration order).
    dense = [("d1", 0.8), ("both", 0.7)]
    keyword = [("k1", 9.0), ("both", 1.0)]
    order = [cid for cid, _ in fuse(dense, keyword, Settings(dense_weight=0.5, rrf_k=60))]
    assert order.index("d1") < order.index("k1")
    tied = fuse([], [("zz", 1.0), ("aa", 1.0)], Settings(dense_weight=0.5))
    assert [cid for cid, _ in tied] == ["zz", "aa"]  # keyword rank before id


def test_dense_and_keyword_only():
    s = Settings()
    assert fuse_dense(DENSE, KEYWORD, s) == DENSE
    assert fuse_keyword(DENSE, KEYWORD, s) == KEYWORD


def test_fusion_enum_maps_to_functions(monkeypatch):
    assert FUSIONS == {Fusion.RRF: fuse_rrf, Fusion.WEIGHTED: fuse_weighted, Fusion.DENSE: fuse_dense,
                       Fusion.KEYWORD: fuse_keyword}
    assert set(FUSIONS) == set(Fusion)
    assert Settings(fusion="rrf").fusion is Fusion.RRF
    assert Settings().fusion is Fusion.WEIGHTED  # the documented default
    monkeypatch.setenv("TRADEQA_FUSION", "keyword")
    assert Settings().fusion is Fusion.KEYWORD
    with pytest.raises(ValidationError):
        Settings(fusion="bm25")
    assert set(DIVERSIFIERS) == set(Diversity)


# ------------------------------------------------------------------ diversity (pure)
def test_doc_cap_keeps_order_and_caps_each_document():
    ranking = [(f"A{i}", 1 - i / 10) for i in range(5)] + [("B0", 0.4), ("B1", 0.3)]
    docs = {cid: cid[0] for cid, _ in ranking}
    s = Settings(per_doc_cap=2)
    assert [c for c, _ in diversify_doc_cap(ranking, docs, 4, s, lambda ids: {})] == ["A0", "A1", "B0", "B1"]
    # Fewer than k after the cap: filled from the overflow, in order.
    assert [c for c, _ in diversify_doc_cap(ranking, docs, 6, s, lambda ids: {})] == ["A0", "A1", "B0", "B1", "A2", "A3"]
    assert diversify_none(ranking, docs, 3, s, lambda ids: {}) == ranking[:3]


def test_mmr_trades_relevance_for_novelty():
    ranking = [("a1", 0.9), ("a2", 0.8), ("b1", 0.7)]
    vecs = {"a1": [1.0, 0.0], "a2": [1.0, 0.0], "b1": [0.0, 1.0]}  # a2 duplicates a1
    docs = {"a1": "A", "a2": "A", "b1": "B"}
    picked = diversify_mmr(ranking, docs, 2, Settings(mmr_lambda=0.5), lambda ids: {i: vecs[i] for i in ids})
    assert [c for c, _ in picked] == ["a1", "b1"]
    assert dict(picked) == {"a1": 0.9, "b1": 0.7}  # fused scores are kept
    picked = diversify_mmr(ranking, docs, 2, Settings(mmr_lambda=1.0), lambda ids: {i: vecs[i] for i in ids})
    assert [c for c, _ in picked] == ["a1", "a2"]  # lambda=1: pure relevance


def test_second_pass_trigger_and_iso_dates():
    assert needs_second_pass("Which suppliers are affected by the blacklisted companies?")
    # By the parse, not a list of nouns: any definite plural, or a noun a participle describes.
    assert needs_second_pass("Which banks financed the sanctioned shipyards?")
    assert needs_second_pass("Who ships grain to those ports?")
    assert not needs_second_pass("What is Hikvision's market value?")
    assert not needs_second_pass("When does the rule take effect?")
    assert not needs_second_pass("Which firms supply the companies that Commerce and Treasury added?")  # names enough
    assert iso_dates("added on June 5, 2020 and in October 2019") == ["2020-06-05", "2019-10"]


# ------------------------------------------------------------------ filters (catalog)
def _docs(store, ids):
    return sorted(store.get_document(i).source.rsplit("/", 1)[-1] for i in ids)


def test_filters_by_date_publisher_type_and_source(corpus_index):
    store = corpus_index.store
    october = resolve_filters(store, {"date_from": "2019-10-01", "date_to": "2019-10"})
    assert _docs(store, october) == ["fr-2019-10-09-entity-list-additions.txt",
                                     "reuters-2019-10-08-us-widens-blacklist-china-ai.txt",
                                     "state-2019-10-08-visa-restrictions-xinjiang.txt"]
    assert _docs(store, resolve_filters(store, {"publisher": "reuters"})) == [
        "reuters-2019-10-08-us-widens-blacklist-china-ai.txt"]
    regs = _docs(store, resolve_filters(store, {"doc_type": "regulation"}))
    assert regs == ["ecfr-15cfr744.11-entity-license-requirements-excerpt.txt", "ecfr-15cfr744.16-entity-list-excerpt.txt",
                    "far-4.2102-prohibition-fac-2020-06.txt", "far-52.204-25-prohibition-clause-aug-2019.txt"]
    assert _docs(store, resolve_filters(store, {"source": "FAR-4.2102"})) == ["far-4.2102-prohibition-fac-2020-06.txt"]
    assert resolve_filters(store, {"publisher": "nobody at all"}) == set()
    assert resolve_filters(store, {}) is None
    assert resolve_filters(store, {"publisher": "", "source": None}) is None


def test_unknown_filter_key_and_bad_date_raise(corpus_index):
    with pytest.raises(ValueError, match="unknown filter"):
        resolve_filters(corpus_index.store, {"author": "x"})
    with pytest.raises(ValueError, match="bad date"):
        resolve_filters(corpus_index.store, {"date_from": "last tuesday"})


def test_retrieve_respects_filters(corpus_index):
    r = Retriever(corpus_index.store, corpus_index.settings)
    q = "Which companies were added to the Entity List?"
    hits = r.retrieve(q, filters={"date_from": "2020-01-01", "date_to": "2020-12-31"}, k=6)
    assert hits and all("2020-01-01" <= h.date <= "2020-12-31" for h in hits)
    hits = r.retrieve(q, filters={"publisher": "Reuters"}, k=6)
    assert hits and all(h.publisher.startswith("Reuters") for h in hits)
    hits = r.retrieve(q, filters={"doc_type": "regulation", "source": "ecfr"}, k=6)
    assert hits and all(h.doc_type == "regulation" and "ecfr" in h.source for h in hits)
    assert r.retrieve(q, filters={"publisher": "nobody at all"}) == []
    with pytest.raises(ValueError):
        r.retrieve(q, filters={"colour": "red"})


# ------------------------------------------------------------------ retriever over the corpus
def test_hybrid_hits_are_exact_spans_and_diversified(corpus_index):
    store = corpus_index.store
    s = corpus_index.settings
    hits = Retriever(store, s).retrieve("Which suppliers are affected by the US blacklisting of Hikvision and Dahua?", k=8)
    assert len(hits) == 8
    assert "reuters-2019-10-08" in hits[0].source
    for h in hits:
        assert store.get_document(h.doc_id).body[h.start:h.end] == h.text
        assert h.chunk_id == f"{h.doc_id}:{h.start}-{h.end}"
    per_doc = {}
    for h in hits:
        per_doc[h.doc_id] = per_doc.get(h.doc_id, 0) + 1
    assert max(per_doc.values()) <= s.per_doc_cap or len(per_doc) == 1
    assert any(h.dense_rank for h in hits) and any(h.keyword_rank for h in hits)


def test_dense_only_and_keyword_only_settings(corpus_index):
    q = "What is Hikvision's market value?"
    dense = Retriever(corpus_index.store, corpus_index.settings.model_copy(update={"fusion": Fusion.DENSE})).retrieve(q, k=5)
    assert dense and all(h.keyword_rank is None and h.dense_rank for h in dense)
    kw = Retriever(corpus_index.store, corpus_index.settings.model_copy(update={"fusion": Fusion.KEYWORD})).retrieve(q, k=5)
    assert kw and all(h.dense_rank is None and h.keyword_rank for h in kw)
    assert "42 billion" in " ".join(h.text for h in kw[:3])


def test_mmr_setting_returns_k_distinct_hits(corpus_index):
    s = corpus_index.settings.model_copy(update={"diversity": Diversity.MMR})
    hits = Retriever(corpus_index.store, s).retrieve("Entity List entries for Huawei", k=6)
    assert len(hits) == 6 and len({h.chunk_id for h in hits}) == 6


def test_langchain_retriever_returns_documents(corpus_index):
    from langchain_core.documents import Document

    lc = TradeQARetriever(store=corpus_index.store, settings=corpus_index.settings, k=3, filters={"publisher": "Reuters"})
    docs = lc.invoke("How much did SenseTime's latest funding round value it at?")
    assert len(docs) == 3 and all(isinstance(d, Document) for d in docs)
    for d in docs:
        m = d.metadata
        assert {"chunk_id", "doc_id", "source", "title", "start", "end", "score", "date", "publisher"} <= set(m)
        assert m["publisher"].startswith("Reuters")
        assert corpus_index.store.get_document(m["doc_id"]).body[m["start"]:m["end"]] == d.page_content
    assert "4.5 billion" in " ".join(d.page_content for d in docs)


def test_the_langchain_retriever_factory_reads_a_ready_index(corpus_index, tmp_path):
    from agent import IndexNotReady, langchain_retriever

    r = langchain_retriever(settings=corpus_index.settings, k=3)
    docs = r.invoke("Which companies were added to the Entity List in October 2019?")
    assert 0 < len(docs) <= 3 and all(d.metadata["source"] and d.page_content for d in docs)
    with pytest.raises(IndexNotReady):
        langchain_retriever(index=tmp_path / "nothing-here")
    assert not (tmp_path / "nothing-here").exists()
