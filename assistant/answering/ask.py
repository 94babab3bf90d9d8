"""Answer one question: normalise, retrieve, judge scope, compose, attach notices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from assistant.answering.components import Components
from assistant.answering.eligibility import eligibility_events
from assistant.answering.extractive import answer_lang, compose
from assistant.answering.library import (
    asks_still,
    asks_validity,
    cite_first,
    expired_lead_doc,
    expired_lines,
    prefer_applicable,
    prefer_detail,
    prefer_source,
    section_detail,
    validity_in_part,
    validity_lead,
)
from assistant.answering.llm_composer import compose_llm, fallback_notice
from assistant.answering.messages import AnswerMessages, answer_messages, worded
from assistant.answering.scope import question_years
from assistant.documents.validity import validity_messages, validity_notices, with_changed
from assistant.eligibility import is_eligibility_question
from assistant.llm.client import ChatModel
from assistant.llm.errors import LLMError
from assistant.retrieval.hybrid import ClauseFilter
from assistant.retrieval.named import placed_hits
from assistant.retrieval.rewrite import prepare_followup
from assistant.text import parse_lang
from assistant.types import Answer, AnswerPart, Citation, CompanyProfile, Notice, ProfileInput, Turn


def not_stated_notice(messages: AnswerMessages, lang: str) -> Notice:
    """The abstention notice, in the answer's language (answer.yaml not_stated_notice)."""
    return Notice(code="not_stated", message=messages.text("not_stated_notice", lang), severity="info")


def ask(runtime: Components, question: str, id: str | None = None, history: list[Turn] | None = None,
        where: ClauseFilter | None = None, today: dt.date | None = None,
        profile: ProfileInput | CompanyProfile | None = None, chat: ChatModel | None = None,
        lang: str | None = None) -> Answer:
    """Answer with numbered citations whose quotes are verbatim.

    `lang` is the language the caller asked the answer in (an edge's `lang` field, --lang or
    Accept-Language, by assistant.text.requested_lang): every heading, notice and label of the
    answer is in it. None: the question's own language (Traditional Chinese → zh).

    Eligibility questions (我们能享受哪些支持？) go to the matcher, with `profile` or what the
    question itself says about the company.

    With an LLM configured (ASSISTANT_LLM_MODEL, or `chat` given) the model phrases the answer from
    the retrieved clauses and every sentence is verified; otherwise, when the scope judge abstains,
    or when the model fails in any way, the offline extractive composer answers.
    """
    for event in answer_events(runtime, question, id=id, history=history, where=where, today=today,
                               profile=profile, chat=chat, lang=lang):
        if isinstance(event, Answer):
            return event
    raise AssertionError("answer_events ended without an Answer")


