"""What the REST API, the OpenAI endpoint and the UI share: matching, uploads, document lookups.

Nothing here knows about HTTP or Gradio; it calls the library and raises domain errors.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import threading
from pathlib import Path

from pydantic import Field

from assistant.documents.loaders import READERS
from assistant.errors import DocumentError
from assistant.index.store import Index, Progress
from assistant.ingest import IngestReport, ingest
from assistant.runtime import Runtime
from assistant.types import Clause, ClosedModel, CompanyProfile, Document, DocumentMeta, MatchResult, ProfileInput
from assistant.web import render
from assistant.web.errors import Busy, NotFound, PayloadTooLarge
from assistant.web.messages import web_messages
from assistant.web.scratch import scratch_dir

_ingest_lock = threading.Lock()


# ---- eligibility -----------------------------------------------------------------------------

def match(runtime: Runtime, profile: ProfileInput | CompanyProfile | None, include_all: bool = False,
          id: str | None = None, limit: int | None = None, lang: str = "zh") -> MatchResult:
    """The same MatchResult as `assistant match --json` (extraction, validity and disclaimer notices);
    `lang`: the edge's choice by assistant.text.reply_lang."""
    return runtime.eligibility.match(profile, include_all=include_all, id=id, limit=limit, lang=lang)


# ---- documents -------------------------------------------------------------------------------

def document(index: Index, doc_id: str) -> Document:
    doc = index.documents.get(doc_id)
    if doc is None:
        raise NotFound(f"没有这份文档：{doc_id}")
    return doc


def clause(index: Index, doc_id: str, anchor: str) -> Clause:
    document(index, doc_id)
    found = index.clause(f"{doc_id}#{anchor}")
    if found is None:
        raise NotFound(f"文档 {doc_id} 中没有条款 {anchor}")
    return found


def clauses_of(index: Index, doc_id: str) -> list[Clause]:
    return [c for c in index.clauses if c.doc_id == doc_id]


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


# ---- uploads ---------------------------------------------------------------------------------

_SAFE_NAME = re.compile(r"[^\w.\-\u3400-\u9fff]+")


def safe_filename(name: str) -> str:
    """The base name of an uploaded file, with path parts and odd characters removed."""
    base = Path(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"-{2,}", "-", _SAFE_NAME.sub("-", stem)).strip("-.") or "document"
    return f"{stem[:80]}.{suffix.lower()}" if suffix else stem[:80]


def ingest_upload(runtime: Runtime, filename: str, data: bytes, max_bytes: int,
                  progress: Progress | None = None) -> IngestReport:
    """Check, store and index one uploaded document; one upload at a time per process."""
    name = safe_filename(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        raise DocumentError(f"{name}: 不支持的文件类型（支持 {' '.join(sorted(READERS))}）")
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"{name}: 文件超过上限 {_size(max_bytes)}")
    if not data.strip():
        raise DocumentError(f"{name}: 文档为空")
    # Refused at once, never queued: a waiting upload would hold its body in memory (issue 10 review).
    if not _ingest_lock.acquire(blocking=False):
        raise Busy(web_messages(runtime.settings.messages_dir).text("upload_busy"))
    try:
        # In the data dir, not /tmp: a killed server's leftovers are swept at the next start.
        with tempfile.TemporaryDirectory(prefix="upload-", dir=scratch_dir(runtime.settings.data_dir)) as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            return ingest(runtime, [path], progress=progress)
    finally:
        _ingest_lock.release()


# ---- what an ingest understood -------------------------------------------------------------------

class UnderstoodDocument(ClosedModel):
    """One document an ingest added: what was read from it, its items in the new build, validity today."""

    doc_id: str
    meta: DocumentMeta = Field(description="Every field, with meta.provenance: extracted, given or default")
    items: int = Field(description="Support items of this document in the new build")
    validity: render.Validity = Field(description="in_force / expired / not_yet / unknown, as of today")
    replaced: bool = Field(description="An earlier, different version of this document was replaced")
    message: str = Field(description="What was understood, in one line: …N 条支持事项、有效期至…")


def understood(runtime: Runtime, report: IngestReport, lang: str = "zh",
               today: dt.date | None = None) -> list[UnderstoodDocument]:
    """The added documents as the new build holds them (items from runtime.index.items)."""
    today = today or runtime.clock()
    msg = web_messages(runtime.settings.messages_dir)
    index = runtime.index
    out = []
    for doc_id in report.added:
        doc = index.documents.get(doc_id)
        if doc is None:
            continue
        items = render.items_of(index, doc_id)
        replaced = doc_id in report.replaced
        out.append(UnderstoodDocument(
            doc_id=doc_id, meta=doc.meta, items=items, validity=render.validity_of(doc.meta, today),
            replaced=replaced, message=render.understood_text(doc.meta, items, today, msg, lang, replaced)))
    return out


def ingest_lines(runtime: Runtime, report: IngestReport, lang: str = "zh",
                 today: dt.date | None = None) -> tuple[list[str], list[str]]:
    """(lines on what was added, lines on files that failed): the upload reply, the UI and the CLI."""
    msg = web_messages(runtime.settings.messages_dir)
    if report.status == "up_to_date":
        lines = [msg.text("upload_unchanged", lang, documents=report.documents, clauses=report.clauses)]
    else:
        lines = [d.message for d in understood(runtime, report, lang, today)]
        lines.append(msg.text("upload_index", lang, documents=report.documents, clauses=report.clauses))
    errors = [msg.text("upload_failed", lang, path=Path(f.path).name, error=f.error) for f in report.failed]
    return lines, errors
