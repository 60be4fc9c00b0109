"""Federal Register prints made with ReportLab (``frprint``) from the text of the FR
documents in ``data/sample``: justified three- and two-column pages, running heads with
folios, the GPO "VerDate" line (up the margin or at the foot), hyphenated line ends, a
ruled table across the page or on a landscape page of its own, and paragraphs that run
across column and page breaks. The body must read as printed: every paragraph whole
and in order, no furniture, table rows as rows, page offsets where the lines were drawn."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.chunking import split_sentences
from ingest.formats.pdf import load_pdf_bytes

from frprint import Layout, paragraphs_of, print_fr

ROOT = Path(__file__).resolve().parents[2]
FR_DOCS = ["fr-2019-08-13-fac-2019-05-small-entity-compliance-guide.txt", "fr-2019-10-09-entity-list-additions.txt",
           "fr-2019-12-13-far-second-interim-rule-section-889.txt", "fr-2020-07-22-entity-list-additions-revisions.txt"]
PARAS = [p for name in FR_DOCS for p in paragraphs_of(ROOT / "data" / "sample" / name)]
TABLE = [["Country", "Entity", "License requirement", "License review policy", "Federal Register citation"],
         ["CHINA", "Dahua Technology", "For all items subject to the EAR", "Presumption of denial", "84 FR 54002, 10/9/2019"],
         ["", "Hikvision", "For all items subject to the EAR", "Case-by-case review", "84 FR 54002, 10/9/2019"],
         ["", "iFLYTEK", "For all items subject to the EAR", "Presumption of denial", "84 FR 54002, 10/9/2019"]]
VARIANTS = {  # name -> (layout, table on a landscape page of its own)
    "three-columns": (Layout(columns=3, leading=11.0), False),
    "two-columns-foot-line": (Layout(columns=2, size=8.5, leading=10.0, verdate_rotated=False), False),
    "three-columns-landscape-table": (Layout(columns=3, leading=11.0), True),
    "two-columns-landscape-table": (Layout(columns=2, size=8.5, leading=10.0, verdate_rotated=False), True),
}


def folio(page: int) -> int:
    """The number printed on page ``page`` (1-based) of a print: citations give it."""
    return Layout().first_page + page - 1


def _print(name: str):
    layout, landscape = VARIANTS[name]
    printed = print_fr(PARAS, layout, table=TABLE, landscape_table=landscape)
    return printed, load_pdf_bytes(printed.pdf, f"{name}.pdf")


@pytest.mark.parametrize("name", list(VARIANTS))
def test_fr_print_reads_as_printed(name: str):
    printed, doc = _print(name)
    # What makes the print hard is really there: several pages, a paragraph across a page
    # break and one across a column break, words hyphenated at line ends.
    assert printed.pages >= 2 and len(doc.pages) == printed.pages
    across_pages = [n for n in range(len(PARAS)) if len({ln.page for ln in printed.lines if ln.paragraph == n}) > 1]
    across_columns = [n for n in range(len(PARAS))
                      if len({(ln.page, ln.column) for ln in printed.lines if ln.paragraph == n}) > 1]
    assert across_pages and set(across_columns) - set(across_pages)
    assert sum(ln.text.endswith("-") and ln.text[-2].isalpha() for ln in printed.lines) >= 5

    # Every paragraph once, whole and in order (hyphenated words mended, justified word
    # spaces read as spaces, no column interleaving). A table at the top of a page is read
    # after the sentence that runs on to that page; a landscape page of table rows stays
    # where it was printed, and the rest of a sentence that runs across it moves up to
    # the page where it starts (so here the rows are left out of the paragraph check).
    landscape = VARIANTS[name][1]
    kept = [ln for ln in doc.body.splitlines() if not (landscape and " | " in ln)]
    flat = " ".join(" ".join(kept).split())
    pos = 0
    for n, para in enumerate(PARAS):
        at = flat.find(para, pos)
        assert at >= 0, f"paragraph {n} not read whole and in order: {para[:80]!r}"
        pos = at + len(para)
    # No running head, folio or VerDate line is left in the body.
    for furniture in ("Federal Register / Vol.", "VerDate", "Sfmt 4700", "09OCR1"):
        assert furniture not in doc.body, furniture
    assert not re.search(r"^\s*540\d\d\s*$|^540\d\d \||\| 540\d\d$", doc.body, re.M)
    assert doc.extra["running_heads"].startswith("54002 | Federal Register / Vol. 84, No. 196")
    assert doc.date == "2019-10-09"
    # The table reads row by row, a separator between cells.
    for row in TABLE:
        assert " | ".join(c for c in row if c) in doc.body.splitlines()
    # The sentences that ran across a page break are whole sentences of the body, and
    # each paragraph starts on the page it was printed on.
    sentences = {" ".join(doc.body[s:e].split()) for s, e in split_sentences(doc.body)}
    for n in across_pages:
        first = re.split(r"(?<=[a-z)]\.)\s+(?=[A-Z])", PARAS[n])[0]
        assert any(first in s for s in sentences), first
    pos = 0
    for n in range(len(PARAS)):  # (paragraphs recur across the four documents: search on from the last)
        page = next(ln.page for ln in printed.lines if ln.paragraph == n)
        start = re.compile(r"\s+".join(map(re.escape, PARAS[n].split()[:6]))).search(doc.body, pos)
        assert start and doc.page_of(start.start()) == folio(page), (n, PARAS[n][:40])
        pos = start.end()


def test_question_on_an_fr_print_quotes_the_printed_sentence_with_its_page(tmp_path: Path):
    from agent import ask
    from ingest import IndexOptions, IndexStore, ingest_paths

    printed, _ = _print("three-columns")
    pdf = tmp_path / "fr-print.pdf"
    pdf.write_bytes(printed.pdf)
    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    assert ingest_paths([pdf], store, progress=False).ingested == 1
    store.close()
    a = ask("How many existing entries on the Entity List does the rule modify or revise?", index=tmp_path / "idx")
    assert a.text.startswith("thirty-seven")
    cited = a.citations[0]
    assert " ".join(cited.quote.split()) == ("This rule also modifies or revises thirty-seven existing entries on "
                                            "the Entity List under the destination of China.")
    drawn = next(ln.page for ln in printed.lines if "thirty-seven existing entries" in ln.text)
    assert drawn == 2 and cited.page == folio(drawn) == 54003


def test_sentence_across_a_landscape_table_page_stays_one_sentence():
    # The summary's first sentence starts on page 1, a landscape page of table rows
    # follows, and the sentence ends on page 3: it is one sentence of the body, cited
    # with page 1, and the table page and page 3 keep their own page numbers.
    printed, doc = _print("three-columns-landscape-table")
    sentence = ("SUMMARY: This final rule amends the Export Administration Regulations (EAR) by adding eleven "
                "entities to the Entity List.")
    spans = [(s, e) for s, e in split_sentences(doc.body) if " ".join(doc.body[s:e].split()) == sentence]
    assert len(spans) == 1
    assert doc.page_of(spans[0][0]) == folio(1) and doc.page_of(spans[0][1] - 1) == folio(1)
    row = doc.body.index("CHINA | Dahua Technology")
    assert printed.table_page == 2 and doc.page_of(row) == folio(2)
    nxt = re.search(r"These\s+eleven entities have been determined", doc.body)
    assert nxt and doc.page_of(nxt.start()) == folio(3)
