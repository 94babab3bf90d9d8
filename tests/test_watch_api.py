"""REST of saved profiles and alerts on a real uvicorn server: ownership per key, webhooks, calendar, report."""

from __future__ import annotations

import json
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from test_watch_ingest import city_policy

from assistant.ingest import ingest
from assistant.runtime import Runtime
from assistant.settings import Settings
from assistant.watch.webhook import SIGNATURE_HEADER, verify
from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve

KEY_A, KEY_B, ADMIN = "key-a-" + "a" * 30, "key-b-" + "b" * 30, "admin-" + "c" * 30
XIANGYANG = {"profile": {"name": "襄阳甲", "city": "襄阳", "sectors": ["工业机器人"]}, "name": "襄阳甲"}


class Receiver:
    """A webhook receiver on 127.0.0.1 that records each POST (headers and raw body)."""

    def __init__(self) -> None:
        self.posts: list[tuple[dict, bytes]] = []
        self.arrived = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                owner.posts.append((dict(self.headers), body))
                owner.arrived.set()
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _settings(tmp_path: Path, plan_runtime, **overrides) -> Settings:
    data = tmp_path / "data"
    for name in ("jieba", "embeddings"):
        if (plan_runtime.settings.cache_dir / name).exists():
            shutil.copytree(plan_runtime.settings.cache_dir / name, data / "cache" / name)
    return Settings(data_dir=data, **overrides)


@pytest.fixture(scope="module")
def server(tmp_path_factory, plan_runtime, embedder):
    settings = _settings(tmp_path_factory.mktemp("watch-api"), plan_runtime, webhook_allow_private=True,
                         webhook_attempts=3, webhook_base_delay_s=2.0)
    runtime = Runtime(settings, embedder=embedder)
    ingest(runtime)
    web = WebSettings(api_keys=[KEY_A, KEY_B], admin_keys=[ADMIN], rate_limit_per_minute=0)
    with serve(create_app(runtime, web, ui=False)) as base:
        yield base, runtime


