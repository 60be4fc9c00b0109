"""Realistic PDF variants (issue 9, held-back kinds), built with ReportLab
(``pdfvariants``, ``frprint``): a column print whose last column is short, footnotes in
smaller type with superscript marks, a table continued under a repeated header row, a
two-column page followed by a one-column page, ligatures and soft hyphens, a sentence
across a page break under a running head, pages turned by /Rotate. Each checks the text
as printed and the page every part is cited with."""
from __future__ import annotations

import re

import pytest

from ingest.chunking import split_sentences
from ingest.formats.pdf import load_pdf_bytes

from frprint import Layout, print_fr
from pdfvariants import (MARGIN, ROMAN, Pages, join_pdfs, ligatures_and_soft_hyphens, memo_across_pages,
                         rotated_pages, superscript_line, table_across_pages, two_then_one_column)
from test_fr_print import PARAS

P1 = ("The Trade Representative has determined to increase the rate of additional duty on electric vehicles from "
      "25 percent to 100 percent, effective August 1, 2024, after the statutory four-year review of the actions "
      "taken in the Section 301 investigation of the acts, policies and practices of China related to technology "
      "transfer.")
P2 = ("Comments on the proposed modifications to the actions, including the proposed exclusion process for certain "
      "machinery used in domestic manufacturing, are due by June 28, 2024, through the online portal at "
      "comments.ustr.gov under docket number USTR-2024-0004.")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _sentences(body: str) -> list[str]:
    return [_flat(body[s:e]) for s, e in split_sentences(body)]


def _in_order(body: str, paragraphs: list[str]) -> int:
    """Index of the first paragraph not found whole and after the one before, else -1."""
    flat, pos = _flat(body), 0
    for n, para in enumerate(paragraphs):
        at = flat.find(para, pos)
        if at < 0:
            return n
        pos = at + len(para)
    return -1


@pytest.mark.parametrize("columns,count", [(3, n) for n in range(18, 41)] + [(2, n) for n in range(10, 30, 3)])
def test_column_print_whose_last_column_is_short(columns: int, count: int):
    # The print ends part-way down its last column (one line, a few short lines: "RIN
    # 0694-AH68", "List"): that column is still read after the ones on its left.
    printed = print_fr(PARAS[:count], Layout(columns=columns))
    doc = load_pdf_bytes(printed.pdf, "print.pdf")
    assert _in_order(doc.body, PARAS[:count]) == -1


def test_multi_page_print_whose_last_page_has_a_one_line_column():
    paras = PARAS + [p + " (continued)" for p in PARAS[:9]]
    printed = print_fr(paras, Layout(columns=3))
    last = {ln.column for ln in printed.lines if ln.page == printed.pages}
    assert printed.pages == 2 and last == {0, 1}
    doc = load_pdf_bytes(printed.pdf, "print.pdf")
    assert _in_order(doc.body, paras) == -1
    # The lines of the short column are cited with page 2, where they were printed (its folio: 54003).
    short = next(ln for ln in printed.lines if ln.page == 2 and ln.column == 1)
    assert doc.page_of(doc.body.index(short.text.rstrip("-"), doc.pages[1])) == Layout().first_page + 1


def test_footnotes_in_smaller_type_and_superscript_marks():
    p = Pages(head="Office of the United States Trade Representative")
    p.paragraph(P1)
    superscript_line(p, [("The additional duty on semiconductors will rise to 50 percent", False), ("1", True),
                         (" in 2025.", False)])
    superscript_line(p, [("Imports of the covered products were $18 billion in 2023.", False), ("2", True),
                         (" The review began in the 21", False), ("st", True), (" week.", False)])
    y = MARGIN + 40
    p.c.line(MARGIN, y + 10, MARGIN + 144, y + 10)
    for n, note in enumerate(["See 89 FR 76581 (September 18, 2024).", "U.S. Census Bureau data for 2023."], 1):
        p.c.setFont(ROMAN, 5.5)
        p.c.drawString(MARGIN, y + 3, str(n))
        p.c.setFont(ROMAN, 8)
        p.c.drawString(MARGIN + 4, y, note)
        y -= 11
    doc = load_pdf_bytes(p.pdf(), "notes.pdf")
    got = _sentences(doc.body)
    assert "The additional duty on semiconductors will rise to 50 percent[1] in 2025." in got
    assert "Imports of the covered products were $18 billion in 2023.[2]" in got
    assert "The review began in the 21st week." in got
    lines = doc.body.splitlines()
    assert "[1] See 89 FR 76581 (September 18, 2024)." in lines and "[2] U.S. Census Bureau data for 2023." in lines
    assert doc.page_of(doc.body.index("[2] U.S. Census")) == 1


