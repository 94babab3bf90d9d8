"""Write questions.jsonl from the hand-written questions below (run after editing; then validate.py).

A DEVELOPMENT library (session 7, brief EV), written before reading the assistant's retrieval, answering
or lexicon code: questions as company staff type them (amounts, thresholds, deadlines, materials, procedure,
contact, which 专题/方向, one list item, comparisons across documents, follow-ups, English, Traditional) over
shapes the other sets lack (a 30-条 细则 of near-identical 条, a notice whose substance is a 附件 table, a 问答
citing 条 numbers, a national 指南 of 专题, a news page, a 附表, English and Traditional versions), and
questions that must abstain NEAR a document.
Each call: question, category, the (doc, verbatim quote) pairs that answer it in citation order, key facts.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.gold import Questions

X = "xianning-2026-manufacturing-fund-implementation-rules"
XQ = "xianning-2026-manufacturing-fund-rules-qa"
R = "most-2026-intelligent-robot-key-project-guide"
H = "hubei-2026-industrial-internet-fund-notice"
C = "chibi-2026-equipment-manufacturing-news"
T = "xiantao-2026-intelligent-upgrade-measures"
TE = "xiantao-2026-intelligent-upgrade-measures-en"
TH = "xiantao-2026-intelligent-upgrade-measures-hant"
TT = [T, TH, TE]
WIN = {X: "in_force 2026-05-01—2029-04-30", T: "in_force 2026-04-01—2028-12-31",
       TE: "in_force 2026-04-01—2028-12-31", TH: "in_force 2026-04-01—2028-12-31"}
QUESTIONS = Questions(WIN)
q = QUESTIONS.add


def follow(history: list[tuple[str, str]]) -> None:
    """Give the question just added the earlier turns of its conversation."""
    QUESTIONS.rows[-1]["history"] = [{"role": r, "content": c} for r, c in history]


# ── X. 咸宁 实施细则: 30 条, near-identical 条 that differ in one amount or condition ──
q("e001", "咸宁技改项目设备投资5000万，补助比例多少，最多补多少", "amount",
  [(X, "按设备投资额的6%给予补助，单个项目最高不超过300万元")], ["6%", "300万元"])
q("e002", "咸宁这边设备投资1.5亿的技改项目最高能补多少钱", "amount",
  [(X, "按设备投资额的8%给予补助，单个项目最高不超过800万元")], ["800万元"])
q("e003", "咸宁设备投资两千万的技改能补多少", "amount",
  [(X, "按设备投资额的5%给予补助，单个项目最高不超过100万元")], ["5%", "100万元"], first=[X, XQ])
q("e004", "咸宁评上国家级专精特新小巨人奖多少", "amount",
  [(X, "对首次被认定为国家级专精特新“小巨人”企业的，给予一次性奖励100万元")], ["100万元"])
q("e005", "咸宁省级专精特新中小企业奖励多少钱？", "amount",
  [(X, "对首次被认定为省级专精特新中小企业的，给予一次性奖励20万元")], ["20万元"])
q("e006", "咸宁对国家级单项冠军企业奖多少钱", "amount",
  [(X, "对首次被认定为国家级制造业单项冠军企业的，给予一次性奖励200万元")], ["200万元"])
q("e007", "咸宁省级制造业单项冠军奖励标准", "amount",
  [(X, "对首次被认定为省级制造业单项冠军企业的，给予一次性奖励50万元")], ["50万元"])
q("e008", "咸宁企业营收第一次突破50亿奖多少", "amount",
  [(X, "首次突破50亿元的，给予一次性奖励80万元")], ["80万元"])
q("e009", "咸宁新进规上的企业有奖励吗", "amount",
  [(X, "对当年新纳入规模以上工业统计的企业，给予一次性奖励10万元")], ["10万元"])
q("e010", "咸宁融资租赁设备的贴息怎么算", "amount",
  [(X, "按实际支付租赁利息的50%给予贴息，单个企业每年最高不超过50万元，贴息期限不超过2年")], ["50%"], first=[X, XQ])
q("e011", "咸宁买首台套重大技术装备补助比例是多少", "amount",
  [(X, "企业购置首台（套）重大技术装备的，按购置金额的10%给予补助，单台（套）最高不超过200万元")], ["10%", "200万元"])
q("e012", "咸宁新认定的市级智能工厂奖励多少", "amount",
  [(X, "对新认定的市级智能工厂，给予一次性奖励60万元")], ["60万元"])
q("e013", "咸宁企业获评国家级智能制造示范工厂奖多少", "amount",
  [(X, "对获评国家级智能制造示范工厂的企业，给予一次性奖励300万元")], ["300万元"])
q("e014", "咸宁买工业软件的补贴一年最多多少", "amount",
  [(X, "按实际支付费用的20%给予补助，单个企业每年最高不超过30万元")], ["30万元"], first=[X, XQ])
q("e015", "咸宁建成5G全连接工厂有奖励吗，多少", "amount",
  [(X, "对新建成5G全连接工厂的企业，给予一次性奖励50万元")], ["50万元"])
q("e016", "数字化转型服务商给咸宁企业做诊断，补助标准是什么", "amount",
  [(X, "按每家企业2万元的标准给予服务商补助，每个服务商每年最高不超过40万元")], ["2万元"])
q("e017", "咸宁专项资金申报要交哪些材料", "materials",
  [(X, "（一）专项资金申请表；"), (X, "（四）设备购置合同、发票及付款凭证；"), (X, "（六）企业信用承诺书。")],
  ["申请表", "信用承诺书"])
q("e018", "咸宁专项资金县里初审完什么时候报到市经信局", "deadline",
  [(X, "于每年4月30日前报市经信局")], ["4月30日"])
q("e019", "咸宁专项资金评审结果公示几天？公示完多久拨钱？", "multi_part",
  [(X, "公示期为7个工作日"), (X, "由市财政局在30个工作日内将资金拨付至企业")], ["7个工作日", "30个工作日"],
  first=[X, XQ])
q("e020", "一个企业一年最多能拿多少咸宁专项资金", "amount",
  [(X, "同一企业同一年度获得专项资金支持总额最高不超过1000万元")], ["1000万元"], first=[X, XQ])
q("e021", "咸宁专项资金弄虚作假会怎么处理", "procedure",
  [(X, "5年内不再受理其专项资金申请")], ["5年"])
q("e022", "咸宁这个专项资金细则有效期到什么时候", "validity",
  [(X, "本细则自2026年5月1日起施行，有效期至2029年4月30日")], ["2029年4月30日"])
q("e023", "咸宁新细则出来后废止了哪个文件", "validity",
  [(X, "《咸宁市工业技术改造专项资金管理办法》（咸政办发〔2022〕6号）同时废止")], ["咸政办发〔2022〕6号"],
  first=[X, XQ])
q("e024", "咸宁专项资金有问题打哪个电话", "contact",
  [(X, "市经信局产业发展科　0715-8126401")], ["0715-8126401"])
q("e025", "咸宁的技改补助，项目要什么时候开工的才行", "threshold",
  [(X, "技术改造项目须在2025年1月1日以后开工，并在申报时已竣工投产")], ["2025年1月1日"])
q("e026", "咸宁专项资金细则由哪个部门负责解释", "issuer",
  [(X, "本细则由市经信局、市财政局负责解释")], ["市财政局"])
q("e027", "咸宁专项资金一般每年几月份申报", "deadline",
  [(X, "原则上每年3月受理上年度项目")], ["3月"])
q("e028", "咸宁规上企业连续三年保持规上还有奖励吗", "amount",
  [(X, "连续三年保持规模以上的，再给予5万元奖励")], ["5万元"])
q("e029", "咸宁市级数字化车间奖多少", "amount",
  [(X, "对新认定的市级数字化车间，给予一次性奖励30万元")], ["30万元"])
q("e030", "咸宁的企业评上省级智能工厂，市里配套多少", "amount",
  [(X, "在省级奖励基础上按1:0.5给予配套奖励")], ["1:0.5"])

# ── XQ. 政策问答 whose answers refer back to 条 numbers ──
q("e031", "我们注册在通山县，能申报咸宁市的制造业专项资金吗", "interpretation",
  [(XQ, "通山县等县（市、区）的企业按属地原则申报")], ["属地原则"], first=[XQ, X])
q("e032", "设备投资2500万的技改项目，按咸宁细则最多补多少", "interpretation",
  [(XQ, "因此最多补助100万元")], ["100万元"], first=[XQ, X])
q("e033", "营收首次突破10亿的奖励是给企业还是给个人", "interpretation",
  [(XQ, "奖励发给企业经营团队，而不是企业本身")], ["企业经营团队"], first=[XQ, X])
q("e034", "已经拿过咸宁省级专精特新奖励了，升成国家级小巨人还能再拿吗", "interpretation",
  [(XQ, "企业晋级为国家级专精特新“小巨人”的，可再申请第十二条的奖励")], ["可再申请"], first=[XQ])
q("e035", "咸宁软件补助跨年度付的钱怎么算", "interpretation",
  [(XQ, "跨年度支付的费用分别计入支付当年")], ["支付当年"], first=[XQ])
q("e036", "咸宁原来那个技改办法现在还能用吗", "validity",
  [(XQ, "2026年5月1日以后申报的项目一律按新细则执行")], ["2026年5月1日"], first=[XQ, X])

# ── R. national 指南 with 专题 (支持内容 / 考核指标 / 实施期限) ──
q("e037", "智能机器人重点专项今年一共安排多少国拨经费", "amount",
  [(R, "拟安排国拨经费概算4.2亿元")], ["4.2亿元"])
q("e038", "重点专项里谐波减速器那个方向每个项目国拨多少钱", "amount",
  [(R, "每个项目国拨经费不超过3000万元")], ["3000万元"])
q("e039", "谐波减速器与伺服驱动一体化关节的考核指标是什么", "which_topic",
  [(R, "减速器传动精度优于20弧秒，关节模组额定寿命不低于10000小时，形成年产5万套的生产能力")], ["20弧秒"])
q("e040", "机器人控制器与操作系统这个方向对配套经费比例有啥要求", "threshold",
  [(R, "其他经费与国拨经费比例不低于1:1")], ["1:1"])
q("e041", "汽车焊装总装机器人示范应用项目实施期限几年", "which_topic",
  [(R, "实施期限：2年")], ["2年"])
q("e042", "汽车焊装示范生产线对国产机器人占比有什么要求", "threshold",
  [(R, "示范生产线国产机器人占比不低于70%")], ["70%"])
q("e043", "智能机器人重点专项网上填报什么时候截止", "deadline",
  [(R, "网上填报预申报书的受理时间为2026年11月20日8:00至2026年12月31日16:00")], ["2026年12月31日"])
q("e044", "重点专项项目牵头单位加参与单位最多几家", "threshold",
  [(R, "项目牵头申报单位和项目参与单位不超过6家")], ["6家"])
q("e045", "申报智能机器人重点专项，单位注册时间有要求吗", "threshold",
  [(R, "注册时间为2025年6月30日前")], ["2025年6月30日"])
q("e046", "灵巧操作那个专题灵巧手自由度要达到多少", "which_topic",
  [(R, "灵巧手自由度不少于20个")], ["20个"])
q("e047", "医疗康复机器人方向要拿几个医疗器械注册证", "which_topic",
  [(R, "取得医疗器械注册证不少于2项")], ["2项"])
q("e048", "智能机器人重点专项技术问题咨询电话是多少", "contact",
  [(R, "科技部高技术研究发展中心　010-88651234")], ["010-88651234"])
q("e049", "今年智能机器人重点专项有几个技术方向、几个指南任务", "multi_part",
  [(R, "拟围绕基础前沿技术、共性关键技术、示范应用3个技术方向，启动6个指南任务")], ["3个", "6个"])
q("e050", "什么情况下重点专项的申报不予受理", "procedure",
  [(R, "项目申报单位在截止时间后提交、申报材料不齐全或项目负责人同期主持国家重点研发计划项目超过1项的，不予受理")],
  ["不予受理"])
q("e051", "类脑智能控制方向每个项目最多给多少经费", "amount",
  [(R, "每个项目国拨经费不超过1500万元")], ["1500万元"])
q("e052", "整车企业牵头的机器人示范项目，自筹经费要多少比例", "threshold",
  [(R, "由整车企业牵头申报，其他经费与国拨经费比例不低于3:1")], ["3:1"])

# ── H. 省 通知 whose substance is its 附件1 table (支持方向 | 支持标准 | 申报条件) ──
q("e053", "省工业互联网专项，标识解析二级节点补多少", "amount",
  [(H, "按项目投资额的30%给予奖补，最高不超过500万元")], ["30%", "500万元"])
q("e054", "工业互联网平台申报省专项要满足什么条件", "threshold",
  [(H, "平台连接工业设备不少于5万台（套），服务企业不少于200家")], ["5万台"])
q("e055", "5G+工业互联网项目总投资要多少才能报省里的专项", "threshold",
  [(H, "项目总投资不低于1000万元，已完成5G专网部署")], ["1000万元"])
q("e056", "中小企业数字化改造试点对企业营收有什么要求", "threshold",
  [(H, "上年度主营业务收入在2000万元至4亿元之间的中小企业")], ["2000万元", "4亿元"])
q("e057", "中小企业数字化改造试点最多补多少", "amount",
  [(H, "按改造投入的20%给予奖补，最高不超过50万元")], ["50万元"])
q("e058", "工业互联网安全防护项目的奖补标准", "amount",
  [(H, "按项目投资额的15%给予奖补，最高不超过100万元")], ["15%", "100万元"])
q("e059", "省工业互联网专项，市州经信局初审截止到哪天", "deadline",
  [(H, "请各地经信部门于2026年12月20日前完成初审")], ["2026年12月20日"])
q("e060", "工业互联网专项一个企业能报几个项目", "threshold",
  [(H, "每个企业限报1个项目")], ["1个项目"])
q("e061", "申报省工业互联网专项资金要准备哪些材料", "materials",
  [(H, "（一）项目申报书；（二）项目投资发票及支付凭证；（三）上年度财务审计报告；（四）项目建设成效证明材料。")],
  ["项目申报书", "审计报告"])
q("e062", "工业互联网专项申报找谁咨询", "contact",
  [(H, "省经信厅信息化推进处　张工　027-87651188")], ["027-87651188"])
q("e063", "鄂经信信发〔2026〕52号是哪天发的", "issuer",
  [(H, "湖北省经济和信息化厅\n2026年10月20日")], ["2026年10月20日"])
q("e064", "工业互联网专项的项目要什么时候以后开工的", "threshold",
  [(H, "项目应于2024年1月1日以后开工建设")], ["2024年1月1日"])

# ── C. a news report page (plain paragraphs, page chrome) ──
q("e065", "赤壁技改补助门槛现在是多少", "threshold",
  [(C, "现在降到300万元，按设备投资额的7%给予补助，单个项目最多可以拿到150万元")], ["300万元"])
q("e066", "赤壁装备制造企业新引进博士有什么补贴", "amount",
  [(C, "装备制造企业新引进的博士研究生，每人每年给予3万元生活补贴，连续发放3年")], ["3万元"])
q("e067", "赤壁新引进的装备制造项目奖励怎么算", "amount",
  [(C, "按实际固定资产投资的3%给予奖励，最高不超过600万元")], ["3%", "600万元"])
q("e068", "赤壁对认定为省级首台套的产品再奖多少", "amount",
  [(C, "市财政再给予30万元奖励")], ["30万元"])
q("e069", "赤壁十条措施在哪申报，电话多少", "contact",
  [(C, "企业可登录赤壁市政务服务网“惠企政策”专栏在线申报，也可拨打市经信局服务专线0715-5221890咨询")],
  ["0715-5221890"])
q("e070", "赤壁装备制造十条措施什么时候开始施行，管几年", "validity",
  [(C, "十条措施自2026年9月1日起施行，有效期3年")], ["2026年9月1日", "3年"])

# ── T. 仙桃 措施 with a 附表 of amounts (and its English and Traditional versions) ──
q("e071", "仙桃智能化改造项目补多少", "amount",
  [(T, "按投资额的10%给予补助，单个项目最高不超过200万元")], ["10%", "200万元"], first=TT)
q("e072", "仙桃买工业机器人每台补多少钱", "amount",
  [(T, "按每台8000元给予补助，单个企业每年最高不超过80万元")], ["8000元"], first=TT)
q("e073", "仙桃中小企业上云一年最多补多少", "amount",
  [(T, "按实际支付费用的30%给予补助，每家企业每年最高不超过5万元")], ["5万元"], first=TT)
q("e074", "仙桃市级智能制造示范工厂奖多少", "amount",
  [(T, "对新认定的市级智能制造示范工厂给予一次性奖励50万元")], ["50万元"], first=TT)
q("e075", "仙桃智能化改造补助每年什么时候申报", "deadline",
  [(T, "申报时间为每年6月1日至6月30日")], ["6月30日"], first=TT)
q("e076", "仙桃的智能制造解决方案服务商要满足什么条件才有奖励", "threshold",
  [(T, "年服务本市企业营业收入达到500万元的，给予一次性奖励20万元")], ["500万元"], first=TT)

# ── comparisons across documents ──
q("e077", "咸宁和仙桃对市级智能工厂（示范工厂）分别奖多少", "comparison",
  [(X, "对新认定的市级智能工厂，给予一次性奖励60万元"), (T, "对新认定的市级智能制造示范工厂给予一次性奖励50万元")],
  ["60万元", "50万元"], first=[X, T, TH])
q("e078", "咸宁的软件补助和仙桃的上云补助，比例分别是多少", "comparison",
  [(X, "按实际支付费用的20%给予补助，单个企业每年最高不超过30万元"),
   (T, "按实际支付费用的30%给予补助，每家企业每年最高不超过5万元")], ["20%", "30%"], first=[X, T, TH])
q("e079", "设备投资2000万的技改项目，咸宁和赤壁补助比例各是多少", "comparison",
  [(X, "按设备投资额的5%给予补助，单个项目最高不超过100万元"),
   (C, "现在降到300万元，按设备投资额的7%给予补助，单个项目最多可以拿到150万元")], ["5%", "7%"], first=[X, C, XQ])
q("e080", "国家层面关于机器人的项目申报指南是哪个", "which_doc",
  [(R, "“智能机器人与高端装备”重点专项2026年度项目申报指南（虚构测试文档）")], ["智能机器人与高端装备"])

# ── follow-ups ──
q("e081", "那1亿元以上的呢？", "followup",
  [(X, "按设备投资额的8%给予补助，单个项目最高不超过800万元")], ["8%", "800万元"])
follow([("user", "咸宁技改项目设备投资3000万到1亿之间补多少？"),
        ("assistant", "按设备投资额的6%给予补助，单个项目最高不超过300万元。")])
q("e082", "那省级的呢", "followup",
  [(X, "对首次被认定为省级制造业单项冠军企业的，给予一次性奖励50万元")], ["50万元"])
follow([("user", "咸宁评上国家级单项冠军奖多少？"),
        ("assistant", "对首次被认定为国家级制造业单项冠军企业的，给予一次性奖励200万元。")])
q("e083", "它的考核指标是什么", "followup",
  [(R, "示范生产线国产机器人占比不低于70%，单线机器人不少于100台，设备综合效率提升15%以上")], ["70%"])
follow([("user", "重点专项里汽车焊装机器人示范每个项目国拨多少钱？"),
        ("assistant", "每个项目国拨经费不超过1800万元。")])

# ── English and Traditional Chinese ──
q("e084", "How much subsidy does Xiantao give per industrial robot purchased?", "english",
  [(TE, "Enterprises purchasing industrial robots receive 8,000 yuan per robot, "
        "up to 800,000 yuan per enterprise per year")],
  ["8"], lang="en", first=[TE, T, TH])
q("e085", "When can companies apply for Xiantao's intelligent upgrading subsidies?", "english",
  [(TE, "Applications are accepted from 1 June to 30 June each year")], ["30"], lang="en", first=[TE, T, TH])
q("e086", "In Xianning, what is the maximum subsidy for a technical upgrading project with equipment investment "
  "above 100 million yuan?", "english",
  [(X, "按设备投资额的8%给予补助，单个项目最高不超过800万元")], ["800"], lang="en")
q("e087", "What is the national funding cap per project for the harmonic reducer and servo joint task?", "english",
  [(R, "每个项目国拨经费不超过3000万元")], ["3000"], lang="en")
q("e088", "What does Hubei's industrial internet fund give for an identifier resolution secondary node?", "english",
  [(H, "按项目投资额的30%给予奖补，最高不超过500万元")], ["30%", "500"], lang="en")
q("e089", "Until when are Xiantao's intelligent upgrading measures valid?", "english",
  [(TE, "These measures take effect on 1 April 2026 and remain valid until 31 December 2028")], ["2028"], lang="en",
  first=[TE, T, TH])
q("e090", "What living allowance does Chibi give to newly recruited PhD holders?", "english",
  [(C, "装备制造企业新引进的博士研究生，每人每年给予3万元生活补贴，连续发放3年")], ["3"], lang="en")
q("e091", "仙桃工業機器人每台補助多少？", "traditional",
  [(TH, "按每台8000元給予補助，單個企業每年最高不超過80萬元")], ["8000元"], lang="zh-Hant", first=[TH, T])
q("e092", "咸寧國家級專精特新小巨人獎勵多少？", "traditional",
  [(X, "对首次被认定为国家级专精特新“小巨人”企业的，给予一次性奖励100万元")], ["100万元"], lang="zh-Hant")
q("e093", "工業互聯網平台最高獎補多少？", "traditional",
  [(H, "按平台建设投资额的20%给予奖补，最高不超过300万元")], ["300万元"], lang="zh-Hant")

# ── unanswerable NEAR a document ──
U = dict(answerable=False, category="unanswerable")
q("e094", "咸宁对国家级绿色工厂奖励多少？", quotes=[], notes="the 细则 has no green-factory item", **U)
q("e095", "嘉鱼县自己对技改有没有额外补助？", quotes=[], notes="嘉鱼县 is named in the 细则 but has no document", **U)
q("e096", "咸宁细则对引进博士人才有补贴吗？", quotes=[], notes="no talent item in 咸宁; 赤壁 (a neighbour) has one",
  **U)
q("e097", "仙桃对5G全连接工厂奖多少？", quotes=[], notes="咸宁 has this item, 仙桃 does not", **U)
q("e098", "智能机器人重点专项的青年科学家项目支持多少经费？", quotes=[], notes="no 青年科学家 project", **U)
q("e099", "省工业互联网专项资金多久能拨付到企业？", quotes=[], notes="no payment time stated", **U)
q("e100", "2025年度工业互联网专项的申报指南截止日期是哪天？", quotes=[], notes="only the 2026 notice", **U)
q("e101", "仙桃对专精特新企业奖多少？", quotes=[], notes="仙桃 has no 专精特新 item (咸宁 has)", **U)
q("e102", "国家重点研发计划增材制造重点专项申报什么时候截止？", quotes=[], notes="another 专项", **U)
q("e103", "工业互联网标识解析二级节点项目能申请贷款贴息吗？", quotes=[], notes="no 贴息 in the notice", **U)
q("e104", "赤壁十条措施对企业上市奖励多少？", quotes=[], notes="the report names no listing award", **U)
q("e105", "咸宁市级智能工厂认定要满足哪些条件？", quotes=[], notes="the 细则 gives the award, no conditions", **U)
q("e106", "潜江市有智能化改造补贴吗？", quotes=[], notes="a city without a document", **U)
q("e107", "咸宁细则对企业研发投入有奖励吗？", quotes=[], notes="no R&D item", **U)
q("e108", "Does Xiantao give an award to provincial specialised and innovative SMEs?", quotes=[], lang="en",
  notes="仙桃 has no such item", **U)

QUESTIONS.write(Path(__file__).resolve().parent)
