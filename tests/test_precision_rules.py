# ruff: noqa: E501 (the documents' lines are long, as real ones are)
"""The right clause first and nothing padded (issue 13), on fictional text: a question's two-word
phrase found verbatim ranks its clause first (推进 + 方案 where 方案 alone is a stopword), but not in a
sentence that asks (a Q&A pair's 问); a heading's answer-kind word (保障措施) is coverage of its clauses
(措施); an ask with neither topic nor kind of its own ("分别怎么说") is no part of its own; a
secondary clause is not cited when it names only parts or expansions of words the lead names, when
outside a tie the lead names all it names and more, or when it names nothing of the question; it is
cited when it holds a phrase of the question the lead lacks."""

from __future__ import annotations

import pytest

from assistant.answering.evidence import answering_clauses
from assistant.retrieval.rerank import QuestionTerms, RankedClause
from assistant.types import Clause


def _ranked(anchor: str, score: float, covered: list[str], text: str = "条款正文") -> RankedClause:
    clause = Clause(id=f"d#{anchor}", doc_id="d", anchor=anchor, section=anchor, start=0, end=len(text), text=text)
    return RankedClause(clause=clause, score=0.03, rerank_score=score, fused_rank=1, covered=covered)


def _anchors(hits: list[RankedClause]) -> list[str]:
    return [h.clause.anchor for h in hits]


# ---- no padding ------------------------------------------------------------------------------------

def test_a_clause_naming_only_parts_of_a_word_the_lead_names_is_not_cited():
    # "高档焊接机器人的行动目标": 焊接机器人 and 机器人 are search-mode parts of 高档焊接机器人
    concepts = {"高档焊接机器人": "高档焊接机器人", "焊接机器人": "高档焊接机器人", "机器人": "高档焊接机器人", "目标": "目标"}
    terms = QuestionTerms({"高档焊接机器人": 3.0, "焊接机器人": 2.5, "机器人": 1.5, "目标": 1.0}, (), concepts=concepts)
    lead = _ranked("目标", 10.0, ["高档焊接机器人", "目标"])
    parts_only = _ranked("重点", 9.5, ["焊接机器人", "机器人"])
    assert _anchors(answering_clauses([lead, parts_only], terms)) == ["目标"]
    other_word = _ranked("园区", 9.5, ["焊接机器人", "园区"])
    terms2 = QuestionTerms({**terms.weights, "园区": 2.0}, (), concepts={**concepts, "园区": "园区"})
    assert _anchors(answering_clauses([lead, other_word], terms2)) == ["目标", "园区"]  # 园区: a word of its own


def test_a_near_tie_is_cited_only_when_the_lead_does_not_name_more():
    terms = QuestionTerms({"焊接": 2.0, "机器人": 1.5, "目标": 1.0}, ())
    lead = _ranked("a", 10.0, ["焊接", "机器人", "目标"])
    dominated = _ranked("b", 9.8, ["焊接", "机器人"])  # within 0.35, but the lead names all it names and 目标
    same = _ranked("c", 9.8, ["焊接", "机器人", "目标"])  # the ranker cannot tell the two apart
    assert _anchors(answering_clauses([lead, dominated], terms)) == ["a"]
    assert _anchors(answering_clauses([lead, same], terms)) == ["a", "c"]
    tie = _ranked("d", 9.9, ["焊接", "机器人"])  # within TIE (0.15): a tie is a tie, whatever the words
    assert _anchors(answering_clauses([lead, tie], terms)) == ["a", "d"]


def test_a_clause_naming_nothing_of_the_question_is_not_cited_however_close():
    terms = QuestionTerms({"焊接": 2.0, "机器人": 1.5}, ())
    lead = _ranked("a", 10.0, [])  # an English question whose words the clauses do not share
    vectors_only = _ranked("b", 9.99, [])
    assert _anchors(answering_clauses([lead, vectors_only], terms)) == ["a"]


def test_a_clause_holding_a_phrase_of_the_question_the_lead_lacks_is_cited():
    terms = QuestionTerms({"推进": 1.5, "县区": 2.0}, (), phrases={"推进方案": 1.5})
    lead = _ranked("a", 10.0, ["推进", "县区"], "各县区加快推进园区建设。")
    phrase = _ranked("b", 9.5, ["推进", "县区"], "各县区抓紧制定专项推进方案。")
    no_phrase = _ranked("c", 9.5, ["推进", "县区"], "各县区推进企业上云。")
    assert _anchors(answering_clauses([lead, phrase], terms)) == ["a", "b"]
    assert _anchors(answering_clauses([lead, no_phrase], terms)) == ["a"]


# ---- phrases -----------------------------------------------------------------------------------------

