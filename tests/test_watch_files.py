"""watch.files.write_atomic: the whole file or none, and a clear WatchError naming the path."""

from __future__ import annotations

import re

import pytest

from assistant.watch.errors import WatchError
from assistant.watch.files import write_atomic


def test_the_bytes_land_whole_and_the_folder_is_made(tmp_path):
    target = tmp_path / "out" / "report.md"
    assert write_atomic(target, "政策体检\n".encode(), ".report-", "report_write_failed") == target
    assert target.read_bytes() == "政策体检\n".encode()
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]  # no temporary file left


def test_a_failed_replace_leaves_no_temporary_file_and_says_which_path(tmp_path):
    target = tmp_path / "calendar.ics"
    target.mkdir()  # os.replace of a file onto a folder fails after the temporary file was written
    with pytest.raises(WatchError, match=re.escape("calendar.ics")):
        write_atomic(target, b"BEGIN:VCALENDAR", ".calendar-", "calendar_write_failed", suffix=".ics")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calendar.ics"] and target.is_dir()


def test_an_unusable_folder_is_a_watch_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(WatchError, match="blocker"):
        write_atomic(blocker / "report.md", b"x", ".report-", "report_write_failed")
