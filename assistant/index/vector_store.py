"""Vector stores behind a small Protocol: Chroma (embedded or server) and an in-memory twin."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.index.embedder import Embedder, LangChainEmbeddings


class VectorStore(Protocol):
    """Holds one vector per clause id and finds the nearest ones to a query vector."""

    def add(self, ids: list[str], texts: list[str], metadatas: list[dict]) -> None: ...

    def search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Return (clause id, cosine similarity) pairs, best first."""
        ...

    def count(self) -> int: ...

    def close(self) -> None:
        """Release files and connections; the store is unusable afterwards."""
        ...

    def vectors(self, ids: list[str]) -> np.ndarray:
        """The stored vectors of `ids`, one row each, in the order given (exact search over a subset)."""
        ...


def chroma_client(path: Path | None = None, host: str | None = None, port: int | None = None):
    """An embedded PersistentClient at `path`, or an HttpClient when `host` is given."""
    import chromadb
    from chromadb.config import Settings as ChromaConfig

    config = ChromaConfig(anonymized_telemetry=False, allow_reset=False)
    if host:
        return chromadb.HttpClient(host=host, port=port or 8000, settings=config)
    if path is None:
        raise ValueError("an embedded Chroma client needs a path")
    return chromadb.PersistentClient(path=str(path), settings=config)


class ChromaVectorStore:
    """A langchain-chroma collection fed by our embedder (never Chroma's downloading default)."""

    def __init__(self, client, collection: str, embedder: Embedder, create: bool = False) -> None:
        from langchain_chroma import Chroma

        if not create:
            client.get_collection(collection)  # raises if missing: caught as a corrupt index
        self.client = client
        self.collection = collection
        self._store = Chroma(
            client=client,
            collection_name=collection,
            embedding_function=LangChainEmbeddings(embedder),
            collection_configuration={"hnsw": {"space": "cosine"}},
            create_collection_if_not_exists=create,
        )

    def add(self, ids: list[str], texts: list[str], metadatas: list[dict]) -> None:
        self._store.add_texts(texts=texts, metadatas=metadatas, ids=ids)

    def search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        hits = self._store.similarity_search_by_vector_with_relevance_scores(
            vector.tolist(), k=k, filter=where or None
        )
        # Chroma returns cosine distance; similarity = 1 - distance.
        return [(doc.id, 1.0 - float(distance)) for doc, distance in hits]

    def count(self) -> int:
        return self.client.get_collection(self.collection).count()

    def vectors(self, ids: list[str]) -> np.ndarray:
        got = self.client.get_collection(self.collection).get(ids=ids, include=["embeddings"])
        rows = dict(zip(got["ids"], got["embeddings"], strict=True))
        missing = [i for i in ids if i not in rows]
        if missing:
            raise KeyError(f"{len(missing)} ids are not in collection {self.collection}, e.g. {missing[0]}")
        return np.asarray([rows[i] for i in ids], dtype=np.float32).reshape(len(ids), -1)

    def drop(self) -> None:
        self.client.delete_collection(self.collection)

    def close(self) -> None:
        close_client(self.client)


def close_client(client) -> None:
    """Release a Chroma client: an embedded one holds its build's sqlite and index files open
    (chromadb refcounts one System per path and stops it, closing them, when the last client closes)."""
    if client is None:
        return
    try:
        client.close()
    except Exception as exc:  # closing must never break an ingest or a reload
        import logging

        logging.getLogger(__name__).warning("could not close a Chroma client: %s", type(exc).__name__)


class ReconnectingVectorStore:
    """A server collection opened on first use: while the server is unreachable every call raises
    (the retriever then answers BM25-only with a notice) and the first call after it is back connects.

    `connect` opens and checks the collection; failed attempts are retried at most every `retry_after` s.
    """

    def __init__(self, connect: Callable[[], VectorStore], retry_after: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if retry_after < 0:
            raise ValueError(f"retry_after must be at least 0, got {retry_after}")
        self._connect = connect
        self._retry_after = retry_after
        self._clock = clock
        self._store: VectorStore | None = None
        self._next_try = 0.0
        self._lock = threading.Lock()

    def _get(self) -> VectorStore:
        if self._store is not None:
            return self._store
        with self._lock:
            if self._store is None:
                now = self._clock()
                if now < self._next_try:
                    raise ConnectionError("the Chroma server is unreachable; retrying shortly")
                try:
                    self._store = self._connect()
                except Exception:
                    self._next_try = now + self._retry_after
                    raise
            return self._store

    def add(self, ids: list[str], texts: list[str], metadatas: list[dict]) -> None:
        self._get().add(ids, texts, metadatas)

    def search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        return self._get().search(vector, k, where)

    def count(self) -> int:
        return self._get().count()

    def vectors(self, ids: list[str]) -> np.ndarray:
        return self._get().vectors(ids)

    def close(self) -> None:
        with self._lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()


class InMemoryVectorStore:
    """Exact cosine search in numpy: the twin used by tests and small corpora."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.ids: list[str] = []
        self.metadatas: list[dict] = []
        self.matrix = np.zeros((0, embedder.dim), dtype=np.float32)

    def add(self, ids: list[str], texts: list[str], metadatas: list[dict]) -> None:
        vectors = self.embedder.embed_passages(texts)
        self.ids.extend(ids)
        self.metadatas.extend(metadatas)
        self.matrix = np.vstack([self.matrix, vectors])

    def search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        scores = self.matrix @ vector
        order = np.argsort(-scores)
        hits = [(self.ids[i], float(scores[i])) for i in order if _matches(self.metadatas[i], where)]
        return hits[:k]

    def count(self) -> int:
        return len(self.ids)

    def vectors(self, ids: list[str]) -> np.ndarray:
        row = {x: i for i, x in enumerate(self.ids)}
        return self.matrix[[row[i] for i in ids]].reshape(len(ids), self.matrix.shape[1])

    def close(self) -> None:
        pass


def _matches(metadata: dict, where: dict | None) -> bool:
    """The subset of Chroma's `where` the retriever uses: equality and $in."""
    for key, cond in (where or {}).items():
        if isinstance(cond, dict) and "$in" in cond:
            if metadata.get(key) not in cond["$in"]:
                return False
        elif metadata.get(key) != cond:
            return False
    return True
