"""A real OpenAI-compatible HTTP server on 127.0.0.1 with scripted replies, for tests.

    with StubLLMServer([Reply(content='{"abstain": true}')]) as stub:
        settings = Settings(llm="openai", llm_base_url=stub.base_url, llm_model="stub")
        ...
        assert stub.requests[0]["messages"][0]["role"] == "system"

The script is either a list of :class:`Reply` (consumed in order; the last one
repeats) or a function ``(request_json, request_number) -> Reply``. It serves
``POST /v1/chat/completions`` both plain and ``stream: true`` (server-sent
events), with optional delays (for timeout tests), HTTP error statuses (for
retry tests) and raw non-JSON bodies (for garbage tests).
"""
from __future__ import annotations

import argparse
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


@dataclass
class ToolCall:
    """One function call the stub model asks for."""

    name: str
    arguments: dict
    id: str = ""


@dataclass
class Reply:
    """One scripted reply of the stub model."""

    content: str = ""
    tool_calls: list[ToolCall] = field(default_factory=list)
    delay: float = 0.0  # seconds to wait before answering
    status: int = 200  # an error status answers {"error": ...} instead
    raw_body: str | None = None  # sent verbatim (status 200, application/json) when set
    chunk_chars: int = 12  # size of streamed content pieces


Script = list[Reply] | Callable[[dict, int], Reply]


class StubLLMServer:
    """Context manager running the stub in a daemon thread on an ephemeral port."""

    def __init__(self, script: Script, model: str = "stub-model"):
        self.script = script
        self.model = model
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ----------------------------------------------------------------- control
    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> "StubLLMServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        handler = _make_handler(self)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="stub-llm", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # ----------------------------------------------------------------- script
    def next_reply(self, request: dict) -> Reply:
        with self._lock:
            n = len(self.requests)
            self.requests.append(request)
        if callable(self.script):
            return self.script(request, n)
        if not self.script:
            return Reply(content="")
        return self.script[min(n, len(self.script) - 1)]


def _make_handler(stub: StubLLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt: str, *args: Any) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server API
            if self.path.rstrip("/").endswith("/models"):
                self._json(200, {"object": "list", "data": [{"id": stub.model, "object": "model"}]})
            else:
                self._json(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:  # noqa: N802 - http.server API
            length = int(self.headers.get("Content-Length") or 0)
            try:
                request = json.loads(self.rfile.read(length) or b"{}")
            except json.JSONDecodeError:
                self._json(400, {"error": {"message": "bad JSON"}})
                return
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._json(404, {"error": {"message": f"no route {self.path}"}})
                return
            reply = stub.next_reply(request)
            if reply.delay:
                time.sleep(reply.delay)
            try:
                if reply.status != 200:
                    self._json(reply.status, {"error": {"message": f"scripted error {reply.status}", "type": "server_error"}})
                elif reply.raw_body is not None:
                    self._send(200, reply.raw_body.encode(), "application/json")
                elif request.get("stream"):
                    self._stream(reply, request)
                else:
                    self._json(200, _completion(reply, request, stub.model))
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                pass

        # ------------------------------------------------------------ helpers
        def _send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, obj: dict) -> None:
            self._send(status, json.dumps(obj).encode(), "application/json")

        def _stream(self, reply: Reply, request: dict) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            base = {"id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": int(time.time()),
                    "model": request.get("model") or stub.model}

            def event(delta: dict, finish: str | None = None) -> None:
                chunk = dict(base, choices=[{"index": 0, "delta": delta, "finish_reason": finish}])
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()

            event({"role": "assistant", "content": ""})
            text = reply.content
            step = max(1, reply.chunk_chars)
            for i in range(0, len(text), step):
                event({"content": text[i:i + step]})
            if reply.tool_calls:
                event({"tool_calls": [dict(_tool_call(tc, i), index=i) for i, tc in enumerate(reply.tool_calls)]})
            event({}, "tool_calls" if reply.tool_calls else "stop")
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

    return Handler


def _tool_call(tc: ToolCall, i: int) -> dict:
    return {"id": tc.id or f"call_{i}", "type": "function",
            "function": {"name": tc.name, "arguments": json.dumps(tc.arguments)}}


