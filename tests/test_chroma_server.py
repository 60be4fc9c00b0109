"""The Chroma server path (``IndexOptions(chroma_url=...)``).

Uses ``TRADEQA_TEST_CHROMA_URL`` when set (CI starts ``chroma run``); otherwise
starts ``chroma run`` on a free 127.0.0.1 port in a tmp folder and stops it after.
Each test uses its own collection name."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from agent import Settings, ask, open_index
from ingest import IndexOptions, IndexStore, Status, ingest_paths, remove_sources

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _heartbeat(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    url = os.environ.get("TRADEQA_TEST_CHROMA_URL", "").rstrip("/")
    if url:
        if not _heartbeat(url):
            pytest.fail(f"TRADEQA_TEST_CHROMA_URL={url} does not answer /api/v2/heartbeat")
        yield url
        return
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if not exe:
        pytest.skip("chroma CLI not installed")
    root = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(root / "chroma.log", "wb")
    proc = subprocess.Popen([exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(root / "data")],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not _heartbeat(url):
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}: {(root / 'chroma.log').read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail("chroma run did not answer /api/v2/heartbeat within 60 s")
            time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture()
def collection() -> str:
    return f"tradeqa-test-{uuid.uuid4().hex[:12]}"


def test_ingest_query_and_remove_through_the_server(chroma_url, collection, tiny_corpus, tmp_path, index_consistency):
    store = IndexStore(IndexOptions(path=tmp_path / "catalog", chroma_url=chroma_url, collection=collection))
    assert store.describe_chroma() == chroma_url
    report = ingest_paths([tiny_corpus], store, progress=False)
    assert (report.ingested, report.failed) == (3, 0)
    st = index_consistency(store)
    assert len(st["chroma"]) == store.stats().chunks
    assert not (tmp_path / "catalog" / "chroma").exists()  # vectors live on the server, not on disk here

    # Another client (fresh catalog handle, same server collection) sees the same vectors.
    again = ingest_paths([tiny_corpus], store, progress=False)
    assert again.unchanged == 3 and again.embedded == 0

    q = store.embedder.embed_query("tariff on gadgets from Freedonia")
    top = store.dense_search(q, 3)[0][0]
    assert store.get_chunks([top])[top].text.startswith("# Gadget tariff schedule")

    (tiny_corpus / "gadgets.md").write_text("# Gadget tariffs\n\nGadgets now pay 15 percent.\n", encoding="utf-8")
    r = {Path(x.path).name: x for x in ingest_paths([tiny_corpus], store, progress=False).results}
    assert r["gadgets.md"].status is Status.INGESTED
    index_consistency(store)
    remove_sources(["sprockets.txt"], store)
    st = index_consistency(store)
    assert len(st["docs"]) == 2
    store.close()


def test_ask_with_chroma_url_setting(chroma_url, collection, tiny_corpus, tmp_path):
    s = Settings(index=tmp_path / "idx", chroma_url=chroma_url, collection=collection)
    store = open_index(settings=s)
    assert store.options.chroma_url == chroma_url and store.options.collection == collection
    ingest_paths([tiny_corpus], store, options=s.chunking(), progress=False)
    ans = ask("When did exports of widgets to Ruritania require a licence?", settings=s)
    assert not ans.abstained and "March 3, 2021" in ans.text
    for c in ans.citations:
        assert store.get_document(c.doc_id).body[c.start:c.end] == c.quote


def test_collections_are_isolated(chroma_url, tiny_corpus, tmp_path):
    a = IndexStore(IndexOptions(path=tmp_path / "a", chroma_url=chroma_url, collection=f"iso-a-{uuid.uuid4().hex[:8]}"))
    b = IndexStore(IndexOptions(path=tmp_path / "b", chroma_url=chroma_url, collection=f"iso-b-{uuid.uuid4().hex[:8]}"))
    ingest_paths([tiny_corpus / "widgets.txt"], a, progress=False)
    assert a.collection.count() >= 1
    assert b.collection.count() == 0


def test_unreachable_server_is_a_reported_failure(tmp_path, tiny_corpus):
    store = IndexStore(IndexOptions(path=tmp_path / "idx", chroma_url=f"http://127.0.0.1:{_free_port()}",
                                    collection="nobody-listens"))
    report = ingest_paths([tiny_corpus / "widgets.txt"], store, progress=False)
    assert report.failed == 1 and report.results[0].reason  # reported, not raised
    assert store.stats().documents == 0
