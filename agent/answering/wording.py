"""The user-facing abstention ("The sources don't say this: “...”."), one wording for every
back-end: the offline answerer's and an LLM's (``prompts/abstain.txt``, ``prompts/abstain_coverage.txt``)."""
from __future__ import annotations

from ..config import Settings
from ..types import Hit

# When the prompts cannot be read or formatted.
ABSTAIN_TEXT = "The indexed sources do not answer this question."


def abstain_text(question: str, hits: list[Hit], settings: Settings) -> str:
    """The abstention for ``question``, quoted exactly as typed (no case changes: "NEAR" must not
    become "nEAR"; only its closing "?", "." or "!" dropped, so the quote does not end in two
    stops), with the titles of the closest retrieved sources (up to three)."""
    try:
        topic = question.strip().rstrip("?.!").strip()
        if not topic:
            return ABSTAIN_TEXT
        titles = list(dict.fromkeys(h.title + (f" ({h.date})" if h.date else "") for h in hits))
        coverage = (settings.prompt("abstain_coverage").strip().format(titles="; ".join(titles[:3]))
                    if titles else "")
        return settings.prompt("abstain").strip().format(topic=f"this: “{topic}”", coverage=coverage).strip()
    except (OSError, KeyError, IndexError, ValueError):
        return ABSTAIN_TEXT
