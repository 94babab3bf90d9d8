"""Write profiles.jsonl from profiles_source.yaml and the hand rules below (run after editing; then validate.py).

Each profile states what the company says (`profile`, exactly as a caller would give it) and `facts`:
the author's reading of it (region, known numbers, certifications held, stated attestations). The
rules below are the label conventions of evals/related/README.md applied item by item — they are the
gold, written blind, not a model of the assistant:

- expired document / closed window / wrong region / known number on the wrong side of a threshold /
  known wrong size → MNO (never offered);
- a certification not shown, or a 首次/新入规 status the text demands that the profile contradicts → MNQ;
- every condition met, or only attestations and project facts (investment, contract size) unknown → E;
- a company-level number the profile does not give → U (unscored) unless another rule fires.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from common.gold import write_profiles  # noqa: E402

# item → (doc key, region key, extra rule); regions: 宜昌 (city), 宜昌高新区, 湖北, 荆州开发区, 十堰
ITEMS = {
    "yc_retrofit_subsidy": "宜昌", "yc_first_set_award": "宜昌", "yc_little_giant_award": "宜昌",
    "yc_hitech_award": "宜昌", "yc_benchmark_award": "宜昌", "yc_skilled_talent_subsidy": "宜昌",
    "yc_hitech_zone_matching": "宜昌高新区",
    "hbrd_rd_post_subsidy": "湖北", "hbrd_national_tech_center_award": "湖北",
    "hbrd_provincial_tech_center_award": "湖北", "hbrd_coop_project_subsidy": "湖北",
    "hbrd_doctor_allowance": "湖北", "hbrd_innovation_voucher": "湖北",
    "jz_retrofit_subsidy": "荆州开发区", "jz_robot_subsidy": "荆州开发区", "jz_new_scale_award": "荆州开发区",
    "jz_provincial_srdi_award": "荆州开发区", "jz_little_giant_award": "荆州开发区",
    "jz_graduate_living_subsidy": "荆州开发区",
    "sy_retrofit_subsidy": "十堰", "sy_robot_subsidy": "十堰", "sy_first_set_award": "十堰",
    "sy_skilled_talent_allowance": "十堰",
}
EXPIRED = {"sy_retrofit_subsidy", "sy_robot_subsidy", "sy_first_set_award", "sy_skilled_talent_allowance"}
CLOSED = {"jz_retrofit_subsidy", "jz_robot_subsidy"}  # 第一批 closed 2026-10-31
CERT = {  # item → certification it requires
    "yc_first_set_award": "省级及以上首台（套）重大技术装备认定",
    "yc_little_giant_award": "国家级专精特新“小巨人”企业",
    "yc_hitech_award": "国家高新技术企业",
    "yc_benchmark_award": "市级智能制造标杆企业",
    "hbrd_rd_post_subsidy": "国家高新技术企业",
    "hbrd_national_tech_center_award": "国家级企业技术中心",
    "hbrd_provincial_tech_center_award": "省级企业技术中心",
    "jz_provincial_srdi_award": "省级专精特新中小企业",
    "jz_little_giant_award": "国家级专精特新“小巨人”企业",
}
THRESHOLDS = {  # item → [(fact, op, value, words)]
    "yc_benchmark_award": [("revenue", ">=", 100000, "营业收入不低于10亿元")],
    "hbrd_rd_post_subsidy": [("revenue", ">=", 20000, "营业收入不低于二亿元"),
                             ("rd_ratio", ">=", 3, "研发投入占比不低于百分之三")],
    "hbrd_innovation_voucher": [("revenue", "<=", 5000, "营业收入不超过五千万元")],
}
ABOVE_SCALE = {"yc_retrofit_subsidy", "jz_new_scale_award"}  # 规模以上 (a known 非规上 rules it out)
SME = {"hbrd_innovation_voucher"}      # 中小企业 (a known 大型企业 rules it out)
NEW_SCALE = {"jz_new_scale_award"}     # 首次纳入规上统计: U unless the profile says so (E) or denies it (MNQ)
REGION_OK = {  # profile region → item regions it is inside
    "宜昌高新区": {"宜昌", "宜昌高新区", "湖北"}, "宜昌": {"宜昌", "湖北"},
    "荆州开发区": {"荆州开发区", "湖北"}, "荆州": {"湖北"}, "十堰": {"十堰", "湖北"}, "湖北": {"湖北"},
    "省外": set(),
}


def judge(item: str, facts: dict) -> str:
    """E / MNQ / MNO / U with the reason (the README's conventions)."""
    if item in EXPIRED:
        return "MNO: 已失效 2021-12-31"
    if item in CLOSED:
        return "MNO: 申报已截止 2026-10-31（第一批）"
    if ITEMS[item] not in REGION_OK[facts["region"]]:
        return f"MNO: not registered in {ITEMS[item]}"
    for fact, op, value, words in THRESHOLDS.get(item, []):
        known = facts.get(fact)
        if known is not None and not (known >= value if op == ">=" else known <= value):
            return f"MNO: {fact} {known} fails {words}"
    if item in ABOVE_SCALE and facts.get("above_scale") is False:
        return "MNO: not 规模以上"
    if item in SME and facts.get("size") == "大型企业":
        return "MNO: 大型企业, not an SME item"
    if item in CERT and CERT[item] not in facts.get("certs", []):
        return f"MNQ: certification not shown: {CERT[item]}"
    if item in NEW_SCALE:
        state = facts.get("new_scale")
        if state is None:
            return "U: 首次入规 not stated"
        if state is False:
            return "MNQ: already 规上 before (not 首次)"
    for fact, _, _, words in THRESHOLDS.get(item, []):
        if facts.get(fact) is None:
            return f"U: {fact} unknown ({words})"
    return "E: conditions met or only attestations / project facts unknown"


def main() -> None:
    write_profiles(HERE, ITEMS, judge)


if __name__ == "__main__":
    main()
