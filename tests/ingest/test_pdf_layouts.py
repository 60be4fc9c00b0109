"""PDF layouts that trip extractors (``pdflayouts``): a ruled table whose cells wrap onto a
second line and whose first column has a merged cell; a page drawn in another order than
it is read; a two-column page with a full-width heading and a full-width table between
the columns. The body must read as printed: each row one line with its wrapped cell text
in its cell, paragraphs in reading order, the table's rows between the columns' text."""
from __future__ import annotations

from ingest.chunking import split_sentences
from ingest.formats.pdf import load_pdf_bytes

from pdflayouts import columns_around_full_width_table, drawn_out_of_order, merged_cell_table

PARAS = ["The Trade Representative determined to modify the action in the four-year review of the Section 301 "
         "investigation.",
         "Tariffs on electric vehicles will increase to 100 percent in 2024. Tariffs on lithium-ion batteries for "
         "electric vehicles will increase to 25 percent in 2024, while batteries for other uses follow in 2026.",
         "Comments on the proposed modifications were due by June 28, 2024, and more than 1,100 comments were "
         "received from the public and from domestic industry.",
         "The modifications take effect on September 27, 2024, for the products listed in Annex A to this notice."]
CONTACT = ("Persons with questions may contact the Section 301 Committee at the Office of the United States Trade "
           "Representative.")


def _sentences(body: str) -> list[str]:
    return [" ".join(body[s:e].split()) for s, e in split_sentences(body)]


def test_table_cells_wrapped_onto_a_second_line_stay_in_their_cell():
    pdf = merged_cell_table(
        "Annex A lists the products subject to the increased duties and the year in which each increase takes effect.",
        ["Sector", "Product (HTS description)", "Rate"],
        [("Steel and aluminum", ["Certain steel and aluminum products, including", "flat-rolled and tubular products"],
          "25%"),
         ("", ["Aluminum wire and cable of HTS heading 7614"], "25%"),
         ("Semiconductors", ["Semiconductors of HTS heading 8541 and 8542,", "including wafers and polysilicon"],
          "50%")],
        [120, 260, 60], "The increases for semiconductors take effect on January 1, 2025.")
    lines = load_pdf_bytes(pdf, "annex.pdf").body.splitlines()
    assert "Sector | Product (HTS description) | Rate" in lines
    assert ("Steel and aluminum | Certain steel and aluminum products, including flat-rolled and tubular products | 25%"
            in lines)
    # The row under the merged "Steel and aluminum" cell is a row of its own, with its own rate.
    assert "Aluminum wire and cable of HTS heading 7614 | 25%" in lines
    assert ("Semiconductors | Semiconductors of HTS heading 8541 and 8542, including wafers and polysilicon | 50%"
            in lines)
    assert "The increases for semiconductors take effect on January 1, 2025." in lines


def test_text_drawn_out_of_order_reads_top_to_bottom():
    body = load_pdf_bytes(drawn_out_of_order(PARAS), "order.pdf").body
    sents = _sentences(body)
    expected = [s for p in PARAS for s in _sentences(p)]
    assert sents == expected


def test_two_columns_around_a_full_width_table():
    table = [["Product", "HTS subheading", "Rate of duty"], ["Electric vehicles", "8703.80.00", "100%"],
             ["Syringes and needles", "9018.31.00", "100%"]]
    pdf = columns_around_full_width_table("Notice of Modification of Section 301 Action", (PARAS[:2], PARAS[2:3]),
                                          table, ([PARAS[3]], [CONTACT]))
    body = load_pdf_bytes(pdf, "notice.pdf").body
    sents = _sentences(body)
    assert sents[0] == "Notice of Modification of Section 301 Action"
    rows = [" | ".join(r) for r in table]
    order = [_sentences(p) for p in PARAS[:3]] + [[r] for r in rows] + [_sentences(PARAS[3]), [CONTACT]]
    assert sents[1:] == [s for group in order for s in group]
