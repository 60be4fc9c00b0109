"""Issue 9 rows "accented names in NFC vs NFD form" and "10000 vs 10,000": a question
spelled in another Unicode form, without accents, or with another digit grouping
finds and answers from the document (which is stored and quoted exactly as loaded)."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from agent import ask, retrieve
from ingest import IndexOptions, IndexStore, ingest_paths

BODY = ("Société Générale paid a fine of 10,000 euros for export control violations.\n\n"
        "Acme Corp paid a fine of 500 euros.\n")
HEADER = "title: Fine notice\npublisher: Example Trade Office\ndate: 2021-05-01\n---\n"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("forms")
    docs = root / "docs"
    docs.mkdir()
    # The file is in NFD (as some Mac tools and PDF extractors write it).
    (docs / "fine.txt").write_text(unicodedata.normalize("NFD", HEADER + BODY), encoding="utf-8")
    store = IndexStore(IndexOptions(path=root / "idx"))
    assert ingest_paths([docs], store, progress=False).ingested == 1
    store.close()
    return root / "idx"


@pytest.mark.parametrize("question", [
    unicodedata.normalize("NFC", "How much did Société Générale pay?"),
    unicodedata.normalize("NFD", "How much did Société Générale pay?"),
    "How much did Societe Generale pay?",
])
def test_accented_name_in_any_form(index, question):
    hits = retrieve(question, index=index, k=3)
    assert hits and hits[0].keyword_rank == 1
    a = ask(question, index=index)
    assert not a.abstained
    assert a.text.startswith("10,000 euros")
    c = a.citations[0]
    assert c.quote == unicodedata.normalize("NFD", "Société Générale paid a fine of 10,000 euros for export "
                                                  "control violations.")  # verbatim, stored form


@pytest.mark.parametrize("figure", ["10000", "10,000", "10 000", "10\u202f000"])
def test_number_forms(index, figure):
    a = ask(f"Which company paid a fine of {figure} euros?", index=index)
    assert not a.abstained
    assert unicodedata.normalize("NFD", "Société Générale") in a.text
    assert all("Acme" not in c.quote for c in a.citations)
