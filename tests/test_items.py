"""Support items extracted by rules from fictional policy documents written here."""
# ruff: noqa: E501 (the documents' lines are long, as real ones are)

from __future__ import annotations

import datetime as dt

import pytest

from assistant.documents.clauses import parse_clauses
from assistant.documents.items import MONEY, extract_items, item_id, money_wan, number, percent_fraction
from assistant.documents.rules import DocumentRules
from assistant.settings import Settings
from assistant.types import Document, DocumentMeta, SupportItem

RULES = DocumentRules.load(Settings().document_rules_dir)

MEASURES = """\
（虚构测试文件）临江市支持智能制造装备产业高质量发展的若干措施

第一条 总体要求。坚持创新驱动，力争到2026年全市智能制造装备产业主营业务收入达到500亿元，给予全市产业发展有力支持。
第二条 支持企业上规模。对年主营业务收入首次突破5亿元的规模以上工业企业，给予一次性奖励100万元；对年主营业务收入首次突破10亿元的，给予一次性奖励200万元。
第三条 支持智能化改造。对项目总投资1000万元以上、在本市注册的企业实施的智能化改造项目，按设备投资额的30%给予补助，单个项目最高不超过500万元。
第四条 支持专精特新发展。对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励五十万元；对首次认定为省级专精特新“小巨人”企业的，给予一次性奖励二十万元。
第五条 支持研发创新。对研发投入占营业收入比例不低于3%的高新技术企业，按年度研发投入增量的10%给予奖励，最高1.5亿元。申报企业须近三年未发生重大安全生产事故，且未被列入严重失信主体名单。
第六条 支持首台（套）推广。对经认定的省级首台（套）重大技术装备，按投保年度保费的80%给予保险补偿，最高不超过五百万元。
第七条 支持贷款贴息。对从业人员300人以下的中小企业获得的技术改造贷款，按贷款市场报价利率的50%给予贴息。
第八条 支持人才引进。对企业新引进的博士研究生，每人给予一次性安家补贴10万元。
第十一条 支持初创企业。对成立不超过5年、注册成立满1年的科技型中小企业，给予一次性补助二十万元。
第九条 组织保障。市经信局会同市财政局负责本措施的组织实施，各区要加大工作力度。
第十条 申报程序。符合条件的企业向所在区经信部门提出申请，经审核后报市经信局。
"""

NOTICE = """\
（虚构测试文件）关于组织申报2025年度省级制造业高质量发展专项资金项目的通知

各市、州、直管市经信局：

一、支持方向
（一）智能制造示范工厂。对认定为省级智能制造示范工厂的企业，给予一次性奖励300万元。
（二）工作目标。推动全省规模以上工业企业数字化转型。
二、申报时间
请各地于2025年6月30日前将申报材料报送至省经信厅。
三、申报材料
（一）项目申报书；（二）企业营业执照复印件。
"""

TABLE = """\
（虚构测试文件）专项资金支持标准

一、支持标准
项目类别：首台（套）保险补偿；支持标准：按保费的80%给予补贴，最高500万元；申报条件：高新技术企业
项目类别：企业简介；内容：企业名称和注册地址
"""


def _document(text: str, doc_id: str, region: str = "临江市") -> tuple[Document, list]:
    meta = DocumentMeta(doc_id=doc_id, title=text.splitlines()[0], region=region, level="市",
                        issue_date=dt.date(2025, 3, 1))
    doc = Document(meta=meta, text=text, sha256="x")
    return doc, parse_clauses(doc_id, text)


@pytest.fixture(scope="module")
def measures() -> tuple[Document, list[SupportItem]]:
    doc, clauses = _document(MEASURES, "measures")
    return doc, extract_items(doc, clauses, RULES.items)


def _by_anchor(items: list[SupportItem], anchor: str) -> list[SupportItem]:
    return [i for i in items if i.citations[0].anchor == anchor]


def _assert_verbatim(doc: Document, items: list[SupportItem]) -> None:
    for item in items:
        quotes = [item.benefit_quote, *item.citations, *item.procedure, *item.materials,
                  *[a.quote for a in item.benefit], *[c.quote for c in item.conditions if c.quote]]
        if item.window:
            quotes.append(item.window.quote)
        for q in quotes:
            assert doc.text[q.start:q.end] == q.quote
        for a in item.benefit:
            assert a.text == a.quote.quote


