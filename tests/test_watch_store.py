"""Saved profiles on a real SQLite file and a real PostgreSQL server: CRUD, owners, migrations."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from watch_support import free_port

from assistant.types import CompanyProfile
from assistant.watch import (
    InvalidDatabaseUrl,
    InvalidSavedProfile,
    NewerSchema,
    Owner,
    ProfileNotFound,
    ProfileStore,
    StoreUnavailable,
    open_database,
)
from assistant.watch.db import DATABASE_FILE, SCHEMA_VERSION, migrate

KEY_A, KEY_B = "key-a-" + "x" * 30, "key-b-" + "y" * 30
PROFILE = CompanyProfile(name="襄阳某减速器公司", city="襄阳", sectors=["工业机器人"], needs=["融资"], size="中小企业")


def test_add_get_update_remove(database) -> None:  # type: ignore[no-untyped-def]
    store = ProfileStore(database)
    owner = Owner.from_api_key(KEY_A)
    saved = store.add(owner, PROFILE)
    assert saved.name == PROFILE.name and saved.profile == PROFILE and saved.owner == owner.id
    assert saved.created_at == saved.updated_at and saved.created_at.tzinfo is not None
    assert store.get(owner, saved.id) == saved

    changed = PROFILE.model_copy(update={"city": "武汉", "rd_ratio": 0.08})
    updated = store.update(owner, saved.id, changed, name="武汉分公司")
    assert updated.profile.city == "武汉" and updated.profile.rd_ratio == 0.08 and updated.name == "武汉分公司"
    assert updated.updated_at >= saved.updated_at and updated.created_at == saved.created_at
    assert [p.id for p in store.list(owner)] == [saved.id]

    store.remove(owner, saved.id)
    assert store.list(owner) == []
    with pytest.raises(ProfileNotFound):
        store.get(owner, saved.id)


def test_an_owner_never_sees_or_changes_another_owners_profiles(database) -> None:  # type: ignore[no-untyped-def]
    store = ProfileStore(database)
    a, b = Owner.from_api_key(KEY_A), Owner.from_api_key(KEY_B)
    mine = store.add(a, PROFILE)
    theirs = store.add(b, PROFILE.model_copy(update={"name": "别人的公司"}))
    public = store.add(Owner.public(), PROFILE)

    assert [p.id for p in store.list(a)] == [mine.id]
    assert [p.id for p in store.list(b)] == [theirs.id]
    assert {p.id for p in store.list(a, admin=True)} == {mine.id, theirs.id, public.id}
    for attempt in (lambda: store.get(a, theirs.id), lambda: store.update(a, theirs.id, PROFILE),
                    lambda: store.remove(a, theirs.id), lambda: store.get(a, public.id)):
        with pytest.raises(ProfileNotFound) as caught:
            attempt()
        # The same message as for an id that does not exist: nothing about the other company.
        assert "别人的公司" not in str(caught.value) and PROFILE.name not in str(caught.value)
    assert store.get(b, theirs.id).name == "别人的公司"  # untouched
    assert store.get(a, theirs.id, admin=True).name == "别人的公司"
    missing = str(_not_found(store, a, 999_999))
    assert missing.replace("999999", "X") == str(_not_found(store, a, theirs.id)).replace(str(theirs.id), "X")


def _not_found(store: ProfileStore, owner: Owner, profile_id: int) -> ProfileNotFound:
    with pytest.raises(ProfileNotFound) as caught:
        store.get(owner, profile_id)
    return caught.value


def test_the_key_itself_is_never_stored(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    ProfileStore(db).add(Owner.from_api_key(KEY_A), PROFILE)
    db.dispose()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(DATABASE_FILE))
    assert KEY_A.encode() not in raw
    with sqlite3.connect(tmp_path / DATABASE_FILE) as conn:
        (owner,) = conn.execute("SELECT owner FROM profiles").fetchone()
    assert len(owner) == 64 and owner != KEY_A


def test_webhook_gets_its_own_secret_hidden_from_listings(database) -> None:  # type: ignore[no-untyped-def]
    store = ProfileStore(database)
    owner = Owner.public()
    saved = store.add(owner, PROFILE, webhook_url="http://127.0.0.1:9/hook")
    other = store.add(owner, PROFILE, webhook_url="http://127.0.0.1:9/hook")
    assert saved.webhook_secret and len(saved.webhook_secret) == 64 and saved.webhook_secret != other.webhook_secret
    view = saved.public_view()
    assert "webhook_secret" not in view and "owner" not in view and view["webhook_url"] == "http://127.0.0.1:9/hook"
    cleared = store.update(owner, saved.id, PROFILE, webhook_url="")
    assert cleared.webhook_url is None and cleared.webhook_secret is None


@pytest.mark.parametrize("url", ["ftp://x/y", "javascript:alert(1)", "http://a b", "http://" + "a" * 2001])
def test_bad_webhook_urls_are_refused_before_anything_is_written(tmp_path: Path, url: str) -> None:
    store = ProfileStore(open_database(tmp_path))
    with pytest.raises(InvalidSavedProfile, match="回调地址无效"):
        store.add(Owner.public(), PROFILE, webhook_url=url)
    assert store.list(Owner.public()) == []


def test_size_and_count_limits(tmp_path: Path) -> None:
    store = ProfileStore(open_database(tmp_path), max_per_owner=2)
    with pytest.raises(InvalidSavedProfile, match="过大"):
        store.add(Owner.public(), PROFILE.model_copy(update={"description": "很" * 40_000}))
    with pytest.raises(InvalidSavedProfile, match="名称过长"):
        store.add(Owner.public(), PROFILE, name="名" * 201)
    store.add(Owner.public(), PROFILE)
    store.add(Owner.public(), PROFILE)
    with pytest.raises(InvalidSavedProfile, match="上限 2"):
        store.add(Owner.public(), PROFILE)
    store.add(Owner.from_api_key(KEY_A), PROFILE)  # the limit is per owner
    assert len(store.list(Owner.public())) == 2


def test_sqlite_runs_in_wal_mode_with_a_versioned_schema(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        versions = conn.execute(text("SELECT version FROM schema_version ORDER BY version")).scalars().all()
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert migrate(db) == SCHEMA_VERSION  # migrating again changes nothing
    db.dispose()
    reopened = open_database(tmp_path)
    with reopened.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM schema_version")).scalar() == SCHEMA_VERSION


def test_a_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    open_database(tmp_path).dispose()
    with sqlite3.connect(tmp_path / DATABASE_FILE) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 'future', '2030-01-01 00:00:00')", (SCHEMA_VERSION + 1,))
    with pytest.raises(NewerSchema, match="请升级程序"):
        open_database(tmp_path)


def test_an_unknown_database_url_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidDatabaseUrl, match="ASSISTANT_DATABASE_URL"):
        open_database(tmp_path, url="mysql://x@localhost/db")


def test_the_environment_url_selects_the_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", "oracle://nowhere")
    with pytest.raises(InvalidDatabaseUrl):
        open_database(tmp_path)


def test_a_server_that_is_down_is_a_clear_error(tmp_path: Path) -> None:
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/postgres"
    with pytest.raises(StoreUnavailable, match="暂不可用") as caught:
        open_database(tmp_path, url=url)
    assert "\n" not in str(caught.value)


_READ_ONLY_SCRIPT = """
import json, sys
from assistant.watch import open_database, ProfileStore, Owner, StoreUnavailable
from assistant.types import CompanyProfile
out = []
for step in ("open", "add"):
    try:
        db = open_database(sys.argv[1])
        if step == "add":
            ProfileStore(db).add(Owner.public(), CompanyProfile(name="x"))
        out.append([step, "ok", ""])
    except StoreUnavailable as exc:
        out.append([step, type(exc).__name__, str(exc)])
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.mark.parametrize("existing", [False, True], ids=["no-database-yet", "existing-database"])
def test_a_read_only_data_dir_is_a_domain_error_not_a_traceback(tmp_path: Path, existing: bool) -> None:
    data = tmp_path / "read-only"
    data.mkdir()
    try:
        if existing:
            db = open_database(data)
            ProfileStore(db).add(Owner.public(), PROFILE)
            db.dispose()
        data.chmod(0o555)
        for child in data.iterdir():
            child.chmod(0o444)
        result = _run_unprivileged([sys.executable, "-c", _READ_ONLY_SCRIPT, str(data)])
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        steps = json.loads(result.stdout)
        assert steps == [[s, "StoreUnavailable", steps[i][2]] for i, s in enumerate(("open", "add"))]
        assert all("只读" in message and str(data) in message for _, _, message in steps)
    finally:
        data.chmod(0o755)
        for child in data.iterdir():
            child.chmod(0o644)


def _run_unprivileged(command: list[str]) -> subprocess.CompletedProcess:
    # root ignores file modes; without the capabilities that let it, it obeys them like anyone.
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--", *command]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HOME": "/tmp"}
    env.pop("ASSISTANT_DATABASE_URL", None)
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd="/")
