"""CSL files -> record documents: parsing, rendering with offsets, bad rows, snapshot updates."""
from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest

from ingest.screening_lists import (CSL_COLUMNS, ScreeningListError, ingest_screening_list, list_code,
                                    looks_like_screening_list, parse_bytes, parse_file)

EL = "Entity List (EL) - Bureau of Industry and Security"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"


def _row(**kw) -> dict:
    r = {c: "" for c in CSL_COLUMNS}
    r.update(kw)
    return r


ROWS = [
    _row(_id="a1", source=EL, name="Dahua Technology", addresses="No. 1199 Bin'an Road, Hangzhou, CN",
         federal_register_notice="84 FR 54002", start_date="2019-10-09", license_policy="Presumption of denial"),
    _row(_id="100", source=SDN, type="Individual", name="SMITH, John", alt_names="SMITH, Johnny; J. SMITH",
         nationalities="GB"),
    _row(_id="b2", source=EL, name="", addresses="nowhere"),  # no name: skipped
    _row(_id="c3", source=EL, name="Broken Date Co.", start_date="2019-13-45"),  # bad date: field dropped
]


def _csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSL_COLUMNS)
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode()


def test_rows_become_records_with_verbatim_fields_and_offsets():
    res = parse_bytes(_csv(ROWS), "csl.csv")
    assert [r.record_id for r in res.records] == ["a1", "100", "c3"]
    dahua = res.records[0]
    for key in ("name", "source", "federal_register_notice", "start_date", "license_policy", "addresses"):
        s, e = dahua.spans[key]
        assert dahua.body[s:e] == dahua.fields[key]
    assert "Federal Register notice: 84 FR 54002" in dahua.body
    assert dahua.countries == ["CN"]
    assert dahua.list_code == "EL"
    assert res.records[1].alt_names == ["SMITH, Johnny", "J. SMITH"]
    assert res.records[1].countries == ["GB"]


def test_bad_rows_are_reported_and_the_rest_goes_in():
    res = parse_bytes(_csv(ROWS), "csl.csv")
    assert any("row 4" in p and "no name" in p for p in res.problems)
    assert any("2019-13-45" in p and "not a date" in p for p in res.problems)
    broken = res.records[2]
    assert "start_date" not in broken.fields and "Start date" not in broken.body


def test_gzip_and_json_give_the_same_records():
    as_csv = parse_bytes(_csv(ROWS), "x.csv").records
    as_gz = parse_bytes(gzip.compress(_csv(ROWS)), "x.csv.gz").records
    assert [r.body for r in as_gz] == [r.body for r in as_csv]
    data = {"results": [{"_id": "a1", "source": EL, "name": "Dahua Technology",
                         "addresses": [{"address": "No. 1199 Bin'an Road", "city": "Hangzhou", "country": "CN"}],
                         "alt_names": ["Zhejiang Dahua", "Dahua"], "start_date": "2019-10-09"}]}
    rec = parse_bytes(json.dumps(data).encode(), "x.json").records[0]
    assert rec.fields["addresses"] == "No. 1199 Bin'an Road, Hangzhou, CN"
    assert rec.alt_names == ["Zhejiang Dahua", "Dahua"]
    assert rec.countries == ["CN"]


@pytest.mark.parametrize("raw, why", [
    (b"title,url\nfoo,bar\n", "missing column"),
    (b"{\"results\": 5}", "not a screening list"),
    (b"\x1f\x8b\x08broken", "broken gzip"),
    (b"{not json", "broken JSON"),
])
def test_files_that_are_not_screening_lists_get_a_clear_message(raw, why):
    with pytest.raises(ScreeningListError, match=why):
        parse_bytes(raw, "thing")


def test_same_id_on_two_lists_is_two_records():
    rows = [_row(_id="9", source=SDN, name="X Bank"), _row(_id="9", source="Capta List (CAP) - Treasury Department",
                                                           name="X Bank")]
    res = parse_bytes(_csv(rows), "x.csv")
    assert [r.key for r in res.records] == ["9@SDN", "9@CAP"]
    assert list_code("Capta List (CAP) - Treasury Department") == "CAP"


def test_detects_csl_files(tmp_path):
    (tmp_path / "csl.csv.gz").write_bytes(gzip.compress(_csv(ROWS)))
    (tmp_path / "other.csv").write_text("a,b\n1,2\n")
    assert looks_like_screening_list(tmp_path / "csl.csv.gz")
    assert not looks_like_screening_list(tmp_path / "other.csv")


