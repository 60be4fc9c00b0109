"""The index: a Chroma collection (dense vectors) plus a SQLite catalog that holds
document bodies, chunk offsets, an FTS5 keyword index and an embedding cache.

The SQLite catalog is the source of truth. A document is written to Chroma
first and then committed to the catalog in one transaction; anything in
Chroma that the catalog does not know (a crash between the two) is ignored by
readers and deleted by :meth:`IndexStore.reconcile`. So the dense and keyword
indexes can never disagree about which chunks exist.
"""
from __future__ import annotations

import bisect
import contextlib
import fcntl
import functools
import json
import logging
import os
import re
import sqlite3
import threading
import time
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlparse

from .embeddings import ChromaEmbeddingFunction, Embedder
from .normalise import canonical_script, index_text, number_terms, query_terms, script_counts

_normalised = index_text  # add_record_documents has a flag of the same name
from .records import Chunk, Document, content_hash

log = logging.getLogger(__name__)

# 3: a document is a body *with its source's metadata* (two files with one body
#    and different headers are two documents); the keyword index holds folded
#    text (NFKC, case, diacritics, CJK bigrams, joined digit groups); page
#    offsets; letters per script; a generation counter readers watch.
SCHEMA_VERSION = 3

# BM25 column weights: the chunk's own text, then its document's title (context
# that records and excerpts often lack: "Entity List entries added June 5, 2020"),
# then the chunk's grouped numbers written without separators ("10,000" -> 10000).
_BM25 = "bm25(chunks_fts, 1.0, 0.35, 1.0)"
# The keyword index's tokenizer (Porter stems over Unicode words, accents folded).
_TOKENIZE = "porter unicode61 remove_diacritics 2"


def embedding_input(title: str, text: str) -> str:
    """What is embedded for a chunk: its document title as context, then the text."""
    return f"{title}\n{text}" if title else text

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, title TEXT, publisher TEXT, date TEXT, date_int INTEGER,
    url TEXT, doc_type TEXT, body TEXT NOT NULL, ingested_at REAL, pages TEXT NOT NULL DEFAULT '[]',
    page_numbers TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS doc_scripts (
    doc_id TEXT NOT NULL, script TEXT NOT NULL, letters INTEGER NOT NULL, PRIMARY KEY (doc_id, script)
);
CREATE INDEX IF NOT EXISTS doc_scripts_script ON doc_scripts(script);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id),
    file_hash TEXT, added_at REAL
);
CREATE INDEX IF NOT EXISTS sources_doc ON sources(doc_id);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, chunk_id TEXT UNIQUE NOT NULL, doc_id TEXT NOT NULL,
    ord INTEGER, start INTEGER, "end" INTEGER, text TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
    ftext TEXT NOT NULL DEFAULT '', ftitle TEXT NOT NULL DEFAULT '', fnum TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
-- The keyword index holds ingest.normalise.index_text() of each chunk and title
-- (ftext/ftitle) and number_terms() of the chunk (fnum), never the stored text
-- itself: offsets come from chunks.start/end.
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    ftext, ftitle, fnum, content='chunks', content_rowid='rowid', tokenize='@TOKENIZE@'
);
CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts(rowid, ftext, ftitle, fnum) VALUES (new.rowid, new.ftext, new.ftitle, new.fnum);
END;
CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, ftext, ftitle, fnum)
    VALUES ('delete', old.rowid, old.ftext, old.ftitle, old.fnum);
