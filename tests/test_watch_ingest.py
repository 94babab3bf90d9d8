"""Alerts at ingest, end to end: real SQLite file, real index builds, a really killed CLI ingest."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import cn2an
import pytest

from assistant.ingest import ingest
from assistant.runtime import Runtime
from assistant.settings import Settings
from assistant.types import CompanyProfile
from assistant.watch import Owner
from assistant.watch.db import DATABASE_FILE

REPO = Path(__file__).resolve().parent.parent


def city_policy(city: str = "襄阳", deadline: str = "2099年12月31日", amount: str = "50万元",
                title: str | None = None, extra_clauses: int = 0) -> str:
    """A fictional city 若干措施 in 第X条 style: a lump sum, a capped subsidy, an open deadline."""
    lines = [title or f"{city}市支持智能制造装备产业高质量发展若干措施", "",
             f"第一条 为加快{city}市智能制造装备产业发展，制定本措施。本措施适用于在{city}市注册的智能制造装备企业。",
             f"第二条 对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励{amount}。",
             # the subject is typed (a region): a 襄阳 company qualifies without confirming anything
             "第三条 对在本市注册的企业，按设备投资额的10%给予补助，最高不超过200万元。",
             f"第四条 申报截止时间为{deadline}，逾期不予受理。"]
    for n in range(5, 5 + extra_clauses):  # filler clauses so a build takes a while (the kill test)
        lines.append(f"第{cn2an.an2cn(n)}条 各相关部门应当做好第{n}项智能制造装备推广应用工作的统计、协调和服务保障。")
    lines.append(f"第{cn2an.an2cn(5 + extra_clauses)}条 本措施自印发之日起施行，有效期至2099年12月31日。")
    return "\n".join(lines) + "\n"


@pytest.fixture
def watch_settings(tmp_path: Path, plan_runtime) -> Settings:
    """A fresh data dir over the shipped knowledge, seeded with the plan's embedding cache."""
    data = tmp_path / "data"
    for name in ("jieba", "embeddings"):
        source = plan_runtime.settings.cache_dir / name
        if source.exists():
            shutil.copytree(source, data / "cache" / name)
    return Settings(data_dir=data)


@pytest.fixture
def runtime(watch_settings: Settings, embedder):
    rt = Runtime(watch_settings, embedder=embedder)
    yield rt
    rt.close()


def _save(rt: Runtime, **fields) -> int:
    return rt.watch.add_profile(Owner.public(), CompanyProfile(**fields)).id


def _alerts(rt: Runtime, profile_id: int | None = None):
    return rt.watch.alerts.list_alerts(Owner.public(), profile_id, admin=True)


def test_new_document_alerts_matching_profiles_once(runtime, tmp_path):
    assert ingest(runtime).status == "built"  # the library before anything was watched
    xiangyang, wuhan = _save(runtime, name="襄阳甲", city="襄阳"), _save(runtime, name="武汉乙", city="武汉")
    doc = tmp_path / "xiangyang-measures.txt"
    doc.write_text(city_policy(), encoding="utf-8")

    report = ingest(runtime, [doc])
    assert report.status == "built" and report.alerts is not None and report.alerts_error is None
    assert report.alerts.changed_documents == ["xiangyang-measures"]
    found = _alerts(runtime, xiangyang)
    assert {a.status for a in found} == {"qualifies", "may_qualify"}
    subsidy = next(a for a in found if "10%" in (a.amount or ""))
    assert subsidy.status == "qualifies" and subsidy.deadline == dt.date(2099, 12, 31)
    assert subsidy.doc_id == "xiangyang-measures" and subsidy.citations
    assert subsidy.citations[0].quote in doc.read_text(encoding="utf-8")
    assert _alerts(runtime, wuhan) == []  # another city's measures are not for a 武汉 company

    again = ingest(runtime, [doc])  # the same document once more: nothing new
    assert again.status == "up_to_date" and again.alerts.alerts == 0
    assert len(_alerts(runtime)) == len(found)


