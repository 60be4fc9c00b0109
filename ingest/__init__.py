"""Ingest: load files, chunk them with offsets, and write the index (Chroma + SQLite FTS5)."""
from .chunking import ChunkingOptions, chunk_document, split_sentences
from .loaders import LoadError, load_file
from .pipeline import ingest_paths, remove_sources
from .records import Chunk, Document, FileResult, IngestReport, Status
from .store import IndexOptions, IndexStats, IndexStore

__all__ = [
    "Chunk", "ChunkingOptions", "Document", "FileResult", "IndexOptions", "IndexStats", "IndexStore",
    "IngestReport", "LoadError", "Status", "chunk_document", "ingest_paths", "load_file", "remove_sources",
    "split_sentences",
]
