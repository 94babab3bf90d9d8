"""Issue 10 on a real server on 127.0.0.1: files through Gradio inputs, lone surrogates, quoted
markup, Gradio's cache and scratch files, and junk Gradio calls in the log.

The attacks are raw HTTP calls as an attacker would send them (POST /gradio_api/call/<api> with a
FileData dict pointing at a server file), plus gradio_client for the endpoint list.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
from pathlib import Path

import httpx
import pytest

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import contextlib

from gradio_client import Client
from markdown_it import MarkdownIt

from assistant.ingest import ingest
from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve
from tests.test_ui import CSV, form

pytestmark = [pytest.mark.slow,
              pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:DeprecationWarning",
                                         "ignore:The copy keyword is deprecated:DeprecationWarning")]

SECRET = "tok-9f2c1e7a-server-secret"
# A file an attacker names by its server path: outside Gradio's upload folder, a valid policy.
SECRET_POLICY = f"机密配置说明\n\n一、接入\n1.接入令牌为 {SECRET}，不得外传。\n"
LINK_POLICY = ("湖北省首台套申报指南\n\n一、申报入口\n1.首台套申报请访问[官方入口](http://evil.example/phish)，"
               "或 <a href=\"http://evil.example/x\">这里</a>，也可访问 http://evil.example/auto 办理首台套申报。\n")


def file_data(path: Path | str) -> dict:
    return {"path": str(path), "meta": {"_type": "gradio.FileData"}}


def gradio_call(base: str, api: str, data: list, timeout: float = 120) -> str:
    """POST /gradio_api/call/<api>, then read the whole event stream (what an attacker sees)."""
    with httpx.Client(base_url=base, timeout=timeout) as http:
        started = http.post(f"/gradio_api/call/{api}", json={"data": data})
        if started.status_code != 200:
            return f"HTTP {started.status_code} {started.text}"
        event_id = started.json()["event_id"]
        return _readable(http.get(f"/gradio_api/call/{api}/{event_id}").text)


def _readable(stream: str) -> str:
    """The event stream with its JSON payloads re-encoded without \\u escapes (so "✅" reads as such)."""
    lines = []
    for line in stream.splitlines():
        if line.startswith("data:"):
            with contextlib.suppress(ValueError):
                line = "data: " + json.dumps(json.loads(line[5:]), ensure_ascii=False)
        lines.append(line)
    return "\n".join(lines)


def file_urls(stream: str) -> list[str]:
    """Every /gradio_api/file= URL in an event stream."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "url" and isinstance(v, str) and "/gradio_api/file=" in v:
                    found.append(v)
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for line in stream.splitlines():
        if line.startswith("data:"):
            try:
                walk(json.loads(line[5:]))
            except ValueError:
                continue
    return found


def last_data(stream: str):
    """The payload of the last event (the final outputs, or the error)."""
    lines = [line[5:] for line in stream.splitlines() if line.startswith("data:")]
    assert lines, stream
    return json.loads(lines[-1])


def files_holding(folder: Path, needle: str, since: float) -> list[Path]:
    if not folder.exists():
        return []
    hits = []
    for p in folder.rglob("*"):
        try:
            if p.is_file() and p.stat().st_mtime >= since - 1 and needle.encode() in p.read_bytes():
                hits.append(p)
        except OSError:
            continue
    return hits


def upload_folder() -> Path:
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder())


@pytest.fixture(scope="module")
def url(plan_runtime):
    with serve(create_app(plan_runtime, WebSettings(rate_limit_per_minute=0))) as base:
        yield base


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "server-config.txt"
    path.write_text(SECRET_POLICY, encoding="utf-8")
    return path


def assert_not_leaked(base: str, stream: str, since: float) -> None:
    assert SECRET not in stream
    for u in file_urls(stream):
        served = httpx.get(base + u if u.startswith("/") else u, timeout=30)
        assert SECRET not in served.text, f"{u} serves the secret"
    assert files_holding(upload_folder(), SECRET, since) == [], "the server file was copied into Gradio's cache"


# ---- 0: file parts in the chat history ---------------------------------------------------------------