def test_changed_amount_alerts_again_and_expired_or_closed_items_never(runtime, tmp_path):
    pid = _save(runtime, city="襄阳")
    doc = tmp_path / "xiangyang-measures.txt"
    doc.write_text(city_policy(), encoding="utf-8")
    ingest(runtime, [doc])
    first = {a.item_key: a for a in _alerts(runtime, pid)}

    doc.write_text(city_policy(amount="80万元"), encoding="utf-8")  # the lump sum changes
    report = ingest(runtime, [doc])
    assert report.alerts.alerts == 1
    newest = _alerts(runtime, pid)[0]
    assert "80万元" in newest.amount and newest.item_key in first

    closed = tmp_path / "closed-measures.txt"
    closed.write_text(city_policy(deadline="2020年1月31日", title="襄阳市去年的若干措施"), encoding="utf-8")
    assert ingest(runtime, [closed]).alerts.alerts == 0  # window closed: never an alert
    calendar = runtime.watch.calendar(runtime.index, runtime.eligibility, CompanyProfile(city="襄阳"))
    assert {i.doc_id for i in calendar.closed} == {"closed-measures"}
    assert {i.doc_id for i in calendar.upcoming} == {"xiangyang-measures"}
    assert [i.deadline for i in calendar.upcoming] == sorted(i.deadline for i in calendar.upcoming)


def test_an_ingest_that_dies_after_the_swap_is_caught_up_by_the_next(runtime, tmp_path, monkeypatch):
    pid = _save(runtime, city="襄阳")
    doc = tmp_path / "xiangyang-measures.txt"
    doc.write_text(city_policy(), encoding="utf-8")

    def die(*_args, **_kwargs):
        raise SystemExit("killed between CURRENT and the alerts")

    with monkeypatch.context() as patch:
        patch.setattr(type(runtime.watch), "deliver", die)
        with pytest.raises(SystemExit):
            ingest(runtime, [doc])
    assert _alerts(runtime, pid) == []

    report = ingest(runtime)  # nothing new to index: up to date, and the alerts catch up
    assert report.status == "up_to_date" and report.alerts.alerts == 2
    assert ingest(runtime).alerts.alerts == 0


def test_database_trouble_never_fails_the_ingest(runtime, tmp_path, watch_settings, embedder):
    doc = tmp_path / "xiangyang-measures.txt"
    doc.write_text(city_policy(), encoding="utf-8")
    broken = Runtime(watch_settings.model_copy(update={"database_url": "mysql://nowhere/db"}), embedder=embedder)
    report = ingest(broken, [doc])
    assert report.status == "built" and report.alerts is None and "ASSISTANT_DATABASE_URL" in report.alerts_error
    broken.close()
    pid = _save(runtime, city="襄阳")  # the profile is saved after the documents came in …
    assert ingest(runtime).alerts.alerts == 2  # … and the undelivered document is still alerted
    assert len(_alerts(runtime, pid)) == 2


def _cli(env: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=REPO, timeout=timeout)


def test_killed_cli_ingest_adds_no_alert_and_the_next_ingest_catches_up(watch_settings, tmp_path):
    """SIGKILL a real `assistant ingest` while it embeds: no build, no alert; the next run alerts once."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHROMA", "OPENAI"))}
    env.update(ASSISTANT_DATA_DIR=str(watch_settings.data_dir), ANONYMIZED_TELEMETRY="False",
               PYTHONIOENCODING="utf-8")
    assert _cli(env, "ingest").returncode == 0
    added = _cli(env, "profiles", "add", "--describe", "我们是襄阳一家做精密减速器的中小企业", "--json")
    assert added.returncode == 0, added.stderr
    doc = tmp_path / "xiangyang-measures.txt"
    doc.write_text(city_policy(extra_clauses=400), encoding="utf-8")  # uncached clauses: embedding takes a while
    before = (watch_settings.index_dir / "CURRENT").read_text()

    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest", str(doc)], env=env, cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = b""
    deadline = time.monotonic() + 240
    while b"\xe5\x90\x91\xe9\x87\x8f\xe5\x8c\x96" not in seen and time.monotonic() < deadline:  # "向量化"
        chunk = os.read(proc.stderr.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert (watch_settings.index_dir / "CURRENT").read_text() == before, "the build finished before the kill"

    listed = _cli(env, "alerts", "--json")
    assert listed.returncode == 0 and listed.stdout.strip() == "[]"
    assert (watch_settings.data_dir / DATABASE_FILE).exists()

    again = _cli(env, "ingest", str(doc), "--json")
    assert again.returncode == 0, again.stderr
    first = _cli(env, "alerts", "--json").stdout
    count = _cli(env, "alerts", "--count", "--json").stdout
    assert '"count": 2' in count, first
    assert _cli(env, "ingest", str(doc)).returncode == 0  # once more: up to date, nothing added
    assert _cli(env, "alerts", "--count", "--json").stdout == count
