"""Citations: locating quotes in the stored body and verifying them (catalog only, no model)."""
from __future__ import annotations

import pytest

from agent.citations import locate_quote, make_citation, normalise, verified_only, verify
from agent.types import Citation
from ingest.chunking import chunk_document
from ingest.records import Document
from ingest.store import IndexOptions, IndexStore

BODY = ("The U.S. Commerce Department said it “will not tolerate” the abuse.\n"
        "Hikvision  has a market value of\nabout $42 billion — the largest.\n"
        "Again: will not tolerate.")


@pytest.fixture()
def store(tmp_path, forbid_model):
    s = IndexStore(IndexOptions(path=tmp_path / "idx"))
    doc = Document(source="/corpus/reuters.txt", body=BODY, title="US widens blacklist", date="2019-10-08",
                   publisher="Reuters")
    s._commit_catalog(doc, chunk_document(doc), "h")  # noqa: SLF001 - the catalog only, nothing embedded
    s.test_doc = s.get_document(doc.doc_id)
    yield s
    s.close()


def test_locate_exact_and_hint():
    i = BODY.index("will not tolerate")
    assert locate_quote(BODY, "will not tolerate") == (i, i + len("will not tolerate"))
    j = BODY.rindex("will not tolerate")
    assert locate_quote(BODY, "will not tolerate", hint=j) == (j, j + len("will not tolerate"))


def test_locate_tolerates_space_case_and_typography_but_returns_exact_span():
    s, e = locate_quote(BODY, 'hikvision has a market value of about $42 billion - the largest')
    assert BODY[s:e] == "Hikvision  has a market value of\nabout $42 billion — the largest"
    s, e = locate_quote(BODY, 'it "will not tolerate" the abuse')
    assert BODY[s:e] == "it “will not tolerate” the abuse"
    s, e = locate_quote(BODY, "about $42 billion — the largest!!")  # trailing punctuation added by a model
    assert BODY[s:e] == "about $42 billion — the largest"


@pytest.mark.parametrize("quote", ["", "ab", "Hikvision has no market value", "tolerate abuse"])
def test_locate_refuses_what_is_not_there(quote):
    assert locate_quote(BODY, quote) is None


def test_normalise():
    assert normalise("  A “Quoted”\n\n text — here ") == 'a "quoted" text - here'


def test_make_and_verify(store):
    doc = store.test_doc
    s = BODY.index("Hikvision")
    c = make_citation(doc, s, s + 9, n=2)
    assert (c.quote, c.source, c.title, c.date, c.publisher, c.doc_id, c.n) == (
        "Hikvision", "/corpus/reuters.txt", "US widens blacklist", "2019-10-08", "Reuters", doc.doc_id, 2)
    assert c.stem == "reuters"
    assert verify(c, store)


def test_verify_rejects_tampered_or_misplaced_quotes(store):
    doc = store.test_doc
    s = BODY.index("Hikvision")
    good = make_citation(doc, s, s + 9)
    bad_quote = Citation(**{**good.__dict__, "quote": "Hikvisio!"})
    shifted = Citation(**{**good.__dict__, "start": s + 1, "end": s + 10})
    out_of_range = Citation(**{**good.__dict__, "start": len(BODY) - 2, "end": len(BODY) + 7})
    empty = Citation(**{**good.__dict__, "start": 5, "end": 5, "quote": ""})
    unknown = Citation(**{**good.__dict__, "doc_id": "", "source": "/corpus/other.txt"})
    for c in (bad_quote, shifted, out_of_range, empty, unknown):
        assert not verify(c, store), c
    by_source = Citation(**{**good.__dict__, "doc_id": ""})  # found through its source path (or suffix)
    assert verify(by_source, store)
    assert verify(Citation(**{**good.__dict__, "doc_id": "", "source": "reuters.txt"}), store)
    assert verified_only([bad_quote, good, shifted, by_source], store) == [good, by_source]
