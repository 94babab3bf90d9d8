"""Write profiles.jsonl from the hand judgements below (run after editing; then validate.py).

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

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

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


PROFILES = [
    # ── description-only ──
    ("d01-yc-hitech-robot-3e", {"description": "我们公司注册在宜昌高新区，是规上企业，做工业机器人，去年营收3亿元，研发投入占营收4.5%，"
                                "是国家高新技术企业，也是国家级专精特新小巨人企业。"},
     {"region": "宜昌高新区", "revenue": 30000, "rd_ratio": 4.5, "above_scale": True,
      "certs": ["国家高新技术企业", "国家级专精特新“小巨人”企业"]},
     {"yc_little_giant_award": "一次性奖励60万元", "yc_hitech_zone_matching": "单个企业每年最高不超过100万元",
      "hbrd_rd_post_subsidy": "单个企业每年最高不超过三百万元"},
     "宜昌高新区 ⊂ 宜昌市 ⊂ 湖北: city, zone and provincial items apply. 3亿 < 10亿 → no 标杆 award; 3亿 ≥ 二亿 and "
     "4.5% ≥ 百分之三 and 高企 → R&D post-subsidy; 3亿 > 五千万 → no innovation voucher. 荆州 and 十堰 items: wrong region."),
    ("d02-yc-yiling-logistics-12e", {"description": "宜昌市夷陵区的智能物流装备企业，规模以上，上年营业收入12亿元，研发投入占比2.5%，"
                                     "去年被评为市级智能制造标杆企业，想了解能申请哪些支持。"},
     {"region": "宜昌", "revenue": 120000, "rd_ratio": 2.5, "above_scale": True, "size": "大型企业",
      "certs": ["市级智能制造标杆企业"]},
     {"yc_benchmark_award": "一次性奖励100万元", "yc_retrofit_subsidy": "单个项目最高400万元"},
     "12亿 ≥ 10亿 and 市级标杆 → 100万元 award. 夷陵区 is not 宜昌高新区 → no zone matching. 2.5% < 百分之三 → "
     "no provincial R&D post-subsidy; 12亿 > 五千万 and a large company → no voucher."),
    ("d03-jz-etdz-new-scale-2600w", {"description": "我们在荆州经济技术开发区，做智能检测设备，今年第一次纳入规上统计，营收2600万元，"
                                     "中小企业。去年10月买了两台工业机器人，还想申请补贴；今年还招了5个本科毕业生。"},
     {"region": "荆州开发区", "revenue": 2600, "above_scale": True, "size": "中小企业", "new_scale": True,
      "certs": []},
     {"jz_new_scale_award": "给予一次性奖励8万元", "jz_graduate_living_subsidy": "按每人每月1000元给予生活补贴",
      "hbrd_innovation_voucher": "每家企业每年最高不超过二十万元"},
     "新入规 stated → 8万元 (第二批 open until 2027-01-20). The robot subsidy asked for is 技术改造类, 第一批 closed "
     "2026-10-31 → never offered. 2600万 ≤ 五千万, SME → voucher; 2600万 < 二亿 → no R&D post-subsidy."),
    ("d04-jz-shashi-little-giant", {"description": "荆州市沙市区的一家数控机床零部件企业，国家级专精特新小巨人，年营收8000万元，"
                                    "我们能享受荆州开发区的专精特新奖励吗？"},
     {"region": "荆州", "revenue": 8000, "certs": ["国家级专精特新“小巨人”企业"], "size": "中小企业"},
     {"hbrd_doctor_allowance": "按每人每月三千元给予科研津贴"},
     "沙市区 is not 荆州经济技术开发区: every jz item is wrong region although the certification matches. "
     "8000万 < 二亿 → no R&D post-subsidy; 8000万 > 五千万 → no voucher. 宜昌 and 十堰 items: wrong region."),
    ("d05-sy-etdz-asks-expired-robots", {"description": "十堰经开区的汽车零部件智能装备企业，规上，年营收1.5亿元。去年买了20台工业机器人，"
                                         "2019年市里那个意见说每台补2万，现在还能申请吗？"},
     {"region": "十堰", "revenue": 15000, "above_scale": True, "certs": []},
     {"hbrd_coop_project_subsidy": "单个项目最高不超过一百万元"},
     "Asks for the expired 十堰 意见: every sy item is 已失效 2021-12-31, never offered. 1.5亿 < 二亿 → no R&D "
     "post-subsidy; > 五千万 → no voucher. Provincial 产学研 and doctor items apply (attestations / project facts)."),
    ("d06-hunan-robot-outside", {"description": "我们是湖南长沙的工业机器人企业，年营收5亿元，国家高新技术企业，研发占比6%，"
                                 "想看看湖北有什么政策可以申请。"},
     {"region": "省外", "revenue": 50000, "rd_ratio": 6, "certs": ["国家高新技术企业"]},
     {},
     "Registered outside Hubei: every item of the library (湖北 / 宜昌 / 荆州开发区 / 十堰) is wrong region."),
    # ── structured ──
    ("s01-jz-etdz-sme-srdi", {"name": "荆州某智能检测科技有限公司（虚构）", "city": "荆州", "district": "荆州经济技术开发区",
                              "revenue": 1800, "employees": 60, "size": "中小企业", "above_scale": False,
                              "rd_ratio": 6, "certifications": ["省级专精特新中小企业"], "sectors": ["智能检测装备"]},
     {"region": "荆州开发区", "revenue": 1800, "rd_ratio": 6, "above_scale": False, "size": "中小企业",
      "certs": ["省级专精特新中小企业"]},
     {"jz_provincial_srdi_award": "给予一次性奖励10万元",
      "hbrd_innovation_voucher": "按服务合同金额的百分之五十给予科技创新券支持"},
     "开发区 SME with 省级专精特新 → 10万元 (open). Not 规上 (above_scale false) → the 新入规 award never offered. "
     "1800万 < 二亿 → no R&D post-subsidy; ≤ 五千万 → voucher. Robot / retrofit: 第一批 closed."),
    ("s02-sy-zhangwan-auto-4.5e", {"name": "十堰某汽车装备股份有限公司（虚构）", "city": "十堰", "district": "张湾区",
                                   "revenue": 45000, "employees": 1200, "above_scale": True, "size": "大型企业",
                                   "rd_ratio": 3.2, "certifications": ["国家高新技术企业"],
                                   "sectors": ["汽车智能装备"]},
     {"region": "十堰", "revenue": 45000, "rd_ratio": 3.2, "above_scale": True, "size": "大型企业",
      "certs": ["国家高新技术企业"]},
     {"hbrd_rd_post_subsidy": "单个企业每年最高不超过三百万元"},
     "十堰 items all expired (2021-12-31) although every condition is met. 4.5亿 ≥ 二亿, 3.2% ≥ 百分之三, 高企 → "
     "provincial R&D post-subsidy. Large company, > 五千万 → no voucher."),
    ("s03-wh-cnc-tech-center", {"name": "武汉某数控系统有限公司（虚构）", "city": "武汉", "district": "东湖高新区",
                                "revenue": 60000, "above_scale": True, "rd_ratio": 5,
                                "certifications": ["国家高新技术企业", "国家级企业技术中心"],
                                "sectors": ["高档数控机床与数控系统"]},
     {"region": "湖北", "revenue": 60000, "rd_ratio": 5, "above_scale": True,
      "certs": ["国家高新技术企业", "国家级企业技术中心"]},
     {"hbrd_national_tech_center_award": "一次性奖励二百万元", "hbrd_rd_post_subsidy": "单个企业每年最高不超过三百万元"},
     "武汉 is in Hubei: provincial items only. 国家级企业技术中心 held (新获批 is an attestation) → 二百万元. "
     "东湖高新区 is not 宜昌高新区. 6亿 > 五千万 → no voucher."),
    ("s04-yc-xiling-micro-not-scale", {"name": "宜昌某视觉检测有限公司（虚构）", "city": "宜昌", "district": "西陵区",
                                       "revenue": 1200, "employees": 35, "size": "中小企业", "above_scale": False,
                                       "certifications": [], "sectors": ["智能检测装备"], "needs": ["检验检测服务"]},
     {"region": "宜昌", "revenue": 1200, "above_scale": False, "size": "中小企业", "certs": []},
     {"hbrd_innovation_voucher": "每家企业每年最高不超过二十万元", "yc_skilled_talent_subsidy": "每人每月给予800元岗位补贴"},
     "Not 规上 → no 宜昌 retrofit subsidy. No certification (the empty list is complete) → certification items "
     "never qualify. 1200万 < 10亿 / 二亿 → no 标杆 award, no R&D post-subsidy; ≤ 五千万 SME → voucher. "
     "西陵区 is not 宜昌高新区."),
    ("s05-yc-hitech-first-set-15e", {"name": "宜昌某重型装备集团有限公司（虚构）", "city": "宜昌", "district": "宜昌高新区",
                                     "revenue": 150000, "above_scale": True, "size": "大型企业", "first_of_kind": True,
                                     "certifications": ["省级首台（套）重大技术装备"], "roles": ["链主企业"],
                                     "sectors": ["智能物流装备"]},
     {"region": "宜昌高新区", "revenue": 150000, "above_scale": True, "size": "大型企业",
      "certs": ["省级及以上首台（套）重大技术装备认定"]},
     {"yc_first_set_award": "单个产品最高200万元", "yc_retrofit_subsidy": "按生产性设备投资额的12%给予补助"},
     "省级首台（套） held → 宜昌 first-set award (15%, cap 200万元). 15亿 ≥ 10亿 but 市级标杆 not shown → never "
     "qualifies. R&D ratio unknown and 高企 not shown → R&D post-subsidy never qualifies. Large → no voucher."),
    ("s06-jz-etdz-graduates-large", {"name": "荆州某智能装备制造有限公司（虚构）", "city": "荆州",
                                     "district": "荆州经济技术开发区", "revenue": 32000, "above_scale": True,
                                     "established_year": 2010, "certifications": ["国家级专精特新“小巨人”企业"],
                                     "needs": ["人才"]},
     {"region": "荆州开发区", "revenue": 32000, "above_scale": True,
      "certs": ["国家级专精特新“小巨人”企业"]},
     {"jz_little_giant_award": "给予一次性奖励30万元", "jz_graduate_living_subsidy": "补贴期限最长24个月"},
     "开发区, 小巨人 → 30万元 (第二批 open). 规上, but whether it was first included this year is not said → "
     "新入规 award unscored. 3.2亿 ≥ 二亿 but rd_ratio unknown and 高企 not shown → post-subsidy never "
     "qualifies. > 五千万 → no voucher."),
]


def row(pid: str, profile: dict, facts: dict, amounts: dict, notes: str) -> dict:
    reasons = {item: judge(item, facts) for item in ITEMS}
    expected = [i for i, r in reasons.items() if r.startswith("E")]
    mno = [i for i, r in reasons.items() if r.startswith("MNO")]
    mnq = [i for i, r in reasons.items() if r.startswith(("MNO", "MNQ"))]
    return {"id": pid, "profile": profile, "expected_items": expected, "must_not_qualify": mnq,
            "must_not_offer": mno, "expected_amounts": amounts, "notes": notes, "item_reasons": reasons}


def main() -> None:
    with (HERE / "profiles.jsonl").open("w", encoding="utf-8") as handle:
        for spec in PROFILES:
            handle.write(json.dumps(row(*spec), ensure_ascii=False) + "\n")
    print(f"wrote {len(PROFILES)} profiles")


if __name__ == "__main__":
    main()
