"""200 server-side uploads in a row: open fds, deleted-but-open files, RSS and temp files stay flat.

Target (issue 10): after 200 uploads, open fds, RSS and temp-file count within 10% of their level
after a short warm-up. Each upload goes through service.ingest_upload (as REST and the UI do),
alternating two versions of one document so every upload builds and swaps a new index, and the
index is read after each swap as the server would.

    nice -n 19 python benchmarks/bench_uploads.py [--uploads 200]   # writes benchmarks/results/uploads.json
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from assistant.ingest import ingest  # noqa: E402
from assistant.runtime import Runtime  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.web import service  # noqa: E402

POLICY = "某市扶持办法\n\n一、首台套支持\n1.奖励重大技术装备首台（套）示范项目。\n"
VERSIONS = ["某市人才办法\n\n一、人才引进\n1.对符合条件的高端人才按规定给予相应待遇。\n",
            "某市人才办法\n\n一、人才引进\n1.对符合条件的高端人才按规定给予住房补贴。\n"]
WARM_UP = 10
SETTLED = 50  # the allocator and caches settle: growth after this is what a leak would show


def sample(data_dir: Path) -> dict:
    fds = os.listdir("/proc/self/fd")
    deleted = 0
    for fd in fds:
        with contextlib.suppress(OSError):
            deleted += os.readlink(f"/proc/self/fd/{fd}").endswith(" (deleted)")
    rss = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
               if line.startswith("VmRSS:")) / 1024
    tmp = Path(tempfile.gettempdir())
    return {"fds": len(fds), "deleted_open": deleted, "rss_mb": round(rss, 1),
            "tmp_upload_dirs": len(list(tmp.glob("upload-*"))),
            "data_files": sum(1 for p in data_dir.rglob("*") if p.is_file())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--uploads", type=int, default=200)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-uploads-"))
    knowledge = root / "knowledge"
    (knowledge / "policies").mkdir(parents=True)
    for name in ("lexicon", "documents"):  # the tokenizer's lexicon; regions and item rules
        (knowledge / name).symlink_to(REPO_ROOT / "knowledge" / name, target_is_directory=True)
    (knowledge / "policies" / "p.txt").write_text(POLICY, encoding="utf-8")
    data_dir = root / "data"
    runtime = Runtime(Settings(data_dir=data_dir, knowledge_dir=knowledge))
    ingest(runtime)
    samples = {}
    started = time.perf_counter()
    for i in range(1, args.uploads + 1):
        report = service.ingest_upload(runtime, "talent.txt", VERSIONS[i % 2].encode(), max_bytes=1 << 20)
        assert report.status == "built" and runtime.index.manifest.build_id == report.build_id
        if i in (WARM_UP, SETTLED, args.uploads // 2, args.uploads):
            gc.collect()
            samples[i] = sample(data_dir)
            print(i, samples[i], flush=True)
    seconds = time.perf_counter() - started
    last = samples[args.uploads]

    def growth_from(base: dict) -> dict:
        return {k: round((last[k] - base[k]) / base[k] * 100, 1) if base[k] else float(last[k] - base[k])
                for k in base}

    growth, settled = growth_from(samples[WARM_UP]), growth_from(samples[SETTLED])
    base = samples[WARM_UP]
    result = {"uploads": args.uploads, "seconds": round(seconds, 1),
              "per_upload_s": round(seconds / args.uploads, 3), "samples": samples,
              "growth_percent_after_warm_up": growth, f"growth_percent_after_{SETTLED}": settled,
              "flat_within_10_percent_after_warm_up": all(abs(growth[k]) <= 10 for k in ("fds", "rss_mb", "data_files"))
              and last["tmp_upload_dirs"] <= base["tmp_upload_dirs"]}
    out = REPO_ROOT / "benchmarks" / "results" / "uploads.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(growth), json.dumps(settled), "->", out)


if __name__ == "__main__":
    main()
