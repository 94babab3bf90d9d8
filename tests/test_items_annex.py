"""Conditions stated apart from the items: a notice's annex (附件1 申报指南 › 申报主体应具备以下条件：(一)…),
a 规模以上 lead-in after a clause number, and a consortium the company says it leads. Fictional
documents written here, checked through extraction and the library matcher."""
# ruff: noqa: E501 (the documents' lines are long, as real ones are)

from __future__ import annotations

import datetime as dt

from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.profile import OfflineExtractor, build_profile
from tests.test_items_general import VOCAB, _document, _items

NOTICE = """\
工业和信息化部办公厅关于开展2026年度智能传感器创新任务揭榜工作的通知（虚构测试文档）
各省、自治区、直辖市工业和信息化主管部门：
为加快智能传感器产业发展，现组织开展揭榜工作，有关事项通知如下。
一、工作目标
突破一批关键技术。
二、支持政策
对入选项目按项目总投资的百分之二十给予补助，最高不超过一千万元。
三、其他
请于2026年12月15日前完成推荐。

附件1
2026年度智能传感器创新任务申报指南
申报主体应具备以下条件：
（一）上年度营业收入不低于3亿元；
（二）研发投入占营业收入比例不低于6%；
（三）为高新技术企业。
"""

DISTRICT = """\
夷陵区促进工业经济高质量发展的若干措施（虚构测试文档）
第一条 为推动我区工业经济高质量发展，制定本措施。
第二条 对规模以上工业企业实施的技术改造项目，按设备投资额的百分之二十给予补助、最高不超过二百万元。
第三条 对牵头组建创新联合体的企业，给予一次性奖励一百万元。
第四条 本措施自2026年10月1日起施行。
"""


def _status(text: str, doc_id: str, region: str, level: str, fields: dict, today: dt.date) -> dict[str, str]:
    doc = _document(text, doc_id, region, level)
    items = _items(doc)
    profile, _ = build_profile(fields, OfflineExtractor(VOCAB), VOCAB)
    library = Library.build(items, {doc.meta.doc_id: doc.meta}, VOCAB)
    result = match_library(profile, library, today, include_all=True)
    return {m.id: m.status for m in [*result.matches, *result.unavailable]}


def test_an_annex_list_of_conditions_under_a_lead_paragraph_binds_the_notices_item() -> None:
    doc = _document(NOTICE, "miit-sensor", "全国", "国家")
    (item,) = _items(doc)
    kinds = {c.kind: c.value for c in item.conditions}
    assert kinds["revenue_min"] == 30000 and kinds["rd_ratio_min"] == 0.06
    assert any(c.kind == "certification" and c.text == "高新技术企业" for c in item.conditions)
    small = _status(NOTICE, "miit-sensor", "全国", "国家", {"city": "武汉市", "revenue": 3000}, dt.date(2026, 9, 1))
    assert small == {"miit-sensor:二": "not_qualified"}


def test_a_numbered_clause_leading_with_a_size_needs_that_size() -> None:
    today = dt.date(2026, 11, 1)
    for said, status in (("我们不是规上企业", "not_qualified"), ("我们是规下企业", "not_qualified"),
                         ("我们是规上企业", "qualifies")):
        found = _status(DISTRICT, "yiling", "夷陵区", "区县", {"city": "宜昌市", "district": "夷陵区", "description": said}, today)
        assert found["yiling:第二条"] == status, said


def test_a_company_saying_it_leads_a_consortium_meets_the_consortium_condition() -> None:
    today = dt.date(2026, 11, 1)
    fields = {"city": "宜昌市", "district": "夷陵区"}
    lead = _status(DISTRICT, "yiling", "夷陵区", "区县", {**fields, "description": "我们打算牵头组建联合体"}, today)
    other = _status(DISTRICT, "yiling", "夷陵区", "区县", {**fields, "description": "我们做传感器"}, today)
    assert lead["yiling:第三条"] == "qualifies"
    assert other["yiling:第三条"] == "may_qualify"


ZONE = """\
夷陵区支持企业入园发展的若干措施（虚构测试文档）
第一条 为推动企业集聚发展，制定本措施。
第二条 对入驻松湖经济开发区的企业，给予三年租金补贴，每年最高五十万元。
第三条 对新认定的高新技术企业，给予二十万元奖励。
"""


