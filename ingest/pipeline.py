"""Ingest files into an index, one document at a time, never letting one bad file
stop the batch or leave the index half-written."""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Callable

from tqdm import tqdm

from .chunking import ChunkingOptions, chunk_document, split_sentences
from .loaders import SUPPORTED_SUFFIXES, LoadError, is_supported, iter_input_files, load_documents
from .records import Document, FileResult, IngestReport, Status
from .store import IndexStore

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, FileResult], None]


# Bump when what ingest writes changes (caches keyed on it are rebuilt).
PIPELINE_VERSION = 5
# Bump when a loader extracts different text from the same bytes (PDF layout, HTML
# tables, encodings, ...): it is part of the file hash, so the next ingest re-reads
# files that are otherwise unchanged instead of keeping the old text.
LOADER_VERSION = 2


def _file_hash(raw: bytes, options: ChunkingOptions) -> str:
    # Chunking settings are part of the hash: changing them re-chunks on the next run.
    h = hashlib.sha256(raw)
    h.update(f"|{options.max_chars}|{options.overlap_chars}|loader{LOADER_VERSION}".encode())
    return h.hexdigest()[:32]
SENTENCE_VECTOR_CHARS = 600  # the answerer embeds at most this much of a sentence


def sentence_texts(doc, chunks) -> list[str]:
    """The sentence texts the answerer will score, exactly as it will cut them."""
    out = []
    for c in chunks:
        out += [doc.body[s:e][:SENTENCE_VECTOR_CHARS] for s, e in split_sentences(c.text, base=c.start) if e - s >= 12]
    return out


def ingest_file(path: Path, store: IndexStore, options: ChunkingOptions) -> FileResult:
    """Ingest one file; every failure comes back as a FAILED result with a reason.

    A file holding several documents (a Federal Register issue in XML) gives the
    result of its first document here; :func:`ingest_file_documents` gives all.
    """
    return ingest_file_documents(path, store, options)[0]


def _ingest_document(doc: Document, fhash: str, store: IndexStore, options: ChunkingOptions) -> FileResult:
    source = doc.source
    state = store.source_state(source)
    if state and state[0] == fhash and store.has_document(state[1]):
        return FileResult(source, Status.UNCHANGED, "unchanged since last ingest", doc_id=state[1])
    chunks = chunk_document(doc, options)
    if store.has_document(doc.doc_id) and store.chunk_spans(doc.doc_id) == [(c.start, c.end) for c in chunks]:
        # Same content already indexed under another path: store it once.
        store.link_source(source, doc.doc_id, fhash)
        other = store.get_document(doc.doc_id)
        return FileResult(source, Status.UNCHANGED,
                          f"same content as {other.source if other else 'an indexed document'}",
                          doc_id=doc.doc_id, chunks=len(chunks))
    sentences = sentence_texts(doc, chunks) if options.embed_sentences else None
    embedded = store.add_document(doc, chunks, fhash, sentences=sentences)
    return FileResult(source, Status.INGESTED, doc_id=doc.doc_id, chunks=len(chunks), embedded=embedded)


def ingest_file_documents(path: Path, store: IndexStore, options: ChunkingOptions) -> list[FileResult]:
    """Ingest one file's documents; returns one result per document (at least one).

    Failures come back as a FAILED result with the reason (never an exception).
    """
    source = str(path.resolve()) if path.exists() else str(path)
    try:
        raw = path.read_bytes() if path.is_file() else b""
        fhash = _file_hash(raw, options)
        state = store.source_state(source)
        if state and state[0] == fhash and store.has_document(state[1]):
            return [FileResult(source, Status.UNCHANGED, "unchanged since last ingest", doc_id=state[1])]
        docs = load_documents(path)
    except LoadError as exc:
        return [FileResult(source, Status.FAILED, _drop_stale(source, str(exc), store))]
    except Exception as exc:  # noqa: BLE001 - one bad file must not abort the batch
        log.exception("failed to ingest %s", source)
        return [FileResult(source, Status.FAILED, f"{type(exc).__name__}: {exc}")]
    results = []
    for doc in docs:
        try:
            results.append(_ingest_document(doc, fhash, store, options))
        except Exception as exc:  # noqa: BLE001
            log.exception("failed to ingest %s", doc.source)
            results.append(FileResult(doc.source, Status.FAILED, f"{type(exc).__name__}: {exc}"))
    return results


