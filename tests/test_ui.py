"""Endpoint tests of the chat UI (ui.py) through gradio_client.

Most tests run the app in-process over a tiny temp index with a fake agent
(``build_app(stream_fn=...)``), so they are fast and independent of retrieval
quality; ``test_real_agent_over_sample_corpus`` (marked ``integration``) asks the
real agent over the bundled sample corpus.
"""
from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import socket  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from gradio_client import Client, handle_file  # noqa: E402

import ui  # noqa: E402
from agent import Answer, Citation, Settings, open_index  # noqa: E402
from ingest import ingest_paths  # noqa: E402

DOC = """title: Test notice on widget exports
publisher: Test Bureau of Widgets
date: 2021-03-04
url: https://example.org/widgets
type: regulation
---
Widget export rules.

The Bureau requires a licence for exports of widgets to Ruritania. <b>Bold claims</b> & other "markup" stay text.

Shipments made before 1 April 2021 are not affected.
"""
QUOTE = "The Bureau requires a licence for exports of widgets to Ruritania."
ANY = "(any)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FakeAgent:
    """Stands in for ``agent.stream_ask``: streams words, then a verified-looking Answer."""

    def __init__(self, settings: Settings):
        store = open_index(settings=settings)
        (self.source, self.doc_id), = store.list_sources()
        self.body = store.get_document(self.doc_id).body
        self.calls: list[dict] = []
        self.lock = threading.Lock()

    def __call__(self, question, *, index=None, filters=None, settings=None, backend=None):
        with self.lock:
            self.calls.append({"question": question, "filters": filters, "backend": backend})
        if "abstain" in question:
            text = "The sources don't say which widgets are exempt."
            yield text
            yield Answer(text=text, abstained=True, backend="extractive", question=question)
            return
        if "slow" in question:
            time.sleep(1.0)
        text = "Exports of widgets to Ruritania need a licence [1]. <img src=x onerror=alert(1)> STREAMED-EXTRA"
        for word in text.split(" "):
            yield word + " "
        start = self.body.index(QUOTE)
        cit = Citation(source=self.source, title="Test notice on widget exports", quote=QUOTE, start=start,
                       end=start + len(QUOTE), date="2021-03-04", publisher="Test Bureau of Widgets",
                       url="https://example.org/widgets", doc_id=self.doc_id, n=1)
        # The final text differs from the stream (an unverified sentence was dropped).
        yield Answer(text="Exports of widgets to Ruritania need a licence [1]. <img src=x onerror=alert(1)>",
                     abstained=False, citations=[cit], question=question,
                     backend="extractive" if backend in (None, "none") else backend)


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("ui")
    doc = root / "corpus" / "widgets.txt"
    doc.parent.mkdir()
    doc.write_text(DOC, encoding="utf-8")
    s = Settings(index=root / "index", upload_max_mb=1, llm="none", llm_base_url="", llm_model="",
                 llm_model_path="")
    report = ingest_paths([doc], open_index(settings=s), options=s.chunking(), progress=False)
    assert report.ingested == 1, report.summary()
    return s


@pytest.fixture(scope="module")
def fake(settings) -> FakeAgent:
    return FakeAgent(settings)


