"""Write questions.jsonl from the hand-written questions below (run after editing; then validate.py).
A few amount, window and validity questions over the dev-items2 library (the set is about items and
matching). Written on 2026-12-01 before reading the assistant's item extraction or matcher.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.gold import Questions

XY = "xiangyang-2026-equipment-enterprise-growth-policies"
YC = "yichang-2026-smart-retrofit-fund-measures"
JM = "jingmen-hitech-zone-2026-park-talent-measures"
HB = "hubei-2027-manufacturing-fund-smart-direction-notice"
EZ = "ezhou-2024-digital-transformation-opinions"
XN = "xianning-2026-industrial-growth-measures"
JZ = "jingzhou-2026-industrial-fund-application-notice"
NAT = "mof-miit-2027-first-set-insurance-continuation-notice"
HG = "huanggang-2026-per-mu-efficiency-measures"
WIN = {XY: "in_force 2026-01-01—2028-12-31", YC: "in_force 2026-03-01—2029-02-28", JM: "in_force 2026-04-01—2028-03-31",
       EZ: "expired 2025-12-31", XN: "in_force 2026-01-01—2027-12-31", NAT: "not_yet 2027-01-01—2029-12-31",
       HG: "in_force 2026-06-01—2029-05-31"}
QUESTIONS = Questions(WIN)
q = QUESTIONS.add
q("w001", "襄阳对年主营业务收入首次过亿元的规上企业奖励多少？", "amount",
  [(XY, "第一档，年主营业务收入首次过亿元的，奖励20万元")], ["20万元"])
q("w002", "宜昌智能化技改按设备投资的多少比例补助？单个项目最多多少？", "amount",
  [(YC, "项目竣工投产后按设备投资实际发生额的8%给予补助")], ["8%", "500万元"])
q("w003", "荆门高新区智能装备产业园的厂房租金怎么减免？", "amount",
  [(JM, "厂房租金实行“两免一减半”，即前两年免租、第三年减半收取")], ["前两年免租"])
q("w004", "省里2027年度智能制造方向专项资金，省级数字化车间补助多少？", "amount",
  [(HB, "给予一次性奖补80万元")], ["80万元"])
q("w005", "2027年度省制造业高质量发展专项资金智能制造方向什么时候截止申报？", "deadline",
  [(HB, "即日起至2027年1月10日，逾期不予受理。")], ["2027年1月10日"], deadline="—2027-01-10 open")
q("w006", "鄂州加快制造业数字化转型的实施意见现在还有效吗？", "validity",
  [(EZ, "本意见自2024年1月1日起施行，有效期至2025年12月31日。")], ["2025年12月31日"], must_say=["失效"])
q("w007", "荆州2026年度市级工业发展专项资金现在还能申报吗？", "deadline",
  [(JZ, "申报截止时间为2026年11月20日，逾期不予受理。")], ["2026年11月20日"], deadline="—2026-11-20 closed")
q("w008", "财政部工信部继续实施首台套保险补偿的通知从什么时候开始执行？", "validity",
  [(NAT, "本通知自2027年1月1日起执行，至2029年12月31日止。")], ["2027年1月1日"])
q("w009", "How much does Huanggang give a company with tax per mu above RMB 300,000?", "amount",
  [(HG, "按其新增税收市级留成部分的50%给予奖励，每家最高100万元")], ["50%", "100万元"], lang="en")
q("w010", "咸宁对新认定的专精特新小巨人企业奖励多少？", "unanswerable", [], answerable=False,
  notes="the 咸宁 measures reward 高新技术企业 and 隐形冠军, not 小巨人")
QUESTIONS.write(Path(__file__).resolve().parent)
