"""tradeqa analyst chat UI (Gradio).

Run ``tradeqa ui`` or ``python ui.py`` (``--help`` for options). The app is a thin
layer over the ``agent`` API:

* chat with streamed answers; each ``[n]`` in an answer links to a card in the
  sources panel showing the quote highlighted inside its surrounding passage;
* abstentions ("the sources don't say") are styled distinctly from answers;
* filters (date range, publisher, document type) apply to the next question;
* uploads (txt/md/html/pdf) are ingested with per-file results and index stats;
* the answer back-end can be chosen among those configured on the server.

Safety: binds 127.0.0.1 by default, refuses a non-loopback host (or ``--share``)
without authentication, limits upload size and file types, and serves requests
through the Gradio queue (the agent and index store are thread-safe).

Everything taken from documents or models is HTML-escaped before it is rendered.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import ipaddress
import logging
import os
import queue
import re
import shutil
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # never phone home

def _lazy_module(name: str):
    """``name`` imported on first attribute access (``tradeqa ui --help`` must not pay
    the ~3 s import of gradio)."""
    import importlib.util

    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


gr = _lazy_module("gradio")

from agent import Answer, Citation, IndexNotReady, Settings, index_stats, open_index, stream_ask  # noqa: E402
from ingest import Status, ingest_paths  # noqa: E402
from agent.validation import validate_question  # noqa: E402
from ingest.loaders import SUPPORTED_SUFFIXES  # noqa: E402

log = logging.getLogger("tradeqa.ui")

CONTEXT_CHARS = 300  # passage shown either side of a quote
EXAMPLES = [
    "Which companies were added to the Entity List in October 2019?",
    "Since when are federal agencies prohibited from procuring covered telecommunications equipment?",
    "Why did the State Department impose visa restrictions on Chinese officials in October 2019?",
    "What tariff rate applies to imported steel from Brazil?",
]
BACKEND_LABELS = {
    "none": "Offline extractive (no LLM)",
    "openai": "OpenAI-compatible server",
    "llamacpp": "Local model (llama.cpp)",
}
_CITE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_ANY = "(any)"


def esc(text: Any) -> str:
    """HTML-escape anything (documents and model output are untrusted)."""
    return html.escape("" if text is None else str(text), quote=True)


# --------------------------------------------------------------------------- rendering
def _safe_url(url: str) -> str:
    """Only http(s) links are rendered as links."""
    return url if re.match(r"^https?://[^\s\"'<>]+$", url or "") else ""


def _link_citations(escaped: str, turn: int, known: set[int]) -> str:
    """Turn ``[1]`` / ``[1, 2]`` markers into links to the sources panel cards."""

    def repl(m: re.Match) -> str:
        nums = [int(x) for x in re.split(r"\s*[,;]\s*", m.group(1))]
        if not all(n in known for n in nums):
            return m.group(0)
        return "".join(
            f'<a class="tq-cite" href="#tq-src-{turn}-{n}" title="Show source {n}">[{n}]</a>' for n in nums)

    return _CITE.sub(repl, escaped)


def _filters_text(filters: dict | None) -> str:
    if not filters:
        return ""
    parts = []
    if filters.get("date_from") or filters.get("date_to"):
        parts.append(f"{filters.get('date_from') or '…'} → {filters.get('date_to') or '…'}")
    if filters.get("publisher"):
        parts.append(f"publisher contains “{filters['publisher']}”")
    if filters.get("doc_type"):
        parts.append(f"type {filters['doc_type']}")
    return "; ".join(parts)


def render_answer(ans: Answer, turn: int, filters: dict | None = None) -> str:
    """The chat message for a final answer (HTML + Markdown; all text escaped)."""
    body = _link_citations(esc(ans.text.strip()), turn, {c.n for c in ans.citations})
    meta = [f"Answered by <b>{esc(ans.backend)}</b>"]
    if ans.citations:
        meta.append(f"{len(ans.citations)} source{'s' if len(ans.citations) != 1 else ''}")
    if filters:
        meta.append(f"filters: {esc(_filters_text(filters))}")
    notice = f'<div class="tq-notice">⚠ {esc(ans.notice)}</div>\n\n' if ans.notice else ""
    if ans.dropped:
        # Say how many model sentences were left out and why (their text is not shown: it was not supported).
        reasons = "; ".join(dict.fromkeys(esc(d.get("reason", "")[:120]) for d in ans.dropped))
        meta.append(f'<span class="tq-dropped" title="{reasons}">{len(ans.dropped)} unsupported '
                    f'sentence{"s" if len(ans.dropped) != 1 else ""} dropped</span>')
        notice += f'<div class="tq-notice tq-dropped-list">Dropped: {reasons}</div>\n\n'
    if ans.abstained:
        # Distinct look so an abstention is never read as an answer.
        head = '<div class="tq-abstain-label">⊘ Not answered — the sources don\'t say</div>'
        return (f'<div class="tq-abstain">\n{head}\n\n{body}\n\n</div>\n\n{notice}'
                f'<div class="tq-meta">{" · ".join(meta)}</div>')
    return (f'<div class="tq-answer">\n\n{body}\n\n</div>\n\n{notice}'
            f'<div class="tq-meta">{" · ".join(meta)}</div>')


def render_streaming(text: str) -> str:
    """The chat message while an answer streams in (not yet verified)."""
    if not text.strip():
        return '<div class="tq-pending">Searching the sources…</div>'
    return (f'<div class="tq-streaming">\n\n{esc(text)} ▌\n\n</div>\n\n'
            '<div class="tq-meta">checking citations…</div>')


def render_error(message: str) -> str:
    return f'<div class="tq-error">\n\n<b>Could not answer:</b> {esc(message)}\n\n</div>'


def passage_html(body: str | None, c: Citation, width: int = CONTEXT_CHARS) -> str:
    """The quote highlighted inside ~``width`` characters of its passage, escaped."""
    if not body or not (0 <= c.start < c.end <= len(body)) or body[c.start:c.end] != c.quote:
        return f'<div class="tq-passage"><mark class="tq-quote">{esc(c.quote)}</mark></div>'
    a, b = max(0, c.start - width), min(len(body), c.end + width)
    # Snap the context to word boundaries so it does not start mid-word.
    if a > 0:
        cut = max(body.rfind(" ", a, c.start), body.rfind("\n", a, c.start))
        a = cut + 1 if cut >= 0 else a
    if b < len(body):
        cut = max(body.rfind(" ", c.end, b), body.rfind("\n", c.end, b))
        b = cut if cut > c.end else b
    pre = ("…" if a > 0 else "") + esc(body[a:c.start])
    post = esc(body[c.end:b]) + ("…" if b < len(body) else "")
    return (f'<div class="tq-passage">{pre}<mark class="tq-quote">{esc(body[c.start:c.end])}</mark>'
            f'{post}</div>')


def display_source(source: str, root: str | None = None) -> str:
    """How a source is named to the user: a URL as is, a file relative to the folder it
    was ingested from (``root``: the common folder of the index's files; uploads by
    their file name) — never the server's absolute path."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", source, re.I):
        return source
    p = Path(source)
    if "uploads" in p.parts[:-1] or not root:
        return p.name or source
    try:
        rel = p.relative_to(root)
        return str(rel) if str(rel) != "." else p.name
    except ValueError:
        return p.name or source


