"""Alerts: each new qualifies / may_qualify item for a saved profile, stored exactly once.

How an ingest uses this (wiring comes later), after its new build has become current:

    docs = {doc.meta.doc_id: doc.sha256 for doc in current_documents}
    changed = alert_store.changed_documents(docs)        # new or changed since the last delivery
    items = [item for item in current_items if item.doc_id in changed]
    new = compute_alerts(profile_store.all(), items, matcher,
                         alert_store.alerted_keys({i.item_key for i in items}))
    stored = alert_store.record(build_id, new, documents=docs)   # one transaction
    for recorded in stored: webhooks.submit(...)     # recorded.as_alert() for the payload

Why this is exactly once:
- a UNIQUE (profile_id, item_key, content_hash) constraint with INSERT … ON CONFLICT DO NOTHING:
  recording the same item for the same profile twice adds nothing, whoever races whom;
- record() writes the alerts, the build's delivery mark and the document hashes in one
  transaction, called only once the build is current. An ingest killed before that point wrote
  nothing; its documents still differ from the delivered hashes, so the next ingest sees them as
  changed and catches up. Catching up twice is harmless because of the constraint.
A changed item (new amount or deadline) has a new content hash and so alerts again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from pydantic import Field
from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from assistant.types import Citation, ClosedModel, CompanyProfile, MatchStatus
from assistant.watch import db as tables
from assistant.watch.db import Database, as_utc, now
from assistant.watch.errors import InvalidBuildId, message
from assistant.watch.store import Owner, SavedProfile

ALERT_STATUSES: frozenset[str] = frozenset({"qualifies", "may_qualify"})
MAX_BUILD_ID_CHARS = 200
MAX_LISTED = 1000
_CHUNK = 500  # rows per INSERT and ids per IN (…): far below SQLite's variable limit

AlertKey = tuple[int, str, str]  # (profile_id, item_key, content_hash)


class WatchItem(ClosedModel):
    """One support item of one document (a measure, a funding call, …) with its dates."""

    doc_id: str
    item_id: str = Field(description="Stable within the document, e.g. the clause anchor")
    title: str
    doc_title: str | None = None
    amount: str | None = Field(default=None, description="Amount as the document states it")
    opens: dt.date | None = Field(default=None, description="First day applications are accepted")
    deadline: dt.date | None = Field(default=None, description="Last day to apply")
    citations: list[Citation] = Field(default_factory=list)

    @property
    def item_key(self) -> str:
        return f"{self.doc_id}#{self.item_id}"

    def content_hash(self) -> str:
        """Hash of what the company is told; citation numbering and scores do not count."""
        quotes = [[c.doc_id, c.anchor, c.quote] for c in self.citations]
        body = [self.doc_id, self.item_id, self.title, self.amount, _iso(self.opens), _iso(self.deadline), quotes]
        return hashlib.sha256(json.dumps(body, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ItemMatch:
    """One item judged for one profile (a plain dataclass: there are millions of them)."""

    item: WatchItem
    status: MatchStatus


class Matcher(Protocol):
    """Checks one profile against a list of items; returns a status for the items it judged."""

    def __call__(self, profile: CompanyProfile, items: Sequence[WatchItem]) -> Iterable[ItemMatch]: ...


@dataclass(frozen=True, slots=True)
class NewAlert:
    """An alert computed but not yet recorded."""

    profile_id: int
    item: WatchItem
    status: MatchStatus
    content_hash: str

    @property
    def key(self) -> AlertKey:
        return (self.profile_id, self.item.item_key, self.content_hash)


@dataclass(frozen=True, slots=True)
class RecordedAlert:
    """A NewAlert as record() stored it: its id and time."""

    id: int
    alert: NewAlert
    build_id: str
    created_at: dt.datetime

    def as_alert(self) -> Alert:
        item = self.alert.item
        return Alert(id=self.id, profile_id=self.alert.profile_id, item_key=item.item_key,
                     content_hash=self.alert.content_hash, doc_id=item.doc_id, doc_title=item.doc_title,
                     status=self.alert.status, title=item.title, amount=item.amount, opens=item.opens,
                     deadline=item.deadline, citations=item.citations, build_id=self.build_id,
                     created_at=self.created_at)


class Alert(ClosedModel):
    """An alert as stored and listed."""

    id: int
    profile_id: int
    item_key: str
    content_hash: str
    doc_id: str
    doc_title: str | None
    status: MatchStatus
    title: str
    amount: str | None
    opens: dt.date | None
    deadline: dt.date | None
    citations: list[Citation]
    build_id: str
    created_at: dt.datetime


def compute_alerts(profiles: Sequence[SavedProfile], items: Sequence[WatchItem], matcher: Matcher,
                   already: Collection[AlertKey] = frozenset()) -> list[NewAlert]:
    """Pure: the qualifies / may_qualify matches of every profile, minus keys already alerted."""
    if not items:
        return []
    hashes = {item.item_key: item.content_hash() for item in items}
    found: list[NewAlert] = []
    for saved in profiles:
        for match in matcher(saved.profile, items):
            if match.status not in ALERT_STATUSES:
                continue
            alert = NewAlert(profile_id=saved.id, item=match.item, status=match.status,
                             content_hash=hashes.get(match.item.item_key) or match.item.content_hash())
            if alert.key not in already:
                found.append(alert)
    return _unique(found)


def _unique(alerts: list[NewAlert]) -> list[NewAlert]:
    seen: set[AlertKey] = set()
    kept = []
    for alert in alerts:
        if alert.key not in seen:
            seen.add(alert.key)
            kept.append(alert)
    return kept


class AlertStore:
    def __init__(self, database: Database) -> None:
        self.db = database

    def record(self, build_id: str, alerts: Sequence[NewAlert],
               documents: Mapping[str, str] | None = None) -> list[RecordedAlert]:
        """Store the alerts of a build that has become current; returns only those newly stored.

        One transaction: alerts, the build's delivery mark and the delivered document hashes
        (documents: doc_id → sha256 of every document of the build) commit together or not at all.
        Alerts for profiles deleted meanwhile are dropped.
        """
        _check_build_id(build_id)
        stamp = now()
        with self.db.write() as conn:
            self._mark_build(conn, build_id, stamp)
            live = self._existing_profiles(conn, {a.profile_id for a in alerts})
            kept = {a.key: a for a in alerts if a.profile_id in live}
            ids = self._insert(conn, _rows(kept.values(), build_id, stamp))
            conn.execute(update(tables.builds).where(tables.builds.c.build_id == build_id).values(
                alert_count=tables.builds.c.alert_count + len(ids)))
            if documents is not None:
                self._save_documents(conn, build_id, documents)
        return [RecordedAlert(id=i, alert=kept[key], build_id=build_id, created_at=stamp) for key, i in ids]

    def changed_documents(self, documents: Mapping[str, str]) -> set[str]:
        """Doc ids whose hash differs from the one last delivered (new ones included)."""
        with self.db.read() as conn:
            d = tables.alert_documents
            delivered = {r.doc_id: r.sha256 for r in conn.execute(select(d.c.doc_id, d.c.sha256))}
        return {doc_id for doc_id, sha in documents.items() if delivered.get(doc_id) != sha}

    def alerted_keys(self, item_keys: Collection[str] | None = None) -> set[AlertKey]:
        """(profile_id, item_key, content_hash) already alerted, for the given items or all."""
        t = tables.alerts
        query = select(t.c.profile_id, t.c.item_key, t.c.content_hash)
        with self.db.read() as conn:
            if item_keys is None:
                return {tuple(r) for r in conn.execute(query)}
            keys: set[AlertKey] = set()
            for chunk in _chunks(sorted(set(item_keys))):
                keys.update(tuple(r) for r in conn.execute(query.where(t.c.item_key.in_(chunk))))
            return keys

    def is_delivered(self, build_id: str) -> bool:
        with self.db.read() as conn:
            return conn.execute(select(tables.builds.c.build_id).where(
                tables.builds.c.build_id == build_id)).first() is not None

    def list_alerts(self, owner: Owner, profile_id: int | None = None, since: dt.date | dt.datetime | None = None,
                    admin: bool = False, limit: int = MAX_LISTED) -> list[Alert]:
        """Newest first; only alerts of the owner's profiles unless admin."""
        query = self._visible(select(tables.alerts), owner, profile_id, since, admin)
        query = query.order_by(tables.alerts.c.created_at.desc(), tables.alerts.c.id.desc())
        with self.db.read() as conn:
            return [_alert(r) for r in conn.execute(query.limit(max(1, min(limit, MAX_LISTED))))]

    def count(self, owner: Owner, profile_id: int | None = None, since: dt.date | dt.datetime | None = None,
              admin: bool = False) -> int:
        """For the UI badge."""
        query = self._visible(select(func.count()).select_from(tables.alerts), owner, profile_id, since, admin)
        with self.db.read() as conn:
            return int(conn.execute(query).scalar() or 0)

    @staticmethod
    def _visible(query, owner: Owner, profile_id, since, admin):  # type: ignore[no-untyped-def]
        t, p = tables.alerts, tables.profiles
        if not admin:
            query = query.where(t.c.profile_id.in_(select(p.c.id).where(p.c.owner == owner.id)))
        if profile_id is not None:
            query = query.where(t.c.profile_id == profile_id)
        if since is not None:
            query = query.where(t.c.created_at >= _start_of(since))
        return query

    def _mark_build(self, conn: Connection, build_id: str, stamp: dt.datetime) -> None:
        b = tables.builds
        if conn.execute(select(b.c.build_id).where(b.c.build_id == build_id)).first() is None:
            conn.execute(b.insert().values(build_id=build_id, status="delivered", alert_count=0, delivered_at=stamp))

    def _existing_profiles(self, conn: Connection, ids: set[int]) -> set[int]:
        p = tables.profiles
        live: set[int] = set()
        for chunk in _chunks(sorted(ids)):
            live.update(conn.execute(select(p.c.id).where(p.c.id.in_(chunk))).scalars())
        return live

    def _insert(self, conn: Connection, rows: list[dict]) -> list[tuple[AlertKey, int]]:
        """INSERT … ON CONFLICT DO NOTHING; RETURNING gives exactly the rows that were new."""
        dialect = postgresql if self.db.dialect == "postgresql" else sqlite
        t = tables.alerts
        statement = dialect.insert(t).on_conflict_do_nothing(
            index_elements=["profile_id", "item_key", "content_hash"]).returning(
            t.c.id, t.c.profile_id, t.c.item_key, t.c.content_hash)
        ids: list[tuple[AlertKey, int]] = []
        for chunk in _chunks(rows):
            ids.extend(((r.profile_id, r.item_key, r.content_hash), r.id) for r in conn.execute(statement, chunk))
        return ids

    def _save_documents(self, conn: Connection, build_id: str, documents: Mapping[str, str]) -> None:
        d = tables.alert_documents
        conn.execute(delete(d))
        rows = [{"doc_id": k, "sha256": v, "build_id": build_id} for k, v in documents.items()]
        for chunk in _chunks(rows):
            conn.execute(d.insert(), chunk)


