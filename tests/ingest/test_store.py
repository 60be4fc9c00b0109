"""IndexStore: catalog + FTS5 keyword index + Chroma vectors, kept in step.

Tests marked with ``forbid_model`` work on the SQLite catalog only; the others
embed a few short texts with the real model (loaded once per process)."""
from __future__ import annotations

import dataclasses
import sqlite3
import unicodedata

import pytest

from ingest.chunking import ChunkingOptions, chunk_document
from ingest.records import Document
from ingest.store import IndexError_, IndexOptions, IndexStore, embedding_input, fts_query


def _doc(name: str, body: str, **meta) -> Document:
    return Document(source=f"/data/{name}", body=body, title=meta.pop("title", name), **meta)


def _insert_raw(store: IndexStore, doc: Document, source: str | None = None) -> list[str]:
    """Write a document and its chunks to the catalog without embedding (keyword-only tests)."""
    chunks = chunk_document(doc)
    store._commit_catalog(dataclasses.replace(doc, source=source or doc.source), chunks, "h")  # noqa: SLF001
    return [c.chunk_id for c in chunks]


WIDGETS = _doc("widgets.txt", "Exports of widgets to Ruritania require a licence.\n\nThe licence fee is 250 crowns.",
               publisher="Ministry of Trade", date="2021-03-03", doc_type="guidance")
GADGETS = _doc("gadgets.md", "Gadgets imported from Freedonia pay a tariff of 12 percent under rule 52.204-25.",
               publisher="Customs Office of Freedonia", date="2019-10-08", doc_type="regulation")
HIKVISION = _doc("hik.txt", "Hikvision's market value is about $42 billion.", publisher="Reuters", date="2019-10-08",
                 doc_type="news")


@pytest.fixture()
def raw_store(tmp_path, forbid_model) -> IndexStore:
    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    for d in (WIDGETS, GADGETS, HIKVISION):
        _insert_raw(store, d)
    yield store
    store.close()


# ------------------------------------------------------------ keyword index (no model)
def test_fts_query_quotes_every_token():
    assert fts_query("Hikvision's market value?") == '"hikvision" OR "market" OR "value"'
    assert fts_query("FAR 52.204-25 far") == '"far" OR "52.204-25"'
    assert fts_query('NEAR(a b) OR "x" * -y') == '"near" OR "a" OR "b" OR "or" OR "x" OR "y"'
    assert fts_query("?!") == ""


def test_keyword_search_ranks_and_filters(raw_store: IndexStore):
    hits = raw_store.keyword_search("licence fee crowns", 10)
    assert hits and all(s > 0 for _, s in hits)
    top = raw_store.get_chunks([hits[0][0]])[hits[0][0]]
    assert "250 crowns" in top.text and top.doc_id == WIDGETS.doc_id
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    # Stemming (porter): "tariffs" finds "tariff"; possessive dropped.
    assert raw_store.keyword_search("tariffs", 5)[0][0].startswith(GADGETS.doc_id)
    assert raw_store.keyword_search("Hikvision's", 5)[0][0].startswith(HIKVISION.doc_id)
    assert raw_store.keyword_search("52.204-25", 5)[0][0].startswith(GADGETS.doc_id)
    # doc id filter
    assert raw_store.keyword_search("licence tariff", 10, doc_ids={GADGETS.doc_id})
    assert all(cid.startswith(GADGETS.doc_id) for cid, _ in raw_store.keyword_search("licence tariff", 10,
                                                                                       doc_ids={GADGETS.doc_id}))
    assert raw_store.keyword_search("licence", 10, doc_ids=set()) == []
    assert raw_store.keyword_search("zebra", 10) == []
    assert raw_store.keyword_search("", 10) == []


def test_keyword_search_survives_fts_syntax(raw_store: IndexStore):
    for q in ['"unbalanced', "a AND OR NOT b", "col:value", "x* ^y", "NEAR(widgets exports, 2)"]:
        assert isinstance(raw_store.keyword_search(q, 5), list)
    assert raw_store.keyword_search("NEAR(widgets exports, 2)", 5)[0][0].startswith(WIDGETS.doc_id)


