"""The public entry points: ``ask``, ``stream_ask``, ``retrieve``, and index helpers."""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Iterator

from ingest.store import IndexStats, IndexStore

from .config import Settings
from .types import Answer, Hit

log = logging.getLogger(__name__)

_STORES: dict[tuple, IndexStore] = {}
_STORES_LOCK = threading.Lock()


class IndexNotReady(RuntimeError):
    """The index is missing or empty; the message says how to ingest."""


def resolve_settings(index: str | os.PathLike | None = None, settings: Settings | None = None) -> Settings:
    """Settings from the environment, with ``index`` (if given) taking precedence."""
    s = settings or Settings()
    if index is not None:
        s = s.model_copy(update={"index": Path(index)})
    return s


def open_index(index: str | os.PathLike | None = None, settings: Settings | None = None) -> IndexStore:
    """The (cached, thread-safe) store for an index folder."""
    s = resolve_settings(index, settings)
    opts = s.index_options()
    key = (str(opts.path.resolve()), opts.embedding_model, opts.chroma_url, opts.collection, opts.encoder, opts.device,
           opts.batch_size, opts.hnsw_ef_search, opts.exact_search_max)
    with _STORES_LOCK:
        store = _STORES.get(key)
        if store is None:
            store = IndexStore(opts)
            _STORES[key] = store
    return store


def index_stats(index: str | os.PathLike | None = None, settings: Settings | None = None) -> IndexStats:
    """Documents, chunks and last ingest time of an index."""
    return open_index(index, settings).stats()


def _ready_store(index, settings: Settings) -> IndexStore:
    path = Path(settings.index).expanduser()
    if not (path / "catalog.sqlite").exists():
        raise IndexNotReady(
            f"no index at {path}. Ingest documents first: tradeqa ingest PATH... --index {path} "
            f"(the bundled sample corpus is at {settings.sample_corpus})")
    store = open_index(index, settings)
    if store.is_empty():
        raise IndexNotReady(f"the index at {path} is empty. Ingest documents first: tradeqa ingest PATH... --index {path}")
    return store


def langchain_retriever(*, index: str | os.PathLike | None = None, k: int | None = None,
                        filters: dict | None = None, settings: Settings | None = None):
    """The index as a LangChain ``BaseRetriever`` (:class:`agent.retrieval.TradeQARetriever`) for LCEL
    chains: ``invoke(question)`` returns up to ``k`` (default ``settings.top_k``) ``Document``s, each
    one passage with its source, title, character offsets, score, date and publisher as metadata.
    Raises :class:`IndexNotReady` when the index is missing or empty (a retriever over nothing would
    return ``[]`` for every question)."""
    from .retrieval import TradeQARetriever

    s = resolve_settings(index, settings)
    return TradeQARetriever(store=_ready_store(index, s), settings=s, k=k or s.top_k, filters=filters)


def check_question(question: str, settings: Settings) -> str:
    """Validate a question (see :func:`agent.validation.validate_question`); returns it
    stripped of control characters. Raises ``ValueError`` with a clear message."""
    from .validation import validate_question

    return validate_question(question, settings.max_question_chars)


_SCRIPTS_CACHE: dict[tuple, frozenset[str]] = {}


# Unicode scripts (as the store counts them at ingest) that agent.validation groups as one
# writing system: a Japanese question may share Han characters with Chinese sources.
_CJK_SCRIPTS = frozenset({"Han", "Hangul", "Hiragana", "Katakana"})


def indexed_scripts(store: IndexStore) -> frozenset[str]:
    """Writing systems that occur in the indexed text, in :func:`agent.validation.script_of`'s
    names ("LATIN", "CJK", ...), from the letters per script the store counts at ingest
    (cached until the index changes: every committed write bumps its generation)."""
    key = (str(store.path), store.generation())
    got = _SCRIPTS_CACHE.get(key)
    if got is None:
        got = frozenset("CJK" if name in _CJK_SCRIPTS else name.upper()
                        for name, letters in store.script_counts().items() if letters)
        _SCRIPTS_CACHE[key] = got
    return got


def script_abstention(question: str, store: IndexStore) -> Answer | None:
    """An abstention when the question is written in a script the index has no text in
    (a Chinese question over English-only sources: retrieval could only return noise)."""
    from .validation import missing_scripts

    missing = missing_scripts(question, indexed_scripts(store))
    if not missing:
        return None
    names = ", ".join(m.title() if m != "CJK" else "Chinese/Japanese/Korean" for m in missing)
    text = (f"The sources don't say: this question is written in {names} script, and the index holds no text "
            f"in that script. Ask in the language of the indexed sources, or ingest sources in that language.")
    return Answer(text=text, abstained=True, question=question, backend="none",
                  notice=f"abstained: no indexed text in {names} script")


