"""Realistic variants of published documents (``tests/fixtures/variants_s18``): FR XML
with emphasis inside words and footnote references, eCFR XML with ``CITA``/``AUTH``,
Windows-1252 text with curly quotes, hard-wrapped lists with Unicode bullets, a Word
export saved as HTML (``mso-`` styles, ``<o:p>``, Symbol-font list bullets) and nested
HTML tables. Each must read as printed: whole words, sentences as a reader sees them,
table rows that keep their cells together."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.chunking import split_sentences
from ingest.loaders import load_documents

DIR = Path(__file__).resolve().parents[1] / "fixtures" / "variants_s18"


def _doc(name: str):
    docs = load_documents(DIR / name)
    assert len(docs) == 1
    return docs[0]


def _sentences(doc) -> list[str]:
    return [doc.body[s:e] for s, e in split_sentences(doc.body)]


def test_fr_xml_emphasis_inside_words_and_footnote_refs():
    doc = _doc("fr-rule-emphasis-ftref.xml")
    sents = _sentences(doc)
    assert ("The Entity List (supplement no. 4 to part 744) identifies entities that are subject to license "
            "requirements.") in sents
    assert "The ERC determined that the entities are engaged in activities contrary to U.S. national security.[2]" \
        in sents
    assert "DATES: This rule is effective March 4, 2025." in sents
    assert "[2] See 84 FR 54002 (October 9, 2019)." in sents
    # The FR Doc. line is one unit ("Doc." inside the bracket ends no sentence).
    assert "[FR Doc. 2025-03456 Filed 3-3-25; 8:45 am]" in sents
    assert doc.title == "Additions to the Entity List"
    assert doc.extra["docket"] == "250226-0032" and doc.extra["fr_doc"] == "2025-03456"


def test_ecfr_xml_with_authority_and_source_citations():
    doc = _doc("ecfr-part-cita-auth.xml")
    paras = doc.body.split("\n\n")
    assert "Authority: 50 U.S.C. 4801-4852; 50 U.S.C. 4601 et seq.; 50 U.S.C. 1701 et seq." in paras
    assert "[61 FR 12786, Mar. 25, 1996, as amended at 85 FR 34306, June 5, 2020]" in paras
    assert paras.index("§ 744.1 General provisions.") < paras.index(
        "[61 FR 12786, Mar. 25, 1996, as amended at 85 FR 34306, June 5, 2020]") < paras.index(
        "§ 744.11 License requirements that apply to entities.")
    assert ("(2) A license is required to export items subject to the EAR to the entities listed in supplement "
            "no. 4 to this part.") in _sentences(doc)


def test_windows_1252_curly_quotes_and_dashes():
    raw = (DIR / "cp1252-quotes.txt").read_bytes()
    assert b"\x93" in raw and b"\x94" in raw and b"\x92" in raw
    doc = _doc("cp1252-quotes.txt")
    assert doc.extra["encoding"] == "cp1252"
    sents = _sentences(doc)
    assert "The Office said the \u201cnew duties\u201d take effect on May 1, 2025." in sents
    assert "It\u2019s the second\nround of duties \u2013 after the 2024 review." in sents


def test_wrapped_bullets_and_numbered_items_are_units():
    doc = _doc("fact-sheet-bullets.txt")
    sents = [" ".join(s.split()) for s in _sentences(doc)]
    assert sents[2:] == [
        "• Raise the tariff rate on electric vehicles from 25 percent to 100 percent in 2024, to protect domestic "
        "manufacturers from unfairly subsidized imports.",
        "• Raise the tariff rate on semiconductors from 25 percent to 50 percent by 2025.",
        "◦ Steel and aluminum products will see rates rise from 0–7.5 percent to 25 percent in 2024.",
        "The Trade Representative will also:",
        "1. Open an exclusion process for machinery used in domestic manufacturing, including 19 exclusions for "
        "solar manufacturing equipment.",
        "2. Extend 180 exclusions for one year."]


@pytest.mark.parametrize("bullet", ["●", "■", "▸", "➢", "\uf0b7", "·", "○", "✓", "→", "❖"])
def test_any_bullet_symbol_starts_a_list_item(bullet: str):
    text = (f"The following actions take effect in 2024:\n{bullet} Raise the tariff on electric vehicles to 100 "
            f"percent\n{bullet} Raise the tariff on semiconductors to 50 percent\n")
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The following actions take effect in 2024:", f"{bullet} Raise the tariff on electric vehicles to 100 percent",
        f"{bullet} Raise the tariff on semiconductors to 50 percent"]


def test_word_export_saved_as_html():
    doc = _doc("word-export.html")
    paras = doc.body.split("\n\n")
    assert doc.title == "Memo on Section 232 Tariffs"
    assert ("The tariff on steel imports under Section 232 was raised to 25 percent on March 12, 2025. The tariff "
            "on aluminum imports was raised to 25 percent as well.") in paras
    assert "Exemptions for Canada and Mexico ended." in paras[paras.index("To: Trade Policy Staff") + 2]
    assert ["Product: Steel | Rate: 25%", "Product: Aluminum | Rate: 25%"] == paras[-2:]
    assert "mso-" not in doc.body and "o:p" not in doc.body and "\u00a0" not in doc.body


def test_nested_table_stays_in_its_row():
    doc = _doc("nested-tables.html")
    lines = doc.body.split("\n\n")
    assert "Group: Metals | Products: Steel pipe, 7306.30; Aluminum foil, 7607.11 | Duty: 25%" in lines
    assert "Group: Vehicles | Products: Electric cars, 8703.80 | Duty: 100%" in lines


RUN_ON = ("The ERC determined that these entities supplied components to end users in Russia, and the license "
          "review policy for these entities is a presumption of denial.")


@pytest.mark.parametrize("name", ["govinfo-fr.txt", "govinfo-fr-pre.html"])
def test_gpo_page_lines_are_printed_pages_not_text(name: str):
    doc = _doc(name)
    assert "[[Page" not in doc.body
    sents = [" ".join(s.split()) for s in _sentences(doc)]
    assert RUN_ON in sents  # the sentence the page line interrupted is whole
    assert doc.page_of(doc.body.index("Bureau of Industry")) == 11111
    assert doc.page_of(doc.body.index("is a presumption")) == 11112
    assert doc.page_of(doc.body.index("DATES:")) == 11112


def test_federalregister_gov_start_printed_page_marker():
    doc = _doc("federalregister-printed-page-marker.html")
    assert "Start Printed Page" not in doc.body
    assert ("to the Entity List because they supplied components for unmanned aerial vehicles to end users in Russia, "
            "and the license review policy") in doc.body
    assert doc.page_of(doc.body.index("to end users") - 1) == 11111
    assert doc.page_of(doc.body.index("end users")) == 11112
    assert doc.page_of(doc.body.index("This rule is effective")) == 11112


def test_gpo_page_line_between_paragraphs_stays_and_numbers_the_page(tmp_path: Path):
    p = tmp_path / "fr.txt"
    p.write_text("ACTION: Interim rule.\n\n[[Page 68315]]\n\nSUMMARY: DoD, GSA, and NASA are issuing a second interim "
                 "rule.\n", encoding="utf-8")
    doc = load_documents(p)[0]
    assert doc.body == p.read_text(encoding="utf-8")
    assert doc.page_numbers == [68314, 68315]
    assert doc.page_of(doc.body.index("ACTION")) == 68314 and doc.page_of(doc.body.index("SUMMARY")) == 68315


def test_number_or_letter_wrapped_to_a_line_start_is_no_list_item():
    text = ("The Trade Representative today announced the results of the investigation under Section\n"
            "301. The tariff rate on electric vehicles will rise from 25 percent to 100 percent in\n"
            "2024, and the tariff rate on semiconductors will rise to 50 percent by 2025, under\n"
            "paragraph (b) of the notice, while the exclusions listed in this part of paragraph\n"
            "(c) of the notice are extended for one year, the Office said on May 14, 2024.\n\n"
            "The Trade Representative will also:\n1. Open an exclusion process.\n(b) Extend 180 exclusions.\n")
    assert [" ".join(text[s:e].split()) for s, e in split_sentences(text)] == [
        "The Trade Representative today announced the results of the investigation under Section 301.",
        "The tariff rate on electric vehicles will rise from 25 percent to 100 percent in 2024, and the tariff rate "
        "on semiconductors will rise to 50 percent by 2025, under paragraph (b) of the notice, while the exclusions "
        "listed in this part of paragraph (c) of the notice are extended for one year, the Office said on May 14, "
        "2024.",
        "The Trade Representative will also:", "1. Open an exclusion process.", "(b) Extend 180 exclusions."]
