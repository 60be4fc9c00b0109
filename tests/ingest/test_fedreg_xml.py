"""Federal Register (GovInfo FEDREG issue / per-document XML) and eCFR XML loading."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.formats.common import LoadError
from ingest.formats.fedreg_xml import _document_name
from ingest.loaders import load_documents, load_file

pytestmark = pytest.mark.usefixtures("forbid_model")
XML = Path(__file__).resolve().parent.parent / "fixtures" / "xml"


def test_fr_issue_gives_one_document_per_fr_document():
    docs = load_documents(XML / "fr-issue-2024-05-17.xml")
    assert [d.extra["fr_doc"] for d in docs] == ["2024-10901", "2024-10858"]
    rule, notice = docs
    assert len({d.source for d in docs}) == 2 and rule.source.endswith("fr-issue-2024-05-17.xml#2024-10901")
    assert rule.title == "Additions to the Entity List"
    assert rule.publisher == "Department of Commerce"
    assert rule.date == notice.date == "2024-05-17"
    assert rule.doc_type == notice.doc_type == "federal-register"
    assert rule.extra == {"fr_type": "rule", "fr_doc": "2024-10901", "filed": "2024-05-16", "docket": "240514-0135",
                          "rin": "0694-AJ55", "cfr": "15 CFR Part 744", "subagency": "Bureau of Industry and Security",
                          "action": "Final rule.", "fr_citation": "89 FR 43201"}
    assert notice.publisher == "Office of the United States Trade Representative"
    assert notice.extra["docket"] == "USTR-2024-0002" and notice.extra["fr_citation"] == "89 FR 43211"
    assert notice.extra["fr_type"] == "notice" and notice.extra["action"] == "Notice of modification."


def test_fr_body_keeps_printed_order_captions_and_table_rows():
    notice = load_documents(XML / "fr-issue-2024-05-17.xml")[1]
    paras = notice.body.split("\n\n")
    assert paras[0] == "OFFICE OF THE UNITED STATES TRADE REPRESENTATIVE"
    assert ("SUMMARY: The U.S. Trade Representative has determined to modify the action being taken in the "
            "Section 301 investigation by increasing the rate of additional duty on electric vehicles to 100 percent."
            ) in paras
    assert "DATES: The increase in duties on electric vehicles applies to goods entered on or after August 1, 2024." \
        in paras
    # A PRTPAGE marker inside a paragraph is not text; the paragraph stays whole. The
    # footnote number (SU) reads "[1]", not "actions.1".
    assert ("In the four-year review, USTR recommended modifications to the actions.[1] The Trade Representative "
            "directed the increase described in the Annex.") in paras
    # Table rows label each cell with its column head, as HTML tables do.
    table = paras[paras.index("Table 1\u2014Rate Increases") + 1:][:2]
    assert table == ["HTS subheading: 8703.80.00 | Product: Electric vehicles | Rate (percent): 100",
                     "HTS subheading: 8541.42.00 | Product: Solar cells | Rate (percent): 50"]
    assert paras[-1] == "[FR Doc. 2024-10858 Filed 5-16-24; 8:45 am]"
    assert "BILLING CODE" not in notice.body


def test_single_fr_document_file_keeps_the_file_as_source(tmp_path: Path):
    p = tmp_path / "2024-10858.xml"
    p.write_text('<?xml version="1.0"?><NOTICE><PREAMB><AGENCY TYPE="F">DEPARTMENT OF STATE</AGENCY>'
                 "<SUBJECT>Visa restrictions</SUBJECT></PREAMB><SUPLINF><P>The Department imposes visa "
                 "restrictions.</P></SUPLINF><FRDOC>[FR Doc. 2019-21990 Filed 10-8-19; 8:45 am]</FRDOC></NOTICE>",
                 encoding="utf-8")
    (doc,) = load_documents(p)
    assert doc.source == str(p.resolve()) and doc.title == "Visa restrictions"
    assert doc.publisher == "Department of State" and doc.extra["fr_doc"] == "2019-21990"
    assert doc.extra["filed"] == "2019-10-08" and doc.date == ""  # no issue date in a lone document


def test_ecfr_part():
    doc = load_file(XML / "ecfr-part-744-excerpt.xml")
    assert doc.title == "PART 744\u2014CONTROL POLICY: END-USER AND END-USE BASED"
    assert doc.publisher == "eCFR" and doc.doc_type == "regulation" and doc.extra["ecfr_n"] == "744"
    paras = doc.body.split("\n\n")
    assert "Authority: 50 U.S.C. 4801-4852; 50 U.S.C. 4601 et seq." in paras
    assert paras[3].startswith("(a) General prohibition. A license is required")


@pytest.mark.parametrize("content, reason", [
    (b"<FEDREG><RULES><RULE>", "malformed XML"),
    (b"<?xml version='1.0'?><rss><channel/></rss>", "unsupported XML (root <rss>)"),
])
def test_bad_xml(tmp_path: Path, content: bytes, reason: str):
    p = tmp_path / "x.xml"
    p.write_bytes(content)
    with pytest.raises(LoadError) as err:
        load_file(p)
    assert reason in str(err.value)


def test_documents_of_one_file_never_share_a_source(tmp_path: Path):
    # An issue that prints one FR Doc. number twice (a reprint): both documents are kept apart.
    rule = ("<RULE><PREAMB><AGENCY TYPE='N'>DEPARTMENT OF COMMERCE</AGENCY><SUBJECT>{s}</SUBJECT></PREAMB>"
            "<SUPLINF><P>{s} text.</P></SUPLINF><FRDOC>[FR Doc. 2024-00001 Filed 5-16-24; 8:45 am]</FRDOC></RULE>")
    p = tmp_path / "issue.xml"
    p.write_text(f"<FEDREG><RULES>{rule.format(s='First rule')}{rule.format(s='Reprinted rule')}</RULES></FEDREG>",
                 encoding="utf-8")
    docs = load_documents(p)
    assert [d.source.rsplit("#", 1)[-1] for d in docs] == ["2024-00001", "2024-00001+2"]
    assert [d.title for d in docs] == ["First rule", "Reprinted rule"]


def test_unnumbered_documents_and_parts_are_named_by_what_they_are(tmp_path: Path):
    notice = "<NOTICE><PREAMB><SUBJECT>{s}</SUBJECT></PREAMB><SUPLINF><P>{s} text.</P></SUPLINF></NOTICE>"
    p = tmp_path / "issue.xml"
    # No VOL, no PRTPAGE, no FRDOC: the heading names them (without one, the first
    # paragraph, which is then the title).
    p.write_text(f"<FEDREG><NOTICES>{notice.format(s='Sunset Review of Steel Wire')}"
                 "<NOTICE><SUPLINF><P>Corrected filing period.</P></SUPLINF></NOTICE></NOTICES></FEDREG>",
                 encoding="utf-8")
    names = [d.source.rsplit("#", 1)[-1] for d in load_documents(p)]
    assert names == ["sunset-review-of-steel-wire", "corrected-filing-period"]
    # Nothing to name it by but its text: a hash of the body, the same on every load.
    assert _document_name({}, "", "x") == _document_name({}, "", "x") != _document_name({}, "", "y")
    assert _document_name({}, "", "x").startswith("sha1-")
    ecfr = tmp_path / "ecfr.xml"
    ecfr.write_text('<ECFR><DIV5 TYPE="PART"><HEAD>PART 744 Control policy</HEAD><P>a</P></DIV5>'
                    '<DIV5 TYPE="PART"><HEAD>Supplement: Entity List</HEAD><P>b</P></DIV5></ECFR>', encoding="utf-8")
    assert [d.source.rsplit("#", 1)[-1] for d in load_documents(ecfr)] == [
        "part-part-744-control-policy", "part-supplement-entity-list"]
