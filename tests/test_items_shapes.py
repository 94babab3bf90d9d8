"""Shapes real measures come in, on fictional text: a topic lead before the offer, bounds and tiers that are
not amounts, financing services and rent waivers without a money amount, a zone's companies named after a long
subject, membership of an association, and every name of a 中小企业 size."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.documents.clauses import parse_clauses
from assistant.documents.items import extract_items
from assistant.documents.rules import DocumentRules
from assistant.eligibility import parse_profile
from assistant.eligibility.errors import InvalidProfile
from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.types import Document, DocumentMeta

SETTINGS = Settings()
RULES = DocumentRules.load(SETTINGS.document_rules_dir)
VOCAB = load_vocabulary(SETTINGS.vocabulary_path)
TODAY = dt.date(2026, 12, 1)

TEXT = """\
（虚构测试文件）襄阳市支持装备企业发展的若干举措

第一条　支持企业融资。对企业用于技术改造的银行贷款，按实际支付利息的40%给予贴息，单个企业每年最高不超过150万元。
第二条　市级政府性融资担保机构对中小企业单户800万元以下贷款提供担保，担保费率不高于0.8%。
第三条　对规上企业年营业收入2亿元以上、6亿元以上且同比增长8%以上的，分别奖励15万元、40万元。
第四条　对入驻襄阳高新区标准厂房的企业，前两年厂房租金全免。
第五条　对襄阳高新区内年营业收入3000万元以上的智能装备制造企业，按其当年新增研发费用的6%给予奖励，最高40万元。
第六条　对新加入湖北省智能装备行业协会的本市会员企业，按其缴纳年度会费的50%给予补贴，每家每年最高3万元。
"""


@pytest.fixture(scope="module")
def items():
    meta = DocumentMeta(doc_id="shapes", title=TEXT.splitlines()[0], region="襄阳市", level="市",
                        effective_from=dt.date(2026, 1, 1), effective_to=dt.date(2028, 12, 31))
    doc = Document(meta=meta, text=TEXT, sha256="x")
    found = extract_items(doc, parse_clauses("shapes", TEXT), RULES.items)
    return meta, {i.id.split(":")[1]: i for i in found}


def test_topic_lead_is_the_title_not_an_item(items):
    _, by_anchor = items
    assert [a for a in by_anchor if a.startswith("第一条")] == ["第一条"]
    assert by_anchor["第一条"].benefit_quote.quote.startswith("对企业用于技术改造的银行贷款")


def test_bounds_and_tiers_are_not_amounts(items):
    _, by_anchor = items
    assert [a.text for a in by_anchor["第二条"].benefit] == ["0.8%"]  # 800万元以下 bounds the loan
    assert [a.value for a in by_anchor["第三条"].benefit] == [15, 40]  # 6亿元 and 8% are tiers / bounds


def test_services_and_rent_waivers_are_items(items):
    _, by_anchor = items
    assert "第二条" in by_anchor and "第四条" in by_anchor


def test_zone_after_a_long_subject_is_a_region_condition(items):
    _, by_anchor = items
    regions = [c.text for c in by_anchor["第五条"].conditions if c.kind == "region"]
    assert regions and all("高新" in r for r in regions)


def _statuses(items, **fields):
    meta, by_anchor = items
    library = Library.build(list(by_anchor.values()), {"shapes": meta}, VOCAB)
    result = match_library(parse_profile(fields, VOCAB), library, TODAY, include_all=True)
    return {m.id.split(":")[1]: m.status for m in [*result.matches, *result.unavailable]}


def test_zone_item_never_qualifies_elsewhere_in_the_city(items):
    assert _statuses(items, city="襄阳", district="樊城区", revenue=8000)["第五条"] != "qualifies"


def test_membership_is_required_unless_said(items):
    assert _statuses(items, city="襄阳")["第六条"] == "may_qualify"
    said = _statuses(items, city="襄阳", description="我们今年新加入了湖北省智能装备行业协会。")
    assert said["第六条"] == "qualifies"
    other = _statuses(items, city="襄阳", roles=["襄阳市机械工程学会会员"])
    assert other["第六条"] == "may_qualify"


@pytest.mark.parametrize("size", ["小型", "微型企业", "中型", "小微", "medium-sized"])
def test_every_name_of_a_small_or_medium_size(size):
    assert parse_profile({"size": size}, VOCAB).size == "中小企业"


def test_unknown_size_still_refused():
    with pytest.raises(InvalidProfile):
        parse_profile({"size": "超级"}, VOCAB)


ENGLISH = "\n\n".join([
    "Measures of Xiangyang High-tech Zone to Support Drone Makers (fictional test document)",
    "Article 1 Scope. These measures apply to enterprises registered in Xiangyang High-tech Zone that make drones.",
    "Article 2 Growth. An enterprise whose annual operating revenue exceeds RMB 200 million for the first time "
    "shall receive a one-off reward of RMB 800,000.",
    "Article 3 Lines. For a production line with equipment investment of no less than RMB 10 million, a subsidy of "
    "12% of the equipment investment shall be granted, capped at RMB 2 million per project.",
    "Article 4 Talent. Each newly employed engineer shall receive an allowance of RMB 2,000 per person per month.",
    "Article 5 Applications are accepted at any time.",
]) + "\n"


@pytest.fixture(scope="module")
def english():
    meta = DocumentMeta(doc_id="en", title=ENGLISH.splitlines()[0], region="湖北省", level=None)
    doc = Document(meta=meta, text=ENGLISH, sha256="x")
    return meta, extract_items(doc, parse_clauses("en", ENGLISH), RULES.items)


def test_english_measures_give_items_with_amounts_and_thresholds(english):
    _, found = english
    assert len(found) == 3  # the scope and the applications article offer nothing
    growth, line, talent = found
    assert [(a.kind, a.value) for a in growth.benefit] == [("lump_sum", 80)]
    assert {c.kind: c.value for c in growth.conditions}["revenue_min"] == 20000
    assert [(a.kind, a.value) for a in line.benefit] == [("ratio", 0.12), ("cap", 200)]
    assert {c.kind: c.value for c in line.conditions}["investment_min"] == 1000
    assert [(a.kind, a.value) for a in talent.benefit] == [("per_person", 0.2)]
    assert all(a.quote.quote == ENGLISH[a.quote.start:a.quote.end] for i in found for a in i.benefit)


def test_english_scope_region_binds_every_item(english):
    meta, found = english
    library = Library.build(found, {"en": meta}, VOCAB)

    def offered(**fields):
        result = match_library(parse_profile(fields, VOCAB), library, TODAY, include_all=True)
        return {m.id for m in result.matches if m.status in ("qualifies", "may_qualify")}

    assert len(offered(city="襄阳", district="高新区", revenue=30000)) == 3
    assert not offered(city="武汉", district="东湖高新区", revenue=30000)  # Hubei, but not the zone


RANGES = """\
（虚构测试文件）宜昌市中小企业成长奖励办法