@pytest.fixture(scope="module")
def client(settings, fake):
    app = ui.build_app(settings, stream_fn=fake)
    port = free_port()
    ui.serve(app, settings, host="127.0.0.1", port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield Client(f"http://127.0.0.1:{port}/", verbose=False, analytics_enabled=False)
    finally:
        app.close()


def text(message: dict) -> str:
    """A chat message's text (Gradio 6 returns content as a list of typed parts)."""
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(p.get("text", "") for p in content if isinstance(p, dict))


def ask(client: Client, question: str, *, date_from: str = "", date_to: str = "", publisher: str = ANY,
        doc_type: str = ANY, backend: str = "none", history: list | None = None):
    return client.predict(question, history or [], date_from, date_to, publisher, doc_type, backend,
                          api_name="/ask")


# ----------------------------------------------------------------------------- endpoints
def test_named_endpoints(client):
    names = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert {"/ask", "/ingest", "/stats"} <= names


def test_ask_api_takes_named_parameters_with_defaults(client):
    """An API caller passes only the question (by name); the outputs are named."""
    api = client.view_api(print_info=False, return_format="dict")["named_endpoints"]["/ask"]
    params = {p["parameter_name"]: p for p in api["parameters"]}
    assert list(params)[0] == "question" and not params["question"]["parameter_has_default"]
    assert all(params[k]["parameter_has_default"] for k in ("history", "date_from", "date_to", "publisher",
                                                           "doc_type", "backend"))
    assert [r["label"] for r in api["returns"]] == ["Conversation", "Sources", "Answer as Markdown", "Question"]
    history, sources, markdown, question = client.predict(question="Which gadgets pay a tariff?", api_name="/ask")
    assert history and markdown and question == ""


def test_stats_endpoint(client):
    stats_html, publishers, doc_types = client.predict(api_name="/stats")
    assert 'id="tq-docs">1<' in stats_html and "chunks" in stats_html and "last ingest" in stats_html


def test_ask_streams_then_shows_final_answer_with_citations(client):
    job = client.submit("Do widget exports need a licence?", [], "", "", ANY, ANY, "none", api_name="/ask")
    chat, sources, markdown, question_box = job.result(timeout=60)
    updates = job.outputs()
    assert len(updates) >= 3, "expected intermediate (streamed) updates"
    assert any("STREAMED-EXTRA" in str(u[0]) for u in updates[:-1]), "the stream was not shown while answering"
    assert question_box == ""  # cleared for the next question
    assert [m["role"] for m in chat] == ["user", "assistant"]
    answer = text(chat[-1])
    # The final Answer.text replaces the stream.
    assert "STREAMED-EXTRA" not in answer and "checking citations" not in answer
    assert 'class="tq-answer"' in answer and "tq-abstain" not in answer
    assert '<a class="tq-cite" href="#tq-src-0-1"' in answer
    assert "Answered by <b>extractive</b>" in answer
    # Model/document text is escaped, never injected as HTML.
    assert "<img" not in answer and "&lt;img src=x" in answer
    # Sources panel: card id matches the link; quote highlighted inside its passage, escaped.
    assert 'id="tq-src-0-1"' in sources
    assert f'<mark class="tq-quote">{QUOTE}</mark>' in sources
    assert "Widget export rules." in sources  # surrounding context
    assert "&lt;b&gt;Bold claims&lt;/b&gt;" in sources and "<b>Bold claims" not in sources
    assert "Test Bureau of Widgets" in sources and "2021-03-04" in sources
    assert 'href="https://example.org/widgets"' in sources
    # Copy-as-Markdown carries the citations.
    assert "[1]" in markdown and "**Sources**" in markdown and f"> {QUOTE}" in markdown


def test_history_accumulates_and_older_sources_stay_reachable(client):
    chat, *_ = ask(client, "Do widget exports need a licence?")
    chat2, sources2, *_ = ask(client, "And again: do widget exports need a licence?", history=chat)
    assert len(chat2) == 4
    assert 'href="#tq-src-0-1"' in text(chat2[1]) and 'href="#tq-src-1-1"' in text(chat2[3])
    # Latest answer's sources first and open; the earlier answer's cards stay in the panel.
    assert sources2.index('id="tq-src-1-1"') < sources2.index('id="tq-src-0-1"')
    assert '<details class="tq-turn" open>' in sources2


def test_abstention_is_styled_distinctly(client):
    chat, sources, markdown, _ = ask(client, "Please abstain: which widgets are exempt?")
    answer = text(chat[-1])
    assert 'class="tq-abstain"' in answer and "Not answered" in answer and "sources don" in answer
    assert 'class="tq-answer"' not in answer
    assert "No source passages" in sources


def test_filters_apply_to_the_question(client, fake):
    ask(client, "filtered question about widgets", date_from="2021-01-01", date_to="2021-12-31",
        publisher="Widgets", doc_type="regulation")
    call = [c for c in fake.calls if c["question"] == "filtered question about widgets"][-1]
    assert call["filters"] == {"date_from": "2021-01-01", "date_to": "2021-12-31", "publisher": "Widgets",
                               "doc_type": "regulation"}
    ask(client, "unfiltered question about widgets")
    assert [c for c in fake.calls if c["question"] == "unfiltered question about widgets"][-1]["filters"] is None


def test_bad_date_is_refused_without_asking(client, fake):
    before = len(fake.calls)
    chat, _, _, question_box = ask(client, "question with a bad date", date_from="October 2019")
    assert chat == [] and question_box == "question with a bad date"
    assert len(fake.calls) == before


def test_backend_choice_limited_to_configured(client, fake):
    chat, *_ = ask(client, "which back-end?", backend="none")
    assert fake.calls[-1]["backend"] == "none"
    # "openai" is not configured in this server's settings: it must never reach the agent.
    try:
        ask(client, "which back-end now?", backend="openai")
    except Exception:  # noqa: BLE001 - Gradio refused a value outside the Radio's choices
        pass
    else:
        assert fake.calls[-1]["backend"] == "none"


def test_configured_backends():
    assert ui.configured_backends(Settings(llm_base_url="", llm_model="", llm_model_path="")) == ["none"]
    assert ui.configured_backends(Settings(llm_base_url="http://127.0.0.1:9/v1", llm_model_path="")) == \
        ["none", "openai"]
    assert ui.configured_backends(Settings(llm_base_url="", llm_model="", llm_model_path="/m.gguf")) == \
        ["none", "llamacpp"]


def test_concurrent_questions(client):
    jobs = [client.submit(f"slow question {i} about widgets", [], "", "", ANY, ANY, "none", api_name="/ask")
            for i in range(3)]
    results = [j.result(timeout=60) for j in jobs]
    for i, (chat, sources, markdown, _) in enumerate(results):
        assert text(chat[0]) == f"slow question {i} about widgets"
        assert 'class="tq-answer"' in text(chat[-1]) and "tq-quote" in sources


def test_upload_ingests_counts_and_reports_per_file(client, settings, tmp_path):
    new = tmp_path / "new-filing.md"
    new.write_text("title: New filing\ndate: 2022-01-02\n---\n# New filing\n\nGadgets now need a permit.\n",
                   encoding="utf-8")
    bad = tmp_path / "tool.exe"
    bad.write_bytes(b"MZ\x00\x00")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"this is not a pdf")
    table, stats_html, pubs, types = client.predict([handle_file(str(new)), handle_file(str(broken))],
                                                    api_name="/ingest")
    assert "Done: 1 ingested, 0 unchanged, 1 failed." in table
    assert "new-filing.md" in table and "tq-badge-ingested" in table
    assert "broken.pdf" in table and "tq-badge-failed" in table
    assert 'id="tq-docs">2<' in stats_html
    # Same file again: unchanged (stable upload path), still 2 documents.
    table, stats_html, *_ = client.predict([handle_file(str(new))], api_name="/ingest")
    assert "tq-badge-unchanged" in table and 'id="tq-docs">2<' in stats_html
    # Uploaded originals live next to the index, so citations keep pointing at a file.
    assert list((Path(settings.index) / "uploads").rglob("new-filing.md"))
    # A disallowed type never reaches the ingester (Gradio itself may refuse it first).
    try:
        table, *_ = client.predict([handle_file(str(bad))], api_name="/ingest")
    except Exception as exc:  # noqa: BLE001 - refused by Gradio's own file-type check
        assert "exe" in str(exc).lower() or "type" in str(exc).lower()
    else:
        assert "tq-badge-failed" in table and "not allowed" in table


