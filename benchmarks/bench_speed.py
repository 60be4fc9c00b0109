#!/usr/bin/env python
"""One run, every speed figure of issue 12, each next to a baseline measured in the same run.

    python benchmarks/bench_speed.py                # ~10-20 min on a busy 2-core machine
    python benchmarks/bench_speed.py --full         # adds 10^6 chunks (hours; needs ~10 GB RAM, disk)
    python benchmarks/bench_speed.py --sizes 10000  # quicker

Prints, and writes as JSON to ``benchmarks/results/last.json`` (``--out``; read by
``scripts/measured.py``):

1. **cold start**: wall time of fresh processes - ``tradeqa --help``, ``tradeqa ui --help``,
   ``tradeqa ask`` on the sample index (a question asked for the first time, whose
   sentence vectors are embedded at question time; then the same question again in a
   new process, sentence vectors now cached).
2. **ingest** of the sample corpus's documents (``data/sample`` without its screening-list
   download, which the naive recipe skips) and of a folder of long PDFs the script writes
   (synthetic trade-policy prose, ``--pdf-files`` x ``--pdf-pages``): tradeqa
   (``ingest_paths``) against the naive LangChain recipe
   (``RecursiveCharacterTextSplitter(1000, 200)`` + ``langchain_chroma.Chroma.from_documents``
   with all-MiniLM-L6-v2 through sentence-transformers, fp32), the same loaded
   ``Document`` bodies for both (``ingest.loaders.load_file``). Model load and the chromadb
   import are timed separately and excluded from both. chunks/s (chunks stored / wall
   seconds), chars/s (characters of the stored chunks / wall seconds), texts embedded, CPU
   seconds and the ratio, ``--ingest-rounds`` times in turns (median); re-ingest of the
   unchanged corpus as a share of the first ingest. Beside them, tradeqa with its ONNX file on
   onnxruntime for the bulk too (``TRADEQA_ONNX_RUNTIME=onnxruntime``, what ``auto`` does on a
   CPU without native bf16; ``--no-ort`` skips it) and with the naive recipe's encoder
   (``--no-st`` skips it).
3. **question latency** on the sample index, in process: ``ask()`` over the dev
   questions, first pass (question and sentence vectors not cached) and warm passes.
4. **scale** at ``--sizes`` chunks of synthetic text with synthetic (random unit)
   vectors, written through ``IndexStore.add_documents(precomputed=...)`` - the real
   write path minus the model: write rate, ``keyword_search`` / ``dense_search``
   p50, ``ask()`` p50/p95 (first pass: sentence vectors embedded at question time by
   the real model; warm passes), peak RSS, index size on disk. Baseline: the same
   vectors added to a plain Chroma collection (what ``Chroma.from_documents`` stores),
   its write rate, dense query p50, RSS and size. (The naive recipe's BM25 would be
   ``BM25Retriever`` over ``rank_bm25``, not installed here, so it has no keyword row.)

Each measurement runs in its own subprocess so peak RSS belongs to it alone.
Timings on a shared machine are noisy: compare the ratios measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_OUT = ROOT / "benchmarks" / "results" / "last.json"
COLD_Q = ["When did the Section 889 interim rule take effect?",
          "Which companies were added to the Entity List in October 2019?"]


def rss_mib() -> float:
    """Peak resident set size of this process so far, MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(xs: list[float], p: float) -> float:
    from agent.evaluate import percentile

    return float(percentile(xs, p))


def dir_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20


# ------------------------------------------------------------------ synthetic text
SUBJECTS = ["The Bureau of Industry and Security", "The Department of Commerce", "The Office of the United States "
            "Trade Representative", "The Federal Acquisition Regulatory Council", "The Department of State",
            "U.S. Customs and Border Protection", "The Department of the Treasury", "The International Trade "
            "Commission"]
VERBS = ["added", "removed", "revised the entries for", "imposed license requirements on", "extended exclusions for",
         "proposed additional duties on", "published a notice concerning", "requested comments on"]
OBJECTS = ["{n} companies in {place}", "imports of {product} from {place}", "exports of {product} to {place}",
           "{n} entities and individuals in {place}", "suppliers of {product} based in {place}"]
PRODUCTS = ["surveillance cameras", "semiconductors", "telecommunications equipment", "steel products",
            "aluminum", "solar panels", "lithium batteries", "machine tools", "printed circuit boards", "drones"]
PLACES = ["China", "Hong Kong", "Russia", "Iran", "Pakistan", "the United Arab Emirates", "Vietnam", "Turkey",
          "Belarus", "Singapore"]