def _client(base: str, key: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.Client(base_url=base, headers=headers, timeout=120, trust_env=False)


def _upload(base: str, name: str, text: str) -> dict:
    with _client(base, ADMIN) as admin:
        response = admin.post("/api/v1/documents", files={"file": (name, text.encode("utf-8"), "text/plain")})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_key_never_sees_or_changes_another_keys_profiles(server, tmp_path):
    base, _ = server
    a, b, admin = _client(base, KEY_A), _client(base, KEY_B), _client(base, ADMIN)
    created = a.post("/api/v1/profiles", json=XIANGYANG)
    assert created.status_code == 201, created.text
    pid = created.json()["id"]
    _upload(base, "xiangyang-keys.txt", city_policy(title="襄阳市密钥测试若干措施"))
    assert a.get("/api/v1/alerts", params={"profile": pid}).json()["count"] == 2

    missing = 10_000_000
    tries = [("GET", "/api/v1/profiles/{id}", None), ("PUT", "/api/v1/profiles/{id}", XIANGYANG),
             ("DELETE", "/api/v1/profiles/{id}", None), ("GET", "/api/v1/profiles/{id}/calendar", None),
             ("GET", "/api/v1/profiles/{id}/calendar.ics", None), ("GET", "/api/v1/profiles/{id}/report", None),
             ("GET", "/api/v1/profiles/{id}/report?format=md", None), ("GET", "/api/v1/alerts?profile={id}", None),
             ("GET", "/api/v1/alerts/count?profile={id}", None)]
    for method, path, body in tries:
        theirs = b.request(method, path.format(id=pid), json=body)
        nobody = b.request(method, path.format(id=missing), json=body)
        assert theirs.status_code == 404, (method, path, theirs.text)
        assert theirs.json()["error"]["message"].replace(str(pid), "N") == \
            nobody.json()["error"]["message"].replace(str(missing), "N")  # reveals nothing
        assert _client(base, None).request(method, path.format(id=pid), json=body).status_code == 401
    assert all(p["id"] != pid for p in b.get("/api/v1/profiles").json())
    assert b.get("/api/v1/alerts").json() == {"count": 0, "alerts": []}
    assert b.get("/api/v1/alerts/count").json() == {"count": 0}
    assert a.get(f"/api/v1/profiles/{pid}").json()["name"] == "襄阳甲"  # B's DELETE/PUT changed nothing

    assert any(p["id"] == pid for p in admin.get("/api/v1/profiles").json())  # the admin sees everyone's
    assert admin.get("/api/v1/alerts", params={"profile": pid}).json()["count"] == 2
    renamed = admin.put(f"/api/v1/profiles/{pid}", json={**XIANGYANG, "name": "改名"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "改名"
    assert a.delete(f"/api/v1/profiles/{pid}").status_code == 204
    assert a.get(f"/api/v1/profiles/{pid}").status_code == 404
    assert admin.get("/api/v1/alerts", params={"profile": pid}).status_code == 404  # alerts went with it


def test_upload_sends_a_signed_webhook_without_waiting_for_a_receiver_that_is_down(server):
    base, runtime = server
    receiver = Receiver()
    try:
        with _client(base, KEY_A) as a:
            up = a.post("/api/v1/profiles", json={**XIANGYANG, "webhook_url": receiver.url}).json()
            down = a.post("/api/v1/profiles", json={**XIANGYANG, "webhook_url": "http://127.0.0.1:9/down"})
            assert down.status_code == 201, down.text
        assert len(up["webhook_secret"]) == 64  # shown once, at creation …
        assert _client(base, KEY_A).get(f"/api/v1/profiles/{up['id']}").json()["webhook_secret"] is None  # … only
        report = _upload(base, "xiangyang-hook.txt", city_policy(title="襄阳市回调测试若干措施"))
        # The down receiver needs >= 6 s of retries (2 s, then 4 s) to be given up: the upload did not wait.
        assert runtime.watch.webhooks.stats.failed == 0
        assert report["alerts"]["alerts"] == 4 and report["alerts"]["webhooks"] == 4
        assert receiver.arrived.wait(30)
        deadline = time.monotonic() + 30
        while len(receiver.posts) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(receiver.posts) == 2
        for headers, body in receiver.posts:
            assert verify(up["webhook_secret"], body, headers.get(SIGNATURE_HEADER))
            payload = json.loads(body)
            assert payload["event"] == "policy_alert" and payload["alert"]["profile_id"] == up["id"]
            assert payload["alert"]["doc_id"] == "xiangyang-hook" and payload["alert"]["citations"]
        assert runtime.watch.webhooks.join(60)
        assert runtime.watch.webhooks.stats.failed == 2 and runtime.watch.webhooks.stats.delivered >= 2
        assert {p["alert"]["id"] for p in (json.loads(b) for _, b in receiver.posts)} <= {
            a["id"] for a in _client(base, KEY_A).get("/api/v1/alerts").json()["alerts"]}
    finally:
        receiver.close()


def test_calendar_ics_and_report_of_a_saved_profile(server):
    base, _ = server
    with _client(base, KEY_A) as a:
        pid = a.post("/api/v1/profiles", json=XIANGYANG).json()["id"]
        _upload(base, "xiangyang-cal.txt", city_policy(title="襄阳市日历测试若干措施"))
        _upload(base, "xiangyang-old.txt", city_policy(title="襄阳市已截止若干措施", deadline="2020年1月31日"))
        view = a.get(f"/api/v1/profiles/{pid}/calendar").json()
        assert any(i["doc_id"] == "xiangyang-cal" and i["days_left"] > 0 for i in view["upcoming"])
        assert any(i["doc_id"] == "xiangyang-old" for i in view["closed"])
        assert not any(i["doc_id"] == "xiangyang-old" for i in view["upcoming"])
        ics = a.get(f"/api/v1/profiles/{pid}/calendar.ics")
        assert ics.headers["content-type"].startswith("text/calendar")
        events = [e for e in Calendar.from_ical(ics.content).walk("VEVENT")]
        assert events and all(str(e["dtstart"].dt) >= view["today"] for e in events)

        html = a.get(f"/api/v1/profiles/{pid}/report")
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        page = html.text
        assert "政策体检报告" in page and "@media print" in page and "<script" not in page
        assert "src=" not in page and "href=" not in page  # nothing external: prints and opens offline
        assert "按设备投资额的10%给予补助" in page and "申报已截止 2020-01-31" in page
        assert "资质认定" in page  # the field that would settle the 小巨人 condition
        md = a.get(f"/api/v1/profiles/{pid}/report", params={"format": "md"})
        assert md.text.startswith("# 襄阳甲 政策体检报告") and "> 〔第三条〕" in md.text


def test_webhook_urls_on_private_addresses_are_refused_by_default(tmp_path, plan_runtime, embedder):
    runtime = Runtime(_settings(tmp_path, plan_runtime), embedder=embedder)
    with serve(create_app(runtime, WebSettings(rate_limit_per_minute=0), ui=False)) as base, \
            _client(base, None) as anyone:
        for url in ("http://127.0.0.1:8080/h", "http://10.0.0.8/h", "http://[::1]/h", "http://169.254.169.254/",
                    "http://localhost/h", "ftp://example.com/h", "http://user:pw@example.com/h"):
            refused = anyone.post("/api/v1/profiles", json={**XIANGYANG, "webhook_url": url})
            assert refused.status_code == 400, (url, refused.text)
            assert "Traceback" not in refused.text
        assert anyone.get("/api/v1/profiles").json() == []  # nothing half-saved
        assert anyone.post("/api/v1/profiles", json={"profile": {"bogus": 1}}).status_code == 400
