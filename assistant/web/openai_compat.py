"""An OpenAI-compatible chat endpoint, so any OpenAI SDK or chat widget can talk to the assistant.

    POST /v1/chat/completions   {"model", "messages", "stream"?} — the last user message is the
                                question, earlier user/assistant messages are the history
    GET  /v1/models

The reply text carries the answer, then the numbered sources and notices; the same citations
are also an extra top-level field `citations` (with `notices`, `abstained` and eligibility
`matches`), on the final chunk when streaming. An extra request field `profile` (extra_body in
the OpenAI SDK) describes the asking company for "what can we get" questions; an extra field
`lang` (zh / en), else the Accept-Language header, else the question's language sets the language
of the headings, notices and labels (assistant.text.requested_lang, as /api/v1/ask).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.answering.stream import stream_answer
from assistant.eligibility import read_profile_input
from assistant.errors import AssistantError, InvalidQuestion
from assistant.text import requested_lang
from assistant.types import Answer, Turn
from assistant.web.errors import GENERIC_500, CleanText, error_body, status_for
from assistant.web.messages import WebMessages, accept_language, web_messages
from assistant.web.render import sources_text, strip_sources
from assistant.web.security import require_api_key
from assistant.web.settings import MODEL_ID

log = logging.getLogger("assistant.web")

router = APIRouter(prefix="/v1", dependencies=[Depends(require_api_key)], tags=["openai-compatible"])


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str = "text"
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(p.text or "" for p in self.content if p.type in ("text", "input_text"))
        return self.content or ""


class ChatCompletionRequest(CleanText):
    """The fields we use; other OpenAI parameters (temperature, max_tokens, …) are accepted and ignored."""

    model_config = ConfigDict(extra="ignore")

    model: str | None = Field(default=None, examples=[MODEL_ID])
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    n: int = Field(default=1, ge=1, le=1, description="Only one choice is produced")
    stream_options: dict[str, Any] | None = None
    user: str | None = None
    profile: dict[str, Any] | None = Field(
        default=None, description="Extension: the asking company's profile, for 'what can we get' questions "
                                  "(send it with extra_body in the OpenAI SDK)")
    lang: str | None = Field(
        default=None, description="Extension: language of the reply's headings, notices and labels, zh or en "
                                  "(zh-CN, en-US …); default: the Accept-Language header, else the question's")


def split_conversation(messages: list[ChatMessage], msg: WebMessages | None = None) -> tuple[str, list[Turn]]:
    """The last user message is the question; earlier user/assistant turns are the history."""
    last = max((i for i, m in enumerate(messages) if m.role == "user"), default=None)
    if last is None:
        raise InvalidQuestion("messages 中没有用户消息（role=user）。No user message (role=user) in messages.")
    history = [Turn(role=m.role, content=strip_sources(m.text(), msg) if m.role == "assistant" else m.text())
               for m in messages[:last] if m.role in ("user", "assistant") and m.text().strip()]
    return messages[last].text(), history


def _extras(answer: Answer) -> dict[str, Any]:
    return {
        "citations": [c.model_dump(mode="json") for c in answer.citations],
        "notices": [n.model_dump(mode="json") for n in answer.notices],
        "abstained": answer.abstained,
        "matches": [m.model_dump(mode="json") for m in answer.matches],
    }


def _completion(answer: Answer, model: str, msg: WebMessages) -> dict[str, Any]:
    extra = sources_text(answer, msg=msg)  # headings and notices in the answer's own language
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": answer.answer + ("\n\n" + extra if extra else "")},
            "finish_reason": "stop",
            "logprobs": None,
        }],
        **_extras(answer),
    }


def _sse(data: dict[str, Any] | str) -> str:
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return f"data: {payload}\n\n"


def _chunks(events: Iterator[dict], model: str, msg: WebMessages, include_usage: bool) -> Iterator[str]:
    base = {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": model}

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        return _sse({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
                     **extra})

    yield chunk({"role": "assistant", "content": ""})
    try:
        for event in events:
            if event["type"] == "delta":
                if event["text"]:
                    yield chunk({"content": event["text"]})
            elif event["type"] == "final":
                answer: Answer = event["answer"]
                extra = sources_text(answer, msg=msg)  # headings and notices in the answer's own language
                if extra:
                    yield chunk({"content": "\n\n" + extra})
                yield chunk({}, "stop", **_extras(answer))
                if include_usage:
                    yield _sse({**base, "choices": [], "usage": {"prompt_tokens": 0, "completion_tokens": 0,
                                                                 "total_tokens": 0}})
    except AssistantError as exc:  # after the first byte the status is sent: report in-band
        status, code = status_for(exc)
        yield _sse(error_body(status, code, str(exc), openai=True))
    except Exception:
        log.exception("unexpected error while streaming a chat completion")
        yield _sse(error_body(500, "internal_error", GENERIC_500, openai=True))
    yield _sse("[DONE]")


@router.post("/chat/completions", summary="OpenAI-compatible chat completion (streaming or not)")
def chat_completions(body: ChatCompletionRequest, request: Request):
    runtime = request.app.state.runtime
    msg = web_messages(runtime.settings.messages_dir)  # the runtime's knowledge folder, as every edge reads it
    question, history = split_conversation(body.messages, msg)
    model = body.model or MODEL_ID
    profile = read_profile_input(body.profile) if body.profile is not None else None  # checked once, here
    lang = requested_lang(body.lang, accept_language(request))  # bad lang → 400, before streaming
    events = stream_answer(runtime, question, history=history or None, profile=profile, lang=lang)
    first = next(events)  # domain errors surface here, before any byte is sent, as 4xx JSON
    if not body.stream:
        answer = first["answer"] if first["type"] == "final" else next(
            e["answer"] for e in events if e["type"] == "final")
        return _completion(answer, model, msg)

    def replay() -> Iterator[dict]:
        yield first
        yield from events

    include_usage = bool((body.stream_options or {}).get("include_usage"))
    return StreamingResponse(_chunks(replay(), model, msg, include_usage), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.get("/models", summary="The one model this server offers")
def models() -> dict[str, Any]:
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 1700000000,
                                        "owned_by": "zhizhuang"}]}
