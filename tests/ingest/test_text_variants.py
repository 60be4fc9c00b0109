"""Realistic plain-text and Markdown variants (issue 9, held-back kinds): a hard-wrapped
fact sheet with lists and indented continuation lines, form feeds between pages, mixed
CRLF/LF line ends, UTF-8 with a byte-order mark, UTF-16 without one."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest import IndexOptions, IndexStore, ingest_paths
from ingest.chunking import paragraph_spans, split_sentences
from ingest.loaders import load_file

FACT_SHEET = """# FACT SHEET: President Biden Takes Action to Protect American Workers

President Biden is directing his Trade Representative to increase tariffs
on $18 billion of imports from China to protect American workers and
businesses.

* **Electric vehicles**: the tariff rate on electric vehicles under
  Section 301 will increase from 25% to 100% in 2024.
* **Semiconductors**: the tariff rate on semiconductors will increase
  from 25% to 50% by 2025.

1. Steel and aluminum products: the tariff rate will increase from
   0-7.5% to 25% in 2024.
"""


def _sentences(body: str) -> list[str]:
    return [" ".join(body[s:e].split()) for s, e in split_sentences(body)]


def test_hard_wrapped_markdown_list_items_are_whole_sentences(tmp_path: Path):
    p = tmp_path / "fact-sheet.md"
    p.write_text(FACT_SHEET, encoding="utf-8")
    doc = load_file(p)
    got = _sentences(doc.body)
    assert ("* **Electric vehicles**: the tariff rate on electric vehicles under Section 301 will increase from 25% "
            "to 100% in 2024.") in got
    assert "1. Steel and aluminum products: the tariff rate will increase from 0-7.5% to 25% in 2024." in got
    assert ("President Biden is directing his Trade Representative to increase tariffs on $18 billion of imports "
            "from China to protect American workers and businesses.") in got


def _ask_fact_sheet(tmp_path: Path):
    from agent import ask

    p = tmp_path / "fact-sheet.md"
    p.write_text(FACT_SHEET, encoding="utf-8")
    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    assert ingest_paths([p], store, progress=False).ingested == 1
    store.close()
    return ask("What will the Section 301 tariff rate on electric vehicles be in 2024?", index=tmp_path / "idx")


def test_question_on_a_hard_wrapped_fact_sheet_quotes_the_whole_list_item(tmp_path: Path):
    # The example: the quote used to stop at the line break ("... will increase")
    # and the rate was lost.
    a = _ask_fact_sheet(tmp_path)
    assert not a.abstained
    assert " ".join(a.citations[0].quote.split()) == (
        "* **Electric vehicles**: the tariff rate on electric vehicles under Section 301 will increase from 25% "
        "to 100% in 2024.")


def test_question_on_a_hard_wrapped_fact_sheet_states_the_new_rate(tmp_path: Path):
    a = _ask_fact_sheet(tmp_path)
    assert "100%" in a.text.splitlines()[0]


def test_form_feeds_start_pages_and_a_sentence_runs_across_one(tmp_path: Path):
    p = tmp_path / "notice.txt"
    p.write_text("Notice of action\n\nThe additional duty on steel pipe\nis raised to 25 percent. Comments are "
                 "due by\fJune 28, 2024. The hearing is on July 1, 2024.\n\fAnnex\n\nSteel pipe is covered.\n",
                 encoding="utf-8")
    doc = load_file(p)
    assert len(doc.pages) == 3
    assert doc.page_of(doc.body.index("The additional duty")) == 1
    assert doc.page_of(doc.body.index("June 28")) == 2 and doc.page_of(doc.body.index("Annex")) == 3
    got = _sentences(doc.body)
    assert "Comments are due by June 28, 2024." in got and "The hearing is on July 1, 2024." in got


def test_mixed_crlf_and_lf_line_ends(tmp_path: Path):
    p = tmp_path / "mixed.txt"
    p.write_bytes(b"Tariff notice\r\n\r\nThe tariff rate on electric vehicles will increase\nfrom 25 percent to "
                  b"100 percent in 2024.\r\nThe rate on solar cells will rise to\r\n50 percent.\n\nEnd of notice.\r\n")
    doc = load_file(p)
    body = doc.body
    paras = [" ".join(body[s:e].split()) for s, e in paragraph_spans(body)]
    assert paras[0] == "Tariff notice" and paras[-1] == "End of notice." and len(paras) == 3
    got = _sentences(body)
    assert "The tariff rate on electric vehicles will increase from 25 percent to 100 percent in 2024." in got
    assert "The rate on solar cells will rise to 50 percent." in got


def test_utf8_with_bom_is_read_without_it(tmp_path: Path):
    p = tmp_path / "bom.md"
    p.write_bytes("\ufeff# Zölle\n\nDie Zölle auf Stahl steigen um 25 Prozent.\n".encode("utf-8"))
    doc = load_file(p)
    assert doc.body.startswith("# Zölle") and "\ufeff" not in doc.body and doc.title == "Zölle"


def test_utf16_without_bom_little_and_big_endian(tmp_path: Path):
    text = "Die Zölle auf Stahl steigen am 1. März um 25 Prozent. 钢铁关税将提高到百分之二十五。\n"
    for codec in ("utf-16-le", "utf-16-be"):
        p = tmp_path / f"{codec}.txt"
        p.write_bytes(text.encode(codec))
        doc = load_file(p)
        assert doc.body == text and doc.extra["encoding"] == codec