def source_root(sources: list[str]) -> str | None:
    """The common folder of the index's local files (None if there are none)."""
    import os

    local = [s for s in sources if s and not re.match(r"^[a-z][a-z0-9+.-]*://", s, re.I) and
             "uploads" not in Path(s).parts[:-1]]
    if not local:
        return None
    try:
        common = os.path.commonpath(local)
    except ValueError:  # mixed drives / relative and absolute
        return None
    return str(Path(common).parent) if len(set(local)) == 1 or Path(common) in map(Path, local) else common


def render_source_card(c: Citation, turn: int, body: str | None, root: str | None = None) -> str:
    meta = [esc(x) for x in (c.publisher, c.date) if x]
    url = _safe_url(c.url)
    if url:
        meta.append(f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">open original ↗</a>')
    shown = display_source(c.source, root)
    meta.append(f'<span class="tq-file" title="{esc(shown)}">{esc(shown)}</span>')
    return (f'<div class="tq-src" id="tq-src-{turn}-{c.n}">'
            f'<div class="tq-src-head"><span class="tq-num">[{c.n}]</span> '
            f'<span class="tq-title">{esc(c.title or Path(c.source).name)}</span></div>'
            f'<div class="tq-src-meta">{" · ".join(meta)}</div>'
            f'{passage_html(body, c)}'
            f'<div class="tq-offsets">characters {c.start}–{c.end}</div></div>')


def render_sources(ans: Answer, turn: int, settings: Settings) -> str:
    """Sources panel section for one answer: a card per citation."""
    if not ans.citations:
        return '<p class="tq-empty">No source passages for this question.</p>'
    store = open_index(settings=settings)
    root = source_root([src for src, _ in store.list_sources()])
    cards = []
    for c in sorted(ans.citations, key=lambda c: c.n):
        doc = store.get_document(c.doc_id) if c.doc_id else None
        cards.append(render_source_card(c, turn, doc.body if doc else None, root))
    note = ('<p class="tq-abstain-note">Closest passages found — they do <b>not</b> answer the question.</p>'
            if ans.abstained else "")
    return note + "".join(cards)


SOURCES_PLACEHOLDER = ('<div class="tq-sources-empty"><b>Sources</b><br>Ask a question: every cited source '
                       'appears here with the quoted passage <mark class="tq-quote">highlighted</mark> in '
                       'context. Click a citation number like <span class="tq-cite">[1]</span> in an answer '
                       'to bring its source into view.</div>')


def render_panel(turns: list[dict]) -> str:
    """All answers' sources, latest first and open; older ones collapsed."""
    if not turns:
        return SOURCES_PLACEHOLDER
    parts = []
    for i, t in enumerate(reversed(turns)):
        parts.append(f'<details class="tq-turn" {"open" if i == 0 else ""}>'
                     f'<summary>Sources for: {esc(t["question"])}</summary>{t["html"]}</details>')
    return '<div class="tq-sources">' + "".join(parts) + "</div>"


def render_stats(settings: Settings) -> str:
    st = index_stats(settings=settings)
    when = (dt.datetime.fromtimestamp(st.last_ingest).strftime("%Y-%m-%d %H:%M") if st.last_ingest else "never")
    return (f'<div class="tq-stats" id="tq-stats-line"><b>Index:</b> <span id="tq-docs">{st.documents}</span> '
            f'documents · <span id="tq-chunks">{st.chunks}</span> chunks · last ingest {esc(when)}</div>')


# --------------------------------------------------------------------------- helpers
def configured_backends(settings: Settings) -> list[str]:
    """Back-ends usable on this server: ``none`` always, the others if configured."""
    out = ["none"]
    if settings.llm_base_url or settings.llm_model:
        out.append("openai")
    if settings.llm_model_path:
        out.append("llamacpp")
    return out


def make_filters(date_from: str | None, date_to: str | None, publisher: str | None,
                 doc_type: str | None) -> dict | None:
    """Validated filters dict for the agent; raises ValueError on a bad date."""
    f: dict[str, str] = {}
    for key, val in (("date_from", date_from), ("date_to", date_to)):
        val = (val or "").strip()
        if val:
            try:
                dt.date.fromisoformat(val)
            except ValueError:
                raise ValueError(f"{key.replace('_', ' ')} must be a date like 2019-10-01, not {val!r}") from None
            f[key] = val
    if f.get("date_from") and f.get("date_to") and f["date_from"] > f["date_to"]:
        raise ValueError("the 'from' date is after the 'to' date")
    if publisher and publisher.strip() and publisher != _ANY:
        f["publisher"] = publisher.strip()
    if doc_type and doc_type.strip() and doc_type != _ANY:
        f["doc_type"] = doc_type.strip()
    return f or None


@dataclass
class Upload:
    path: Path
    name: str


def _result_row(name: str, status: str, reason: str = "", chunks: int | None = None) -> str:
    detail = " · ".join(x for x in (f"{chunks} chunks" if chunks else "", reason) if x)
    return (f'<li class="tq-st-{esc(status)}"><span class="tq-badge tq-badge-{esc(status)}">{esc(status)}</span> '
            f'<span class="tq-fname">{esc(name)}</span>'
            f'{f"<div class=tq-reason>{esc(detail)}</div>" if detail else ""}</li>')


def _results_table(rows: list[tuple[str, str]], header: str) -> str:
    return (f'<div class="tq-ingest"><div class="tq-ingest-head">{esc(header)}</div>'
            f'<ul class="tq-ingest-list">{"".join(html_ for _, html_ in rows)}</ul></div>')


def stage_uploads(files: list[str], settings: Settings) -> tuple[list[Upload], list[tuple[str, str]]]:
    """Check type and size; copy accepted files into ``<index>/uploads/<hash>/<name>``
    (stable paths, so citations keep pointing at a file and a re-upload is "unchanged").
    Returns the staged uploads and ``(status, row html)`` for refused files."""
    accepted, refused = [], []
    limit = settings.upload_max_mb * 1024 * 1024
    root = Path(settings.index).expanduser() / "uploads"
    for f in files:
        src = Path(f)
        name = re.sub(r"[^\w.\- ]", "_", src.name)[:120] or "upload"
        if src.suffix.lower() not in SUPPORTED_SUFFIXES:
            refused.append(("failed", _result_row(name, "failed", f"file type {src.suffix or '(none)'} not "
                                                  "allowed; allowed: " + ", ".join(sorted(SUPPORTED_SUFFIXES)))))
            continue
        size = src.stat().st_size
        if size > limit:
            refused.append(("failed", _result_row(name, "failed", f"{size / 1e6:.1f} MB is over the "
                                                  f"{settings.upload_max_mb} MB limit")))
            continue
        digest = hashlib.sha256(src.read_bytes()).hexdigest()[:12]
        dest = root / digest / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists():
            shutil.copyfile(src, dest)
        accepted.append(Upload(dest, name))
    return accepted, refused


# --------------------------------------------------------------------------- app
def build_app(settings: Settings | None = None, *, stream_fn: Callable[..., Iterator] | None = None) -> gr.Blocks:
    """The Gradio app over the agent API (launch it with :func:`serve`).

    ``stream_fn`` replaces :func:`agent.stream_ask` (tests use a fake agent)."""
    s = settings or Settings()
    answer_stream = stream_fn or stream_ask
    backends = configured_backends(s)
    default_backend = s.llm if s.llm in backends else "none"

    def stats_outputs() -> tuple[str, Any, Any]:
        st = index_stats(settings=s)
        return (render_stats(s),
                gr.update(choices=[_ANY] + st.publishers),
                gr.update(choices=[_ANY] + st.doc_types))

    # Also the /ask API endpoint: every parameter but the question has a default.
    def on_ask(question: str, history: list[dict] | None = None, turns: list[dict] | None = None,
               date_from: str | None = "", date_to: str | None = "", publisher: str | None = _ANY,
               doc_type: str | None = _ANY, backend: str | None = default_backend) -> Iterator[tuple]:
        history = list(history or [])
        # An empty conversation starts afresh (also keeps API callers' history and panel in step).
        turns = list(turns or []) if history else []
        try:  # the one validation every entry point uses; the typed question stays in the box
            q = validate_question(question or "", s.max_question_chars)
        except ValueError as exc:
            gr.Warning(str(exc)[:300])
            yield history, render_panel(turns), gr.update(), turns, question
            return
        try:
            filters = make_filters(date_from, date_to, publisher, doc_type)
        except ValueError as exc:
            gr.Warning(str(exc))
            yield history, render_panel(turns), gr.update(), turns, question
            return
        backend = backend if backend in backends else "none"
        turn = len(turns)
        history += [{"role": "user", "content": esc(q)},
                    {"role": "assistant", "content": render_streaming("")}]
        yield history, render_panel(turns), gr.update(), turns, ""
        streamed, final = "", None
        try:
            for event in answer_stream(q, filters=filters, settings=s, backend=backend):
                if isinstance(event, Answer):
                    final = event
                else:
                    streamed += event
                    history[-1] = {"role": "assistant", "content": render_streaming(streamed)}
                    yield history, render_panel(turns), gr.update(), turns, ""
        except (ValueError, IndexNotReady) as exc:
            history[-1] = {"role": "assistant", "content": render_error(str(exc))}
            yield history, render_panel(turns), gr.update(), turns, ""
            return
        except Exception as exc:  # noqa: BLE001 - show the analyst something, log the rest
            log.exception("answering %r failed", q)
            history[-1] = {"role": "assistant", "content": render_error(f"internal error ({type(exc).__name__})")}
            yield history, render_panel(turns), gr.update(), turns, ""
            return
        if final is None:
            history[-1] = {"role": "assistant", "content": render_error("the agent returned no answer")}
            yield history, render_panel(turns), gr.update(), turns, ""
            return
        # The final text replaces the stream: unverified sentences may have been dropped.
        history[-1] = {"role": "assistant", "content": render_answer(final, turn, filters)}
        turns.append({"question": q, "html": render_sources(final, turn, s)})
        markdown = f"**Question:** {q}\n\n" + final.to_markdown()
        log.info("answered (backend=%s, abstained=%s, %d citations)", final.backend, final.abstained,
                 len(final.citations))
        yield history, render_panel(turns), markdown, turns, ""

    def on_ingest(files: list[str] | None) -> Iterator[tuple]:
        files = [f for f in (files or []) if f]
        if not files:
            gr.Warning("Choose one or more files first.")
            yield (_results_table([], "No files chosen."), *stats_outputs())
            return
        staged, rows = stage_uploads(files, s)
        total = len(staged)
        yield (_results_table(rows, f"Ingesting 0/{total}…"), gr.update(), gr.update(), gr.update())
        events: queue.Queue = queue.Queue()
        names = {str(u.path.resolve()): u.name for u in staged}

        def work() -> None:
            try:
                report = ingest_paths([u.path for u in staged], open_index(settings=s), options=s.chunking(),
                                      progress=False, on_file=lambda d, t, r: events.put(("file", d, r)))
                events.put(("done", report, None))
            except Exception as exc:  # noqa: BLE001 - e.g. index locked by another writer
                log.exception("ingest failed")
                events.put(("error", exc, None))

        if staged:
            threading.Thread(target=work, name="tradeqa-ingest", daemon=True).start()
            while True:
                kind, a, b = events.get()
                if kind == "file":
                    r = b
                    rows.append((r.status.value, _result_row(names.get(r.path, Path(r.path).name), r.status.value,
                                                             r.reason, r.chunks if r.status is not Status.FAILED
                                                             else None)))
                    # No stats here: the store's write lock blocks reads until the batch ends.
                    yield (_results_table(rows, f"Ingesting {a}/{total}…"), gr.update(), gr.update(), gr.update())
                elif kind == "error":
                    rows.append(("failed", _result_row("(remaining files)", "failed", str(a))))
                    break
                else:
                    log.info("upload ingest: %s", a.summary())
                    break
        count = {k: sum(st == k for st, _ in rows) for k in ("ingested", "unchanged", "failed")}
        ok, same, bad = count["ingested"], count["unchanged"], count["failed"]
        yield (_results_table(rows, f"Done: {ok} ingested, {same} unchanged, {bad} failed."), *stats_outputs())

    with gr.Blocks(title="tradeqa — grounded answers for trade-policy analysts", fill_width=True,
                   delete_cache=(3600, 3600)) as app:  # drop Gradio's temp copies of uploads hourly
        turns = gr.State([])
        with gr.Row(elem_id="tq-header"):
            gr.HTML('<div class="tq-brand"><b>tradeqa</b> — answers from your trade-policy sources, '
                    'every claim cited to a verbatim passage</div>')
            stats_html = gr.HTML(render_stats(s), elem_id="tq-stats")
        with gr.Row(equal_height=False):
            with gr.Column(scale=1, min_width=250, elem_id="tq-side"):
                with gr.Accordion("Filters (apply to the next question)", open=True):
                    date_from = gr.Textbox("", label="From date", placeholder="YYYY-MM-DD", elem_id="tq-date-from")
                    date_to = gr.Textbox("", label="To date", placeholder="YYYY-MM-DD", elem_id="tq-date-to")
                    st0 = index_stats(settings=s)
                    publisher = gr.Dropdown([_ANY] + st0.publishers, value=_ANY, label="Publisher",
                                            info="pick one or type part of a name", allow_custom_value=True,
                                            elem_id="tq-publisher")
                    doc_type = gr.Dropdown([_ANY] + st0.doc_types, value=_ANY, label="Document type",
                                           elem_id="tq-doctype")
                with gr.Accordion("Answer back-end", open=True):
                    backend = gr.Radio([(BACKEND_LABELS.get(b, b), b) for b in backends], value=default_backend,
                                       label="Answer back-end", show_label=False, elem_id="tq-backend",
                                       info="Configured on the server; each answer says which one answered.")
                with gr.Accordion("Add documents", open=True):
                    # No file_types here: Gradio would refuse the whole batch for one file of another
                    # type; stage_uploads refuses such files one by one and ingests the rest.
                    files = gr.File(file_count="multiple", label=f"txt / md / html / pdf, up to "
                                    f"{s.upload_max_mb} MB each", elem_id="tq-upload", height=120)
                    ingest_btn = gr.Button("Ingest files", elem_id="tq-ingest-btn")
                    ingest_html = gr.HTML("", elem_id="tq-ingest-results")
            with gr.Column(scale=3, min_width=420):
                chatbot = gr.Chatbot(
                    label="Conversation", show_label=False, elem_id="tq-chat", height=620, buttons=[],
                    feedback_options=None,
                    autoscroll=False,  # _SHOW_ANSWER_JS scrolls to the start of the new answer instead
                    layout="panel", placeholder=("**Ask a question about the indexed sources.**\n\n"
                                                 "Answers cite numbered passages; "
                                                 "if the sources don't cover it, tradeqa says so."))
                with gr.Row():
                    question = gr.Textbox(label="Question", show_label=False, placeholder="Ask about the sources, e.g. "
                                          "“Which companies were added to the Entity List in October 2019?”",
                                          scale=6, max_length=s.max_question_chars, elem_id="tq-question",
)
                    ask_btn = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="tq-ask")
                gr.Examples(EXAMPLES, inputs=question, label="Example questions (sample corpus)")
                with gr.Row():
                    copy_btn = gr.Button("Copy answer + citations (Markdown)", size="sm", elem_id="tq-copy")
                    clear_btn = gr.Button("New conversation", size="sm", elem_id="tq-clear")
                with gr.Accordion("Latest answer as Markdown", open=False):
                    markdown = gr.Textbox(label="Answer as Markdown", show_label=False, lines=8, interactive=False, buttons=["copy"],
                                          elem_id="tq-markdown")
            with gr.Column(scale=2, min_width=340):
                sources = gr.HTML(SOURCES_PLACEHOLDER, label="Sources", elem_id="tq-sources-panel", max_height=760)
        from ui_screening import build_screening_tab  # the Screening tab (issue 11)

        build_screening_tab(s)

        ask_inputs = [question, chatbot, turns, date_from, date_to, publisher, doc_type, backend]
        ask_outputs = [chatbot, sources, markdown, turns, question]
        # Two answers at a time: the machine has few cores and the store serialises reads anyway.
        ask_btn.click(on_ask, ask_inputs, ask_outputs, api_name="ask", concurrency_limit=2,
                      concurrency_id="ask", show_progress="hidden"
                      ).then(None, None, None, js=_SHOW_ANSWER_JS, api_visibility="private")
        question.submit(on_ask, ask_inputs, ask_outputs, api_visibility="private", concurrency_limit=2,
                        concurrency_id="ask", show_progress="hidden"
                        ).then(None, None, None, js=_SHOW_ANSWER_JS, api_visibility="private")
        # One writer per index: uploads are ingested one batch at a time.
        ingest_btn.click(on_ingest, [files], [ingest_html, stats_html, publisher, doc_type], api_name="ingest",
                         concurrency_limit=1, concurrency_id="ingest", show_progress_on=[ingest_html])
        app.load(stats_outputs, None, [stats_html, publisher, doc_type], api_name="stats", show_progress="hidden")
        clear_btn.click(lambda: ([], [], SOURCES_PLACEHOLDER, ""), None, [chatbot, turns, sources, markdown],
                        api_visibility="private")
        chatbot.clear(lambda: ([], SOURCES_PLACEHOLDER, ""), None, [turns, sources, markdown],
                      api_visibility="private")
        copy_btn.click(None, [markdown], None, api_visibility="private", js=_COPY_JS)
    return app


