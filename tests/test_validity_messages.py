"""Validity notices are worded by knowledge/messages/validity.yaml (Settings.messages_dir): every key renders
in both languages, an edited file changes the notice, a missing one is a clear error; every notice names
the document and its window (a not-yet document its end too); and an answer citing a document that
extends or repeals another also tells where that other document now stands. Fictional documents."""

from __future__ import annotations

import datetime as dt
import shutil
import string
from pathlib import Path

import pytest

from assistant.documents.validity import (
    ValidityMessages,
    change_notes,
    validity_messages,
    validity_notice,
    with_changed,
)
from assistant.errors import AssistantError
from assistant.settings import Settings
from assistant.types import DocumentMeta, ValidityChange

D = dt.date
TODAY = D(2026, 12, 1)


def _meta(doc_id: str, start: dt.date | None, end: dt.date | None, **more) -> DocumentMeta:
    return DocumentMeta(doc_id=doc_id, title=f"云岭市{doc_id}奖励办法", source=f"{doc_id}.txt",
                        effective_from=start, effective_to=end, **more)


@pytest.fixture
def messages_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "messages"
    shutil.copytree(Settings().messages_dir, folder)
    return folder


def test_every_validity_text_renders_in_both_languages():
    msg = validity_messages(Settings().messages_dir)
    for key, text in msg.texts.items():
        for lang, template in (("zh", text.zh), ("en", text.en)):
            names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            assert msg.text(key, lang, **{n: "X" for n in names}) is not None, (key, lang)
    assert msg.texts.keys() >= ValidityMessages.REQUIRED


@pytest.mark.parametrize("lang, end", [("zh", "2029年12月31日"), ("en", "2029-12-31")])
def test_a_document_not_yet_in_force_is_named_with_its_whole_window(lang: str, end: str):
    notice = validity_notice(_meta("油气", D(2027, 1, 1), D(2029, 12, 31)), TODAY, lang,
                             validity_messages(Settings().messages_dir))
    assert notice.code == "validity_not_started"
    assert "云岭市油气奖励办法" in notice.message and end in notice.message


def test_an_edited_messages_file_words_the_notice(messages_dir: Path):
    path = messages_dir / "validity.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("目前在执行期内", "现行有效"), encoding="utf-8")
    notice = validity_notice(_meta("机器人", D(2025, 1, 1), D(2027, 12, 31)), TODAY, "zh",
                             validity_messages(messages_dir))
    assert "现行有效" in notice.message and "目前在执行期内" not in notice.message


def test_a_missing_messages_file_is_one_clear_error(messages_dir: Path):
    (messages_dir / "validity.yaml").unlink()
    with pytest.raises(AssistantError, match=r"validity\.yaml"):
        validity_messages(messages_dir)


def test_a_change_is_worded_from_the_messages_at_notice_time():
    change = ValidityChange(kind="extended", by_doc_id="notice", by_title="云岭市关于延长有关政策有效期的通知",
                            sentence="《云岭市机器人奖励办法》有效期延长至2028年12月31日", original_to=D(2026, 6, 30),
                            effective_to=D(2028, 12, 31))
    meta = _meta("机器人", D(2024, 7, 1), D(2028, 12, 31), validity_changes=[change])
    msg = validity_messages(Settings().messages_dir)
    assert change_notes(meta, "zh", msg) == [
        "原定有效期至2026年6月30日，经《云岭市关于延长有关政策有效期的通知》延长至2028年12月31日"]
    assert "extended to 2028-12-31" in validity_notice(meta, TODAY, "en", msg).message


def test_citing_the_extension_brings_the_notice_of_the_document_it_extends():
    change = ValidityChange(kind="extended", by_doc_id="notice", by_title="延期通知", sentence="…",
                            original_to=D(2026, 6, 30), effective_to=D(2028, 12, 31))
    old, notice, other = (_meta("机器人", D(2024, 7, 1), D(2028, 12, 31), validity_changes=[change]),
                          _meta("notice", None, None), _meta("other", D(2025, 1, 1), D(2027, 1, 1)))
    assert [m.doc_id for m in with_changed([notice], [old, notice, other])] == ["notice", "机器人"]
    assert [m.doc_id for m in with_changed([other], [old, notice, other])] == ["other"]