@pytest.mark.parametrize("part", [
    {"type": "file", "file": "META"},
    {"type": "file", "file": "NOMETA"},
])
def test_chat_history_with_a_server_file_leaks_nothing(url, secret_file, part):
    since = time.time()
    file = file_data(secret_file) if part["file"] == "META" else {"path": str(secret_file)}
    history = [{"role": "user", "content": [{"type": "file", "file": file}]},
               {"role": "assistant", "content": [{"type": "text", "text": "好的"}]}]
    stream = gradio_call(url, "chat", ["首台套有什么支持？", history])
    assert_not_leaked(url, stream, since)
    assert "Traceback" not in stream


def test_chat_refuses_file_parts_even_from_the_upload_folder(url, tmp_path):
    """Files uploaded to Gradio itself are not accepted in the chat either: it is text only."""
    since = time.time()
    own = tmp_path / "mine.txt"
    own.write_text(SECRET_POLICY, encoding="utf-8")
    with own.open("rb") as fh:
        uploaded = httpx.post(url + "/gradio_api/upload", files={"files": ("mine.txt", fh, "text/plain")}).json()
    history = [{"role": "user", "content": [{"type": "file", "file": file_data(uploaded[0])}]}]
    stream = gradio_call(url, "chat", ["首台套有什么支持？", history])
    assert file_urls(stream) == []
    assert "只能包含文字" in stream
    del since


def test_chat_history_text_still_works(url):
    history = [{"role": "user", "content": [{"type": "text", "text": "首台套有什么支持？"}]},
               {"role": "assistant", "content": [{"type": "text", "text": "有奖励。"}]}]
    stream = gradio_call(url, "chat", ["那融资方面呢？", history])
    assert "[\\[1\\]](/view/" in last_data(stream)[0][-1]["content"][0]["text"]


# ---- 1: every Gradio endpoint that takes a path -------------------------------------------------------

@pytest.fixture
def upload_server(tmp_path: Path, small_knowledge: Path, make_runtime):
    runtime = make_runtime(tmp_path / "data", small_knowledge)
    assert ingest(runtime).status == "built"
    with serve(create_app(runtime, WebSettings(rate_limit_per_minute=0))) as base:
        yield base, runtime


def test_upload_refuses_a_server_path(upload_server, secret_file):
    base, runtime = upload_server
    since = time.time()
    stream = gradio_call(base, "upload", [file_data(secret_file), "", "中文"])
    assert "server-config" not in runtime.index.documents
    assert not any(SECRET in d.text for d in runtime.index.documents.values())
    assert_not_leaked(base, stream, since)
    assert "Traceback" not in stream


def test_every_gradio_endpoint_refuses_server_paths(upload_server, secret_file, tmp_path):
    """Each parameter of each public endpoint gets a FileData naming a server file."""
    base, runtime = upload_server
    client = Client(base + "/", verbose=False, analytics_enabled=False, download_files=False)
    try:
        info = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    finally:
        client.close()
    assert "/upload" in info and "/chat" in info
    since = time.time()
    for api, spec in info.items():
        params = spec["parameters"]
        for i in range(len(params)):
            data = [p.get("parameter_default") if p.get("parameter_has_default") else "" for p in params]
            data[i] = file_data(secret_file)
            stream = gradio_call(base, api.lstrip("/"), data)
            assert SECRET not in stream, (api, i)
            assert "Traceback" not in stream
    assert files_holding(upload_folder(), SECRET, since) == []
    assert not any(SECRET in d.text for d in runtime.index.documents.values())


def test_upload_through_gradio_still_works(upload_server, tmp_path):
    base, runtime = upload_server
    good = tmp_path / "talent.md"
    good.write_text("湖北省人才支持办法\n\n一、人才引进\n1.对引进的高端人才给予安家补贴。\n", encoding="utf-8")
    with good.open("rb") as fh:
        uploaded = httpx.post(base + "/gradio_api/upload", files={"files": ("talent.md", fh, "text/markdown")}).json()
    stream = gradio_call(base, "upload", [file_data(uploaded[0]), "", "中文"])
    assert last_data(stream)[0].startswith("✅") and "talent" in runtime.index.documents


# ---- 3: Gradio's cache and the scratch files are bounded and cleaned ---------------------------------