# After an answer: show its beginning (not the end of a long evidence list) and the
# top of the sources panel, so the analyst reads the answer first.
_SHOW_ANSWER_JS = """() => { setTimeout(() => {
  const users = document.querySelectorAll('#tq-chat [data-testid="user"]');
  const last = users[users.length - 1];
  const box = last && last.closest('[role="log"]');
  if (box) { box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 8; }
  const panel = document.querySelector('#tq-sources-panel');
  if (panel) { panel.scrollTop = 0; }
}, 150); }"""

_COPY_JS = """(md) => {
  if (!md) { return; }
  const done = () => { const b = document.querySelector('#tq-copy'); if (b) { const t = b.textContent;
    b.textContent = 'Copied ✓'; setTimeout(() => { b.textContent = t; }, 1500); } };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(md).then(done);
  } else {  // plain-http non-loopback hosts have no async clipboard
    const ta = document.createElement('textarea'); ta.value = md; document.body.appendChild(ta);
    ta.select(); document.execCommand('copy'); ta.remove(); done();
  }
}"""


def theme() -> gr.themes.Base:
    """System fonts only: the default theme would fetch web fonts, and the UI must work offline."""
    return gr.themes.Default(primary_hue="blue", neutral_hue="slate",
                             font=["system-ui", "Segoe UI", "Helvetica", "Arial", "sans-serif"],
                             font_mono=["ui-monospace", "Menlo", "Consolas", "monospace"])


