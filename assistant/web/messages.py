"""The web app's own words (knowledge/messages/web.yaml), zh and en, shared with the CLI's output.

    msg = web_messages(settings.messages_dir)
    msg.text("doc_items", "zh", n=3)   # "3 条支持事项"

The folder comes from Settings only (Settings.messages_dir): one without web.yaml is a
configuration error (a clear AssistantError), never a silent read of the repository's copy.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from assistant.messages import Messages, load_messages

FILE = "web.yaml"


class WebMessages(Messages):
    certifications: list[str] = Field(default_factory=list, description="Certification names offered in the form")


def web_messages(messages_dir: Path | None = None) -> WebMessages:
    """The messages of `messages_dir` (default: Settings().messages_dir, i.e. ASSISTANT_KNOWLEDGE_DIR)."""
    return load_messages(messages_dir, FILE, WebMessages, "界面用语")
