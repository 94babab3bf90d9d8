"""The LLM composer: the model phrases an answer from the retrieved clauses; verify.py checks it.

`compose_llm` is a generator: it yields the verified answer text sentence by sentence as the
model streams, and returns the Draft (text, citations, abstained, notices) when done. It
raises LLMError (never anything else from the model) when the reply is unusable: empty,
malformed, cut off, or with no sentence that the clauses support. The caller falls back to
the extractive composer then.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.messages import BaseMessage

from assistant.answering.messages import AnswerMessages, answer_messages
from assistant.answering.verify import Assembler, Verifier, citations_for
from assistant.index.embedder import Embedder
from assistant.index.store import Index
from assistant.llm.client import ChatModel
from assistant.llm.errors import LLMBadOutput, LLMError
from assistant.llm.prompts import LANGUAGE_NAMES, cannot_answer_phrase, load_prompt
from assistant.retrieval.query import Query
from assistant.text import book_title
from assistant.types import Citation, Notice, ScoredClause


@dataclass
class LLMDraft:
    text: str
    citations: list[Citation]
    abstained: bool
    notices: list[Notice] = field(default_factory=list)


def format_clauses(hits: list[ScoredClause], index: Index) -> str:
    """The evidence block of the prompt: each clause under the key [n] the model must cite."""
    blocks = []
    for key, hit in enumerate(hits, 1):
        clause = hit.clause
        title = index.documents[clause.doc_id].meta.title
        blocks.append(f"[{key}] {book_title(title)} {clause.section}\n{clause.text.strip()}")
    return "\n\n".join(blocks)


def question_text(query: Query) -> str:
    """The question as the model sees it; an offline carried-over topic is given as context."""
    asked = query.original.strip() if query.lang != "zh" else query.text
    return f"（接上文：{query.context}）{asked}" if query.context else asked


def unverified_notice(dropped: int, lang: str, words: AnswerMessages | None = None) -> Notice:
    """Sentences of the model's reply that were dropped (answer.yaml llm_unverified, in `lang`)."""
    message = (words or answer_messages()).text("llm_unverified", lang, n=dropped)
    return Notice(code="llm_unverified", message=message, severity="info")


def fallback_notice(error: LLMError, lang: str, words: AnswerMessages | None = None) -> Notice:
    """What the user reads when the LLM path failed and the offline composer answered instead."""
    message = (words or answer_messages()).text("llm_fallback", lang, error=error, code=error.code)
    return Notice(code="llm_fallback", message=message, severity="warning")


def compose_llm(query: Query, hits: list[ScoredClause], index: Index, chat: ChatModel, prompts_dir: Path,
                embedder: Embedder | None = None, lang: str | None = None,
                words: AnswerMessages | None = None) -> Generator[str, None, LLMDraft]:
    """Yield verified answer text as it streams; return the draft. Raises LLMError when unusable.
    `lang`: the language the caller asked the answer in, else the question's (zh-Hant kept)."""
    if not hits:
        raise LLMBadOutput("没有可供语言模型引用的条款")
    lang = lang or query.lang
    prompt = load_prompt("answer", prompts_dir)
    messages = prompt.format_messages(
        clauses=format_clauses(hits, index),
        question=question_text(query),
        language=LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES["zh"]),
        cannot_answer=cannot_answer_phrase(lang),
    )
    return (yield from verified_reply(messages, hits, index, chat, lang, embedder, words))


def verified_reply(messages: list[BaseMessage], hits: list[ScoredClause], index: Index, chat: ChatModel,
                   lang: str, embedder: Embedder | None = None,
                   words: AnswerMessages | None = None) -> Generator[str, None, LLMDraft]:
    """Stream the model's reply to `messages`, each sentence checked against `hits` (cited as [key]):
    a sentence citing a key not supplied, or a number not in the cited clauses, is dropped."""
    verifier = Verifier(hits, index, embedder)
    assembler = Assembler(verifier)
    received = False
    for piece in chat.stream(messages):
        received = received or bool(piece.strip())
        yield from assembler.feed(piece)
    yield from assembler.finish()
    if not received:
        raise LLMBadOutput("语言模型返回了空回复")
    verified = assembler.result()
    if not verified.abstained and not verified.keys:
        raise LLMBadOutput("语言模型的回复中没有能被所给条款证实的内容")
    citations = citations_for(verified, verifier, index)
    dropped = verified.dropped
    notices = [unverified_notice(dropped, "en" if lang == "en" else "zh", words)] if dropped else []
    return LLMDraft(verified.text, citations, verified.abstained, notices)