def test_snapshot_update_adds_changes_removes(tmp_path, forbid_model):
    from agent.screening.index import load_index
    from ingest.store import IndexOptions, IndexStore

    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    f1 = tmp_path / "csl-1.csv"
    f1.write_bytes(_csv(ROWS))
    r1 = ingest_screening_list(f1, store)
    assert (r1.added, r1.changed, r1.removed) == (3, 0, 0)
    idx = load_index(tmp_path / "idx" / "catalog.sqlite")
    assert len(idx.records) == 3

    # Newer snapshot: Dahua's policy changed, Smith delisted (SDN still in the file), one new row.
    rows2 = [dict(ROWS[0], license_policy="Case-by-case review"), ROWS[3],
             _row(_id="n4", source=SDN, name="NEW PARTY LLC")]
    f2 = tmp_path / "csl-2.csv"
    f2.write_bytes(_csv(rows2))
    r2 = ingest_screening_list(f2, store)
    assert (r2.added, r2.changed, r2.removed, r2.unchanged) == (1, 1, 1, 1)
    assert store.find_documents(f"{f1.resolve()}#100@SDN") == [] and store.find_documents("csl-2.csv#100@SDN") == []
    doc = store.get_document(store.find_documents(f"{f2.resolve()}#a1@EL")[0])
    assert doc.sources == [f"{f2.resolve()}#a1@EL"]  # the newer file holds it now
    assert "License policy: Case-by-case review" in doc.body
    assert store.stats().documents == 3
    idx2 = load_index(tmp_path / "idx" / "catalog.sqlite")
    assert idx2 is not idx and sorted(r.record_id for r in idx2.records) == ["a1", "c3", "n4"]

    # Same file again: nothing to do.
    r3 = ingest_screening_list(f2, store)
    assert (r3.added, r3.changed, r3.removed, r3.unchanged) == (0, 0, 0, 3)
    assert r3.skipped and "unchanged since last ingest (3 records)" in r3.summary()


def test_pipeline_dispatches_csl_files_in_folders(tmp_path, forbid_model):
    from ingest import ingest_paths
    from ingest.store import IndexOptions, IndexStore

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "csl.csv.gz").write_bytes(gzip.compress(_csv(ROWS)))
    (folder / "broken.csv").write_text("_id,source,name\n")  # a CSL header, no rows
    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    rep = ingest_paths([folder], store, progress=False)
    by_name = {Path(r.path).name: r for r in rep.results}
    assert by_name["csl.csv.gz"].status.value == "ingested"
    assert "3 added" in by_name["csl.csv.gz"].reason
    assert by_name["broken.csv"].status.value == "failed" and "no usable rows" in by_name["broken.csv"].reason


def test_records_stay_out_of_ordinary_retrieval_unless_asked(tmp_path, forbid_model):
    from ingest.store import IndexOptions, IndexStore

    f = tmp_path / "csl.csv"
    f.write_bytes(_csv(ROWS))
    quiet = IndexStore(IndexOptions(path=tmp_path / "a"))
    ingest_screening_list(f, quiet)
    assert quiet.stats().documents == 3 and quiet.chunk_count() == 0
    assert quiet.keyword_search("Dahua", 5) == []
    doc = quiet.get_document(quiet.find_documents("csl.csv#a1@EL")[0])
    assert doc.doc_type == "screening-list" and doc.body.startswith("Name: Dahua Technology\n")

    searchable = IndexStore(IndexOptions(path=tmp_path / "b"))
    ingest_screening_list(f, searchable, retrieval="keyword")
    assert searchable.chunk_count() == 3
    [(chunk_id, _score)] = searchable.keyword_search("Dahua", 5)
    assert chunk_id.startswith(searchable.find_documents("csl.csv#a1@EL")[0])
    with pytest.raises(ValueError, match="retrieval mode"):
        ingest_screening_list(f, searchable, retrieval="vectors")


def test_evaluator_reverifies_record_citations_from_the_list_file(tmp_path):
    from agent.evaluate import DocumentTexts, check_citation
    from agent.types import Citation

    (tmp_path / "csl.csv").write_bytes(_csv(ROWS))
    docs = DocumentTexts(tmp_path)
    src = f"{(tmp_path / 'csl.csv').resolve()}#a1@EL"
    good = Citation(source=src, title="t", quote="84 FR 54002", start=0, end=0)
    bad = Citation(source=src, title="t", quote="Presumption of approval", start=0, end=0)
    gone = Citation(source=src.replace("a1@", "zz@"), title="t", quote="84 FR 54002", start=0, end=0)
    assert check_citation(good, docs, []).verified
    assert not check_citation(bad, docs, []).verified
    assert "not found" in check_citation(gone, docs, []).reason
    # An index built elsewhere (the list file moved): the file of the same name in the corpus.
    moved = Citation(source="/elsewhere/csl.csv#a1@EL", title="t", quote="84 FR 54002", start=0, end=0)
    legacy = Citation(source="csl#a1@EL", title="t", quote="84 FR 54002", start=0, end=0)
    assert check_citation(moved, docs, []).verified and check_citation(legacy, docs, []).verified


def test_a_csv_that_is_not_a_screening_list_says_so(tmp_path, forbid_model):
    """Named on its own, a CSV/JSON that is not a list fails with the missing columns (not
    "unsupported file type .csv"); inside a folder it is skipped, saying why."""
    from ingest import ingest_paths
    from ingest.store import IndexOptions, IndexStore

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "payments.csv").write_text("id,company,country\n1,Foo,CN\n")
    (folder / "notes.json").write_text('{"a": 1}')
    (folder / "csl.csv").write_bytes(_csv(ROWS))
    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    named = ingest_paths([folder / "payments.csv", folder / "notes.json"], store, progress=False)
    [csv_res, json_res] = named.results
    assert csv_res.status.value == "failed"
    assert "is not a screening list: missing column(s) _id, source, name" in csv_res.reason
    assert "found id, company, country" in csv_res.reason
    assert json_res.status.value == "failed" and "not a screening list" in json_res.reason
    in_folder = {Path(r.path).name: r for r in ingest_paths([folder], store, progress=False).results}
    assert in_folder["payments.csv"].status.value == "skipped"
    assert "not a screening list" in in_folder["payments.csv"].reason
    assert in_folder["csl.csv"].status.value == "ingested"
