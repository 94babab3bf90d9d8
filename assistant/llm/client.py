"""Chat models behind a one-method Protocol: an OpenAI-compatible endpoint, or an in-memory fake.

    chat = get_chat_model(settings)          # None when ASSISTANT_LLM_MODEL is not set
    for piece in chat.stream(messages):      # text as it arrives; raises LLMError subclasses
        ...

The OpenAI-compatible model is langchain_openai.ChatOpenAI on the Chat Completions API, built
lazily on first use. Every call is bounded by settings.timeout as a whole (retries included):
the reply is read on a worker thread and the caller stops waiting at the deadline. Whatever
goes wrong surfaces as an LLMError whose message names the fault, never the key or the reply.
"""

from __future__ import annotations

import json
import logging
import queue
import re
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import Any, Protocol, runtime_checkable

from langchain_core.messages import BaseMessage
from pydantic import SecretStr

from assistant.llm.errors import (
    LLMBadOutput,
    LLMConfigError,
    LLMError,
    LLMRateLimited,
    LLMServerError,
    LLMTimeout,
    LLMUnavailable,
)
from assistant.settings import LLMSettings, Settings

log = logging.getLogger(__name__)

# Local OpenAI-compatible servers (vLLM, llama.cpp, Ollama) accept any key; the SDK needs one.
_PLACEHOLDER_KEY = "not-needed"  # not a secret: what keyless local servers are sent
_CUT_OFF = {"content_filter"}


@runtime_checkable
class ChatModel(Protocol):
    """Streams the reply to a list of messages as text pieces; raises LLMError on any fault."""

    name: str

    def stream(self, messages: Sequence[BaseMessage]) -> Iterator[str]: ...


def complete(chat: ChatModel, messages: Sequence[BaseMessage]) -> str:
    """The whole reply as one string."""
    return "".join(chat.stream(messages))


_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)


def parse_json_object(reply: str) -> dict[str, Any]:
    """The JSON object in a reply (code fences and text around it tolerated); LLMBadOutput if none."""
    text = _FENCE.sub("", reply.strip())
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise LLMBadOutput("语言模型没有返回 JSON 对象")
    try:
        data = json.loads(text[start:end + 1])
    except json.JSONDecodeError:
        raise LLMBadOutput("语言模型返回的 JSON 无法解析") from None
    if not isinstance(data, dict):
        raise LLMBadOutput("语言模型返回的 JSON 不是对象")
    return data


# ---- in-memory twin ------------------------------------------------------------------------------

Reply = str | Exception | list[str | Exception]


class FakeChatModel:
    """Replies from a queue, for tests: enqueue() text, pieces or an exception; .history records calls.

    A list reply streams piece by piece; an exception inside the list is raised at that point
    (a stream cut midway). With the queue empty the fake raises LLMBadOutput.
    """

    name = "fake"

    def __init__(self, replies: Iterable[Reply] = ()) -> None:
        self._replies: deque[Reply] = deque(replies)
        self.history: list[list[BaseMessage]] = []

    def enqueue(self, *replies: Reply) -> FakeChatModel:
        self._replies.extend(replies)
        return self

    @property
    def pending(self) -> int:
        return len(self._replies)

    def stream(self, messages: Sequence[BaseMessage]) -> Iterator[str]:
        self.history.append(list(messages))
        if not self._replies:
            raise LLMBadOutput("FakeChatModel: no reply enqueued")
        reply = self._replies.popleft()
        if isinstance(reply, Exception):
            raise reply
        pieces = reply if isinstance(reply, list) else [reply[i:i + 4] for i in range(0, len(reply), 4)]
        return self._iterate(pieces)

    @staticmethod
    def _iterate(pieces: list[str | Exception]) -> Iterator[str]:
        for piece in pieces:
            if isinstance(piece, Exception):
                raise piece
            yield piece


# ---- OpenAI-compatible endpoints -----------------------------------------------------------------