def _file_of(source: str) -> str:
    """The file a source came from: ``issue.xml#2019-22210`` (one document of a
    multi-document file) -> ``issue.xml``."""
    return source.split("#", 1)[0]


def _drop_stale(source: str, reason: str, store: IndexStore) -> str:
    """A file that can no longer be read (emptied, unreadable, deleted) stops being
    served: its previously indexed version (every document it held) is removed, and
    the reason says so."""
    parent = str(Path(source).parent)
    olds = [s for s in store.sources_under(parent) if _file_of(s) == source]
    try:
        removed = [d for s in olds for d in store.remove_source(s)]
    except Exception as exc:  # noqa: BLE001 - report, never lose the original reason
        log.exception("could not remove the old version of %s", source)
        return f"{reason}; its previously indexed version is still being served ({exc}) - run tradeqa remove"
    if not removed:
        return reason
    log.info("removed the previously indexed version of %s (%s)", source, reason)
    return f"{reason}; its previous version was removed from the index"


def deleted_sources(paths: list[str | Path], files: list[Path], store: IndexStore) -> list[str]:
    """Sources indexed from the folders in ``paths`` whose files are gone from disk."""
    present = {str(f.resolve()) if f.exists() else str(f) for f in files}
    gone: list[str] = []
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            continue
        for source in store.sources_under(str(p.resolve())):
            file = _file_of(source)
            if file not in present and not Path(file).exists() and source not in gone:
                gone.append(source)
    return gone


def ingest_paths(paths: list[str | Path], store: IndexStore, *, options: ChunkingOptions = ChunkingOptions(),
                 progress: bool = True, on_file: ProgressCallback | None = None) -> IngestReport:
    """Ingest files and folders (recursively) into ``store``.

    Shows a progress bar (``progress``), calls ``on_file(done, total, result)``
    after each file (for each document of a multi-document file), and returns a
    report with every file: ingested / unchanged / failed (with the reason) /
    skipped (a file of an unsupported type found in a folder).
    """
    explicit = {str(Path(p).resolve()) for p in paths if not Path(p).is_dir()}
    files = iter_input_files(paths, include_unsupported=True)
    report = IngestReport()
    with store.writing():
        if store.needs_reconcile():
            store.reconcile()
        for source in deleted_sources(paths, files, store):
            store.remove_source(source)
            result = FileResult(source, Status.REMOVED, "file deleted; its previous version was removed from the index")
            report.results.append(result)
            log.info("removed %s: %s", source, result.reason)
        bar = tqdm(files, desc="ingest", unit="file", disable=not progress, leave=False)
        for i, f in enumerate(bar, 1):
            if not is_supported(f) and str(f.resolve()) not in explicit:
                results = [FileResult(str(f.resolve()), Status.SKIPPED,
                                      f"unsupported file type {f.suffix.lower() or '(no suffix)'}; supported: "
                                      + ", ".join(sorted(SUPPORTED_SUFFIXES)))]
            else:
                results = ingest_file_documents(f, store, options)
            for result in results:
                report.results.append(result)
                if result.status is Status.FAILED:
                    log.warning("failed %s: %s", result.path, result.reason)
                elif result.status is Status.SKIPPED:
                    log.info("skipped %s: %s", result.path, result.reason)
                else:
                    log.info("%s %s (%d chunks, %d embedded)", result.status.value, result.path, result.chunks,
                             result.embedded)
                bar.set_postfix_str(report.summary(), refresh=False)
                if on_file:
                    on_file(i, len(files), result)
    return report


def remove_sources(sources: list[str], store: IndexStore) -> list[str]:
    """Remove documents by source path (or a unique path suffix); returns what was removed."""
    removed: list[str] = []
    with store.writing():
        for s in sources:
            candidate = str(Path(s).resolve()) if Path(s).exists() else s
            removed += store.remove_source(candidate) or store.remove_source(s)
    return removed
