"""Chunking keeps exact character offsets: ``chunk.text == body[start:end]``
for every chunk of every shared-corpus document. No embedding model needed."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ingest.chunking import ChunkingOptions, chunk_document, paragraph_spans, split_sentences
from ingest.loaders import load_file
from ingest.records import Document

pytestmark = pytest.mark.usefixtures("forbid_model")


def _doc(body: str) -> Document:
    return Document(source="/tmp/x.txt", body=body, title="T")


def _covered(body: str, chunks) -> bool:
    mask = [False] * len(body)
    for c in chunks:
        for i in range(c.start, c.end):
            mask[i] = True
    return all(mask[i] or body[i].isspace() for i in range(len(body)))


@pytest.mark.parametrize("options", [ChunkingOptions(), ChunkingOptions(max_chars=300, overlap_chars=80)],
                         ids=["default", "small"])
def test_offsets_exact_for_every_shared_corpus_chunk(corpus_dir: Path, options: ChunkingOptions):
    files = sorted(corpus_dir.glob("*.txt"))
    assert len(files) >= 10
    total = 0
    for f in files:
        doc = load_file(f)
        chunks = chunk_document(doc, options)
        assert chunks, f.name
        for i, c in enumerate(chunks):
            assert c.text == doc.body[c.start:c.end], f"{f.name} chunk {i}"
            assert c.ordinal == i and c.doc_id == doc.doc_id
            assert 0 < c.end - c.start <= options.max_chars, f"{f.name} chunk {i} is {c.end - c.start} chars"
            assert c.text == c.text.strip(), f"{f.name} chunk {i} has surrounding white space"
        assert [c.start for c in chunks] == sorted(c.start for c in chunks), f.name
        assert len({c.chunk_id for c in chunks}) == len(chunks), f.name
        assert _covered(doc.body, chunks), f"{f.name}: some text is in no chunk"
        total += len(chunks)
    assert total > 50


def test_sentence_offsets_exact_in_shared_corpus(corpus_dir: Path):
    for f in sorted(corpus_dir.glob("*.txt")):
        body = load_file(f).body
        for s, e in split_sentences(body):
            assert body[s:e] == body[s:e].strip() and e > s, f.name


def test_short_paragraphs_are_packed_without_overlap():
    body = "Alpha one.\n\nBravo two.\n\nCharlie three."
    chunks = chunk_document(_doc(body), ChunkingOptions(max_chars=25, overlap_chars=10))
    assert [c.text for c in chunks] == ["Alpha one.\n\nBravo two.", "Charlie three."]
    assert chunks[1].start == body.index("Charlie")


def test_long_paragraph_chunks_overlap_by_whole_sentences():
    sentences = [f"Sentence number {i} talks about export controls." for i in range(30)]
    body = "Intro.\n\n" + " ".join(sentences)
    opts = ChunkingOptions(max_chars=200, overlap_chars=100)
    chunks = chunk_document(_doc(body), opts)
    assert len(chunks) > 5
    overlaps = 0
    for a, b in zip(chunks, chunks[1:]):
        assert b.start > a.start
        if b.start < a.end:
            overlaps += 1
            shared = body[b.start:a.end]
            assert len(shared) <= opts.overlap_chars
            assert shared.startswith("Sentence number")  # starts at a sentence boundary
    assert overlaps >= len(chunks) - 3  # a paragraph continued across chunks repeats its tail
    assert _covered(body, chunks)


def test_no_overlap_when_overlap_is_zero():
    body = " ".join(f"Sentence {i} is here." for i in range(60))
    chunks = chunk_document(_doc(body), ChunkingOptions(max_chars=120, overlap_chars=0))
    for a, b in zip(chunks, chunks[1:]):
        assert b.start >= a.end


def test_sentence_longer_than_a_chunk_is_cut_at_white_space():
    body = "word " * 400  # one 2000-char "sentence"
    body = body.strip() + "."
    chunks = chunk_document(_doc(body), ChunkingOptions(max_chars=300, overlap_chars=50))
    assert len(chunks) >= 7
    for c in chunks:
        assert c.text == body[c.start:c.end]
        assert len(c.text) <= 300
        assert not c.text.startswith(" ") and not c.text.endswith(" ")
        assert c.start == 0 or body[c.start - 1] == " "  # never cut inside a word
    assert _covered(body, chunks)


def test_split_sentences_respects_abbreviations_and_lines():
    text = ("The U.S. Commerce Dept. added 28 entities. Mr. J. Smith said so! Was it No. 5? Yes.\n"
            "Line two has no period\nLine three.")
    spans = split_sentences(text)
    got = [text[s:e] for s, e in spans]
    assert got == ["The U.S. Commerce Dept. added 28 entities.", "Mr. J. Smith said so!", "Was it No. 5?", "Yes.",
                   "Line two has no period", "Line three."]


def test_split_sentences_base_offset():
    body = "Header.\n\nFirst sentence. Second sentence."
    start = body.index("First")
    spans = split_sentences(body[start:], base=start)
    assert [body[s:e] for s, e in spans] == ["First sentence.", "Second sentence."]


def test_paragraph_spans():
    body = "  One\nstill one.\n\n\nTwo.\n \nThree  \n"
    assert [body[s:e] for s, e in paragraph_spans(body)] == ["One\nstill one.", "Two.", "Three"]


def test_chunk_ids_depend_on_content_and_offsets():
    a = chunk_document(_doc("Same text here."))
    b = chunk_document(dataclasses.replace(_doc("Same text here."), source="/elsewhere.txt"))
    c = chunk_document(_doc("Different text here."))
    d = chunk_document(Document(source="/elsewhere.txt", body="Same text here.", title="Other"))
    assert a[0].chunk_id == b[0].chunk_id  # identical body and metadata under two paths: one document
    assert a[0].chunk_id != c[0].chunk_id
    assert a[0].chunk_id != d[0].chunk_id  # same body, its own title: a document of its own
    assert a[0].chunk_id == f"{a[0].doc_id}:0-15"
