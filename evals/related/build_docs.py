"""Regenerate the two binary gold documents in evals/related/docs/ (the .docx and the .pdf).

The .txt / .md / .html documents are written by hand; these two are produced from the text below so
that they can be rebuilt and reviewed as text. Run from the repository root:

    .venv/bin/python evals/related/build_docs.py

Needs python-docx (a runtime dependency) and fpdf2 (dev dependency) with the Noto CJK fonts
(Debian fonts-noto-cjk). Every document here is FICTIONAL test material.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common.typeset import add_table, new_pdf, pdf_source_text, save_pdf, table_source_text, unprefixed

DOCS = Path(__file__).resolve().parent / "docs"

# ───────────────────────────── the provincial 申报通知 (.docx) ─────────────────────────────

NOTICE_STEM = "hubei-2026-ime-support-declaration-notice"
NOTICE_HEAD = [
    "湖北省经济和信息化厅关于组织申报2026年度全省智能制造装备首台（套）及示范项目支持资金的通知（虚构测试文档）",
    "鄂经信装备〔2026〕45号",
    "各市、州、直管市、神农架林区经信局（委）：",
    "　　为贯彻落实省委、省政府关于推动制造业高质量发展的决策部署，加快智能制造装备推广应用，"
    "根据省级制造业高质量发展专项资金管理有关规定，现组织开展2026年度全省智能制造装备首台（套）"
    "及示范项目支持资金申报工作。有关事项通知如下。",
    "一、支持方向和标准",
    "（一）支持方向",
    "1.首台（套）重大技术装备推广应用。支持省内企业研制并实现首台（套）销售的智能制造装备。",
    "2.首台（套）保险补偿。支持企业投保首台（套）重大技术装备综合险，降低用户使用风险。",
    "3.智能制造示范工厂。支持企业建设覆盖设计、生产、管理、服务全流程的智能制造示范工厂。",
    "4.产业链协同创新联合体。支持链主企业联合上下游企业和高校、科研院所组建创新联合体，开展关键核心技术攻关。",
    "（二）支持标准",
    "各类项目的支持方式和支持标准见下表。",
]
NOTICE_TABLE = [
    ["项目类别", "支持方式", "支持标准"],
    ["首台（套）重大技术装备", "奖励",
     "按不超过产品销售价格的20%给予一次性奖励，单个产品最高不超过800万元"],
    ["首台（套）保险补偿", "保险补偿",
     "按不超过年度实际保费的80%给予补偿，单个企业最高不超过500万元"],
    ["智能制造示范工厂", "补助",
     "按不超过项目智能化设备投资额的15%给予补助，最高不超过1000万元"],
    ["产业链协同创新联合体", "项目补助",
     "按不超过联合体年度研发投入的30%给予补助，最高不超过300万元"],
]
NOTICE_BODY = [
    "二、申报条件",
    "（一）申报单位应为在湖北省境内注册登记、具有独立法人资格的企业，财务管理制度健全，"
    "近三年未发生重大安全、环保、质量事故，未被列入严重失信主体名单。",
    "（二）申报首台（套）重大技术装备奖励的，产品须已通过省级及以上首台（套）重大技术装备认定，"
    "于2025年1月1日以后实现首台（套）销售，且单台（套）销售价格不低于200万元。",
    "（三）申报首台（套）保险补偿的，企业须已投保首台（套）重大技术装备综合险，且保险期限起始于2026年内。",
    "（四）申报智能制造示范工厂的，申报单位须为规模以上工业企业，上年度主营业务收入不低于2亿元，"
    "研发投入占主营业务收入比重不低于3%，项目智能化设备投资额不低于3000万元，并已于2026年6月30日前建成投产。",
    "（五）申报产业链协同创新联合体的，须由省内智能制造装备链主企业牵头，"
    "联合不少于3家上下游企业和至少1家高校或科研院所组建，成员单位之间已签订合作协议。",
    "三、申报材料",
    "1.项目申报书（见附件1）；",
    "2.营业执照复印件；",
    "3.上年度财务审计报告；",
    "4.首台（套）认定文件、销售合同及发票，或保险合同及保费缴纳凭证（按项目类别提供）；",
    "5.信用承诺书（见附件2）。",
    "四、申报时间",
    "（一）首台（套）重大技术装备奖励和首台（套）保险补偿项目，申报截止时间为2027年1月15日（以申报系统提交时间为准）。",
    "（二）产业链协同创新联合体项目，申报截止时间为2026年12月20日。",
    "（三）智能制造示范工厂项目，申报截止时间为2026年11月20日，逾期不予受理。",
    "五、工作要求",
    "各市州经信部门要认真做好项目初审和推荐工作，对申报材料的真实性、完整性进行审核，"
    "于申报截止后5个工作日内将推荐文件报送省经信厅。",
    "六、联系方式",
    "省经信厅装备工业处　张某某　联系电话：027-87000001（虚构）",
    "省经信厅财务处　李某某　联系电话：027-87000002（虚构）",
    "附件：1.2026年度全省智能制造装备支持资金项目申报书",
    "　　　2.信用承诺书",
    "湖北省经济和信息化厅",
    "2026年10月20日",
    "附件1",
    "2026年度全省智能制造装备支持资金项目申报书",
    "申报单位（盖章）：　　　　　　　　项目类别：",
    "法定代表人：　　　　　　　　　　　联系人及电话：",
    "附件2",
    "信用承诺书",
    "本单位郑重承诺：所提交的申报材料真实、准确、完整，近三年未发生重大安全、环保、质量事故，"
    "未被列入严重失信主体名单。如有不实，愿承担相应责任。",
]


def build_docx(path: Path) -> None:
    from docx import Document  # runtime dependency of the project
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    title = doc.add_paragraph()
    title.add_run(NOTICE_HEAD[0]).bold = True
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number = doc.add_paragraph(NOTICE_HEAD[1])
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in NOTICE_HEAD[2:]:
        doc.add_paragraph(text)
    add_table(doc, NOTICE_TABLE)
    for text in NOTICE_BODY:
        paragraph = doc.add_paragraph(text)
        if text in ("湖北省经济和信息化厅", "2026年10月20日"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.core_properties.title = ""  # no metadata shortcut: the title must come from the text
    doc.save(str(path))


# ───────────────────────────── the 高新区管委会 red-letterhead file (.pdf) ─────────────────────────────

ZONE_STEM = "xiangyang-hitech-zone-2025-ime-policies"
ZONE_LETTERHEAD = "襄阳高新技术产业开发区管理委员会文件"
ZONE_NUMBER = "襄高管发〔2025〕6号"
ZONE_RUNNING_HEADER = "襄阳高新区管委会文件　襄高管发〔2025〕6号"
ZONE_TITLE = "襄阳高新区管委会关于印发《襄阳高新区支持智能制造装备企业发展若干政策》的通知（虚构测试文档）"
ZONE_PARAGRAPHS = [
    "各园区、各部门，区直各单位：",
    "　　《襄阳高新区支持智能制造装备企业发展若干政策》已经管委会主任办公会议研究同意，现印发给你们，请认真抓好落实。",
    "RIGHT:襄阳高新技术产业开发区管理委员会",
    "RIGHT:2025年5月10日",
    "CENTER:襄阳高新区支持智能制造装备企业发展若干政策（虚构测试文档）",
    "　　为加快集聚智能制造装备企业，打造具有全国影响力的智能制造装备产业园区，结合高新区实际，制定本政策。",
    "　　一、适用对象。本政策适用于工商注册、税务登记和统计关系均在襄阳高新区，从事智能制造装备研发、"
    "生产和系统集成的企业。享受本政策的企业须承诺近三年无重大安全生产事故，未被列入严重失信主体名单。",
    "　　二、设备购置补助。企业新购置生产性设备（不含二手设备）投资额达到500万元以上的，按设备购置额的8%给予补助，"
    "单个企业每年最高不超过200万元。",
    "　　三、新入规奖励。对首次纳入规模以上工业企业统计的智能制造装备企业，一次性奖励10万元。",
    "　　四、高新技术企业奖励。对首次认定为国家高新技术企业的智能制造装备企业，一次性奖励20万元；"
    "对通过重新认定的，一次性奖励5万元。",
    "　　五、厂房租金补贴。对租用园区标准厂房从事生产经营的智能制造装备中小企业，入驻前两年按实际租金的50%给予补贴，"
    "每家企业每年最高不超过30万元。",
    "　　六、人才安居补贴。对企业全职引进的硕士研究生，每人每月给予1500元租房补贴；"
    "对全职引进的博士研究生，每人每月给予3000元租房补贴，补贴期限最长3年。",
    "　　七、本政策与襄阳市同类政策不重复享受，按就高原则执行。本政策所需资金由高新区财政统筹安排。",
    "　　八、本政策自2025年6月1日起施行，有效期3年，由高新区经济发展局负责解释。",
    "抄送：襄阳市人民政府办公室，襄阳市经济和信息化局。",
    "襄阳高新区党政办公室　　　　　　2025年5月12日印发",
]


def _zone_pdf_class():
    from fpdf import FPDF  # dev dependency

    class ZonePDF(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:  # a running header as many scanned-then-OCR'd files carry
                self.set_font("cjk", size=9)
                self.set_text_color(110, 110, 110)
                self.cell(0, 6, ZONE_RUNNING_HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)
                self.set_text_color(0, 0, 0)

        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("cjk", size=12)
            self.cell(0, 8, f"— {self.page_no()} —", align="C")

    return ZonePDF


def build_pdf(path: Path) -> None:
    pdf = new_pdf(_zone_pdf_class(), (26, 30, 26))
    pdf.set_font("cjk", size=24)
    pdf.set_text_color(200, 0, 0)
    pdf.cell(0, 16, ZONE_LETTERHEAD, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("cjk", size=15)
    pdf.ln(4)
    pdf.cell(0, 9, ZONE_NUMBER, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(200, 0, 0)
    pdf.set_line_width(0.8)
    pdf.line(26, pdf.get_y() + 2, 210 - 26, pdf.get_y() + 2)
    pdf.ln(8)
    pdf.set_font("cjk", size=17)
    pdf.multi_cell(0, 10, ZONE_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("cjk", size=15)
    for paragraph in ZONE_PARAGRAPHS:
        text, align = unprefixed(paragraph)
        if text.startswith("　　"):  # first-line indent of two characters, as in the printed file
            pdf.set_x(pdf.l_margin + 2 * pdf.font_size)
            pdf.write(9, text[2:])
            pdf.ln(10)
        else:
            pdf.multi_cell(0, 9, text, align=align or "J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    save_pdf(pdf, path)


def zone_source_text() -> str:
    """The PDF's text as written (before wrapping), for validating labels."""
    return pdf_source_text([ZONE_LETTERHEAD, ZONE_NUMBER, ZONE_TITLE], ZONE_PARAGRAPHS)


def notice_source_text() -> str:
    """The docx's paragraphs and table cells, joined (rows as 'a | b | c')."""
    return table_source_text(NOTICE_HEAD, NOTICE_TABLE, NOTICE_BODY)


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    build_docx(DOCS / f"{NOTICE_STEM}.docx")
    build_pdf(DOCS / f"{ZONE_STEM}.pdf")
    print(f"wrote {NOTICE_STEM}.docx and {ZONE_STEM}.pdf under {DOCS}")


if __name__ == "__main__":
    main()
