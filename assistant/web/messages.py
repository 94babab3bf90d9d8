"""The web app's own words (knowledge/messages/web.yaml), zh and en, shared with the CLI's output;
the Gradio UI's labels, intro and examples (knowledge/messages/ui.yaml).

    msg = web_messages(settings.messages_dir)
    msg.text("doc_items", "zh", n=3)   # "3 条支持事项"

The folder comes from Settings only (Settings.messages_dir): one without web.yaml is a
configuration error (a clear AssistantError), never a silent read of the repository's copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from assistant.messages import Messages, Text, load_messages
from assistant.types import ClosedModel

if TYPE_CHECKING:  # the CLI reads these messages too: no web framework imported for it
    from starlette.requests import Request

FILE = "web.yaml"


class PerLanguage(ClosedModel):
    """A list in each language (both required: the file is refused at load without one)."""

    zh: list[str]
    en: list[str]

    def of(self, lang: str) -> list[str]:
        return self.en if lang == "en" else self.zh


class WebMessages(Messages):
    REQUIRED = frozenset({"embed_title", "embed_placeholder", "embed_send", "embed_hint", "embed_try",
                          "embed_sources", "embed_error"})  # the /embed page's words (pages.py, embed.js)

    certifications: list[str] = Field(default_factory=list, description="Certification names offered in the form")
    embed_examples: PerLanguage = Field(description="Example questions on the /embed page")


def accept_language(request: Request) -> str | None:
    """The request's Accept-Language, every field line of it: a client or proxy may send the list in
    several lines, which mean their comma-joined whole (RFC 9110 §5.3); headers.get read the first only."""
    lines = request.headers.getlist("accept-language")
    return ", ".join(lines) if lines else None


def web_messages(messages_dir: Path | None = None) -> WebMessages:
    """The messages of `messages_dir` (default: Settings().messages_dir, i.e. ASSISTANT_KNOWLEDGE_DIR)."""
    return load_messages(messages_dir, FILE, WebMessages, "界面用语")


UI_FILE = "ui.yaml"


class UiMessages(Messages):
    """The Gradio UI's words (knowledge/messages/ui.yaml): labels, intro, examples, the form's choices."""

    REQUIRED = frozenset({
        "admin_key", "app_title", "chat", "choice_no", "choice_unknown", "choice_yes", "citations", "city", "clear",
        "description", "description_ph", "district", "document", "examples", "export_csv", "export_md", "extract",
        "first_of_kind", "header", "include_all", "match", "matches", "name", "needs", "products", "profile_intro",
        "question", "rd_ratio", "rd_ratio_ph", "roles", "sectors", "send", "size", "tab_ask", "tab_browse",
        "tab_eval", "tab_profile", "tab_upload", "upload", "upload_bad_key", "upload_checking", "upload_file",
        "upload_intro", "upload_no_file", "upload_not_ours", "viewer_empty",
    })  # the keys ui.py renders

    sizes: dict[str, Text] = Field(description="Profile size value → its label in each language, in order")
    examples: PerLanguage = Field(description="Example questions under the chat box")


def ui_messages(messages_dir: Path | None = None) -> UiMessages:
    """ui.yaml of `messages_dir` (default: Settings().messages_dir); missing: a clear AssistantError."""
    return load_messages(messages_dir, UI_FILE, UiMessages, "界面文字")