def test_numbers() -> None:
    assert number("五百") == 500 and number("一千五百") == 1500 and number("1.5") == 1.5
    assert money_wan(MONEY.search("1.5亿元")) == (15000, None)
    assert money_wan(MONEY.search("最高不超过五百万元")) == (500, None)
    assert money_wan(MONEY.search("两千元")) == (0.2, None)
    assert money_wan(MONEY.search("50—100万元")) == (100, 50)
    assert percent_fraction("30%") == (0.3, None)
    assert percent_fraction("百分之三十") == (0.3, None)


def test_every_quote_is_verbatim(measures) -> None:
    doc, items = measures
    assert items
    _assert_verbatim(doc, items)


def test_no_item_without_benefit(measures) -> None:
    _, items = measures
    anchors = {i.citations[0].anchor for i in items}
    assert "第一条" not in anchors  # 总体要求, though it says 给予…支持
    assert "第九条" not in anchors  # 组织保障
    assert "第十条" not in anchors  # 申报程序 states no benefit
    assert {"第二条", "第三条", "第四条", "第五条", "第六条", "第七条", "第八条"} <= anchors


def test_two_thresholds_two_items(measures) -> None:
    _, items = measures
    first, second = _by_anchor(items, "第二条")
    assert [c.value for c in first.conditions if c.kind == "revenue_min"] == [50000]
    assert [c.value for c in second.conditions if c.kind == "revenue_min"] == [100000]
    assert [(a.kind, a.value, a.text) for a in first.benefit] == [("lump_sum", 100, "给予一次性奖励100万元")]
    assert [(a.kind, a.value) for a in second.benefit] == [("lump_sum", 200)]
    assert any(c.kind == "size" and c.text == "规模以上" for c in first.conditions)
    assert first.id == item_id("measures", "第二条", 1) and first.id != second.id


def test_ratio_cap_investment_region(measures) -> None:
    _, items = measures
    (item,) = _by_anchor(items, "第三条")
    assert [(a.kind, a.value, a.text) for a in item.benefit] == [
        ("ratio", 0.3, "按设备投资额的30%给予补助"), ("cap", 500, "单个项目最高不超过500万元")]
    investment = [c for c in item.conditions if c.kind == "investment_min"]
    assert [(c.value, c.unit, c.quote.quote) for c in investment] == [(1000, "万元", "总投资1000万元以上")]
    regions = [c for c in item.conditions if c.kind == "region"]
    assert [(c.text, c.source) for c in regions] == [("临江市", "text")]
    assert item.category == "funding_channel" and item.kind == "补助"  # money paid to the company


def test_certification_levels_and_chinese_amounts(measures) -> None:
    _, items = measures
    national, provincial = _by_anchor(items, "第四条")
    assert [c.text for c in national.conditions if c.kind == "certification"] == ["专精特新“小巨人”（国家级）"]
    assert [c.text for c in provincial.conditions if c.kind == "certification"] == ["专精特新“小巨人”（省级）"]
    assert [(a.value, a.text) for a in national.benefit] == [(50, "给予一次性奖励五十万元")]
    assert [a.value for a in provincial.benefit] == [20]
    implicit = [c for c in national.conditions if c.kind == "region"]
    assert [(c.text, c.source, c.quote) for c in implicit] == [("临江市", "document", None)]


def test_rd_ratio_attestations_yi(measures) -> None:
    _, items = measures
    (item,) = _by_anchor(items, "第五条")
    assert [c.value for c in item.conditions if c.kind == "rd_ratio_min"] == [0.03]
    assert [c.text for c in item.conditions if c.kind == "certification"] == ["高新技术企业"]
    attest = [c.quote.quote for c in item.conditions if c.kind == "attestation"]
    assert "近三年未发生重大安全生产事故" in attest and any("失信" in a for a in attest)
    assert [(a.kind, a.value) for a in item.benefit] == [("ratio", 0.1), ("cap", 15000)]


def test_insurance_interest_per_person(measures) -> None:
    _, items = measures
    (insurance,) = _by_anchor(items, "第六条")
    assert insurance.kind == "保险补偿" and insurance.category == "funding_channel"
    assert [c.text for c in insurance.conditions if c.kind == "certification"] == ["首台（套）（省级）"]
    assert [(a.kind, a.value, a.text) for a in insurance.benefit] == [
        ("ratio", 0.8, "按投保年度保费的80%给予保险补偿"), ("cap", 500, "最高不超过五百万元")]
    (loan,) = _by_anchor(items, "第七条")
    assert loan.kind == "贴息" and loan.category == "funding_channel"
    assert [(a.kind, a.value) for a in loan.benefit] == [("ratio", 0.5)]  # 按…利率的50%: a share
    assert [c.value for c in loan.conditions if c.kind == "employees_max"] == [300]
    assert any(c.kind == "size" and c.text == "中小企业" for c in loan.conditions)
    assert loan.beneficiaries == ["从业人员300人以下的中小企业获得的技术改造贷款"]
    (talent,) = _by_anchor(items, "第八条")
    assert talent.kind == "人才" and talent.category == "support_measure"
    assert [(a.kind, a.value) for a in talent.benefit] == [("per_person", 10)]


