"""``ask`` over a test index given by its settings (what the ``tiny_index`` fixture returns):
the one wrapper the answer-rule test modules share."""
from __future__ import annotations


def ask(question: str, index):
    """:func:`agent.api.ask` over ``index`` (an :class:`agent.config.Settings` naming the index)."""
    from agent.api import ask as ask_index

    return ask_index(question, index=index.index, settings=index)
