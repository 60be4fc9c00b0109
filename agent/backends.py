"""Build the chat model for an answer back-end.

* ``openai``: any OpenAI-compatible chat API (OpenAI, vLLM, Ollama, llama.cpp
  server, LM Studio) through ``langchain_openai.ChatOpenAI``. Timeouts and
  retries with exponential backoff on transient errors (connection errors,
  timeouts, 408/409/429/5xx) are the OpenAI client's, set from
  ``llm_timeout`` / ``llm_max_retries``.
* ``llamacpp``: a local GGUF file through ``llama_cpp.Llama`` (optional extra
  ``pip install tradeqa[local]``), wrapped as a LangChain chat model.

Both are LangChain ``BaseChatModel`` objects, so generation code is the same.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

from .config import Settings

log = logging.getLogger(__name__)

BACKENDS = ("none", "openai", "llamacpp")


class BackendError(RuntimeError):
    """The back-end is misconfigured, unreachable, or returned unusable output."""


@dataclass(frozen=True)
class Backend:
    """A built back-end: the chat model, its display name and what it can do."""

    kind: str  # openai | llamacpp
    name: str  # e.g. "openai:llama3.1" (goes into Answer.backend)
    model: BaseChatModel
    tools: bool  # supports tool calling (agent mode)
    target: str  # what was contacted, for error messages (URL or file)


def build_backend(settings: Settings, backend: str | None = None) -> Backend:
    """The chat model for ``backend`` (default ``settings.llm``); raises :class:`BackendError`."""
    kind = (backend or settings.llm or "none").strip().lower()
    if kind == "openai":
        return _openai(settings)
    if kind == "llamacpp":
        return _llamacpp(settings)
    if kind == "none":
        raise BackendError("back-end 'none' is the extractive answerer, not a chat model")
    raise BackendError(f"unknown back-end {kind!r}; expected one of {', '.join(BACKENDS)} (TRADEQA_LLM)")


def _openai(settings: Settings) -> Backend:
    from langchain_openai import ChatOpenAI

    model = settings.llm_model.strip()
    if not model:
        raise BackendError("TRADEQA_LLM=openai needs a model name: set TRADEQA_LLM_MODEL (e.g. gpt-4o-mini, llama3.1)")
    base_url = settings.llm_base_url.strip() or None
    chat = ChatOpenAI(
        model=model,
        base_url=base_url,
        # Local servers ignore the key but the client insists on one.
        api_key=settings.llm_api_key or "not-needed",
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
        temperature=0,
    )
    return Backend("openai", f"openai:{model}", chat, tools=True, target=base_url or "api.openai.com")


# ------------------------------------------------------------------ llama.cpp
_LLAMAS: dict[str, Any] = {}
_LLAMAS_LOCK = threading.Lock()


def load_llama(path: str, n_ctx: int = 4096) -> Any:
    """A cached ``llama_cpp.Llama`` for a GGUF file; raises :class:`BackendError`."""
    try:
        import llama_cpp
    except ImportError as exc:
        raise BackendError("TRADEQA_LLM=llamacpp needs llama-cpp-python: pip install 'tradeqa[local]'") from exc
    p = Path(path).expanduser()
    if not path or not p.is_file():
        raise BackendError(f"TRADEQA_LLM_MODEL_PATH must name a GGUF file (got {path!r})")
    key = f"{p.resolve()}:{n_ctx}"
    with _LLAMAS_LOCK:
        llm = _LLAMAS.get(key)
        if llm is None:
            log.info("loading GGUF %s", p)
            try:
                llm = llama_cpp.Llama(model_path=str(p), n_ctx=n_ctx, verbose=False)
            except Exception as exc:  # noqa: BLE001 - llama.cpp raises ValueError/RuntimeError variously
                raise BackendError(f"could not load {p}: {exc}") from exc
            _LLAMAS[key] = llm
    return llm


def _role(m: BaseMessage) -> str:
    return {"human": "user", "ai": "assistant", "system": "system", "tool": "tool"}.get(m.type, "user")


class ChatLlamaCpp(BaseChatModel):
    """A minimal LangChain chat model over ``llama_cpp.Llama.create_chat_completion``.

    ``json_mode`` makes llama.cpp's grammar sampler constrain the output to the
    answer schema (:data:`agent.grounding.ANSWER_SCHEMA`), which keeps even tiny
    models parseable. No tool calling.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: str
    n_ctx: int = 4096
    max_tokens: int = 1024
    temperature: float = 0.0
    json_mode: bool = True
    json_schema: dict | None = None  # default: agent.grounding.ANSWER_SCHEMA
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    def _kwargs(self, stop: list[str] | None) -> dict:
        kw: dict = {"max_tokens": self.max_tokens, "temperature": self.temperature, "stop": stop or []}
        if self.json_mode:
            from .grounding import ANSWER_SCHEMA

            kw["response_format"] = {"type": "json_object", "schema": self.json_schema or ANSWER_SCHEMA}
        return kw

    def _messages(self, messages: list[BaseMessage]) -> list[dict]:
        return [{"role": _role(m), "content": m.content if isinstance(m.content, str) else str(m.content)}
                for m in messages]

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        llm = load_llama(self.model_path, self.n_ctx)
        with self._lock:  # a Llama object is not re-entrant
            out = llm.create_chat_completion(messages=self._messages(messages), **self._kwargs(stop))
        text = out["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        llm = load_llama(self.model_path, self.n_ctx)
        with self._lock:
            for part in llm.create_chat_completion(messages=self._messages(messages), stream=True, **self._kwargs(stop)):
                piece = part["choices"][0].get("delta", {}).get("content") or ""
                if piece:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                    if run_manager:
                        run_manager.on_llm_new_token(piece, chunk=chunk)
                    yield chunk


def _llamacpp(settings: Settings) -> Backend:
    path = settings.llm_model_path.strip()
    load_llama(path)  # fail fast with a clear message
    return Backend("llamacpp", f"llamacpp:{Path(path).name}", ChatLlamaCpp(model_path=path), tools=False, target=path)


def describe_error(exc: BaseException, backend: Backend | None = None, retries: int = 0) -> str:
    """A one-line, user-facing explanation of a back-end failure."""
    try:
        import openai
    except ImportError:  # pragma: no cover - langchain-openai depends on it
        openai = None  # type: ignore[assignment]
    where = backend.target if backend else "the back-end"
    tries = f" after {retries + 1} attempt{'s' if retries else ''}"
    if openai is not None:
        if isinstance(exc, openai.APITimeoutError):
            return f"{where} did not answer within the timeout{tries}"
        if isinstance(exc, openai.APIConnectionError):
            return f"could not connect to {where}{tries}"
        if isinstance(exc, openai.APIStatusError):
            return f"{where} returned HTTP {exc.status_code}{tries if exc.status_code >= 500 or exc.status_code == 429 else ''}"
        if isinstance(exc, openai.APIResponseValidationError):
            return f"{where} returned a response that is not an OpenAI chat completion"
    text = str(exc).strip() or type(exc).__name__
    return f"{where}: {text[:200]}"