def retrieve(question: str, *, index: str | os.PathLike | None = None, filters: dict | None = None,
             k: int | None = None, settings: Settings | None = None) -> list[Hit]:
    """Hybrid retrieval: the ``k`` best passages for a question (default ``settings.top_k``)."""
    from .retrieval import Retriever

    s = resolve_settings(index, settings)
    q = check_question(question, s)
    store = _ready_store(index, s)
    read, _ = read_question(q, store, s)
    return Retriever(store, s).retrieve(read, filters=filters, k=k or s.top_k)


def read_question(question: str, store: IndexStore, settings: Settings) -> tuple[str, list]:
    """The question as the answerer reads it: misspelt words read as the sources' own
    (:mod:`agent.spelling`), unless ``settings.read_misspellings`` is off; and the readings."""
    if not settings.read_misspellings:
        return question, []
    from .spelling import read_question as read

    return read(question, store)


def ask(question: str, *, index: str | os.PathLike | None = None, filters: dict | None = None,
        settings: Settings | None = None, backend: str | None = None) -> Answer:
    """Answer a question from the indexed sources, with verified citations.

    ``filters``: ``date_from``/``date_to`` (ISO dates), ``publisher``, ``source``
    (substring), ``doc_type``. ``backend`` overrides ``settings.llm``
    (``none`` = offline extractive answerer). Raises ``ValueError`` for an empty
    or over-long question and :class:`IndexNotReady` for a missing/empty index.
    """
    final = None
    for event in stream_ask(question, index=index, filters=filters, settings=settings, backend=backend):
        if isinstance(event, Answer):
            final = event
    assert final is not None
    return final


def stream_ask(question: str, *, index: str | os.PathLike | None = None, filters: dict | None = None,
               settings: Settings | None = None, backend: str | None = None) -> Iterator[str | Answer]:
    """Like :func:`ask` but yields text pieces as they are produced, then the final
    :class:`Answer` (whose citations are verified) as the last item."""
    from .citations import verified_only
    from .extractive import answer_extractive
    from .retrieval import Retriever

    s = resolve_settings(index, settings)
    q = check_question(question, s)
    store = _ready_store(index, s)
    t0 = time.perf_counter()
    early = script_abstention(q, store)
    if early is not None:
        yield early.text
        yield early
        return
    listed = _screening_answer(q, store, s, filters)  # "is X listed?" -> the screening records
    if listed is not None:
        yield from listed.text.splitlines(keepends=True)
        listed.citations = verified_only(listed.citations, store)
        listed.timings = {"total_ms": (time.perf_counter() - t0) * 1000}
        yield listed
        return
    # Retrieval and the answerer read misspelt words as the sources' own; what the user sees
    # (the abstention text, ``answer.question``) keeps the question as typed.
    read, readings = read_question(q, store, s)
    hits = Retriever(store, s).retrieve(read, filters=filters, k=s.top_k)
    t1 = time.perf_counter()
    name = (backend or s.llm or "none").lower()
    answer: Answer | None = None
    notice = ""
    if name == "none" and s.agent_mode:
        # (An agent needs a model to call tools; say so rather than answer offline in silence.)
        notice = "Agent mode needs an LLM back-end (set TRADEQA_LLM); showing the offline extractive answer."
    if name != "none":
        from . import generation

        try:
            answer = yield from generation.stream_generate(read, hits, store, s, backend=name)
        except Exception as exc:  # noqa: BLE001 - any back-end failure degrades to extractive
            log.warning("%s back-end failed: %s", name, exc)
            notice = f"The {name} answer back-end failed ({exc}); showing the offline extractive answer instead."
    from .injection import UNREAD, ScreenedStore, injection_notice

    screened = ScreenedStore(store)
    flagged = screened.flagged_sources(hits, lambda r: r != UNREAD)
    unread = [n for n in screened.flagged_sources(hits, lambda r: r == UNREAD) if n not in flagged]
    if answer is None:
        # The offline answerer reads a view with text addressed to an assistant blanked out.
        answer = _answer_offline(read, hits, store, screened, s, filters)
        answer.notice = answer.notice or notice
        if answer.abstained:  # worded from the question exactly as typed (no case changes)
            from .answering.wording import abstain_text

            answer.text = abstain_text(q, hits, s)
        for line in answer.text.splitlines(keepends=True):  # the direct answer first, then each quote
            yield line
    if readings:
        from .spelling import reading_notice

        note = reading_notice(readings)
        answer.notice = _joined_notice(answer.notice, note)
    if flagged or unread:
        note = injection_notice(flagged, unread)
        answer.notice = _joined_notice(answer.notice, note)
    answer.citations = verified_only(answer.citations, store)
    answer.question = q
    answer.hits = hits
    answer.timings = {**answer.timings, "retrieve_ms": (t1 - t0) * 1000,
                      "total_ms": (time.perf_counter() - t0) * 1000}
    yield answer


