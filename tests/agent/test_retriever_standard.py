"""LangChain's standard retriever tests over a small temporary index, plus the
question validation of :class:`agent.retrieval.TradeQARetriever`."""
from __future__ import annotations

from pathlib import Path

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from agent.retrieval import TradeQARetriever

DOCS = {
    "widgets.txt": "title: Widget export licensing\n---\nExports of widgets to Ruritania require a licence from the "
                   "Ministry of Trade since March 3, 2021. The licence fee is 250 crowns per shipment.",
    "gadgets.txt": "title: Gadget tariffs\n---\nGadgets imported from Freedonia pay a tariff of 12 percent on "
                   "their customs value. The schedule was published by the Customs Office of Freedonia.",
    "sprockets.txt": "title: Sprocket watch list\n---\nSprocket makers Acme Sprockets, Bolt Industries and Cog Works "
                     "were added to the export watch list in 2020.",
    "gears.txt": "title: Gear export controls\n---\nGear exports to Freedonia need an export licence when the gears are "
                 "made of hardened steel. Licence applications take ten working days.",
    "valves.txt": "title: Valve sanctions\n---\nValve manufacturers in Sylvania were sanctioned in May 2022 for "
                  "supplying export-controlled valves without a licence.",
}


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    from agent.api import open_index
    from agent.config import Settings
    from ingest import ingest_paths

    root: Path = tmp_path_factory.mktemp("std-retriever")
    docs = root / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    settings = Settings(index=root / "idx", llm="none", chroma_url="", collection="tradeqa", embedding_model="")
    store = open_index(index=root / "idx", settings=settings)
    report = ingest_paths([docs], store, options=settings.chunking(), progress=False)
    assert report.failed == 0
    return store, settings


# pytest-asyncio runs in strict mode here; the suite's one async test needs the mark
# (the suite forbids overriding its tests, so the mark goes on the class).
@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore:The test <Function:pytest.PytestWarning")
class TestTradeQARetrieverStandard(RetrieversIntegrationTests):
    """``langchain_tests`` RetrieversIntegrationTests (k in the constructor and per call, sync and async)."""

    _params: dict = {}

    @pytest.fixture(autouse=True)
    def _index(self, small_index):
        store, settings = small_index
        type(self)._params = {"store": store, "settings": settings}

    @property
    def retriever_constructor(self) -> type[TradeQARetriever]:
        return TradeQARetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return dict(self._params)

    @property
    def retriever_query_example(self) -> str:
        return "Which exports need a licence?"


def test_invoke_k_overrides_constructor_and_filters_per_call(small_index):
    store, settings = small_index
    r = TradeQARetriever(store=store, settings=settings, k=4)
    assert len(r.invoke("export licence")) == 4
    assert len(r.invoke("export licence", k=2)) == 2
    docs = r.invoke("export licence", k=5, filters={"source": "gears"})
    assert docs and all(d.metadata["source"].endswith("gears.txt") for d in docs)


@pytest.mark.parametrize("query, message", [
    ("", "empty"),
    ("   \n\t ", "empty"),
    ("x" * 100_000, "limit is 1000"),
    ("tariff \ud800 rate", "invalid character"),
    ("???", "no words"),
])
def test_invalid_queries_raise_clear_value_errors(small_index, query, message):
    store, settings = small_index
    r = TradeQARetriever(store=store, settings=settings)
    with pytest.raises(ValueError, match=message):
        r.invoke(query)


@pytest.mark.parametrize("k", [0, -1, "3"])
def test_bad_k_is_a_value_error(small_index, k):
    store, settings = small_index
    with pytest.raises(ValueError, match="k must be a positive integer"):
        TradeQARetriever(store=store, settings=settings).invoke("export licence", k=k)
