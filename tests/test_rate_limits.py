"""Rate limits and Gradio upload keys at the edge, against real uvicorn servers on 127.0.0.1.

* Every Gradio entry point (queue/join, call, run, api, upload, file=) shares the REST budget.
* With ASSISTANT_RATE_LIMIT_STORAGE=redis://…, two servers share one budget (a real redis-server,
  started here on a free port); with the default memory:// each has its own.
* With keys on, Gradio's upload routes take files only with an admin bearer key.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

from gradio_client import Client, handle_file

from assistant.errors import ConfigError
from assistant.web.security import RateLimiter, client_key
from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve

pytestmark = [pytest.mark.slow,
              pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:DeprecationWarning",
                                         "ignore:The copy keyword is deprecated:DeprecationWarning")]

REDIS_SERVER = shutil.which("redis-server")
needs_redis = pytest.mark.skipif(
    REDIS_SERVER is None, reason="redis-server is not installed (apt-get install redis-server; "
                                 "it is in .ci/system-packages.txt, so `make system-deps` installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rate_limited(response: httpx.Response) -> bool:
    if response.status_code != 429:
        return False
    body = response.json()
    assert body["error"]["code"] == "rate_limited" and int(response.headers["retry-after"]) >= 1, body
    return True


# ---- a real redis-server ---------------------------------------------------------------------------

class RedisServer:
    """redis-server on 127.0.0.1 and a free port, no persistence; stopped (by its pid) in stop()."""

    def __init__(self, workdir: Path) -> None:
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--dir", str(workdir), "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not self._ping():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def _ping(self) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
        return False

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    server = RedisServer(tmp_path)
    try:
        yield server.url
    finally:
        server.stop()


@contextlib.contextmanager
def two_servers(runtime, web: WebSettings) -> Iterator[tuple[str, str]]:
    """Two instances of the app (two uvicorn servers) with the same settings, as behind a proxy."""
    with serve(create_app(runtime, web, ui=False)) as a, serve(create_app(runtime, web, ui=False)) as b:
        yield a, b


def _alternate(a: str, b: str, n: int) -> list[int]:
    codes = []
    with httpx.Client(timeout=30) as c:
        for i in range(n):
            codes.append(c.get((a, b)[i % 2] + "/api/v1/documents").status_code)
    return codes


# ---- several instances -------------------------------------------------------------------------------

@needs_redis
def test_two_instances_share_one_budget_through_redis(plan_runtime, redis_url):
    web = WebSettings(rate_limit_per_minute=4, rate_limit_storage=redis_url)
    with two_servers(plan_runtime, web) as (a, b):
        codes = _alternate(a, b, 8)
    assert codes == [200, 200, 200, 200, 429, 429, 429, 429], codes


def test_with_memory_storage_each_instance_has_its_own_budget(plan_runtime):
    """The contrast: in memory, N instances behind a proxy allow N× the limit."""
    with two_servers(plan_runtime, WebSettings(rate_limit_per_minute=4)) as (a, b):
        codes = _alternate(a, b, 10)
    assert codes == [200] * 8 + [429, 429], codes


def test_unreachable_redis_fails_at_startup(plan_runtime):
    url = f"redis://user:s3cret@127.0.0.1:{_free_port()}/0"  # nothing listens there
    with pytest.raises(ConfigError, match="ASSISTANT_RATE_LIMIT_STORAGE") as caught:
        create_app(plan_runtime, WebSettings(rate_limit_per_minute=5, rate_limit_storage=url), ui=False)
    assert "s3cret" not in str(caught.value) and "127.0.0.1" in str(caught.value)


@needs_redis
def test_redis_lost_at_runtime_falls_back_to_this_process(plan_runtime, tmp_path, caplog):
    """Redis dies after startup: requests are still served and limited per process, one warning."""
    redis = RedisServer(tmp_path)
    try:
        web = WebSettings(rate_limit_per_minute=3, rate_limit_storage=redis.url)
        with serve(create_app(plan_runtime, web, ui=False)) as base, httpx.Client(base_url=base, timeout=30) as c:
            assert c.get("/api/v1/documents").status_code == 200  # counted in Redis
            redis.stop()
            with caplog.at_level(logging.WARNING, logger="assistant.web.security"):
                codes = [c.get("/api/v1/documents").status_code for _ in range(4)]
    finally:
        redis.stop()
    assert codes == [200, 200, 200, 429], codes  # a fresh in-process budget of 3
    warnings = [r for r in caplog.records if "rate-limit storage" in r.getMessage()]
    assert len(warnings) == 1 and "counting in this process" in warnings[0].getMessage()


def test_behind_a_trusted_proxy_each_client_address_has_its_own_budget(plan_runtime):
    """uvicorn trusts X-Forwarded-For from 127.0.0.1 (its default, as with app.py): the limit is per
    real client, not per proxy (docs/security.md)."""
    with serve(create_app(plan_runtime, WebSettings(rate_limit_per_minute=2), ui=False)) as base, \
            httpx.Client(base_url=base, timeout=30) as c:
        def as_client(address: str) -> int:
            return c.get("/api/v1/documents", headers={"X-Forwarded-For": address}).status_code

        first = [as_client("203.0.113.1") for _ in range(3)]
        other = as_client("203.0.113.2")
    assert first == [200, 200, 429] and other == 200


# ---- every Gradio entry point shares the REST budget -------------------------------------------

@pytest.fixture(scope="module")
def keyed_ui(plan_runtime):
    """The full app; one admin key per probe, so that each probe has its own budget of 3."""
    web = WebSettings(admin_keys=[f"k{i}" for i in range(12)], rate_limit_per_minute=3)
    with serve(create_app(plan_runtime, web)) as base:
        yield base


def _fn_index(client: httpx.Client, api_name: str) -> int:
    config = client.get("/config").json()  # not limited: the page needs it to load
    return next(d["id"] for d in config["dependencies"] if d.get("api_name") == api_name)


def _probe(client: httpx.Client, kind: str, key: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"}
    data = {"data": ["no-such-doc", "中文"]}
    fn_index = _fn_index(client, "document")
    requests = {
        "queue/join": lambda: client.post("/gradio_api/queue/join", headers=headers, json={
            **data, "fn_index": fn_index, "session_hash": "probe" + key, "event_data": None, "trigger_id": None}),
        "call": lambda: client.post("/gradio_api/call/document", headers=headers, json=data),
        "run": lambda: client.post("/gradio_api/run/document", headers=headers, json=data),
        "api": lambda: client.post("/gradio_api/api/document", headers=headers, json=data),
        "upload": lambda: client.post("/gradio_api/upload", headers=headers,
                                      files={"files": ("a.txt", b"x", "text/plain")}),
        "file=": lambda: client.get("/gradio_api/file=no-such-file.txt", headers=headers),
        "REST": lambda: client.get("/api/v1/documents", headers=headers),
    }
    return requests[kind]()


@pytest.mark.parametrize(("n", "kind"), list(enumerate(["queue/join", "call", "run", "api", "upload", "file="])))
def test_every_gradio_entry_point_is_limited(keyed_ui, n, kind):
    with httpx.Client(base_url=keyed_ui, timeout=60) as c:
        first = [_probe(c, kind, f"k{n}") for _ in range(3)]
        over = _probe(c, kind, f"k{n}")
        assert not any(_rate_limited(r) for r in first), [r.status_code for r in first]
        assert _rate_limited(over), (over.status_code, over.text[:200])
        assert over.json()["detail"].startswith("请求过于频繁")  # what Gradio's page shows the visitor
        assert _rate_limited(_probe(c, "REST", f"k{n}"))  # one budget with the REST API


def test_gradio_and_rest_share_one_budget(keyed_ui):
    """REST spends the budget; the UI's /document through gradio_client is then refused, and back."""
    with httpx.Client(base_url=keyed_ui, timeout=60) as c:
        assert [_probe(c, "REST", "k10").status_code for _ in range(2)] == [200, 200]
    client = Client(keyed_ui + "/", verbose=False, analytics_enabled=False, download_files=False,
                    headers={"Authorization": "Bearer k10"})
    try:
        assert client.predict("no-such-doc", "中文", api_name="/document") == ""  # the 3rd
        # gradio_client reports the status; the browser page shows the body's `detail` (tested above).
        with pytest.raises(Exception, match="429") as caught:
            client.predict("no-such-doc", "中文", api_name="/document")
        assert "Traceback" not in str(caught.value)
    finally:
        client.close()


