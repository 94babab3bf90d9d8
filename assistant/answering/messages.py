"""The answer path's own words (knowledge/messages/answer.yaml), zh and en: one file, one rule.

    msg = answer_messages(settings.messages_dir)
    msg.text("related", "en")   # "Related provisions:"

A knowledge folder without its own messages/answer.yaml (a test's small folder, a documents-only
folder) uses the shipped file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field

from assistant.errors import AssistantError
from assistant.settings import REPO_ROOT
from assistant.types import ClosedModel
from assistant.yamlfile import load_yaml_model

FILE = "answer.yaml"
SHIPPED = REPO_ROOT / "knowledge" / "messages" / FILE


class _Text(ClosedModel):
    zh: str
    en: str


class AnswerMessages(ClosedModel):
    texts: dict[str, _Text] = Field(description="key → zh / en, str.format placeholders")

    def text(self, key: str, lang: str = "zh", **values: object) -> str:
        entry = self.texts[key]  # a missing key is a bug of ours: tests render every key
        return (entry.en if lang == "en" else entry.zh).format(**values)


def answer_messages(messages_dir: Path | None = None) -> AnswerMessages:
    own = Path(messages_dir) / FILE if messages_dir else None
    path = own if own is not None and own.exists() else SHIPPED
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> AnswerMessages:  # mtime in the key: an edited file is re-read
    return load_yaml_model(path, AnswerMessages, AssistantError)
