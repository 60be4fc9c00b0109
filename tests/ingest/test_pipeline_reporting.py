"""A folder ingest reports every file - ingested, unchanged, failed with a reason,
skipped (unsupported type) - and multi-document XML issues ingest per document."""
from __future__ import annotations

import shutil
from pathlib import Path

from ingest import Status, ingest_paths
from ingest.loaders import SUPPORTED_SUFFIXES

from test_pipeline import _by_name, store  # noqa: F401 - the same temp-index fixture and report helper

XML = Path(__file__).resolve().parent.parent / "fixtures" / "xml"


def test_folder_report_lists_every_file(store, tiny_corpus: Path, index_consistency):
    (tiny_corpus / "sheet.xlsx").write_bytes(b"PK\x03\x04 zip")
    (tiny_corpus / "sub").mkdir()
    (tiny_corpus / "sub" / "memo.docx").write_bytes(b"PK\x03\x04 zip")
    (tiny_corpus / "sub" / "NOTES").write_text("no suffix", encoding="utf-8")
    (tiny_corpus / "broken.pdf").write_bytes(b"not a pdf")
    (tiny_corpus / ".hidden.docx").write_bytes(b"x")  # hidden files stay out of the report
    first = ingest_paths([tiny_corpus], store, progress=False)
    names = _by_name(first)
    assert set(names) == {"widgets.txt", "gadgets.md", "sprockets.txt", "sheet.xlsx", "memo.docx", "NOTES",
                          "broken.pdf"}
    assert (first.ingested, first.unchanged, first.failed, first.skipped) == (3, 0, 1, 3)
    assert names["broken.pdf"].reason == "not a PDF file (missing %PDF signature)"
    for name, suffix in (("sheet.xlsx", ".xlsx"), ("memo.docx", ".docx"), ("NOTES", "(no suffix)")):
        assert names[name].status is Status.SKIPPED
        assert names[name].reason.startswith(f"unsupported file type {suffix}; supported: ")
        assert all(s in names[name].reason for s in SUPPORTED_SUFFIXES)
    assert first.summary() == f"3 ingested, 0 unchanged, 1 failed, 3 skipped ({first.embedded} texts embedded)"
    second = ingest_paths([tiny_corpus], store, progress=False)
    assert (second.ingested, second.unchanged, second.failed, second.skipped) == (0, 3, 1, 3)
    # An unsupported file named explicitly is an error the user asked for, not a silent skip.
    explicit = ingest_paths([tiny_corpus / "sheet.xlsx"], store, progress=False)
    assert explicit.results[0].status is Status.FAILED
    index_consistency(store)


def test_fr_issue_ingests_each_document_and_is_unchanged_next_time(store, tmp_path: Path, index_consistency):
    folder = tmp_path / "fr"
    folder.mkdir()
    shutil.copy(XML / "fr-issue-2024-05-17.xml", folder)
    first = ingest_paths([folder], store, progress=False)
    assert [r.status for r in first.results] == [Status.INGESTED, Status.INGESTED]
    assert sorted(Path(r.path).name for r in first.results) == ["fr-issue-2024-05-17.xml#2024-10858",
                                                                 "fr-issue-2024-05-17.xml#2024-10901"]
    docs = [store.get_document(r.doc_id) for r in first.results]
    assert {d.title for d in docs} == {"Additions to the Entity List", "Notice of Modification: China's Acts, "
                                       "Policies, and Practices Related to Technology Transfer, Intellectual "
                                       "Property, and Innovation"}
    second = ingest_paths([folder], store, progress=False)
    assert [r.status for r in second.results] == [Status.UNCHANGED, Status.UNCHANGED] and second.embedded == 0
    index_consistency(store)
