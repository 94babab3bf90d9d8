"""Ingest hardening (issue 10): hostile files, replaced documents, no leaks per ingest, no lost upload."""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import hostile_files as hostile
import pytest
from test_index import FlakyEmbedder

from assistant.errors import DocumentError
from assistant.ingest import ingest
from assistant.settings import REPO_ROOT, ParseLimits, Settings
from assistant.web import service

MB = 1024 * 1024

VERSION_A = "某市人才办法\n\n一、人才引进\n1.对符合条件的高端人才按规定给予相应待遇。\n"
VERSION_B = "某市人才办法\n\n一、人才引进\n1.对符合条件的高端人才按规定给予住房补贴。\n"


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def deleted_open_files(under: Path | None = None) -> int:
    """Files this process holds open that were deleted (only those below `under`, when given)."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/self/fd/{fd}")
            count += target.endswith(" (deleted)") and (under is None or target.startswith(str(under)))
    return count


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def built(data_dir: Path, small_knowledge: Path, make_runtime):
    runtime = make_runtime(data_dir, small_knowledge)
    assert ingest(runtime).status == "built"
    return runtime


# ---- item 5: each ingest releases the previous build ------------------------------------------

def test_fifty_server_ingests_keep_fds_and_rss_flat(built):
    def upload(i: int) -> None:
        report = service.ingest_upload(built, "talent.txt", (VERSION_A if i % 2 else VERSION_B).encode(),
                                       max_bytes=1 << 20)
        assert report.status == "built"
        assert built.index.manifest.build_id == report.build_id  # the server reads the new build

    for i in range(5):  # warm-up: models, caches, jieba, first Chroma system
        upload(i)
    gc.collect()
    fds, rss = open_fds(), rss_mb()
    for i in range(5, 55):
        upload(i)
    gc.collect()
    # At most the one build retired by the last swap stays open (a request may still be reading it).
    # Counted below this index's own data dir: other tests' files in this process are not ours.
    held = deleted_open_files(built.settings.data_dir.resolve())
    assert held <= 15, f"old builds' files are still held open ({held})"
    assert open_fds() <= fds + 3, f"open fds grew from {fds} to {open_fds()} over 50 ingests"
    assert rss_mb() <= rss + 60, f"RSS grew from {rss:.0f} MB to {rss_mb():.0f} MB over 50 ingests"


# ---- item 2: hostile files are refused by bounded parsing ---------------------------------------

def one_line(excinfo: pytest.ExceptionInfo) -> str:
    message = str(excinfo.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


def refused(runtime, name: str, data: bytes) -> str:
    """Upload through the server's path; the index and the documents folder must not change."""
    before = runtime.store.current_id()
    stored = sorted(p.name for p in (runtime.settings.data_dir / "documents").glob("*"))
    rss = rss_mb()
    with pytest.raises(DocumentError) as excinfo:
        service.ingest_upload(runtime, name, data, max_bytes=20 * MB)
    assert rss_mb() - rss < 150, "parsing a hostile file must not balloon the server's memory"
    assert runtime.store.current_id() == before
    assert sorted(p.name for p in (runtime.settings.data_dir / "documents").glob("*")) == stored
    return one_line(excinfo)


def test_docx_zip_bomb_is_refused_before_inflating(built):
    name, data = hostile.docx_bomb(inflated_mb=400)
    assert len(data) < 2 * MB
    assert "压缩炸弹" in refused(built, name, data)


@pytest.mark.parametrize("craft", [hostile.docx_lying_bomb, hostile.docx_many_members])
def test_docx_lying_or_stuffed_zip_is_refused(built, craft):
    name, data = craft()
    message = refused(built, name, data)
    assert name in message


def test_pdf_stream_bomb_is_stopped_by_the_time_limit(built):
    built.settings.parsing = ParseLimits(timeout_s=2)
    name, data = hostile.pdf_stream_bomb()
    assert "超时" in refused(built, name, data)


def test_a_busy_machine_does_not_fail_a_benign_file(monkeypatch):
    """The time bound is the child's CPU time: a child kept waiting (here stopped with SIGSTOP for three
    times its CPU budget, as a loaded machine would) still parses a normal file."""
    import threading

    from assistant.documents import sandbox

    real_popen = subprocess.Popen

    def waiting_popen(*args, **kwargs):
        proc = real_popen(*args, **kwargs)
        os.kill(proc.pid, signal.SIGSTOP)
        threading.Timer(3.0, os.kill, (proc.pid, signal.SIGCONT)).start()
        return proc
    monkeypatch.setattr(sandbox.subprocess, "Popen", waiting_popen)
    page = "<html><body><h1>某市办法</h1><p>一、对首台套产品给予奖励。</p></body></html>".encode()
    text = sandbox.parse_in_child(page, "busy.html", ParseLimits(timeout_s=1, wall_timeout_s=60))
    assert "对首台套产品给予奖励" in text


def test_wall_time_is_at_least_the_cpu_time():
    with pytest.raises(ValueError, match="wall_timeout_s"):
        ParseLimits(timeout_s=10, wall_timeout_s=5)


def test_huge_html_is_stopped_by_the_memory_limit(built):
    built.settings.parsing = ParseLimits(memory_mb=160, timeout_s=60)
    name, data = hostile.html_huge()
    assert "内存上限" in refused(built, name, data)


