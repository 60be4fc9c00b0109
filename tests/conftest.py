"""Shared fixtures for the core-pipeline tests.

Kept small on purpose (other test modules define their own fixtures; nothing
here is autouse):

* ``corpus_dir`` / ``dev_questions`` - the shared corpus and dev question set
  (``../shared`` beside the project, falling back to the bundled ``data/sample``).
* ``corpus_index`` - the shared corpus ingested ONCE per session into a tmp
  index (loads the embedding model; ~1-2 min on a busy 2-core machine).
* ``tiny_corpus`` - three short hand-written documents for store/pipeline tests.
* ``forbid_model`` - makes loading the embedding model an error, so a test that
  must not need the model proves it.
* ``index_consistency`` - asserts that Chroma, the chunk catalog and the FTS5
  keyword index hold exactly the same chunks.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"  # ../shared beside the project (as in CI)


def _corpus_path() -> Path | None:
    for p in (SHARED / "corpus", ROOT / "data" / "sample"):
        if p.is_dir() and any(p.glob("*.txt")):
            return p
    return None


def _questions_path() -> Path | None:
    for p in (SHARED / "questions" / "dev.jsonl", ROOT / "data" / "questions" / "dev.jsonl"):
        if p.is_file():
            return p
    return None


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory) -> Path:
    p = _corpus_path()
    if p is None:
        pytest.skip("shared corpus not present")
    if p == ROOT / "data" / "sample":
        # The bundled sample also holds the screening-list snapshot; the shared corpus the
        # tests were written for is its text documents only.
        docs = tmp_path_factory.mktemp("sample-docs")
        for f in sorted(p.glob("*.txt")):
            (docs / f.name).symlink_to(f)
        return docs
    return p


@pytest.fixture(scope="session")
def dev_questions_file() -> Path:
    path = _questions_path()
    if path is None:
        pytest.skip("no dev question set")
    return path


@pytest.fixture(scope="session")
def dev_questions(dev_questions_file) -> dict[str, dict]:
    rows = [json.loads(line) for line in dev_questions_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows}


@dataclass
class CorpusIndex:
    path: Path
    settings: object  # agent.config.Settings
    store: object  # ingest.store.IndexStore
    report: object  # ingest.records.IngestReport


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory, corpus_dir) -> CorpusIndex:
    """The shared corpus, ingested once per test session (read-only for tests)."""
    from agent.api import open_index
    from agent.config import Settings
    from ingest import ingest_paths

    path = tmp_path_factory.mktemp("corpus-index")
    settings = Settings(index=path, llm="none", chroma_url="", collection="tradeqa", embedding_model="")
    store = open_index(index=path, settings=settings)
    report = ingest_paths([corpus_dir], store, options=settings.chunking(), progress=False)
    assert report.failed == 0, [(r.path, r.reason) for r in report.results if r.reason]
    return CorpusIndex(path=path, settings=settings, store=store, report=report)


WIDGETS = """title: Widget export licensing notice
publisher: Ministry of Trade of Ruritania
date: 2021-03-03
---
Widget export licensing notice

Exports of widgets to Ruritania require a licence from the Ministry of Trade since March 3, 2021. The licence fee is 250 crowns per shipment.

Applications are reviewed within ten working days.
"""

GADGETS = """# Gadget tariff schedule

Gadgets imported from Freedonia pay a tariff of 12 percent. The schedule was published by the Customs Office of Freedonia.
"""

SPROCKETS = """Sprocket makers Acme Sprockets, Bolt Industries and Cog Works were added to the watch list in 2020.
"""


@pytest.fixture()
def tiny_corpus(tmp_path) -> Path:
    """Three short documents (header text, Markdown, plain text) in ``tmp_path/docs``."""
    d = tmp_path / "docs"
    d.mkdir()
    (d / "widgets.txt").write_text(WIDGETS, encoding="utf-8")
    (d / "gadgets.md").write_text(GADGETS, encoding="utf-8")
    (d / "sprockets.txt").write_text(SPROCKETS, encoding="utf-8")
    return d


@pytest.fixture()
def forbid_model(monkeypatch):
    """Loading the embedding model fails the test (for tests that must not need it)."""
    import ingest.embeddings

    def _refuse(name):
        raise AssertionError(f"this test must not load the embedding model ({name})")

    monkeypatch.setattr(ingest.embeddings, "_load", _refuse)


def catalog_state(store) -> dict:
    """Chunk ids as seen by Chroma, the catalog table and the FTS5 index."""
    db = sqlite3.connect(Path(store.path) / "catalog.sqlite")
    try:
        catalog = {r[0] for r in db.execute("SELECT chunk_id FROM chunks")}
        rowids = {r[0] for r in db.execute("SELECT rowid FROM chunks")}
        # The FTS5 index itself (not the external content table): every rowid that has a term.
        db.execute("CREATE VIRTUAL TABLE temp.fts_instances USING fts5vocab(main, chunks_fts, instance)")
        fts_rowids = {r[0] for r in db.execute("SELECT DISTINCT doc FROM temp.fts_instances")}
        # Raises sqlite3.DatabaseError if the index disagrees with the content table.
        db.execute("INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('integrity-check', 1)")
        docs = {r[0] for r in db.execute("SELECT doc_id FROM documents")}
        chunk_docs = {r[0] for r in db.execute("SELECT DISTINCT doc_id FROM chunks")}
    finally:
        db.close()
    chroma = set(store.collection.get(include=[])["ids"])
    return {"catalog": catalog, "rowids": rowids, "fts_rowids": fts_rowids, "chroma": chroma, "docs": docs,
            "chunk_docs": chunk_docs}


@pytest.fixture()
def index_consistency():
    """``check(store)`` asserts Chroma ids == catalog chunk ids == FTS5-indexed rows; returns the state."""

    def check(store) -> dict:
        st = catalog_state(store)
        assert st["chroma"] == st["catalog"], (
            f"Chroma and catalog disagree: only in Chroma {sorted(st['chroma'] - st['catalog'])[:5]}, "
            f"only in catalog {sorted(st['catalog'] - st['chroma'])[:5]}")
        assert st["fts_rowids"] == st["rowids"], "FTS5 index and chunks table disagree"
        assert st["chunk_docs"] == st["docs"], "a document without chunks, or chunks without a document"
        return st

    return check


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory):
    """``build(name, {file name: text})`` -> ``(store, settings)``: an offline index over a few
    documents written for a test (no LLM, local Chroma)."""
    def build(name: str, files: dict[str, str]):
        from agent.api import open_index
        from agent.config import Settings
        from ingest import ingest_paths

        docs = tmp_path_factory.mktemp(f"{name}-docs")
        for file_name, text in files.items():
            (docs / file_name).write_text(text, encoding="utf-8")
        path = tmp_path_factory.mktemp(f"{name}-index")
        settings = Settings(index=path, llm="none", chroma_url="", collection="tradeqa", embedding_model="")
        store = open_index(index=path, settings=settings)
        assert ingest_paths([docs], store, options=settings.chunking(), progress=False).failed == 0
        return store, settings

    return build
