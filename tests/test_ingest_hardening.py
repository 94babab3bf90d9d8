"""Ingest hardening (issue 10): hostile files, replaced documents, no leaks per ingest, no lost upload."""

from __future__ import annotations

import contextlib
import gc
import os
from pathlib import Path

import pytest

from assistant.index.ingest import ingest
from assistant.web import service

VERSION_A = "某市人才办法\n\n一、人才引进\n1.对符合条件的高端人才按规定给予相应待遇。\n"
VERSION_B = "某市人才办法\n\n一、人才引进\n1.对符合条件的高端人才按规定给予住房补贴。\n"


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def deleted_open_files() -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            count += os.readlink(f"/proc/self/fd/{fd}").endswith(" (deleted)")
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
    fds, rss, deleted = open_fds(), rss_mb(), deleted_open_files()
    for i in range(5, 55):
        upload(i)
    gc.collect()
    # At most the one build retired by the last swap stays open (a request may still be reading it).
    assert deleted_open_files() <= max(deleted, 15), "old builds' files are still held open"
    assert open_fds() <= fds + 3, f"open fds grew from {fds} to {open_fds()} over 50 ingests"
    assert rss_mb() <= rss + 60, f"RSS grew from {rss:.0f} MB to {rss_mb():.0f} MB over 50 ingests"
