"""Grounded generation with an LLM back-end: the entry point ``agent.api`` calls.

:func:`stream_generate` asks the model for a structured answer over numbered
passages (or, in agent mode, lets it search and read first), verifies every
quote against the stored text, and yields each *verified* sentence (with its
``[n]`` markers) as soon as it has streamed in. It returns the final
:class:`~agent.types.Answer`; if no sentence verifies it returns the
extractive answer with a notice. Back-end failures raise
:class:`~agent.backends.BackendError` with a one-line explanation (the API
turns that into the extractive answer plus a notice).
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import AsyncIterator, Generator, Iterable, Iterator, TypeVar

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from ingest.store import IndexStore

from .backends import Backend, BackendError, build_backend, describe_error
from .config import Settings
from .grounding import (DroppedSentence, Grounder, GroundingParseError, ModelAnswer, ModelSentence, SentenceStream,
                        format_passages, parse_model_answer, render)
from .answering.wording import ABSTAIN_TEXT, abstain_text  # noqa: F401 - abstain_text: used here and re-exported
from .types import Answer, Hit

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class GroundedOutcome:
    """What came out of one model reply after verification."""

    abstained: bool
    text: str
    grounder: Grounder
    reason: str = ""
    repaired: bool = False
    llm_seconds: float = 0.0
    extra_timings: dict[str, float] = field(default_factory=dict)

    @property
    def dropped(self) -> list[DroppedSentence]:
        return self.grounder.dropped


def grounded_messages(question: str, hits: list[Hit], settings: Settings, screen=None) -> list[BaseMessage]:
    """System + user messages for single-shot grounded answering (``screen``: an
    :class:`agent.injection.DocumentScreen`; flagged text is shown as a placeholder)."""
    return [
        SystemMessage(settings.prompt("grounded_system")),
        HumanMessage(render(settings.prompt("grounded_user"), question=question,
                            passages=format_passages(hits, screen=screen))),
    ]


def make_grounder(passages: list[Hit], store: IndexStore, settings: Settings) -> Grounder:
    """A :class:`Grounder` that verifies quotes, refuses quotes of text addressed to an
    assistant and drops sentences their quotes do not support."""
    from .injection import screen_for
    from .support import SupportChecker

    return Grounder(passages, store, max_quotes_per_sentence=settings.max_quotes, screen=screen_for(store),
                    support_checker=SupportChecker(getattr(store, "text_vectors", None)))


def _stream_text(backend: Backend, messages: list[BaseMessage]) -> Iterator[str]:
    for chunk in backend.model.stream(messages):
        c = chunk.content
        if isinstance(c, str):
            if c:
                yield c
        else:
            for part in c:
                t = part.get("text", "") if isinstance(part, dict) else str(part)
                if t:
                    yield t


def ground_reply(pieces: Iterable[str], messages: list[BaseMessage], passages: list[Hit], store: IndexStore,
                 settings: Settings, backend: Backend) -> Generator[str, None, GroundedOutcome]:
    """Parse and verify a (possibly streaming) reply; yield verified sentences as they complete.

    ``messages`` is the conversation that produced the reply (for the one
    repair request if the reply is not the requested JSON). Raises
    :class:`BackendError` on transport failures and on a reply that is still
    unreadable after the repair.
    """
    grounder = make_grounder(passages, store, settings)
    stream = SentenceStream()
    seen: list[ModelSentence] = []
    raw: list[str] = []
    t0 = time.perf_counter()
    emitted = 0

    def emit(sentence: ModelSentence) -> str | None:
        nonlocal emitted
        rendered = grounder.add(sentence)
        if rendered is None:
            return None
        emitted += 1
        return rendered if emitted == 1 else " " + rendered

    try:
        for piece in pieces:
            raw.append(piece)
            for sentence in stream.feed(piece):
                seen.append(sentence)
                out = emit(sentence)
                if out:
                    yield out
    except BackendError:
        raise
    except Exception as exc:  # noqa: BLE001 - transport/HTTP errors from the client
        raise BackendError(describe_error(exc, backend, settings.llm_max_retries)) from exc
    reply = "".join(raw)
    llm_seconds = time.perf_counter() - t0
    repaired = False
    try:
        parsed: ModelAnswer | None = parse_model_answer(reply)
    except GroundingParseError as err:
        if seen:  # a truncated reply: keep the sentences that did arrive whole
            log.info("reply not complete JSON (%s); keeping %d streamed sentence(s)", err, len(seen))
            parsed = None
        else:
            log.info("reply not the requested JSON (%s); asking once for a repair", err)
            repaired = True
            t1 = time.perf_counter()
            fix = messages + [AIMessage(reply or "(empty reply)"),
                              HumanMessage(render(settings.prompt("repair"), error=str(err)))]
            try:
                reply2 = backend.model.invoke(fix).content
            except Exception as exc:  # noqa: BLE001
                raise BackendError(describe_error(exc, backend, settings.llm_max_retries)) from exc
            llm_seconds += time.perf_counter() - t1
            try:
                parsed = parse_model_answer(reply2 if isinstance(reply2, str) else str(reply2))
            except GroundingParseError as err2:
                raise BackendError(f"{backend.target} returned output that is not the requested JSON, "
                                   f"even after one repair request ({err2})") from err2
    if parsed is not None:
        if parsed.sentences[: len(seen)] != seen:
            # The incremental reader disagreed with the full parse: trust the full parse.
            grounder = make_grounder(passages, store, settings)
            emitted, todo = 0, parsed.sentences
        else:
            todo = parsed.sentences[len(seen):]
        for sentence in todo:
            out = emit(sentence)
            if out:
                yield out
        if parsed.abstain and not grounder.sentences:
            return GroundedOutcome(True, ABSTAIN_TEXT, grounder, parsed.reason, repaired, llm_seconds)
    return GroundedOutcome(False, grounder.text(), grounder, "", repaired, llm_seconds)


def stream_generate(question: str, hits: list[Hit], store: IndexStore, settings: Settings,
                    backend: str) -> Generator[str, None, Answer | None]:
    """Answer with an LLM back-end; yield verified text pieces, return the :class:`Answer`.

    Returns None (extractive fallback in the API) when there are no passages.
    Raises :class:`BackendError` for a misconfigured, unreachable or garbage back-end.
    """
    if not hits:
        return None
    t0 = time.perf_counter()
    be = build_backend(settings, backend)
    extra: dict[str, float] = {}
    if settings.agent_mode and be.tools:
        from .agent_mode import run_agent

        try:
            result = run_agent(question, hits, store, settings, be)
        except BackendError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise BackendError(describe_error(exc, be, settings.llm_max_retries)) from exc
        extra = {"agent_steps": float(len(result.steps)), "agent_ms": (time.perf_counter() - t0) * 1000}
        log.info("agent mode: %d step(s), stopped by %s, %d passage(s) shown",
                 len(result.steps), result.stopped_by, len(result.passages))
        outcome = yield from ground_reply([result.reply], result.messages, result.passages, store, settings, be)
    else:
        if settings.agent_mode:
            log.info("%s has no tool calling; answering without agent mode", be.name)
        from .injection import screen_for

        messages = grounded_messages(question, hits, settings, screen_for(store))
        outcome = yield from ground_reply(_stream_text(be, messages), messages, hits, store, settings, be)
    g = outcome.grounder
    timings = {"llm_ms": outcome.llm_seconds * 1000, "verify_ms": g.verify_seconds * 1000,
               "generate_ms": (time.perf_counter() - t0) * 1000, **extra}
    log.info("%s: %d sentence(s) kept, %d dropped, %d quote(s) checked in %.1f ms", be.name, len(g.sentences),
             len(g.dropped), g.checked_quotes, g.verify_seconds * 1000)
    if outcome.abstained:
        log.info("%s abstained: %s", be.name, outcome.reason[:200])
        text = abstain_text(question, hits, settings)
        yield text
        return Answer(text=text, abstained=True, backend=be.name, notice=f"abstained ({be.name})", timings=timings)
    if not g.citations:
        from .extractive import answer_extractive
        from .injection import ScreenedStore

        screened = ScreenedStore(store)  # text addressed to an assistant can't become the fallback's lead
        answer = answer_extractive(question, screened.screen_hits(hits), screened, settings)
        why = (f"none of its {len(g.dropped)} sentence(s) had verified quotes that support it"
               if g.dropped else "it gave no supported sentences")
        answer.notice = (f"The {be.name} answer was discarded because {why}; "
                         "showing the offline extractive answer instead.")
        answer.timings = {**answer.timings, **timings}
        answer.dropped = [{"text": d.text, "reason": d.reason} for d in g.dropped]
        yield answer.text
        return answer
    notice = ""
    if g.dropped:
        notice = (f"{len(g.dropped)} sentence(s) of the {be.name} answer were left out because their quotes "
                  "could not be verified or did not support them.")
    return Answer(text=outcome.text, abstained=False, citations=list(g.citations), backend=be.name,
                  notice=notice, timings=timings,
                  dropped=[{"text": d.text, "reason": d.reason} for d in g.dropped])


def generate(question: str, hits: list[Hit], store: IndexStore, settings: Settings, backend: str) -> Answer | None:
    """Non-streaming :func:`stream_generate`."""
    gen = stream_generate(question, hits, store, settings, backend)
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


async def aiterate(iterator: Iterable[T]) -> AsyncIterator[T]:
    """Drive a blocking iterator from asyncio without blocking the event loop.

    ``async for event in aiterate(agent.stream_ask(q, settings=s)): ...`` yields
    the text pieces and then the final :class:`Answer`, each fetched in a worker thread.
    """
    it = iter(iterator)
    done = object()
    while True:
        item = await asyncio.to_thread(next, it, done)
        if item is done:
            return
        yield item  # type: ignore[misc]
