"""Hybrid retrieval over the plan's index: gold-question hit rates, filters, modes, langchain API."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document as LCDocument

from assistant.errors import InvalidQuestion
from assistant.retrieval.hybrid import ClauseFilter
from assistant.retrieval.query import prepare

TOP_K = 5


@pytest.fixture(scope="module")
def retriever(plan_runtime):
    return plan_runtime.retriever


@pytest.fixture(scope="module")
def top5(retriever, gold):
    """Top-5 anchors for every answerable gold question, retrieved once."""
    return {
        row["id"]: [h.clause.anchor for h in retriever.search(row["question"], k=TOP_K)[0]]
        for row in gold
        if row["answerable"]
    }


def _hits(rows, top5, anchor_hits):
    hit, missed = 0, []
    for row in rows:
        if any(anchor_hits(a, g) for a in top5[row["id"]] for g in row["gold_anchors"]):
            hit += 1
        else:
            missed.append((row["id"], row["question"], row["gold_anchors"], top5[row["id"]]))
    return hit, missed


def test_colloquial_questions_hit_gold_clause_in_top5(gold, top5, anchor_hits):
    rows = [r for r in gold if r["answerable"] and r["category"] == "colloquial"]
    assert len(rows) >= 40
    hit, missed = _hits(rows, top5, anchor_hits)
    print(f"colloquial hit@5: {hit}/{len(rows)}")
    assert hit >= 40, f"{hit}/{len(rows)} hits; missed: {missed}"


@pytest.mark.parametrize("category", ["plan_terms", "english", "traditional"])
def test_category_hit_rate_at_least_90_percent(gold, top5, anchor_hits, category):
    rows = [r for r in gold if r["answerable"] and r["category"] == category]
    assert rows, category
    hit, missed = _hits(rows, top5, anchor_hits)
    print(f"{category} hit@5: {hit}/{len(rows)}")
    assert hit / len(rows) >= 0.9, f"{hit}/{len(rows)} hits; missed: {missed}"


def test_results_are_sorted_unique_and_from_the_index(retriever, plan_index):
    hits, notices = retriever.search("工业机器人的行动目标是什么？", k=10)
    assert notices == []
    assert len(hits) == 10
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    ids = [h.clause.id for h in hits]
    assert len(set(ids)) == len(ids)
    for h in hits:
        assert plan_index.clause(h.clause.id) == h.clause
        assert h.dense_score is not None or h.lexical_score is not None
    assert hits[0].clause.anchor.startswith("四.（二）")


# ---- query preparation -------------------------------------------------------------------------

def test_traditional_input_is_detected_and_simplified():
    query = prepare("機器人減速器")
    assert query.lang == "zh-Hant"
    assert query.text == "机器人减速器"
    assert query.original == "機器人減速器"
    assert prepare("机器人减速器").lang == "zh"
    assert prepare("What does the plan say about robots?").lang == "en"


def test_traditional_question_retrieves_like_simplified(retriever):
    trad = [h.clause.anchor for h in retriever.search("首台套裝備有哪些支持措施？")[0]]
    simp = [h.clause.anchor for h in retriever.search("首台套装备有哪些支持措施？")[0]]
    assert trad == simp
    assert "三.（三）.1" in trad[:3]


@pytest.mark.parametrize("bad", ["", "   ", "\n\t\u3000", "？？！！", "\u200b\u200b"])
def test_prepare_rejects_empty_questions(bad):
    with pytest.raises(InvalidQuestion):
        prepare(bad)


def test_prepare_length_limit():
    assert prepare("首" * 2000).text == "首" * 2000
    with pytest.raises(InvalidQuestion):
        prepare("首" * 2001)
    with pytest.raises(InvalidQuestion):
        prepare(None)


# ---- English, filters, modes -------------------------------------------------------------------

def test_english_financial_leasing_question_finds_policy_support(retriever):
    hits, _ = retriever.search("Does the plan encourage financial leasing of high-end equipment?", k=3)
    assert "五.（二）" in [h.clause.anchor for h in hits]


def test_doc_filter(retriever, plan_id):
    hits, _ = retriever.search("首台套", where=ClauseFilter(doc_ids=[plan_id]))
    assert hits and all(h.clause.doc_id == plan_id for h in hits)
    for mode in ("hybrid", "dense", "bm25"):
        hits, _ = retriever.search("首台套", where=ClauseFilter(doc_ids=["nope"]), mode=mode)
        assert hits == [], mode


def test_section_filter_by_heading_text(retriever):
    hits, _ = retriever.search("支持首台套和人才", k=10, where=ClauseFilter(section="保障措施"))
    anchors = [h.clause.anchor for h in hits]
    assert anchors and all(a.startswith("五.") for a in anchors), anchors
    hits, _ = retriever.search("首台套", k=10, where=ClauseFilter(section="三.（三）"))
    anchors = [h.clause.anchor for h in hits]
    assert anchors and all(a.startswith("三.（三）.") for a in anchors), anchors
    assert anchors[0] == "三.（三）.1"


def test_section_filter_by_anchor_prefix_on_unambiguous_query(retriever):
    hits, _ = retriever.search("工业机器人", k=10, where=ClauseFilter(section="四"))
    anchors = [h.clause.anchor for h in hits]
    assert len(anchors) == 10 and all(a.startswith("四.") for a in anchors), anchors


# Was a bug (assistant/retrieval/hybrid.py, ClauseFilter.allows: `... or s in clause.section`):
# a section given as an anchor prefix is also matched as a substring of the heading path, so
# section="四" lets in 五.（四）（"五、保障措施 › （四）建立依托工程发展机制" contains 四) — and
# it is the TOP hit for 依托工程/首台套, ahead of every clause of section 四.
def test_section_filter_four_returns_only_section_four(retriever, plan_index):
    where = ClauseFilter(section="四")
    assert all(c.anchor.startswith("四.") for c in plan_index.clauses if where.allows(c))
    for question in ("依托工程发展机制", "首台套"):
        hits, _ = retriever.search(question, k=10, where=where)
        anchors = [h.clause.anchor for h in hits]
        assert anchors and all(a.startswith("四.") for a in anchors), anchors


def test_modes_use_their_own_retrievers(retriever):
    results = {}
    for mode in ("bm25", "dense", "hybrid"):
        hits, notices = retriever.search("首台套", mode=mode)
        assert hits and notices == [], mode
        assert hits[0].clause.anchor == "三.（三）.1", mode
        results[mode] = hits
    assert all(h.lexical_score is not None and h.dense_score is None for h in results["bm25"])
    assert all(h.dense_score is not None and h.lexical_score is None for h in results["dense"])
    assert all(-1.0 <= h.dense_score <= 1.0 for h in results["dense"])
    # Hybrid fuses both: the best clause is found by both retrievers.
    best = results["hybrid"][0]
    assert best.dense_rank == 1 and best.lexical_rank == 1
    # BM25 only scores clauses sharing a query term; dense returns k for anything.
    tokenizer = retriever.index.tokenizer
    terms = set(tokenizer.query_tokens("首台套"))
    assert all(terms & set(tokenizer.tokens(h.clause.indexed_text)) for h in results["bm25"])
    assert len(results["dense"]) == 5


def test_bm25_mode_finds_nothing_for_unknown_words(retriever):
    hits, _ = retriever.search("量子纠缠光子晶体", mode="bm25")
    assert hits == []


# Was a bug (assistant/retrieval/hybrid.py, HybridRetriever.search: `k = k or self.settings.top_k`):
# k=0 is falsy, so it silently becomes top_k (5 results) and the `if k < 1: raise ValueError`
# right below can never fire for 0; only negative k raises.
def test_k_zero_raises_value_error(retriever):
    with pytest.raises(ValueError):
        retriever.search("首台套", k=0)


def test_negative_k_raises_value_error(retriever):
    with pytest.raises(ValueError):
        retriever.search("首台套", k=-1)


def test_k_limits_results(retriever):
    assert len(retriever.search("智能制造装备", k=1)[0]) == 1
    assert len(retriever.search("智能制造装备", k=12)[0]) == 12


# ---- the langchain interface -------------------------------------------------------------------

def test_langchain_invoke_returns_documents_with_spans(retriever, plan_index, plan_doc):
    docs = retriever.invoke("首台套")
    assert docs and all(isinstance(d, LCDocument) for d in docs)
    assert len(docs) == 5  # settings.retrieval.top_k
    assert docs[0].metadata["anchor"] == "三.（三）.1"
    for d in docs:
        meta = d.metadata
        assert {"anchor", "start", "end", "doc_id", "section"} <= set(meta)
        clause = plan_index.clause(d.id)
        assert clause is not None and clause.anchor == meta["anchor"]
        assert d.page_content == clause.text
        assert d.page_content == plan_index.documents[meta["doc_id"]].text[meta["start"]:meta["end"]]
    assert docs[0].page_content == plan_doc.text[docs[0].metadata["start"]:docs[0].metadata["end"]]
