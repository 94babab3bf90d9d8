"""Regenerate docs/enshi-2026-smart-factory-implementation-rules.docx from the text held here (python-docx).

    .venv/bin/python evals/dev-library/build_docs.py

FICTIONAL test material: the 恩施 细则 implementing the province's 2026 智能工厂 notice, in 第X条 form, with the
support standards in a 3-column table (奖补类别 | 奖补标准 | 条件).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

HERE = Path(__file__).resolve().parent
HS_FILE = HERE / "docs" / "enshi-2026-smart-factory-implementation-rules.docx"

HS_TITLE = "恩施州智能工厂和数字化车间建设奖补实施细则（虚构测试文档）"
HS_BEFORE = [
    ("center", "恩州经信发〔2026〕12号"),
    ("", "第一条　为落实省经信厅关于省级智能工厂和数字化车间认定工作的部署，"
         "加快我州制造业智能化改造，结合我州实际，制定本细则。"),
    ("", "第二条　本细则适用于在恩施州行政区域内（含恩施市、利川市、建始县）注册登记、"
         "纳入规模以上工业统计的制造业企业。"),
    ("", "第三条　州级数字化车间和州级智能工厂每年认定一次，由州经信局组织评审，认定结果在州人民政府门户网站公示7天。"),
    ("", "第四条　奖补标准按下表执行："),
]
HS_TABLE = [
    ["奖补类别", "奖补标准", "条件"],
    ["州级数字化车间", "给予一次性奖励30万元", "关键工序数控化率不低于60%"],
    ["州级智能工厂", "给予一次性奖励80万元", "已建成2个以上州级数字化车间"],
    ["省级认定配套奖励", "按省级奖励资金的50%给予配套奖励", "当年获评省级智能工厂或省级数字化车间"],
    ["智能化改造设备补助", "按设备投资额的8%给予补助，单个项目最高不超过400万元", "项目设备投资额不低于1000万元"],
]
HS_AFTER = [
    ("", "第五条　同一项目同时符合本细则和州级其他政策的，按照就高不重复的原则给予支持。"),
    ("", "第六条　申请智能化改造设备补助的，企业应在项目竣工投产后6个月内提出申请，"
         "提交项目备案证、设备购置发票和竣工验收报告。"),
    ("", "第七条　企业通过弄虚作假等手段骗取奖补资金的，由州经信局追回资金，并取消其3年内申报州级财政支持项目的资格。"),
    ("", "第八条　本细则由恩施州经济和信息化局负责解释，咨询电话：0718-6221086。"),
    ("", "第九条　本细则自2026年5月1日起施行，有效期至2028年12月31日。"),
    ("right", "恩施州经济和信息化局"),
    ("right", "恩施州财政局"),
    ("right", "2026年4月15日"),
]


def _paragraph(doc: Document, align: str, text: str) -> None:
    p = doc.add_paragraph(text)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def build_enshi() -> None:
    doc = Document()
    doc.core_properties.title = "附件"
    title = doc.add_paragraph(HS_TITLE)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for align, text in HS_BEFORE:
        _paragraph(doc, align, text)
    table = doc.add_table(rows=len(HS_TABLE), cols=3)
    for r, row in enumerate(HS_TABLE):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for align, text in HS_AFTER:
        _paragraph(doc, align, text)
    doc.save(str(HS_FILE))


if __name__ == "__main__":
    build_enshi()
    print(HS_FILE)