def test_stage_uploads_refuses_type_and_size(settings, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (settings.upload_max_mb * 1024 * 1024 + 1))
    exe = tmp_path / "x.exe"
    exe.write_bytes(b"MZ")
    ok = tmp_path / "ok.txt"
    ok.write_text("fine", encoding="utf-8")
    staged, refused = ui.stage_uploads([str(big), str(exe), str(ok)], settings)
    assert [u.name for u in staged] == ["ok.txt"]
    assert [st for st, _ in refused] == ["failed", "failed"]
    assert any("over the 1 MB limit" in r for _, r in refused)
    assert any("not allowed" in r for _, r in refused)


# ----------------------------------------------------------------------------- units
def test_passage_highlight_is_escaped_and_in_context():
    body = "Intro <script>x</script> text. The quoted <rule> applies. Outro & more."
    q = "The quoted <rule> applies."
    c = Citation(source="s.txt", title="t", quote=q, start=body.index(q), end=body.index(q) + len(q), n=1)
    html_ = ui.passage_html(body, c, width=20)
    assert '<mark class="tq-quote">The quoted &lt;rule&gt; applies.</mark>' in html_
    assert "<script>" not in html_ and "Outro &amp;" in html_
    # A citation whose offsets do not match the body falls back to the bare quote.
    bad = Citation(source="s.txt", title="t", quote=q, start=0, end=5, n=1)
    assert ui.passage_html(body, bad) == f'<div class="tq-passage"><mark class="tq-quote">{ui.esc(q)}</mark></div>'


