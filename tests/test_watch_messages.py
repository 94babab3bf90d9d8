"""The watch's message files (knowledge/messages/watch.yaml, watch_ui.yaml): a broken or missing file is
one clear configuration error naming it, never a YAML traceback or a silent fallback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.errors import AssistantError, ConfigError
from assistant.messages import Messages, load_messages
from assistant.watch.errors import message

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@pytest.fixture
def knowledge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE / "messages", folder / "messages")
    monkeypatch.setenv("ASSISTANT_KNOWLEDGE_DIR", str(folder))
    return folder


def test_watch_message_reads_the_configured_folder(knowledge: Path) -> None:
    path = knowledge / "messages" / "watch.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("没有编号为", "查无编号"), encoding="utf-8")
    assert message("profile_not_found", id=7).startswith("查无编号 7")


@pytest.mark.parametrize("content", ["profile_not_found: [unclosed", "- a list\n- not a mapping\n",
                                     "profile_not_found: {zh: nested}\n"])
def test_a_malformed_watch_yaml_is_one_config_error(knowledge: Path, content: str) -> None:
    (knowledge / "messages" / "watch.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"watch\.yaml"):
        message("profile_not_found", id=1)


def test_a_missing_watch_yaml_names_the_file(knowledge: Path) -> None:
    (knowledge / "messages" / "watch.yaml").unlink()
    with pytest.raises(ConfigError, match=r"watch\.yaml"):
        message("profile_not_found", id=1)


def test_every_watch_ui_text_has_both_languages(knowledge: Path) -> None:
    texts = load_messages(knowledge / "messages", "watch_ui.yaml", Messages, "关注页用语")
    assert texts.text("badge", "en", count=2) == "🔔 **2** alerts"
    (knowledge / "messages" / "watch_ui.yaml").write_text("texts:\n  tab: {zh: 只有中文}\n", encoding="utf-8")
    with pytest.raises(AssistantError, match=r"watch_ui\.yaml"):
        load_messages(knowledge / "messages", "watch_ui.yaml", Messages, "关注页用语")
