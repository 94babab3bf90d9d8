"""Exactly-once alerts through the real ingest path: N ingests of changing documents, P saved profiles, a kill.

Run: .venv/bin/python benchmarks/bench_alerts_ingest.py [--ingests 200] [--profiles 100] [--kill-at 100]
Target: 0 duplicate and 0 lost alerts.

Each ingest is assistant.ingest.ingest (the CLI's and the upload's path: real documents, real
index builds with the real embedder, the SQLite file in the data dir). Ingest i rewrites one of
five fictional city 若干措施 with a new amount (its changed items must alert that city's profiles
again); every 10th ingest re-submits a document unchanged (must add nothing). Ingest --kill-at runs
as a real `assistant ingest` subprocess that is SIGKILLed while it embeds. After every ingest:
  lost       = every (profile, item, content) the current build matches (qualifies / may_qualify,
               available) that has no stored alert — checked over the whole library, so a killed
               ingest's documents count as lost until an ingest catches them up;
  duplicates = stored rows minus distinct (profile, item, content) keys, and alerts added by an
               unchanged re-ingest.
Numbers go to stdout and to benchmarks/results/alerts_ingest.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from sqlalchemy import func, select  # noqa: E402

from assistant.ingest import ingest  # noqa: E402
from assistant.runtime import Runtime  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.types import CompanyProfile  # noqa: E402
from assistant.watch import Owner, compute_alerts  # noqa: E402
from assistant.watch import db as tables  # noqa: E402
from assistant.watch.library import LibraryView  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "alerts_ingest.json"
CITIES = ["襄阳", "武汉", "宜昌", "荆州", "黄石"]


def policy(city: str, version: int) -> str:
    return (f"{city}市支持智能制造装备产业发展若干措施\n\n"
            f"第一条 本措施适用于在{city}市注册的智能制造装备企业。\n"
            f"第二条 对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励{50 + version}万元。\n"
            f"第三条 对企业购置智能制造装备的，按设备投资额的10%给予补助，最高不超过{200 + version}万元。\n"
            "第四条 申报截止时间为2099年12月31日，逾期不予受理。\n"
            "第五条 本措施自印发之日起施行，有效期至2099年12月31日。\n")


def stored_keys(runtime: Runtime) -> tuple[set, int]:
    t = tables.alerts
    with runtime.watch.db.read() as conn:
        keys = {tuple(r) for r in conn.execute(select(t.c.profile_id, t.c.item_key, t.c.content_hash))}
        rows = conn.execute(select(func.count()).select_from(t)).scalar()
    return keys, int(rows or 0)


def expected_keys(runtime: Runtime) -> set:
    """What the current build says every profile should have been alerted on (independent of the store)."""
    view = LibraryView(runtime.eligibility)
    items = view.watch_items()
    found = compute_alerts(runtime.watch.profiles.all(), items, view.alert_matcher(runtime.eligibility.clock()))
    return {a.key for a in found}


def killed_cli_ingest(settings: Settings, path: Path) -> str:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest", str(path)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen, deadline = b"", time.monotonic() + 300
    while "分词".encode() not in seen and time.monotonic() < deadline:
        chunk = os.read(proc.stderr.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
    proc.send_signal(signal.SIGKILL)
    proc.wait(60)
    proc.stderr.close()
    return "killed while indexing" if proc.returncode == -signal.SIGKILL else f"exited {proc.returncode} first"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingests", type=int, default=200)
    parser.add_argument("--profiles", type=int, default=100)
    parser.add_argument("--kill-at", type=int, default=100)
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="bench-alerts-ingest-"))
    settings = Settings(data_dir=root / "data")
    runtime = Runtime(settings)
    docs = root / "incoming"
    docs.mkdir()
    started = time.perf_counter()
    ingest(runtime)
    for i in range(args.profiles):
        runtime.watch.add_profile(Owner.public(), CompanyProfile(name=f"企业{i}", city=CITIES[i % len(CITIES)]))
    versions = dict.fromkeys(CITIES, 0)
    worst_lost, duplicates, unchanged_added, kill = 0, 0, 0, "not reached"
    timings: list[float] = []
    for n in range(1, args.ingests + 1):
        city = CITIES[n % len(CITIES)]
        unchanged = n % 10 == 0 and versions[city] > 0 and n != args.kill_at  # the kill needs a build
        if not unchanged:
            versions[city] += 1
        path = docs / f"{city}-measures.txt"
        path.write_text(policy(city, versions[city]), encoding="utf-8")
        if n == args.kill_at:
            kill = killed_cli_ingest(settings, path)
            continue
        t0 = time.perf_counter()
        report = ingest(runtime, [path])
        timings.append(time.perf_counter() - t0)
        if report.alerts_error:
            raise SystemExit(f"ingest {n}: {report.alerts_error}")
        if unchanged and report.alerts is not None:
            unchanged_added += report.alerts.alerts
        keys, rows = stored_keys(runtime)
        lost = len(expected_keys(runtime) - keys)
        worst_lost = max(worst_lost, lost)
        duplicates = max(duplicates, rows - len(keys))
        if n % 20 == 0:
            print(f"ingest {n:3d}: {rows} alerts stored, lost now {lost}, duplicates {rows - len(keys)}", flush=True)
    keys, rows = stored_keys(runtime)
    final_lost = len(expected_keys(runtime) - keys)
    result = {
        "ingests": args.ingests, "profiles": args.profiles, "kill_at": args.kill_at, "kill": kill,
        "alerts_stored": rows, "lost_at_end": final_lost, "lost_worst_after_any_ingest": worst_lost,
        "duplicate_rows": duplicates, "alerts_added_by_unchanged_reingests": unchanged_added,
        "ingest_s_median": round(sorted(timings)[len(timings) // 2], 3) if timings else None,
        "total_s": round(time.perf_counter() - started, 1), "cpus": os.cpu_count(),
        "date": dt.date.today().isoformat(),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    ok = final_lost == 0 and worst_lost == 0 and duplicates == 0 and unchanged_added == 0
    print("0 lost, 0 duplicate: " + ("yes" if ok else "NO"))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({**result, "meets_target": ok}, ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")
    runtime.close()
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
