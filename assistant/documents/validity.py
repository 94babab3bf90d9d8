"""Validity notices computed from a document's execution period and today's date.

The sentences are knowledge/messages/validity.yaml (Settings.messages_dir): pass the loaded messages,
or leave them out to read the configured folder's file (as web_messages does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar, Literal

from assistant.messages import Messages, load_messages
from assistant.text import book_title
from assistant.types import DocumentMeta, Notice, ValidityChange

Status = Literal["expired", "not_yet", "in_force"]
VALIDITY_FILE = "validity.yaml"


class ValidityMessages(Messages):
    REQUIRED: ClassVar[frozenset[str]] = frozenset({
        "expired", "not_started", "in_force", "period", "open_end", "extended", "extended_open", "repealed",
        "change_sentence", "change_join", "with_changes"})


def validity_messages(messages_dir: Path | None = None) -> ValidityMessages:
    """messages_dir/validity.yaml (default: Settings().messages_dir); a clear error naming a missing file."""
    return load_messages(messages_dir, VALIDITY_FILE, ValidityMessages, "有效期提示用语")


def _zh(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def date_text(d: dt.date, lang: str = "zh") -> str:
    return d.isoformat() if lang == "en" else _zh(d)


def period_text(meta: DocumentMeta, lang: str = "zh", messages: ValidityMessages | None = None) -> str:
    msg = messages or validity_messages()
    start, end = meta.effective_from, meta.effective_to
    open_end = msg.text("open_end", lang)
    return msg.text("period", lang, start=date_text(start, lang) if start else open_end,
                    end=date_text(end, lang) if end else open_end)


def status(meta: DocumentMeta, today: dt.date) -> Status | None:
    """Where today stands in the document's window; None when the window is unknown."""
    return window_status(meta.effective_from, meta.effective_to, today)


def window_status(start: dt.date | None, end: dt.date | None, today: dt.date) -> Status | None:
    """Where today stands in the window start..end (either end open); None when both are unknown."""
    if start is None and end is None:
        return None
    if end is not None and today > end:
        return "expired"
    if start is not None and today < start:
        return "not_yet"
    return "in_force"


def covers_year(meta: DocumentMeta, year: int) -> bool | None:
    """Whether the window includes any day of `year`; None when the window is unknown."""
    start, end = meta.effective_from, meta.effective_to
    if start is None and end is None:
        return None
    return (start is None or start.year <= year) and (end is None or year <= end.year)


def validity_notice(meta: DocumentMeta, today: dt.date, lang: str = "zh",
                    messages: ValidityMessages | None = None) -> Notice | None:
    """Say whether the document's execution period has ended, started or is running (and who changed it):
    the title, the window and the day that decides, in every case."""
    msg = messages or validity_messages()
    notice = _window_notice(meta, today, lang, msg)
    return _with_changes(notice, meta, lang, msg) if notice else None


_STATUS_NOTICE = {"expired": ("validity_expired", "expired", "warning"),
                  "not_yet": ("validity_not_started", "not_started", "warning"),
                  "in_force": ("validity_in_force", "in_force", "info")}


def _window_notice(meta: DocumentMeta, today: dt.date, lang: str, msg: ValidityMessages) -> Notice | None:
    state = status(meta, today)
    if state is None:
        return None
    start, end = meta.effective_from, meta.effective_to
    open_end = msg.text("open_end", lang)
    day = {"start": date_text(start, lang) if start else open_end, "end": date_text(end, lang) if end else open_end}
    code, key, severity = _STATUS_NOTICE[state]
    message = msg.text(key, lang, title=book_title(meta.title), period=msg.text("period", lang, **day), **day)
    return Notice(code=code, message=message, severity=severity)


def change_notes(meta: DocumentMeta, lang: str = "zh", messages: ValidityMessages | None = None) -> list[str]:
    """What other documents of the library changed in this one's window (extended, repealed), in words."""
    msg = messages or validity_messages()
    return [_change_note(c, lang, msg) for c in meta.validity_changes]


def _change_note(change: ValidityChange, lang: str, msg: ValidityMessages) -> str:
    key = "repealed" if change.kind == "repealed" else "extended" if change.original_to else "extended_open"
    return msg.text(key, lang, by=book_title(change.by_title), to=date_text(change.effective_to, lang),
                    original=date_text(change.original_to, lang) if change.original_to else "")


def _with_changes(notice: Notice, meta: DocumentMeta, lang: str, msg: ValidityMessages) -> Notice:
    notes = change_notes(meta, lang, msg)
    if not notes:
        return notice
    sentences = [msg.text("change_sentence", lang, note=n[:1].upper() + n[1:] if lang == "en" else n) for n in notes]
    changes = msg.text("change_join", lang).join(sentences)
    message = msg.text("with_changes", lang, notice=notice.message, changes=changes)
    return notice.model_copy(update={"message": message})


def with_changed(metas: list[DocumentMeta], library: Iterable[DocumentMeta]) -> list[DocumentMeta]:
    """metas and, after each, the library's documents whose window it changed: an answer citing an
    extension or a repeal tells the reader where the document it changes now stands."""
    changed: dict[str, list[DocumentMeta]] = {}
    for meta in library:
        for change in meta.validity_changes:
            changed.setdefault(change.by_doc_id, []).append(meta)
    return [m for meta in metas for m in (meta, *changed.get(meta.doc_id, []))]


def validity_notices(metas: list[DocumentMeta], today: dt.date, lang: str = "zh",
                     messages: ValidityMessages | None = None) -> list[Notice]:
    msg = messages or validity_messages()
    seen: set[str] = set()
    out = []
    for meta in metas:
        if meta.doc_id in seen:
            continue
        seen.add(meta.doc_id)
        notice = validity_notice(meta, today, lang, msg)
        if notice:
            out.append(notice)
    return out
