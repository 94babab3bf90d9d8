"""Alert computation for one new document's items against 10,000 saved profiles.

Run: .venv/bin/python benchmarks/bench_alerts.py [--profiles 10000] [--workers 1 2]
Target (2 cores): compute the alerts of one new document for 10,000 profiles in <= 10 s.

The document is a fictional city 若干措施 (第X条, lump sums, capped subsidies, thresholds on revenue,
employees, R&D and certifications, an open deadline): its support items are extracted by the
real rules (assistant/documents/items.py), compiled into the library matcher
(assistant/eligibility/matcher.py Library), and judged per profile through the same AlertMatcher
an ingest uses (assistant/watch/library.py). Profiles are synthetic and varied (city, sectors,
roles, needs, size, R&D ratio, revenue, employees, certifications) from knowledge/vocabulary.yaml.
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

from assistant.documents import corpus  # noqa: E402
from assistant.documents.clauses import parse_clauses  # noqa: E402
from assistant.documents.items import extract_items  # noqa: E402
from assistant.documents.rules import DocumentRules  # noqa: E402
from assistant.eligibility.matcher import Library  # noqa: E402
from assistant.eligibility.vocabulary import load_vocabulary  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.types import CompanyProfile  # noqa: E402
from assistant.watch import AlertStore, NewAlert, SavedProfile, compute_alerts, open_database  # noqa: E402
from assistant.watch.library import LibraryView  # noqa: E402

TODAY = dt.date(2026, 6, 1)
NEW_DOCUMENT = """襄阳市推动智能制造装备产业高质量发展若干措施

第一条 为加快襄阳市智能制造装备产业发展，制定本措施。本措施适用于在襄阳市注册的智能制造装备企业。
第二条 对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励50万元。
第三条 对首次认定为高新技术企业的，给予一次性奖励20万元。
第四条 对企业购置智能制造装备的，按设备投资额的10%给予补助，最高不超过200万元。
第五条 对年主营业务收入首次突破1亿元的规模以上工业企业，给予一次性奖励30万元。
第六条 对研发投入占主营业务收入比重达到5%以上、从业人员300人以下的中小企业，按研发投入的5%给予补助，最高不超过100万元。
第七条 对获得省级首台（套）重大技术装备认定的产品，给予研制单位一次性奖励100万元。
第八条 对新引进的智能制造领域高层次人才，每人给予10万元安家补贴。
第九条 申报截止时间为2026年12月31日，逾期不予受理。
第十条 本措施自2026年1月1日起施行，有效期至2028年12月31日。
"""

RESULTS = ROOT / "benchmarks" / "results" / "alerts.json"


def synthetic_profiles(count: int, seed: int = 14) -> list[SavedProfile]:
    vocab = load_vocabulary(Settings().vocabulary_path)
    rng = random.Random(seed)
    cities = [*vocab.regions.cities, "长沙", None]
    sectors, roles, needs = list(vocab.sectors), list(vocab.roles), list(vocab.needs)
    certifications = ["高新技术企业", "国家级专精特新“小巨人”企业", "省级专精特新中小企业"]
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    profiles = []
    for i in range(count):
        profile = CompanyProfile(
            name=f"企业{i}", city=rng.choice(cities), sectors=rng.sample(sectors, rng.randint(0, 2)),
            roles=rng.sample(roles, rng.randint(0, 2)), needs=rng.sample(needs, rng.randint(0, 3)),
            size=rng.choice(["大型企业", "中小企业", None]), rd_ratio=rng.choice([None, 0.02, 0.05, 0.1]),
            first_of_kind=rng.choice([None, True, False]), revenue=rng.choice([None, 3000.0, 12000.0, 80000.0]),
            employees=rng.choice([None, 50, 250, 1200]), above_scale=rng.choice([None, True, False]),
            certifications=rng.sample(certifications, rng.randint(0, 2)),
        )
        profiles.append(SavedProfile(id=i + 1, owner="public", profile=profile, created_at=stamp, updated_at=stamp))
    return profiles


def new_document_view() -> LibraryView:
    """The new document's items, compiled into the library matcher, as an ingest sees them."""
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "xiangyang-2026-measures.txt"
        path.write_text(NEW_DOCUMENT, encoding="utf-8")
        rules = DocumentRules.load(settings.document_rules_dir)
        (document,), failed = corpus.load_each([path], rules, settings.parsing)
    assert not failed, failed
    items = extract_items(document, parse_clauses(document.meta.doc_id, document.text), rules.items)
    library = Library.build(items, {document.meta.doc_id: document.meta}, load_vocabulary(settings.vocabulary_path))
    return LibraryView(None, library=library)


_WORKER: dict = {}


def _init_worker() -> None:
    view = new_document_view()
    _WORKER.update(items=view.watch_items(), matcher=view.alert_matcher(TODAY))


def _chunk_alerts(chunk: list[SavedProfile]) -> list[tuple[int, int, str]]:
    """In a worker: (profile id, item index, status), small to send back; the parent rebuilds alerts."""
    items = _WORKER["items"]
    index = {item.item_key: n for n, item in enumerate(items)}
    found = compute_alerts(chunk, items, _WORKER["matcher"])
    return [(a.profile_id, index[a.item.item_key], a.status) for a in found]


def compute(profiles: list[SavedProfile], workers: int) -> tuple[float, list[NewAlert]]:
    """Wall time of compute_alerts over all profiles, in one process or split over `workers`."""
    view = new_document_view()
    items = view.watch_items()
    started = time.perf_counter()
    if workers <= 1:
        alerts = compute_alerts(profiles, items, view.alert_matcher(TODAY))
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
        stored = alert_store.record("bench-1", alerts, documents={"xiangyang-2026-measures": "x"})
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
    items = new_document_view().watch_items()
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
