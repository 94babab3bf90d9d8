"""Front matter leads only a document-level question; a document fact cites the line that states it;
"最高多少" is not answered by a year; only a known fit swaps the two best clauses of two documents."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

from assistant.answering.library import prefer_applicable
from assistant.index.memo import IndexMemo
from assistant.retrieval.facts import stating_line
from assistant.retrieval.query import prepare
from assistant.retrieval.rerank import answer_kinds, front_matter
from assistant.settings import Settings
from assistant.types import Clause, Document, DocumentMeta, ScoredClause

LEXICON = Settings().knowledge_dir / "lexicon"
RULES = front_matter(LEXICON)
TITLE = "某省某厅关于组织申报2026年度支持资金的通知（虚构测试文档）"


def _clause(text: str, anchor: str = "序.p1", title: str = "第1段", doc_id: str = "d", start: int = 0) -> Clause:
    return Clause(id=f"{doc_id}#{anchor}", doc_id=doc_id, anchor=anchor, section=title, title=title,
                  start=start, end=start + len(text), text=text)


def test_front_matter_lines_are_recognised_and_measures_are_not():
    front = [_clause(TITLE), _clause("某厅文〔2026〕45号", title="发文字号"),
             _clause("为推动产业发展，现组织开展2026年度申报工作。有关事项通知如下。", "序.p4"),
             _clause("经市人民政府同意，现将《某办法》印发给你们，请认真遵照执行。", "序.p16"),
             _clause("第十五条　本办法自2016年7月1日起施行，有效期至2018年12月31日。", "第五章.第十五条"),
             _clause("2026年度支持资金项目申报书", "附件1.p1")]
    assert all(RULES.holds(c, TITLE) for c in front)
    measures = [_clause("二、支持方式。对入选项目按总投资的20%给予一次性补助，最高不超过3000万元。", "二"),
                _clause("（三）上年度主营业务收入不低于2000万元。", "第三章.第十一条.（三）")]
    assert not any(RULES.holds(c, TITLE) for c in measures)


def test_only_a_document_level_question_asks_for_front_matter():
    assert RULES.asked(prepare("武汉2016年办法的发布机构是谁？"))
    assert RULES.asked(prepare("工信厅联装〔2026〕88号是哪几个部门联合发的？"))
    assert RULES.asked(prepare("2016年那个办法还能用吗？"))
    assert not RULES.asked(prepare("国家强链补链项目补助最高多少？"))
    assert not RULES.asked(prepare("首台套奖励申报什么时候截止？"))


def test_a_year_or_a_date_is_no_answer_to_how_much():
    number = next(ev for kind, _, ev in answer_kinds(LEXICON) if kind == "number")
    assert not any(p.search("保险期限起始于2026年内，截止时间为2027年1月15日") for p in number)
    assert any(p.search("单个产品最高不超过800万元") for p in number)
    assert any(p.search("按20%给予补助") for p in number)


def test_joint_issuers_are_cited_from_the_signature_not_the_title():
    head = "甲部办公厅　乙部办公厅关于开展申报工作的通知"
    sign = "甲部办公厅　　乙部办公厅"
    text = f"{head}\n一、支持方式。补助最高不超过3000万元。\n{sign}\n2026年9月28日"
    lines = text.split("\n")
    starts = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    clauses = [_clause(lines[0], "序.p1", start=starts[0]), _clause(lines[1], "一", "一、支持方式", start=starts[1]),
               _clause(lines[2], "落款.p1", "发文机关（印发单位）", start=starts[2]),
               _clause(lines[3], "落款.p2", "成文日期（印发日期）", start=starts[3])]
    meta = DocumentMeta(doc_id="d", title=head, issuers=["甲部办公厅", "乙部办公厅"], issue_date=dt.date(2026, 9, 28))
    index = SimpleNamespace(documents={"d": Document(meta=meta, text=text, sha256="x")}, clauses=clauses,
                            memo=IndexMemo(), tokenizer=None)  # the index's memo keeps the clauses' passages
    line = stating_line(index, "d", "issuer")
    assert line is not None and line.start == starts[2]
    assert re.sub(r"\s", "", line.text) == "甲部办公厅乙部办公厅"


def test_an_undated_interpretation_or_a_year_naming_an_old_document_swaps_nothing():
    today = dt.date(2026, 12, 1)
    metas = {"new": DocumentMeta(doc_id="new", title="新措施", effective_from=dt.date(2024, 4, 1),
                                 effective_to=dt.date(2027, 3, 31)),
             "faq": DocumentMeta(doc_id="faq", title="新措施政策解读")}
    index = SimpleNamespace(documents={d: Document(meta=m, text="x" * 20, sha256="x") for d, m in metas.items()})
    faq = ScoredClause(clause=_clause("问：包括哪些？答：不包括厂房装修。", "问4", doc_id="faq"), score=0.5)
    new = ScoredClause(clause=_clause("第二条　补助最高500万元。", "第二条", doc_id="new"), score=0.5)
    assert [h.clause.doc_id for h in prefer_applicable([faq, new], index, today, [])] == ["faq", "new"]
    assert [h.clause.doc_id for h in prefer_applicable([new, faq], index, today, [2020])] == ["new", "faq"]


def test_a_fact_is_asked_of_the_document_the_question_names_that_has_it():
    from assistant.answering.parts import _fact_doc
    from assistant.retrieval.rerank import names_type

    metas = {"faq": DocumentMeta(doc_id="faq", title="《某若干措施》政策解读", doc_type="解读", issuer="某局"),
             "m": DocumentMeta(doc_id="m", title="某若干措施", doc_type="措施", issuer="某办公室",
                               doc_number="某政办发〔2024〕12号")}
    index = SimpleNamespace(documents={d: Document(meta=x, text="x", sha256="x") for d, x in metas.items()})
    hits = [SimpleNamespace(clause=SimpleNamespace(doc_id=d)) for d in ("faq", "m")]
    assert names_type(metas["m"], "这份若干措施是谁印发的") and not names_type(metas["faq"], "这份若干措施是谁印发的")
    assert _fact_doc("这份若干措施是哪个单位印发的", "issuer", hits, index) == "m"
    assert _fact_doc("文号是多少", "doc_number", hits, index) == "m"  # the 解读 has none
    assert _fact_doc("谁发的", "issuer", hits, index) == "faq"


def test_an_asked_document_fact_lifts_the_line_that_states_it():
    from assistant.retrieval.rerank import WEIGHTS, RankedClause, _lift_stating

    text = "加快产业发展行动方案\n某委员会\n一、指导思想。按照要求推进。"
    clauses = [_clause("加快产业发展行动方案", "序.p1", "文件标题", start=0),
               _clause("某委员会", "序.p2", "发文机关（印发单位）", start=11),
               _clause("一、指导思想。按照要求推进。", "一", "一、指导思想", start=16)]
    meta = DocumentMeta(doc_id="d", title="加快产业发展行动方案", issuer="某委员会")
    memo = SimpleNamespace(table=lambda *a: SimpleNamespace(get_or_build=lambda k, build: build()))
    index = SimpleNamespace(documents={"d": Document(meta=meta, text=text, sha256="x")}, clauses=clauses, memo=memo,
                            tokenizer=SimpleNamespace(lexicon_dir=LEXICON))
    ranked = [RankedClause(clause=c, score=0.5, rerank_score=10.0 - i, fused_rank=i + 1) for i, c in enumerate(clauses)]
    lifted = _lift_stating(ranked, prepare("这文件到底是哪个部门发的？"), index, WEIGHTS)
    assert max(lifted, key=lambda r: r.rerank_score).clause.anchor == "序.p2"


def test_a_cap_or_a_deadline_is_answered_by_the_sentence_stating_it():
    kinds = {kind: (asks, ev) for kind, asks, ev in answer_kinds(LEXICON)}
    cap_asks, cap = kinds["cap"]
    due_asks, due = kinds["deadline"]
    assert any(p.search("首台套奖励最高多少？") for p in cap_asks)
    assert any(p.search("单个产品最高不超过800万元") for p in cap)
    assert not any(p.search("且单台（套）销售价格不低于200万元") for p in cap)
    assert any(p.search("申报什么时候截止？") for p in due_asks)
    assert any(p.search("申报截止时间为2027年1月15日") for p in due)
    assert not any(p.search("且保险期限起始于2026年内。") for p in due)


def test_asking_until_when_a_document_runs_is_a_validity_fact():
    from assistant.retrieval.facts import fact_patterns

    facts = fact_patterns(LEXICON)
    asked = [name for name, patterns in facts if any(p.search("襄阳的若干措施执行到什么时候？") for p in patterns)]
    assert asked == ["effective"]
    assert not any(p.search("申报到什么时候截止？") for name, ps in facts if name == "effective" for p in ps)


def test_an_undated_notice_whose_title_names_the_year_asked_keeps_the_lead():
    today = dt.date(2026, 12, 1)
    metas = {"notice": DocumentMeta(doc_id="notice", title="关于组织申报2026年度支持资金的通知"),
             "new": DocumentMeta(doc_id="new", title="新措施", effective_from=dt.date(2024, 4, 1),
                                 effective_to=dt.date(2027, 3, 31))}
    index = SimpleNamespace(documents={d: Document(meta=m, text="x" * 20, sha256="x") for d, m in metas.items()})
    notice = ScoredClause(clause=_clause("支持标准：最高不超过800万元", "表1.行1", doc_id="notice"), score=0.5)
    new = ScoredClause(clause=_clause("第六条　最高不超过300万元。", "第六条", doc_id="new"), score=0.5)
    assert [h.clause.doc_id for h in prefer_applicable([notice, new], index, today, [2026])] == ["notice", "new"]


def test_the_signature_states_joint_issuers_before_a_header_line_titled_as_the_issuer():
    head = "甲部办公厅　乙部办公厅"  # a header above the title, parsed as the issuer's own line
    text = f"{head}\n关于开展申报工作的通知\n一、支持方式。补助最高不超过3000万元。\n{head}\n2026年9月28日"
    lines = text.split("\n")
    starts = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    clauses = [_clause(lines[0], "序.p1", "发文机关（印发单位）", start=starts[0]),
               _clause(lines[1], "序.p2", start=starts[1]), _clause(lines[2], "一", "一、支持方式", start=starts[2]),
               _clause(lines[3], "落款.p1", "发文机关（印发单位）", start=starts[3]),
               _clause(lines[4], "落款.p2", "成文日期（印发日期）", start=starts[4])]
    meta = DocumentMeta(doc_id="d", title=lines[1], issuers=["甲部办公厅", "乙部办公厅"],
                        issue_date=dt.date(2026, 9, 28))
    index = SimpleNamespace(documents={"d": Document(meta=meta, text=text, sha256="x")}, clauses=clauses,
                            memo=IndexMemo(), tokenizer=None)
    line = stating_line(index, "d", "issuer")
    assert line is not None and line.start == starts[3]


def test_the_signing_date_and_who_issued_are_fact_asks_not_topic_words():
    from assistant.answering.scope import _without_fact_asks
    from assistant.retrieval.facts import fact_patterns

    facts = fact_patterns(LEXICON)
    asked = [name for name, patterns in facts if any(p.search("这个办法的落款日期是哪天？") for p in patterns)]
    assert asked == ["issue_date"]
    index = SimpleNamespace(memo=IndexMemo(), tokenizer=SimpleNamespace(lexicon_dir=LEXICON))
    rest = _without_fact_asks("某发〔2026〕9号是哪个单位、哪天印发的？", index)
    assert "单位" not in rest and "印发" not in rest and "某发〔2026〕9号" in rest
