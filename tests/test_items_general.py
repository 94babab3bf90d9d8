"""Support items from documents of any shape: amounts per person per period in any numerals, unnumbered
paragraphs, application windows per batch, zones named by their short name. Fictional documents written
here (no gold document's wording), checked through extraction and the library matcher."""
# ruff: noqa: E501 (the documents' lines are long, as real ones are)

from __future__ import annotations

import datetime as dt

import pytest

from assistant.documents.clauses import parse_clauses
from assistant.documents.items import MONEY, extract_items, money_wan
from assistant.documents.loaders import document_from_bytes
from assistant.documents.pdf_text import reflow_pages
from assistant.documents.rules import DocumentRules
from assistant.eligibility import parse_profile
from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.types import Document, DocumentMeta, SupportItem

RULES = DocumentRules.load(Settings().document_rules_dir)
VOCAB = load_vocabulary(Settings().vocabulary_path)


def _document(text: str, doc_id: str, region: str, level: str = "市") -> Document:
    meta = DocumentMeta(doc_id=doc_id, title=text.splitlines()[0], region=region, level=level,
                        issue_date=dt.date(2026, 8, 20))
    return Document(meta=meta, text=text, sha256="x")


def _items(doc: Document) -> list[SupportItem]:
    items = extract_items(doc, parse_clauses(doc.meta.doc_id, doc.text), RULES.items)
    for item in items:  # every quote stays verbatim
        quotes = [item.benefit_quote, *item.citations, *[a.quote for a in item.benefit],
                  *[c.quote for c in item.conditions if c.quote],
                  *[w.quote for w in [item.window, *item.windows] if w is not None]]
        assert all(doc.text[q.start:q.end] == q.quote for q in quotes)
    return items


def _anchor(items: list[SupportItem], anchor: str) -> SupportItem:
    (item,) = [i for i in items if i.benefit_quote.anchor == anchor]
    return item


def _statuses(items: list[SupportItem], doc: Document, today: dt.date, **fields) -> dict[str, tuple[str, str]]:
    library = Library.build(items, {doc.meta.doc_id: doc.meta}, VOCAB)
    result = match_library(parse_profile(fields, VOCAB), library, today, include_all=True)
    return {m.id: (m.status, m.availability) for m in [*result.matches, *result.unavailable]}


# ── 1. amounts per person per month/year, in Chinese numerals, in numbered PDF clauses and plain paragraphs ──

# A printed page as pypdf returns it: one line per printed line, sentences wrapped mid-way.
TALENT_PAGE = """\
孝感市支持企业引进高技能人才的若干措施（虚构测试文档）
第一条 为加快集聚产业发展急需的高技能人才，结合我市实际，制定
本措施。
第二条 对企业新引进并全职工作的高级技师，每人每月三千元，连续发
放三年。
第三条 对企业全职引进的产业领军人才，由市财政按每人每年五万元发
放岗位津贴，最长不超过五年。
第四条 企业新聘用的首席技师，享受每人每月二千元的技能津贴。
第五条 对企业引进的博士研究生，给予每人每年一万二千元工作经费。
第六条 企业职工月平均工资不低于三千元的，方可申报。
第七条 本措施自2026年9月1日起施行。
"""


@pytest.fixture(scope="module")
def talent() -> tuple[Document, list[SupportItem]]:
    text = reflow_pages([TALENT_PAGE])
    doc = _document(text, "xiaogan-talent", "孝感市")
    return doc, _items(doc)


def test_chinese_numerals_with_wan_inside_parse_whole() -> None:
    assert money_wan(MONEY.search("每年一万二千元")) == (1.2, None)
    assert money_wan(MONEY.search("三万五千元")) == (3.5, None)
    assert money_wan(MONEY.search("五万元")) == (5, None)
    assert money_wan(MONEY.search("每人每月三千元")) == (0.3, None)


