"""Validity notices computed from a document's execution period and today's date."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from assistant.text import book_title
from assistant.types import DocumentMeta, Notice

Status = Literal["expired", "not_yet", "in_force"]


def _zh(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def date_text(d: dt.date, lang: str = "zh") -> str:
    return d.isoformat() if lang == "en" else _zh(d)


def period_text(meta: DocumentMeta, lang: str = "zh") -> str:
    start, end = meta.effective_from, meta.effective_to
    if lang == "en":
        return f"{start.isoformat() if start else '?'} to {end.isoformat() if end else '?'}"
    return f"{_zh(start) if start else '—'}至{_zh(end) if end else '—'}"


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


def validity_notice(meta: DocumentMeta, today: dt.date, lang: str = "zh") -> Notice | None:
    """Say whether the document's execution period has ended, started or is running (and who changed it)."""
    notice = _window_notice(meta, today, lang)
    return _with_changes(notice, meta, lang) if notice else None


def _window_notice(meta: DocumentMeta, today: dt.date, lang: str = "zh") -> Notice | None:
    start, end = meta.effective_from, meta.effective_to
    if start is None and end is None:
        return None
    title = book_title(meta.title)
    period_zh = f"{_zh(start) if start else '—'}至{_zh(end) if end else '—'}"
    period_en = f"{start.isoformat() if start else '?'} to {end.isoformat() if end else '?'}"
    if end is not None and today > end:
        if lang == "en":
            message = (f"{title} had an execution period of {period_en}; it ended on {end.isoformat()}. "
                       "Check with the economy and information technology department of your city "
                       "(市州经信部门) whether a measure is still in force.")
        else:
            message = (f"{title}的执行期为{period_zh}，已于{_zh(end)}届满；"
                       "相关措施目前是否仍然有效，请向所在市州经信部门确认。")
        return Notice(code="validity_expired", message=message, severity="warning")
    if start is not None and today < start:
        message = (f"{title} takes effect on {start.isoformat()}." if lang == "en"
                   else f"{title}自{_zh(start)}起执行，目前尚未生效。")
        return Notice(code="validity_not_started", message=message, severity="warning")
    message = (f"{title} is in force ({period_en})." if lang == "en"
               else f"{title}执行期为{period_zh}，目前在执行期内；具体申报要求请以主管部门通知为准。")
    return Notice(code="validity_in_force", message=message, severity="info")


def change_notes(meta: DocumentMeta, lang: str = "zh") -> list[str]:
    """What other documents of the library changed in this one's window (extended, repealed), in words."""
    return [c.note.get(lang) or c.note.get("zh", "") for c in meta.validity_changes if c.note]


def _with_changes(notice: Notice, meta: DocumentMeta, lang: str) -> Notice:
    notes = change_notes(meta, lang)
    if not notes:
        return notice
    tail = " ".join(f"{n[:1].upper()}{n[1:]}." for n in notes) if lang == "en" else "".join(f"{n}。" for n in notes)
    return notice.model_copy(update={"message": f"{notice.message} {tail}" if lang == "en" else notice.message + tail})


def validity_notices(metas: list[DocumentMeta], today: dt.date, lang: str = "zh") -> list[Notice]:
    seen: set[str] = set()
    out = []
    for meta in metas:
        if meta.doc_id in seen:
            continue
        seen.add(meta.doc_id)
        notice = validity_notice(meta, today, lang)
        if notice:
            out.append(notice)
    return out
