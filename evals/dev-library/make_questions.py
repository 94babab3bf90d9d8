"""Write questions.jsonl from the hand-written questions below (run after editing; then validate.py).

A DEVELOPMENT library (session 6, brief AQ), written before reading the assistant's retrieval, answering
or lexicon code: questions the way company staff type them (colloquial, typos, follow-ups, multi-part,
comparisons between the two cities, English, Traditional Chinese) and questions that must abstain NEAR a
document (a district, body, programme, year, amount kind or item the library does not hold).
Each call: question, category, the (doc, verbatim quote) pairs that answer it in citation order, key facts.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.gold import Questions

H = "hubei-2026-smart-factory-declaration-notice"
HI = "hubei-2026-smart-factory-declaration-notice-interpretation"
E = "enshi-2026-smart-factory-implementation-rules"
EO = "enshi-2023-intelligent-transformation-measures"
L = "enshi-lichuan-2026-industrial-upgrade-policies"
M = "miit-2026-excellent-smart-factory-selection-notice"
T = "tianmen-2026-digital-transformation-measures"
TG = "tianmen-2026-industrial-software-subsidy-application-guide"
P = "hubei-2014-intelligent-equipment-action-plan"
WIN = {E: "in_force 2026-05-01—2028-12-31", EO: "expired 2025-12-31", L: "in_force 2026-06-03—2029-06-02",
       T: "in_force 2026-03-01—2028-02-29", P: "expired 2017-12-31"}
QUESTIONS = Questions(WIN)
q = QUESTIONS.add


def follow(history: list[tuple[str, str]]) -> None:
    """Give the question just added the earlier turns of its conversation."""
    QUESTIONS.rows[-1]["history"] = [{"role": r, "content": c} for r, c in history]


# ── H. 省 认定通知 ──
q("d001", "省级智能工厂认定下来奖多少钱", "amount",
  [(H, "对新认定的省级智能工厂，给予一次性奖励150万元")], ["150万元"], first=[H, HI])
q("d002", "省里数字化车间的认定 营收要求是多少？", "threshold",
  [(H, "申报省级数字化车间的，企业上年度主营业务收入不低于2000万元")], ["2000万元"])
q("d003", "申报省级智能工厂，关键工序数控化率要达到多少", "threshold",
  [(H, "关键工序数控化率达到80%以上")], ["80%"])
q("d004", "省级数字化车间对设备联网率有要求吗", "threshold",
  [(H, "设备联网率达到60%以上")], ["60%"])
q("d005", "省里今年智能工厂网上申报什么时候截止？", "deadline",
  [(H, "企业网上申报时间为2026年11月10日至2026年12月25日")], ["2026年12月25日"], first=[H, HI])
q("d006", "市州经信局给省厅报推荐文件的截至时间是哪天", "deadline",
  [(H, "各市州经信部门请于2027年1月10日前将推荐文件及汇总表报送省经信厅智能制造处")], ["2027年1月10日"])
q("d007", "申报省级智能工厂要准备哪些材料", "materials",
  [(H, "（一）省级智能工厂（数字化车间）申报书；"), (H, "（三）上年度财务审计报告；"), (H, "（五）信用承诺书。")],
  ["申报书", "审计报告", "信用承诺书"])
q("d008", "省级智能工厂申报找谁咨询，电话多少", "contact",
  [(H, "省经信厅智能制造处　王工　027-87650321")], ["027-87650321"])
q("d009", "每个市州最多能推荐几个智能工厂？", "procedure",
  [(H, "每个市州推荐数字化车间不超过10个、智能工厂不超过5个")], ["5个"])
q("d010", "鄂经信智造函〔2026〕37号是哪个单位发的，啥时候发的", "issuer",
  [(H, "湖北省经济和信息化厅\n2026年11月5日")], ["湖北省经济和信息化厅", "2026年11月5日"])
q("d011", "一个企业今年能同时报数字化车间和智能工厂吗", "threshold",
  [(H, "同一企业同一年度只能申报一个类别")], ["一个类别"], first=[H, HI])
q("d012", "省级认定的评审结果公示几天？", "procedure",
  [(H, "评审结果在省经信厅网站公示5个工作日")], ["5个工作日"])
q("d013", "省智能工厂的奖励钱从哪个专项资金出", "amount",
  [(H, "奖励资金从省制造业高质量发展专项资金中安排")], ["省制造业高质量发展专项资金"])
q("d014", "省级智能工厂申报的系统出问题了找谁", "contact",
  [(H, "系统技术支持　　　　李工　027-87650399")], ["027-87650399"])

# ── HI. 解读 (问：/答：) ──
q("d015", "今年省级智能工厂奖励比往年提高了多少", "interpretation",
  [(HI, "由往年的100万元提高到150万元")], ["100万元", "150万元"], first=[HI])
q("d016", "我们前年已经是省级数字化车间了，今年再评上智能工厂还能拿多少钱", "interpretation",
  [(HI, "即再奖励100万元")], ["100万元"], first=[HI, H])
q("d017", "我们在河南有个工厂，能拿那边的工厂申报湖北的智能工厂吗", "interpretation",
  [(HI, "申报的车间或工厂须位于湖北省境内")], ["湖北省境内"], first=[HI])
q("d018", "省级智能工厂的奖励资金多久能到企业账上？", "interpretation",
  [(HI, "市州收到资金后30日内拨付到企业")], ["30日"], first=[HI])
q("d019", "省级智能工厂申报今年还要交纸质材料吗", "interpretation",
  [(HI, "申报改为全程网上办理，企业不再报送纸质材料")], ["不再报送纸质材料"], first=[HI])
q("d020", "关键工序数控化率咋算的", "interpretation",
  [(HI, "关键工序数控化率是指关键工序中使用数控装备的工序数占关键工序总数的比例")], ["比例"], first=[HI])

# ── E. 恩施州 实施细则 (docx table) ──
q("d021", "恩施州级数字化车间奖多少", "amount",
  [(E, "给予一次性奖励30万元")], ["30万元"])
q("d022", "恩施的智能化改造设备补助怎么算，最高多少", "amount",
  [(E, "按设备投资额的8%给予补助，单个项目最高不超过400万元")], ["8%", "400万元"])
q("d023", "在恩施搞智能化改造，设备投资最少要多少才能申请补助", "threshold",
  [(E, "项目设备投资额不低于1000万元")], ["1000万元"])
q("d024", "恩施企业评上省级智能工厂，州里还配套奖励吗？怎么配", "amount",
  [(E, "按省级奖励资金的50%给予配套奖励")], ["50%"])
q("d025", "恩施州智能化改造补助项目完工后多长时间内要申请？要交什么？", "procedure",
  [(E, "企业应在项目竣工投产后6个月内提出申请，提交项目备案证、设备购置发票和竣工验收报告")],
  ["6个月", "备案证", "竣工验收报告"])
q("d026", "恩州经信发〔2026〕12号什么时候开始执行，到什么时候", "validity",
  [(E, "本细则自2026年5月1日起施行，有效期至2028年12月31日")], ["2026年5月1日", "2028年12月31日"],
  must_say=["有效"])
q("d027", "恩施州的智能工厂奖补细则是哪几个部门发的", "issuer",
  [(E, "恩施州经济和信息化局\n恩施州财政局")], ["恩施州经济和信息化局", "恩施州财政局"])
q("d028", "恩施州的市级智能工厂要先建几个数字化车间", "threshold",
  [(E, "已建成2个以上州级数字化车间")], ["2个"], notes="typed 市级 for 州级, as staff do")
q("d029", "建始县的企业能申请恩施州的智能工厂奖补吗", "threshold",
  [(E, "本细则适用于在恩施州行政区域内（含恩施市、利川市、建始县）注册登记、纳入规模以上工业统计的制造业企业")],
  ["建始县"])
q("d030", "恩施州细则的咨询电话", "contact",
  [(E, "咨询电话：0718-6221086")], ["0718-6221086"])
q("d031", "恩施这边骗补被查出来会怎么样", "procedure",
  [(E, "由州经信局追回资金，并取消其3年内申报州级财政支持项目的资格")], ["追回资金", "3年"])

# ── EO. 恩施州 2023 办法 (expired) ──
q("d032", "恩施2023年那个智能化改造奖补办法现在还有效吗", "validity",
  [(EO, "本办法自2023年1月1日起施行，有效期至2025年12月31日")], ["2025年12月31日"], must_say=["失效"])
q("d033", "恩施州以前买工业机器人每台补多少钱", "amount",
  [(EO, "对企业新购置工业机器人的，每台给予5000元补助，单个企业最高不超过50万元")], ["5000元", "50万元"],
  must_say=["失效"], notes="only the expired 2023 办法 has a robot item")
q("d034", "恩施州政办发〔2023〕9号是谁印发的", "issuer",
  [(EO, "2023年1月12日恩施州人民政府办公室印发")], ["恩施州人民政府办公室"])
q("d035", "2024年在恩施做的智能化改造项目，设备投了900万，当时能补多少", "year_covered",
  [(EO, "设备投资额不低于800万元的，按设备投资额的6%给予补助，单个项目最高不超过300万元")], ["6%", "300万元"],
  must_say=["失效"], notes="2024 is inside the expired 办法's window; 900万 × 6% = 54万元")

# ── L. 利川市 (plain paragraphs) ──
q("d036", "利川市技改补助是按多少比例补的", "amount",
  [(L, "按设备投资额的5%给予补助，单个项目最高不超过100万元")], ["5%", "100万元"])
q("d037", "利川新进规上的企业有奖励没", "amount",
  [(L, "对首次纳入规模以上工业统计的企业，给予一次性奖励10万元")], ["10万元"])
q("d038", "利川的企业评上州级数字化车间，利川市里再给多少", "amount",
  [(L, "在州级奖励基础上，市财政再给予10万元的配套奖励")], ["10万元"], first=[L])
q("d039", "利川那个技改政策有效期多久？", "validity",
  [(L, "本政策自印发之日起施行，有效期三年")], ["三年"], must_say=["有效"])
q("d040", "利川技改补助找哪个部门申请，要交啥", "procedure",
  [(L, "向市经济和信息化局提交申请表、项目投资证明和发票")], ["申请表", "发票"])

# ── M. 工信部 遴选通知 ──
q("d041", "国家卓越级智能工厂有没有奖金", "amount",
  [(M, "本次遴选不直接给予资金支持")], ["不直接给予资金支持"])
q("d042", "申报卓越级智能工厂要先有什么基础", "threshold",
  [(M, "申报企业原则上应已获评省级智能工厂，且智能工厂建成运行满1年")], ["省级智能工厂", "1年"])
q("d043", "卓越级智能工厂推荐截止日期是什么时候，现在还来得及吗", "deadline",
  [(M, "请各推荐单位于2026年11月15日前通过智能制造公共服务平台完成网上推荐")], ["2026年11月15日"],
  deadline="2026-11-15 closed")
q("d044", "工信部卓越级智能工厂每个省能推荐几个", "procedure",
  [(M, "每个省份推荐数量不超过15个")], ["15个"])
q("d045", "卓越级智能工厂对生产效率提升有什么要求", "threshold",
  [(M, "生产效率提升20%以上")], ["20%"])
q("d046", "工信厅通装函〔2026〕215号是哪天发的", "issuer",
  [(M, "工业和信息化部办公厅\n2026年9月28日")], ["2026年9月28日"])

# ── T. 天门 若干措施 (html) ──
q("d047", "天门智能化改造补助比例和上限", "amount",
  [(T, "按设备投资额的10%给予补助，单个项目最高不超过300万元")], ["10%", "300万元"])
q("d048", "天门企业上云有补贴吗？一年最多多少", "amount",
  [(T, "按实际支付费用的50%给予补贴，每家企业每年最高不超过10万元")], ["50%", "10万元"])
q("d049", "天门对引进的数字化转型高级人才有啥支持", "amount",
  [(T, "按照市人才政策给予安家补贴，每人最高不超过20万元")], ["20万元"])
q("d050", "天政办规〔2026〕3号有效期到哪天", "validity",
  [(T, "本措施自2026年3月1日起施行，有效期至2028年2月29日")], ["2028年2月29日"], must_say=["有效"])
q("d051", "天门的智能制造服务商奖励门槛是多少合同额", "threshold",
  [(T, "年服务本地企业合同额首次超过2000万元的，给予一次性奖励30万元")], ["2000万元", "30万元"])
q("d052", "天门那个数字化转型措施政策咨询打哪个电话", "contact",
  [(T, "市经信局负责政策咨询，联系电话：0728-3245670")], ["0728-3245670"])

# ── TG. 天门 工业软件申报指南 (md, closed) ──
q("d053", "天门工业软件补贴今年还能报不", "deadline",
  [(TG, "申报时间为2026年8月1日至2026年9月30日")], ["2026年9月30日"], must_say=["截止"],
  deadline="2026-09-30 closed")
q("d054", "我们买了个财务软件，天门的工业软件补贴能补吗", "threshold",
  [(TG, "通用办公软件、财务软件不在支持范围内")], ["财务软件"], first=[TG])
q("d055", "天门工业软件补贴单笔合同最低要多少钱", "threshold",
  [(TG, "单笔软件合同金额低于5万元的不予支持")], ["5万元"])
q("d056", "天门工业软件补贴纸质材料交到哪", "procedure",
  [(TG, "企业将纸质材料一式两份报送至天门市经济和信息化局数字经济科（市民之家三楼312室）")], ["数字经济科", "312室"])
q("d057", "天门工业软件补贴申报 需要啥材料", "materials",
  [(TG, "3．软件购置合同、发票和银行付款凭证；"), (TG, "4．软件部署使用情况说明及系统截图。")],
  ["申请表", "发票", "截图"])

# ── multi-part, multi-document, comparisons ──
q("d058", "省级数字化车间奖多少？申报截止是哪天？", "multi_part",
  [(H, "对新认定的省级数字化车间，给予一次性奖励50万元"), (H, "企业网上申报时间为2026年11月10日至2026年12月25日")],
  ["50万元", "2026年12月25日"], first=[H, HI])
q("d059", "恩施和天门的智能化改造补助，哪个比例高，各自上限多少", "comparison",
  [(E, "按设备投资额的8%给予补助，单个项目最高不超过400万元"),
   (T, "按设备投资额的10%给予补助，单个项目最高不超过300万元")], ["8%", "400万元", "10%", "300万元"],
  first=[E, T])
q("d060", "天门和恩施的州（市）级数字化车间分别奖多少", "comparison",
  [(T, "对新认定的市级数字化车间给予一次性奖励20万元"), (E, "给予一次性奖励30万元")], ["20万元", "30万元"],
  first=[T, E])
q("d061", "恩施的企业评上省级数字化车间，省里、州里、利川市里一共能拿多少", "multi_doc",
  [(H, "对新认定的省级数字化车间，给予一次性奖励50万元"), (E, "按省级奖励资金的50%给予配套奖励"),
   (L, "在州级奖励基础上，市财政再给予10万元的配套奖励")], ["50万元", "50%"], first=[H, E],
  notes="50 + 25; the 利川 top-up is for 州级 and above (10万元) — for a 利川 company")
q("d062", "恩施州新旧两个智能化改造政策的投资门槛分别是多少", "comparison",
  [(E, "项目设备投资额不低于1000万元"), (EO, "设备投资额不低于800万元的")], ["1000万元", "800万元"],
  first=[E], must_say=["失效"])
q("d063", "天门工业软件补贴是依据哪个文件出的", "which_doc",
  [(TG, "根据《天门市促进制造业数字化转型和智能化改造若干措施》（天政办规〔2026〕3号）")], ["天政办规〔2026〕3号"],
  first=[TG, T])
q("d064", "关于智能工厂，库里有哪些国家层面的政策", "which_doc",
  [(M, "工业和信息化部办公厅关于开展2026年度卓越级智能工厂遴选工作的通知（虚构测试文档）")], ["卓越级智能工厂"],
  first=[M])

# ── follow-ups ──
q("d065", "那数字化车间呢？", "followup",
  [(H, "对新认定的省级数字化车间，给予一次性奖励50万元")], ["50万元"], first=[H, HI])
follow([("user", "省级智能工厂认定奖多少钱？"),
        ("assistant", "对新认定的省级智能工厂，给予一次性奖励150万元。")])
q("d066", "那它的申报截止日期呢", "followup",
  [(TG, "申报时间为2026年8月1日至2026年9月30日")], ["2026年9月30日"], deadline="2026-09-30 closed")
follow([("user", "天门的工业软件补贴标准是多少？"),
        ("assistant", "按软件购置费用的30%给予补贴，单个企业最高不超过50万元。")])
q("d067", "天门的呢？", "followup",
  [(T, "按设备投资额的10%给予补助，单个项目最高不超过300万元")], ["10%", "300万元"])
follow([("user", "恩施的智能化改造设备补助怎么算？"),
        ("assistant", "按设备投资额的8%给予补助，单个项目最高不超过400万元。")])

# ── English and Traditional Chinese ──
q("d068", "How much is the one-off award for a newly recognised provincial smart factory in Hubei?", "english",
  [(H, "对新认定的省级智能工厂，给予一次性奖励150万元")], ["150"], lang="en", first=[H, HI])
q("d069", "What is the online application deadline for Hubei's 2026 smart factory recognition?", "english",
  [(H, "企业网上申报时间为2026年11月10日至2026年12月25日")], ["2026"], lang="en", first=[H, HI])
q("d070", "Does Tianmen subsidise cloud services, and what is the yearly cap per company?", "english",
  [(T, "按实际支付费用的50%给予补贴，每家企业每年最高不超过10万元")], ["50%", "10"], lang="en")
q("d071", "In Enshi, what minimum equipment investment does a smart upgrade project need for the subsidy?",
  "english", [(E, "项目设备投资额不低于1000万元")], ["1000"], lang="en")
q("d072", "Is the MIIT excellent smart factory selection giving any money to selected factories?", "english",
  [(M, "本次遴选不直接给予资金支持")], ["不直接给予资金支持"], lang="en", notes="key fact may be quoted")
q("d073", "When does Enshi's 2026 smart factory implementation rules expire?", "english",
  [(E, "本细则自2026年5月1日起施行，有效期至2028年12月31日")], ["2028"], lang="en")
q("d074", "省級智慧工廠認定獎勵多少錢？", "traditional",
  [(H, "对新认定的省级智能工厂，给予一次性奖励150万元")], ["150万元"], lang="zh-Hant", first=[H, HI])
q("d075", "天門工業軟件補貼的比例是多少？", "traditional",
  [(TG, "按软件购置费用的30%给予补贴，单个企业最高不超过50万元")], ["30%"], lang="zh-Hant", first=[TG, T])
q("d076", "恩施州數字化車間獎勵多少？", "traditional",
  [(E, "给予一次性奖励30万元")], ["30万元"], lang="zh-Hant")

# ── unanswerable NEAR a document ──
U = dict(answerable=False, category="unanswerable")
q("d077", "宜都市的企业智能化改造有什么补助？", quotes=[], notes="宜都 (a county-level city) has no document", **U)
q("d078", "咸丰县对技改项目补多少？", quotes=[], notes="咸丰县 (in 恩施州) has no document of its own", **U)
q("d079", "天门对省级专精特新小巨人企业奖多少钱？", quotes=[],
  notes="the 天门 measures have no 专精特新 item", **U)
q("d080", "省级智能工厂认定后有没有贷款贴息？", quotes=[], notes="no 贴息 in the notice", **U)
q("d081", "利川市对企业上云有补贴吗？", quotes=[], notes="利川 has no 上云 item; 天门 has one (a neighbour)", **U)
q("d082", "2025年度省级智能工厂的申报通知在哪，截止日期是哪天？", quotes=[],
  notes="only the 2026 notice is in the library", **U)
q("d083", "天门工业软件补贴多久能拨付到账？", quotes=[], notes="no payment time stated", **U)
q("d084", "恩施州级智能工厂多久评一次？评审结果在哪里公布？公示几天？", "multi_part",
  [(E, "州级数字化车间和州级智能工厂每年认定一次，由州经信局组织评审，认定结果在州人民政府门户网站公示7天")],
  ["每年认定一次", "7天"], notes="answerable (all three parts stated)")
q("d085", "卓越级智能工厂入选后国家给多少钱的贴息贷款？", quotes=[],
  notes="no money at all; asks an amount kind the notice does not give", **U)
q("d086", "黄冈的智能工厂奖补政策是怎么规定的？", quotes=[], notes="a city without a document", **U)
q("d087", "省级数字化车间申报对企业成立年限有要求吗？要成立满几年？", quotes=[],
  notes="no age-of-company condition stated", **U)
q("d088", "工信部2026年智能制造标杆企业的申报条件是什么？", quotes=[],
  notes="a programme the library lacks (only the 卓越级智能工厂 selection)", **U)
q("d089", "利川市对研发投入有什么奖励？", quotes=[], notes="no R&D item in the 利川 policies", **U)
q("d090", "恩施州细则对企业引进博士人才有补贴吗", quotes=[], notes="no talent item in the 恩施 细则", **U)
q("d091", "Does Enshi give a subsidy for buying industrial software?", quotes=[], lang="en",
  notes="only 天门 has a software subsidy", **U)
q("d092", "天门市商务局对外贸企业有什么补贴？", quotes=[], notes="a body and topic outside the library", **U)

QUESTIONS.write(Path(__file__).resolve().parent)
