"""Citations name the page as printed: a print whose folios start at 28644 cites page
28644, not page 1 - for a one-page print too (its running head is in smaller type at the
top, with the folio at its end), and from the PDF's own /PageLabels when no folio is
printed. A PDF with no folios, or folios 1, 2, ..., keeps its page indexes."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from ingest.formats.pdf import load_pdf_bytes

from frprint import Layout, paragraphs_of, print_fr
from pdfvariants import Pages

ROOT = Path(__file__).resolve().parents[2]
PARAS = [p for name in ["fr-2019-08-13-fac-2019-05-small-entity-compliance-guide.txt",
                        "fr-2019-10-09-entity-list-additions.txt",
                        "fr-2019-12-13-far-second-interim-rule-section-889.txt",
                        "fr-2020-07-22-entity-list-additions-revisions.txt"]
         for p in paragraphs_of(ROOT / "data" / "sample" / name)]


def test_multi_page_print_cites_its_printed_folios():
    printed = print_fr(PARAS, Layout(first_page=28644))
    doc = load_pdf_bytes(printed.pdf, "fr.pdf")
    assert printed.pages >= 2
    assert doc.page_numbers == [28644 + i for i in range(printed.pages)]
    last = printed.lines[-1]
    assert doc.page_of(doc.body.rindex(last.text.split()[-1])) == 28644 + last.page - 1
    assert "28644" not in doc.body and "28645" not in doc.body


def test_one_page_print_cites_its_folio_and_drops_the_running_head():
    printed = print_fr(PARAS[:3], Layout(first_page=28644))
    assert printed.pages == 1
    doc = load_pdf_bytes(printed.pdf, "fr-one.pdf")
    assert doc.page_numbers == [28644]
    assert doc.page_of(len(doc.body) - 1) == 28644
    assert "Rules and Regulations\n" not in doc.body[:120] and not doc.body.startswith("28644")


@pytest.mark.parametrize("folio", [False, True])
def test_pages_without_folios_or_numbered_from_one_keep_their_indexes(folio: bool):
    p = Pages(head="Example Trade Office - Notice", folio=folio)
    for k in range(60):
        p.paragraph(f"Paragraph {k} of the notice says that the measure covers item {k} of the annex.")
    doc = load_pdf_bytes(p.pdf(), "memo.pdf")
    assert len(doc.pages) >= 2
    assert doc.page_numbers == []
    assert doc.page_of(len(doc.body) - 1) == len(doc.pages)


def test_one_page_memo_with_numbered_heading_keeps_it():
    p = Pages(folio=False)
    p.paragraph("15 CFR Part 744 Entity List additions for the example exporters", size=12)
    p.paragraph("The rule adds two entities to the Entity List.")
    doc = load_pdf_bytes(p.pdf(), "one.pdf")
    assert doc.page_numbers == []
    assert doc.body.startswith("15 CFR Part 744")


def test_page_labels_give_printed_numbers_when_no_folio_is_printed():
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.addPageLabel(0, style="ARABIC", start=101)
    for k in range(3):
        c.setFont("Times-Roman", 11)
        c.drawString(72, 700, f"Annex page text number {k} lists the covered products.")
        c.showPage()
    c.save()
    doc = load_pdf_bytes(buf.getvalue(), "labels.pdf")
    assert doc.page_numbers == [101, 102, 103]
