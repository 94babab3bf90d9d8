# ruff: noqa: E501 (the documents' lines are long, as real ones are)
"""An asked detail is answered only by a value OF THAT KIND in an on-topic sentence: a minimum span of a
condition (租赁期限不少于2年) is no payment time, a support rate with its cap is no threshold, a date of
another step (申报时间为…) does not say when results are published. Fictional documents only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.answering.ask import ask
from assistant.runtime import Runtime

TODAY = dt.date(2026, 12, 1)

MEASURES = """云岭市激光装备产业扶持办法（虚构测试文档）

第一条　适用范围。本办法适用于在云岭市注册登记的激光装备整机和核心器件企业。

第二条　融资租赁贴息。企业通过融资租赁方式购置激光加工设备，且租赁合同期限不少于3年的，按实际支付租息的40%给予贴息，单个企业每年最高不超过80万元。

第三条　新建项目奖励。对新建投产的激光装备项目，按固定资产投资额的2%给予一次性奖励，最高不超过120万元。

第四条　研发机构奖励。对新认定为市级研发中心的激光装备企业，一次性奖励30万元。奖励资金在公示结束后20个工作日内拨付到企业账户。研发中心认定名单于每年9月底前在市经信局网站公布。

第五条　项目申报。市经信局每年组织一次集中申报，申报时间为每年4月1日至4月30日。

第六条　贷款贴息项目申报。贴息项目每年10月1日至10月31日受理申报，市经信局组织专家评审。
"""

DOC_ID = "yunling-laser-measures"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, small_caches: Path, embedder) -> Runtime:
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("detail-kinds"), {f"{DOC_ID}.txt": MEASURES}, small_caches, embedder)


def test_a_minimum_span_of_a_condition_is_no_payment_time(library):
    answer = ask(library, "云岭的融资租赁贴息批下来以后多久能拨付？", today=TODAY)
    assert answer.abstained
    assert "时间" in answer.answer.splitlines()[0]


def test_a_stated_payment_time_still_answers(library):
    answer = ask(library, "云岭的研发中心奖励多久能拨到企业账上？", today=TODAY)
    assert not answer.abstained and "20个工作日" in answer.answer


def test_a_rate_with_its_cap_is_no_threshold(library):
    answer = ask(library, "云岭新建项目奖励对项目投资额有没有最低门槛？", today=TODAY)
    assert answer.abstained
    assert "门槛" in answer.answer.splitlines()[0]


def test_a_stated_threshold_answers(library):
    answer = ask(library, "云岭的融资租赁贴息，对租赁合同期限有没有门槛？", today=TODAY)
    assert not answer.abstained and "不少于3年" in answer.answer


def test_a_years_asked_of_one_condition_need_that_condition(library):
    answer = ask(library, "申报云岭的融资租赁贴息，企业要成立满几年？", today=TODAY)
    assert answer.abstained


def test_a_date_of_another_step_does_not_say_when_results_are_published(library):
    answer = ask(library, "云岭的贷款贴息项目评审结果什么时候公布？", today=TODAY)
    assert answer.abstained


def test_a_stated_publication_date_answers(library):
    answer = ask(library, "云岭的研发中心认定名单什么时候公布？", today=TODAY)
    assert not answer.abstained and "9月底" in answer.answer
