"""LLM-judged answer metrics: faithfulness to the cited quotes and relevancy to the question.

Why not ragas: ragas 0.4.3 pins openai 1.x and an older langchain-openai (both conflict with this
project's pins), pulls in datasets/pyarrow/langgraph, and its answer relevancy needs an embeddings
endpoint. Instead two prompts (prompts/judge_faithfulness.md, prompts/judge_relevancy.md) go to
the configured OpenAI-compatible endpoint through the project's ChatModel (langchain ChatOpenAI on
the Chat Completions API, use_responses_api=False). Without ASSISTANT_LLM_MODEL the judge is
skipped and the report says so.

    faithfulness     = supported claims / claims (None when the answer makes no claim)
    answer_relevancy = score / 2, score ∈ {0, 1, 2}
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.llm.client import ChatModel, complete, get_chat_model
from assistant.llm.errors import LLMError
from assistant.llm.prompts import load_prompt
from assistant.settings import Settings
from assistant.types import Answer

FAITHFULNESS_PROMPT = "judge_faithfulness"
RELEVANCY_PROMPT = "judge_relevancy"
SKIPPED = ("skipped: no LLM endpoint configured (set ASSISTANT_LLM_MODEL, and OPENAI_BASE_URL / OPENAI_API_KEY, "
           "to add faithfulness and answer_relevancy)")
_MARKERS = re.compile(r"\[\d+\]")


class JudgeError(ValueError):
    """The judge's reply could not be read as the JSON its prompt asks for."""


@dataclass(frozen=True)
class JudgeScores:
    faithfulness: float | None = None
    answer_relevancy: float | None = None
    error: str | None = None


def parse_json_reply(text: str) -> dict:
    """The first JSON object in a reply, tolerating a code fence or prose around it."""
    cleaned = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip(), flags=re.IGNORECASE)
    start = cleaned.find("{")
    if start < 0:
        raise JudgeError("no JSON object in the judge's reply")
    try:
        value, _ = json.JSONDecoder().raw_decode(cleaned[start:])
    except json.JSONDecodeError:
        raise JudgeError("the judge's reply is not valid JSON") from None
    if not isinstance(value, dict):
        raise JudgeError("the judge's reply is not a JSON object")
    return value


def faithfulness_score(reply: dict) -> float | None:
    claims = reply.get("claims")
    if not isinstance(claims, list) or not all(isinstance(c, dict) and isinstance(c.get("supported"), bool)
                                                for c in claims):
        raise JudgeError('faithfulness reply needs "claims": [{"claim", "supported": true|false}]')
    if not claims:
        return None
    return sum(c["supported"] for c in claims) / len(claims)


def relevancy_score(reply: dict) -> float:
    score = reply.get("score")
    if isinstance(score, bool) or not isinstance(score, int | float) or score not in (0, 1, 2):
        raise JudgeError(f'relevancy reply needs "score": 0, 1 or 2, got {score!r}')
    return score / 2


def format_sources(answer: Answer) -> str:
    if not answer.citations:
        return "(none)"
    return "\n".join(f"[{c.n}] ({c.anchor}) {c.quote}" for c in answer.citations)


class Judge:
    """Scores one answer with two prompts; a fault is recorded on the item, never raised."""

    def __init__(self, chat: ChatModel, prompts_dir: Path) -> None:
        self.chat = chat
        self.prompts_dir = prompts_dir
        # Fail now, not on item 1: both prompt files must exist and declare their variables.
        self._faithfulness = load_prompt(FAITHFULNESS_PROMPT, prompts_dir)
        self._relevancy = load_prompt(RELEVANCY_PROMPT, prompts_dir)

    @property
    def name(self) -> str:
        return self.chat.name

    def faithfulness(self, question: str, answer: Answer) -> float | None:
        messages = self._faithfulness.format_messages(question=question, answer=answer.answer,
                                                      sources=format_sources(answer))
        return faithfulness_score(parse_json_reply(complete(self.chat, messages)))

    def relevancy(self, question: str, answer: Answer) -> float:
        text = _MARKERS.sub("", answer.answer)
        messages = self._relevancy.format_messages(question=question, answer=text)
        return relevancy_score(parse_json_reply(complete(self.chat, messages)))

    def score(self, question: str, answer: Answer) -> JudgeScores:
        scores: dict[str, float | None] = {}
        errors = []
        for name, method in (("faithfulness", self.faithfulness), ("answer_relevancy", self.relevancy)):
            try:
                scores[name] = method(question, answer)
            except (JudgeError, LLMError) as exc:
                errors.append(f"{name}: {exc}")
        return JudgeScores(error="; ".join(errors) or None, **scores)


def judge_from_settings(settings: Settings, chat: ChatModel | None = None) -> Judge | None:
    """A Judge on the configured endpoint (or the given chat model); None when no LLM is configured."""
    chat = chat if chat is not None else get_chat_model(settings)
    return None if chat is None else Judge(chat, settings.prompts_dir)
