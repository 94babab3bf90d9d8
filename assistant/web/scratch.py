"""Short-lived files of the web server, kept in one place and removed when old.

    <data dir>/tmp/                 uploads being checked (upload-*), and by default (app.py)
    <data dir>/tmp/gradio/          Gradio's upload folder and cache (GRADIO_TEMP_DIR)
    <Gradio folder>/assistant-exports/   the CSV / Markdown exports of matches

Gradio removes the files it created after CACHE_MAX_AGE_S (`delete_cache`); what a killed
process left behind is removed by `sweep` when the next server starts.
"""

from __future__ import annotations

import contextlib
import shutil
import stat
import tempfile
import time
from pathlib import Path

CACHE_MAX_AGE_S = 3600  # an export or upload is fetched within seconds; an hour is generous
CACHE_SWEEP_EVERY_S = 600


def scratch_dir(data_dir: Path) -> Path:
    path = Path(data_dir) / "tmp"
    path.mkdir(parents=True, exist_ok=True)
    return path


def gradio_temp_dir(data_dir: Path) -> Path:
    """Where app.py points GRADIO_TEMP_DIR unless the operator set it."""
    return Path(data_dir) / "tmp" / "gradio"


def exports_dir() -> Path:
    from gradio.utils import get_upload_folder

    path = Path(get_upload_folder()) / "assistant-exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def sweep(root: Path, max_age_s: float = CACHE_MAX_AGE_S, now: float | None = None) -> int:
    """Remove files under `root` older than `max_age_s`, then the empty folders; returns files removed."""
    if not root.is_dir():
        return 0
    cutoff = (now if now is not None else time.time()) - max_age_s
    # Ages first: removing a file touches its folder, which must still count as old.
    entries = []
    for path in root.rglob("*"):
        with contextlib.suppress(OSError):
            entries.append((path, path.lstat()))
    removed = 0
    for path, st in entries:
        if not stat.S_ISDIR(st.st_mode) and st.st_mtime < cutoff:
            with contextlib.suppress(OSError):  # another process may remove it first
                path.unlink()
                removed += 1
    for path, st in sorted(entries, key=lambda e: len(e[0].parts), reverse=True):
        if stat.S_ISDIR(st.st_mode) and st.st_mtime < cutoff:
            with contextlib.suppress(OSError):  # not empty: something recent is inside
                path.rmdir()
    return removed


def make_room(root: Path, budget_bytes: int, incoming: int, keep_newer_s: float = 120.0) -> bool:
    """Keep `root` under `budget_bytes` with `incoming` more: remove its oldest files (not the last
    `keep_newer_s` seconds' — an upload being imported) until it fits; False when it cannot."""
    if not root.is_dir():
        return incoming <= budget_bytes
    files = []
    for path in root.rglob("*"):
        with contextlib.suppress(OSError):
            st = path.lstat()
            if stat.S_ISREG(st.st_mode):
                files.append((st.st_mtime, st.st_size, path))
    total = sum(size for _, size, _ in files)
    cutoff = time.time() - keep_newer_s
    for mtime, size, path in sorted(files):
        if total + incoming <= budget_bytes or mtime >= cutoff:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size
    return total + incoming <= budget_bytes


def sweep_legacy(max_age_s: float = CACHE_MAX_AGE_S) -> None:
    """Export folders that earlier versions left in the system temp dir (/tmp/assistant-exports-*)."""
    cutoff = time.time() - max_age_s
    for path in Path(tempfile.gettempdir()).glob("assistant-exports-*"):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink() and path.stat().st_mtime < cutoff:
                shutil.rmtree(path, ignore_errors=True)


def sweep_at_startup(data_dir: Path, ui: bool) -> None:
    """What a killed server left behind: its scratch folder, and Gradio's exports folder."""
    sweep(scratch_dir(data_dir))
    if ui:
        sweep(exports_dir())
        sweep_legacy()
