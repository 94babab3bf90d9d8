"""Write profiles.jsonl from profiles_source.yaml and the hand rules below (run after editing; then validate.py).

Each profile states what the company says (`profile`, exactly as a caller would give it) and `facts`: the
author's reading of it. The rules are the gold, written before reading the assistant's matcher:

- expired document / closed window / wrong region (incl. an item restricted to a 园区 the company is not in) /
  a known number on the wrong side of a threshold / known wrong size / a sector the item excludes → MNO;
- a window not yet open → MNQ (it may be listed, never as qualifies);
- a certification or role not shown → MNQ;
- a company-level number the item needs and the profile does not give → U (unscored);
- a project fact (equipment investment, a loan, hires, renting, an exhibition) the profile does not mention → U;
  mentioned and met → E; mentioned and below the threshold → MNO;
- otherwise (every condition met, or only attestations such as 首次 / 近三年无事故 unknown) → E.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from common.gold import write_profiles  # noqa: E402

REGION = {  # item prefix → the region the company must be registered in
    "hs_": "黄石", "ins_": "湖北", "sy_": "十堰", "sz_": "随州", "edz_": "武汉经开区", "xg_": "孝感",
    "fin_": "湖北", "es_": "恩施", "miit_": "全国", "tm_": "天门",
}
ITEMS = [
    "hs_revenue_tiers", "hs_retrofit_subsidy", "hs_national_little_giant", "hs_provincial_srdi",
    "hs_national_first_set", "hs_provincial_first_set", "hs_mu_tax_award", "hs_loan_interest", "hs_phd_allowance",
    "hs_land_priority", "hs_park_rent",
    "ins_first_set_premium", "ins_national_top_up", "ins_new_material_premium",
    "sy_supply_chain_award", "sy_national_tech_center", "sy_provincial_tech_center", "sy_guarantee_fee",
    "sz_rd_increment", "sz_smart_factory", "sz_digital_workshop", "sz_champion",
    "edz_revenue_reward", "edz_line_subsidy", "edz_talent_allowance", "edz_rent_subsidy",
    "xg_alliance_grant", "xg_association_fee", "xg_expo_subsidy", "xg_benchmark_title", "xg_park_rd_award",
    "fin_fund_equity", "fin_guarantee", "fin_equipment_loan_interest", "fin_rd_post_subsidy",
    "es_investment_award", "es_rent_free", "es_tax_award",
    "miit_key_little_giant",
    "tm_growth_tiers", "tm_job_subsidy", "tm_tax_increment", "tm_demo_title", "tm_first_set",
]
ZONE = {"xg_park_rd_award": "孝感高新区"}  # items only for companies inside a 园区
EXPIRED = {i for i in ITEMS if i.startswith(("sy_", "es_"))}  # 2025-12-31 / 2026-06-30
CLOSED = {"miit_key_little_giant"}  # 申报截止时间为2026年10月15日
NOT_YET_OPEN = {i for i in ITEMS if i.startswith("sz_")}  # 2027-01-05—2027-02-28
LITTLE_GIANT, HIGH_TECH = "国家级专精特新“小巨人”企业", "高新技术企业"
NATIONAL_FIRST, PROVINCIAL_FIRST = "国家首台（套）重大技术装备", "省级首台（套）重大技术装备"
CERT = {
    "hs_national_little_giant": LITTLE_GIANT, "hs_provincial_srdi": "省级专精特新中小企业",
    "hs_national_first_set": NATIONAL_FIRST, "hs_provincial_first_set": PROVINCIAL_FIRST,
    "ins_first_set_premium": PROVINCIAL_FIRST, "ins_national_top_up": NATIONAL_FIRST,
    "ins_new_material_premium": "重点新材料首批次", "sy_national_tech_center": "国家级企业技术中心",
    "sy_provincial_tech_center": "省级企业技术中心", "sz_smart_factory": "省级智能工厂",
    "sz_digital_workshop": "省级数字化车间", "sz_champion": "国家级制造业单项冠军企业",
    "fin_fund_equity": HIGH_TECH, "fin_rd_post_subsidy": HIGH_TECH, "miit_key_little_giant": LITTLE_GIANT,
    "tm_first_set": PROVINCIAL_FIRST,
}
ROLE = {"xg_alliance_grant": "产业技术创新联盟牵头单位", "xg_association_fee": "湖北省智能制造装备行业协会会员"}
THRESHOLDS = {  # company-level numbers: (fact, minimum, words, strictly more)
    "hs_revenue_tiers": [("revenue", 10000, "年营业收入首次突破1亿元", False)],
    "hs_mu_tax_award": [("tax_per_mu", 30, "亩均税收30万元以上", False),
                        ("tax_paid", 500, "年纳税总额不低于500万元", False)],
    "sz_rd_increment": [("rd_spend", 500, "研发费用投入超过500万元", True), ("rd_ratio", 3, "研发占比不低于3%", False)],
    "edz_revenue_reward": [("revenue", 10000, "revenue exceeds RMB 100 million", True)],
    "xg_park_rd_award": [("revenue", 5000, "年营业收入5000万元以上", False)],
    "fin_rd_post_subsidy": [("rd_spend", 3000, "研发费用不低于3000万元", False),
                            ("rd_ratio", 5, "研发占比不低于5%", False)],
    "es_tax_award": [("tax_paid", 1000, "年纳税额首次超过1000万元", True)],
    "miit_key_little_giant": [("rd_ratio", 3, "研发占比不低于3%", False)],
    "tm_growth_tiers": [("revenue", 10000, "年营业收入1亿元以上", False),
                        ("revenue_growth", 10, "同比增长10%以上", False)],
    "tm_tax_increment": [("tax_paid", 500, "纳税总额500万元以上", False),
                         ("tax_growth", 15, "同比增长15%以上", False)],
}
PROJECT = {  # project facts the company reports: (fact, minimum, words); minimum None = mentioned is enough
    "hs_retrofit_subsidy": ("equipment_investment", 1000, "设备投资不低于1000万元"),
    "hs_loan_interest": ("retrofit_loan", None, "智能化改造银行贷款"),
    "hs_phd_allowance": ("phd_hires", None, "新引进全日制博士"),
    "hs_land_priority": ("new_project_investment", 50000, "固定资产投资5亿元以上的新建项目"),
    "hs_park_rent": ("moving_into_hs_park", None, "新入驻黄石经开区智能装备产业园"),
    "edz_line_subsidy": ("equipment_investment", 2000, "equipment investment ≥ RMB 20 million"),
    "edz_talent_allowance": ("master_hires", None, "newly employed master's graduates"),
    "edz_rent_subsidy": ("renting_in_edz_park", None, "renting in the robotics industrial park"),
    "xg_expo_subsidy": ("expo", None, "参加国家级专业展会"),
    "fin_equipment_loan_interest": ("equipment_loan", None, "购置智能制造装备的中长期贷款"),
    "tm_job_subsidy": ("new_local_hires", 50, "新招用本地劳动者50人以上"),
    "es_investment_award": ("new_project_investment", 50000, "固定资产投资5亿元以上"),
}
ABOVE_SCALE = {"sz_rd_increment", "sz_smart_factory", "sz_digital_workshop", "sz_champion", "tm_growth_tiers"}
SME = {"fin_guarantee"}  # 智能制造中小企业: known large → MNO, not stated → U
ROBOTICS = {i for i in ITEMS if i.startswith("edz_")}  # industrial / service robots or their core components
REGION_OK = {  # profile region → item regions it is inside
    "黄石": {"黄石", "湖北"}, "天门": {"天门", "湖北"}, "武汉经开区": {"武汉经开区", "湖北"}, "武汉其他": {"湖北"},
    "孝感高新区": {"孝感", "孝感高新区", "湖北"}, "孝感": {"孝感", "湖北"}, "随州": {"随州", "湖北"},
    "十堰": {"十堰", "湖北"}, "恩施": {"恩施", "湖北"}, "省外": set(),
}


def _region_fails(item: str, facts: dict) -> str | None:
    need = REGION[next(p for p in REGION if item.startswith(p))]
    inside = REGION_OK[facts["region"]] | {"全国"}
    if need not in inside:
        return f"MNO: not registered in {need}"
    if item in ZONE and ZONE[item] not in inside:
        return f"MNO: not inside {ZONE[item]}"
    return None


def _number_fails(item: str, facts: dict) -> str | None:
    for fact, value, words, strict in THRESHOLDS.get(item, []):
        known = facts.get(fact)
        if known is not None and (known <= value if strict else known < value):
            return f"MNO: {fact} {known} fails {words}"
    if item in PROJECT:
        fact, value, words = PROJECT[item]
        known = facts.get(fact)
        if value is not None and known is not None and known < value:
            return f"MNO: {fact} {known} fails {words}"
    if item in ABOVE_SCALE and facts.get("above_scale") is False:
        return "MNO: not 规模以上"
    if item in SME and facts.get("sme") is False:
        return "MNO: not a 中小企业"
    if item in ROBOTICS and facts.get("robotics") is False:
        return "MNO: not a robotics maker (Article 1)"
    return None


def _unknown(item: str, facts: dict) -> str | None:
    for fact, _, words, _ in THRESHOLDS.get(item, []):
        if facts.get(fact) is None:
            return f"U: {fact} unknown ({words})"
    if item in PROJECT and facts.get(PROJECT[item][0]) is None:
        return f"U: the profile reports no {PROJECT[item][2]} (a project fact)"
    if item in SME and facts.get("sme") is None:
        return "U: size not stated (中小企业)"
    if item in ROBOTICS and facts.get("robotics") is None:
        return "U: sector not stated"
    return None


def judge(item: str, facts: dict) -> str:
    """E / MNQ / MNO / U with the reason."""
    if item in EXPIRED:
        return "MNO: 已失效"
    if item in CLOSED:
        return "MNO: 申报已截止 2026-10-15"
    failed = _region_fails(item, facts) or _number_fails(item, facts)
    if failed:
        return failed
    if item in CERT and CERT[item] not in facts.get("certs", []):
        return f"MNQ: certification not shown: {CERT[item]}"
    if item in ROLE and ROLE[item] not in facts.get("roles", []):
        return f"MNQ: role not shown: {ROLE[item]}"
    if item in NOT_YET_OPEN:
        return "MNQ: the window opens 2027-01-05 (not yet open)"
    unknown = _unknown(item, facts)
    if unknown:
        return unknown
    return "E: conditions met or only attestations unknown"


def main() -> None:
    write_profiles(HERE, ITEMS, judge)


if __name__ == "__main__":
    main()
