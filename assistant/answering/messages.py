"""The answer path's own words (Settings.messages_dir / answer.yaml), zh and en: one file, one rule.

    msg = answer_messages(settings.messages_dir)
    msg.text("related", "en")   # "Related provisions:"

The folder comes from Settings only: a knowledge folder without messages/answer.yaml is a
configuration error (a clear AssistantError), never a silent read of the repository's copy.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field

from assistant.errors import AssistantError
from assistant.settings import Settings
from assistant.types import ClosedModel
from assistant.yamlfile import load_yaml_model

FILE = "answer.yaml"


class _Text(ClosedModel):
    zh: str
    en: str


class AnswerMessages(ClosedModel):
    texts: dict[str, _Text] = Field(description="key → zh / en, str.format placeholders")
    validity_ask: list[str] = Field(default_factory=list,
                                    description="Regexes (case-insensitive) of a question about a document's validity")

    def text(self, key: str, lang: str = "zh", **values: object) -> str:
        entry = self.texts[key]  # a missing key is a bug of ours: tests render every key
        return (entry.en if lang == "en" else entry.zh).format(**values)


def answer_messages(messages_dir: Path | None = None) -> AnswerMessages:
    """The messages of `messages_dir` (default: Settings().messages_dir, i.e. ASSISTANT_KNOWLEDGE_DIR)."""
    if messages_dir is None:
        messages_dir = Settings().messages_dir
    path = Path(messages_dir) / FILE
    if not path.is_file():
        raise AssistantError(f"缺少回答用语文件：{path}（知识目录的 messages/{FILE}）")
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> AnswerMessages:  # mtime in the key: an edited file is re-read
    return load_yaml_model(path, AnswerMessages, AssistantError)