TAILS = ["citing risks to national security", "effective upon publication in the Federal Register",
         "at a rate of {rate} percent ad valorem", "under HTS subheading {hts}", "with a license review policy of "
         "presumption of denial", "after a public comment period of {days} days", "including {name} and {name2}"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def sentence(r: random.Random, i: int) -> str:
    fill = dict(n=r.randint(2, 40), place=r.choice(PLACES), product=r.choice(PRODUCTS), rate=r.choice([7.5, 10, 15, 25]),
                hts=f"{r.randint(2000, 9999)}.{r.randint(10, 99)}.{r.randint(10, 99)}", days=r.choice([30, 45, 60]),
                name=f"Entity{i} Technology Co.", name2=f"Hexa{r.randint(0, 99999)} Ltd.")
    date = f"{r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(2017, 2023)}"
    return (f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS).format(**fill)} on {date}, "
            f"{r.choice(TAILS).format(**fill)}.")


def paragraph(r: random.Random, i: int) -> str:
    """~5 sentences, ~800 characters: one chunk's worth."""
    return " ".join(sentence(r, i) for _ in range(5))


def scale_questions(r: random.Random, size: int, n: int) -> list[str]:
    out = []
    for _ in range(n):
        i = r.randrange(size)
        out.append(r.choice([
            f"Which companies in {r.choice(PLACES)} did the Bureau of Industry and Security add on {r.choice(MONTHS)} "
            f"{r.randint(1, 28)}, {r.randint(2017, 2023)}?",
            f"What duties apply to imports of {r.choice(PRODUCTS)} from {r.choice(PLACES)}?",
            f"When were license requirements imposed on Entity{i} Technology Co.?",
            f"Why did the Department of Commerce restrict exports of {r.choice(PRODUCTS)}?"]))
    return out


# ----------------------------------------------------------------------- PDFs
def write_pdf(path: Path, pages: list[list[str]]) -> None:
    """A minimal valid PDF (Helvetica text, one content stream per page)."""
    def esc(s: str) -> str:
        return s.encode("latin-1", "replace").decode("latin-1").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        stream = "BT /F1 10 Tf 12 TL 50 790 Td " + " ".join(f"({esc(t)}) Tj T*" for t in lines) + " ET"
        data = stream.encode("latin-1")
        objs.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        content = len(objs)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R >>" % content)
        kids.append(len(objs))
    objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def make_pdf_folder(folder: Path, files: int, pages: int, seed: int = 5) -> Path:
    import textwrap

    r = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        lines: list[str] = [f"Federal Register notice {f + 1}: export controls and tariff actions", ""]
        while len(lines) < pages * 60:
            lines += textwrap.wrap(paragraph(r, f * 100000 + len(lines)), 95) + [""]
        write_pdf(folder / f"notice-{f + 1:02d}.pdf", [lines[p * 60:(p + 1) * 60] for p in range(pages)])
    return folder


def text_corpus(src: Path, dst: Path) -> Path:
    """A copy of ``src`` without its screening lists (the CSL download of ``data/sample``):
    the naive recipe cannot read them (its loader skips the file), so both sides ingest the
    same documents. (The CSL's own ingest is measured by ``bench_screening.py``.)"""
    from ingest.screening_lists import looks_like_screening_list

    dst.mkdir(parents=True, exist_ok=True)
    for f in sorted(Path(src).rglob("*")):
        if f.is_file() and not looks_like_screening_list(f) and not f.name.startswith("."):
            target = dst / f.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, target)
    return dst


# ---------------------------------------------------------------------- phases
def phase_ingest_tradeqa(corpus: str, workdir: str, encoder: str = "onnx-int8", runtime: str = "auto") -> dict:
    """tradeqa's ingest of ``corpus``; ``runtime``: what runs the ONNX encoder (``auto``,
    ``onnxruntime``, ``openvino``; see ``ingest.embeddings.onnx_runtime``)."""
    os.environ["TRADEQA_ONNX_RUNTIME"] = runtime
    from ingest import IndexOptions, IndexStore, ingest_paths

    folder = Path(workdir) / ("index" if encoder == "onnx-int8" else f"index-{encoder}") / runtime
    store = IndexStore(IndexOptions(path=folder, encoder=encoder))
    t0 = time.perf_counter()
    store.embedder.embed(["warm up"])  # model load, excluded (as for the naive recipe)
    store.embedder.embed_bulk(["warm up"])  # and the bulk runtime's (OpenVINO's compile), when it is another
    import chromadb  # noqa: F401 - imported before the clock, as the naive recipe's langchain_chroma import does

    load_s = time.perf_counter() - t0
    embedded0 = store.embedder.embedded
    t0, c0 = time.perf_counter(), time.process_time()
    first = ingest_paths([corpus], store, progress=False)
    first_s, first_cpu = time.perf_counter() - t0, time.process_time() - c0
    texts = store.embedder.embedded - embedded0
    t0 = time.perf_counter()
    again = ingest_paths([corpus], store, progress=False)
    again_s = time.perf_counter() - t0
    chunks = store.stats().chunks
    chars = store._db.execute("SELECT coalesce(sum(length(text)), 0) FROM chunks").fetchone()[0]
    model = store.embedder.bulk_model  # what embedded the chunks
    encoder = store.embedder.encoder
    if encoder == "onnx-int8":
        encoder += " on " + ("openvino " + model.precision if hasattr(model, "precision") else "onnxruntime")
    return {"system": "tradeqa", "encoder": encoder, "load_s": load_s, "seconds": first_s,
            "cpu_s": first_cpu, "chunks": chunks, "chars": chars, "texts_embedded": texts, "embedded": first.embedded,
            "failed": first.failed, "chunks_per_s": chunks / first_s, "chars_per_s": chars / first_s,
            "reingest_s": again_s, "reingest_embedded": again.embedded, "reingest_share": again_s / first_s,
            "rss_mib": rss_mib(), "disk_mib": dir_mib(folder), "load_avg": os.getloadavg()[0]}


