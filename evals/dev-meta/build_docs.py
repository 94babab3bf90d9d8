"""Write every document of evals/dev-meta/docs/ from the text held here (all FICTIONAL test material).

    .venv/bin/python evals/dev-meta/build_docs.py

A development library for document understanding (metadata, validity windows, validity notices):
the shapes real government documents come in — 红头 letterheads (single and joint), 文号 in the
letterhead / under the title / in a page's info box / missing, 落款 with one or several issuers and
印章 words, dates in Arabic, Chinese numerals and dotted form, titles over two lines, 印发 wrappers
with the policy as 附件, 转发 notices, every common validity wording, notices that extend, amend or
repeal another document, 解读 / 问答 pages, English and Traditional-Chinese versions, and the formats
.txt .md .docx .html (site chrome) .pdf (wrapped lines, page numbers, a running header).

A line may carry a layout prefix: "C:" centred (letterhead, title, 文号), "R:" flush right (落款, date),
"H:" a heading. The prefix is layout only; the text a reader sees is the line without it.
Written from general knowledge of such documents, not from the assistant's code or other gold sets.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.typeset import new_pdf, save_pdf

DOCS = Path(__file__).resolve().parent / "docs"
F = "（虚构测试文档）"
PREFIXES = ("C:", "R:", "H:")


def plain(line: str) -> str:
    return line[2:] if line.startswith(PREFIXES) else line


# ───────────── 1. 天门: red letterhead, 文号 in it, 印发 wrapper, policy as 附件, 有效期三年 ─────────────────────────
TIANMEN = [
    "C:天门市人民政府办公室文件",
    "C:天政办发〔2025〕18号",
    f"C:天门市人民政府办公室关于印发天门市支持工业机器人产业发展若干措施的通知{F}",
    "各镇人民政府、街道办事处，市政府各部门：",
    f"　　《天门市支持工业机器人产业发展若干措施{F}》已经市人民政府同意，现印发给你们，请认真贯彻执行。",
    "　　附件：天门市支持工业机器人产业发展若干措施",
    "R:天门市人民政府办公室",
    "R:2025年9月12日",
    "（此件公开发布）",
    "附件",
    f"C:天门市支持工业机器人产业发展若干措施{F}",
    "　　为加快培育工业机器人产业集群，推动制造业智能化改造，结合我市实际，制定如下措施。",
    "　　一、支持整机企业做大做强。对在天门市注册登记、"
    "上年度工业机器人整机销售收入首次突破1亿元的企业，一次性奖励50万元。",
    "　　二、支持首台（套）应用。对本市企业购置本地生产的工业机器人，"
    "按设备购置金额的15%给予补贴，单家企业每年最高不超过200万元。",
    "　　三、支持关键零部件攻关。对减速器、伺服电机、"
    "控制器等关键零部件研发项目，按研发投入的20%给予补助，最高不超过300万元。",
    "　　四、本措施由市经济和信息化局负责解释。",
    "　　五、本措施自印发之日起施行，有效期三年。",
    "天门市人民政府办公室　　　　　　　　　　2025年9月12日印发",
]

# 2. 湖北三部门 joint letterhead (.docx), 文号 under it, wrapper, 落款 of three with 印章 words, Chinese-numeral date
HB_SOFTWARE = [
    "C:湖北省经济和信息化厅",
    "C:湖北省财政厅",
    "C:湖北省科学技术厅",
    "C:文件",
    "C:鄂经信联发〔2026〕7号",
    "C:湖北省经济和信息化厅　湖北省财政厅　湖北省科学技术厅关于印发《湖北省工业软件首版次推广应用奖励实施细则》的通知",
    "各市、州、直管市、神农架林区经信局、财政局、科技局：",
    "　　为加快工业软件首版次推广应用，现将《湖北省工业软件首版次推广应用奖励实施细则》印发给你们，请遵照执行。",
    "R:湖北省经济和信息化厅（印章）",
    "R:湖北省财政厅（印章）",
    "R:湖北省科学技术厅（印章）",
    "R:二〇二六年三月五日",
    f"C:湖北省工业软件首版次推广应用奖励实施细则{F}",
    "H:第一章　总则",
    "　　第一条　为支持工业软件首版次产品推广应用，提升智能制造装备软件配套能力，制定本细则。",
    "　　第二条　本细则适用于在湖北省境内注册登记、具有独立法人资格的工业软件开发企业。",
    "H:第二章　奖励标准",
    "　　第三条　对列入省级工业软件首版次产品目录的研发设计类、生产控制类软件，"
    "按首年度销售合同金额的30%给予开发企业奖励，单个产品最高不超过300万元。",
    "　　第四条　对首次采购省内首版次工业软件的用户企业，按采购金额的10%给予补贴，单家企业最高不超过100万元。",
    "H:第三章　附则",
    "　　第五条　本细则由省经济和信息化厅会同省财政厅、省科学技术厅负责解释。",
    "　　第六条　本细则自2026年4月1日起施行，有效期至2028年12月31日。",
]

# ── 3. 夷陵区 (.pdf): letterhead, title over two lines, 有效期至 (ends in the reference month), running header ──
YILING_TITLE = ["宜昌市夷陵区关于加快智能农机装备产业", f"发展的实施意见{F}"]
YILING_HEADER = "夷陵区智能农机装备产业实施意见"
YILING = [
    "C:宜昌市夷陵区人民政府文件",
    "C:夷府发〔2024〕9号",
    *[f"C:{t}" for t in YILING_TITLE],
    "各乡镇人民政府、街道办事处，区政府各部门：",
    "　　为推动智能农机装备产业集聚发展，加快农业机械化向全程全面高质高效转型升级，"
    "经区人民政府研究，现提出如下实施意见。",
    "H:一、总体目标",
    "　　到2026年，全区智能农机装备产业规模以上企业达到20家，产业产值突破30亿元，"
    "培育一批具有核心竞争力的骨干企业和知名品牌，形成整机制造、关键零部件配套和农机社会化服务协同发展的产业生态。",
    "H:二、支持措施",
    "　　（一）支持整机研发。对在夷陵区注册登记的企业研制丘陵山区适用的智能农机整机并通过农业机械推广鉴定的，"
    "每个机型奖励20万元，单家企业每年最高不超过100万元。",
    "　　（二）支持智能化改造。对企业实施农机生产线智能化改造、"
    "设备投资额在500万元以上的项目，按设备投资额的8%给予补助，单个项目最高不超过150万元。",
    "　　（三）支持应用推广。对区内农业经营主体购置本区企业生产的北斗导航自动驾驶农机的，"
    "在国家购置补贴基础上，每台再给予0.5万元累加补贴。",
    "H:三、保障措施",
    "　　区经济商务和信息化局会同区财政局、区农业农村局建立联席会议制度，"
    "每年第一季度集中受理申报，经审核公示后拨付资金。",
    "　　本意见自印发之日起施行，有效期至2026年12月31日。",
    "R:宜昌市夷陵区人民政府",
    "R:2024年5月20日",
]

# ───── 4. 黄石 申报通知 (.html): 文号 only in the site's info box, 落款 date ≠ publishing date, deadline open ─────────
HUANGSHI = [
    f"C:黄石市经济和信息化局关于组织申报2026年度智能制造示范工厂的通知{F}",
    "各县（市、区）经信局，黄石经济技术开发区·铁山区经济发展局：",
    "　　为加快推进制造业智能化改造和数字化转型，现就组织申报2026年度黄石市智能制造示范工厂有关事项通知如下。",
    "H:一、申报条件",
    "　　申报企业应在黄石市行政区域内注册登记，为规模以上工业企业，"
    "上年度主营业务收入不低于5000万元，近三年未发生重大安全、环保事故。",
    "H:二、支持标准",
    "　　对认定为市级智能制造示范工厂的企业，一次性给予100万元奖励；"
    "对认定为市级数字化车间的企业，一次性给予30万元奖励。",
    "H:三、申报时间",
    "　　申报截止时间为2026年12月15日，逾期不予受理。",
    "H:四、联系方式",
    "　　市经济和信息化局智能制造科，联系电话：0714-0000000（虚构）。",
    "R:黄石市经济和信息化局",
    "R:2026年10月9日",
]
HUANGSHI_INFO = [("索引号", "HS-00000-2026-0033（虚构）"), ("发文机关", "黄石市经济和信息化局"),
                 ("文号", "黄石经信发〔2026〕33号"), ("发布日期", "2026-10-10")]

# ───────── 5. 恩施 转发 notice (.txt): forwards a provincial notice, its own 文号, deadline closed ─────────
ENSHI = [
    "恩施土家族苗族自治州经济和信息化局",
    "恩施州经信发〔2026〕21号",
    f"恩施州经济和信息化局关于转发《湖北省经济和信息化厅关于开展2026年度智能制造诊断服务的通知》的通知{F}",
    "",
    "各县市经信局：",
    "　　现将《湖北省经济和信息化厅关于开展2026年度智能制造诊断服务的通知》（鄂经信智造〔2026〕30号）转发给你们，"
    "请结合实际认真组织实施。",
    "　　一、请各县市组织辖区内规模以上装备制造企业报名参加免费智能制造诊断服务，每县市推荐企业不少于5家。",
    "　　二、请于2026年11月20日前将推荐企业名单报州经信局产业科。",
    "　　附件：湖北省经济和信息化厅关于开展2026年度智能制造诊断服务的通知",
    "",
    "恩施土家族苗族自治州经济和信息化局",
    "2026年8月3日",
]

# ───────── 6. 解读 of 2 (.md): 问：/答：, names 2's 文号, no own number ─────────
HB_SOFTWARE_QA = [
    f"# 《湖北省工业软件首版次推广应用奖励实施细则》政策解读{F}",
    "",
    "发布机构：湖北省经济和信息化厅　　发布时间：2026-03-10",
    "",
    "近日，省经济和信息化厅、省财政厅、"
    "省科学技术厅联合印发《湖北省工业软件首版次推广应用奖励实施细则》（鄂经信联发〔2026〕7号）。现就有关内容解读如下。",
    "",
    "问：细则出台的背景是什么？",
    "",
    "答：工业软件是智能制造装备的“大脑”。为破解首版次工业软件“不敢用、不愿用”的难题，我省制定了本细则。",
    "",
    "问：哪些企业可以申请开发奖励？",
    "",
    "答：在湖北省境内注册登记、具有独立法人资格，且产品列入省级工业软件首版次产品目录的开发企业可以申请。",
    "",
    "问：用户企业采购首版次软件能获得多少补贴？",
    "",
    "答：首次采购省内首版次工业软件的用户企业，按采购金额的10%给予补贴，单家企业最高100万元。",
]

# ───── 7/8. 孝感 measures: Chinese (.txt, 文号 under the title, Chinese-numeral date) and its English version ─────────
XIAOGAN = [
    f"孝感市支持智能传感器产业发展若干措施{F}",
    "孝政发〔2025〕14号",
    "",
    "第一条　为加快智能传感器产业发展，打造中部地区传感器产业基地，结合本市实际，制定本措施。",
    "第二条　本措施适用于在孝感市行政区域内注册登记并纳税的智能传感器及相关装备企业。",
    "第三条　对新建智能传感器生产线、固定资产投资额在2000万元以上的项目，"
    "按设备投资额的12%给予补助，单个项目最高不超过800万元。",
    "第四条　对企业新认定为国家级专精特新“小巨人”企业的，一次性奖励80万元。",
    "第五条　对传感器企业引进的博士研究生，每人每年给予3万元生活补贴，连续补贴三年。",
    "第六条　本措施由市经济和信息化局负责解释。",
    "第七条　本措施自2025年10月1日起施行，有效期三年。",
    "",
    "孝感市人民政府",
    "二〇二五年九月一日",
]
XIAOGAN_EN = [
    f"Several Measures of Xiaogan Municipality to Support the Intelligent Sensor Industry{F}",
    "Document No. 孝政发〔2025〕14号",
    "(English translation for reference; the Chinese text prevails.)",
    "",
    "Article 1 These Measures are formulated to accelerate the development of the intelligent sensor "
    "industry and build a sensor industry base in central China.",
    "Article 2 These Measures apply to intelligent sensor and related equipment enterprises registered "
    "and paying taxes in Xiaogan.",
    "Article 3 For a new intelligent sensor production line with a fixed-asset investment of more than "
    "RMB 20 million, a subsidy of 12% of the equipment investment is granted, up to RMB 8 million per project.",
    "Article 4 An enterprise newly recognised as a national specialised and sophisticated \"little giant\" "
    "receives a one-off reward of RMB 800,000.",
    "Article 5 These Measures shall be interpreted by the Xiaogan Municipal Bureau of Economy and "
    "Information Technology.",
    "Article 6 These Measures shall come into force on October 1, 2025 and remain valid for three years.",
    "",
    "Xiaogan Municipal People's Government",
    "September 1, 2025",
]

# ───── 9/10. national joint 办法 (.txt, wrapper, 同时废止 a predecessor) and its Traditional-Chinese version ─────────
NATIONAL = [
    "工业和信息化部　财政部　国家市场监督管理总局",
    "工信部联装〔2026〕88号",
    "",
    "工业和信息化部　财政部　国家市场监督管理总局关于印发《首台（套）智能装备保险补偿实施办法》的通知",
    "",
    "各省、自治区、直辖市及计划单列市、新疆生产建设兵团工业和信息化主管部门、财政厅（局）、市场监管局（厅、委）：",
    "　　现将《首台（套）智能装备保险补偿实施办法》印发给你们，请认真组织实施。",
    "",
    "工业和信息化部",
    "财政部",
    "国家市场监督管理总局",
    "2026年2月10日",
    "",
    f"首台（套）智能装备保险补偿实施办法{F}",
    "",
    "第一条　为降低首台（套）智能装备用户的使用风险，发挥保险的风险分担作用，制定本办法。",
    "第二条　本办法适用于在中华人民共和国境内注册、具有独立法人资格的首台（套）智能装备制造企业。",
    "第三条　企业为列入推广应用指导目录的首台（套）智能装备投保综合险的，"
    "中央财政按年度保险费的80%给予补偿，补偿期限原则上不超过3年。",
    "第四条　保险费率上限为3%，投保金额以装备销售合同价格为限。",
    "第五条　申报企业应在投保后于次年3月31日前通过工业和信息化部政务服务平台提交申请。",
    "第六条　本办法自2026年3月1日起施行，有效期五年。《首台（套）重大技术装备保险补偿试点工作实施办法》同时废止。",
]
NATIONAL_TW = [
    "工業和信息化部　財政部　國家市場監督管理總局",
    "工信部聯裝〔2026〕88號",
    "",
    f"首臺（套）智能裝備保險補償實施辦法{F}",
    "（繁體中文參考版本，以簡體中文正式文本為準）",
    "",
    "第一條　為降低首臺（套）智能裝備用戶的使用風險，發揮保險的風險分擔作用，制定本辦法。",
    "第二條　本辦法適用於在中華人民共和國境內註冊、具有獨立法人資格的首臺（套）智能裝備製造企業。",
    "第三條　企業為列入推廣應用指導目錄的首臺（套）智能裝備投保綜合險的，"
    "中央財政按年度保險費的80%給予補償，補償期限原則上不超過3年。",
    "第四條　保險費率上限為3%，投保金額以裝備銷售合同價格為限。",
    "第五條　本辦法自2026年3月1日起施行，有效期五年。",
    "",
    "工業和信息化部",
    "財政部",
    "國家市場監督管理總局",
    "2026年2月10日",
]

# ─────── 11/12. 十堰 试行 办法 (.docx, 试行两年 — expired by its own text) and the notice extending it (.txt) ─────────
SHIYAN = [
    f"C:十堰市智能网联汽车装备产业发展专项资金管理办法（试行）{F}",
    "C:十政办规〔2024〕3号",
    "H:第一章　总则",
    "　　第一条　为支持智能网联汽车装备产业发展，规范市级专项资金管理，制定本办法。",
    "　　第二条　本办法所称专项资金，是指市级财政预算安排，用于支持在十堰市注册登记的智能网联汽车装备企业的资金。",
    "H:第二章　支持范围和标准",
    "　　第三条　对企业新建智能网联汽车测试装备、车载智能终端生产线，"
    "设备投资额在1000万元以上的，按设备投资额的10%给予补助，最高不超过500万元。",
    "　　第四条　对企业牵头承担国家级智能网联汽车装备攻关项目的，按国家支持资金的20%给予配套，最高不超过200万元。",
    "H:第三章　附则",
    "　　第五条　本办法由市经济和信息化局、市财政局负责解释。",
    "　　第六条　本办法自2024年7月1日起试行，试行期两年。",
    "R:十堰市人民政府办公室",
    "R:2024.6.18",
]
SHIYAN_EXT = [
    "十堰市人民政府办公室文件",
    "十政办发〔2026〕15号",
    f"十堰市人民政府办公室关于延长《十堰市智能网联汽车装备产业发展专项资金管理办法（试行）》有效期的通知{F}",
    "",
    "各县市区人民政府，十堰经济技术开发区、武当山旅游经济特区管委会，市政府各部门：",
    "　　经市人民政府同意，"
    "《十堰市智能网联汽车装备产业发展专项资金管理办法（试行）》（十政办规〔2024〕3号）有效期延长至2027年12月31日。",
    "　　延长期内，各有关单位要继续按照原办法规定组织项目申报和资金拨付工作。",
    "",
    "十堰市人民政府办公室",
    "2026年6月20日",
]

# ───────── 13/14. 荆州: a revised 办法 that repeals its predecessor, and the predecessor ─────────
JINGZHOU_NEW = [
    "荆州市经济和信息化局　荆州市财政局",
    "荆经信规〔2026〕2号",
    f"荆州市智能制造装备首台（套）奖励办法（2026年修订）{F}",
    "",
    "第一条　为鼓励企业研制和应用首台（套）智能制造装备，制定本办法。",
    "第二条　对在荆州市注册登记的企业研制的装备被认定为省级首台（套）重大技术装备的，"
    "按单台（套）销售价格的15%给予奖励，最高不超过300万元。",
    "第三条　对被认定为国家级首台（套）重大技术装备的，在省级奖励标准基础上再给予100万元奖励。",
    "第四条　本办法由市经济和信息化局、市财政局负责解释。",
    "第五条　本办法自2026年6月1日起施行，有效期至2029年12月31日。"
    "《荆州市智能制造装备首台（套）奖励办法》（荆经信规〔2022〕1号）同时废止。",
    "",
    "荆州市经济和信息化局　　　荆州市财政局",
    "2026年5月8日",
]
JINGZHOU_OLD = [
    "荆州市经济和信息化局　荆州市财政局",
    "荆经信规〔2022〕1号",
    f"荆州市智能制造装备首台（套）奖励办法{F}",
    "",
    "第一条　为鼓励企业研制和应用首台（套）智能制造装备，制定本办法。",
    "第二条　对在荆州市注册登记的企业研制的装备被认定为省级首台（套）重大技术装备的，"
    "按单台（套）销售价格的10%给予奖励，最高不超过200万元。",
    "第三条　本办法由市经济和信息化局、市财政局负责解释。",
    "第四条　本办法自2022年4月1日起施行，有效期五年。",
    "",
    "荆州市经济和信息化局　　　荆州市财政局",
    "2022年3月15日",
]

# ───────── 15. 东湖高新区 (.pdf): letterhead, 印发 wrapper, 执行期为…至…, running header, page numbers ─────────
DONGHU_HEADER = "东湖高新区支持激光产业发展若干政策"
DONGHU = [
    "C:武汉东湖新技术开发区管理委员会文件",
    "C:武新管〔2025〕27号",
    f"C:关于印发《东湖高新区支持激光产业发展若干政策》的通知{F}",
    "各园区办公室、管委会各部门：",
    "　　《东湖高新区支持激光产业发展若干政策》已经管委会主任办公会审议通过，"
    "现印发给你们，请结合实际认真抓好贯彻落实，确保各项政策措施落地见效。",
    "R:武汉东湖新技术开发区管理委员会",
    "R:2025年6月16日",
    f"C:东湖高新区支持激光产业发展若干政策{F}",
    "　　为巩固提升激光产业竞争优势，打造具有全球影响力的激光产业创新高地，制定以下政策。",
    "H:一、支持激光装备首台（套）研制",
    "　　对在东湖高新区注册登记的企业研制的高功率激光器、超快激光加工装备被认定为省级以上首台（套）重大技术装备的，"
    "按销售价格的20%给予奖励，单台（套）最高不超过500万元。",
    "H:二、支持企业扩大产能",
    "　　对激光企业新建或扩建生产线，设备投资额在3000万元以上的，"
    "按设备投资额的10%给予补贴，单个项目最高不超过1000万元，所需资金由管委会财政统筹安排。",
    "H:三、支持人才集聚",
    "　　对激光领域引进的高层次人才团队，经评审认定后给予最高2000万元综合资助，"
    "其中用于人才团队项目研发的资金不低于60%。",
    "H:四、附则",
    "　　本政策执行期为2025年7月1日至2027年6月30日，由管委会经济发展局负责解释。",
]

# ───────── 16. 曾都区 (.txt): no 文号, two issuers with 印章 words, 负责解释 but no validity ─────────
ZENGDU = [
    f"曾都区专用汽车智能化改造奖补办法{F}",
    "",
    "一、为推动专用汽车及零部件企业实施智能化改造，提高生产效率和产品质量，制定本办法。",
    "二、对在曾都区注册登记的专用汽车及零部件企业，实施智能化改造项目且设备投资额在300万元以上的，"
    "按设备投资额的6%给予奖补，单个企业最高不超过80万元。",
    "三、企业应于项目竣工投产后6个月内向区经济和信息化局提出申请。",
    "四、本办法由区经济和信息化局、区财政局负责解释。",
    "",
    "随州市曾都区经济和信息化局（盖章）　　　随州市曾都区财政局（盖章）",
    "2025年3月3日",
]

# ───────── 17. 嘉鱼县 申报指南 (.html): no 文号, open window within the reference month ─────────
JIAYU = [
    f"C:嘉鱼县2026年度智能制造技术改造项目申报指南{F}",
    "H:一、支持对象",
    "　　在嘉鱼县注册登记、具有独立法人资格的规模以上工业企业。",
    "H:二、支持内容和标准",
    "　　对2026年度完成智能制造技术改造、设备投资额在200万元以上的项目，"
    "按设备投资额的5%给予补助，单个项目最高不超过50万元。",
    "H:三、申报时间",
    "　　受理时间为2026年12月1日至12月31日。",
    "H:四、申报材料",
    "　　项目申报表、营业执照复印件、设备购置发票及付款凭证、项目竣工验收报告。",
    "R:嘉鱼县经济商务和信息化局",
    "R:2026年11月25日",
]

# ───────── 18. 樊城区 三年行动方案 (.docx): title over two lines, window only in the title's years ─────────
FANCHENG = [
    "C:樊城区人民政府办公室文件",
    "C:樊政办发〔2025〕5号",
    "C:樊城区推动装备制造业数字化转型",
    f"C:三年行动方案（2025—2027年）{F}",
    "　　为加快装备制造业数字化转型，结合我区实际，制定本方案。",
    "H:一、主要目标",
    "　　到2027年，全区规模以上装备制造企业数字化转型覆盖率达到80%，建成省级以上智能工厂5家。",
    "H:二、重点任务",
    "　　（一）实施“上云用数赋智”行动。对企业购买工业互联网平台服务的，"
    "按服务费用的30%给予补贴，每家企业每年最高不超过20万元。",
    "　　（二）建设数字化车间。对新认定的区级数字化车间，一次性奖励20万元。",
    "H:三、保障措施",
    "　　区经济和信息化局牵头，会同区财政局等部门按年度组织实施。",
    "R:樊城区人民政府办公室",
    "R:2025年2月14日",
]

# ───────── 19. 麻城 (.txt): letterhead, dates in Chinese numerals in the text and the 落款 ─────────
MACHENG = [
    "麻城市人民政府文件",
    "麻政发〔2025〕31号",
    "",
    f"麻城市支持石材机械装备产业发展的若干政策{F}",
    "",
    "各乡镇人民政府、街道办事处，市直各部门：",
    "　　为做大做强石材机械装备产业，现制定以下政策。",
    "　　一、对本市石材机械装备企业研发的智能锯切、数控雕刻装备首次实现销售的，"
    "按销售价格的10%给予奖励，每家企业每年最高不超过100万元。",
    "　　二、对石材机械装备企业年度主营业务收入首次突破1亿元的，一次性奖励30万元。",
    "　　三、本政策自二〇二六年一月一日起施行，有效期两年。",
    "",
    "麻城市人民政府",
    "二〇二五年十二月三日",
]

# ───────── 20. 黄石 问答 page (.md) about 4 ─────────
HUANGSHI_QA = [
    f"# 2026年度黄石市智能制造示范工厂申报常见问题解答{F}",
    "",
    "来源：黄石市经济和信息化局　　日期：2026-10-15",
    "",
    "## 一、外地企业在黄石设立的分公司能否申报？",
    "",
    "不能。申报主体须为在黄石市行政区域内注册登记的独立法人企业。",
    "",
    "## 二、示范工厂和数字化车间可以同时申报吗？",
    "",
    "同一企业同一年度只能申报其中一项。示范工厂奖励100万元，数字化车间奖励30万元。",
    "",
    "## 三、申报截止后还能补交材料吗？",
    "",
    "不能。2026年12月15日申报截止后，系统关闭，不再受理补交材料。",
]

# ───────── 21. 省经信厅 amending notice (.txt): amends 2, 自印发之日起施行, no end ─────────
HB_SOFTWARE_AMEND = [
    "湖北省经济和信息化厅",
    "鄂经信软件〔2026〕60号",
    "",
    f"湖北省经济和信息化厅关于修改《湖北省工业软件首版次推广应用奖励实施细则》部分条款的通知{F}",
    "",
    "各市、州、直管市、神农架林区经信局：",
    "　　经省财政厅、省科学技术厅同意，"
    "现对《湖北省工业软件首版次推广应用奖励实施细则》（鄂经信联发〔2026〕7号）作如下修改：",
    "　　一、将第三条中“单个产品最高不超过300万元”修改为“单个产品最高不超过500万元”。",
    "　　二、本通知自印发之日起施行。",
    "",
    "湖北省经济和信息化厅",
    "2026年9月1日",
]

# ───────── 22. 省政府办公厅 意见 (.txt): letterhead number, 自印发之日起施行，有效期至 (expired) ─────────
HB_OPINION = [
    "湖北省人民政府办公厅文件",
    "鄂政办发〔2023〕40号",
    "",
    f"省人民政府办公厅关于加快发展高端医疗装备产业的意见{F}",
    "",
    "各市、州、县人民政府，省政府各部门：",
    "　　高端医疗装备是智能制造装备的重要领域。为加快我省高端医疗装备产业发展，经省人民政府同意，现提出如下意见。",
    "　　一、对省内企业研制的高端医疗装备首次取得第三类医疗器械注册证的，每个产品奖励200万元。",
    "　　二、对医疗装备企业建设智能化生产线的，按设备投资额的10%给予补助，最高不超过500万元。",
    "　　三、本意见自印发之日起施行，有效期至2025年12月31日。",
    "",
    "湖北省人民政府办公厅",
    "2023年8月16日",
]

# ───────── 23. 潜江 措施 (.txt): not yet in force on the reference date ─────────
QIANJIANG = [
    "潜江市人民政府办公室",
    "潜政办发〔2026〕22号",
    "",
    f"潜江市支持油气装备智能化改造若干措施{F}",
    "",
    "　　一、对在潜江市注册登记的油气装备企业实施智能化改造、"
    "设备投资额在500万元以上的，按设备投资额的10%给予补助，最高不超过200万元。",
    "　　二、对企业新建智能工厂并通过省级认定的，一次性奖励150万元。",
    "　　三、本措施自2027年1月1日起施行，有效期至2029年12月31日。",
    "",
    "潜江市人民政府办公室",
    "2026年11月10日",
]

DOCUMENTS: dict[str, tuple[str, list[str]]] = {
    "tianmen-2025-industrial-robot-measures": ("txt", TIANMEN),
    "hubei-2026-industrial-software-first-version-rules": ("docx", HB_SOFTWARE),
    "yiling-2024-smart-farm-machinery-opinions": ("pdf", YILING),
    "huangshi-2026-smart-factory-application-notice": ("html", HUANGSHI),
    "enshi-2026-forwarded-diagnosis-notice": ("txt", ENSHI),
    "hubei-2026-industrial-software-first-version-interpretation": ("md", HB_SOFTWARE_QA),
    "xiaogan-2025-smart-sensor-measures": ("txt", XIAOGAN),
    "xiaogan-2025-smart-sensor-measures-en": ("txt", XIAOGAN_EN),
    "national-2026-first-set-insurance-measures": ("txt", NATIONAL),
    "national-2026-first-set-insurance-measures-zh-hant": ("txt", NATIONAL_TW),
    "shiyan-2024-connected-vehicle-equipment-fund-trial-measures": ("docx", SHIYAN),
    "shiyan-2026-trial-measures-extension-notice": ("txt", SHIYAN_EXT),
    "jingzhou-2026-first-set-award-measures-revised": ("txt", JINGZHOU_NEW),
    "jingzhou-2022-first-set-award-measures": ("txt", JINGZHOU_OLD),
    "donghu-2025-laser-industry-policies": ("pdf", DONGHU),
    "zengdu-2025-special-vehicle-retrofit-measures": ("txt", ZENGDU),
    "jiayu-2026-retrofit-application-guide": ("html", JIAYU),
    "fancheng-2025-digital-transformation-plan": ("docx", FANCHENG),
    "macheng-2025-stone-machinery-policies": ("txt", MACHENG),
    "huangshi-2026-smart-factory-faq": ("md", HUANGSHI_QA),
    "hubei-2026-industrial-software-amendment-notice": ("txt", HB_SOFTWARE_AMEND),
    "hubei-2023-medical-equipment-opinions": ("txt", HB_OPINION),
    "qianjiang-2026-oil-gas-equipment-measures": ("txt", QIANJIANG),
}
PDF_HEADERS = {"yiling-2024-smart-farm-machinery-opinions": YILING_HEADER,
               "donghu-2025-laser-industry-policies": DONGHU_HEADER}
HTML_INFO = {"huangshi-2026-smart-factory-application-notice": HUANGSHI_INFO}


def source_text(stem: str) -> str:
    """The text a reader sees (for validating labels): every line without its layout prefix."""
    return "\n".join(plain(line) for line in DOCUMENTS[stem][1])


def write_text(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(plain(line) for line in lines) + "\n", encoding="utf-8")


def write_html(path: Path, lines: list[str], info: list[tuple[str, str]]) -> None:
    """A government site's article page: header, nav, breadcrumb, info box, article, sidebar, footer."""
    title = html.escape(plain(lines[0]))
    body = []
    for line in lines:
        text = html.escape(plain(line))
        if line.startswith("C:"):
            body.append(f'<h1 class="art-title">{text}</h1>')
        elif line.startswith("H:"):
            body.append(f"<h3>{text}</h3>")
        elif line.startswith("R:"):
            body.append(f'<p style="text-align:right">{text}</p>')
        else:
            body.append(f"<p>{text}</p>")
    rows = "".join(f"<tr><th>{html.escape(k)}：</th><td>{html.escape(v)}</td></tr>" for k, v in info)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_政务公开_门户网站（虚构）</title></head>
