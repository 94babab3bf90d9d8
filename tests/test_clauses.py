"""The clause parser: numbering tree, anchors, section paths and verbatim spans."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.documents.clauses import MAX_CLAUSE_CHARS, SEPARATOR, parse_clauses
from assistant.documents.loaders import load_document
from assistant.documents.rules import DocumentRules
from assistant.errors import DocumentError
from assistant.settings import Settings

RULES = DocumentRules.load(Settings().document_rules_dir)

CN = "一二三四五"


@pytest.fixture(scope="module")
def plan(plan_file):
    doc = load_document(plan_file, RULES)
    clauses = parse_clauses(doc.meta.doc_id, doc.text)
    return doc, clauses, {c.anchor: c for c in clauses}


def by_anchor(clauses):
    return {c.anchor: c for c in clauses}


# ---- the plan ----------------------------------------------------------------------------------

def test_plan_clauses_are_verbatim_spans_in_document_order(plan, plan_id):
    doc, clauses, _ = plan
    assert doc.meta.doc_id == plan_id
    assert len(clauses) > 30
    for c in clauses:
        assert c.text == doc.text[c.start:c.end], c.anchor
        assert c.text.strip() == c.text and c.text
    spans = [(c.start, c.end) for c in clauses]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


def test_plan_anchors_unique_and_ids_are_doc_id_hash_anchor(plan, plan_id):
    _, clauses, _ = plan
    anchors = [c.anchor for c in clauses]
    assert len(anchors) == len(set(anchors))
    for c in clauses:
        assert c.doc_id == plan_id
        assert c.id == f"{plan_id}#{c.anchor}"


def test_first_of_a_kind_clause_anchor_and_section(plan):
    _, _, anchors = plan
    clause = anchors["三.（三）.1"]
    assert "首台（套）" in clause.text
    assert clause.section == "三、主要行动 › （三）实施“示范应用行动” › 1.鼓励首台套应用"
    assert clause.title == "1.鼓励首台套应用"
    assert clause.depth == 2


@pytest.mark.parametrize("sub", [f"（{n}）" for n in CN])
def test_section_four_has_labelled_paragraphs_for_each_carrier(plan, sub):
    _, _, anchors = plan
    base = f"四.{sub}"
    for i in (1, 2, 3):
        clause = anchors[f"{base}.行动路径.p{i}"]
        # The section path ends with the paragraph's lead-in: its first sentence, label removed.
        body = re.sub(r"^行动路径[：:]", "", clause.text)
        lead = re.split("[。；]", body, maxsplit=1)[0]
        parts = clause.section.split(SEPARATOR)
        assert parts[0] == "四、行动典型载体"
        assert parts[1].startswith(sub)
        assert parts[2:] == ["行动路径", lead]
    assert anchors[f"{base}.行动路径.p1"].text.startswith("行动路径：")
    assert not anchors[f"{base}.行动路径.p2"].text.startswith("行动路径")
    for label in ("行动重点", "行动目标"):
        clause = anchors[f"{base}.{label}"]
        assert clause.text.startswith(label + "：")
        assert clause.section.split(SEPARATOR)[-1] == label
    # The labelled paragraphs are in the order the plan writes them.
    labels = ("行动路径.p1", "行动路径.p2", "行动路径.p3", "行动重点", "行动目标")
    order = [anchors[f"{base}.{label}"].start for label in labels]
    assert order == sorted(order)


def test_safeguards_and_targets_exist(plan):
    _, _, anchors = plan
    for n in "一二三四五六":
        clause = anchors[f"五.（{n}）"]
        assert clause.section.startswith("五、保障措施 › （" + n + "）")
    for i in (1, 2, 3, 4):
        clause = anchors[f"二.p{i}"]
        assert clause.text.startswith("——")
        assert clause.section.startswith("二、行动目标 › ")
    assert "二.p5" not in anchors
    assert "2000亿元" in anchors["二.p1"].text


# ---- synthetic documents -----------------------------------------------------------------------

def test_chapters_and_articles_nest():
    text = (
        "第一章 总则\n"
        "第一条 为促进智能装备发展，制定本办法。\n"
        "第二条 本办法适用于全省。\n"
        "第二章 支持措施\n"
        "第三条 对首台（套）装备给予奖励。\n"
    )
    anchors = by_anchor(parse_clauses("d", text))
    assert set(anchors) == {"第一章.第一条", "第一章.第二条", "第二章.第三条"}
    assert anchors["第一章.第一条"].section.startswith("第一章 总则 › 第一条为促进智能装备发展")
    assert anchors["第二章.第三条"].section.startswith("第二章 支持措施 › 第三条")
    assert anchors["第二章.第三条"].depth == 1


def test_paren_items_nest_under_arabic_and_numbering_restarts_under_new_parent():
    text = (
        "一、总则\n"
        "1.支持首台套应用。\n"
        "（1）开展认定工作。\n"
        "（2）奖励示范项目。\n"
        "2.推进示范推广。\n"
        "（1）搭建服务平台。\n"
        "二、保障\n"
        "1.加强组织协调。\n"
        "（１）建立工作机制。\n"
    )
    clauses = parse_clauses("d", text)
    assert [c.anchor for c in clauses] == [
        "一.1", "一.1.（1）", "一.1.（2）", "一.2", "一.2.（1）", "二.1", "二.1.（1）",
    ]
    anchors = by_anchor(clauses)
    assert anchors["一.1.（2）"].section == "一、总则 › 1.支持首台套应用 › （2）奖励示范项目"
    assert anchors["二.1.（1）"].text == "（１）建立工作机制。"  # anchor normalised, text verbatim
    assert [c.depth for c in clauses] == [1, 2, 2, 1, 2, 1, 2]


def test_decimal_amounts_and_years_do_not_open_clauses():
    text = "一、目标\n到2017年，收入达到2000亿元。\n1.5亿元用于奖励。\n"
    clauses = parse_clauses("d", text)
    assert [c.anchor for c in clauses] == ["一.p1", "一.p2"]


def test_long_paragraph_is_split_at_sentence_ends_into_verbatim_parts():
    sentence = "支持企业开展智能制造装备研发和产业化应用，提高产品质量和可靠性水平"
    body = "".join(f"{sentence}{i:02d}{'。' if i % 2 else '；'}" for i in range(20))
    text = "一、总则\n1." + body + "\n2.短条款。\n"
    doc_len_para = len("1." + body)
    assert doc_len_para > 2 * MAX_CLAUSE_CHARS
    clauses = parse_clauses("d", text)
    parts = [c for c in clauses if c.anchor.startswith("一.1.s")]
    assert [c.anchor for c in parts] == [f"一.1.s{i}" for i in range(1, len(parts) + 1)]
    assert len(parts) >= 3
    for c in parts:
        assert c.text == text[c.start:c.end]
        assert len(c.text) <= MAX_CLAUSE_CHARS + len(sentence) + 4
        assert c.id == f"d#{c.anchor}"
    for c in parts[:-1]:
        assert c.text[-1] in "。；"
    # The parts are contiguous and cover the whole paragraph.
    assert parts[0].start == text.index("1.")
    assert all(a.end == b.start for a, b in itertools.pairwise(parts))
    assert parts[-1].end == text.index("\n2.")
    assert by_anchor(clauses)["一.2"].text == "2.短条款。"


def test_markdown_headings_are_numbering_and_markup_is_not_quoted():
    text = (
        "# 某某办法\n\n"
        "## 一、总则\n\n"
        "本办法适用于全省智能制造装备企业。\n\n"
        "## 二、支持措施\n\n"
        "### （一）首台套\n\n"
        "对首台（套）示范项目给予奖励。\n"
    )
    anchors = by_anchor(parse_clauses("md", text))
    assert anchors["序"].text == "某某办法"
    assert anchors["一"].text == "本办法适用于全省智能制造装备企业。"
    assert anchors["一"].section == "一、总则"
    assert anchors["二.（一）"].section == "二、支持措施 › （一）首台套"
    for c in anchors.values():
        assert "#" not in c.text and c.text == text[c.start:c.end]


# Was refused with DocumentError ("没有可识别的条款编号"): a letter or plain 解读 could not be added.
def test_document_without_numbering_is_one_clause_per_paragraph():
    text = "这是一段没有任何条款编号的文字。\n第二段也没有编号。\n"
    clauses = parse_clauses("plain", text)
    assert [(c.anchor, c.text) for c in clauses] == [
        ("p1", "这是一段没有任何条款编号的文字。"), ("p2", "第二段也没有编号。")]
    assert all(c.text == text[c.start:c.end] for c in clauses)


def test_duplicate_numbers_get_unique_anchors():
    text = "一、总则\n第一段。\n一、重复的编号\n第二段。\n"
    clauses = parse_clauses("d", text)
    anchors = [c.anchor for c in clauses]
    assert len(anchors) == len(set(anchors)) == 2
    assert anchors[0] == "一"


# ---- property ----------------------------------------------------------------------------------

_PREFIXES = ["一、", "二、", "（一）", "（二）", "1.", "2．", "（1）", "（２）", "第一章 ", "第二条", "## 三、"]
_BODY_START = "加强推进支持企业鼓励建立发展"
_BODY = _BODY_START + "智能制造装备首台套行动路径目标ABC12 \u3000，。；：、"


@st.composite
def documents(draw):
    lines = []
    numbered = 0
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["numbered", "plain", "label", "blank"]))
        body = draw(st.text(_BODY_START, min_size=1, max_size=1)) + draw(st.text(_BODY, max_size=400))
        pad = draw(st.sampled_from(["", " ", "\u3000\u3000", "\t"]))
        end = draw(st.sampled_from(["", " ", "\r"]))
        if kind == "numbered":
            numbered += 1
            lines.append(pad + draw(st.sampled_from(_PREFIXES)) + body + end)
        elif kind == "label":
            lines.append(pad + "行动路径：" + body + end)
        elif kind == "plain":
            lines.append(pad + body + end)
        else:
            lines.append(draw(st.sampled_from(["", " ", "\u3000"])))
    return "\n".join(lines), numbered


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_property_clauses_are_verbatim_ordered_and_disjoint(generated):
    text, _ = generated
    try:
        clauses = parse_clauses("p", text)
    except DocumentError as exc:
        # Rejected only when the numbered lines are all headings and no clause text remains.
        assert "只有标题" in str(exc)
        return
    for c in clauses:
        assert 0 <= c.start < c.end <= len(text)
        assert c.text == text[c.start:c.end]
        assert c.id == f"p#{c.anchor}"
    assert all(a.end <= b.start for a, b in itertools.pairwise(clauses))
    assert len({c.anchor for c in clauses}) == len(clauses)
    # No sentence text is lost: every character of a line ending in 。 is inside some clause.
    covered = set()
    for c in clauses:
        covered.update(range(c.start, c.end))
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip(" \t\r\u3000")
        if stripped.endswith("。"):
            last = pos + line.rindex("。")
            assert last in covered, line
        pos += len(line) + 1
