"""End to end over a small fictional library (two districts' measures and a three-ministry notice): the
parts of a question speak of the document the whole question names (三部门这个通知…截止到哪天？现在报还来
得及吗？), a part naming two places gets each one's clause, the one in force longest first, and 有效期多久
is answered by the clause stating it, not refused as an unstated processing time."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

TODAY = dt.date(2026, 12, 1)
XIANAN = """咸宁市咸安区支持装备制造业转型升级若干措施（虚构测试文档）
第一条 为推动我区装备制造业转型升级，结合咸安区实际，制定本措施。
第二条 支持创新平台。企业获评省级技术中心的，区财政给予一次性奖励二十五万元。
第三条 本措施自2026年3月1日起施行，有效期三年。
咸宁市咸安区人民政府
2026年2月10日
"""
ECHENG = """鄂州市鄂城区智能制造奖补办法（虚构测试文档）
第一条 为加快我区智能制造发展，制定本办法。
第二条 新认定省级企业技术中心的，奖励35万元。
第三条 本办法自2023年1月1日起施行，有效期至2025年12月31日。
鄂州市鄂城区人民政府
2022年12月20日
"""
QA = """黄石市2027年度技改资金申报问答（虚构测试文档）
黄石市经济和信息化局　2026年11月20日
问：现在报还来得及吗？
答：来得及。网上申报系统2027年3月1日开放，请企业提前准备材料。
"""
JOINT = """科学技术部办公厅　工业和信息化部办公厅　财政部办公厅
关于组织开展2026年度智能检测装备攻关项目申报工作的通知（虚构测试文档）
一、支持方式
对入选项目按项目总投资的百分之十给予补助，单个项目最高不超过一千万元。
二、时间安排
请各省级主管部门于2027年2月10日前将推荐文件报送科学技术部，逾期不予受理。
三、其他
首版次软件类项目已于2026年8月31日截止申报，本次不再受理。
科学技术部办公厅　工业和信息化部办公厅　财政部办公厅
2026年11月2日
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    files = {"xianan-measures.txt": XIANAN, "echeng-rules.txt": ECHENG, "joint-notice.txt": JOINT,
             "huangshi-qa.md": QA}
    return ingested_library(tmp_path_factory.mktemp("library-wording"), files, small_caches, embedder)


def test_every_part_speaks_of_the_document_the_question_names(library):
    answer = ask(library, "三部门这个攻关项目申报截止到哪天？现在报还来得及吗？", today=TODAY)
    assert not answer.abstained
    assert {c.doc_id for c in answer.citations} == {"joint-notice"}
    assert any("2027年2月10日前" in c.quote for c in answer.citations)


def test_a_part_naming_two_places_gets_each_ones_clause_in_force_first(library):
    answer = ask(library, "新认定省级企业技术中心，鄂城和咸安各奖多少？", today=TODAY)
    assert not answer.abstained
    docs = [c.doc_id for c in answer.citations]
    assert "xianan-measures" in docs and "echeng-rules" in docs
    assert docs.index("xianan-measures") < docs.index("echeng-rules")
    assert "二十五万元" in answer.answer and "35万元" in answer.answer


def test_how_long_a_policy_is_valid_is_answered_by_its_validity_clause(library):
    answer = ask(library, "咸安区这个若干措施有效期多久？从哪天开始？", today=TODAY)
    assert not answer.abstained
    assert any("有效期三年" in c.quote for c in answer.citations)


def test_how_long_a_payment_takes_stays_not_stated_beside_a_validity_of_three_years(library):
    answer = ask(library, "咸安区的技术中心奖励批下来以后多久能到账？", today=TODAY)
    assert answer.abstained  # 有效期三年 is how long the measures are in force, not a payment time
