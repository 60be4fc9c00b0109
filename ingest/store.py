"""The index: a Chroma collection (dense vectors) plus a SQLite catalog that holds
document bodies, chunk offsets, an FTS5 keyword index and an embedding cache.

The SQLite catalog is the source of truth. A document is written to Chroma
first and then committed to the catalog in one transaction; anything in
Chroma that the catalog does not know (a crash between the two) is ignored by
readers and deleted by :meth:`IndexStore.reconcile`. So the dense and keyword
indexes can never disagree about which chunks exist.
"""
from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import sqlite3
import threading
import time
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlparse

from .embeddings import ChromaEmbeddingFunction, Embedder
from .records import Chunk, Document, content_hash

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2

# BM25 column weights: the chunk's own text, then its document's title (context
# that records and excerpts often lack: "Entity List entries added June 5, 2020").
_BM25 = "bm25(chunks_fts, 1.0, 0.35)"


def embedding_input(title: str, text: str) -> str:
    """What is embedded for a chunk: its document title as context, then the text."""
    return f"{title}\n{text}" if title else text

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, title TEXT, publisher TEXT, date TEXT, date_int INTEGER,
    url TEXT, doc_type TEXT, body TEXT NOT NULL, ingested_at REAL
);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id),
    file_hash TEXT, added_at REAL
);
CREATE INDEX IF NOT EXISTS sources_doc ON sources(doc_id);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, chunk_id TEXT UNIQUE NOT NULL, doc_id TEXT NOT NULL,
    ord INTEGER, start INTEGER, "end" INTEGER, text TEXT NOT NULL, title TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    text, title, content='chunks', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts(rowid, text, title) VALUES (new.rowid, new.text, new.title);
