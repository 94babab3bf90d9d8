"""Near-copies of one passage across documents (assistant/retrieval/rerank.py `_collapse_duplicates`).

A provincial plan and three fictional city plans that repeat its target sentence (another city, other
numbers) under headings about something else: the copy set in the section the question names leads,
and the other copies step back behind it.
"""

from __future__ import annotations

import dataclasses

import pytest

from assistant.ingest import ingest
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.query import prepare
from assistant.retrieval.rerank import WEIGHTS, rerank, shingles, similar

PROVINCE = """\u3000\u3000东海省海洋装备产业发展行动方案

\u3000\u3000一、发展目标

\u3000\u3000到2020年，全省海洋装备产业规模明显扩大。

\u3000\u3000二、行动典型载体

\u3000\u3000（一）海洋牧场装备

\u3000\u3000行动重点：发展深远海养殖工船、智能投饵系统和水下监测设备。

\u3000\u3000行动目标：建成3个海洋牧场装备示范基地，培育5家骨干企业，形成完整的产业链。

\u3000\u3000（二）船舶配套装备

\u3000\u3000行动目标：船舶配套本地化率达到60%。
"""

CITY = """\u3000\u3000{city}市海洋牧场装备{topic}工作方案

\u3000\u3000一、保障措施

\u3000\u3000（一）实施“{action}行动”

\u3000\u30001.建设示范基地。建成{n}个海洋牧场装备示范基地，培育{m}家骨干企业，形成完整的产业链。{tail}

\u3000\u30002.加强组织领导。各部门按职责分工抓好落实。
"""

CITIES = [("青澜", "港口物流", "开放合作", 4, 6, "推进港口物流标准化试点。"),
          ("白沙", "人才培养", "人才引进", 2, 8, "支持高校培养海洋工程人才。"),
          ("石湾", "融资担保", "融资支持", 5, 3, "引导担保机构扩大业务规模。")]


@pytest.fixture(scope="module")
def crowd(tmp_path_factory, small_caches, embedder):
    from assistant.runtime import Runtime
    from assistant.settings import Settings
    from tests.conftest import _write_small_knowledge

    root = tmp_path_factory.mktemp("near-duplicates")
    knowledge = _write_small_knowledge(root)
    (knowledge / "policies" / "small-policy.txt").unlink()
    (knowledge / "policies" / "donghai-plan.txt").write_text(PROVINCE, encoding="utf-8")
    for i, (city, topic, action, n, m, tail) in enumerate(CITIES):
        text = CITY.format(city=city, topic=topic, action=action, n=n, m=m, tail=tail)
        (knowledge / "policies" / f"city-{i}.txt").write_text(text, encoding="utf-8")
    runtime = Runtime(Settings(data_dir=root / "data", knowledge_dir=knowledge), embedder=embedder)
    assert ingest(runtime).status == "built"
    return runtime


QUESTION = "海洋牧场装备要建成几个示范基地？"


def _ranked(runtime, weights):
    first = HybridRetriever(index=runtime.index, embedder=runtime.embedder, settings=runtime.settings.retrieval,
                            rerank=False)
    query = prepare(QUESTION)
    fused, _ = first.search(query, k=12)
    return rerank(query, fused, runtime.index, runtime.embedder, runtime.embedder.embed_query(query.dense_text),
                  weights)


def test_copies_differing_by_city_and_numbers_are_near_duplicates():
    a = shingles("建成3个海洋牧场装备示范基地，培育5家骨干企业，形成完整的产业链。")
    b = shingles("建成14个海洋牧场装备示范基地，培育6家骨干企业，形成完整的产业链。")
    c = shingles("支持高校培养海洋工程人才，引导担保机构扩大业务规模。")
    assert similar(a, b) and not similar(a, c)


def test_the_copy_in_the_section_the_question_names_leads(crowd):
    without = _ranked(crowd, dataclasses.replace(WEIGHTS, duplicate=0.0))
    assert without[0].clause.doc_id.startswith("city-")  # a copy under an unrelated heading wins unaided
    ranked = _ranked(crowd, WEIGHTS)
    assert ranked[0].clause.id == "donghai-plan#二.（一）.行动目标"
    copies = [r for r in ranked if r.duplicate_of == ranked[0].clause.id]
    assert {r.clause.doc_id for r in copies} == {"city-0", "city-1", "city-2"}
    assert all(r.rerank_score < ranked[0].rerank_score for r in copies)


def test_one_documents_own_clauses_are_never_collapsed(crowd):
    ranked = _ranked(crowd, WEIGHTS)
    assert not [r for r in ranked if r.clause.doc_id == "donghai-plan" and r.duplicate_of]
