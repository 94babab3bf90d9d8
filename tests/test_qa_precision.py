# ruff: noqa: E501 (the documents' lines are long, as real ones are)
"""Answer precision over a small fictional library (a measures text and its 政策解读 of 问/答 pairs):
the pair whose own question is the user's leads; interpretive asks take the defining answer; a
duration ask needs a stated duration; a beneficiary the evidence leaves out (本科, while 硕士 and
博士 are named) is answered as not stated; secondary clauses that only share a generic word are not cited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.answering.ask import ask
from assistant.runtime import Runtime
from assistant.settings import REPO_ROOT

TODAY = dt.date(2026, 12, 1)

MEASURES = """青川市机器人产业发展扶持办法（虚构测试文档）

第一条　适用范围。本办法适用于在青川市注册登记的工业机器人整机和核心零部件企业。

第二条　设备更新补助。对企业购置工业机器人且设备投入不低于500万元的项目，按设备投入的8%给予补助，单个项目最高不超过300万元。

第三条　研发奖励。对年度研发费用增长20%以上的机器人企业，按研发费用增量的5%给予奖励，最高不超过100万元。奖励资金在公示结束后30个工作日内拨付到企业账户。

第四条　人才安居。对机器人企业全职引进的硕士研究生，每人每月给予1000元住房补贴；对全职引进的博士研究生，每人每月给予2000元住房补贴，补贴期限最长2年。

第五条　申报程序。市工信局每年组织一次集中申报，具体要求以当年申报通知为准。

第六条　本办法自2025年1月1日起施行，有效期至2027年12月31日。
"""

INTERPRETATION = """# 《青川市机器人产业发展扶持办法》政策解读（虚构测试文档）

问：《扶持办法》的有效期是多久？

答：《扶持办法》自2025年1月1日起施行，有效期至2027年12月31日。

问：“设备投入不低于500万元”如何计算？

答：指项目实际支付的机器人及配套设备购置款，以增值税发票金额为准。

问：哪些企业可以享受《扶持办法》？

答：在青川市注册登记的工业机器人整机和核心零部件企业均可申请。

问：《扶持办法》每年一般支持多少个申报项目？

答：每年一般支持不超过20个申报项目。

问：什么时候申报，向哪个部门申报？