def _age(path: Path, seconds: float) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_gradio_cache_files_are_deleted_when_old(plan_runtime, monkeypatch, tmp_path):
    from assistant.web import scratch

    monkeypatch.setattr(scratch, "CACHE_MAX_AGE_S", 1)
    monkeypatch.setattr(scratch, "CACHE_SWEEP_EVERY_S", 1)
    own = tmp_path / "note.txt"
    own.write_text("一次性上传", encoding="utf-8")
    with serve(create_app(plan_runtime, WebSettings(rate_limit_per_minute=0))) as base:
        with own.open("rb") as fh:
            stored = Path(httpx.post(base + "/gradio_api/upload", files={"files": ("note.txt", fh)}).json()[0])
        assert stored.is_file()
        deadline = time.monotonic() + 15
        while stored.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not stored.exists(), "Gradio's cache keeps uploads forever"


def test_leftovers_of_a_killed_server_are_swept_at_start(tmp_path, small_knowledge, make_runtime):
    runtime = make_runtime(tmp_path / "data", small_knowledge)
    assert ingest(runtime).status == "built"
    scratch_root = runtime.settings.data_dir / "tmp"
    stale_upload = scratch_root / "upload-killed" / "policy.txt"
    fresh_upload = scratch_root / "upload-running" / "policy.txt"
    stale_export = upload_folder() / "assistant-exports" / "killed-export" / "matches.csv"
    for path in (stale_upload, fresh_upload, stale_export):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    for path in (stale_upload, stale_upload.parent, stale_export, stale_export.parent):
        _age(path, 3 * 86400)
    legacy = Path(tempfile.gettempdir()) / f"assistant-exports-legacy-{os.getpid()}"
    (legacy / "sub").mkdir(parents=True, exist_ok=True)
    (legacy / "sub" / "matches.csv").write_text("x", encoding="utf-8")
    _age(legacy, 3 * 86400)
    create_app(runtime, WebSettings(rate_limit_per_minute=0))
    assert not stale_upload.exists() and not stale_upload.parent.exists()
    assert not stale_export.exists() and not legacy.exists()
    assert fresh_upload.exists(), "a file in use by a running upload is kept"


def test_match_exports_stay_out_of_the_system_temp_dir(url):
    before = set(Path(tempfile.gettempdir()).glob("assistant-exports-*"))
    # The form's fields and the outputs' positions come from test_ui (they follow ui.FORM).
    stream = gradio_call(url, "match", [*form(city="襄阳", size="中小企业", needs=["融资"]), "", False, "中文"])
    csv_path = Path(last_data(stream)[CSV]["value"]["path"])
    assert set(Path(tempfile.gettempdir()).glob("assistant-exports-*")) == before
    assert csv_path.resolve().is_relative_to(upload_folder() / "assistant-exports")


def test_uploads_are_checked_inside_the_data_dir(upload_server, monkeypatch):
    from assistant.web import service

    base, runtime = upload_server
    seen: list[Path] = []
    real_ingest = service.ingest

    def recording_ingest(rt, paths, **kwargs):
        seen.extend(paths)
        return real_ingest(rt, paths, **kwargs)

    monkeypatch.setattr(service, "ingest", recording_ingest)
    policy = "某市人才办法\n\n一、人才\n1.对符合条件的高端人才按规定给予相应待遇。\n".encode()
    posted = httpx.post(base + "/api/v1/documents", files={"file": ("talent.txt", policy)}, timeout=120)
    assert posted.status_code == 200, posted.text
    assert seen and all(p.resolve().is_relative_to(runtime.settings.data_dir.resolve()) for p in seen)
    assert not any(p.exists() for p in seen), "the checked copy is removed after the ingest"


# ---- 6: lone surrogates -----------------------------------------------------------------------------

SURROGATE_BODIES = [
    ("/api/v1/ask", b'{"question": "\\ud800"}'),
    ("/api/v1/ask", b'{"question": "\\u9996\\u53f0\\u5957", "id": "q-\\ud800"}'),
    ("/api/v1/ask", b'{"question": "\\u9996\\u53f0\\u5957", "history": [{"role": "user", "content": "\\udfff"}]}'),
    ("/api/v1/match", b'{"description": "\\u8944\\u9633\\ud800"}'),
    ("/api/v1/match", b'{"profile": {"name": "\\ud800", "city": "\\u8944\\u9633"}}'),
    ("/v1/chat/completions", b'{"messages": [{"role": "user", "content": "\\ud800"}]}'),
    ("/v1/chat/completions", b'{"stream": true, "messages": [{"role": "user", "content": [{"type": "text", '
                             b'"text": "\\ud800"}]}]}'),
    ("/embed/ask", b'{"question": "\\ud800"}'),
]


