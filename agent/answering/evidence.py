"""Which text may become part of an answer.

Every sentence that can become a lead or a quote of an extractive answer passes
through :func:`admissible` — one choke point, so that a filter for text that
addresses the reader or the assistant (prompt injection planted in a document,
``agent/injection.py``) applies everywhere at once.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache


def is_question(text: str) -> bool:
    """True when ``text`` ends with a question mark (closing brackets aside): a question
    asserts nothing, so it is no evidence for an answer - not even for the same question
    stored in a document (a list of questions ingested with the sources). A sentence
    ending in a quoted question (he asked, “why?”) reports speech and stays evidence."""
    end = text.rstrip().rstrip(")]")
    if not end:
        return False
    # Any character Unicode names a question mark: "?", fullwidth "？", Arabic "؟",
    # Greek ";", Ethiopic "፧" ... (not the inverted "¿", which opens a question).
    name = unicodedata.name(end[-1], "")
    return "QUESTION MARK" in name and "INVERTED" not in name


@lru_cache(maxsize=4096)
def admissible(text: str) -> bool:
    """True when ``text`` (a sentence or record line of a stored document) may be
    shown as evidence: False for text addressing the reader or an assistant rather
    than stating facts (instructions planted in a document, fake passage/role
    delimiters), as :func:`agent.injection.admissible` detects it; False for a
    question (:func:`is_question`).

    ``ask()`` already hands the answerer a store view with such text blanked
    (:class:`agent.injection.ScreenedStore`); this check keeps every other caller of
    the answerer safe too. Cached: the same sentences recur across questions."""
    from agent.injection import admissible as not_addressed_to_assistant

    return not is_question(text) and not_addressed_to_assistant(text)