class _STEmbeddings:
    """LangChain ``Embeddings`` over sentence-transformers all-MiniLM-L6-v2 (fp32) - what
    ``HuggingFaceEmbeddings(model_name="all-MiniLM-L6-v2")`` does, without a download."""

    def __init__(self):
        from sentence_transformers import SentenceTransformer

        from ingest.embeddings import default_model_path

        self.model = SentenceTransformer(default_model_path(), device="cpu")

    embedded = 0

    def embed_documents(self, texts):
        self.embedded += len(texts)
        return self.model.encode(list(texts), batch_size=32, normalize_embeddings=True).tolist()

    def embed_query(self, text):
        return self.embed_documents([text])[0]


def phase_ingest_naive(corpus: str, workdir: str) -> dict:
    from langchain_chroma import Chroma
    from langchain_core.documents import Document as LCDocument
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from ingest.loaders import iter_input_files, load_file

    emb_cls = type("NaiveEmbeddings", (_STEmbeddings, Embeddings), {})
    t0 = time.perf_counter()
    emb = emb_cls()
    emb.embed_query("warm up")
    load_s = time.perf_counter() - t0
    emb.embedded = 0
    t0, c0 = time.perf_counter(), time.process_time()
    docs = []
    for f in iter_input_files([corpus]):
        d = load_file(f)
        docs.append(LCDocument(page_content=d.body, metadata={"source": str(f), "title": d.title}))
    chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
    Chroma.from_documents(chunks, emb, persist_directory=str(Path(workdir) / "naive"),
                          collection_metadata={"hnsw:space": "cosine"})
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    chars = sum(len(c.page_content) for c in chunks)
    return {"system": "naive", "encoder": "sentence-transformers fp32", "load_s": load_s, "seconds": secs,
            "cpu_s": cpu, "chunks": len(chunks), "chars": chars, "texts_embedded": emb.embedded,
            "chunks_per_s": len(chunks) / secs, "chars_per_s": chars / secs,
            "rss_mib": rss_mib(), "disk_mib": dir_mib(Path(workdir) / "naive"), "load_avg": os.getloadavg()[0]}


def phase_ask_latency(index: str, questions: str, rounds: int) -> dict:
    from agent import ask
    from agent.config import Settings

    qs = [json.loads(line)["question"] for line in Path(questions).read_text().splitlines() if line.strip()]
    s = Settings(index=index, llm="none")
    first = []
    for q in qs:
        t0 = time.perf_counter()
        ask(q, settings=s)
        first.append((time.perf_counter() - t0) * 1000)
    warm = []
    for _ in range(rounds):
        for q in qs:
            t0 = time.perf_counter()
            ask(q, settings=s)
            warm.append((time.perf_counter() - t0) * 1000)
    return {"questions": len(qs), "first_p50_ms": pct(first, 50), "first_p95_ms": pct(first, 95),
            "warm_p50_ms": pct(warm, 50), "warm_p95_ms": pct(warm, 95), "rss_mib": rss_mib()}


