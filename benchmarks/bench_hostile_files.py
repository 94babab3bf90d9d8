"""Hostile uploads: each crafted file (tests/hostile_files.py) through the server's upload path.

Target (issue 10): a 20 MB hostile upload of any supported type is rejected or parsed within
10 s and 300 MB extra RSS in the server process. For each file this reports the wall time of
service.ingest_upload, the server process's peak RSS above its level before the upload
(sampled every 5 ms) and the outcome (the one-line error). The parsing child is bounded by
Settings.parsing.memory_mb (RLIMIT_AS) and is not part of the server's RSS.

    nice -n 19 python benchmarks/bench_hostile_files.py        # writes benchmarks/results/hostile_files.json
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "tests"))

import hostile_files  # noqa: E402

from assistant.errors import AssistantError  # noqa: E402
from assistant.ingest import ingest  # noqa: E402
from assistant.runtime import Runtime  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.web import service  # noqa: E402

POLICY = "某市扶持办法\n\n一、首台套支持\n1.奖励重大技术装备首台（套）示范项目。\n"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class PeakRss:
    """The highest VmRSS seen while the block runs."""

    def __enter__(self):
        self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    knowledge = root / "knowledge"
    (knowledge / "policies").mkdir(parents=True)
    for name in ("lexicon", "documents"):  # the tokenizer's lexicon; regions and item rules
        (knowledge / name).symlink_to(REPO_ROOT / "knowledge" / name, target_is_directory=True)
    (knowledge / "policies" / "p.txt").write_text(POLICY, encoding="utf-8")
    runtime = Runtime(Settings(data_dir=root / "data", knowledge_dir=knowledge))
    ingest(runtime)
    _ = runtime.index
    rows = []
    for name, data in hostile_files.all_hostile():
        before = rss_mb()
        started = time.perf_counter()
        with PeakRss() as peak:
            try:
                report = service.ingest_upload(runtime, name, data, max_bytes=20 * 1024 * 1024)
                outcome = f"accepted: {report.status}"
            except AssistantError as exc:
                outcome = f"refused: {exc}"
        seconds = time.perf_counter() - started
        row = {"file": name, "size_mb": round(len(data) / 2**20, 2), "seconds": round(seconds, 2),
               "server_extra_rss_mb": round(peak.peak - before, 1),
               "outcome": outcome}
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    result = {"target": "rejected or parsed within 10 s and 300 MB extra server RSS",
              "limits": runtime.settings.parsing.model_dump(), "files": rows,
              "max_seconds": max(r["seconds"] for r in rows),
              "max_server_extra_rss_mb": max(r["server_extra_rss_mb"] for r in rows)}
    out = REPO_ROOT / "benchmarks" / "results" / "hostile_files.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"max {result['max_seconds']} s, max extra RSS {result['max_server_extra_rss_mb']} MB -> {out}")


if __name__ == "__main__":
    main()
