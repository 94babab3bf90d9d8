"""User-facing words in files (Settings.messages_dir): zh and en texts, one loader for every kind.

    class WebMessages(Messages): certifications: list[str] = []
    msg = load_messages(settings.messages_dir, "web.yaml", WebMessages, "界面用语")
    msg.text("doc_items", "zh", n=3)

The folder comes from Settings only: one without the file is a configuration error (a clear
AssistantError naming the file), never a silent read of the repository's copy.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import ClassVar, TypeVar

from pydantic import Field, model_validator

from assistant.errors import AssistantError
from assistant.settings import Settings
from assistant.types import ClosedModel
from assistant.yamlfile import load_yaml_model


class Text(ClosedModel):
    zh: str
    en: str


class Messages(ClosedModel):
    """Base of a messages file: `texts` plus whatever lists the subclass declares.

    Every text has zh and en (Text); a subclass names in REQUIRED the keys its code renders, so a
    file without one is refused when it is loaded (one line naming the keys), not when a page shows it.
    """

    REQUIRED: ClassVar[frozenset[str]] = frozenset()

    texts: dict[str, Text] = Field(description="key → zh / en, str.format placeholders")

    @model_validator(mode="after")
    def _has_required(self) -> Messages:
        missing = sorted(self.REQUIRED - self.texts.keys())
        if missing:
            raise ValueError(f"缺少用语 missing texts: {', '.join(missing)}")
        return self

    def text(self, key: str, lang: str = "zh", **values: object) -> str:
        entry = self.texts[key]  # a missing key is a bug of ours: tests render every key used
        return (entry.en if lang == "en" else entry.zh).format(**values)


M = TypeVar("M", bound=Messages)


def load_messages(messages_dir: Path | None, file: str, model: type[M], what: str) -> M:
    """`file` of `messages_dir` (default: Settings().messages_dir) as `model`; `what` names it in the error."""
    if messages_dir is None:
        messages_dir = Settings().messages_dir
    path = Path(messages_dir) / file
    if not path.is_file():
        raise AssistantError(f"缺少{what}文件：{path}（知识目录的 messages/{file}）")
    return _load(path, path.stat().st_mtime_ns, model)


@lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int, model: type[M]) -> M:  # mtime in the key: an edited file is re-read
    return load_yaml_model(path, model, AssistantError)