def test_established_years(measures) -> None:
    _, items = measures
    (item,) = _by_anchor(items, "第十一条")
    years = sorted((c.kind, c.value) for c in item.conditions if c.kind.startswith("established"))
    assert years == [("established_after", 5), ("established_before", 1)]
    assert [c.text for c in item.conditions if c.kind == "certification"] == ["科技型中小企业"]
    assert not [c for c in item.conditions if c.kind == "size"]  # 中小企业 is inside the certification
    assert [(a.kind, a.value) for a in item.benefit] == [("lump_sum", 20)]


def test_procedure_quoted(measures) -> None:
    _, items = measures
    assert all(any("提出申请" in q.quote for q in i.procedure) for i in items)


def test_notice_deadline_applies_to_all_items() -> None:
    doc, clauses = _document(NOTICE, "notice", region="湖北省")
    items = extract_items(doc, clauses, RULES.items)
    _assert_verbatim(doc, items)
    assert [i.citations[0].anchor for i in items] == ["一.（一）"]  # 工作目标 is no item
    (item,) = items
    assert item.window is not None and item.window.deadline == dt.date(2025, 6, 30)
    assert item.window.scope == "document" and "6月30日前" in item.window.quote.quote
    assert [c.text for c in item.conditions if c.kind == "certification"] == ["智能制造示范工厂（省级）"]
    assert item.materials and "项目申报书" in item.materials[0].quote
    assert [a.value for a in item.benefit] == [300]


def test_table_row_is_an_item() -> None:
    doc, clauses = _document(TABLE, "table")
    items = extract_items(doc, clauses, RULES.items)
    _assert_verbatim(doc, items)
    (item,) = items  # the 企业简介 row states no benefit
    assert item.title == "首台（套）保险补偿" and item.category == "funding_channel"
    assert [(a.kind, a.value) for a in item.benefit] == [("ratio", 0.8), ("cap", 500)]
    # 首台（套） names the row's category, not a condition; the 申报条件 cell does
    assert [c.text for c in item.conditions if c.kind == "certification"] == ["高新技术企业"]


def test_national_document_has_no_implicit_region() -> None:
    doc, clauses = _document(NOTICE, "nat", region="全国")
    assert all(c.kind != "region" for i in extract_items(doc, clauses, RULES.items) for c in i.conditions)


def test_curated_overlay_replaces_its_document_and_rules_find_part_of_it() -> None:

    from assistant.documents.loaders import load_document
    from assistant.eligibility.catalogue import load_catalogue
    from assistant.eligibility.library import catalogue_items, curated_recall, library_items
    from assistant.settings import Settings

    settings = Settings()
    catalogue = load_catalogue(settings.catalogue_path)
    plan = load_document(settings.policies_dir / "hubei-2014-intelligent-equipment-action-plan.txt", RULES)
    extracted = extract_items(plan, parse_clauses(plan.meta.doc_id, plan.text), RULES.items)
    _assert_verbatim(plan, extracted)
    curated = catalogue_items(catalogue)
    assert len(curated) == len(catalogue.entries) and all(i.source == "curated" for i in curated)
    _assert_verbatim(plan, curated)
    other_doc, other_clauses = _document(MEASURES, "measures")
    other = extract_items(other_doc, other_clauses, RULES.items)
    library = library_items([*extracted, *other], [curated])
    assert {i.id for i in library} == {i.id for i in curated} | {i.id for i in other}
    recall = curated_recall(catalogue, extracted)
    assert 0 < recall.recall < 1 and recall.unmatched == []  # every rule item sits on a curated anchor
    assert {"first_set_recognition_award", "high_end_talent_treatment", "cnc_industry_alliance"} <= set(recall.found)
    assert "key_breakthrough_directions" in recall.missed  # 依托优势企业重点推进 states no benefit