def write_scale_index(size: int, path: Path, per_doc: int = 50):
    """An index of ``size`` synthetic chunks with random unit vectors, written through
    ``IndexStore.add_documents(precomputed=...)`` as ingest_paths writes (~500 chunks a call).
    Returns ``(store, seconds spent writing)``."""
    import numpy as np

    from ingest import IndexOptions, IndexStore
    from ingest.records import Chunk, Document, content_hash
    from ingest.store import embedding_input

    store = IndexStore(IndexOptions(path=path))
    r = random.Random(size)
    rng = np.random.default_rng(size)
    write_s = 0.0
    batch: list = []
    pre: dict = {}

    def flush() -> float:
        t0 = time.perf_counter()
        if batch:
            outcomes = store.add_documents(batch, pre)  # as ingest_paths writes: ~512 chunks a call
            assert not any(isinstance(o, Exception) for o in outcomes), outcomes
        batch.clear()
        pre.clear()
        return time.perf_counter() - t0

    with store.writing():
        for d0 in range(0, size, per_doc):
            texts = [paragraph(r, i) for i in range(d0, min(d0 + per_doc, size))]
            body = "\n\n".join(texts)
            doc = Document(source=f"/bench/synthetic-{d0:08d}.txt", body=body, title=f"Synthetic notice {d0}",
                           publisher="Bench", date=f"20{17 + d0 % 7}-0{1 + d0 % 9}-15", doc_type="text")
            chunks, pos = [], 0
            for k, t in enumerate(texts):
                chunks.append(Chunk(doc.doc_id, k, pos, pos + len(t), t))
                pos += len(t) + 2
            vecs = rng.standard_normal((len(chunks), 384)).astype(np.float32)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            pre.update({content_hash(embedding_input(doc.title, c.text)): v.tolist() for c, v in zip(chunks, vecs)})
            batch.append((doc, chunks, doc.doc_id, None))
            if len(pre) >= 500:
                write_s += flush()
        write_s += flush()
    return store, write_s


def phase_scale_tradeqa(size: int, workdir: str, per_doc: int = 50) -> dict:
    import numpy as np

    from agent import ask
    from agent.config import Settings

    path = Path(workdir) / f"scale-{size}"
    store, write_s = write_scale_index(size, path, per_doc)
    rng = np.random.default_rng(size + 1)
    assert store.chunk_count() == size
    qr = random.Random(1)
    kw, dense = [], []
    for q in scale_questions(qr, size, 60):
        t0 = time.perf_counter()
        store.keyword_search(q, 40)
        kw.append((time.perf_counter() - t0) * 1000)
        v = rng.standard_normal(384)
        v = (v / np.linalg.norm(v)).tolist()
        t0 = time.perf_counter()
        store.dense_search(v, 40)
        dense.append((time.perf_counter() - t0) * 1000)
    s = Settings(index=path, llm="none")
    qs = scale_questions(random.Random(2), size, 20)
    first, warm = [], []
    for q in qs:
        t0 = time.perf_counter()
        ask(q, settings=s)
        first.append((time.perf_counter() - t0) * 1000)
    for _ in range(2):
        for q in qs:
            t0 = time.perf_counter()
            ask(q, settings=s)
            warm.append((time.perf_counter() - t0) * 1000)
    return {"system": "tradeqa", "size": size, "write_s": write_s, "write_chunks_per_s": size / write_s,
            "keyword_p50_ms": pct(kw, 50), "keyword_p95_ms": pct(kw, 95), "dense_p50_ms": pct(dense, 50),
            "dense_p95_ms": pct(dense, 95), "ask_first_p50_ms": pct(first, 50), "ask_first_p95_ms": pct(first, 95),
            "ask_warm_p50_ms": pct(warm, 50), "ask_warm_p95_ms": pct(warm, 95), "rss_mib": rss_mib(),
            "disk_mib": dir_mib(path)}


def phase_scale_naive(size: int, workdir: str) -> dict:
    import chromadb
    import numpy as np

    path = Path(workdir) / f"naive-scale-{size}"
    client = chromadb.PersistentClient(path=str(path), settings=chromadb.Settings(anonymized_telemetry=False))
    col = client.create_collection("langchain", metadata={"hnsw:space": "cosine"})
    r = random.Random(size)
    rng = np.random.default_rng(size)
    step = min(5000, client.get_max_batch_size())
    write_s = 0.0
    for b in range(0, size, step):
        n = min(step, size - b)
        texts = [paragraph(r, i) for i in range(b, b + n)]
        vecs = rng.standard_normal((n, 384)).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        t0 = time.perf_counter()
        col.add(ids=[f"c{b + i}" for i in range(n)], embeddings=vecs, documents=texts,
                metadatas=[{"source": f"/bench/synthetic-{(b + i) // 20:08d}.txt"} for i in range(n)])
        write_s += time.perf_counter() - t0
    dense = []
    for _ in range(60):
        v = rng.standard_normal(384)
        v = v / np.linalg.norm(v)
        t0 = time.perf_counter()
        col.query(query_embeddings=[v.tolist()], n_results=40)
        dense.append((time.perf_counter() - t0) * 1000)
    return {"system": "naive", "size": size, "write_s": write_s, "write_chunks_per_s": size / write_s,
            "dense_p50_ms": pct(dense, 50), "dense_p95_ms": pct(dense, 95), "rss_mib": rss_mib(),
            "disk_mib": dir_mib(path)}


