"""Records that flow from the loaders through chunking into the index."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    """Outcome of ingesting one file."""

    INGESTED = "ingested"
    UNCHANGED = "unchanged"
    FAILED = "failed"
    SKIPPED = "skipped"  # a file of a type tradeqa does not read (found in a folder)
    # A previously ingested file is gone from its folder, or a document is gone from its
    # multi-document file: its old version was dropped from the index.
    REMOVED = "removed"


def content_hash(text: str) -> str:
    """Stable id for a piece of text (sha256, hex, 32 chars)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def document_id(body: str, title: str = "", publisher: str = "", date: str = "", url: str = "",
                doc_type: str = "") -> str:
    """Id of a document: a hash of its body *and* the metadata it is cited and
    filtered by. Two files with one body and one header are one document (stored
    once); the same body under another title/publisher/date/url is a document of
    its own, so each source keeps its own metadata (a reprint is cited as itself)."""
    h = hashlib.sha256(body.encode("utf-8"))
    h.update("\x00".join(("", title, publisher, date, url, doc_type)).encode("utf-8"))
    return h.hexdigest()[:32]


@dataclass
class Document:
    """One source document: verbatim body text plus metadata.

    ``body`` is what citations point into: every chunk and citation offset is a
    character offset into this string.
    """

    source: str
    body: str
    title: str = ""
    publisher: str = ""
    date: str = ""  # ISO yyyy-mm-dd, or "" when unknown
    url: str = ""
    doc_type: str = ""  # text | markdown | html | pdf (or the header's `type:`)
    extra: dict[str, str] = field(default_factory=dict)
    # Start offset in ``body`` of each page (ascending; pages[0] == 0) for paged
    # sources (PDF); empty when the source has no pages. Page n (1-based) of an
    # offset o is ``bisect.bisect_right(pages, o)``.
    pages: list[int] = field(default_factory=list)
    # The printed number of each page in ``pages`` (a Federal Register page, "54002"),
    # when the source prints them; empty: pages are numbered 1, 2, ... .
    page_numbers: list[int] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        """:func:`document_id` of the body and the metadata it is cited by (32 hex chars).

        Computed once per (body, metadata) and cached: chunking asks for it once per
        chunk, and hashing a large body per chunk made chunking quadratic in file size.
        """
        key = (self.title, self.publisher, self.date, self.url, self.doc_type)
        cached = self.__dict__.get("_doc_id_cache")
        if cached is not None and cached[0] is self.body and cached[1] == key:
            return cached[2]
        value = document_id(self.body, *key)
        self.__dict__["_doc_id_cache"] = (self.body, key, value)
        return value

    def page_of(self, offset: int) -> int:
        """Page number holding body offset ``offset`` (its printed number when ``page_numbers``
        has them, else 1-based); 0 when the document has no pages."""
        import bisect

        k = bisect.bisect_right(self.pages, offset) if self.pages else 0
        return self.page_numbers[k - 1] if k and len(self.page_numbers) == len(self.pages) else k

    @property
    def date_int(self) -> int:
        """yyyymmdd as an int for range filters; 0 when the date is unknown."""
        digits = self.date.replace("-", "")
        return int(digits) if len(digits) == 8 and digits.isdigit() else 0


@dataclass(frozen=True)
class Chunk:
    """A retrieval unit: ``text == body[start:end]`` of its document."""

    doc_id: str
    ordinal: int
    start: int
    end: int
    text: str

    @property
    def chunk_id(self) -> str:
        return f"{self.doc_id}:{self.start}-{self.end}"

    @property
    def text_hash(self) -> str:
        return content_hash(self.text)


@dataclass
class FileResult:
    """What happened to one input file."""

    path: str
    status: Status
    reason: str = ""
    doc_id: str = ""
    chunks: int = 0
    embedded: int = 0


@dataclass
class IngestReport:
    """Summary of one ingest run."""

    results: list[FileResult] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def ingested(self) -> int:
        return self.count(Status.INGESTED)

    @property
    def unchanged(self) -> int:
        return self.count(Status.UNCHANGED)

    @property
    def failed(self) -> int:
        return self.count(Status.FAILED)

    @property
    def skipped(self) -> int:
        return self.count(Status.SKIPPED)

    @property
    def removed(self) -> int:
        return self.count(Status.REMOVED)

    @property
    def embedded(self) -> int:
        """How many chunk texts were sent to the embedding model in this run."""
        return sum(r.embedded for r in self.results)

    def summary(self) -> str:
        removed = f", {self.removed} removed (gone from disk or from their file)" if self.removed else ""
        return (
            f"{self.ingested} ingested, {self.unchanged} unchanged, {self.failed} failed"
            + (f", {self.skipped} skipped" if self.skipped else "") + removed
            + f" ({self.embedded} texts embedded)"
        )