def _completion(reply: Reply, request: dict, model: str) -> dict:
    message: dict = {"role": "assistant", "content": reply.content or (None if reply.tool_calls else "")}
    if reply.tool_calls:
        message["tool_calls"] = [_tool_call(tc, i) for i, tc in enumerate(reply.tool_calls)]
    return {
        "id": "chatcmpl-stub", "object": "chat.completion", "created": int(time.time()),
        "model": request.get("model") or model,
        "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if reply.tool_calls else "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


# ------------------------------------------------------------ scripted "models"
_PASSAGE = re.compile(r'<passage id="(\d+)"[^>]*>\n(.*?)\n</passage>', re.DOTALL)
_STOP = set("what which who whom when where why how does did do is are was were the and for with from that this "
            "these those under into about their there have has had will would shall should been being than then "
            "they them its it's also any all some".split())


def _text_of(m: dict) -> str:
    c = m.get("content") or ""
    return c if isinstance(c, str) else " ".join(p.get("text", "") for p in c if isinstance(p, dict))


def passages_in(request: dict) -> dict[int, str]:
    """Passage id -> text for every passage block in the request's messages."""
    out: dict[int, str] = {}
    for m in request.get("messages", []):
        if m.get("role") in ("user", "tool"):
            for pid, text in _PASSAGE.findall(_text_of(m)):
                out.setdefault(int(pid), text)
    return out


def question_in(request: dict) -> str:
    for m in request.get("messages", []):
        if m.get("role") == "user":
            mq = re.search(r"^Question: (.*)$", _text_of(m), re.MULTILINE)
            if mq:
                return mq.group(1)
    return ""


def _terms(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9][a-z0-9.%$-]*[a-z0-9%]|[a-z0-9]", text.lower()) if len(w) > 2 and w not in _STOP}


def best_sentences(request: dict, n: int = 3) -> list[tuple[int, str]]:
    """The ``n`` passage sentences sharing most terms with the question: ``(passage id, sentence)``."""
    q = _terms(question_in(request))
    scored = []
    for pid, text in passages_in(request).items():
        for sent in re.split(r"(?<=[.!?;])\s+|\n+", text):
            sent = sent.strip()
            if len(sent) < 20:
                continue
            score = len(q & _terms(sent))
            if score:
                scored.append((-score, pid, sent[:400]))
    scored.sort()
    return [(pid, sent) for _, pid, sent in scored[:n]]


def faithful_reply(request: dict, n: int = 0) -> Reply:
    """A model that answers with the best-matching passage sentences, quoting them verbatim.

    With tools offered and none used yet, it first calls ``search`` with the question.
    """
    if request.get("tools") and request.get("tool_choice") != "none" and not any(
            m.get("role") == "tool" for m in request.get("messages", [])):
        return Reply(tool_calls=[ToolCall("search", {"query": question_in(request) or "entity list"})])
    picks = best_sentences(request)
    if not picks:
        return Reply(content=json.dumps({"abstain": True, "reason": "no passage matches", "sentences": []}))
    return Reply(content=json.dumps({"abstain": False, "sentences": [
        {"text": sent, "support": [{"passage": pid, "quote": sent}]} for pid, sent in picks]}))


def fabricating_reply(request: dict, n: int = 0) -> Reply:
    """A model that invents: altered quotes, a passage id that does not exist, an uncited claim.

    Every invented sentence contains the word FABRICATED so tests can look for leaks.
    """
    picks = best_sentences(request, 2)
    ids = sorted(passages_in(request)) or [1]
    sentences = [{"text": "FABRICATED: the rule bans all exports to China.",
                  "support": [{"passage": ids[0], "quote": "all exports to China are banned outright"}]},
                 {"text": "FABRICATED: passage 99 says so.", "support": [{"passage": 99, "quote": (picks or [(0, "x y z")])[0][1]}]},
                 {"text": "FABRICATED uncited claim.", "support": []}]
    for pid, sent in picks:
        words = sent.split()
        altered = " ".join(words[:-3] + ["never"] + words[-3:]) if len(words) > 4 else sent + " not"
        sentences.append({"text": f"FABRICATED: {altered}", "support": [{"passage": pid, "quote": altered}]})
    return Reply(content=json.dumps({"abstain": False, "sentences": sentences}))


MODES = {"faithful": faithful_reply, "fabricating": fabricating_reply}


def main(argv: list[str] | None = None) -> None:
    """Serve a scripted model until interrupted (for running the evaluation through a stub back-end)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mode", choices=sorted(MODES), default="faithful")
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args(argv)
    stub = StubLLMServer(MODES[args.mode])
    handler = _make_handler(stub)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    print(f"stub LLM ({args.mode}) at http://{host}:{port}/v1", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
