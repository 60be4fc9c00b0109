"""Loaders: every supported format gives a Document with the right body and
metadata; every bad input gives a LoadError with a reason a person can act on.
No embedding model is needed (``forbid_model``)."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.loaders import (LoadError, SUPPORTED_SUFFIXES, decode_text, infer_doc_type, iter_input_files, load_file,
                            normalise_date, parse_header)
from pdfgen import serialise

pytestmark = pytest.mark.usefixtures("forbid_model")


def make_pdf(pages: list[str], *, title: str = "", author: str = "", created: str = "") -> bytes:
    """A minimal, valid PDF (Helvetica text, one line per page) with a correct xref table."""
    objs: list[bytes] = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    page_ids = [3 + 2 * i for i in range(n_pages)]
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{' '.join(f'{i} 0 R' for i in page_ids)}] /Count {n_pages} >>".encode())
    for i, text in enumerate(pages):
        esc = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = f"BT /F1 12 Tf 72 720 Td ({esc}) Tj ET".encode()
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font_id} 0 R >> >> "
                    f"/Contents {page_ids[i] + 1} 0 R >>".encode())
        objs.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    info = []
    if title:
        info.append(f"/Title ({title})")
    if author:
        info.append(f"/Author ({author})")
    if created:
        info.append(f"/CreationDate ({created})")
    info_id = None
    if info:
        objs.append(("<< " + " ".join(info) + " >>").encode())
        info_id = len(objs)
    return serialise(objs, info_id)


# ------------------------------------------------------------------ text
def test_corpus_header_text(tmp_path: Path):
    p = tmp_path / "notice.txt"
    p.write_text("title: Widget licensing\npublisher: Ministry of Trade\ndate: March 3, 2021\n"
                 "url: https://example.org/w\nlicense: public domain\n---\nFirst line.\n\nSecond paragraph.\n",
                 encoding="utf-8")
    doc = load_file(p)
    assert doc.title == "Widget licensing"
    assert doc.publisher == "Ministry of Trade"
    assert doc.date == "2021-03-03" and doc.date_int == 20210303
    assert doc.url == "https://example.org/w"
    assert doc.body == "First line.\n\nSecond paragraph.\n"  # verbatim, header removed
    assert doc.extra == {"license": "public domain", "encoding": "utf-8"}
    assert doc.source == str(p.resolve())
    assert doc.doc_type == "text"


def test_every_shared_corpus_header_is_parsed(corpus_dir: Path):
    for f in sorted(corpus_dir.glob("*.txt")):
        doc = load_file(f)
        raw = f.read_text(encoding="utf-8")
        assert doc.title and doc.publisher, f.name
        # The body is the verbatim tail (GPO's "[[Page 68315]]" between paragraphs stays: no sentence
        # runs on across it), and a page line gives the printed page numbers.
        assert raw.endswith(doc.body) and "\n---\n" + doc.body in raw, f.name
        assert bool(doc.page_numbers) == ("[[Page" in raw), f.name
        assert not doc.body.startswith("title:"), f.name
        assert doc.doc_type not in ("", "text"), f"{f.name}: doc_type {doc.doc_type!r} not inferred"


def test_plain_text_without_header(tmp_path: Path):
    p = tmp_path / "plain.txt"
    text = "Sprocket makers were added to the watch list.\nThey appealed: see note 3.\n"
    p.write_text(text, encoding="utf-8")
    doc = load_file(p)
    assert doc.body == text
    assert doc.title == "Sprocket makers were added to the watch list."
    assert doc.date == "" and doc.date_int == 0 and doc.publisher == ""


def test_text_with_colon_first_line_is_not_a_header(tmp_path: Path):
    # "Note: ..." looks like a header line but no `---` follows: the whole text is the body.
    p = tmp_path / "note.txt"
    text = "Note: exports need a licence.\nThis is the second line.\n"
    p.write_text(text, encoding="utf-8")
    assert load_file(p).body == text


def test_markdown_with_front_matter(tmp_path: Path):
    p = tmp_path / "guide.md"
    p.write_text("---\ntitle: Exporter guide\ndate: 2020-06-05\ntype: guidance\n---\n# Heading\n\nBody text.\n",
                 encoding="utf-8")
    doc = load_file(p)
    assert doc.title == "Exporter guide"
    assert doc.date == "2020-06-05"
    assert doc.doc_type == "guidance"
    assert doc.body == "# Heading\n\nBody text.\n"


def test_markdown_without_front_matter(tmp_path: Path):
    p = tmp_path / "tariffs.markdown"
    text = "# Gadget tariff schedule\n\nGadgets pay 12 percent.\n"
    p.write_text(text, encoding="utf-8")
    doc = load_file(p)
    assert doc.body == text
    assert doc.title == "Gadget tariff schedule"  # first line, '#' stripped
    assert doc.doc_type == "markdown"


def test_utf8_bom_and_utf16_are_decoded():
    assert decode_text("\ufeffcafé".encode("utf-8")) == "café"
    assert decode_text("café export".encode("utf-16")) == "café export"


# ------------------------------------------------------------------ html
HTML = """<!doctype html><html><head><title>Visa restrictions | State</title>
<meta property="og:site_name" content="U.S. Department of State">
<meta name="date" content="2019-10-08">
<style>body { color: red }</style><script>var tracking = "SECRET_SCRIPT";</script></head>
<body><nav><a href="/">NAVIGATION_MENU</a></nav><header>SITE_BANNER</header>
<main><h1>Visa restrictions on Chinese officials</h1>
<p>The Department of State is imposing visa restrictions.</p><p>They   complement&nbsp;the Commerce action.</p>
<ul><li>First item</li><li>Second item</li></ul></main>
<footer>FOOTER_TEXT</footer><noscript>NOSCRIPT_TEXT</noscript></body></html>"""


def test_html_drops_script_style_nav_and_keeps_title(tmp_path: Path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    doc = load_file(p)
    assert doc.title == "Visa restrictions | State"
    assert doc.publisher == "U.S. Department of State"
    assert doc.date == "2019-10-08"
    for dropped in ("SECRET_SCRIPT", "color: red", "NAVIGATION_MENU", "SITE_BANNER", "FOOTER_TEXT", "NOSCRIPT_TEXT"):
        assert dropped not in doc.body, dropped
    assert "The Department of State is imposing visa restrictions." in doc.body
    assert "They complement the Commerce action." in doc.body  # white space and &nbsp; collapsed
    assert "\n\nFirst item\n\nSecond item" in doc.body  # block elements become paragraphs
    assert doc.doc_type == "html"


def test_html_without_title_uses_h1(tmp_path: Path):
    p = tmp_path / "x.htm"
    p.write_text("<html><body><h1>Tariff bulletin</h1><p>Rates rise.</p></body></html>", encoding="utf-8")
    doc = load_file(p)
    assert doc.title == "Tariff bulletin"
    assert doc.body == "Tariff bulletin\n\nRates rise."


def test_html_with_only_scripts_has_no_text(tmp_path: Path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><script>x=1</script></head><body><nav>menu</nav></body></html>", encoding="utf-8")
    with pytest.raises(LoadError, match="no text content"):
        load_file(p)


# ------------------------------------------------------------------ pdf
def test_pdf_text_and_metadata(tmp_path: Path):
    p = tmp_path / "rule.pdf"
    p.write_bytes(make_pdf(["Interim rule takes effect August 13, 2019.", "Second page (annex) text."],
                           title="Section 889 interim rule", author="FAR Council", created="D:20190813120000Z"))
    doc = load_file(p)
    assert "Interim rule takes effect August 13, 2019." in doc.body
    assert "Second page (annex) text." in doc.body
    assert doc.body.index("Interim") < doc.body.index("Second page")
    assert "\n\n" in doc.body  # pages joined by a blank line
    assert doc.title == "Section 889 interim rule"
    assert doc.publisher == "FAR Council"
    assert doc.date == "2019-08-13"


def test_pdf_made_with_matplotlib(tmp_path: Path):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    p = tmp_path / "chart.pdf"
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        with PdfPages(p) as pdf:
            fig = plt.figure()
            fig.text(0.1, 0.5, "Tariff schedule for gadgets")
            pdf.savefig(fig)
            plt.close(fig)
    doc = load_file(p)
    assert "Tariff schedule for gadgets" in doc.body
    assert doc.doc_type == "pdf"


def test_pdf_without_text(tmp_path: Path):
    p = tmp_path / "blank.pdf"
    p.write_bytes(make_pdf([""]))
    with pytest.raises(LoadError, match="no extractable text"):
        load_file(p)


@pytest.mark.parametrize("content, reason", [
    (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nthis is garbage", "broken PDF"),
    (b"just some text pretending to be a PDF", "missing %PDF signature"),
])
def test_broken_pdf(tmp_path: Path, content: bytes, reason: str):
    p = tmp_path / "broken.pdf"
    p.write_bytes(content)
    with pytest.raises(LoadError, match=reason):
        load_file(p)


def test_truncated_pdf_is_a_load_error(tmp_path: Path):
    good = make_pdf(["Some text on page one."])
    p = tmp_path / "truncated.pdf"
    p.write_bytes(good[: len(good) // 2])
    with pytest.raises(LoadError):
        load_file(p)


# ------------------------------------------------------------------ bad files
@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\t\n", "empty file"),
    ("binary.txt", b"abc\x00\x01\x02def", "binary file"),
    ("noise.txt", bytes(range(1, 32)) * 20, "binary file"),
    ("data.docx", b"PK\x03\x04 some zip", "unsupported file type .docx"),
    ("README", b"no suffix here", "unsupported file type (no suffix)"),
    ("header-only.txt", b"title: Nothing\n---\n   \n", "no text content"),
])
def test_bad_files_raise_load_error_with_reason(tmp_path: Path, name: str, content: bytes, reason: str):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(LoadError) as err:
        load_file(p)
    assert reason in str(err.value)


def test_unsupported_suffix_lists_supported_types(tmp_path: Path):
    p = tmp_path / "sheet.xlsx"
    p.write_bytes(b"x")
    with pytest.raises(LoadError) as err:
        load_file(p)
    for suffix in (".txt", ".md", ".html", ".pdf"):
        assert suffix in str(err.value)


def test_missing_file_and_directory(tmp_path: Path):
    with pytest.raises(LoadError, match="file not found"):
        load_file(tmp_path / "nope.txt")
    with pytest.raises(LoadError, match="not a regular file"):
        load_file(tmp_path)


# ------------------------------------------------------------------ helpers
def test_parse_header_edge_cases():
    assert parse_header("no header here\n---\nbody") == ({}, "no header here\n---\nbody")
    assert parse_header("---\n---\nbody") == ({}, "---\n---\nbody")  # empty front matter is not a header
    header, body = parse_header("Title: A\nSee Also: B\n  continued\n---\nbody\n")
    assert header == {"title": "A", "see_also": "B continued"} and body == "body\n"


@pytest.mark.parametrize("value, iso", [
    ("2019-10-08", "2019-10-08"), ("2019-10-08T12:00:00Z", "2019-10-08"), ("October 8, 2019", "2019-10-08"),
    ("Oct 8, 2019", "2019-10-08"), ("8 October 2019", "2019-10-08"), ("10/08/2019", "2019-10-08"),
    ("June 2020", "2020-06-01"), ("unknown", ""), ("", ""),
])
def test_normalise_date(value: str, iso: str):
    assert normalise_date(value) == iso


def test_infer_doc_type():
    assert infer_doc_type("US widens blacklist", "Reuters", "text") == "news"
    assert infer_doc_type("15 CFR 744.16 Entity List", "", "text") == "regulation"
    assert infer_doc_type("Something else", "Nobody", "html") == "html"


def test_iter_input_files_recurses_and_skips_hidden_and_unsupported(tmp_path: Path):
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("b", encoding="utf-8")
    (tmp_path / "sub" / "c.xlsx").write_text("c", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("d", encoding="utf-8")
    explicit = tmp_path / "sub" / "c.xlsx"
    files = iter_input_files([tmp_path, tmp_path / "a.txt", explicit])
    names = [f.name for f in files]
    assert names == ["a.txt", "b.md", "c.xlsx"]  # folder: supported only; explicit file kept; no duplicates
    assert ".pdf" in SUPPORTED_SUFFIXES


# ------------------------------------------------------------------ encodings
FRENCH = ("Les droits de douane sur l'acier ont été relevés à 25 % à compter du 1er avril. "
          "Le ministère a précisé que les importations d'aluminium étaient également concernées.\n")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16-le", "utf-16-be", "utf-16", "utf-8-sig"])
def test_legacy_and_utf16_text_is_decoded_and_recorded(tmp_path: Path, encoding: str):
    text = "title: Droits sur l'acier\n---\n" + FRENCH + ("Prix: 5 € – “tarif” relevé.\n" if encoding == "cp1252" else "")
    p = tmp_path / "note.txt"
    p.write_bytes(text.encode(encoding))
    doc = load_file(p)
    assert doc.title == "Droits sur l'acier"
    assert doc.body.startswith(FRENCH)
    if encoding == "cp1252":
        assert "5 € – “tarif” relevé." in doc.body
    assert doc.extra["encoding"] in {"cp1252": {"cp1252"}, "latin-1": {"cp1252", "latin_1", "iso8859_15"},
                                     "utf-16-le": {"utf-16-le"}, "utf-16-be": {"utf-16-be"},
                                     "utf-16": {"utf-16"}, "utf-8-sig": {"utf-8-sig"}}[encoding]


def test_short_windows_1252_word_file_export(tmp_path: Path):
    p = tmp_path / "memo.txt"
    p.write_bytes("Café exports to Zürich – “quoted” at €5.\n".encode("cp1252"))
    assert load_file(p).body == "Café exports to Zürich – “quoted” at €5.\n"


def test_cyrillic_code_page_is_decoded(tmp_path: Path):
    p = tmp_path / "ru.txt"
    text = "Пошлины на сталь повышены до 25 процентов с 1 апреля 2022 года. Министерство сообщило об этом.\n"
    p.write_bytes(text.encode("cp1251"))
    assert load_file(p).body == text


def test_html_in_windows_1252(tmp_path: Path):
    p = tmp_path / "page.html"
    p.write_bytes("<html><head><title>Zölle</title></head><body><p>Die Zölle steigen um 25 %.</p></body></html>"
                  .encode("cp1252"))
    doc = load_file(p)
    assert doc.body == "Die Zölle steigen um 25 %." and doc.extra["encoding"] == "cp1252"


# ------------------------------------------------------------------ markdown payloads
def test_markdown_data_uris_and_base64_are_removed_keeping_alt_text(tmp_path: Path):
    blob = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk" * 20
    p = tmp_path / "chart.md"
    p.write_text("# Steel chart\n\nImports rose 12 percent.\n\n"
                 f"![Monthly imports chart](data:image/png;base64,{blob})\n\n"
                 f'<img alt="Second chart" src="data:image/gif;base64,{blob}">\n\n'
                 f"[csv download](data:text/csv;base64,{blob} \"data\")\n\n"
                 f"[logo]: data:image/png;base64,{blob}\n\n"
                 f"{blob}\n\nThe next report is due in May.\n", encoding="utf-8")
    doc = load_file(p)
    assert "base64" not in doc.body and "data:" not in doc.body and blob[:40] not in doc.body
    assert "Monthly imports chart" in doc.body and "Second chart" in doc.body and "csv download" in doc.body
    assert "Imports rose 12 percent." in doc.body and "The next report is due in May." in doc.body
    assert int(doc.extra["removed_payload_chars"]) > 5 * len(blob)


def test_markdown_image_links_to_files_are_kept(tmp_path: Path):
    p = tmp_path / "page.md"
    body = "# Chart\n\n![Imports](charts/imports.png) shows the trend.\n"
    p.write_text(body, encoding="utf-8")
    assert load_file(p).body == body


# ------------------------------------------------------------------ html tables
def test_html_table_without_header_keeps_cell_boundaries(tmp_path: Path):
    p = tmp_path / "t.html"
    p.write_text("<html><body><main><p>Rates:</p><table><tr><td>Steel pipe</td><td>25%</td><td>1801</td></tr>"
                 "<tr><td>Aluminium foil</td><td>10%</td><td>8,893</td></tr></table></main></body></html>",
                 encoding="utf-8")
    assert load_file(p).body == "Rates:\n\nSteel pipe | 25% | 1801\n\nAluminium foil | 10% | 8,893"


def test_html_table_header_in_thead_labels_cells_and_nested_tables(tmp_path: Path):
    p = tmp_path / "t.html"
    p.write_text("<html><body><table><caption>Schedule</caption><thead><tr><td>Product</td><td>Rate</td></tr>"
                 "</thead><tbody><tr><td>EVs</td><td>100%</td></tr><tr><td>Cells <b>(solar)</b></td>"
                 "<td><table><tr><td>50%</td><td>2024</td></tr></table></td></tr></tbody></table></body></html>",
                 encoding="utf-8")
    body = load_file(p).body
    assert body.split("\n\n")[:2] == ["Schedule", "Product: EVs | Rate: 100%"]
    # The nested table is the Rate cell's value: its cells joined by ", " (" | " would read as
    # a third column of the outer table), its rows by "; " (tests/ingest/test_published_variants.py).
    assert "Product: Cells (solar) | Rate: 50%, 2024" in body


def test_chinese_code_page_is_decoded(tmp_path: Path):
    p = tmp_path / "zh.txt"
    text = "商务部公告：对原产于美国的进口钢铁产品征收百分之二十五的关税，自2022年4月1日起实施。\n"
    p.write_bytes(text.encode("gb18030"))
    assert load_file(p).body == text


def test_random_bytes_without_nul_are_rejected_as_binary(tmp_path: Path):
    import random

    rng = random.Random(9)
    p = tmp_path / "blob.txt"
    p.write_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))
    with pytest.raises(LoadError, match="binary file"):
        load_file(p)
