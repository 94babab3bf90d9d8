"""Tiered clauses that differ in one bound (设备投资额在1000万元以上、3000万元以下的 … / 3000万元以上、1亿元以下的 …
/ 1亿元以上的 …) read alike; the amount the question names picks the tier whose bound holds it, in the ranking
and in the answer — also over a Q&A pair whose own question names another amount (assistant/retrieval/amounts.py).
Fictional text only."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from assistant.answering.ask import ask
from assistant.retrieval.amounts import amount_fit, asked, bounds, other_amount

TIER_1 = "购置环保设备，设备投资额在800万元以上、2000万元以下的，按设备投资额的4%给予补助，单个项目最高不超过60万元。"
TIER_2 = "购置环保设备，设备投资额在2000万元以上、2亿元以下的，按设备投资额的5%给予补助，单个项目最高不超过500万元。"
TIER_3 = "购置环保设备，设备投资额在2亿元以上的，按设备投资额的7%给予补助，单个项目最高不超过1500万元。"


def test_bounds_are_conditions_not_benefit_caps():
    assert bounds(TIER_1) == [(800.0, 2000.0)]  # the cap 最高不超过60万元 is what is paid, no condition
    assert bounds(TIER_3) == [(20000.0, math.inf)]
    assert bounds("年主营业务收入在3000万元至5亿元之间的企业") == [(3000.0, 50000.0)]
    assert bounds("研发投入占比不低于4%的企业", "share") == [(4.0, math.inf)]
    assert bounds("按实际支付费用的20%给予补助，每年最高不超过30万元") == []


def test_the_question_names_a_point_or_a_range_in_any_numerals():
    assert asked("设备投资三千五百万的项目补多少") == (3500.0, 3500.0)
    assert asked("投资2.5亿的补多少") == (25000.0, 25000.0)
    assert asked("那2亿元以上的呢？") == (20000.0, math.inf)
    assert asked("环保设备补助比例是多少") is None


def test_money_units_read_as_the_item_rules_read_them():
    # 千万 is a unit of its own (5千万 = 5000万元), as a clause's amounts are read (documents/items.py)
    assert asked("设备投资5千万的项目补多少") == (5000.0, 5000.0)
    assert [amount_fit("我们设备投资1千万，补多少", t) for t in (TIER_1, TIER_2, TIER_3)] == [1, -1, -1]
    assert asked("去年新招了50万人次培训") is None  # 万人次 counts people, not money


def test_the_tier_holding_the_amount_fits_the_others_do_not():
    question = "设备投资三千五百万的环保设备项目补多少"
    assert [amount_fit(question, t) for t in (TIER_1, TIER_2, TIER_3)] == [-1, 1, -1]
    assert [amount_fit("那2亿元以上的呢？", t) for t in (TIER_1, TIER_2, TIER_3)] == [-1, -1, 1]
    assert amount_fit("环保设备补助比例是多少", TIER_2) == 0  # no amount asked: neutral
    assert amount_fit(question, "对新认定的绿色工厂给予一次性奖励50万元。") == 0  # no bound stated: neutral


def test_a_question_naming_another_amount_is_another_question():
    assert other_amount("环保设备投资三千五百万，能补多少", "环保设备投资1500万元的项目，按细则能补多少？")
    assert not other_amount("环保设备投资1500万元能补多少", "环保设备投资1500万元的项目，按细则能补多少？")
    assert not other_amount("环保设备补多少", "环保设备投资1500万元的项目，按细则能补多少？")


RULES = f"""某某市环保装备发展专项资金实施细则（虚构测试文档）
第一条　为支持企业环保改造，制定本细则。
第二条　{TIER_1}
第三条　{TIER_2}
第四条　{TIER_3}
第五条　对新认定的市级绿色工厂，给予一次性奖励50万元。
"""
QA = """《某某市环保装备发展专项资金实施细则》政策问答（虚构测试文档）
问：环保设备投资1500万元的项目，按细则能补多少？
答：按照细则第二条，设备投资额在800万元以上、2000万元以下的项目按4%补助，1500万元可补助60万元。
问：绿色工厂奖励什么时候发？
答：认定后次年一季度拨付。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("amount-fit"), {"rules.txt": RULES, "rules-qa.txt": QA},
                            small_caches, embedder)


@pytest.mark.parametrize("question, quote", [
    ("我们环保设备投资三千五百万，能补多少", "2000万元以上、2亿元以下"),
    ("环保设备投资3亿元的项目补助比例是多少", "2亿元以上的"),
])
def test_the_answer_quotes_the_tier_holding_the_amount(library, question, quote):
    answer = ask(library, question, today=dt.date(2026, 12, 1))
    assert not answer.abstained
    assert quote in answer.citations[0].quote



def test_an_amount_named_as_the_benefit_is_not_the_companys():
    assert asked("那100万奖励，营收要达到多少？") is None
    assert asked("拿到50万补贴的项目投资要多少") is None
    assert asked("设备投资5000万，补助比例多少") == (5000.0, 5000.0)
    assert amount_fit("那100万奖励，营收要达到多少？", "营业收入在50万元以上、500万元以下的，奖励100万元") == 0


def test_a_question_naming_the_benefit_checks_it_and_chooses_no_tier():
    question = "我们去年营收第一次过了10亿，但研发占比只有2.8%，能拿那100万奖励吗？"
    assert amount_fit(question, "年营业收入首次突破10亿元且研发投入占比不低于3%的，奖励100万元") == 0
    assert amount_fit(question, "年营业收入在5亿元以上的，奖励50万元") == 0


def test_a_bound_on_another_quantity_does_not_hold_the_amount():
    """投资3000万 is not held by 亩均税收达到15万元 (a tax bound): the bound's own lead must name the quantity."""
    tax = "项目竣工投产且亩均税收达到15万元的，按其缴纳土地出让金的50%给予扶持。"
    scope = "本政策适用于新签约落户开发区、固定资产投资（不含土地款）5000万元以上的工业项目。"
    question = "投资3000万的工业项目能享受开发区的招商政策吗"
    assert amount_fit(question, tax) == 0 and amount_fit(question, scope) == -1
    assert amount_fit("亩均税收有20万，土地出让金能返多少", tax) == 1
    assert amount_fit("5000万的项目补多少", tax) == 1  # no quantity named: every bound counts


def test_an_amount_the_company_would_receive_picks_no_tier():
    assert asked("买设备最多能补一千万吗？") is None
    assert asked("一个项目可以奖到200万吗") is None
