"""A question asking for a set ("要准备哪些材料") whose lead clause is one item of a list of short items is
answered by the whole list (its best item first, the others in document order), and nothing else; long
provisions stay separate. Fictional."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

TODAY = dt.date(2026, 12, 1)
NOTICE = """某市经济和信息化局关于开展2026年度工业设计中心认定工作的通知（虚构测试）

一、认定条件

（一）在本市注册登记、具有独立法人资格的工业企业。

（二）企业上年度主营业务收入不低于5000万元。

二、支持标准

对新认定的市级工业设计中心，给予一次性奖励30万元。

三、申报材料

（一）工业设计中心认定申请表；

（二）营业执照复印件；

（三）上年度财务审计报告；

（四）设计成果证明材料。

四、申报时间

申报截止时间为2026年12月28日。

某市经济和信息化局
2026年11月2日
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("lists"), {"design.txt": NOTICE}, small_caches, embedder)


def test_a_set_question_led_by_one_list_item_quotes_the_whole_list(library):
    answer = ask(library, "申报工业设计中心认定要准备哪些材料？", today=TODAY)
    quotes = [c.quote for c in answer.citations]
    assert not answer.abstained
    assert sorted(q.split("）")[0] + "）" for q in quotes) == sorted(["（一）", "（二）", "（三）", "（四）"])
    starts = [c.start for c in answer.citations[1:]]
    assert starts == sorted(starts)  # after the best item, the others in document order
    assert "设计成果证明材料" in answer.answer and "申请表" in answer.answer


def test_a_question_on_one_item_is_not_given_the_list(library):
    answer = ask(library, "工业设计中心认定对企业营收有什么要求？", today=TODAY)
    assert not answer.abstained and "5000万元" in answer.answer
    assert not any("营业执照" in c.quote for c in answer.citations)

