"""In Chromium: match a company, save it, upload a new city policy → its alert, calendar and report show."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_watch_ingest import city_policy

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

from assistant.ingest import ingest
from assistant.runtime import Runtime
from assistant.settings import Settings
from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:DeprecationWarning",
                               "ignore:The copy keyword is deprecated:DeprecationWarning"),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (make system-deps)"),
]


@pytest.fixture
def url(tmp_path, plan_runtime, embedder):
    data = tmp_path / "data"
    for name in ("jieba", "embeddings"):
        if (plan_runtime.settings.cache_dir / name).exists():
            shutil.copytree(plan_runtime.settings.cache_dir / name, data / "cache" / name)
    runtime = Runtime(Settings(data_dir=data), embedder=embedder)
    ingest(runtime)
    with serve(create_app(runtime, WebSettings(rate_limit_per_minute=0))) as base:
        yield base


@pytest.fixture
def page(tmp_path):
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium"), executable_path=CHROMIUM, headless=True, args=ARGS, locale="zh-CN",
            viewport={"width": 1360, "height": 900}, accept_downloads=True)

        def record(request):
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in ("127.0.0.1", "localhost"):
                outside.append(request.url)

        ctx.on("request", record)
        ctx.set_default_timeout(60_000)
        page = ctx.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page
        ctx.close()
    assert outside == [] and errors == []


def test_save_profile_upload_policy_alert_shows(page, url, tmp_path):
    page.goto(url + "/")
    page.get_by_role("tab", name="企业画像").click()
    page.locator("#description textarea").fill("我们是襄阳一家做精密减速器的中小企业，想申请设备补助。")
    page.locator("#match").click()
    page.locator("#match-summary", has_text="符合").wait_for()

    page.get_by_role("tab", name="企业关注与提醒").click()
    page.locator("#watch-name textarea").fill("襄阳精减科技")
    page.locator("#watch-save").click()
    page.locator("#watch-status", has_text="已保存企业画像").wait_for()
    page.locator("#watch-badge", has_text="提醒 0 条").wait_for()

    policy = tmp_path / "xiangyang-equipment-measures.txt"
    policy.write_text(city_policy(title="襄阳市智能装备首购首用若干措施"), encoding="utf-8")
    page.get_by_role("tab", name="上传文档").click()
    page.locator("#upload-file input[type=file]").set_input_files(str(policy))
    page.locator("#upload-btn").click()
    page.locator("#upload-status", has_text="✅").wait_for(timeout=240_000)

    page.get_by_role("tab", name="企业关注与提醒").click()
    page.locator("#watch-badge", has_text="提醒 2 条").wait_for()
    alerts = page.locator("#watch-alerts")
    assert "襄阳市智能装备首购首用若干措施" in alerts.inner_text()
    assert "按设备投资额的10%给予补助" in alerts.inner_text()
    calendar = page.locator("#watch-calendar").inner_text()
    assert "2099-12-31" in calendar and "剩余" in calendar

    with page.expect_download() as download:
        page.locator("#watch-ics a").first.click()
    assert Path(download.value.path()).read_bytes().startswith(b"BEGIN:VCALENDAR")
    with page.expect_download() as download:
        page.locator("#watch-report a").first.click()
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert "襄阳精减科技 政策体检报告" in report and "第三条" in report
    page.screenshot(path=str(tmp_path / "watch.png"), full_page=True)

    # The switch words the alerts, the calendar and the report again in English; quotes stay verbatim.
    page.get_by_label("English").check()
    page.locator("#watch-calendar", has_text="days left").wait_for()
    assert "(qualifies)" in alerts.inner_text() and "按设备投资额的10%给予补助" in alerts.inner_text()
    assert "剩余" not in page.locator("#watch-calendar").inner_text()
    with page.expect_download() as download:
        page.locator("#watch-report a").first.click()
    assert "Policy check-up report: 襄阳精减科技" in Path(download.value.path()).read_text(encoding="utf-8")
