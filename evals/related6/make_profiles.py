"""Write profiles.jsonl from profiles_source.yaml and the hand rules below (run after editing; then validate.py).

Each profile states what the company says (`profile`, exactly as a caller would give it) and `facts`:
the author's reading of it. The rules are the label conventions of evals/related/README.md,
evals/related3/README.md, evals/related4/README.md and evals/related5/README.md applied item by item, plus
this library's (README.md) — they are the gold, written blind, not a model of the assistant:

- repealed document (the 2022 省 奖励办法, repealed from 2026-05-20) / closed window (东湖高新区 指南, closed
  2026-06-30) / wrong region (incl. a sibling district of 东湖高新区, a neighbouring city, a place given in
  pinyin) / a 分公司 for a 湖北 item / a known number on the wrong side of a threshold / a 单项冠军 title from
  before 2026 for the 省 细则 / the central premium subsidy already received for the 省 保险补偿 → MNO;
- a window that has NOT YET OPENED (the national 保险补偿, from 2027-02-01) → MNQ;
- a certification or role not shown → MNQ;
- a company-level number the item needs and the profile does not give, or a fact the item needs and the profile
  does not mention (a new project, a loan, a hire, a rented plant, an insurance policy, a purchase) → U;
- every condition met (an unknown project figure is not held against it) → E; an item of an in-force policy whose
  yearly window is not running on the reference date stays E (the company applies in the next window).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from common.gold import write_profiles  # noqa: E402

ITEMS = {  # item → the region it needs
    "pr_first_set_award": "湖北", "pr_insurance_compensation": "湖北", "pr_user_purchase_award": "湖北",
    "pr_champion_award": "湖北", "ob_first_set_award": "湖北", "ob_insurance_subsidy": "湖北",
    "tm_project_equipment_subsidy": "天门", "tm_land_price": "天门", "tm_loan_interest": "天门",
    "tm_scale_growth_award": "天门", "tm_hitech_award": "天门", "tm_little_giant_award": "天门",
    "tm_champion_award": "天门", "tm_talent_allowance": "天门", "tm_employment_subsidy": "天门",
    "tm_alliance_lead_award": "天门", "tm_alliance_purchase_award": "天门",
    "dh_champion_award": "东湖", "dh_rd_increase_subsidy": "东湖", "dh_first_set_application_award": "东湖",
    "nat_insurance_premium_subsidy": "全国",
    "es_above_scale_award": "恩施", "es_tax_growth_award": "恩施", "es_hitech_award": "恩施", "es_rent_relief": "恩施",
    "es_loan_interest": "恩施", "es_employment_subsidy": "恩施",
}
EXPIRED = {"ob_first_set_award", "ob_insurance_subsidy"}  # 同时废止 by 鄂经信装备规〔2026〕3号 from 2026-05-20
CLOSED = {i for i in ITEMS if i.startswith("dh_")}  # 2026年5月15日至2026年6月30日
NOT_YET_OPEN = {"nat_insurance_premium_subsidy"}  # 2027年2月1日至2027年3月15日
REGION_OK = {  # profile region → item regions it is inside
    "天门": {"天门", "湖北", "全国"}, "东湖": {"东湖", "湖北", "全国"}, "武汉其他": {"湖北", "全国"},
    "恩施": {"恩施", "湖北", "全国"}, "湖北其他": {"湖北", "全国"}, "省外": {"全国"}, "境外": set(),
}
CATALOGUE = "湖北省首台（套）重大技术装备目录"
CERT = {
    "pr_first_set_award": [CATALOGUE], "pr_champion_award": ["国家级制造业单项冠军企业", CATALOGUE],
    "tm_hitech_award": ["高新技术企业"], "tm_little_giant_award": ["国家级专精特新“小巨人”企业"],
    "tm_champion_award": ["国家级制造业单项冠军企业"], "es_hitech_award": ["高新技术企业"],
    "nat_insurance_premium_subsidy": ["首台（套）重大技术装备推广应用指导目录（2026年版）"],
}
ROLE = {"tm_alliance_lead_award": "天门市智能装备产业联盟牵头单位",
        "tm_alliance_purchase_award": "天门市智能装备产业联盟成员"}
THRESHOLDS = {  # company-level numbers: known below → MNO, unknown → U
    "pr_first_set_award": [("rd_ratio", 3, "研发费用占营业收入比例不低于3%")],
    "tm_employment_subsidy": [("new_jobs", 50, "年度新增就业人数50人以上")],
    "es_tax_growth_award": [("tax_first", 500, "年纳税额首次超过500万元")],
    "es_employment_subsidy": [("poverty_hires", 30, "新吸纳脱贫人口就业30人以上")],
}
PROJECT = {  # project facts: unknown → not held against the company; known below → MNO
    "tm_project_equipment_subsidy": ("project_investment", 10000, "固定资产投资1亿元以上"),
    "tm_land_price": ("investment_intensity", 300, "投资强度不低于每亩300万元"),
    "tm_talent_allowance": ("talent_salary", 30, "年薪30万元以上"),
}
GROWTH_TAX = {10000: 300, 50000: 1500, 100000: 3000}  # 主营业务收入首次突破 → 当年纳税总额不低于 (万元)
NEEDS = {  # item → the fact the profile must report, else unscored
    "pr_insurance_compensation": "insured", "pr_user_purchase_award": "first_set_buyer",
    "tm_project_equipment_subsidy": "new_project", "tm_land_price": "new_project", "tm_loan_interest": "loan",
    "tm_talent_allowance": "hires_30", "es_above_scale_award": "first_above_scale", "es_rent_relief": "rent",
    "es_loan_interest": "wc_loan",
}


def _fails(item: str, facts: dict) -> str | None:
    """The MNO reason of a known fact on the wrong side of a condition, if any."""
    checks = THRESHOLDS.get(item, []) + ([PROJECT[item]] if item in PROJECT else [])
    for fact, value, words in checks:
        known = facts.get(fact)
        if known is not None and known < value:
            return f"MNO: {fact} {known} fails {words}"
    if item == "pr_insurance_compensation" and facts.get("central_subsidy"):
        return "MNO: the central premium subsidy was received (第四条: 未获得中央财政保费补贴)"
    if item == "pr_champion_award" and facts.get("champion_year") and facts["champion_year"] < 2026:
        return f"MNO: 单项冠军 obtained in {facts['champion_year']}, 第六条 needs 2026年以后"
    growth = facts.get("growth")
    if item == "tm_scale_growth_award" and growth and growth["tax"] < GROWTH_TAX[growth["crossed"]]:
        return f"MNO: 纳税 {growth['tax']} below {GROWTH_TAX[growth['crossed']]} for the {growth['crossed']} tier"
    return None


def _missing(item: str, facts: dict) -> str | None:
    """The MNQ reason of a certification or role not shown, if any."""
    missing = [c for c in CERT.get(item, []) if c not in facts.get("certs", [])]
    if missing:
        return f"MNQ: certification not shown: {'、'.join(missing)}"
    if item in ROLE and ROLE[item] not in facts.get("roles", []):
        return f"MNQ: role not shown: {ROLE[item]}"
    return None


def judge(item: str, facts: dict) -> str:
    """E / MNQ / MNO / U with the reason."""
    if item in EXPIRED:
        return "MNO: 已废止 (repealed from 2026-05-20 by 鄂经信装备规〔2026〕3号)"
    if item in CLOSED:
        return "MNO: 申报已截止 2026-06-30"
    if ITEMS[item] not in REGION_OK[facts["region"]]:
        return f"MNO: not registered in {ITEMS[item]}"
    if ITEMS[item] == "湖北" and facts.get("branch"):
        return "MNO: a 分公司 may not apply (第二条: 具有独立法人资格)"
    failed = _fails(item, facts)
    if failed:
        return failed
    if item in NOT_YET_OPEN:
        return "MNQ: the window opens only on 2027-02-01 (not yet open on 2026-12-01)"
    missing = _missing(item, facts)
    if missing:
        return missing
    for fact, _, words in THRESHOLDS.get(item, []):
        if facts.get(fact) is None:
            return f"U: {fact} unknown ({words})"
    if item == "tm_scale_growth_award" and not facts.get("growth"):
        return "U: no first crossing of a revenue tier reported"
    if item in NEEDS and not facts.get(NEEDS[item]):
        return f"U: the profile reports no {NEEDS[item]}"
    if item.startswith(("pr_", "tm_")):
        return "E: conditions met (project facts unknown or met); apply in the next yearly window (or 免申即享)"
    return "E: conditions met (常年受理)"


def main() -> None:
    write_profiles(HERE, ITEMS, judge)


if __name__ == "__main__":
    main()
