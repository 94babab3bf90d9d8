"""Eligibility questions in `ask` ("我们能享受哪些支持？") answered from the matcher, with citations."""

from __future__ import annotations

import datetime as dt

from assistant.answering.components import Components
from assistant.eligibility.profile import merge_explicit, read_profile_input
from assistant.eligibility.service import Eligibility
from assistant.eligibility.vocabulary import Labels
from assistant.retrieval.query import Query
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


def rank_by_question(matches: list[Match], hits: list[ScoredClause], status_order: dict[str, int]) -> list[Match]:
    """Entries whose clauses the question retrieves come first (by status, then closeness)."""
    close = {m.id: closeness(m, hits) for m in matches}
    order = {m.id: i for i, m in enumerate(matches)}
    return sorted(matches, key=lambda m: (close[m.id] == 0, status_order[m.status], -close[m.id], order[m.id]))


def shown_matches(matches: list[Match], hits: list[ScoredClause]) -> list[Match]:
    """What the answer text lists: the entries on the question's topic when there are enough."""
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


def answer_eligibility(runtime: Components, query: Query, question: str,
                       profile: ProfileInput | CompanyProfile | None,
                       id: str | None, today: dt.date | None = None) -> Answer:
    en = query.lang == "en"
    eligibility = runtime.eligibility
    company, extracted = asking_company(eligibility, profile, query.text)
    result = eligibility.result_for(company, extracted, id=id, today=today)
    focus = runtime.eligibility_focus.of(query.text)
    hits, search_notices = runtime.retriever.search(query, k=10)  # e.g. vector search unavailable
    # Nothing available (e.g. only expired documents): list the unavailable items, labelled as such.
    offered = result.matches or result.unavailable
    matches = rank_by_question([m for m in offered if focus is None or m.category == focus], hits,
                               eligibility.labels.status_order)
    shown = shown_matches(matches, hits)
    citations: list[Citation] = []
    numbers: dict[tuple[str, int, int], int] = {}  # one number per quoted span
    lines = []
    for i, match in enumerate(shown, 1):
        n = None
        if match.citations:
            first = match.citations[0]
            key = (first.doc_id, first.start, first.end)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(first.model_copy(update={"n": numbers[key]}))
            n = numbers[key]
        lines.append(_line(i, match, n, en, eligibility.labels))
    summary = _profile_summary(result)
    if en:
        head = (f"Based on the plan and your profile ({summary}), " if summary else "Based on the plan, ")
        head += f"{len(matches)} items may apply; {len(shown)} of them (quotes in Chinese):"
    else:
        who = (f"按您提供的情况（{summary}）" if summary
               else "您还没有提供企业情况，下面按方案列出面向企业的主要支持（填写企业画像可得到更准确的结果）")
        title = citations[0].doc_title if citations else "政策文件"
        head = f"根据《{title}》，{who}，共有 {len(matches)} 项可能适用，与问题最相关的 {len(shown)} 项如下："
    if matches and not result.matches:
        who = f"（{summary}）" if summary else ""
        head = (f"Based on your profile{f' ({summary})' if summary else ''}, none of these can be applied for "
                "now (expired or closed); listed for reference:" if en
                else f"按您提供的情况{who}，相关文件中的事项目前均已失效或申报已截止、不可申报，以下仅供参考：")
    if not matches:
        head = ("No measure in the plan matches this profile." if en
                else "根据您提供的情况，方案中没有找到明确适用的支持措施。")
    tail = [] if len(matches) <= len(shown) else [
        "The full list is in the matches." if en else f"其余 {len(matches) - len(shown)} 项见匹配结果列表。"]
    return Answer(id=id, question=question, answer="\n".join([head, *lines, *tail]), abstained=not matches,
                  citations=citations, matches=matches, mode="extractive", notices=[*search_notices, *result.notices])
