"""Regenerate the two binary gold documents in evals/related3/docs/ (the .docx and the .pdf).

The .txt, .html and .md documents are written by hand; these two are produced from the text below
so that they can be rebuilt and reviewed as text. Run from the repository root:

    .venv/bin/python evals/related3/build_docs.py

Needs python-docx (a runtime dependency) and fpdf2 (dev dependency) with the Noto CJK fonts
(Debian fonts-noto-cjk). Every document here is FICTIONAL test material.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.typeset import add_table, new_pdf, pdf_source_text, save_pdf, table_source_text, write_articles

DOCS = Path(__file__).resolve().parent / "docs"

# ───────────── the 随州 申报通知 (.docx, a 2-column table 项目 | 支持标准, window not yet open) ─────────────

NOTICE_STEM = "suizhou-2027-ime-special-fund-declaration-notice"
NOTICE_HEAD = [
    "随州市经济和信息化局",
    "关于组织申报2027年度随州市智能装备产业专项资金项目的通知（虚构测试文档）",
    "随经信函〔2026〕41号",
    "各县（市、区）经信部门，随州高新区经发局，有关企业：",
    "为落实全市制造业高质量发展部署，支持智能装备企业加快转型升级，现就2027年度市级智能装备产业专项资金项目申报工作通知如下。",
    "一、支持方向和标准",
    "本年度专项资金重点支持以下方向，具体标准见下表。",
]
NOTICE_TABLE = [
    ["项目", "支持标准"],
    ["市级智能工厂", "对当年新认定的市级智能工厂，一次性奖励80万元"],
    ["市级数字化车间", "对当年新认定的市级数字化车间，一次性奖励30万元"],
    ["首台（套）装备推广应用", "按首台（套）装备单台售价的10%给予奖励，单个企业最高不超过100万元"],
    ["高新技术企业培育", "对首次通过高新技术企业认定的企业，给予一次性奖励20万元"],
    ["博士研发人才引进", "企业全职引进博士研究生的，每人给予一次性安家补贴5万元"],
]
NOTICE_BODY = [
    "二、申报条件",
    "（一）在随州市行政区域内注册登记、具有独立法人资格的规模以上工业企业；",
    "（二）上年度营业收入不低于5000万元，且年末从业人员不少于50人；",
    "（三）近三年无重大安全生产事故，企业信用良好，未被列入严重失信主体名单。",
    "申报首台（套）装备推广应用项目的，产品还须列入省级首台（套）重大技术装备目录。",
    "三、申报时间",
    "网上申报系统于2027年3月1日开放，申报截止时间为2027年4月30日，逾期不予受理。",
    "四、申报程序",
    "企业登录随州市惠企政策服务平台填报，并将纸质材料一式两份报送所在县（市、区）经信部门；"
    "随州高新区企业报送随州高新区经发局。",
    "五、联系方式",
    "市经信局产业科，联系人：周工，电话：0722-3456017（虚构）。",
    "随州市经济和信息化局",
    "2026年11月20日",
]
NOTICE_RIGHT = ("随州市经济和信息化局", "2026年11月20日")


def build_docx(path: Path) -> None:
    from docx import Document  # runtime dependency of the project
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    for i, text in enumerate(NOTICE_HEAD):
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(text)
        if i < 3:
            run.bold = i < 2
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_table(doc, NOTICE_TABLE)
    for text in NOTICE_BODY:
        paragraph = doc.add_paragraph(text)
        if text in NOTICE_RIGHT:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.core_properties.title = "通知"  # an uninformative metadata title: the text's title wins
    doc.save(str(path))


def notice_source_text() -> str:
    return table_source_text(NOTICE_HEAD, NOTICE_TABLE, NOTICE_BODY)


# ───────────── the 孝南区 若干政策 (.pdf, 第一条…, Chinese-numeral amounts, a 开发区-only item) ─────────────

XN_STEM = "xiaogan-xiaonan-2025-ime-several-policies"
XN_LETTERHEAD = "孝感市孝南区人民政府文件"
XN_NUMBER = "孝南政发〔2025〕6号"
XN_TITLE = "孝南区支持智能装备制造业高质量发展若干政策（虚构测试文档）"
XN_FOOTER = "— {page} —"
XN_PARAGRAPHS = [
    "　　第一条　为加快培育壮大我区智能装备制造产业，结合孝南区实际，制定本政策。本政策适用于在孝南区注册登记、"
    "依法纳税、信用良好的智能装备制造及配套企业。",
    "　　第二条　支持智能化改造。规模以上工业企业实施智能化改造，当年设备投资额达到五百万元以上的，"
    "按设备投资额的百分之二十给予补助、最高不超过二百万元。",
    "　　第三条　支持研发投入。上年度研发费用达到一千万元以上的企业，按上年度研发费用的百分之五给予奖励、"
    "最高不超过一百万元。",
    "　　第四条　支持梯度培育。对首次认定为省级专精特新中小企业的，奖励二十万元；"
    "对首次认定为国家级专精特新“小巨人”企业的，奖励五十万元。",
    "　　第五条　支持创新平台。对新认定为省级企业技术中心的企业，一次性奖励三十万元。",
    "　　第六条　支持稳岗扩岗。年末从业人员不少于一百人、且当年净增就业岗位二十个以上的企业，"
    "按每净增一个岗位二千元给予奖励、最高不超过二十万元。",
    "　　第七条　支持园区集聚。入驻孝南经济开发区标准化厂房的智能装备企业，按每平方米每月五元给予租金补贴，"
    "补贴期限不超过三年。",
    "　　第八条　享受本政策的企业应当近三年无重大安全生产、环境污染事故。同一项目符合本政策和区级其他政策的，"
    "按就高原则执行，不重复享受。每家企业每年累计享受本政策奖补资金不超过三百万元。",
    "　　第九条　区经济商务和信息化局会同区财政局每年组织申报，具体时间另行通知。",
    "　　第十条　本政策由孝南区经济商务和信息化局负责解释，自2025年7月1日起施行，有效期三年。",
    "RIGHT:孝感市孝南区人民政府",
    "RIGHT:2025年6月12日",
]


def _xn_pdf_class():
    from fpdf import FPDF  # dev dependency

    class XnPDF(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:  # a running header on later pages
                self.set_font("cjk", size=10)
                self.cell(0, 6, XN_NUMBER, align="R")
                self.ln(10)

        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("cjk", size=11)
            self.cell(0, 8, XN_FOOTER.format(page=self.page_no()), align="C")

    return XnPDF


def build_pdf(path: Path) -> None:
    pdf = new_pdf(_xn_pdf_class(), (28, 30, 28))
    pdf.set_font("cjk", size=22)
    pdf.set_text_color(200, 0, 0)
    pdf.cell(0, 14, XN_LETTERHEAD, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("cjk", size=14)
    pdf.cell(0, 9, XN_NUMBER, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("cjk", size=18)
    pdf.multi_cell(0, 11, XN_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("cjk", size=15)
    write_articles(pdf, XN_PARAGRAPHS)
    save_pdf(pdf, path)


def xn_source_text() -> str:
    """The PDF's text as written (before wrapping), for validating labels."""
    return pdf_source_text([XN_LETTERHEAD, XN_NUMBER, XN_TITLE], XN_PARAGRAPHS)


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    build_docx(DOCS / f"{NOTICE_STEM}.docx")
    build_pdf(DOCS / f"{XN_STEM}.pdf")
    print(f"wrote {NOTICE_STEM}.docx and {XN_STEM}.pdf under {DOCS}")


if __name__ == "__main__":
    main()