def _joined_notice(notice: str, note: str) -> str:
    """``notice`` followed by ``note`` as sentences of their own ("abstained: no passage matched. Read
    “Sec.” as ..."): a reason ends without a full stop."""
    notice = notice.strip()
    if not notice:
        return note
    return f"{notice}{'' if notice.endswith(('.', '!', '?')) else '.'} {note}".strip()


def _answer_offline(q: str, hits: list[Hit], store: IndexStore, screened, s: Settings, filters: dict | None) -> Answer:
    """The extractive answer; a question that asks two things ("Who announced it, and on what
    date?") is answered part by part, each from its own retrieval (``answering.parts``); one that
    asks what two sources share, side by side (``answering.shared``)."""
    from .answering.parts import answers_every_part, combine, conjunct_questions, coordinated_asks, split_parts
    from .extractive import _compose, answer_extractive
    from .retrieval import Retriever

    from .answering.shared import answer_shared, intersection

    if (asked := intersection(q)) is not None:
        # "Which firms named in A were also added to B?": each side from its own retrieval, and the
        # items both hold (answering.shared).
        retriever = Retriever(store, s)
        # Each side by its question and by its constraint alone: "Which two video-surveillance makers
        # were added to the Entity List with start date 2019-10-09?" retrieves the clauses about makers;
        # "added to the Entity List with start date 2019-10-09" the list whose records start then.
        side_hits = []
        for side, constraint in zip(asked.sides, asked.constraints):
            found = retriever.retrieve(side, filters=filters, k=s.top_k)
            seen = {(h.doc_id, h.start) for h in found}
            found += [h for h in retriever.retrieve(constraint, filters=filters, k=s.top_k) if (h.doc_id, h.start) not in seen]
            side_hits.append(screened.screen_hits(found))
        shared = answer_shared(q, asked, side_hits[0], side_hits[1], screened, _compose)
        if shared is not None:
            return shared
    parts = split_parts(q)
    if len(parts) == 1:
        from .answering.leadin import question_proper, resolves_referent, split_lead_in

        if (split := split_lead_in(q)) is not None \
                and ((proper := question_proper(q)) == split[1] or resolves_referent(q)):
            # "Reuters says an August rule banned five Chinese firms. Which companies does the FAR clause
            # actually name?": a question proper that names what it asks about is the whole question;
            # its evidence is retrieved by it alone, not by the lead-in's words ("Reuters", "Chinese").
            # So is one whose pronoun stands for the lead-in's named subject, with that name ("Hikvision
            # is named in the clause. When did its entry start?").
            hits = Retriever(store, s).retrieve(proper, filters=filters, k=s.top_k)
        whole = answer_extractive(q, screened.screen_hits(hits), screened, s)
        if whole.abstained and (sides := conjunct_questions(q)) is not None:
            # "What RIN and docket number does X carry?": the two together may fail where each is found
            # (each code's line is its own evidence); each side asked alone, and kept when one answers.
            retriever = Retriever(store, s)
            answers = [answer_extractive(side, screened.screen_hits(retriever.retrieve(side, filters=filters, k=s.top_k)),
                                         screened, s) for side in sides]
            if not all(a.abstained for a in answers):
                return combine(q, sides, answers, _compose)
        return whole
    if parts == coordinated_asks(q):
        # "What are the HB case and the officer of rule X?": a record's or a table's answerer reads
        # every conjunct of the asked phrase itself (one labelled line each); its answer stands when it
        # has a line per part - the parts are for the conjuncts it dropped.
        whole = answer_extractive(q, screened.screen_hits(hits), screened, s)
        if answers_every_part(whole, parts):
            return whole
    from .answering.leadin import question_proper, resolves_referent

    retriever = Retriever(store, s)
    # (A part whose pronoun stands for the lead-in's named subject is retrieved with that name alone, as a
    # question of one part is.)
    answers = [answer_extractive(part, screened.screen_hits(retriever.retrieve(
        question_proper(part) if resolves_referent(part) else part, filters=filters, k=s.top_k)), screened, s)
        for part in parts]
    return combine(q, parts, answers, _compose)


def _screening_answer(q: str, store: IndexStore, s: Settings, filters: dict | None) -> Answer | None:
    """The screening answer when ``q`` asks whether named parties are listed (see
    agent/screening/answer.py); None otherwise or when filters exclude screening lists."""
    if filters and (filters.get("doc_type") or "screening-list").lower() != "screening-list":
        return None
    from .screening.answer import answer_listing

    try:
        return answer_listing(q, store, s)
    except Exception as exc:  # noqa: BLE001 - screening must never break ordinary answers
        log.warning("screening answer failed, answering from retrieval: %s", exc)
        return None


def astream_ask(question: str, **kwargs):
    """Async iterator over :func:`stream_ask` (text pieces, then the final Answer),
    running the blocking pipeline in a worker thread."""
    from .generation import aiterate

    return aiterate(stream_ask(question, **kwargs))