# Inline (not files next to ui.py) so a non-editable `pip install` still has them.
CSS = """
/* tradeqa analyst UI: answers first, citations obvious, abstentions unmistakable. */
#tq-header { align-items: center; }
.tq-brand { font-size: 1.15rem; padding: 4px 0; }
.tq-stats { text-align: right; color: var(--body-text-color-subdued); }

/* answers */
.tq-answer { font-size: 1.02rem; line-height: 1.55; }
.tq-meta { font-size: 0.8rem; color: var(--body-text-color-subdued); margin-top: 6px; }
.tq-notice { font-size: 0.85rem; background: #fff7e6; border-left: 3px solid #f0a020; padding: 4px 8px; margin-top: 6px; }
a.tq-cite, span.tq-cite {
  display: inline-block; font-size: 0.78em; font-weight: 700; line-height: 1.2; vertical-align: super;
  padding: 0 4px; margin: 0 1px; border-radius: 4px; background: #dbeafe; color: #1d4ed8 !important;
  text-decoration: none !important; cursor: pointer;
}
a.tq-cite:hover { background: #1d4ed8; color: #fff !important; }

/* abstention: grey dashed box + label, never mistaken for an answer */
.tq-abstain { border: 2px dashed #9ca3af; background: #f3f4f6; color: #374151; padding: 8px 12px; border-radius: 8px; font-style: italic; }
.tq-abstain-label { font-style: normal; font-weight: 700; color: #6b7280; text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.8rem; }
.tq-abstain-note { color: #6b7280; font-style: italic; margin: 4px 0 8px; }
.tq-error { border-left: 4px solid #dc2626; background: #fef2f2; padding: 6px 10px; }
.tq-pending, .tq-streaming { color: var(--body-text-color-subdued); }
.tq-pending::after { content: " ⏳"; }

/* sources panel */
#tq-sources-panel { overflow-y: auto; }
.tq-sources-empty { padding: 12px; border: 1px dashed var(--border-color-primary); border-radius: 8px; color: var(--body-text-color-subdued); }
.tq-turn > summary { cursor: pointer; font-weight: 600; padding: 6px 2px; }
.tq-src { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; margin: 8px 0; background: var(--background-fill-primary); transition: box-shadow .3s, border-color .3s; }
.tq-src.tq-flash { border-color: #1d4ed8; box-shadow: 0 0 0 3px #93c5fd; }
.tq-src-head { font-weight: 600; }
.tq-num { color: #1d4ed8; font-weight: 700; }
.tq-src-meta { font-size: 0.8rem; color: var(--body-text-color-subdued); margin: 2px 0 6px; }
.tq-passage { white-space: pre-wrap; font-size: 0.86rem; line-height: 1.45; background: var(--background-fill-secondary); padding: 6px 8px; border-radius: 6px; max-height: 260px; overflow-y: auto; }
mark.tq-quote { background: #fde68a; color: #111827; padding: 1px 0; border-bottom: 2px solid #f59e0b; }
.tq-offsets { font-size: 0.72rem; color: var(--body-text-color-subdued); margin-top: 4px; }

/* uploads */
.tq-ingest-list { list-style: none; padding: 0; margin: 0; font-size: 0.82rem; }
.tq-ingest-list li { padding: 3px 0; border-bottom: 1px solid var(--border-color-primary); }
.tq-reason { color: var(--body-text-color-subdued); font-size: 0.76rem; }
.tq-ingest-head { font-weight: 600; font-size: 0.85rem; margin: 4px 0; }
.tq-fname { word-break: break-all; }
.tq-badge { border-radius: 4px; padding: 0 5px; font-weight: 600; }
.tq-badge-ingested { background: #dcfce7; color: #166534; }
.tq-badge-unchanged { background: #e5e7eb; color: #374151; }
.tq-badge-failed { background: #fee2e2; color: #991b1b; }
"""

