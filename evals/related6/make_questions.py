"""Write questions.jsonl from the hand-written questions below (run after editing; then validate.py).

Each call gives the question, its category, the (doc, verbatim quote) pairs that answer it in the
order they should be cited, and the key facts a correct answer contains. The validity notices
expected follow from the documents' labelled windows (WIN; the 2022 奖励办法's window ends on its
repeal, 2026-05-19, although its own text says 2026-12-31). Written blind on 2026-12-01.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.gold import Questions

P = "hubei-2026-first-set-equipment-promotion-implementation-rules"
OB = "hubei-2022-first-set-equipment-award-measures"
QA = "hubei-2026-first-set-equipment-promotion-implementation-rules-qa"
T = "tianmen-2026-intelligent-equipment-ten-measures"
G = "wuhan-donghu-2026-high-end-equipment-fund-application-guide"
N = "national-2026-first-set-insurance-compensation-notice"
E = "enshi-2025-advanced-manufacturing-enterprise-policies"
F = "enshi-2025-advanced-manufacturing-enterprise-policies-traditional"
WIN = {P: "in_force 2026-05-20—2029-05-19 (有效期三年 from 2026-05-20)",
       OB: "expired 2026-05-19 (repealed by 鄂经信装备规〔2026〕3号 from 2026-05-20; own text 2026-12-31)",
       T: "in_force 2026-03-01—2028-12-31", E: "in_force 2025-04-01—2027-03-31",
       F: "in_force 2025-04-01—2027-03-31"}
QUESTIONS = Questions(WIN)
q = QUESTIONS.add

PW = "yearly 每年7月1日至7月31日 between_windows (next window opens 2027-07-01)"
TW = "yearly 每年1月1日至3月31日 between_windows (next window opens 2027-01-01)"
TF = "免申即享 open"
DHW = "2026-05-15—2026-06-30 closed"
NW = "2027-02-01—2027-03-15 not_yet_open (opens 2027-02-01)"
ESW = "常年受理 open"
REPEAL = "《湖北省首台（套）重大技术装备推广应用奖励办法（试行）》（鄂经信装备〔2022〕41号）同时废止"

# ── P. 省级 实施细则 (docx; 第X章/第X条, 附件 评分表) ──
q("v001", "省里首台套奖历现在按啥标准给？我们设备单价1500万能奖多少", "amount",
  [(P, "单价500万元（含）至2000万元的，奖励100万元")], ["100万元"], deadline=PW,
  notes="the middle tier of 第三条 (typo 奖历 for 奖励)")
q("v002", "湖北首台套奖励对企业研发投入有要求没", "threshold",
  [(P, "申报企业上年度研发费用占营业收入比例不低于3%")], ["3%"])
q("v003", "首台套综合险的保费省里补多少，封顶多少？", "amount",
  [(P, "按年度实际保费的60%给予补偿"), (P, "每家企业每年最高不超过三百万元")], ["60%", "三百万元"], deadline=PW)
q("v004", "我们已经拿了中央财政的首台套保费补贴，还能拿省里的保险补偿吗", "threshold",
  [(P, "投保首台（套）重大技术装备综合保险且未获得中央财政保费补贴的研制单位"),
   (QA, "省级保险补偿只支持未获得中央财政保费补贴的研制单位")], ["未获得中央财政保费补贴"], first=[P, QA],
  notes="no: only makers without the central subsidy")
q("v005", "用户单位买省内研制的首台套设备有奖励吗？奖多少", "amount",
  [(P, "按采购合同金额的5%给予用户单位奖励"), (P, "单个用户单位每年最高不超过100万元")], ["5%", "100万元"])
q("v006", "省首台套细则对单项冠军奖多少？我们是2025年评上的单项冠军行不行", "threshold",
  [(P, "对2026年以后新获评国家级制造业单项冠军企业、且主导产品列入省首台（套）目录的研制单位，一次性奖励300万元")],
  ["300万元", "2026年以后"], notes="a 2025 title: no")
q("v007", "首台套实施细则一家企业一年最多能拿多少钱", "amount",
  [(P, "同一企业每年享受本细则奖补资金累计不超过五百万元")], ["五百万元"])
q("v008", "省首台套实施细则啥时候申报？现在能交材料吗", "deadline",
  [(P, "省经济和信息化厅每年7月1日至7月31日集中受理申报")], ["7月1日", "7月31日"], deadline=PW, first=[P, QA],
  notes="no window runs on 2026-12-01; the next is 2027-07-01—2027-07-31")
q("v009", "鄂经信装备规〔2026〕3号有效期到什么时候", "validity",
  [(P, "本细则自印发之日起施行，有效期三年")], ["有效期三年", "2026年5月20日"], must_say=["2029"],
  notes="三年 from 印发之日 2026-05-20: to 2029-05-19")
q("v010", "首台套评审多少分才能过？评审结果公示几天", "procedure",
  [(P, "总分60分以上的项目方可列入支持范围，评审结果在省经济和信息化厅门户网站公示5个工作日")], ["60分", "5个工作日"])
q("v011", "评分表里研发费用占营收4%能得几分", "threshold",
  [(P, "研发费用占营业收入比例5%以上得20分，3%（含）至5%得10分")], ["10分"], notes="the 附件 table")
q("v012", "申报省首台套奖励要交哪些材料", "procedure",
  [(P, "（一）申报书；（二）营业执照复印件；（三）首台（套）目录证明文件")],
  ["申报书", "首台（套）目录证明文件", "财务审计报告"])
q("v013", "首台套实施细则是哪几个部门联合发的？哪天发的", "issuer",
  [(P, "2026年5月20日")], ["湖北省经济和信息化厅", "湖北省财政厅", "2026年5月20日"])
q("v014", "我们是外省企业在武汉的分公司，能报湖北首台套奖励吗", "threshold",
  [(P, "分公司、办事处不得单独申报"), (QA, "外省企业在鄂分公司可由其在湖北注册的子公司申报")], ["不得单独申报"],
  first=[P, QA])
q("v015", "首台套奖励拿了以后，别的省级首台套奖励还能叠加吗", "interpretation",
  [(P, "同一产品按本细则第三条获得奖励后，不再重复享受其他省级首台（套）奖励")], ["不再重复享受"])

# ── O. the repealed 2022 奖励办法 (txt; own text to 2026-12-31) ──
q("v016", "鄂经信装备〔2022〕41号那个首台套奖励办法现在还能用吗？上面写的有效期到2026年底啊", "validity",
  [(P, REPEAL), (OB, "自2022年9月1日起施行，有效期至2026年12月31日")], ["同时废止", "2026年12月31日"],
  must_say=["废止"], first=[P, OB], notice_docs=[P, OB], notes="repealed from 2026-05-20 by P")
q("v017", "原来首台套是按销售价格20%奖的，现在还是这个标准吗", "validity",
  [(P, "按产品单价分档给予研制单位一次性奖励"),
   (OB, "按首台（套）产品销售价格的20%给予奖励，单个产品最高不超过300万元")],
  ["分档", "同时废止"], must_say=["废止"], first=[P, QA], notice_docs=[P, OB])
q("v018", "旧的首台套奖励办法里保险补贴是多少？", "amount",
  [(OB, "按实际保费的50%给予补贴，每家企业每年最高不超过200万元")], ["50%", "200万元"], must_say=["废止"],
  first=[OB, P],
  notes="repealed: the answer must say so; the current rule is P's 60% ≤ 三百万元")
q("v019", "今年5月前就进了省首台套目录、奖励还没兑现的，按新细则还是老办法？", "year_covered",
  [(QA, "2026年5月20日前已列入省目录但尚未兑现奖励的产品，统一按《实施细则》的标准申报")], ["实施细则"])

# ── QA. 政策问答 on P (md) ──
q("v020", "首台套分档奖励里的单价是含税还是不含税", "interpretation",
  [(QA, "产品单价以首台（套）销售合同载明的单台（套）不含税价格为准")], ["不含税"])
q("v021", "那一个合同卖了好几台呢，单价咋算", "interpretation",
  [(QA, "同一合同包含多台（套）的，按合同总额除以台（套）数计算")], ["合同总额除以台（套）数"],
  notes="a follow-up to v020")
q("v022", "首台套评审没过60分，明年还能再报吗？最多报几次", "procedure",
  [(QA, "企业完善后可在下一年度重新申报，同一产品累计申报不超过2次")], ["2次"])
q("v023", "省首台套今年的申报是不是已经结束了？错过了咋办", "deadline",
  [(QA, "2026年度申报已于2026年7月31日结束"), (P, "省经济和信息化厅每年7月1日至7月31日集中受理申报")],
  ["2026年7月31日", "2027年7月1日"], deadline=PW, first=[QA, P])

# ── N. 国家 三部门 通知 (txt; 文号 in the letterhead only; window not yet open) ──
q("v024", "国家首台套保险补偿中央财政补多少？", "amount",
  [(N, "中央财政按投保年度保费的80%给予补贴，计算补贴的费率上限为3%")], ["80%", "3%"], deadline=NW)
q("v025", "2027年度首台套保险补偿现在能申请了吗？啥时候开始", "deadline",
  [(N, "企业于2027年2月1日至2027年3月15日通过首台（套）保险补偿信息系统（虚构）提交申请")],
  ["2027年2月1日", "2027年3月15日"], deadline=NW, notes="not yet open on 2026-12-01")
q("v026", "工信厅联装函〔2026〕402号是哪几个部门发的", "issuer",
  [(N, "工信厅联装函〔2026〕402号")], ["工业和信息化部办公厅", "财政部办公厅", "国家金融监督管理总局办公厅"],
  notes="the 文号 stands only in the letterhead")
q("v027", "中央的首台套保费补贴最多补几年？", "amount",
  [(N, "补贴时间按投保年度计算，最长不超过3年")], ["3年"])
q("v028", "国家首台套保险补偿省里审核推荐截止哪天？企业自己是3月15号截止吗", "deadline",
  [(N, "于2027年3月31日前完成审核推荐"), (N, "企业于2027年2月1日至2027年3月15日")], ["2027年3月31日", "2027年3月15日"],
  deadline=NW, notes="two dates: provinces vs companies")
q("v029", "申请中央首台套保险补偿要准备啥材料", "procedure",
  [(N, "（一）保险补偿资金申请表；（二）保险合同及保费发票；（三）装备销售合同和发票")], ["保险合同", "保费发票"])
q("v030", "同一台设备能不能重复申请中央保险补偿", "procedure",
  [(N, "同一台（套）装备只能申请一次中央财政保险补偿")], ["一次"])

# ── T. 天门 十条措施 (html; bold-lead paragraphs, no numbers) ──
q("v031", "天门对智能装备新项目的设备投资补多少？", "amount",
  [(T, "竣工投产后按项目实际完成设备投资额的8%给予补助，单个项目最高不超过1000万元")], ["8%", "1000万元"], deadline=TW)
q("v032", "我们在天门投个8000万的智能装备项目，能拿设备补助吗", "threshold",
  [(T, "新引进固定资产投资1亿元以上的智能装备制造项目")], ["1亿元"], notes="8000万 < 1亿元: no")
q("v033", "天门工业用地有啥优惠", "amount",
  [(T, "工业用地出让底价可按所在地土地等别对应全国工业用地出让最低价标准的70%确定")], ["70%", "每亩300万元"])
q("v034", "天门贷款贴息咋贴？能贴几年", "amount",
  [(T, "按贷款发生时一年期贷款市场报价利率（LPR）的50%给予贴息"),
   (T, "单个企业每年贴息最高不超过200万元，贴息期限不超过2年")],
  ["50%", "200万元", "2年"], deadline=TW)
q("v035", "天门我们营收今年第一次过5个亿，纳税1200万，能奖50万吗？", "threshold",
  [(T, "当年纳税总额分别不低于300万元、1500万元、3000万元")], ["1500万元"],
  notes="1200万 < 1500万元: not the 50万元 tier")
q("v036", "天门高新技术企业奖励多少，重新认定的有没有", "amount",
  [(T, "对首次认定的高新技术企业，一次性奖励十万元"), (T, "对重新认定的高新技术企业，一次性奖励五万元")],
  ["十万元", "五万元"],
  deadline=TF)
q("v037", "天门小巨人奖多少？需要自己去申请嘛", "amount",
  [(T, "对新获评国家级专精特新“小巨人”企业的，一次性奖励人民币伍拾万元"),
   (T, "高新技术企业、“小巨人”企业奖励实行“免申即享”")],
  ["伍拾万元", "免申即享"], deadline=TF)
q("v038", "天门单项冠军奖励多少钱", "amount",
  [(T, "对新获评国家级制造业单项冠军企业（产品）的，一次性奖励人民币壹佰万元")], ["壹佰万元"], deadline=TW)
q("v039", "天门引进年薪25万的工程师能拿安家补贴不", "threshold",
  [(T, "年薪30万元以上的全职高层次人才")], ["30万元"], notes="25万 < 30万元: no")
q("v040", "天门安家补贴一个人多少，一家企业最多补几个人", "amount",
  [(T, "按每人每年3万元给予安家补贴，连续补贴3年，每家企业每年补贴人数不超过5人")], ["3万元", "3年", "5人"],
  deadline=TW)
q("v041", "天门用工补贴，我们今年新招了40个人能拿嘛", "threshold",
  [(T, "年度新增就业人数50人以上")], ["50人"], notes="40 < 50: no")
q("v042", "天门牵头搞产业联盟有啥支持", "amount",
  [(T, "给予一次性工作经费补助30万元"), (T, "成员单位达到20家以上的龙头企业")], ["30万元", "20家"], deadline=TW)
q("v043", "天门十条措施啥时候申报兑现？现在12月能报吗", "deadline",
  [(T, "企业于每年1月1日至3月31日向市经济和信息化局集中申报上一年度奖补资金")], ["1月1日", "3月31日"], deadline=TW,
  notes="the next window opens 2027-01-01")
q("v044", "天政发〔2026〕4号有效期到哪年", "validity",
  [(T, "本措施自2026年3月1日起施行，有效期至2028年12月31日")], ["2028年12月31日"], must_say=["有效"])
q("v045", "天门这个十条措施是哪个单位哪天印发的", "issuer",
  [(T, "2026年2月16日")], ["天门市人民政府", "2026年2月16日"],
  notes="the page's 发布时间 2026-02-20 is not the issue date")

# ── G. 东湖高新区 申报指南 (pdf; window closed 2026-06-30) ──
q("v046", "光谷那边单项冠军奖励多少？现在还能报吗", "deadline",
  [(G, "对2025年以来新获评国家级制造业单项冠军企业的，给予一次性奖励200万元"),
   (G, "2026年度申报时间为2026年5月15日至2026年6月30日，逾期不予受理")], ["200万元", "2026年6月30日"],
  must_say=["截止"], deadline=DHW, notes="closed 2026-06-30")
q("v047", "东湖高新区研发投入补贴的门槛是啥", "threshold",
  [(G, "对上年度研发投入不低于2000万元且研发投入占营业收入比重不低于6%的企业")], ["2000万元", "6%", "5000万元"])
q("v048", "我们注册在武汉经开区，能报东湖高新区的专项资金吗", "threshold",
  [(G, "注册地、税收征管关系和统计关系均在东湖高新区的高端装备企业")], ["东湖高新区"],
  notes="another Wuhan district: no")
q("v049", "东湖高新区2027年度的专项资金啥时候申报", "deadline",
  [(G, "2027年度申报工作另行通知")], ["另行通知"], notes="no date stated")
q("v050", "东湖高新区首台套示范应用奖励怎么算", "amount",
  [(G, "按合同金额的10%给予采购方奖励，单个项目最高不超过200万元")], ["10%", "200万元"], deadline=DHW)
q("v051", "光谷专项资金纸质材料交几份？弄虚作假会咋样", "procedure",
  [(G, "并将纸质材料一式三份报送区经济发展局产业服务窗口"), (G, "弄虚作假的，取消三年申报资格")], ["一式三份", "三年"])

# ── E. 恩施州 若干政策 (txt; 一是…二是…; 常年受理) ──
q("v052", "恩施州企业首次上规奖多少钱呀", "amount",
  [(E, "对首次纳入规模以上工业统计的企业，一次性奖励10万元")], ["10万元"], deadline=ESW)
q("v053", "恩施州纳税第一次超过800万能奖多少", "threshold",
  [(E, "对年纳税额首次超过500万元、1000万元的装备制造企业，分别一次性奖励15万元、30万元")], ["15万元"],
  first=[E, F], notes="800万 > 500万元 but < 1000万元: the 15万元 tier")
q("v054", "利川市的企业能享受恩施州这个政策吗", "threshold",
  [(E, "在恩施州（含恩施市、利川市、建始县、巴东县、宣恩县、咸丰县、来凤县、鹤峰县及恩施高新区）"
        "注册登记并纳税的工业企业")],
  ["利川市"], first=[E, F])
q("v055", "恩施标准厂房租金减免是怎么减的，面积有限制吗", "amount",
  [(E, "前两年租金全免、第三年租金减半收取，享受减免的面积原则上不超过5000平方米")], ["前两年", "5000平方米"])
q("v056", "恩施州稳岗补贴一人多少？要招多少脱贫人口才行", "amount",
  [(E, "当年新吸纳脱贫人口就业30人以上"), (E, "按每人每年2000元给予稳岗补贴，每家企业每年最高20万元")],
  ["30人", "2000元", "20万元"], deadline=ESW)
q("v057", "恩施这个政策是不是什么时候都能申请", "deadline",
  [(E, "各项政策实行常年受理，企业向所在县市经信部门提出申请")], ["常年受理"], deadline=ESW)
q("v058", "恩施州政办发〔2025〕12号明年还有效吗", "validity",
  [(E, "本政策自2025年4月1日起施行，有效期至2027年3月31日")], ["2027年3月31日"], must_say=["有效"], first=[E, F],
  notes="in force until 2027-03-31: only the first quarter of 2027")

# ── Traditional Chinese ──
q("v059", "恩施州的流動資金貸款貼息，每家企業每年最多多少？", "traditional",
  [(E, "按一年期贷款市场报价利率的50%给予贴息，每家企业每年最高50万元")], ["50%", "50万元"], lang="zh-Hant",
  first=[E, F],
  deadline=ESW)
q("v060", "恩施州政策的繁體版和簡體版不一致時，以哪個為準？", "traditional",
  [(F, "內容如與簡體中文版本不一致，以簡體中文版本為準")], ["簡體中文版本"], lang="zh-Hant")
q("v061", "天門市新引進高層次人才的安家補貼是多少？", "traditional",
  [(T, "按每人每年3万元给予安家补贴，连续补贴3年")], ["3万元", "3年"], lang="zh-Hant", deadline=TW)

# ── English ──
q("v062", "Under Hubei's provincial first-of-its-kind equipment rules, how large is the award for a catalogued "
  "product whose unit price is RMB 25 million?", "english",
  [(P, "单价2000万元（含）以上的，奖励200万元")], ["200万元"], lang="en", deadline=PW)
q("v063", "Is Hubei's 2022 trial measure on first-set equipment awards still valid? Its own text says it runs "
  "until the end of 2026.", "english",
  [(P, REPEAL), (OB, "自2022年9月1日起施行，有效期至2026年12月31日")], ["同时废止"], lang="en", first=[P, OB],
  notice_docs=[P, OB], notes="repealed from 2026-05-20")
q("v064", "When can manufacturers apply for the 2027 central-government premium subsidy for first-set equipment "
  "insurance?", "english",
  [(N, "企业于2027年2月1日至2027年3月15日通过首台（套）保险补偿信息系统（虚构）提交申请")],
  ["2027年2月1日", "2027年3月15日"], lang="en", deadline=NW)
q("v065", "Our company is registered in Tianmen and hired 60 new employees this year on one-year contracts with "
  "social insurance. What hiring subsidy can we get, and is there a cap?", "english",
  [(T, "按每人1000元给予一次性用工补贴，单个企业最高不超过20万元")], ["1000元", "20万元"], lang="en", deadline=TW)
q("v066", "East Lake High-tech Zone (Optics Valley): can we still apply this year for the single-champion award?",
  "english",
  [(G, "2026年度申报时间为2026年5月15日至2026年6月30日，逾期不予受理")], ["2026年6月30日"], lang="en", deadline=DHW,
  notes="closed 2026-06-30")

# ── multi-document, year covered ──
q("v067", "首台套保险，国家补80%，省里补60%，两个能一起拿吗？", "multi_doc",
  [(P, "投保首台（套）重大技术装备综合保险且未获得中央财政保费补贴的研制单位"),
   (N, "中央财政按投保年度保费的80%给予补贴，计算补贴的费率上限为3%")], ["80%", "60%", "未获得中央财政保费补贴"],
  first=[P, N, QA], notes="no: the provincial compensation excludes makers with the central subsidy")
q("v068", "高新技术企业首次认定奖励，天门和恩施各奖多少", "multi_doc",
  [(T, "对首次认定的高新技术企业，一次性奖励十万元"), (E, "对首次认定的高新技术企业，一次性奖励20万元")],
  ["十万元", "20万元"],
  first=[T, E])
q("v069", "贷款贴息天门和恩施哪个封顶高？", "multi_doc",
  [(T, "单个企业每年贴息最高不超过200万元"), (E, "每家企业每年最高50万元")], ["200万元", "50万元"], first=[T, E])
q("v070", "单项冠军奖励：省首台套细则、天门、东湖高新区各给多少？现在哪个还能报", "multi_doc",
  [(P, "对2026年以后新获评国家级制造业单项冠军企业、且主导产品列入省首台（套）目录的研制单位，一次性奖励300万元"),
   (T, "对新获评国家级制造业单项冠军企业（产品）的，一次性奖励人民币壹佰万元"),
   (G, "对2025年以来新获评国家级制造业单项冠军企业的，给予一次性奖励200万元")], ["300万元", "壹佰万元", "200万元"],
  first=[P, T, G], notes="省 and 天门 between yearly windows (2027-07 / 2027-01); 东湖 closed 2026-06-30")
q("v071", "2029年6月的时候省首台套细则还有效吗", "year_covered",
  [(P, "本细则自印发之日起施行，有效期三年")], ["有效期三年"], notes="ends 2029-05-19: no")
q("v072", "恩施州这个政策能管到2027年下半年吗", "year_covered",
  [(E, "本政策自2025年4月1日起施行，有效期至2027年3月31日")], ["2027年3月31日"], first=[E, F],
  notes="ends 2027-03-31: no")

# ── unanswerable: topic near a document, detail not stated ──
U = dict(answerable=False, category="unanswerable")
q("w001", "省首台套奖励评上以后，钱一般几个月能拨到企业账上？",
  quotes=[(P, "按产品单价分档给予研制单位一次性奖励")], notes="no payment time stated", **U)
q("w002", "天门用地优惠的工业用地出让年限是多少年？",
  quotes=[(T, "工业用地出让底价可按所在地土地等别对应全国工业用地出让最低价标准的70%确定")],
  notes="no term stated", **U)
q("w003", "东湖高新区研发投入补贴的增量是跟前三年平均比还是跟前一年比？",
  quotes=[(G, "按上年度研发投入增量部分的10%给予补贴，最高不超过500万元")],
  notes="the comparison base is not stated", **U)
q("w004", "国家首台套保险补偿，投保的保险公司有没有指定名单？",
  quotes=[(N, "中央财政按投保年度保费的80%给予补贴，计算补贴的费率上限为3%")], notes="no insurer list stated", **U)
q("w005", "恩施州稳岗补贴里的脱贫人口身份要开什么证明？",
  quotes=[(E, "按每人每年2000元给予稳岗补贴，每家企业每年最高20万元")], notes="no proof stated", **U)
q("w006", "天门安家补贴是一次性发还是按月发到个人？",
  quotes=[(T, "按每人每年3万元给予安家补贴，连续补贴3年，每家企业每年补贴人数不超过5人")],
  notes="payment mode not stated",
  **U)
q("w007", "省首台套用户单位奖励，用融资租赁方式租来的设备算不算首购首用？",
  quotes=[(P, "按采购合同金额的5%给予用户单位奖励")], notes="leasing not addressed", **U)
q("w008", "恩施标准厂房租金减免三年到期以后，续租还有优惠吗？",
  quotes=[(E, "前两年租金全免、第三年租金减半收取，享受减免的面积原则上不超过5000平方米")],
  notes="nothing after year three",
  **U)

# ── out of scope ──
q("o001", "恩施大峡谷景区门票多少钱？", "out_of_scope", [], answerable=False)
q("o002", "武汉到天门的城际列车几点发车？", "out_of_scope", [], answerable=False)

QUESTIONS.write(Path(__file__).resolve().parent)
