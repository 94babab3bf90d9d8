"""Retrieval: question normalisation and the hybrid (dense + BM25) retriever."""
