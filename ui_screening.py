"""The Screening tab of the Gradio UI: screen one name (results with the record card and
its matched fields highlighted) or a CSV of counterparties (a table, downloadable).

Only calls ``agent.screening``; built inside ``ui.build_app``'s Blocks.
"""
from __future__ import annotations

import csv
import html
import logging
import tempfile
from pathlib import Path

import gradio as gr

from agent.config import Settings

log = logging.getLogger(__name__)


def _esc(x) -> str:
    return html.escape(str(x or ""))


def record_card(body: str, hit) -> str:
    """The record body with the cited fields (matched name, list, dates, notice, policy) marked."""
    spans = sorted({(c.start, c.end) for c in ([hit.citation] if hit.citation else []) + list(hit.evidence)})
    out, pos = [], 0
    for s, e in spans:
        if s < pos:
            continue
        out.append(_esc(body[pos:s]))
        out.append(f"<mark>{_esc(body[s:e])}</mark>")
        pos = e
    out.append(_esc(body[pos:]))
    return ('<pre class="tq-record" style="white-space:pre-wrap;font-size:0.85em;border:1px solid #ccc;'
            f'padding:6px;border-radius:4px">{"".join(out)}</pre>')


def render_hits(name: str, hits, store, snapshot: str, lists: list[str], threshold: float) -> str:
    """HTML for one screened name: a verdict line, then a card per hit."""
    if not hits:
        return (f"<p><b>{_esc(name)}</b>: not found on the lists in the index (snapshot {_esc(snapshot)}; "
                f"threshold {threshold:g}).</p><p style='font-size:0.8em'>Lists searched: {_esc(', '.join(lists))}</p>")
    parts = [f"<p><b>{_esc(name)}</b>: {len(hits)} match(es) at or above {threshold:g} (snapshot {_esc(snapshot)})</p>"]
    for h in hits:
        doc = store.get_document(h.doc_id)
        alias = f" (matched alias “{_esc(h.matched_name)}”)" if h.matched_name != h.name else ""
        parts.append(f"<details open><summary><b>{h.score:g}</b> — {_esc(h.name)}{alias} — {_esc(h.list_code)}"
                     f"{' — since ' + _esc(h.start_date) if h.start_date else ''} — record {_esc(h.record_id)}"
                     f"</summary>{record_card(doc.body, h) if doc else ''}</details>")
    return "".join(parts)


def build_screening_tab(settings: Settings) -> None:
    """Add the Screening tab to the Blocks being built."""
    from agent.api import open_index
    from agent.screening import ScreeningNotReady, get_index, screen_index
    from agent.screening.commands import TABLE_FIELDS, read_counterparties, screen_batch

    def on_screen(name: str, country: str, lists: str, min_score: float) -> str:
        if not (name or "").strip():
            return "<p>Type a party name to screen.</p>"
        try:
            idx = get_index(settings=settings)
        except ScreeningNotReady as exc:
            return f"<p>{_esc(exc)}</p>"
        wanted = [x for x in (lists or "").split(",") if x.strip()] or None
        hits = screen_index(idx, name.strip()[: settings.max_question_chars], country=country or None, lists=wanted,
                            min_score=float(min_score), limit=settings.screening_max_hits)
        return render_hits(name.strip(), hits, open_index(settings=settings), idx.snapshot, idx.lists, float(min_score))

    def on_batch(path: str | None, min_score: float, progress=gr.Progress()):
        if not path:
            return gr.update(value=None), None, "Upload a CSV of counterparties (name[,country])."
        try:
            idx = get_index(settings=settings)
            parties = read_counterparties(path)
        except (ScreeningNotReady, ValueError) as exc:
            return gr.update(value=None), None, str(exc)
        table = screen_batch(idx, parties, min_score=float(min_score), limit=settings.screening_max_hits,
                             progress=False, on_row=lambda i, n: progress(i / max(1, n), desc=f"{i}/{n} names"))
        out = Path(tempfile.mkdtemp(prefix="tradeqa-screen-")) / f"screening-{Path(path).stem}.csv"
        with out.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=TABLE_FIELDS)
            w.writeheader()
            w.writerows(table)
        flagged = len({r["query"] for r in table if r["record_id"]})
        rows = [[r[k] for k in TABLE_FIELDS] for r in table]
        return (gr.update(value=rows, headers=list(TABLE_FIELDS)), str(out),
                f"{len(parties)} names screened, {flagged} with a match (snapshot {idx.snapshot}).")

    with gr.Tabs():
        with gr.Tab("Screening", elem_id="tq-screening"):
            gr.Markdown("Screen party names against the screening lists in the index (the Consolidated Screening "
                        "List). Scores 0–100; every hit shows its record with the cited fields highlighted.")
            with gr.Row():
                name = gr.Textbox(label="Party name", placeholder="e.g. Hikvision Digital Technology", scale=4,
                                  elem_id="tq-screen-name")
                country = gr.Textbox(label="Country (ISO-2, optional)", max_length=2, scale=1)
                lists = gr.Textbox(label="Lists (codes, optional)", placeholder="EL,SDN", scale=1)
                min_score = gr.Slider(50, 100, value=settings.screening_threshold, step=1, label="Min score", scale=2)
            screen_btn = gr.Button("Screen", variant="primary", elem_id="tq-screen-btn")
            result = gr.HTML("", elem_id="tq-screen-results")
            with gr.Accordion("Batch: a CSV of counterparties", open=False):
                upload = gr.File(label="CSV with a name column (and optionally country)", file_types=[".csv"],
                                 elem_id="tq-screen-upload")
                batch_btn = gr.Button("Screen the file")
                batch_msg = gr.Markdown("")
                table = gr.Dataframe(interactive=False, wrap=True)
                download = gr.File(label="Result table (CSV)", interactive=False)
            screen_btn.click(on_screen, [name, country, lists, min_score], [result], api_name="screen",
                             concurrency_limit=2, concurrency_id="ask")
            name.submit(on_screen, [name, country, lists, min_score], [result], api_visibility="private",
                        concurrency_limit=2, concurrency_id="ask")
            batch_btn.click(on_batch, [upload, min_score], [table, download, batch_msg], api_name="screen_batch",
                            concurrency_limit=1)