def answer_events(runtime: Components, question: str, id: str | None = None, history: list[Turn] | None = None,
                  where: ClauseFilter | None = None, today: dt.date | None = None,
                  profile: ProfileInput | CompanyProfile | None = None,
                  chat: ChatModel | None = None, lang: str | None = None) -> Iterator[str | Answer]:
    """Verified LLM text as it is generated (str pieces), then the Answer; offline answers yield no pieces."""
    asked = parse_lang(lang) if lang is not None else None  # a caller's language; None: the question's
    chat = chat if chat is not None else runtime.chat_model
    query = prepare_followup(question, history, chat, runtime.settings.prompts_dir,
                             runtime.settings.max_question_chars)
    vocabulary = runtime.vocabulary  # None: a documents-only knowledge folder has no eligibility route
    day = today or dt.date.today()
    if vocabulary is not None and is_eligibility_question(query.text, vocabulary):
        answer = yield from eligibility_events(runtime, query, question, profile, id, today, chat, asked)
        yield _with_validity(answer, runtime, day, answer.lang)
        return
    index = runtime.index
    hits, notices = runtime.retriever.search(query, where=where)
    messages = answer_messages(runtime.settings.messages_dir)
    notices = worded(notices, messages, asked or answer_lang(query))  # retrieval's, in the answer's language
    hits = prefer_applicable(hits, index, day, question_years(query.text), query.text)  # the one that applies
    hits = prefer_source(hits, index, query.text)  # a 解读 is secondary to the document it explains
    hits = section_detail(hits, runtime.scope_judge.sectioned_details(query.text), query.text, index)
    hits = prefer_detail(hits, runtime.scope_judge.asked_details(query.text))  # the clause giving what is asked
    hits = placed_hits(query.text, hits, index)  # a place without documents: not another place's
    verdict = runtime.scope_judge.judge(query, hits, index)
    lang = asked or answer_lang(query)
    llm_draft = None
    if chat is not None and not verdict.abstain:  # the scope judge's abstentions are never handed to the LLM
        try:
            llm_draft = yield from compose_llm(query, hits, index, chat, runtime.settings.prompts_dir,
                                               runtime.check_embedder, asked, messages)
        except LLMError as exc:
            notices.append(fallback_notice(exc, lang, messages))
    if llm_draft is not None:
        text, citations, abstained, mode = llm_draft.text, llm_draft.citations, llm_draft.abstained, "llm"
        parts = []
        notices.extend(llm_draft.notices)
    else:
        draft = compose(query, hits, verdict, index, messages, lang)
        text, citations, abstained, mode = draft.text, draft.citations, verdict.abstain, "extractive"
        if not abstained:
            text, citations, parts = _validity_lines(runtime, query.text, text, citations, draft.parts, day, lang)
        else:
            parts = draft.parts
    metas = with_changed([index.documents[c.doc_id].meta for c in citations],
                         (d.meta for d in index.documents.values()))
    notices = notices + validity_notices(metas, day, lang, validity_messages(runtime.settings.messages_dir))
    if abstained:
        notices.append(not_stated_notice(messages, lang))
    yield Answer(
        id=id, question=question, answer=text, abstained=abstained,
        citations=citations, mode=mode, notices=notices, lang=lang, parts=parts,
    )


def _validity_lines(runtime: Components, question: str, text: str, citations: list[Citation],
                    parts: list[AnswerPart], today: dt.date, lang: str
                    ) -> tuple[str, list[Citation], list[AnswerPart]]:
    """A validity question leads with the document's window (citing the clause stating it), or answers it
    on its own line when another ask comes first; quotes of an expired document beside in-force ones are
    named as such."""
    messages = answer_messages(runtime.settings.messages_dir)
    index = runtime.index
    in_part = validity_in_part(text, citations, parts, index, today, lang, messages) \
        if asks_validity(question, messages) else None
    if in_part is not None:
        text, citations, parts = in_part
    elif asks_validity(question, messages):
        lead = validity_lead(citations, index, today, lang, messages)
        if lead is not None:
            added = len(lead[1]) > len(citations)  # the window's clause was not quoted: it is cited first
            line, citations = lead
            text = f"{line}\n{text}"
            if added:
                text, citations = cite_first(text, citations, citations[-1].n)
    elif asks_still(question, messages) and (expired := expired_lead_doc(citations, index, today)):
        # "还能拿吗" answered from an expired document: its expiry comes first, the clause that answers stays [1]
        lead = validity_lead(citations, index, today, lang, messages, expired)
        if lead is not None:
            line, citations = lead
            text = f"{line}\n{text}"
    extra = expired_lines(citations, index, today, lang, messages)
    return ("\n".join([text, *extra]) if extra else text), citations, parts


def _with_validity(answer: Answer, runtime: Components, today: dt.date, lang: str) -> Answer:
    """Eligibility answers carry the validity notice of every dated document they cite, as others do."""
    documents = runtime.index.documents
    metas = with_changed([documents[c.doc_id].meta for c in answer.citations if c.doc_id in documents],
                         (d.meta for d in documents.values()))
    have = {n.message for n in answer.notices}
    extra = [n for n in validity_notices(metas, today, lang, validity_messages(runtime.settings.messages_dir))
             if n.message not in have]
    return answer.model_copy(update={"notices": [*answer.notices, *extra]}) if extra else answer
