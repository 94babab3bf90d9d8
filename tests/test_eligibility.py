"""Matching profiles against the catalogue: statuses, reasons, citations, routing and gold scores."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from assistant.documents.loaders import load_document
from assistant.documents.rules import DocumentRules
from assistant.eligibility import (
    is_eligibility_question,
    load_catalogue,
    match_profile,
    micro_precision_recall,
    parse_profile,
    profile_from_description,
)
from assistant.eligibility.gold import evaluate_gold, load_gold, load_meta
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.types import Citation, MatchResult

SETTINGS = Settings()
RULES = DocumentRules.load(SETTINGS.document_rules_dir)
VOCAB = load_vocabulary(SETTINGS.vocabulary_path)
PLAN = SETTINGS.policies_dir / "hubei-2014-intelligent-equipment-action-plan.txt"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(SETTINGS.catalogue_path)


def _match(catalogue, include_all=False, **fields):
    return match_profile(parse_profile(fields, VOCAB), catalogue, include_all=include_all)


def _by_id(result: MatchResult):
    return {m.id.split(":", 1)[-1]: m for m in result.matches}  # item ids are doc_id:entry_id


def _condition(match, field, hard=True):
    return next(c for c in match.conditions if c.field == field and c.hard == hard and not c.relevance)


# ── unknown is not unmet ──


def test_missing_field_gives_unknown_not_unmet(catalogue):
    result = _by_id(_match(catalogue, city="襄阳", sectors=["工业机器人"]))  # no roles given
    leader = result["robot_leader_support"]
    assert _condition(leader, "roles").status == "unknown"
    assert "未提供企业角色" in _condition(leader, "roles").reason
    assert leader.status == "may_qualify"
    first = result["first_set_recognition_award"]  # first_of_kind not given
    assert next(c for c in first.conditions if c.field == "first_of_kind").status == "unknown"


def test_empty_profile_returns_everything_as_may_qualify(catalogue):
    result = _match(catalogue)
    assert len(result.matches) == len(catalogue.entries)
    assert {m.status for m in result.matches} == {"may_qualify"}
    assert all(c.status != "unmet" for m in result.matches for c in m.conditions)


# ── cities ──


def test_named_city_qualifies_for_the_cluster(catalogue):
    clusters = _by_id(_match(catalogue, city="襄阳", roles=["整机/龙头企业"]))["characteristic_clusters"]
    assert clusters.status == "qualifies"
    region = next(c for c in clusters.conditions if c.requirement.startswith("地区"))
    assert region.status == "met" and "襄阳 属于方案点名的地区" in region.reason


def test_city_outside_the_named_list(catalogue):
    result = _by_id(_match(catalogue, city="十堰", roles=["整机/龙头企业"], sectors=["工业机器人"],
                           size="大型企业", first_of_kind=True))
    clusters = result["characteristic_clusters"]
    region = next(c for c in clusters.conditions if c.requirement.startswith("地区"))
    assert region.status == "unknown" and "等" in region.reason  # 等: not exhaustive
    assert clusters.status == "may_qualify"
    for province_wide in ("multi_channel_financing", "first_set_recognition_award", "robot_leader_support",
                          "high_end_talent_treatment", "city_special_programmes"):
        assert result[province_wide].status == "qualifies", province_wide
    assert result["robot_industry_base"].status == "qualifies"  # the plan names no city for the base


def test_outside_hubei_gets_nothing(catalogue):
    assert _match(catalogue, city="长沙", roles=["整机/龙头企业"]).matches == []
    everything = _match(catalogue, include_all=True, city="长沙", roles=["整机/龙头企业"])
    assert len(everything.matches) == len(catalogue.entries)
    assert {m.status for m in everything.matches} == {"not_qualified"}
    reason = _condition(everything.matches[0], "region").reason
    assert "不在湖北省" in reason


def test_unrecognised_city_is_unknown(catalogue):
    match = _by_id(_match(catalogue, city="某某镇", roles=["整机/龙头企业"]))["mergers_restructuring"]
    assert _condition(match, "region").status == "unknown"


# ── include_all and hard conditions ──


def test_include_all_shows_why_an_entry_does_not_apply(catalogue):
    user = {"city": "荆门", "roles": ["用户企业"]}
    default = _by_id(_match(catalogue, **user))
    assert "cnc_major_project" not in default
    assert {"intelligent_retrofit", "financial_leasing", "robot_application_demonstration"} <= set(default)
    everything = _by_id(_match(catalogue, include_all=True, **user))
    cnc = everything["cnc_major_project"]
    assert cnc.status == "not_qualified"
    assert _condition(cnc, "roles").status == "unmet" and "用户企业" in _condition(cnc, "roles").reason
    statuses = [m.status for m in _match(catalogue, include_all=True, **user).matches]
    assert statuses == sorted(statuses, key=["qualifies", "may_qualify", "not_qualified"].index)


def test_a_robot_user_need_not_make_robots(catalogue):
    demo = _by_id(_match(catalogue, city="十堰", roles=["用户企业"]))["robot_application_demonstration"]
    assert demo.status == "qualifies"
    assert all(c.field != "sectors" for c in demo.conditions)


def test_hard_conditions(catalogue):
    large = _by_id(_match(catalogue, city="武汉", roles=["整机/龙头企业"], size="大型企业", first_of_kind=False))
    assert "specialised_subcontractor" not in large and "first_set_recognition_award" not in large
    small = _by_id(_match(catalogue, city="武汉", roles=["整机/龙头企业"], size="中小企业", first_of_kind=True))
    assert small["specialised_subcontractor"].status == "qualifies"
    assert small["first_set_recognition_award"].status == "qualifies"
    # 龙头企业 is approximated by size as a stated preference, so a small maker is only may_qualify
    assert small["mergers_restructuring"].status == "may_qualify"


def test_sector_restriction(catalogue):
    result = _by_id(_match(catalogue, city="武汉", roles=["整机/龙头企业"], sectors=["冶金成套装备"]))
    assert "cnc_major_project" not in result and "laser_equipment_alliance" not in result
    assert result["metallurgy_engineering_company"].status == "qualifies"
    # 三.（一）.1 lists fields ending in 等: a metallurgy maker may still fit
    assert result["key_breakthrough_directions"].status == "may_qualify"


def test_what_only_the_company_can_confirm_never_qualifies(catalogue):
    funds = _by_id(_match(catalogue, city="武汉", roles=["整机/龙头企业"]))["major_project_matching_funds"]
    assert funds.status == "may_qualify"
    confirm = next(c for c in funds.conditions if c.field == "attestation")
    assert confirm.status == "unknown" and "自行确认" in confirm.reason


# ── ranking, content, citations ──


def test_ranking_named_items_first_then_status_then_needs(catalogue):
    result = _match(catalogue, city="襄阳", roles=["核心部件配套企业"], sectors=["工业机器人"], needs=["融资"])
    named = ["工业机器人" in (m.title_zh + m.benefit + " ".join(c.requirement for c in m.conditions))
             for m in result.matches]
    assert named == sorted(named, reverse=True)  # items naming the company's sector come first
    for group in (True, False):
        members = [m for m, n in zip(result.matches, named, strict=True) if n is group]
        # an item some stated fact selects (role, sector, need …) before one that only any Hubei company meets
        selected = [any(c.status == "met" and c.field != "region" for c in m.conditions) for m in members]
        assert selected == sorted(selected, reverse=True)
        statuses = [m.status for m, s in zip(members, selected, strict=True) if s]
        assert statuses == sorted(statuses, key=["qualifies", "may_qualify"].index)
    generic = [m for m, n in zip(result.matches, named, strict=True) if not n]
    assert "融资" in generic[0].matched_needs  # among equals, the needs served lead


def test_matches_carry_titles_benefits_steps_and_exact_citations(catalogue):
    text = load_document(PLAN, RULES).text
    result = _match(catalogue, city="宜昌", roles=["系统集成商/工程总承包"], sectors=["冶金成套装备"])
    for match in result.matches:
        assert match.title_zh and match.title_en and match.benefit and match.next_steps
        assert match.citations and all(isinstance(c, Citation) for c in match.citations)
        for citation in match.citations:
            assert text[citation.start:citation.end] == citation.quote
        assert all(c.reason for c in match.conditions)
    json.loads(result.model_dump_json())  # serialisable for the CLI/API


def test_reasons_are_chinese_and_specific(catalogue):
    match = _by_id(_match(catalogue, city="襄阳", roles=["整机/龙头企业"], sectors=["高档数控机床与数控系统"]))
    cnc = match["cnc_major_project"]
    reasons = " ".join(c.reason for c in cnc.conditions)
    assert "襄阳 位于湖北省" in reasons and "高档数控机床与数控系统 属于该项点名的领域" in reasons


def test_description_end_to_end(catalogue):
    text = "我们是襄阳一家做精密减速器的企业，员工200人，想找银行贷款扩大产能。"
    profile, extracted = profile_from_description(text, None, VOCAB)
    result = _by_id(match_profile(profile, catalogue))
    assert result["robot_component_suppliers"].status == "qualifies"
    assert "robot_leader_support" not in result  # not a whole-machine maker
    assert "city" in extracted and "roles" in extracted


# ── routing ──


@pytest.mark.parametrize(
    "question",
    ["我们是襄阳一家做减速器的企业，能享受哪些支持？", "我们能申请什么？", "我们有哪些融资渠道？",
     "我们可以加入什么联盟？", "What support can we get?", "我們能享受哪些支持？", "Which alliances can we join?",
     "襄阳的减速器企业能享受哪些支持？", "作为一家武汉的激光企业，我们可以争取哪些资金？"],
)
def test_eligibility_questions(question):
    assert is_eligibility_question(question, VOCAB)


@pytest.mark.parametrize(
    "question",
    ["方案的执行期是多久？", "方案提出了哪些保障措施？", "首台套政策是什么？",
     "What does the plan say about 3D printing?", "方案对企业有哪些支持措施？",
     "我们做出了国内第一台新型设备，政府会奖励吗？",  # yes/no about one measure: cited retrieval
     "我们是金融租赁公司，方案里提没提融资租赁？",  # about the text
     "智能制造装备企业能享受哪些税收减免？",  # not in the plan: retrieval abstains
     "省里今年智能工厂网上申报什么时候截止？",  # 什么时候 asks when, not which set
     "企业申请什么时间截止？", "企业申报什么地方受理？",
     ""],
)
def test_plan_questions_are_not_eligibility_questions(question):
    assert not is_eligibility_question(question, VOCAB)


# ── gold profiles ──


def test_metric_is_micro_averaged():
    scores = micro_precision_recall([(["a", "b"], ["a"]), ([], ["c", "d"]), (["e"], ["e"])])
    assert (scores.true_positives, scores.returned, scores.expected) == (2, 3, 4)
    assert scores.precision == pytest.approx(2 / 3) and scores.recall == pytest.approx(0.5)
    assert micro_precision_recall([]).precision == 1.0


def test_gold_set_is_broad():
    gold = load_gold(SETTINGS.gold_profiles_path)
    assert len(gold) >= 30
    descriptions_only = [g for g in gold if set(g.profile) == {"description"}]
    english = [g for g in gold if g.profile.get("description", "").startswith(("We ", "Our "))]
    assert len(descriptions_only) >= 10 and len(english) >= 3
    profiles = [profile_from_description(g.profile.get("description"), g.profile, VOCAB)[0] for g in gold]
    cities = {p.city for p in profiles}
    assert {"十堰", "恩施", "随州", "咸宁", "荆门", "鄂州", "黄冈"} <= cities
    roles = {r for p in profiles for r in p.roles}
    assert roles == {"整机/龙头企业", "核心部件配套企业", "系统集成商/工程总承包", "中小企业/分包商", "用户企业",
                     "科研院所/高校", "金融机构"}
    sectors = {s for p in profiles for s in p.sectors}
    assert sectors >= {"高档数控机床与数控系统", "工业机器人", "3D打印装备", "冶金成套装备", "光机电一体化装备/激光",
                       "电子信息装备", "节能环保装备", "纺织/建材/轻工装备", "医疗诊断仪器", "自动控制系统与智能部件"}


def test_gold_precision_and_recall(catalogue):
    as_of = load_meta(SETTINGS.gold_profiles_path).as_of
    assert as_of is not None and catalogue.plan.effective_from <= as_of <= catalogue.plan.effective_to
    scores, cases = evaluate_gold(load_gold(SETTINGS.gold_profiles_path), catalogue, as_of)
    misses = {c.id: (c.missing, c.extra) for c in cases if c.missing or c.extra}
    assert scores.precision == 1.0, misses
    assert scores.recall == 1.0, misses


def test_gold_profiles_judged_today_get_nothing_from_the_expired_plan(catalogue):
    """Past its execution period the plan's entries are listed apart, never offered."""
    profile = parse_profile({"city": "襄阳", "sectors": ["工业机器人"]}, VOCAB)
    after = catalogue.plan.effective_to + dt.timedelta(days=1)
    assert match_profile(profile, catalogue, today=after).matches == []
    result = match_profile(profile, catalogue, include_all=True, today=after)
    assert result.matches == [] and len(result.unavailable) == len(catalogue.entries)
    assert {m.status for m in result.unavailable} == {"unavailable"}
    assert {m.availability_reason for m in result.unavailable} == {f"已失效 {catalogue.plan.effective_to}"}