def test_a_zone_item_is_unmet_for_a_company_saying_it_is_outside_the_zone() -> None:
    today = dt.date(2026, 11, 1)
    fields = {"city": "宜昌市", "district": "夷陵区"}
    outside = _status(ZONE, "yiling-zone", "夷陵区", "区县", {**fields, "description": "我们不在松湖经济开发区"}, today)
    silent = _status(ZONE, "yiling-zone", "夷陵区", "区县", {**fields, "description": "我们做传感器"}, today)
    assert outside["yiling-zone:第二条"] == "not_qualified"
    assert silent["yiling-zone:第二条"] == "may_qualify"


def test_a_zone_the_districts_document_names_lies_in_that_district() -> None:
    today = dt.date(2026, 11, 1)
    inside = _status(ZONE, "yiling-zone", "夷陵区", "区县", {"city": "宜昌市", "district": "松湖经济开发区"}, today)
    assert inside == {"yiling-zone:第二条": "qualifies", "yiling-zone:第三条": "may_qualify"}
    elsewhere = _status(ZONE, "yiling-zone", "夷陵区", "区县", {"city": "宜昌市", "district": "西陵区"}, today)
    assert set(elsewhere.values()) == {"not_qualified"}


def test_an_unknown_place_is_unknown_never_unmet_for_the_districts_items() -> None:
    today = dt.date(2026, 11, 1)
    found = _status(ZONE, "yiling-zone", "夷陵区", "区县", {"city": "宜昌市", "district": "金竹工业园"}, today)
    assert set(found.values()) == {"may_qualify"}


CITY_ZONE = """\
宜昌市支持园区企业发展的若干措施（虚构测试文档）
第一条 为推动园区企业发展，制定本措施。
第二条 对入驻夷陵区松湖经济开发区的企业，给予三年租金补贴，每年最高五十万元。
"""


def test_a_zone_named_after_its_district_lies_in_that_district() -> None:
    today = dt.date(2026, 11, 1)
    zone = _status(CITY_ZONE, "yichang-zone", "宜昌市", "市", {"city": "宜昌市", "district": "松湖经济开发区"}, today)
    other = _status(CITY_ZONE, "yichang-zone", "宜昌市", "市", {"city": "宜昌市", "district": "西陵区"}, today)
    assert zone == {"yichang-zone:第二条": "qualifies"}
    assert other == {"yichang-zone:第二条": "not_qualified"}


TWO_ANNEXES = """\
海南省工业和信息化厅关于组织申报2026年度产业发展专项资金项目的通知（虚构测试文档）
各市县工业和信息化主管部门：
现将有关事项通知如下。
一、支持内容
（一）工业软件攻关项目。对入选的工业软件攻关项目按研发投入的百分之三十给予补助，最高不超过六百万元。
（二）公共服务平台项目。对入选的公共服务平台项目按设备投资的百分之二十给予补助，最高不超过三百万元。
二、申报时间
申报截止时间为2026年11月30日。

附件1
工业软件攻关项目申报指南
一、申报条件
申报主体应具备以下条件：
（一）上年度营业收入不低于2亿元；
（二）为高新技术企业。

附件2
公共服务平台项目申报指南
一、申报条件
申报主体应具备以下条件：
（一）上年度营业收入不低于5000万元；
（二）近三年未发生重大安全事故。
"""


def test_an_annex_naming_a_category_binds_that_categorys_items_only() -> None:
    doc = _document(TWO_ANNEXES, "hainan-fund", "海南省", "省")
    soft, platform = _items(doc)
    assert [c.value for c in soft.conditions if c.kind == "revenue_min"] == [20000]
    assert any(c.text == "高新技术企业" for c in soft.conditions)
    assert [c.value for c in platform.conditions if c.kind == "revenue_min"] == [5000]
    assert not any(c.text == "高新技术企业" for c in platform.conditions)


REQUIREMENTS_ANNEX = """\
工业和信息化部办公厅关于组织开展2026年度工业母机创新任务申报工作的通知（虚构测试文档）
各省、自治区、直辖市工业和信息化主管部门：
一、支持方式
对入选项目按项目投资额的百分之十五给予补助，最高不超过八百万元。

工业和信息化部办公厅
2026年9月1日

附件1
2026年度工业母机创新任务申报指南
一、申报要求
（一）申报单位须为上年度营业收入不低于5亿元的高新技术企业；
（二）请于规定时间内报送。
"""


def test_an_annex_requirement_line_cut_short_in_its_heading_still_binds_the_item() -> None:
    doc = _document(REQUIREMENTS_ANNEX, "miit-jm", "全国", "国家")
    (item,) = _items(doc)
    assert [c.value for c in item.conditions if c.kind == "revenue_min"] == [50000]
    assert any(c.text == "高新技术企业" for c in item.conditions)
