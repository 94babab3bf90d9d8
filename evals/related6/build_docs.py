"""Regenerate the two binary gold documents in evals/related6/docs/ (the .docx and the .pdf).

The .txt, .html and .md documents are written by hand; these two are produced from the text below
so that they can be rebuilt and reviewed as text. Run from the repository root:

    .venv/bin/python evals/related6/build_docs.py

Needs python-docx (a runtime dependency) and fpdf2 (dev dependency) with the Noto CJK fonts
(Debian fonts-noto-cjk). Every document here is FICTIONAL test material.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.typeset import add_table, new_pdf, pdf_source_text, save_pdf, write_articles

DOCS = Path(__file__).resolve().parent / "docs"

# ───── P. the 省级 实施细则 (.docx): 第X章 / 第X条, then a 附件 评分表 (a table) after a page break ─────

PR_STEM = "hubei-2026-first-set-equipment-promotion-implementation-rules"
PR_HEAD = [
    "湖北省经济和信息化厅　湖北省财政厅",
    "鄂经信装备规〔2026〕3号",
    "湖北省首台（套）重大技术装备推广应用实施细则（虚构测试文档）",
]
PR_ARTICLES = [
    "第一章　总则",
    "第一条　为加快首台（套）重大技术装备推广应用，推动装备制造业高质量发展，"
    "根据国家有关规定，结合我省实际，制定本细则。",
    "第二条　本细则适用于在湖北省境内注册登记、具有独立法人资格的装备制造企业（以下简称研制单位）"
    "和首台（套）装备用户单位。"
    "分公司、办事处不得单独申报。",
    "第二章　支持内容",
    "第三条　对列入《湖北省首台（套）重大技术装备目录》的产品，按产品单价分档给予研制单位一次性奖励："
    "单价500万元以下的，奖励50万元；单价500万元（含）至2000万元的，奖励100万元；单价2000万元（含）以上的，奖励200万元。"
    "申报企业上年度研发费用占营业收入比例不低于3%。",
    "第四条　对投保首台（套）重大技术装备综合保险且未获得中央财政保费补贴的研制单位，按年度实际保费的60%给予补偿，"
    "补偿期限最长不超过3年，每家企业每年最高不超过三百万元。",
    "第五条　对省内用户单位首购首用省内研制的首台（套）装备的，按采购合同金额的5%给予用户单位奖励，"
    "单个用户单位每年最高不超过100万元。",
    "第六条　对2026年以后新获评国家级制造业单项冠军企业、且主导产品列入省首台（套）目录的研制单位，一次性奖励300万元。",
    "第七条　同一产品按本细则第三条获得奖励后，不再重复享受其他省级首台（套）奖励；"
    "同一企业每年享受本细则奖补资金累计不超过五百万元。",
    "第三章　申报与评审",
    "第八条　省经济和信息化厅每年7月1日至7月31日集中受理申报，企业通过湖北省首台（套）服务平台（虚构）在线提交材料，"
    "并将纸质材料报所在市（州）经信部门初审。",
    "第九条　申报材料包括：（一）申报书；（二）营业执照复印件；（三）首台（套）目录证明文件；"
    "（四）销售合同、发票或保险合同及保费支付凭证；（五）上年度财务审计报告。",
    "第十条　省经济和信息化厅会同省财政厅组织专家按照附件评分表进行评审，总分60分以上的项目方可列入支持范围，"
    "评审结果在省经济和信息化厅门户网站公示5个工作日。",
    "第四章　附则",
    "第十一条　本细则由省经济和信息化厅、省财政厅负责解释。",
    "第十二条　本细则自印发之日起施行，有效期三年。"
    "《湖北省首台（套）重大技术装备推广应用奖励办法（试行）》（鄂经信装备〔2022〕41号）同时废止。",
]
PR_SIGN = ["湖北省经济和信息化厅", "湖北省财政厅", "2026年5月20日"]
PR_ANNEX = ["附件", "首台（套）重大技术装备推广应用项目评审评分表"]
PR_TABLE = [
    ["评审指标", "评分标准", "分值"],
    ["技术先进性", "关键技术指标达到国际先进水平得25—30分，达到国内领先水平得15—24分", "30"],
    ["研发能力", "研发费用占营业收入比例5%以上得20分，3%（含）至5%得10分", "20"],
    ["市场应用", "已实现销售且用户评价良好得15—20分，尚未形成销售得0分", "20"],
    ["知识产权", "拥有与产品相关的发明专利3件以上得15分，1—2件得8分", "15"],
    ["企业资质", "高新技术企业得10分；国家级专精特新“小巨人”企业另加5分", "15"],
    ["合计", "总分60分以上的项目方可列入支持范围", "100"],
]


def build_docx(path: Path) -> None:
    from docx import Document  # runtime dependency of the project
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    doc = Document()
    for i, text in enumerate(PR_HEAD):
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = i != 1
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in PR_ARTICLES:
        paragraph = doc.add_paragraph()
        is_chapter = text.startswith("第") and "章" in text[:4]
        paragraph.add_run(text).bold = is_chapter
        if is_chapter:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in PR_SIGN:
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)  # the 附件 starts on a new page
    for i, text in enumerate(PR_ANNEX):
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = i == 1
        if i == 1:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_table(doc, PR_TABLE)
    doc.core_properties.title = "附件"  # a misleading title property, as saved templates carry
    doc.save(str(path))


# ───── G. the 东湖高新区 申报指南 (.pdf, two pages): 一、…, wrapped lines, 第 N 页 共 M 页; window closed ─────

DH_STEM = "wuhan-donghu-2026-high-end-equipment-fund-application-guide"
DH_TITLE = "东湖高新区2026年度高端装备产业发展专项资金申报指南（虚构测试文档）"
DH_NUMBER = "武新经发〔2026〕17号"
DH_BODY = [
    "　　为落实《东湖高新区促进高端装备产业发展若干政策》，现发布2026年度高端装备产业发展专项资金申报指南。",
    "H:一、支持对象",
    "　　注册地、税收征管关系和统计关系均在东湖高新区的高端装备企业，上年度营业收入不低于5000万元，"
    "近三年无严重失信记录。",
    "H:二、支持方向和标准",
    "　　（一）单项冠军奖励。对2025年以来新获评国家级制造业单项冠军企业的，给予一次性奖励200万元；"
    "获评国家级制造业单项冠军产品的，给予一次性奖励100万元。",
    "　　（二）研发投入补贴。对上年度研发投入不低于2000万元且研发投入占营业收入比重不低于6%的企业，"
    "按上年度研发投入增量部分的10%给予补贴，最高不超过500万元。",
    "　　（三）首台（套）示范应用奖励。对区内用户单位采购区内企业首台（套）装备产品的，"
    "按合同金额的10%给予采购方奖励，单个项目最高不超过200万元。",
    "H:三、申报时间",
    "　　2026年度申报时间为2026年5月15日至2026年6月30日，逾期不予受理。2027年度申报工作另行通知。",
    "H:四、申报材料",
    "　　（一）专项资金申请表；（二）营业执照及统计关系证明；（三）上年度财务审计报告及研发费用专项审计报告；"
    "（四）单项冠军认定文件（第一类）；（五）首台（套）装备采购合同、发票及验收证明（第三类）；"
    "（六）企业信用承诺书。所有材料须加盖企业公章，复印件须注明“与原件一致”。",
    "H:五、申报方式",
    "　　企业登录光谷政务服务平台（虚构）“惠企政策”专栏在线填报，并将纸质材料一式三份报送区经济发展局产业服务窗口。"
    "申报企业对材料真实性负责，弄虚作假的，取消三年申报资格。",
    "H:六、联系方式",
    "　　区经济发展局装备产业处，联系人：何女士，电话：027-6788XXXX（虚构）。",
    "RIGHT:武汉东湖新技术开发区经济发展局",
    "RIGHT:2026年5月8日",
]


def _dh_pdf_class():
    from fpdf import FPDF  # dev dependency

    class DhPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("cjk", size=10)
            self.cell(0, 8, f"第 {self.page_no()} 页 共 {{nb}} 页", align="C")

    return DhPDF


def build_pdf(path: Path) -> None:
    pdf = new_pdf(_dh_pdf_class(), (30, 28, 30))
    pdf.set_font("cjk", size=18)
    pdf.multi_cell(0, 11, DH_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=13)
    pdf.cell(0, 9, DH_NUMBER, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("cjk", size=15)
    write_articles(pdf, DH_BODY, line_gap=13)
    save_pdf(pdf, path)


def dh_source_text() -> str:
    """The PDF's text as written (before wrapping)."""
    return pdf_source_text([DH_TITLE, DH_NUMBER], DH_BODY)


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    build_docx(DOCS / f"{PR_STEM}.docx")
    build_pdf(DOCS / f"{DH_STEM}.pdf")
    print(f"wrote {PR_STEM}.docx and {DH_STEM}.pdf under {DOCS}")


if __name__ == "__main__":
    main()
