"""Regenerate the two binary gold documents in evals/related2/docs/ (the .docx and the .pdf).

The .txt and .html documents are written by hand; these two are produced from the text below so
that they can be rebuilt and reviewed as text. Run from the repository root:

    .venv/bin/python evals/related2/build_docs.py

Needs python-docx (a runtime dependency) and fpdf2 (dev dependency) with the Noto CJK fonts
(Debian fonts-noto-cjk). Every document here is FICTIONAL test material.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.typeset import add_table, new_pdf, pdf_source_text, save_pdf, table_source_text, write_articles

DOCS = Path(__file__).resolve().parent / "docs"

# ───────────────────────────── the 宜昌 city 实施细则 (.docx, 第X章/第X条 + a table) ─────────────────────────────

RULES_STEM = "yichang-2025-ime-support-implementation-rules"
RULES_HEAD = [
    "宜昌市智能制造装备产业发展扶持实施细则（虚构测试文档）",
    "宜经信规〔2025〕2号",
    "第一章　总则",
    "第一条　为加快推进我市智能制造装备产业集群发展，根据《宜昌市制造业高质量发展若干政策》，"
    "结合我市实际，制定本细则。",
    "第二条　本细则适用于在宜昌市行政区域内注册登记、具有独立法人资格，从事智能制造装备研发制造和系统集成的企业。",
    "第三条　本细则所需资金从市级制造业高质量发展专项资金中列支，每年安排不超过8000万元。",
    "第二章　支持对象和标准",
    "第四条　市级财政对符合条件的企业按下表标准给予支持。",
]
RULES_TABLE = [
    ["支持对象", "条件", "标准", "上限"],
    ["智能化技术改造项目", "规模以上工业企业，项目生产性设备投资额不低于800万元",
     "按生产性设备投资额的12%给予补助", "单个项目最高400万元"],
    ["首台（套）重大技术装备", "产品经认定为省级及以上首台（套）重大技术装备",
     "按首台（套）产品销售价格的15%给予奖励", "单个产品最高200万元"],
    ["国家级专精特新“小巨人”企业", "首次获得国家级专精特新“小巨人”企业认定", "一次性奖励60万元", "—"],
    ["高新技术企业", "首次认定为国家高新技术企业", "一次性奖励15万元", "—"],
    ["智能制造标杆企业", "上年度营业收入不低于10亿元，且被评为市级智能制造标杆企业", "一次性奖励100万元", "—"],
    ["高技能人才", "企业新引进并签订3年以上劳动合同的高级技师", "每人每月给予800元岗位补贴", "补贴期限最长24个月"],
]
RULES_BODY = [
    "第五条　注册在宜昌高新区的企业获得本细则第四条支持的，宜昌高新区管委会另按市级支持金额的50%给予配套奖励，"
    "单个企业每年最高不超过100万元。",
    "第六条　同一企业同一项目符合本细则和市级其他政策的，按就高原则给予支持，不重复享受。",
    "第三章　申报和审核",
    "第七条　申报企业应当符合以下条件：（一）依法纳税，财务制度健全；（二）近三年未发生重大安全生产、环境污染事故；"
    "（三）未列入失信被执行人名单和严重失信主体名单。",
    "第八条　市经济和信息化局每年二季度发布申报通知，企业按属地原则向所在县市区经信部门提出申请，"
    "具体申报时间以当年申报通知为准。",
    "第九条　申报材料包括：申报表、营业执照、上年度财务审计报告、项目投资凭证及相关认定文件。",
    "第十条　对弄虚作假骗取扶持资金的企业，追回已拨付资金，三年内不得申报市级财政扶持项目。",
    "第四章　附则",
    "第十一条　本细则由宜昌市经济和信息化局、宜昌市财政局负责解释。",
    "第十二条　本细则自2025年3月1日起施行，有效期至2027年12月31日。"
    "同时废止《宜昌市智能制造装备产业扶持暂行办法》（宜经信发〔2021〕9号）。",
    "宜昌市经济和信息化局　　宜昌市财政局",
    "2025年2月18日",
]
RULES_RIGHT = ("宜昌市经济和信息化局　　宜昌市财政局", "2025年2月18日")


def build_docx(path: Path) -> None:
    from docx import Document  # runtime dependency of the project
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    title = doc.add_paragraph()
    title.add_run(RULES_HEAD[0]).bold = True
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number = doc.add_paragraph(RULES_HEAD[1])
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in RULES_HEAD[2:]:
        paragraph = doc.add_paragraph(text)
        if text.startswith("第") and "章" in text[:4]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_table(doc, RULES_TABLE)
    for text in RULES_BODY:
        paragraph = doc.add_paragraph(text)
        if text in RULES_RIGHT:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif text.startswith("第") and "章" in text[:4]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.core_properties.title = "宜昌市经信局文件"  # a misleading metadata title: the text's title wins
    doc.save(str(path))


def rules_source_text() -> str:
    """The docx's paragraphs and table cells, joined (rows as 'a | b | c | d')."""
    return table_source_text(RULES_HEAD, RULES_TABLE, RULES_BODY)


