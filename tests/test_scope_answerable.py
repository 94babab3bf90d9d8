"""End to end over fictional documents: the scope judge does not abstain on questions the text answers
in a form its detail patterns used to miss — an amount in Chinese numerals, a materials list under its
heading, a year that names a repealed document by its 文号, an English question meeting the Chinese text
through the glossary, and 新入规 asked for 首次纳入规模以上."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

TODAY = dt.date(2026, 12, 1)
DOCS = {
    # Fictional test material: places are real, texts, numbers, 文号 and dates are invented.
    "xn-rules": ("""咸宁市工业机器人应用奖励细则（虚构测试）

第一条　对企业购置工业机器人用于自身生产线的，按购置额的百分之八给予奖励，单个企业每年最高不超过一百二十万元。
第二条　对首次纳入规模以上工业企业统计的机器人应用企业，给予一次性奖励六万元。
第三条　本细则有效期至2028年4月30日，同时废止《咸宁市机器人奖励暂行规定》（咸经信发〔2020〕5号）。
""", {"doc_id": "xn-rules", "title": "咸宁市工业机器人应用奖励细则（虚构测试）",
      "issuer": "咸宁市经济和信息化局", "issue_date": "2025-04-10", "doc_type": "细则", "region": "咸宁市",
      "level": "市", "effective_from": "2025-05-01", "effective_to": "2028-04-30"}),
    "hg-guide": ("""黄冈市2026年度数字化车间项目申报指南（虚构测试）

一、支持内容
（一）数字化车间奖励。对新认定的市级数字化车间，给予一次性奖励30万元。
（二）技能人才奖励。对企业新取得高级技师职业资格的职工，按每人5000元给予奖励。
二、申报材料
1.项目申报书；
2.技能人才类项目提供职业资格证书、聘用合同及个税缴纳记录。
""", {"doc_id": "hg-guide", "title": "黄冈市2026年度数字化车间项目申报指南（虚构测试）",
      "issuer": "黄冈市经济和信息化局", "issue_date": "2026-03-02", "doc_type": "指南", "region": "黄冈市",
      "level": "市"}),
}



@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library, with_side_files

    files = with_side_files(DOCS)
    runtime = ingested_library(tmp_path_factory.mktemp("scope-answerable"), files, small_caches, embedder)
    return runtime


def test_an_amount_in_chinese_numerals_answers_a_how_much_question(library):
    answer = ask(library, "咸宁工业机器人奖励最多能拿多少？", today=TODAY)
    assert not answer.abstained
    assert "一百二十万元" in answer.citations[0].quote


def test_a_materials_list_under_its_heading_answers_a_materials_question(library):
    answer = ask(library, "黄冈技能人才奖励要准备哪些材料？", today=TODAY)
    assert not answer.abstained
    assert any("职业资格证书、聘用合同" in c.quote for c in answer.citations)


def test_a_year_naming_a_repealed_document_by_its_number_is_answered(library):
    answer = ask(library, "咸宁2020年那个机器人奖励暂行规定还能用吗？", today=TODAY)
    assert not answer.abstained
    assert any("同时废止" in c.quote for c in answer.citations)


def test_an_english_amount_question_meets_the_chinese_clause(library):
    answer = ask(library, "How much is the new-to-scale award for robot users in Xianning?", today=TODAY)
    assert not answer.abstained
    assert "六万元" in answer.citations[0].quote


def test_xinrugui_finds_the_first_counted_above_scale_award(library):
    answer = ask(library, "咸宁新入规的企业奖多少钱？", today=TODAY)
    assert not answer.abstained
    assert "六万元" in answer.citations[0].quote