def test_items_are_stored_in_the_build_and_swapped_with_it(tmp_path, small_knowledge, make_runtime, monkeypatch) -> None:
    from assistant.index import store as store_module
    from assistant.ingest import ingest

    data_dir = tmp_path / "data"
    runtime = make_runtime(data_dir, small_knowledge)
    assert ingest(runtime).status == "built"
    first_build = runtime.store.current_id()
    folder = runtime.store.builds / first_build
    assert "items.json" in runtime.index.manifest.files  # hashed with the build, checked when opened
    before = {i.id for i in runtime.index.items}
    assert before and all(i.doc_id in runtime.index.documents for i in runtime.index.items)
    _assert_verbatim(next(iter(runtime.index.documents.values())), runtime.index.items)

    policy = tmp_path / "linjiang-measures.txt"
    policy.write_text(MEASURES, encoding="utf-8")
    assert ingest(runtime, [policy]).status == "built"
    assert runtime.store.current_id() != first_build and not folder.exists()

    # A query never re-extracts: the opened build reads items.json once.
    monkeypatch.setattr(store_module, "extract_items", lambda *a: pytest.fail("re-extracted at query time"))
    reads = []
    real_read = store_module._read_items
    monkeypatch.setattr(store_module, "_read_items", lambda f: reads.append(f) or real_read(f))
    fresh = make_runtime(data_dir, small_knowledge)
    items = fresh.index.items
    assert fresh.index.items is items and len(reads) == 1
    assert before < {i.id for i in items}
    assert any(i.doc_id == "linjiang-measures" and i.benefit for i in items)
    for item in items:
        _assert_verbatim(fresh.index.documents[item.doc_id], [item])


def test_corrupt_items_file_is_reported_as_a_broken_index(tmp_path, small_knowledge, make_runtime) -> None:
    from assistant.errors import IndexMissing
    from assistant.ingest import ingest

    data_dir = tmp_path / "data"
    runtime = make_runtime(data_dir, small_knowledge)
    ingest(runtime)
    (runtime.store.builds / runtime.store.current_id() / "items.json").write_text("[{", encoding="utf-8")
    with pytest.raises(IndexMissing, match=r"items\.json"):
        _ = make_runtime(data_dir, small_knowledge).index.items


RULES_NOT_BENEFITS = """\
（虚构测试文件）某区支持政策
第一条 支持企业升级。对年营业收入首次达到5亿元以上的企业，一次性奖励100万元；首次达到10亿元以上的，一次性奖励200万元。
第二条 人才安居。对企业全职引进的硕士研究生，每人每月给予1500元租房补贴；对全职引进的博士研究生，每人每月给予3000元租房补贴。
第三条 其他规定。同一企业同一项目符合多项支持政策的，按“就高不重复”原则给予支持。弄虚作假骗取财政资金的，依法追回资金，并将企业列入失信主体名单。
第四条 支持对象。专项资金支持对象为在本区注册登记的企业。
问：哪些企业可以享受本政策的支持？
"""


def test_rules_duties_and_questions_are_no_items_and_tiers_split_by_company_condition() -> None:
    doc, clauses = _document(RULES_NOT_BENEFITS, "rules")
    items = extract_items(doc, clauses, RULES.items)
    _assert_verbatim(doc, items)
    assert [i.citations[0].anchor for i in items] == ["第一条", "第一条", "第二条"]
    tier5, tier10, housing = items
    assert [c.value for c in tier10.conditions if c.kind == "revenue_min"] == [100000]
    assert [a.value for a in tier10.benefit] == [200]
    assert [(a.kind, a.value) for a in housing.benefit] == [("per_person", 0.15), ("per_person", 0.3)]
    assert tier5.category == "funding_channel" and housing.category == "support_measure"


CATEGORY_WINDOWS = """\
（虚构测试文件）关于组织申报2026年度临江省装备首台套及示范项目资金的通知

一、支持标准
项目类别：首台（套）保险补偿；支持标准：按保费的80%给予补偿，最高500万元
项目类别：智能制造示范工厂；支持标准：按设备投资额的15%给予补助，最高1000万元
项目类别：工业设计中心；支持标准：给予一次性奖励50万元
二、申报条件
（一）申报单位应为在临江省境内注册登记的企业，近三年未发生重大安全事故。
（二）申报智能制造示范工厂的，须为规模以上工业企业，上年度主营业务收入不低于2亿元。
（三）申报工业设计中心的，须已认定为省级工业设计中心。
三、申报时间
（一）首台套保险补偿项目：2027年1月15日前；（二）智能制造示范工厂项目：2026年11月20日前。
（三）其他项目请于2026年12月31日前报送申报材料。
"""


