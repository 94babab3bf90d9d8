"""Write questions.jsonl from the hand-written questions below (run after editing; then validate.py).

Each call gives the question, its category, the (doc, verbatim quote) pairs that answer it in the
order they should be cited, and the key facts a correct answer contains. The validity notices
expected follow from the documents' labelled windows (WIN; the 潜江 measures' window is the EXTENDED
one, to 2027-12-31). Written blind on 2026-12-01.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.gold import Questions

N = "national-2026-smart-inspection-equipment-pilot-notice"
X = "huangshi-xialu-2026-intelligent-equipment-several-policies"
S = "huangshi-xialu-2026-intelligent-equipment-several-policies-english-summary"
H = "huangshi-2027-intelligent-equipment-fund-application-notice"
Q = "qianjiang-2023-intelligent-manufacturing-measures"
R = "qianjiang-2026-measures-extension-and-amendment-notice"
T = "xiantao-2024-intelligent-equipment-enterprise-measures"
WIN = {X: "in_force 2026-03-01—2028-12-31", Q: "in_force 2023-05-01—2027-12-31 (extended; own text 2025-12-31)",
       R: "in_force from 2026-01-01", T: "expired 2025-12-31"}
QUESTIONS = Questions(WIN)
q = QUESTIONS.add

NAT = "2026-11-01—2027-01-15 open"
HS12 = "2027-01-04—2027-02-26 not_yet_open (opens 2027-01-04)"
HS3 = "随时申报 open"
XL = "yearly 每年4月1日至4月30日 between_windows (next window opens 2027-04-01)"
QJ = "yearly 每年6月 between_windows (next window opens 2027-06-01)"

# ── N. 三部委 通知 (docx; short body, 附件 申报指南 with a merged-header table) ──
q("v001", "工信部那个智能检测装备揭榜试点，做检测装备研制的项目最多能补多少？按啥比例补", "amount",
  [(N, "按项目总投资的30%给予中央财政补助"), (N, "最高不超过3000万元")], ["30%", "3000万元"], deadline=NAT,
  notes="the amount is split over two cells (支持方式 | 最高额度) under a merged 支持标准 header")
q("v002", "揭榜试点研制方向对项目投资和研发占比有啥要求？", "threshold",
  [(N, "项目总投资不低于5000万元，申报企业上年度研发费用占营业收入比例不低于5%")], ["5000万元", "5%"])
q("v003", "智能检测装备揭榜试点现在还能报不？企业报名截止到哪天", "deadline",
  [(N, "企业申报时间为2026年11月1日至2027年1月15日，逾期不予受理")], ["2027年1月15日"], deadline=NAT,
  notes="open on 2026-12-01; the window is in the 附件's 三、")
q("v004", "我们是用检测装备的制造企业，去年营收6个亿，想报揭榜试点的行业应用示范，能补多少？", "amount",
  [(N, "按项目设备投资额的20%给予补助"), (N, "申报企业为用户企业，上年度营业收入不低于5亿元")], ["20%", "1000万元"],
  deadline=NAT, notes="6亿 ≥ 5亿元; a user company")
q("v005", "检测公共服务平台那个方向奖多少钱？要啥资质", "amount",
  [(N, "平台运营单位拥有通过中国合格评定国家认可委员会（CNAS）认可的检测实验室")], ["500万元", "CNAS"], deadline=NAT)
q("v006", "工信部联装〔2026〕217号是哪几个部门联合发的？哪天发的", "issuer",
  [(N, "2026年10月20日")], ["工业和信息化部", "国家发展改革委", "财政部", "2026年10月20日"],
  notes="three issuers on one 落款 line")
q("v007", "报揭榜试点要交哪些材料？", "procedure",
  [(N, "（一）揭榜试点申报书；（二）企业营业执照和上年度财务审计报告；（三）项目可行性研究报告")],
  ["申报书", "可行性研究报告", "信用承诺书"])
q("v008", "一个企业能同时报揭榜试点的两个方向吗", "procedure",
  [(N, "同一企业只能选择一个揭榜方向申报")], ["一个"])
q("v009", "揭榜试点省里推荐截止是哪天？跟企业自己申报的截止一样不", "deadline",
  [(N, "于2027年1月31日前完成推荐"), (N, "企业申报时间为2026年11月1日至2027年1月15日")],
  ["2027年1月31日", "2027年1月15日"], deadline=NAT, notes="two different dates: provinces vs companies")
q("v010", "For the national smart inspection equipment pilot, how large a subsidy can an industry application "
  "demonstration project get, and when does the application window for companies close?", "english",
  [(N, "按项目设备投资额的20%给予补助"), (N, "企业申报时间为2026年11月1日至2027年1月15日")],
  ["20%", "1000万元", "2027"], lang="en", deadline=NAT)

# ── X. 下陆区 若干政策 (txt; 第X条【…】 inline, Chinese numerals) ──
q("v011", "下陆区亩均税收奖励怎么给的？亩均税收要到多少", "amount",
  [(X, "对上年度亩均税收达到三十万元以上的规模以上智能装备企业，给予一次性奖励五十万元"),
   (X, "亩均税收达到五十万元以上的，给予一次性奖励一百万元")], ["三十万元", "五十万元", "一百万元"], deadline=XL)
q("v012", "我们在下陆，去年亩均税收45万一亩，能拿一百万那档不", "threshold",
  [(X, "亩均税收达到五十万元以上的，给予一次性奖励一百万元")], ["五十万元"],
  notes="45 < 50: the lower tier (五十万元) only, if 规上")
q("v013", "下陆区技改补助，设备投资要多少才够？补几个点", "amount",
  [(X, "对当年完成生产性设备投资一千万元以上的技术改造项目，按设备投资额的百分之八给予补助，单个项目最高补助五百万元")],
  ["一千万元", "百分之八", "五百万元"], notes="two articles share the paragraph; Chinese numerals")
q("v014", "下陆区研发投入奖励门槛是啥？一年最多奖多少", "threshold",
  [(X, "对年度研发投入五百万元以上、且研发投入占营业收入比重达到百分之四以上的企业"),
   (X, "按年度研发投入增量的百分之二十给予奖励，每家企业每年最高二百万元")], ["五百万元", "百分之四", "二百万元"])
q("v015", "在下陆新招了两个全职博士，区里有补贴吗？每人多少、补几年", "amount",
  [(X, "每人每年给予生活补贴三万元，连续补贴三年")], ["三万元", "三年"], first=[X, S],
  notes="needs a contract of three years or more")
q("v016", "那硕士研究生呢，下陆区给生活补贴吗", "amount",
  [(X, "新引进全职硕士研究生的，每人每年给予生活补贴一万元")], ["一万元"], first=[X, S])
q("v017", "我们打算新落户下陆区，租国有平台公司2000平米的标准厂房，租金咋减免？", "amount",
  [(X, "第一年至第三年免收租金，第四年、第五年租金减半收取")], ["免收租金", "减半"], first=[X, S])
q("v018", "加入黄石市智能装备产业协会，下陆区补会费吗", "amount",
  [(X, "按当年实际缴纳会费的百分之五十给予补贴，每家每年最高二万元")], ["百分之五十", "二万元"], first=[X, S])
q("v019", "下政发〔2026〕3号什么时候施行，有效期到哪年？", "validity",
  [(X, "自2026年3月1日起施行，有效期至二〇二八年十二月三十一日")], ["2026年3月1日", "二〇二八年十二月三十一日"],
  must_say=["有效"], first=[X, S], notes="the end date is written in Chinese numerals")
q("v020", "下陆区政策兑现啥时候申请？现在12月能交吗", "deadline",
  [(X, "企业于每年4月1日至4月30日向区经济商务和信息化局提交上一年度政策兑现申请")], ["4月1日", "4月30日"],
  deadline=XL, first=[X, S], notes="no window runs on 2026-12-01; the next is 2027-04-01—2027-04-30 (for 2026)")
q("v021", "下陆区这个若干政策，一家企业一年最多能拿多少钱", "amount",
  [(X, "同一企业每年享受本政策奖补资金累计不超过一千万元")], ["一千万元"], first=[X, S])
q("v022", "我们公司注册在黄石港区，能享受下陆区的技改补助吗？", "threshold",
  [(X, "工商注册、税务征管和统计关系均在下陆区")], ["下陆区"],
  notes="黄石港区 is a sibling district of 下陆区 in 黄石: no")
q("v023", "下陆区牵头制定团体标准的奖励是多少", "amount",
  [(X, "对牵头制定智能装备团体标准并经协会发布的企业，每项奖励十万元")], ["十万元"])
q("v024", "下陸區的技術改造補助，項目要在什麼時候開工才算？", "traditional",
  [(X, "项目须于本政策施行后开工建设")], ["施行后", "2026年3月1日"], lang="zh-Hant")

# ── S. English summary of X ──
q("v025", "Xialu District policy: how much is the living allowance for a newly recruited full-time PhD, and for how "
  "many years is it paid?", "english",
  [(S, "RMB 30,000 per person per year for three years")], ["30,000", "three years"], lang="en", first=[S, X])
q("v026", "We are moving to Xialu District and will rent 800 square metres of standard factory space from the "
  "district platform company. Do we get the rent relief?", "english",
  [(S, "Newly settled companies renting at least 1,000 square metres")], ["1,000"], lang="en", first=[S, X],
  notes="800 < 1000 m²: no")

# ── H. 黄石市 申报通知 (pdf, two pages; window not yet open, one rolling category) ──
q("v027", "黄石市2027年度智能装备专项资金的首台套奖励现在能报吗？啥时候开始受理", "deadline",
  [(H, "第1类、第2类项目集中受理，申报时间为2027年1月4日至2027年2月26日，逾期不予受理")],
  ["2027年1月4日", "2027年2月26日"], deadline=HS12, notes="not yet open on 2026-12-01")
q("v028", "黄石首台套奖励按什么算，最高多少？", "amount",
  [(H, "按销售合同额的10%给予奖励，最高200万元")], ["10%", "200万元"], deadline=HS12)
q("v029", "我们是2024年拿的省首台套认定，能报黄石这次的首台套奖励吗", "threshold",
  [(H, "产品于2026年度获得湖北省首台（套）重大技术装备认定")], ["2026年度"], notes="a 2024 certification: no")
q("v030", "黄石设备更新贷款贴息，贷款要多少？贴多少", "amount",
  [(H, "按实际付息额的50%给予贴息，每家最高100万元"), (H, "2026年新增设备更新贷款1000万元以上")],
  ["50%", "100万元", "1000万元"], deadline=HS12)
q("v031", "刚评上国家级小巨人，黄石市的奖励啥时候能申请，要等到明年1月吗？", "deadline",
  [(H, "一次性奖励50万元"), (H, "第3类项目随时申报，企业在获评之日起6个月内提出申请")], ["50万元", "随时申报", "6个月"],
  deadline=HS3, notes="the rolling category: no need to wait")
q("v032", "黄石经信发〔2026〕96号是哪个单位啥时候发的", "issuer",
  [(H, "2026年11月20日")], ["黄石市经济和信息化局", "2026年11月20日"])
q("v033", "黄石这个专项资金申报，纸质材料交几份，交到哪里？", "procedure",
  [(H, "企业登录黄石市惠企政策服务平台（虚构）在线申报，纸质材料一式两份报送所在县（市、区）经信部门")],
  ["一式两份", "经信部门"])
q("v034", "我们是大冶市的企业，还没上规，能报黄石市的小巨人奖励吗", "threshold",
  [(H, "纳入规模以上工业统计的智能装备制造企业")], ["规模以上"], notes="大冶市 is inside the scope; not 规上: no")
q("v035", "黃石市設備更新貸款貼息要準備哪些材料？", "traditional",
  [(H, "5．贷款合同及付息凭证（第2类）")], ["贷款合同", "付息凭证"], lang="zh-Hant",
  notes="the materials list runs across the page break")

# ── Q / R. 潜江 若干措施 (txt, own end 2025-12-31) and its 延续并修改 notice (html) ──
q("v036", "潜江推进智能制造那个若干措施不是2025年底就到期了吗？现在还有效没", "validity",
  [(R, "《潜江市推进智能制造发展的若干措施》有效期延长至2027年12月31日")], ["2027年12月31日"], first=[R, Q],
  must_say=["有效"], notice_docs=[R, Q], notes="extended: in force to 2027-12-31 although its own text says 2025-12-31")
q("v037", "潜江智能化改造补助现在按啥标准？补几个点，单个项目最多多少", "amount",
  [(R, "按设备投资额的15%给予补助，单个项目最高不超过500万元")], ["15%", "500万元"], first=[R],
  notes="the amended （一）; 10% / 300万元 is the superseded wording")
q("v038", "潜江我们有个智能化改造项目2025年就竣工了，按10%还是15%补？", "year_covered",
  [(R, "2026年1月1日以后竣工的智能化改造项目按修改后的标准执行，此前竣工的项目仍按原标准执行"),
   (Q, "按设备投资额的10%给予补助，单个项目最高不超过300万元")], ["10%", "300万元"], first=[R, Q])
q("v039", "潜江设备投资150万的小技改项目，还能拿智能化改造补助吗", "threshold",
  [(R, "对企业实施的设备投资额不低于200万元的智能化改造项目")], ["200万元"], notes="150万 < 200万元: no")
q("v040", "潜江对新认定的省级智能工厂和数字化车间各奖多少？", "amount",
  [(Q, "对新认定的省级智能工厂，给予一次性奖励80万元"), (Q, "对新认定的省级数字化车间，给予一次性奖励30万元")],
  ["80万元", "30万元"], notes="in force through the extension")
q("v041", "潜江企业上云补贴多少？小微企业能申请吗", "amount",
  [(Q, "按年度服务费的30%给予补贴，每家企业每年最高10万元"), (Q, "对规模以上工业企业购买云服务的")],
  ["30%", "10万元", "规模以上"])
q("v042", "潜政办发〔2026〕2号是个什么文件？改了原来措施的哪一条", "doc_number",
  [(R, "二、将第（一）项修改为")], ["延长", "第（一）项"])
q("v043", "潜江这个措施的奖补一般几月份申请兑现？现在能交吗", "deadline",
  [(Q, "符合条件的企业于每年6月向市经济和信息化局提出申请")], ["每年6月"], deadline=QJ)
q("v044", "潛江市推進智能製造發展的若干措施是哪個單位印發的？文號是多少？", "traditional",
  [(Q, "潜政办发〔2023〕15号")], ["潜江市人民政府办公室", "潜政办发〔2023〕15号"], lang="zh-Hant")
q("v045", "Qianjiang's measures for intelligent manufacturing said they were valid until the end of 2025. Are they "
  "still in force today, and until when?", "english",
  [(R, "《潜江市推进智能制造发展的若干措施》有效期延长至2027年12月31日")], ["2027"], lang="en", first=[R, Q],
  notice_docs=[R, Q])

# ── multi-document, year covered, validity, interpretation ──
q("v046", "智能化改造补助，下陆区和潜江各按什么比例补、单个项目封顶多少？", "multi_doc",
  [(X, "按设备投资额的百分之八给予补助，单个项目最高补助五百万元"),
   (R, "按设备投资额的15%给予补助，单个项目最高不超过500万元")], ["百分之八", "五百万元", "15%", "500万元"],
  first=[X, R])
q("v047", "现在12月份能马上报的有哪些：国家揭榜试点、黄石首台套奖励、黄石小巨人奖励？", "multi_doc",
  [(N, "企业申报时间为2026年11月1日至2027年1月15日，逾期不予受理"),
   (H, "第1类、第2类项目集中受理，申报时间为2027年1月4日至2027年2月26日，逾期不予受理"),
   (H, "第3类项目随时申报，企业在获评之日起6个月内提出申请")], ["2027年1月15日", "2027年1月4日", "随时申报"],
  first=[N, H], notes="揭榜试点 open; 首台（套） not yet open; 小巨人 rolling")
q("v048", "2028年下陆区的企业新引进博士，还能拿生活补贴吗？", "year_covered",
  [(X, "每人每年给予生活补贴三万元，连续补贴三年")], ["三万元", "二〇二八年十二月三十一日"], first=[X, S],
  notes="2028 lies inside the window (to 2028-12-31)")
q("v049", "潜江延长有效期的那个通知从什么时候开始执行？", "validity",
  [(R, "本通知自2026年1月1日起执行")], ["2026年1月1日"])
q("v050", "下陆区的若干政策2029年还能用吗", "validity",
  [(X, "自2026年3月1日起施行，有效期至二〇二八年十二月三十一日")], ["二〇二八年十二月三十一日"], first=[X, S],
  notes="ends 2028-12-31: not in 2029")
q("v051", "下陆区政策的英文版和中文版说法不一样的时候，以哪个为准？", "interpretation",
  [(S, "the Chinese text prevails in case of any difference")], [], first=[S])

# ── T. 仙桃 若干措施 (md, expired 2025-12-31, NOT extended) and 黄石 第4类 (closed 2026-11-30) ──
q("v052", "仙桃支持智能装备企业的若干措施现在还有效吗", "validity",
  [(T, "本措施自2024年2月1日起施行，有效期至2025年12月31日")], ["2025年12月31日"], must_say=["失效"])
q("v053", "仙桃的小巨人奖励是多少？我们2025年评上的，现在还能去申请吗", "amount",
  [(T, "“小巨人”企业一次性奖励60万元"), (T, "2025年度兑现申请截止时间为2026年3月31日")], ["60万元", "2026年3月31日"],
  must_say=["失效"], deadline="2026-03-31 closed", notes="expired 2025-12-31; the last window closed 2026-03-31")
q("v054", "黄石2026年度技改项目补报还能交吗？我们项目10月刚竣工", "deadline",
  [(H, "第4类为2026年度技改项目补报，申报截止时间为2026年11月30日，逾期不再受理")], ["2026年11月30日"],
  must_say=["截止"], deadline="2026-11-30 closed", notes="closed the day before the reference date")
q("v055", "潜江和仙桃的智能制造措施都写着有效期到2025年12月31日，现在哪个还能用？", "multi_doc",
  [(R, "《潜江市推进智能制造发展的若干措施》有效期延长至2027年12月31日"),
   (T, "本措施自2024年2月1日起施行，有效期至2025年12月31日")], ["2027年12月31日", "2025年12月31日"],
  first=[R, Q, T], notice_docs=[R, Q, T], notes="潜江 extended to 2027-12-31; 仙桃 expired, not extended")

# ── unanswerable: topic near a document, detail not stated ──
U = dict(answerable=False, category="unanswerable")
q("w001", "揭榜试点的中央财政补助是一次性拨付还是分期拨付？",
  quotes=[(N, "按项目总投资的30%给予中央财政补助")], notes="no payment schedule stated", **U)
q("w002", "下陆区亩均税收奖励里的亩数是按土地证面积算还是按实际占地算？",
  quotes=[(X, "对上年度亩均税收达到三十万元以上的规模以上智能装备企业，给予一次性奖励五十万元")],
  notes="no area rule stated", **U)
q("w003", "黄石市专项资金的评审结果在哪个网站公示，公示几天？",
  quotes=[(H, "企业登录黄石市惠企政策服务平台（虚构）在线申报，纸质材料一式两份报送所在县（市、区）经信部门")],
  notes="no publicity step stated", **U)
q("w004", "潜江上云补贴认哪些云服务商，有没有指定的服务商目录？",
  quotes=[(Q, "按年度服务费的30%给予补贴，每家企业每年最高10万元")], notes="no provider list stated", **U)
q("w005", "下陆区给博士的生活补贴要不要交个人所得税？",
  quotes=[(X, "每人每年给予生活补贴三万元，连续补贴三年")], notes="tax treatment not stated", **U)
q("w006", "揭榜试点项目入选后没完成任务，要退回补助资金吗？",
  quotes=[(N, "工业和信息化部会同国家发展改革委、财政部组织专家评审，择优确定揭榜试点项目，试点期为两年")],
  notes="no sanction / clawback stated", **U)
q("w007", "黄石市首台套奖励对销售对象有要求吗，必须卖给省内企业？",
  quotes=[(H, "按销售合同额的10%给予奖励，最高200万元")], notes="no buyer condition stated", **U)
q("w008", "下陆区团体标准奖励，一家企业一年最多能奖几项？",
  quotes=[(X, "对牵头制定智能装备团体标准并经协会发布的企业，每项奖励十万元")], notes="no count limit stated", **U)

# ── out of scope ──
q("o001", "黄石东方山风景区门票多少钱？", "out_of_scope", [], answerable=False)

QUESTIONS.write(Path(__file__).resolve().parent)
