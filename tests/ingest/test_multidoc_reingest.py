"""Re-ingesting a file that holds several documents (a Federal Register issue, an eCFR
title with several parts) leaves exactly the documents it now holds: a document
removed from the file is deleted from the catalog, the keyword index and Chroma;
the documents that did not change are not embedded again (issue 9)."""
from __future__ import annotations

from pathlib import Path

from ingest import Status, ingest_paths

from test_pipeline import store  # noqa: F401 - the same temp-index fixture

RULE = """<RULE><PREAMB><PRTPAGE P="{page}"/><AGENCY TYPE="N">DEPARTMENT OF COMMERCE</AGENCY>
<SUBJECT>{subject}</SUBJECT></PREAMB><SUPLINF><P>{text}</P></SUPLINF>
<FRDOC>[FR Doc. {frdoc} Filed 5-16-24; 8:45 am]</FRDOC></RULE>"""

DOCS = {
    "2024-00001": ("Export controls on widgets", "Exports of widgets to Ruritania now need a licence from the "
                   "Bureau. The licence is valid for two years."),
    "2024-00002": ("Export controls on zirconium sponge", "Zirconium sponge exports to Freedonia are restricted "
                   "from June 1, 2024. Existing contracts may be completed."),
    "2024-00003": ("Export controls on gadgets", "Gadget exports to Sylvania require a notification thirty "
                   "days ahead of shipment."),
}


def _issue(frdocs: list[str], texts: dict[str, str] | None = None) -> str:
    rules = "\n".join(RULE.format(page=43200 + n, subject=DOCS[d][0], text=(texts or {}).get(d, DOCS[d][1]), frdoc=d)
                      for n, d in enumerate(frdocs))
    return (f'<?xml version="1.0"?><FEDREG><VOL>89</VOL><DATE>Friday, May 17, 2024</DATE>'
            f"<RULES>{rules}</RULES></FEDREG>")


def _statuses(report) -> dict[str, Status]:
    return {r.path.rsplit("#", 1)[-1]: r.status for r in report.results}


def _fr_sources(store, path: Path) -> list[str]:
    return [s.rsplit("#", 1)[-1] for s in store.sources_of_file(str(path.resolve()))]


def test_document_removed_from_an_issue_is_removed_from_the_index(store, tmp_path, index_consistency):
    folder = tmp_path / "fr"
    folder.mkdir()
    issue = folder / "issue.xml"
    issue.write_text(_issue(list(DOCS)), encoding="utf-8")
    first = ingest_paths([folder], store, progress=False)
    assert _statuses(first) == {d: Status.INGESTED for d in DOCS}
    removed_id = next(r.doc_id for r in first.results if r.path.endswith("#2024-00002"))
    before = index_consistency(store)
    assert store.keyword_search("zirconium sponge", 5)
    removed_chunks = {c for c in before["catalog"] if c.startswith(removed_id)}
    assert removed_chunks and removed_chunks <= before["chroma"]

    issue.write_text(_issue(["2024-00001", "2024-00003"]), encoding="utf-8")
    calls = store.embedder.embedded
    second = ingest_paths([folder], store, progress=False)
    assert _statuses(second) == {"2024-00001": Status.UNCHANGED, "2024-00003": Status.UNCHANGED,
                                 "2024-00002": Status.REMOVED}
    gone = next(r for r in second.results if r.status is Status.REMOVED)
    assert gone.reason == "no longer in issue.xml; its previous version was removed from the index"
    assert second.embedded == 0 and store.embedder.embedded == calls  # nothing re-embedded
    assert "1 removed" in second.summary()

    after = index_consistency(store)
    assert removed_id not in after["docs"] and len(after["docs"]) == 2
    assert not (removed_chunks & after["catalog"]) and not (removed_chunks & after["chroma"])
    assert store.keyword_search("zirconium sponge", 5) == [] and store.document_frequency("zirconium") == 0
    assert store.get_document(removed_id) is None
    assert _fr_sources(store, issue) == ["2024-00001", "2024-00003"]

    # The next run finds everything unchanged and removes nothing more.
    third = ingest_paths([folder], store, progress=False)
    assert _statuses(third) == {"2024-00001": Status.UNCHANGED, "2024-00003": Status.UNCHANGED}
    assert all(r.reason == "unchanged since last ingest" for r in third.results)


def test_changed_added_and_removed_documents_in_one_reingest(store, tmp_path, index_consistency):
    issue = tmp_path / "issue.xml"
    issue.write_text(_issue(["2024-00001", "2024-00002"]), encoding="utf-8")
    ingest_paths([issue], store, progress=False)
    old_widgets = store.find_documents(str(issue.resolve()) + "#2024-00001")

    new_text = "Exports of widgets to Ruritania need no licence from July 1, 2024."
    issue.write_text(_issue(["2024-00001", "2024-00003"], {"2024-00001": new_text}), encoding="utf-8")
    report = ingest_paths([issue], store, progress=False)
    assert _statuses(report) == {"2024-00001": Status.INGESTED, "2024-00003": Status.INGESTED,
                                 "2024-00002": Status.REMOVED}
    state = index_consistency(store)
    assert len(state["docs"]) == 2 and old_widgets[0] not in state["docs"]
    assert store.keyword_search("zirconium", 5) == [] and store.keyword_search("valid for two years", 5) == []
    (hit, _), = store.keyword_search("no licence from July", 1)
    doc = store.get_document(hit.split(":")[0])
    assert doc.body.endswith(new_text) or new_text in doc.body
    assert _fr_sources(store, issue) == ["2024-00001", "2024-00003"]


