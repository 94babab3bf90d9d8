"""A document the others implement, named only by its type or by deixis, and copies that recombine it
(issue 13: look-alike documents must not push the right clause out).

- named.py `_prefer_source`: "方案的指导思想" among a province's 行动方案 and city 工作方案 citing it, or
  "这个文件是谁发的", names the document the others cite; without citations nothing changes.
- named.py `asking_before_type`: "有没有什么风险兜底的办法" asks for a way, it names no 办法.
- rerank.py `_source_copies`: a heading the copy's document states (一、指导思想) that heads exactly one
  clause of the source brings that clause in; a copy that puts its own cities into the source's list of
  cities is still a copy (`_copy_key`); a copy of a copy follows the source (`_follow_sources`).
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.named import build_library_cues, load_cue_lexicon, name_documents
from assistant.retrieval.query import prepare
from assistant.retrieval.rerank import RankedClause, Weights, _follow_sources, rerank
from assistant.settings import Settings
from assistant.types import Clause, DocumentMeta
from tests.conftest import ingested_library, with_side_files

D = dt.date
PLAN_TITLE = "东海省海洋牧场装备产业发展行动方案"
CITIES = ["青澜", "白沙", "石湾", "云港", "鹿岛", "松门", "潮平", "望海"]


def _meta(doc_id: str, title: str, region: str, level: str, issuer: str, doc_type: str) -> DocumentMeta:
    return DocumentMeta(doc_id=doc_id, title=title, region=region, level=level, issuers=[issuer],
                        doc_type=doc_type, issue_date=D(2020, 1, 1))


METAS = {m.doc_id: m for m in [
    _meta("plan", PLAN_TITLE, "东海省", "省", "东海省经济和信息化厅", "方案"),
    _meta("qinglan", "青澜市海洋牧场装备工作方案", "东海省青澜市", "市", "青澜市经济和信息化局", "工作方案"),
    _meta("baisha", "白沙市海洋牧场装备工作方案", "东海省白沙市", "市", "白沙市经济和信息化局", "工作方案"),
    _meta("shiwan", "石湾市海洋牧场装备扶持办法", "东海省石湾市", "市", "石湾市经济和信息化局", "办法"),
]}
CITES = {"plan": frozenset({"qinglan", "baisha", "shiwan"})}  # doc → the documents citing it
CUES = build_library_cues(METAS, load_cue_lexicon(Settings().lexicon_dir))


def test_a_type_several_documents_have_names_the_one_the_others_cite():
    cited = name_documents("方案的指导思想是什么？", CUES, METAS, CITES)
    assert cited.lead() == ["plan"]
    assert cited.scores["qinglan"] == cited.scores["baisha"] > 0  # still 方案: set behind, not ruled out
    assert name_documents("方案的指导思想是什么？", CUES, METAS).lead() == ["baisha", "plan", "qinglan"]


def test_deixis_names_the_cited_document_and_nothing_without_citations():
    assert name_documents("这个文件是哪个部门发的？", CUES, METAS, CITES).lead() == ["plan"]
    assert name_documents("Who issued this document?", CUES, METAS, CITES).lead() == ["plan"]
    assert not name_documents("这个文件是哪个部门发的？", CUES, METAS).names


def test_a_cue_that_names_one_document_wins_over_the_source():
    assert name_documents("白沙的方案有什么支持？", CUES, METAS, CITES).lead() == ["baisha"]


def test_a_type_word_after_an_asking_word_names_no_document():
    assert "type" not in name_documents("客户不敢买，有没有什么风险兜底的办法？", CUES, METAS, CITES).kinds
    assert name_documents("办法里的补助标准是多少？", CUES, METAS, CITES).lead() == ["shiwan"]


# ---- a library: the province's plan and city plans recombining it ---------------------------------

PLAN = f"""\u3000\u3000东海省经济和信息化厅

\u3000\u30002019年3月1日

\u3000\u3000{PLAN_TITLE}

\u3000\u3000一、指导思想

\u3000\u3000坚持创新驱动，以建设海洋强省为目标，以装备升级为重点，推动海洋牧场装备产业集聚发展。

\u3000\u3000二、重点任务

\u3000\u3000（一）建设产业基地

\u3000\u3000统筹沿海各市资源，推进深远海养殖工船、智能投饵系统和水下监测设备研发。建成3个海洋牧场装备示范基地，培育5家骨干企业，形成完整的产业链。

\u3000\u3000（二）促进集群发展

\u3000\u3000鼓励青澜、白沙、石湾、云港、鹿岛、松门等重点城市建设海洋牧场装备特色产业集群。

\u3000\u3000（三）人才队伍

\u3000\u3000支持高校培养海洋工程人才，引进一批领军人才和创新团队。
"""

CITY = """\u3000\u3000{city}市经济和信息化局

