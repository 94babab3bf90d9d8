"""Regenerate docs/hubei-2026-industrial-internet-fund-notice.docx from the text held here (python-docx).

    .venv/bin/python evals/dev-library2/build_docs.py

FICTIONAL test material: a provincial 申报通知 whose substance is all in its 附件1 (申报指南), whose support
directions are a 3-column table (支持方向 | 支持标准 | 申报条件).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

HERE = Path(__file__).resolve().parent
FILE = HERE / "docs" / "hubei-2026-industrial-internet-fund-notice.docx"

TITLE = "湖北省经济和信息化厅关于组织申报2026年度工业互联网创新发展专项资金项目的通知（虚构测试文档）"
BEFORE = [
    ("center", "鄂经信信发〔2026〕52号"),
    ("", "各市、州、直管市、神农架林区经信局："),
    ("", "为加快工业互联网创新发展，现组织申报2026年度工业互联网创新发展专项资金项目。"
         "有关事项详见《2026年度工业互联网创新发展专项资金申报指南》（附件1），请认真组织企业申报。"),
    ("", "请各地经信部门于2026年12月20日前完成初审，并将推荐项目汇总表（附件2）报送省经信厅信息化推进处。"),
    ("", "附件：1．2026年度工业互联网创新发展专项资金申报指南"),
    ("", "　　　2．推荐项目汇总表"),
    ("right", "湖北省经济和信息化厅"),
    ("right", "2026年10月20日"),
    ("", "附件1"),
    ("center", "2026年度工业互联网创新发展专项资金申报指南"),
    ("", "一、支持方向和标准"),
    ("", "专项资金采取事后奖补方式，支持方向、支持标准和申报条件如下表："),
]
TABLE = [
    ["支持方向", "支持标准", "申报条件"],
    ["工业互联网标识解析二级节点", "按项目投资额的30%给予奖补，最高不超过500万元",
     "节点已上线运行，标识注册量不少于1亿条"],
    ["工业互联网平台", "按平台建设投资额的20%给予奖补，最高不超过300万元",
     "平台连接工业设备不少于5万台（套），服务企业不少于200家"],
    ["5G+工业互联网融合应用", "按项目投资额的15%给予奖补，最高不超过200万元",
     "项目总投资不低于1000万元，已完成5G专网部署"],
    ["工业互联网安全防护", "按项目投资额的15%给予奖补，最高不超过100万元",
     "通过工业互联网安全分类分级管理评估"],
    ["中小企业数字化改造试点", "按改造投入的20%给予奖补，最高不超过50万元",
     "上年度主营业务收入在2000万元至4亿元之间的中小企业"],
]
AFTER = [
    ("", "二、申报要求"),
    ("", "（一）申报单位应为在湖北省境内注册、具有独立法人资格的企业，近三年未发生重大安全、环保、质量事故。"),
    ("", "（二）项目应于2024年1月1日以后开工建设，并在申报时完成建设任务。"),
    ("", "（三）每个企业限报1个项目，已获得省级财政资金支持的同一项目不得重复申报。"),
    ("", "三、申报材料"),
    ("", "（一）项目申报书；（二）项目投资发票及支付凭证；（三）上年度财务审计报告；（四）项目建设成效证明材料。"),
    ("", "四、联系方式"),
    ("", "省经信厅信息化推进处　张工　027-87651188"),
]


def build() -> None:
    doc = Document()
    doc.add_heading(TITLE, level=1)
    for align, text in BEFORE:
        add_paragraph(doc, align, text)
    table = doc.add_table(rows=0, cols=3)
    for row in TABLE:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    for align, text in AFTER:
        add_paragraph(doc, align, text)
    doc.save(str(FILE))


def add_paragraph(doc: Document, align: str, text: str) -> None:
    p = doc.add_paragraph(text)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


if __name__ == "__main__":
    build()