def test_title_is_searchable_context(raw_store: IndexStore):
    doc = _doc("x.txt", "Entries listed below.", title="Entity List entries added June 5, 2020")
    _insert_raw(raw_store, doc)
    assert raw_store.keyword_search("june 2020", 5)[0][0].startswith(doc.doc_id)


def test_document_frequency_and_counts(raw_store: IndexStore):
    assert raw_store.document_frequency("licence") == 1  # both widgets paragraphs fit one chunk
    assert raw_store.document_frequency("percent") == 1
    assert raw_store.document_frequency("zebra") == 0
    assert raw_store.chunk_count() == 3
    st = raw_store.stats()
    assert (st.documents, st.sources, st.chunks) == (3, 3, 3)
    assert st.publishers == ["Customs Office of Freedonia", "Ministry of Trade", "Reuters"]
    assert st.doc_types == ["guidance", "news", "regulation"]


def test_doc_ids_matching(raw_store: IndexStore):
    m = raw_store.doc_ids_matching
    assert m() == {WIDGETS.doc_id, GADGETS.doc_id, HIKVISION.doc_id}
    assert m(date_from=20200101) == {WIDGETS.doc_id}
    assert m(date_to=20191231) == {GADGETS.doc_id, HIKVISION.doc_id}
    assert m(date_from=20191008, date_to=20191008) == {GADGETS.doc_id, HIKVISION.doc_id}
    assert m(publisher="REUT") == {HIKVISION.doc_id}
    assert m(publisher="freedonia", doc_type="REGULATION") == {GADGETS.doc_id}
    assert m(publisher="freedonia", doc_type="news") == set()
    assert m(source="widgets") == {WIDGETS.doc_id}


def test_find_documents_and_remove_by_suffix(raw_store: IndexStore):
    assert raw_store.find_documents("/data/widgets.txt") == [WIDGETS.doc_id]
    assert raw_store.find_documents("widgets.txt") == [WIDGETS.doc_id]
    assert raw_store.find_documents("dgets.txt") == []  # a suffix must be a whole path component
    assert raw_store.get_document(WIDGETS.doc_id).source == "/data/widgets.txt"
    assert raw_store.get_document("nope") is None


def test_neighbours_and_get_chunks(raw_store: IndexStore):
    body = "\n\n".join(f"Paragraph {i} is about quota number {i}." for i in range(6))
    doc = _doc("long.txt", body)
    chunks = chunk_document(doc, ChunkingOptions(max_chars=40, overlap_chars=0))
    assert len(chunks) == 6
    raw_store._commit_catalog(doc, chunks, "h")  # noqa: SLF001
    assert [c.ordinal for c in raw_store.neighbours(doc.doc_id, 3)] == [2, 3, 4]
    assert [c.ordinal for c in raw_store.neighbours(doc.doc_id, 0)] == [0, 1]
    got = raw_store.get_chunks([chunks[5].chunk_id, "missing:0-1", chunks[5].chunk_id])
    assert list(got) == [chunks[5].chunk_id]
    assert got[chunks[5].chunk_id].text == body[chunks[5].start:chunks[5].end] == "Paragraph 5 is about quota number 5."


def test_write_lock_refuses_a_second_writer(tmp_path, forbid_model):
    a = IndexStore(IndexOptions(path=tmp_path / "idx"))
    b = IndexStore(IndexOptions(path=tmp_path / "idx"))
    with a.writing():
        with pytest.raises(IndexError_, match="being written by another process"):
            with b.writing():
                pass
    with b.writing():  # released
        pass


@pytest.mark.parametrize("url", ["ftp://host:1", "localhost:8000", "http://"])
def test_bad_chroma_url(tmp_path, forbid_model, url):
    store = IndexStore(IndexOptions(path=tmp_path / "idx", chroma_url=url))
    with pytest.raises(IndexError_, match="bad Chroma URL"):
        _ = store.collection


# ------------------------------------------------------------ vectors (real model)
@pytest.fixture()
def store(tmp_path) -> IndexStore:
    s = IndexStore(IndexOptions(path=tmp_path / "vidx"))
    yield s
    s.close()


