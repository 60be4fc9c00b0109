"""Ingest files into an index, one document at a time, never letting one bad file
stop the batch or leave the index half-written."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tqdm import tqdm

from .chunking import ChunkingOptions, chunk_document, split_sentences
from .loaders import LoadError, iter_input_files, load_file
from .records import FileResult, IngestReport, Status, content_hash
from .store import IndexStore, embedding_input

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, FileResult], None]


def _file_hash(raw: bytes, options: ChunkingOptions) -> str:
    # Chunking settings are part of the hash: changing them re-chunks on the next run.
    h = hashlib.sha256(raw)
    h.update(f"|{options.max_chars}|{options.overlap_chars}".encode())
    return h.hexdigest()[:32]


# Bump when what ingest writes changes (caches keyed on it are rebuilt).
PIPELINE_VERSION = 4
SENTENCE_VECTOR_CHARS = 600  # the answerer embeds at most this much of a sentence
# Texts embedded per model call across files: large enough that short files share calls,
# small enough that the progress bar moves and memory stays flat (384 floats a text).
BATCH_TEXTS = 512


def sentence_texts(doc, chunks) -> list[str]:
    """The sentence texts the answerer will score, exactly as it will cut them."""
    out = []
    for c in chunks:
        out += [doc.body[s:e][:SENTENCE_VECTOR_CHARS] for s, e in split_sentences(c.text, base=c.start) if e - s >= 12]
    return out


@dataclass
class _Pending:
    """A loaded, chunked file waiting for its batch to be embedded and written."""

    path: Path
    source: str
    fhash: str
    doc: object  # ingest.records.Document
    chunks: list
    sentences: list[str] | None


def _prepare(path: Path, store: IndexStore, options: ChunkingOptions) -> FileResult | _Pending:
    """Load and chunk one file; a finished result when nothing needs embedding
    (unchanged, duplicate content) or it failed, else a pending document."""
    source = str(path.resolve()) if path.exists() else str(path)
    try:
        raw = path.read_bytes() if path.is_file() else b""
        fhash = _file_hash(raw, options)
        state = store.source_state(source)
        if state and state[0] == fhash and store.has_document(state[1]):
            return FileResult(source, Status.UNCHANGED, "unchanged since last ingest", doc_id=state[1])
        doc = load_file(path)
        chunks = chunk_document(doc, options)
        if store.has_document(doc.doc_id) and store.chunk_spans(doc.doc_id) == [(c.start, c.end) for c in chunks]:
            # Same content already indexed under another path: store it once.
            store.link_source(source, doc.doc_id, fhash)
            other = store.get_document(doc.doc_id)
            return FileResult(source, Status.UNCHANGED,
                              f"same content as {other.source if other else 'an indexed document'}",
                              doc_id=doc.doc_id, chunks=len(chunks))
        sentences = sentence_texts(doc, chunks) if options.embed_sentences else None
        return _Pending(path, source, fhash, doc, chunks, sentences)
    except LoadError as exc:
        return FileResult(source, Status.FAILED, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not abort the batch
        log.exception("failed to ingest %s", source)
        return FileResult(source, Status.FAILED, f"{type(exc).__name__}: {exc}")


def _write(p: _Pending, store: IndexStore, precomputed: dict[str, list[float]]) -> FileResult:
    try:
        embedded = store.add_document(p.doc, p.chunks, p.fhash, sentences=p.sentences, precomputed=precomputed)
        return FileResult(p.source, Status.INGESTED, doc_id=p.doc.doc_id, chunks=len(p.chunks), embedded=embedded)
    except Exception as exc:  # noqa: BLE001 - one bad file must not abort the batch
        log.exception("failed to ingest %s", p.source)
        return FileResult(p.source, Status.FAILED, f"{type(exc).__name__}: {exc}")


def _write_all(pending: list[_Pending], store: IndexStore, precomputed: dict[str, list[float]]) -> dict[int, FileResult]:
    """Write a batch of documents (one Chroma upsert); results by ``id(pending item)``."""
    if not pending:
        return {}
    try:
        outcomes = store.add_documents([(p.doc, p.chunks, p.fhash, p.sentences) for p in pending], precomputed)
    except Exception:  # noqa: BLE001 - e.g. the vector store refused the batch: file by file, each with its reason
        log.exception("batch write failed; writing file by file")
        return {id(p): _write(p, store, precomputed) for p in pending}
    out = {}
    for p, got in zip(pending, outcomes):
        if isinstance(got, Exception):
            log.error("failed to ingest %s: %s", p.source, got)
            out[id(p)] = FileResult(p.source, Status.FAILED, f"{type(got).__name__}: {got}")
        else:
            out[id(p)] = FileResult(p.source, Status.INGESTED, doc_id=p.doc.doc_id, chunks=len(p.chunks), embedded=got)
    return out


def _texts(p: _Pending) -> list[str]:
    return [embedding_input(p.doc.title, c.text) for c in p.chunks] + list(p.sentences or [])


def ingest_file(path: Path, store: IndexStore, options: ChunkingOptions) -> FileResult:
    """Ingest one file; every failure comes back as a FAILED result with a reason."""
    got = _prepare(path, store, options)
    return got if isinstance(got, FileResult) else _write(got, store, {})


def ingest_paths(paths: list[str | Path], store: IndexStore, *, options: ChunkingOptions = ChunkingOptions(),
                 progress: bool = True, on_file: ProgressCallback | None = None,
                 batch_texts: int = BATCH_TEXTS) -> IngestReport:
    """Ingest files and folders (recursively) into ``store``.

    Files are loaded and chunked one by one; the texts of consecutive files are
    embedded together in batches of about ``batch_texts`` (so many short files
    cost a few large model calls, not many small ones), then each document is
    written atomically on its own. Shows a progress bar (``progress``), calls
    ``on_file(done, total, result)`` after each file (in input order), and
    returns a report of ingested / unchanged / failed files.
    """
    files = iter_input_files(paths)
    report = IngestReport()
    with store.writing():
        if store.needs_reconcile():
            store.reconcile()
        bar = tqdm(total=len(files), desc="ingest", unit="file", disable=not progress, leave=False)
        queue: list[FileResult | _Pending] = []
        pending_ids: set[str] = set()
        queued_texts = 0

        def flush() -> None:
            nonlocal queued_texts
            todo = store.missing_vectors([t for p in queue if isinstance(p, _Pending) for t in _texts(p)])
            precomputed: dict[str, list[float]] = {}
            if todo:
                try:
                    precomputed = dict(zip((content_hash(t) for t in todo), store.embedder.embed(todo)))
                except Exception:  # noqa: BLE001 - each document retries alone and reports its own error
                    log.exception("batch embedding failed; embedding file by file")
            written = _write_all([p for p in queue if isinstance(p, _Pending)], store, precomputed)
            for item in queue:
                result = item if isinstance(item, FileResult) else written[id(item)]
                report.results.append(result)
                if result.status is Status.FAILED:
                    log.warning("skipped %s: %s", result.path, result.reason)
                else:
                    log.info("%s %s (%d chunks, %d embedded)", result.status.value, result.path, result.chunks,
                             result.embedded)
                bar.update(1)
                bar.set_postfix_str(report.summary(), refresh=False)
                if on_file:
                    on_file(len(report.results), len(files), result)
            queue.clear()
            pending_ids.clear()
            queued_texts = 0

        for f in files:
            got = _prepare(f, store, options)
            if isinstance(got, _Pending) and got.doc.doc_id in pending_ids:
                flush()  # the same content twice in one batch: write the first, then link the second
                got = _prepare(f, store, options)
            queue.append(got)
            if isinstance(got, _Pending):
                pending_ids.add(got.doc.doc_id)
                queued_texts += len(got.chunks) + len(got.sentences or [])
            if queued_texts >= batch_texts:
                flush()
        flush()
        bar.close()
    return report


def remove_sources(sources: list[str], store: IndexStore) -> list[str]:
    """Remove documents by source path (or a unique path suffix); returns what was removed."""
    removed: list[str] = []
    with store.writing():
        for s in sources:
            candidate = str(Path(s).resolve()) if Path(s).exists() else s
            removed += store.remove_source(candidate) or store.remove_source(s)
    return removed
