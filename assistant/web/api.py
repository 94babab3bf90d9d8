"""REST API under /api/v1: the same objects as the CLI's --json output.

    POST /api/v1/ask                   {"question", "history"?, "profile"?, "lang"?} → Answer; language of
                                       headings, notices and labels: lang, else Accept-Language, else the question's
    POST /api/v1/match                 {"profile"} or {"description"}, "lang"? → MatchResult, as `assistant match
                                       --json`; language: lang, else Accept-Language, else the description's
    GET  /api/v1/documents             the indexed documents: metadata with provenance, validity today, items
    GET  /api/v1/documents/{doc_id}    one document: metadata, text and clauses
    GET  /api/v1/clauses/{doc_id}/{anchor}
    POST /api/v1/documents             upload a policy document (admin key when admin keys are set); the
                                       reply says what was understood ("N 条支持事项、有效期至…"); 409 while
                                       another upload is being imported
    GET  /api/v1/healthz
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Request, Response, UploadFile
from pydantic import Field, model_validator

from assistant.answering.ask import ask
from assistant.eligibility import read_profile_input
from assistant.errors import AssistantError
from assistant.ingest import IngestReport
from assistant.retrieval.hybrid import ClauseFilter
from assistant.runtime import Runtime
from assistant.text import reply_lang, requested_lang
from assistant.types import Answer, Clause, ClosedModel, DocumentMeta, MatchResult, Turn
from assistant.web import render, service
from assistant.web.errors import CleanText
from assistant.web.messages import web_messages
from assistant.web.security import require_admin, require_api_key


class _Closed(CleanText, ClosedModel):
    """A request or response body: no lone surrogates, no unknown fields."""


class AskRequest(_Closed):
    question: str = Field(description="The question, in Chinese or English", examples=["首台套有什么支持？"])
    history: list[Turn] = Field(default_factory=list, description="Earlier turns, oldest first")
    profile: dict[str, Any] | None = Field(
        default=None, description="Company profile (the fields of ProfileInput, aliases accepted, optional "
                                  "description); 'what can we get' questions then also return matches")
    id: str | None = Field(default=None, description="Echoed in the answer")
    doc_ids: list[str] | None = Field(default=None, description="Only search these documents")
    section: str | None = Field(default=None, description="Only search this section (anchor prefix or heading)")
    lang: str | None = Field(default=None, examples=["en"],
                             description="Language of the answer's headings, notices and labels: zh or en (zh-CN, "
                                         "en-US …); default: the Accept-Language header, else the question's language")


class MatchRequest(_Closed):
    profile: dict[str, Any] | None = Field(
        default=None, description="Profile fields (aliases accepted)",
        examples=[{"city": "襄阳", "roles": ["核心部件配套企业"], "needs": ["融资"]}])
    description: str | None = Field(default=None, description="Free-text self-description; explicit fields win",
                                    examples=["我们是襄阳一家做精密减速器的中小企业，想贷款"])
    id: str | None = None
    include_all: bool = Field(default=False, description="Also list the entries the company does not qualify for")
    limit: int = Field(default=50, ge=0, le=100_000, description="Show the first `limit` matches and unavailable "
                       "items (matches_total / unavailable_total count them all); 0: all")
    lang: str | None = Field(default=None, examples=["en"],
                             description="Language of reasons, labels and notices: zh or en (zh-CN, en-US …); "
                                         "default: the Accept-Language header, else the description's language")

    @model_validator(mode="after")
    def _needs_something(self) -> MatchRequest:
        if self.profile is None and not (self.description or "").strip():
            raise ValueError("请提供 profile（企业画像）或 description（企业描述）")
        return self


class DocumentSummary(_Closed):
    meta: DocumentMeta = Field(description="What was understood; meta.provenance says extracted / given / default")
    clauses: int = Field(description="Number of clauses indexed")
    chars: int = Field(description="Length of the text")
    items: int = Field(default=0, description="Support items of the document in the current build")
    validity: render.Validity = Field(default="unknown", description="in_force / expired / not_yet / unknown, today")
    validity_text: str = Field(default="", description="The window and its state today, in words")


class UploadReply(IngestReport):
    """The ingest report, with what was understood of each added document."""

    understood: list[service.UnderstoodDocument] = Field(default_factory=list)
    message: str = Field(default="", description="The same lines the UI shows (failures after them)")


class DocumentDetail(_Closed):
    meta: DocumentMeta
    text: str
    sha256: str
    clauses: list[Clause]


class ClauseDetail(_Closed):
    clause: Clause
    doc_title: str


class Health(_Closed):
    status: str
    build_id: str | None = None
    documents: int = 0
    clauses: int = 0
    checked_at: str


def runtime_of(request: Request) -> Runtime:
    return request.app.state.runtime


router = APIRouter(prefix="/api/v1", dependencies=[Depends(require_api_key)], tags=["assistant"])
health_router = APIRouter(tags=["health"])


@router.post("/ask", response_model=Answer, summary="Answer a question with numbered, verbatim citations")
def post_ask(body: AskRequest, request: Request) -> Answer:
    runtime = runtime_of(request)
    where = ClauseFilter(doc_ids=body.doc_ids, section=body.section)
    profile = read_profile_input(body.profile) if body.profile is not None else None
    lang = requested_lang(body.lang, request.headers.get("accept-language"))  # bad lang → 400; None: the question's
    return ask(runtime, body.question, id=body.id, history=body.history or None, where=where, profile=profile,
               lang=lang)


@router.post("/match", response_model=MatchResult, summary="Support measures a company qualifies for")
def post_match(body: MatchRequest, request: Request) -> MatchResult:
    profile = read_profile_input(body.profile or {})  # once; unknown fields → 400 invalid_profile
    if body.description is not None:
        profile = profile.model_copy(update={"description": body.description})
    lang = reply_lang(body.lang, request.headers.get("accept-language"), profile.description)  # bad lang → 400
    return service.match(runtime_of(request), profile, body.include_all, id=body.id, limit=body.limit or None,
                         lang=lang)


@router.get("/documents", response_model=list[DocumentSummary], summary="The indexed policy documents")
def get_documents(request: Request) -> list[DocumentSummary]:
    runtime = runtime_of(request)
    index = runtime.index
    msg = web_messages(runtime.settings.messages_dir)
    today = runtime.clock()  # the runtime's today: validity and deadlines agree with match
    counts: dict[str, int] = {}
    for c in index.clauses:
        counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
    return [DocumentSummary(meta=d.meta, clauses=counts.get(i, 0), chars=len(d.text),
                            items=render.items_of(index, i), validity=render.validity_of(d.meta, today),
                            validity_text=render.validity_text(d.meta, today, msg))
            for i, d in index.documents.items()]


@router.get("/documents/{doc_id}", response_model=DocumentDetail, summary="One document with its clauses")
def get_document(doc_id: str, request: Request) -> DocumentDetail:
    index = runtime_of(request).index
    doc = service.document(index, doc_id)
    return DocumentDetail(meta=doc.meta, text=doc.text, sha256=doc.sha256, clauses=service.clauses_of(index, doc_id))


@router.get("/clauses/{doc_id}/{anchor:path}", response_model=ClauseDetail, summary="One clause by its anchor")
def get_clause(doc_id: str, anchor: str, request: Request) -> ClauseDetail:
    index = runtime_of(request).index
    clause = service.clause(index, doc_id, anchor)
    return ClauseDetail(clause=clause, doc_title=index.documents[doc_id].meta.title)


@router.post("/documents", response_model=UploadReply, dependencies=[Depends(require_admin)],
             summary="Upload a policy document (.txt .md .docx .pdf .html) and re-index")
def post_document(request: Request, file: Annotated[UploadFile, File()]) -> UploadReply:
    runtime = runtime_of(request)
    data = file.file.read(request.app.state.web_settings.max_upload_bytes + 1)
    report = service.ingest_upload(runtime, file.filename or "document.txt", data,
                                   request.app.state.web_settings.max_upload_bytes)
    lines, errors = service.ingest_lines(runtime, report)
    return UploadReply(**report.model_dump(), understood=service.understood(runtime, report),
                       message="\n".join([*lines, *errors]))


def _health(request: Request, response: Response) -> Health:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        index = runtime_of(request).index
    except AssistantError:
        response.status_code = 503
        return Health(status="no_index", checked_at=now)
    return Health(status="ok", build_id=index.manifest.build_id, documents=len(index.documents),
                  clauses=len(index.clauses), checked_at=now)


@health_router.get("/api/v1/healthz", response_model=Health, summary="Liveness and index status (no key needed)")
def healthz(request: Request, response: Response) -> Health:
    return _health(request, response)


@health_router.get("/healthz", response_model=Health, include_in_schema=False)
def healthz_root(request: Request, response: Response) -> Health:
    return _health(request, response)