def test_document_through_the_queue_is_limited_per_ip(plan_runtime):
    """The probe from issue 10: 40 /document calls through queue/join against a limit of 20/min."""
    with serve(create_app(plan_runtime, WebSettings(rate_limit_per_minute=20))) as base:
        client = Client(base + "/", verbose=False, analytics_enabled=False, download_files=False)
        results = []
        try:
            for _ in range(40):
                try:
                    results.append(client.predict("no-such-doc", "中文", api_name="/document"))
                except Exception as exc:  # gradio_client raises for the refused queue/join
                    results.append(exc)
        finally:
            client.close()
    refused = [r for r in results if isinstance(r, Exception)]
    # At most the budget gets through (the client's own set-up calls may use a little of it).
    assert len(results) - len(refused) <= 20 and len(refused) >= 20, results
    assert all("429" in str(r) for r in refused)


# ---- uploads through Gradio obey the keys ------------------------------------------------------------

def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_gradio_upload_needs_an_admin_key_when_keys_are_on(plan_runtime, tmp_path, monkeypatch):
    upload_dir = tmp_path / "gradio"  # this test's own upload folder, read when the app is built
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(upload_dir))
    web = WebSettings(api_keys=["user"], admin_keys=["adm"], rate_limit_per_minute=0, max_upload_bytes=4096)
    files = {"files": ("fill.txt", b"x" * 1000, "text/plain")}
    with serve(create_app(plan_runtime, web)) as base, httpx.Client(base_url=base, timeout=60) as c:
        nokey = c.post("/gradio_api/upload", files=files)
        user = c.post("/gradio_api/upload", files=files, headers={"Authorization": "Bearer user"})
        recording = c.post("/gradio_api/process_recording", files=files)
        assert not upload_dir.exists() or _files(upload_dir) == set()  # nothing reached the disk
        assert nokey.status_code == 401 and nokey.json()["error"]["code"] == "unauthorized", nokey.text
        assert user.status_code == 403 and user.json()["error"]["code"] == "forbidden", user.text
        assert recording.status_code == 401
        assert "Traceback" not in nokey.text + user.text
        # The same size limit as REST, also for an admin.
        big = c.post("/gradio_api/upload", files={"files": ("big.txt", b"x" * 200_000, "text/plain")},
                     headers={"Authorization": "Bearer adm"})
        assert big.status_code == 413 and big.json()["error"]["code"] == "payload_too_large"
        admin = c.post("/gradio_api/upload", files=files, headers={"Authorization": "Bearer adm"})
        assert admin.status_code == 200, admin.text
        stored = Path(admin.json()[0])
        assert stored.is_relative_to(upload_dir) and _eventually_a_file(stored)
        # gradio_client sends the key with the upload (the browser page cannot: docs/security.md).
        good = tmp_path / "talent.md"
        good.write_text("湖北省人才支持办法\n\n一、人才引进\n1.对引进的高端人才给予安家补贴。\n", encoding="utf-8")
        keyless = Client(base + "/", verbose=False, analytics_enabled=False, download_files=False)
        try:
            with pytest.raises(Exception):  # noqa: B017 - gradio_client's error type for a refused upload varies
                keyless.predict(handle_file(str(good)), "adm", "中文", api_name="/upload")
        finally:
            keyless.close()


