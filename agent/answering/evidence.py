"""Which text may become part of an answer.

Every sentence that can become a lead or a quote of an extractive answer passes
through :func:`admissible` — one choke point, so that a filter for text that
addresses the reader or the assistant (prompt injection planted in a document,
``agent/injection.py``) applies everywhere at once.
"""
from __future__ import annotations


def admissible(text: str) -> bool:
    """True when ``text`` (a sentence or record line of a stored document) may be
    shown as evidence. Excludes text addressing the reader/assistant rather than
    stating facts (instructions planted in a document); today every text is
    admitted until the injection detector is wired in here."""
    return True