def test_add_document_writes_all_three_indexes(store: IndexStore, index_consistency):
    chunks = chunk_document(WIDGETS)
    n = store.add_document(WIDGETS, chunks, "hash1", sentences=["Exports of widgets to Ruritania require a licence."])
    # One chunk input (title + text) and the sentence.
    assert n == 2
    st = index_consistency(store)
    assert st["catalog"] == {c.chunk_id for c in chunks}
    got = store.collection.get(ids=[chunks[0].chunk_id], include=["metadatas", "documents"])
    assert got["documents"][0] == chunks[0].text
    meta = got["metadatas"][0]
    assert meta["doc_id"] == WIDGETS.doc_id and meta["start"] == chunks[0].start and meta["end"] == chunks[0].end
    assert meta["date_int"] == 20210303
    assert store.source_state("/data/widgets.txt") == ("hash1", WIDGETS.doc_id)
    assert not store.needs_reconcile()


def test_embedding_cache_avoids_re_embedding(store: IndexStore):
    chunks = chunk_document(WIDGETS)
    assert store.add_document(WIDGETS, chunks, "h") == 1
    before = store.embedder.embedded
    assert store.add_document(WIDGETS, chunks, "h") == 0  # same texts: all from the cache
    assert store.embedder.embedded == before
    vecs = store.text_vectors([embedding_input(WIDGETS.title, chunks[0].text)], compute=False)
    assert vecs[0] is not None and len(vecs[0]) == store.embedder.dimensions
    assert store.text_vectors(["never embedded"], compute=False) == [None]


def test_dense_search_finds_the_paraphrase(store: IndexStore):
    for d in (WIDGETS, GADGETS, HIKVISION):
        store.add_document(d, chunk_document(d), "h")
    q = store.embedder.embed_query("How expensive is Hikvision on the stock market?")
    hits = store.dense_search(q, 10)
    assert len(hits) == 3 and hits[0][0].startswith(HIKVISION.doc_id)
    assert all(-1.0 <= s <= 1.0 for _, s in hits)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    only = store.dense_search(q, 10, doc_ids={GADGETS.doc_id})
    assert [c for c, _ in only] == [c.chunk_id for c in chunk_document(GADGETS)]
    assert store.dense_search(q, 10, doc_ids=set()) == []


def test_orphan_vectors_are_ignored_then_reconciled(store: IndexStore, index_consistency):
    store.add_document(HIKVISION, chunk_document(HIKVISION), "h")
    vec = store.embedder.embed_query("Hikvision market value")
    # A write that stopped between Chroma and the catalog leaves a vector the catalog does not know.
    store.collection.upsert(ids=["orphan:0-10"], embeddings=[vec], metadatas=[{"doc_id": "orphan"}],
                            documents=["Hikvision market value"])
    store._set_meta("pending_write", "orphan")  # noqa: SLF001
    assert store.needs_reconcile()
    assert "orphan:0-10" not in [c for c, _ in store.dense_search(vec, 10)]
    assert store.reconcile() == 1
    assert not store.needs_reconcile()
    index_consistency(store)


def test_remove_source_drops_document_chunks_and_vectors(store: IndexStore, index_consistency):
    for d in (WIDGETS, GADGETS):
        store.add_document(d, chunk_document(d), "h")
    assert store.remove_source("widgets.txt") == ["/data/widgets.txt"]
    st = index_consistency(store)
    assert st["docs"] == {GADGETS.doc_id}
    assert store.keyword_search("crowns", 5) == []
    assert store.remove_source("widgets.txt") == []


def test_remove_source_refuses_an_ambiguous_suffix(store: IndexStore):
    a = _doc("a/notes.txt", "First notes file about tariffs.")
    b = _doc("b/notes.txt", "Second notes file about quotas.")
    for d in (a, b):
        store.add_document(d, chunk_document(d), "h")
    with pytest.raises(IndexError_, match="matches 2 sources"):
        store.remove_source("notes.txt")
    assert store.remove_source("a/notes.txt") == ["/data/a/notes.txt"]


