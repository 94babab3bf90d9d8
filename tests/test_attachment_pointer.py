"""A notice whose substance is its attachment: the paragraph that hands it over (有关事项详见《…指南》（附件1）)
repeats the programme's name, yet the attachment's clause that states what is asked answers (front_matter.yaml:
a pointer to an attachment is a document-level line). Fictional text."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

NOTICE = """某某省工业和信息化厅关于组织申报2027年度绿色制造系统集成项目的通知（虚构测试文档）
某工信函〔2027〕8号
各市州工信局：
为推进绿色制造体系建设，现组织申报2027年度绿色制造系统集成项目。有关事项详见《2027年度绿色制造系统集成项目申报指南》（附件1），请认真组织企业申报。
附件：1．2027年度绿色制造系统集成项目申报指南
某某省工业和信息化厅
2027年3月2日
附件1
2027年度绿色制造系统集成项目申报指南
一、支持对象
（一）申报企业应为在本省注册的制造业企业，上年度主营业务收入不低于5000万元。
（二）每个企业限报1个绿色制造系统集成项目。
（三）项目应于2026年1月1日以后开工建设，并在申报时完成建设任务。
二、支持标准
按项目设备投资额的12%给予补助，最高不超过400万元。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("attachment-pointer"), {"notice.txt": NOTICE}, small_caches,
                            embedder)


@pytest.mark.parametrize("question, quote", [
    ("绿色制造系统集成项目一个企业能报几个", "每个企业限报1个"),
    ("绿色制造系统集成项目要什么时候以后开工的", "2026年1月1日以后开工"),
])
def test_the_attachment_clause_answers_not_the_pointer(library, question, quote):
    answer = ask(library, question, today=dt.date(2027, 3, 10))
    assert not answer.abstained
    assert quote in answer.citations[0].quote
    assert "详见" not in answer.citations[0].quote


def test_a_pointer_to_an_attachment_is_document_level_a_line_naming_one_is_not():
    from assistant.retrieval.rerank import front_matter
    from assistant.settings import Settings
    from assistant.types import Clause

    rules = front_matter(Settings().knowledge_dir / "lexicon")

    def clause(text: str) -> Clause:
        return Clause(id="n#序.p4", doc_id="n", anchor="序.p4", section="序言 › 第4段", title="第4段", start=0,
                      end=len(text), text=text)

    title = NOTICE.splitlines()[0]
    assert rules.holds(clause(NOTICE.splitlines()[3]), title)  # 有关事项详见《…指南》（附件1）
    assert rules.holds(clause("申报条件、支持标准等具体要求详见附件2。"), title)
    assert not rules.holds(clause("请于2027年4月30日前将推荐项目汇总表（附件2）报送省工信厅。"), title)
