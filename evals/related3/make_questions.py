"""Write questions.jsonl from the hand-written questions below (run after editing; then validate.py).

Each call gives the question, its category, the (doc, verbatim quote) pairs that answer it in the
order they should be cited, and the key facts a correct answer contains. The validity notices
expected follow from the documents' labelled windows (WIN). Written blind on 2026-12-01.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.gold import Questions

N = "miit-ndrc-mof-2026-ime-digital-transformation-pilot-notice"
X = "xiaogan-xiaonan-2025-ime-several-policies"
H = "huanggang-2023-ime-cluster-implementation-plan"
S = "suizhou-2027-ime-special-fund-declaration-notice"
Q = "suizhou-2027-ime-special-fund-policy-qa"
P = "hubei-2014-intelligent-equipment-action-plan"
WIN = {X: "in_force 2025-07-01—2028-06-30", H: "expired 2025-12-31", P: "expired 2017-12-31"}
QUESTIONS = Questions(WIN)
q = QUESTIONS.add


NAT_DEADLINE = "2027-01-15 open"
SZ_WINDOW = "2027-03-01—2027-04-30 not_yet_open"

# ── N. national 三部门 通知 + 附件1 申报指南 (txt) ──
q("t001", "国家那个智能装备数字化转型揭榜攻关项目，入选了能补多少钱？", "amount",
  [(N, "中央财政按项目核定总投资的15%给予一次性补助，单个项目补助不超过3000万元")], ["15%", "3000万元"],
  notes="the amount is in 附件1 三、（一）, far from the notice body")
q("t002", "揭榜攻关对企业营收和研发投入有啥硬杠杠？是不是得是高企？", "threshold",
  [(N, "上年度营业收入不低于3亿元，研发费用占营业收入比例不低于4%"), (N, "为有效期内的国家高新技术企业")],
  ["3亿元", "4%", "国家高新技术企业"], notes="multi-part: revenue, R&D ratio and certification")
q("t003", "三部委这个揭榜攻关申报截止到哪天？现在报还来得及吗？", "deadline",
  [(N, "请各省级主管部门于2027年1月15日前将推荐文件")], ["2027年1月15日"], deadline=NAT_DEADLINE,
  notes="open on 2026-12-01; the date is the provincial recommendation deadline (企业 apply via the province)")
q("t004", "首版次工业软件推广应用那一类，现在还能报吗？", "deadline",
  [(N, "申报已于2026年9月30日截止，本次不再受理")], ["2026年9月30日"], must_say=["截止"],
  deadline="2026-09-30 closed", notes="closed under another 文号 (205号); the notice's own deadline does not apply")
q("t005", "工信厅联装函〔2026〕318号是哪几个部门一起发的？什么时候发的？", "issuer",
  [(N, "财政部办公厅\n2026年11月6日")],
  ["工业和信息化部办公厅", "国家发展改革委办公厅", "财政部办公厅", "2026年11月6日"],
  notes="three offices on one 落款 line")
q("t006", "揭榜攻关能组联合体一起报吗？牵头的单位有没有额外的钱？最多几家？", "amount",
  [(N, "联合体牵头单位另可获得不超过500万元的协同攻关补助"), (N, "联合体成员不超过5家")], ["500万元", "5家"])
q("t007", "For the national 2026 digital-transformation 'open competition' (揭榜攻关) projects, what is the "
  "deadline and is it still open?", "english",
  [(N, "请各省级主管部门于2027年1月15日前将推荐文件")], ["2027"], lang="en", deadline=NAT_DEADLINE)
q("t008", "申报揭榜攻关项目要准备哪些材料？", "procedure",
  [(N, "提供营业执照、上年度审计报告、高新技术企业证书及项目投资证明材料")], ["营业执照", "审计报告"])

# ── X. 孝南区 若干政策 (pdf, Chinese numerals) ──
q("t009", "孝南区的企业搞智能化改造，区里怎么补？最多给多少？", "amount",
  [(X, "按设备投资额的百分之二十给予补助、最高不超过二百万元")], ["百分之二十", "二百万元"])
q("t010", "孝南那个智能化改造补助，设备得投多少才够格？", "threshold",
  [(X, "当年设备投资额达到五百万元以上")], ["五百万元"])
q("t011", "在孝南，一家企业一年从这个若干政策里总共最多能拿多少？", "amount",
  [(X, "每家企业每年累计享受本政策奖补资金不超过三百万元")], ["三百万元"], notes="a total cap over all items")
q("t012", "孝南区的研发奖励看的是研发占比还是研发费用多少？门槛是多少？", "threshold",
  [(X, "上年度研发费用达到一千万元以上的企业，按上年度研发费用的百分之五给予奖励")], ["一千万元", "百分之五"])
q("t013", "我们在孝南，员工80个人，今年新增了30个岗位，能拿稳岗扩岗奖励吗？", "threshold",
  [(X, "年末从业人员不少于一百人、且当年净增就业岗位二十个以上的企业")], ["一百人"],
  notes="80 < 一百人: no, although 30 ≥ 二十")
q("t014", "孝南的标准化厂房租金补贴，是不是孝南区所有企业都能享受？补多少？", "threshold",
  [(X, "入驻孝南经济开发区标准化厂房的智能装备企业，按每平方米每月五元给予租金补贴")], ["孝南经济开发区", "五元"],
  notes="zone-only item inside a district document")
q("t015", "孝南政发〔2025〕6号有效期多久？从哪天开始？", "validity",
  [(X, "自2025年7月1日起施行，有效期三年")], ["2025年7月1日", "三年"], must_say=["有效"])
q("t016", "孝南区首次认定省级专精特新和国家级小巨人，分别奖多少？", "amount",
  [(X, "对首次认定为省级专精特新中小企业的，奖励二十万元"),
   (X, "对首次认定为国家级专精特新“小巨人”企业的，奖励五十万元")],
  ["二十万元", "五十万元"])
q("t017", "孝南區新認定為省級企業技術中心的，一次性獎勵多少錢？", "traditional",
  [(X, "对新认定为省级企业技术中心的企业，一次性奖励三十万元")], ["三十万元"], lang="zh-Hant")
q("t018", "孝南那个若干政策现在还有效吗？2028年下半年还能用吗？", "validity",
  [(X, "自2025年7月1日起施行，有效期三年")], ["有效期三年"], must_say=["有效"],
  notes="in force until 2028-06-30: not in the second half of 2028")

# ── H. 黄冈 实施方案 2023—2025 (html, expired) ──
q("t019", "黄冈2023年出的智能装备产业集群实施方案现在还管用吗？", "validity",
  [(H, "本方案自印发之日起实施，执行至2025年12月31日")], ["2025年12月31日"], must_say=["失效"],
  notes="the page's 有效性：有效 row is wrong")
q("t020", "黄冈的技改补助以前按多少比例补？现在还能申请吗？", "amount",
  [(H, "由市级财政按设备投资额的8%给予补助，单个项目不超过300万元")], ["8%", "300万元", "2025年12月31日"],
  must_say=["失效"])
q("t021", "黄政办发〔2023〕12号是哪个单位印发的？哪天印发的？", "issuer",
  [(H, "黄冈市人民政府办公室\n2023年4月18日")], ["黄冈市人民政府办公室", "2023年4月18日"],
  notes="not the 网站管理中心 of the metadata table, not the 发布日期 2023-05-06")
q("t022", "黄冈高新区新建投产的智能装备项目有投资奖励吗？多少？", "amount",
  [(H, "按固定资产投资额的3%给予一次性奖励，最高不超过150万元")], ["3%", "150万元"], must_say=["失效"])
q("t023", "黃岡的智能裝備產業集群方案裡，首台（套）獎勵最高多少？現在還有效嗎？", "traditional",
  [(H, "按产品单价的20%给予奖励，单个产品不超过200万元")], ["20%", "200万元"], lang="zh-Hant")

# ── S. 随州 申报通知 (docx, 2-column table, window not yet open) ──
q("t024", "随州2027年度智能装备专项资金啥时候开始报？现在能交材料吗？", "deadline",
  [(S, "网上申报系统于2027年3月1日开放，申报截止时间为2027年4月30日")], ["2027年3月1日", "2027年4月30日"],
  deadline=SZ_WINDOW, notes="not yet open on 2026-12-01")
q("t025", "随州新认定的市级智能工厂和数字化车间各奖多少？", "amount",
  [(S, "对当年新认定的市级智能工厂，一次性奖励80万元"), (S, "对当年新认定的市级数字化车间，一次性奖励30万元")],
  ["80万元", "30万元"], deadline=SZ_WINDOW)
q("t026", "随州这次专项资金申报，对企业规模、营收和员工人数有什么要求？", "threshold",
  [(S, "上年度营业收入不低于5000万元，且年末从业人员不少于50人"), (S, "具有独立法人资格的规模以上工业企业")],
  ["5000万元", "50人", "规模以上"])
q("t027", "随州首台套奖励怎么算？产品要满足什么条件？", "amount",
  [(S, "按首台（套）装备单台售价的10%给予奖励，单个企业最高不超过100万元"),
   (S, "产品还须列入省级首台（套）重大技术装备目录")],
  ["10%", "100万元", "省级首台（套）重大技术装备目录"], first=[S, Q])
q("t028", "随经信函〔2026〕41号的纸质材料交给谁？随州高新区的企业呢？", "procedure",
  [(S, "将纸质材料一式两份报送所在县（市、区）经信部门"), (S, "随州高新区企业报送随州高新区经发局")],
  ["经信部门", "随州高新区经发局"], first=[S, Q])
q("t029", "Suizhou 2027 special fund: how much is the one-off award for a first-time high-tech enterprise, "
  "and can we apply right now?", "english",
  [(S, "对首次通过高新技术企业认定的企业，给予一次性奖励20万元"), (S, "网上申报系统于2027年3月1日开放")],
  ["20万元", "2027"], lang="en", deadline=SZ_WINDOW)

# ── Q. 随州 政策问答 (md) ──
q("t030", "我们去年已经评上随州市级智能工厂了，今年还能再拿奖励吗？", "interpretation",
  [(Q, "智能工厂和数字化车间奖励只面向当年新认定的项目，以往年度已认定的不再重复奖励")], ["当年新认定"], first=[Q, S])
q("t031", "我们是随州一家非规上的小微企业，这次智能装备专项资金能报吗？", "interpretation",
  [(Q, "本次申报对象为规模以上工业企业，非规上企业暂不纳入本年度支持范围")], ["规模以上"], first=[Q, S])

# ── multi-document, year covered, 文号 ──
q("t032", "首台套奖励，随州和黄冈各是什么标准？哪个现在还有效？", "multi_doc",
  [(S, "按首台（套）装备单台售价的10%给予奖励，单个企业最高不超过100万元"),
   (H, "按产品单价的20%给予奖励，单个产品不超过200万元")], ["10%", "100万元", "20%", "200万元"], must_say=["失效"])
q("t033", "新认定省级企业技术中心，孝南和黄冈各奖多少？", "multi_doc",
  [(X, "对新认定为省级企业技术中心的企业，一次性奖励三十万元"),
   (H, "对新认定为省级企业技术中心的智能装备企业，市级财政给予一次性奖励40万元")],
  ["三十万元", "40万元"], must_say=["失效"])
q("t034", "2024年黄冈的智能装备企业做技改能拿什么补助？", "year_covered",
  [(H, "由市级财政按设备投资额的8%给予补助，单个项目不超过300万元")], ["8%", "300万元"],
  notes="2024 lies inside the plan's period: answer, and say it has since expired")
q("t035", "2027年随州智能装备专项资金里，引进博士有什么补贴？", "year_covered",
  [(S, "企业全职引进博士研究生的，每人给予一次性安家补贴5万元")], ["5万元"], deadline=SZ_WINDOW)
q("t036", "孝南区支持智能装备制造业那个若干政策，文号是多少？谁发的？", "doc_number",
  [(X, "孝南政发〔2025〕6号")], ["孝南政发〔2025〕6号", "孝感市孝南区人民政府"])

# ── unanswerable: topic near a document, detail not stated ──
U = dict(answerable=False, category="unanswerable")
q("t037", "孝南区智能化改造补助批下来以后多久能到账？",
  quotes=[(X, "区经济商务和信息化局会同区财政局每年组织申报，具体时间另行通知")], notes="no payment time stated", **U)
q("t038", "揭榜攻关项目的评审结果一般什么时候公布？",
  quotes=[(N, "项目实施期一般不超过3年，实施期满后组织验收")], notes="no result date stated", **U)
q("t039", "随州首台套奖励对企业研发投入占比有没有要求？要多少？",
  quotes=[(S, "产品还须列入省级首台（套）重大技术装备目录")], notes="no R&D ratio condition", **U)
q("t040", "黄冈高新区那个投资奖励，对项目投资额有没有最低门槛？",
  quotes=[(H, "对黄冈高新区内新建投产的智能装备项目")], notes="no minimum investment stated", **U)
q("t041", "Does the Xiaonan district policy give any settling-in subsidy for hiring PhD researchers?",
  quotes=[(X, "支持稳岗扩岗")], lang="en", notes="no PhD item in 孝南 (随州's 5万元 does not apply)", **U)
q("t042", "孝南区首次认定为高新技术企业的奖励是多少？",
  quotes=[(X, "对首次认定为省级专精特新中小企业的，奖励二十万元")],
  notes="孝南 has no 高企 item; 随州's 20万元 does not apply to 孝南", **U)

# ── out of scope ──
q("t043", "随州编钟博物馆周一开门吗？", "out_of_scope", [], answerable=False)

QUESTIONS.write(Path(__file__).resolve().parent)
