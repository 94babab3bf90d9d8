"""Helpers of the tests of assistant/watch: a real PostgreSQL server, items, matchers."""

from __future__ import annotations

import atexit
import hashlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.types import Citation, CompanyProfile
from assistant.watch.alerts import ItemMatch, WatchItem
from assistant.watch.db import Database, open_database

PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin() -> Path | None:
    for directory in PG_BIN_DIRS:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class PostgresServer:
    """initdb into a temporary dir and pg_ctl start on 127.0.0.1:<free port>; stop() removes it.

    PostgreSQL refuses to run as root, so under root the server runs as the 'postgres' user
    the Debian package creates (or 'nobody').
    """

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="watch-pg-"))
        self.data = self.root / "data"
        self.user = self._run_as()
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        self._run([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                   "--encoding=UTF8", "--locale=C.UTF-8"], timeout=120)
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"),
                   "-w", "-t", "60", "start"], timeout=90)

    def stop(self) -> None:
        try:
            self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"], timeout=60)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, command: list[str], timeout: float) -> None:
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, timeout=timeout, capture_output=True, cwd=self.root)

    @staticmethod
    def _run_as() -> str | None:
        if os.geteuid() != 0:
            return None
        for user in ("postgres", "nobody"):
            try:
                pwd.getpwnam(user)
                return user
            except KeyError:
                continue
        return None


def citation(doc_id: str, quote: str, anchor: str = "一.1") -> Citation:
    return Citation(n=1, doc_id=doc_id, doc_title=f"{doc_id} 标题", anchor=anchor, section=f"一、支持 › {anchor}",
                    quote=quote, start=0, end=len(quote), score=1.0)


def make_items(doc_id: str, count: int, version: int = 0, **dates) -> list[WatchItem]:  # type: ignore[no-untyped-def]
    return [WatchItem(doc_id=doc_id, item_id=f"item{i}", title=f"{doc_id} 第{i}项支持", doc_title=f"{doc_id} 标题",
                      amount=f"最高{100 + version}万元", citations=[citation(doc_id, f"第{i}项原文 v{version}")],
                      **dates)
            for i in range(count)]


class HashMatcher:
    """Deterministic stand-in for the real matcher: status from a hash of (city, item key)."""

    def __call__(self, profile: CompanyProfile, items: Sequence[WatchItem]) -> list[ItemMatch]:
        statuses = ("qualifies", "may_qualify", "not_qualified")
        out = []
        for item in items:
            digest = hashlib.sha256(f"{profile.city}|{item.item_key}".encode()).digest()
            out.append(ItemMatch(item=item, status=statuses[digest[0] % 3]))
        return out


class AllMatcher:
    def __init__(self, status: str = "qualifies") -> None:
        self.status = status

    def __call__(self, profile: CompanyProfile, items: Sequence[WatchItem]) -> list[ItemMatch]:
        return [ItemMatch(item=item, status=self.status) for item in items]


# ── the server and databases the test modules' fixtures hand out ──────────────────────────

_SERVER: list[PostgresServer] = []


def shared_pg_server() -> PostgresServer:
    """One server for the whole test run, started on first use and stopped at exit."""
    if not _SERVER:
        bin_dir = pg_bin()
        if bin_dir is None:
            pytest.skip("PostgreSQL binaries not installed (apt-get install postgresql; see .ci/system-packages.txt)")
        server = PostgresServer(bin_dir)
        server.start()
        atexit.register(server.stop)
        _SERVER.append(server)
    return _SERVER[0]


def fresh_pg_url() -> str:
    """A new empty database on the shared server."""
    import psycopg

    server = shared_pg_server()
    name = f"watch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"host=127.0.0.1 port={server.port} user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql://postgres@127.0.0.1:{server.port}/{name}"


def open_test_database(kind: str, tmp_path: Path) -> Database:
    if kind == "sqlite":
        return open_database(tmp_path / "data")
    return open_database(tmp_path / "data", url=fresh_pg_url())


# ── simulated ingests, run in this process or in child processes ──────────────────────────

