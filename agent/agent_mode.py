"""Agent mode: a bounded tool-calling loop for multi-hop questions.

The model sees the question and the first retrieved passages, and may call
``search(query, filters)`` and ``read(source, start, end)``. Every passage any
tool returns is added to one numbered list, so the final answer cites passage
ids exactly as in single-shot generation, and goes through the same
verification (:mod:`agent.generation` does that). The loop stops at
``agent_max_steps`` tool calls or ``agent_max_seconds``; then the model is told
to answer with what it has. Each step is logged.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

from ingest.store import IndexStore

from .backends import Backend
from .config import Settings
from .grounding import format_passages, render
from .types import Hit

log = logging.getLogger(__name__)

READ_MAX_CHARS = 2000  # longest slice ``read`` returns
SEARCH_K_MAX = 6  # passages per search result (keeps the context bounded)
_FILTER_KEYS = ("date_from", "date_to", "publisher", "source", "doc_type")


@dataclass
class AgentStep:
    """One tool call, for the log and the caller."""

    n: int
    tool: str
    args: dict
    new_passages: int
    ms: float
    error: str = ""


@dataclass
class AgentResult:
    """The model's final reply (to be parsed and verified) and how it got there."""

    reply: str
    passages: list[Hit]
    messages: list[BaseMessage]
    steps: list[AgentStep] = field(default_factory=list)
    stopped_by: str = "answer"  # answer | steps | time


class PassageRegistry:
    """All passages shown to the model, numbered from 1 in order of first appearance."""

    def __init__(self, hits: list[Hit], screen=None):
        self.screen = screen  # agent.injection.DocumentScreen: flagged text is shown neutralised
        self.passages: list[Hit] = []
        self._ids: dict[tuple, int] = {}
        self.add(hits)

    def add(self, hits: list[Hit]) -> list[tuple[int, Hit]]:
        """Register hits; returns ``(id, hit)`` for each (existing ids are reused)."""
        out = []
        for h in hits:
            key = (h.doc_id, h.start, h.end)
            if key not in self._ids:
                self.passages.append(h)
                self._ids[key] = len(self.passages)
            out.append((self._ids[key], h))
        return out

    def block(self, numbered: list[tuple[int, Hit]]) -> str:
        """A delimited data block of numbered passages (keeping their global ids)."""
        if not numbered:
            return "<passages>\n</passages>"
        parts = [format_passages([h], first_id=i, screen=self.screen).removeprefix("<passages>\n").removesuffix("\n</passages>")
                 for i, h in numbered]
        return "<passages>\n" + "\n".join(parts) + "\n</passages>"


def tool_schemas(settings: Settings) -> list[dict]:
    """OpenAI function schemas of the agent's tools (descriptions from prompts/)."""
    return [
        {"type": "function", "function": {
            "name": "search", "description": settings.prompt("tool_search").strip(),
            "parameters": {"type": "object", "properties": {
                "query": {"type": "string", "description": "what to look for"},
                "filters": {"type": "object", "description": "optional metadata filters",
                            "properties": {k: {"type": "string"} for k in _FILTER_KEYS}},
            }, "required": ["query"]}}},
        {"type": "function", "function": {
            "name": "read", "description": render(settings.prompt("tool_read"), max_chars=str(READ_MAX_CHARS)).strip(),
            "parameters": {"type": "object", "properties": {
                "source": {"type": "string", "description": "the source attribute of a passage"},
                "start": {"type": "integer", "description": "first character offset"},
                "end": {"type": "integer", "description": "character offset after the last one"},
            }, "required": ["source", "start", "end"]}}},
    ]


class Tools:
    """The tools, bound to one index and one passage registry."""

    def __init__(self, store: IndexStore, settings: Settings, registry: PassageRegistry):
        self.store = store
        self.settings = settings
        self.registry = registry

    def search(self, query: Any = "", filters: Any = None, **_: Any) -> tuple[str, int]:
        """Retrieve passages for ``query``; returns (data block, number of new passages)."""
        from .retrieval import Retriever

        query = str(query or "").strip()[: self.settings.max_question_chars]
        if not query:
            return "error: search needs a non-empty query", 0
        clean = {k: str(v) for k, v in (filters or {}).items() if k in _FILTER_KEYS and v} if isinstance(filters, dict) else {}
        before = len(self.registry.passages)
        hits = Retriever(self.store, self.settings).retrieve(query, filters=clean or None,
                                                             k=min(self.settings.top_k, SEARCH_K_MAX))
        numbered = self.registry.add(hits)
        if not numbered:
            return "no passages matched", 0
        return self.registry.block(numbered), len(self.registry.passages) - before

    def read(self, source: Any = "", start: Any = 0, end: Any = 0, **_: Any) -> tuple[str, int]:
        """Characters ``start..end`` (bounded) of the document ingested from ``source``."""
        source = str(source or "").strip()
        doc_ids = self.store.find_documents(source) if source else []
        if not doc_ids:  # the model may abbreviate: match a source it has been shown
            for h in self.registry.passages:
                if source and (source in h.source or h.source.endswith(source)):
                    doc_ids = [h.doc_id]
                    break
        doc = self.store.get_document(doc_ids[0]) if doc_ids else None
        if doc is None:
            return f"error: no document with source {source!r}", 0
        try:
            s, e = int(start), int(end)
        except (TypeError, ValueError):
            return "error: start and end must be integers", 0
        s = max(0, min(s, len(doc.body)))
        e = max(s, min(e, len(doc.body), s + READ_MAX_CHARS))
        if e <= s:
            return f"error: empty range; the document has {len(doc.body)} characters", 0
        hit = Hit(chunk_id=f"read:{doc.doc_id}:{s}:{e}", doc_id=doc.doc_id, source=doc.source, title=doc.title,
                  start=s, end=e, text=doc.body[s:e], date=doc.date, publisher=doc.publisher, url=doc.url,
                  doc_type=doc.doc_type)
        before = len(self.registry.passages)
        numbered = self.registry.add([hit])
        return self.registry.block(numbered), len(self.registry.passages) - before

    def call(self, name: str, args: dict) -> tuple[str, int]:
        if name == "search":
            return self.search(**args)
        if name == "read":
            return self.read(**args)
        return f"error: unknown tool {name!r}; the tools are search and read", 0


