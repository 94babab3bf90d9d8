"""Answers over dated documents: the applicable one leads, validity questions answer from the window
(citing the clause that states it), expired quotes beside in-force ones are named, and a year a
document's window covers is no reason to abstain."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from assistant.answering.ask import ask
from assistant.answering.library import (
    asks_still,
    asks_validity,
    expired_lead_doc,
    expired_lines,
    prefer_applicable,
    prefer_detail,
    prefer_source,
    validity_in_part,
    validity_lead,
)
from assistant.answering.messages import answer_messages
from assistant.answering.scope import question_years
from assistant.documents.validity import covers_year, status
from assistant.retrieval.rerank import RankedClause, SentenceScore
from assistant.settings import Settings
from assistant.types import AnswerPart, Citation, Clause, Document, DocumentMeta, ScoredClause

TODAY = dt.date(2026, 12, 1)
OLD = DocumentMeta(doc_id="old", title="旧办法", effective_from=dt.date(2016, 7, 1), effective_to=dt.date(2018, 12, 31))
NEW = DocumentMeta(doc_id="new", title="新措施", effective_from=dt.date(2024, 4, 1), effective_to=dt.date(2027, 3, 31))
TEXTS = {"old": "第五条　补助最高不超过800万元。\n第十五条　本办法自2016年7月1日起施行，有效期至2018年12月31日。",
         "new": "第二条　补助最高不超过500万元。\n第十三条　执行期为2024年4月1日至2027年3月31日。"}


def _clauses(doc_id: str) -> list[Clause]:
    text, out, start = TEXTS[doc_id], [], 0
    for line in text.split("\n"):
        anchor = line.split("　")[0]
        out.append(Clause(id=f"{doc_id}#{anchor}", doc_id=doc_id, anchor=anchor, section=anchor, start=start,
                          end=start + len(line), text=line))
        start += len(line) + 1
    return out


INDEX = SimpleNamespace(
    documents={m.doc_id: Document(meta=m, text=TEXTS[m.doc_id], sha256="x") for m in (OLD, NEW)},
    clauses=_clauses("old") + _clauses("new"))
MESSAGES = answer_messages(Settings().messages_dir)


def _hit(clause: Clause) -> ScoredClause:
    return ScoredClause(clause=clause, score=0.5)


def _cite(clause: Clause, n: int) -> Citation:
    return Citation(n=n, doc_id=clause.doc_id, doc_title=INDEX.documents[clause.doc_id].meta.title,
                    anchor=clause.anchor, section=clause.section, quote=clause.text, start=clause.start,
                    end=clause.end, score=0.5)


def test_status_and_years_of_a_window():
    assert status(OLD, TODAY) == "expired" and status(NEW, TODAY) == "in_force"
    assert covers_year(OLD, 2017) and not covers_year(OLD, 2020)
    assert covers_year(DocumentMeta(doc_id="x", title="x"), 2017) is None
    assert question_years("2017年在武汉按当时的办法能补多少？") == [2017]
    assert question_years("襄政办发〔2020〕7号是什么") == []


def test_the_in_force_document_leads_a_close_call():
    old5, new2 = INDEX.clauses[0], INDEX.clauses[2]
    ranked = prefer_applicable([_hit(old5), _hit(new2)], INDEX, TODAY, [])
    assert [h.clause.doc_id for h in ranked] == ["new", "old"]


def test_the_document_covering_the_asked_year_leads():
    old5, new2 = INDEX.clauses[0], INDEX.clauses[2]
    ranked = prefer_applicable([_hit(new2), _hit(old5)], INDEX, TODAY, [2017])
    assert [h.clause.doc_id for h in ranked] == ["old", "new"]


def test_a_validity_question_leads_with_the_window_and_cites_its_clause():
    assert asks_validity("2016年那个办法现在还有效吗？", MESSAGES)
    line, citations = validity_lead([_cite(INDEX.clauses[0], 1)], INDEX, TODAY, "zh", MESSAGES)
    assert "已于2018年12月31日届满" in line and "失效" in line and line.endswith("[2]")
    assert citations[1].anchor == "第十五条" and "有效期至2018年12月31日" in citations[1].quote


def test_expired_quotes_beside_in_force_ones_are_named():
    citations = [_cite(INDEX.clauses[2], 1), _cite(INDEX.clauses[0], 2)]
    lines = expired_lines(citations, INDEX, TODAY, "zh", MESSAGES)
    assert len(lines) == 1 and "[2]" in lines[0] and "旧办法" in lines[0] and "2018年12月31日" in lines[0]
    assert expired_lines(citations[1:], INDEX, TODAY, "zh", MESSAGES) == []  # the notice says it alone


def test_a_later_validity_ask_is_answered_on_its_own_line_after_the_first_asks_quote():
    amount = INDEX.clauses[0]  # the expired 办法's amount
    parts = [AnswerPart(question="旧办法补助最高多少", status="answered", citations=[1]),
             AnswerPart(question="现在还有效吗", status="not_stated")]
    text = "\n".join([MESSAGES.text("parts_head", "zh", source="《旧办法》"),
                      MESSAGES.text("part_line", "zh", i=1, ask=parts[0].question, body="补助最高不超过800万元。[1]"),
                      MESSAGES.text("part_not_stated", "zh", i=2, ask=parts[1].question)])
    text, citations, parts = validity_in_part(text, [_cite(amount, 1)], parts, INDEX, TODAY, "zh", MESSAGES)
    assert [c.anchor for c in citations] == ["第五条", "第十五条"]  # the first ask's answer still leads
    second = text.split("\n")[2]
    assert second.startswith("2. 现在还有效吗：") and "已于2018年12月31日届满" in second and second.endswith("[2]")
    assert parts[1].status == "answered" and parts[1].citations == [2]


def test_a_validity_ask_coming_first_is_left_to_the_lead_line():
    parts = [AnswerPart(question="旧办法还有效吗", status="not_stated"),
             AnswerPart(question="补助最高多少", status="answered", citations=[1])]
    assert validity_in_part("x", [_cite(INDEX.clauses[0], 1)], parts, INDEX, TODAY, "zh", MESSAGES) is None
    assert asks_validity("这个方案现在还管用吗？", MESSAGES)


def _ranked(clause: Clause, score: float) -> RankedClause:
    return RankedClause(clause=clause, score=0.5, rerank_score=score, fused_rank=1, sentences=[
        SentenceScore(start=clause.start, end=clause.end, score=score, dense=0.0, coverage=0.0)])


def test_an_interpretation_gives_the_lead_to_the_source_clause_stating_the_same_fact():
    from assistant.index.memo import IndexMemo

    texts = {"rules": "第二条　补助对象为本市注册企业。\n第五条　同一企业同一年度获得补助累计不超过900万元。",
             "explained": "《某市示范资金管理办法》政策解读\n三、一年最多能拿多少？\n"
                          "同一企业一年内累计最多获得900万元补助。"}
    metas = [DocumentMeta(doc_id="rules", title="某市示范资金管理办法", doc_type="办法"),
             DocumentMeta(doc_id="explained", title="《某市示范资金管理办法》政策解读", doc_type="解读")]
    clauses = []
    for doc_id, text in texts.items():
        start = 0
        for i, line in enumerate(text.split("\n")):
            clauses.append(Clause(id=f"{doc_id}#{i}", doc_id=doc_id, anchor=str(i), section=str(i), start=start,
                                  end=start + len(line), text=line))
            start += len(line) + 1
    index = SimpleNamespace(documents={m.doc_id: Document(meta=m, text=texts[m.doc_id], sha256="x") for m in metas},
                            clauses=clauses, memo=IndexMemo(),
                            tokenizer=SimpleNamespace(lexicon_dir=Settings().knowledge_dir / "lexicon"))
    explained, other = _ranked(clauses[4], 9.0), _ranked(clauses[0], 8.0)
    ranked = prefer_source([explained, other], index, "一家企业一年累计最多能拿多少？")
    assert [h.clause.id for h in ranked] == ["rules#1", "explained#2", "rules#0"]
    # asked of the 解读 itself, or a sentence stating no amount: the 解读 keeps the lead
    assert prefer_source([explained, other], index, "政策解读里一年最多能拿多少？")[0].clause.id == "explained#2"
    assert prefer_source([explained, other], index, "一年累计900万元具体怎么算？")[0].clause.id == "explained#2"
    assert prefer_source([_ranked(clauses[3], 9.0), other], index, "一年最多能拿多少？")[0].clause.id == "explained#1"


def test_a_close_clause_giving_the_asked_detail_leads_one_that_does_not():
    from assistant.answering.scope import ScopeJudge

    judge = ScopeJudge(Settings().knowledge_dir / "lexicon")
    lines = ["二、组织方式。由企业自愿申报，每个县推荐项目不超过5个。",
             "三、支持标准。对入选项目给予一次性补助，最高不超过600万元。"]
    clauses = [Clause(id=f"n#{i}", doc_id="n", anchor=str(i), section=line[:5], start=0, end=len(line), text=line)
               for i, line in enumerate(lines)]
    hits = [_ranked(clauses[0], 9.0), _ranked(clauses[1], 8.8)]
    asked = judge.asked_details("这个示范项目入选了能补多少钱？")
    assert [h.clause.id for h in prefer_detail(hits, asked)] == ["n#1", "n#0"]
    unasked = judge.asked_details("这个示范项目是怎么组织的？")
    assert [h.clause.id for h in prefer_detail(hits, unasked)] == ["n#0", "n#1"]
    far = [_ranked(clauses[0], 9.0), _ranked(clauses[1], 7.0)]  # not a close call: the ranker's lead stands
    assert [h.clause.id for h in prefer_detail(far, asked)] == ["n#0", "n#1"]


@pytest.mark.parametrize(("question", "still"), [
    ("这个奖励现在还能拿吗", True), ("首台套补助还可以申请不", True), ("现在还能享受吗", True),
    ("Can we still apply for it?", True), ("Is this subsidy still available?", True),
    ("首台套奖励是多少", False), ("我们能申请什么", False),
])
def test_a_still_ask_is_recognised(question, still):
    assert asks_still(question, MESSAGES) is still


def test_a_still_ask_answered_from_an_expired_document_names_the_expiry_first():
    assert expired_lead_doc([_cite(INDEX.clauses[0], 1)], INDEX, TODAY) == "old"
    assert expired_lead_doc([_cite(INDEX.clauses[2], 1), _cite(INDEX.clauses[0], 2)], INDEX, TODAY) is None


def test_the_plan_answer_to_a_still_ask_says_it_expired_and_keeps_its_answer_first(plan_runtime):
    answer = ask(plan_runtime, "方案里的首台套奖励现在还能拿吗？")
    first_line = answer.answer.split("\n")[0]
    assert "已于2017年12月31日届满" in first_line and "失效" in first_line
    assert "首台" in answer.citations[0].quote  # the clause that answers is still [1], the window clause after it
