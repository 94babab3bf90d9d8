"""Write evals/dev-meta/questions.jsonl from the compact list below (validity notices from labels.yaml).

    .venv/bin/python evals/dev-meta/make_questions.py

Each row: id, question, category, lang, gold documents (the first is the first citation wanted; `firsts`
widens it), gold quotes [(doc, quote)], key facts, history. A question's validity notice lists every gold
document with a labelled window (status on the reference date and the window), as the evaluator checks
every CITED dated document.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TM, SW, SWQ, SWA = ("tianmen-2025-industrial-robot-measures", "hubei-2026-industrial-software-first-version-rules",
                    "hubei-2026-industrial-software-first-version-interpretation",
                    "hubei-2026-industrial-software-amendment-notice")
YL, HS, HSQ, ES = ("yiling-2024-smart-farm-machinery-opinions", "huangshi-2026-smart-factory-application-notice",
                   "huangshi-2026-smart-factory-faq", "enshi-2026-forwarded-diagnosis-notice")
XG, XGE, NA, NAT = ("xiaogan-2025-smart-sensor-measures", "xiaogan-2025-smart-sensor-measures-en",
                    "national-2026-first-set-insurance-measures", "national-2026-first-set-insurance-measures-zh-hant")
SY, SYX, JZN, JZO = ("shiyan-2024-connected-vehicle-equipment-fund-trial-measures",
                     "shiyan-2026-trial-measures-extension-notice", "jingzhou-2026-first-set-award-measures-revised",
                     "jingzhou-2022-first-set-award-measures")
DH, ZD, JY, FC = ("donghu-2025-laser-industry-policies", "zengdu-2025-special-vehicle-retrofit-measures",
                  "jiayu-2026-retrofit-application-guide", "fancheng-2025-digital-transformation-plan")
MC, MED, QJ = ("macheng-2025-stone-machinery-policies", "hubei-2023-medical-equipment-opinions",
               "qianjiang-2026-oil-gas-equipment-measures")

# (id, question, category, lang, answerable, gold_docs, extra first-citation docs, [(doc, quote)], key_facts, history)
ROWS = [
    ("m01", "天门对工业机器人整机销售收入首次突破1亿元的企业奖励多少？", "amount", "zh", True, [TM], [],
     [(TM, "上年度工业机器人整机销售收入首次突破1亿元的企业，一次性奖励50万元")], ["50万元"], []),
    ("m02", "天门支持工业机器人产业的若干措施有效期到什么时候？", "validity", "zh", True, [TM], [],
     [(TM, "本措施自印发之日起施行，有效期三年")], ["三年"], []),
    ("m03", "湖北工业软件首版次产品，开发企业能按销售合同金额拿多少比例的奖励？", "amount", "zh", True, [SW, SWA],
     [SWQ],
     [(SW, "按首年度销售合同金额的30%给予开发企业奖励")], ["30%"], []),
    ("m04", "工业软件首版次推广应用奖励实施细则什么时候开始施行，有效期到哪一天？", "validity", "zh", True, [SW], [],
     [(SW, "本细则自2026年4月1日起施行，有效期至2028年12月31日")], ["2026年4月1日", "2028年12月31日"], []),
    ("m05", "夷陵区对研制丘陵山区智能农机整机的企业怎么奖励？", "amount", "zh", True, [YL], [],
     [(YL, "每个机型奖励20万元，单家企业每年最高不超过100万元")], ["20万元", "100万元"], []),
    ("m06", "夷陵区智能农机装备产业的实施意见现在还有效吗？", "validity", "zh", True, [YL], [],
     [(YL, "本意见自印发之日起施行，有效期至2026年12月31日")], ["2026年12月31日"], []),
    ("m07", "黄石2026年度智能制造示范工厂什么时候截止申报？", "deadline", "zh", True, [HS], [HSQ],
     [(HS, "申报截止时间为2026年12月15日")], ["2026年12月15日"], []),
    ("m08", "孝感新建智能传感器生产线能拿多少补助？", "amount", "zh", True, [XG], [XGE],
     [(XG, "按设备投资额的12%给予补助，单个项目最高不超过800万元")], ["12%", "800万元"], []),
    ("m09", "孝感智能传感器措施从哪天起施行，有效期几年？", "validity", "zh", True, [XG], [XGE],
     [(XG, "本措施自2025年10月1日起施行，有效期三年")], ["2025年10月1日", "三年"], []),
    ("m10", "What one-off reward does Xiaogan give a company newly recognised as a national little giant?", "amount",
     "en", True, [XG], [XGE], [(XG, "对企业新认定为国家级专精特新“小巨人”企业的，一次性奖励80万元")], [], []),
    ("m11", "Is the national insurance compensation measure for first-set intelligent equipment still in force, "
     "and until when?", "validity", "en", True, [NA], [NAT], [(NA, "本办法自2026年3月1日起施行，有效期五年")], [], []),
    ("m12", "首台（套）智能装备投保综合险，中央财政补偿保险费的多少？", "amount", "zh", True, [NA], [NAT],
     [(NA, "中央财政按年度保险费的80%给予补偿")], ["80%"], []),
    ("m13", "首臺（套）智能裝備保險補償的保險費率上限是多少？", "amount", "zh-Hant", True, [NAT, NA], [],
     [(NAT, "保險費率上限為3%")], ["3%"], []),
    ("m14", "十堰智能网联汽车装备专项资金管理办法试行期满了吗，现在还能用吗？", "validity", "zh", True, [SYX, SY], [SY],
     [(SYX, "有效期延长至2027年12月31日")], ["2027年12月31日"], []),
    ("m15", "十堰新建智能网联汽车测试装备生产线，补助标准是多少？", "amount", "zh", True, [SY], [],
     [(SY, "设备投资额在1000万元以上的，按设备投资额的10%给予补助，最高不超过500万元")], ["10%", "500万元"], []),
    ("m16", "荆州对被认定为省级首台（套）重大技术装备的产品奖励多少？", "amount", "zh", True, [JZN], [],
     [(JZN, "按单台（套）销售价格的15%给予奖励，最高不超过300万元")], ["15%", "300万元"], []),
    ("m17", "荆州2022年印发的首台（套）奖励办法现在还有效吗？", "validity", "zh", True, [JZN, JZO], [JZO],
     [(JZN, "《荆州市智能制造装备首台（套）奖励办法》（荆经信规〔2022〕1号）同时废止")], [], []),
    ("m18", "东湖高新区对激光装备首台（套）怎么奖励？", "amount", "zh", True, [DH], [],
     [(DH, "按销售价格的20%给予奖励，单台（套）最高不超过500万元")], ["20%", "500万元"], []),
    ("m19", "东湖高新区支持激光产业的政策执行期是多久？", "validity", "zh", True, [DH], [],
     [(DH, "本政策执行期为2025年7月1日至2027年6月30日")], ["2027年6月30日"], []),
    ("m20", "东湖高新区激光企业扩建生产线，设备投资多少以上能拿补贴，最高多少？", "amount", "zh", True, [DH], [],
     [(DH, "设备投资额在3000万元以上的，按设备投资额的10%给予补贴，单个项目最高不超过1000万元")],
     ["3000万元", "1000万元"], []),
    ("m21", "曾都区专用汽车企业智能化改造奖补比例是多少？", "amount", "zh", True, [ZD], [],
     [(ZD, "按设备投资额的6%给予奖补，单个企业最高不超过80万元")], ["6%", "80万元"], []),
    ("m22", "嘉鱼县智能制造技改项目什么时候受理申报？", "deadline", "zh", True, [JY], [],
     [(JY, "受理时间为2026年12月1日至12月31日")], ["12月31日"], []),
    ("m23", "樊城区企业购买工业互联网平台服务有补贴吗？", "amount", "zh", True, [FC], [],
     [(FC, "按服务费用的30%给予补贴，每家企业每年最高不超过20万元")], ["30%", "20万元"], []),
    ("m24", "麻城石材机械企业的数控雕刻装备首次卖出去能奖多少？", "amount", "zh", True, [MC], [],
     [(MC, "按销售价格的10%给予奖励，每家企业每年最高不超过100万元")], ["10%", "100万元"], []),
    ("m25", "麻城支持石材机械装备的政策什么时候开始执行？", "validity", "zh", True, [MC], [],
     [(MC, "本政策自二〇二六年一月一日起施行，有效期两年")], ["有效期两年"], []),
    ("m26", "湖北对高端医疗装备首次取得第三类医疗器械注册证的产品奖励多少？", "amount", "zh", True, [MED], [],
     [(MED, "每个产品奖励200万元")], ["200万元"], []),
    ("m27", "潜江油气装备企业做智能化改造能补助多少？", "amount", "zh", True, [QJ], [],
     [(QJ, "设备投资额在500万元以上的，按设备投资额的10%给予补助，最高不超过200万元")], ["200万元"], []),
    ("m28", "When do Qianjiang's measures for smart retrofits of oil and gas equipment take effect?", "validity", "en",
     True, [QJ], [], [(QJ, "本措施自2027年1月1日起施行，有效期至2029年12月31日")], [], []),
    ("m29", "工业软件首版次开发奖励，单个产品现在最高能拿多少？", "amount", "zh", True, [SWA, SW], [SW],
     [(SWA, "单个产品最高不超过500万元")], ["500万元"], []),
    ("m30", "那这个措施什么时候到期？", "validity", "zh", True, [XG], [XGE],
     [(XG, "本措施自2025年10月1日起施行，有效期三年")], ["三年"],
     [{"role": "user", "content": "孝感对传感器企业引进的博士有什么补贴？"},
      {"role": "assistant", "content": "孝感对传感器企业引进的博士研究生，每人每年给予3万元生活补贴，连续补贴三年。"}]),
    ("m31", "我们是天门的工业机器人整机企业，去年整机销售收入1.2亿元，第一次过亿，能拿什么奖励？", "eligibility", "zh",
     True, [TM], [], [(TM, "上年度工业机器人整机销售收入首次突破1亿元的企业，一次性奖励50万元")], ["50万元"], []),
    ("m32", "孝感智能传感器措施对企业上市有什么奖励？", "unanswerable", "zh", False, [XG], [], [], [], []),
    ("m33", "东湖高新区激光政策对企业参加国际展会补贴多少？", "unanswerable", "zh", False, [DH], [], [], [], []),
    ("m34", "潜江对油气装备企业的新增用地有什么优惠？", "unanswerable", "zh", False, [QJ], [], [], [], []),
]


def notices(docs: list[str], labels: dict, today: dt.date) -> dict[str, str]:
    out = {}
    for entry in labels["documents"]:
        meta = entry["metadata"]
        if entry["doc"] in docs and (meta.get("effective_from") or meta.get("effective_to")):
            status = entry["status_on_reference_date"]
            out[entry["doc"]] = f"{status} {meta.get('effective_from')}—{meta.get('effective_to')}"
    return out


def main() -> None:
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    today = labels["reference_date"]
    lines = []
    for qid, question, category, lang, answerable, docs, firsts, quotes, facts, history in ROWS:
        dated = notices(docs, labels, today)
        lines.append(json.dumps({
            "id": qid, "question": question, "category": category, "lang": lang, "answerable": answerable,
            "gold_anchors": [], "key_facts": facts, "history": history, "notes": "",
            "gold_doc": docs[0], "gold_docs": docs, "first_citation_docs": list(dict.fromkeys([docs[0], *firsts])),
            "gold_quote": quotes[0][1] if quotes else None,
            "gold_quotes": [{"doc": d, "quote": q} for d, q in quotes],
            "validity_notice": {"required": answerable and bool(dated), "docs": dated,
                                "note": "every cited dated document's notice: status, window, its title"},
        }, ensure_ascii=False))
    (HERE / "questions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} questions")


if __name__ == "__main__":
    main()