END;
CREATE TABLE IF NOT EXISTS embedding_cache (text_hash TEXT PRIMARY KEY, model TEXT, vector BLOB);
-- Results of reading a whole document that readers compute once and keep (e.g. the
-- injection detector's flagged spans), keyed by what computed them.
CREATE TABLE IF NOT EXISTS doc_annotations (doc_id TEXT, kind TEXT, value TEXT, PRIMARY KEY (doc_id, kind));
""".replace("@TOKENIZE@", _TOKENIZE)



class IndexError_(RuntimeError):
    """The index cannot be used as asked (locked by another writer, bad URL, ...)."""


class IndexBusy(IndexError_):
    """Another process holds the index's write lock (one writer per index): try again when it ends."""


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
    encoder: str = "onnx-int8"  # or "sentence-transformers" (see ingest.embeddings)
    device: str = "cpu"
    batch_size: int = 32
    # HNSW candidate-list size at query time. Chroma's default (100) missed true
    # neighbours among the 40 nearest of 225 chunks, and which ones it missed changed
    # from process to process (the graph is rebuilt on load), so answers did too. With
    # ef_search >= the collection size the search is exact; above it recall stays high.
    hnsw_ef_search: int = 500
    # Up to this many chunks, dense search is exact and done here, over the chunk vectors the
    # catalog's embedding cache holds (the same vectors Chroma holds): a question then needs
    # neither chromadb's import nor its client (~0.5-0.9 s of a cold `tradeqa ask`). 0 = always
    # Chroma. Never used with a Chroma server, nor when a chunk's vector is not in the cache.
    exact_search_max: int = 20_000


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
    pages: list[int] = field(default_factory=list)  # character offset where each page starts (PDF)
    page_numbers: list[int] = field(default_factory=list)  # printed number of each page (FR XML), else empty

    @property
    def source(self) -> str:
        """The first path/URL this content was ingested from."""
        return self.sources[0] if self.sources else ""

    def page_at(self, offset: int) -> int | None:
        """Page number holding body character ``offset`` (the printed number when the
        source printed them, as Federal Register XML does; else 1-based), or None when
        the document has no page offsets (not a paged format)."""
        if not self.pages:
            return None
        k = max(1, bisect.bisect_right(self.pages, offset))
        return self.page_numbers[k - 1] if len(self.page_numbers) == len(self.pages) else k


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


_STEMMER_LOCK = threading.Lock()
_STEMMER: sqlite3.Connection | None = None


def _stem(word: str) -> str:
    """``word`` as the keyword index stores it: normalised (:func:`ingest.normalise.query_terms`)
    and through the same FTS5 tokenizer (Porter stemming), read back from an in-memory FTS5
    table's vocabulary; "" when it yields no single term."""
    global _STEMMER
    terms = query_terms(word)
    if len(terms) != 1:
        return ""
    with _STEMMER_LOCK:
        if _STEMMER is None:
            db = sqlite3.connect(":memory:", check_same_thread=False)
            db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{_TOKENIZE}')")
            db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
            _STEMMER = db
        _STEMMER.execute("DELETE FROM t")
        _STEMMER.execute("INSERT INTO t(x) VALUES (?)", (terms[0],))
        rows = _STEMMER.execute("SELECT term FROM v").fetchall()
    return rows[0][0] if len(rows) == 1 else ""


def fts_terms(text: str) -> list[str]:
    """The quoted FTS5 phrases of ``text`` (quoting stops operator injection), unique,
    in the index's normalised form (:func:`ingest.normalise.query_terms`: folded,
    CJK bigrams, "10,000" also as "10000")."""
    # Possessives go ("Hikvision's" -> "hikvision"); "52.204-25" stays one phrase.
    return [f'"{t}"' for t in query_terms(re.sub(r"['’]s\b", "", text))]


@functools.lru_cache(maxsize=1024)
def code_pattern(code: str) -> re.Pattern:
    """A regex finding ``code`` ("2019-06", "52.204-25") as a whole token, its separators written
    as any dash, dot, slash or space ("FAR 2019-0002" for "FAR-2019-0002"), and not as the start
    or end of a longer one ("2019-06-05", "52.204-251")."""
    parts = [re.escape(p) for p in re.split(r"[-–—./\s]+", code) if p]
    return re.compile(r"(?<![\w.\-–/])" + r"[-–—./\s]+".join(parts) + r"(?![\w]|[-–—./][\w])", re.IGNORECASE)


def _commonest_form(forms: Iterable[str]) -> tuple[str | None, int]:
    """The form met most often, case aside, as first written, and how often; (None, 0) for none."""
    counts: Counter[str] = Counter()
    written: dict[str, str] = {}
    for form in forms:
        counts[form.lower()] += 1
        written.setdefault(form.lower(), form)
    if not counts:
        return None, 0
    best, times = counts.most_common(1)[0]
    return written[best], times


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression: every token quoted, OR-ed."""
    return " OR ".join(fts_terms(text))


# The start of a labelled line up to a point in its value ("Entity: ", "Alternate names: Anna ").
_FIELD_VALUE = re.compile(r"^[A-Z][\w ()/'’.-]{1,40}:[ \t]+")


def _case_is_silent(text: str, start: int, end: int) -> bool:
    """Is the case of ``text[start:end]`` no evidence of a name: it starts a sentence, a line or a
    quote, it is a label ("Phone:"), or its line is a heading, title or record line (half its
    words or more capitalised)?"""
    if text[end:end + 1] == ":" or re.search(r"(?:^|[.!?;:\n\"“(])\s*$", text[max(0, start - 3):start]) or start == 0:
        return True
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[ls:le if le >= 0 else len(text)])
    return not words or sum(w[0].isupper() for w in words) / len(words) >= 0.5


class IndexStore:
    """Read and write access to one index folder."""

    def __init__(self, options: IndexOptions, embedder: Embedder | None = None):
        self.options = options
        self.path = Path(options.path).expanduser()
        self.path.mkdir(parents=True, exist_ok=True)
        self.embedder = embedder or Embedder(options.embedding_model, options.batch_size,
                                             encoder=options.encoder, device=options.device)
        self._lock = threading.RLock()
        self._pending_vector_deletes: list[str] = []  # chunk ids to drop from Chroma after a commit
        self._db = sqlite3.connect(self.path / "catalog.sqlite", check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        # Check the format before creating anything: an older catalog must not get
        # half of the new schema (its tables exist with other columns).
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        has_docs = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='documents'").fetchone() is not None
        found = row[0] if row else ("1" if has_docs else str(SCHEMA_VERSION))
        if found != str(SCHEMA_VERSION):
            self._db.close()
            raise IndexError_(
                f"index {self.path} was written by an older tradeqa (format {found}; this version reads format "
                f"{SCHEMA_VERSION}: documents keep their own file's metadata and the keyword index matches accents, "
                f"number forms and Chinese/Japanese/Korean text). Re-ingest your documents into a new index "
                f"folder (tradeqa ingest PATH... --index NEW_FOLDER), or delete {self.path} and ingest again.")
        self._db.executescript(_SCHEMA)
        # Printed page numbers came later within format 3: an index written before gets
        # the column (empty: pages numbered 1, 2, ...).
        if "page_numbers" not in {r[1] for r in self._db.execute("PRAGMA table_info(documents)")}:
            self._db.execute("ALTER TABLE documents ADD COLUMN page_numbers TEXT NOT NULL DEFAULT '[]'")
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('generation', '0')")
        self._db.commit()
        self._collection = None
        self._client = None
        # Counts that change only with the catalog (see _read_cache).
        self._reads: dict = {}
        self._reads_generation: int | None = None
        # Generation of the catalog the open Chroma client has seen (see _fresh_collection).
        self._seen_generation = self.generation()
        self._chroma_lock = threading.RLock()
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
                configuration={"hnsw": {"space": "cosine", "ef_search": self.options.hnsw_ef_search}},
            )
            hnsw = (self._collection.configuration or {}).get("hnsw") or {}
            if hnsw.get("ef_search") != self.options.hnsw_ef_search:
                # An index created with another ef_search (or before this option existed).
                self._collection.modify(configuration={"hnsw": {"ef_search": self.options.hnsw_ef_search}})
        return self._collection

    def generation(self) -> int:
        """A counter every committed document write or removal increments (in the
        same transaction), so a reader can tell cheaply that the index changed."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def _bump_generation(self) -> None:
        """Inside a write transaction: the catalog changed. Our own client already
        holds what we write, so the new generation counts as seen (set here, in the
        transaction, so a reader thread never re-opens the client under our write)."""
        self._db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='generation'")
        self._seen_generation = int(self._db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0])

    def _fresh_collection(self):
        """The collection, re-opened when another process changed the index.

        Chroma's embedded client keeps its vector segments in memory, shared per
        path inside a process, and never re-reads what another process wrote
        (chroma-core/chroma#3769): a long-running reader (the UI) would search
        stale vectors for ever. The catalog's generation counter is checked (one
        SQLite read) before each query; when it moved, the client is closed and
        opened again (~20-50 ms, only after a change). A Chroma server needs none
        of this. Limitation: another IndexStore of the same folder in the same
        process keeps Chroma's shared system alive, and then the re-open reuses it.
        """
        gen = self.generation()
        if gen != self._seen_generation:
            with self._chroma_lock:
                if gen != self._seen_generation:
                    if self._client is not None and not self.options.chroma_url:
                        log.info("index %s changed (generation %s -> %s): re-opening the vector store",
                                 self.path, self._seen_generation, gen)
                        with contextlib.suppress(Exception):
                            self._client.close()
                        self._client = None
                        self._collection = None
                    self._seen_generation = gen
        return self.collection

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
                raise IndexBusy(f"index {self.path} is being written by another process; try again when it ends") from exc
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
                "SELECT doc_id, title, publisher, date, url, doc_type, body, pages, page_numbers FROM documents "
                "WHERE doc_id=?",
                (doc_id,)).fetchone()
            if not row:
                return None
            sources = [r[0] for r in self._db.execute(
                "SELECT source FROM sources WHERE doc_id=? ORDER BY added_at, source", (doc_id,))]
        return StoredDocument(row[0], sources, row[1], row[2], row[3], row[4], row[5], row[6],
                              pages=json.loads(row[7] or "[]"), page_numbers=json.loads(row[8] or "[]"))

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

    def sources_under(self, folder: str) -> list[str]:
        """Sources recorded under ``folder`` (a resolved directory path), sorted."""
        prefix = folder.rstrip("/") + "/"
        esc = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        with self._lock:
            return [r[0] for r in self._db.execute(
                "SELECT source FROM sources WHERE source LIKE ? ESCAPE '\\' ORDER BY source", (esc + "%",))]

    def sources_of_file(self, file: str) -> list[str]:
        """Sources recorded for one file: ``file`` itself (a file holding one document)
        and ``file#...`` (each document of a multi-document file, such as a Federal
        Register issue), sorted."""
        esc = (file + "#").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        with self._lock:
            return [r[0] for r in self._db.execute(
                "SELECT source FROM sources WHERE source=? OR source LIKE ? ESCAPE '\\' ORDER BY source",
                (file, esc + "%"))]

    def script_counts(self) -> dict[str, int]:
        """Letters per Unicode script over the indexed documents
        (``{"Latin": 51234, "Han": 40}``; names as :data:`ingest.normalise.SCRIPTS`)."""
        with self._lock:
            return {r[0]: r[1] for r in self._db.execute(
                "SELECT script, sum(letters) FROM doc_scripts GROUP BY script ORDER BY 2 DESC")}

    def has_script(self, script: str, doc_ids: set[str] | None = None) -> bool:
        """True when some indexed document (of ``doc_ids``, if given) has letters of
        ``script`` ("Han", "Arabic", "Cyrillic", ...; case-insensitive). A question
        in a script the index has no text in cannot be answered from it.
        Raises ValueError for an unknown script name."""
        name = canonical_script(script)
        q, args = "SELECT 1 FROM doc_scripts WHERE script=?", [name]
        if doc_ids is not None:
            if not doc_ids:
                return False
            q += f" AND doc_id IN ({','.join('?' * len(doc_ids))})"
            args += sorted(doc_ids)
        with self._lock:
            return self._db.execute(q + " LIMIT 1", args).fetchone() is not None

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

    def closest_words(self, word: str, max_edits: int, limit: int = 3) -> list[tuple[str, int]]:
        """Words of the indexed text within ``max_edits`` edits of ``word`` (optimal string
        alignment distance: insertions, deletions, substitutions, adjacent transpositions;
        rapidfuzz), as written in a chunk, each with the number of chunks holding it: closest
        first, then most frequent. For reading a misspelt question word as the sources' own
        ("entitites" → "entities", "Hikvison" → "Hikvision").

        Candidates come from the keyword index's vocabulary (SQLite ``fts5vocab``): terms
        sharing the first letter of ``word``'s stem under the index's own tokenizer, whose
        stem is within ``max_edits`` of it; the surface form is the closest word of a chunk
        holding the term. ``[]`` for an empty index, no candidate or ``max_edits`` < 1.
        Cached until the catalog changes."""
        if max_edits < 1:
            return []
        stem = _stem(word)
        if not stem:
            return []
        cache = self._read_cache()
        key = ("closest", word.lower(), max_edits, limit)
        if key in cache:
            return cache[key]
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        # First letters rarely carry the typo; a range scan over one letter keeps this cheap
        # on a large vocabulary (fts5vocab serves term ranges from the index itself).
        lo, hi = stem[0], chr(ord(stem[0]) + 1)
        with self._lock:
            try:
                self._db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunks_vocab "
                                 "USING fts5vocab(main, 'chunks_fts', 'row')")
                terms = self._db.execute("SELECT term, doc FROM temp.chunks_vocab WHERE term >= ? AND term < ?",
                                         (lo, hi)).fetchall()
            except sqlite3.OperationalError as exc:
                log.warning("vocabulary lookup failed: %s", exc)
                terms = []
        # Stems may differ more than the words do (Porter strips "-ion" from "Hikvision" but not
        # from "Hikvison"): stems within two more edits are candidates; their words as written
        # must be within ``max_edits`` of ``word``.
        slack = max_edits + 2
        docs = {t: n for t, n in terms if abs(len(t) - len(stem)) <= slack and t != stem}
        near = process.extract(stem, list(docs), scorer=OSA.distance, score_cutoff=slack, limit=None)
        # The ten closest stems (then most frequent) are read back: a bound on the chunk reads
        # a large vocabulary could otherwise cost.
        near = sorted(near, key=lambda m: (m[1], -docs[m[0]]))[:10]
        found: list[tuple[int, int, str]] = []
        for term, _, _ in near:
            surface = self._surface_of(term, word, max_edits)  # within max_edits of ``word``
            if surface is not None:
                found.append((OSA.distance(surface.lower(), word.lower()), -docs[term], surface))
        out: list[tuple[str, int]] = []
        for _, neg_df, surface in sorted(found):
            if all(surface != o for o, _ in out):
                out.append((surface, -neg_df))
            if len(out) >= limit:
                break
        cache[key] = out
        return out

    # Chunks read per batch, and batches at most, to find how the sources write a term (_surface_of).
    SURFACE_BATCH = 20
    SURFACE_BATCHES = 10

    def _surface_of(self, term: str, word: str, max_edits: int) -> str | None:
        """The word of a chunk holding the index term ``term`` that is closest to ``word`` (within
        ``max_edits``), as written there (so "entiti" reads back as "entities", "hikvis" as
        "Hikvision"); None when there is none."""
        from rapidfuzz.distance import OSA

        # A prefix query: a phrase query would stem the stem again ("hikvis" -> "hikvi").
        rows = self._matching_rows(f'"{term}"*', self.SURFACE_BATCH * self.SURFACE_BATCHES)
        # Batches of chunks, until one holds a near word: the first chunks may all write the term in
        # one form ("Addresses:" in every record of a screening list) that is not near the typed
        # word ("adress"), while prose elsewhere writes the form that is ("address").
        seen: set[str] = set()
        for i in range(0, len(rows), self.SURFACE_BATCH):
            words = {w for (text,) in rows[i:i + self.SURFACE_BATCH]
                     for w in re.findall(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", text)} - seen
            seen |= words
            # Only words near ``word`` can be its reading; stemming just those keeps this fast.
            near = {w: OSA.distance(w.lower(), word.lower()) for w in words}
            near = {w: d for w, d in near.items() if d <= max_edits and _stem(w) == term}
            if near:
                return min(near, key=lambda w: (near[w], w))
        return None

    def capitalised_share(self, word: str, sample: int = 50) -> float | None:
        """How the index writes ``word`` where case says something: the share of its
        occurrences, in up to ``sample`` chunks that contain it, written with a capital
        letter ("iFlytek", "ZTE", "Entity List"). Counted: occurrences in running prose
        (:func:`_case_is_silent`), and anywhere those with a capital past the first letter
        (an acronym or a camel-cased name is one wherever it stands). None when there are
        fewer than two such occurrences and none of the second kind. Cached until the
        catalog changes."""
        match = fts_query(word)
        if not match:
            return None
        cache = self._read_cache()
        key = ("capitalised", word.lower())
        if key in cache:
            return cache[key]
        found = self._matching_rows(match, 10 * sample, columns="c.doc_id, c.text")
        # A few chunks of each document: one long record list must not speak for the whole index.
        per_doc: dict[str, int] = {}
        rows = []
        for doc_id, text in found:
            per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
            if per_doc[doc_id] <= 3 and len(rows) < sample:
                rows.append((text,))
        pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.I)
        caps = total = 0
        inner = False  # written with a capital past its first letter somewhere ("ZTE", "iFlytek")
        for (text,) in rows:
            for m in pattern.finditer(text):
                word_as_written = m.group(0)
                # ... but not in an all-caps run ("FOR FURTHER INFORMATION CONTACT"), which says nothing.
                around = re.findall(r"[A-Za-z]{2,}", text[max(0, m.start() - 30):m.start()])[-1:] \
                    + re.findall(r"[A-Za-z]{2,}", text[m.end():m.end() + 30])[:1]
                inner_caps = any(ch.isupper() for ch in word_as_written[1:]) and not any(w.isupper() for w in around)
                if _case_is_silent(text, m.start(), m.end()) and not inner_caps:
                    continue
                inner = inner or inner_caps
                total += 1
                caps += any(ch.isupper() for ch in word_as_written)
        share = caps / total if total >= 2 or inner else None
        cache[key] = share
        return share

    def capitalised_phrase_share(self, words: list[str], sample: int = 20) -> float | None:
        """How the index writes the run of ``words`` (consecutive, as in "harbin engineering
        university") in the values of labelled lines ("Entity: Harbin Engineering University",
        "Alternate names: ..."), where a screening list names its parties: the share of those
        occurrences, in up to ``sample`` chunks, written with every word capitalised. Headings and
        titles are not counted (a title capitalises every word: "Small Entity Compliance Guide"
        is no name), nor all-capital text. None when the run does not occur so. Cached until the
        catalog changes."""
        words = [w for w in words if w]
        if len(words) < 2:
            return None
        cache = self._read_cache()
        key = ("capitalised_phrase", " ".join(w.lower() for w in words))
        if key in cache:
            return cache[key]
        phrase = " ".join(t for w in words for t in query_terms(w))
        found = self._matching_rows(f'"{phrase}"', sample)
        pattern = re.compile(r"(?<![\w-])" + r"[\s-]+".join(re.escape(w) for w in words) + r"(?![\w-])", re.I)
        caps = total = 0
        for (text,) in found:
            for m in pattern.finditer(text):
                run = re.findall(r"[^\W\d_]+", m.group(0))
                line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
                if all(w.isupper() and len(w) > 1 for w in run) or not _FIELD_VALUE.match(line):
                    continue
                total += 1
                caps += all(w[:1].isupper() for w in run)
        share = caps / total if total else None
        cache[key] = share
        return share

    def acronym_expansion(self, acronym: str, sample: int = 50) -> str | None:
        """The capitalised words the index writes for an acronym ("EL": "Entity List", "PSB": "Public
        Security Bureau"): the most frequent run of capitalised words with the acronym's letters as
        initials (small words like "of" and "and" allowed between them; not followed by another
        capitalised word: the whole name) in up to ``sample`` chunks
        where words with those initials stand near each other; None for fewer than two letters or
        when no such run occurs twice. Cached until the catalog changes."""
        letters = [ch for ch in acronym if ch.isalpha()]
        if not 2 <= len(letters) <= 6:
            return None
        cache = self._read_cache()
        key = ("acronym", "".join(letters).upper())
        if key in cache:
            return cache[key]
        match = "NEAR(" + " ".join(f'"{ch.lower()}"*' for ch in letters) + f", {len(letters)})"
        found = self._matching_rows(match, sample)
        # Whole words, a whole name: "End-User Review" is no "EU" (a hyphenated word is one word, and
        # the run goes on with another capitalised word).
        pattern = re.compile(r"(?<![\w-])" + r"[\w’']*[ \t]+(?:(?:of|and|the|for|on|in|to|&)[ \t]+)?".join(
            ch.upper() for ch in letters) + r"[\w’']*(?![\w’'-]|[ \t]+[A-Z])")
        best, times = _commonest_form(" ".join(m.group(0).split()) for (text,) in found for m in pattern.finditer(text))
        expansion = best if times >= 2 else None
        cache[key] = expansion
        return expansion

    def writes_code(self, code: str, sample: int = 200) -> bool:
        """Does an indexed chunk write ``code`` ("2019-06", "52.204-25") as a whole token — not as the
        start of a longer one ("2019-06-05", "52.204-251")? The keyword index's phrase match finds
        the chunks whose tokens stand together; up to ``sample`` of them are read. Cached until the
        catalog changes."""
        match = fts_query(code)
        if not match or " OR " in match:
            return self.document_frequency(code) > 0
        cache = self._read_cache()
        key = ("code", code)
        if key in cache:
            return cache[key]
        found = self._matching_rows(match, sample, columns="c.text, c.title")
        pattern = code_pattern(code)
        # (The keyword index holds each chunk's document title too: "By-law 12.4-7" may be there only.)
        written = any(pattern.search(text) or pattern.search(title) for text, title in found) or len(found) >= sample
        cache[key] = written
        return written

    def writes_date(self, year: int, month: int, day: int, sample: int = 200) -> bool:
        """Does the index hold the day ``year``-``month``-``day``: a document dated so (its header
        date), or a chunk writing it as "October 7, 2022", "Oct. 7, 2022", "7 October 2022",
        "2022-10-07" or "10/07/2022"? The keyword index finds the chunks holding each form's tokens;
        up to ``sample`` of them are read. Cached until the catalog changes. ``ValueError`` for a
        day that does not exist."""
        import calendar
        import datetime

        datetime.date(year, month, day)  # raises ValueError for "February 30"
        cache = self._read_cache()
        key = ("date", year, month, day)
        if key in cache:
            return cache[key]
        ymd = year * 10000 + month * 100 + day
        written = bool(self.doc_ids_matching(date_from=ymd, date_to=ymd))
        if not written:
            name = calendar.month_name[month]
            abbr = name[:3]
            pattern = re.compile(
                rf"(?<![\w.])(?:(?:{name}|{abbr}[a-z]?\.?)\s+0?{day},?\s+{year}|0?{day}\s+(?:{name}|{abbr}[a-z]?\.?),?\s+{year}"
                rf"|{year}-{month:02d}-{day:02d}|0?{month}/0?{day}/{year})(?![\w])", re.IGNORECASE)
            for form in (f"{name} {day} {year}", f"{abbr} {day} {year}", f"{year}-{month:02d}-{day:02d}",
                         f"{month:02d}/{day:02d}/{year}", f"{month}/{day}/{year}",
                         f"{day} {year}"):  # (last: any abbreviation, "Sept. 4, 2023")
                found = self._matching_rows(" AND ".join(fts_terms(form)), sample, columns="c.text, c.title")
                if len(found) >= sample or any(pattern.search(text) or pattern.search(title) for text, title in found):
                    written = True
                    break
        cache[key] = written
        return written

    def abbreviation_expansion(self, abbreviation: str, following: str, sample: int = 50) -> str | None:
        """The word the index writes for an abbreviation before the same token ("Sec." before "889":
        "Section", as in "Section 889(a)(1)(A)"; "Art." before "5": "Article"): the most frequent
        longer word starting with the abbreviation's letters that stands right before ``following``
        in up to ``sample`` chunks, as written there; None when the index writes the abbreviation
        itself before that token, or no such word. Cached until the catalog changes."""
        letters = abbreviation.rstrip(".")
        token = re.sub(r"\W.*", "", following)
        if not (letters.isalpha() and 2 <= len(letters) <= 6 and token):
            return None
        cache = self._read_cache()
        key = ("abbreviation", letters.lower(), token.lower())
        if key in cache:
            return cache[key]
        quoted = token.replace('"', '""')
        written = self._count_matches(f'"{letters.lower()}" + "{quoted}"')
        found = [] if written else self._matching_rows(f'"{letters.lower()}"* + "{quoted}"', sample)
        # The token must follow as a whole token ("Section 889(a)" holds "889"; "8891" does not).
        pattern = re.compile(r"(?<![\w-])(" + re.escape(letters) + r"[a-z]+)[ \t]+" + re.escape(token) + r"(?![\w])",
                             re.IGNORECASE)
        expansion, _ = _commonest_form(m.group(1) for (text,) in found for m in pattern.finditer(text))
        cache[key] = expansion
        return expansion

    def _matching_rows(self, match: str, limit: int, columns: str = "c.text") -> list[tuple]:
        """``columns`` of up to ``limit`` chunks matching an FTS5 expression, in the keyword index's
        order; [] when the expression is not one SQLite accepts."""
        with self._lock:
            try:
                return self._db.execute(f"SELECT {columns} FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid "
                                        "WHERE chunks_fts MATCH ? LIMIT ?", (match, limit)).fetchall()
            except sqlite3.OperationalError:
                return []

    def _count_matches(self, match: str) -> int:
        """Chunks matching an FTS5 expression (kept until the catalog changes: counting a
        common term's rows reads its whole posting list, ~1-3 ms at 10^5 chunks, and a
        question looks up every word's count)."""
        cache = self._read_cache()
        key = ("matches", match)
        n = cache.get(key)
        if n is None:
            with self._lock:
                try:
                    n = self._db.execute("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?",
                                         (match,)).fetchone()[0]
                except sqlite3.OperationalError:
                    n = 0
            cache[key] = n
        return n

    READ_CACHE_ENTRIES = 50_000

    def _read_cache(self) -> dict:
        """A dict for counts that only change when the catalog does (the chunk count, term
        document frequencies), emptied when the generation counter moves - a write by this
        or another process - which costs one primary-key read to check."""
        gen = self.generation()
        with self._lock:
            if gen != self._reads_generation or len(self._reads) > self.READ_CACHE_ENTRIES:
                self._reads = {}
                self._reads_generation = gen
            return self._reads

    def is_empty(self) -> bool:
        """True when the index holds no document (cheaper than :meth:`stats`, which also
        lists publishers and types: ~17 ms over the 14k records of a screening list)."""
        with self._lock:
            return self._db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None

    def chunk_count(self) -> int:
        """Chunks in the catalog (counting reads the whole table, ~3 ms at 10^5 chunks, so the
        count is kept until the catalog changes; see :meth:`_read_cache`)."""
        cache = self._read_cache()
        n = cache.get("chunks")
        if n is None:
            with self._lock:
                n = self._db.execute("SELECT count(*) FROM chunks").fetchone()[0]
            cache["chunks"] = n
        return n

    def _exact_index(self):
        """``(chunk ids, doc ids, float32 matrix)`` of every chunk for :meth:`dense_search`, read
        from the embedding cache once per catalog generation; None when the index is larger
        than ``exact_search_max``, on a Chroma server, or when a chunk's vector is not cached
        under this encoder (keyword-only records, an index built with another model): Chroma
        then answers."""
        if self.options.chroma_url or self.chunk_count() > self.options.exact_search_max:
            return None
        cache = self._read_cache()
        if "exact" not in cache:
            import numpy as np

            with self._lock:
                rows = self._db.execute("SELECT chunk_id, doc_id, title, text FROM chunks ORDER BY doc_id, ord").fetchall()
            hashes = [content_hash(embedding_input(title, text)) for _, _, title, text in rows]
            blobs = self._cached_blobs(hashes)
            got = None
            if rows and all(h in blobs for h in hashes):
                mat = np.frombuffer(b"".join(blobs[h] for h in hashes), dtype=np.float32).reshape(len(rows), -1)
                got = ([r[0] for r in rows], [r[1] for r in rows], mat)
            cache["exact"] = got
        return cache["exact"]

    def dense_search(self, vector: list[float], n: int, doc_ids: set[str] | None = None) -> list[tuple[str, float]]:
        """Nearest chunks by cosine similarity: ``[(chunk_id, similarity)]``, best first.

        Up to ``IndexOptions.exact_search_max`` chunks the search is exact, over the cached
        chunk vectors (see :meth:`_exact_index`); above, Chroma's HNSW index answers."""
        if doc_ids is not None and not doc_ids:
            return []
        total = self.chunk_count()
        if total == 0:
            return []
        exact = self._exact_index() if self.options.exact_search_max > 0 else None
        if exact is not None:
            import numpy as np

            ids, docs, mat = exact
            sims = mat @ np.asarray(vector, dtype=np.float32)
            if doc_ids is not None:
                keep = np.fromiter((d in doc_ids for d in docs), dtype=bool, count=len(docs))
                sims = np.where(keep, sims, -np.inf)
                k = min(n, int(keep.sum()))
            else:
                k = min(n, len(ids))
            if k <= 0:
                return []
            top = np.argpartition(-sims, k - 1)[:k]
            top = top[np.lexsort((top, -sims[top]))]  # ties: the earlier passage first
            return [(ids[i], float(sims[i])) for i in top]
        kwargs = {}
        if doc_ids is not None:
            kwargs["where"] = {"doc_id": {"$in": sorted(doc_ids)}}
        with self._chroma_lock:  # not while another thread re-opens the client
            res = self._fresh_collection().query(query_embeddings=[vector], n_results=min(n, total),
                                                 include=["distances"], **kwargs)
        ids, dists = res["ids"][0], res["distances"][0]
        known = self.get_chunks(ids)  # drop orphans the catalog does not know
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists) if i in known]

    # -------------------------------------------------------------- writes
    def _cached_blobs(self, hashes: list[str]) -> dict[str, bytes]:
        """Cached vectors as stored (float32 bytes), by text hash."""
        out: dict[str, bytes] = {}
        model = self.embedder.model_id
        with self._lock:
            for i in range(0, len(hashes), 500):
                part = hashes[i:i + 500]
                q = f"SELECT text_hash, vector FROM embedding_cache WHERE model=? AND text_hash IN ({','.join('?' * len(part))})"
                out.update(self._db.execute(q, [model, *part]))
        return out

    def _cached_vectors(self, hashes: list[str]) -> dict[str, list[float]]:
        return {h: array("f", blob).tolist() for h, blob in self._cached_blobs(hashes).items()}

    def text_vectors(self, texts: list[str], *, compute: bool = True) -> list[list[float] | None]:
        """Vectors of arbitrary texts (sentences), one per text (``None`` when not cached
        and not ``compute``).

        Looked up in the embedding cache; missing ones are embedded when ``compute``
        and written back to the cache, so a passage's sentences are embedded once per
        index, not once per question. The write-back is best-effort: when a writer
        holds the catalog it is skipped (the vectors are still returned)."""
        hashes = [content_hash(t) for t in texts]
        cached = self._cached_vectors(hashes)
        missing = [t for h, t in zip(hashes, texts) if h not in cached]
        if missing and compute:
            uniq = list(dict.fromkeys(missing))
            fresh = dict(zip((content_hash(t) for t in uniq), self.embedder.embed(uniq)))
            cached.update(fresh)
            self._cache_vectors(fresh)
        return [cached.get(h) for h in hashes]

    def get_annotation(self, doc_id: str, kind: str) -> str | None:
        """A stored annotation of a document (see :meth:`put_annotation`), or None."""
        with self._lock:
            row = self._db.execute("SELECT value FROM doc_annotations WHERE doc_id=? AND kind=?",
                                   (doc_id, kind)).fetchone()
        return row[0] if row else None

    def put_annotation(self, doc_id: str, kind: str, value: str) -> None:
        """Keep a reader's result about a whole document (``kind`` names what computed
        it, including its version), so the next process reads it instead of recomputing.
        Best-effort like the question-time vector cache: skipped while a writer holds
        the catalog. Removed with the document."""
        if not self._write_if_free("INSERT OR REPLACE INTO doc_annotations VALUES (?,?,?)", [(doc_id, kind, value)]):
            log.debug("annotation of %s not stored (catalog busy or read-only)", doc_id)

    def _cache_vectors(self, fresh: dict[str, list[float]]) -> None:
        """Best-effort write of question-time vectors into the embedding cache."""
        rows = [(h, self.embedder.model_id, array("f", v).tobytes()) for h, v in fresh.items()]
        if not self._write_if_free("INSERT OR IGNORE INTO embedding_cache VALUES (?,?,?)", rows):
            log.debug("question-time vectors not cached (catalog busy or read-only)")  # they were still returned

    def _write_if_free(self, sql: str, rows: list[tuple]) -> bool:
        """A reader's best-effort write (caches of what it computed): one transaction,
        given up after 200 ms when an ingest holds the catalog — a reader never waits on
        a writer. False when it was not written (locked, read-only)."""
        try:
            with self._lock:
                self._db.execute("PRAGMA busy_timeout=200")
                try:
                    with self._db:
                        self._db.executemany(sql, rows)
                finally:
                    self._db.execute("PRAGMA busy_timeout=30000")
        except sqlite3.Error as exc:
            log.debug("best-effort write skipped: %s", exc)
            return False
        return True

    def missing_vectors(self, texts: list[str]) -> list[str]:
        """The texts (unique, in order) that the embedding cache does not hold."""
        uniq = {content_hash(t): t for t in texts}
        cached = self._cached_vectors(list(uniq))
        return [t for h, t in uniq.items() if h not in cached]

    def add_document(self, doc: Document, chunks: list[Chunk], file_hash: str,
                     sentences: list[str] | None = None,
                     precomputed: dict[str, list[float]] | None = None) -> int:
        """Index one document atomically; returns how many texts were embedded for it
        (texts already in the embedding cache are not embedded again).

        ``sentences``: texts to embed into the cache as well (off by default: the
        answerer embeds the sentences it scores at question time). ``precomputed``:
        vectors by :func:`content_hash` of the text, embedded by the caller in a batch
        spanning several documents (see :func:`ingest.pipeline.ingest_paths`)."""
        out = self.add_documents([(doc, chunks, file_hash, sentences)], precomputed)[0]
        if isinstance(out, Exception):
            raise out
        return out

    def add_documents(self, items: list[tuple[Document, list[Chunk], str, list[str] | None]],
                      precomputed: dict[str, list[float]] | None = None) -> list[int | Exception]:
        """Index several documents: ``items`` are ``(doc, chunks, file_hash, sentences)``.

        Their vectors go to Chroma in one upsert (Chroma's per-call cost is ~0.1-0.7 s,
        more than embedding a short file), then each document is committed to the
        catalog in its own transaction. Returns, per item, the texts embedded for it or
        the exception that stopped it (its vectors are then removed again); an
        interruption leaves at most vectors the catalog does not know, which readers
        ignore and the next ingest deletes (the ``pending_write`` marker is cleared only
        after the last commit)."""
        pre = precomputed or {}
        plans = []
        for doc, chunks, file_hash, sentences in items:
            if not chunks:
                raise ValueError(f"document {doc.source} has no chunks")
            inputs = [embedding_input(doc.title, c.text) for c in chunks]
            hashes = [content_hash(t) for t in inputs]
            extra = list(dict.fromkeys(sentences or []))
            cached = self._cached_vectors(hashes + [content_hash(t) for t in extra])
            missing = {h: t for h, t in zip(hashes, inputs) if h not in cached}
            missing.update({h: t for t in extra if (h := content_hash(t)) not in cached and h not in missing})
            todo = {h: t for h, t in missing.items() if h not in pre}
            fresh = {h: pre[h] for h in missing if h in pre}
            fresh.update(zip(todo, self.embedder.embed(list(todo.values()))))
            vectors = [cached.get(h) or fresh[h] for h in hashes]
            plans.append((doc, chunks, file_hash, vectors, fresh, len(missing)))
        ids = [c.chunk_id for doc, chunks, *_ in plans for c in chunks]
        vectors = [v for *_, vecs, _, _ in plans for v in vecs]
        metas = [{
            "doc_id": doc.doc_id, "source": doc.source, "title": doc.title[:500], "publisher": doc.publisher[:500],
            "date": doc.date, "date_int": doc.date_int, "doc_type": doc.doc_type, "start": c.start, "end": c.end,
            "ordinal": c.ordinal,
        } for doc, chunks, *_ in plans for c in chunks]
        texts = [c.text for _, chunks, *_ in plans for c in chunks]
        self._fresh_collection()  # another process may have written since we last looked
        self._set_meta("pending_write", plans[0][0].doc_id)  # cleared after the commits; see needs_reconcile()
        step = self._max_batch()
        for i in range(0, len(ids), step):
            self.collection.upsert(ids=ids[i:i + step], embeddings=vectors[i:i + step],
                                   metadatas=metas[i:i + step], documents=texts[i:i + step])
        results: list[int | Exception] = []
        for doc, chunks, file_hash, _, fresh, n_missing in plans:
            try:
                self._commit_catalog(doc, chunks, file_hash, fresh, clear_pending=False)
                results.append(n_missing)
            except Exception as exc:  # noqa: BLE001 - the others still commit; the caller reports it
                # Keep Chroma in step with the catalog: the catalog did not take it.
                with contextlib.suppress(Exception):
                    self.collection.delete(ids=[c.chunk_id for c in chunks])
                results.append(exc)
        with self._lock, self._db:
            self._db.execute("DELETE FROM meta WHERE key='pending_write'")
        self.flush_vector_deletes()
        return results

    def _commit_catalog(self, doc: Document, chunks: list[Chunk], file_hash: str,
                        fresh: dict[str, list[float]] | None = None, *, clear_pending: bool = True) -> None:
        """One transaction: the document row, its chunks (the keyword index follows by
        trigger, fed normalised text), letters per script, newly embedded vectors
        into the cache, the source link, and a generation bump for readers."""
        now = time.time()
        ids = {c.chunk_id for c in chunks}
        ftitle = index_text(doc.title)
        scripts = script_counts(doc.body)
        pages = json.dumps([int(p) for p in getattr(doc, "pages", None) or []])
        page_numbers = json.dumps([int(p) for p in getattr(doc, "page_numbers", None) or []])
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO documents (doc_id, title, publisher, date, date_int, url, doc_type, body, "
                "ingested_at, pages, page_numbers) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (doc.doc_id, doc.title, doc.publisher, doc.date, doc.date_int, doc.url, doc.doc_type, doc.body, now,
                 pages, page_numbers))
            self._db.execute("DELETE FROM doc_scripts WHERE doc_id=?", (doc.doc_id,))
            self._db.executemany("INSERT INTO doc_scripts VALUES (?,?,?)",
                                 [(doc.doc_id, s, n) for s, n in scripts.items()])
            # Re-chunked content (other chunk settings): its old vectors go too.
            old_ids = {r[0] for r in self._db.execute("SELECT chunk_id FROM chunks WHERE doc_id=?", (doc.doc_id,))}
            self._pending_vector_deletes.extend(sorted(old_ids - ids))
            self._db.execute("DELETE FROM chunks WHERE doc_id=?", (doc.doc_id,))
            self._db.executemany(
                'INSERT INTO chunks(chunk_id, doc_id, ord, start, "end", text, title, ftext, ftitle, fnum) '
                'VALUES (?,?,?,?,?,?,?,?,?,?)',
                [(c.chunk_id, c.doc_id, c.ordinal, c.start, c.end, c.text, doc.title, index_text(c.text), ftitle,
                  number_terms(c.text)) for c in chunks])
            self._db.executemany(
                "INSERT OR REPLACE INTO embedding_cache VALUES (?,?,?)",
                [(h, self.embedder.model_id, array("f", v).tobytes()) for h, v in (fresh or {}).items()])
            self._link(doc.source, doc.doc_id, file_hash, now)
            self._bump_generation()
            if clear_pending:  # a batch clears it after its last commit (see add_documents)
                self._db.execute("DELETE FROM meta WHERE key='pending_write'")

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
            self._bump_generation()
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
        self._db.execute("DELETE FROM doc_scripts WHERE doc_id=?", (doc_id,))
        self._db.execute("DELETE FROM doc_annotations WHERE doc_id=?", (doc_id,))
        self._db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
        self._pending_vector_deletes.extend(ids)

    def _forget_source(self, name: str) -> None:
        """Inside a write transaction: delete one source row, and its document when no other
        source holds it (see :meth:`_drop_if_orphan`)."""
        row = self._db.execute("SELECT doc_id FROM sources WHERE source=?", (name,)).fetchone()
        self._db.execute("DELETE FROM sources WHERE source=?", (name,))
        if row:
            self._drop_if_orphan(row[0])

    def remove_source(self, source: str) -> list[str]:
        """Forget a source (exact path, or a unique path suffix). Returns the sources removed."""
        with self._lock:
            names = [name for name, _ in self._match_sources(source)]
            if len(names) > 1:
                raise IndexError_(f"{source!r} matches {len(names)} sources; give the full path: " + ", ".join(names))
            if not names:
                return []
            with self._db:
                self._forget_source(names[0])
                self._bump_generation()
            self.flush_vector_deletes()
        return names

    def remove_file(self, file: str, *, in_transaction=None) -> list[str]:
        """Forget every source of one file (:meth:`sources_of_file`: the file itself and
        each ``file#...`` document or record it held) in ONE transaction, documents no
        other source holds included (catalog, keyword index, then their vectors).
        ``in_transaction(db)`` runs inside it (the screening name tables are updated
        there). Returns the sources removed."""
        with self._lock:
            names = self.sources_of_file(file)
            if not names and in_transaction is None:
                return []
            with self._db:
                for name in names:
                    self._forget_source(name)
                if in_transaction:
                    in_transaction(self._db)
                self._bump_generation()
            self.flush_vector_deletes()
        return names

    def flush_vector_deletes(self) -> None:
        ids, self._pending_vector_deletes = self._pending_vector_deletes, []
        step = self._max_batch() if ids else 1
        for i in range(0, len(ids), step):
            self.collection.delete(ids=ids[i:i + step])

    def reconcile(self) -> int:
        """Delete vectors the catalog does not know (left by an interrupted write)."""
        col = self._fresh_collection()
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
        """Close the catalog and release the Chroma client (so another store of the
        same folder in this process can re-open fresh vectors)."""
        with self._lock:
            self._db.close()
        with self._chroma_lock:
            if self._client is not None and not self.options.chroma_url:
                with contextlib.suppress(Exception):
                    self._client.close()
            self._client = None
            self._collection = None

    # ------------------------------------------- batch of short records (issue 11)
    def add_record_documents(self, docs: list[Document], *, file_hash: str = "", remove_sources: Iterable[str] = (),
                             index_text: bool = True, embed: bool = False, in_transaction=None, progress=None) -> int:
        """Index many short single-chunk documents (screening-list records) in ONE
        catalog transaction; returns how many texts were embedded.

        Each document becomes one chunk spanning its whole body (records are short,
        so a citation's offsets are offsets into that body). ``embed``: also give
        each record one vector (title + body, in ``get_max_batch_size()`` batches;
        no sentence vectors) — off by default because 14k records take minutes to
        embed on 2 cores while screening reads its own name index. ``index_text``
        False: documents only (citable, no chunk, so ordinary retrieval never sees
        them). ``remove_sources``
        are unlinked in the same transaction (delisted rows). ``in_transaction(db)``
        runs inside the transaction (the screening name tables are written there,
        so catalog and name index never disagree). ``progress(done, total)`` is
        called while embedding.
        """
        chunks = [Chunk(d.doc_id, 0, 0, len(d.body), d.body) for d in docs]
        embed = embed and index_text
        fresh: dict[str, list[float]] = {}
        ids = [c.chunk_id for c in chunks]
        if embed and docs:
            inputs = [embedding_input(d.title, d.body) for d in docs]
            hashes = [content_hash(t) for t in inputs]
            cached = self._cached_vectors(hashes)
            missing = {h: t for h, t in zip(hashes, inputs) if h not in cached}
            todo = list(missing.items())
            for i in range(0, len(todo), 256):
                part = todo[i:i + 256]
                fresh.update(zip((h for h, _ in part), self.embedder.embed_bulk([t for _, t in part])))
                if progress:
                    progress(min(i + 256, len(todo)), len(todo))
            vectors = [cached.get(h) or fresh[h] for h in hashes]
            self._set_meta("pending_write", "records")
            step = self._max_batch()
            for i in range(0, len(ids), step):
                self.collection.upsert(
                    ids=ids[i:i + step], embeddings=vectors[i:i + step], documents=[c.text for c in chunks[i:i + step]],
                    metadatas=[{"doc_id": d.doc_id, "source": d.source, "title": d.title[:500],
                                "publisher": d.publisher[:500], "date": d.date, "date_int": d.date_int,
                                "doc_type": d.doc_type, "start": 0, "end": len(d.body), "ordinal": 0}
                               for d in docs[i:i + step]])
        now = time.time()
        # Letters per script, as every document has: an index holding only a screening list
        # must not tell a Latin-script question that it "holds no text in that script".
        scripts = [script_counts(d.body) for d in docs]
        with self._lock, self._db:
            for d, c, sc in zip(docs, chunks, scripts):
                self._db.execute(
                    "INSERT OR REPLACE INTO documents(doc_id, title, publisher, date, date_int, url, doc_type, body, "
                    "ingested_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    (d.doc_id, d.title, d.publisher, d.date, d.date_int, d.url, d.doc_type, d.body, now))
                self._db.execute("DELETE FROM doc_scripts WHERE doc_id=?", (d.doc_id,))
                self._db.executemany("INSERT INTO doc_scripts VALUES (?,?,?)", [(d.doc_id, k, n) for k, n in sc.items()])
                old = [r[0] for r in self._db.execute("SELECT chunk_id FROM chunks WHERE doc_id=?", (d.doc_id,))]
                self._pending_vector_deletes.extend(i for i in old if i != c.chunk_id or not embed)
                self._db.execute("DELETE FROM chunks WHERE doc_id=?", (d.doc_id,))
                if index_text:
                    self._db.execute(
                        'INSERT INTO chunks(chunk_id, doc_id, ord, start, "end", text, title, ftext, ftitle, fnum) '
                        'VALUES (?,?,?,?,?,?,?,?,?,?)',
                        (c.chunk_id, d.doc_id, 0, 0, len(d.body), d.body, d.title, _normalised(d.body),
                         _normalised(d.title), number_terms(d.body)))
                self._link(d.source, d.doc_id, file_hash, now)
            for source in remove_sources:
                self._forget_source(source)
            self._db.executemany("INSERT OR REPLACE INTO embedding_cache VALUES (?,?,?)",
                                 [(h, self.embedder.model_id, array("f", v).tobytes()) for h, v in fresh.items()])
            if in_transaction:
                in_transaction(self._db)
            self._bump_generation()  # long-running readers see the new records
            self._db.execute("DELETE FROM meta WHERE key='pending_write'")
        self.flush_vector_deletes()
        return len(fresh)
