"""Alerts exactly once: pure computation, the UNIQUE guard, catch-up after a kill, two writers, SIGKILL."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from watch_support import (
    DOCS,
    AllMatcher,
    HashMatcher,
    concurrent_worker,
    doc_items,
    doc_versions,
    hold_transaction_worker,
    ingest_worker,
    make_items,
    run_ingest,
)

from assistant.eligibility import load_catalogue
from assistant.settings import Settings
from assistant.types import CompanyProfile
from assistant.watch import (
    AlertStore,
    InvalidBuildId,
    ItemMatch,
    Owner,
    ProfileStore,
    SavedProfile,
    compute_alerts,
    open_database,
)
from assistant.watch.db import DATABASE_FILE
from assistant.watch.matching import CatalogueMatcher, catalogue_items

SPAWN = multiprocessing.get_context("spawn")  # a clean interpreter: nothing inherited mid-transaction
CITIES = ["武汉", "襄阳", "宜昌", "黄石", "十堰"]


def _saved(profile_id: int, city: str = "武汉") -> SavedProfile:
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return SavedProfile(id=profile_id, owner="public", profile=CompanyProfile(city=city),
                        created_at=stamp, updated_at=stamp)


def _add_profiles(store: ProfileStore, count: int, owner: Owner | None = None) -> list[SavedProfile]:
    return [store.add(owner or Owner.public(), CompanyProfile(name=f"企业{i}", city=CITIES[i % len(CITIES)]))
            for i in range(count)]


# ── compute_alerts: pure ───────────────────────────────────────────────────────────────────

def test_compute_alerts_keeps_qualifies_and_may_qualify_only() -> None:
    items = make_items("doc", 3)
    statuses = {"item0": "qualifies", "item1": "may_qualify", "item2": "not_qualified"}

    def matcher(profile, given):  # type: ignore[no-untyped-def]
        return [ItemMatch(item=i, status=statuses[i.item_id]) for i in given]

    new = compute_alerts([_saved(1), _saved(2)], items, matcher)
    assert [(a.profile_id, a.item.item_id, a.status) for a in new] == [
        (1, "item0", "qualifies"), (1, "item1", "may_qualify"), (2, "item0", "qualifies"), (2, "item1", "may_qualify")]
    assert compute_alerts([_saved(1)], [], matcher) == []


def test_compute_alerts_skips_what_was_already_alerted_and_duplicates() -> None:
    items = make_items("doc", 2)
    first = compute_alerts([_saved(1)], items, AllMatcher())
    assert compute_alerts([_saved(1)], items, AllMatcher(), already={a.key for a in first}) == []
    # a matcher that reports an item twice still yields one alert
    twice = compute_alerts([_saved(1)], items, lambda p, its: [ItemMatch(item=its[0], status="qualifies")] * 2)
    assert len(twice) == 1
    # a changed item (new amount) is a new alert
    changed = make_items("doc", 2, version=1)
    again = compute_alerts([_saved(1)], changed, AllMatcher(), already={a.key for a in first})
    assert len(again) == 2 and {a.content_hash for a in again}.isdisjoint({a.content_hash for a in first})


def test_content_hash_ignores_citation_numbering_and_scores() -> None:
    item = make_items("doc", 1)[0]
    renumbered = item.model_copy(update={"citations": [item.citations[0].model_copy(update={"n": 7, "score": 0.3})]})
    assert renumbered.content_hash() == item.content_hash()
    assert item.model_copy(update={"deadline": dt.date(2027, 1, 1)}).content_hash() != item.content_hash()


def test_the_real_eligibility_matcher_drives_alerts() -> None:
    catalogue = load_catalogue(Settings().catalogue_path)
    items = catalogue_items(catalogue)
    profile = CompanyProfile(city="襄阳", sectors=["工业机器人"], needs=["融资"], size="中小企业")
    saved = _saved(1, "襄阳").model_copy(update={"profile": profile})
    new = compute_alerts([saved], items, CatalogueMatcher(catalogue))
    assert new and all(a.status in ("qualifies", "may_qualify") for a in new)
    outside = CompanyProfile(city="长沙")  # not in Hubei: the plan's measures are ruled out
    assert compute_alerts([_saved(2).model_copy(update={"profile": outside})], items,
                          CatalogueMatcher(catalogue)) == []
    assert all(a.item.citations and a.item.doc_id == "hubei-2014-ime-plan" for a in new)


# ── AlertStore on SQLite and PostgreSQL ────────────────────────────────────────────────────

def test_recording_the_same_alerts_twice_adds_nothing(database) -> None:  # type: ignore[no-untyped-def]
    profiles, alerts = ProfileStore(database), AlertStore(database)
    saved = _add_profiles(profiles, 3)
    new = compute_alerts(saved, make_items("doc0", 2), AllMatcher())
    stored = alerts.record("b1", new, documents={"doc0": "h0"})
    assert len(stored) == 6 and alerts.is_delivered("b1")
    assert alerts.record("b2", new) == [] and alerts.record("b1", new) == []
    assert alerts.count(Owner.public()) == 6
    first = stored[0].as_alert()
    assert alerts.list_alerts(Owner.public(), profile_id=first.profile_id)[-1] == first
    assert first.title == "doc0 第0项支持" and first.amount == "最高100万元" and first.citations[0].quote
    assert first.item_key == "doc0#item0" and first.build_id == "b1" and first.created_at.tzinfo is not None


def test_alerts_are_listed_only_to_their_profiles_owner(database) -> None:  # type: ignore[no-untyped-def]
    profiles, alerts = ProfileStore(database), AlertStore(database)
    a, b = Owner.from_api_key("key-a" * 8), Owner.from_api_key("key-b" * 8)
    mine, theirs = _add_profiles(profiles, 1, a)[0], _add_profiles(profiles, 2, b)
    alerts.record("b1", compute_alerts([mine, *theirs], make_items("doc0", 2), AllMatcher()))
    assert {x.profile_id for x in alerts.list_alerts(a)} == {mine.id}
    assert alerts.list_alerts(a, profile_id=theirs[0].id) == []  # another's id gives nothing
    assert alerts.count(a, profile_id=theirs[0].id) == 0
    assert len(alerts.list_alerts(b)) == 4 and len(alerts.list_alerts(a, admin=True)) == 6
    assert len(alerts.list_alerts(b, profile_id=theirs[1].id)) == 2
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    assert alerts.list_alerts(b, since=tomorrow) == []
    assert len(alerts.list_alerts(b, since=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5))) == 4
    listed = alerts.list_alerts(b)
    assert [x.created_at for x in listed] == sorted((x.created_at for x in listed), reverse=True)


def test_alerts_of_a_removed_profile_go_with_it(database) -> None:  # type: ignore[no-untyped-def]
    profiles, alerts = ProfileStore(database), AlertStore(database)
    saved = _add_profiles(profiles, 2)
    new = compute_alerts(saved, make_items("doc0", 1), AllMatcher())
    profiles.remove(Owner.public(), saved[0].id)
    stored = alerts.record("b1", new)  # computed before the removal: dropped, not an error
    assert [x.alert.profile_id for x in stored] == [saved[1].id]
    profiles.remove(Owner.public(), saved[1].id)
    assert alerts.count(Owner.public(), admin=True) == 0


def test_a_bad_build_id_is_refused(database) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidBuildId):
        AlertStore(database).record("bad\nid", [])


def test_an_ingest_killed_before_recording_is_caught_up_by_the_next(database) -> None:  # type: ignore[no-untyped-def]
    profiles, alerts = ProfileStore(database), AlertStore(database)
    _add_profiles(profiles, 10)
    run_ingest(alerts, profiles, 0)
    # Ingest 1 rewrote doc1 and its build became current, then it died before record(): nothing written.
    missed = {a.key for a in compute_alerts(profiles.all(), doc_items("doc1", 1), HashMatcher())}
    assert missed and missed.isdisjoint(alerts.alerted_keys())
    run_ingest(alerts, profiles, 2)  # rewrites doc2, and catches up doc1's version 1
    assert missed <= alerts.alerted_keys()
    assert {a.key for a in compute_alerts(profiles.all(), doc_items("doc2", 2), HashMatcher())} <= alerts.alerted_keys()
    assert not alerts.is_delivered("build-1") and alerts.is_delivered("build-2")
    before = alerts.count(Owner.public())
    assert run_ingest(alerts, profiles, 2, build_id="build-2-again") == 0  # nothing changed: nothing added
    assert alerts.count(Owner.public()) == before


def test_two_hundred_ingests_with_a_kill_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    """The issue's target: 0 duplicate and 0 lost alerts, 200 ingests, 100 profiles, a kill in the middle."""
    data, total, kill_at = tmp_path / "data", 200, 97
    db = open_database(data)
    profiles, alerts = ProfileStore(db), AlertStore(db)
    saved = _add_profiles(profiles, 100)
    child = SPAWN.Process(target=ingest_worker, args=(str(data), 0, kill_at + 1, kill_at))
    child.start()
    child.join(240)
    assert child.exitcode == -signal.SIGKILL
    assert not alerts.is_delivered(f"build-{kill_at}") and alerts.is_delivered(f"build-{kill_at - 1}")
    for ingest in range(kill_at + 1, total):
        run_ingest(alerts, profiles, ingest)

    expected = set()
    for ingest in (i for i in range(total) if i != kill_at):  # the killed one's documents are current at the next
        items = [it for doc, v in doc_versions(ingest).items() for it in doc_items(doc, v)]
        expected |= {a.key for a in compute_alerts(saved, items, HashMatcher())}
    with sqlite3.connect(data / DATABASE_FILE) as conn:
        rows = conn.execute("SELECT profile_id, item_key, content_hash FROM alerts").fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert len(rows) == len(set(rows))  # no duplicate
    assert set(rows) == expected  # none lost, none invented
    assert len(expected) > 100 * DOCS  # the check is not vacuous


