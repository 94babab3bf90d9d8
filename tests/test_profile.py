"""Company profiles: validation with clear errors, and offline extraction from descriptions."""

from __future__ import annotations

import pytest

from assistant.eligibility import InvalidProfile, extract_fields, parse_profile, profile_from_description
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.errors import AssistantError
from assistant.settings import Settings

VOCAB = load_vocabulary(Settings().vocabulary_path)

# ── parse_profile ──


def test_unknown_key_is_a_one_line_domain_error():
    with pytest.raises(InvalidProfile) as err:
        parse_profile({"city": "襄阳", "turnover": 100}, VOCAB)
    message = str(err.value)
    assert "turnover" in message and "city" in message  # names the bad key and the valid ones
    assert "\n" not in message
    assert isinstance(err.value, AssistantError) and err.value.exit_code == 2


@pytest.mark.parametrize(
    ("data", "word"),
    [
        ({"revenue": "很多"}, "revenue"),
        ({"employees": -3}, "employees"),
        ({"size": "巨型"}, "巨型"),
        ({"rd_ratio": 150}, "rd_ratio"),
        ({"first_of_kind": "也许"}, "first_of_kind"),
        ({"roles": [3]}, "roles"),
    ],
)
def test_bad_values_are_named(data, word):
    with pytest.raises(InvalidProfile) as err:
        parse_profile(data, VOCAB)
    assert word in str(err.value)
    assert "\n" not in str(err.value)


def test_not_a_dict():
    with pytest.raises(InvalidProfile):
        parse_profile(["襄阳"], VOCAB)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0.08, 8, "8%", "8％", "0.08"])
def test_rd_ratio_is_normalised_to_a_fraction(value):
    assert parse_profile({"rd_ratio": value}, VOCAB).rd_ratio == pytest.approx(0.08)


def test_aliases_are_resolved():
    profile = parse_profile({
        "city": "光谷", "roles": ["龙头企业", "集成商"], "sectors": "机器人, 激光", "size": "SME",
        "needs": ["融资"], "first_of_kind": "是",
    }, VOCAB)
    assert profile.city == "武汉" and profile.district == "东湖高新区"
    assert profile.roles == ["整机/龙头企业", "系统集成商/工程总承包"]
    assert profile.sectors == ["工业机器人", "光机电一体化装备/激光"]
    assert profile.size == "中小企业" and profile.first_of_kind is True


def test_comma_strings_and_names_with_a_slash():
    profile = parse_profile({"roles": "中小企业/分包商，用户", "sectors": "纺织/建材/轻工装备"}, VOCAB)
    assert profile.roles == ["中小企业/分包商", "用户企业"] and profile.sectors == ["纺织/建材/轻工装备"]


def test_unrecognised_city_is_kept_as_given():
    assert parse_profile({"city": "某某镇"}, VOCAB).city == "某某镇"


# ── extraction ──


@pytest.mark.parametrize(
    ("place", "city"),
    [("东湖高新区", "武汉"), ("光谷", "武汉"), ("江夏", "武汉"), ("枣阳", "襄阳"), ("宜都", "宜昌"),
     ("大冶", "黄石"), ("汉川", "孝感"), ("沙市", "荆州"), ("丹江口", "十堰"), ("利川", "恩施"),
     ("广水", "随州"), ("赤壁", "咸宁"), ("钟祥", "荆门"), ("葛店", "鄂州"), ("麻城", "黄冈"), ("仙桃", "仙桃")],
)
def test_gazetteer(place, city):
    assert extract_fields(f"我们是{place}的一家企业", VOCAB)["city"] == city


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们做精密减速器", {"sectors": ["工业机器人"], "roles": ["核心部件配套企业"]}),
        ("公司生产中高档数控系统", {"sectors": ["高档数控机床与数控系统"], "roles": ["核心部件配套企业"]}),
        ("主营光纤激光切割机", {"sectors": ["光机电一体化装备/激光"], "roles": ["整机/龙头企业"]}),
        ("生产板坯连铸机和冷轧机组", {"sectors": ["冶金成套装备"]}),
        ("专注增材制造", {"sectors": ["3D打印装备"]}),
        ("研制金属3D打印机", {"sectors": ["3D打印装备"], "roles": ["整机/龙头企业"]}),
        ("公司做余热发电ORC机组", {"sectors": ["节能环保装备"]}),
        ("生产纺织机械和包装机械", {"sectors": ["纺织/建材/轻工装备"], "roles": ["整机/龙头企业"]}),
        ("研发国内第一台大型数控插齿机", {"first_of_kind": True}),
        ("我们的产品不是首台套", {"first_of_kind": False}),
        ("研发投入占营收8%", {"rd_ratio": 0.08}),
        ("员工200人", {"size": "中小企业"}),
        ("员工1500人，年销售收入15亿元", {"size": "大型企业"}),
        ("我们是中小企业", {"size": "中小企业"}),
        ("最近缺钱，想贷款", {"needs": ["融资"]}),
        ("急需招人", {"needs": ["人才"]}),
        ("想对老旧设备进行智能化改造", {"needs": ["智能化改造"], "roles": ["用户企业"]}),
    ],
)
def test_extraction_examples(text, expected):
    found = extract_fields(text, VOCAB)
    for field, value in expected.items():
        assert found.get(field) == value, (field, found)