END;
CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, text, title) VALUES ('delete', old.rowid, old.text, old.title);
END;
CREATE TABLE IF NOT EXISTS embedding_cache (text_hash TEXT PRIMARY KEY, model TEXT, vector BLOB);
"""

_FTS_TOKEN = re.compile(r"\w+(?:[.-]\w+)*", re.UNICODE)


class IndexError_(RuntimeError):
    """The index cannot be used as asked (locked by another writer, bad URL, ...)."""


@dataclass(frozen=True)
class IndexOptions:
    """Where the index lives and how it embeds.

    ``chroma_url`` (``http://host:port``) puts vectors on a Chroma server; the
    catalog (bodies, keyword index) stays in ``path`` either way.
    """

    path: Path
    embedding_model: str = ""
    chroma_url: str = ""
    collection: str = "tradeqa"


@dataclass
class StoredDocument:
    doc_id: str
    sources: list[str]
    title: str
    publisher: str
    date: str
    url: str
    doc_type: str
    body: str

    @property
    def source(self) -> str:
        """The first path/URL this content was ingested from."""
        return self.sources[0] if self.sources else ""


@dataclass
class StoredChunk:
    chunk_id: str
    doc_id: str
    ordinal: int
    start: int
    end: int
    text: str


@dataclass
class IndexStats:
    documents: int
    sources: int
    chunks: int
    last_ingest: float | None
    path: str
    chroma: str
    embedding_model: str
    publishers: list[str] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)


def fts_terms(text: str) -> list[str]:
    """The quoted FTS5 phrases of ``text`` (quoting stops operator injection), unique."""
    tokens: list[str] = []
    # Possessives go ("Hikvision's" -> "hikvision"); "52.204-25" stays one phrase.
    for tok in _FTS_TOKEN.findall(re.sub(r"['’]s\b", "", text.lower())):
        if tok and tok not in tokens:
            tokens.append(tok)
    return [f'"{t}"' for t in tokens]


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression: every token quoted, OR-ed."""
    return " OR ".join(fts_terms(text))


class IndexStore:
    """Read and write access to one index folder."""

    def __init__(self, options: IndexOptions, embedder: Embedder | None = None):
        self.options = options
        self.path = Path(options.path).expanduser()
        self.path.mkdir(parents=True, exist_ok=True)
        self.embedder = embedder or Embedder(options.embedding_model)
        self._lock = threading.RLock()
        self._pending_vector_deletes: list[str] = []  # chunk ids to drop from Chroma after a commit
        self._db = sqlite3.connect(self.path / "catalog.sqlite", check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        self._db.commit()
        found = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0]
        if found != str(SCHEMA_VERSION):
            self._db.close()
            raise IndexError_(f"index {self.path} has format {found}; this tradeqa reads format {SCHEMA_VERSION}. "
                              "Ingest your documents into a new index folder.")
        self._collection = None
        self._client = None
        # Vectors cached under the model's install path (older indexes) move to its
        # stable id, so a reinstalled venv still finds them.
        if self.embedder.model_id != self.embedder.model_name:
            with self._db:
                self._db.execute("UPDATE OR IGNORE embedding_cache SET model=? WHERE model=?",
                                 (self.embedder.model_id, self.embedder.model_name))

    # ----------------------------------------------------------------- chroma
    @property
    def collection(self):
        if self._collection is None:
            import chromadb

            settings = chromadb.Settings(anonymized_telemetry=False, allow_reset=False)
            if self.options.chroma_url:
                u = urlparse(self.options.chroma_url)
                if u.scheme not in ("http", "https") or not u.hostname:
                    raise IndexError_(f"bad Chroma URL {self.options.chroma_url!r}; expected http://HOST:PORT")
                self._client = chromadb.HttpClient(host=u.hostname, port=u.port or (443 if u.scheme == "https" else 8000),
                                                   ssl=u.scheme == "https", settings=settings)
            else:
                self._client = chromadb.PersistentClient(path=str(self.path / "chroma"), settings=settings)
            self._collection = self._client.get_or_create_collection(
                self.options.collection,
                embedding_function=ChromaEmbeddingFunction(self.embedder),
                configuration={"hnsw": {"space": "cosine"}},
            )
        return self._collection

    def _max_batch(self) -> int:
        _ = self.collection
        try:
            return max(1, int(self._client.get_max_batch_size()))
        except Exception:  # noqa: BLE001 - older servers: a safe default
            return 1000

    def describe_chroma(self) -> str:
        return self.options.chroma_url or str(self.path / "chroma")

    # ------------------------------------------------------------ write lock
    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the one-writer-per-index lock (a second writer fails fast)."""
        lock_path = self.path / "write.lock"
        fh = open(lock_path, "w")
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise IndexError_(f"index {self.path} is being written by another process; try again when it ends") from exc
            fh.write(str(os.getpid()))
            fh.flush()
            # No in-process lock for the whole batch: readers keep answering while a
            # batch runs (each write is its own transaction; Chroma goes first).
            yield
        finally:
            fh.close()

    # ------------------------------------------------------------- catalog reads
    def source_state(self, source: str) -> tuple[str, str] | None:
        """``(file_hash, doc_id)`` recorded for a source, or None."""
        with self._lock:
            row = self._db.execute("SELECT file_hash, doc_id FROM sources WHERE source=?", (source,)).fetchone()
        return (row[0], row[1]) if row else None

    def has_document(self, doc_id: str) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM documents WHERE doc_id=?", (doc_id,)).fetchone() is not None

    def get_document(self, doc_id: str) -> StoredDocument | None:
        with self._lock:
            row = self._db.execute(
                "SELECT doc_id, title, publisher, date, url, doc_type, body FROM documents WHERE doc_id=?", (doc_id,)
            ).fetchone()
            if not row:
                return None
            sources = [r[0] for r in self._db.execute(
                "SELECT source FROM sources WHERE doc_id=? ORDER BY added_at, source", (doc_id,))]
        return StoredDocument(row[0], sources, row[1], row[2], row[3], row[4], row[5], row[6])

    def find_documents(self, source: str) -> list[str]:
        """Doc ids whose source equals ``source``, or (if none) ends with it / has it as stem."""
        return sorted({doc_id for _, doc_id in self._match_sources(source)})

    def _match_sources(self, source: str) -> list[tuple[str, str]]:
        """``(source, doc_id)`` rows for an exact source, else for a path suffix ("/name.txt")."""
        with self._lock:
            rows = self._db.execute("SELECT source, doc_id FROM sources WHERE source=?", (source,)).fetchall()
            if not rows:
                rows = self._db.execute(
                    "SELECT source, doc_id FROM sources WHERE source LIKE ? ESCAPE '\\'",
                    ("%/" + source.replace("%", "\\%").replace("_", "\\_"),)).fetchall()
        return [(r[0], r[1]) for r in rows]

    def list_sources(self) -> list[tuple[str, str]]:
        with self._lock:
            return [(r[0], r[1]) for r in self._db.execute("SELECT source, doc_id FROM sources ORDER BY source")]

    def get_chunks(self, chunk_ids: Iterable[str]) -> dict[str, StoredChunk]:
        ids = list(dict.fromkeys(chunk_ids))
        out: dict[str, StoredChunk] = {}
        with self._lock:
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                q = f"SELECT chunk_id, doc_id, ord, start, \"end\", text FROM chunks WHERE chunk_id IN ({','.join('?' * len(part))})"
                for r in self._db.execute(q, part):
                    out[r[0]] = StoredChunk(*r)
        return out

    def chunk_spans(self, doc_id: str) -> list[tuple[int, int]]:
        """``(start, end)`` of a document's stored chunks, in order."""
        with self._lock:
            return [(r[0], r[1]) for r in self._db.execute(
                'SELECT start, "end" FROM chunks WHERE doc_id=? ORDER BY ord', (doc_id,))]

    def neighbours(self, doc_id: str, ordinal: int) -> list[StoredChunk]:
        with self._lock:
            rows = self._db.execute(
                'SELECT chunk_id, doc_id, ord, start, "end", text FROM chunks WHERE doc_id=? AND ord BETWEEN ? AND ? ORDER BY ord',
                (doc_id, ordinal - 1, ordinal + 1)).fetchall()
        return [StoredChunk(*r) for r in rows]

    def doc_ids_matching(self, *, date_from: int | None = None, date_to: int | None = None,
                         publisher: str | None = None, source: str | None = None,
                         doc_type: str | None = None) -> set[str]:
        """Documents that pass metadata filters (publisher/source: case-insensitive substring)."""
        where, args = [], []
        if date_from:
            where.append("d.date_int >= ?")
            args.append(date_from)
        if date_to:
            where.append("d.date_int > 0 AND d.date_int <= ?")
            args.append(date_to)
        if publisher:
            where.append("lower(d.publisher) LIKE ?")
            args.append(f"%{publisher.lower()}%")
        if doc_type:
            where.append("lower(d.doc_type) = ?")
            args.append(doc_type.lower())
        if source:
            where.append("d.doc_id IN (SELECT doc_id FROM sources WHERE lower(source) LIKE ?)")
            args.append(f"%{source.lower()}%")
        q = "SELECT d.doc_id FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
        with self._lock:
            return {r[0] for r in self._db.execute(q, args)}

    def stats(self) -> IndexStats:
        with self._lock:
            docs = self._db.execute("SELECT count(*), max(ingested_at) FROM documents").fetchone()
            srcs = self._db.execute("SELECT count(*) FROM sources").fetchone()[0]
            chunks = self._db.execute("SELECT count(*) FROM chunks").fetchone()[0]
            pubs = [r[0] for r in self._db.execute(
                "SELECT DISTINCT publisher FROM documents WHERE publisher != '' ORDER BY publisher")]
            types = [r[0] for r in self._db.execute(
                "SELECT DISTINCT doc_type FROM documents WHERE doc_type != '' ORDER BY doc_type")]
        return IndexStats(documents=docs[0], sources=srcs, chunks=chunks, last_ingest=docs[1],
                          path=str(self.path), chroma=self.describe_chroma(),
                          embedding_model=self.embedder.model_name, publishers=pubs, doc_types=types)

    # -------------------------------------------------------------- search
    def keyword_search(self, query: str, n: int, doc_ids: set[str] | None = None) -> list[tuple[str, float]]:
        """BM25 over the FTS5 index: ``[(chunk_id, score)]``, best first (score > 0)."""
        match = self._selective_query(query)
        if not match:
            return []
        sql = (f"SELECT c.chunk_id, c.doc_id, -{_BM25} AS s FROM chunks_fts "
               "JOIN chunks c ON c.rowid = chunks_fts.rowid WHERE chunks_fts MATCH ?")
        args: list = [match]
        if doc_ids is not None:
            if not doc_ids:
                return []
            sql += f" AND c.doc_id IN ({','.join('?' * len(doc_ids))})"
            args += sorted(doc_ids)
        sql += f" ORDER BY {_BM25} LIMIT ?"
        args.append(n)
        with self._lock:
            try:
                rows = self._db.execute(sql, args).fetchall()
            except sqlite3.OperationalError as exc:
                log.warning("keyword search failed for %r: %s", match, exc)
                return []
        return [(r[0], float(r[2])) for r in rows]

    # Terms in more than this share of chunks barely rank anything but make an OR
    # query score nearly every row; they are left out when rarer terms remain.
    COMMON_TERM_SHARE = 0.2

    def _selective_query(self, query: str) -> str:
        """The MATCH expression for ``query``, without very common terms (past
        ~10^4 chunks; small indexes keep every term)."""
        terms = fts_terms(query)
        total = self.chunk_count()
        if total < 5000 or len(terms) < 2:
            return " OR ".join(terms)
        limit = self.COMMON_TERM_SHARE * total
        rare = [t for t in terms if self._count_matches(t) <= limit]
        if rare:
            return " OR ".join(rare)
        return " AND ".join(terms)  # only common words: rows with all of them

    def document_frequency(self, term: str) -> int:
        """How many chunks contain ``term`` (after the index's own stemming)."""
        match = fts_query(term)
        return self._count_matches(match) if match else 0

    def _count_matches(self, match: str) -> int:
        """Chunks matching an FTS5 expression."""
        with self._lock:
            try:
                return self._db.execute("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?", (match,)).fetchone()[0]
            except sqlite3.OperationalError:
                return 0

    def chunk_count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM chunks").fetchone()[0]

    def dense_search(self, vector: list[float], n: int, doc_ids: set[str] | None = None) -> list[tuple[str, float]]:
        """Nearest chunks by cosine similarity: ``[(chunk_id, similarity)]``, best first."""
        if doc_ids is not None and not doc_ids:
            return []
        total = self.chunk_count()
        if total == 0:
            return []
        kwargs = {}
        if doc_ids is not None:
            kwargs["where"] = {"doc_id": {"$in": sorted(doc_ids)}}
        res = self.collection.query(query_embeddings=[vector], n_results=min(n, total),
                                    include=["distances"], **kwargs)
        ids, dists = res["ids"][0], res["distances"][0]
        known = self.get_chunks(ids)  # drop orphans the catalog does not know
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists) if i in known]

    # -------------------------------------------------------------- writes
    def _cached_vectors(self, hashes: list[str]) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        model = self.embedder.model_id
        with self._lock:
            for i in range(0, len(hashes), 500):
                part = hashes[i:i + 500]
                q = f"SELECT text_hash, vector FROM embedding_cache WHERE model=? AND text_hash IN ({','.join('?' * len(part))})"
                for h, blob in self._db.execute(q, [model, *part]):
                    out[h] = array("f", blob).tolist()
        return out

    def text_vectors(self, texts: list[str], *, compute: bool = True) -> list[list[float] | None]:
        """Vectors of arbitrary texts (sentences) from the embedding cache; missing
        ones are embedded when ``compute`` (not stored: readers never write)."""
        hashes = [content_hash(t) for t in texts]
        cached = self._cached_vectors(hashes)
        missing = [t for h, t in zip(hashes, texts) if h not in cached]
        if missing and compute:
            uniq = list(dict.fromkeys(missing))
            cached.update(zip((content_hash(t) for t in uniq), self.embedder.embed(uniq)))
        return [cached.get(h) for h in hashes]

    def add_document(self, doc: Document, chunks: list[Chunk], file_hash: str,
                     sentences: list[str] | None = None) -> int:
        """Index one document atomically; returns how many texts were embedded
        (texts already in the embedding cache are not embedded again).

        ``sentences``: texts to embed into the cache as well (the answerer scores
        sentences; embedding them here keeps questions fast)."""
        if not chunks:
            raise ValueError("document has no chunks")
        inputs = [embedding_input(doc.title, c.text) for c in chunks]
        hashes = [content_hash(t) for t in inputs]
        extra = list(dict.fromkeys(sentences or []))
        cached = self._cached_vectors(hashes + [content_hash(t) for t in extra])
        missing = {h: t for h, t in zip(hashes, inputs) if h not in cached}
        missing.update({h: t for t in extra if (h := content_hash(t)) not in cached and h not in missing})
        fresh = dict(zip(missing, self.embedder.embed(list(missing.values()))))
        vectors = [cached.get(h) or fresh[h] for h in hashes]
        metas = [{
            "doc_id": doc.doc_id, "source": doc.source, "title": doc.title[:500], "publisher": doc.publisher[:500],
            "date": doc.date, "date_int": doc.date_int, "doc_type": doc.doc_type, "start": c.start, "end": c.end,
            "ordinal": c.ordinal,
        } for c in chunks]
        ids = [c.chunk_id for c in chunks]
        self._set_meta("pending_write", doc.doc_id)  # cleared on commit; see needs_reconcile()
        step = self._max_batch()
        for i in range(0, len(ids), step):
            self.collection.upsert(ids=ids[i:i + step], embeddings=vectors[i:i + step],
                                   metadatas=metas[i:i + step], documents=[c.text for c in chunks[i:i + step]])
        now = time.time()
        try:
            with self._lock, self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
                    (doc.doc_id, doc.title, doc.publisher, doc.date, doc.date_int, doc.url, doc.doc_type, doc.body, now))
                # Re-chunked content (other chunk settings): its old vectors go too.
                old_ids = {r[0] for r in self._db.execute("SELECT chunk_id FROM chunks WHERE doc_id=?", (doc.doc_id,))}
                self._pending_vector_deletes.extend(sorted(old_ids - set(ids)))
                self._db.execute("DELETE FROM chunks WHERE doc_id=?", (doc.doc_id,))
                self._db.executemany(
                    'INSERT INTO chunks(chunk_id, doc_id, ord, start, "end", text, title) VALUES (?,?,?,?,?,?,?)',
                    [(c.chunk_id, c.doc_id, c.ordinal, c.start, c.end, c.text, doc.title) for c in chunks])
                self._db.executemany(
                    "INSERT OR REPLACE INTO embedding_cache VALUES (?,?,?)",
                    [(h, self.embedder.model_id, array("f", v).tobytes()) for h, v in fresh.items()])
                self._link(doc.source, doc.doc_id, file_hash, now)
                self._db.execute("DELETE FROM meta WHERE key='pending_write'")
        except Exception:
            # Keep Chroma in step with the catalog: the catalog did not take it.
            with contextlib.suppress(Exception):
                self.collection.delete(ids=ids)
            raise
        self.flush_vector_deletes()
        return len(missing)

    def _set_meta(self, key: str, value: str) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def needs_reconcile(self) -> bool:
        """True when a previous write stopped between Chroma and the catalog."""
        with self._lock:
            return self._db.execute("SELECT 1 FROM meta WHERE key='pending_write'").fetchone() is not None

    def link_source(self, source: str, doc_id: str, file_hash: str) -> None:
        """Record that ``source`` holds an already-indexed document."""
        with self._lock, self._db:
            self._link(source, doc_id, file_hash, time.time())
        self.flush_vector_deletes()

    def _link(self, source: str, doc_id: str, file_hash: str, now: float) -> None:
        old = self._db.execute("SELECT doc_id FROM sources WHERE source=?", (source,)).fetchone()
        self._db.execute("INSERT OR REPLACE INTO sources VALUES (?,?,?,?)", (source, doc_id, file_hash, now))
        if old and old[0] != doc_id:
            self._drop_if_orphan(old[0])

    def _drop_if_orphan(self, doc_id: str) -> None:
        """Inside a transaction: delete a document no source points to any more."""
        if self._db.execute("SELECT 1 FROM sources WHERE doc_id=?", (doc_id,)).fetchone():
            return
        ids = [r[0] for r in self._db.execute("SELECT chunk_id FROM chunks WHERE doc_id=?", (doc_id,))]
        self._db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
        self._db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
        self._pending_vector_deletes.extend(ids)

    def remove_source(self, source: str) -> list[str]:
        """Forget a source (exact path, or a unique path suffix). Returns the sources removed."""
        with self._lock:
            names = [name for name, _ in self._match_sources(source)]
            if len(names) > 1:
                raise IndexError_(f"{source!r} matches {len(names)} sources; give the full path: " + ", ".join(names))
            if not names:
                return []
            with self._db:
                doc_id = self._db.execute("SELECT doc_id FROM sources WHERE source=?", (names[0],)).fetchone()[0]
                self._db.execute("DELETE FROM sources WHERE source=?", (names[0],))
                self._drop_if_orphan(doc_id)
            self.flush_vector_deletes()
        return names

    def flush_vector_deletes(self) -> None:
        ids, self._pending_vector_deletes = self._pending_vector_deletes, []
        step = self._max_batch() if ids else 1
        for i in range(0, len(ids), step):
            self.collection.delete(ids=ids[i:i + step])

    def reconcile(self) -> int:
        """Delete vectors the catalog does not know (left by an interrupted write)."""
        col = self.collection
        known_ids: set[str] = set()
        with self._lock:
            known_ids = {r[0] for r in self._db.execute("SELECT chunk_id FROM chunks")}
        orphans: list[str] = []
        offset, page = 0, 5000
        while True:
            got = col.get(include=[], limit=page, offset=offset)
            ids = got["ids"]
            orphans += [i for i in ids if i not in known_ids]
            if len(ids) < page:
                break
            offset += page
        step = self._max_batch()
        for i in range(0, len(orphans), step):
            col.delete(ids=orphans[i:i + step])
        with self._lock, self._db:
            self._db.execute("DELETE FROM meta WHERE key='pending_write'")
        if orphans:
            log.warning("removed %d vectors that the catalog did not know", len(orphans))
        return len(orphans)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def distinct_characters(self) -> set[str]:
        """Every distinct character of the stored document bodies and titles (for the
        cheap "does the index have any text in this script" check of questions)."""
        chars: set[str] = set()
        with self._lock:
            for body, title in self._db.execute("SELECT body, title FROM documents"):
                chars.update(body)
                chars.update(title or "")
        return chars
