"""Saved company profiles, each owned by one API key (stored only as its hash) or by 'public'.

    db = open_database(settings.data_dir)
    store = ProfileStore(db)
    owner = Owner.from_api_key(request_key)           # Owner.public() when keys are off
    saved = store.add(owner, profile, name="襄阳减速器")
    store.list(owner)                                  # only this owner's; admin=True: everyone's

A non-admin owner asking for another owner's id gets ProfileNotFound, exactly as for an id that
does not exist, so ids reveal nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.engine import Row

from assistant.types import CompanyProfile
from assistant.watch.db import Database, as_utc, now, profiles
from assistant.watch.errors import InvalidSavedProfile, ProfileNotFound, message

PUBLIC_OWNER = "public"
MAX_PROFILE_BYTES = 64 * 1024
MAX_NAME_CHARS = 200
MAX_WEBHOOK_URL_CHARS = 2000
DEFAULT_MAX_PER_OWNER = 10_000


@dataclass(frozen=True)
class Owner:
    """Who is asking: the sha256 of an API key, or 'public' when API keys are not in use."""

    id: str

    @classmethod
    def from_api_key(cls, api_key: str | None) -> Owner:
        if not api_key:
            return cls(PUBLIC_OWNER)
        # API keys are long random strings, so a plain hash cannot be reversed by guessing.
        return cls(hashlib.sha256(api_key.encode("utf-8")).hexdigest())

    @classmethod
    def public(cls) -> Owner:
        return cls(PUBLIC_OWNER)


class SavedProfile(BaseModel):
    """A company profile as saved; webhook_secret is shown to its owner once, at creation."""

    model_config = ConfigDict(extra="forbid")

    id: int
    owner: str = Field(description="sha256 of the owner's API key, or 'public'")
    name: str | None = None
    profile: CompanyProfile
    webhook_url: str | None = None
    webhook_secret: str | None = Field(default=None, description="HMAC key of the webhook signature")
    created_at: dt.datetime
    updated_at: dt.datetime

    def public_view(self) -> dict:
        """What list/get endpoints show: everything but the secret and the owner hash."""
        return self.model_dump(mode="json", exclude={"webhook_secret", "owner"})


class ProfileStore:
    def __init__(self, database: Database, max_per_owner: int = DEFAULT_MAX_PER_OWNER) -> None:
        self.db = database
        self.max_per_owner = max_per_owner

    def add(self, owner: Owner, profile: CompanyProfile, name: str | None = None,
            webhook_url: str | None = None) -> SavedProfile:
        body = _profile_json(profile)
        name = _check_name(name if name is not None else profile.name)
        url = _check_webhook(webhook_url)
        secret = secrets.token_hex(32) if url else None
        stamp = now()
        with self.db.write() as conn:
            self._check_room(conn, owner)
            new_id = conn.execute(profiles.insert().values(
                owner=owner.id, name=name, profile_json=body, webhook_url=url, webhook_secret=secret,
                created_at=stamp, updated_at=stamp,
            ).returning(profiles.c.id)).scalar_one()
            return _saved(self._row(conn, owner, new_id, admin=False))

    def list(self, owner: Owner, admin: bool = False) -> list[SavedProfile]:
        query = select(profiles).order_by(profiles.c.id)
        if not admin:
            query = query.where(profiles.c.owner == owner.id)
        with self.db.read() as conn:
            return [_saved(row) for row in conn.execute(query)]

    def all(self) -> list[SavedProfile]:
        """Every saved profile, for the alert run of an ingest (not for a request)."""
        return self.list(Owner.public(), admin=True)

    def get(self, owner: Owner, profile_id: int, admin: bool = False) -> SavedProfile:
        with self.db.read() as conn:
            return _saved(self._row(conn, owner, profile_id, admin))

    def update(self, owner: Owner, profile_id: int, profile: CompanyProfile, name: str | None = None,
               webhook_url: str | None = None, admin: bool = False) -> SavedProfile:
        """Replace the profile (and the name / webhook when given); a new webhook gets a new secret."""
        values: dict = {"profile_json": _profile_json(profile), "updated_at": now()}
        if name is not None:
            values["name"] = _check_name(name)
        if webhook_url is not None:
            values["webhook_url"] = _check_webhook(webhook_url) if webhook_url else None
            values["webhook_secret"] = secrets.token_hex(32) if webhook_url else None
        with self.db.write() as conn:
            self._row(conn, owner, profile_id, admin)
            conn.execute(update(profiles).where(profiles.c.id == profile_id).values(**values))
            return _saved(self._row(conn, owner, profile_id, admin))

    def remove(self, owner: Owner, profile_id: int, admin: bool = False) -> None:
        """Delete the profile and, with it, its alerts."""
        with self.db.write() as conn:
            self._row(conn, owner, profile_id, admin)
            conn.execute(delete(profiles).where(profiles.c.id == profile_id))

    def _row(self, conn: Connection, owner: Owner, profile_id: int, admin: bool) -> Row:
        query = select(profiles).where(profiles.c.id == profile_id)
        if not admin:
            query = query.where(profiles.c.owner == owner.id)
        row = conn.execute(query).first()
        if row is None:
            raise ProfileNotFound(message("profile_not_found", id=profile_id))
        return row

    def _check_room(self, conn: Connection, owner: Owner) -> None:
        count = conn.execute(select(func.count()).select_from(profiles).where(profiles.c.owner == owner.id)).scalar()
        if count >= self.max_per_owner:
            raise InvalidSavedProfile(message("too_many_profiles", limit=self.max_per_owner))


def _profile_json(profile: CompanyProfile) -> str:
    body = profile.model_dump_json()
    size = len(body.encode("utf-8"))
    if size > MAX_PROFILE_BYTES:
        raise InvalidSavedProfile(message("profile_too_large", size=size, limit=MAX_PROFILE_BYTES))
    return body


def _check_name(name: str | None) -> str | None:
    if name is None:
        return None
    name = " ".join(name.split())
    if len(name) > MAX_NAME_CHARS:
        raise InvalidSavedProfile(message("profile_name_too_long", size=len(name), limit=MAX_NAME_CHARS))
    return name or None


def _check_webhook(url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    ok = url.startswith(("http://", "https://")) and len(url) <= MAX_WEBHOOK_URL_CHARS and not any(
        c.isspace() for c in url)
    if not ok:
        shown = url[:80].encode("unicode_escape").decode("ascii")
        raise InvalidSavedProfile(message("invalid_webhook_url", url=shown, limit=MAX_WEBHOOK_URL_CHARS))
    return url


def _saved(row: Row) -> SavedProfile:
    return SavedProfile(
        id=row.id, owner=row.owner, name=row.name, profile=CompanyProfile.model_validate_json(row.profile_json),
        webhook_url=row.webhook_url, webhook_secret=row.webhook_secret,
        created_at=as_utc(row.created_at), updated_at=as_utc(row.updated_at),
    )