def test_users_are_not_read_as_makers():
    found = extract_fields("沙市一家汽车零部件企业，想引进工业机器人搞机器换人", VOCAB)
    assert found["roles"] == ["用户企业"]
    assert "sectors" not in found  # the robots are bought, not made


def test_partners_are_not_the_company():
    found = extract_fields("我们是襄阳的伺服电机企业，与华中科技大学合作研发，想找银行贷款", VOCAB)
    assert found["roles"] == ["核心部件配套企业"]
    assert found["city"] == "襄阳"
    assert set(found["needs"]) >= {"融资", "产学研合作"}


def test_a_university_team_is_a_research_institute_in_its_city():
    found = extract_fields("武汉大学的一个研究团队，主要研究光纤光栅传感和激光加工技术", VOCAB)
    assert found["roles"] == ["科研院所/高校"] and found["city"] == "武汉"


def test_supplier_of_a_machine_is_not_its_maker():
    found = extract_fields("大冶一家为轧机做配套零部件的小企业，想找大企业做分包配套", VOCAB)
    assert found["sectors"] == ["冶金成套装备"]
    assert "整机/龙头企业" not in found["roles"]
    assert found["size"] == "中小企业"  # 想找大企业 is about the customer


def test_traditional_and_english():
    found = extract_fields("我們是襄陽一家做伺服電機的企業，員工120人，想找貸款", VOCAB)
    assert (found["city"], found["size"], found["needs"]) == ("襄阳", "中小企业", ["融资"])
    found = extract_fields("We are a Wuhan-based maker of fiber laser cutting machines in Optics Valley with "
                           "150 employees. We need financing.", VOCAB)
    assert found["city"] == "武汉" and found["district"] == "东湖高新区"
    assert found["sectors"] == ["光机电一体化装备/激光"] and found["size"] == "中小企业"
    assert "融资" in found["needs"]


def test_outside_hubei_city_is_found():
    assert extract_fields("长沙市一家机床厂", VOCAB)["city"] == "长沙"


@pytest.mark.parametrize(("text", "city"), [
    ("我们是长沙的一家减速器企业，在襄阳高新区设了一个分公司，分公司去年销售额2亿元", "长沙"),
    ("我们是长沙的一家减速器企业，在襄阳樊城区设了分公司（非独立法人）", "长沙"),
    ("公司总部在宜昌，在上海有一个销售办事处", "宜昌"),
    ("We are a Xiangyang gearbox maker with a branch office in Wuhan", "襄阳"),
])
def test_where_a_branch_is_is_not_where_the_company_is_registered(text, city):
    """A 分公司 is no legal person of its place: the company is where it says it is, not where its branch is."""
    assert extract_fields(text, VOCAB).get("city") == city


def test_only_a_branchs_place_leaves_the_city_unknown():
    assert "city" not in extract_fields("我们在襄阳设有分公司，做减速器", VOCAB)


# ── merging ──


def test_explicit_fields_win_and_extracted_fields_are_listed():
    profile, extracted = profile_from_description(
        "我们是襄阳一家做减速器的企业，员工200人，想贷款", {"city": "宜昌", "needs": ["人才"]}, VOCAB
    )
    assert profile.city == "宜昌" and profile.needs == ["人才"]
    assert profile.sectors == ["工业机器人"] and profile.size == "中小企业"
    assert "city" not in extracted and "needs" not in extracted
    assert {"sectors", "roles", "size", "products"} <= set(extracted)
    assert profile.description.startswith("我们是襄阳")


def test_description_can_come_from_the_explicit_dict():
    profile, extracted = profile_from_description(None, {"description": "枣阳一家数控机床企业"}, VOCAB)
    assert profile.city == "襄阳" and profile.district == "枣阳" and "city" in extracted


def test_explicit_products_give_sectors():
    profile, extracted = profile_from_description(None, {"products": ["RV减速器"]}, VOCAB)
    assert profile.sectors == ["工业机器人"] and "sectors" in extracted and "products" not in extracted


def test_extracted_district_never_lands_on_another_city():
    profile, _ = profile_from_description("总部在东湖高新区", {"city": "襄阳"}, VOCAB)
    assert profile.city == "襄阳" and profile.district is None


