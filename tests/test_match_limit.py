"""match_library's limit: the first N of the full ranking, built as Matches, with the totals counted."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.eligibility import parse_profile
from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.types import ApplicationWindow, DocumentMeta, ItemCondition, ItemQuote, SupportItem

VOCAB = load_vocabulary(Settings().vocabulary_path)
TODAY = dt.date(2026, 12, 1)
DOCS = {
    "prov": DocumentMeta(doc_id="prov", title="湖北省申报通知（虚构）", region="湖北省", level="省"),
    "old": DocumentMeta(doc_id="old", title="湖北省旧办法（虚构）", region="湖北省", level="省",
                        effective_from=dt.date(2016, 1, 1), effective_to=dt.date(2018, 12, 31)),
    "wuhan": DocumentMeta(doc_id="wuhan", title="武汉市若干措施（虚构）", region="武汉市", level="市"),
}


def _item(doc: str, n: int, sentence: str, deadline: dt.date | None = None, size: str | None = None) -> SupportItem:
    q = ItemQuote(clause_id=f"{doc}#第{n}条", anchor=f"第{n}条", start=0, end=len(sentence), quote=sentence)
    conditions = [ItemCondition(kind="region", text=DOCS[doc].region, source="document")]
    if size:
        conditions.append(ItemCondition(kind="size", text=size))
    return SupportItem(id=f"{doc}:{n}", doc_id=doc, category="funding_channel", kind="补助", title=f"事项{n}",
                       conditions=conditions, benefit_quote=q, citations=[q],
                       window=ApplicationWindow(deadline=deadline, quote=q) if deadline else None)


# Many items share their conditions (one judgement per call serves them all); deadlines rank them.
ITEMS = [
    *(_item("prov", n, f"对减速器企业给予补助{n}万元。" if n % 3 == 0 else f"给予补助{n}万元。",
            deadline=dt.date(2026, 12, 1) + dt.timedelta(days=n) if n % 2 else None,
            size="中小企业" if n % 4 == 0 else None) for n in range(1, 41)),
    *(_item("old", n, f"给予贴息{n}万元。") for n in range(1, 11)),
    *(_item("wuhan", n, f"给予奖励{n}万元。") for n in range(1, 11)),
]


@pytest.fixture(scope="module")
def library():
    return Library.build(ITEMS, DOCS, VOCAB)


@pytest.mark.parametrize("include_all", [False, True])
@pytest.mark.parametrize("fields", [{"city": "襄阳", "size": "中小企业", "products": ["精密减速器"]},
                                    {"city": "襄阳", "size": "大型企业"}, {"city": "武汉"}])
def test_limit_is_the_head_of_the_full_ranking(library, include_all, fields):
    profile = parse_profile(fields, VOCAB)
    full = match_library(profile, library, TODAY, include_all)
    assert full.matches_total == len(full.matches) and full.unavailable_total == len(full.unavailable)
    for limit in (1, 5, 1000):
        head = match_library(profile, library, TODAY, include_all, limit=limit)
        assert head.matches == full.matches[:limit] and head.unavailable == full.unavailable[:limit]
        assert (head.matches_total, head.unavailable_total) == (full.matches_total, full.unavailable_total)


def test_ranking_names_first_then_urgency_and_drops_not_qualified(library):
    result = match_library(parse_profile({"city": "襄阳", "size": "大型企业", "products": ["减速器"]}, VOCAB),
                           library, TODAY)
    ids = [m.id for m in result.matches]
    assert not {i for i in ids if i.startswith("wuhan:")}  # another city's items: not offered
    assert not {f"prov:{n}" for n in range(4, 41, 4)} & set(ids)  # 中小企业 only: a large company is out
    named = [m.id for m in result.matches if "减速器" in m.benefit]
    assert ids[:len(named)] == named  # items naming the company's product first
    days = [m.days_left for m in result.matches[len(named):] if m.days_left is not None]
    assert days == sorted(days)
    assert result.unavailable_total == 10 and {m.availability for m in result.unavailable} == {"expired"}


def test_items_with_the_same_condition_share_one_check(library):
    checks = {id(c.checks[0]) for c in library.compiled if c.item.doc_id == "prov"}
    assert len(checks) == 1