@pytest.mark.parametrize("name", ["junk.txt", "numbered.md"])
def test_twenty_megabytes_of_text_is_refused_by_the_text_limit(built, name):
    name, data = hostile.junk_text(name=name, numbered=name.startswith("numbered"))
    assert "超过上限" in refused(built, name, data)


def test_too_many_clauses_is_refused(built):
    built.settings.parsing = ParseLimits(max_clauses=5)
    text = "某市办法\n\n一、总则\n" + "".join(f"{i}.第{i}项支持措施的具体内容。\n" for i in range(1, 10))
    assert "条款数" in refused(built, "many.txt", text.encode())


def test_zip_limits_come_from_settings(monkeypatch):
    monkeypatch.setenv("ASSISTANT_PARSING__MAX_ZIP_RATIO", "7")
    monkeypatch.setenv("ASSISTANT_PARSING__TIMEOUT_S", "3.5")
    limits = Settings().parsing
    assert limits.max_zip_ratio == 7 and limits.timeout_s == 3.5


# ---- item 4: one doc_id, one source file ------------------------------------------------------

def stored_files(runtime) -> list[str]:
    return sorted(p.name for p in (runtime.settings.data_dir / "documents").iterdir())


def test_replacing_x_txt_by_x_md_removes_the_old_file_and_says_so(built, small_knowledge, make_runtime):
    first = service.ingest_upload(built, "x.txt", VERSION_A.encode(), max_bytes=MB)
    assert first.added == ["x"] and first.replaced == []
    second = service.ingest_upload(built, "x.md", VERSION_B.encode(), max_bytes=MB)
    assert second.added == ["x"] and second.replaced == ["x"]
    assert stored_files(built) == ["x.md"]
    assert "住房补贴" in built.index.documents["x"].text
    # The next unrelated ingest (a fresh process) must keep the new version.
    fresh = make_runtime(built.settings.data_dir, small_knowledge)
    service.ingest_upload(fresh, "other.txt", VERSION_A.replace("人才", "资金").encode(), max_bytes=MB)
    assert "住房补贴" in fresh.index.documents["x"].text
    assert stored_files(fresh) == ["other.txt", "x.md"]


def test_same_content_again_is_not_reported_as_replaced(built):
    service.ingest_upload(built, "x.txt", VERSION_A.encode(), max_bytes=MB)
    again = service.ingest_upload(built, "x.txt", VERSION_A.encode(), max_bytes=MB)
    assert again.status == "up_to_date" and again.replaced == []
    assert stored_files(built) == ["x.txt"]


def test_a_failed_build_puts_the_replaced_file_back(built, embedder, small_knowledge, make_runtime):
    service.ingest_upload(built, "x.txt", VERSION_A.encode(), max_bytes=MB)
    flaky = make_runtime(built.settings.data_dir, small_knowledge,
                         emb=FlakyEmbedder(embedder, allowed=0, error=RuntimeError("simulated crash")))
    with pytest.raises(RuntimeError):
        service.ingest_upload(flaky, "x.md", "某市人才办法\n\n一、全新条款\n1.前所未有的新措施内容。\n".encode(),
                              max_bytes=MB)
    assert stored_files(built) == ["x.txt"]
    assert not any((built.settings.data_dir / ".replaced-documents").glob("*"))


def test_cli_says_replaced(built, small_knowledge, tmp_path, monkeypatch, capsys):
    from assistant import cli

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(built.settings.data_dir))
    monkeypatch.setenv("ASSISTANT_KNOWLEDGE_DIR", str(small_knowledge))
    service.ingest_upload(built, "x.txt", VERSION_A.encode(), max_bytes=MB)
    (tmp_path / "x.md").write_text(VERSION_B, encoding="utf-8")
    assert cli.main(["ingest", str(tmp_path / "x.md")]) == 0
    assert "已替换（旧版本已移除）：x" in capsys.readouterr().out


# ---- item 7: a kill right after the swap keeps the upload --------------------------------------

KILLED_AFTER_SWAP = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from assistant.index import store
    from assistant.index.embedder import get_embedder
    from assistant.ingest import ingest
    from assistant.runtime import Runtime

    swap = store.IndexStore._point_to

    def swap_then_stall(self, build_id):
        swap(self, build_id)
        print("SWAPPED", flush=True)
        time.sleep(120)

    store.IndexStore._point_to = swap_then_stall
    ingest(Runtime(embedder=get_embedder()), [Path(sys.argv[1])])
""")


def run_killed(script: str, marker: str, data_dir: Path, knowledge: Path, upload: Path) -> None:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_KNOWLEDGE_DIR": str(knowledge),
           "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script, str(upload)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert line.strip() == marker, proc.stderr.read() if proc.poll() is not None else line
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


def test_kill_right_after_the_swap_does_not_lose_the_upload(built, small_knowledge, make_runtime, tmp_path):
    upload = tmp_path / "incoming" / "talent.txt"
    upload.parent.mkdir()
    upload.write_text(VERSION_A, encoding="utf-8")
    data_dir = built.settings.data_dir
    run_killed(KILLED_AFTER_SWAP, "SWAPPED", data_dir, small_knowledge, upload)

    fresh = make_runtime(data_dir, small_knowledge)
    assert "talent" in fresh.index.documents, "the swap happened: the restarted server serves it"
    ingest(fresh)  # the next, unrelated ingest must not drop it
    assert "talent" in fresh.index.documents
    assert stored_files(fresh) == ["talent.txt"]
    assert not any((data_dir / ".replaced-documents").glob("*"))
