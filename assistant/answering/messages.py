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
from assistant.types import Notice

FILE = "answer.yaml"


class AnswerMessages(Messages):
    validity_ask: list[str] = Field(default_factory=list,
                                    description="Regexes (case-insensitive) of a question about a document's validity")
    still_ask: list[str] = Field(default_factory=list,
                                 description="Regexes of a question whether a benefit can still be had now; "
                                             "answered with the expiry first when the document quoted expired")


def worded(notices: list[Notice], messages: AnswerMessages, lang: str) -> list[Notice]:
    """Notices of the layers below (retrieval's dense_unavailable) in the answer's language: a code that
    answer.yaml words is worded from it; any other notice is kept as it is."""
    return [n.model_copy(update={"message": messages.text(n.code, lang)}) if n.code in messages.texts else n
            for n in notices]


def answer_messages(messages_dir: Path | None = None) -> AnswerMessages:
    """The messages of `messages_dir` (default: Settings().messages_dir, i.e. ASSISTANT_KNOWLEDGE_DIR)."""
    return load_messages(messages_dir, FILE, AnswerMessages, "回答用语")
