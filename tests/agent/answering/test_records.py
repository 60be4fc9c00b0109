"""Structured records (screening-list entries): parsing, and questions about a named
party's field answered from that field, chosen by the meaning of its label.

The integration tests build a tiny corpus in a temporary folder (two record files
with invented parties, one prose article) so they do not depend on the shared corpus."""
from __future__ import annotations

import pytest

from agent.answering.records import is_record_document, records

RECORDS = """title: Screening list entries for the Acme additions
date: 2021-03-01
---
Entity: Zorblax Robotics Co., Ltd.
Alternate names: Zorblax; ZRC
Addresses: No. 12 Harbour Road, Lakeside District, Qingmar, 100200, CN
Federal Register notice(s): 86 FR 11111
Start date: 2021-03-01
License requirement: For all items subject to the EAR.
License review policy: Presumption of denial

Entity: Vantoro Imaging Ltd.
Addresses: 4 Mill Street, Dunmore, GB
Federal Register notice(s): 86 FR 11112
Start date: 2021-03-01
License requirement: For all items subject to the EAR.
License review policy: Case-by-case review

Entity: Quillon Labs Inc.
Addresses: 77 Cedar Avenue, Brookfield, US
Federal Register notice(s): 86 FR 11113
Start date: 2021-03-01
License requirement: For all items subject to the EAR.
License review policy: Case-by-case review
"""

ARTICLE = """title: Acme additions hit robot makers
date: 2021-03-02
---
Zorblax Robotics said on Tuesday that its sales would fall by 10 percent after the listing.
Analysts said the robot maker employs engineers in three countries.
"""


def test_records_parse_fields_and_skip_prose():
    recs = records(RECORDS.split("---\n", 1)[1])
    assert len(recs) == 3
    assert recs[0].name.label == "Entity" and recs[0].name.value == "Zorblax Robotics Co., Ltd."
    labels = [f.label for f in recs[0].fields]
    assert labels[1:4] == ["Alternate names", "Addresses", "Federal Register notice(s)"]
    body = RECORDS
    for f in records(body)[1].fields:  # spans are verbatim lines of the body
        assert body[f.start:f.end] == f"{f.label}: {f.value}"
        assert body[f.value_start:f.end] == f.value
    assert records(ARTICLE) == () and not is_record_document(ARTICLE)
    assert is_record_document(RECORDS)


@pytest.fixture(scope="module")
def tiny_records_index(tiny_index):
    return tiny_index("records", {"entries.txt": RECORDS, "article.txt": ARTICLE})


def _ask(index, question):
    from agent.extractive import answer_extractive
    from agent.retrieval import Retriever

    store, settings = index
    hits = Retriever(store, settings).retrieve(question)
    return answer_extractive(question, hits, store, settings)


@pytest.mark.integration
@pytest.mark.parametrize("question, lead, name", [
    # The field is found by the meaning of its label, whatever words the question uses.
    ("I'm screening a shipment to Zorblax - which city is its listed address in?",
     "No. 12 Harbour Road, Lakeside District, Qingmar", "Zorblax Robotics"),
    ("How will licence applications for exports to Vantoro be reviewed?", "Case-by-case review", "Vantoro Imaging"),
    ("Which Federal Register notice covers Quillon Labs?", "86 FR 11113", "Quillon Labs"),
    # The label alone is far from these wordings ("aliases" / "Alternate names"): the whole field
    # line (label and value) is compared too.
    ("What aliases are recorded for Zorblax Robotics on the list?", "Zorblax; ZRC", "Zorblax Robotics"),
    # A question about where a party is gets the field that holds places, whatever its label.
    ("Where is Vantoro Imaging located according to its record?", "4 Mill Street, Dunmore", "Vantoro Imaging"),
    ("Which city is given for Quillon Labs Inc.?", "77 Cedar Avenue, Brookfield", "Quillon Labs"),
])
def test_field_question_leads_with_the_named_partys_field(tiny_records_index, question, lead, name):
    ans = _ask(tiny_records_index, question)
    assert not ans.abstained, ans.notice
    assert ans.text.splitlines()[0].startswith(lead), ans.text
    # The field line is quoted, and the record's name line shows whose field it is.
    assert ans.citations[0].quote.endswith(ans.text.splitlines()[0].rsplit(" [", 1)[0])
    assert any(c.quote.startswith("Entity: ") and name in c.quote for c in ans.citations)


@pytest.mark.integration
@pytest.mark.parametrize("question", [
    "By how much did Zorblax Robotics expect its sales to fall?",
    # A place question about something the party does is not about its address.
    "Where does Zorblax Robotics employ engineers?",
])
def test_a_question_about_something_else_is_not_answered_from_a_record(tiny_records_index, question):
    ans = _ask(tiny_records_index, question)
    assert not any(c.quote.startswith(("Addresses:", "License", "Federal Register", "Start date"))
                   for c in ans.citations[:1]), ans.text


def test_list_of_records_names_every_record_with_the_count():
    from agent.analysis import AnswerKind, Question
    from agent.extractive import Candidate, _record_heads, _record_list_answer

    class Doc:  # the fields of a stored document the answerer reads (its body: after the header)
        body = RECORDS.split("---\n", 1)[1]
        doc_id, source, title, date, publisher, url = "d", "entries.txt", "Acme additions", "", "", ""

    start = Doc.body.index("Entity: Vantoro")
    best = Candidate(doc=Doc(), start=start, end=Doc.body.index("\n", start), hit_rank=0, keys=set(), context_keys=set())
    q = Question(text="Which entities were added?", kind=AnswerKind.LIST, terms=[])
    heads, total = _record_heads(q, best, store=None, limit=40)
    ans = _record_list_answer(q.text, heads, total)
    lead = ans.text.splitlines()[0]
    # Every record of the document, not only the one retrieved, with the count.
    assert lead.startswith("The 3 records in “Acme additions”: ")
    assert [c.quote.split(": ", 1)[1] for c in ans.citations] == [
        "Zorblax Robotics Co., Ltd.", "Vantoro Imaging Ltd.", "Quillon Labs Inc."]
    assert all(f"{c.quote.split(': ', 1)[1]} [{c.n}]" in lead for c in ans.citations)
    # Longer than the cap: cut off, and the lead says so.
    heads, total = _record_heads(q, best, store=None, limit=2)
    assert _record_list_answer(q.text, heads, total).text.startswith("2 of the 3 records in")
    # Prose is no record list.
    class Prose(Doc):
        body = ARTICLE.split("---\n", 1)[1]

    prose = Candidate(doc=Prose(), start=0, end=10, hit_rank=0, keys=set(), context_keys=set())
    assert _record_heads(q, prose, store=None, limit=40) == ([], 0)


COUNTRY_RECORDS = """title: Screening list entries for the Brava additions
date: 2021-06-01
---
Entity: Brava Telecom
Alternate names: Brava Telecom Portugal Lda.
Addresses: Rua Nova 8, Porto, PT
Start date: 2021-06-01

Entity: Kestrel Optics
Addresses: 9 Quay Street, Galway, IE
Start date: 2021-06-01
"""


@pytest.mark.integration
def test_a_question_naming_only_a_country_is_not_answered_from_a_party_record(tiny_index):
    # "Portugal" is in a record's alternate name, but the question names no party.
    ans = _ask(tiny_index("country_records", {"entries.txt": COUNTRY_RECORDS}), "What is the capital of Portugal?")
    assert not any(c.quote.startswith(("Alternate names:", "Addresses:")) for c in ans.citations[:1]), ans.text
