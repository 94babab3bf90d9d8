"""Eligibility questions in `ask` ("我们能享受哪些支持？") answered from the matcher, with citations."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.eligibility.service import eligibility
from assistant.retrieval.query import Query
from assistant.runtime import Runtime
from assistant.types import Answer, Citation, Match, MatchResult, ScoredClause

SHOWN = 8
CATEGORY = {"support_measure": ("支持措施", "support measure"), "funding_channel": ("资金渠道", "funding channel"),
            "alliance": ("产业联盟", "industry alliance")}
STATUS = {"qualifies": ("符合", "qualifies"), "may_qualify": ("可能符合，需进一步确认", "may qualify"),
          "not_qualified": ("不符合", "does not qualify")}


@lru_cache(maxsize=4)
def _focus(lexicon_dir: Path) -> dict[str, list[str]]:
    path = lexicon_dir / "eligibility_focus.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def focus_of(text: str, lexicon_dir: Path) -> str | None:
    """The one category a question asks about (融资渠道 → funding_channel), if any."""
    lowered = text.lower()
    hits = [cat for cat, words in _focus(lexicon_dir).items() if any(w.lower() in lowered for w in words)]
    return hits[0] if len(hits) == 1 else None


def _profile_summary(result: MatchResult) -> str:
    p = result.profile
    parts = [p.city, *p.sectors[:2], *p.roles[:2], p.size]
    return " · ".join(x for x in parts if x)


def _line(i: int, match: Match, n: int | None, en: bool) -> str:
    cat = CATEGORY[match.category][1 if en else 0]
    status = STATUS[match.status][1 if en else 0]
    title = match.title_en if en else match.title_zh
    quote = f"“{match.citations[0].quote}”[{n}]" if n else ""
    return f"{i}. [{cat}] {title}（{status}）：{quote}" if not en else f"{i}. [{cat}] {title} ({status}): {quote}"


STATUS_ORDER = {"qualifies": 0, "may_qualify": 1, "not_qualified": 2}


MIN_RELEVANT = 3  # with fewer entries on the question's topic, the answer lists the best overall


def closeness(match: Match, hits: list[ScoredClause]) -> float:
    """1/rank of the best retrieved clause among the entry's citations; 0 when none was retrieved."""
    rank = {h.clause.anchor: i for i, h in enumerate(hits, 1)}
    ranks = [rank[c.anchor] for c in match.citations if c.anchor in rank]
    return 1.0 / min(ranks) if ranks else 0.0


def rank_by_question(matches: list[Match], hits: list[ScoredClause]) -> list[Match]:
    """Entries whose clauses the question retrieves come first (by status, then closeness)."""
    close = {m.id: closeness(m, hits) for m in matches}
    order = {m.id: i for i, m in enumerate(matches)}
    return sorted(matches, key=lambda m: (close[m.id] == 0, STATUS_ORDER[m.status], -close[m.id], order[m.id]))


def shown_matches(matches: list[Match], hits: list[ScoredClause]) -> list[Match]:
    """What the answer text lists: the entries on the question's topic when there are enough."""
    relevant = [m for m in matches if closeness(m, hits) > 0]
    return (relevant if len(relevant) >= MIN_RELEVANT else matches)[:SHOWN]


def answer_eligibility(runtime: Runtime, query: Query, question: str, profile: dict | None,
                       id: str | None, today: dt.date | None = None) -> Answer:
    en = query.lang == "en"
    knowledge = runtime.settings.knowledge_dir
    explicit = dict(profile or {})
    description = explicit.pop("description", None)
    text = " ".join(x for x in (description, query.text) if x)
    result = eligibility(explicit, text, id=id, knowledge_dir=knowledge, today=today)
    focus = focus_of(query.text, knowledge / "lexicon")
    hits, _ = runtime.retriever.search(query, k=10)
    matches = rank_by_question([m for m in result.matches if focus is None or m.category == focus], hits)
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
        lines.append(_line(i, match, n, en))
    summary = _profile_summary(result)
    if en:
        head = (f"Based on the plan and your profile ({summary}), " if summary else "Based on the plan, ")
        head += f"{len(matches)} items may apply; {len(shown)} of them (quotes in Chinese):"
    else:
        who = (f"按您提供的情况（{summary}）" if summary
               else "您还没有提供企业情况，下面按方案列出面向企业的主要支持（填写企业画像可得到更准确的结果）")
        title = citations[0].doc_title if citations else "政策文件"
        head = f"根据《{title}》，{who}，共有 {len(matches)} 项可能适用，与问题最相关的 {len(shown)} 项如下："
    if not matches:
        head = ("No measure in the plan matches this profile." if en
                else "根据您提供的情况，方案中没有找到明确适用的支持措施。")
    tail = [] if len(matches) <= len(shown) else [
        "The full list is in the matches." if en else f"其余 {len(matches) - len(shown)} 项见匹配结果列表。"]
    return Answer(id=id, question=question, answer="\n".join([head, *lines, *tail]), abstained=not matches,
                  citations=citations, matches=matches, mode="extractive", notices=result.notices)
