"""End to end over a fictional 申报指南 whose windows and materials sit in sections of their own, far from
the measures: "现在还能报吗" beside a measure is answered with that measure's category window (not
another batch's, not "not stated")."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

TODAY = dt.date(2026, 12, 1)
GUIDE = """孝感高新区2026年度先进制造业专项资金申报指南（虚构测试）

一、支持内容

（一）设备更新类

1.数控机床更新补贴。对企业更新数控机床的，按购置价格的6%给予补贴，每家企业最高不超过40万元。

（二）人才引进类

1.高级技工安家补贴。对企业新引进的高级技工，签订3年以上劳动合同并缴纳个税的，按每人2万元给予一次性安家补贴。

二、申报时间

第一批：设备更新类项目，申报时间为2026年10月8日至2026年11月6日，逾期不再受理。

第二批：人才引进类项目，申报时间为2026年11月20日至2027年2月10日。

三、申报材料

1.专项资金申请表；

2.营业执照复印件；

3.上年度财务审计报告；

4.设备更新类项目提供购置发票及设备清单；

5.人才引进类项目提供职业资格证书、劳动合同及个税缴纳记录。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    files = {"xg-guide.txt": GUIDE}
    runtime = ingested_library(tmp_path_factory.mktemp("window-materials"), files, small_caches, embedder)
    return runtime


def test_still_open_is_answered_with_the_measures_own_batch_window(library):
    answer = ask(library, "孝感高新区更新数控机床有补贴吗？现在还能报吗？", today=TODAY)
    assert not answer.abstained
    quotes = [c.quote for c in answer.citations]
    assert any("第一批：设备更新类项目" in q for q in quotes)
    assert not any("第二批" in q for q in quotes)



NUMBERED = """江汉市经济和信息化局关于开展2026年度智能仓储和协作机器人应用项目申报的通知（虚构测试文档）

一、申报类别

第一类：智能仓储装备应用项目。对企业购置智能仓储装备的，按购置额的10%给予补助，单个企业最高不超过50万元。

第二类：协作机器人应用项目。对企业购置协作机器人的，每台给予5000元补助，单个企业最高不超过30万元。

二、申报时间

第一批受理第二类项目，申报截止时间为2026年9月30日。

第二批受理第一类项目，申报时间为2026年11月1日至2026年12月31日。
"""


def test_a_window_naming_a_numbered_category_is_that_categorys():
    """第一批受理第二类项目: a category named by its number only (too short to compare by words)."""
    from assistant.documents.clauses import parse_clauses
    from assistant.documents.items import extract_items
    from assistant.documents.rules import DocumentRules
    from assistant.settings import Settings
    from assistant.types import Document, DocumentMeta

    rules = DocumentRules.load(Settings().document_rules_dir)
    meta = DocumentMeta(doc_id="jh", title=NUMBERED.splitlines()[0], region="江汉市", issue_date=dt.date(2026, 8, 1))
    doc = Document(meta=meta, text=NUMBERED, sha256="x")
    items = {i.title: i for i in extract_items(doc, parse_clauses("jh", NUMBERED), rules.items)}
    storage = next(i for t, i in items.items() if "仓储" in i.benefit_quote.quote)
    robots = next(i for t, i in items.items() if "协作机器人" in i.benefit_quote.quote)
    assert (storage.window.opens, storage.window.deadline) == (dt.date(2026, 11, 1), dt.date(2026, 12, 31))
    assert robots.window.deadline == dt.date(2026, 9, 30) and robots.window.opens is None


NOTICE = """某县2026年度示范应用项目申报通知（虚构测试）

一、项目类别

第一类：视觉检测设备应用。对企业购置视觉检测设备的，按购置额的12%给予补助，单个企业最高不超过60万元。

第二类：协作机器人应用。对企业新购置协作机器人的，每台给予5000元补助，单个企业最高不超过40万元。

第三类：工业软件应用。对企业首次购买工业软件的，按合同金额的20%给予补助，单个企业最高不超过30万元。本类项目已提前组织申报，申报已于2026年9月25日截止，本次不再受理。

二、受理安排

第一批次受理第一类项目，受理截止2026年10月30日，逾期不再受理。

第二批次受理第二类项目，受理时间为2026年11月2日至2026年12月18日。
"""


@pytest.fixture(scope="module")
def notice(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("window-batches"), {"notice.txt": NOTICE}, small_caches, embedder)


def test_a_category_named_only_by_its_number_gets_its_own_batch_window_first(notice):
    answer = ask(notice, "某县协作机器人应用项目现在还能报吗？截止到哪天？", today=TODAY)
    assert not answer.abstained and "第二批次受理第二类项目" in answer.citations[0].quote


def test_a_one_ask_still_open_question_leads_with_the_window(notice):
    answer = ask(notice, "某县的视觉检测设备应用项目，现在还能申报吗？", today=TODAY)
    assert not answer.abstained and "第一批次受理第一类项目" in answer.citations[0].quote


def test_a_category_stating_its_own_closing_day_is_not_given_another_batchs_window(notice):
    answer = ask(notice, "某县工业软件应用那一类，现在还能报吗？", today=TODAY)
    assert not answer.abstained and "2026年9月25日截止" in answer.citations[0].quote
