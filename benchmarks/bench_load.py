"""Loopback load test of `POST /api/v1/ask`: N concurrent clients, bounded in count and time.

Starts `python app.py` (the production entry point: REST, OpenAI endpoint and Gradio UI in one
uvicorn process) on 127.0.0.1 and a free port, with one API key per client so the per-key rate
limit (60/min by default) stays on, then lets the clients ask gold questions until each has sent
its requests or the time budget runs out. Every request counts: a non-200, a timeout or a
connection error is an error. Traffic goes to 127.0.0.1 only; the server is stopped at the end.

Examples:
    nice -n 19 python benchmarks/bench_load.py                         # 50 clients × 10 requests
    python benchmarks/bench_load.py --clients 20 --requests 5 --max-seconds 120
    python benchmarks/bench_load.py --url http://127.0.0.1:7860 --key k0   # a server already running
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
QUESTIONS = REPO_ROOT / "evals" / "datasets" / "questions.jsonl"
RESULTS = REPO_ROOT / "benchmarks" / "results" / "load.json"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


@dataclass
class LoadResult:
    clients: int
    requests: int = 0
    ok: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def summary(self) -> dict:
        lat = sorted(self.latencies_ms)

        def pct(q: float) -> float:
            return round(lat[min(len(lat) - 1, int(q * len(lat)))], 1) if lat else float("nan")

        return {
            "clients": self.clients, "requests": self.requests, "ok": self.ok, "errors": self.error_count,
            "error_kinds": self.errors, "seconds": round(self.seconds, 1),
            "throughput_rps": round(self.requests / self.seconds, 2) if self.seconds else 0.0,
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "max_ms": round(lat[-1], 1) if lat else float("nan"),
            "mean_ms": round(statistics.fmean(lat), 1) if lat else float("nan"),
        }


def gold_questions() -> list[str]:
    rows = [json.loads(x) for x in QUESTIONS.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r["question"] for r in rows if r.get("category") != "followup"]


def check_loopback(url: str) -> None:
    host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
    if host not in LOOPBACK:
        raise SystemExit(f"load tests only target loopback addresses, got {host}")


async def run_load(url: str, keys: list[str | None], requests_per_client: int, max_seconds: float,
                   questions: list[str], timeout: float = 120.0) -> LoadResult:
    """`len(keys)` clients, each sending up to `requests_per_client` questions, all stopping by `max_seconds`."""
    import httpx

    check_loopback(url)
    result = LoadResult(clients=len(keys))
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=len(keys), max_keepalive_connections=len(keys))

    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:
        async def client(i: int, key: str | None) -> None:
            headers = {"Authorization": f"Bearer {key}"} if key else {}
            for j in range(requests_per_client):
                if time.monotonic() >= deadline:
                    return
                question = questions[(i * requests_per_client + j) % len(questions)]
                started = time.perf_counter()
                try:
                    r = await http.post("/api/v1/ask", json={"question": question, "id": f"c{i}-{j}"},
                                        headers=headers)
                    kind = None if r.status_code == 200 and r.json().get("id") == f"c{i}-{j}" else str(r.status_code)
                except httpx.HTTPError as exc:
                    kind = type(exc).__name__
                result.requests += 1
                if kind is None:
                    result.ok += 1
                    result.latencies_ms.append((time.perf_counter() - started) * 1000)
                else:
                    result.errors[kind] = result.errors.get(kind, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(client(i, k) for i, k in enumerate(keys)))
        result.seconds = time.perf_counter() - started
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(data_dir: Path, knowledge_dir: Path | None) -> dict[str, str]:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir)}
    if knowledge_dir is not None:
        env["ASSISTANT_KNOWLEDGE_DIR"] = str(knowledge_dir)
    return env


def ensure_index(data_dir: Path, knowledge_dir: Path | None = None) -> None:
    """Build the index of `knowledge_dir` (default knowledge/) in `data_dir` unless it is up to date."""
    env = _env(data_dir, knowledge_dir)
    subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class AppServer:
    """`python app.py` on 127.0.0.1, stopped by `stop()`."""

    def __init__(self, data_dir: Path, keys: list[str], knowledge_dir: Path | None = None,
                 extra_env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**_env(data_dir, knowledge_dir), "ASSISTANT_API_KEYS": ",".join(keys),
               "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False", **(extra_env or {})}
        self.proc = subprocess.Popen([sys.executable, str(REPO_ROOT / "app.py"), "--host", "127.0.0.1",
                                      "--port", str(self.port), "--log-level", "warning"],
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def wait(self, timeout: float = 180.0) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {self.proc.returncode}: {self.proc.stderr.read()[-2000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"app.py did not answer /healthz within {timeout} s")

    def rss_mb(self) -> float:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10, help="requests per client (default 10)")
    parser.add_argument("--max-seconds", type=float, default=600, help="stop sending after this (default 600)")
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/zz-load/data"),
                        help="data dir with the index (built from knowledge/ if missing)")
    parser.add_argument("--knowledge-dir", type=Path, default=None,
                        help="knowledge folder of that index (default knowledge/; e.g. a synthetic corpus)")
    parser.add_argument("--url", default=None, help="a server already running on loopback (else app.py is started)")
    parser.add_argument("--key", default=None, help="API key for --url")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.clients < 1 or args.requests < 1:
        parser.error("--clients and --requests must be at least 1")
    questions = gold_questions()
    server = None
    if args.url:
        keys = [args.key] * args.clients
        url = args.url
    else:
        ensure_index(args.data_dir, args.knowledge_dir)
        keys = [f"load-key-{i:03d}" for i in range(args.clients)]
        server = AppServer(args.data_dir, keys, args.knowledge_dir)
        server.wait()
        url = server.url
    try:
        asyncio.run(run_load(url, keys[:1], 3, 120, questions))  # warm: model loaded, caches filled
        result = asyncio.run(run_load(url, keys, args.requests, args.max_seconds, questions))
        summary = result.summary()
        summary["server_rss_mb"] = round(server.rss_mb(), 1) if server else None
        summary["load_average"] = [round(x, 2) for x in os.getloadavg()]
        summary["data_dir"] = str(args.data_dir)
    finally:
        if server:
            server.stop()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if summary["errors"] == 0 and summary["requests"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