# ───────────────────────────── the provincial joint 办法 (.pdf, three issuers) ─────────────────────────────

RD_STEM = "hubei-2022-ime-rd-innovation-support-measures"
RD_TITLE = "湖北省智能制造装备企业研发创新支持办法（虚构测试文档）"
RD_NUMBER = "鄂经信规〔2022〕4号"
RD_FOOTER = "- {page} -"
RD_PARAGRAPHS = [
    "　　第一条　为引导智能制造装备企业加大研发投入，提升自主创新能力，根据国家和省有关规定，制定本办法。",
    "　　第二条　本办法所称智能制造装备企业，是指在湖北省境内注册、具有独立法人资格，主要从事高档数控机床、"
    "工业机器人、增材制造装备、智能检测与装配装备、智能物流与仓储装备等研发制造的企业。",
    "　　第三条　研发费用后补助。对上年度营业收入不低于二亿元、研发投入占营业收入比重不低于百分之三的智能制造装备企业，"
    "按其上年度研发费用较前一年度增量部分的百分之十五给予后补助，单个企业每年最高不超过三百万元。"
    "申请本项补助的企业应当为有效期内的国家高新技术企业。",
    "　　第四条　创新平台奖励。对新获批国家级企业技术中心的企业，一次性奖励二百万元；"
    "对新获批省级企业技术中心的企业，一次性奖励五十万元。",
    "　　第五条　产学研合作补助。对企业与省内高校、科研院所联合开展关键核心技术攻关且技术合同金额不低于五百万元的项目，"
    "按合同实际支付金额的百分之二十给予补助，单个项目最高不超过一百万元。",
    "　　第六条　研发人才津贴。对企业全职引进的具有博士学位的研发人员，"
    "按每人每月三千元给予科研津贴，最长不超过三十六个月。",
    "　　第七条　科技创新券。对上年度营业收入不超过五千万元的智能制造装备中小企业购买检验检测、技术开发服务的，"
    "按服务合同金额的百分之五十给予科技创新券支持，每家企业每年最高不超过二十万元。",
    "　　第八条　申报本办法支持的企业，应当近三年未发生重大安全、质量、环保事故，未被列入严重失信主体名单，"
    "且同一事项上年度未享受省级同类财政补助。",
    "　　第九条　省经信厅会同省财政厅、省科技厅每年发布申报通知，组织专家评审，按程序公示后拨付资金。",
    "　　第十条　同一项目不得重复申报省级财政资金支持。",
    "　　第十一条　本办法由省经信厅、省财政厅、省科技厅按职责分工负责解释。",
    "　　第十二条　本办法自2022年9月1日起施行，有效期五年。",
    "RIGHT:湖北省经济和信息化厅",
    "RIGHT:湖北省财政厅",
    "RIGHT:湖北省科学技术厅",
    "RIGHT:2022年8月15日",
]


def _rd_pdf_class():
    from fpdf import FPDF  # dev dependency

    class RdPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("cjk", size=11)
            self.cell(0, 8, RD_FOOTER.format(page=self.page_no()), align="C")

    return RdPDF


def build_pdf(path: Path) -> None:
    pdf = new_pdf(_rd_pdf_class(), (28, 32, 28))
    pdf.set_font("cjk", size=18)
    pdf.multi_cell(0, 11, RD_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("cjk", size=14)
    pdf.cell(0, 9, RD_NUMBER, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("cjk", size=15)
    write_articles(pdf, RD_PARAGRAPHS)
    save_pdf(pdf, path)


def rd_source_text() -> str:
    """The PDF's text as written (before wrapping), for validating labels."""
    return pdf_source_text([RD_TITLE, RD_NUMBER], RD_PARAGRAPHS)


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    build_docx(DOCS / f"{RULES_STEM}.docx")
    build_pdf(DOCS / f"{RD_STEM}.pdf")
    print(f"wrote {RULES_STEM}.docx and {RD_STEM}.pdf under {DOCS}")


if __name__ == "__main__":
    main()