# Clicking a citation number brings its source card into view.
HEAD_JS = """<script>
// Clicking a citation number [n] brings its source card into view (and opens its
// answer's section if collapsed). Capture phase: runs before Gradio's link handling.
document.addEventListener("click", function (e) {
  var a = e.target && e.target.closest ? e.target.closest('a[href^="#tq-src-"]') : null;
  if (!a) { return; }
  e.preventDefault();
  e.stopPropagation();
  var card = document.getElementById(a.getAttribute("href").slice(1));
  if (!card) { return; }
  var section = card.closest("details");
  if (section) { section.open = true; }
  card.scrollIntoView({ behavior: "smooth", block: "center" });
  card.classList.remove("tq-flash");
  void card.offsetWidth;  // restart the highlight animation
  card.classList.add("tq-flash");
  setTimeout(function () { card.classList.remove("tq-flash"); }, 2500);
}, true);
</script>"""


def serve(app: gr.Blocks, settings: Settings, *, host: str | None = None, port: int | None = None,
          auth: tuple[str, str] | None = None, share: bool = False, prevent_thread_lock: bool = False,
          quiet: bool = False) -> tuple[Any, str, str]:
    """Queue and launch the app (theme, CSS and JS go to ``launch()`` in Gradio 6)."""
    app.queue(default_concurrency_limit=2, max_size=64)
    return app.launch(
        server_name=host or settings.ui_host, server_port=port or settings.ui_port, auth=auth, share=share,
        prevent_thread_lock=prevent_thread_lock, quiet=quiet, show_error=True, inbrowser=False,
        max_file_size=f"{settings.upload_max_mb}mb", ssr_mode=False, mcp_server=False, pwa=False,
        enable_monitoring=False, theme=theme(), css=CSS, head=HEAD_JS,
        footer_links=["api"],
    )


