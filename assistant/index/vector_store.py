"""Vector stores behind a small Protocol: Chroma (embedded or server) and an in-memory twin."""

from __future__ import annotations

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

    def drop(self) -> None:
        self.client.delete_collection(self.collection)


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


def _matches(metadata: dict, where: dict | None) -> bool:
    """The subset of Chroma's `where` the retriever uses: equality and $in."""
    for key, cond in (where or {}).items():
        if isinstance(cond, dict) and "$in" in cond:
            if metadata.get(key) not in cond["$in"]:
                return False
        elif metadata.get(key) != cond:
            return False
    return True