@pytest.mark.parametrize(("path", "body"), SURROGATE_BODIES)
def test_lone_surrogates_are_a_clean_400(url, path, body):
    with httpx.Client(base_url=url, timeout=60) as http:
        response = http.post(path, content=body, headers={"content-type": "application/json"})
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert error["code"] == "invalid_text" and "代理码位" in error["message"]
        assert "Traceback" not in response.text
        assert http.get("/api/v1/healthz").status_code == 200  # the connection survives


@pytest.mark.parametrize(("api", "data"), [
    ("chat", ["\ud800首台套", []]),
    ("extract_profile", ["襄阳\udc00", "中文"]),
    ("match", ["\ud800", "襄阳", "", "unknown", [], [], [], "", "", "unknown", "", False, "中文"]),
    ("document", ["doc\ud800", "中文"]),
])
def test_lone_surrogates_in_gradio_are_a_clear_message(url, api, data):
    body = json.dumps({"data": data}).encode()  # json.dumps spells the surrogate as \ud800
    with httpx.Client(base_url=url, timeout=60) as http:
        started = http.post(f"/gradio_api/call/{api}", content=body, headers={"content-type": "application/json"})
        stream = _readable(http.get(f"/gradio_api/call/{api}/{started.json()['event_id']}").text)
    assert "代理码位" in stream and "Traceback" not in stream


# ---- 8: quoted document text is text, never markup --------------------------------------------------

def test_links_in_quoted_document_text_are_not_clickable(tmp_path, small_knowledge, make_runtime):
    (small_knowledge / "policies" / "link-policy.txt").write_text(LINK_POLICY, encoding="utf-8")
    runtime = make_runtime(tmp_path / "data", small_knowledge)
    assert ingest(runtime).status == "built"
    with serve(create_app(runtime, WebSettings(rate_limit_per_minute=0))) as base:
        stream = gradio_call(base, "chat", ["首台套申报入口在哪里？", []])
    reply = last_data(stream)[0][-1]["content"][0]["text"]
    assert "官方入口" in reply, reply  # the quote is shown …
    rendered = MarkdownIt("commonmark").render(reply)
    assert "evil.example" in rendered  # … as text
    links = re.findall(r"<(?:a|img)\b[^>]*>", rendered)
    assert links and all(re.fullmatch(r'<a href="/view/[^"]*">', tag) for tag in links), rendered
    # and no bare URL either: GFM (the chat's renderer) links "http://…" in plain text
    assert "http://evil" not in reply


# ---- 10: junk from gradio_client is one warning line, not a traceback ---------------------------------

JUNK = [
    ("chat", ["首台套", [{"role": "user", "content": "plain string, not parts"}]]),
    ("chat", ["首台套", [{"role": "robot", "content": [{"type": "text", "text": "x"}]}]]),
    ("chat", ["首台套", "not a list"]),
    ("match", ["", "襄阳", "", "no-such-size", [], [], [], "", "", "unknown", "", False, "中文"]),
    ("match", ["", "襄阳"]),
    ("match", [{"a": 1}, ["x"], 3, "unknown", "sectors", [], [], "", "", "unknown", "", False, "中文"]),
    ("upload", [42, "", "中文"]),
    ("upload", [{"path": 42, "meta": {"_type": "gradio.FileData"}}, "", "中文"]),
    ("document", [["a", "b"], "中文"]),
]


def test_junk_gradio_calls_log_one_line_each(url, capfd, caplog):
    caplog.set_level(logging.WARNING, logger="assistant.web")
    capfd.readouterr()
    for api, data in JUNK:
        stream = gradio_call(url, api, data)
        assert "Traceback" not in stream
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err, err[-3000:]
    assert "Traceback" not in caplog.text
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings and all("\n" not in r.getMessage() for r in warnings)
