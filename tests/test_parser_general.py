"""General parser rules found on related documents: a bare 主送 line is no label; PDF re-flow drops a
short document's running header, joins a number wrapped inside itself and ends a title at its line."""

from __future__ import annotations

from assistant.documents.clauses import parse_clauses
from assistant.documents.pdf_text import reflow_pages

NOTICE = """关于组织申报2026年度智能制造项目的通知（虚构测试文档）
各市州经信局：
为推动智能制造装备发展，现将有关事项通知如下。
一、支持方向。支持工业机器人整机研制。
二、申报时间。申报截止时间为2026年12月20日。
"""


def test_a_bare_addressee_line_does_not_become_a_section():
    anchors = [c.anchor for c in parse_clauses("n", NOTICE)]
    assert "一" in anchors and "二" in anchors
    assert not any(a.startswith("各市州经信局") for a in anchors)


def test_a_bare_label_line_inside_a_section_does_not_nest_what_follows():
    text = "一、总体要求。加快发展。\n名称：\n二、主要任务。推动应用。\n"
    anchors = [c.anchor for c in parse_clauses("n", text)]
    assert "二" in anchors and not any("名称" in a for a in anchors)


def test_labelled_paragraphs_still_open_labels():
    text = "一、发展路径\n行动路径：以应用为牵引，推动装备发展。\n行动重点：突破关键部件。\n"
    anchors = [c.anchor for c in parse_clauses("n", text)]
    assert anchors == ["一.行动路径", "一.行动重点"]


WIDTH = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八"  # a full printed line, 28 characters
PAGE1 = [
    "某某开发区管理委员会文件",
    "某管发〔2025〕6号",
    "某某开发区支持装备企业发展若干政策（虚构测试文档）",
    "为加快集聚智能制造装备企业，打造具有全国影响力的智能制造装",
    "备产业园区，结合本区实际，制定本政策。",
    "一、人才补贴。对企业全职引进的博士研究生，每人每月给予30",
    "00元租房补贴，对全职引进的硕士研究生给予补贴，补贴期限最长",
    "3年。",
    "二、高新技术企业奖励。对通过重新认定的企业，给予一次性",
    "— 1 —",
]
PAGE2 = [
    "某某开发区管委会文件　某管发〔2025〕6号",
    "奖励5万元。",
    "三、本政策自2025年6月1日起施行，有效期3年，由经济发展局负责解",
    "释。",
    "— 2 —",
]


def test_reflow_drops_the_running_header_of_a_two_page_document():
    text = reflow_pages(["\n".join(PAGE1), "\n".join(PAGE2)])
    assert "给予一次性奖励5万元。" in text
    assert text.count("某管发〔2025〕6号") == 1


def test_reflow_joins_a_number_wrapped_inside_itself():
    text = reflow_pages(["\n".join(PAGE1), "\n".join(PAGE2)])
    assert "每人每月给予3000元租房补贴" in text


def test_reflow_ends_a_title_at_its_own_line():
    lines = reflow_pages(["\n".join(PAGE1), "\n".join(PAGE2)]).split("\n")
    assert "某某开发区支持装备企业发展若干政策（虚构测试文档）" in lines
    assert any(line.startswith("为加快集聚") and line.endswith("制定本政策。") for line in lines)


def test_reflow_keeps_the_space_between_wrapped_latin_words():
    page = ["The policy applies to every company that is registered in the", "zone and makes equipment.",
            "x" * 20]
    assert "in the zone and" in reflow_pages(["\n".join(page)])


def test_reflow_drops_a_header_repeating_the_title_without_its_wrapped_note():
    # page 2 opens with the title without the note the first page wraps over two lines; the sentence
    # the page break falls in goes on after it
    first = ("某某市示范装备产业链培育实施细则（样例文\n档）\n某经规〔2025〕9号\n"
             "一、对上年度营业收入3000万元以上的企业实施的技术改造项目，设备投资不低于800万元的")
    second = "某某市示范装备产业链培育实施细则\n，按设备投资的10%给予补助，单个项目不超过200万元。"
    text = reflow_pages([first, second])
    assert "设备投资不低于800万元的，按设备投资的10%给予补助" in text
    assert text.count("某某市示范装备产业链培育实施细则") == 1
    assert text.startswith("某某市示范装备产业链培育实施细则（样例文档）\n")  # the note wrapped is joined back