def test_only_known_citation_numbers_are_linked():
    ans = Answer(text="A [1]. B [2, 3]. C [9].", abstained=False,
                 citations=[Citation("s", "t", "q", 0, 1, n=i) for i in (1, 2, 3)])
    out = ui.render_answer(ans, 4)
    assert 'href="#tq-src-4-1"' in out and 'href="#tq-src-4-2"' in out and 'href="#tq-src-4-3"' in out
    assert "[9]" in out and "tq-src-4-9" not in out


def test_make_filters():
    assert ui.make_filters("", "", ANY, ANY) is None
    assert ui.make_filters(" 2019-10-01 ", "", "", "news") == {"date_from": "2019-10-01", "doc_type": "news"}
    with pytest.raises(ValueError):
        ui.make_filters("2019-13-01", "", "", "")
    with pytest.raises(ValueError):
        ui.make_filters("2020-01-01", "2019-01-01", "", "")


@pytest.mark.parametrize("host,auth,share,ok", [
    ("127.0.0.1", "", False, True),
    ("localhost", "", False, True),
    ("::1", "", False, True),
    ("0.0.0.0", "", False, False),
    ("192.168.1.5", "", False, False),
    ("0.0.0.0", "analyst:s3cret", False, True),
    ("127.0.0.1", "", True, False),
])
def test_check_bind(host, auth, share, ok):
    if ok:
        assert ui.check_bind(host, auth, share) == (tuple(auth.split(":")) if auth else None)
    else:
        with pytest.raises(ValueError, match="without authentication"):
            ui.check_bind(host, auth, share)


def test_main_refuses_public_host_without_auth(monkeypatch, caplog):
    monkeypatch.delenv("TRADEQA_UI_AUTH", raising=False)
    monkeypatch.setattr(ui, "serve", lambda *a, **k: pytest.fail("must not launch"))
    assert ui.main(["--host", "0.0.0.0", "--no-sample"]) == 2
    assert "without authentication" in caplog.text
    assert ui.main(["--host", "0.0.0.0", "--auth", "nocolon", "--no-sample"]) == 2


