"""Streaming interface shared by the CLI (--stream), the REST/OpenAI endpoints and the chat UI.

Events: {"type": "delta", "text": ...} as the answer text grows, then exactly one
{"type": "final", "answer": Answer}. The final Answer is authoritative (citations, notices).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal, TypedDict

from assistant.answering.ask import answer_events
from assistant.answering.components import Components
from assistant.answering.messages import answer_messages
from assistant.llm.client import ChatModel
from assistant.retrieval.hybrid import ClauseFilter
from assistant.types import Answer, CompanyProfile, ProfileInput, Turn


class DeltaEvent(TypedDict):
    type: Literal["delta"]
    text: str


class FinalEvent(TypedDict):
    type: Literal["final"]
    answer: Answer


StreamEvent = DeltaEvent | FinalEvent

_PIECE = re.compile(r".+?(?:[。；，：\n]|\[\d+\]|$)", re.S)


def stream_answer(runtime: Components, question: str, id: str | None = None, history: list[Turn] | None = None,
                  where: ClauseFilter | None = None, profile: ProfileInput | CompanyProfile | None = None,
                  chat: ChatModel | None = None, lang: str | None = None) -> Iterator[StreamEvent]:
    """Yield the answer as it is produced, then the final Answer (in `lang`, as ask()).

    With an LLM, each sentence is sent as soon as it is verified (citations already renumbered), so
    the deltas add up to the final text. Extractive answers are sent phrase by phrase. If the LLM
    fails after some text was sent, a delta with the fallback notice and then the offline answer
    follow; the final Answer (mode "extractive", notice llm_fallback) is what counts.
    """
    streamed = False
    for event in answer_events(runtime, question, id=id, history=history, where=where, profile=profile, chat=chat,
                               lang=lang):
        if isinstance(event, str):
            streamed = True
            yield DeltaEvent(type="delta", text=event)
            continue
        if streamed and event.mode != "llm":
            notice = next((n.message for n in event.notices if n.code == "llm_fallback"), "")
            said = answer_messages(runtime.settings.messages_dir).text("stream_fallback", event.lang, notice=notice)
            yield DeltaEvent(type="delta", text=f"\n\n{said}\n\n" if notice else "\n\n")
            streamed = False
        if not streamed:
            for piece in _PIECE.findall(event.answer):
                yield DeltaEvent(type="delta", text=piece)
        yield FinalEvent(type="final", answer=event)
