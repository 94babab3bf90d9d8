"""A bounded loopback load test: 20 concurrent clients × 5 questions to POST /api/v1/ask, zero errors.

The same client code as benchmarks/bench_load.py (which runs 50 clients against `python app.py`),
here against the app in a uvicorn thread on 127.0.0.1 sharing the session's plan index. Each
client has its own API key, so authentication and the per-key rate limit stay on.
"""

from __future__ import annotations

import asyncio
import sys

import pytest

from assistant.settings import REPO_ROOT
from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from bench_load import LoadResult, check_loopback, gold_questions, run_load

pytestmark = pytest.mark.slow

CLIENTS = 20
REQUESTS = 5


def test_twenty_clients_five_questions_each_without_errors(plan_runtime):
    keys = [f"load-key-{i:02d}" for i in range(CLIENTS)]
    web = WebSettings(api_keys=keys)  # default rate limit: 60 per key per minute
    with serve(create_app(plan_runtime, web, ui=False)) as url:
        result = asyncio.run(run_load(url, keys, REQUESTS, max_seconds=120, questions=gold_questions()))
    summary = result.summary()
    assert result.error_count == 0, summary
    assert result.requests == result.ok == CLIENTS * REQUESTS, summary
    assert summary["p95_ms"] < 60_000


def test_load_is_bounded_by_time():
    """The deadline stops every client, whatever the count: nothing runs on after it."""
    result = asyncio.run(run_load("http://127.0.0.1:9", [None] * 3, 1000, max_seconds=0.0, questions=["x"]))
    assert result.requests == 0


def test_load_refuses_non_loopback_targets():
    with pytest.raises(SystemExit):
        check_loopback("http://10.0.0.1:8000")
    check_loopback("http://127.0.0.1:8000")


def test_summary_counts_errors_apart():
    result = LoadResult(clients=1, requests=3, ok=2, errors={"503": 1}, latencies_ms=[10.0, 30.0], seconds=1.0)
    summary = result.summary()
    assert (summary["errors"], summary["p50_ms"], summary["throughput_rps"]) == (1, 30.0, 3.0)