DOCS = 5
ITEMS_PER_DOC = 3


def doc_versions(ingest: int) -> dict[str, int]:
    """Ingest i rewrites document i % DOCS; every document exists from ingest 0 on."""
    return {f"doc{d}": max([j for j in range(ingest + 1) if j % DOCS == d], default=0) for d in range(DOCS)}


def doc_items(doc_id: str, version: int) -> list[WatchItem]:
    return make_items(doc_id, ITEMS_PER_DOC, version)


def doc_hash(doc_id: str, version: int) -> str:
    return hashlib.sha256(f"{doc_id}@{version}".encode()).hexdigest()


def run_ingest(alerts, profiles, ingest: int, build_id: str | None = None) -> int:  # type: ignore[no-untyped-def]
    """What the wired ingest will do once its build is current; returns alerts newly stored."""
    from assistant.watch.alerts import compute_alerts

    versions = doc_versions(ingest)
    hashes = {doc: doc_hash(doc, v) for doc, v in versions.items()}
    changed = alerts.changed_documents(hashes)
    items = [item for doc in sorted(changed) for item in doc_items(doc, versions[doc])]
    new = compute_alerts(profiles.all(), items, HashMatcher(), alerts.alerted_keys({i.item_key for i in items}))
    return len(alerts.record(build_id or f"build-{ingest}", new, documents=hashes))


def ingest_worker(data_dir: str, start: int, stop: int, kill_at: int | None) -> None:
    """Child process: ingests start..stop-1; at kill_at it SIGKILLs itself inside record()'s transaction."""
    import signal

    from assistant.watch.alerts import AlertStore
    from assistant.watch.store import ProfileStore

    db = open_database(data_dir)
    alerts, profiles = AlertStore(db), ProfileStore(db)
    original = alerts._save_documents

    def _save_then_die(conn, build_id, documents):  # type: ignore[no-untyped-def]
        original(conn, build_id, documents)
        if build_id == f"build-{kill_at}":
            os.kill(os.getpid(), signal.SIGKILL)  # alerts inserted, nothing committed yet

    alerts._save_documents = _save_then_die  # type: ignore[method-assign]
    for ingest in range(start, stop):
        run_ingest(alerts, profiles, ingest)


def concurrent_worker(data_dir: str, name: str, docs: int, result_file: str, barrier) -> None:  # type: ignore[no-untyped-def]
    """Child process: records the alerts of `docs` documents for every profile, one build per document."""
    import json

    from assistant.watch.alerts import AlertStore, compute_alerts
    from assistant.watch.store import ProfileStore

    db = open_database(data_dir)
    alerts, profiles = AlertStore(db), ProfileStore(db)
    barrier.wait(120)  # both processes start writing together
    stored = 0
    for d in range(docs):
        items = make_items(f"doc{d}", ITEMS_PER_DOC)
        # Deliberately no `already`: both processes try to insert every alert.
        stored += len(alerts.record(f"{name}-{d}", compute_alerts(profiles.all(), items, AllMatcher())))
    Path(result_file).write_text(json.dumps({"stored": stored}))


def hold_transaction_worker(data_dir: str, ready_file: str) -> None:
    """Child process: inserts alerts inside record()'s transaction, then waits there to be killed."""
    import time

    from assistant.watch.alerts import AlertStore, compute_alerts
    from assistant.watch.store import ProfileStore

    db = open_database(data_dir)
    alerts, profiles = AlertStore(db), ProfileStore(db)
    original = alerts._save_documents

    def _save_and_wait(conn, build_id, documents):  # type: ignore[no-untyped-def]
        original(conn, build_id, documents)
        Path(ready_file).write_text("in transaction")
        time.sleep(120)  # bounded; the parent kills us long before

    alerts._save_documents = _save_and_wait  # type: ignore[method-assign]
    items = make_items("doc0", ITEMS_PER_DOC)
    alerts.record("killed-build", compute_alerts(profiles.all(), items, AllMatcher()), documents={"doc0": "h"})