def test_failed_catalog_write_removes_its_vectors(store: IndexStore, index_consistency, monkeypatch):
    store.add_document(GADGETS, chunk_document(GADGETS), "h")
    # Make the catalog transaction fail after the vectors were written.
    def disk_full(*args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "_link", disk_full)
    with pytest.raises(sqlite3.OperationalError):
        store.add_document(WIDGETS, chunk_document(WIDGETS), "h")
    st = index_consistency(store)
    assert store.keyword_search("crowns", 5) == []
    assert st["docs"] == {GADGETS.doc_id}


# ------------------------------------------- normalised keyword index, scripts, pages
SOCIETE = _doc("societe.txt", unicodedata.normalize("NFD", "Société Générale paid a fine of 10,000 euros.\n\n"
                                                    "Квота на импорт стали составляет 200 тысяч тонн."),
               title="Amende", publisher="Autorité des marchés", date="2020-01-01")
ZH = _doc("zh.txt", "商务部决定将示例电子有限公司列入不可靠实体清单。\n\n该决定自2019年6月1日起生效。", title="商务部公告")
AR = _doc("ar.txt", "فرضت الحكومة رسوما جمركية بنسبة 25 في المئة على واردات الصلب.", title="إشعار")


@pytest.fixture()
def intl_store(raw_store) -> IndexStore:
    for d in (SOCIETE, ZH, AR):
        _insert_raw(raw_store, d)
    return raw_store


def _top_doc(store: IndexStore, query: str) -> str | None:
    hits = store.keyword_search(query, 5)
    return store.get_chunks([hits[0][0]])[hits[0][0]].doc_id if hits else None


def test_keyword_search_matches_across_unicode_forms_and_number_forms(intl_store):
    # The body is stored in NFD, exactly as loaded; questions come in NFC, or without accents.
    assert intl_store.get_document(SOCIETE.doc_id).body == SOCIETE.body
    for q in (unicodedata.normalize("NFC", "Société Générale"), "societe generale", "SOCIÉTÉ"):
        assert _top_doc(intl_store, q) == SOCIETE.doc_id, q
    for q in ("10000 euros", "10,000", "10 000"):
        assert _top_doc(intl_store, q) == SOCIETE.doc_id, q
    assert _top_doc(intl_store, "квота стали") == SOCIETE.doc_id  # Cyrillic words
    assert _top_doc(intl_store, "الرسوم الجمركية على واردات الصلب") == AR.doc_id  # Arabic words
    # Chinese: the exact term, and a question that contains it without spaces.
    assert _top_doc(intl_store, "不可靠实体清单") == ZH.doc_id
    assert _top_doc(intl_store, "示例电子有限公司被列入了什么清单？") == ZH.doc_id
    assert intl_store.document_frequency("不可靠实体清单") == 1
    # Chunk offsets still point into the stored body.
    for cid, _ in intl_store.keyword_search("不可靠实体清单", 5):
        c = intl_store.get_chunks([cid])[cid]
        assert intl_store.get_document(c.doc_id).body[c.start:c.end] == c.text


def test_has_script_and_script_counts(intl_store, raw_store):
    assert intl_store.has_script("Latin") and intl_store.has_script("han") and intl_store.has_script("Arabic")
    assert intl_store.has_script("Cyrillic")
    assert not intl_store.has_script("Hangul") and not intl_store.has_script("Devanagari")
    assert not intl_store.has_script("Han", doc_ids={WIDGETS.doc_id}) and intl_store.has_script("Han", {ZH.doc_id})
    counts = intl_store.script_counts()
    assert counts["Han"] == sum(1 for ch in ZH.body + "" if "\u4e00" <= ch <= "\u9fff")
    with pytest.raises(ValueError):
        intl_store.has_script("Elvish")
    # Removing the only Chinese document removes its script.
    intl_store.remove_source(ZH.source)
    assert not intl_store.has_script("Han")


def test_pages_are_stored_and_cited(raw_store):
    from agent.citations import make_citation

    body = "Page one text.\n\nPage two text.\n\nPage three text."
    doc = _doc("paged.pdf", body)
    doc.pages = [0, body.index("Page two"), body.index("Page three")]
    _insert_raw(raw_store, doc)
    stored = raw_store.get_document(doc.doc_id)
    assert stored.pages == doc.pages
    s = body.index("two text")
    assert make_citation(stored, s, s + 8).page == 2
    assert make_citation(stored, 0, 4).page == 1
    assert make_citation(stored, len(body) - 5, len(body)).page == 3
    assert make_citation(raw_store.get_document(WIDGETS.doc_id), 0, 7).page is None  # not a paged document


