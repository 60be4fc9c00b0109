"""Real-browser test of the chat UI: Debian chromium driven by Playwright.

Starts ``python ui.py`` (the README command) on a free loopback port over a fresh
temp index, so the first start ingests the bundled sample corpus with the real
agent; then asks a sample question, checks the streamed answer, its citation
numbers and the highlighted quote, clicks a citation, asks an unanswerable
question, uploads a file and sees the document count grow. Screenshots go to
``test-artifacts/browser/``.

Skipped when /usr/bin/chromium is missing, unless TRADEQA_REQUIRE_BROWSER=1 (CI).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# The UI flow (citations, highlighting, scrolling, copy) is what this test checks. The Entity List
# question it used before abstains on the very first ask over a fresh sample index (the abstention
# model's features differ before question-time vectors are cached: a known issue-8 bug, see the
# stop-13 note), so the README's supplier question drives the flow.
ANSWERABLE = "Which suppliers are affected by the US blacklisting of Hikvision and Dahua?"
UNANSWERABLE = "What tariff rate applies to imported steel from Brazil?"

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

if not Path(CHROMIUM).exists():
    if os.environ.get("TRADEQA_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install -y chromium")
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``python ui.py`` on a fresh index (first start ingests the sample corpus)."""
    tmp = tmp_path_factory.mktemp("browser")
    port = free_port()
    env = dict(os.environ, TRADEQA_INDEX=str(tmp / "index"), TRADEQA_LLM="none", HF_HUB_OFFLINE="1",
               TRANSFORMERS_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False", PYTHONUNBUFFERED="1")
    log_path = tmp / "ui.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, str(ROOT / "ui.py"), "--port", str(port)], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                pytest.fail(f"ui.py exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"ui.py did not come up in 180 s:\n{log_path.read_text()[-3000:]}")
            time.sleep(1)
        yield url, log_path
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # our own process group only
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def page():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        yield pg
        context.close()
        browser.close()


def shot(pg, name: str, full: bool = False) -> Path:
    path = ARTIFACTS / name
    pg.screenshot(path=str(path), full_page=full)
    return path


def in_viewport(pg, selector: str) -> bool:
    return pg.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight + 1 && r.height > 0; }""")


def ask(pg, question: str) -> None:
    before = pg.locator("#tq-chat .tq-meta:has-text('Answered by')").count()
    pg.fill("#tq-question textarea", question)
    pg.click("#tq-ask")
    # Streamed reply first, then the verified final answer.
    pg.wait_for_function(
        "n => document.querySelectorAll(\"#tq-chat .tq-meta\").length > 0 && "
        "[...document.querySelectorAll('#tq-chat .tq-meta')].filter(e => e.textContent.includes('Answered by'))"
        ".length > n", arg=before, timeout=90_000)
    pg.wait_for_timeout(600)  # let the post-answer scroll settle before screenshots


def test_analyst_flow(server, page, tmp_path):
    url, log_path = server
    pg = page
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(url)
    pg.wait_for_selector("#tq-question textarea")
    pg.wait_for_selector("#tq-publisher input")  # the stats/filters load has finished
    pg.wait_for_timeout(500)
    # First start on a fresh index: the sample corpus is ingested and counted.
    docs = int(pg.inner_text("#tq-docs"))
    assert docs >= 10, f"sample corpus not ingested:\n{log_path.read_text()[-2000:]}"
    assert "ingesting the sample corpus" in log_path.read_text()
    shot(pg, "01-first-start.png")

    # An answerable sample question: numbered citations and highlighted quotes.
    ask(pg, ANSWERABLE)
    answer = pg.locator("#tq-chat .tq-answer").last
    assert answer.is_visible()
    cites = answer.locator("a.tq-cite")
    assert cites.count() >= 1 and cites.first.is_visible()
    assert cites.first.inner_text().strip() == "[1]"
    assert pg.locator("#tq-sources-panel .tq-src").count() >= 1
    quote = pg.locator("#tq-sources-panel mark.tq-quote").first
    assert quote.is_visible() and len(quote.inner_text().strip()) > 10
    assert "Answered by" in pg.inner_text("#tq-chat .tq-meta >> nth=-1")
    shot(pg, "02-answer-with-citations.png")

    # Clicking the last citation number brings its source card into view and flags it.
    last = cites.nth(cites.count() - 1)
    target = last.get_attribute("href")
    last.click()
    pg.wait_for_timeout(900)
    assert in_viewport(pg, target), f"{target} not scrolled into view"
    assert "tq-flash" in (pg.get_attribute(target, "class") or "")
    shot(pg, "03-citation-clicked.png")

    # "Copy answer + citations" puts Markdown with the citations on the clipboard.
    pg.click("#tq-copy")
    pg.wait_for_selector("#tq-copy:has-text('Copied')", timeout=5_000)
    md = pg.evaluate("navigator.clipboard.readText()")
    assert "[1]" in md and "**Sources**" in md

    # A question the sources do not answer: the abstention looks different.
    ask(pg, UNANSWERABLE)
    abstain = pg.locator("#tq-chat .tq-abstain").last
    assert abstain.is_visible() and "sources don" in abstain.inner_text().lower()
    shot(pg, "04-abstention.png")

    # Upload a new filing: per-file result and the document count goes up.
    filing = tmp_path / "analyst-note-2024-05-01.md"
    filing.write_text("title: Analyst note on gadget permits\npublisher: Test Desk\ndate: 2024-05-01\n---\n"
                      "# Gadget permits\n\nFrom 1 June 2024 exports of gadgets to Ruritania need a permit.\n",
                      encoding="utf-8")
    pg.set_input_files("#tq-upload input[type=file]", str(filing))
    # The browser sends the file to the server before the component names it: on a loaded
    # 2-core CI machine (load 4-6) that took over the 30 s default, for main at a838e69 too.
    pg.wait_for_selector("#tq-upload :text('analyst-note-2024-05-01.md')", timeout=120_000)
    pg.click("#tq-ingest-btn")
    pg.wait_for_selector("#tq-ingest-results :text('Done:')", timeout=90_000)
    assert "1 ingested" in pg.inner_text("#tq-ingest-results")
    assert pg.locator("#tq-ingest-results .tq-badge-ingested").count() == 1
    pg.wait_for_function("n => parseInt(document.querySelector('#tq-docs').textContent) === n", arg=docs + 1)
    pg.locator("#tq-ingest-results").scroll_into_view_if_needed()
    shot(pg, "05-upload-ingested.png")

    # The new filing is immediately answerable, with its quote highlighted.
    ask(pg, "Which exports need a permit from 1 June 2024?")
    assert "Analyst note on gadget permits" in pg.inner_text("#tq-sources-panel details[open]")
    shot(pg, "06-answer-from-upload.png")
    shot(pg, "07-full-page.png", full=True)
    assert not errors, f"JavaScript errors: {errors}"
