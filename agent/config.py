"""The one configuration object. Every field can be set by an environment variable
``TRADEQA_<FIELD>`` (e.g. ``TRADEQA_INDEX``, ``TRADEQA_LLM``) or by CLI flags."""
from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.chunking import ChunkingOptions
from ingest.store import IndexOptions

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_index_dir() -> Path:
    """Per-user data directory: ``$XDG_DATA_HOME/tradeqa/index`` (default ``~/.local/share/tradeqa/index``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tradeqa" / "index"


class Fusion(str, Enum):
    """How dense and keyword rankings are combined."""

    RRF = "rrf"  # reciprocal rank fusion
    WEIGHTED = "weighted"  # min-max normalised scores, weighted sum
    DENSE = "dense"  # dense only (for comparisons)
    KEYWORD = "keyword"  # keyword only (for comparisons)


class Diversity(str, Enum):
    """How the fused list is diversified across documents."""

    DOC_CAP = "doc_cap"  # at most `per_doc_cap` chunks from one document
    MMR = "mmr"  # maximal marginal relevance over chunk vectors
    NONE = "none"


class Settings(BaseSettings):
    """tradeqa settings (env prefix ``TRADEQA_``)."""

    model_config = SettingsConfigDict(env_prefix="TRADEQA_", extra="ignore", use_enum_values=False)

    # --- index
    index: Path = Field(default_factory=default_index_dir, description="Index folder (TRADEQA_INDEX).")
    encoder: str = Field("onnx-int8", pattern="^(onnx-int8|sentence-transformers)$",
                         description="onnx-int8 (int8 all-MiniLM-L6-v2 on onnxruntime; fast to load) | "
                                     "sentence-transformers (fp32, torch; can use a GPU).")
    embedding_model: str = Field("", description="Empty = packaged all-MiniLM-L6-v2; else a local sentence-transformers "
                                                 "folder (encoder sentence-transformers) or .onnx file / folder (onnx-int8).")
    device: str = Field("cpu", description="Device for the sentence-transformers encoder: cpu, cuda, cuda:1, mps.")
    embed_batch_size: int = Field(32, ge=1, le=8192, description="Texts per model call (raise to 256+ on a GPU).")
    chroma_url: str = Field("", description="http://HOST:PORT of a Chroma server; empty = embedded PersistentClient.")
    collection: str = Field("tradeqa", description="Chroma collection name.")
    chunk_chars: int = Field(900, ge=200, le=4000, description="Max characters per chunk.")
    chunk_overlap: int = Field(200, ge=0, le=1000, description="Characters of sentence overlap between chunks.")
    # Off by default: ingest embeds each chunk once; the answerer embeds the few sentences it
    # scores at question time and caches them (see benchmarks/README.md for the cost).
    sentence_vectors: bool = Field(False, description="Also embed every sentence at ingest (~4x the texts); "
                                                      "off = sentences are embedded at question time and cached.")
    sample_corpus: Path = Field(PROJECT_ROOT / "data" / "sample", description="Bundled sample corpus.")

    # --- retrieval
    # weighted beat rrf on the dev set (recall@5 0.95 vs 0.90, MRR 0.82 vs 0.75): see README.
    fusion: Fusion = Field(Fusion.WEIGHTED, description="rrf | weighted | dense | keyword.")
    rrf_k: int = Field(60, ge=1, description="RRF constant.")
    dense_weight: float = Field(0.5, ge=0, le=1, description="Weight of dense scores in weighted fusion.")
    candidates: int = Field(40, ge=5, le=500, description="Candidates fetched from each retriever.")
    hnsw_ef_search: int = Field(500, ge=10, le=100000,
                                description="HNSW search breadth (Chroma ef_search): exact up to this many chunks, "
                                            "higher recall and slower queries above it.")
    exact_search_max: int = Field(20_000, ge=0,
                                  description="Up to this many chunks dense search is exact, over the cached chunk "
                                              "vectors, without opening Chroma (0: always Chroma).")
    top_k: int = Field(8, ge=1, le=50, description="Passages handed to the answerer.")
    diversity: Diversity = Field(Diversity.DOC_CAP, description="doc_cap | mmr | none.")
    per_doc_cap: int = Field(4, ge=1, description="Max passages per document (doc_cap).")
    mmr_lambda: float = Field(0.7, ge=0, le=1, description="Relevance/diversity trade-off (mmr).")
    second_pass: bool = Field(True, description="Re-retrieve with entities found in the first pass when the question points through them.")

    # --- answering
    max_question_chars: int = Field(1000, ge=10, description="Longer questions are refused.")
    read_misspellings: bool = Field(True, description="Read a question word the index does not hold, and that is "
                                                      "not an English word, as the closest word of the sources "
                                                      "(\"entitites\" -> \"entities\"; said in the answer's notice).")
    max_quotes: int = Field(4, ge=1, le=12, description="Max supporting quotes in an answer.")
    abstain_threshold: float | None = Field(None, ge=0, le=1, description="Min probability (fitted abstention model) that the evidence answers the question; unset: the threshold fitted with the model.")

    # --- LLM back-ends (none = extractive, offline)
    llm: str = Field("none", description="none | openai | llamacpp.")
    llm_base_url: str = Field("", description="OpenAI-compatible base URL (Ollama, vLLM, llama.cpp server...).")
    llm_model: str = Field("", description="Model name for the OpenAI-compatible API.")
    llm_api_key: str = Field("", description="API key (any string for local servers).")
    llm_model_path: str = Field("", description="GGUF file for TRADEQA_LLM=llamacpp.")
    llm_timeout: float = Field(60.0, gt=0, description="Seconds per LLM request.")
    llm_max_retries: int = Field(2, ge=0, le=10, description="Retries on transient LLM errors.")
    agent_mode: bool = Field(False, description="Let a tool-calling model search and read in a bounded loop.")
    agent_max_steps: int = Field(6, ge=1, le=20, description="Max tool-calling steps in agent mode.")
    agent_max_seconds: float = Field(120.0, gt=0, description="Wall-clock limit for agent mode.")
    prompts_dir: Path = Field(PROJECT_ROOT / "prompts", description="Folder of prompt templates.")

    # --- screening (issue 11; see agent/screening and README "Screening")
    screening_threshold: float = Field(82.5, ge=0, le=100, description="Default minimum screening score (0-100); chosen on the fit half of data/screening/variants.jsonl, checked on the other half.")
    screening_intent_threshold: float = Field(0.5, ge=0, le=1, description="Min probability (agent/screening/answer.py intent model) that a question asks whether named parties are listed before ask() answers it from the screening records.")
    screening_max_hits: int = Field(10, ge=1, le=100, description="Max records returned per screened name.")
    screening_retrieval: str = Field("none", pattern="^(none|keyword|dense)$", description="What ordinary retrieval sees of screening-list records: none (documents only, read by screening and cited by its answers), keyword (one keyword-indexed chunk each), dense (and one vector each; minutes for the CSL on 2 cores).")

    # --- UI
    ui_host: str = Field("127.0.0.1", description="Bind address of the chat UI.")
    ui_port: int = Field(7860, description="Port of the chat UI.")
    ui_auth: str = Field("", description="user:password; required when binding a non-loopback host.")
    upload_max_mb: int = Field(25, ge=1, description="Max upload size per file.")

    def index_options(self) -> IndexOptions:
        return IndexOptions(path=Path(self.index).expanduser(), embedding_model=self.embedding_model,
                            chroma_url=self.chroma_url, collection=self.collection, encoder=self.encoder,
                            device=self.device, batch_size=self.embed_batch_size,
                            hnsw_ef_search=self.hnsw_ef_search, exact_search_max=self.exact_search_max)

    def chunking(self) -> ChunkingOptions:
        return ChunkingOptions(max_chars=self.chunk_chars, overlap_chars=self.chunk_overlap,
                               embed_sentences=self.sentence_vectors)

    def prompt(self, name: str) -> str:
        """Text of ``prompts/<name>.txt``."""
        return (Path(self.prompts_dir) / f"{name}.txt").read_text(encoding="utf-8")
