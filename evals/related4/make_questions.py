"""Write questions.jsonl from the hand-written questions below (run after editing; then validate.py).

Each call gives the question, its category, the (doc, verbatim quote) pairs that answer it in the
order they should be cited, and the key facts a correct answer contains. The validity notices
expected follow from the documents' labelled windows (WIN). Written blind on 2026-12-01.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.gold import Questions

A = "hubei-2026-cnc-machine-tool-special-fund-measures"
I = "hubei-2026-cnc-machine-tool-special-fund-measures-interpretation"  # noqa: E741
J = "jingmen-2026-ime-chain-implementation-rules"
E = "ezhou-2026-inspection-robot-application-notice"
X = "xianning-2024-ime-investment-incentive-measures"
P = "hubei-2014-intelligent-equipment-action-plan"
WIN = {A: "in_force 2026-04-01—2030-12-31", J: "in_force 2026-01-01—2027-12-31", X: "expired 2026-06-30",
       P: "expired 2017-12-31"}
QUESTIONS = Questions(WIN)
q = QUESTIONS.add


EZ_ROBOT = "2026-11-01—2026-12-20 open"
EZ_INSPECTION = "2026-10-31 closed"

# ── A. 湖北省 管理办法 (docx, 4-column table with per-row conditions and yearly windows) ──
q("u001", "省里那个数控机床专项资金，首台套数控机床卖出去能奖多少？", "amount",
  [(A, "按首台（套）产品销售价格的20%给予奖励，单台（套）最高不超过500万元")], ["20%", "500万元"], first=[A, I],
  notes="the amount is a table cell (支持标准 column)")
q("u002", "省里的关键功能部件攻关补助，对企业营收和研发投入有什么硬杠杠？", "threshold",
  [(A, "上年度主营业务收入不低于2亿元，研发费用占主营业务收入比例不低于5%")], ["2亿元", "5%"],
  notes="the condition is the row's 申报条件 cell; on 主营业务收入")
q("u003", "我们想报省里的首台套数控机床奖励，现在12月能报吗？一年什么时候受理？", "deadline",
  [(A, "每年3月1日至3月31日")], ["3月1日", "3月31日"],
  deadline="yearly 每年3月1日至3月31日 between_windows (next window opens 2027-03-01)",
  notes="no window runs on 2026-12-01; the next one is 2027-03-01—2027-03-31 (the 办法 is in force)")
q("u004", "数控机床企业新评上国家级单项冠军，省里奖多少？什么时候能报？", "amount",
  [(A, "对新获评国家级制造业单项冠军企业的，一次性奖励200万元"), (A, "常年受理")], ["200万元", "常年受理"],
  deadline="常年受理 open", notes="the only row accepted all year")
q("u005", "我们是用机床的企业，今年买了省内厂家产的高档数控机床1200万元，省里能补多少？", "amount",
  [(A, "按购置金额的10%给予补贴，每家企业每年最高不超过300万元"),
   (A, "当年购置省内企业生产的高档数控机床金额不低于1000万元")], ["10%", "300万元"], first=[A, I],
  notes="1200万 ≥ 1000万元: 120万元 (under the 300万元 cap); window 每年9月")
q("u006", "省里这个数控机床专项资金，一家企业一年累计最多能拿多少？", "amount",
  [(A, "同一企业同一年度获得专项资金支持累计不超过1500万元")], ["1500万元"], first=[A, I],
  notes="a yearly total cap over all categories (第五条)")
q("u007", "鄂经信规〔2026〕2号从哪天开始施行？有效期到什么时候？", "validity",
  [(A, "本办法自2026年4月1日起施行，有效期至2030年12月31日")], ["2026年4月1日", "2030年12月31日"],
  must_say=["有效"])
q("u008", "2021年出的那个数控机床产业发展专项资金暂行办法现在还能用吗？", "validity",
  [(A, "《湖北省数控机床产业发展专项资金管理暂行办法》（鄂经信规〔2021〕5号）同时废止")], ["废止"],
  must_say=["废止"], first=[A, I], notes="repealed by the 2026 办法 (not in the library itself)")
q("u009", "数控机床与工业母机专项资金管理办法是哪几个部门联合发的？落款日期是哪天？", "issuer",
  [(A, "湖北省财政厅\n2026年3月18日")], ["湖北省经济和信息化厅", "湖北省财政厅", "2026年3月18日"],
  notes="two issuers on two 落款 lines")
q("u010", "申报省数控机床专项资金要交哪些材料？纸质材料交到哪里？", "procedure",
  [(A, "专项资金申报书，营业执照复印件，上年度财务审计报告，项目合同、发票等证明材料，信用承诺书"),
   (A, "并将纸质材料报送所在市（州）经信部门")], ["审计报告", "信用承诺书", "市（州）经信部门"])
q("u011", "省数控机床专项资金的评审结果在哪里公示？公示几天？", "procedure",
  [(A, "评审结果在省经济和信息化厅门户网站公示，公示期为5个工作日")], ["5个工作日"])
q("u012", "Under Hubei's 2026 CNC machine tool special fund measures, what interest subsidy is given for machines "
  "acquired through financial leasing, and what lease term is required?", "english",
  [(A, "按实际支付租息的50%给予贴息，单个企业每年最高不超过100万元"),
   (A, "通过融资租赁方式购置数控机床，且租赁合同期限不少于2年")], ["50%", "100万元", "2年"], lang="en")

# ── I. 政策解读 (md, a heading per question) on A ──
q("u013", "我们是上海一家机床企业在武汉设的分公司，能申请省里的数控机床专项资金吗？", "interpretation",
  [(I, "不具有独立法人资格的分公司、办事处不能申请")], ["独立法人"], first=[I, A],
  notes="a 分公司 is no independent legal person; an independent 子公司 in Hubei could apply")
q("u014", "新的数控机床专项资金办法和原来的暂行办法比，首台套奖励上限提高了多少？", "interpretation",
  [(I, "首台（套）奖励的单台（套）上限由原来的300万元提高到500万元")], ["300万元", "500万元"], first=[I])
q("u015", "我们买的是进口数控机床，能享受省里的用户企业示范应用补贴吗？", "interpretation",
  [(I, "购置省外或进口机床的金额不计入")], ["省内"], first=[I, A])
q("u016", "省数控机床专项资金错过了今年的受理时间怎么办？", "interpretation",
  [(I, "错过当年受理时间的，可在下一年度申报")], ["下一年度"], first=[I])

# ── J. 荆门 实施细则 (pdf, wrapped lines, running header, a sentence across the page break) ──
q("u017", "荆门那个强链延链细则，首台套奖励怎么算？每家最多多少？", "amount",
  [(J, "按该产品首年销售额的15%给予奖励，每家最高不超过200万元")], ["15%", "200万元"])
q("u018", "荆门的智能化改造补助对企业营收和人数有什么门槛？", "threshold",
  [(J, "对上年度主营业务收入2000万元以上、年末从业人员50人以上的企业实施的智能化改造项目")], ["2000万元", "50人"])
q("u019", "荆门智能化改造补助，设备要投多少才行？按什么比例补，单个项目最多多少？", "amount",
  [(J, "项目设备投资额不低于500万元的，按项目设备投资额的12%给予补助，单个项目不超过300万元")],
  ["500万元", "12%", "300万元"], notes="the sentence is broken by the page break and page 2's running header")
q("u020", "荆门对首次评上国家级小巨人和单项冠军的企业，分别奖多少？", "amount",
  [(J, "对首次获评国家级专精特新“小巨人”企业的，给予一次性奖励60万元"),
   (J, "对首次获评国家级制造业单项冠军企业（产品）的，给予一次性奖励150万元")], ["60万元", "150万元"])
q("u021", "我们是荆门的企业，去年主营收入第一次过了10亿，但研发占比只有2.8%，能拿那100万奖励吗？", "threshold",
  [(J, "对上年度主营业务收入首次突破10亿元、且研发费用占主营业务收入比例不低于3%的企业")], ["3%"],
  notes="2.8% < 3%: no, although the revenue condition is met")
q("u022", "在荆门牵头组建创新联合体有什么支持？对成员单位有什么要求？", "amount",
  [(J, "成员单位不少于5家（其中市外高校或科研院所不少于1家）"), (J, "给予一次性工作经费补助50万元")],
  ["5家", "50万元"])
q("u023", "我们加入了荆门市智能装备产业联盟，从联盟里的本地企业采购配套产品，有奖励吗？", "amount",
  [(J, "年度采购联盟内本地企业配套产品金额超过1000万元的，按采购额的2%给予奖励，每家最高50万元")],
  ["1000万元", "2%", "50万元"])
q("u024", "荆经信规〔2025〕4号有效期到什么时候？2028年还能用吗？", "validity",
  [(J, "自2026年1月1日起施行，有效期两年")], ["2026年1月1日", "两年"], must_say=["有效"],
  notes="in force 2026-01-01—2027-12-31: not in 2028")
q("u025", "荆门高新区的企业申请强链延链奖补，向哪个部门提出？", "procedure",
  [(J, "荆门高新区企业向高新区经济发展局提出申请")], ["高新区经济发展局"])
q("u026", "荆门强链延链实施细则的文号是多少？是哪些部门发的？", "doc_number",
  [(J, "荆经信规〔2025〕4号")], ["荆经信规〔2025〕4号", "荆门市经济和信息化局", "荆门市财政局"],
  notes="荆政发〔2025〕11号 in the first sentence is the parent policy's")
q("u027", "在荆门，一家企业一年从强链延链细则里总共最多能拿多少？", "amount",
  [(J, "单个企业每年享受本细则奖补资金总额不超过500万元")], ["500万元"])
q("u028", "荊門的強鏈延鏈細則適用於哪些地方註冊的企業？京山市的企業可以申請嗎？", "traditional",
  [(J, "在荆门市（含京山市、钟祥市、沙洋县、东宝区、掇刀区、漳河新区、荆门高新区）注册登记并纳税")],
  ["京山市"], lang="zh-Hant")

# ── E. 鄂州 申报通知 (html in page chrome, one batch closed, one open) ──
q("u029", "鄂州的工业机器人应用项目现在还能报吗？截止到哪天？", "deadline",
  [(E, "第二批受理第二类项目，申报时间为2026年11月1日至2026年12月20日")], ["2026年12月20日"], deadline=EZ_ROBOT)
q("u030", "鄂州的智能检测装备示范应用项目，现在还能申报吗？", "deadline",
  [(E, "第一批受理第一类项目，申报截止时间为2026年10月31日，逾期不再受理")], ["2026年10月31日"],
  must_say=["截止"], deadline=EZ_INSPECTION)
q("u031", "在鄂州买工业机器人，每台补多少？一家企业最多补多少？", "amount",
  [(E, "每台给予1万元补助，单个企业最高不超过80万元")], ["1万元", "80万元"], deadline=EZ_ROBOT)
q("u032", "申报鄂州的机器人应用项目要准备哪些材料？", "procedure",
  [(E, "（三）设备购置合同、发票及付款凭证；"), (E, "（四）设备投入使用的现场照片；")],
  ["营业执照", "发票", "现场照片"])
q("u033", "鄂州机器人应用补助对企业有什么要求？我们还没进规上能报吗？", "threshold",
  [(E, "申报企业上年度主营业务收入不低于3000万元"), (E, "纳入规模以上工业统计的企业")],
  ["3000万元", "规模以上"])
q("u034", "鄂州经信发〔2026〕58号是哪个单位、哪天印发的？", "issuer",
  [(E, "鄂州市经济和信息化局\n2026年9月10日")], ["鄂州市经济和信息化局", "2026年9月10日"],
  notes="not the page's 发布时间 2026-09-12, not the 信息来源 科")
q("u035", "Ezhou's 2026 notice: what is the subsidy rate for smart inspection equipment, and can we still apply?",
  "english",
  [(E, "按设备购置额的15%给予补助，单个企业最高不超过100万元"), (E, "申报截止时间为2026年10月31日")],
  ["15%", "100万元", "2026"], lang="en", deadline=EZ_INSPECTION, notes="closed on 2026-10-31")
q("u036", "鄂州这次申报，设备要在什么时间段内买的才算数？", "threshold",
  [(E, "申报设备于2025年1月1日至2026年8月31日期间完成购置并投入使用")], ["2025年1月1日", "2026年8月31日"])

# ── X. 咸宁 招商引资优惠措施 (txt, expired 2026-06-30) ──
q("u037", "咸宁那个智能装备招商引资优惠措施现在还有效吗？", "validity",
  [(X, "本措施自2024年7月1日起施行，有效期至2026年6月30日")], ["2026年6月30日"], must_say=["失效"])
q("u038", "我们打算在咸宁新上一个6亿元的智能装备项目，落户奖励能拿多少？", "amount",
  [(X, "按实际完成固定资产投资的5%给予奖励，最高不超过2000万元")], ["5%", "2000万元", "2026年6月30日"],
  must_say=["失效"], notes="expired: state the amount only as history, with the end date")
q("u039", "咸宁的研发激励是不是上不封顶？现在还能申请吗？", "amount",
  [(X, "按上年度研发费用增量的10%给予奖励，上不封顶")], ["10%", "上不封顶"], must_say=["失效"])
q("u040", "咸政办发〔2024〕21号是哪个单位印发的？什么时候印发的？", "issuer",
  [(X, "咸宁市人民政府办公室2024年6月20日印发")], ["咸宁市人民政府办公室", "2024年6月20日"],
  notes="the issuer is in the bracketed line; 市招商服务中心 only interprets")
q("u041", "2025年在咸宁租政府标准厂房的智能装备企业，租金有什么优惠？", "year_covered",
  [(X, "前两年免收租金，第三年租金减半收取")], ["前两年免收租金"],
  notes="2025 lies inside the window: answer, and say it has since expired")
q("u042", "咸宁那个措施的2026年度兑现申请现在还能交吗？", "deadline",
  [(X, "2026年度兑现申请已于2026年5月31日截止")], ["2026年5月31日"], must_say=["截止"],
  deadline="2026-05-31 closed")
q("u043", "鹹寧對國家級製造業單項冠軍企業獎勵300萬元，現在還能申請嗎？", "traditional",
  [(X, "对获评国家级制造业单项冠军企业的，一次性奖励300万元")], ["300万元"], lang="zh-Hant", must_say=["失效"])

# ── multi-document, year covered ──
q("u044", "国家级制造业单项冠军企业，省里、荆门、咸宁各奖多少？哪些现在还有效？", "multi_doc",
  [(A, "对新获评国家级制造业单项冠军企业的，一次性奖励200万元"),
   (J, "对首次获评国家级制造业单项冠军企业（产品）的，给予一次性奖励150万元"),
   (X, "对获评国家级制造业单项冠军企业的，一次性奖励300万元")],
  ["200万元", "150万元", "300万元"], first=[A, J], must_say=["失效"])
q("u045", "首台套奖励，省里的数控机床专项资金和荆门的细则各是什么标准？", "multi_doc",
  [(A, "按首台（套）产品销售价格的20%给予奖励，单台（套）最高不超过500万元"),
   (J, "按该产品首年销售额的15%给予奖励，每家最高不超过200万元")],
  ["20%", "500万元", "15%", "200万元"], first=[A, J, I])
q("u046", "2027年荆门的企业首次评上国家级专精特新小巨人，还能拿奖励吗？多少？", "year_covered",
  [(J, "对首次获评国家级专精特新“小巨人”企业的，给予一次性奖励60万元")], ["60万元"],
  notes="2027 lies inside the window (to 2027-12-31)")

# ── unanswerable: topic near a document, detail not stated ──
U = dict(answerable=False, category="unanswerable")
q("u047", "省数控机床专项资金批下来以后多久能拨到企业账上？",
  quotes=[(A, "省财政厅负责资金预算和拨付")], notes="no payment time stated", **U)
q("u048", "荆门牵头组建的创新联合体要到哪个部门备案？备案要交什么材料？",
  quotes=[(J, "成员单位不少于5家（其中市外高校或科研院所不少于1家）")], notes="no registration (备案) step stated", **U)
q("u049", "鄂州第二批工业机器人项目的评审结果什么时候公布？",
  quotes=[(E, "第二批受理第二类项目，申报时间为2026年11月1日至2026年12月20日")], notes="no result date stated", **U)
q("u050", "咸宁的落户奖励是一次性发放还是按年度分期发放？",
  quotes=[(X, "按实际完成固定资产投资的5%给予奖励，最高不超过2000万元")], notes="no payment schedule stated", **U)
q("u051", "申报省数控机床专项资金，企业要成立满几年？",
  quotes=[(A, "在湖北省境内注册登记、具有独立法人资格")], notes="no age of the company stated", **U)
q("u052", "荆门对新认定的省级企业技术中心奖励多少？",
  quotes=[(J, "对首次获评国家级专精特新“小巨人”企业的，给予一次性奖励60万元")],
  notes="the 荆门 细则 has no 技术中心 item; no other document of the library has one", **U)
q("u053", "Does the Ezhou notice give any subsidy for hiring engineers or other talent?",
  quotes=[(E, "每台给予1万元补助，单个企业最高不超过80万元")], lang="en", notes="no talent item in the notice", **U)

# ── out of scope ──
q("u054", "荆门漳河风景区的门票多少钱？", "out_of_scope", [], answerable=False)

QUESTIONS.write(Path(__file__).resolve().parent)
