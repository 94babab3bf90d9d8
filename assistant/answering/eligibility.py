"""Eligibility questions in `ask` ("我们能享受哪些支持？") answered from the matcher, with citations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator

from assistant.answering.components import Components
from assistant.answering.llm_composer import fallback_notice, question_text, verified_reply
from assistant.answering.messages import AnswerMessages, answer_messages, worded
from assistant.eligibility.profile import merge_explicit, read_profile_input
from assistant.eligibility.service import Eligibility
from assistant.eligibility.vocabulary import Labels
from assistant.index.store import Index
from assistant.llm.client import ChatModel
from assistant.llm.errors import LLMBadOutput, LLMError
from assistant.llm.prompts import LANGUAGE_NAMES, cannot_answer_phrase, load_prompt
from assistant.retrieval.query import Query
from assistant.text import book_title
from assistant.types import Answer, Citation, CompanyProfile, Match, MatchResult, ProfileInput, ScoredClause

SHOWN = 8


def _profile_summary(result: MatchResult) -> str:
    p = result.profile
    parts = [p.city, *p.sectors[:2], *p.roles[:2], p.size]
    return " · ".join(x for x in parts if x)


def _line(i: int, match: Match, n: int | None, en: bool, labels: Labels) -> str:
    lang = "en" if en else "zh"
    cat, status = labels.category_of(match.category, lang), labels.status_of(match.status, lang)
    if match.availability_reason:  # listed for reference only: 已失效 2017-12-31 / 申报已截止 …
        status = f"{status}，{match.availability_reason}" if not en else f"{status}, {match.availability_reason}"
    title = match.title_en if en else match.title_zh
    quote = f"“{match.citations[0].quote}”[{n}]" if n else ""
    return f"{i}. [{cat}] {title}（{status}）：{quote}" if not en else f"{i}. [{cat}] {title} ({status}): {quote}"


MIN_RELEVANT = 3  # with fewer entries on the question's topic, the answer lists the best overall


def closeness(match: Match, hits: list[ScoredClause]) -> float:
    """1/rank of the best retrieved clause among the entry's citations; 0 when none was retrieved.

    Keyed by clause id (doc_id#anchor): anchors such as 三.（三）.1 repeat across documents.
    """
    rank: dict[str, int] = {}
    for i, h in enumerate(hits, 1):
        rank.setdefault(h.clause.id, i)
    ranks = [rank[key] for c in match.citations if (key := f"{c.doc_id}#{c.anchor}") in rank]
    return 1.0 / min(ranks) if ranks else 0.0


def shown_matches(matches: list[Match], hits: list[ScoredClause]) -> list[Match]:
    """What the answer text lists: the entries on the question's topic when there are enough.

    Always in the matcher's order: it ranks entries whose own words name the company's products,
    sectors or role above generic ones, and retrieval closeness must not undo that.
    """
    relevant = [m for m in matches if closeness(m, hits) > 0]
    return (relevant if len(relevant) >= MIN_RELEVANT else matches)[:SHOWN]


def asking_company(eligibility: Eligibility, profile: ProfileInput | CompanyProfile | dict | None,
                   question: str) -> tuple[CompanyProfile, list[str]]:
    """The company behind an eligibility question: its profile (the description read as `match` reads
    it; a CompanyProfile as it is), then what the question itself says fills what is still missing."""
    given = profile if isinstance(profile, CompanyProfile) else read_profile_input(profile or {})
    company, filled = eligibility.profile(given)
    from_question = eligibility.extractor.extract(question).fields if question.strip() else {}
    merged, more = merge_explicit(company, from_question)
    return merged, [f for f in CompanyProfile.model_fields if f in filled or f in more]


def _heading(msg: AnswerMessages, lang: str, result: MatchResult, matches: list[Match], shown: list[Match],
             citations: list[Citation]) -> str:
    summary = _profile_summary(result)
    if not matches:
        return msg.text("elig_none", lang)
    if not result.matches:  # only expired / closed items: listed for reference
        return msg.text("elig_unavailable_profile" if summary else "elig_unavailable", lang, summary=summary)
    docs = list(dict.fromkeys(c.doc_id for c in citations))
    if len(docs) > 1:  # items of several documents: no one title leads them (each [n] names its own)
        key = "elig_head_many" if summary else "elig_head_many_no_profile"
        return msg.text(key, lang, summary=summary, docs=len(docs), n=len(matches), shown=len(shown))
    title = book_title(citations[0].doc_title) if citations else msg.text("elig_doc", lang)
    key = "elig_head" if summary else "elig_head_no_profile"
    return msg.text(key, lang, summary=summary, n=len(matches), shown=len(shown), title=title)


def answer_eligibility(runtime: Components, query: Query, question: str,
                       profile: ProfileInput | CompanyProfile | None,
                       id: str | None, today: dt.date | None = None, lang: str | None = None) -> Answer:
    """The offline answer: the matcher's entries in its order, each with its first quote."""
    return _offline(runtime, query, question, profile, id, today, lang)[0]


def _offline(runtime: Components, query: Query, question: str, profile: ProfileInput | CompanyProfile | None,
             id: str | None, today: dt.date | None,
             lang: str | None = None) -> tuple[Answer, list[str], MatchResult]:
    """The offline answer, and per citation [n] the item line it was quoted for (the LLM's evidence);
    in `lang` (the caller's), else the question's language."""
    lang = lang or ("en" if query.lang == "en" else "zh")
    msg = answer_messages(runtime.settings.messages_dir)
    eligibility = runtime.eligibility
    company, extracted = asking_company(eligibility, profile, query.text)
    levels = eligibility.vocabulary.levels_named(query.text)  # 市里有什么奖励: the city's items first
    result = eligibility.result_for(company, extracted, id=id, today=today, levels=levels, lang=lang)
    focus = runtime.eligibility_focus.of(query.text)
    hits, found = runtime.retriever.search(query, k=10)  # e.g. vector search unavailable
    search_notices = worded(found, msg, lang)  # in the answer's language
    # Nothing available (e.g. only expired documents): list the unavailable items, labelled as such.
    offered = result.matches or result.unavailable
    matches = [m for m in offered if focus is None or m.category == focus]  # the matcher's order
    shown = shown_matches(matches, hits)
    citations: list[Citation] = []
    numbers: dict[tuple[str, int, int], int] = {}  # one number per quoted span
    lines, items = [], []
    for i, match in enumerate(shown, 1):
        n = None
        if match.citations:
            first = match.citations[0]
            key = (first.doc_id, first.start, first.end)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(first.model_copy(update={"n": numbers[key]}))
                items.append(_line(i, match, None, lang == "en", eligibility.labels))
            n = numbers[key]
        lines.append(_line(i, match, n, lang == "en", eligibility.labels))
    head = _heading(msg, lang, result, matches, shown, citations)
    tail = [] if len(matches) <= len(shown) else [msg.text("elig_more", lang, n=len(matches) - len(shown))]
    answer = Answer(id=id, question=question, answer="\n".join([head, *lines, *tail]), abstained=not matches,
                    citations=citations, matches=matches, mode="extractive",
                    notices=[*search_notices, *result.notices], lang=lang)
    return answer, items, result


def eligibility_events(runtime: Components, query: Query, question: str,
                       profile: ProfileInput | CompanyProfile | None, id: str | None,
                       today: dt.date | None, chat: ChatModel | None,
                       asked: str | None = None) -> Generator[str, None, Answer]:
    """With an LLM, the matcher's result phrased by it (verified text pieces, then the Answer);
    any LLM failure gives the offline answer with the llm_fallback notice. `asked`: ask()'s `lang`."""
    offline, items, result = _offline(runtime, query, question, profile, id, today, asked)
    hits = _cited_clauses(offline.citations, runtime.index)
    if chat is None or offline.abstained or len(hits) != len(offline.citations):
        return offline
    lang = offline.lang
    words = answer_messages(runtime.settings.messages_dir)
    prompt = load_prompt("eligibility", runtime.settings.prompts_dir)
    messages = prompt.format_messages(
        profile=_profile_summary(result) or "（未提供）", question=question_text(query),
        items=format_items(items, hits, runtime.index),
        language=LANGUAGE_NAMES.get(asked or query.lang, LANGUAGE_NAMES["zh"]),
        cannot_answer=cannot_answer_phrase(asked or query.lang))
    try:
        draft = yield from verified_reply(messages, hits, runtime.index, chat, lang, runtime.check_embedder, words)
    except LLMError as exc:
        return offline.model_copy(update={"notices": [*offline.notices, fallback_notice(exc, lang, words)]})
    if draft.abstained:  # the matcher found items: a model that says otherwise is not used
        return offline.model_copy(update={"notices": [*offline.notices, fallback_notice(
            LLMBadOutput("语言模型未能就匹配结果作答"), lang, words)]})
    return offline.model_copy(update={"answer": draft.text, "citations": draft.citations, "mode": "llm",
                                      "notices": [*offline.notices, *draft.notices]})


def _cited_clauses(citations: list[Citation], index: Index) -> list[ScoredClause]:
    """The clause behind each citation, in citation order (the key [n] the model must cite)."""
    out = []
    for c in citations:
        clause = index.clause(f"{c.doc_id}#{c.anchor}")
        if clause is not None:
            out.append(ScoredClause(clause=clause, score=1.0))
    return out


def format_items(items: list[str], hits: list[ScoredClause], index: Index) -> str:
    """Each item line under its key [n], with the full clause it rests on."""
    blocks = []
    for key, (item, hit) in enumerate(zip(items, hits, strict=True), 1):
        clause = hit.clause
        title = index.documents[clause.doc_id].meta.title
        blocks.append(f"[{key}] {item.split('. ', 1)[-1]}\n{book_title(title)} {clause.section}\n{clause.text.strip()}")
    return "\n\n".join(blocks)
