"""The answer path's own words (Settings.messages_dir / answer.yaml), zh and en: one file, one rule.

    msg = answer_messages(settings.messages_dir)
    msg.text("related", "en")   # "Related provisions:"

The folder comes from Settings only: a knowledge folder without messages/answer.yaml is a
configuration error (a clear AssistantError), never a silent read of the repository's copy.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from assistant.messages import Messages, load_messages

FILE = "answer.yaml"


class AnswerMessages(Messages):
    validity_ask: list[str] = Field(default_factory=list,
                                    description="Regexes (case-insensitive) of a question about a document's validity")


def answer_messages(messages_dir: Path | None = None) -> AnswerMessages:
    """The messages of `messages_dir` (default: Settings().messages_dir, i.e. ASSISTANT_KNOWLEDGE_DIR)."""
    return load_messages(messages_dir, FILE, AnswerMessages, "回答用语")
