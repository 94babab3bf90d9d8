"""Alert computation for one new document's items against 10,000 saved profiles.

Run: .venv/bin/python benchmarks/bench_alerts.py [--profiles 10000] [--workers 1 2]
Target (2 cores): compute the alerts of one new document for 10,000 profiles in <= 10 s.

The document is the plan itself, whose support items are the eligibility catalogue's entries;
the matcher is the real assistant.eligibility.match_profile (via CatalogueMatcher). Profiles are
synthetic and varied (city, sectors, roles, needs, size, R&D ratio) from knowledge/vocabulary.yaml.
Also timed: recording the alerts in SQLite (one transaction) and re-recording them (no-ops).
Numbers go to stdout and to benchmarks/results/alerts.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.eligibility import load_catalogue  # noqa: E402
from assistant.eligibility.vocabulary import load_vocabulary  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.types import CompanyProfile  # noqa: E402
from assistant.watch import AlertStore, NewAlert, SavedProfile, compute_alerts, open_database  # noqa: E402
from assistant.watch.matching import CatalogueMatcher, catalogue_items  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "alerts.json"


def synthetic_profiles(count: int, seed: int = 14) -> list[SavedProfile]:
    vocab = load_vocabulary(Settings().vocabulary_path)
    rng = random.Random(seed)
    cities = [*vocab.regions.cities, "长沙", None]
    sectors, roles, needs = list(vocab.sectors), list(vocab.roles), list(vocab.needs)
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    profiles = []
    for i in range(count):
        profile = CompanyProfile(
            name=f"企业{i}", city=rng.choice(cities), sectors=rng.sample(sectors, rng.randint(0, 2)),
            roles=rng.sample(roles, rng.randint(0, 2)), needs=rng.sample(needs, rng.randint(0, 3)),
            size=rng.choice(["大型企业", "中小企业", None]), rd_ratio=rng.choice([None, 0.02, 0.05, 0.1]),
            first_of_kind=rng.choice([None, True, False]),
        )
        profiles.append(SavedProfile(id=i + 1, owner="public", profile=profile, created_at=stamp, updated_at=stamp))
    return profiles


_WORKER: dict = {}


def _init_worker() -> None:
    catalogue = load_catalogue(Settings().catalogue_path)
    _WORKER.update(items=catalogue_items(catalogue), matcher=CatalogueMatcher(catalogue))


def _chunk_alerts(chunk: list[SavedProfile]) -> list[tuple[int, int, str]]:
    """In a worker: (profile id, item index, status), small to send back; the parent rebuilds alerts."""
    items = _WORKER["items"]
    index = {item.item_key: n for n, item in enumerate(items)}
    found = compute_alerts(chunk, items, _WORKER["matcher"])
    return [(a.profile_id, index[a.item.item_key], a.status) for a in found]


def compute(profiles: list[SavedProfile], workers: int) -> tuple[float, list[NewAlert]]:
    """Wall time of compute_alerts over all profiles, in one process or split over `workers`."""
    catalogue = load_catalogue(Settings().catalogue_path)
    items = catalogue_items(catalogue)
    started = time.perf_counter()
    if workers <= 1:
        alerts = compute_alerts(profiles, items, CatalogueMatcher(catalogue))
        return time.perf_counter() - started, alerts
    size = -(-len(profiles) // workers)
    chunks = [profiles[i:i + size] for i in range(0, len(profiles), size)]
    with ProcessPoolExecutor(workers, initializer=_init_worker) as pool:
        compact = [t for part in pool.map(_chunk_alerts, chunks) for t in part]
    hashes = [item.content_hash() for item in items]
    alerts = [NewAlert(profile_id=p, item=items[i], status=s, content_hash=hashes[i]) for p, i, s in compact]
    return time.perf_counter() - started, alerts


def record(profiles: list[SavedProfile], alerts: list[NewAlert]) -> dict[str, float]:
    from assistant.watch import Owner, ProfileStore

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp), url=None)
        store = ProfileStore(db)
        for p in profiles:  # ids 1..N in order, as the synthetic profiles assume
            store.add(Owner.public(), p.profile)
        alert_store = AlertStore(db)
        started = time.perf_counter()
        stored = alert_store.record("bench-1", alerts, documents={"hubei-2014-ime-plan": "x"})
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = alert_store.record("bench-2", alerts)
        second = time.perf_counter() - started
        db.dispose()
    assert len(stored) == len(alerts) and again == []
    return {"record_s": round(first, 3), "rerecord_noop_s": round(second, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--skip-record", action="store_true")
    args = parser.parse_args()

    profiles = synthetic_profiles(args.profiles)
    items = catalogue_items(load_catalogue(Settings().catalogue_path))
    result: dict = {"profiles": len(profiles), "items": len(items), "cpus": os.cpu_count(),
                    "load_avg_1m_at_start": round(os.getloadavg()[0], 2),
                    "target_s": 10.0, "runs": []}
    alerts: list[NewAlert] = []
    for workers in args.workers:
        seconds, alerts = compute(profiles, workers)
        statuses = {s: sum(a.status == s for a in alerts) for s in ("qualifies", "may_qualify")}
        result["runs"].append({"workers": workers, "compute_s": round(seconds, 3), "alerts": len(alerts), **statuses})
        print(f"compute_alerts  workers={workers}  {seconds:6.2f} s  alerts={len(alerts)}  {statuses}")
    if not args.skip_record:
        result.update(record(profiles, alerts))
        print(f"record {len(alerts)} alerts in SQLite: {result['record_s']} s; again (no-op): "
              f"{result['rerecord_noop_s']} s")
    best = min(r["compute_s"] for r in result["runs"])
    result["meets_target"] = best <= result["target_s"]
    print(f"best {best:.2f} s for {len(profiles)} profiles x {len(items)} items: "
          f"{'meets' if result['meets_target'] else 'MISSES'} the 10 s target")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
