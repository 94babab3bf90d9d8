"""Write profiles.jsonl from profiles_source.yaml and the hand rules below (run after editing; then validate.py).

Each profile states what the company says (`profile`, exactly as a caller would give it) and `facts`: the
author's reading of it. The rules are the gold, written before reading the assistant's matcher (as in
evals/dev-items/make_profiles.py, plus certification dates and the size rule below):

- expired document / closed window / wrong region (incl. an item for a 园区's 入驻企业 the company is not in and
  does not move into) / a known number on the wrong side of a threshold / a known certification date the item
  excludes (当年度新认定 vs 2021年认定; 重新认定 vs 首次认定) / known not 规上 where the item needs 规上 /
  亩均税收 below a document's exclusion floor → MNO;
- a document not yet in force → MNQ; a certification or role not shown → MNQ;
- a company-level number the item needs and the profile does not give, or 规上 not stated where needed → U;
- a project fact (equipment investment, a loan, hires, renting, a platform) not mentioned → U; mentioned and met → E;
  mentioned and below → MNO;
- otherwise (every condition met, or only attestations such as 首次 / 年度考核合格 / a certification date not
  stated) → E.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from common.gold import write_profiles  # noqa: E402

REGION = {"xy_": "襄阳", "yc_": "宜昌", "jm_": "荆门", "hb_": "湖北", "ez_": "鄂州", "xn_": "咸宁", "jz_": "荆州",
          "nat_": "全国", "hg_": "黄冈"}
ITEMS = [
    "xy_scale_tiers", "xy_little_giant", "xy_srdi", "xy_champion", "xy_tech_center", "xy_skill_talent",
    "yc_retrofit", "yc_platform", "yc_loan_interest", "yc_demo_factory",
    "jm_rent", "jm_major_project", "jm_tax_reward", "jm_talent_subsidy", "jm_talent_apartment", "jm_children_school",
    "hb_smart_factory", "hb_digital_workshop", "hb_solution_provider", "hb_id_node",
    "ez_demo_factory", "ez_benchmark", "ez_software", "ez_iip_pilot",
    "xn_new_above_scale", "xn_new_hitech", "xn_renewed_hitech", "xn_hitech_tax", "xn_hidden_champion", "xn_retrofit",
    "xn_big_taxpayer",
    "jz_retrofit", "jz_first_set", "jz_cloud", "jz_two_integration",
    "nat_first_set_premium", "nat_little_giant_top_up",
    "hg_mu_tax_award", "hg_hero", "hg_loan_interest", "hg_zero_land",
]
PARK = {"jm_tax_reward", "jm_talent_subsidy", "jm_talent_apartment", "jm_children_school"}  # 入驻企业 of the zone
EXPIRED = {i for i in ITEMS if i.startswith("ez_")}  # 2025-12-31
CLOSED = {i for i in ITEMS if i.startswith("jz_")}  # 申报截止时间为2026年11月20日
NOT_YET = {i for i in ITEMS if i.startswith("nat_")}  # 自2027年1月1日起执行
LITTLE_GIANT, HIGH_TECH = "国家级专精特新“小巨人”企业", "高新技术企业"
TECH_CENTERS = ("国家级企业技术中心", "省级企业技术中心")
CERT = {
    "xy_little_giant": LITTLE_GIANT, "xy_srdi": "省级专精特新中小企业", "xy_champion": "国家级制造业单项冠军企业",
    "xy_tech_center": TECH_CENTERS, "yc_demo_factory": "省级智能制造示范工厂",
    "hb_smart_factory": "省级智能工厂", "hb_digital_workshop": "省级数字化车间",
    "hb_solution_provider": "省级智能制造系统解决方案供应商",
    "ez_demo_factory": "国家级智能制造示范工厂", "ez_benchmark": "省级数字化转型标杆企业",
    "xn_new_hitech": HIGH_TECH, "xn_renewed_hitech": HIGH_TECH, "xn_hitech_tax": HIGH_TECH,
    "xn_hidden_champion": "省级“隐形冠军”示范企业", "jz_first_set": "省级首台（套）重大技术装备",
    "nat_first_set_premium": "首台（套）重大技术装备", "nat_little_giant_top_up": LITTLE_GIANT,
}
THIS_YEAR = {"xy_little_giant", "xy_srdi", "yc_demo_factory", "hb_smart_factory", "hb_digital_workshop",
             "xn_new_hitech"}  # 当年度新认定 / 首次认定: a certification year other than 2026 fails
ROLE = {"hg_hero": "市级“亩均英雄”企业"}
THRESHOLDS = {  # company-level numbers: (fact, minimum, words)
    "xy_scale_tiers": [("revenue", 10000, "年主营业务收入首次过亿元")],
    "yc_retrofit": [("tax_per_mu", 15, "上年度亩均税收不低于15万元")],
    "yc_platform": [("tax_per_mu", 15, "上年度亩均税收不低于15万元")],
    "yc_loan_interest": [("tax_per_mu", 15, "上年度亩均税收不低于15万元")],
    "yc_demo_factory": [("tax_per_mu", 15, "上年度亩均税收不低于15万元")],
    "jm_tax_reward": [("tax_per_mu", 20, "年度亩均税收达到20万元以上")],
    "hb_smart_factory": [("revenue", 5000, "上年度营业收入5千万元以上")],
    "hb_digital_workshop": [("revenue", 5000, "上年度营业收入5千万元以上")],
    "hb_solution_provider": [("revenue", 5000, "上年度营业收入5千万元以上")],
    "hb_id_node": [("revenue", 5000, "上年度营业收入5千万元以上")],
    "xn_big_taxpayer": [("tax_paid", 10000, "年度纳税总额过亿元")],
    "hg_mu_tax_award": [("tax_per_mu", 30, "亩均税收30万元以上")],
    "hg_loan_interest": [("revenue", 5000, "年营业收入5千万元以上")],
}
PROJECT = {  # project facts the company reports: (fact, minimum, words); minimum None = mentioned is enough
    "xy_skill_talent": ("skill_hires", None, "新引进的高级技师"),
    "yc_retrofit": ("equipment_investment", 5000, "设备投资额须在5千万元以上"),
    "yc_platform": ("platform", None, "省级以上工业互联网平台"),
    "yc_loan_interest": ("retrofit_loan", None, "智能化改造银行贷款"),
    "jm_rent": ("moving_into_jm_park", None, "新入驻产业园并租用标准厂房"),
    "jm_major_project": ("new_project_investment", 100000, "总投资10亿元以上"),
    "jm_talent_subsidy": ("phd_or_master_hires", None, "新引进全职博士、硕士"),
    "jm_talent_apartment": ("high_talent_hires", None, "引进的高层次人才"),
    "jm_children_school": ("high_talent_hires", None, "引进的高层次人才"),
    "hb_id_node": ("id_node", None, "工业互联网标识解析二级节点"),
    "ez_software": ("software", None, "购置工业软件"),
    "xn_retrofit": ("equipment_investment", 2000, "设备投资额达到2000万元以上"),
    "hg_loan_interest": ("new_fixed_investment", 3000, "当年新增固定资产投资3000万元以上"),
    "hg_zero_land": ("zero_land_retrofit", None, "“零增地”技术改造"),
}
ABOVE_SCALE = {"xy_scale_tiers", "xn_new_above_scale"} | {i for i in ITEMS if i.startswith(("yc_", "hb_", "hg_"))}
HG_FLOOR = 5  # 对亩均税收低于5万元的企业，不享受本措施各项奖励政策
REGION_OK = {  # profile region → item regions it is inside
    "襄阳": {"襄阳", "湖北"}, "宜昌": {"宜昌", "湖北"}, "荆门": {"荆门", "湖北"}, "鄂州": {"鄂州", "湖北"},
    "咸宁": {"咸宁", "湖北"}, "荆州": {"荆州", "湖北"}, "黄冈": {"黄冈", "湖北"}, "武汉": {"湖北"}, "省外": set(),
}


def _region_fails(item: str, facts: dict) -> str | None:
    need = REGION[next(p for p in REGION if item.startswith(p))]
    if need not in REGION_OK[facts["region"]] | {"全国"}:
        return f"MNO: not registered in {need}"
    if item in PARK and not (facts.get("in_jm_park") or facts.get("moving_into_jm_park")):
        return "MNO: not a 荆门高新区 入驻企业"
    return None


def _number_fails(item: str, facts: dict) -> str | None:
    for fact, value, words in THRESHOLDS.get(item, []):
        known = facts.get(fact)
        if known is not None and known < value:
            return f"MNO: {fact} {known} fails {words}"
    if item in PROJECT:
        fact, value, words = PROJECT[item]
        known = facts.get(fact)
        if value is not None and known is not None and known < value:
            return f"MNO: {fact} {known} fails {words}"
    if item in ABOVE_SCALE and facts.get("above_scale") is False:
        return "MNO: not 规模以上"
    if item == "xn_new_above_scale" and facts.get("above_scale_since") not in (None, 2025):
        return f"MNO: 规上 since {facts['above_scale_since']}, not 上年度新进"
    if item.startswith("hg_") and facts.get("tax_per_mu") is not None and facts["tax_per_mu"] < HG_FLOOR:
        return "MNO: 亩均税收低于5万元 excluded by 第六条"
    return None


def _cert_fails(item: str, facts: dict) -> str | None:
    want = CERT.get(item)
    if want is None:
        return None
    wanted = want if isinstance(want, tuple) else (want,)
    if not any(w in facts.get("certs", []) for w in wanted):
        return f"MNQ: certification not shown: {want}"
    year = facts.get("cert_years", {}).get(wanted[0])
    if item in THIS_YEAR and year is not None and year != 2026:
        return f"MNO: certified in {year}, the item rewards 当年度新认定"
    if item == "xn_renewed_hitech" and facts.get("hitech_first_time"):
        return "MNO: 首次认定, not 重新认定"
    return None


def _unknown(item: str, facts: dict) -> str | None:
    for fact, _, words in THRESHOLDS.get(item, []):
        if facts.get(fact) is None:
            return f"U: {fact} unknown ({words})"
    if item in PROJECT and facts.get(PROJECT[item][0]) is None:
        return f"U: the profile reports no {PROJECT[item][2]} (a project fact)"
    if item in ABOVE_SCALE and facts.get("above_scale") is None:
        return "U: 规上 not stated"
    return None


def judge(item: str, facts: dict) -> str:
    """E / MNQ / MNO / U with the reason."""
    if item in EXPIRED:
        return "MNO: 已失效 2025-12-31"
    if item in CLOSED:
        return "MNO: 申报已截止 2026-11-20"
    failed = _region_fails(item, facts) or _number_fails(item, facts)
    cert = _cert_fails(item, facts)
    if failed or (cert and cert.startswith("MNO")):
        return failed or cert
    if cert:
        return cert
    if item in ROLE and ROLE[item] not in facts.get("roles", []):
        return f"MNQ: role not shown: {ROLE[item]}"
    if item in NOT_YET:
        return "MNQ: the notice is in force only from 2027-01-01"
    unknown = _unknown(item, facts)
    if unknown:
        return unknown
    return "E: conditions met or only attestations unknown"


def main() -> None:
    write_profiles(HERE, ITEMS, judge)


if __name__ == "__main__":
    main()
