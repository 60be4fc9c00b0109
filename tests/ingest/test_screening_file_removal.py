"""Screening records belong to their list file (source ``<file>#<_id>@<list>``, like the
documents of a Federal Register issue): deleting the file from an ingested folder, or
``tradeqa remove`` of it, removes its records from the catalog, the keyword index, the
screening name table and Chroma, and says how many; screening no longer finds them.
An unchanged list file is not read again."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from conftest import catalog_state
from ingest import Status, ingest_paths
from ingest.screening_lists import CSL_COLUMNS
from ingest.store import IndexOptions, IndexStore

EL = "Entity List (EL) - Bureau of Industry and Security"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"
EL_ROWS = [
    {"_id": "a1", "source": EL, "name": "Dahua Technology", "addresses": "Hangzhou, CN", "start_date": "2019-10-09",
     "federal_register_notice": "84 FR 54002"},
    {"_id": "a2", "source": EL, "name": "Hangzhou Hikvision Digital Technology Co., Ltd.", "alt_names": "Hikvision"},
    {"_id": "a3", "source": EL, "name": "Megvii Technology", "start_date": "2019-10-09"},
]


def _csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSL_COLUMNS)
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def _screen(name: str, index: Path) -> list[str]:
    from agent.screening import ScreeningNotReady, screen

    try:
        return [h.record_id for h in screen(name, index=index)]
    except ScreeningNotReady:
        return []


def _names_table(index: Path) -> list[tuple[str, str]]:
    db = sqlite3.connect(index / "catalog.sqlite")
    try:
        return db.execute("SELECT key, source FROM screening_records ORDER BY key").fetchall()
    finally:
        db.close()


@pytest.fixture()
def lists(tmp_path) -> Path:
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "el.csv").write_text(_csv(EL_ROWS), encoding="utf-8")
    (folder / "sdn.json").write_text(json.dumps({"results": [
        {"_id": "100", "source": SDN, "name": "SMITH, John", "type": "Individual"}]}), encoding="utf-8")
    return folder


def test_deleted_list_file_takes_its_records_with_it(tmp_path, lists, forbid_model, monkeypatch):
    index = tmp_path / "idx"
    store = IndexStore(IndexOptions(path=index))
    first = ingest_paths([lists], store, progress=False, screening_retrieval="keyword")
    assert {Path(r.path).name: r.status for r in first.results} == {"el.csv": Status.INGESTED,
                                                                   "sdn.json": Status.INGESTED}
    el = str((lists / "el.csv").resolve())
    assert store.sources_of_file(el) == [f"{el}#a1@EL", f"{el}#a2@EL", f"{el}#a3@EL"]
    assert _screen("Dahua Technology", index) == ["a1"] and _screen("John Smith", index) == ["100"]
    assert store.keyword_search("Dahua", 5)

    # Unchanged files: not even parsed (0 work), and nothing is written.
    import ingest.screening_lists as sl

    monkeypatch.setattr(sl, "parse_bytes", lambda *a, **k: pytest.fail("an unchanged list file was parsed"))
    gen = store.generation()
    again = ingest_paths([lists], store, progress=False, screening_retrieval="keyword")
    assert [r.status for r in again.results] == [Status.UNCHANGED, Status.UNCHANGED]
    assert {r.reason for r in again.results} == {"unchanged since last ingest (3 records)",
                                                 "unchanged since last ingest (1 records)"}
    assert store.generation() == gen
    monkeypatch.undo()

    (lists / "el.csv").unlink()
    report = ingest_paths([lists], store, progress=False, screening_retrieval="keyword")
    removed = [r for r in report.results if r.status is Status.REMOVED]
    assert [(r.path, r.reason) for r in removed] == [
        (el, "file deleted; its 3 screening-list records were removed from the index")]
    assert store.sources_of_file(el) == [] and store.stats().documents == 1
    assert store.keyword_search("Dahua", 5) == [] and store.keyword_search("Hikvision", 5) == []
    assert [k for k, _ in _names_table(index)] == ["100@SDN"]
    assert _screen("Dahua Technology", index) == [] and _screen("Hikvision", index) == []
    assert _screen("John Smith", index) == ["100"]
    # keyword mode: a chunk per record and no vector; the keyword index holds only what is left
    state = catalog_state(store)
    assert state["fts_rowids"] == state["rowids"] and len(state["rowids"]) == 1 and state["chroma"] == set()


def test_tradeqa_remove_of_a_list_file(tmp_path, lists, forbid_model, capsys):
    from agent.cli import main
    from agent.screening import get_index, has_screening_list

    index = tmp_path / "idx"
    assert main(["-q", "ingest", str(lists), "--index", str(index)]) == 0
    assert get_index(index).snapshot == "el.csv, sdn.json"
    capsys.readouterr()
    assert main(["remove", "el.csv", "--index", str(index)]) == 0  # the file's name is enough
    assert capsys.readouterr().out == f"removed {(lists / 'el.csv').resolve()} (3 screening-list records)\n"
    assert _screen("Megvii Technology", index) == [] and _screen("SMITH John", index) == ["100"]
    assert get_index(index).snapshot == "sdn.json"
    assert main(["remove", str(lists / "sdn.json"), "--index", str(index)]) == 0
    assert not has_screening_list(index)
    # The files are still there: ingesting the folder again brings the records back.
    assert main(["-q", "ingest", str(lists), "--index", str(index)]) == 0
    assert _screen("Dahua Technology", index) == ["a1"] and _screen("SMITH John", index) == ["100"]


def test_deleting_the_newer_snapshot_restores_the_older_one_still_there(tmp_path, forbid_model):
    """A newer snapshot (another file) takes over the rows it shares with the older one and
    delists the rest; deleting it removes what it holds, and the older file, still in the
    folder, is read again in the same run."""
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "csl-1.csv").write_text(_csv(EL_ROWS), encoding="utf-8")
    index = tmp_path / "idx"
    store = IndexStore(IndexOptions(path=index))
    ingest_paths([folder], store, progress=False)
    newer = [dict(EL_ROWS[0], start_date="2019-10-08"), EL_ROWS[1]]  # a1 changed, a3 delisted
    (folder / "csl-2.csv").write_text(_csv(newer), encoding="utf-8")
    second = {Path(r.path).name: r for r in ingest_paths([folder], store, progress=False).results}
    assert second["csl-1.csv"].status is Status.UNCHANGED
    assert second["csl-2.csv"].reason.startswith("0 added, 1 changed, 1 removed, 1 unchanged records")
    newer_file = str((folder / "csl-2.csv").resolve())
    assert [s for _, s in _names_table(index)] == [f"{newer_file}#a1@EL", f"{newer_file}#a2@EL"]
    assert _screen("Megvii Technology", index) == []

    (folder / "csl-2.csv").unlink()
    third = {Path(r.path).name: r for r in ingest_paths([folder], store, progress=False).results}
    assert third["csl-2.csv"].status is Status.REMOVED and "its 2 screening-list records" in third["csl-2.csv"].reason
    assert third["csl-1.csv"].reason.startswith("3 added, 0 changed, 0 removed")
    assert _screen("Megvii Technology", index) == ["a3"]
    assert store.stats().documents == 3


def test_dense_records_lose_their_vectors_with_the_file(tmp_path, lists, index_consistency):
    """Needs the embedding model: records with a vector each (``dense``)."""
    index = tmp_path / "idx"
    store = IndexStore(IndexOptions(path=index))
    ingest_paths([lists], store, progress=False, screening_retrieval="dense")
    assert len(index_consistency(store)["chroma"]) == 4
    (lists / "el.csv").unlink()
    ingest_paths([lists], store, progress=False, screening_retrieval="dense")
    assert len(index_consistency(store)["chroma"]) == 1
    store.close()


def test_ingest_command_prints_what_a_deleted_list_took_with_it(tmp_path, lists, forbid_model, capsys):
    from agent.cli import main

    index = tmp_path / "idx"
    assert main(["-q", "ingest", str(lists), "--index", str(index)]) == 0
    (lists / "el.csv").unlink()
    capsys.readouterr()
    assert main(["-q", "ingest", str(lists), "--index", str(index)]) == 0
    out = capsys.readouterr().out
    assert f"removed   {(lists / 'el.csv').resolve()} file deleted; its 3 screening-list records were removed" in out
    assert "0 ingested, 1 unchanged, 0 failed, 1 removed" in out
