"""Chunking keeps exact character offsets: ``chunk.text == body[start:end]``
for every chunk of every shared-corpus document. No embedding model needed."""
from __future__ import annotations

import dataclasses
import re
import textwrap
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


# ------------------------------------------------------------------ sentences as a reader sees them
WRAPPED = ("WASHINGTON - Today, President Biden is directing his Trade Representative to\n"
           "increase tariffs under Section 301 on $18 billion of imports from China. The\n"
           "tariff rate on electric vehicles under Section 301 will increase from 25% to\n"
           "100% in 2024.\r\n\r\n"
           "The tariff rate on semiconductors will increase from 25% to 50% by 2025, and the\n"
           "rate on solar cells will increase to 50% in 2024.\n")


def test_hard_wrapped_lines_are_not_sentence_ends():
    got = [WRAPPED[s:e] for s, e in split_sentences(WRAPPED)]
    assert got == [
        "WASHINGTON - Today, President Biden is directing his Trade Representative to\n"
        "increase tariffs under Section 301 on $18 billion of imports from China.",
        "The\ntariff rate on electric vehicles under Section 301 will increase from 25% to\n100% in 2024.",
        "The tariff rate on semiconductors will increase from 25% to 50% by 2025, and the\n"
        "rate on solar cells will increase to 50% in 2024.",
    ]


def test_crlf_blank_lines_split_paragraphs():
    body = "First para line one\r\nline two.\r\n\r\nSecond para.\r\n \r\nThird."
    assert [body[s:e] for s, e in paragraph_spans(body)] == ["First para line one\r\nline two.", "Second para.",
                                                             "Third."]


def test_headings_list_items_table_rows_and_fields_are_units():
    text = ("# Section 301 tariff actions under the four-year review of the China investigation\n"
            "The Trade Representative will increase the tariffs on the following products, as\n"
            "listed below, from the dates given in the annex to this notice of modification:\n"
            "- Electric vehicles: the rate rises to 100 percent\n"
            "- Solar cells: the rate rises to 50 percent and stays there for the whole period of\n"
            "  the action as modified\n"
            "1. Steel and aluminum products\n"
            "Product | Rate\n"
            "EVs | 100%\n"
            "Name: Example Electronics Co.\n"
            "Address: 1 Example Road, Shenzhen\n"
            "Short line without a period\n"
            "Next line.")
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == [
        "# Section 301 tariff actions under the four-year review of the China investigation",
        "The Trade Representative will increase the tariffs on the following products, as\n"
        "listed below, from the dates given in the annex to this notice of modification:",
        "- Electric vehicles: the rate rises to 100 percent",
        "- Solar cells: the rate rises to 50 percent and stays there for the whole period of\n"
        "  the action as modified",
        "1. Steel and aluminum products",
        "Product | Rate",
        "EVs | 100%",
        "Name: Example Electronics Co.",
        "Address: 1 Example Road, Shenzhen",
        "Short line without a period",
        "Next line.",
    ]


def test_chunks_of_a_hard_wrapped_paragraph_start_at_sentences():
    para = " ".join(f"Sentence {i} says the duty on item {i} is {i} percent." for i in range(60))
    body = textwrap.fill(para, 72)
    chunks = chunk_document(Document(source="w.md", body=body), ChunkingOptions(max_chars=300, overlap_chars=80))
    assert len(chunks) > 5
    for c in chunks:
        assert re.match(r"Sentence\s+\d+\s+says", c.text)  # never cut at a line break inside a sentence
        assert c.text.endswith(" percent.") or c is chunks[-1]


def test_document_id_is_hashed_once_per_document(monkeypatch):
    import ingest.records as records

    calls = []
    real = records.document_id

    def counting(text: str, *meta: str) -> str:
        calls.append(len(text))
        return real(text, *meta)

    monkeypatch.setattr(records, "document_id", counting)
    para = ("The duty on product alpha is 5 percent under notice 12, and the quota is 4,000 tonnes. " * 6).strip()
    body = "\n\n".join([para] * 2000)
    chunks = chunk_document(Document(source="big.txt", body=body))
    assert len(chunks) > 1000
    assert calls.count(len(body)) == 1  # not once per chunk (that made chunking quadratic)
    doc = Document(source="x.txt", body="one")
    first = doc.doc_id
    doc.body = "two"  # a changed body gets a new id
    assert doc.doc_id != first and doc.doc_id == real("two")
    doc.title = "Retitled"  # so does a changed title (metadata is part of the id)
    assert doc.doc_id == real("two", "Retitled")


def test_paragraph_spans_match_the_regular_expression_they_replace():
    """paragraph_spans() is a linear scan; it must cut exactly where the old pattern did
    (chunk offsets, and so chunk ids, depend on it)."""
    import random

    old = re.compile(r"\S(?:.*?\S)?(?=\r?\n[ \t\r\f\v]*\n|\s*\Z)", re.S)
    r = random.Random(0)
    alphabet = ["a", "b", " ", "\n", "\r", "\t", "\x0b", "\x0c", "\u00a0", "\u2028", "\x1c", "\u3000", ".", "\n\n",
                "\r\n", "\n \n"]
    for _ in range(20000):
        text = "".join(r.choice(alphabet) for _ in range(r.randint(0, 30)))
        assert paragraph_spans(text) == [(m.start(), m.end()) for m in old.finditer(text)], repr(text)
    for path in sorted((Path(__file__).resolve().parents[2] / "data" / "sample").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert paragraph_spans(text) == [(m.start(), m.end()) for m in old.finditer(text)], path.name


def test_a_short_line_that_stops_mid_sentence_does_not_end_it():
    # Lines broken by hand (an HTML <br>, a short PDF line) well before the wrap width:
    # a line ending in a lower-case word goes on when the next opens in lower case or
    # with a figure; a heading-like line before a capital still ends its unit.
    text = ("The additional duty on steel pipe is\n25 percent ad valorem, and the duty on\naluminium foil "
            "is 10 percent. Both take effect on March 1, 2025, under the new schedule of rates.\nKey dates\n"
            "March 1, 2025 is the effective date of the rates announced here today.")
    got = [" ".join(text[s:e].split()) for s, e in split_sentences(text)]
    assert got[:2] == ["The additional duty on steel pipe is 25 percent ad valorem, and the duty on aluminium foil "
                       "is 10 percent.", "Both take effect on March 1, 2025, under the new schedule of rates."]
    assert "Key dates" in got
