"""Which text may become part of an answer.

Every sentence that can become a lead or a quote of an extractive answer passes
through :func:`admissible` — one choke point, so that a filter for text that
addresses the reader or the assistant (prompt injection planted in a document,
``agent/injection.py``) applies everywhere at once.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def admissible(text: str) -> bool:
    """True when ``text`` (a sentence or record line of a stored document) may be
    shown as evidence: False for text addressing the reader or an assistant rather
    than stating facts (instructions planted in a document, fake passage/role
    delimiters), as :func:`agent.injection.admissible` detects it.

    ``ask()`` already hands the answerer a store view with such text blanked
    (:class:`agent.injection.ScreenedStore`); this check keeps every other caller of
    the answerer safe too. Cached: the same sentences recur across questions."""
    from agent.injection import admissible as not_addressed_to_assistant

    return not_addressed_to_assistant(text)
