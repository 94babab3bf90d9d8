"""Ingest: load and check documents, then build a new index only when something changed."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from assistant.documents import corpus
from assistant.errors import DocumentError, IndexMissing
from assistant.index.store import Progress, pipeline_fingerprint
from assistant.runtime import Runtime


class IngestReport(BaseModel):
    status: Literal["built", "up_to_date"]
    build_id: str
    documents: int
    clauses: int
    added: list[str]
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0


def _is_current(runtime: Runtime, documents: dict[str, str]) -> bool:
    try:
        manifest = runtime.store.manifest()
        if (manifest is None or manifest.documents != documents or manifest.embedder != runtime.embedder.name
                or manifest.pipeline != pipeline_fingerprint(runtime.tokenizer)):
            return False
        runtime.store.open(runtime.embedder)  # a corrupt index is not current, whatever it says
        return True
    except IndexMissing:
        return False


def ingest(runtime: Runtime, paths: list[Path] | None = None, rebuild: bool = False,
           progress: Progress | None = None) -> IngestReport:
    """Add `paths` (all checked before anything changes) and rebuild if the corpus changed.

    With `rebuild`, cached embeddings are discarded and everything is recomputed; the old build
    keeps answering until the new one is complete.
    """
    started = time.perf_counter()
    settings = runtime.settings
    runtime.store.clean_stale()  # what a killed ingest left behind
    added = corpus.load_checked(list(paths)) if paths else []
    documents = corpus.collect(settings.knowledge_dir, settings.data_dir, added)
    if not documents:
        folder = corpus.shipped_dir(settings.knowledge_dir)
        raise DocumentError(f"没有可索引的文档：请把政策文件放入 {folder} 或指定路径")
    hashes = {d.meta.doc_id: d.sha256 for d in documents}
    if not rebuild and _is_current(runtime, hashes):
        manifest = runtime.store.manifest()
        return IngestReport(status="up_to_date", build_id=manifest.build_id, documents=len(documents),
                            clauses=manifest.clause_count, added=[], seconds=time.perf_counter() - started)
    if rebuild:
        shutil.rmtree(settings.cache_dir / "embeddings", ignore_errors=True)
    embedder = runtime.cached_embedder()
    try:
        manifest = runtime.store.build(documents, embedder, progress)
    finally:
        embedder.close()
    corpus.keep_uploads(added, settings.data_dir)
    runtime.reload()
    return IngestReport(
        status="built", build_id=manifest.build_id, documents=len(documents), clauses=manifest.clause_count,
        added=[d.meta.doc_id for d in added], embedded=embedder.misses, reused=embedder.hits,
        seconds=round(time.perf_counter() - started, 2),
    )
