"""Realistic Federal Register / eCFR XML variants (issue 9, held-back kinds): an issue
file with a rule and two notices, a GPOTABLE with column groups (two-level BOXHD),
footnotes (SU / FTNT), page markers (PRTPAGE) inside and between paragraphs - cited by
the printed page - and an eCFR part with subparts and sections."""
from __future__ import annotations

from pathlib import Path

from ingest import IndexOptions, IndexStore, ingest_paths
from ingest.loaders import load_documents

ISSUE = """<?xml version="1.0" encoding="UTF-8"?>
<FEDREG><VOL>89</VOL><NO>98</NO><DATE>Monday, May 20, 2024</DATE>
<RULES><RULE><PREAMB><AGENCY TYPE="S">DEPARTMENT OF COMMERCE</AGENCY><SUBAGY>Bureau of Industry and Security</SUBAGY>
<CFR>15 CFR Part 744</CFR><DEPDOC>[Docket No. 240515-0137]</DEPDOC><RIN>RIN 0694-AJ55</RIN>
<SUBJECT>Additions to the Entity List</SUBJECT>
<AGY><HD SOURCE="HED">AGENCY:</HD><P>Bureau of Industry and Security, Commerce.</P></AGY>
<ACT><HD SOURCE="HED">ACTION:</HD><P>Final rule.</P></ACT>
<SUM><HD SOURCE="HED">SUMMARY:</HD><P>This rule adds 37 entities to the Entity List.<SU>1</SU>
<PRTPAGE P="43201"/> The entities are located in China and Russia.</P></SUM></PREAMB>
<SUPLINF><HD SOURCE="HED">SUPPLEMENTARY INFORMATION:</HD><P>The rates are set out in the table below.</P>
<GPOTABLE COLS="4" OPTS="L2,i1" CDEF="s50,12,12,12"><TTITLE>Table 1—Tariff Rates</TTITLE><BOXHD>
<CHED H="1">HTS subheading</CHED><CHED H="1">Tariff rate (percent)</CHED><CHED H="2">Current</CHED>
<CHED H="2">2024</CHED><CHED H="2">2025</CHED></BOXHD>
<ROW><ENT I="01">8703.80.00</ENT><ENT>25</ENT><ENT>100</ENT><ENT>100</ENT></ROW>
<ROW><ENT I="01">8541.42.00</ENT><ENT>25</ENT><ENT>25</ENT><ENT>50</ENT></ROW></GPOTABLE>
<PRTPAGE P="43202"/><P>The tariff rate on semiconductors will rise to 50 percent in 2025.<SU>2</SU></P>
<FTNT><P><SU>1</SU> See 84 FR 54002 (October 9, 2019).</P></FTNT>
<FTNT><P><SU>2</SU> HTS headings 8541 and 8542.</P></FTNT>
</SUPLINF><FRDOC>[FR Doc. 2024-10880 Filed 5-17-24; 8:45 am]</FRDOC><BILCOD>BILLING CODE 3510-33-P</BILCOD>
</RULE></RULES>
<NOTICES><NOTICE><PREAMB><AGENCY TYPE="F">OFFICE OF THE UNITED STATES TRADE REPRESENTATIVE</AGENCY>
<DEPDOC>[Docket No. USTR-2024-0004]</DEPDOC><SUBJECT>Notice of Modification</SUBJECT></PREAMB>
<SUPLINF><P>Comments are due by June 28, 2024.</P></SUPLINF>
<FRDOC>[FR Doc. 2024-10901 Filed 5-17-24; 8:45 am]</FRDOC></NOTICE>
<NOTICE><PREAMB><AGENCY TYPE="F">DEPARTMENT OF COMMERCE</AGENCY><SUBJECT>Public hearing</SUBJECT></PREAMB>
<SUPLINF><PRTPAGE P="43203"/><P>The hearing on the proposed rates is on July 1, 2024.</P></SUPLINF>
<FRDOC>[FR Doc. 2024-10902 Filed 5-17-24; 8:45 am]</FRDOC></NOTICE></NOTICES></FEDREG>"""


def _docs(tmp_path: Path):
    p = tmp_path / "issue.xml"
    p.write_text(ISSUE, encoding="utf-8")
    return p, load_documents(p)


def test_issue_file_gives_one_document_per_rule_and_notice_with_its_metadata(tmp_path: Path):
    _, docs = _docs(tmp_path)
    assert [d.extra["fr_doc"] for d in docs] == ["2024-10880", "2024-10901", "2024-10902"]
    assert [d.extra["fr_type"] for d in docs] == ["rule", "notice", "notice"]
    assert [d.title for d in docs] == ["Additions to the Entity List", "Notice of Modification", "Public hearing"]
    assert docs[1].publisher == "Office of the United States Trade Representative"
    assert docs[1].extra["docket"] == "USTR-2024-0004" and docs[0].extra["rin"] == "0694-AJ55"
    # The rule's text starts before the first page marker (43201): it starts on page 43200.
    assert [d.extra["fr_citation"] for d in docs] == ["89 FR 43200", "89 FR 43202", "89 FR 43202"]
    assert all(d.date == "2024-05-20" for d in docs)


def test_footnote_numbers_and_page_markers_do_not_run_into_the_text(tmp_path: Path):
    rule = _docs(tmp_path)[1][0]
    paras = rule.body.split("\n\n")
    assert "SUMMARY: This rule adds 37 entities to the Entity List.[1] The entities are located in China and Russia." \
        in paras
    assert "The tariff rate on semiconductors will rise to 50 percent in 2025.[2]" in paras
    assert paras[-3:-1] == ["[1] See 84 FR 54002 (October 9, 2019).", "[2] HTS headings 8541 and 8542."]
    assert "\ue000" not in rule.body and "43201" not in rule.body and "BILLING CODE" not in rule.body


