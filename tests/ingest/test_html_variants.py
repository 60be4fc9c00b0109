"""Realistic HTML variants (issue 9, held-back kinds): agency pages whose markup a reader
reads differently from a naive text dump - line breaks by ``<br>``, tables used for
layout, definition lists, footnote links, a two-row table header. Each asserts the
text a reader sees, and sentences where the answerer quotes them."""
from __future__ import annotations

from pathlib import Path

from ingest.chunking import split_sentences
from ingest.loaders import load_file


def _load(tmp_path: Path, html: str):
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    return load_file(p)


def _sentences(body: str) -> list[str]:
    return [" ".join(body[s:e].split()) for s, e in split_sentences(body)]


def test_br_is_a_line_break_inside_its_paragraph_not_a_sentence_end(tmp_path: Path):
    doc = _load(tmp_path, "<html><body><main><p>The additional duty on steel pipe is<br>25 percent ad valorem."
                          "</p><address>Office of the USTR<br/>600 17th Street NW<br>Washington, DC</address>"
                          "</main></body></html>")
    assert doc.body == ("The additional duty on steel pipe is\n25 percent ad valorem.\n\n"
                        "Office of the USTR\n600 17th Street NW\nWashington, DC")
    assert "The additional duty on steel pipe is 25 percent ad valorem." in _sentences(doc.body)


def test_layout_table_cells_are_blocks_not_a_row(tmp_path: Path):
    doc = _load(tmp_path, """<html><body><table role="presentation"><tr><td><a href="/">Home</a></td><td>
        <h1>Notice of Action</h1><p>The Trade Representative has determined to increase the tariff on electric
        vehicles to 100 percent. The increase takes effect on August 1, 2024.</p>
        <table><tr><th>HTS</th><th>Rate</th></tr><tr><td>8703.80.00</td><td>100%</td></tr></table>
        </td></tr></table></body></html>""")
    assert " | Notice of Action" not in doc.body and doc.title == "Notice of Action"
    assert doc.body.split("\n\n")[1:] == [
        "Notice of Action",
        "The Trade Representative has determined to increase the tariff on electric vehicles to 100 percent. "
        "The increase takes effect on August 1, 2024.",
        "HTS: 8703.80.00 | Rate: 100%"]


def test_one_row_table_of_prose_columns_is_layout(tmp_path: Path):
    left = ("The Trade Representative has determined to increase the tariff on electric vehicles to 100 percent, "
            "effective August 1, 2024.")
    right = "Comments on the proposed modifications are due by June 28, 2024, through regulations.gov."
    doc = _load(tmp_path, f'<html><body><table width="100%"><tr><td valign="top">{left}</td>'
                          f'<td valign="top">{right}</td></tr></table></body></html>')
    assert doc.body == f"{left}\n\n{right}"


def test_definition_list_pairs_each_term_with_its_definition(tmp_path: Path):
    doc = _load(tmp_path, "<html><body><main><h2>Key dates</h2><dl><dt>Effective date</dt><dd>August 1, 2024</dd>"
                          "<dt>Comment deadline:</dt><dd>June 28, <em>2024</em></dd><dt>Docket</dt>"
                          "<dd><p>USTR-2024-0004.</p><p>Submit comments online.</p></dd></dl></main></body></html>")
    assert doc.body.split("\n\n") == ["Key dates", "Effective date: August 1, 2024", "Comment deadline: June 28, 2024",
                                      "Docket", "USTR-2024-0004.", "Submit comments online."]


def test_footnote_links_do_not_run_into_words_or_figures(tmp_path: Path):
    doc = _load(tmp_path, '<html><body><main><p>The tariff on semiconductors will rise to 50 percent<sup>'
                          '<a href="#fn1" id="r1">1</a></sup> in 2025.</p><p>Imports reached $18 billion in 2023.'
                          '<sup id="r2"><a href="#fn2">2</a></sup> The review began in 2022.</p>'
                          '<p>Area: 12 m<sup>2</sup>.</p><ol><li id="fn1">See 89 FR 76581.</li></ol>'
                          '</main></body></html>')
    paras = doc.body.split("\n\n")
    assert paras[:3] == ["The tariff on semiconductors will rise to 50 percent[1] in 2025.",
                         "Imports reached $18 billion in 2023.[2] The review began in 2022.", "Area: 12 m2."]
    # "2023.[2]" ends a sentence; the mark goes with it, not with the next one.
    assert _sentences(doc.body)[1:3] == ["Imports reached $18 billion in 2023.[2]", "The review began in 2022."]


def test_two_row_header_with_column_groups_labels_every_cell(tmp_path: Path):
    doc = _load(tmp_path, "<html><body><main><table><tr><th rowspan=2>HTS subheading</th><th colspan=2>Tariff rate"
                          "</th></tr><tr><th>Current</th><th>Increase</th></tr><tr><td>8703.80.00</td><td>25%</td>"
                          "<td>100%</td></tr></table></main></body></html>")
    assert doc.body == "HTS subheading: 8703.80.00 | Tariff rate Current: 25% | Tariff rate Increase: 100%"


def test_hard_wrapped_page_source_is_one_paragraph_and_pre_keeps_its_lines(tmp_path: Path):
    doc = _load(tmp_path, "<html><body><main>\n<p>The Trade Representative has determined to\n    increase the "
                          "tariff on electric\r\n    vehicles to 100 percent.</p>\n<pre>HTS 8703.80.00   100%\n"
                          "HTS 8507.60.00    25%</pre></main></body></html>")
    assert doc.body == ("The Trade Representative has determined to increase the tariff on electric vehicles to "
                        "100 percent.\n\nHTS 8703.80.00 100%\nHTS 8507.60.00 25%")


def test_header_row_drawn_in_bold_data_cells_labels_the_rows(tmp_path: Path):
    doc = _load(tmp_path, "<html><body><main><table><tr><td><strong>Product</strong></td><td><b>Additional duty</b>"
                          "</td></tr><tr><td>Steel pipe</td><td>25%</td></tr><tr><td><strong>Aluminium foil</strong>"
                          "</td><td>10%</td></tr></table></main></body></html>")
    assert doc.body.split("\n\n") == ["Product: Steel pipe | Additional duty: 25%",
                                      "Product: Aluminium foil | Additional duty: 10%"]