def test_phrases_join_neighbouring_words_with_a_content_word(tmp_path):
    from assistant.index.tokenizer import Tokenizer
    from assistant.retrieval.rerank import _phrases, phrase_share
    from assistant.settings import REPO_ROOT

    tok = Tokenizer(REPO_ROOT / "knowledge" / "lexicon", tmp_path)
    phrases = _phrases(tok, "我们县里会不会出专门的推进方案？", {"推进": 1.5})
    assert phrases == {"推进方案": 1.5}  # 方案 is a stopword, 县里 no content word; single characters never pair
    terms = QuestionTerms({"推进": 1.5, "县里": 0.5}, (), phrases=phrases)
    assert phrase_share(terms, "各县市区抓紧制定专项推进方案。") == pytest.approx(0.75)
    assert phrase_share(terms, "推进园区建设，完善工作方案。") == 0.0  # both words, not together


# ---- over a fictional library ------------------------------------------------------------------------

PLAN = """青峰市智能装备产业发展三年行动计划（虚构测试文档）

一、主要任务

1.鼓励首台套应用。对企业研制的首台套装备给予认定，按首台套售价的20%给予奖励，单台最高不超过200万元。

2.推进数字化车间建设。推进企业建设数字化车间，推进生产线智能化改造，推进设备联网和数据采集。

二、保障措施

（一）落实首台套政策。积极落实首台（套）政策，支持智能装备推广应用。

（二）加强组织协调。各县市区抓紧制定切合实际的专项推进方案，完善工作推进机制。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("precision-rules"), {"qf-plan.txt": PLAN}, small_caches, embedder)


def test_a_headings_answer_kind_word_is_coverage_of_its_clauses(library):
    hits, _ = library.retriever.search("有哪些保障措施？", k=5)
    by_anchor = {h.clause.anchor: h for h in hits}
    assert "措施" in by_anchor["二.（一）"].covered  # 保障措施 says what the section's clauses are


def test_the_clause_holding_the_questions_phrase_ranks_first(library):
    from assistant.retrieval.rerank import WEIGHTS

    hits, _ = library.retriever.search("我们县里会不会出专门的推进方案？", k=5)
    assert hits[0].clause.anchor == "二.（二）"
    text = library.index.documents[hits[0].clause.doc_id].text
    holding = next(s for s in hits[0].sentences if "推进方案" in text[s.start:s.end])
    others = [s for h in hits[1:] for s in h.sentences]
    credit = holding.score - WEIGHTS.dense * holding.dense - WEIGHTS.coverage * holding.coverage
    assert credit > 0.5 * WEIGHTS.phrase  # 推进 + 方案 together: the question's only content word, as a phrase
    assert all(s.score == pytest.approx(WEIGHTS.dense * s.dense + WEIGHTS.coverage * s.coverage, abs=1e-5)
               for s in others)  # 推进 alone is no phrase


def test_an_ask_without_a_topic_that_the_same_quote_answers_is_no_part_of_its_own(library):
    from assistant.answering.ask import ask

    answer = ask(library, "首台套在计划中出现在哪些条款里？分别怎么说？")
    assert len(answer.parts) <= 1  # "分别怎么说" asks the first ask again
    cited = {c.anchor for c in answer.citations}
    assert {"一.1", "二.（一）"} <= cited  # where 首台套 appears: every clause naming it


MEASURES = """青峰市技术改造专项资金管理办法（虚构测试文档）

第二条　对企业实施的数字化改造项目，设备投资额在500万元以上的，按设备投资额的8%给予补助，单个项目最高不超过300万元。

第三条　对企业新建的数字化车间，给予一次性奖励50万元。
"""

INTERPRETATION = """# 《青峰市技术改造专项资金管理办法》政策解读（虚构测试文档）

问：数字化改造补助中的设备投资额包括哪些内容？

答：设备投资额包括新购置的生产设备和工业软件，不包括厂房装修。
"""


@pytest.fixture(scope="module")
def qa_library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    files = {"qf-measures.txt": MEASURES, "qf-interpretation.md": INTERPRETATION}
    return ingested_library(tmp_path_factory.mktemp("precision-qa"), files, small_caches, embedder)


def test_a_pairs_question_repeating_the_users_phrase_gets_no_phrase_credit(qa_library):
    from assistant.retrieval.rerank import WEIGHTS

    hits, _ = qa_library.retriever.search("数字化改造补助最多能拿多少？", k=5)
    pair = next(h for h in hits if h.clause.doc_id == "qf-interpretation")
    text = qa_library.index.documents[pair.clause.doc_id].text
    asked = next(s for s in pair.sentences if text[s.start:s.end].endswith("？"))
    assert "数字化改造补助" in text[asked.start:asked.end]
    # scored by its vector and words alone (no entity in the question): the pair rule judges a 问 sentence
    assert asked.score == pytest.approx(WEIGHTS.dense * asked.dense + WEIGHTS.coverage * asked.coverage, abs=1e-5)
    assert hits[0].clause.anchor.startswith("第二条")  # the clause stating the amount leads