答：每年三季度由市工信局发布申报通知，企业向所在区工信部门申报。
"""

MEASURES_ID = "qingchuan-robot-measures"
INTERPRETATION_ID = "qingchuan-robot-interpretation"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, small_caches: Path, embedder) -> Runtime:
    from conftest import ingested_library

    files = {f"{MEASURES_ID}.txt": MEASURES, f"{INTERPRETATION_ID}.md": INTERPRETATION}
    return ingested_library(tmp_path_factory.mktemp("qa-library"), files, small_caches, embedder)


def _first(answer) -> str:
    return f"{answer.citations[0].doc_id}#{answer.citations[0].anchor}"


# ---- Q&A pairs -----------------------------------------------------------------------------------

def test_pair_rules_split_a_pair_into_its_question_and_answer():
    from assistant.retrieval.rerank import kind_agreement, pair_rules

    rules = pair_rules(REPO_ROOT / "knowledge" / "lexicon")
    question, cut = rules.split("问：什么时候申报？\n\n答：每年三季度。")
    assert question == "什么时候申报？" and "问：什么时候申报？\n\n答：每年三季度。"[cut:].startswith("\n\n答")
    assert rules.split("第五条　申报程序。每年组织一次集中申报。") is None
    assert kind_agreement(frozenset({"time"}), frozenset({"time", "issuer"})) == 1.0
    assert kind_agreement(frozenset({"cap", "number"}), frozenset()) == 0.0


def test_the_pair_asking_the_users_question_leads(library):
    answer = ask(library, "青川的扶持办法每年一般什么时候申报？", today=TODAY)
    assert not answer.abstained
    assert _first(answer).startswith(INTERPRETATION_ID) and "三季度" in answer.citations[0].quote


def test_an_interpretive_ask_leads_with_the_defining_answer(library):
    answer = ask(library, "青川设备更新补助里“设备投入不低于500万元”具体怎么算？", today=TODAY)
    assert not answer.abstained
    assert _first(answer).startswith(INTERPRETATION_ID) and "增值税发票" in answer.citations[0].quote


# ---- durations and qualifiers the documents do not state ---------------------------------------

def test_a_duration_no_document_states_is_not_stated(library):
    answer = ask(library, "青川的设备更新补助一般多久能拨付到账？", today=TODAY)
    assert answer.abstained
    assert "时间" in answer.answer.splitlines()[0]


def test_a_stated_duration_answers(library):
    answer = ask(library, "青川的研发奖励资金多久能拨付到账？", today=TODAY)
    assert not answer.abstained and "30个工作日" in answer.answer


def test_a_beneficiary_the_clause_leaves_out_is_not_stated_for_it(library):
    answer = ask(library, "青川引进本科毕业生有住房补贴吗，每月多少？", today=TODAY)
    assert answer.abstained
    head = answer.answer.splitlines()[0]
    assert "本科" in head and "硕士" in head and "博士" in head
    assert any("硕士研究生" in c.quote for c in answer.citations)  # what the clause does say, verbatim


def test_a_named_beneficiary_is_answered(library):
    answer = ask(library, "青川引进博士研究生，住房补贴每月多少？", today=TODAY)
    assert not answer.abstained and "2000元" in answer.answer


def test_qualifier_members_match_longest_words_first():
    from assistant.answering.scope import Qualifiers

    rules = Qualifiers.from_yaml({"families": {"degree": [
        {"name": "博士", "words": ["博士"]}, {"name": "博士后", "words": ["博士后"]}]}})
    family = rules.families[0]
    assert [m.name for m in rules.named("引进博士后", family)] == ["博士后"]
    assert [m.name for m in rules.named("博士和博士后", family)] == ["博士", "博士后"]


# ---- no padding ----------------------------------------------------------------------------------

def _ranked(anchor: str, text: str, score: float, covered: list[str]):
    from assistant.retrieval.rerank import RankedClause
    from assistant.types import Clause

    clause = Clause(id=f"plan#{anchor}", doc_id="plan", anchor=anchor, section=anchor, start=0, end=len(text), text=text)
    return RankedClause(clause=clause, score=0.5, rerank_score=score, fused_rank=1, covered=covered)


def test_a_sibling_that_only_repeats_the_leads_words_is_not_cited():
    from assistant.answering.evidence import answering_clauses
    from assistant.retrieval.rerank import QuestionTerms

    terms = QuestionTerms({"焊接": 2.0, "机器人": 1.5, "目标": 1.0}, ())
    lead = _ranked("四.（二）.行动目标", "到2030年，焊接机器人产业规模显著扩大。", 10.0, ["焊接", "机器人", "目标"])
    sibling = _ranked("四.（二）.行动重点", "重点发展焊接机器人本体和关键部件。", 9.5, ["焊接", "机器人"])
    near_tie = _ranked("四.（二）.行动路径", "推动焊接机器人在汽车行业应用目标。", 9.8, ["焊接", "机器人", "目标"])
    adds = _ranked("五.（三）", "建设焊接机器人目标产业园，培育龙头企业。", 9.5, ["焊接", "机器人", "目标"])
    assert [h.clause.anchor for h in answering_clauses([lead, sibling], terms)] == ["四.（二）.行动目标"]
    assert len(answering_clauses([lead, near_tie], terms)) == 2  # within 0.35, the same words: the ranker cannot tell
    assert len(answering_clauses([lead, adds], terms)) == 1  # nothing beyond the lead's words either


def test_a_sibling_giving_the_asked_kind_of_answer_is_cited():
    import re

    from assistant.answering.evidence import answering_clauses
    from assistant.retrieval.rerank import QuestionTerms

    terms = QuestionTerms({"焊接": 2.0, "机器人": 1.5}, (), ((re.compile(r"\d"),),))  # a number is asked
    lead = _ranked("四.（二）.行动目标", "到2030年，焊接机器人产值达到100亿元。", 10.0, ["焊接", "机器人"])
    sibling = _ranked("四.（二）.行动路径", "培育焊接机器人龙头企业3家。", 9.5, ["焊接", "机器人"])
    assert len(answering_clauses([lead, sibling], terms)) == 2


def test_a_clause_adding_only_a_frame_word_is_not_cited():
    from assistant.answering.evidence import answering_clauses, evidence_rules
    from assistant.retrieval.rerank import QuestionTerms

    rules = evidence_rules(REPO_ROOT / "knowledge" / "lexicon")
    terms = QuestionTerms({"镀锌线": 3.0, "发展": 1.0, "方向": 2.0}, ())  # 镀锌线往什么方向发展
    lead = _ranked("四.（四）.行动重点", "镀锌线重点发展高速化、智能化机组。", 10.0, ["镀锌线", "发展"])
    frame_only = _ranked("三.（二）.3", "引导中小企业向专业化方向发展。", 9.2, ["发展", "方向"])
    assert len(answering_clauses([lead, frame_only], terms, rules)) == 1
