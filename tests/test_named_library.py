"""End to end over a small library of fictional documents: the document a question names leads the
answer (a city's before its zone's), and a question about a named document that does not state the
topic abstains instead of answering from another document's clause."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

TODAY = dt.date(2026, 12, 1)
DOCS = {
    # Fictional test material: places are real, issuers' texts, numbers and dates are invented.
    "yc-measures": ("""宜昌市加快智能装备产业发展若干措施（虚构测试）

第一条　支持人才引进。对智能装备企业全职引进的博士研究生，按每人每年3万元给予生活补贴。
第二条　保障项目用地。对计划总投资3亿元以上的智能装备项目，优先保障用地指标，工业用地出让价格按最低标准执行。
第三条　支持智能化改造。对企业实施的智能化改造项目，按设备投资额的10%给予补助，单个项目最高不超过200万元。
第四条　本措施自2024年3月1日起施行，有效期至2027年2月28日。
""", {"doc_id": "yc-measures", "title": "宜昌市加快智能装备产业发展若干措施（虚构测试）",
      "issuer": "宜昌市人民政府办公室", "issue_date": "2024-02-01", "doc_type": "措施", "region": "宜昌市",
      "level": "市", "effective_from": "2024-03-01", "effective_to": "2027-02-28"}),
    "jz-fund": ("""荆州市智能装备产业专项资金管理办法（虚构测试）

第一条　专项资金由市财政每年安排，用于支持本市智能装备企业发展。
第二条　智能化技术改造补助。对企业的技术改造项目，按生产性设备投资额的8%给予资金支持，单个项目不超过300万元。
第三条　首台（套）奖励。对经认定的首台（套）重大技术装备，一次性奖励50万元。
第四条　本办法自2019年8月1日起施行，有效期至2021年7月31日。
""", {"doc_id": "jz-fund", "title": "荆州市智能装备产业专项资金管理办法（虚构测试）",
      "issuer": "荆州市人民政府办公厅", "issue_date": "2019-07-01", "doc_type": "办法", "region": "荆州市",
      "level": "市", "effective_from": "2019-08-01", "effective_to": "2021-07-31"}),
    "yc-zone": ("""宜昌高新区人才安居办法（虚构测试）

一、人才安居补贴。对高新区企业全职引进的博士研究生，政府每人每月给予2000元租房补贴，补贴最长3年。
二、本办法自2025年6月1日起施行，有效期3年。
""", {"doc_id": "yc-zone", "title": "宜昌高新区人才安居办法（虚构测试）",
      "issuer": "宜昌高新技术产业开发区管理委员会", "issue_date": "2025-05-10", "doc_type": "办法",
      "region": "宜昌市宜昌高新区", "level": "区县", "effective_from": "2025-06-01", "effective_to": "2028-05-31"}),
}



@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library, with_side_files

    files = with_side_files(DOCS)
    runtime = ingested_library(tmp_path_factory.mktemp("named-library"), files, small_caches, embedder)
    assert set(runtime.index.documents) == set(DOCS)
    return runtime


def test_a_city_question_leads_with_the_city_document_not_its_zone(library):
    # The zone's clause repeats the question's words (引进博士, 政府, 补贴); it binds zone companies only.
    answer = ask(library, "在宜昌引进博士，政府给多少补贴？", today=TODAY)
    assert not answer.abstained
    assert answer.citations[0].doc_id == "yc-measures" and "3万元" in answer.citations[0].quote


def test_the_named_document_leads_though_another_matches_the_words_better(library):
    answer = ask(library, "荆州2019年办法对智能化改造补助最高多少？", today=TODAY)
    assert not answer.abstained
    assert answer.citations[0].doc_id == "jz-fund" and "300万元" in answer.citations[0].quote


def test_a_named_document_silent_on_the_topic_abstains_rather_than_quote_another(library):
    answer = ask(library, "荆州2019年办法对智能装备项目用地有什么优惠？", today=TODAY)
    assert answer.abstained
    assert all(c.doc_id == "jz-fund" for c in answer.citations)  # 宜昌's 用地 clause is no answer for 荆州
    assert "用地" in answer.answer


def test_the_same_topic_asked_of_the_document_that_states_it_is_answered(library):
    answer = ask(library, "宜昌对智能装备项目用地有什么优惠？", today=TODAY)
    assert not answer.abstained and answer.citations[0].doc_id == "yc-measures"
    assert "优先保障用地" in answer.citations[0].quote


def test_a_named_question_reads_the_same_clauses_for_an_asked_detail_once(library, monkeypatch):
    """The named documents' top clauses are the pool's top clauses: the detail check reads them once."""
    from collections import Counter

    from assistant.answering.scope import ScopeJudge
    from assistant.retrieval.query import prepare
    from assistant.types import ScoredClause

    index = library.index
    own = [c for c in index.clauses if c.doc_id == "jz-fund"][1:4]
    other = next(c for c in index.clauses if c.doc_id == "yc-measures" and "智能化改造" in c.text)
    hits = [ScoredClause(clause=c, score=0.1 - i / 100) for i, c in enumerate([*own, other])]
    reads: Counter[tuple] = Counter()
    topical = ScopeJudge._topical_sentences

    def counting(self, topic, read, idx, generic=frozenset()):
        reads[(tuple(h.clause.id for h in read), generic)] += 1
        return topical(self, topic, read, idx, generic)

    monkeypatch.setattr(ScopeJudge, "_topical_sentences", counting)
    verdict = library.scope_judge.judge(prepare("荆州2019年办法对首台（套）奖励最高多少？"), hits, index)
    assert not verdict.abstain
    assert reads and max(reads.values()) == 1, reads
