"""The second ranking stage over the fused candidates (assistant/retrieval/rerank.py)."""

from __future__ import annotations

import math

from assistant.retrieval.query import prepare
from assistant.retrieval.rerank import question_terms, rerank


def _fused(runtime, question: str):
    from assistant.retrieval.hybrid import HybridRetriever

    first = HybridRetriever(index=runtime.index, embedder=runtime.embedder, settings=runtime.settings.retrieval,
                            rerank=False)
    hits, _ = first.search(prepare(question), k=12, mode="hybrid")
    return hits


def _vector(runtime, question: str):
    return runtime.embedder.embed_query(prepare(question).dense_text)


def test_the_clause_that_states_the_share_comes_first(plan_runtime):
    # BM25 + dense put 二.p1 (产业规模, 2000亿元) first; the share is stated in 二.p3 (超过5%).
    question = "我们公司研发投入要占营收多少才算达标？"
    fused = _fused(plan_runtime, question)
    assert fused[0].clause.anchor != "二.p3"
    ranked = rerank(prepare(question), fused, plan_runtime.index, plan_runtime.embedder,
                    _vector(plan_runtime, question))
    assert ranked[0].clause.anchor == "二.p3"
    assert len(ranked) == len(fused) and {r.clause.id for r in ranked} == {h.clause.id for h in fused}


def test_sentences_are_scored_with_verbatim_spans(plan_runtime):
    question = "骨干企业研发经费占销售收入的比例是多少？"
    ranked = rerank(prepare(question), _fused(plan_runtime, question), plan_runtime.index,
                    plan_runtime.embedder, _vector(plan_runtime, question))
    top = ranked[0]
    text = plan_runtime.index.documents[top.clause.doc_id].text
    best = max(top.sentences, key=lambda s: s.score)
    assert "5%" in text[best.start:best.end]
    assert all(top.clause.start <= s.start < s.end <= top.clause.end for s in top.sentences)


def test_word_weights_are_idf_from_the_bm25_index(plan_runtime):
    index = plan_runtime.index
    terms = question_terms(prepare("融资租赁和装备"), index)
    n = index.lexical.size
    df = index.lexical.document_frequency("融资租赁")
    assert df >= 1
    assert math.isclose(terms.weights["融资租赁"], math.log(1 + (n - df + 0.5) / (df + 0.5)))
    assert terms.weights["融资租赁"] > terms.weights["装备"] > 0  # rarer words weigh more


def test_sentence_vectors_are_embedded_once_per_index(plan_runtime):
    calls = []
    inner = plan_runtime.embedder

    class Counting:
        name, dim = inner.name, inner.dim

        def embed_query(self, text):
            return inner.embed_query(text)

        def embed_passages(self, texts):
            calls.append(len(texts))
            return inner.embed_passages(texts)

    question = "首台套有什么支持？"
    fused = _fused(plan_runtime, question)
    index, vector = plan_runtime.index, _vector(plan_runtime, question)
    rerank(prepare(question), fused, index, Counting(), vector)
    before = len(calls)
    rerank(prepare(question), fused, index, Counting(), vector)
    assert len(calls) == before  # the second call embeds nothing


def test_without_a_question_vector_words_alone_rank(plan_runtime):
    question = "融资租赁"
    ranked = rerank(prepare(question), _fused(plan_runtime, question), plan_runtime.index,
                    plan_runtime.embedder, None)
    assert ranked[0].clause.anchor == "五.（二）"
    assert all(s.dense == 0.0 for r in ranked for s in r.sentences)


def test_hybrid_search_reranks_with_one_question_embedding(plan_runtime):
    from assistant.retrieval.hybrid import HybridRetriever
    from assistant.retrieval.rerank import RankedClause

    inner = plan_runtime.embedder
    queries = []

    class Counting:
        name, dim = inner.name, inner.dim

        def embed_query(self, text):
            queries.append(text)
            return inner.embed_query(text)

        def embed_passages(self, texts):
            return inner.embed_passages(texts)

    retriever = HybridRetriever(index=plan_runtime.index, embedder=Counting(), settings=plan_runtime.settings.retrieval)
    hits, _ = retriever.search("我们公司研发投入要占营收多少才算达标？", k=5)
    assert len(queries) == 1  # the first and second stage share the vector
    assert all(isinstance(h, RankedClause) for h in hits)
    assert hits[0].clause.anchor == "二.p3"  # the first stage alone puts 二.p1 first (test above)
    bm25, _ = retriever.search("我们公司研发投入要占营收多少才算达标？", k=5, mode="bm25")
    assert not any(isinstance(h, RankedClause) for h in bm25)  # single-retriever modes stay as measured
