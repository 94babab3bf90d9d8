"""Gradio's upload folder is bounded by size: oldest files make room, else 507 (a real server)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import httpx
import pytest

from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve

pytestmark = pytest.mark.slow

MiB = 1024 * 1024


def _fill(folder: Path, name: str, size: int, age_s: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"x" * size)
    old = time.time() - age_s
    os.utime(path, (old, old))
    return path


def test_old_files_make_room_and_a_full_folder_refuses(plan_runtime, tmp_path, monkeypatch):
    upload_dir = tmp_path / "gradio"
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(upload_dir))
    web = WebSettings(rate_limit_per_minute=0, max_upload_bytes=400_000, max_scratch_bytes=MiB)
    upload = {"files": ("note.txt", b"y" * 300_000, "text/plain")}
    with serve(create_app(plan_runtime, web)) as base, httpx.Client(base_url=base, timeout=60) as c:
        stale = _fill(upload_dir / "old", "stale.bin", 900_000, age_s=3000)
        first = c.post("/gradio_api/upload", files=upload)
        assert first.status_code == 200, first.text
        assert not stale.exists()  # the oldest file went to make room
        fresh = _fill(upload_dir / "new", "fresh.bin", 700_000, age_s=0)
        full = c.post("/gradio_api/upload", files=upload)
        assert full.status_code == 507, full.text
        assert full.json()["error"]["code"] == "storage_full" and full.headers["retry-after"]
        assert fresh.exists()  # a file still in use is never removed
        total = sum(p.stat().st_size for p in upload_dir.rglob("*") if p.is_file())
        assert total <= MiB


def test_scratch_budget_must_hold_uploads():
    with pytest.raises(ValueError, match="max_scratch_bytes"):
        WebSettings(max_upload_bytes=20 * MiB, max_scratch_bytes=30 * MiB)
