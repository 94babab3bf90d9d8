"""Regenerate the one binary development document in evals/dev-items2/docs/ (a .docx whose support
standards stand in an appended table, 补助标准见附表). Run from the repository root:

    .venv/bin/python evals/dev-items2/build_docs.py

Needs python-docx. The document is FICTIONAL test material.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

DOCS = Path(__file__).resolve().parent / "docs"
STEM = "hubei-2027-manufacturing-fund-smart-direction-notice"
HEAD = [
    "湖北省经济和信息化厅　湖北省财政厅关于组织申报2027年度省制造业高质量发展专项资金（智能制造方向）"
    "项目的通知（虚构测试文档）",
    "鄂经信规划〔2026〕61号",
    "各市、州、直管市、神农架林区经信局、财政局：",
    "根据省制造业高质量发展专项资金管理有关规定，现将2027年度智能制造方向项目申报工作通知如下。",
    "一、支持方向",
    "支持智能工厂、数字化车间、智能制造系统解决方案供应商、工业互联网标识解析二级节点四个方向，补助标准见附表。",
    "二、申报条件",
    "（一）在湖北省境内注册登记、具有独立法人资格的规上工业企业；",
    "（二）上年度营业收入5千万元以上；",
    "（三）财务管理制度健全，近三年未被列入严重失信主体名单。",
    "三、申报时间",
    "即日起至2027年1月10日，逾期不予受理。",
    "四、工作要求",
    "各地经信、财政部门要高度重视，认真做好项目审核推荐工作，确保申报材料真实准确。",
    "湖北省经济和信息化厅　湖北省财政厅",
    "2026年11月18日",
    "附表　支持方向及补助标准",
]
TABLE = [
    ["序号", "支持方向", "支持对象", "补助标准"],
    ["1", "智能工厂", "当年度首次认定的省级智能工厂", "给予一次性奖补200万元"],
    ["2", "数字化车间", "当年度首次认定的省级数字化车间", "给予一次性奖补80万元"],
    ["3", "系统解决方案供应商", "列入省级智能制造系统解决方案供应商推荐目录的企业",
     "按上年度服务省内企业合同额的5%给予奖励，最高不超过300万元"],
    ["4", "标识解析二级节点", "建成并接入国家顶级节点的工业互联网标识解析二级节点",
     "按不超过项目总投资的30%给予补助，最高500万元"],
]


def main() -> None:
    doc = Document()
    for text in HEAD:
        doc.add_paragraph(text)
    table = doc.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(DOCS / f"{STEM}.docx")


if __name__ == "__main__":
    main()