# Where a cold `tradeqa ask` spends its time: these functions are wrapped with timers in a
# fresh interpreter, each charged its *exclusive* time (minus the wrapped calls inside it), so
# the parts add up to the ask. Targets missing from the code under test are skipped.
COLD_PARTS = [  # (label, module, attribute path)
    ("spaCy import", "agent.answering.nlp", "import_spacy"),
    ("spaCy model load", "agent.answering.nlp", "nlp"),
    ("embedding model load", "ingest.embeddings", "_load"),
    ("Chroma import + open", "ingest.store", "IndexStore.collection"),
    ("screening name index", "agent.screening.index", "load_index"),
    ("territory table", "agent.territories", "_names"),
    ("screening intent (rest)", "agent.screening.answer", "intent_probability"),
    ("retrieval (rest)", "agent.retrieval", "Retriever.retrieve"),
    ("answerer (rest)", "agent.extractive", "answer_extractive"),
]


def phase_cold_breakdown(index: str, question: str) -> dict:
    """One ``tradeqa ask`` in this (fresh) interpreter with the :data:`COLD_PARTS` timed."""
    import contextlib
    import functools
    import importlib
    import io
    from collections import defaultdict

    t_start = time.perf_counter()
    import agent.cli  # noqa: F401 - what `tradeqa` imports before it parses the command line

    t_imported = time.perf_counter()
    totals: dict[str, float] = defaultdict(float)
    stack: list[float] = []

    def timed(label: str, fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            t0 = time.perf_counter()
            stack.append(0.0)
            try:
                return fn(*a, **k)
            finally:
                elapsed = time.perf_counter() - t0
                inner = stack.pop()
                totals[label] += elapsed - inner
                if stack:
                    stack[-1] += elapsed
        return wrapper

    for label, mod, attr in COLD_PARTS:
        try:
            m = importlib.import_module(mod)
        except ImportError:
            continue
        owner_name, _, name = attr.rpartition(".")
        owner = getattr(m, owner_name) if owner_name else m
        cur = owner.__dict__.get(name) if isinstance(owner, type) else getattr(owner, name, None)
        if cur is None:
            continue
        if isinstance(cur, property):
            setattr(owner, name, property(timed(label, cur.fget), cur.fset, cur.fdel))
        else:
            setattr(owner, name, timed(label, cur))
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        rc = agent.cli.main(["ask", question, "--index", index])
    ask_s = time.perf_counter() - t0
    assert rc == 0
    parts = {"imports before the ask (agent.cli)": t_imported - t_start, **dict(totals)}
    parts["other (rest of ask)"] = ask_s - sum(totals.values())
    return {"parts": parts, "in_process_s": time.perf_counter() - t_start}


PHASES = {"cold_breakdown": phase_cold_breakdown, "ingest_tradeqa": phase_ingest_tradeqa, "ingest_naive": phase_ingest_naive,
          "ask_latency": phase_ask_latency, "scale_tradeqa": phase_scale_tradeqa, "scale_naive": phase_scale_naive}


# --------------------------------------------------------------------- driver
def _env(root: Path = ROOT) -> dict:
    env = dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False",
               GRADIO_ANALYTICS_ENABLED="False")
    return {k: v for k, v in env.items() if not k.startswith("TRADEQA_")}  # defaults only


