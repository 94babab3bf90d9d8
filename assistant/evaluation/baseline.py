"""The standard LangChain RAG recipe, as a retrieval baseline for the clause-aware pipeline.

RecursiveCharacterTextSplitter chunks of 500 characters with 50 overlap over the same document
text, embedded by the same embedder into langchain-core's InMemoryVectorStore, searched with the
raw question (no normalisation, no follow-up handling, no BM25). A chunk is scored by the clauses
its character span overlaps: it hits gold anchor X when it overlaps the span of X or of a part of X.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.index.embedder import Embedder, LangChainEmbeddings
from assistant.types import Clause, Document

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50


@dataclass(frozen=True)
class Chunk:
    """A splitter chunk with its place in the document and the clauses it overlaps."""

    doc_id: str
    start: int
    end: int
    text: str
    anchors: tuple[str, ...]

    @property
    def label(self) -> str:
        return "+".join(self.anchors) or f"{self.doc_id}[{self.start}:{self.end}]"


def overlapping_anchors(doc_id: str, start: int, end: int, clauses: Sequence[Clause]) -> tuple[str, ...]:
    """Anchors of the clauses of doc_id whose span [c.start, c.end) overlaps [start, end), in text order."""
    return tuple(c.anchor for c in sorted(clauses, key=lambda c: c.start)
                 if c.doc_id == doc_id and c.start < end and start < c.end)


def split_document(document: Document, clauses: Sequence[Clause], chunk_size: int = CHUNK_SIZE,
                   chunk_overlap: int = CHUNK_OVERLAP) -> list[Chunk]:
    """The recipe's chunks of one document, each located in the text and mapped to its clauses."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    if chunk_size < 1:
        raise ValueError(f"chunk_size must be greater than 0, got {chunk_size}")
    splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap,
                                              add_start_index=True)
    text = document.text
    own = [c for c in clauses if c.doc_id == document.meta.doc_id]
    chunks = []
    for piece in splitter.create_documents([text]):
        start = int(piece.metadata.get("start_index", -1))
        if start < 0 or text[start:start + len(piece.page_content)] != piece.page_content:
            start = text.find(piece.page_content)  # the splitter's offset is a search too; re-check it
        if start < 0:
            continue
        end = start + len(piece.page_content)
        chunks.append(Chunk(document.meta.doc_id, start, end, piece.page_content,
                            overlapping_anchors(document.meta.doc_id, start, end, own)))
    return chunks


class LangChainBaseline:
    """Dense retrieval over recipe chunks, in langchain-core's InMemoryVectorStore."""

    name = "baseline"

    def __init__(self, documents: dict[str, Document], clauses: Sequence[Clause], embedder: Embedder,
                 chunk_size: int = CHUNK_SIZE, chunk_overlap: int = CHUNK_OVERLAP) -> None:
        from langchain_core.documents import Document as LCDocument
        from langchain_core.vectorstores import InMemoryVectorStore

        self.chunks = [c for d in documents.values()
                       for c in split_document(d, clauses, chunk_size, chunk_overlap)]
        if not self.chunks:
            raise ValueError("the baseline has no chunks: the index holds no document text")
        self.config = {"splitter": "RecursiveCharacterTextSplitter", "chunk_size": chunk_size,
                       "chunk_overlap": chunk_overlap, "chunks": len(self.chunks),
                       "vector_store": "InMemoryVectorStore", "embedder": embedder.name}
        self._store = InMemoryVectorStore(LangChainEmbeddings(embedder))
        self._store.add_documents([LCDocument(page_content=c.text, metadata={"chunk": i})
                                   for i, c in enumerate(self.chunks)], ids=[str(i) for i in range(len(self.chunks))])

    def search(self, question: str, k: int = 10) -> list[Chunk]:
        if k < 1:
            raise ValueError(f"k must be greater than 0, got {k}")
        hits = self._store.similarity_search_with_score(question, k=k)
        return [self.chunks[int(doc.metadata["chunk"])] for doc, _ in hits]
