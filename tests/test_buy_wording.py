"""End to end over a fictional 申报指南: 买 in a question is the documents' 购置 — "设备得是什么时候买的才算"
is answered by the 申报条件 clause on when the equipment must have been bought, stated far from the measure."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

TODAY = dt.date(2026, 12, 1)
GUIDE = """鄂州临空经济区2026年度设备更新资金申报指南（虚构测试）

一、支持内容

（一）设备更新补助。对企业实施的设备更新项目，设备投资额不低于200万元的，按设备投资额的7%给予补助，单个项目最高不超过100万元。

（二）数字化设备补助。对企业新增数字化检测设备的，按设备投资额的5%给予补助，单个企业最高不超过60万元。

（三）绿色设备补助。对企业新增节能环保设备的，按设备投资额的4%给予补助。

二、申报条件

（一）在临空经济区注册登记并纳税，具有独立法人资格；

（二）申报设备更新类项目的，项目须于2025年7月1日至2026年5月31日期间完成设备购置。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    files = {"ez-guide.txt": GUIDE}
    runtime = ingested_library(tmp_path_factory.mktemp("buy-wording"), files, small_caches, embedder)
    return runtime


def test_when_the_equipment_must_be_bought_is_answered_by_the_purchase_condition(library):
    answer = ask(library, "鄂州的设备更新补助，设备得是什么时候买的才算？", today=TODAY)
    assert not answer.abstained
    assert "完成设备购置" in answer.citations[0].quote