def test_generation_counts_committed_changes(raw_store):
    g = raw_store.generation()
    _insert_raw(raw_store, _doc("new.txt", "A new notice."))
    assert raw_store.generation() == g + 1
    raw_store.remove_source("/data/new.txt")
    assert raw_store.generation() == g + 2
    assert raw_store.remove_source("/data/never.txt") == [] and raw_store.generation() == g + 2


def test_an_older_index_gets_a_clear_reingest_message(tmp_path, forbid_model):
    old = tmp_path / "old"
    old.mkdir()
    db = sqlite3.connect(old / "catalog.sqlite")
    db.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema', '2');"
                     "CREATE TABLE documents (doc_id TEXT PRIMARY KEY, body TEXT);")
    db.commit()
    db.close()
    with pytest.raises(IndexError_, match=r"older tradeqa \(format 2.*Re-ingest"):
        IndexStore(IndexOptions(path=old))
    # Nothing of the new schema was written into the old catalog.
    db = sqlite3.connect(old / "catalog.sqlite")
    assert {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")} == {"meta", "documents"}
    db.close()


def test_exact_dense_search_agrees_with_chroma(tmp_path):
    """Small indexes are searched exactly over the cached chunk vectors, without Chroma; the
    ranking and similarities are Chroma's (exact at this size)."""
    import sys

    docs = (WIDGETS, GADGETS, HIKVISION)
    exact = IndexStore(IndexOptions(path=tmp_path / "idx"))
    for d in docs:
        exact.add_document(d, chunk_document(d), "h")
    exact.close()
    exact = IndexStore(IndexOptions(path=tmp_path / "idx"))
    chroma = IndexStore(IndexOptions(path=tmp_path / "idx", exact_search_max=0))
    for question in ("How expensive is Hikvision on the stock market?", "tariff on gadgets", "licence fee"):
        q = exact.embedder.embed_query(question)
        for n, only in ((10, None), (2, None), (10, {GADGETS.doc_id, WIDGETS.doc_id}), (10, {"nothing"})):
            got, want = exact.dense_search(q, n, only), chroma.dense_search(q, n, only)
            assert [c for c, _ in got] == [c for c, _ in want]
            assert all(abs(a - b) < 1e-5 for (_, a), (_, b) in zip(got, want))
    assert exact._collection is None  # noqa: SLF001 - the exact store never opened Chroma
    # A chunk whose vector is not cached (keyword-only records, another encoder): Chroma answers.
    exact._db.execute("DELETE FROM embedding_cache WHERE rowid = (SELECT min(rowid) FROM embedding_cache)")  # noqa: SLF001
    exact._db.commit()  # noqa: SLF001
    exact._bump_generation()  # noqa: SLF001
    exact._db.commit()  # noqa: SLF001
    assert exact._exact_index() is None  # noqa: SLF001
    assert [c for c, _ in exact.dense_search(q, 10)] == [c for c, _ in chroma.dense_search(q, 10)]
    assert "chromadb" in sys.modules
    exact.close()
    chroma.close()


def test_index_written_before_printed_page_numbers_gets_the_column(tmp_path):
    # An index of the previous release has no page_numbers column: it opens, gets the
    # column, and a document with printed page numbers is cited by them.
    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    store.close()
    db = sqlite3.connect(tmp_path / "idx" / "catalog.sqlite")
    db.execute("ALTER TABLE documents DROP COLUMN page_numbers")
    db.commit()
    db.close()
    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    doc = Document(source="fr.xml", body="Page one text here.\n\nPage two text here.", pages=[0, 21],
                   page_numbers=[43201, 43202])
    store.add_document(doc, chunk_document(doc), "h1")
    got = store.get_document(doc.doc_id)
    assert got.page_numbers == [43201, 43202]
    assert (got.page_at(0), got.page_at(doc.body.index("Page two"))) == (43201, 43202)
    store.close()
