"""Write questions.jsonl from the hand-written questions below (run after editing; then validate.py).

Each call gives the question, its category, the (doc, verbatim quote) pairs that answer it in the
order they should be cited, and the key facts a correct answer contains. The validity notices
expected follow from the documents' labelled windows (WIN). Written blind on 2026-12-01.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.gold import Questions

A = "yichang-2025-ime-support-implementation-rules"
B = "hubei-2022-ime-rd-innovation-support-measures"
C = "jingzhou-etdz-2026-ime-fund-application-guide"
D = "shiyan-2019-ime-development-opinions"
P = "hubei-2014-intelligent-equipment-action-plan"
WIN = {A: "in_force 2025-03-01—2027-12-31", B: "in_force 2022-09-01—2027-08-31", D: "expired 2021-12-31",
       P: "expired 2017-12-31"}
QUESTIONS = Questions(WIN)
q = QUESTIONS.add

# ── A. 宜昌 实施细则 (table) ──
q("s001", "宜昌这边搞智能化技改，市里最多补多少钱？", "amount",
  [(A, "按生产性设备投资额的12%给予补助"), (A, "单个项目最高400万元")], ["12%", "400万元"],
  notes="rate in the 标准 cell, cap in the 上限 cell of the same row")
q("s002", "宜昌的技改补助，设备要投多少才够条件？是不是规上企业才行？", "threshold",
  [(A, "规模以上工业企业，项目生产性设备投资额不低于800万元")], ["800万元", "规模以上工业企业"],
  notes="multi-part: amount threshold and size; both in the 条件 cell")
q("s003", "我们在宜昌，今年头一回评上国家级专精特新小巨人，市里奖多少？", "amount",
  [(A, "一次性奖励60万元")], ["60万元"], notes="must not answer with 荆州开发区's 30万元")
q("s004", "宜昌智能制造装备扶持实施细则有效期到什么时候？现在还有效吗？", "validity",
  [(A, "本细则自2025年3月1日起施行，有效期至2027年12月31日")], ["2027年12月31日"], must_say=["有效"],
  notes="in force on 2026-12-01")
q("s005", "宜昌2021年那个智能制造装备产业扶持暂行办法还能用吗？", "validity",
  [(A, "同时废止《宜昌市智能制造装备产业扶持暂行办法》（宜经信发〔2021〕9号）")], ["废止"],
  must_say=["废止"], notes="the 2021 办法 is not in the library; the 2025 细则 repealed it")
q("s006", "宜经信规〔2025〕2号是哪些部门发的，哪天发的？", "issuer",
  [(A, "宜昌市经济和信息化局　　宜昌市财政局")], ["宜昌市经济和信息化局", "宜昌市财政局", "2025年2月18日"],
  notes="joint 落款 on one line; the docx title property 宜昌市经信局文件 is not the issuer")
q("s007", "注册在宜昌高新区的企业，拿了市里的奖补以后高新区还有配套吗？", "amount",
  [(A, "宜昌高新区管委会另按市级支持金额的50%给予配套奖励，单个企业每年最高不超过100万元。")],
  ["50%", "100万元"])
q("s008", "宜昌引进高级技师有补贴吗？每个月多少，给多久？", "amount",
  [(A, "每人每月给予800元岗位补贴"), (A, "补贴期限最长24个月")], ["800元", "24个月"])
q("s009", "宜昌智能制造标杆企业那100万奖励，营收要达到多少？", "threshold",
  [(A, "上年度营业收入不低于10亿元，且被评为市级智能制造标杆企业")], ["10亿元", "市级智能制造标杆企业"])
q("s010", "宜昌的扶持资金一般几月份申报？找哪个部门？", "procedure",
  [(A, "市经济和信息化局每年二季度发布申报通知，企业按属地原则向所在县市区经信部门提出申请")],
  ["二季度", "县市区经信部门"])
q("s011", "宜昌首台套装备奖励按什么比例给？", "amount",
  [(A, "按首台（套）产品销售价格的15%给予奖励"), (A, "单个产品最高200万元")], ["15%", "200万元"])

# ── B. 省 办法 (pdf, Chinese numerals) ──
q("s012", "省里对智能装备企业的研发费用后补助最多能拿多少？", "amount",
  [(B, "按其上年度研发费用较前一年度增量部分的百分之十五给予后补助，单个企业每年最高不超过三百万元。")],
  ["百分之十五", "三百万元"])
q("s013", "申请省研发费用后补助，营收和研发投入占比各要多少？", "threshold",
  [(B, "对上年度营业收入不低于二亿元、研发投入占营业收入比重不低于百分之三的智能制造装备企业")],
  ["二亿元", "百分之三"])
q("s014", "省里的研发后补助是不是必须是高新技术企业才能申请？", "threshold",
  [(B, "申请本项补助的企业应当为有效期内的国家高新技术企业")], ["国家高新技术企业"])
q("s015", "新获批国家级企业技术中心，省里奖多少？省级的呢？", "amount",
  [(B, "对新获批国家级企业技术中心的企业，一次性奖励二百万元"),
   (B, "对新获批省级企业技术中心的企业，一次性奖励五十万元。")],
  ["二百万元", "五十万元"], notes="multi-part")
q("s016", "鄂经信规〔2022〕4号有效期几年，现在过期了没有？", "validity",
  [(B, "本办法自2022年9月1日起施行，有效期五年")], ["有效期五年"], must_say=["有效"],
  notes="2022-09-01 + 5 years = 2027-08-31: in force on 2026-12-01")
q("s017", "湖北省智能制造装备企业研发创新支持办法是哪几个部门联合印发的？", "issuer",
  [(B, "湖北省经济和信息化厅"), (B, "湖北省财政厅"), (B, "湖北省科学技术厅")],
  ["湖北省经济和信息化厅", "湖北省财政厅", "湖北省科学技术厅"], notes="three issuers on three lines of the 落款")
q("s018", "省里的科技创新券，什么规模的企业能用？最多给多少？", "threshold",
  [(B, "对上年度营业收入不超过五千万元的智能制造装备中小企业购买检验检测、技术开发服务的"),
   (B, "按服务合同金额的百分之五十给予科技创新券支持，每家企业每年最高不超过二十万元。")],
  ["五千万元", "二十万元"], notes="a revenue ceiling, not a floor")
q("s019", "企业全职引进博士做研发，省里每月给多少津贴？", "amount",
  [(B, "对企业全职引进的具有博士学位的研发人员，按每人每月三千元给予科研津贴，最长不超过三十六个月。")],
  ["三千元", "三十六个月"])
q("s020", "和高校搞产学研合作，省里怎么补？合同要多大？", "threshold",
  [(B, "按合同实际支付金额的百分之二十给予补助，单个项目最高不超过一百万元。"), (B, "技术合同金额不低于五百万元")],
  ["百分之二十", "五百万元"], notes="the sentence is split by the PDF page break")

# ── C. 荆州开发区 申报指南 ──
q("s021", "荆州开发区买工业机器人有补贴吗？现在还能报吗？", "deadline",
  [(C, "按机器人购置价格的10%给予补贴，每家企业每年最高不超过50万元"),
   (C, "第一批：技术改造类项目，申报时间为2026年9月1日至2026年10月31日，逾期不再受理。")],
  ["10%", "50万元", "2026年10月31日"], must_say=["截止"], deadline="2026-10-31 closed",
  notes="robot subsidy is 技术改造类: 第一批, closed 2026-10-31")
q("s022", "荆州开发区2026年第二批申报什么时候截止？都包括哪些项目？", "deadline",
  [(C, "第二批：企业培育类和人才支持类项目，申报时间为2026年12月1日至2027年1月20日。")],
  ["2027年1月20日", "企业培育类和人才支持类"], deadline="2027-01-20 open")
q("s023", "荆州开发区新入规的企业奖多少钱？", "amount",
  [(C, "对首次纳入规模以上工业企业统计的企业，给予一次性奖励8万元。")], ["8万元"], deadline="2027-01-20 open")
q("s024", "在荆州经开区，新招的本科毕业生能领生活补贴吗？一个月多少？", "amount",
  [(C, "按每人每月1000元给予生活补贴，补贴期限最长24个月。"), (C, "签订3年以上劳动合同并在开发区缴纳社会保险")],
  ["1000元", "24个月"], deadline="2027-01-20 open")
q("s025", "荆州开发区申报人才补贴要准备哪些材料？", "procedure",
  [(C, "人才支持类项目提供毕业证书、劳动合同及社保缴纳证明")], ["毕业证书", "劳动合同", "社保缴纳证明"])
q("s026", "荆州开发区扶持资金申报有问题打哪个电话？", "procedure",
  [(C, "开发区经济发展局工业科　王某某　联系电话：0716-8000123（虚构）")], ["0716-8000123"])
q("s027", "荆州开发区的技改补助，设备得是什么时候买的才算？", "threshold",
  [(C, "项目须于2025年1月1日至2026年6月30日期间完成设备购置")], ["2025年1月1日", "2026年6月30日"])
q("s028", "荆开经发〔2026〕15号是什么文件？", "doc_number",
  [(C, "荆开经发〔2026〕15号")], ["荆州经济技术开发区2026年度智能制造装备企业扶持资金申报指南"],
  notes="its own number; 荆开管发〔2024〕3号 in the preamble is the basis document's")

# ── D. 十堰 2019 意见 (html, expired) ──
q("s029", "十堰2019年那个支持智能制造装备产业的意见现在还有效吗？", "validity",
  [(D, "本意见自印发之日起施行，有效期至2021年12月31日。")], ["2021年12月31日"], must_say=["已失效"])
q("s030", "2020年在十堰买工业机器人，按当时的政策每台补多少？", "year_covered",
  [(D, "企业购置工业机器人用于汽车零部件生产的，每台给予2万元补贴，单个企业年度补贴总额最高不超过60万元。")],
  ["2万元"], must_say=["已失效"], notes="2020 lies inside the window: answer it, and say it has expired since")
q("s031", "十堰那个智能制造装备意见的文号是多少，是哪个单位哪天印发的？", "issuer",
  [(D, "2019年4月8日")], ["十政办发〔2019〕21号", "十堰市人民政府办公室", "2019年4月8日"],
  notes="issuer and date from the 落款, not the page's 发布机构 十堰市经济和信息化局 or 发布日期 2019-04-12; "
        "the gold quote is the 落款 date (the 文号 and the issuer's name occur twice on the page)")

# ── multi-document ──
q("s032", "湖北各地对首次认定的国家级专精特新小巨人分别奖多少？", "multi_doc",
  [(A, "一次性奖励60万元"), (C, "对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励30万元。")],
  ["60万元", "30万元"], first=[A, C], deadline="2027-01-20 open")
q("s033", "智能化改造补助哪个地方给得最多？", "multi_doc",
  [(A, "单个项目最高400万元"), (C, "单个项目最高不超过150万元"), (D, "单个项目最高不超过300万元")],
  ["400万元"], first=[A], notes="宜昌 400 (in force) first; 荆州 150 window closed; 十堰 300 expired 2021-12-31")
q("s034", "引进高级技师的补贴，宜昌和十堰分别是怎么规定的？", "multi_doc",
  [(A, "每人每月给予800元岗位补贴"), (D, "对智能制造装备企业引进的高级技师，按每人每月1500元给予生活津贴，期限2年。")],
  ["800元", "1500元"], first=[A], must_say=["已失效"], notes="十堰's 1500元 expired 2021-12-31")

# ── English / Traditional ──
q("s035", "What is the yearly cap of Hubei's provincial R&D post-subsidy for intelligent equipment companies?",
  "english", [(B, "单个企业每年最高不超过三百万元")], ["三百万元"], lang="en")
q("s036", "How much is the new-to-scale award in the Jingzhou Economic and Technological Development Zone, "
  "and is the application window still open?",
  "english", [(C, "对首次纳入规模以上工业企业统计的企业，给予一次性奖励8万元。"),
              (C, "第二批：企业培育类和人才支持类项目，申报时间为2026年12月1日至2027年1月20日。")],
  ["8万元"], lang="en", deadline="2027-01-20 open")
q("s037", "宜昌市智能化技術改造補助最高多少？", "traditional",
  [(A, "单个项目最高400万元")], ["400万元"], lang="zh-Hant")
q("s038", "荊州開發區新引進本科畢業生每月生活補貼多少？", "traditional",
  [(C, "按每人每月1000元给予生活补贴，补贴期限最长24个月。")], ["1000元"], lang="zh-Hant",
  deadline="2027-01-20 open")

# ── unanswerable: topic near a document, detail not stated ──
U = dict(answerable=False, category="unanswerable")
q("s039", "宜昌的技改补助批下来以后多久能到账？", quotes=[(A, "具体申报时间以当年申报通知为准")],
  notes="no document says when money is paid", **U)
q("s040", "荆州开发区的工业机器人补贴每台最高补多少？",
  quotes=[(C, "按机器人购置价格的10%给予补贴，每家企业每年最高不超过50万元")],
  notes="only a per-company yearly cap is stated, no per-unit cap", **U)
q("s041", "省研发费用后补助的专家评审一般在几月份？", quotes=[(B, "组织专家评审，按程序公示后拨付资金")],
  notes="no month is stated", **U)
q("s042", "荆州开发区对首次认定为国家高新技术企业的奖励是多少？",
  quotes=[(C, "对首次认定为省级专精特新中小企业的，给予一次性奖励10万元")],
  notes="the guide has no 高新技术企业 item; 宜昌's 15万元 does not apply to 荆州", **U)
q("s043", "十堰2019年意见里的机器人补贴对企业营收有没有要求，要多少？",
  quotes=[(D, "企业购置工业机器人用于汽车零部件生产的，每台给予2万元补贴")],
  notes="no revenue threshold stated for the robot item", **U)
q("s044", "Does the Yichang implementation rules give land-use or rent support to intelligent equipment companies?",
  quotes=[(A, "第四条　市级财政对符合条件的企业按下表标准给予支持。")], lang="en",
  notes="no land or rent item in the 宜昌 细则", **U)
q("s045", "宜昌高新区的配套奖励要单独向高新区提交申请表吗？",
  quotes=[(A, "宜昌高新区管委会另按市级支持金额的50%给予配套奖励")],
  notes="the 细则 does not say how the matching award is applied for", **U)

# ── out of scope ──
q("s046", "宜昌三峡大坝旅游门票现在多少钱？", "out_of_scope", [], answerable=False)
q("s047", "黄石市的公积金贷款额度最高是多少？", "out_of_scope", [], answerable=False)

QUESTIONS.write(Path(__file__).resolve().parent)
