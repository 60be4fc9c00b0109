"""Build and verify citations against the stored document text.

A citation leaves this module only if ``body[start:end] == quote`` holds for the
stored body of the document it names.
"""
from __future__ import annotations

import re

from ingest.store import IndexStore, StoredDocument

from .types import Citation

_TYPO = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-",
                       "\u00a0": " ", "…": "."})


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Collapse white space and fold typographic quotes/dashes; map each output
    character back to its offset in ``text``."""
    out: list[str] = []
    pos: list[int] = []
    prev_space = True
    for i, ch in enumerate(text):
        ch = ch.translate(_TYPO)
        if ch.isspace():
            if prev_space:
                continue
            out.append(" ")
            pos.append(i)
            prev_space = True
        else:
            out.append(ch.lower())
            pos.append(i)
            prev_space = False
    if out and out[-1] == " ":
        out.pop()
        pos.pop()
    return "".join(out), pos


def normalise(text: str) -> str:
    """White space collapsed, typographic quotes folded, lower-cased."""
    return _normalise_with_map(text)[0]


def locate_quote(body: str, quote: str, hint: int = 0) -> tuple[int, int] | None:
    """Find ``quote`` in ``body``: exactly first, then tolerant of white space,
    case and typographic quotes. Returns the exact span of the body, or None."""
    quote = quote.strip().strip('"').strip()
    if len(quote) < 3:
        return None
    i = body.find(quote, max(0, hint - len(quote)))
    if i < 0:
        i = body.find(quote)
    if i >= 0:
        return i, i + len(quote)
    nb, pos = _normalise_with_map(body)
    nq = normalise(quote)
    if not nq:
        return None
    j = nb.find(nq)
    if j < 0:
        # Trailing punctuation dropped or added by a model: try without it.
        trimmed = re.sub(r"[\s.,;:!?\"']+$", "", nq)
        if len(trimmed) < 3 or (j := nb.find(trimmed)) < 0:
            return None
        nq = trimmed
    start = pos[j]
    end = pos[j + len(nq) - 1] + 1
    return start, end


def make_citation(doc: StoredDocument, start: int, end: int, n: int = 0) -> Citation:
    """A citation of ``doc.body[start:end]``, with the page it starts on when the
    document was stored with page offsets (PDF)."""
    return Citation(source=doc.source, title=doc.title, quote=doc.body[start:end], start=start, end=end,
                    date=doc.date, publisher=doc.publisher, url=doc.url, doc_id=doc.doc_id, n=n,
                    page=doc.page_at(start) if hasattr(doc, "page_at") else None)


def verify(citation: Citation, store: IndexStore) -> bool:
    """True when the citation's quote is exactly its span of the stored body."""
    doc = store.get_document(citation.doc_id) if citation.doc_id else None
    if doc is None:
        ids = store.find_documents(citation.source)
        doc = store.get_document(ids[0]) if ids else None
    if doc is None:
        return False
    return 0 <= citation.start < citation.end <= len(doc.body) and doc.body[citation.start:citation.end] == citation.quote


def verified_only(citations: list[Citation], store: IndexStore) -> list[Citation]:
    """Drop any citation that does not verify (defence in depth before returning)."""
    return [c for c in citations if verify(c, store)]
