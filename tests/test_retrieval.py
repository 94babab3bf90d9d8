"""Hybrid retrieval over the plan's index: gold-question hit rates, filters, modes, langchain API."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document as LCDocument

from assistant.errors import InvalidQuestion
from assistant.retrieval.hybrid import ClauseFilter, InvalidSearch
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


def test_hybrid_scores_are_the_rrf_fusion_of_the_two_rankings(retriever):
    """Hybrid ranks and scores follow from the dense and BM25 rankings, fused with rrf_k.

    The second ranking stage reorders the fused pool on purpose, so the fusion is checked on the
    first stage alone (rerank=False)."""
    first_stage = retriever.model_copy(update={"rerank": False})
    question, depth = "工业机器人的行动目标是什么？", retriever.settings.candidates
    dense = [h.clause.id for h in retriever.search(question, k=depth, mode="dense")[0]]
    lexical = [h.clause.id for h in retriever.search(question, k=depth, mode="bm25")[0]]
    rrf_k = retriever.settings.rrf_k
    expected = {}
    for ranking in (dense, lexical):
        for rank, clause_id in enumerate(ranking, 1):
            expected[clause_id] = expected.get(clause_id, 0.0) + 1.0 / (rrf_k + rank)
    hits, notices = first_stage.search(question, k=10)
    assert notices == []
    for h in hits:
        assert h.score == pytest.approx(expected[h.clause.id], abs=1e-6)
        assert h.dense_rank == (dense.index(h.clause.id) + 1 if h.clause.id in dense else None)
        assert h.lexical_rank == (lexical.index(h.clause.id) + 1 if h.clause.id in lexical else None)
    best = sorted(expected, key=lambda c: -expected[c])[:10]
    assert [h.clause.id for h in hits] == best
    assert hits[0].clause.anchor.startswith("四.（二）")


def test_dense_scores_are_cosine_similarities(retriever, embedder):
    hits, _ = retriever.search("首台套保险补偿", k=3, mode="dense")
    query = embedder.embed_query("首台套保险补偿")
    passages = embedder.embed_passages([h.clause.indexed_text for h in hits])
    for h, vector in zip(hits, passages, strict=True):
        assert h.dense_score == pytest.approx(float(query @ vector), abs=2e-3)


def test_unknown_mode_is_an_error(retriever):
    with pytest.raises(InvalidSearch, match="typo"):
        retriever.search("首台套", mode="typo")


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


def test_doc_filter_matching_no_document_finds_nothing(retriever):
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


# ---- two documents whose numbering repeats -----------------------------------------------------

# The same 一、/1./2./二、 anchors as SMALL_POLICY, other content: filters and citations must keep
# each clause with its own document.
OTHER_POLICY = """湖北省数控机床推广办法

一、应用推广
1.对采购国产高档数控机床的用户企业给予购置补贴，补贴比例为设备价款的百分之十。
2.组织数控机床用户和制造企业开展供需对接活动。
二、人才培养
支持职业院校开设数控机床操作和维修专业，培养技能人才。
"""


@pytest.fixture(scope="module")
def two_docs(tmp_path_factory, small_caches, embedder):
    import shutil

    from conftest import REPO_ROOT, SMALL_POLICY

    from assistant.ingest import ingest
    from assistant.runtime import Runtime
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("two-docs")
    knowledge = root / "knowledge"
    (knowledge / "policies").mkdir(parents=True)
    for name in ("lexicon", "documents", "messages"):  # tokenizer lexicon; regions, item rules; answer words
        (knowledge / name).symlink_to(REPO_ROOT / "knowledge" / name, target_is_directory=True)
    (knowledge / "policies" / "small-policy.txt").write_text(SMALL_POLICY, encoding="utf-8")
    (knowledge / "policies" / "other-policy.txt").write_text(OTHER_POLICY, encoding="utf-8")
    for name in ("jieba", "embeddings"):
        shutil.copytree(small_caches / name, root / "data" / "cache" / name)
    runtime = Runtime(Settings(data_dir=root / "data", knowledge_dir=knowledge), embedder=embedder)
    assert ingest(runtime).status == "built"
    index = runtime.index
    assert len(index.documents) == 2
    small, other = sorted(index.documents, key=lambda d: "数控" in index.documents[d].text)
    shared = {c.anchor for c in index.clauses if c.doc_id == small} & {c.anchor for c in index.clauses
                                                                       if c.doc_id == other}
    assert {"一.1", "一.2"} <= shared  # the premise: anchors repeat across the documents
    return runtime, small, other


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_doc_filter_keeps_the_chosen_document_where_anchors_repeat(two_docs, mode):
    runtime, small, other = two_docs
    for doc_id, question in ((other, "采购数控机床有补贴吗"), (small, "首台套示范项目奖励")):
        hits, _ = runtime.retriever.search(question, k=10, where=ClauseFilter(doc_ids=[doc_id]), mode=mode)
        assert hits and {h.clause.doc_id for h in hits} == {doc_id}, mode
    # Unfiltered, both documents answer; a section filter alone keeps both documents' 一.* clauses.
    hits, _ = runtime.retriever.search("补贴", k=10, where=ClauseFilter(section="一"), mode=mode)
    assert {h.clause.doc_id for h in hits} == {small, other} and all(h.clause.anchor.startswith("一") for h in hits)


def test_section_and_doc_filter_together_pick_one_documents_clause(two_docs):
    runtime, _, other = two_docs
    hits, _ = runtime.retriever.search("补贴", k=10, where=ClauseFilter(doc_ids=[other], section="一.1"))
    assert [(h.clause.doc_id, h.clause.anchor) for h in hits] == [(other, "一.1")]


def test_citations_quote_the_document_the_clause_came_from(two_docs):
    from assistant.answering.ask import ask

    runtime, _, other = two_docs
    answer = ask(runtime, "采购国产高档数控机床有什么补贴？")
    assert not answer.abstained and answer.citations
    first = answer.citations[0]
    assert (first.doc_id, first.anchor) == (other, "一.1")
    for c in answer.citations:
        assert c.quote == runtime.index.documents[c.doc_id].text[c.start:c.end]
    assert "百分之十" in first.quote
