"""Regenerate the binary development documents in evals/dev-items/docs/ (two .docx, one .pdf).

The .txt, .md and .html documents are written by hand; these three are produced from the text
below so that they can be rebuilt and reviewed as text. Run from the repository root:

    .venv/bin/python evals/dev-items/build_docs.py

Needs python-docx and fpdf2 with the Noto CJK fonts. Every document here is FICTIONAL test material.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.typeset import new_pdf, pdf_source_text, save_pdf, write_articles

DOCS = Path(__file__).resolve().parent / "docs"

# ───── A. 湖北省 保险补偿 申报通知 (.docx): a table with a merged two-row header (支持标准 over 比例 | 上限) ─────

INS_STEM = "hubei-2026-first-set-insurance-compensation-notice"
INS_HEAD = [
    "湖北省经济和信息化厅关于组织开展2026年度首台（套）重大技术装备和首批次新材料保险补偿申报工作的通知（虚构测试文档）",
    "鄂经信装备〔2026〕47号",
    "各市、州、直管市、神农架林区经信局：",
    "为加快首台（套）重大技术装备和首批次新材料推广应用，现就2026年度保险补偿申报工作通知如下。",
    "一、支持内容",
    "保险补偿的支持事项和标准见下表。",
]
INS_TABLE = [  # two header rows: 支持标准 spans 补偿比例 and 补偿上限; 序号 / 支持事项 / 申报条件 span both rows
    ["序号", "支持事项", "支持标准", "支持标准", "申报条件"],
    ["序号", "支持事项", "补偿比例", "补偿上限", "申报条件"],
    ["1", "首台（套）重大技术装备保险补偿", "按年度实际保费的80%给予补偿", "单个产品最高不超过500万元",
     "产品列入《湖北省首台（套）重大技术装备推广应用指导目录》，且投保首台（套）综合险"],
    ["2", "国家首台（套）叠加补偿", "按年度实际保费的20%叠加补偿", "最高不超过200万元",
     "产品获得国家首台（套）重大技术装备认定"],
    ["3", "首批次新材料保险补偿", "按年度实际保费的70%给予补偿", "单个产品最高不超过三百万元",
     "产品列入《重点新材料首批次应用示范指导目录》"],
]
INS_BODY = [
    "二、申报条件",
    "（一）在湖北省境内注册登记、具有独立法人资格的企业；",
    "（二）投保时间在2025年7月1日至2026年6月30日之间；",
    "（三）近三年无重大违法违规记录。",
    "三、申报时间",
    "申报时间为2026年11月10日至2026年12月25日，逾期不予受理。",
    "四、申报材料",
    "保险补偿申请表、保险合同及保费发票复印件、首台（套）或首批次认定文件。",
    "湖北省经济和信息化厅",
    "2026年11月5日",
]
INS_RIGHT = ("湖北省经济和信息化厅", "2026年11月5日")


def _merged_table(doc, rows: list[list[str]]) -> None:
    """The table with its two header rows merged as printed: equal neighbours in row 0 across, and
    equal cells of rows 0 and 1 down."""
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, cells in enumerate(rows[2:], 2):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    top, second = rows[0], rows[1]
    for c in range(len(top)):
        if top[c] == second[c]:
            table.cell(0, c).merge(table.cell(1, c)).text = top[c]
        else:
            table.cell(1, c).text = second[c]
    start = 0
    while start < len(top):  # horizontal runs of the same header text in row 0
        end = start
        while end + 1 < len(top) and top[end + 1] == top[start] and top[start] != second[start]:
            end += 1
        if end > start:
            table.cell(0, start).merge(table.cell(0, end)).text = top[start]
        elif top[start] != second[start]:
            table.cell(0, start).text = top[start]
        start = end + 1


def build_insurance_docx(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    for i, text in enumerate(INS_HEAD):
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = i == 0
        if i < 2:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _merged_table(doc, INS_TABLE)
    for text in INS_BODY:
        paragraph = doc.add_paragraph(text)
        if text in INS_RIGHT:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(str(path))


# ───── B. 湖北省 融资 若干措施 (.docx): bold-lead paragraphs without numbers ─────

FIN_STEM = "hubei-2026-smart-manufacturing-finance-measures"
FIN_TITLE = "湖北省支持智能制造企业融资发展的若干措施（虚构测试文档）"
FIN_NUMBER = "鄂财金规〔2025〕12号"
FIN_INTRO = ("为拓宽智能制造企业融资渠道，降低融资成本，制定以下措施。本措施支持在湖北省境内注册登记的智能制造企业，"
             "申报企业须承诺近三年无重大违法违规行为。")
FIN_LEADS = [
    ("发挥产业基金作用。", "省级智能制造产业投资基金对符合条件的高新技术企业开展股权投资，"
     "单个企业投资额最高不超过二亿元。"),
    ("强化融资担保支持。", "省级政府性融资担保机构对智能制造中小企业单户1000万元以下贷款提供担保，担保费率不高于1%。"),
    ("实施设备购置贴息。", "对企业购置智能制造装备的中长期贷款，按实际付息额的百分之三十给予贴息，"
     "单户企业每年最高不超过一百万元。"),
    ("支持研发投入大户。", "对上年度研发费用不低于3000万元、且研发费用占营业收入比例不低于百分之五的高新技术企业，"
     "给予研发后补助，最高不超过五百万元。"),
    ("申报安排。", "上述事项每年集中受理一次，受理时间为每年4月1日至5月31日，企业通过所在市（州）财政部门申报。"),
    ("施行期限。", "本措施自2026年1月1日起施行，有效期至2028年12月31日。"),
]
FIN_SIGN = ["湖北省财政厅", "湖北省经济和信息化厅", "2025年12月20日"]


def build_finance_docx(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    for text in (FIN_TITLE, FIN_NUMBER):
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = text == FIN_TITLE
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(FIN_INTRO)
    for lead, rest in FIN_LEADS:
        paragraph = doc.add_paragraph()
        paragraph.add_run(lead).bold = True
        paragraph.add_run(rest)
    for text in FIN_SIGN:
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.core_properties.title = "Microsoft Word - 文档1"  # an uninformative metadata title
    doc.save(str(path))


def finance_source_text() -> str:
    return "\n".join([FIN_TITLE, FIN_NUMBER, FIN_INTRO, *(a + b for a, b in FIN_LEADS), *FIN_SIGN])


# ───── C. 十堰 奖励办法 (.pdf, expired): 一、 with （一）（二） lists, page numbers "- 1 -" ─────

SY_STEM = "shiyan-2023-auto-parts-equipment-reward-measures"
SY_TITLE = "十堰市促进汽车零部件与智能装备产业协同发展奖励办法（虚构测试文档）"
SY_NUMBER = "十政办规〔2023〕6号"
SY_PARAGRAPHS = [
    "H:一、奖励对象",
    "　　在十堰市（含张湾区、茅箭区、郧阳区、丹江口市、十堰经济技术开发区）注册登记、"
    "依法纳税的汽车零部件和智能装备企业。",
    "H:二、奖励标准",
    "　　（一）配套奖励。对新进入国内整车企业一级配套体系的本地零部件企业，按年度配套销售额新增部分的1%给予奖励，"
    "每家每年最高不超过100万元。",
    "　　（二）技术中心奖励。对新认定的国家级企业技术中心，给予一次性奖励100万元；对新认定的省级企业技术中心，"
    "给予一次性奖励三十万元。",
    "　　（三）融资担保补贴。对通过市级政府性融资担保机构获得贷款的企业，按实际担保费的50%给予补贴，"
    "每家每年最高不超过30万元。",
    "H:三、附则",
    "　　本办法自2023年7月1日起施行，有效期至2025年12月31日，由十堰市经济和信息化局负责解释。",
    "RIGHT:十堰市人民政府办公室",
    "RIGHT:2023年6月8日",
]


def _sy_pdf_class():
    from fpdf import FPDF

    class SyPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("cjk", size=10)
            self.cell(0, 8, f"- {self.page_no()} -", align="C")

    return SyPDF


def build_pdf(path: Path) -> None:
    pdf = new_pdf(_sy_pdf_class(), (26, 28, 26))
    pdf.set_font("cjk", size=18)
    pdf.multi_cell(0, 11, SY_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=14)
    pdf.cell(0, 9, SY_NUMBER, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("cjk", size=15)
    write_articles(pdf, SY_PARAGRAPHS)
    save_pdf(pdf, path)


def sy_source_text() -> str:
    return pdf_source_text([SY_TITLE, SY_NUMBER], SY_PARAGRAPHS)


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    build_insurance_docx(DOCS / f"{INS_STEM}.docx")
    build_finance_docx(DOCS / f"{FIN_STEM}.docx")
    build_pdf(DOCS / f"{SY_STEM}.pdf")
    print("wrote two .docx and one .pdf under", DOCS)


if __name__ == "__main__":
    main()