def test_two_processes_writing_at_once_store_each_alert_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = open_database(data)
    _add_profiles(ProfileStore(db), 50)
    docs = 20
    results = [tmp_path / f"result-{n}.json" for n in range(2)]
    barrier = SPAWN.Barrier(2)
    workers = [SPAWN.Process(target=concurrent_worker, args=(str(data), f"p{n}", docs, str(results[n]), barrier))
               for n in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(240)
    assert [w.exitcode for w in workers] == [0, 0]
    stored = [json.loads(r.read_text())["stored"] for r in results]
    total = AlertStore(db).count(Owner.public())
    assert total == 50 * docs * 3
    assert sum(stored) == total  # every alert was newly stored by exactly one of the two


def test_a_process_killed_inside_the_transaction_leaves_no_trace(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = open_database(data)
    _add_profiles(ProfileStore(db), 5)
    alerts = AlertStore(db)
    ready = tmp_path / "ready"
    child = SPAWN.Process(target=hold_transaction_worker, args=(str(data), str(ready)))
    child.start()
    deadline = time.monotonic() + 120
    while not ready.exists() and time.monotonic() < deadline and child.is_alive():
        time.sleep(0.05)
    assert ready.exists(), "the child never reached its transaction"
    child.kill()
    child.join(30)
    assert child.exitcode == -signal.SIGKILL

    with sqlite3.connect(data / DATABASE_FILE) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert alerts.count(Owner.public()) == 0 and not alerts.is_delivered("killed-build")
    assert alerts.changed_documents({"doc0": "h"}) == {"doc0"}  # so the next ingest catches up
    # the write lock died with the process: the next write goes through at once
    started = time.monotonic()
    new = compute_alerts(ProfileStore(db).all(), make_items("doc0", 3), AllMatcher())
    assert len(alerts.record("next-build", new, documents={"doc0": "h"})) == 15
    assert time.monotonic() - started < 10
