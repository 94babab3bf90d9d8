"""The Gradio edge: what a Gradio call may carry, checked before Gradio itself touches it.

Mounted in FastAPI (no `launch()`), Gradio copies any FileData path a caller names into its cache
and serves it back (issue 10, items 0 and 1). Here:

* only the upload component accepts files, and only files inside Gradio's upload folder (where
  /gradio_api/upload puts them); anywhere else a file part, a URL or a server path is refused;
* the chat is text only: `text_chatbot` never moves a file into or out of Gradio's cache;
* lone surrogates (half of a UTF-16 pair, e.g. "\\ud800") are refused with a clear message;
* junk input is one warning line in the log, not a traceback per call.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import gradio as gr
from gradio.utils import get_upload_folder

from assistant.web.errors import has_surrogate

log = logging.getLogger("assistant.web")

MESSAGES = {
    "surrogate": "输入包含无效字符（不成对的 UTF-16 代理码位），请删除后重试。"
                 "The input contains an invalid character (a lone surrogate).",
    "chat_files": "对话记录只能包含文字消息，不接受文件。The chat history may contain text messages only.",
    "not_a_file_input": "这里只接受文字，不接受文件。This input does not take files.",
    "outside_upload": "只接受通过本页面上传的文件。Only files uploaded through this page are accepted.",
    "junk": "输入格式不正确，请刷新页面后重试。The input is not in the expected format.",
}


class InputRejected(gr.Error):
    """Bad input to a Gradio endpoint: shown to the caller, one warning line in the log."""

    def __init__(self, reason: str) -> None:
        super().__init__(MESSAGES[reason], print_exception=False)
        self.reason = reason


def upload_folder() -> Path:
    return Path(get_upload_folder()).resolve()


def in_upload_folder(path: str | Path) -> bool:
    """True for a local file inside Gradio's upload folder (symlinks and `..` resolved first)."""
    text = str(path)
    if not text or "://" in text or text.startswith(("//", "\\\\")):
        return False
    try:
        resolved = Path(text).resolve()
        resolved.relative_to(upload_folder())
    except (OSError, ValueError, RuntimeError):
        return False
    return resolved.is_file()


def file_objects(value: Any) -> list[dict]:
    """Every dict with a string "path" (a FileData, with or without its "meta" marker)."""
    if isinstance(value, dict):
        if isinstance(value.get("path"), str):
            return [value]
        return [f for v in value.values() for f in file_objects(v)]
    if isinstance(value, (list, tuple)):
        return [f for v in value for f in file_objects(v)]
    return []


def check_input(block: Any, value: Any) -> None:
    """Raise InputRejected for what `block` must not receive from a caller."""
    if has_surrogate(value):
        raise InputRejected("surrogate")
    files = file_objects(value)
    if not files:
        return
    if isinstance(block, gr.Chatbot):
        raise InputRejected("chat_files")
    if not isinstance(block, gr.File):
        raise InputRejected("not_a_file_input")
    if not all(in_upload_folder(f["path"]) for f in files):
        raise InputRejected("outside_upload")


def _one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:limit]}{'…' if len(text) > limit else ''}"


class GuardedBlocks(gr.Blocks):
    """gr.Blocks whose inputs are checked first; a failure to preprocess them is the caller's junk."""

    async def preprocess_data(self, block_fn, inputs, state, explicit_call: bool = False):
        name = getattr(block_fn, "api_name", None) or getattr(block_fn, "name", "?")
        try:
            for block, value in zip(block_fn.inputs, inputs or [], strict=False):
                if not getattr(block, "stateful", False):  # gr.State values come from the server
                    check_input(block, value)
            return await super().preprocess_data(block_fn, inputs, state, explicit_call)
        except InputRejected as exc:
            log.warning("Gradio /%s: input refused (%s)", name, exc.reason)
            raise
        except Exception as exc:
            log.warning("Gradio /%s: junk input refused (%s)", name, _one_line(exc))
            raise InputRejected("junk") from None


def text_chatbot(**kwargs: Any) -> gr.Chatbot:
    """A gr.Chatbot for text messages only: no file is ever copied into or out of Gradio's cache.

    Gradio moves every FileData of a component's value through these two methods, in and out.
    (Not a subclass: Gradio writes a .pyi file next to the module of every Component subclass.)
    """
    chatbot = gr.Chatbot(**kwargs)

    def refuse(url_or_file_path: Any) -> str:
        raise InputRejected("chat_files")

    async def refuse_async(url_or_file_path: Any) -> str:
        raise InputRejected("chat_files")

    chatbot.move_resource_to_block_cache = refuse  # type: ignore[method-assign]
    chatbot.async_move_resource_to_block_cache = refuse_async  # type: ignore[method-assign]
    return chatbot


def text_history(chat: Any) -> list[dict[str, str]]:
    """The chat history as text-only {"role", "content"} messages; InputRejected for anything else."""
    messages: list[dict[str, str]] = []
    for message in chat or []:
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            raise InputRejected("junk")
        messages.append({"role": message["role"], "content": _text_of(message.get("content"))})
    return messages


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        content = [content]
    if not isinstance(content, list):
        raise InputRejected("junk")
    parts = []
    for part in content:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and part.get("type", "text") == "text" and isinstance(part.get("text"), str):
            parts.append(part["text"])
        else:
            raise InputRejected("chat_files")
    return "".join(parts)