# --------------------------------------------------------------------------- startup
def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_auth(value: str) -> tuple[str, str]:
    user, sep, password = (value or "").partition(":")
    if not sep or not user or not password:
        raise ValueError("authentication must look like user:password")
    return user, password


def check_bind(host: str, auth: str, share: bool) -> tuple[str, str] | None:
    """Auth pair to use; raises ValueError when exposing the app without authentication."""
    pair = parse_auth(auth) if auth else None
    if pair is None and (share or not is_loopback(host)):
        where = "a public share link" if share else f"non-loopback host {host!r}"
        raise ValueError(f"refusing to serve on {where} without authentication: pass --auth user:password "
                         "or set TRADEQA_UI_AUTH")
    return pair


def ensure_corpus(settings: Settings) -> None:
    """First start on a fresh clone: ingest the bundled sample corpus into an empty index."""
    st = index_stats(settings=settings)
    if st.documents:
        log.info("index %s: %d documents, %d chunks", st.path, st.documents, st.chunks)
        return
    sample = Path(settings.sample_corpus)
    if not sample.is_dir():
        log.warning("index %s is empty and no sample corpus at %s; upload documents in the UI", st.path, sample)
        return
    log.info("index %s is empty: ingesting the sample corpus from %s (first start, offline; ~30 s)", st.path, sample)

    def on_file(done: int, total: int, r) -> None:
        log.info("sample corpus %d/%d: %s %s %s", done, total, r.status.value, Path(r.path).name, r.reason)

    report = ingest_paths([sample], open_index(settings=settings), options=settings.chunking(),
                          progress=sys.stderr.isatty(), on_file=on_file)
    log.info("sample corpus: %s", report.summary())


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tradeqa ui", description="Start the tradeqa analyst chat UI.")
    p.add_argument("--host", help="bind address (default 127.0.0.1 / $TRADEQA_UI_HOST); "
                   "a non-loopback host needs --auth")
    p.add_argument("--port", type=int, help="port (default 7860 / $TRADEQA_UI_PORT)")
    p.add_argument("--auth", help="user:password (or $TRADEQA_UI_AUTH); required for a non-loopback host")
    p.add_argument("--share", action="store_true", help="create a public Gradio share link (off by default; "
                   "needs --auth and internet)")
    p.add_argument("--index", help="index folder (default $TRADEQA_INDEX or ~/.local/share/tradeqa/index)")
    p.add_argument("--llm", help="default answer back-end: none | openai | llamacpp ($TRADEQA_LLM)")
    p.add_argument("--no-sample", action="store_true", help="do not ingest the sample corpus into an empty index")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python ui.py`` and ``tradeqa ui``."""
    args = build_parser().parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)  # `tradeqa ui` arrives with the CLI's WARNING level
    for noisy in ("httpx", "httpcore", "urllib3", "chromadb", "sentence_transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    over: dict[str, Any] = {}
    if args.index:
        over["index"] = Path(args.index)
    if args.llm:
        over["llm"] = args.llm
    try:
        settings = Settings(**over)
        host = args.host or settings.ui_host
        port = args.port or settings.ui_port
        auth = check_bind(host, args.auth or settings.ui_auth, args.share)
    except ValueError as exc:
        log.error("%s", exc)
        return 2
    try:
        if not args.no_sample:
            ensure_corpus(settings)
        app = build_app(settings)
        log.info("starting the UI on http://%s:%d (auth %s)", host, port, "on" if auth else "off")
        serve(app, settings, host=host, port=port, auth=auth, share=args.share)
    except OSError as exc:
        log.error("cannot start the UI on %s:%d: %s", host, port, exc)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
