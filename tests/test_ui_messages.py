"""The UI's words live in knowledge/messages/ui.yaml, not in assistant/web/ui.py (issue 13 point 7): the
UI is built from the configured messages folder, and the one loader (assistant.messages) refuses a file
that lacks a key the UI renders or a text that lacks one of its languages — at load, in one line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from assistant.errors import AssistantError
from assistant.settings import REPO_ROOT, Settings
from assistant.web.messages import UiMessages, ui_messages

MESSAGES = REPO_ROOT / "knowledge" / "messages"


def _messages_copy(tmp_path: Path, edit=None) -> Path:
    folder = tmp_path / "messages"
    shutil.copytree(MESSAGES, folder)
    if edit is not None:
        path = folder / "ui.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_the_shipped_file_has_every_key_the_ui_renders_in_both_languages():
    msg = ui_messages(MESSAGES)
    assert msg.texts.keys() >= UiMessages.REQUIRED
    for key in UiMessages.REQUIRED:
        assert msg.text(key, "zh") and msg.text(key, "en"), key
    assert msg.examples.of("zh") and msg.examples.of("en") and msg.sizes


def test_the_ui_module_holds_no_label_table():
    source = (REPO_ROOT / "assistant" / "web" / "ui.py").read_text(encoding="utf-8")
    for gone in ("EXAMPLES =", "T: dict", "YES_NO =", "CHOICE_UNKNOWN =", "SIZE_EN =", '{"zh": "', "请先选择文件"):
        assert gone not in source, gone


def test_a_missing_key_is_refused_at_load_naming_it(tmp_path):
    folder = _messages_copy(tmp_path, lambda d: d["texts"].pop("send"))
    with pytest.raises(AssistantError, match=r"ui\.yaml.*send"):
        ui_messages(folder)


def test_a_text_without_its_english_is_refused_at_load(tmp_path):
    folder = _messages_copy(tmp_path, lambda d: d["texts"]["send"].pop("en"))
    with pytest.raises(AssistantError, match=r"ui.yaml: texts\.send\.en"):
        ui_messages(folder)


def test_examples_without_a_language_are_refused(tmp_path):
    folder = _messages_copy(tmp_path, lambda d: d["examples"].pop("en"))
    with pytest.raises(AssistantError, match=r"ui\.yaml: examples\.en"):
        ui_messages(folder)


def test_a_folder_without_the_file_is_a_clear_error(tmp_path):
    with pytest.raises(AssistantError, match=r"ui\.yaml"):
        ui_messages(tmp_path)


def test_the_ui_is_built_from_the_configured_folders_words(tmp_path):
    """Labels, examples and the size choices come from the knowledge folder's ui.yaml, in each language."""
    from assistant.runtime import Runtime
    from assistant.web.ui import build_ui

    def edit(data):
        data["texts"]["send"] = {"zh": "提交问题", "en": "Submit"}
        data["examples"]["zh"] = ["示例问题甲？"]
        data["sizes"]["中小企业"] = {"zh": "中小企业", "en": "Small or medium"}

    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    for name in ("lexicon", "documents", "templates", "policies", "vocabulary.yaml", "catalogue.yaml"):
        (knowledge / name).symlink_to(REPO_ROOT / "knowledge" / name)
    shutil.move(_messages_copy(tmp_path, edit), knowledge / "messages")
    runtime = Runtime(Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge))
    props = {c["props"].get("elem_id"): c["props"] for c in build_ui(runtime).config["components"]}
    assert props["send"]["value"] == "提交问题"
    assert "示例问题甲？" in str(props["examples"]["samples"])
    from assistant.web.ui import _Vocab

    vocab = _Vocab(runtime.vocabulary, ui_messages(knowledge / "messages"))
    assert ("Small or medium", "中小企业") in vocab.sizes("en") and ("中小企业", "中小企业") in vocab.sizes("zh")