第一条　对年营业收入2000万元至4亿元的企业，按研发投入的10%给予补助，最高100万元。
第二条　对主营业务收入在5000万元—2亿元之间的企业，给予一次性奖励20万元。
第三条　对从业人员50至300人的企业，给予一次性奖励10万元。
"""


def test_ranges_give_both_ends_and_no_amounts():
    meta = DocumentMeta(doc_id="ranges", title="宜昌市中小企业成长奖励办法（虚构）", region="宜昌市", level="市")
    doc = Document(meta=meta, text=RANGES, sha256="x")
    first, second, third = extract_items(doc, parse_clauses("ranges", RANGES), RULES.items)
    assert {(c.kind, c.value) for c in first.conditions} >= {("revenue_min", 2000), ("revenue_max", 40000)}
    assert [a.text for a in first.benefit] == ["按研发投入的10%给予补助", "最高100万元"]
    assert {(c.kind, c.value) for c in second.conditions} >= {("revenue_min", 5000), ("revenue_max", 20000)}
    assert [a.value for a in second.benefit] == [20]
    assert {(c.kind, c.value) for c in third.conditions} >= {("employees_min", 50), ("employees_max", 300)}
    library = Library.build([first, second, third], {"ranges": meta}, VOCAB)
    result = match_library(parse_profile({"city": "宜昌", "revenue": 50000, "employees": 800}, VOCAB), library,
                           TODAY, include_all=True)
    assert all(m.status == "not_qualified" for m in result.matches + result.unavailable)


@pytest.mark.parametrize(("text", "city"), [
    ("总部在上海，我们是在宜昌注册的全资子公司，研发占比5个点。", "宜昌"),
    ("公司注册地在仙桃，工厂在天门。", "仙桃"),
    ("Our parent is in Shenzhen; we are registered in Xiangyang.", "襄阳"),
])
def test_where_the_company_is_registered_wins(text, city):
    from assistant.eligibility import profile_from_description

    profile, _ = profile_from_description(text, {}, VOCAB)
    assert profile.city == city
    if "5个点" in text:
        assert profile.rd_ratio == 0.05


UNTYPED = """\
（虚构测试文件）襄阳市装备企业奖励办法

