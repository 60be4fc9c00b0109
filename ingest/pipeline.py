"""Ingest files into an index, never letting one bad file stop the batch or leave
the index half-written.

Files are loaded and chunked one by one (a file may hold several documents: a
Federal Register issue in XML); the texts of consecutive documents are embedded
together in batches, then each document is committed to the catalog on its own.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tqdm import tqdm

from .chunking import ChunkingOptions, chunk_document, split_sentences
from .loaders import SUPPORTED_SUFFIXES, LoadError, is_supported, iter_input_files, load_documents
from .records import Chunk, Document, FileResult, IngestReport, Status, content_hash
from .screening_lists import (REQUIRED_COLUMNS, ScreeningListError, find_screening_lists, has_list_suffix,
                              ingest_screening_list, is_record_source, looks_like_screening_list,
                              remove_screening_file, screening_file)
from .store import IndexStore, embedding_input

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, FileResult], None]


# Bump when what ingest writes changes (caches keyed on it are rebuilt).
PIPELINE_VERSION = 6  # 6: screening records are sourced <list file>#<key> (they belong to their file)
# Bump when a loader extracts different text from the same bytes (PDF layout, HTML
# tables, encodings, ...): it is part of the file hash, so the next ingest re-reads
# files that are otherwise unchanged instead of keeping the old text.
LOADER_VERSION = 3  # 3: PDF running heads/feet removed, USLM XML read
SENTENCE_VECTOR_CHARS = 600  # the answerer embeds at most this much of a sentence
# Texts embedded per model call across files: large enough that short files share calls,
# small enough that the progress bar moves and memory stays flat (384 floats a text).
BATCH_TEXTS = 512


def _file_hash(raw: bytes, options: ChunkingOptions) -> str:
    # Chunking settings are part of the hash: changing them re-chunks on the next run.
    h = hashlib.sha256(raw)
    h.update(f"|{options.max_chars}|{options.overlap_chars}|loader{LOADER_VERSION}".encode())
    return h.hexdigest()[:32]


def sentence_texts(doc, chunks) -> list[str]:
    """The sentence texts the answerer will score, exactly as it will cut them."""
    out = []
    for c in chunks:
        out += [doc.body[s:e][:SENTENCE_VECTOR_CHARS] for s, e in split_sentences(c.text, base=c.start) if e - s >= 12]
    return out


@dataclass
class _Pending:
    """A loaded, chunked document waiting for its batch to be embedded and written."""

    source: str
    fhash: str
    doc: Document
    chunks: list[Chunk]
    sentences: list[str] | None


@dataclass
class _Vanished:
    """A document indexed from a multi-document file that the file no longer holds
    (a rule dropped from a Federal Register issue): removed once the file's current
    documents are written, so its old text stops being served."""

    source: str
    file: str


def _file_of(source: str) -> str:
    """The file a source came from: ``issue.xml#2019-22210`` (one document of a
    multi-document file) -> ``issue.xml``."""
    return source.split("#", 1)[0]


def _drop_stale(source: str, reason: str, store: IndexStore) -> str:
    """A file that can no longer be read (emptied, unreadable, deleted) stops being
    served: its previously indexed version (every document it held) is removed, and
    the reason says so."""
    try:
        removed = store.remove_file(source)  # every document it held, in one transaction
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
    exists: dict[str, bool] = {}  # a list file holds 14k sources: look at the disk once per file
    gone: list[str] = []
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            continue
        for source in store.sources_under(str(p.resolve())):
            file = _file_of(source)
            if file not in exists:
                exists[file] = file in present or Path(file).exists()
            if not exists[file] and source not in gone:
                gone.append(source)
    return gone


def _remove_deleted(sources: list[str], store: IndexStore) -> list[FileResult]:
    """Remove the sources of deleted files: a screening list's records go in one
    transaction with one result counting them; any other source on its own."""
    out: list[FileResult] = []
    lists_done: set[str] = set()
    for source in sources:
        file = _file_of(source)
        if file in lists_done:
            continue
        if is_record_source(source) and screening_file(store, file) == file:
            n = remove_screening_file(store, file)
            lists_done.add(file)
            out.append(FileResult(file, Status.REMOVED, f"file deleted; its {n} screening-list records were removed "
                                  "from the index"))
            continue
        store.remove_source(source)
        out.append(FileResult(source, Status.REMOVED, "file deleted; its previous version was removed from the index"))
    return out


def _prepare_document(doc: Document, fhash: str, store: IndexStore,
                      options: ChunkingOptions) -> FileResult | _Pending:
    """Chunk one loaded document; a finished result when nothing needs writing
    (unchanged, same content under another path), else a pending document."""
    source = doc.source
    state = store.source_state(source)
    if state and state[0] == fhash and store.has_document(state[1]):
        return FileResult(source, Status.UNCHANGED, "unchanged since last ingest", doc_id=state[1])
    chunks = chunk_document(doc, options)
    if store.has_document(doc.doc_id) and store.chunk_spans(doc.doc_id) == [(c.start, c.end) for c in chunks]:
        # Already indexed as it is now: record the new file hash, embed and write nothing.
        store.link_source(source, doc.doc_id, fhash)
        if state and state[1] == doc.doc_id:
            # Its file changed (another document of a multi-document file), this document did not.
            return FileResult(source, Status.UNCHANGED, "unchanged since last ingest (other documents of its "
                              "file changed)", doc_id=doc.doc_id, chunks=len(chunks))
        # Same content already indexed under another path: store it once.
        other = store.get_document(doc.doc_id)
        return FileResult(source, Status.UNCHANGED,
                          f"same content as {other.source if other else 'an indexed document'}",
                          doc_id=doc.doc_id, chunks=len(chunks))
    sentences = sentence_texts(doc, chunks) if options.embed_sentences else None
    return _Pending(source, fhash, doc, chunks, sentences)


_Item = FileResult | _Pending | _Vanished


def _prepare(path: Path, store: IndexStore, options: ChunkingOptions) -> list[_Item]:
    """Load and chunk one file: one item per document it holds (at least one), then
    one :class:`_Vanished` per document indexed from this file before that it no
    longer holds. Failures come back as FAILED results with the reason (never an
    exception)."""
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
    out: list[_Item] = []
    for doc in docs:
        try:
            out.append(_prepare_document(doc, fhash, store, options))
        except Exception as exc:  # noqa: BLE001
            log.exception("failed to ingest %s", doc.source)
            out.append(FileResult(doc.source, Status.FAILED, f"{type(exc).__name__}: {exc}"))
    # A re-ingested file leaves exactly the documents it now holds: a rule removed from
    # an issue, a document whose text is now empty, or the whole-file source of a file
    # that now holds several documents (and vice versa) stops being served.
    current = {doc.source for doc in docs}
    out += [_Vanished(s, source) for s in store.sources_of_file(source) if s not in current]
    return out


def _remove_vanished(item: _Vanished, store: IndexStore) -> FileResult:
    """Remove a document its file no longer holds; the result says so (or why not)."""
    try:
        store.remove_source(item.source)
    except Exception as exc:  # noqa: BLE001 - report it; the next ingest tries again
        log.exception("could not remove %s", item.source)
        return FileResult(item.source, Status.FAILED,
                          f"no longer in {Path(item.file).name}, but its old version could not be removed "
                          f"({type(exc).__name__}: {exc}) - run tradeqa remove")
    return FileResult(item.source, Status.REMOVED,
                      f"no longer in {Path(item.file).name}; its previous version was removed from the index")


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


def _chunk_texts(p: _Pending) -> list[str]:
    """What is embedded for each chunk of a pending document."""
    return [embedding_input(p.doc.title, c.text) for c in p.chunks]


def _ingest_screening(path: Path, store: IndexStore, retrieval: str) -> FileResult:
    """A screening list (CSL CSV/CSV.gz/JSON): one record document per row, through
    :mod:`ingest.screening_lists`; the reason reports added/changed/removed rows."""
    source = str(path.resolve()) if path.exists() else str(path)
    try:
        res = ingest_screening_list(path, store, retrieval=retrieval)
    except ScreeningListError as exc:
        return FileResult(source, Status.FAILED, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not abort the batch
        log.exception("failed to ingest %s", source)
        return FileResult(source, Status.FAILED, f"{type(exc).__name__}: {exc}")
    status = Status.INGESTED if (res.added or res.changed or res.removed) else Status.UNCHANGED
    reason = res.summary() + ("; " + "; ".join(res.problems[:5]) if res.problems else "")
    return FileResult(source, status, reason, chunks=res.added + res.changed, embedded=res.embedded)


def ingest_file_documents(path: Path, store: IndexStore, options: ChunkingOptions, *,
                          screening_retrieval: str = "none") -> list[FileResult]:
    """Ingest one file's documents; returns one result per document (at least one).

    Failures come back as a FAILED result with the reason (never an exception).
    """
    if looks_like_screening_list(path) or (has_list_suffix(path) and not is_supported(path)):
        # A CSV/JSON named on its own is meant as a screening list: say why it is not one.
        return [_ingest_screening(path, store, screening_retrieval)]
    items = _prepare(path, store, options)
    pending = [p for p in items if isinstance(p, _Pending)]
    written = _write_all(pending, store, {})
    # Vanished documents go after the current ones are written (items list them last).
    return [item if isinstance(item, FileResult) else _remove_vanished(item, store)
            if isinstance(item, _Vanished) else written[id(item)] for item in items]


def ingest_file(path: Path, store: IndexStore, options: ChunkingOptions, *,
                screening_retrieval: str = "none") -> FileResult:
    """Ingest one file; every failure comes back as a FAILED result with a reason.

    A file holding several documents (a Federal Register issue in XML) gives the
    result of its first document here; :func:`ingest_file_documents` gives all.
    """
    return ingest_file_documents(path, store, options, screening_retrieval=screening_retrieval)[0]


def _log_result(result: FileResult) -> None:
    if result.status is Status.FAILED:
        log.warning("failed %s: %s", result.path, result.reason)
    elif result.status in (Status.SKIPPED, Status.REMOVED):
        log.info("%s %s: %s", result.status.value, result.path, result.reason)
    else:
        log.info("%s %s (%d chunks, %d embedded)", result.status.value, result.path, result.chunks, result.embedded)


def ingest_paths(paths: list[str | Path], store: IndexStore, *, options: ChunkingOptions = ChunkingOptions(),
                 progress: bool = True, on_file: ProgressCallback | None = None,
                 batch_texts: int = BATCH_TEXTS, screening_retrieval: str = "none") -> IngestReport:
    """Ingest files and folders (recursively) into ``store``.

    The texts of consecutive documents are embedded together in batches of about
    ``batch_texts`` (so many short files cost a few large model calls, not many
    small ones), then each document is written atomically on its own. Shows a
    progress bar (``progress``), calls ``on_file(files_done, files_total, result)``
    for every result (in input order; a multi-document file gives one result per
    document), and returns a report with every file: ingested / unchanged / failed
    (with the reason) / skipped (a file of an unsupported type found in a folder) /
    removed (a file previously ingested from a given folder and since deleted, or a
    document a re-ingested multi-document file no longer holds).
    Screening lists (CSL CSV/CSV.gz/JSON, also inside folders) go to
    :mod:`ingest.screening_lists`; ``screening_retrieval`` says whether their
    records are also retrieval chunks (``none``, ``keyword``, ``dense``).
    """
    explicit = {str(Path(p).resolve()) for p in paths if not Path(p).is_dir()}
    files = iter_input_files(paths, include_unsupported=True)
    known = {f.resolve() for f in files}
    files += [f for f in find_screening_lists([p for p in paths if Path(p).is_dir()]) if f.resolve() not in known]
    report = IngestReport()
    with store.writing():
        if store.needs_reconcile():
            store.reconcile()
        for result in _remove_deleted(deleted_sources(paths, files, store), store):
            report.results.append(result)
            _log_result(result)
        bar = tqdm(total=len(files), desc="ingest", unit="file", disable=not progress, leave=False)
        # (file number, result or pending document), in input order
        queue: list[tuple[int, _Item]] = []
        pending_ids: set[str] = set()
        queued_texts = 0
        files_done = 0

        def flush() -> None:
            nonlocal queued_texts, files_done
            pending = [p for _, p in queue if isinstance(p, _Pending)]
            # Chunks on the bulk runtime; sentences (TRADEQA_SENTENCE_VECTORS) as the answerer embeds
            # them at question time (see Embedder), so they are the same vectors either way.
            chunk_todo = store.missing_vectors([t for p in pending for t in _chunk_texts(p)])
            sentence_todo = store.missing_vectors([t for p in pending for t in p.sentences or []])
            precomputed: dict[str, list[float]] = {}
            if chunk_todo or sentence_todo:
                try:
                    precomputed = dict(zip((content_hash(t) for t in chunk_todo), store.embedder.embed_bulk(chunk_todo)))
                    precomputed.update(zip((content_hash(t) for t in sentence_todo), store.embedder.embed(sentence_todo)))
                except Exception:  # noqa: BLE001 - each document retries alone and reports its own error
                    log.exception("batch embedding failed; embedding file by file")
            written = _write_all(pending, store, precomputed)
            for file_no, item in queue:
                if isinstance(item, _Vanished):
                    result = _remove_vanished(item, store)
                else:
                    result = item if isinstance(item, FileResult) else written[id(item)]
                report.results.append(result)
                _log_result(result)
                if file_no > files_done:
                    bar.update(file_no - files_done)
                    files_done = file_no
                bar.set_postfix_str(report.summary(), refresh=False)
                if on_file:
                    on_file(file_no, len(files), result)
            queue.clear()
            pending_ids.clear()
            queued_texts = 0

        for file_no, f in enumerate(files, 1):
            named = str(f.resolve()) in explicit
            if looks_like_screening_list(f) or (named and has_list_suffix(f) and not is_supported(f)):
                # A CSV/JSON named on its own is meant as a screening list: its failure says why it is not one.
                queue.append((file_no, _ingest_screening(f, store, screening_retrieval)))
                continue
            if not is_supported(f) and not named:
                why = (f"a {f.suffix.lower()} file that is not a screening list (no {', '.join(REQUIRED_COLUMNS)} "
                       "columns); skipped" if has_list_suffix(f) else
                       f"unsupported file type {f.suffix.lower() or '(no suffix)'}; supported: "
                       + ", ".join(sorted(SUPPORTED_SUFFIXES)))
                queue.append((file_no, FileResult(str(f.resolve()), Status.SKIPPED, why)))
                continue
            items = _prepare(f, store, options)
            if any(isinstance(p, _Pending) and p.doc.doc_id in pending_ids for p in items):
                flush()  # the same content twice in one batch: write the first, then link the second
                items = _prepare(f, store, options)
            for item in items:
                queue.append((file_no, item))
                if isinstance(item, _Pending):
                    pending_ids.add(item.doc.doc_id)
                    queued_texts += len(item.chunks) + len(item.sentences or [])
            if queued_texts >= batch_texts:
                flush()
        flush()
        bar.close()
    return report


def remove_sources(sources: list[str], store: IndexStore) -> list[str]:
    """Remove documents by source path (or a unique path suffix); returns what was removed.

    A screening list file (path, or a unique suffix such as its name) removes the
    records it holds, reported as one entry ``"<file> (N screening-list records)"``; a
    multi-document file removes every document it holds."""
    removed: list[str] = []
    with store.writing():
        for s in sources:
            candidate = str(Path(s).resolve()) if Path(s).exists() else s
            got = store.remove_source(candidate) or store.remove_source(s)
            if not got:
                listed = screening_file(store, s)
                if listed:
                    got = [f"{listed} ({remove_screening_file(store, listed)} screening-list records)"]
                else:
                    got = store.remove_file(str(Path(s).resolve()))
            removed += got
    return removed
