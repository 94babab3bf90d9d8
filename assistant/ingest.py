"""Ingest: load and check documents, then build a new index only when something changed."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from assistant.documents import corpus
from assistant.documents.rules import DocumentRules
from assistant.errors import AssistantError, DocumentError, IndexMissing
from assistant.index.store import ItemProposer, Progress, pipeline_fingerprint, write_error
from assistant.llm.items import ItemProposalReport
from assistant.runtime import Runtime
from assistant.types import Document, FileError
from assistant.watch.service import DeliveryReport

log = logging.getLogger(__name__)


class IngestReport(BaseModel):
    status: Literal["built", "up_to_date"]
    build_id: str
    documents: int
    clauses: int
    added: list[str]
    failed: list[FileError] = Field(default_factory=list,
                                    description="given files that could not be added (the others were)")
    replaced: list[str] = Field(default_factory=list,
                                description="added doc_ids whose earlier, different version they replace")
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0
    alerts: DeliveryReport | None = Field(default=None, description="Alerts recorded for saved profiles")
    alerts_error: str | None = Field(default=None, description="Why alerts could not be computed (the next "
                                                               "ingest catches up); the index was updated")
    items_llm: ItemProposalReport | None = Field(
        default=None, description="LLM item proposals of this build (ASSISTANT_ITEMS__LLM); None when off or "
                                  "nothing was built. Its warning says why the rules' items alone were kept")


def _is_current(runtime: Runtime, documents: dict[str, str], rules: DocumentRules,
                proposer: ItemProposer | None = None) -> bool:
    try:
        manifest = runtime.store.manifest()
        if (manifest is None or manifest.documents != documents or manifest.embedder != runtime.embedder.name
                or manifest.pipeline != pipeline_fingerprint(runtime.tokenizer, rules, proposer)):
            return False
        runtime.store.open(runtime.embedder).close()  # a corrupt index is not current, whatever it says
        return True
    except IndexMissing:
        return False


def ingest(runtime: Runtime, paths: list[Path] | None = None, rebuild: bool = False,
           progress: Progress | None = None) -> IngestReport:
    """Add `paths` (each file checked on its own: bad ones are reported in `failed`, the others
    added; nothing changes when none can be added) and rebuild if the corpus changed.

    With `rebuild`, cached embeddings are discarded and everything is recomputed; the old build
    keeps answering until the new one is complete.
    """
    started = time.perf_counter()
    settings = runtime.settings
    runtime.store.clean_stale()  # what a killed ingest left behind
    corpus.recover(settings.data_dir, _current_documents(runtime))  # uploads of a killed ingest
    rules = DocumentRules.load(settings.document_rules_dir)  # read afresh: an edited rule file rebuilds
    added, failed = corpus.load_each(list(paths), rules, settings.parsing) if paths else ([], [])
    stored = corpus.collect(settings.knowledge_dir, settings.data_dir, rules, limits=settings.parsing)
    replaced = _replaced(stored, added)
    documents = _merge(stored, added)
    if not documents:
        folder = corpus.shipped_dir(settings.knowledge_dir)
        raise DocumentError(f"没有可索引的文档：请把政策文件放入 {folder} 或指定路径")
    hashes = {d.meta.doc_id: d.sha256 for d in documents}
    proposer = runtime.item_proposer()  # None unless ASSISTANT_ITEMS__LLM and a model: the rules alone
    if not rebuild and _is_current(runtime, hashes, rules, proposer):
        _store_uploads(added, settings.data_dir).commit()  # same content: keep the file, once
        manifest = runtime.store.manifest()
        alerts, problem = deliver_alerts(runtime)  # catches up after an ingest killed past the swap
        return IngestReport(status="up_to_date", build_id=manifest.build_id, documents=len(documents),
                            clauses=manifest.clause_count, added=[], failed=failed, alerts=alerts,
                            alerts_error=problem, seconds=time.perf_counter() - started)
    if rebuild:
        shutil.rmtree(settings.cache_dir / "embeddings", ignore_errors=True)
        shutil.rmtree(settings.cache_dir / "llm_items", ignore_errors=True)  # the model is asked afresh too
    # Stored before the swap: a crash after CURRENT moves must not leave an index whose source
    # is missing (the next ingest would drop the document). A failed build puts the old files back.
    uploads = _store_uploads(added, settings.data_dir)
    embedder = runtime.cached_embedder()
    try:
        manifest = runtime.store.build(documents, embedder, progress, rules=rules, proposer=proposer)
    except BaseException:
        uploads.rollback()
        raise
    finally:
        embedder.close()
    uploads.commit()
    runtime.reload()
    alerts, problem = deliver_alerts(runtime)  # only now: the build is current
    return IngestReport(
        status="built", build_id=manifest.build_id, documents=len(documents), clauses=manifest.clause_count,
        added=[d.meta.doc_id for d in added], failed=failed, replaced=replaced,
        embedded=embedder.misses, reused=embedder.hits, alerts=alerts, alerts_error=problem,
        items_llm=proposer.report() if proposer is not None else None,
        seconds=round(time.perf_counter() - started, 2),
    )


def deliver_alerts(runtime: Runtime) -> tuple[DeliveryReport | None, str | None]:
    """Alert saved profiles on the current build's new or changed documents; never fails the ingest.

    The index is already current, so a database problem is reported, not raised: the documents
    stay undelivered and the next ingest alerts on them.
    """
    try:
        return runtime.watch.deliver(runtime.index, runtime.eligibility), None
    except AssistantError as exc:  # database, URL, or a knowledge folder without vocabulary/catalogue
        log.warning("alerts not delivered: %s", exc)
        return None, str(exc)


def _store_uploads(added: list[Document], data_dir: Path) -> corpus.StoredUploads:
    try:
        return corpus.store_uploads(added, data_dir)
    except OSError as exc:  # a read-only or full data dir: the same one line as a failed build
        error = write_error(exc, data_dir)
        if error is None:
            raise
        raise error from None


def _current_documents(runtime: Runtime) -> dict[str, str]:
    try:
        manifest = runtime.store.manifest()
    except IndexMissing:
        return {}
    return manifest.documents if manifest else {}


def _merge(stored: list[Document], added: list[Document]) -> list[Document]:
    """The stored corpus with `added` replacing documents of the same doc_id."""
    by_id = {d.meta.doc_id: d for d in stored}
    by_id.update((d.meta.doc_id, d) for d in added)
    return list(by_id.values())


def _replaced(stored: list[Document], added: list[Document]) -> list[str]:
    before = {d.meta.doc_id: d.sha256 for d in stored}
    return sorted({d.meta.doc_id for d in added if d.meta.doc_id in before and before[d.meta.doc_id] != d.sha256})