\u3000\u30002021年5月1日

\u3000\u3000{city}市海洋牧场装备工作方案

\u3000\u3000为贯彻落实《{plan}》，结合我市实际，制定本方案。

\u3000\u3000一、指导思想

\u3000\u3000（一）示范基地建设。建成{n}个海洋牧场装备示范基地，培育{m}家骨干企业，形成完整的产业链。

\u3000\u3000（二）集群发展。鼓励{city}、{listed}等重点城市建设海洋牧场装备特色产业集群。
"""


def _library(root, small_caches, embedder):
    docs = {"plan": (PLAN, {"doc_id": "plan", "title": PLAN_TITLE, "issuer": "东海省经济和信息化厅",
                            "issue_date": "2019-03-01", "doc_type": "方案", "region": "东海省"})}
    for i, city in enumerate(CITIES):
        others = [c for c in CITIES if c != city]
        listed = "、".join(others[(i + k) % 7] for k in (0, 3, 5, 1, 6))  # its own order of other cities
        text = CITY.format(city=city, plan=PLAN_TITLE, n=4 + i, m=6 + i, listed=listed)
        docs[f"city-{i:02d}"] = (text, {"doc_id": f"city-{i:02d}", "title": f"{city}市海洋牧场装备工作方案",
                                        "issuer": f"{city}市经济和信息化局", "issue_date": "2021-05-01",
                                        "doc_type": "工作方案", "region": f"东海省{city}市"})
    return ingested_library(root, with_side_files(docs), small_caches, embedder)


@pytest.fixture(scope="module")
def crowd(tmp_path_factory, small_caches, embedder):
    return _library(tmp_path_factory.mktemp("lookalike-sources"), small_caches, embedder)


def _ranked(runtime, question: str, size: int = 3):
    first = HybridRetriever(index=runtime.index, embedder=runtime.embedder, settings=runtime.settings.retrieval,
                            rerank=False)
    query = prepare(question)
    fused, _ = first.search(query, k=30)
    vector = runtime.embedder.embed_query(query.dense_text)
    return fused, rerank(query, fused, runtime.index, runtime.embedder, vector, size=size)


def test_a_heading_the_copies_repeat_brings_the_source_clause_under_it(crowd):
    fused, ranked = _ranked(crowd, "指导思想讲了什么？", size=1)
    assert "plan#一" not in [h.clause.id for h in fused[:1]]  # the cities' 指导思想 clauses fill the pool
    assert ranked[0].clause.id == "plan#一"


def test_a_copy_with_its_own_cities_in_the_list_follows_the_source(crowd):
    _, ranked = _ranked(crowd, "哪些城市被鼓励建设特色产业集群？", size=6)
    assert ranked[0].clause.id == "plan#二.（二）"
    copies = [r for r in ranked[:6] if r.clause.doc_id.startswith("city-")]  # the judged pool's copies
    assert len(copies) >= 4 and all(r.duplicate_of == "plan#二.（二）" for r in copies)


def test_this_document_is_the_one_the_others_implement(crowd):
    hits, _ = crowd.retriever.search(prepare("这个文件是哪个部门发的？"), k=3)
    assert hits[0].clause.doc_id == "plan"


# ---- the ranking steps on their own ----------------------------------------------------------------

def _clause(doc_id: str, anchor: str) -> Clause:
    return Clause(id=f"{doc_id}#{anchor}", doc_id=doc_id, anchor=anchor, section=anchor, start=0, end=4,
                  text="鼓励发展")


def _ranked_clause(doc_id: str, score: float, duplicate_of: str | None = None) -> RankedClause:
    return RankedClause(clause=_clause(doc_id, "一"), score=0.0, rerank_score=score, fused_rank=1,
                        duplicate_of=duplicate_of)


def test_a_copy_of_a_copy_follows_the_source():
    source, copy, second = _ranked_clause("plan", 10.0), _ranked_clause("a", 11.0), _ranked_clause("b", 12.0, "a#一")
    out = {r.clause.id: r for r in _follow_sources([source, copy, second], {"a#一": ["plan#一"]}, Weights())}
    assert out["b#一"].rerank_score < out["plan#一"].rerank_score
    assert out["b#一"].duplicate_of == out["a#一"].duplicate_of == "plan#一"


def test_a_recombined_copy_follows_the_best_of_its_sources():
    best, other, copy = _ranked_clause("plan", 10.0), _ranked_clause("plan", 9.0), _ranked_clause("a", 12.0)
    other = other.model_copy(update={"clause": _clause("plan", "二")})
    out = {r.clause.id: r for r in _follow_sources([best, other, copy], {"a#一": ["plan#二", "plan#一"]}, Weights())}
    assert out["a#一"].duplicate_of == "plan#一"
    assert 9.0 < out["a#一"].rerank_score < 10.0
