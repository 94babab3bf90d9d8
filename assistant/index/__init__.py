"""Index: embedder, vector store and lexical index behind small interfaces, built atomically."""