def test_issue_shrunk_to_one_document_and_back(store, tmp_path, index_consistency):
    """A file that held several documents and now holds one is indexed under the file
    itself (no '#'), and the per-document sources go - and the other way round."""
    issue = tmp_path / "issue.xml"
    issue.write_text(_issue(["2024-00001", "2024-00002"]), encoding="utf-8")
    ingest_paths([issue], store, progress=False)
    issue.write_text(_issue(["2024-00003"]), encoding="utf-8")
    report = ingest_paths([issue], store, progress=False)
    assert [(Path(r.path).name, r.status) for r in report.results] == [
        ("issue.xml", Status.INGESTED), ("issue.xml#2024-00001", Status.REMOVED),
        ("issue.xml#2024-00002", Status.REMOVED)]
    assert store.sources_of_file(str(issue.resolve())) == [str(issue.resolve())]
    assert len(index_consistency(store)["docs"]) == 1

    issue.write_text(_issue(["2024-00002", "2024-00003"]), encoding="utf-8")
    report = ingest_paths([issue], store, progress=False)
    # 2024-00003 is the document that was indexed under "issue.xml": it moves to its own
    # source without being written again, and stays when "issue.xml" goes.
    assert [(Path(r.path).name, r.status) for r in report.results] == [
        ("issue.xml#2024-00002", Status.INGESTED), ("issue.xml#2024-00003", Status.UNCHANGED),
        ("issue.xml", Status.REMOVED)]
    assert report.results[1].reason == f"same content as {issue.resolve()}"
    assert _fr_sources(store, issue) == ["2024-00002", "2024-00003"]
    assert len(index_consistency(store)["docs"]) == 2


def test_sources_of_file_does_not_match_other_files(store, tmp_path):
    # "_" is a LIKE wildcard: "fr_issue.xml" must not claim "frXissue.xml"'s documents.
    a, b = tmp_path / "fr_issue.xml", tmp_path / "frXissue.xml"
    a.write_text(_issue(["2024-00001", "2024-00002"]), encoding="utf-8")
    b.write_text(_issue(["2024-00003", "2024-00002"]), encoding="utf-8")
    ingest_paths([a, b], store, progress=False)
    assert _fr_sources(store, a) == ["2024-00001", "2024-00002"]
    assert _fr_sources(store, b) == ["2024-00002", "2024-00003"]
    a.write_text(_issue(["2024-00001"]), encoding="utf-8")
    ingest_paths([a], store, progress=False)
    assert _fr_sources(store, b) == ["2024-00002", "2024-00003"]
    assert store.keyword_search("zirconium", 5)  # still held by the other file


def test_single_file_api_removes_vanished_documents_too(store, tmp_path, index_consistency):
    from ingest import ChunkingOptions
    from ingest.pipeline import ingest_file, ingest_file_documents

    issue = tmp_path / "issue.xml"
    issue.write_text(_issue(list(DOCS)), encoding="utf-8")
    assert [r.status for r in ingest_file_documents(issue, store, ChunkingOptions())] == [Status.INGESTED] * 3
    issue.write_text(_issue(["2024-00003"]), encoding="utf-8")
    first = ingest_file(issue, store, ChunkingOptions())  # the file's own document comes first, then removals
    assert (Path(first.path).name, first.status) == ("issue.xml", Status.UNCHANGED)
    assert first.reason == f"same content as {issue.resolve()}#2024-00003"  # stored once, moved to the file
    assert store.sources_of_file(str(issue.resolve())) == [str(issue.resolve())]
    assert store.keyword_search("zirconium", 5) == [] and store.keyword_search("Ruritania", 5) == []
    assert len(index_consistency(store)["docs"]) == 1


UNNUMBERED = """<NOTICE><PREAMB><PRTPAGE P="{page}"/><AGENCY TYPE="N">DEPARTMENT OF COMMERCE</AGENCY>
<SUBJECT>{subject}</SUBJECT></PREAMB><SUPLINF><P>{text}</P></SUPLINF></NOTICE>"""


def _unnumbered_issue(keys: list[str]) -> str:
    # Two notices start on page 43201 (short notices share pages); none has an FR Doc. line.
    pages = {"2024-00001": 43200, "2024-00002": 43201, "2024-00003": 43201}
    notices = "\n".join(UNNUMBERED.format(page=pages[k], subject=DOCS[k][0], text=DOCS[k][1]) for k in keys)
    return (f'<?xml version="1.0"?><FEDREG><VOL>89</VOL><DATE>Friday, May 17, 2024</DATE>'
            f"<NOTICES>{notices}</NOTICES></FEDREG>")


def test_documents_without_fr_number_keep_their_names_when_an_earlier_one_goes(store, tmp_path, index_consistency):
    """Named by FR citation and heading, not by their position in the issue: dropping the
    first notice leaves the others' names, index entries and vectors as they were."""
    issue = tmp_path / "issue.xml"
    issue.write_text(_unnumbered_issue(list(DOCS)), encoding="utf-8")
    first = ingest_paths([issue], store, progress=False)
    names = ["89-FR-43200-export-controls-on-widgets", "89-FR-43201-export-controls-on-zirconium-sponge",
             "89-FR-43201-export-controls-on-gadgets"]
    assert _statuses(first) == {n: Status.INGESTED for n in names}

    issue.write_text(_unnumbered_issue(["2024-00002", "2024-00003"]), encoding="utf-8")
    calls = store.embedder.embedded
    second = ingest_paths([issue], store, progress=False)
    assert _statuses(second) == {names[0]: Status.REMOVED, names[1]: Status.UNCHANGED, names[2]: Status.UNCHANGED}
    assert store.embedder.embedded == calls
    assert _fr_sources(store, issue) == sorted(names[1:])
    assert len(index_consistency(store)["docs"]) == 2
