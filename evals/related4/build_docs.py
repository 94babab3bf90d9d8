"""Regenerate the two binary gold documents in evals/related4/docs/ (the .docx and the .pdf).

The .txt, .html and .md documents are written by hand; these two are produced from the text below
so that they can be rebuilt and reviewed as text. Run from the repository root:

    .venv/bin/python evals/related4/build_docs.py

Needs python-docx (a runtime dependency) and fpdf2 (dev dependency) with the Noto CJK fonts
(Debian fonts-noto-cjk). Every document here is FICTIONAL test material.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.typeset import add_table, new_pdf, pdf_source_text, save_pdf, table_source_text, write_articles

DOCS = Path(__file__).resolve().parent / "docs"

# ───── A. the 湖北省 管理办法 (.docx): 第一章…第五章 / 第一条…, a 4-column table with per-row conditions ─────

MEASURES_STEM = "hubei-2026-cnc-machine-tool-special-fund-measures"
MEASURES_HEAD = [
    "湖北省高端数控机床与工业母机产业发展专项资金管理办法（虚构测试文档）",
    "鄂经信规〔2026〕2号",
    "第一章　总则",
    "第一条　为加快发展高端数控机床与工业母机产业，规范省级专项资金（以下简称专项资金）管理，"
    "提高资金使用效益，根据省级财政专项资金管理有关规定，制定本办法。",
    "第二条　专项资金由省级财政预算安排。省经济和信息化厅负责项目组织、评审和绩效管理，"
    "省财政厅负责资金预算和拨付。",
    "第三条　专项资金支持对象为在湖北省境内注册登记、具有独立法人资格，从事数控机床整机、数控系统、"
    "关键功能部件研发制造或应用的企业。申报企业近三年未发生重大安全生产、质量和环境污染事故，"
    "未被列入严重失信主体名单。",
    "第二章　支持类别和标准",
    "第四条　专项资金按下表所列类别给予支持。同一项目不得同时申报两个以上类别。",
]
MEASURES_TABLE = [
    ["支持类别", "支持标准", "申报条件", "受理时间"],
    ["首台（套）数控机床推广应用", "按首台（套）产品销售价格的20%给予奖励，单台（套）最高不超过500万元",
     "产品列入湖北省首台（套）重大技术装备推广应用指导目录，且在省内首次实现销售", "每年3月1日至3月31日"],
    ["关键功能部件攻关", "按项目研发投入的30%给予补助，单个项目最高不超过1000万元",
     "上年度主营业务收入不低于2亿元，研发费用占主营业务收入比例不低于5%", "每年6月1日至6月30日"],
    ["用户企业示范应用", "按购置金额的10%给予补贴，每家企业每年最高不超过300万元",
     "当年购置省内企业生产的高档数控机床金额不低于1000万元", "每年9月1日至9月30日"],
    ["融资租赁贴息", "按实际支付租息的50%给予贴息，单个企业每年最高不超过100万元",
     "通过融资租赁方式购置数控机床，且租赁合同期限不少于2年", "每年9月1日至9月30日"],
    ["制造业单项冠军培育", "对新获评国家级制造业单项冠军企业的，一次性奖励200万元",
     "获评时间在本办法施行之后，且主导产品为数控机床或其功能部件", "常年受理"],
]
MEASURES_BODY = [
    "第五条　同一企业同一年度获得专项资金支持累计不超过1500万元。",
    "第六条　专项资金不得用于企业日常经费支出、偿还债务和支付罚款。",
    "第三章　申报与审核",
    "第七条　省经济和信息化厅在各类别受理时间开始前发布年度申报通知。企业通过湖北省企业服务平台（虚构）在线填报，"
    "并将纸质材料报送所在市（州）经信部门，经市（州）经信部门会同财政部门初审后报省经济和信息化厅。",
    "第八条　申报材料包括：专项资金申报书，营业执照复印件，上年度财务审计报告，项目合同、发票等证明材料，信用承诺书。",
    "第九条　省经济和信息化厅组织第三方机构开展评审，评审结果在省经济和信息化厅门户网站公示，公示期为5个工作日。",
    "第四章　监督管理",
    "第十条　对弄虚作假骗取专项资金的企业，追回已拨付资金，五年内不得申报省级专项资金。",
    "第五章　附则",
    "第十一条　本办法由省经济和信息化厅、省财政厅负责解释。",
    "第十二条　本办法自2026年4月1日起施行，有效期至2030年12月31日。"
    "《湖北省数控机床产业发展专项资金管理暂行办法》（鄂经信规〔2021〕5号）同时废止。",
    "湖北省经济和信息化厅",
    "湖北省财政厅",
    "2026年3月18日",
]
MEASURES_RIGHT = ("湖北省经济和信息化厅", "湖北省财政厅", "2026年3月18日")
MEASURES_CHAPTERS = ("第一章", "第二章", "第三章", "第四章", "第五章")


def build_docx(path: Path) -> None:
    from docx import Document  # runtime dependency of the project
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    for i, text in enumerate(MEASURES_HEAD):
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = i == 0 or text.startswith(MEASURES_CHAPTERS)
        if i < 2 or text.startswith(MEASURES_CHAPTERS):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_table(doc, MEASURES_TABLE)
    for text in MEASURES_BODY:
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = text.startswith(MEASURES_CHAPTERS)
        if text.startswith(MEASURES_CHAPTERS):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text in MEASURES_RIGHT:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.core_properties.title = "附件"  # an uninformative metadata title: the text's title wins
    doc.save(str(path))


def measures_source_text() -> str:
    return table_source_text(MEASURES_HEAD, MEASURES_TABLE, MEASURES_BODY)


# ───── B. the 荆门 实施细则 (.pdf): 一、（一）1., wrapped lines, a running title header, 第X页 共Y页 footer ─────

JM_STEM = "jingmen-2026-ime-chain-implementation-rules"
JM_TITLE = "荆门市智能装备产业链强链延链实施细则（虚构测试文档）"
JM_HEADER = "荆门市智能装备产业链强链延链实施细则"  # on every page after the first, without the note
JM_NUMBER = "荆经信规〔2025〕4号"
JM_FOOTER = "第{page}页 共{{nb}}页"
JM_PARAGRAPHS = [
    "　　为落实《荆门市加快智能装备产业发展若干政策》（荆政发〔2025〕11号），推动智能装备产业链强链延链，"
    "制定本细则。",
    "H:一、适用范围",
    "　　本细则适用于在荆门市（含京山市、钟祥市、沙洋县、东宝区、掇刀区、漳河新区、荆门高新区）注册登记并纳税的"
    "智能装备制造企业及配套企业。申报企业应依法经营、信用良好，近三年未发生较大及以上安全生产事故。",
    "H:二、支持内容和标准",
    "H:（一）梯度培育奖励",
    "　　1．对首次获评国家级专精特新“小巨人”企业的，给予一次性奖励60万元。",
    "　　2．对首次获评国家级制造业单项冠军企业（产品）的，给予一次性奖励150万元。",
    "　　3．对上年度主营业务收入首次突破10亿元、且研发费用占主营业务收入比例不低于3%的企业，"
    "给予一次性奖励100万元。",
    "H:（二）首台（套）应用奖励",
    "　　对产品被认定为省级首台（套）重大技术装备的企业，按该产品首年销售额的15%给予奖励，"
    "每家最高不超过200万元。",
    "H:（三）智能化改造补助",
    "　　对上年度主营业务收入2000万元以上、年末从业人员50人以上的企业实施的智能化改造项目，"
    "项目设备投资额不低于500万元的，按项目设备投资额的12%给予补助，单个项目不超过300万元。",
    "H:（四）产业链协同",
    "　　1．对牵头组建市级智能装备产业创新联合体、成员单位不少于5家（其中市外高校或科研院所不少于1家）的企业，"
    "给予一次性工作经费补助50万元。",
    "　　2．对加入荆门市智能装备产业联盟的企业，年度采购联盟内本地企业配套产品金额超过1000万元的，"
    "按采购额的2%给予奖励，每家最高50万元。",
    "H:三、兑现程序",
    "　　奖补资金每年集中兑现一次，企业向所在县（市、区）经信部门提出申请，荆门高新区企业向高新区经济发展局提出申请，"
    "具体时间以年度申报通知为准。",
    "H:四、其他",
    "　　同一企业同一事项符合本细则和市级其他政策的，按就高原则执行，不重复享受。"
    "单个企业每年享受本细则奖补资金总额不超过500万元。",
    "　　本细则由荆门市经济和信息化局负责解释，自2026年1月1日起施行，有效期两年。",
    "RIGHT:荆门市经济和信息化局　荆门市财政局",
    "RIGHT:2025年12月15日",
]


def _jm_pdf_class():
    from fpdf import FPDF  # dev dependency

    class JmPDF(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:  # the running title header of later pages
                self.set_font("cjk", size=10)
                self.cell(0, 6, JM_HEADER, align="L")
                self.ln(10)

        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("cjk", size=10)
            self.cell(0, 8, JM_FOOTER.format(page=self.page_no()), align="C")

    return JmPDF


def build_pdf(path: Path) -> None:
    pdf = new_pdf(_jm_pdf_class(), (26, 28, 26))
    pdf.set_font("cjk", size=18)
    pdf.multi_cell(0, 11, JM_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=14)
    pdf.cell(0, 9, JM_NUMBER, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("cjk", size=15)
    write_articles(pdf, JM_PARAGRAPHS)
    save_pdf(pdf, path)


def jm_source_text() -> str:
    """The PDF's text as written (before wrapping), for validating labels."""
    return pdf_source_text([JM_TITLE, JM_NUMBER], JM_PARAGRAPHS)


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    build_docx(DOCS / f"{MEASURES_STEM}.docx")
    build_pdf(DOCS / f"{JM_STEM}.pdf")
    print(f"wrote {MEASURES_STEM}.docx and {JM_STEM}.pdf under {DOCS}")


if __name__ == "__main__":
    main()