def test_table_continued_on_the_next_page_under_its_repeated_header():
    rows = [[f"8{k:03d}.{k % 90:02d}.00", f"Product number {k} of the list", f"{(25, 50, 100)[k % 3]} percent"]
            for k in range(1, 60)]
    header = ["HTS subheading", "Product", "Rate of duty"]
    doc = load_pdf_bytes(table_across_pages(rows, header, P1, 38), "annex.pdf")
    lines = doc.body.splitlines()
    assert [ln for ln in lines if " | " in ln and not ln.startswith("HTS")] == [" | ".join(r) for r in rows]
    assert lines.count(" | ".join(header)) == 2  # printed on each page, kept as printed
    assert doc.page_of(doc.body.index(" | ".join(rows[37]))) == 1 and doc.page_of(doc.body.index(" | ".join(rows[38]))) == 2
    # "Page 1" / "Page 2" at the foot are page numbers, even in a file of two pages.
    assert not re.search(r"^Page \d$", doc.body, re.M) and "Annex A to Notice of Action" not in doc.body


def test_two_column_page_then_one_column_page():
    left = [P1, P2]
    right = [P2.replace("Comments", "Rebuttal comments"), P1.replace("electric vehicles", "lithium-ion batteries")]
    after = [P1.replace("Trade Representative", "Secretary"), P2.replace("June 28", "July 8")]
    doc = load_pdf_bytes(two_then_one_column(left, right, after), "two-one.pdf")
    assert _in_order(doc.body, left + right + after) == -1
    assert doc.page_of(doc.body.index("lithium-ion")) == 1 and doc.page_of(doc.body.index("The Secretary")) == 2
    assert "Federal Register / Vol. 89" not in doc.body and doc.date == "2024-05-20"


def test_ligatures_and_soft_hyphens():
    pdf = ligatures_and_soft_hyphens(["The \ufb01nal rule modi\ufb01es the \ufb02at-rate duty on imports of steel and the",
                                      "speci\ufb01ed aluminum products; the impor\u00ad",
                                      "tation of covered goods is subject to the new ef\u00adfective rate."])
    if pdf is None:
        pytest.skip("DejaVu Serif (ligature glyphs) not installed")
    doc = load_pdf_bytes(pdf, "ligatures.pdf")
    assert _flat(doc.body) == ("The final rule modifies the flat-rate duty on imports of steel and the specified "
                               "aluminum products; the importation of covered goods is subject to the new effective "
                               "rate.")


def test_sentence_across_a_page_break_under_a_running_head():
    crossing = ("The Trade Representative has also determined that the additional duty on tungsten products, wafers "
                "and polysilicon will increase to 25 percent on January 1, 2025, after considering the comments "
                "received in the four-year review and the advice of the interagency Section 301 Committee on the "
                "effects of the modifications on the economy of the United States.")
    before = [P1, P2, P1.replace("electric vehicles", "syringes and needles"), P2.replace("June 28", "July 8"),
              P1.replace("electric vehicles", "ship-to-shore cranes")]
    doc = load_pdf_bytes(memo_across_pages(before, crossing, [P2], "USTR Notice of Modification \u2014 Docket "
                                                                   "USTR-2024-0004"), "memo.pdf")
    assert len(doc.pages) == 2
    assert crossing in _sentences(doc.body)
    at = _flat(doc.body).find(crossing)
    assert at >= 0 and doc.page_of(doc.body.index("The Trade Representative has also")) == 1
    assert doc.page_of(doc.body.index("Comments", doc.body.index("Section 301 Committee"))) == 2
    assert "USTR Notice of Modification" not in doc.body and not re.search(r"^Page \d$", doc.body, re.M)


@pytest.mark.parametrize("turn", [90, 270])
def test_page_turned_by_rotate_reads_upright_and_keeps_its_page(turn: int):
    lines = ["HTS subheading   Product   Rate", "8703.80.00   Electric vehicles   100 percent",
             "The table lists the rates of additional duty set by this notice."]
    first = Pages(head="", folio=False)
    first.paragraph(P1)
    doc = load_pdf_bytes(join_pdfs(first.pdf(), rotated_pages(lines, turn)), "rotated.pdf")
    assert _in_order(doc.body, [P1] + [_flat(ln) for ln in lines]) == -1
    assert doc.page_of(doc.body.index("8703.80.00")) == 2