def test_per_person_per_period_amounts_in_numbered_pdf_clauses_are_items(talent) -> None:
    _, items = talent
    expected = {"第二条": (0.3, "每人每月三千元"), "第三条": (5, "按每人每年五万元"),
                "第四条": (0.2, "每人每月二千元"), "第五条": (1.2, "每人每年一万二千元")}
    for anchor, (value, words) in expected.items():
        item = _anchor(items, anchor)
        assert [(a.kind, a.value) for a in item.benefit] == [("per_person", value)], anchor
        assert words in item.benefit[0].text
        assert item.kind == "人才"
    anchors = {i.benefit_quote.anchor for i in items}
    assert "第六条" not in anchors  # a wage floor is a condition, no benefit
    assert "第一条" not in anchors and "第七条" not in anchors


JOBS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>荆门市稳岗扩岗措施</title></head>
<body><div class="nav">首页 | 政务公开 | 政策文件</div>
<div class="article"><h1>荆门市关于支持企业稳岗扩岗的若干措施（虚构测试文档）</h1>
<p>发布日期：2026-04-10　来源：荆门市人力资源和社会保障局</p>
<p>　　为稳定和扩大就业，支持企业吸纳就业，结合我市实际，制定以下措施。</p>
<p>　　对在本市注册的中小企业新招用毕业两年内的高校毕业生，签订一年以上劳动合同并缴纳社会保险的，给予每人每月1500元生活补贴，补贴期限最长不超过12个月。</p>
<p>　　对企业新引进的急需紧缺高技能人才，每人每年一次性发放安家费五万元。</p>
<p>　　企业吸纳就业困难人员就业的，按每人每年三千元标准给予一次性吸纳就业补贴。</p>
<p>　　符合条件的企业向所在地人社部门提出申请。</p>
<p>　　本措施自印发之日起施行，有效期至2027年12月31日。</p>
</div><div class="footer">主办单位：荆门市人民政府办公室</div></body></html>"""


def test_benefits_in_unnumbered_html_paragraphs_are_items() -> None:
    doc = document_from_bytes(JOBS_PAGE.encode(), "jingmen-jobs.html", RULES)
    items = _items(doc)
    amounts = sorted((a.kind, a.value) for i in items for a in i.benefit)
    assert amounts == [("per_person", 0.15), ("per_person", 0.3), ("per_person", 5)]
    subsidy = next(i for i in items if "生活补贴" in i.benefit_quote.quote)
    assert subsidy.kind == "补助"  # 缴纳社会保险 names the condition, the benefit is a 补贴, no insurance
    assert any(c.kind == "size" and c.text == "中小企业" for c in subsidy.conditions)
    assert not [i for i in items if "提出申请" in i.benefit_quote.quote or "施行" in i.benefit_quote.quote]


def test_a_short_unpunctuated_line_stating_an_amount_is_an_item_a_heading_is_not() -> None:
    page = ("<html><body><h1>荆门市稳岗扩岗的通知（虚构测试文档）</h1><p>为稳定就业，现通知如下。</p>"
            "<p>一次性吸纳就业补贴标准</p><p>对新招用的高校毕业生给予每人每月1500元生活补贴</p></body></html>")
    doc = document_from_bytes(page.encode(), "jingmen-short.html", RULES)
    (item,) = _items(doc)
    assert item.benefit_quote.quote == "对新招用的高校毕业生给予每人每月1500元生活补贴"
    assert [(a.kind, a.value) for a in item.benefit] == [("per_person", 0.15)]


# ── 2. application windows per batch ──

GUIDE = """\
荆州市2026年度制造业高质量发展专项资金申报指南（虚构测试文档）
一、第一批申报项目
（一）智能化改造补助。对企业实施的智能化改造项目，按设备投资额的10%给予补助，最高不超过300万元。
（二）数字化车间奖励。对新认定的市级数字化车间，一次性奖励30万元。
二、第二批申报项目
（一）专精特新企业奖励。对首次认定为省级专精特新中小企业的，一次性奖励20万元。
（二）绿色工厂奖励。对新认定的省级绿色工厂，一次性奖励50万元。
三、常年受理项目
（一）首台套推广。对首台套装备销售，按销售额的5%给予奖励。
四、申报时间
（一）第一批项目申报截止时间为2026年10月31日，逾期不予受理。
（二）第二批项目申报时间为2026年12月1日至2027年3月31日。
"""

UNTIED = """\
荆州市2026年度企业技术改造资金申报通知（虚构测试文档）
一、支持内容
（一）设备更新补助。对企业购置生产设备，按设备投资额的8%给予补助，最高不超过200万元。
（二）技术中心奖励。对新认定的省级企业技术中心，一次性奖励50万元。
二、申报时间
本年度分两批组织申报：第一批申报截止时间为2026年10月31日；第二批申报时间为2027年1月5日至2027年3月31日。
"""

LISTED = """\
荆州市2026年度工业资金申报通知（虚构测试文档）
一、支持内容
（一）智能化改造补助。对企业实施的智能化改造项目，按设备投资额的10%给予补助。
（二）专精特新企业奖励。对首次认定为省级专精特新中小企业的，一次性奖励20万元。
二、申报安排
第一批：受理智能化改造补助项目；申报截止时间为2026年10月31日。第二批：受理专精特新企业奖励项目；申报时间为2026年12月1日至2027年3月31日。
"""

SECTIONS = """\
荆州市2026年度工业发展资金申报指南（虚构测试文档）
一、第一批：技术改造类
（一）技改补助。对企业技术改造项目，按设备投资额的10%给予补助。
（二）申报时间：2026年9月1日至2026年10月31日。
二、第二批：创新平台类
（一）平台奖励。对新认定的省级制造业创新中心，一次性奖励100万元。
（二）申报时间：2026年12月1日至2027年2月28日。
"""


def test_a_batch_window_governs_the_items_of_its_batch() -> None:
    doc = _document(GUIDE, "jingzhou-guide", "荆州市")
    items = _items(doc)
    first = [_anchor(items, "一.（一）"), _anchor(items, "一.（二）")]
    second = [_anchor(items, "二.（一）"), _anchor(items, "二.（二）")]
    assert {i.window.deadline for i in first} == {dt.date(2026, 10, 31)}
    assert {(i.window.opens, i.window.deadline) for i in second} == {(dt.date(2026, 12, 1), dt.date(2027, 3, 31))}
    assert not any(i.windows for i in [*first, *second])  # tied to one batch: no alternatives
    untied = _anchor(items, "三.（一）")  # tied to neither batch: open while either is
    assert sorted(w.deadline for w in untied.windows) == [dt.date(2026, 10, 31), dt.date(2027, 3, 31)]
    got = _statuses(items, doc, dt.date(2026, 11, 15), city="荆州")
    assert {got[i.id][1] for i in first} == {"closed"}
    assert {got[i.id][1] for i in second} == {"not_yet"}
    assert got[untied.id][1] == "not_yet"  # between the batches: the second is ahead, the item is not closed
    later = _statuses(items, doc, dt.date(2026, 12, 10), city="荆州")
    assert {later[i.id][1] for i in second} == {"open"} and later[untied.id][1] == "open"


def test_untied_items_are_open_while_any_window_is_and_show_the_next_deadline() -> None:
    doc = _document(UNTIED, "jingzhou-untied", "荆州市")
    items = _items(doc)
    assert len(items) == 2 and all(len(i.windows) == 2 for i in items)
    library = Library.build(items, {doc.meta.doc_id: doc.meta}, VOCAB)
    profile = parse_profile({"city": "荆州"}, VOCAB)
    early = match_library(profile, library, dt.date(2026, 10, 1))
    assert {m.deadline for m in early.matches} == {dt.date(2026, 10, 31)} and not early.unavailable
    gap = match_library(profile, library, dt.date(2026, 11, 20))
    assert not gap.matches and {m.availability for m in gap.unavailable} == {"not_yet"}
    assert all("2027-01-05" in (m.availability_reason or "") for m in gap.unavailable)
    second = match_library(profile, library, dt.date(2027, 2, 1))
    assert {(m.opens, m.deadline) for m in second.matches} == {(dt.date(2027, 1, 5), dt.date(2027, 3, 31))}
    assert {m.days_left for m in second.matches} == {58}
    after = match_library(profile, library, dt.date(2027, 4, 1))
    assert not after.matches and {m.availability_reason for m in after.unavailable} == {"申报已截止 2027-03-31"}


def test_a_batch_is_tied_to_the_category_its_line_lists_before_the_window() -> None:
    doc = _document(LISTED, "jingzhou-listed", "荆州市")
    retrofit, specialised = _items(doc)
    assert (retrofit.window.deadline, retrofit.windows) == (dt.date(2026, 10, 31), [])
    assert (specialised.window.opens, specialised.window.deadline, specialised.windows) == (
        dt.date(2026, 12, 1), dt.date(2027, 3, 31), [])


GROUPED = """\
黄石市2026年度制造业专项资金申报指南（虚构测试文档）
一、支持内容
（一）设备升级类
1.数字化改造补助。对企业实施的数字化改造项目，按设备投资额的6%给予补助，最高不超过100万元。
2.协作机器人补贴。对企业购置协作机器人的，按购置价格的8%给予补贴。
（二）主体培育类
1.首次上规奖励。对首次纳入规模以上工业企业统计的企业，给予一次性奖励5万元。
二、申报时间
（一）第一批：设备升级类项目，申报时间为2026年8月1日至2026年9月30日。
（二）第二批：主体培育类项目，申报时间为2026年12月1日至2027年2月10日。
"""


def test_a_window_naming_a_heading_governs_the_items_below_it() -> None:
    doc = _document(GROUPED, "huangshi-grouped", "黄石市")
    items = _items(doc)
    upgrade = [_anchor(items, "一.（一）.1"), _anchor(items, "一.（一）.2")]
    growth = _anchor(items, "一.（二）.1")
    assert {(i.window.deadline, tuple(i.windows)) for i in upgrade} == {(dt.date(2026, 9, 30), ())}
    assert (growth.window.deadline, growth.windows) == (dt.date(2027, 2, 10), [])
    got = _statuses(items, doc, dt.date(2026, 12, 1), city="黄石")
    assert {got[i.id][1] for i in upgrade} == {"closed"} and got[growth.id][1] == "open"


def test_the_authorities_forwarding_deadline_is_no_batch_of_its_own() -> None:
    text = ("荆州市2026年度技改资金申报通知（虚构测试文档）\n"
            "一、支持内容\n（一）设备更新补助。对企业购置生产设备，按设备投资额的8%给予补助。\n"
            "二、申报时间\n企业于2026年10月31日前向所在县市区经信局提交申报材料；"
            "各县市区经信局于2026年11月15日前将审核推荐文件报送市经信局。\n")
    (item,) = _items(_document(text, "jingzhou-stages", "荆州市"))
    assert (item.window.deadline, item.windows) == (dt.date(2026, 10, 31), [])


def test_a_window_inside_a_batch_section_governs_that_section_only() -> None:
    doc = _document(SECTIONS, "jingzhou-sections", "荆州市")
    items = _items(doc)
    assert [i.benefit_quote.anchor for i in items] == ["一.（一）", "二.（一）"]
    first, second = items
    assert (first.window.opens, first.window.deadline) == (dt.date(2026, 9, 1), dt.date(2026, 10, 31))
    assert (second.window.opens, second.window.deadline) == (dt.date(2026, 12, 1), dt.date(2027, 2, 28))
    got = _statuses(items, doc, dt.date(2026, 12, 5), city="荆州")
    assert got[first.id][1] == "closed" and got[second.id][1] == "open"


# ── 3. zones by their short name; an item restricted to a zone ──

ZONE = """\
孝感高新区促进装备制造业发展的若干政策（虚构测试文档）
　　为加快孝感高新技术产业开发区（以下简称“高新区”）装备制造业集聚发展，制定本政策。
第一条 对在高新区注册并纳税的规模以上工业企业，年主营业务收入首次突破1亿元的，一次性奖励30万元。
第二条 对在本市注册的企业在高新区投资建设的技改项目，按设备投资额的6%给予补助。
"""

ZONE_PLAIN = """\
孝感市推动园区企业上规模的实施办法（虚构测试文档）
第一条 孝感高新技术产业开发区（以下简称开发区）是全市装备制造业的主要承载地。
第二条 在开发区依法注册登记的企业首次纳入规模以上工业企业统计的，一次性奖励10万元。
"""

CITY = """\
荆门市支持智能制造装备产业发展的若干措施（虚构测试文档）
第一条 对在本市注册的企业新认定为省级智能工厂的，一次性奖励50万元。
第二条 对注册在荆门高新区的企业建设的工业互联网平台，给予一次性奖励40万元。
第三条 对荆门高新区范围内的规模以上工业企业新建的数字化车间，一次性奖励20万元。
第四条 本措施适用于全市企业，由市经信局负责解释。
"""


@pytest.mark.parametrize("text", [ZONE, ZONE_PLAIN])
def test_a_short_name_the_document_defines_resolves_to_its_zone(text) -> None:
    doc = _document(text, "xiaogan-zone", "孝感市")
    items = _items(doc)
    zone_item = next(i for i in items if "开发区" in i.benefit_quote.quote or "高新区" in i.benefit_quote.quote
                     or i.benefit_quote.anchor == "第一条")
    regions = [c.text for c in zone_item.conditions if c.kind == "region"]
    assert regions == ["孝感高新技术产业开发区"]
    got = _statuses(items, doc, dt.date(2026, 9, 1), city="孝感", district="孝南区")
    assert got[zone_item.id][0] == "not_qualified"  # elsewhere in the city
    assert _statuses(items, doc, dt.date(2026, 9, 1), city="孝感", district="孝感高新区")[zone_item.id][0] != "not_qualified"
    assert _statuses(items, doc, dt.date(2026, 9, 1), city="孝感")[zone_item.id][0] == "may_qualify"


def test_an_item_one_clause_restricts_to_a_zone_needs_that_zone() -> None:
    doc = _document(CITY, "jingmen-ime", "荆门市")
    items = _items(doc)
    city_item, zone_items = _anchor(items, "第一条"), [_anchor(items, "第二条"), _anchor(items, "第三条")]
    for zone_item in zone_items:
        assert [c.text for c in zone_item.conditions if c.kind == "region"] == ["荆门高新区"]
    outside = _statuses(items, doc, dt.date(2026, 9, 1), city="荆门", district="东宝区")
    assert {outside[i.id][0] for i in zone_items} == {"not_qualified"} and outside[city_item.id][0] != "not_qualified"
    inside = _statuses(items, doc, dt.date(2026, 9, 1), city="荆门", district="荆门高新区")
    assert "not_qualified" not in {inside[i.id][0] for i in zone_items}
    city_only = _statuses(items, doc, dt.date(2026, 9, 1), city="荆门")
    assert {city_only[i.id][0] for i in zone_items} == {"may_qualify"}


def test_a_bare_zone_word_in_the_zones_own_document_is_that_zone() -> None:
    text = ("宜昌高新区支持企业上规模的若干措施（虚构测试文档）\n"
            "第一条 对高新区内的规模以上工业企业，年主营业务收入首次突破2亿元的，一次性奖励20万元。\n"
            "第二条 对在高新区注册的企业新建的智能工厂，一次性奖励30万元。\n")
    doc = _document(text, "yichang-zone", "宜昌高新区", level="区县")
    items = _items(doc)
    assert [[c.text for c in i.conditions if c.kind == "region"] for i in items] == [["宜昌高新区"], ["宜昌高新区"]]
    inside = _statuses(items, doc, dt.date(2026, 9, 1), city="宜昌", district="宜昌高新区")
    outside = _statuses(items, doc, dt.date(2026, 9, 1), city="宜昌", district="夷陵区")
    assert "not_qualified" not in {s for s, _ in inside.values()}
    assert {s for s, _ in outside.values()} == {"not_qualified"}


def test_a_paragraph_saying_whom_the_document_is_for_binds_every_item() -> None:
    page = ("<html><body><h1>宜昌市支持企业吸纳就业的若干措施（虚构测试文档）</h1>"
            "<p>本措施适用于在宜昌高新区注册登记的企业。</p>"
            "<p>对企业新招用的高校毕业生，给予每人每月一千元生活补贴。</p>"
            "<p>对企业新引进的高级技师，每人每年二万元。</p></body></html>")
    doc = document_from_bytes(page.encode(), "yichang-jobs.html", RULES)
    items = _items(doc)
    assert len(items) == 2
    assert all([c.text for c in i.conditions if c.kind == "region"] == ["宜昌高新区"] for i in items)
    outside = _statuses(items, doc, dt.date(2026, 9, 1), city="宜昌", district="夷陵区")
    assert {s for s, _ in outside.values()} == {"not_qualified"}


# ── what is no item: a pointer to a table, a yearly total, a scope sentence, a case-by-case promise ──

NOT_ITEMS = """江汉市智能装备产业发展若干措施（虚构测试文档）
第一条 凡在江汉市注册并纳税的智能装备企业，均可按本措施申请享受相关优惠。
第二条 市财政对符合条件的企业按下表标准给予支持。
第三条 对新认定的省级企业技术中心，一次性奖励40万元。
第四条 对入驻市智能装备产业园标准厂房的企业，前三年免收租金，后两年租金减半收取。
第五条 同一企业同一年度获得本措施支持累计不超过800万元。
第六条 对总投资超过10亿元的重大项目，实行“一事一议”，给予更大力度支持。
第七条 申报本措施支持的企业，应当近三年未发生重大安全生产事故。
"""


def test_pointers_totals_scope_and_case_by_case_promises_are_no_items_but_a_rent_waiver_is():
    doc = _document(NOT_ITEMS, "jh-measures", "江汉市")
    anchors = sorted(i.benefit_quote.anchor for i in _items(doc))
    assert anchors == ["第三条", "第四条"]


SCALE_NOTICE = """江汉市关于开展2026年度智能仓储应用项目申报的通知（虚构测试文档）

一、支持内容

对企业购置智能仓储装备的，按购置额的10%给予补助，单个企业最高不超过50万元。

二、申报条件

（一）在江汉市行政区域内注册登记、纳入规模以上工业统计的企业；

（二）近三年未发生重大安全事故。
"""


def test_counted_in_the_above_scale_statistics_is_the_above_scale_condition():
    doc = _document(SCALE_NOTICE, "jh-scale", "江汉市")
    (item,) = _items(doc)
    assert [c.text for c in item.conditions if c.kind == "size"] == ["规模以上"]


def test_a_threshold_on_turnover_named_营业额_is_a_revenue_threshold():
    text = "江汉市促进企业做大的若干措施（虚构测试文档）\n第一条 对上年度营业额首次突破2亿元的企业，给予一次性奖励50万元。\n"
    (item,) = _items(_document(text, "jh-big", "江汉市"))
    assert [(c.kind, c.value) for c in item.conditions if c.kind.startswith("revenue")] == [("revenue_min", 20000.0)]
