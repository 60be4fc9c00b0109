"""Shared fixtures of the answering tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory):
    """``build(name, {file name: text})`` -> ``(store, settings)``: an offline index over a few
    documents written for a test (no LLM, local Chroma)."""
    def build(name: str, files: dict[str, str]):
        from agent.api import open_index
        from agent.config import Settings
        from ingest import ingest_paths

        docs = tmp_path_factory.mktemp(f"{name}-docs")
        for file_name, text in files.items():
            (docs / file_name).write_text(text, encoding="utf-8")
        path = tmp_path_factory.mktemp(f"{name}-index")
        settings = Settings(index=path, llm="none", chroma_url="", collection="tradeqa", embedding_model="")
        store = open_index(index=path, settings=settings)
        assert ingest_paths([docs], store, options=settings.chunking(), progress=False).failed == 0
        return store, settings

    return build
