"""The loading/chunking cases of ``../shared/cases`` (copied to ``tests/fixtures/cases``),
each asserting what its README says should happen: ingest into a fresh index, ask
its questions with the offline answerer, check the answer and its verified quote."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agent.api import ask, open_index
from agent.config import Settings
from ingest import ingest_paths
from ingest.records import Status

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "cases"


def _index(tmp_path: Path, *files: Path) -> Settings:
    settings = Settings(index=tmp_path / "idx", llm="none", chroma_url="", collection="tradeqa", embedding_model="")
    store = open_index(settings=settings)
    report = ingest_paths(list(files), store, options=settings.chunking(), progress=False)
    assert report.failed == 0, [(r.path, r.reason) for r in report.results]
    return settings


def _ask(question: str, settings: Settings):
    answer = ask(question, settings=settings)
    store = open_index(settings=settings)
    for c in answer.citations:  # every quote is the stored body at its offsets
        assert store.get_document(c.doc_id).body[c.start:c.end] == c.quote
    return answer


def _only_doc(settings: Settings):
    """The one document of a single-file index."""
    store = open_index(settings=settings)
    (doc_id,) = {d for _, d in store.list_sources()}
    return store.get_document(doc_id)


def _questions(case: str) -> list[str]:
    return [q for q in (CASES / case / "questions.txt").read_text(encoding="utf-8").splitlines() if q.strip()]


@pytest.mark.integration
def test_pdf_two_columns_answers_each_column(tmp_path: Path):
    s = _index(tmp_path, CASES / "pdf-two-columns" / "bulletin.pdf")
    q1, q2 = _questions("pdf-two-columns")
    # Each answer quotes its own column's sentence, whole, with the figure (line breaks as printed).
    a1 = _ask(q1, s)
    assert not a1.abstained and "18 percent" in a1.text and "copper" not in a1.text
    assert a1.citations[0].quote == ("Column one reports that the ministry\nraised the duty on steel wire to\n"
                                     "18 percent from 1 April 2022.")
    a2 = _ask(q2, s)
    assert not a2.abstained and "2 percent from 1 May 2022" in a2.text and "steel" not in a2.text
    assert a2.citations[0].quote == ("Column two reports that the customs\noffice cut the fee on copper foil to\n"
                                     "2 percent from 1 May 2022.")


@pytest.mark.integration
def test_pdf_missing_spaces_answers_like_the_control(tmp_path: Path):
    q = _questions("pdf-missing-spaces")[0]
    glued = _ask(q, _index(tmp_path / "a", CASES / "pdf-missing-spaces" / "solar-notice.pdf"))
    control = _ask(q, _index(tmp_path / "b", CASES / "pdf-missing-spaces" / "control" / "solar-notice-spaced.pdf"))
    assert not glued.abstained and "6 February 2026" in glued.text
    assert glued.text == control.text
    assert any("The Example Trade Office extended" in c.quote for c in glued.citations)


def test_pdf_encrypted_reports(tmp_path: Path, forbid_model, caplog):
    from ingest.store import IndexStore  # noqa: F401 - the store opens without the model

    settings = Settings(index=tmp_path / "idx", llm="none", chroma_url="", collection="tradeqa", embedding_model="")
    folder = tmp_path / "pdfs"
    shutil.copytree(CASES / "pdf-encrypted", folder)
    (folder / "aes256-emptypw.pdf").unlink()  # needs the model to embed; read separately below
    (folder / "README.txt").unlink()
    store = open_index(settings=settings)
    report = ingest_paths([folder], store, options=settings.chunking(), progress=False)
    by_name = {Path(r.path).name: r for r in report.results}
    for name in ("aes256-userpw.pdf", "rc4-userpw.pdf"):
        assert by_name[name].status is Status.FAILED
        assert by_name[name].reason == "encrypted PDF (password required)"
    assert len(report.results) == 2
    assert "Traceback" not in caplog.text

    from ingest.loaders import load_file

    doc = load_file(CASES / "pdf-encrypted" / "aes256-emptypw.pdf")
    assert "The Example Trade Office extended the safeguard duty on solar panels until 6 February 2026." in doc.body
    assert doc.title == "Notice on solar panel safeguard duty" and doc.pages == [0]


@pytest.mark.integration
def test_html_table_cells_are_separated(tmp_path: Path):
    s = _index(tmp_path, CASES / "html-table-cells" / "tariff-table.html")
    body = _only_doc(s).body
    assert "Product: Steel pipe | Duty rate: 25% | Shipments: 1801" in body
    assert "Product: Aluminium foil | Duty rate: 10% | Shipments: 8,893" in body
    q_rate, q_pipe, q_foil = _questions("html-table-cells")
    a = _ask(q_rate, s)
    assert not a.abstained and "25%" in a.text and "10%" not in a.text
    a = _ask(q_pipe, s)
    assert "1801" in a.text and "8,893" not in a.text and all("pipe25%" not in c.quote for c in a.citations)
    a = _ask(q_foil, s)
    assert "8,893" in a.text and "1801" not in a.text


@pytest.mark.integration
def test_md_base64_image_is_not_text(tmp_path: Path):
    s = _index(tmp_path, CASES / "md-base64-image" / "steel-monitor.md")
    store = open_index(settings=s)
    doc = _only_doc(s)
    assert "base64" not in doc.body and "data:image" not in doc.body
    assert "Monthly steel imports chart" in doc.body  # the alt text stays
    assert len(store.chunk_spans(doc.doc_id)) <= 2
    q1, q2 = _questions("md-base64-image")
    a1 = _ask(q1, s)
    assert "![" not in a1.text and "](" not in a1.text
    a2 = _ask(q2, s)
    assert not a2.abstained and "12 percent" in a2.text.split("\n")[0]


def test_huge_file_chunking_hashes_the_body_once(monkeypatch, forbid_model):
    """huge-file-quadratic-chunking: Document.doc_id (sha256 of the whole body) was
    recomputed for every chunk, so chunking grew with the square of the size. The
    work done per size must now grow linearly: one whole-body hash per document."""
    import ingest.records as records
    from ingest.chunking import chunk_document
    from ingest.records import Document

    hashed: list[int] = []
    real, real_id = records.content_hash, records.document_id
    monkeypatch.setattr(records, "content_hash", lambda text: (hashed.append(len(text)), real(text))[1])
    monkeypatch.setattr(records, "document_id",  # the id hashes the body with its metadata
                        lambda body, *meta: (hashed.append(len(body)), real_id(body, *meta))[1])
    para = ("The duty on product alpha is 5 percent under notice 12, and the quota is 4,000 tonnes. " * 6).strip()
    work = {}
    for mb in (0.25, 1.0):
        hashed.clear()
        body = "\n\n".join([para] * int(mb * 1_000_000 / (len(para) + 2)))
        chunks = chunk_document(Document(source="big.txt", body=body))
        assert hashed.count(len(body)) == 1
        work[mb] = (len(chunks), sum(hashed))
    # Four times the text: four times the chunks and four times the characters hashed (not sixteen).
    assert 3.5 < work[1.0][0] / work[0.25][0] < 4.5
    assert 3.5 < work[1.0][1] / work[0.25][1] < 4.5