def _notice_items(text: str, doc_id: str) -> dict[str, SupportItem]:
    doc, clauses = _document(text, doc_id, region="临江省")
    items = extract_items(doc, clauses, RULES.items)
    _assert_verbatim(doc, items)
    return {i.title: i for i in items}


def test_each_category_gets_its_own_deadline_and_the_rest_the_notice_wide_one() -> None:
    items = _notice_items(CATEGORY_WINDOWS, "windows")
    assert items["首台（套）保险补偿"].window.deadline == dt.date(2027, 1, 15)
    assert items["智能制造示范工厂"].window.deadline == dt.date(2026, 11, 20)
    assert "2026年11月20日" in items["智能制造示范工厂"].window.quote.quote
    # The third window sentence names no category: it is the notice's, for the item no sentence names.
    assert items["工业设计中心"].window.deadline == dt.date(2026, 12, 31)


def test_only_category_windows_leave_an_unnamed_item_without_a_deadline() -> None:
    text = CATEGORY_WINDOWS.replace("（三）其他项目请于2026年12月31日前报送申报材料。\n", "")
    items = _notice_items(text, "windows2")
    assert items["首台（套）保险补偿"].window.deadline == dt.date(2027, 1, 15)
    assert items["工业设计中心"].window is None  # another category's deadline is no deadline of its own


def test_conditions_section_applies_to_all_items_or_the_ones_it_names() -> None:
    items = _notice_items(CATEGORY_WINDOWS, "conditions")
    for item in items.values():  # （一） names no category: every item
        assert any(c.kind == "attestation" and "事故" in c.text for c in item.conditions), item.title
    factory = items["智能制造示范工厂"]
    assert [c.value for c in factory.conditions if c.kind == "revenue_min"] == [20000]
    assert [c.text for c in factory.conditions if c.kind == "size"] == ["规模以上"]
    # The category named (申报智能制造示范工厂的) is no certification the company must hold.
    assert not [c for c in factory.conditions if c.kind == "certification"]
    assert any(q.anchor == "二.（二）" for q in factory.citations)
    insurance = items["首台（套）保险补偿"]
    assert not [c for c in insurance.conditions if c.kind in ("revenue_min", "size")]


NATIONAL_THRESHOLD = """\
（虚构测试文件）关于组织开展2026年度装备产业链项目申报工作的通知

一、支持方式。对入选项目，按不超过项目总投资的20%给予一次性补助，单个项目最高不超过3000万元。
二、申报条件。申报企业应为上年度营业收入不低于5亿元的规模以上工业企业，项目总投资不低于1亿元。
三、时间安排。请于2027年2月28日前将项目材料报送。
"""


def test_a_revenue_threshold_in_the_conditions_section_is_the_items_condition() -> None:
    doc, clauses = _document(NATIONAL_THRESHOLD, "national", region="全国")
    items = extract_items(doc, clauses, RULES.items)
    _assert_verbatim(doc, items)
    (item,) = items
    assert [c.value for c in item.conditions if c.kind == "revenue_min"] == [50000]
    assert [c.value for c in item.conditions if c.kind == "investment_min"] == [10000]
    assert [c.text for c in item.conditions if c.kind == "size"] == ["规模以上"]
    assert item.window.deadline == dt.date(2027, 2, 28)


ROW_DEADLINES = """\
（虚构测试文件）关于申报装备项目的通知

一、支持标准
项目类别：首台（套）保险补偿；支持标准：按保费的80%给予补偿，最高500万元；申报条件：产品于2025年1月1日以后实现销售；截止时间：2027年1月15日
项目类别：智能制造示范工厂；支持标准：按设备投资额的15%给予补助，最高1000万元；截止时间：2026年11月20日
二、申报时间
请于2026年12月31日前报送申报材料。
"""


def test_a_table_row_with_its_own_deadline_cell_keeps_it() -> None:
    items = _notice_items(ROW_DEADLINES, "rows")
    insurance = items["首台（套）保险补偿"].window
    # The row's 截止时间 cell is its window; the 申报条件 cell's date is no opening date.
    assert (insurance.opens, insurance.deadline) == (None, dt.date(2027, 1, 15))
    assert insurance.quote.quote == "截止时间：2027年1月15日"
    assert items["智能制造示范工厂"].window.deadline == dt.date(2026, 11, 20)
