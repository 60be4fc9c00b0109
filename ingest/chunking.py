"""Split document bodies into sentences and overlapping chunks, keeping character offsets.

Offsets are into the document body, so ``body[start:end]`` is always the exact
text of a sentence or chunk; nothing here rewrites text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Chunk, Document

# Words after which a period does not end a sentence.
_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "inc", "co", "corp", "ltd", "no", "nos", "mr", "mrs", "ms",
    "dr", "st", "sec", "secs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "vs", "v", "fig", "art", "para", "pp", "p", "cf", "al", "approx", "dept", "gov",
    "jr", "sr", "rd", "ave", "blvd", "bldg", "fl", "messrs", "op", "cit", "ch", "subch", "pub", "l",
    "stat", "fed", "reg", "cong", "sess", "h.r", "s", "u.s.c", "c.f.r", "f.r",
}
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9§])")


@dataclass(frozen=True)
class ChunkingOptions:
    """How bodies are cut into chunks (and whether their sentences are embedded too).

    ``max_chars`` ~ 900 keeps a chunk inside all-MiniLM-L6-v2's 256-token window.
    ``embed_sentences``: embed each sentence at ingest (about 3-4x the texts of
    chunks alone) so answering needs no model call beyond the question; off, the
    answerer embeds the sentences it scores at question time (slower questions,
    faster ingest of large collections).
    """

    max_chars: int = 900
    overlap_chars: int = 200
    embed_sentences: bool = False


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial."""
    j = dot
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return True
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):  # U.S, e.g, p.r.c
        return True
    return False


def split_sentences(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, offset by ``base``.

    Lines are hard boundaries (structured records, headings and list items live
    on their own lines); within a line we cut after ., ! or ? followed by a
    capital, unless the period closes a known abbreviation. Spans exclude
    surrounding white space.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        cursor = 0
        for m in _SENT_END.finditer(line):
            if line[m.start()] == "." and _is_abbreviation(line, m.start()):
                continue
            _add_span(spans, line, line_start + base, cursor, m.end())
            cursor = m.end()
        _add_span(spans, line, line_start + base, cursor, len(line))
    return spans


def _add_span(spans: list[tuple[int, int]], line: str, offset: int, a: int, b: int) -> None:
    seg = line[a:b]
    stripped = seg.strip()
    if not stripped:
        return
    lead = len(seg) - len(seg.lstrip())
    s = offset + a + lead
    spans.append((s, s + len(stripped)))


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Paragraphs (runs of non-blank lines) as ``(start, end)`` spans."""
    spans = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", body, flags=re.S):
        spans.append((m.start(), m.end()))
    return spans


def chunk_document(doc: Document, options: ChunkingOptions = ChunkingOptions()) -> list[Chunk]:
    """Pack paragraphs (or, for long ones, sentences) into chunks of at most
    ``max_chars``, each new chunk repeating up to ``overlap_chars`` of trailing
    sentences of the previous one so that a fact on a boundary is whole in one chunk.
    """
    body = doc.body
    units: list[tuple[int, int, bool]] = []  # (start, end, starts_paragraph)
    for p_start, p_end in paragraph_spans(body):
        if p_end - p_start <= options.max_chars:
            units.append((p_start, p_end, True))
            continue
        sents = split_sentences(body[p_start:p_end], base=p_start)
        for k, (s, e) in enumerate(sents):
            # A sentence longer than a chunk is cut at white space.
            while e - s > options.max_chars:
                cut = body.rfind(" ", s, s + options.max_chars)
                cut = cut if cut > s else s + options.max_chars
                units.append((s, cut, k == 0))
                s = cut
                while s < e and body[s].isspace():
                    s += 1
            if s < e:
                units.append((s, e, k == 0))

    chunks: list[Chunk] = []
    i = 0
    while i < len(units):
        start = units[i][0]
        j = i
        end = units[i][1]
        while j + 1 < len(units) and units[j + 1][1] - start <= options.max_chars:
            j += 1
            end = units[j][1]
        chunks.append(Chunk(doc.doc_id, len(chunks), start, end, body[start:end]))
        if j + 1 >= len(units):
            break
        # Overlap: when the next chunk continues a paragraph, start it with the
        # trailing sentences of this one that fit in overlap_chars.
        nxt = j + 1
        k = nxt
        while k - 1 > i and not units[k][2] and units[nxt - 1][1] - units[k - 1][0] <= options.overlap_chars:
            k -= 1
        i = k
    return chunks