def test_gpotable_column_groups_label_each_cell(tmp_path: Path):
    rule = _docs(tmp_path)[1][0]
    paras = rule.body.split("\n\n")
    at = paras.index("Table 1\u2014Tariff Rates")
    assert paras[at + 1:at + 3] == [
        "HTS subheading: 8703.80.00 | Tariff rate (percent) Current: 25 | Tariff rate (percent) 2024: 100 | "
        "Tariff rate (percent) 2025: 100",
        "HTS subheading: 8541.42.00 | Tariff rate (percent) Current: 25 | Tariff rate (percent) 2024: 25 | "
        "Tariff rate (percent) 2025: 50"]


def test_printed_pages_from_page_markers(tmp_path: Path):
    rule, _, hearing = _docs(tmp_path)[1]
    assert rule.page_of(rule.body.index("This rule adds 37")) == 43200
    assert rule.page_of(rule.body.index("The entities are located")) == 43201
    assert rule.page_of(rule.body.index("Table 1")) == 43201
    assert rule.page_of(rule.body.index("The tariff rate on semiconductors")) == 43202
    assert hearing.page_of(hearing.body.index("DEPARTMENT OF COMMERCE")) == 43202
    assert hearing.page_of(hearing.body.index("The hearing on the proposed rates")) == 43203


def test_answer_from_an_fr_issue_cites_the_printed_page(tmp_path: Path):
    from agent import ask

    p, _ = _docs(tmp_path)
    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    assert ingest_paths([p], store, progress=False).ingested == 3
    store.close()
    a = ask("When is the hearing on the proposed rates?", index=tmp_path / "idx")
    assert not a.abstained and "July 1, 2024" in a.text.splitlines()[0]
    cited = a.citations[0]
    assert cited.quote == "The hearing on the proposed rates is on July 1, 2024."
    assert cited.page == 43203


ECFR = """<?xml version="1.0"?>
<ECFR><DIV1 N="15" TYPE="TITLE"><HEAD>Title 15—Commerce and Foreign Trade</HEAD>
<DIV5 N="744" TYPE="PART"><HEAD>PART 744—CONTROL POLICY: END-USER AND END-USE BASED</HEAD>
<AUTH><HED>Authority:</HED><PSPACE>50 U.S.C. 4801-4852.</PSPACE></AUTH>
<DIV6 N="A" TYPE="SUBPART"><HEAD>Subpart A—General</HEAD>
<DIV8 N="744.11" TYPE="SECTION"><HEAD>§ 744.11 License requirements that apply to entities.</HEAD>
<P>(a) <I>General.</I> A license is required for items on the Entity List.</P>
<P>(1) The license review policy is presumption of denial.</P></DIV8>
<DIV8 N="744.16" TYPE="SECTION"><HEAD>§ 744.16 Entity List.</HEAD><P>The Entity List is in supplement no. 4.</P></DIV8>
</DIV6></DIV5>
<DIV5 N="746" TYPE="PART"><HEAD>PART 746—EMBARGOES AND OTHER SPECIAL CONTROLS</HEAD>
<DIV8 N="746.8" TYPE="SECTION"><HEAD>§ 746.8 Sanctions against Russia.</HEAD><P>A license is required.</P></DIV8>
</DIV5></DIV1></ECFR>"""


def test_ecfr_nested_parts_subparts_sections_keep_numbers_and_headings(tmp_path: Path):
    p = tmp_path / "title15.xml"
    p.write_text(ECFR, encoding="utf-8")
    part744, part746 = load_documents(p)
    assert part744.title == "PART 744—CONTROL POLICY: END-USER AND END-USE BASED"
    assert part744.extra["ecfr_n"] == "744" and part746.extra["ecfr_n"] == "746"
    assert part744.body.split("\n\n") == [
        "PART 744—CONTROL POLICY: END-USER AND END-USE BASED", "Authority: 50 U.S.C. 4801-4852.", "Subpart A—General",
        "§ 744.11 License requirements that apply to entities.",
        "(a) General. A license is required for items on the Entity List.",
        "(1) The license review policy is presumption of denial.", "§ 744.16 Entity List.",
        "The Entity List is in supplement no. 4."]
    assert "746.8" not in part744.body and part746.body.startswith("PART 746")


USC = """<?xml version="1.0" encoding="UTF-8"?>
<uscDoc xmlns="http://xml.house.gov/schemas/uslm/1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" identifier="/us/usc/t19">
<meta><dc:title>Title 19</dc:title><dc:publisher>OLRC</dc:publisher></meta>
<main><title identifier="/us/usc/t19"><num value="19">Title 19—</num><heading>CUSTOMS DUTIES</heading>
<section identifier="/us/usc/t19/s2411"><num value="2411">§ 2411.</num><heading> Actions by United States Trade
Representative</heading><subsection identifier="/us/usc/t19/s2411/a"><num value="a">(a)</num><heading>Mandatory
action</heading><content>The Trade Representative shall take action under section 2412 of this title.<ref
class="footnoteRef" idref="fn1">1</ref> The action applies from 2019.<footnoteRef idref="fn2">2</footnoteRef></content>
</subsection></section></title></main></uscDoc>"""


def test_uslm_footnote_references_do_not_run_into_the_text(tmp_path: Path):
    p = tmp_path / "usc19.xml"
    p.write_text(USC, encoding="utf-8")
    (doc,) = load_documents(p)
    assert doc.extra["usc_citation"] == "19 U.S.C. 2411"
    assert ("The Trade Representative shall take action under section 2412 of this title.[1] The action applies "
            "from 2019.[2]") in doc.body
