"""The database behind saved profiles and alerts: SQLite in the data dir, or a server by URL.

Library choice: SQLAlchemy Core (2.x) with an ordered list of migration steps of our own, recorded
in a schema_version table. SQLAlchemy Core gives one query API over SQLite and PostgreSQL
(psycopg 3) including the one dialect-specific piece we need, INSERT … ON CONFLICT DO NOTHING …
RETURNING, and it is among the most maintained Python database libraries. Alembic needs an
env.py/ini/versions tree and autogenerate machinery we do not need for a handful of tables;
yoyo-migrations keeps raw SQL per dialect and has not been released since 2024. A list of
Python steps run in one locked transaction is simpler and works on both databases.

SQLite: WAL mode (readers never block the single writer), a busy timeout so two processes
writing at once wait for each other instead of failing, and BEGIN IMMEDIATE for write
transactions: a deferred transaction that reads and then writes can fail with SQLITE_BUSY when
another process committed in between, and the busy timeout does not help there.

Postgres: set ASSISTANT_DATABASE_URL=postgresql://user@host:port/db (psycopg 3 driver). The
migration transaction takes an advisory lock so two processes starting at once migrate once.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from assistant.watch.errors import InvalidDatabaseUrl, NewerSchema, StoreUnavailable, message

DATABASE_FILE = "watch.sqlite3"
BUSY_TIMEOUT_S = 30.0
_PG_MIGRATION_LOCK = 0x5A_5A_14  # advisory lock key: any constant unique to this program

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

profiles = Table(
    "profiles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", String(64), nullable=False, doc="sha256 of the API key, or 'public'"),
    Column("name", String(200), nullable=True),
    Column("profile_json", Text, nullable=False, doc="CompanyProfile.model_dump_json()"),
    Column("webhook_url", String(2000), nullable=True),
    Column("webhook_secret", String(128), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_profiles_owner", "owner"),
)

builds = Table(
    "alert_builds", metadata,
    Column("build_id", String(200), primary_key=True),
    Column("status", String(20), nullable=False, doc="delivered: the alerts of a current build"),
    Column("alert_count", Integer, nullable=False),
    Column("delivered_at", DateTime(timezone=True), nullable=False),
)

alerts = Table(
    "alerts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
    Column("item_key", String(600), nullable=False, doc="doc_id + '#' + item id"),
    Column("content_hash", String(64), nullable=False, doc="sha256 of the item as alerted"),
    Column("doc_id", String(300), nullable=False),
    Column("doc_title", Text, nullable=True),
    Column("status", String(20), nullable=False),
    Column("title", Text, nullable=False),
    Column("amount", Text, nullable=True),
    Column("opens", Date, nullable=True),
    Column("deadline", Date, nullable=True),
    Column("citations_json", Text, nullable=False),
    Column("build_id", String(200), ForeignKey("alert_builds.build_id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("profile_id", "item_key", "content_hash", name="uq_alert_once"),
    Index("ix_alerts_profile_created", "profile_id", "created_at"),
    Index("ix_alerts_item_key", "item_key"),
)

alert_documents = Table(
    "alert_documents", metadata,
    Column("doc_id", String(300), primary_key=True),
    Column("sha256", String(64), nullable=False, doc="document hash whose items were alerted"),
    Column("build_id", String(200), nullable=False),
)


def _v1(conn: Connection) -> None:
    for table in (profiles, builds, alerts, alert_documents):
        table.create(conn)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


# Append only: a released step is never edited, a change is a new step.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "profiles, alerts, alert builds, alerted document hashes", _v1),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; everything we wrote was UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class Database:
    """One engine plus the two kinds of transaction the stores use."""

    def __init__(self, engine: Engine, where: str) -> None:
        self.engine = engine
        self.where = where

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction, committed on success, rolled back on any error."""
        with self._translate(), self.engine.connect() as conn:
            conn = conn.execution_options(watch_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._translate(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _translate(self) -> Iterator[None]:
        try:
            yield
        except (OperationalError, DBAPIError) as exc:
            raise self.unavailable(exc) from exc

    def unavailable(self, exc: SQLAlchemyError) -> StoreUnavailable:
        reason = " ".join(str(getattr(exc, "orig", exc) or exc).split())[:300]
        lowered = reason.lower()
        if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
            return StoreUnavailable(message("store_readonly", path=self.where))
        if "locked" in lowered or "busy" in lowered:
            return StoreUnavailable(message("store_busy"))
        return StoreUnavailable(message("store_unavailable", where=self.where, reason=reason))

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(data_dir: Path | str, url: str | None = None) -> Database:
    """The SQLite file in data_dir, or the server at url (ASSISTANT_DATABASE_URL), migrated."""
    url = url if url is not None else os.environ.get("ASSISTANT_DATABASE_URL") or None
    database = _connect_url(url) if url else _connect_sqlite(Path(data_dir))
    try:
        migrate(database)
    except BaseException:
        database.dispose()
        raise
    return database


def _connect_sqlite(data_dir: Path) -> Database:
    path = data_dir / DATABASE_FILE
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnavailable(message("store_readonly", path=path)) from exc
    if not os.access(data_dir, os.W_OK):
        # SQLite would fail later and less clearly: WAL needs the -wal and -shm files beside it.
        raise StoreUnavailable(message("store_readonly", path=path))
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_S})
    _sqlite_transactions(engine)
    return Database(engine, str(path))


def _sqlite_transactions(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Take BEGIN away from the sqlite3 module so the "begin" hook below decides its kind.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable in WAL except on power loss
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("watch_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _connect_url(url: str) -> Database:
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite:///"):
        return _connect_sqlite(Path(url.removeprefix("sqlite:///")).parent)
    if not url.startswith("postgresql+psycopg://"):
        raise InvalidDatabaseUrl(message("invalid_database_url"))
    try:
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    except SQLAlchemyError as exc:
        raise InvalidDatabaseUrl(message("invalid_database_url")) from exc
    return Database(engine, engine.url.render_as_string(hide_password=True))


def migrate(database: Database) -> int:
    """Apply the steps not yet applied, all in one transaction; returns the schema version."""
    with database.write() as conn:
        if database.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        schema_version.create(conn, checkfirst=True)
        current = conn.execute(select(schema_version.c.version).order_by(schema_version.c.version.desc())).first()
        found = current[0] if current else 0
        if found > SCHEMA_VERSION:
            raise NewerSchema(message("store_newer_schema", found=found, supported=SCHEMA_VERSION))
        for step in MIGRATIONS:
            if step.version > found:
                step.apply(conn)
                conn.execute(schema_version.insert().values(
                    version=step.version, description=step.description, applied_at=now()))
    return SCHEMA_VERSION
