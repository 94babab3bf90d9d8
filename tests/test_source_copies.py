"""Look-alike documents that copy the document they cite (issue 13; assistant/retrieval/sources.py and
rerank.py `_source_copies`, `_follow_sources`).

A fictional provincial plan and ten city plans that implement it (为贯彻落实《…》): each city repeats the
plan's target sentence (its own city, other numbers) in a short clause that also repeats the question's
words in its heading, so every copy outranks the plan's own clause in both first-stage retrievers. The
question names no document: the plan's clause answers first and the copies follow it; a city the
question names keeps its own copy first.
"""

from __future__ import annotations

import pytest

from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.query import prepare
from assistant.retrieval.rerank import rerank
from assistant.retrieval.sources import build_citations, citations
from tests.conftest import ingested_library

PLAN_TITLE = "东海省海洋牧场装备产业发展行动方案"

PLAN = f"""\u3000\u3000{PLAN_TITLE}

\u3000\u3000一、发展目标

\u3000\u3000到2020年，全省海洋装备产业规模明显扩大，产业体系基本形成。

\u3000\u3000二、重点任务

\u3000\u3000（一）建设产业基地

\u3000\u3000统筹沿海各市资源，推进深远海养殖工船、智能投饵系统和水下监测设备研发。建成3个海洋牧场装备示范基地，培育5家骨干企业，形成完整的产业链。

\u3000\u3000（二）船舶配套装备

\u3000\u3000船舶配套本地化率达到60%，支持配套企业开展技术改造。

\u3000\u3000（三）人才队伍

\u3000\u3000支持高校培养海洋工程人才，引进一批领军人才和创新团队。
"""

CITY = """\u3000\u3000{city}市海洋牧场装备示范基地建设工作方案

\u3000\u3000为贯彻落实《{plan}》，结合我市实际，制定本方案。

\u3000\u3000一、海洋牧场装备示范基地

\u3000\u30001.示范基地建设。建成{n}个海洋牧场装备示范基地，培育{m}家骨干企业，形成完整的产业链。

\u3000\u30002.加强组织领导。各部门按职责分工抓好落实。
"""

CITIES = ["青澜", "白沙", "石湾", "云港", "鹿岛", "松门", "潮平", "望海", "金澳", "银滩"]
QUESTION = "海洋牧场装备示范基地要建成几个？"
SOURCE = "donghai-plan#二.（一）"


def _library(root, small_caches, embedder, plan_title: str):
    policies = {"donghai-plan.txt": PLAN}
    for i, city in enumerate(CITIES):
        policies[f"city-{i:02d}.txt"] = CITY.format(city=city, plan=plan_title, n=4 + i, m=6 + i)
    return ingested_library(root, policies, small_caches, embedder)


@pytest.fixture(scope="module")
def crowd(tmp_path_factory, small_caches, embedder):
    return _library(tmp_path_factory.mktemp("source-copies"), small_caches, embedder, PLAN_TITLE)


@pytest.fixture(scope="module")
def uncited(tmp_path_factory, small_caches, embedder):
    """The same cities quoting no document of the library: nothing tells which copy is the source."""
    return _library(tmp_path_factory.mktemp("source-uncited"), small_caches, embedder, "海洋经济发展规划")


def _ranked(runtime, question: str = QUESTION, size: int = 12):
    first = HybridRetriever(index=runtime.index, embedder=runtime.embedder, settings=runtime.settings.retrieval,
                            rerank=False)
    query = prepare(question)
    fused, _ = first.search(query, k=30)
    vector = runtime.embedder.embed_query(query.dense_text)
    return fused, rerank(query, fused, runtime.index, runtime.embedder, vector, size=size)


def test_a_city_plan_cites_the_plan_whose_title_it_quotes(crowd):
    cites = citations(crowd.index)
    assert all(cites[f"city-{i:02d}"] == {"donghai-plan"} for i in range(len(CITIES)))
    assert "donghai-plan" not in cites  # the plan quotes no document of the library


def test_citations_ignore_spacing_and_unknown_titles(uncited):
    assert build_citations(uncited.index) == {}


def test_the_copies_outrank_the_source_in_the_first_stage(crowd):
    fused, _ = _ranked(crowd)
    assert fused[0].clause.doc_id.startswith("city-")
    assert SOURCE not in [h.clause.id for h in fused[:3]]


def test_the_source_clause_answers_first_and_its_copies_follow(crowd):
    _, ranked = _ranked(crowd)
    assert ranked[0].clause.id == SOURCE
    copies = [r for r in ranked if r.duplicate_of == SOURCE]
    assert len(copies) >= 5 and all(r.clause.doc_id.startswith("city-") for r in copies)
    assert all(r.rerank_score < ranked[0].rerank_score for r in copies)


def test_the_source_joins_a_pool_the_copies_filled(crowd):
    fused, ranked = _ranked(crowd, size=3)
    assert SOURCE not in [h.clause.id for h in fused[:3]]
    assert ranked[0].clause.id == SOURCE


def test_without_a_citation_a_copy_still_wins(uncited):
    _, ranked = _ranked(uncited)
    assert ranked[0].clause.doc_id.startswith("city-")


def test_a_city_the_question_names_keeps_its_own_copy_first(crowd):
    _, ranked = _ranked(crowd, "白沙市海洋牧场装备示范基地要建成几个？")
    assert ranked[0].clause.doc_id == "city-01"