def test_nothing_to_extract():
    profile, extracted = profile_from_description("", None, VOCAB)
    assert extracted == [] and profile.city is None and profile.roles == []


# ── open profiles (issue 12.3) ──


def test_unknown_sector_words_are_kept_not_rejected():
    profile = parse_profile({"sectors": ["激光加工", "机器人"], "products": "纺织设备", "roles": ["链主企业"],
                             "needs": ["用地", "上市辅导", "咨询"]}, VOCAB)
    assert profile.sectors == ["激光加工", "工业机器人"]  # known alias resolved, unknown word kept
    assert profile.products == ["纺织设备"] and profile.roles == ["链主企业"]
    assert profile.needs == ["入园/集群", "融资", "咨询"]  # by the needs' keywords, else kept as given


def test_numbers_and_scale_given_in_words():
    profile = parse_profile({"revenue": "2.3亿元", "employees": "200人", "established_year": "2015年",
                             "rd_spend": "800万元", "size": "规模以上", "city": "襄阳", "district": "高新区"}, VOCAB)
    assert (profile.revenue, profile.employees, profile.established_year, profile.rd_spend) == (23000, 200, 2015, 800)
    assert profile.above_scale is True and profile.size is None
    assert profile.district == "襄阳高新区"  # 高新区 with city 襄阳


def test_given_certifications_are_canonical_and_complete():
    profile = parse_profile({"certifications": ["国家高新技术企业", "小巨人"]}, VOCAB)
    assert profile.certifications == ["高新技术企业", "国家级专精特新“小巨人”企业"]
    assert profile.certifications_stated is True
    assert parse_profile({"certifications": []}, VOCAB).certifications_stated is True
    assert parse_profile({}, VOCAB).certifications_stated is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("年营收2.3亿元", {"revenue": 23000}),
        ("主营业务收入5000万", {"revenue": 5000}),
        ("年营收三亿元", {"revenue": 30000}),
        ("研发投入占营收4%", {"rd_ratio": 0.04}),
        ("研发投入800万元", {"rd_spend": 800}),
        ("员工200人", {"employees": 200}),
        ("2015年成立", {"established_year": 2015}),
        ("我们是规上企业", {"above_scale": True}),
        ("规模以上工业企业", {"above_scale": True}),
        ("还不是规上企业", {"above_scale": False}),
        ("国家级专精特新小巨人", {"certifications": ["国家级专精特新“小巨人”企业"]}),
        ("是高新技术企业", {"certifications": ["高新技术企业"]}),
        ("在襄阳高新区注册", {"city": "襄阳", "district": "襄阳高新区"}),
        ("年主营业务收入今年第一次过了5亿", {"revenue": 50000}),  # 第一次 is no number of the revenue
        ("营收首次突破10亿元", {"revenue": 100000}),
        ("We are registered in Xiangyang hi-tech zone", {"city": "襄阳", "district": "襄阳高新区"}),
    ],
)
def test_description_fields(text, expected):
    found = extract_fields(text, VOCAB)
    assert {k: found.get(k) for k in expected} == expected


def test_a_certification_the_company_wants_is_not_one_it_holds():
    found = extract_fields("国家级制造业单项冠军，想申报省级智能制造示范工厂", VOCAB)
    assert found["certifications"] == ["国家级制造业单项冠军企业"]


@pytest.mark.parametrize(("text", "city", "district"), [
    ("We are registered in Xiaonan District, Xiaogan and make CNC lathes", "孝感", "孝南区"),
    ("A gearbox maker in Duodao District, Jingmen, with 300 employees", "荆门", "掇刀区"),
    ("Our plant is in Zhongxiang City", "荆门", "钟祥"),
    ("We are based in Changyang County and build hydraulic presses", "宜昌", "长阳"),  # 长: chang, not zhang
])
def test_romanised_place_names_are_read(text, city, district):
    """English descriptions name places in pinyin: derived from the gazetteer, not written by hand."""
    found = extract_fields(text, VOCAB)
    assert (found.get("city"), found.get("district")) == (city, district)


def test_a_romanised_district_given_as_a_field_resolves():
    profile = parse_profile({"city": "Xiaogan", "district": "Xiaonan District"}, VOCAB)
    assert (profile.city, profile.district) == ("孝感", "孝南区")


@pytest.mark.parametrize(("text", "revenue"), [
    ("我们年营业额3亿元左右", 30000.0),
    ("去年主营收入2.5亿", 25000.0),
    ("年销售收入一亿五千万", 15000.0),  # 亿 inside the number, 万 its unit (was read as 1亿)
    ("年营收1亿5000万元", 15000.0),
    ("营收过了5个亿", 50000.0),
    ("去年产值8000多万元", 8000.0),
])
def test_colloquial_revenue_wordings(text, revenue):
    assert extract_fields(text, VOCAB)["revenue"] == revenue
