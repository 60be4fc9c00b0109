"""Agent: retrieval over the index and grounded, cited answers.

    from agent import ask
    answer = ask("Which companies were added to the Entity List in October 2019?")
"""
from .api import IndexNotReady, ask, astream_ask, index_stats, langchain_retriever, open_index, retrieve, stream_ask
from .config import Settings
from .types import Answer, Citation, Hit
from .screening import ScreeningHit, screen

__all__ = ["Answer", "Citation", "Hit", "IndexNotReady", "ScreeningHit", "Settings", "ask", "astream_ask", "index_stats", "langchain_retriever",
           "open_index", "retrieve", "screen", "stream_ask"]
