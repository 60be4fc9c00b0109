"""PDF loader: reading order across columns, word spaces, table rows, page offsets,
encryption and scanned files. PDFs are generated offline by ``pdfgen``."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.formats.common import LoadError
from ingest.formats.pdf import load_pdf_bytes
from ingest.loaders import load_file

from pdfgen import Item, build_pdf, column_page, lorem_paragraph, table_rows

pytestmark = pytest.mark.usefixtures("forbid_model")
CASES = Path(__file__).resolve().parent.parent / "fixtures" / "cases"
HEADER = "Federal Register / Vol. 89, No. 97 / Friday, May 17, 2024 / Notices"


def _fr_pages(n_paragraphs: int, columns: int = 3) -> list[list[Item]]:
    paras = [lorem_paragraph(i) for i in range(n_paragraphs)]
    pages = []
    while paras:
        items, paras = column_page(paras, columns=columns, header=HEADER)
        pages.append(items)
    return pages


def _sentence_ids(body: str) -> list[tuple[int, int]]:
    flat = re.sub(r"\s+", " ", body)
    return [(int(a), int(b)) for a, b in re.findall(r"Paragraph (\d+) sentence (\d+)", flat)]


@pytest.mark.parametrize("columns", [2, 3])
def test_multi_column_pages_read_column_by_column(columns: int):
    pages = _fr_pages(40, columns)
    assert len(pages) >= 3
    doc = load_pdf_bytes(build_pdf(pages), "fr.pdf")
    # Every sentence once, in the order written (no interleaving across columns or pages).
    assert _sentence_ids(doc.body) == [(p, s) for p in range(40) for s in range(5)]
    # A paragraph is whole: its lines are joined by single line breaks, never by a blank line.
    for p in range(40):
        first = re.search(rf"Paragraph\s+{p}\s+sentence\s+0", doc.body).start()
        last = re.search(rf"Paragraph\s+{p}\s+sentence\s+4", doc.body).start()
        page_starts = [s for s in doc.pages if first < s <= last]
        if not page_starts:  # not cut by a page break
            assert "\n\n" not in doc.body[first:last]
    # The running head is page furniture: gone from the body, kept as metadata.
    assert HEADER not in doc.body and doc.extra["running_heads"] == HEADER


def test_page_offsets_point_at_each_page():
    pages = _fr_pages(40)
    doc = load_pdf_bytes(build_pdf(pages), "fr.pdf")
    assert len(doc.pages) == len(pages) and doc.pages[0] == 0
    assert doc.pages == sorted(doc.pages)
    for n, start in enumerate(doc.pages, 1):
        # Each page opens with the top line of its first column (the running head is gone).
        assert doc.body[start:].startswith(pages[n - 1][1].text)
        assert doc.page_of(start) == n
        if n > 1:
            # A sentence runs on across each of these page breaks: one line break, not a paragraph break.
            assert doc.body[start - 2:start] != "\n\n" and doc.body[start - 1] == "\n"
            assert doc.page_of(start - 1) == n - 1
    last_sentence = re.search(r"Paragraph\s+39\s+sentence\s+4", doc.body).start()
    assert doc.page_of(last_sentence) == len(pages)
    assert doc.extra["pages"] == str(len(pages))


def test_table_rows_stay_rows_with_cell_separators():
    rows = [["HTS subheading", "Product", "Rate"], ["8703.80.00", "Electric vehicles", "100%"],
            ["8541.42.00", "Solar cells", "50%"], ["8507.60.00", "Lithium-ion batteries", "25%"]]
    items = [Item(72, 740, "Annex: Rate increases under Section 301", 11)] + table_rows(rows, x_cols=[72, 200, 450])
    doc = load_pdf_bytes(build_pdf([items]), "annex.pdf")
    lines = doc.body.split("\n")
    assert "HTS subheading | Product | Rate" in lines
    assert "8703.80.00 | Electric vehicles | 100%" in lines
    assert "8507.60.00 | Lithium-ion batteries | 25%" in lines


def test_two_column_case_keeps_columns_apart():
    doc = load_file(CASES / "pdf-two-columns" / "bulletin.pdf")
    assert doc.body == ("Column one reports that the ministry\nraised the duty on steel wire to\n"
                        "18 percent from 1 April 2022.\nColumn two reports that the customs\n"
                        "office cut the fee on copper foil to\n2 percent from 1 May 2022.")


def test_words_positioned_one_by_one_keep_their_spaces():
    doc = load_file(CASES / "pdf-missing-spaces" / "solar-notice.pdf")
    control = load_file(CASES / "pdf-missing-spaces" / "control" / "solar-notice-spaced.pdf")
    assert doc.body == control.body
    assert doc.body.startswith("The Example Trade Office extended the safeguard duty")
    # The same kind, generated: every word its own text object, no space characters.
    text = "Tariffs on imported steel wire rose to 18 percent on 1 April 2022."
    generated = load_pdf_bytes(build_pdf([[Item(72, 700, text, 11)]], word_by_word=True), "w.pdf")
    assert generated.body == text


def test_kerned_text_objects_inside_a_word_are_not_split():
    # A line drawn in pieces that split words (kerning, font changes) and contain spaces.
    items = [Item(72, 700, "Tari", 12)]
    from pdfgen import text_width

    items.append(Item(72 + text_width("Tari", 12), 700, "ff schedule for gadgets", 12))
    doc = load_pdf_bytes(build_pdf([items]), "k.pdf")
    assert doc.body == "Tariff schedule for gadgets"


@pytest.mark.parametrize("name", ["aes256-userpw.pdf", "rc4-userpw.pdf"])
def test_password_protected_pdf_says_so(name: str):
    with pytest.raises(LoadError) as err:
        load_file(CASES / "pdf-encrypted" / name)
    assert str(err.value) == "encrypted PDF (password required)"


def test_empty_password_aes_pdf_is_read():
    doc = load_file(CASES / "pdf-encrypted" / "aes256-emptypw.pdf")
    assert doc.body.startswith("The Example Trade Office extended the safeguard duty on solar panels")
    assert doc.publisher == "Example Trade Office" and doc.date == "2022-03-01"


def test_pdf_without_text_layer_says_scanned(tmp_path: Path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(build_pdf([[], []]))
    with pytest.raises(LoadError) as err:
        load_file(p)
    assert "no text layer on its 2 page(s)" in str(err.value) and "OCR" in str(err.value)


@pytest.mark.parametrize("rotate", [90, 270])
def test_rotated_landscape_table_reads_in_its_own_direction(rotate: int):
    rows = ["Annex C: rate increases (landscape)", "8703.80.00 | Electric vehicles | 100 percent",
            "8541.42.00 | Solar cells | 50 percent"]
    items = []
    for i, row in enumerate(rows):
        cells = row.split(" | ")
        offset = 0.0
        for cell in cells:
            # Lines progress "down" the rotated page: to larger x for 90 degrees, smaller for 270.
            x = 100 + i * 16 if rotate == 90 else 500 - i * 16
            y = 100 + offset if rotate == 90 else 700 - offset
            items.append(Item(x, y, cell, 10, rotate=rotate))
            offset += 160
    doc = load_pdf_bytes(build_pdf([items]), "rot.pdf")
    assert doc.body.split("\n") == rows


def test_table_across_the_columns_splits_the_page_into_above_table_below():
    from pdfgen import wrap

    def columns(paras: list[str], y_top: float, y_bottom: float) -> list[Item]:
        items, col_w, col, y = [], (612 - 96 - 28) / 3, 0, y_top
        for p in paras:
            for line in wrap(p, col_w, 8):
                if y < y_bottom:
                    col, y = col + 1, y_top
                items.append(Item(48 + col * (col_w + 14), y, line, 8))
                y -= 10
            y -= 6
        return items

    items = [Item(48, 760, HEADER, 8)] + columns([lorem_paragraph(i, 3) for i in range(4)], 740, 520)
    items += table_rows([["HTS", "Product", "Rate"], ["8703.80.00", "Electric vehicles", "100%"]],
                        x_cols=[48, 250, 480], top=500, size=8, leading=12)
    items += columns([lorem_paragraph(i, 3) for i in range(10, 14)], 460, 240)
    body = load_pdf_bytes(build_pdf([items]), "mixed.pdf").body
    flat = re.sub(r"\s+", " ", body)
    order = re.findall(r"Paragraph (\d+) sentence 0|(HTS \| Product \| Rate)|(8703\.80\.00 \| Electric vehicles \| 100%)",
                       flat)
    assert [a or b or c for a, b, c in order] == ["0", "1", "2", "3", "HTS | Product | Rate",
                                                  "8703.80.00 | Electric vehicles | 100%", "10", "11", "12", "13"]
    assert _sentence_ids(body) == [(p, s) for p in [0, 1, 2, 3, 10, 11, 12, 13] for s in range(3)]


def test_words_hyphenated_at_line_ends_are_mended():
    lines = ["The Trade Representative increased the impor-", "tation duty on steel to 25 percent, effec-",
             "tive immediately. Section 301-", "related actions continue. Anti-", "dumping"]
    items = [Item(72, 700 - 14 * i, text, 10) for i, text in enumerate(lines)]
    doc = load_pdf_bytes(build_pdf([items]), "h.pdf")
    assert doc.body.split("\n") == ["The Trade Representative increased the importation",
                                    "duty on steel to 25 percent, effective", "immediately. Section 301-",
                                    "related actions continue. Antidumping"]


@pytest.mark.parametrize("columns, size", [(3, 8), (2, 10), (1, 11)])
def test_pdf_sentences_are_whole_across_column_lines(columns: int, size: float):
    from ingest.chunking import split_sentences

    paras = [lorem_paragraph(i) for i in range(40)]
    pages = []
    while paras:
        items, paras = column_page(paras, columns=columns, size=size, leading=size * 1.25, header=HEADER)
        pages.append(items)
    doc = load_pdf_bytes(build_pdf(pages), "fr.pdf")
    assert len(pages) > 1
    sentences = [" ".join(doc.body[s:e].split()) for s, e in split_sentences(doc.body)]
    # Every sentence whole, page breaks included: the running head no longer cuts them.
    assert len(sentences) == 200
    for text in sentences:
        assert re.fullmatch(r"Paragraph \d+ sentence \d+ states that the duty on product P\d+ is \d+ percent "
                            r"under notice \d+ and the quota is \d+ tonnes\.", text), text


def test_a_page_the_layout_cannot_handle_falls_back_to_plain_text(monkeypatch, caplog):
    import ingest.formats.pdf as pdf_mod

    def broken(_textpage):
        raise ValueError("odd page")

    monkeypatch.setattr(pdf_mod, "_page_words", broken)
    doc = load_pdf_bytes(build_pdf([[Item(72, 700, "Duties rise to 25 percent.", 11)]]), "odd.pdf")
    assert doc.body == "Duties rise to 25 percent."
    assert "layout analysis failed" in caplog.text


# ------------------------------------------------------------------ page furniture
FR_HEAD = "Federal Register / Vol. 84, No. 196 / Wednesday, October 9, 2019 / Rules and Regulations"


def _printed_fr(n_paragraphs: int = 40) -> list[list[Item]]:
    """Federal Register print pages as GPO sets them: the running head with the page
    number on the outer side (left on even pages, right on odd ones), a page number
    at the foot, and the "VerDate ..." printing line rotated up the left margin."""
    paras = [lorem_paragraph(i) for i in range(n_paragraphs)]
    pages, n = [], 0
    while paras:
        n += 1
        head = f"{54470 + n} {FR_HEAD}" if n % 2 == 0 else f"{FR_HEAD} {54470 + n}"
        items, paras = column_page(paras, columns=3, header=head)
        items.append(Item(20, 100, f"VerDate Sep<11>2014 16:53 Oct 08, 2019 Jkt 250001 PO 00000 Frm {n:05d} "
                                   f"Fmt 4700 Sfmt 4700 E:\\FR\\FM\\09OCR1.SGM 09OCR1", 6, rotate=90))
        items.append(Item(300, 30, str(n), 9))
        pages.append(items)
    return pages


def test_running_heads_feet_and_margin_lines_leave_the_body():
    from ingest.chunking import split_sentences

    pages = _printed_fr()
    assert len(pages) >= 3
    doc = load_pdf_bytes(build_pdf(pages), "fr-print.pdf")
    for furniture in ("Federal Register", "Vol. 84", "VerDate", "Sfmt", "54471", "54472"):
        assert furniture not in doc.body, furniture
    assert not re.search(r"^\d{1,3}$", doc.body, re.M), "a page number is left on a line of its own"
    # Every sentence once, in order, and whole - including the ones that ran across a page break.
    assert _sentence_ids(doc.body) == [(p, s) for p in range(40) for s in range(5)]
    sentences = [" ".join(doc.body[s:e].split()) for s, e in split_sentences(doc.body)]
    assert len(sentences) == 200 and all(t.startswith("Paragraph") and t.endswith("tonnes.") for t in sentences)
    runs_on = "Paragraph 13 sentence 4 states that the duty on product P134 is 34 percent under notice 134 and " \
              "the quota is 938 tonnes."
    assert runs_on in sentences
    # Page offsets still point at each page's first line; the broken sentence is cited on both pages.
    assert len(doc.pages) == len(pages)
    for n, start in enumerate(doc.pages, 1):
        assert doc.body[start:].startswith(pages[n - 1][1].text) and doc.page_of(start) == n
    at = doc.body.index("notice 134 and the quota is 938")
    assert doc.page_of(at) == 2 and doc.page_of(doc.body.rindex("P134", 0, at)) == 1
    # The removed lines are metadata: one example of each kind; they date and type the document.
    heads = doc.extra["running_heads"].split(" || ")
    assert heads[0] == f"{FR_HEAD} 54471" and "1" in heads and any(h.startswith("VerDate") for h in heads)
    assert len(heads) == 3
    assert doc.date == "2019-10-09" and doc.doc_type == "federal-register"


def test_only_repeated_edge_lines_go():
    """A title on the first page, a heading that ends a page, a line like the running
    head inside the text and a table header repeated on every page all stay."""
    head = "USTR Notice of Action / Section 301 / Page {n} of 3"
    first = [Item(72, 740, head.format(n=1), 8), Item(72, 700, "Notice of Action in the Section 301 Investigation", 14),
             Item(72, 670, "The Trade Representative modifies the action. Duties rise on 1 August 2024.", 10),
             Item(72, 656, f"Running text that quotes the head: {head.format(n=9)} is how each page is marked.", 10),
             Item(72, 600, "Background", 10), Item(72, 60, "Printed by the Office of the USTR", 8)]
    second = [Item(72, 740, head.format(n=2), 8), Item(72, 700, "HTS | Product | Rate", 10),
              Item(72, 686, "The investigation began in 2017 and found the acts unreasonable.", 10),
              Item(72, 60, "Printed by the Office of the USTR", 8)]
    third = [Item(72, 740, head.format(n=3), 8), Item(72, 700, "HTS | Product | Rate", 10),
             Item(72, 686, "Comments are due by 15 June 2024.", 10), Item(72, 60, "Printed by the Office of the USTR", 8)]
    doc = load_pdf_bytes(build_pdf([first, second, third]), "ustr.pdf")
    assert "Page 1 of 3" not in doc.body and "Page 3 of 3" not in doc.body and "Printed by" not in doc.body
    assert doc.title == "Notice of Action in the Section 301 Investigation"
    assert "quotes the head: USTR Notice of Action / Section 301 / Page 9 of 3 is how" in doc.body
    assert doc.body.count("HTS | Product | Rate") == 2
    # "Background" ends page 1 without a full stop but is a heading: the break stays a paragraph break.
    assert "Background\n\nHTS | Product | Rate" in doc.body
    assert doc.extra["running_heads"] == "USTR Notice of Action / Section 301 / Page 1 of 3 || " \
                                         "Printed by the Office of the USTR"


def test_a_single_page_keeps_everything_and_rotated_text_is_a_paragraph_of_its_own():
    lines = ["The duty on steel wire rose to 18 percent.", "The duty on copper foil fell to 2 percent."]
    items = [Item(72, 700 - 14 * i, t, 10) for i, t in enumerate(lines)] + [
        Item(20, 300, "Draft for comment", 8, rotate=90), Item(300, 30, "1", 9)]
    doc = load_pdf_bytes(build_pdf([items]), "one.pdf")
    # Nothing repeats on one page: nothing is furniture; the margin note is not shredded into the lines.
    assert doc.body.split("\n\n") == ["\n".join(lines), "1", "Draft for comment"]
    assert "running_heads" not in doc.extra


def test_a_word_hyphenated_across_a_page_break_is_mended():
    page1 = [Item(72, 740, "Example Gazette / Vol. 3 / Page 1", 8)] + [
        Item(72, 700 - 14 * i, t, 10) for i, t in enumerate([
            "The Trade Representative has decided that the additional duties on",
            "imports of steel wire will remain in effect during the impor-"])]
    page2 = [Item(72, 740, "Example Gazette / Vol. 3 / Page 2", 8), Item(72, 700, "tation season and end on 1 May 2025.", 10)]
    doc = load_pdf_bytes(build_pdf([page1, page2]), "g.pdf")
    assert doc.body == ("The Trade Representative has decided that the additional duties on\nimports of steel "
                        "wire will remain in effect during the importation\nseason and end on 1 May 2025.")
    assert doc.pages == [0, doc.body.index("season")] and doc.page_of(doc.body.index("season")) == 2


@pytest.mark.parametrize("a, b", [
    ("54472 Federal Register / Vol. 84, No. 196 / Wednesday, October 9, 2019 / Rules and Regulations",
     "Federal Register / Vol. 84, No. 197 / Thursday, October 10, 2019 / Rules and Regulations 54601"),
    ("Page 3 of 12", "Page 11 of 12"),
    ("- 7 -", "- 12 -"),
    ("54472 | Federal Register / Vol. 84", "Federal Register / Vol. 84 | 54473"),
])
def test_furniture_key_folds_numbers_dates_and_page_numbers(a: str, b: str):
    from ingest.formats.pdf import furniture_key

    assert furniture_key(a) == furniture_key(b)
    assert furniture_key("Federal Register / Vol. 84") != furniture_key("Federal Reserve / Vol. 84")


def test_numbered_headings_opening_two_pages_are_not_furniture():
    pages = [[Item(72, 740, f"Annex {n}", 12), Item(72, 700, f"Rates of duty under schedule {n} apply from 2024.", 10),
              Item(72, 40, "Example Trade Office", 8)] for n in (1, 2)]
    doc = load_pdf_bytes(build_pdf(pages), "annexes.pdf")
    assert doc.body == ("Annex 1\nRates of duty under schedule 1 apply from 2024.\n\n"
                        "Annex 2\nRates of duty under schedule 2 apply from 2024.")
    assert doc.extra["running_heads"] == "Example Trade Office"
    # Three pages or more: a line whose number follows the page is page furniture; the
    # text below it is not, though its numbers follow the page too.
    pages = [[Item(72, 740, f"Page {n} of 3", 8), Item(72, 700, f"Duties rise on {n} May 2024 for group {n}.", 10)]
             for n in (1, 2, 3)]
    doc = load_pdf_bytes(build_pdf(pages), "p.pdf")
    assert doc.body == "\n\n".join(f"Duties rise on {n} May 2024 for group {n}." for n in (1, 2, 3))
    assert doc.extra["running_heads"] == "Page 1 of 3"


def test_a_running_head_that_changes_by_chapter_goes_too():
    # Three annexes of four pages, each with its own running head (a third of the pages each).
    annexes = ["Annex I: Products of Ruritania", "Annex II: Products of Freedonia", "Annex III: Products of Sylvania"]
    pages = []
    for n in range(12):
        body = [Item(72, 700 - 14 * i, f"Item {n}-{i}: the duty on widget type {n * 10 + i} is {i + 5} percent.", 10)
                for i in range(3)]
        pages.append([Item(72, 750, f"{annexes[n // 4]} | page {n + 1}", 8)] + body)
    doc = load_pdf_bytes(build_pdf(pages), "annexes.pdf")
    assert "Products of" not in doc.body and "page 1" not in doc.body
    assert len(re.findall(r"Item \d+-\d: the duty", doc.body)) == 36
    assert doc.extra["running_heads"].split(" || ") == [f"{a} | page {1 + 4 * k}" for k, a in enumerate(annexes)]


@pytest.mark.parametrize("prev, nxt, joined", [
    ("The duty on steel wire\nwill rise from 10 percent to", "25 percent on 1 May.", True),
    ("The duty on steel wire\nwill rise from 10 percent to", "the rate set by the Annex.", True),
    ("The duty rises to 25 percent on 1 May.", "The quota is unchanged.", False),
    ("The duty on steel wire will rise from 10 to 25 percent.\nBackground", "The investigation began in 2017.", False),
    ("The duty on steel wire will rise from\n\n7", "the rate set by the Annex.", False),  # a page number left over
    ("HTS | Product | Rate\n8703 | Electric vehicles | 100", "8541 | Solar cells | 50", False),
])
def test_runs_on_across_a_page_break(prev: str, nxt: str, joined: bool):
    from ingest.formats.pdf import _runs_on

    assert _runs_on(prev, nxt) is joined
