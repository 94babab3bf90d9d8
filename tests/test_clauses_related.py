"""Clause structure of the documents that follow the plan (fictional test documents, tests/fixtures).

A 若干措施 in 第X条 style, a 申报通知 with 附件 and 联系人, a 问：/答： 解读, a plain letter and docx
table rows: each gets the clauses a reader expects, and every clause is a verbatim span.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.documents.clauses import parse_clauses

FIXTURES = Path(__file__).parent / "fixtures" / "documents"


def parsed(name: str) -> tuple[str, dict]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    clauses = parse_clauses("d", text)
    for c in clauses:
        assert c.text == text[c.start:c.end]
    return text, {c.anchor: c for c in clauses}


def test_articles_with_their_body_on_the_same_line():
    _, anchors = parsed("xiangyang-measures.txt")
    first = anchors["第一条"]
    assert first.text.startswith("第一条　支持首台（套）装备推广应用。") and "最高300万元" in first.text
    assert first.title == "第一条支持首台（套）装备推广应用"
    assert anchors["第三条"].text.startswith("第三条 鼓励研发投入。")  # half-width space after 第三条
    assert "第五条" in anchors and "同时废止" in anchors["第五条"].text


def test_letterhead_number_and_back_matter_are_labelled_not_sections():
    _, anchors = parsed("xiangyang-measures.txt")
    front = {c.section.split(" › ")[-1]: c.text for a, c in anchors.items() if a.startswith("序.")}
    assert front["发文机关标志"] == "襄阳市人民政府文件"
    assert front["发文字号"] == "襄政发〔2024〕7号"
    assert front["主送机关"].startswith("各县")
    assert anchors["版记.p1"].text.startswith("抄送：")
    assert anchors["版记.p2"].text.endswith("印发")
    # Nothing of the 版记 is glued to the last article.
    assert "抄送" not in anchors["第五条"].text and not any(a.startswith("第五条.") for a in anchors)


def test_notice_with_numbered_items_contact_signature_and_attachments():
    _, anchors = parsed("hubei-notice.txt")
    assert anchors["一.（二）.1"].text == "1.产品技术指标达到国内领先水平。"
    assert "2024年5月31日" in anchors["二.（一）"].text
    assert anchors["四.联系方式"].text.startswith("联系人：张某某")
    assert anchors["附件"].text.startswith("附件：1.")
    signature = [anchors["落款.p1"].text, anchors["落款.p2"].text]
    assert signature == ["湖北省经济和信息化厅　　湖北省财政厅", "二〇二四年三月五日"]
    assert anchors["落款.p2"].section == "落款 › 成文日期（印发日期）"
    assert anchors["附件1"].text == "湖北省首台（套）重大技术装备申报书"
    assert anchors["附件1.一"].section == "附件1 › 一、企业基本情况"  # its own tree, not 一~2
    assert "附件2.p2" in anchors and not any("~" in a for a in anchors)


def test_question_and_answer_pairs_are_one_clause_each():
    _, anchors = parsed("miit-qa.txt")
    pairs = [a for a in anchors if a.startswith("问")]
    assert pairs == ["问1", "问2", "问3"]
    second = anchors["问2"]
    assert second.title == "哪些企业可以享受支持政策？"
    assert second.text.startswith("问：哪些企业") and second.text.endswith("享受保险补偿。")  # answer's 2 lines
    assert anchors["序.p2"].section == "序言 › 发布机构"


def test_numbered_questions_and_questions_under_headings():
    text = ("一、总体情况\n问1：适用范围是什么？\n答：全省。\n问2：何时申报？\n答：每年三月。\n"
            "二、其他\n本解读由省经信厅负责。\n")
    anchors = {c.anchor: c for c in parse_clauses("d", text)}
    assert anchors["一.问1"].text == "问1：适用范围是什么？\n答：全省。"
    assert anchors["一.问2"].title == "何时申报？"
    assert anchors["二"].text == "本解读由省经信厅负责。"


def test_plain_paragraphs_are_indexed_in_order():
    text = "关于开展企业座谈的函\n\n各有关企业：\n定于下月召开智能制造装备企业座谈会。\n请各企业派员参加。\n"
    clauses = parse_clauses("d", text)
    assert [c.anchor for c in clauses] == ["p1", "p2", "p3", "p4"]
    assert clauses[0].title == "文件标题" and clauses[1].title == "主送机关"


TABLE_ROWS = (
    "二、支持标准\n"
    "项目类别：首台套；支持方式：奖励；支持标准：按售价30%给予奖励，最高500万元\n"
    "项目类别：技术改造；支持方式：补助；支持标准：按设备投资10%给予补助，最高800万元\n"
    "三、申报\n"
    "项目类别：首批次；支持方式：保险补偿\n"
)


def test_table_rows_are_one_clause_each_with_headers():
    anchors = {c.anchor: c for c in parse_clauses("d", TABLE_ROWS)}
    assert anchors["二.表1.行1"].text.endswith("最高500万元")
    assert anchors["二.表1.行2"].title == "项目类别：技术改造"
    assert anchors["二.表1.行2"].section == "二、支持标准 › 表1 › 项目类别：技术改造"
    assert anchors["三.表2.行1"].text == "项目类别：首批次；支持方式：保险补偿"


@pytest.mark.parametrize("line", ["附件中所列材料须加盖公章。", "附件的格式由省经信厅统一制定。"])
def test_a_sentence_about_attachments_is_not_an_attachment(line):
    anchors = {c.anchor for c in parse_clauses("d", f"一、申报材料\n{line}\n")}
    assert anchors == {"一"}
