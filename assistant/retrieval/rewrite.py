"""Follow-up questions made standalone before retrieval.

With a chat model, "那融资方面呢？" after "首台套有什么支持？" is rewritten by the model (prompt
prompts/rewrite.md) into a question that can be searched on its own. Without one, or when the
model fails or replies with something unusable, the offline carry-over of followup.py applies:
the previous user question travels with the new one as retrieval context.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from assistant.errors import InvalidQuestion
from assistant.llm.client import ChatModel, complete
from assistant.llm.errors import LLMError
from assistant.llm.prompts import load_prompt
from assistant.retrieval.followup import carried_topic
from assistant.retrieval.query import Query, prepare
from assistant.types import Turn

log = logging.getLogger(__name__)

MAX_TURNS = 6
MAX_TURN_CHARS = 300
_PREFIX = re.compile(
    r"^(?:改写后的问题|独立问题|完整问题|问题|standalone question|rewritten question|question)\s*[：:]\s*",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’「」『』`"
_MARKERS = re.compile(r"\[\d+(?:[,，、\s-]*\d+)*\]")


def format_history(history: list[Turn]) -> str:
    lines = []
    for turn in history[-MAX_TURNS:]:
        who = "用户" if turn.role == "user" else "助手"
        text = _MARKERS.sub("", turn.content).strip().replace("\n", " ")
        if len(text) > MAX_TURN_CHARS:
            text = text[:MAX_TURN_CHARS] + "……"
        lines.append(f"{who}：{text}")
    return "\n".join(lines)


def clean_rewrite(reply: str, max_chars: int) -> str | None:
    """The first non-empty line, without labels or quotes; None when nothing usable is left."""
    line = next((ln.strip() for ln in reply.splitlines() if ln.strip()), "")
    line = _PREFIX.sub("", line).strip().strip(_QUOTES).strip()
    if not line or len(line) > max_chars:
        return None
    return line


def rewrite_question(question: str, history: list[Turn], chat: ChatModel, prompts_dir: Path,
                     max_chars: int = 2000) -> str | None:
    """The model's standalone version of question, or None if it could not give a usable one."""
    if not any(t.role == "user" and t.content.strip() for t in history):
        return None
    try:
        messages = load_prompt("rewrite", prompts_dir).format_messages(
            history=format_history(history), question=question.strip())
        return clean_rewrite(complete(chat, messages), max_chars)
    except LLMError as exc:
        log.warning("follow-up rewrite failed (%s); using the offline carry-over", exc.code)
        return None


def prepare_followup(question: object, history: list[Turn] | None, chat: ChatModel | None, prompts_dir: Path,
                     max_chars: int = 2000) -> Query:
    """The Query to retrieve with: validated first, then made standalone (LLM, else carry-over)."""
    query = prepare(question, max_chars, carried_topic(str(question), history))
    if chat is None or not history or not query.context:
        return query
    rewritten = rewrite_question(query.text, history, chat, prompts_dir, max_chars)
    if rewritten is None or rewritten == query.text:  # nothing gained: keep the carried-over topic
        return query
    try:
        standalone = prepare(rewritten, max_chars)
    except InvalidQuestion:
        return query
    if (standalone.lang == "en") != (query.lang == "en"):
        return query  # the answer must stay in the language the user asked in
    log.info("follow-up rewritten for retrieval")
    return standalone
