"""Write questions.jsonl from the hand-written questions below (run after editing; then validate.py).

A few eligibility, amount, window and validity questions over the development library (the set is
about items and matching; its questions check that answers carry the same amounts and windows).
Written on 2026-12-01 before reading the assistant's item extraction or matcher.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.gold import Questions

HS = "huangshi-2026-intelligent-equipment-measures"
INS = "hubei-2026-first-set-insurance-compensation-notice"
SY = "shiyan-2023-auto-parts-equipment-reward-measures"
SZ = "suizhou-2026-special-vehicle-fund-application-notice"
EDZ = "wuhan-edz-2026-robotics-support-measures"
XG = "xiaogan-2026-equipment-collaboration-measures"
FIN = "hubei-2026-smart-manufacturing-finance-measures"
ES = "enshi-2024-industrial-project-incentives"
TM = "tianmen-2026-equipment-growth-measures"
WIN = {HS: "in_force 2026-03-01—2028-12-31", EDZ: "in_force 2026-07-01—2029-06-30",
       XG: "in_force 2026-06-01—2029-05-31", FIN: "in_force 2026-01-01—2028-12-31",
       TM: "in_force 2026-01-01—2027-12-31", SY: "expired 2025-12-31", ES: "expired 2026-06-30"}
QUESTIONS = Questions(WIN)
q = QUESTIONS.add

q("v001", "黄石对新认定的国家级专精特新小巨人企业奖励多少钱？", "amount",
  [(HS, "对新认定的国家级专精特新“小巨人”企业，给予一次性奖励一百万元")], ["一百万元"])
q("v002", "我们在天门，规上企业，去年营收1.8亿元、同比增长12%，市里的营收奖励能拿多少？", "eligibility",
  [(TM, "规上企业年营业收入1亿元以上、5亿元以上、10亿元以上且同比增长10%以上的，分别奖励10万元、30万元、50万元")],
  ["10万元"], notes="1.8亿 is in the 1亿元以上 tier (below 5亿)")
q("v003", "省里2026年度首台套保险补偿申报什么时候截止？", "deadline",
  [(INS, "申报时间为2026年11月10日至2026年12月25日")], ["2026年12月25日"],
  deadline="2026-11-10—2026-12-25 open")
q("v004", "十堰那个汽车零部件和智能装备协同发展奖励办法现在还有效吗？", "validity",
  [(SY, "本办法自2023年7月1日起施行，有效期至2025年12月31日")], ["2025年12月31日"], must_say=["失效"])
q("v005", "How much rent subsidy does Wuhan Economic and Technological Development Zone give robotics companies?",
  "amount", [(EDZ, "shall receive a rent subsidy of RMB 30 per square metre per month")], ["RMB 30"], lang="en")
q("v006", "随州2027年度专用汽车产业发展资金现在能申报吗？", "deadline",
  [(SZ, "申报时间为2027年1月5日至2027年2月28日")], ["2027年1月5日"],
  deadline="2027-01-05—2027-02-28 not_yet_open")
q("v007", "孝感的企业加入省智能制造装备行业协会，会费能补贴多少？", "amount",
  [(XG, "按其缴纳年度会费的50%给予补贴，每家每年最高2万元")], ["50%", "2万元"])
q("v008", "省里对企业购置智能制造装备的贷款贴息比例是多少？每年最多多少？", "amount",
  [(FIN, "按实际付息额的百分之三十给予贴息，单户企业每年最高不超过一百万元")], ["百分之三十", "一百万元"])
q("v009", "恩施州年纳税首次超过1000万元的企业奖励现在还能拿吗？", "validity",
  [(ES, "对年纳税额首次超过1000万元的工业企业，给予一次性奖励50万元"),
   (ES, "本政策自2024年1月1日起施行，有效期至2026年6月30日")], ["50万元", "2026年6月30日"], must_say=["失效"])
q("v010", "黄石对企业新引进的硕士研究生每月给多少生活补贴？", "unanswerable", [], answerable=False,
  notes="the 黄石 measures name 博士 only; 硕士 is not stated")

QUESTIONS.write(Path(__file__).resolve().parent)
