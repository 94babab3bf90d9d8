"""Write profiles.jsonl from profiles_source.yaml and the hand rules below (run after editing; then validate.py).

Each profile states what the company says (`profile`, exactly as a caller would give it) and `facts`:
the author's reading of it. The rules are the label conventions of evals/related/README.md and
evals/related2/README.md applied item by item, plus one for windows that have not opened yet —
they are the gold, written blind, not a model of the assistant:

- expired document / closed window / wrong region / known number on the wrong side of a threshold /
  known wrong size → MNO (never offered);
- a certification or role not shown → MNQ; a window that opens after the reference date → MNQ
  (it may be listed as upcoming, never as `qualifies` today);
- every condition met, or only attestations and project facts (investment, new jobs) unknown → E;
- a company-level number the profile does not give, a sub-zone not stated, or a sector outside the
  national notice's closed list of directions → U (unscored) unless another rule fires.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from common.gold import write_profiles  # noqa: E402

ITEMS = {  # item → the region it needs
    "nat_pilot_project_subsidy": "全国", "nat_consortium_lead_subsidy": "全国",
    "nat_first_version_software_subsidy": "全国",
    "xn_retrofit_subsidy": "孝南", "xn_rd_award": "孝南", "xn_provincial_srdi_award": "孝南",
    "xn_little_giant_award": "孝南", "xn_tech_center_award": "孝南", "xn_jobs_award": "孝南",
    "xn_park_rent_subsidy": "孝南开发区",
    "hg_retrofit_subsidy": "黄冈", "hg_first_set_award": "黄冈", "hg_tech_center_award": "黄冈",
    "hg_zone_investment_award": "黄冈高新区",
    "sz_smart_factory_award": "随州", "sz_digital_workshop_award": "随州", "sz_first_set_award": "随州",
    "sz_hitech_award": "随州", "sz_doctor_settling_subsidy": "随州",
}
EXPIRED = {"hg_retrofit_subsidy", "hg_first_set_award", "hg_tech_center_award", "hg_zone_investment_award"}
CLOSED = {"nat_first_version_software_subsidy"}  # 申报已于2026年9月30日截止
NOT_YET = {i for i in ITEMS if i.startswith("sz_")}  # 网上申报系统于2027年3月1日开放
NATIONAL = {"nat_pilot_project_subsidy", "nat_consortium_lead_subsidy", "nat_first_version_software_subsidy"}
CERT = {
    "nat_pilot_project_subsidy": "国家高新技术企业", "nat_consortium_lead_subsidy": "国家高新技术企业",
    "nat_first_version_software_subsidy": "国家高新技术企业",
    "xn_provincial_srdi_award": "省级专精特新中小企业", "xn_little_giant_award": "国家级专精特新“小巨人”企业",
    "xn_tech_center_award": "省级企业技术中心",
    "hg_first_set_award": "省级首台（套）重大技术装备", "hg_tech_center_award": "省级企业技术中心",
    "sz_smart_factory_award": "市级智能工厂", "sz_digital_workshop_award": "市级数字化车间",
    "sz_first_set_award": "省级首台（套）重大技术装备", "sz_hitech_award": "国家高新技术企业",
}
ROLE = {"nat_consortium_lead_subsidy": "联合体牵头单位"}
NAT_T = [("revenue", 30000, "营业收入不低于3亿元"), ("rd_ratio", 4, "研发费用占营业收入比例不低于4%")]
SZ_T = [("revenue", 5000, "营业收入不低于5000万元"), ("employees", 50, "从业人员不少于50人")]
THRESHOLDS = {i: NAT_T for i in NATIONAL} | {i: SZ_T for i in NOT_YET} | {
    "xn_rd_award": [("rd_spend", 1000, "研发费用达到一千万元以上")],
    "xn_jobs_award": [("employees", 100, "年末从业人员不少于一百人")],
}
ABOVE_SCALE = {"xn_retrofit_subsidy", "hg_retrofit_subsidy"} | NOT_YET
REGION_OK = {  # profile region → item regions it is inside
    "孝南开发区": {"孝南", "孝南开发区", "全国"}, "孝南": {"孝南", "全国"}, "孝感其他": {"全国"},
    "随州": {"随州", "全国"}, "黄冈高新区": {"黄冈", "黄冈高新区", "全国"}, "黄冈": {"黄冈", "全国"},
    "湖北其他": {"全国"}, "省外": {"全国"},
}


def judge(item: str, facts: dict) -> str:
    """E / MNQ / MNO / U with the reason."""
    if item in EXPIRED:
        return "MNO: 已失效 2025-12-31"
    if item in CLOSED:
        return "MNO: 申报已截止 2026-09-30"
    if ITEMS[item] not in REGION_OK[facts["region"]]:
        if item == "xn_park_rent_subsidy" and facts.get("zone_unknown"):
            return "U: 孝南区 given, whether it is in 孝南经济开发区 not stated"
        return f"MNO: not registered in {ITEMS[item]}"
    for fact, value, words in THRESHOLDS.get(item, []):
        known = facts.get(fact)
        if known is not None and known < value:
            return f"MNO: {fact} {known} fails {words}"
    if item in ABOVE_SCALE and facts.get("above_scale") is False:
        return "MNO: not 规模以上"
    if item in NOT_YET:
        return "MNQ: window opens 2027-03-01 (not yet open)"
    if item in CERT and CERT[item] not in facts.get("certs", []):
        return f"MNQ: certification not shown: {CERT[item]}"
    if item in ROLE and ROLE[item] not in facts.get("roles", []):
        return f"MNQ: role not shown: {ROLE[item]}"
    for fact, _, words in THRESHOLDS.get(item, []):
        if facts.get(fact) is None:
            return f"U: {fact} unknown ({words})"
    if item in NATIONAL and not facts.get("nat_sector"):
        return "U: sector outside (or not clearly in) the 揭榜方向 list"
    return "E: conditions met or only attestations / project facts unknown"


def main() -> None:
    write_profiles(HERE, ITEMS, judge)


if __name__ == "__main__":
    main()
