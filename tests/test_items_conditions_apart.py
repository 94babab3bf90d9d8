"""Conditions and non-offers of any policy's wording (issue 12, classes found on a development set and
rewritten here in fictional documents of our own): a 申报指南 annex whose 推荐企业条件 heading binds every
item of that annex; a subject lead without 对 (规模以上工业企业实施…的，按…); 规模以上 with sector words;
a zone's projects; a sum the company is said to receive (可获得…补助); a yearly ceiling over all items and
a duty of whoever enjoys the policy (not offers, the duty a condition of every item); a negated or
required 列入/纳入 (no offer); 通过…认定 in a table row; a numbered line paying an amount without its 。."""
# ruff: noqa: E501 (the documents' lines are long, as real ones are)

from __future__ import annotations

import datetime as dt

from assistant.documents.clauses import parse_clauses
from tests.test_items_general import _anchor, _document, _items, _statuses

GUIDE = """\
科学技术部办公厅关于组织开展2026年度智能检测装备协同创新项目申报的通知（虚构测试文档）
各省、自治区、直辖市科技主管部门：
现组织开展2026年度智能检测装备协同创新项目申报工作，请于2027年2月28日前完成推荐。

附件1
2026年度智能检测装备协同创新项目申报指南
一、推荐企业条件
（一）上年度营业收入不低于2亿元；
（二）研发费用占营业收入比例不低于5%；
（三）为有效期内的高新技术企业。
二、支持方式
（一）协同创新项目。对入选项目按项目总投资的百分之十给予补助，最高不超过二千万元。
（二）联合攻关。牵头单位另可获得不超过300万元的联合攻关补助，用于成员单位之间的协作。
（三）检测软件首购。对首次销售检测软件的企业按合同金额的20%给予补助，单个产品不超过200万元。
"""

DISTRICT = """\
咸宁市咸安区支持装备制造业转型升级若干措施（虚构测试文档）
第一条 为推动我区装备制造业转型升级，制定本措施。
第二条 支持数字化改造。规模以上工业企业实施数字化改造，当年设备投资额达到三百万元以上的，按设备投资额的百分之十五给予补助、最高不超过一百五十万元。
第三条 支持技术改造。对全区规模以上汽车零部件企业实施的技术改造项目，按设备投资额的5%给予补助。
第四条 支持园区建设。对咸安经济开发区内新建投产的装备项目，按固定资产投资额的2%给予一次性奖励，最高不超过80万元。
第五条 享受本措施的企业应当近两年无重大安全生产事故。
第六条 每家企业每年累计享受本措施奖补资金不超过400万元。
第七条 小微企业暂不纳入本措施支持范围。申报首台（套）奖励的，产品还须列入省级首台（套）重大技术装备目录。
第八条 本措施自2026年3月1日起施行，有效期三年。
"""

TABLE = """\
关于组织申报2027年度恩施州装备产业专项资金的通知（虚构测试文档）
一、支持标准
项目：高新技术企业培育；支持标准：对首次通过高新技术企业认定的企业，给予一次性奖励15万元
项目：企业技术中心；支持标准：对新认定的州级企业技术中心，一次性奖励10万元
"""

NUMBERED = """\
荆州市支持智能装备企业创新发展的若干措施（虚构测试文档）
一、支持创新平台建设
1.新认定的省级企业技术中心一次性奖励30万元
2.新认定的国家级企业技术中心一次性奖励100万元
二、附则
本措施自2026年10月1日起施行。
"""


def _kinds(item) -> dict[str, object]:
    return {c.kind: c.value for c in item.conditions if c.value is not None}


def test_a_guide_annex_conditions_heading_binds_every_item_of_the_annex() -> None:
    doc = _document(GUIDE, "most-guide", "全国", "国家")
    items = _items(doc)
    anchors = {i.benefit_quote.anchor for i in items}
    assert {"附件1.二.（一）", "附件1.二.（二）", "附件1.二.（三）"} <= anchors
    for anchor in ("附件1.二.（一）", "附件1.二.（二）", "附件1.二.（三）"):
        kinds = _kinds(_anchor(items, anchor))
        assert kinds.get("revenue_min") == 20000 and kinds.get("rd_ratio_min") == 0.05, anchor
    small = _statuses(items, doc, dt.date(2026, 12, 1), city="武汉市", revenue=8000, rd_ratio=0.06)
    assert all(status != "qualifies" for status, _ in small.values())