<body>
<div class="top">无障碍浏览 | 长者模式 | 登录 | 注册</div>
<div class="header"><div class="logo">政府门户网站（虚构）</div>
<form class="search"><input placeholder="请输入关键字"><button>搜索</button></form></div>
<ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li><li>走进本地</li></ul>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 通知公告</div>
<div class="main">
<table class="info">{rows}</table>
<div class="article">
{chr(10).join(body)}
</div>
<div class="share">分享到：微信 微博 | 【打印本页】 【关闭窗口】</div>
</div>
<div class="side"><h4>相关文章</h4><ul><li>关于开展2025年度企业技术中心认定工作的通知</li>
<li>2027年度工业转型升级项目申报工作的预通知</li></ul></div>
<div class="footer">主办单位：政府办公室（虚构）　网站标识码：0000000000　鄂ICP备00000000号
技术支持：某某科技公司</div>
</body></html>
"""
    path.write_text(page, encoding="utf-8")


def write_docx(path: Path, lines: list[str]) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    for line in lines:
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(plain(line))
        if line.startswith(("C:", "H:")):
            run.bold = True
        if line.startswith("C:"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.startswith("R:"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.core_properties.title = "Word 文档"  # an uninformative property: the text's title wins
    doc.save(str(path))


def _pdf_class(header: str):
    from fpdf import FPDF  # dev dependency

    class PagedPDF(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("cjk", size=10)
                self.cell(0, 6, header, align="C")
                self.ln(10)

        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("cjk", size=11)
            self.cell(0, 8, f"— {self.page_no()} —", align="C")

    return PagedPDF


def write_pdf(path: Path, lines: list[str], header: str) -> None:
    """Typeset as printed files are: centred letterhead and title, indented paragraphs wrapped by width."""
    pdf = new_pdf(_pdf_class(header), (26, 28, 26))
    for line in lines:
        text = plain(line)
        if line.startswith("C:"):
            pdf.set_font("cjk", size=18 if "文件" in text or len(text) > 12 else 14)
            pdf.multi_cell(0, 11, text, align="C", new_x="LMARGIN", new_y="NEXT")
        elif line.startswith(("R:", "H:")):
            pdf.set_font("cjk", size=15)
            pdf.multi_cell(0, 9, text, align="R" if line.startswith("R:") else "L", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("cjk", size=15)
            pdf.multi_cell(0, 9, text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    save_pdf(pdf, path)


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    for stem, (fmt, lines) in DOCUMENTS.items():
        path = DOCS / f"{stem}.{fmt}"
        if fmt in ("txt", "md"):
            write_text(path, lines)
        elif fmt == "html":
            write_html(path, lines, HTML_INFO.get(stem, []))
        elif fmt == "docx":
            write_docx(path, lines)
        else:
            write_pdf(path, lines, PDF_HEADERS[stem])
    print(f"wrote {len(DOCUMENTS)} documents under {DOCS}")


if __name__ == "__main__":
    main()
