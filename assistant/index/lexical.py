"""BM25 over jieba tokens (bm25s), persisted beside the vectors."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

logging.getLogger("bm25s").setLevel(logging.WARNING)


class LexicalIndex:
    """A bm25s index whose document i is clause i of the build's clause table."""

    def __init__(self, retriever, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, token_lists: list[list[str]]) -> LexicalIndex:
        import bm25s

        retriever = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
        # An empty token list would break bm25s; a placeholder token keeps positions aligned.
        retriever.index([tokens or ["<empty>"] for tokens in token_lists], show_progress=False)
        return cls(retriever, len(token_lists))

    @property
    def vocabulary(self) -> dict[str, int]:
        return self._retriever.vocab_dict

    def document_frequency(self, token: str) -> int:
        """How many clauses contain `token` (a column's non-zeros in the BM25 score matrix)."""
        i = self._retriever.vocab_dict.get(token)
        indptr = self._retriever.scores["indptr"]
        if i is None or i + 1 >= len(indptr):
            return 0
        return int(indptr[i + 1] - indptr[i])

    def save(self, folder: Path) -> None:
        self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        import bm25s

        return cls(bm25s.BM25.load(str(folder), show_progress=False, mmap=False), size)

    def search(self, tokens: list[str], k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Return (clause position, BM25 score) pairs with score > 0, best first."""
        known = [t for t in tokens if t in self._retriever.vocab_dict]
        if not known or self.size == 0:
            return []
        k = min(k, self.size)
        # n_threads=0: a plain map in this thread (n_threads=1 starts a thread pool on every query).
        ids, scores = self._retriever.retrieve(
            [known], k=k, show_progress=False, n_threads=0, weight_mask=mask
        )
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if s > 0]
