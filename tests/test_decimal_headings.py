"""A guide's 专题 numbered 1.1 / 2.3 under its 1. / 2. directions is a heading level of its own: the
支持内容 / 考核指标 lines that every 专题 repeats carry their 专题's title in their section path (without it
they all read alike and the wrong 专题's line answers). An amount such as 1.5亿元 opening a line is no
heading."""

from __future__ import annotations

from assistant.documents.clauses import parse_clauses

GUIDE = """某某重点专项2027年度项目申报指南（虚构测试文档）
本专项拟安排经费2亿元。
1. 基础研究
1.1 柔性传感材料
研究内容：研究可拉伸传感材料。
考核指标：拉伸率不低于300%。
1.2 仿生驱动机理
研究内容：研究人工肌肉驱动。
考核指标：驱动应变不低于20%。
2. 应用示范
2.1 纺织车间巡检示范
研究内容：建设巡检示范线。
考核指标：巡检覆盖率不低于95%。
"""


def _by_text(text: str) -> dict[str, str]:
    return {c.text: c.section for c in parse_clauses("g", text)}


def test_each_repeated_label_carries_its_own_topic_title():
    sections = _by_text(GUIDE)
    assert "1.1 柔性传感材料" in sections["考核指标：拉伸率不低于300%。"]
    assert "1.2 仿生驱动机理" in sections["考核指标：驱动应变不低于20%。"]
    assert "1.1" not in sections["考核指标：驱动应变不低于20%。"]
    assert "2.1 纺织车间巡检示范" in sections["研究内容：建设巡检示范线。"]
    assert sections["研究内容：建设巡检示范线。"].startswith("2. 应用示范")  # the direction still heads it


def test_a_topic_title_is_no_paragraph_of_the_previous_topic():
    texts = [c.text for c in parse_clauses("g", GUIDE)]
    assert not any(t.startswith("1.2") for t in texts)  # a heading only: it opens a section, is no clause


def test_an_amount_opening_a_line_is_no_heading():
    text = "一、支持方向\n1.5亿元以上的项目，按投资额的5%给予补助。\n"
    clauses = parse_clauses("g", text)
    assert [c.text for c in clauses] == ["1.5亿元以上的项目，按投资额的5%给予补助。"]
    assert clauses[0].section == "一、支持方向"
