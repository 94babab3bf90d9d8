"""The web app's own words (knowledge/messages/web.yaml), zh and en, shared with the CLI's output.

    msg = web_messages(settings.messages_dir)
    msg.text("doc_items", "zh", n=3)   # "3 条支持事项"

The folder comes from Settings only (Settings.messages_dir): one without web.yaml is a
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

FILE = "web.yaml"


class _Text(ClosedModel):
    zh: str
    en: str


class WebMessages(ClosedModel):
    texts: dict[str, _Text] = Field(description="key → zh / en, str.format placeholders")
    certifications: list[str] = Field(default_factory=list, description="Certification names offered in the form")

    def text(self, key: str, lang: str = "zh", **values: object) -> str:
        entry = self.texts[key]  # a missing key is a bug of ours: tests load every key used
        return (entry.en if lang == "en" else entry.zh).format(**values)


def web_messages(messages_dir: Path | None = None) -> WebMessages:
    """The messages of `messages_dir` (default: Settings().messages_dir, i.e. ASSISTANT_KNOWLEDGE_DIR)."""
    if messages_dir is None:
        messages_dir = Settings().messages_dir
    path = Path(messages_dir) / FILE
    if not path.is_file():
        raise AssistantError(f"缺少界面用语文件：{path}（知识目录的 messages/{FILE}）")
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> WebMessages:  # mtime in the key: an edited file is re-read
    return load_yaml_model(path, WebMessages, AssistantError)
