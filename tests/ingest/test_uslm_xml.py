"""USLM XML (US Code from uscode.house.gov, public laws from GovInfo): recognised by
the root element's namespace, one document per US Code section, numbers and headings
as heading lines, text in reading order (issue 9)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest import Status, ingest_paths
from ingest.chunking import split_sentences
from ingest.formats.common import LoadError
from ingest.loaders import load_documents, load_file

XML = Path(__file__).resolve().parent.parent / "fixtures" / "xml"
USC = XML / "usc19-ch12-excerpt.xml"
PLAW = XML / "plaw-117-169-excerpt.xml"


@pytest.mark.usefixtures("forbid_model")
def test_us_code_title_gives_one_document_per_section():
    docs = load_documents(USC)
    assert [d.source.rsplit("#", 1)[-1] for d in docs] == ["s2411", "s2412", "s2413"]
    s2411 = docs[0]
    assert s2411.source == f"{USC.resolve()}#s2411"
    assert s2411.title == "19 U.S.C. 2411: Actions by United States Trade Representative"
    assert s2411.publisher == "Office of the Law Revision Counsel" and s2411.date == "2024-06-21"
    assert s2411.doc_type == "statute"
    assert s2411.extra == {
        "uslm_type": "usc-section", "usc_citation": "19 U.S.C. 2411", "identifier": "/us/usc/t19/s2411",
        "hierarchy": "Title 19—CUSTOMS DUTIES / CHAPTER 12—TRADE ACT OF 1974 / SUBCHAPTER III—RELIEF FROM "
                     "UNFAIR TRADE PRACTICES"}
    assert docs[2].extra["status"] == "repealed" and docs[2].body.startswith("§ 2413. Repealed. Pub. L. 100–418")


@pytest.mark.usefixtures("forbid_model")
def test_section_body_keeps_numbers_headings_and_reading_order():
    paras = load_documents(USC)[0].body.split("\n\n")
    assert paras[:10] == [
        "§ 2411. Actions by United States Trade Representative",
        "(a) Mandatory action",
        "(1) If the United States Trade Representative determines under section 2414(a)(1) of this title that—",
        "(A) the rights of the United States under any trade agreement are being denied; or",
        "(B) an act, policy, or practice of a foreign country—",
        "(i) violates, or is inconsistent with, the provisions of, or otherwise denies benefits to the United "
        "States under, any trade agreement, or",
        "(ii) is unjustifiable and burdens or restricts United States commerce;",
        "the Trade Representative shall take action authorized in subsection (c), subject to the specific "
        "direction, if any, of the President regarding any such action.",
        # The marginal note ("19 USC 2411 note.") is not text of the section.
        "(2) Actions may be taken under paragraph (1) with respect to trade in goods or services.",
        "(c) Scope of authority",
    ]
    assert "(Pub. L. 93–618, title III, §301, Jan. 3, 1975, 88 Stat. 2041.)" in paras
    # The table of contents is not text; notes follow under their headings, tables as rows.
    body = "\n\n".join(paras)
    assert "Initiation of investigations" not in body and "tocItem" not in body
    assert paras[paras.index("Amendments") + 1].startswith("1988—Subsec. (a). Pub. L. 100–418 amended")
    assert paras[paras.index("Selected rates") + 1:][:3] == [
        "HTS heading | Product | Rate", "8703 | Electric vehicles | 100 percent", "8541 | Solar cells | 50 percent"]
    # A section quoted inside a note is note text, not a document of its own.
    assert "This quoted section is part of the note" in body
    # Headings are sentence units of their own: no sentence runs from a heading into the text.
    sentences = [body[s:e] for s, e in split_sentences(body)]
    assert "(a) Mandatory action" in sentences


@pytest.mark.usefixtures("forbid_model")
def test_public_law_in_uslm2_is_one_document():
    (doc,) = load_documents(PLAW)
    assert doc.source == str(PLAW.resolve())
    assert doc.title == "Public Law 117-169: Inflation Reduction Act of 2022 (hand-cut excerpt)"
    assert doc.date == "2022-08-16" and doc.publisher == "United States Government Publishing Office"
    assert doc.extra == {"uslm_type": "pLaw", "docNumber": "169", "citableAs": "Public Law 117-169",
                         "congress": "117", "session": "2", "type": "Public Law"}
    paras = doc.body.split("\n\n")
    assert paras[:4] == ["Public Law 117–169", "117th Congress", "An Act",
                         "To provide for reconciliation pursuant to title II of S. Con. Res. 14."]
    assert "SECTION 1. SHORT TITLE." in paras and "TITLE I—COMMITTEE ON FINANCE" in paras
    assert paras[paras.index("(e) Final Assembly in North America.") + 1] == (
        "The credit is available only for a new clean vehicle the final assembly of which occurs within "
        "North America.")
    assert "STAT." not in doc.body and "H.R. 5376" not in doc.body  # page markers and margin notes


@pytest.mark.usefixtures("forbid_model")
def test_detected_by_namespace_not_file_name(tmp_path: Path):
    # A US Code section saved under a Federal Register-like name, and a lone section as the root.
    p = tmp_path / "2024-10858.xml"
    p.write_text('<?xml version="1.0"?><section xmlns="http://xml.house.gov/schemas/uslm/1.0" '
                 'identifier="/us/usc/t19/s2252"><num value="2252">§ 2252.</num><heading> Procedures for '
                 'granting import relief</heading><subsection identifier="/us/usc/t19/s2252/a"><num value="a">'
                 '(a)</num><content>A petition may be filed with the Commission.</content></subsection></section>',
                 encoding="utf-8")
    (doc,) = load_documents(p)
    assert doc.source == str(p.resolve()) and doc.title == "19 U.S.C. 2252: Procedures for granting import relief"
    assert doc.body == "§ 2252. Procedures for granting import relief\n\n(a) A petition may be filed with the Commission."
    # ... and Federal Register XML named like a US Code file is still Federal Register.
    fr = tmp_path / "usc19.xml"
    shutil.copy(XML / "fr-issue-2024-05-17.xml", fr)
    assert {d.doc_type for d in load_documents(fr)} == {"federal-register"}


@pytest.mark.usefixtures("forbid_model")
@pytest.mark.parametrize("content, reason", [
    (b'<?xml version="1.0"?><uscDoc xmlns="http://xml.house.gov/schemas/uslm/1.0"><meta/><main/></uscDoc>',
     "USLM XML <uscDoc> holds no text"),
    (b'<?xml version="1.0"?><doc xmlns="http://example.org/other"><p>x</p></doc>',
     "unsupported XML (root <{http://example.org/other}doc>): tradeqa reads Federal Register"),
])
def test_bad_uslm_says_why(tmp_path: Path, content: bytes, reason: str):
    p = tmp_path / "x.xml"
    p.write_bytes(content)
    with pytest.raises(LoadError) as err:
        load_file(p)
    assert str(err.value).startswith(reason)
    assert "USLM" in str(err.value)


def test_us_code_sections_are_searchable_and_reingest_follows_the_file(tmp_path: Path, index_consistency):
    from ingest import IndexOptions, IndexStore

    store = IndexStore(IndexOptions(path=tmp_path / "index"))
    folder = tmp_path / "usc"
    folder.mkdir()
    title = folder / "usc19.xml"
    shutil.copy(USC, title)
    first = ingest_paths([folder], store, progress=False)
    assert [r.status for r in first.results] == [Status.INGESTED] * 3
    (hit, _), *_ = store.keyword_search("interested person may file a petition", 3)
    assert store.get_document(hit.split(":")[0]).title == "19 U.S.C. 2412: Initiation of investigations"
    # The repealed section is dropped from the file (as a new edition would): it leaves the index.
    text = title.read_text(encoding="utf-8")
    start = text.index('<section identifier="/us/usc/t19/s2413"')
    title.write_text(text[:start] + text[text.index("</section>", start) + len("</section>"):], encoding="utf-8")
    second = ingest_paths([folder], store, progress=False)
    assert [(r.path.rsplit("#", 1)[-1], r.status) for r in second.results] == [
        ("s2411", Status.UNCHANGED), ("s2412", Status.UNCHANGED), ("s2413", Status.REMOVED)]
    assert store.keyword_search("Repealed", 3) == [] and len(index_consistency(store)["docs"]) == 2
    store.close()


@pytest.mark.usefixtures("forbid_model")
def test_federal_register_issue_in_uslm_gives_one_document_per_rule_or_notice():
    """GovInfo's USLM Federal Register: documents nested in components, each with its
    own <meta> - one document each, with its subject, agency, action and FR citation."""
    rule, notice = load_documents(XML / "fr-uslm-2018-05-10-excerpt.xml")
    assert rule.source.endswith("fr-uslm-2018-05-10-excerpt.xml#2018–09942")
    assert rule.title == "Drawbridge Operation Regulation; Reynolds Channel, Nassau County, NY"
    assert (rule.publisher, rule.date, rule.doc_type) == ("Coast Guard, DHS", "2018-05-10", "federal-register")
    assert rule.extra == {"uslm_type": "rule", "doc_number": "2018–09942",
                          "action": "Notice of deviation from drawbridge regulation.", "fr_citation": "83 FR 21711"}
    paras = rule.body.split("\n\n")
    assert paras[:2] == ["DEPARTMENT OF HOMELAND SECURITY", "Coast Guard"]
    assert "AGENCY: Coast Guard, DHS." in paras and "ACTION: Notice of deviation from drawbridge regulation." in paras
    # A caption runs into its paragraph, as printed; the page marker is not text.
    assert "DATES: This deviation is effective from 9:30 p.m. July 6, 2018 to 10:30 p.m. on July 8, 2018." in paras
    assert paras[-1] == "D.H. Sulouff, District Bridge Manager, First Coast Guard District."
    assert notice.title.startswith("Certain Steel Wheels") and notice.extra["fr_citation"] == "83 FR 21760"
    assert notice.publisher == "International Trade Administration, Commerce"
    assert notice.body.split("\n\n")[-2:] == ["Exporter | Rate (percent)",
                                              "Xingmin Intelligent Transportation Systems | 44.35"]
