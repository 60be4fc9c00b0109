"""Held-back inputs of the same kinds as the cases in ../shared/cases/ (issue 9): for
each kind one new input that differs from the case's, built here, with what it must
give. (The three-column Federal Register print variant of ``pdf-two-columns`` is in
tests/ingest/test_fr_print.py; other wordings of ``cjk-arabic-question`` in
test_scripts_wordings.py.)"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from agent import ask, retrieve
from agent.api import open_index
from ingest import IndexOptions, IndexStore, Status, ingest_paths
from ingest.formats.common import LoadError
from ingest.loaders import load_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
from pdfgen import Item, build_pdf, serialise  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _index(tmp_path: Path, *files: Path) -> Path:
    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    report = ingest_paths(list(files), store, progress=False)
    assert report.ingested == len(files), report.summary()
    store.close()
    return tmp_path / "idx"


# ------------------------------------------------- html-table-cells: spanning cells
SPANNING = """<html><head><title>Section 232 duty schedule</title></head><body><main>
<p>The schedule below sets the additional duties by year.</p>
<table><caption>Additional duties</caption>
<thead><tr><th rowspan="2">Product</th><th colspan="2">Additional duty</th></tr><tr><th>2024</th><th>2025</th></tr></thead>
<tbody><tr><th scope="row">Steel pipe</th><td>25%</td><td>50%</td></tr>
<tr><th scope="row">Aluminium foil</th><td colspan="2">10%</td></tr>
<tr><th scope="row" rowspan="2">Copper wire</th><td>15%</td><td>30%</td></tr>
<tr><td>5%</td><td>7%</td></tr></tbody></table></main></body></html>"""


def test_html_table_with_spanning_header_and_row_headers(tmp_path: Path):
    p = tmp_path / "rates.html"
    p.write_text(SPANNING, encoding="utf-8")
    rows = load_file(p).body.split("\n\n")[2:]
    assert rows == ["Product: Steel pipe | Additional duty 2024: 25% | Additional duty 2025: 50%",
                    "Product: Aluminium foil | Additional duty: 10%",
                    "Product: Copper wire | Additional duty 2024: 15% | Additional duty 2025: 30%",
                    "Product: Copper wire | Additional duty 2024: 5% | Additional duty 2025: 7%"]
    a = ask("What is the additional duty on steel pipe in 2025?", index=_index(tmp_path, p))
    assert not a.abstained and "50%" in a.text.splitlines()[0]
    assert a.citations[0].quote == rows[0]


# ------------------------------------------------------- encodings: declared charset
def test_html_declaring_latin_1_with_windows_1252_quotes(tmp_path: Path):
    # Pages that say ISO-8859-1 but hold Windows curly quotes and dashes (browsers read
    # them as windows-1252); detection alone took this one for Central European.
    p = tmp_path / "tarifs.html"
    text = "Le ministère a relevé le “droit additionnel” sur l’acier à 25 % – selon l’avis."
    p.write_bytes(f'<html><head><meta charset="iso-8859-1"><title>Tarifs</title></head><body><p>{text}</p>'
                  "</body></html>".encode("cp1252"))
    doc = load_file(p)
    assert doc.body == text and doc.extra["encoding"] == "cp1252"


def test_latin_1_text_file_with_a_header(tmp_path: Path):
    p = tmp_path / "note.txt"
    body = "Die Zölle auf Stahl steigen ab dem 1. März um 25 %. Das Ministerium prüft Ausnahmen für Österreich.\n"
    p.write_bytes(("title: Zölle auf Stahl\npublisher: Beispielamt für Außenhandel\n---\n" + body).encode("latin-1"))
    doc = load_file(p)
    assert (doc.title, doc.publisher, doc.body) == ("Zölle auf Stahl", "Beispielamt für Außenhandel", body)


# -------------------------------------------------- md-base64-image: other payloads
def test_markdown_inline_svg_and_svg_data_uri(tmp_path: Path):
    p = tmp_path / "monitor.md"
    p.write_text("# Steel monitor\n\nImports rose 12 percent in March 2023.\n\n"
                 "![Import chart](data:image/svg+xml;utf8,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg"
                 "%22%3E%3Ctext%3E12%25%3C%2Ftext%3E%3C%2Fsvg%3E)\n\n"
                 '<svg width="300" height="80" role="img"><title>Monthly imports, 2023</title>'
                 '<text x="0" y="5">Jan</text><text x="40" y="5">Feb</text><path d="M0 0 L10 10"/></svg>\n\n'
                 "The next report is due in May.\n", encoding="utf-8")
    doc = load_file(p)
    paras = [x for x in doc.body.split("\n\n") if x.strip()]
    assert paras == ["# Steel monitor", "Imports rose 12 percent in March 2023.", "Import chart",
                     "Monthly imports, 2023", "The next report is due in May.\n"]
    assert int(doc.extra["removed_payload_chars"]) > 150


# ----------------------------------------------- pdf-missing-spaces: TJ displacements
def test_pdf_words_spaced_by_tj_displacements_only(tmp_path: Path):
    # No space glyph at all: each gap is a TJ displacement (what some typesetters write).
    lines = [["The", "Example", "Trade", "Office", "extended", "the", "safeguard", "duty"],
             ["on", "solar", "panels", "until", "6", "February", "2026."]]
    ops = ["BT", "/F1 11 Tf"] + [f"1 0 0 1 72 {700 - 15 * i} Tm [{' '.join(f'({w}) -300' for w in ws)}] TJ"
                                 for i, ws in enumerate(lines)] + ["ET"]
    stream = "\n".join(ops).encode()
    pdf = serialise([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
                     b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                     b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
                     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                     b"/Contents 4 0 R >>"])
    p = tmp_path / "solar.pdf"
    p.write_bytes(pdf)
    assert load_file(p).body == "\n".join(" ".join(ws) for ws in lines)
    a = ask("Until when did the Example Trade Office extend the safeguard duty on solar panels?",
            index=_index(tmp_path, p))
    assert a.text.startswith("6 February 2026")


# ---------------------------------------------------- pdf-encrypted: other ciphers
@pytest.mark.parametrize("algorithm, user, readable", [
    ("AES-128", "", True),  # an owner password only (printing/copying restricted): opens for reading
    ("RC4-40", "reader", False),
])
def test_pdf_encrypted_with_other_ciphers(tmp_path: Path, algorithm: str, user: str, readable: bool):
    pypdf = pytest.importorskip("pypdf")
    plain = build_pdf([[Item(72, 700, "The quota for copper cathode is 40,000 tonnes.", 11)]])
    w = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(plain)))
    w.encrypt(user_password=user, owner_password="owner-secret", algorithm=algorithm, permissions_flag=0)
    buf = io.BytesIO()
    w.write(buf)
    p = tmp_path / "notice.pdf"
    p.write_bytes(buf.getvalue())
    if readable:
        assert load_file(p).body == "The quota for copper cathode is 40,000 tonnes."
    else:
        with pytest.raises(LoadError, match=r"^encrypted PDF \(password required\)$"):
            load_file(p)


# ------------------------------------------- empty-reingest-stale: unreadable revision
@pytest.mark.parametrize("revision, reason", [
    (b"  \r\n\t\n", "empty file"),  # white space only
    (b"", "PDF has no extractable text"),  # a scanned revision of a PDF (no text layer)
])
def test_revision_without_text_stops_the_old_one_being_served(tmp_path: Path, index_consistency, revision, reason):
    pdf = not revision
    p = tmp_path / ("quota.pdf" if pdf else "quota.txt")
    sentence = "The annual quota for copper cathode imports is 40,000 tonnes."
    p.write_bytes(build_pdf([[Item(72, 700, sentence, 11)]]) if pdf else sentence.encode())
    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    assert ingest_paths([p], store, progress=False).ingested == 1
    p.write_bytes(build_pdf([[]]) if pdf else revision)  # a page with no text
    (res,) = ingest_paths([p], store, progress=False).results
    assert res.status is Status.FAILED and res.reason.startswith(reason)
    assert res.reason.endswith("; its previous version was removed from the index")
    assert store.stats().documents == 0 and store.keyword_search("copper cathode", 5) == []
    index_consistency(store)
    store.close()


# ------------------------------------------ reader-misses-new-vectors: removals too
def test_long_running_reader_stops_serving_what_another_process_removed(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "nickel.txt").write_text("Notice N1 sets a duty of 9 percent on nickel matte.\n", encoding="utf-8")
    (docs / "cobalt.txt").write_text("Notice C1 sets a duty of 4 percent on cobalt oxide.\n", encoding="utf-8")
    idx = _index(tmp_path, docs / "nickel.txt", docs / "cobalt.txt")
    hits = retrieve("What duty does Notice N1 set on nickel matte?", index=idx, k=4)
    assert Path(hits[0].source).name == "nickel.txt"
    reader = open_index(idx)
    gen = reader.generation()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", "import sys; from agent.cli import main; sys.exit(main(sys.argv[1:]))",
                           "-q", "remove", str(docs / "nickel.txt"), "--index", str(idx)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert reader.generation() > gen
    hits = retrieve("What duty does Notice N1 set on nickel matte?", index=idx, k=4)
    assert all(Path(h.source).name != "nickel.txt" for h in hits)
    assert hits and all(h.dense_rank is not None for h in hits)


# ---------------------------------------------- NFC/NFD: other letters, other forms
def test_vietnamese_name_stored_nfd_and_fullwidth_figures(tmp_path: Path):
    p = tmp_path / "fine.txt"
    body = "Công ty Thép Việt Nam paid a fine of 25,000,000 dong.\n\nAcme Steel paid a fine of 900 dong.\n"
    p.write_text(unicodedata.normalize("NFD", "title: Fines\n---\n" + body), encoding="utf-8")
    idx = _index(tmp_path, p)
    for q in ("How much did Công ty Thép Việt Nam pay?", unicodedata.normalize("NFD", "How much did Công ty Thép Việt Nam pay?"),
              "How much did Cong ty Thep Viet Nam pay?"):
        a = ask(q, index=idx)
        assert not a.abstained and "25,000,000" in a.text.splitlines()[0], q
        assert a.citations[0].quote == unicodedata.normalize("NFD", body.split("\n")[0])
    hits = retrieve("Who paid a fine of 25000000 dong?", index=idx, k=2)
    assert hits and hits[0].keyword_rank == 1 and "25,000,000" in hits[0].text


# ---------------------------------------- huge-file chunking: one line, no full stops
def test_chunking_one_huge_line_without_sentence_ends_is_linear():
    from ingest.chunking import ChunkingOptions, chunk_document
    from ingest.records import Document

    def seconds(n_words: int) -> float:
        body = " ".join(f"item{i % 9973} duty" for i in range(n_words))  # no sentence end, no line break
        doc = Document(source="big.txt", body=body, title="big")
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            chunks = chunk_document(doc, ChunkingOptions())
            best = min(best, time.perf_counter() - t0)
        assert chunks[-1].end == len(body) and all(c.text == body[c.start:c.end] for c in chunks[:50])
        return best

    small, large = seconds(40_000), seconds(160_000)  # ~0.45 MB and ~1.8 MB
    # Linear: 4x the text in about 4x the time (quadratic would be 16x); slack for a busy machine.
    assert large / small < 8, (small, large)