def test_main_first_start_ingests_sample_corpus(monkeypatch, tmp_path):
    """A fresh index gets the sample corpus before the app launches (here: a 1-file corpus)."""
    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "a.txt").write_text(DOC, encoding="utf-8")
    monkeypatch.setenv("TRADEQA_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("TRADEQA_SAMPLE_CORPUS", str(sample))
    launched = {}
    monkeypatch.setattr(ui, "serve",
                        lambda app, s, **kw: launched.update(kw, docs=ui.index_stats(settings=s).documents))
    assert ui.main(["--port", "7999"]) == 0
    assert launched["docs"] == 1 and launched["host"] == "127.0.0.1" and launched["port"] == 7999
    assert launched["auth"] is None and launched["share"] is False


@pytest.mark.integration
def test_real_agent_over_sample_corpus(tmp_path):
    """The real agent over the bundled sample corpus, through the app's endpoint."""
    s = Settings(index=tmp_path / "index", llm="none")
    ui.ensure_corpus(s)
    assert ui.index_stats(settings=s).documents >= 10
    app = ui.build_app(s)
    port = free_port()
    ui.serve(app, s, host="127.0.0.1", port=port, prevent_thread_lock=True, quiet=True)
    try:
        c = Client(f"http://127.0.0.1:{port}/", verbose=False, analytics_enabled=False)
        chat, sources, markdown, _ = ask(c, ui.EXAMPLES[0])
        assert 'class="tq-cite"' in text(chat[-1]) and '<mark class="tq-quote">' in sources
        assert "**Sources**" in markdown
        chat, *_ = ask(c, ui.EXAMPLES[3])
        assert 'class="tq-abstain"' in text(chat[-1])
    finally:
        app.close()


# ----------------------------------------------------------------------------- issue 10
def test_mixed_batch_ingests_good_files_and_reports_every_file(client, settings, tmp_path):
    good = tmp_path / "gizmo-notice.txt"
    good.write_text("title: Gizmo notice\n---\nGizmos need an export permit from 2023.\n", encoding="utf-8")
    bad = tmp_path / "payload.exe"
    bad.write_bytes(b"MZ\x00\x00")
    table, stats_html, *_ = client.predict([handle_file(str(good)), handle_file(str(bad))], api_name="/ingest")
    assert "gizmo-notice.txt" in table and "tq-badge-ingested" in table
    assert "payload.exe" in table and "not allowed" in table
    assert "1 ingested" in table and "1 failed" in table


@pytest.mark.parametrize("question, message", [("???", "no words"), ("   ", "empty"), ("x" * 1200, "limit is 1000"),
                                               ("bad \ud800 text", "invalid character")])
def test_invalid_questions_are_refused_with_a_clear_message(client, fake, question, message):
    before = len(fake.calls)
    try:
        history, *_ = ask(client, question)
    except Exception as exc:  # noqa: BLE001 - the surrogate may not even survive JSON transport
        assert message in str(exc) or "surrogate" in str(exc).lower() or "encode" in str(exc).lower()
    else:
        assert history == []  # nothing asked, nothing shown (the warning toast carries the message)
    assert len(fake.calls) == before


def test_source_names_are_relative_never_absolute(settings, fake):
    ans = Answer(text="x [1].", abstained=False, citations=[Citation(
        source=fake.source, title="T", quote=QUOTE, start=0, end=len(QUOTE), doc_id=fake.doc_id, n=1)])
    panel = ui.render_sources(ans, 0, settings)
    assert "widgets.txt" in panel and str(Path(fake.source).parent) not in panel
    md = ans.to_markdown()
    assert "widgets.txt" in md and str(Path(fake.source).parent) not in md
    root = ui.source_root(["/srv/data/corpus/a.txt", "/srv/data/corpus/sub/b.txt"])
    assert ui.display_source("/srv/data/corpus/sub/b.txt", root) == "sub/b.txt"
    assert ui.display_source("https://example.org/x", root) == "https://example.org/x"
    assert ui.display_source("/srv/idx/uploads/ab12/c.pdf", root) == "c.pdf"


def test_dropped_sentences_are_shown():
    ans = Answer(text="A [1].", abstained=False, dropped=[
        {"text": "B.", "reason": "not supported by its quotes: number(s) not in the quotes: 24"}])
    html_ = ui.render_answer(ans, 0)
    assert "1 unsupported sentence dropped" in html_ and "number(s) not in the quotes: 24" in html_


def test_abstention_keeps_the_question_as_typed(settings):
    from agent.generation import abstain_text

    t = abstain_text("NEAR which port did Ruritania ban gadgets?", [], settings)
    assert "“NEAR which port did Ruritania ban gadgets”" in t