第一条　对通过两化融合管理体系贯标评定的企业，给予一次性奖励10万元。
第二条　对年度研发投入增长20%以上的企业，按研发投入增量的10%给予奖励，最高50万元。
第三条　对从事工业机器人、数控机床研发制造的企业，给予一次性奖励10万元。
第四条　对新认定的高新技术企业，给予一次性奖励10万元。
"""


def test_a_requirement_no_condition_types_never_qualifies_on_silence():
    meta = DocumentMeta(doc_id="untyped", title="襄阳市装备企业奖励办法（虚构）", region="襄阳市", level="市")
    doc = Document(meta=meta, text=UNTYPED, sha256="x")
    found = extract_items(doc, parse_clauses("untyped", UNTYPED), RULES.items)
    attested = [[c.text for c in i.conditions if c.kind == "attestation"] for i in found]
    assert attested[:3] == [["通过两化融合管理体系贯标评定的企业"], ["年度研发投入增长20%以上的企业"],
                            ["从事工业机器人、数控机床研发制造的企业"]]
    assert attested[3] == []  # the certification is typed: nothing left to confirm
    for i in found[:3]:
        quote = next(c.quote for c in i.conditions if c.kind == "attestation")
        assert UNTYPED[quote.start:quote.end] == quote.quote
    library = Library.build(found, {"untyped": meta}, VOCAB)
    result = match_library(parse_profile({"city": "襄阳", "certifications": ["高新技术企业"]}, VOCAB), library,
                           TODAY, include_all=True)
    statuses = {m.id.split(":")[1]: m.status for m in result.matches}
    assert statuses == {"第一条": "may_qualify", "第二条": "may_qualify", "第三条": "may_qualify",
                        "第四条": "qualifies"}


@pytest.mark.parametrize(("body", "opens", "deadline"), [
    ("第一条　对2026年6月30日前完成验收的智能化改造项目，按设备投资额的10%给予补助。", None, None),
    ("第一条　对认定的企业给予奖励20万元。\n第二条　申报时间：2026年11月1日至30日。",
     dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
    ("第一条　对2026年12月31日前提交申请的企业，给予奖励20万元。", None, dt.date(2026, 12, 31)),
])
def test_a_date_describing_the_project_is_no_window(body, opens, deadline):
    text = "（虚构测试文件）襄阳市若干措施\n\n" + body + "\n"
    meta = DocumentMeta(doc_id="w", title="襄阳市若干措施（虚构）", region="襄阳市", level="市",
                        issue_date=dt.date(2026, 3, 1))
    (item,) = extract_items(Document(meta=meta, text=text, sha256="x"), parse_clauses("w", text), RULES.items)
    window = item.window
    assert (window.opens if window else None, window.deadline if window else None) == (opens, deadline)


@pytest.mark.parametrize(("text", "fields"), [
    ("We are an SME in Jingzhou Economic Development Zone; not yet above designated size.", {"above_scale": False}),
    ("A Xiangyang company; we are a national 'little giant' and a high-tech enterprise.",
     {"certifications": ["国家级专精特新“小巨人”企业", "高新技术企业"]}),
    ("公司坐落于黄冈市黄州区，员工八十人。", {"employees": 80}),
    ("研发人员占比30%，研发费用投入680万元，占比5.04%。", {"rd_ratio": 0.0504, "rd_spend": 680}),
    ("公司还没纳入规上统计。", {"above_scale": False}),
])
def test_descriptions_in_more_words(text, fields):
    from assistant.eligibility import profile_from_description

    profile, _ = profile_from_description(text, {}, VOCAB)
    assert {k: getattr(profile, k) for k in fields} == fields


def test_a_place_naming_what_it_includes_is_still_the_region():
    text = ("（虚构测试文件）恩施州若干政策\n\n一、适用范围\n在恩施土家族苗族自治州（含恩施市、利川市、建始县及"
            "恩施高新区）注册登记的工业企业。\n二、投资奖励\n对年纳税额首次超过1000万元的工业企业，给予一次性奖励50万元。\n")
    # the document's region was not understood (the default): the scope sentence still binds the items
    meta = DocumentMeta(doc_id="es", title="恩施州若干政策（虚构）", region="湖北省", level=None)
    (item,) = extract_items(Document(meta=meta, text=text, sha256="x"), parse_clauses("es", text), RULES.items)
    assert "恩施土家族苗族自治州" in [c.text for c in item.conditions if c.kind == "region"]
    library = Library.build([item], {"es": meta}, VOCAB)
    result = match_library(parse_profile({"city": "宜昌", "tax_paid": 2000}, VOCAB), library, TODAY, include_all=True)
    assert all(m.status == "not_qualified" for m in result.matches + result.unavailable)


def test_a_subject_without_dui_is_read_too():
    text = "（虚构测试文件）天门市稳增长措施\n\n第二条　规上企业年营业收入1亿元以上且同比增长10%以上的，奖励10万元。\n"
    meta = DocumentMeta(doc_id="tm", title="天门市稳增长措施（虚构）", region="天门市", level="市")
    (item,) = extract_items(Document(meta=meta, text=text, sha256="x"), parse_clauses("tm", text), RULES.items)
    assert [c.text for c in item.conditions if c.kind == "attestation"] == ["同比增长10%以上的"]
    library = Library.build([item], {"tm": meta}, VOCAB)
    profile = parse_profile({"city": "天门", "revenue": 18000, "above_scale": True}, VOCAB)
    assert match_library(profile, library, TODAY).matches[0].status == "may_qualify"  # the growth is not known