def translate_error(exc: BaseException) -> LLMError:
    """Map a client-side exception to an LLMError; never copies the upstream message or body."""
    import httpx
    import openai

    if isinstance(exc, LLMError):
        return exc
    status = getattr(exc, "status_code", None)
    if isinstance(exc, openai.APITimeoutError | TimeoutError | httpx.TimeoutException):
        return LLMTimeout()
    if isinstance(exc, openai.RateLimitError):
        return LLMRateLimited(status=429)
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return LLMServerError(f"语言模型服务拒绝了 API 密钥（HTTP {status}）：请检查 OPENAI_API_KEY", status=status)
    if isinstance(exc, openai.APIStatusError):
        return LLMServerError(f"语言模型服务返回 HTTP {status}", status=status)
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError | ConnectionError):
        return LLMUnavailable()
    if isinstance(exc, openai.APIError):
        return LLMServerError("语言模型服务在回复中报告了错误")
    if isinstance(exc, json.JSONDecodeError | ValueError | KeyError | TypeError | AttributeError | IndexError):
        return LLMBadOutput("语言模型的回复格式无法解析")
    return LLMError(f"语言模型调用失败（{type(exc).__name__}）")


class OpenAIChatModel:
    """Any OpenAI-compatible Chat Completions endpoint, via langchain_openai.ChatOpenAI."""

    def __init__(self, settings: LLMSettings) -> None:
        if not settings.model:
            raise LLMConfigError("没有配置语言模型：请设置 ASSISTANT_LLM_MODEL")
        if settings.timeout <= 0:
            raise LLMConfigError(f"timeout must be greater than 0, got {settings.timeout}")
        self.settings = settings
        self.name = settings.model

    def __repr__(self) -> str:
        return f"OpenAIChatModel(model={self.settings.model!r}, base_url={self.settings.base_url!r})"

    @cached_property
    def _chat(self):
        from langchain_openai import ChatOpenAI

        s = self.settings
        key = s.api_key
        if key is None or not key.get_secret_value():
            if not s.base_url:
                raise LLMConfigError(
                    "已设置 ASSISTANT_LLM_MODEL 但缺少 API 密钥：请设置 OPENAI_API_KEY，"
                    "或用 OPENAI_BASE_URL 指向不需要密钥的兼容服务"
                )
            key = SecretStr(_PLACEHOLDER_KEY)
        return ChatOpenAI(
            model=s.model,
            base_url=s.base_url,
            api_key=key,
            timeout=s.timeout,
            max_retries=s.max_retries,
            temperature=s.temperature,
            use_responses_api=False,
            streaming=True,
            stream_usage=False,
            stream_chunk_timeout=s.timeout,
        )

    def stream(self, messages: Sequence[BaseMessage]) -> Iterator[str]:
        chat = self._chat  # a configuration error surfaces here, before anything is sent
        return self._stream(chat, list(messages))

    def _stream(self, chat, messages: list[BaseMessage]) -> Iterator[str]:
        deadline = time.monotonic() + self.settings.timeout
        events: queue.Queue[tuple[str, object]] = queue.Queue()
        stop = threading.Event()

        def work() -> None:
            finish = None
            try:
                for chunk in chat.stream(messages):
                    if stop.is_set():
                        return
                    finish = (chunk.response_metadata or {}).get("finish_reason") or finish
                    text = str(chunk.text or "")
                    if text:
                        events.put(("text", text))
                events.put(("end", finish))
            except Exception as exc:  # handed to the caller's thread, translated there
                events.put(("error", exc))

        worker = threading.Thread(target=work, name="llm-stream", daemon=True)
        worker.start()
        received = False
        try:
            while True:
                remaining = deadline - time.monotonic()
                try:
                    kind, value = events.get(timeout=max(remaining, 0.0)) if remaining > 0 else events.get_nowait()
                except queue.Empty:
                    log.warning("LLM %s: no complete reply within %.1f s", self.name, self.settings.timeout)
                    raise LLMTimeout() from None
                if kind == "text":
                    received = True
                    yield str(value)
                elif kind == "end":
                    if value is None:
                        raise LLMBadOutput("语言模型的回复在中途中断")
                    if value in _CUT_OFF:
                        raise LLMBadOutput(f"语言模型的回复被截断（{value}）")
                    return
                else:
                    error = translate_error(value)  # type: ignore[arg-type]
                    if received and isinstance(error, LLMUnavailable):
                        error = LLMBadOutput("语言模型的回复在中途中断")
                    log.warning("LLM %s failed: %s (%s, status %s)", self.name, type(error).__name__,
                                type(value).__name__, error.status)
                    raise error from None
        finally:
            stop.set()


def get_chat_model(settings: Settings) -> ChatModel | None:
    """The configured chat model, or None when no model is configured (ASSISTANT_LLM_MODEL)."""
    llm = settings.llm
    return OpenAIChatModel(llm) if llm.enabled else None
