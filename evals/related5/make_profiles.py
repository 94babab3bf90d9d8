"""Write profiles.jsonl from profiles_source.yaml and the hand rules below (run after editing; then validate.py).

Each profile states what the company says (`profile`, exactly as a caller would give it) and `facts`:
the author's reading of it. The rules are the label conventions of evals/related/README.md,
evals/related3/README.md and evals/related4/README.md applied item by item, plus this library's (README.md)
— they are the gold, written blind, not a model of the assistant:

- expired document (仙桃, not extended) / closed window (黄石 第4类, 2026-11-30) / wrong region (incl. a
  sibling district of 下陆区, a place given in pinyin) / known number on the wrong side of
  a threshold / known wrong size / a 首台（套） certification from before 2026 → MNO (never offered);
- a window that has NOT YET OPENED (黄石 第1、2类, from 2027-01-04) → MNQ (not qualifying now);
- a certification or role not shown → MNQ;
- every condition met, or only attestations and project facts (investment of a project) unknown → E; an item of
  an in-force policy whose yearly window is not running on the reference date stays E (the company applies in the
  next window); the 潜江 measures are in force through their extension (to 2027-12-31);
- a company-level number the profile does not give, or a fact the item needs the profile does not mention
  (a new hire, a rented factory, a cloud purchase, being a maker / user of inspection equipment) → U (unscored),
  unless another rule fires.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from common.gold import write_profiles  # noqa: E402

ITEMS = {  # item → the region it needs
    "nat_inspection_equipment_rd_subsidy": "全国", "nat_application_demo_subsidy": "全国",
    "nat_service_platform_award": "全国",
    "xl_mu_tax_award": "下陆", "xl_retrofit_subsidy": "下陆", "xl_rd_award": "下陆", "xl_talent_allowance": "下陆",
    "xl_rent_relief": "下陆", "xl_association_fee_subsidy": "下陆", "xl_group_standard_award": "下陆",
    "hs_first_set_award": "黄石", "hs_loan_interest_subsidy": "黄石", "hs_little_giant_award": "黄石",
    "qj_smart_factory_award": "潜江", "qj_digital_workshop_award": "潜江", "qj_cloud_subsidy": "潜江",
    "qjn_retrofit_subsidy": "潜江", "hs_retrofit_makeup_subsidy": "黄石",
    "xt_retrofit_subsidy": "仙桃", "xt_little_giant_award": "仙桃", "xt_provincial_srdi_award": "仙桃",
}
EXPIRED = {i for i in ITEMS if i.startswith("xt_")}  # 有效期至2025年12月31日, not extended
CLOSED = {"hs_retrofit_makeup_subsidy"}  # 申报截止时间为2026年11月30日
REGION_OK = {  # profile region → item regions it is inside
    "下陆": {"下陆", "黄石", "全国"}, "黄石其他": {"黄石", "全国"}, "潜江": {"潜江", "全国"}, "仙桃": {"仙桃", "全国"},
    "湖北其他": {"全国"}, "省外": {"全国"}, "境外": set(),
}
NOT_YET_OPEN = {"hs_first_set_award", "hs_loan_interest_subsidy"}  # 申报时间为2027年1月4日至2027年2月26日
CERT = {
    "nat_service_platform_award": "CNAS认可检测实验室", "hs_first_set_award": "省级首台（套）重大技术装备",
    "hs_little_giant_award": "国家级专精特新“小巨人”企业", "qj_smart_factory_award": "省级智能工厂",
    "qj_digital_workshop_award": "省级数字化车间", "xt_little_giant_award": "国家级专精特新“小巨人”企业",
    "xt_provincial_srdi_award": "省级专精特新中小企业",
}
ROLE = {"xl_association_fee_subsidy": "黄石市智能装备产业协会新会员", "xl_group_standard_award": "团体标准牵头制定单位"}
THRESHOLDS = {  # company-level numbers a profile carries: unknown → U
    "nat_inspection_equipment_rd_subsidy": [("rd_ratio", 5, "研发费用占营业收入比例不低于5%")],
    "nat_application_demo_subsidy": [("revenue", 50000, "上年度营业收入不低于5亿元")],
    "xl_mu_tax_award": [("mu_tax", 30, "亩均税收三十万元以上")],
    "xl_rd_award": [("rd_spend", 500, "年度研发投入五百万元以上"), ("rd_ratio", 4, "研发投入占比百分之四以上")],
}
PROJECT = {  # project facts: unknown → not held against the company; known below → MNO
    "nat_inspection_equipment_rd_subsidy": ("project_investment", 5000, "项目总投资不低于5000万元"),
    "xl_retrofit_subsidy": ("retrofit_investment", 1000, "生产性设备投资一千万元以上"),
    "qjn_retrofit_subsidy": ("retrofit_investment", 200, "设备投资额不低于200万元"),
    "xl_rent_relief": ("rent_area", 1000, "租用面积一千平方米以上"),
    "hs_loan_interest_subsidy": ("loan", 1000, "2026年新增设备更新贷款1000万元以上"),
}
ABOVE_SCALE = {"xl_mu_tax_award", "hs_first_set_award", "hs_loan_interest_subsidy", "hs_little_giant_award",
               "qj_cloud_subsidy"}
NEEDS = {  # item → the fact the profile must report, else unscored
    "nat_inspection_equipment_rd_subsidy": "inspection_maker", "nat_application_demo_subsidy": "inspection_user",
    "xl_talent_allowance": "hires", "xl_rent_relief": "rent_area", "qj_cloud_subsidy": "cloud",
}


def _fails(item: str, facts: dict) -> str | None:
    """The MNO reason of a known number on the wrong side of a threshold, if any."""
    for fact, value, words in THRESHOLDS.get(item, []):
        known = facts.get(fact)
        if known is not None and known < value:
            return f"MNO: {fact} {known} fails {words}"
    if item in PROJECT:
        fact, value, words = PROJECT[item]
        known = facts.get(fact)
        if known is not None and known < value:
            return f"MNO: {fact} {known} fails {words}"
    if item == "hs_first_set_award" and facts.get("first_set_year") and facts["first_set_year"] != 2026:
        return f"MNO: 首台（套） certified in {facts['first_set_year']}, the row needs a 2026 certification"
    if item in ABOVE_SCALE and facts.get("above_scale") is False:
        return "MNO: not 规模以上"
    return None


def judge(item: str, facts: dict) -> str:
    """E / MNQ / MNO / U with the reason."""
    if item in EXPIRED:
        return "MNO: 已失效 2025-12-31 (not extended)"
    if item in CLOSED:
        return "MNO: 申报已截止 2026-11-30"
    if ITEMS[item] not in REGION_OK[facts["region"]]:
        return f"MNO: not registered in {ITEMS[item]}"
    failed = _fails(item, facts)
    if failed:
        return failed
    if item in NOT_YET_OPEN:
        return "MNQ: the window opens only on 2027-01-04 (not yet open on 2026-12-01)"
    if item in CERT and CERT[item] not in facts.get("certs", []):
        return f"MNQ: certification not shown: {CERT[item]}"
    if item in ROLE and ROLE[item] not in facts.get("roles", []):
        return f"MNQ: role not shown: {ROLE[item]}"
    for fact, _, words in THRESHOLDS.get(item, []):
        if facts.get(fact) is None:
            return f"U: {fact} unknown ({words})"
    if item in NEEDS and not facts.get(NEEDS[item]):
        return f"U: the profile reports no {NEEDS[item]}"
    if item.startswith(("xl_", "qj")):
        return "E: conditions met (project facts unknown or met); no yearly window runs now — apply in the next one"
    return "E: conditions met or only attestations / project facts unknown"


def main() -> None:
    write_profiles(HERE, ITEMS, judge)


if __name__ == "__main__":
    main()
