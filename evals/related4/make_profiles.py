"""Write profiles.jsonl from profiles_source.yaml and the hand rules below (run after editing; then validate.py).

Each profile states what the company says (`profile`, exactly as a caller would give it) and `facts`:
the author's reading of it. The rules are the label conventions of evals/related/README.md and
evals/related3/README.md applied item by item, plus two for this library (README.md) — they are the
gold, written blind, not a model of the assistant:

- expired document / closed window / wrong region / known number on the wrong side of a threshold /
  known wrong size / a certification obtained before the 办法 took effect → MNO (never offered);
- a certification or role not shown → MNQ;
- every condition met, or only attestations and project facts (investment, 首次) unknown → E; an item of
  the in-force 湖北 办法 whose yearly window is not running on the reference date stays E (the policy is
  in force; the company applies in the next window);
- a company-level number the profile does not give, a purchase the profile does not mention, or (for the
  办法's maker items) a company that is not a maker of 数控机床 / 数控系统 / 功能部件 → U (unscored),
  unless another rule fires.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from common.gold import write_profiles  # noqa: E402

ITEMS = {  # item → the region it needs
    "hb_first_set_cnc_award": "湖北", "hb_key_component_subsidy": "湖北", "hb_user_demo_subsidy": "湖北",
    "hb_leasing_interest_subsidy": "湖北", "hb_champion_award": "湖北",
    "jm_little_giant_award": "荆门", "jm_champion_award": "荆门", "jm_revenue_milestone_award": "荆门",
    "jm_first_set_award": "荆门", "jm_retrofit_subsidy": "荆门", "jm_consortium_grant": "荆门",
    "jm_alliance_purchase_award": "荆门",
    "ez_inspection_equipment_subsidy": "鄂州", "ez_robot_application_subsidy": "鄂州",
    "xnn_settlement_award": "咸宁", "xnn_factory_rent_relief": "咸宁", "xnn_champion_award": "咸宁",
    "xnn_rd_increment_award": "咸宁",
}
EXPIRED = {i for i in ITEMS if i.startswith("xnn_")}  # 有效期至2026年6月30日
CLOSED = {"ez_inspection_equipment_subsidy"}  # 申报截止时间为2026年10月31日
CHAMPION = "国家级制造业单项冠军企业"
FIRST_SET = "省级首台（套）重大技术装备"
CERT = {
    "hb_first_set_cnc_award": FIRST_SET, "hb_champion_award": CHAMPION,
    "jm_little_giant_award": "国家级专精特新“小巨人”企业", "jm_champion_award": CHAMPION,
    "jm_first_set_award": FIRST_SET, "xnn_champion_award": CHAMPION,
}
ROLE = {"jm_consortium_grant": "创新联合体牵头单位", "jm_alliance_purchase_award": "荆门市智能装备产业联盟成员"}
THRESHOLDS = {  # company-level numbers a profile carries
    "hb_key_component_subsidy": [("revenue", 20000, "主营业务收入不低于2亿元"),
                                 ("rd_ratio", 5, "研发费用占比不低于5%")],
    "jm_revenue_milestone_award": [("revenue", 100000, "主营业务收入首次突破10亿元"),
                                   ("rd_ratio", 3, "研发费用占比不低于3%")],
    "jm_retrofit_subsidy": [("revenue", 2000, "主营业务收入2000万元以上"), ("employees", 50, "从业人员50人以上")],
    "ez_robot_application_subsidy": [("revenue", 3000, "主营业务收入不低于3000万元")],
}
PURCHASES = {  # item → (fact, minimum, words, strictly more): a purchase the company reports
    "hb_user_demo_subsidy": ("cnc_purchase", 1000, "购置省内高档数控机床不低于1000万元", False),
    "jm_alliance_purchase_award": ("alliance_purchase", 1000, "采购联盟内本地配套产品超过1000万元", True),
}
ABOVE_SCALE = {"ez_inspection_equipment_subsidy", "ez_robot_application_subsidy"}
MAKER = {"hb_first_set_cnc_award", "hb_key_component_subsidy", "hb_champion_award"}  # 数控机床 makers only
USER = {"hb_user_demo_subsidy": "cnc_user", "hb_leasing_interest_subsidy": "leasing"}  # what the company must report
REGION_OK = {  # profile region → item regions it is inside
    "荆门": {"荆门", "湖北"}, "鄂州": {"鄂州", "湖北"}, "咸宁": {"咸宁", "湖北"}, "湖北其他": {"湖北"}, "省外": set(),
}


def _fails(item: str, facts: dict) -> str | None:
    """The MNO reason of a known number on the wrong side of a threshold, if any."""
    for fact, value, words in THRESHOLDS.get(item, []):
        known = facts.get(fact)
        if known is not None and known < value:
            return f"MNO: {fact} {known} fails {words}"
    if item in PURCHASES:
        fact, value, words, strict = PURCHASES[item]
        known = facts.get(fact)
        if known is not None and (known <= value if strict else known < value):
            return f"MNO: {fact} {known} fails {words}"
    if item == "hb_champion_award" and facts.get("champion_year") and facts["champion_year"] < 2026:
        return f"MNO: 单项冠军 obtained in {facts['champion_year']}, before the 办法 took effect (2026-04-01)"
    return None


def judge(item: str, facts: dict) -> str:
    """E / MNQ / MNO / U with the reason."""
    if item in EXPIRED:
        return "MNO: 已失效 2026-06-30"
    if item in CLOSED:
        return "MNO: 申报已截止 2026-10-31"
    if ITEMS[item] not in REGION_OK[facts["region"]]:
        return f"MNO: not registered (as an independent legal person) in {ITEMS[item]}"
    failed = _fails(item, facts)
    if failed:
        return failed
    if item in ABOVE_SCALE and facts.get("above_scale") is False:
        return "MNO: not 规模以上"
    if item in CERT and CERT[item] not in facts.get("certs", []):
        return f"MNQ: certification not shown: {CERT[item]}"
    if item in ROLE and ROLE[item] not in facts.get("roles", []):
        return f"MNQ: role not shown: {ROLE[item]}"
    for fact, _, words in THRESHOLDS.get(item, []):
        if facts.get(fact) is None:
            return f"U: {fact} unknown ({words})"
    if item in MAKER and not facts.get("cnc_maker"):
        return "U: not a maker of 数控机床 / 数控系统 / 功能部件 (the 办法's maker rows)"
    if item in USER and not facts.get(USER[item]):
        return f"U: the profile reports no {USER[item]} (a project fact)"
    if item.startswith("hb_") and item != "hb_champion_award":
        return "E: conditions met; the yearly window is not running on 2026-12-01 — apply in the next one"
    return "E: conditions met or only attestations / project facts unknown"


def main() -> None:
    write_profiles(HERE, ITEMS, judge)


if __name__ == "__main__":
    main()