def _rows(alerts: Iterable[NewAlert], build_id: str, stamp: dt.datetime) -> list[dict]:
    citations: dict[tuple[str, str], str] = {}  # one JSON per item, however many profiles it alerts
    rows = []
    for alert in alerts:
        item = alert.item
        cache_key = (item.item_key, alert.content_hash)
        if cache_key not in citations:
            citations[cache_key] = json.dumps([c.model_dump(mode="json") for c in item.citations], ensure_ascii=False)
        rows.append({
            "profile_id": alert.profile_id, "item_key": item.item_key, "content_hash": alert.content_hash,
            "doc_id": item.doc_id, "doc_title": item.doc_title, "status": alert.status, "title": item.title,
            "amount": item.amount, "opens": item.opens, "deadline": item.deadline,
            "citations_json": citations[cache_key], "build_id": build_id, "created_at": stamp,
        })
    return rows


def _alert(row) -> Alert:  # type: ignore[no-untyped-def]
    return Alert(
        id=row.id, profile_id=row.profile_id, item_key=row.item_key, content_hash=row.content_hash,
        doc_id=row.doc_id, doc_title=row.doc_title, status=row.status, title=row.title, amount=row.amount,
        opens=row.opens, deadline=row.deadline,
        citations=[Citation.model_validate(c) for c in json.loads(row.citations_json)],
        build_id=row.build_id, created_at=as_utc(row.created_at),
    )


def _check_build_id(build_id: str) -> None:
    if not build_id or len(build_id) > MAX_BUILD_ID_CHARS or not build_id.isprintable():
        shown = build_id[:80].encode("unicode_escape").decode("ascii")
        raise InvalidBuildId(message("invalid_build_id", build_id=shown))


def _start_of(since: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(since, dt.datetime):
        return since if since.tzinfo else since.replace(tzinfo=dt.UTC)
    return dt.datetime(since.year, since.month, since.day, tzinfo=dt.UTC)


def _chunks(values: Sequence) -> Iterator[Sequence]:  # type: ignore[type-arg]
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
