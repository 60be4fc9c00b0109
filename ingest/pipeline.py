"""Ingest files into an index, one document at a time, never letting one bad file
stop the batch or leave the index half-written."""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Callable

from tqdm import tqdm

from .chunking import ChunkingOptions, chunk_document, split_sentences
from .loaders import LoadError, iter_input_files, load_file
from .records import FileResult, IngestReport, Status
from .screening_lists import ScreeningListError, find_screening_lists, ingest_screening_list, looks_like_screening_list
from .store import IndexStore

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


def sentence_texts(doc, chunks) -> list[str]:
    """The sentence texts the answerer will score, exactly as it will cut them."""
    out = []
    for c in chunks:
        out += [doc.body[s:e][:SENTENCE_VECTOR_CHARS] for s, e in split_sentences(c.text, base=c.start) if e - s >= 12]
    return out


def ingest_file(path: Path, store: IndexStore, options: ChunkingOptions, *, screening_retrieval: str = "none") -> FileResult:
    """Ingest one file; every failure comes back as a FAILED result with a reason.

    A screening list (CSL CSV/CSV.gz/JSON) goes to :mod:`ingest.screening_lists`:
    one record document per row; the reason reports added/changed/removed."""
    source = str(path.resolve()) if path.exists() else str(path)
    if looks_like_screening_list(path):
        return _ingest_screening(path, source, store, screening_retrieval)
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
        embedded = store.add_document(doc, chunks, fhash, sentences=sentences)
        return FileResult(source, Status.INGESTED, doc_id=doc.doc_id, chunks=len(chunks), embedded=embedded)
    except LoadError as exc:
        return FileResult(source, Status.FAILED, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not abort the batch
        log.exception("failed to ingest %s", source)
        return FileResult(source, Status.FAILED, f"{type(exc).__name__}: {exc}")


def _ingest_screening(path: Path, source: str, store: IndexStore, retrieval: str) -> FileResult:
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


def ingest_paths(paths: list[str | Path], store: IndexStore, *, options: ChunkingOptions = ChunkingOptions(),
                 progress: bool = True, on_file: ProgressCallback | None = None,
                 screening_retrieval: str = "none") -> IngestReport:
    """Ingest files and folders (recursively) into ``store``.

    Shows a progress bar (``progress``), calls ``on_file(done, total, result)``
    after each file, and returns a report of ingested / unchanged / failed files.
    """
    files = iter_input_files(paths)
    known = {f.resolve() for f in files}
    files += [f for f in find_screening_lists([p for p in paths if Path(p).is_dir()]) if f.resolve() not in known]
    report = IngestReport()
    with store.writing():
        if store.needs_reconcile():
            store.reconcile()
        bar = tqdm(files, desc="ingest", unit="file", disable=not progress, leave=False)
        for i, f in enumerate(bar, 1):
            result = ingest_file(f, store, options, screening_retrieval=screening_retrieval)
            report.results.append(result)
            if result.status is Status.FAILED:
                log.warning("skipped %s: %s", result.path, result.reason)
            else:
                log.info("%s %s (%d chunks, %d embedded)", result.status.value, result.path, result.chunks, result.embedded)
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