def _eventually_a_file(path: Path) -> bool:
    """Gradio moves an upload into its cache in a background task, just after answering."""
    deadline = time.monotonic() + 10
    while not path.is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    return path.is_file()


def test_gradio_upload_is_open_when_no_key_is_set(plan_runtime, tmp_path, monkeypatch):
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))
    web = WebSettings(rate_limit_per_minute=0)
    with serve(create_app(plan_runtime, web)) as base:
        response = httpx.post(base + "/gradio_api/upload", files={"files": ("a.txt", b"x", "text/plain")}, timeout=60)
        assert response.status_code == 200 and _eventually_a_file(Path(response.json()[0]))


# ---- the limiter and the key (no server) ---------------------------------------------------------------

def test_limiter_counts_per_key_and_tells_the_wait():
    import asyncio

    async def run() -> list[float]:
        limiter = RateLimiter(2)
        return [await limiter.hit("a"), await limiter.hit("a"), await limiter.hit("a"), await limiter.hit("b")]

    first, second, third, other = asyncio.run(run())
    assert first == second == 0 and other == 0
    assert 59 < third <= 60


@pytest.mark.parametrize("limit", [0, -1])
def test_limiter_refuses_a_silly_limit(limit):
    with pytest.raises(ValueError, match=f"got {limit}"):
        RateLimiter(limit)


@pytest.mark.parametrize(("host", "expected"), [
    ("203.0.113.7", "ip:203.0.113.7"),
    ("::ffff:203.0.113.7", "ip:203.0.113.7"),
    ("2001:db8:1:2:aaaa::1", "ip:2001:db8:1:2::/64"),
    ("2001:db8:1:2:bbbb::9", "ip:2001:db8:1:2::/64"),  # the same /64: one budget
])
def test_client_key_per_address(host, expected):
    assert client_key({"client": (host, 1234), "headers": []}, WebSettings()) == expected


def test_storage_setting(monkeypatch):
    from pydantic import ValidationError

    assert WebSettings().rate_limit_storage == "memory://"
    monkeypatch.setenv("ASSISTANT_RATE_LIMIT_STORAGE", "redis://127.0.0.1:6379/0")
    assert WebSettings().rate_limit_storage == "redis://127.0.0.1:6379/0"
    for bad in ("memcached://127.0.0.1:11211", "127.0.0.1:6379", "mongodb://x"):
        with pytest.raises(ValidationError, match="unsupported rate-limit storage"):
            WebSettings(rate_limit_storage=bad)
