"""REST for saved profiles, alerts, the application calendar and the 政策体检 report.

    POST   /api/v1/profiles                  {"profile"?, "description"?, "name"?, "webhook_url"?} → 201
    GET    /api/v1/profiles                  the caller's profiles (the admin key: everyone's)
    GET    /api/v1/profiles/{id}             PUT (same body as POST: replaces the profile) · DELETE → 204
    GET    /api/v1/alerts?profile=&since=&limit=   {"count", "alerts"} newest first
    GET    /api/v1/alerts/count?profile=&since=    {"count"} (the UI badge)
    GET    /api/v1/profiles/{id}/calendar    open windows soonest first, closed apart
    GET    /api/v1/profiles/{id}/calendar.ics
    GET    /api/v1/profiles/{id}/report      printable HTML; ?format=md for Markdown
    The .ics and the report are worded in ?lang= (zh / en), else Accept-Language, else the language of the
    saved profile's description (assistant.watch.texts.watch_lang); item texts and quotes stay verbatim.

With API keys on, each key owns the profiles it created (stored by the key's hash): another
key's profile id answers the same 404 as an id that does not exist, and alerts are filtered by
owner in the query. Admin keys see and change every profile. With keys off everything is
'public' (a single-tenant deployment).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse
from pydantic import Field, model_validator
from starlette.exceptions import HTTPException

from assistant.eligibility import read_profile_input
from assistant.runtime import Runtime
from assistant.types import ClosedModel
from assistant.watch.alerts import MAX_LISTED, Alert
from assistant.watch.calendar import CalendarView, calendar_ics
from assistant.watch.errors import ProfileNotFound, StoreUnavailable
from assistant.watch.report import build_report
from assistant.watch.store import Owner, SavedProfile
from assistant.watch.texts import watch_lang, watch_texts
from assistant.web.errors import CleanText, NotFound
from assistant.web.security import require_api_key, web_settings


class _Closed(CleanText, ClosedModel):
    """A request or response body: no lone surrogates, no unknown fields."""


class ProfileBody(_Closed):
    profile: dict[str, Any] | None = Field(
        default=None, description="Profile fields (the fields of ProfileInput, aliases accepted)",
        examples=[{"city": "襄阳", "sectors": ["工业机器人"], "size": "中小企业"}])
    description: str | None = Field(default=None, description="Free-text self-description; explicit fields win")
    name: str | None = Field(default=None, description="A name for the saved profile (default: the company name)")
    webhook_url: str | None = Field(default=None, description="https URL receiving signed alert POSTs; "
                                                              "'' removes it (PUT)")

    @model_validator(mode="after")
    def _needs_something(self) -> ProfileBody:
        if self.profile is None and not (self.description or "").strip():
            raise ValueError("请提供 profile（企业画像）或 description（企业描述）")
        return self


class SavedProfileView(_Closed):
    id: int
    name: str | None
    profile: dict[str, Any]
    webhook_url: str | None
    webhook_secret: str | None = Field(default=None, description="Only in the answer that creates it")
    created_at: dt.datetime
    updated_at: dt.datetime


class AlertList(_Closed):
    count: int = Field(description="Alerts matching the filters (all of them, not only those listed)")
    alerts: list[Alert]


class AlertCount(_Closed):
    count: int


@dataclass(frozen=True)
class Caller:
    owner: Owner
    admin: bool


def caller(request: Request, token: Annotated[str | None, Depends(require_api_key)]) -> Caller:
    web = web_settings(request)
    if not web.auth_enabled:
        return Caller(Owner.public(), admin=False)
    return Caller(Owner.from_api_key(token), admin=web.is_admin_key(token))


CallerDep = Annotated[Caller, Depends(caller)]
router = APIRouter(prefix="/api/v1", dependencies=[Depends(require_api_key)], tags=["watch"])


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


@contextmanager
def _domain() -> Iterator[None]:
    """Watch errors as HTTP: a profile not visible to the caller is a plain 404."""
    try:
        yield
    except ProfileNotFound as exc:
        raise NotFound(str(exc)) from None
    except StoreUnavailable as exc:
        raise HTTPException(503, str(exc)) from None


def _view(saved: SavedProfile, with_secret: bool = False) -> SavedProfileView:
    return SavedProfileView(**saved.public_view(), webhook_secret=saved.webhook_secret if with_secret else None)


def _profile(runtime: Runtime, body: ProfileBody):  # type: ignore[no-untyped-def]
    given = read_profile_input(body.profile or {})  # unknown fields → 400 invalid_profile
    profile, _ = runtime.eligibility.profile(given, body.description)
    return profile


@router.post("/profiles", response_model=SavedProfileView, status_code=201,
             summary="Save a company profile; new policy items that fit it become alerts")
def create_profile(body: ProfileBody, request: Request, who: CallerDep) -> SavedProfileView:
    runtime = _runtime(request)
    with _domain():
        saved = runtime.watch.add_profile(who.owner, _profile(runtime, body), name=body.name,
                                          webhook_url=body.webhook_url)
    return _view(saved, with_secret=True)


@router.get("/profiles", response_model=list[SavedProfileView], summary="The caller's saved profiles")
def list_profiles(request: Request, who: CallerDep) -> list[SavedProfileView]:
    with _domain():
        return [_view(p) for p in _runtime(request).watch.profiles.list(who.owner, admin=who.admin)]


@router.get("/profiles/{profile_id}", response_model=SavedProfileView, summary="One saved profile")
def get_profile(profile_id: int, request: Request, who: CallerDep) -> SavedProfileView:
    with _domain():
        return _view(_runtime(request).watch.profiles.get(who.owner, profile_id, admin=who.admin))


@router.put("/profiles/{profile_id}", response_model=SavedProfileView,
            summary="Replace a saved profile (a new webhook URL gets a new secret, shown once)")
def put_profile(profile_id: int, body: ProfileBody, request: Request, who: CallerDep) -> SavedProfileView:
    runtime = _runtime(request)
    with _domain():
        runtime.watch.profiles.get(who.owner, profile_id, admin=who.admin)  # 404 before reading the body's profile
        saved = runtime.watch.update_profile(who.owner, profile_id, _profile(runtime, body), name=body.name,
                                             webhook_url=body.webhook_url, admin=who.admin)
    return _view(saved, with_secret=bool(body.webhook_url))


@router.delete("/profiles/{profile_id}", status_code=204, summary="Delete a saved profile and its alerts")
def delete_profile(profile_id: int, request: Request, who: CallerDep) -> Response:
    with _domain():
        _runtime(request).watch.profiles.remove(who.owner, profile_id, admin=who.admin)
    return Response(status_code=204)


SinceQuery = Annotated[dt.date | None, Query(description="Only alerts created on or after this date (UTC)")]
ProfileQuery = Annotated[int | None, Query(alias="profile", description="Only this saved profile's alerts")]


@router.get("/alerts", response_model=AlertList, summary="Alerts of the caller's profiles, newest first")
def list_alerts(request: Request, who: CallerDep, profile_id: ProfileQuery = None, since: SinceQuery = None,
                limit: Annotated[int, Query(ge=1, le=MAX_LISTED)] = 100) -> AlertList:
    watch = _runtime(request).watch
    with _domain():
        if profile_id is not None:
            watch.profiles.get(who.owner, profile_id, admin=who.admin)  # another key's id: 404, not an empty list
        alerts = watch.alerts.list_alerts(who.owner, profile_id, since, admin=who.admin, limit=limit)
        count = watch.alerts.count(who.owner, profile_id, since, admin=who.admin)
    return AlertList(count=count, alerts=alerts)


@router.get("/alerts/count", response_model=AlertCount, summary="How many alerts (the UI badge)")
def count_alerts(request: Request, who: CallerDep, profile_id: ProfileQuery = None,
                 since: SinceQuery = None) -> AlertCount:
    watch = _runtime(request).watch
    with _domain():
        if profile_id is not None:
            watch.profiles.get(who.owner, profile_id, admin=who.admin)
        return AlertCount(count=watch.alerts.count(who.owner, profile_id, since, admin=who.admin))


def _calendar(request: Request, who: Caller, profile_id: int) -> tuple[SavedProfile, CalendarView]:
    runtime = _runtime(request)
    with _domain():
        saved = runtime.watch.profiles.get(who.owner, profile_id, admin=who.admin)
    return saved, runtime.watch.calendar(runtime.index, runtime.eligibility, saved.profile)


@router.get("/profiles/{profile_id}/calendar", response_model=CalendarView,
            summary="Application calendar: open windows soonest first with days left, closed apart")
def get_calendar(profile_id: int, request: Request, who: CallerDep) -> CalendarView:
    return _calendar(request, who, profile_id)[1]


LangQuery = Annotated[str | None, Query(description="Language of the words: zh or en (en-US …); default: the "
                                                    "Accept-Language header, else the profile description's")]


def _lang(request: Request, lang: str | None, saved: SavedProfile) -> str:
    return watch_lang(lang, request.headers.get("accept-language"), saved.profile)  # a bad lang: 400


@router.get("/profiles/{profile_id}/calendar.ics", response_class=Response,
            summary="The calendar's deadlines as an iCalendar file")
def get_calendar_ics(profile_id: int, request: Request, who: CallerDep, lang: LangQuery = None) -> Response:
    saved, view = _calendar(request, who, profile_id)
    texts = watch_texts(_runtime(request).settings.messages_dir)
    return Response(calendar_ics(view, name=saved.name, texts=texts, lang=_lang(request, lang, saved)),
                    media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="calendar-{saved.id}.ics"'})


@router.get("/profiles/{profile_id}/report", response_class=HTMLResponse,
            summary="政策体检 report: self-contained printable HTML, or Markdown with ?format=md")
def get_report(profile_id: int, request: Request, who: CallerDep,
               format: Literal["html", "md"] = "html", lang: LangQuery = None) -> Response:
    runtime = _runtime(request)
    with _domain():
        saved = runtime.watch.profiles.get(who.owner, profile_id, admin=who.admin)
    html, markdown = build_report(runtime, saved, lang=_lang(request, lang, saved))
    if format == "md":
        return PlainTextResponse(markdown, media_type="text/markdown; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="report-{saved.id}.md"'})
    return HTMLResponse(html, headers={"Content-Disposition": f'inline; filename="report-{saved.id}.html"'})