def ingest_compare(corpus: Path, wd: Path, rounds: int = 1, with_st: bool = True, with_ort: bool = True) -> dict:
    """tradeqa and the naive recipe on ``corpus``, ``rounds`` times in turns (a fresh index
    each time); the ratio is of the medians."""
    import statistics

    runs: dict[str, list[dict]] = {"tradeqa": [], "naive": [], "tradeqa-ort": [], "tradeqa-st": []}
    for k in range(rounds):
        d = wd / f"round-{k}"
        d.mkdir(parents=True)
        runs["tradeqa"].append(run_phase("ingest_tradeqa", corpus, d))
        runs["naive"].append(run_phase("ingest_naive", corpus, d))
        if with_ort:  # the ONNX file on onnxruntime (what "auto" picks on a CPU without bf16)
            runs["tradeqa-ort"].append(run_phase("ingest_tradeqa", corpus, d, "onnx-int8", "onnxruntime"))
        if with_st:  # the same pipeline with the naive recipe's encoder: pipeline vs encoder
            runs["tradeqa-st"].append(run_phase("ingest_tradeqa", corpus, d, "sentence-transformers"))
        shutil.rmtree(d, ignore_errors=True)
    row: dict = {}
    for sysname, rs in runs.items():
        if not rs:
            continue
        med = dict(sorted(rs, key=lambda r: r["chunks_per_s"])[len(rs) // 2])
        med["chunks_per_s_all"] = [r["chunks_per_s"] for r in rs]
        med["load_avg_all"] = [r.get("load_avg") for r in rs]
        row[sysname] = med
    row["ratio"] = row["tradeqa"]["chunks_per_s"] / row["naive"]["chunks_per_s"]
    row["ratio_all"] = [t["chunks_per_s"] / n["chunks_per_s"] for t, n in zip(runs["tradeqa"], runs["naive"])]
    row["chars_ratio"] = row["tradeqa"]["chars_per_s"] / row["naive"]["chars_per_s"]
    if "tradeqa-st" in row:
        row["ratio_st"] = row["tradeqa-st"]["chunks_per_s"] / row["naive"]["chunks_per_s"]
    if "tradeqa-ort" in row:
        row["ratio_ort"] = row["tradeqa-ort"]["chunks_per_s"] / row["naive"]["chunks_per_s"]
    return row


def run_phase(name: str, *args) -> dict:
    """Run one phase in a fresh interpreter; its last stdout line is its JSON result."""
    print(f"[bench] {name} {' '.join(map(str, args))} ...", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--phase", name, *map(str, args)], env=_env(), cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"phase {name} failed")
    res = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"[bench] {name} done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    return res


def timed_cli(args: list[str], runs: int, root: Path = ROOT) -> list[float]:
    """Wall seconds of ``runs`` fresh ``tradeqa ARGS`` processes (``python -m agent.cli`` of the
    checkout at ``root``)."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "agent.cli", *args], env=_env(root), cwd=root, capture_output=True)
        times.append(time.perf_counter() - t0)
        if p.returncode not in (0,):
            raise SystemExit(f"tradeqa {' '.join(args)} exited {p.returncode}: {p.stderr.decode()[-500:]}")
    return times


def cold_start(index: Path, runs: int = 3, compare: Path | None = None) -> dict:
    """Fresh-process wall times: ``--help``, ``ui --help``, ``ask`` (median of ``runs``), and the
    breakdown of one cold ask (median of each part over ``runs`` instrumented processes).
    ``compare``: another checkout (e.g. ``git worktree add /tmp/base main``) whose ``tradeqa ask``
    is timed in turns with this one's, so both see the same machine load."""
    import statistics

    print("[bench] cold start (fresh processes) ...", file=sys.stderr, flush=True)
    res = {"runs": runs, "load_avg_before": os.getloadavg()[0],
           "help_s": statistics.median(timed_cli(["--help"], runs)),
           "ui_help_s": statistics.median(timed_cli(["ui", "--help"], runs))}
    ask = ["ask", COLD_Q[0], "--index", str(index)]
    res["ask_first_s"] = timed_cli(ask, 1)[0]  # sentence vectors of its passages embedded now
    times, base = [], []
    for _ in range(runs):  # in turns: a load spike hits both sides
        times += timed_cli(ask, 1)  # new process, vectors cached in the index
        if compare is not None:
            base += timed_cli(ask, 1, compare)
    res["ask_s"] = statistics.median(times)
    res["ask_all_s"] = times
    if compare is not None:
        res["compare"] = str(compare)
        res["compare_ask_s"] = statistics.median(base)
        res["compare_ask_all_s"] = base
    res["ask_other_s"] = timed_cli(["ask", COLD_Q[1], "--index", str(index)], 1)[0]
    runs_parts = [run_phase("cold_breakdown", index, COLD_Q[0]) for _ in range(runs)]
    labels = list(dict.fromkeys(k for r in runs_parts for k in r["parts"]))
    res["breakdown_s"] = {k: statistics.median(r["parts"].get(k, 0.0) for r in runs_parts) for k in labels}
    res["breakdown_in_process_s"] = statistics.median(r["in_process_s"] for r in runs_parts)
    res["load_avg_after"] = os.getloadavg()[0]
    return res


def report_cold(c: dict) -> None:
    """Print the cold-start figures."""
    print(f"\n== cold start (fresh process, wall time; median of {c.get('runs', 3)} unless noted; load average "
          f"{c.get('load_avg_before', float('nan')):.1f} -> {c.get('load_avg_after', float('nan')):.1f})")
    print(f"tradeqa --help {c['help_s']:.2f} s | tradeqa ui --help {c['ui_help_s']:.2f} s | "
          f"tradeqa ask {c['ask_s']:.2f} s (first ask of that question, sentence vectors embedded: "
          f"{c['ask_first_s']:.2f} s; another question: {c['ask_other_s']:.2f} s)   targets: help <= 1 s, ask <= 3 s")
    if "compare_ask_s" in c:
        print(f"tradeqa ask of {c['compare']} (in turns with the above): {c['compare_ask_s']:.2f} s "
              f"-> {c['compare_ask_s'] / c['ask_s']:.1f}x this checkout's time")
        print("  runs (this / compared): " + ", ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(c["ask_all_s"],
                                                                                         c["compare_ask_all_s"])))
    if "breakdown_s" in c:
        print(f"cold ask breakdown (exclusive seconds, median per part; instrumented in-process ask "
              f"{c['breakdown_in_process_s']:.2f} s + interpreter start):")
        for k, v in sorted(c["breakdown_s"].items(), key=lambda kv: -kv[1]):
            print(f"  {k:<38} {v:6.2f}")


def default_questions() -> Path:
    for p in (ROOT.parent / "shared" / "questions" / "dev.jsonl", ROOT / "data" / "questions" / "dev.jsonl"):
        if p.is_file():
            return p
    raise SystemExit("no dev questions found")


def report_ingest(res: dict) -> None:
    """Print the ingest comparison."""
    print("\n== ingest (model load and the chromadb import excluded on both sides; chunks/s = chunks stored / "
          "wall seconds; CPU s = user+sys of the process; median of the rounds, in turns)")
    print(f"{'data':<14} {'system':<11} {'chunks':>7} {'texts':>6} {'seconds':>8} {'CPU s':>7} {'chunks/s':>9} "
          f"{'chars/s':>8} {'peak RSS MiB':>13} {'disk MiB':>9} {'load s':>7} {'load avg':>8}  encoder")
    for name, row in res["ingest"].items():
        for sysname in ("tradeqa", "tradeqa-ort", "tradeqa-st", "naive"):
            r = row.get(sysname)
            if not r:
                continue
            print(f"{name:<14} {sysname:<11} {r['chunks']:7d} {r.get('texts_embedded', 0):6d} {r['seconds']:8.2f} "
                  f"{r.get('cpu_s', float('nan')):7.2f} {r['chunks_per_s']:9.1f} {r.get('chars_per_s', float('nan')):8.0f} "
                  f"{r['rss_mib']:13.0f} {r['disk_mib']:9.1f} {r['load_s']:7.2f} {r.get('load_avg', float('nan')):8.1f}  "
                  f"{r.get('encoder', '')}")
        t = row["tradeqa"]
        st = f"; with the sentence-transformers encoder {row['ratio_st']:.2f}x" if "ratio_st" in row else ""
        ort = f"; ONNX on onnxruntime {row['ratio_ort']:.2f}x" if "ratio_ort" in row else ""
        each = ", ".join(f"{x:.2f}" for x in row.get("ratio_all", []))
        chars = f", chars/s {row['chars_ratio']:.2f}x" if "chars_ratio" in row else ""
        print(f"{'':<14} ratio tradeqa/naive chunks/s: {row['ratio']:.2f}x (rounds: {each}){chars}{ort}{st} "
              "(target >= 1.3x)")
        print(f"{'':<14} re-ingest unchanged: "
              f"{t['reingest_s']:.2f} s = {100 * t['reingest_share']:.1f} % of the first ingest, "
              f"{t['reingest_embedded']} embedded (target <= 2 %)")


def report(res: dict) -> None:
    report_cold(res["cold"])
    report_ingest(res)
    a = res["ask_sample"]
    print(f"\n== ask() on the sample index, in process ({a['questions']} dev questions)")
    print(f"first pass (question + sentence vectors embedded): p50 {a['first_p50_ms']:.0f} ms, p95 "
          f"{a['first_p95_ms']:.0f} ms | warm: p50 {a['warm_p50_ms']:.0f} ms, p95 {a['warm_p95_ms']:.0f} ms")
    print("\n== scale (synthetic text, synthetic vectors; write = the index write path without the model)")
    print(f"{'chunks':>8} {'system':<8} {'write ch/s':>10} {'kw p50':>7} {'dense p50':>9} {'ask p50':>8} "
          f"{'ask p95':>8} {'1st ask p50':>11} {'RSS MiB':>8} {'disk MiB':>9}")
    for row in res["scale"]:
        for sysname in ("tradeqa", "naive"):
            r = row.get(sysname)
            if not r:
                continue
            g = lambda k: f"{r[k]:.1f}" if k in r else "-"  # noqa: E731
            print(f"{r['size']:8d} {sysname:<8} {r['write_chunks_per_s']:10.0f} {g('keyword_p50_ms'):>7} "
                  f"{g('dense_p50_ms'):>9} {g('ask_warm_p50_ms'):>8} {g('ask_warm_p95_ms'):>8} "
                  f"{g('ask_first_p50_ms'):>11} {r['rss_mib']:8.0f} {r['disk_mib']:9.0f}")
    print("(ms; ask = warm ask() p50/p95, target p50 <= 100 ms at 10^5; '1st ask' embeds the question and its "
          "passages' sentences)")


def build_sample_index(corpus: Path, index: Path) -> Path:
    """``tradeqa ingest CORPUS --index INDEX`` in a fresh process (the index the cold-start and
    question-latency parts read)."""
    print(f"[bench] ingesting {corpus} -> {index} ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "agent.cli", "ingest", "--index", str(index), str(corpus)],
                   env=_env(), cwd=ROOT, check=True, capture_output=True)
    return index


def cold_only(args: argparse.Namespace) -> int:
    """The cold-start part alone: ``--help`` / ``ui --help`` / ``ask`` medians and the ask's breakdown."""
    out = args.out if args.out != DEFAULT_OUT else DEFAULT_OUT.with_name("cold.json")
    with tempfile.TemporaryDirectory(prefix="tradeqa-bench-") as tmp:
        index = args.index
        if index is None or not (index / "catalog.sqlite").exists():
            index = build_sample_index(args.corpus, index or Path(tmp) / "index")
        res = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cpus": os.cpu_count(),
               "cold": cold_start(index, args.cold_runs, args.compare)}
    res["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    report_cold(res["cold"])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2))
    print(f"\nresults: {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    ap.add_argument("--sizes", default="10000,100000", help="scale sizes in chunks (default 10000,100000)")
    ap.add_argument("--full", action="store_true", help="also 10^6 chunks (long; tradeqa only)")
    ap.add_argument("--corpus", type=Path, default=ROOT / "data" / "sample")
    ap.add_argument("--pdf-files", type=int, default=3)
    ap.add_argument("--pdf-pages", type=int, default=12)
    ap.add_argument("--questions", type=Path, default=None)
    ap.add_argument("--rounds", type=int, default=2, help="warm passes over the questions")
    ap.add_argument("--no-st", action="store_true",
                    help="skip tradeqa ingest with TRADEQA_ENCODER=sentence-transformers")
    ap.add_argument("--no-ort", action="store_true",
                    help="skip tradeqa ingest with TRADEQA_ONNX_RUNTIME=onnxruntime")
    ap.add_argument("--ingest-rounds", type=int, default=1,
                    help="ingest comparisons per corpus, tradeqa and naive in turns (median)")
    ap.add_argument("--ingest-only", action="store_true", help="only the ingest comparison")
    ap.add_argument("--no-naive-scale", action="store_true", help="skip the plain-Chroma baseline at scale")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--cold-only", action="store_true",
                    help="only the cold-start part (a few minutes); results to --out (default "
                         "benchmarks/results/cold.json)")
    ap.add_argument("--cold-runs", type=int, default=5, help="fresh processes per cold-start figure (median)")
    ap.add_argument("--index", type=Path, default=None,
                    help="with --cold-only: an index of the sample corpus to reuse (built in a temp folder if absent)")
    ap.add_argument("--compare", type=Path, default=None,
                    help="another checkout (e.g. a git worktree of main) whose cold `tradeqa ask` is timed in turns "
                         "with this one's")
    args = ap.parse_args(argv)
    if args.phase:
        fn = PHASES[args.phase]
        rest = [int(x) if x.isdigit() else x for x in args.rest]
        print(json.dumps(fn(*rest)))
        return 0
    if args.cold_only:
        return cold_only(args)
    if args.ingest_only and args.out == DEFAULT_OUT:
        args.out = DEFAULT_OUT.with_name("ingest.json")

    sizes = [int(x) for x in args.sizes.split(",") if x.strip()] + ([1_000_000] if args.full else [])
    res: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cpus": os.cpu_count(),
                 "load_avg": os.getloadavg()[0], "ingest": {}, "scale": []}
    def save(partial: bool = True) -> None:  # after every phase: a long run that is stopped keeps its figures
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({**res, "partial": partial}, indent=2))

    with tempfile.TemporaryDirectory(prefix="tradeqa-bench-") as tmp:
        work = Path(tmp)
        pdfs = make_pdf_folder(work / "pdfs", args.pdf_files, args.pdf_pages)
        sample = text_corpus(args.corpus, work / "sample-text")
        for name, corpus in (("sample corpus", sample), ("long PDFs", pdfs)):
            res["ingest"][name] = ingest_compare(corpus, work / name.replace(" ", "-"), args.ingest_rounds,
                                                 not args.no_st, not args.no_ort)
            save()
        if args.ingest_only:
            res["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
            report_ingest(res)
            save(partial=False)
            return 0
        sample_index = build_sample_index(args.corpus, work / "sample-index")  # the whole sample, CSL included
        res["cold"] = cold_start(sample_index, args.cold_runs, args.compare)
        res["ask_sample"] = run_phase("ask_latency", sample_index, args.questions or default_questions(), args.rounds)
        save()
        for size in sizes:
            row = {"tradeqa": run_phase("scale_tradeqa", size, work)}
            shutil.rmtree(work / f"scale-{size}", ignore_errors=True)
            if not args.no_naive_scale and size <= 100_000:
                row["naive"] = run_phase("scale_naive", size, work)
                shutil.rmtree(work / f"naive-scale-{size}", ignore_errors=True)
            res["scale"].append(row)
            save()
    res["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    report(res)
    save(partial=False)
    print(f"\nresults: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
