"""The records ``ask()`` returns. Field names are a contract (UI, eval, scripts rely on them)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Where an answer's evidence block starts: a line "Evidence:" or the first numbered quote line "[n] “...".
_EVIDENCE_START = re.compile(r"(?m)^(?:Evidence:\s*$|\[\d+\]\s*[“\"])")


def direct_part(text: str) -> str:
    """The part of an answer an analyst reads first: everything before the evidence
    block (a line ``Evidence:`` or the first numbered quote line ``[n] “...``).
    An answer that leads with its best quote keeps that quote (it is the answer)."""
    m = _EVIDENCE_START.search(text)
    return text[:m.start()] if m else text


@dataclass
class Citation:
    """A verbatim passage of a named source: ``quote == body[start:end]``."""

    source: str  # path or URL as ingested
    title: str
    quote: str
    start: int
    end: int
    date: str = ""
    publisher: str = ""
    url: str = ""
    doc_id: str = ""
    n: int = 0  # the number shown as [n] in Answer.text
    page: int | None = None  # 1-based page of the quote's start, for paged sources (PDF); None when unknown

    @property
    def stem(self) -> str:
        """File stem of the source (how question sets name documents)."""
        return Path(self.source).stem


@dataclass
class Hit:
    """One retrieved chunk, with the scores that ranked it."""

    chunk_id: str
    doc_id: str
    source: str
    title: str
    start: int
    end: int
    text: str
    score: float = 0.0
    dense_rank: int | None = None
    keyword_rank: int | None = None
    date: str = ""
    publisher: str = ""
    url: str = ""
    doc_type: str = ""


@dataclass
class Answer:
    """A grounded answer. ``text`` cites ``citations`` as [n]; ``abstained`` means
    the sources do not cover the question."""

    text: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    question: str = ""
    backend: str = "extractive"
    notice: str = ""  # e.g. "LLM back-end unreachable; extractive answer shown"
    hits: list[Hit] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    # Model sentences left out: [{"text": ..., "reason": ...}] (quote not verified, claim not
    # supported by its quotes, quotes text addressed to an assistant). Empty for offline answers.
    dropped: list[dict] = field(default_factory=list)

    def to_dict(self, *, with_hits: bool = False) -> dict:
        d = asdict(self)
        if not with_hits:
            d.pop("hits")
        return d

    def to_markdown(self) -> str:
        """The answer with its citations as Markdown, for copying into notes: the direct answer, then
        every quote once, under **Sources** with its document, link and character offsets (the
        text's own "Evidence:" list of the same quotes is left out)."""
        text = direct_part(self.text).strip() if self.citations else self.text.strip()
        lines = [text, ""]
        if self.citations:
            lines.append("**Sources**")
            lines.append("")
            for c in self.citations:
                # A URL, or the file's name: never the server's absolute path.
                where = c.url if c.url and c.url.startswith("http") else (Path(c.source).name or c.source)
                date = f", {c.date}" if c.date else ""
                lines.append(f"[{c.n}] *{c.title}*{date} — {where} (chars {c.start}–{c.end})")
                lines.append(f"> {c.quote}")
                lines.append("")
        return "\n".join(lines).strip() + "\n"
