"""Is ingest linear in file size? Times big text files and long multi-column PDFs.

usage: python benchmarks/ingest_scaling.py [--text-mb 1 2.5 5 10] [--pdf-pages 75 150 300]
                                           [--end-to-end] [--compare-extractors]

* text: a trade-notice paragraph repeated to N MB (``../shared/cases/huge-file-quadratic-chunking``).
* pdf: Federal Register-style pages (running header, three columns of 8 pt text),
  generated offline by ``tests/ingest/pdfgen.py``.

For each size it prints load (parse/extract), chunk, and - with ``--end-to-end`` -
the whole ``ingest_paths`` into a fresh index (embedding included; repeated text
hits the embedding cache, so the model's share stays small and the rest of the
pipeline is what is timed), each also per MB / per 100 pages: flat columns mean
linear time. ``--compare-extractors`` also times pypdfium2 / pdfplumber / pypdf
plain text on the same PDF (no layout analysis) for scale.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "ingest"))

from pdfgen import build_pdf, column_page, lorem_paragraph  # noqa: E402

from ingest.chunking import ChunkingOptions, chunk_document  # noqa: E402
from ingest.loaders import load_file  # noqa: E402

PARA = ("The duty on product alpha is 5 percent under notice 12, and the quota is 4,000 tonnes. " * 6).strip()
HEADER = "Federal Register / Vol. 89, No. 97 / Friday, May 17, 2024 / Notices"


def make_text(path: Path, mb: float) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("title: Big consolidated notice\npublisher: Example Trade Office\ndate: 2024-01-01\n---\n")
        f.write("\n\n".join([PARA] * int(mb * 1_000_000 / (len(PARA) + 2))) + "\n")


def make_pdf(path: Path, pages: int, unique: bool) -> None:
    """``pages`` three-column pages; ``unique``: every paragraph different (else one repeated)."""
    out = []
    k = 0
    while len(out) < pages:
        # More paragraphs than a page holds, so every batch fills at least one page.
        paras = [lorem_paragraph(k + i if unique else 1) for i in range(60)]
        k += 60
        while paras and len(out) < pages:
            items, paras = column_page(paras, header=HEADER)
            if paras:  # a full page
                out.append(items)
    path.write_bytes(build_pdf(out, info={"Title": "Benchmark notice", "Author": "Example Trade Office"}))


def time_ingest(path: Path) -> tuple[float, int]:
    from agent.api import open_index
    from agent.config import Settings
    from ingest import ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        s = Settings(index=Path(tmp) / "idx", llm="none", chroma_url="", collection="tradeqa", embedding_model="")
        store = open_index(settings=s)
        t = time.perf_counter()
        report = ingest_paths([path], store, options=s.chunking(), progress=False)
        elapsed = time.perf_counter() - t
        assert report.ingested == 1, report.results
        chunks = report.results[0].chunks
        store.close()
    return elapsed, chunks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text-mb", type=float, nargs="*", default=[1, 2.5, 5, 10])
    ap.add_argument("--pdf-pages", type=int, nargs="*", default=[75, 150, 300])
    ap.add_argument("--end-to-end", action="store_true", help="also time ingest_paths into a fresh index")
    ap.add_argument("--compare-extractors", action="store_true")
    args = ap.parse_args()
    opts = ChunkingOptions()
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        print(f"{'input':>22} {'size':>9} {'chunks':>7} {'load s':>7} {'chunk s':>8} {'ingest s':>9} {'per unit':>22}")
        for mb in args.text_mb:
            p = tmpd / f"big-{mb}.txt"
            make_text(p, mb)
            t = time.perf_counter()
            doc = load_file(p)
            t_load = time.perf_counter() - t
            t = time.perf_counter()
            chunks = chunk_document(doc, opts)
            t_chunk = time.perf_counter() - t
            t_ing = time_ingest(p)[0] if args.end_to_end else float("nan")
            size = p.stat().st_size / 1e6
            print(f"{'text ' + str(mb) + ' MB':>22} {size:8.1f}M {len(chunks):7d} {t_load:7.2f} {t_chunk:8.2f} "
                  f"{t_ing:9.1f}   {(t_load + t_chunk) / size:.3f} s/MB"
                  + (f", ingest {t_ing / size:.2f} s/MB" if args.end_to_end else ""))
        for pages in args.pdf_pages:
            for unique in (True, False) if args.end_to_end else (True,):
                p = tmpd / f"fr-{pages}-{int(unique)}.pdf"
                make_pdf(p, pages, unique)
                t = time.perf_counter()
                doc = load_file(p)
                t_load = time.perf_counter() - t
                assert len(doc.pages) == pages
                t = time.perf_counter()
                chunks = chunk_document(doc, opts)
                t_chunk = time.perf_counter() - t
                # End to end only on the repeated-text PDF: unique text would time the model.
                t_ing = time_ingest(p)[0] if args.end_to_end and not unique else float("nan")
                label = f"pdf {pages} p" + ("" if unique else " (repeated)")
                print(f"{label:>22} {p.stat().st_size / 1e6:8.1f}M {len(chunks):7d} {t_load:7.2f} {t_chunk:8.2f} "
                      f"{t_ing:9.1f}   {100 * (t_load + t_chunk) / pages:.2f} s/100 pages"
                      + (f", ingest {100 * t_ing / pages:.2f} s/100 p" if t_ing == t_ing else ""))
                if args.compare_extractors and unique:
                    compare_extractors(p)


def compare_extractors(p: Path) -> None:
    import pdfplumber
    import pypdf
    import pypdfium2 as pdfium

    t = time.perf_counter()
    pdf = pdfium.PdfDocument(str(p))
    for page in pdf:
        page.get_textpage().get_text_bounded()
    print(f"{'  pypdfium2 plain':>22} {time.perf_counter() - t:7.2f} s")
    t = time.perf_counter()
    for page in pypdf.PdfReader(str(p)).pages:
        page.extract_text(extraction_mode="layout")
    print(f"{'  pypdf layout':>22} {time.perf_counter() - t:7.2f} s")
    t = time.perf_counter()
    with pdfplumber.open(str(p)) as pl:
        for page in pl.pages:
            page.extract_text()
    print(f"{'  pdfplumber':>22} {time.perf_counter() - t:7.2f} s")


if __name__ == "__main__":
    main()
