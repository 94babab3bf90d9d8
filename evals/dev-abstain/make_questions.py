"""Write questions.jsonl from the hand-written questions below (run after editing; then validate.py).

A DEVELOPMENT library for the answer / abstain decision (session 7, brief AB), written before reading the
assistant's retrieval, answering or lexicon code. Half the questions are answerable but phrased with words the
clause does not use (synonyms, descriptions, 大白话, English, Traditional, typos, numbers written differently:
5千万 / 0.5亿 / 一千万); half must abstain NEAR a document: a benefit kind not offered, an amount not stated, a
year or batch not covered, a place or body without a document, a condition the document does not set.
Each call: question, category, the (doc, verbatim quote) pairs that answer it in citation order, key facts.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.gold import Questions

XS = "xishui-2026-development-zone-investment-policy"
XO = "xishui-2021-tech-upgrade-award-measures"
HT = "hubei-2026-tech-upgrade-special-fund-notice"
XN = "xianning-2026-manufacturing-talent-measures"
HF = "huanggang-2026-manufacturing-finance-measures"
NG = "miit-2026-green-factory-nomination-notice"
P = "hubei-2014-intelligent-equipment-action-plan"
WIN = {XS: "in_force 2026-01-01—2028-12-31", XO: "expired 2023-12-31", XN: "in_force 2026-05-01—2029-04-30",
       HF: "in_force 2026-06-18—2027-12-31", P: "expired 2017-12-31"}
QUESTIONS = Questions(WIN)
q = QUESTIONS.add


def no(qid: str, question: str, notes: str, lang: str = "zh") -> None:
    """A question the library does not answer, asked near one of its documents."""
    q(qid, question, "unanswerable", [], lang=lang, answerable=False, notes=notes)


# ── answerable, in words the clause does not use ──
# XS 县 开发区 招商
q("a01", "项目投5千万够不够格享受浠水开发区的招商优惠", "threshold",
  [(XS, "固定资产投资（不含土地款）5000万元以上的工业项目")], ["5000万元"])
q("a02", "浠水开发区的招商政策，项目投资门槛是不是0.5亿？", "threshold",
  [(XS, "固定资产投资（不含土地款）5000万元以上的工业项目")], ["5000万元"])
q("a03", "浠水开发区租标准厂房，头几年要交房租吗", "amount", [(XS, "前三年免收厂房租金")], ["前三年免收厂房租金"])
q("a04", "在浠水园区落户买机器能返多少钱", "amount",
  [(XS, "按生产性设备实际投资额的8%给予奖励，单个项目最高不超过800万元")], ["8%", "800万元"])
q("a05", "投资十个亿的大项目到浠水开发区，政策怎么给", "amount", [(XS, "实行“一事一议”")], ["一事一议"])
q("a06", "介绍项目来浠水开发区落户的中间人有没有好处", "amount",
  [(XS, "按项目实际到位固定资产投资额的千分之三给予奖励，最高不超过50万元")], ["千分之三", "50万元"])
q("a07", "浠水开发区的奖补每年几月底前去申请兑现", "deadline", [(XS, "企业在每年3月31日前向开发区管委会提出兑现申请")],
  ["3月31日"])
q("a08", "浠水开发区招商政策和县里别的政策能一起拿吗", "threshold",
  [(XS, "按就高原则执行，不重复享受")], ["不重复享受"])
q("a09", "Xishui development zone: what rent support is there in years four and five?", "amount",
  [(XS, "第四年至第五年按租金的50%给予补贴")], ["50%"], lang="en")
q("a10", "浠水開發區的土地出讓金可以返還多少？", "amount",
  [(XS, "按其缴纳土地出让金的50%给予产业发展扶持资金")], ["50%"], lang="zh-Hant")
q("a11", "浠水开发区投产以后交的税怎么奖励", "amount", [(XS, "按其缴纳增值税县级留成部分的60%给予奖励")], ["60%"])
q("a12", "浠水开发区这个招商政策管到哪年", "validity", [(XS, "本政策自2026年1月1日起施行，有效期至2028年12月31日")],
  ["2028年12月31日"])
q("a13", "投资3000万的工业项目能享受浠水开发区的招商政策吗", "threshold",
  [(XS, "固定资产投资（不含土地款）5000万元以上的工业项目")], ["5000万元"])
# XO expired 县 办法
q("a14", "浠水县2021年那个技改奖补办法现在还能用吗", "validity",
  [(XO, "本办法执行期为2021年1月1日至2023年12月31日")], ["2023年12月31日"])
q("a15", "2022年浠水县技改设备投资奖补的比例是多少", "amount", [(XO, "按设备投资额的6%给予奖补")], ["6%"])
# HT 省 技改 申报通知
q("a16", "省里技改专项，买设备最多能补一千万吗？", "amount", [(HT, "单个项目补助金额最高不超过1000万元")], ["1000万元"])
q("a17", "省技改资金对借银行钱搞技改的项目，利息怎么补", "amount",
  [(HT, "按项目贷款实际发生利息的50%给予贴息，贴息期限不超过2年，单个项目贴息最高不超过300万元")], ["50%", "300万元"])
q("a18", "省级技改项目设备投资不到两千万能报吗", "threshold",
  [(HT, "项目生产性设备购置投资额不低于2000万元")], ["2000万元"])
q("a19", "我们在山区县，省技改专项设备投资的门槛是多少", "threshold", [(HT, "位于山区县（市）的项目不低于1000万元")],
  ["1000万元"])
q("a20", "省技改项目网上填报几号截止", "deadline", [(HT, "网上申报时间为2026年11月20日至2026年12月20日")],
  ["2026年12月20日"])
q("a21", "报省技改专项要交哪些东西", "materials",
  [(HT, "（一）项目资金申请报告；"), (HT, "（二）项目备案（核准）文件；"), (HT, "（四）上年度财务审计报告；")],
  ["资金申请报告", "备案", "审计报告"])
q("a22", "省经信厅技改专项找谁问？电话多少", "contact", [(HT, "省经信厅投资与规划处　张工　027-87651123")],
  ["027-87651123"])
q("a23", "What share of the planned investment must already be spent before applying for the provincial technology "
  "upgrading fund?", "threshold", [(HT, "截至申报时已完成投资不低于计划总投资的30%")], ["30%"], lang="en")
q("a24", "去年开工的技改项目还能报省里的专项吗", "threshold",
  [(HT, "项目须于2025年1月1日至2026年10月31日期间开工建设")], ["2025年1月1日"])
q("a25", "同一个项目拿过省里别的财政钱，还能报技改专项吗", "threshold",
  [(HT, "已获得其他省级财政资金支持的同一项目，不得重复申报")], ["不得重复申报"])
q("a26", "省技改评审结果要挂出来多长时间", "procedure", [(HT, "评审结果在省经信厅网站公示7天")], ["7天"])
q("a27", "鄂经信技改〔2026〕58号是哪几个部门联合发的", "issuer", [(HT, "湖北省财政厅\n2026年11月12日")],
  ["湖北省经济和信息化厅", "湖北省财政厅"])
q("a28", "省級技改專項的貸款貼息最長貼幾年？", "amount", [(HT, "贴息期限不超过2年")], ["2年"], lang="zh-Hant")
q("a29", "省级技该专项对安全事故有啥要求", "threshold", [(HT, "近三年无重大安全、环保、质量事故")], ["近三年"])
# XN 市 人才
q("a30", "来咸宁企业上班的博士每个月补多少生活费", "amount", [(XN, "给予每人每月3000元生活补贴")], ["3000元"])
q("a31", "咸宁 硕士 买房 补贴", "amount", [(XN, "硕士5万元")], ["5万元"])
q("a32", "咸宁人才公寓可以免费住多久", "amount", [(XN, "免租金居住最长2年")], ["2年"])
q("a33", "咸宁的企业工人考上高级技师，政府给奖励吗", "amount",
  [(XN, "企业职工新取得高级技师职业资格的，每人奖励5000元")],
  ["5000元"])
q("a34", "咸宁企业一年招进来5个以上硕士，企业自己能拿多少", "amount",
  [(XN, "按每人1万元给予企业引才奖励，单个企业每年最高20万元")], ["1万元", "20万元"])
q("a35", "How much settling-in money does Xianning give a national-level leading talent?", "amount",
  [(XN, "对全职引进的国家级领军人才，给予200万元安家补贴")], ["200万元"], lang="en")
q("a36", "咸宁人才补贴一年中啥时候受理", "procedure", [(XN, "人才补贴每年6月、12月集中受理")], ["6月、12月"])
q("a37", "咸宁引进博士领生活补贴有没有年龄限制", "threshold", [(XN, "申请生活补贴的博士研究生年龄不超过45周岁")],
  ["45周岁"])
q("a38", "鹹寧的人才措施從什麼時候開始施行", "validity", [(XN, "本措施自2026年5月1日起施行，有效期3年")],
  ["2026年5月1日"], lang="zh-Hant")
q("a39", "咸宁高层次人才的小孩上学怎么安排", "procedure",
  [(XN, "高层次人才子女入学由教育部门统筹安排到公办学校就读")], ["公办学校"])
# HF 市 金融
q("a40", "黄冈企业技改借的长期贷款，政府补一半利息吗", "amount",
  [(HF, "按贷款市场报价利率（LPR）的50%给予贴息，单户企业年度贴息最高不超过100万元")], ["50%"])
q("a41", "黄冈对给小微企业做担保的机构有补贴吗", "amount",
  [(HF, "市财政按实际担保金额的0.5%给予担保机构补贴")], ["0.5%"])
q("a42", "黄冈企业买首台套保险，保费能报销多少", "amount",
  [(HF, "按实际缴纳保费的30%给予补贴，单户企业每年最高不超过50万元")], ["30%", "50万元"])
q("a43", "黄冈企业IPO上市一共奖多少钱", "amount", [(HF, "分阶段给予奖励共计600万元")], ["600万元"])
q("a44", "黄冈有没有帮企业倒贷的过桥钱，能用几天", "amount", [(HF, "单笔使用期限不超过15天")], ["15天"])
q("a45", "黄冈银行的技改贷成了坏账，能补回来多少", "amount", [(HF, "由资金池按贷款本金损失的40%给予补偿")], ["40%"])
q("a46", "Huanggang: what does a company get for listing on a regional equity market?", "amount",
  [(HF, "在区域性股权市场挂牌的，一次性奖励10万元")], ["10万元"], lang="en")
q("a47", "黄冈的融资措施啥时候到期", "validity", [(HF, "本措施自印发之日起施行，有效期至2027年12月31日")],
  ["2027年12月31日"])
# NG 国家 推荐通知
q("a48", "国家级绿色工厂哪些企业可以被推荐上去", "threshold",
  [(NG, "已获得省级绿色工厂称号满一年的工业企业")], ["满一年"])
q("a49", "每个省最多报几家去评国家绿色工厂", "procedure", [(NG, "推荐数量原则上不超过30家")], ["30家"])
q("a50", "国家绿色工厂评上了以后还会复查吗", "procedure", [(NG, "每三年复核一次")], ["每三年复核一次"])
q("a51", "推荐国家绿色工厂企业要交钱吗", "procedure", [(NG, "本次推荐不向企业收取任何费用")], ["不向企业收取任何费用"])
q("a52", "What is the deadline for provinces to send green factory nominations to MIIT?", "deadline",
  [(NG, "于2026年11月30日前将推荐名单及材料报送工业和信息化部节能与综合利用司")], ["2026年11月30日"], lang="en")

# ── must abstain, NEAR a document ──
# a benefit kind not offered
no("u01", "浠水开发区对落户企业新招的员工有社保补贴吗",
   "XS offers land, rent, equipment, tax, referral; no social insurance")
no("u02", "浠水开发区落户项目的研发费用补多少", "XS has no R&D subsidy")
no("u03", "省技改专项对企业用电有没有电价补贴", "HT: equipment subsidy and interest only")
no("u04", "咸宁人才政策给不给博士后科研启动经费", "XN: no postdoc research funding")
no("u05", "咸宁对引进的外籍专家有什么奖励", "XN does not mention foreign experts")
no("u06", "黄冈对企业发行债券有贴息吗", "HF: loans, guarantees, insurance, listing; no bond subsidy")
no("u07", "黄冈融资措施对知识产权质押贷款有补贴吗", "HF: no IP-pledge loan item")
no("u08", "被评上国家级绿色工厂奖励多少钱", "NG states no money")
no("u09", "浠水开发区给落户企业高管发个人所得税奖励吗", "XS: VAT retention only, nothing on personal income tax")
no("u10", "黄冈企业购买工业软件有补贴吗", "HF has no software item")
# an amount the document does not state
no("u11", "浠水开发区一事一议的大项目最多能给多少钱", "XS 第五条: decided case by case, no amount")
no("u12", "咸宁引进省级领军人才安家补贴多少", "XN states the 安家补贴 for 国家级 leaders only")
no("u13", "黄冈应急转贷资金单笔最多能借多少", "HF: pool size, term and fee, no per-loan ceiling")
no("u14", "黄冈风险补偿资金池对单笔贷款最高补偿多少", "HF: 40% of the loss, no per-loan ceiling")
no("u15", "黄冈上市奖励分几个阶段，每个阶段给多少", "HF: 共计600万元 in stages, the stages are not stated")
no("u16", "省技改专项给每个市州分配多少个推荐名额", "HT sets no per-city quota")
no("u17", "咸宁对大专学历的人才给多少购房补贴", "XN: 博士 / 硕士 / 全日制本科 only")
# a year / batch not covered
no("u18", "2025年度省级制造业技术改造专项资金的申报通知发了吗", "the library holds the 2026 notice only")
no("u19", "2027年度省技改专项什么时候开始申报", "no 2027 notice")
no("u20", "国家2025年度绿色工厂推荐什么时候截止", "the library holds the 2026 notice only")
no("u21", "浠水县2024年的技改奖补标准是多少", "XO ended 2023-12-31, XS starts 2026; 2024 is not covered")
no("u22", "2027年的国家绿色工厂推荐通知出来了吗", "no 2027 notice")
# a place / body without a document
no("u23", "蕲春县有没有招商引资优惠政策", "no 蕲春 document")
no("u24", "英山经济开发区落户项目厂房租金怎么减免", "no 英山 document")
no("u25", "黄石市对引进博士有生活补贴吗", "the talent measure is 咸宁's")
no("u26", "咸宁对小微企业的融资担保费有补贴吗", "the finance measure is 黄冈's")
no("u27", "黄冈市引进博士有购房补贴吗", "the talent measure is 咸宁's")
no("u28", "武汉市对落户项目的厂房租金有补贴吗", "no 武汉 document; the rent item is 浠水's, the province's and "
   "the country's documents offer none (a first draft asked about 技改贴息, which the provincial notice offers "
   "province-wide: that gold was wrong)")
no("u29", "省发改委的技改专项资金怎么申报", "HT is issued by 经信厅 and 财政厅, not 发改委")
no("u30", "科技部的绿色工厂推荐通知什么时候截止", "NG is MIIT's")
no("u31", "鄂州市人才公寓怎么申请", "no 鄂州 document")
# a condition asked about that the document does not set
no("u32", "省技改专项对企业营业收入有没有最低要求", "HT sets equipment investment, not revenue")
no("u33", "浠水开发区招商政策对企业纳税信用等级有要求吗", "XS sets no credit rating")
no("u34", "咸宁技能人才奖励要求在本企业工作满几年", "XN sets no service period")
no("u35", "黄冈首台套保险补贴要求企业是高新技术企业吗", "HF sets no 高新 condition")
no("u36", "国家绿色工厂推荐对企业营收规模有门槛吗", "NG sets no revenue threshold")
no("u37", "浠水2021年技改办法对企业研发投入占比有要求吗", "XO sets no R&D ratio")
# other details not stated
no("u38", "咸宁博士生活补贴期满后还能续吗", "XN: 最长3年, renewal not stated")
no("u39", "省技改专项补助资金批下来多久拨付到企业", "HT states no payment time")
no("u40", "国家绿色工厂推荐的联系电话是多少", "NG gives no contact")
no("u41", "浠水开发区管委会的咨询电话多少", "XS gives no contact")
no("u42", "黄冈融资措施的咨询电话是多少", "HF gives no contact")
no("u43", "省技改专项对新能源汽车项目有额外加分或奖励吗", "HT has no sector bonus")
no("u44", "Does the Xishui development zone policy offer export subsidies?", "XS: no export item", lang="en")
no("u45", "What was the 2025 application deadline for the provincial technology upgrading fund?", "no 2025 notice",
   lang="en")
no("u46", "黃岡對企業數字化轉型諮詢服務有補貼嗎", "HF has no consulting item", lang="zh-Hant")

if __name__ == "__main__":
    QUESTIONS.write(Path(__file__).resolve().parent)
