"""The UI's status labels (messages/labels.yaml, for a knowledge folder without a vocabulary) are read
from the configured folder and again after an edit; a missing file is a clear error."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.errors import AssistantError

MESSAGES = Path(__file__).resolve().parent.parent / "knowledge" / "messages"


def test_labels_are_read_again_after_an_edit(tmp_path: Path) -> None:
    from assistant.web.ui import folder_labels  # imported in the test: gradio only under conftest's guards

    shutil.copy(MESSAGES / "labels.yaml", tmp_path / "labels.yaml")
    before = folder_labels(tmp_path).model_dump()
    path = tmp_path / "labels.yaml"
    text = path.read_text(encoding="utf-8")
    old = next(v for v in before["status"].values())["zh"] if "status" in before else None
    assert old and old in text
    path.write_text(text.replace(old, old + "（副本）", 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert folder_labels(tmp_path).model_dump() != before


def test_a_missing_labels_file_is_a_clear_error(tmp_path: Path) -> None:
    from assistant.web.ui import folder_labels

    with pytest.raises(AssistantError, match="labels"):
        folder_labels(tmp_path)