def _request_timeout(backend: Backend, settings: Settings, deadline: float) -> dict:
    """Per-request timeout so that one slow request (with its retries) cannot run
    far past the agent's time limit. Only the OpenAI-compatible client takes it."""
    if backend.kind != "openai":
        return {}
    remaining = max(1.0, deadline - time.monotonic())
    return {"timeout": min(settings.llm_timeout, remaining / (settings.llm_max_retries + 1))}


def run_agent(question: str, hits: list[Hit], store: IndexStore, settings: Settings, backend: Backend) -> AgentResult:
    """Run the bounded loop and return the final reply (unverified) with all passages shown.

    Back-end errors propagate (the caller turns them into a clear message).
    """
    t0 = time.monotonic()
    deadline = t0 + settings.agent_max_seconds
    from .injection import screen_for

    registry = PassageRegistry(hits, screen_for(store))
    tools = Tools(store, settings, registry)
    schemas = tool_schemas(settings)
    model = backend.model.bind_tools(schemas)
    messages: list[BaseMessage] = [
        SystemMessage(render(settings.prompt("agent_system"), max_steps=str(settings.agent_max_steps))),
        HumanMessage(render(settings.prompt("agent_user"), question=question,
                            passages=registry.block(list(enumerate(registry.passages, 1))))),
    ]
    steps: list[AgentStep] = []
    stopped_by = "answer"
    while True:
        if len(steps) >= settings.agent_max_steps:
            stopped_by = "steps"
            break
        if time.monotonic() >= deadline:
            stopped_by = "time"
            break
        ai = model.invoke(messages, **_request_timeout(backend, settings, deadline))
        messages.append(ai)
        calls = getattr(ai, "tool_calls", None) or []
        if not calls:
            log.info("agent: final answer after %d step(s), %.1f s", len(steps), time.monotonic() - t0)
            return AgentResult(_text(ai), registry.passages, messages, steps, stopped_by)
        for tc in calls:
            name, args = tc.get("name", ""), tc.get("args") or {}
            if not isinstance(args, dict):
                args = {}
            t = time.perf_counter()
            over = len(steps) >= settings.agent_max_steps or time.monotonic() >= deadline
            error = ""
            if over:
                result, new = "error: tool budget used up; answer now with the passages you have", 0
                error = "budget"
            else:
                try:
                    result, new = tools.call(name, args)
                except Exception as exc:  # noqa: BLE001 - a failing tool is reported to the model, not fatal
                    result, new, error = f"error: {type(exc).__name__}: {exc}"[:300], 0, str(exc)[:200]
            messages.append(ToolMessage(content=result, tool_call_id=tc.get("id") or f"call_{len(steps)}"))
            if over:
                continue
            step = AgentStep(len(steps) + 1, name, args, new, (time.perf_counter() - t) * 1000, error)
            steps.append(step)
            log.info("agent step %d: %s(%s) -> %d new passage(s) in %.0f ms%s", step.n, name,
                     json.dumps(args, ensure_ascii=False)[:200], new, step.ms, f" [error: {error}]" if error else "")
    # Out of budget: one last request, with tools disabled.
    log.info("agent: stopping after %d step(s) (%s limit); asking for the final answer", len(steps), stopped_by)
    messages.append(HumanMessage(settings.prompt("agent_force_final")))
    ai = backend.model.bind_tools(schemas, tool_choice="none").invoke(messages)
    messages.append(ai)
    return AgentResult(_text(ai), registry.passages, messages, steps, stopped_by)


def _text(ai: AIMessage) -> str:
    c = ai.content
    if isinstance(c, str):
        return c
    return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in c)
