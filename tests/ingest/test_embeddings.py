"""Encoders: the int8 ONNX encoder reproduces sentence-transformers' all-MiniLM-L6-v2
vectors; encoders never share cached vectors; nothing loads before it is needed."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.embeddings import Embedder, model_identity, resolve_model

ROOT = Path(__file__).resolve().parents[2]


def _texts(corpus: Path, n_sentences: int = 240, n_chunks: int = 60) -> list[str]:
    """Sentences and whole chunks of real documents, plus short and odd inputs."""
    from ingest.chunking import chunk_document, split_sentences
    from ingest.loaders import iter_input_files, load_file

    sents, chunks = [], []
    for f in iter_input_files([corpus]):
        doc = load_file(f)
        cs = chunk_document(doc)
        chunks += [c.text for c in cs]
        sents += [doc.body[s:e] for s, e in split_sentences(doc.body) if e - s >= 12]
    # Spread over the corpus rather than the first files only.
    pick = lambda xs, n: xs[:: max(1, len(xs) // n)][:n]  # noqa: E731
    return pick(sents, n_sentences) + pick(chunks, n_chunks) + [
        "Huawei", "Entity List", "15 CFR 744.11(b)", "ZTE Corporation; Shenzhen, China.", "a " * 400]


@pytest.mark.integration
def test_onnx_int8_matches_sentence_transformers_fp32(corpus_dir):
    """Mean pooling + L2 norm over the int8 ONNX model gives the fp32 model's vectors:
    cosine >= 0.999 on average over ~300 texts and >= 0.995 for every one."""
    texts = _texts(corpus_dir)
    assert len(texts) >= 250
    onnx = Embedder(encoder="onnx-int8").embed_array(texts)
    fp32 = Embedder(encoder="sentence-transformers").embed_array(texts)
    assert onnx.shape == fp32.shape == (len(texts), 384)
    np.testing.assert_allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    cos = (onnx * fp32).sum(axis=1)
    assert cos.mean() >= 0.999, cos.mean()
    assert cos.min() >= 0.995, (cos.min(), texts[int(cos.argmin())][:80])
    # Retrieval agrees: the nearest other text by int8 vectors is (near-)as close by fp32
    # vectors as fp32's own nearest (texts repeat in the corpus, so ties are compared by score).
    s8, s32 = onnx @ onnx.T, fp32 @ fp32.T
    np.fill_diagonal(s8, -2)
    np.fill_diagonal(s32, -2)
    picked = s32[np.arange(len(texts)), s8.argmax(axis=1)]
    assert (s32.max(axis=1) - picked).max() <= 0.01


def test_onnx_batching_and_order_do_not_change_vectors():
    """Texts are sorted by length and padded per batch; each vector must come back in
    its input's place and not depend on what it was batched with."""
    texts = ["The licence fee is 250 crowns per shipment.", "Huawei", "x " * 300,
             "Exports of widgets to Ruritania require a licence from the Ministry of Trade since March 3, 2021."]
    e = Embedder(batch_size=2)
    together = e.embed_array(texts)
    alone = np.vstack([e.embed_array([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=2e-3)
    assert e.embedded == 2 * len(texts)
    sims = together @ together.T
    assert np.argmax(sims[0, 1:]) + 1 == 3  # the licence sentences are each other's nearest


def test_encoder_vectors_match_the_packaged_graph_alone_and_concurrently():
    """The encoder's vectors are those of the packaged file run one text at a time (mean
    pooling, L2), whatever the batch; concurrent calls give the same vectors as one at a time."""
    import onnxruntime as ort

    from ingest.embeddings import OnnxEncoder, default_onnx_path

    _, tok = resolve_model("onnx-int8")
    enc = OnnxEncoder(default_onnx_path(), tok)
    texts = ["The licence fee is 250 crowns per shipment.", "Huawei", "x " * 300,
             "Exports of widgets to Ruritania require a licence from the Ministry of Trade since March 3, 2021."] * 3
    ids = [enc.tokenizer.encode(t).ids for t in texts]
    plain = ort.InferenceSession(default_onnx_path(), providers=["CPUExecutionProvider"])
    want = []
    for i in ids:
        a = np.asarray([i], dtype=np.int64)
        h = plain.run(None, {"input_ids": a, "attention_mask": np.ones_like(a), "token_type_ids": np.zeros_like(a)})[0]
        v = h[0].mean(axis=0)
        want.append(v / np.linalg.norm(v))
    enc.workers = 3
    together = enc.encode(texts, 4)  # several calls at once
    enc.workers = 1
    one_by_one = np.vstack([enc.encode([t], 1) for t in texts])
    np.testing.assert_allclose(one_by_one, np.vstack(want), atol=1e-6)
    np.testing.assert_allclose(together, one_by_one, atol=2e-3)


def _openvino_or_skip():
    pytest.importorskip("openvino")
    from ingest.embeddings import openvino_bf16

    return openvino_bf16()


@pytest.mark.integration
def test_openvino_runtime_gives_onnxruntimes_vectors(corpus_dir):
    """Both runtimes run the same packaged file: every vector of ~300 real sentences and
    chunks (and odd inputs) agrees to cosine >= 0.999 (the fidelity bar of the OpenVINO
    path, bf16 or fp32), on average >= 0.9995 - closer than the int8 model itself is to
    fp32 all-MiniLM-L6-v2 (0.9994), the fidelity the product already accepts. (bf16 differs
    by CPU: 0.9999+ measured on Intel CPUs with AMX, 0.99976 on an AMD EPYC with AVX-512
    BF16 at stop 23.)"""
    _openvino_or_skip()
    texts = _texts(corpus_dir)
    ort_vecs = Embedder(runtime="onnxruntime").embed_array(texts)
    ov = Embedder(runtime="openvino")
    ov_vecs = ov.embed_array(texts)
    assert type(ov.model).__name__ == "OpenVinoEncoder"
    np.testing.assert_allclose(np.linalg.norm(ov_vecs, axis=1), 1.0, atol=1e-5)
    cos = (ort_vecs * ov_vecs).sum(axis=1)
    assert cos.min() >= 0.999, (cos.min(), texts[int(cos.argmin())][:80])
    assert cos.mean() >= 0.9995, cos.mean()


def test_openvino_batching_and_order_do_not_change_vectors():
    """OpenVINO requests carry several texts padded to the longest: each vector comes back in
    its place and (up to bf16 rounding) does not depend on what it was batched with."""
    _openvino_or_skip()
    texts = ["The licence fee is 250 crowns per shipment.", "Huawei", "x " * 300,
             "Exports of widgets to Ruritania require a licence from the Ministry of Trade since March 3, 2021."] * 3
    e = Embedder(batch_size=3, runtime="openvino")
    together = e.embed_array(texts)
    alone = np.vstack([e.embed_array([t]) for t in texts])
    assert ((together * alone).sum(axis=1) >= 0.9999).all()
    want = Embedder(runtime="onnxruntime").embed_array(texts)
    assert ((together * want).sum(axis=1) >= 0.999).all()
    assert Embedder(runtime="openvino").embed_array([]).shape == (0, 384)


def test_onnx_runtime_choice(monkeypatch):
    """``auto`` is OpenVINO exactly where it computes bf16 natively, else onnxruntime (also
    when OpenVINO is not installed); a name is taken as given; an unknown one is an error
    before anything loads. Both runtimes share the model's cache identity."""
    import ingest.embeddings as E

    monkeypatch.delenv("TRADEQA_ONNX_RUNTIME", raising=False)
    assert E.onnx_runtime("onnxruntime") == "onnxruntime"
    assert E.onnx_runtime("openvino") == "openvino"
    assert E.onnx_runtime() == ("openvino" if E.openvino_bf16() else "onnxruntime")
    monkeypatch.setenv("TRADEQA_ONNX_RUNTIME", "onnxruntime")
    assert E.onnx_runtime() == "onnxruntime"
    assert type(Embedder().model).__name__ == "OnnxEncoder"
    monkeypatch.setenv("TRADEQA_ONNX_RUNTIME", "tensorrt")
    with pytest.raises(ValueError, match="unknown ONNX runtime 'tensorrt'"):
        Embedder()
    monkeypatch.delenv("TRADEQA_ONNX_RUNTIME")
    assert Embedder(runtime="openvino").model_id == Embedder(runtime="onnxruntime").model_id
    # auto: questions and the answerer's sentences on onnxruntime, an ingest's chunks on the bulk runtime
    auto = Embedder()
    assert type(auto.model).__name__ == "OnnxEncoder"
    assert type(auto.bulk_model).__name__ == ("OpenVinoEncoder" if E.openvino_bf16() else "OnnxEncoder")
    assert len(auto.embed_bulk(["Huawei", "Entity List"])) == 2 and auto.embedded == 2
    monkeypatch.setitem(sys.modules, "openvino", None)  # not installed: import fails
    assert not E.openvino_bf16()
    assert E.onnx_runtime("auto") == "onnxruntime"


def test_encoders_have_distinct_cache_identities():
    onnx_w, _ = resolve_model("onnx-int8")
    st_w, _ = resolve_model("sentence-transformers")
    ids = {model_identity(onnx_w, "onnx-int8"), model_identity(st_w, "sentence-transformers")}
    assert len(ids) == 2
    assert Embedder(encoder="onnx-int8").model_id.startswith("onnx-int8:")
    # The fp32 id is what older indexes cached under: it must not change.
    assert Embedder(encoder="sentence-transformers").model_id == model_identity(st_w)


def test_bad_encoder_or_model_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown encoder 'bert'"):
        Embedder(encoder="bert")
    st_folder = tmp_path / "st-model"
    st_folder.mkdir()
    (st_folder / "modules.json").write_text("[]")
    with pytest.raises(ValueError, match="TRADEQA_ENCODER=sentence-transformers"):
        Embedder(str(st_folder), encoder="onnx-int8")


def test_settings_choose_the_encoder(monkeypatch, tmp_path):
    from agent.config import Settings
    from ingest.store import IndexStore

    monkeypatch.setenv("TRADEQA_ENCODER", "sentence-transformers")
    monkeypatch.setenv("TRADEQA_DEVICE", "cpu")
    monkeypatch.setenv("TRADEQA_EMBED_BATCH_SIZE", "256")
    s = Settings(index=tmp_path / "idx")
    store = IndexStore(s.index_options())
    assert (store.embedder.encoder, store.embedder.device, store.embedder.batch_size) == (
        "sentence-transformers", "cpu", 256)
    store.close()
    monkeypatch.setenv("TRADEQA_ENCODER", "word2vec")
    with pytest.raises(ValueError):
        Settings()


def test_no_heavy_import_until_used():
    """Importing agent / ingest / the CLI parser loads no model runtime, Chroma, gradio or
    langchain (each costs 0.5-5 s on every command)."""
    code = ("import sys, agent, ingest, ui, agent.cli; agent.cli.build_parser(); "
            "from ingest.embeddings import Embedder; Embedder(); "
            "heavy = ('torch', 'sentence_transformers', 'onnxruntime', 'openvino', 'chromadb', 'langchain_core', "
            "'transformers'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy)); "
            "print(type(sys.modules.get('gradio')).__name__)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    loaded, gradio = out.splitlines()
    assert loaded == "[]"
    assert gradio == "_LazyModule"  # ui.py's gradio is imported on first use only
