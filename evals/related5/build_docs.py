"""Regenerate the two binary gold documents in evals/related5/docs/ (the .docx and the .pdf).

The .txt, .html and .md documents are written by hand; these two are produced from the text below
so that they can be rebuilt and reviewed as text. Run from the repository root:

    .venv/bin/python evals/related5/build_docs.py

Needs python-docx (a runtime dependency) and fpdf2 (dev dependency) with the Noto CJK fonts
(Debian fonts-noto-cjk). Every document here is FICTIONAL test material.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.typeset import new_pdf, pdf_source_text, save_pdf, write_articles

DOCS = Path(__file__).resolve().parent / "docs"

# ───── N. the national 三部委 通知 (.docx): a short body, then 附件 申报指南 (a table with merged headers) ─────

NAT_STEM = "national-2026-smart-inspection-equipment-pilot-notice"
NAT_BODY = [
    "工业和信息化部　国家发展改革委　财政部关于组织开展智能检测装备创新应用揭榜试点工作的通知（虚构测试文档）",
    "工信部联装〔2026〕217号",
    "各省、自治区、直辖市及计划单列市、新疆生产建设兵团工业和信息化主管部门、发展改革委、财政厅（局）：",
    "为加快智能检测装备创新发展和推广应用，提升制造业质量保障能力，现组织开展智能检测装备创新应用揭榜试点工作。"
    "请按照《智能检测装备创新应用揭榜试点申报指南》（见附件）组织本地区企业申报，"
    "并于2027年1月31日前将推荐材料报送工业和信息化部（装备工业一司）。",
    "联系电话：010-6820XXXX（虚构）",
    "附件：智能检测装备创新应用揭榜试点申报指南",
    "工业和信息化部　国家发展改革委　财政部",
    "2026年10月20日",
]
NAT_ANNEX_HEAD = [
    "附件",
    "智能检测装备创新应用揭榜试点申报指南",
    "一、申报主体",
    "申报主体应为在中华人民共和国境内注册、具有独立法人资格的企业，财务状况良好，"
    "近三年未被列入严重失信主体名单。鼓励企业联合高校、科研院所组成联合体申报，联合体成员不超过5家。",
    "二、揭榜方向和支持标准",
    "揭榜方向、支持标准和申报条件见下表。同一企业只能选择一个揭榜方向申报。",
]
# two header rows: 支持标准 spans 支持方式 and 最高额度; 揭榜方向 and 申报条件 span both header rows
NAT_HEADER = [["揭榜方向", "支持标准", "支持标准", "申报条件"], ["揭榜方向", "支持方式", "最高额度", "申报条件"]]
NAT_ROWS = [
    ["（一）智能检测装备研制", "按项目总投资的30%给予中央财政补助", "最高不超过3000万元",
     "项目总投资不低于5000万元，申报企业上年度研发费用占营业收入比例不低于5%"],
    ["（二）行业应用示范", "按项目设备投资额的20%给予补助", "最高不超过1000万元",
     "申报企业为用户企业，上年度营业收入不低于5亿元"],
    ["（三）检测公共服务平台", "一次性奖励", "500万元",
     "平台运营单位拥有通过中国合格评定国家认可委员会（CNAS）认可的检测实验室"],
]
NAT_ANNEX_BODY = [
    "三、申报时间",
    "企业申报时间为2026年11月1日至2027年1月15日，逾期不予受理。"
    "各省级工业和信息化主管部门会同发展改革委、财政厅（局）审核后，于2027年1月31日前完成推荐。",
    "四、申报材料",
    "（一）揭榜试点申报书；（二）企业营业执照和上年度财务审计报告；（三）项目可行性研究报告；"
    "（四）联合体协议（联合体申报的提供）；（五）信用承诺书。",
    "五、组织实施",
    "工业和信息化部会同国家发展改革委、财政部组织专家评审，择优确定揭榜试点项目，试点期为两年。",
]


def _merged_table(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    rows = NAT_HEADER + NAT_ROWS
    table = doc.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    table.cell(0, 1).merge(table.cell(0, 2))  # 支持标准 over its two sub-columns
    table.cell(0, 0).merge(table.cell(1, 0))  # 揭榜方向 over both header rows
    table.cell(0, 3).merge(table.cell(1, 3))  # 申报条件 over both header rows
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = table.cell(r, c)
            if r < 2 and cell.text:  # a merged cell already written
                continue
            cell.text = text
            if r < 2:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def build_docx(path: Path) -> None:
    from docx import Document  # runtime dependency of the project
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    doc = Document()
    for i, text in enumerate(NAT_BODY):
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = i == 0
        if i < 2:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if i >= len(NAT_BODY) - 2:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)  # the 附件 starts on a new page
    for i, text in enumerate(NAT_ANNEX_HEAD):
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = i in (1, 2, 4)
        if i == 1:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _merged_table(doc)
    for text in NAT_ANNEX_BODY:
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = text[:2] in ("三、", "四、", "五、")
    doc.core_properties.title = "关于组织开展揭榜试点工作的通知"
    doc.save(str(path))


# ───── H. the 黄石市 申报通知 (.pdf, two pages): 一、…, a numbered table 表1, a window not yet open, 随时申报 ─────

HS_STEM = "huangshi-2027-intelligent-equipment-fund-application-notice"
HS_TITLE = "黄石市经济和信息化局关于组织申报2027年度智能装备产业发展专项资金项目的通知（虚构测试文档）"
HS_NUMBER = "黄石经信发〔2026〕96号"
HS_FOOTER = "— {page} —"
HS_INTRO = [
    "H:各县（市、区）经信部门，黄石经济技术开发区·铁山区经济发展局，有关企业：",
    "　　根据《黄石市智能装备产业发展专项资金管理办法》，现将2027年度专项资金项目申报工作通知如下。",
    "H:一、申报范围",
    "　　在黄石市行政区域内（含大冶市、阳新县、黄石港区、西塞山区、下陆区、铁山区、黄石经济技术开发区）注册登记、"
    "纳入规模以上工业统计的智能装备制造企业。申报企业近三年无重大安全生产和环境污染事故，未被列入严重失信主体名单。",
    "H:二、支持类别",
    "　　本年度设四个类别，支持标准、条件和受理方式见表1。",
]
HS_TABLE_TITLE = "表1　2027年度专项资金支持类别"
HS_TABLE = [
    ["序号", "支持类别", "支持标准", "申报条件", "受理方式"],
    ["1", "首台（套）装备推广", "按销售合同额的10%给予奖励，最高200万元",
     "产品于2026年度获得湖北省首台（套）重大技术装备认定", "集中受理"],
    ["2", "设备更新贷款贴息", "按实际付息额的50%给予贴息，每家最高100万元", "2026年新增设备更新贷款1000万元以上",
     "集中受理"],
    ["3", "“小巨人”企业培育", "一次性奖励50万元", "新获评国家级专精特新“小巨人”企业", "随时申报"],
    ["4", "2026年度技改项目补报", "按设备投资额的8%给予补助，最高300万元",
     "2026年竣工、设备投资500万元以上的智能化改造项目", "限期补报"],
]
HS_BODY = [
    "H:三、申报时间",
    "　　第1类、第2类项目集中受理，申报时间为2027年1月4日至2027年2月26日，逾期不予受理。"
    "第3类项目随时申报，企业在获评之日起6个月内提出申请。"
    "第4类为2026年度技改项目补报，申报截止时间为2026年11月30日，逾期不再受理。",
    "H:四、申报材料",
    "　　1．专项资金项目申报表；2．营业执照复印件；3．2026年度财务审计报告；"
    "4．首台（套）认定文件、销售合同及发票（第1类）；5．贷款合同及付息凭证（第2类）；6．“小巨人”认定文件（第3类）。",
    "H:五、申报方式",
    "　　企业登录黄石市惠企政策服务平台（虚构）在线申报，纸质材料一式两份报送所在县（市、区）经信部门。",
    "　　联系人：周科长，电话：0714-6280XXX（虚构）。",
    "RIGHT:黄石市经济和信息化局",
    "RIGHT:2026年11月20日",
]


def _hs_pdf_class():
    from fpdf import FPDF  # dev dependency

    class HsPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("cjk", size=10)
            self.cell(0, 8, HS_FOOTER.format(page=self.page_no()), align="C")

    return HsPDF


def build_pdf(path: Path) -> None:
    pdf = new_pdf(_hs_pdf_class(), (24, 26, 24))
    pdf.set_font("cjk", size=17)
    pdf.multi_cell(0, 10, HS_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=13)
    pdf.cell(0, 9, HS_NUMBER, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("cjk", size=14)
    write_articles(pdf, HS_INTRO)
    pdf.set_font("cjk", size=12)
    pdf.cell(0, 9, HS_TABLE_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=10)
    from fpdf.fonts import FontFace

    with pdf.table(col_widths=(8, 24, 40, 46, 18), line_height=6, headings_style=FontFace()) as table:
        for cells in HS_TABLE:
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.ln(4)
    pdf.set_font("cjk", size=14)
    write_articles(pdf, HS_BODY)
    save_pdf(pdf, path)


def hs_source_text() -> str:
    """The PDF's text as written (before wrapping), for validating labels; table rows as 'a | b | c'."""
    table = [HS_TABLE_TITLE, *(" | ".join(row) for row in HS_TABLE)]
    return pdf_source_text([HS_TITLE, HS_NUMBER], [*HS_INTRO, *table, *HS_BODY])


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    build_docx(DOCS / f"{NAT_STEM}.docx")
    build_pdf(DOCS / f"{HS_STEM}.pdf")
    print(f"wrote {NAT_STEM}.docx and {HS_STEM}.pdf under {DOCS}")


if __name__ == "__main__":
    main()
