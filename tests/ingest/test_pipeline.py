"""Incremental ingest over tiny hand-written documents: unchanged files embed
nothing, changed files replace their chunks everywhere, duplicates are stored
once, removal deletes vectors, a broken file does not stop the batch, and the
vector and keyword indexes always agree (checked after every operation)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest import ChunkingOptions, IndexOptions, IndexStore, Status, ingest_paths, remove_sources
from ingest.store import IndexError_


@pytest.fixture()
def store(tmp_path) -> IndexStore:
    s = IndexStore(IndexOptions(path=tmp_path / "index"))
    yield s
    s.close()


def _by_name(report) -> dict:
    return {Path(r.path).name: r for r in report.results}


def test_first_ingest_then_unchanged_run_embeds_nothing(store, tiny_corpus, index_consistency):
    first = ingest_paths([tiny_corpus], store, progress=False)
    assert (first.ingested, first.unchanged, first.failed) == (3, 0, 0)
    assert first.embedded > 0 and all(r.chunks >= 1 and r.embedded >= 1 for r in first.results)
    state = index_consistency(store)
    assert len(state["docs"]) == 3 and len(state["catalog"]) == store.stats().chunks

    before = store.embedder.embedded
    second = ingest_paths([tiny_corpus], store, progress=False)
    assert (second.ingested, second.unchanged, second.failed) == (0, 3, 0)
    assert second.embedded == 0
    assert store.embedder.embedded == before  # the model was not called at all
    assert all(r.reason == "unchanged since last ingest" for r in second.results)
    assert index_consistency(store) == state
    assert "0 ingested, 3 unchanged, 0 failed (0 texts embedded)" == second.summary()


def test_changed_file_replaces_its_old_chunks_everywhere(store, tiny_corpus, index_consistency):
    ingest_paths([tiny_corpus], store, progress=False)
    old = index_consistency(store)
    f = tiny_corpus / "sprockets.txt"
    old_doc = store.find_documents(str(f.resolve()))
    assert len(old_doc) == 1
    old_ids = {c for c in old["catalog"] if c.startswith(old_doc[0])}
    assert store.keyword_search("Bolt Industries", 5)

    f.write_text("Gear makers Zenith Gears and Ratchet Ltd were removed from the watch list in 2022.\n", encoding="utf-8")
    report = ingest_paths([tiny_corpus], store, progress=False)
    r = _by_name(report)
    assert r["sprockets.txt"].status is Status.INGESTED and r["sprockets.txt"].embedded >= 1
    assert r["widgets.txt"].status is Status.UNCHANGED and r["gadgets.md"].status is Status.UNCHANGED
    assert report.embedded == r["sprockets.txt"].embedded

    new = index_consistency(store)
    assert not (old_ids & new["chroma"]), "old vectors still in Chroma"
    assert not (old_ids & new["catalog"]), "old chunks still in the catalog"
    assert old_doc[0] not in new["docs"]
    assert len(new["docs"]) == 3
    # The keyword index no longer knows the old words, and knows the new ones.
    assert store.keyword_search("Bolt Industries sprocket", 10) == []
    assert store.document_frequency("sprocket") == 0
    assert store.keyword_search("Zenith Gears", 5)[0][0].startswith(r["sprockets.txt"].doc_id)
    assert store.find_documents(str(f.resolve())) == [r["sprockets.txt"].doc_id]


def test_identical_content_under_two_paths_is_stored_once(store, tiny_corpus, tmp_path, index_consistency):
    copy_dir = tmp_path / "copies"
    copy_dir.mkdir()
    shutil.copy(tiny_corpus / "widgets.txt", copy_dir / "widgets-copy.txt")
    report = ingest_paths([tiny_corpus, copy_dir], store, progress=False)
    r = _by_name(report)
    assert report.ingested == 3
    assert r["widgets-copy.txt"].status is Status.UNCHANGED
    assert r["widgets-copy.txt"].embedded == 0
    assert r["widgets-copy.txt"].reason.startswith("same content as ")
    assert r["widgets-copy.txt"].doc_id == r["widgets.txt"].doc_id
    st = store.stats()
    assert (st.documents, st.sources) == (3, 4)
    index_consistency(store)
    doc = store.get_document(r["widgets.txt"].doc_id)
    assert len(doc.sources) == 2

    # Removing one path keeps the document (the other path still holds it) ...
    assert remove_sources([str(copy_dir / "widgets-copy.txt")], store) == [str((copy_dir / "widgets-copy.txt").resolve())]
    assert store.has_document(r["widgets.txt"].doc_id)
    index_consistency(store)
    # ... removing the last path deletes it and its vectors.
    remove_sources([str(tiny_corpus / "widgets.txt")], store)
    st = index_consistency(store)
    assert r["widgets.txt"].doc_id not in st["docs"]
    assert not any(c.startswith(r["widgets.txt"].doc_id) for c in st["chroma"])


def test_remove_sources_deletes_document_and_vectors(store, tiny_corpus, index_consistency):
    report = ingest_paths([tiny_corpus], store, progress=False)
    gadget = _by_name(report)["gadgets.md"]
    removed = remove_sources(["gadgets.md"], store)  # a unique path suffix is enough
    assert removed == [gadget.path]
    st = index_consistency(store)
    assert gadget.doc_id not in st["docs"]
    assert not any(c.startswith(gadget.doc_id) for c in st["chroma"] | st["catalog"])
    assert store.keyword_search("Freedonia", 5) == []
    assert store.stats().documents == 2
    assert remove_sources(["gadgets.md"], store) == []
    assert remove_sources(["/no/such/file.txt"], store) == []
    # Re-ingesting brings it back (the source is no longer recorded as unchanged).
    again = ingest_paths([tiny_corpus], store, progress=False)
    assert _by_name(again)["gadgets.md"].status is Status.INGESTED
    assert again.embedded == 0  # its vectors come from the embedding cache
    index_consistency(store)


def test_broken_file_in_the_middle_of_a_batch(store, tiny_corpus, tmp_path, index_consistency):
    (tiny_corpus / "h-broken.txt").write_bytes(b"GIF89a\x00\x01\x02binary junk")  # sorts between gadgets and sprockets
    (tiny_corpus / "i-empty.md").write_bytes(b"")
    (tiny_corpus / "j-bad.pdf").write_bytes(b"%PDF-1.4 garbage")
    seen: list[tuple[int, int, str]] = []
    report = ingest_paths([tiny_corpus, tmp_path / "missing.txt"], store, progress=False,
                          on_file=lambda i, n, r: seen.append((i, n, Path(r.path).name)))
    r = _by_name(report)
    assert [Path(x.path).name for x in report.results] == [
        "gadgets.md", "h-broken.txt", "i-empty.md", "j-bad.pdf", "sprockets.txt", "widgets.txt", "missing.txt"]
    assert (report.ingested, report.failed) == (3, 4)
    assert r["h-broken.txt"].status is Status.FAILED and "binary file" in r["h-broken.txt"].reason
    assert r["i-empty.md"].reason == "empty file"
    assert "PDF" in r["j-bad.pdf"].reason
    assert r["missing.txt"].reason == "file not found"
    assert r["sprockets.txt"].status is Status.INGESTED  # after the broken ones
    assert seen == [(i, 7, name) for i, name in enumerate(
        ["gadgets.md", "h-broken.txt", "i-empty.md", "j-bad.pdf", "sprockets.txt", "widgets.txt", "missing.txt"], 1)]
    st = index_consistency(store)
    assert len(st["docs"]) == 3
    assert not store.needs_reconcile()


def test_unexpected_error_in_one_file_is_reported_not_raised(store, tiny_corpus, monkeypatch, index_consistency):
    import ingest.pipeline

    real = ingest.pipeline.chunk_document

    def flaky(doc, options):
        if "Freedonia" in doc.body:
            raise RuntimeError("boom")
        return real(doc, options)

    monkeypatch.setattr(ingest.pipeline, "chunk_document", flaky)
    report = ingest_paths([tiny_corpus], store, progress=False)
    r = _by_name(report)
    assert r["gadgets.md"].status is Status.FAILED and r["gadgets.md"].reason == "RuntimeError: boom"
    assert report.ingested == 2
    index_consistency(store)


def test_changing_chunk_options_re_chunks(store, tiny_corpus, index_consistency):
    ingest_paths([tiny_corpus], store, progress=False)
    n_before = store.stats().chunks
    report = ingest_paths([tiny_corpus], store, options=ChunkingOptions(max_chars=60, overlap_chars=0), progress=False)
    index_consistency(store)
    # widgets.txt has three paragraphs and two sentences over 60 chars: 60-char chunks need more of them
    assert store.stats().chunks > n_before
    assert report.unchanged == 0  # the options are part of the file hash
    st = index_consistency(store)
    for cid in st["catalog"]:
        start, end = map(int, cid.split(":")[1].split("-"))
        assert end - start <= 60


def test_interrupted_write_is_reconciled_on_next_ingest(store, tiny_corpus, index_consistency):
    ingest_paths([tiny_corpus], store, progress=False)
    vec = store.embedder.embed_query("left over")
    store.collection.upsert(ids=["deadbeef:0-9"], embeddings=[vec], metadatas=[{"doc_id": "deadbeef"}],
                            documents=["left over"])
    store._set_meta("pending_write", "deadbeef")  # noqa: SLF001 - simulate a crash mid-write
    report = ingest_paths([tiny_corpus], store, progress=False)
    assert report.unchanged == 3
    st = index_consistency(store)
    assert "deadbeef:0-9" not in st["chroma"]


def test_second_writer_is_refused(store, tiny_corpus, tmp_path):
    other = IndexStore(IndexOptions(path=store.path))
    with other.writing():
        with pytest.raises(IndexError_, match="another process"):
            ingest_paths([tiny_corpus], store, progress=False)
    other.close()
    assert store.stats().documents == 0


def test_sentence_vectors_can_be_left_to_question_time(store, tiny_corpus, index_consistency):
    from ingest.pipeline import sentence_texts
    from ingest.loaders import iter_input_files, load_file
    from ingest.chunking import chunk_document

    report = ingest_paths([tiny_corpus], store, options=ChunkingOptions(embed_sentences=False), progress=False)
    assert report.ingested == 3
    assert report.embedded == store.stats().chunks  # chunks only, no sentences
    sentences = []
    for f in iter_input_files([tiny_corpus]):
        doc = load_file(f)
        sentences += sentence_texts(doc, chunk_document(doc))
    assert any(v is None for v in store.text_vectors(sentences, compute=False))
    # The answerer's fallback still gets a vector for every sentence.
    assert all(v is not None for v in store.text_vectors(sentences))
    # ... and they are cached in the index: another process finds them without the model.
    other = IndexStore(IndexOptions(path=store.path))
    before = other.embedder.embedded
    assert other.text_vectors(sentences, compute=False) == store.text_vectors(sentences, compute=False)
    assert all(v is not None for v in other.text_vectors(sentences, compute=False))
    assert other.embedder.embedded == before
    other.close()
    index_consistency(store)


def test_files_are_embedded_and_written_in_batches(store, tiny_corpus, index_consistency, monkeypatch):
    """Three short files: one model call and one Chroma upsert for all of them, and each
    file still reported with its own chunks and embedded counts."""
    calls = {"embed": [], "upsert": 0}
    real_encode = store.embedder._encode  # noqa: SLF001 - every model call of either runtime goes through it
    monkeypatch.setattr(store.embedder, "_encode",
                        lambda model, texts: calls["embed"].append(len(texts)) or real_encode(model, texts))
    col = store.collection
    real_upsert = col.upsert

    def upsert(**kw):
        calls["upsert"] += 1
        return real_upsert(**kw)

    monkeypatch.setattr(col, "upsert", upsert)
    report = ingest_paths([tiny_corpus], store, progress=False)
    chunks = store.stats().chunks
    assert (report.ingested, report.failed) == (3, 0)
    assert calls == {"embed": [chunks], "upsert": 1}
    assert report.embedded == chunks and all(r.embedded == r.chunks >= 1 for r in report.results)
    index_consistency(store)


def test_a_failed_commit_in_a_batch_loses_only_that_file(store, tiny_corpus, index_consistency, monkeypatch):
    real_commit = store._commit_catalog  # noqa: SLF001

    def commit(doc, chunks, file_hash, fresh=None, **kw):
        if "Gadget" in doc.title:
            raise RuntimeError("disk full")
        return real_commit(doc, chunks, file_hash, fresh, **kw)

    monkeypatch.setattr(store, "_commit_catalog", commit)
    report = ingest_paths([tiny_corpus], store, progress=False)
    r = _by_name(report)
    assert r["gadgets.md"].status is Status.FAILED and "disk full" in r["gadgets.md"].reason
    assert r["widgets.txt"].status is Status.INGESTED and r["sprockets.txt"].status is Status.INGESTED
    state = index_consistency(store)  # the failed file's vectors were removed from Chroma again
    assert len(state["docs"]) == 2 and not store.needs_reconcile()
    monkeypatch.setattr(store, "_commit_catalog", real_commit)
    again = _by_name(ingest_paths([tiny_corpus], store, progress=False))
    assert again["gadgets.md"].status is Status.INGESTED and again["widgets.txt"].status is Status.UNCHANGED
    index_consistency(store)


def test_chunks_go_to_the_bulk_runtime_and_sentences_to_the_answerers(store, tiny_corpus, monkeypatch):
    """An ingest embeds its chunk texts with ``embed_bulk`` (OpenVINO bf16 where available)
    and the sentences it embeds ahead of questions with ``embed`` - the runtime the answerer
    uses at question time - so a sentence's vector does not depend on when it was computed."""
    from ingest.chunking import chunk_document
    from ingest.loaders import load_file
    from ingest.pipeline import sentence_texts
    from ingest.store import embedding_input

    seen: dict[str, list[str]] = {"bulk": [], "answerer": []}
    real_bulk, real_embed = store.embedder.embed_bulk, store.embedder.embed
    monkeypatch.setattr(store.embedder, "embed_bulk", lambda texts: seen["bulk"].extend(texts) or real_bulk(texts))
    monkeypatch.setattr(store.embedder, "embed", lambda texts: seen["answerer"].extend(texts) or real_embed(texts))
    report = ingest_paths([tiny_corpus], store, options=ChunkingOptions(embed_sentences=True), progress=False)
    assert (report.ingested, report.failed) == (3, 0)
    chunks, sentences = set(), set()
    for f in sorted(tiny_corpus.iterdir()):
        doc = load_file(f)
        cs = chunk_document(doc)
        chunks |= {embedding_input(doc.title, c.text) for c in cs}
        sentences |= set(sentence_texts(doc, cs))
    assert sentences and set(seen["bulk"]) == chunks
    assert set(seen["answerer"]) == sentences