def test_a_sum_the_company_may_receive_is_an_offer() -> None:
    doc = _document(GUIDE, "most-guide", "全国", "国家")
    item = _anchor(_items(doc), "附件1.二.（二）")
    assert [a.value for a in item.benefit if a.kind == "cap"] == [300]


def test_a_subject_lead_without_dui_and_sector_words_after_guishang_are_size_conditions() -> None:
    doc = _document(DISTRICT, "xianan-measures", "咸宁市咸安区", "区县")
    items = _items(doc)
    for anchor in ("第二条", "第三条"):
        assert any(c.kind == "size" and c.text == "规模以上" for c in _anchor(items, anchor).conditions), anchor
    statuses = _statuses(items, doc, dt.date(2026, 12, 1), city="咸宁市", district="咸安区",
                         above_scale=False, revenue=1500)
    assert statuses["xianan-measures:第二条"][0] != "qualifies"


def test_a_zones_projects_are_for_that_zone_only() -> None:
    doc = _document(DISTRICT, "xianan-measures", "咸宁市咸安区", "区县")
    item = _anchor(_items(doc), "第四条")
    assert any(c.kind == "region" and c.text == "咸安经济开发区" for c in item.conditions)


def test_a_yearly_ceiling_and_a_duty_are_no_offers_and_the_duty_binds_every_item() -> None:
    doc = _document(DISTRICT, "xianan-measures", "咸宁市咸安区", "区县")
    items = _items(doc)
    anchors = {i.benefit_quote.anchor for i in items}
    assert anchors == {"第二条", "第三条", "第四条"}  # not 第五条 (a duty), 第六条 (a ceiling), 第七条 (no offer)
    for item in items:
        assert any(c.kind == "attestation" and "无重大安全生产事故" in (c.text or "") for c in item.conditions)


def test_passing_a_certification_in_a_table_row_is_its_condition() -> None:
    doc = _document(TABLE, "enshi-fund", "恩施土家族苗族自治州")
    items = _items(doc)
    (hitech,) = [i for i in items if "高新技术企业" in i.benefit_quote.quote]
    assert any(c.kind == "certification" and "高新技术企业" in (c.text or "") for c in hitech.conditions)


def test_a_numbered_line_paying_an_amount_without_final_punctuation_is_a_clause_and_an_item() -> None:
    clauses = {c.anchor: c for c in parse_clauses("jz", NUMBERED)}
    assert clauses["一.1"].text == "1.新认定的省级企业技术中心一次性奖励30万元"
    doc = _document(NUMBERED, "jz", "荆州市")
    items = _items(doc)
    assert [[a.value for a in i.benefit] for i in items] == [[30], [100]]
    assert "一" not in clauses or "奖励" not in clauses["一"].text  # the topic heading stays a heading


def test_a_company_saying_it_is_outside_a_zone_named_after_its_district_is_not_offered_the_zone_item() -> None:
    from tests.test_items_annex import _status

    fields = {"description": "咸宁市咸安区城区的一家企业（不在咸安经济开发区），规上，营收6000万元"}
    statuses = _status(DISTRICT, "xianan-measures", "咸宁市咸安区", "区县", fields, dt.date(2026, 12, 1))
    assert statuses["xianan-measures:第四条"] == "not_qualified"


def test_a_rent_per_square_metre_is_a_per_unit_amount_not_a_lump_sum() -> None:
    text = "孝昌县支持企业入园若干措施（虚构测试文档）\n第二条 入驻孝昌经济开发区标准化厂房的企业，按每平方米每月八元给予租金补贴。\n"
    (item,) = _items(_document(text, "xiaochang-park", "孝感市孝昌县", "区县"))
    assert [(a.kind, a.value) for a in item.benefit] == [("per_unit", 0.0008)]
