"""Application calendar: the windows and deadlines of a profile's matched items, and an .ics file.

    view = application_calendar(matches_or_alerts, today=dt.date.today())
    view.upcoming   # open or not yet open, soonest deadline first, with days left
    view.closed     # deadline passed, most recent first
    view.undated    # matched items whose document gives no date (kept so nothing is hidden)
    write_ics(view, path)

The .ics is written with the maintained `icalendar` library (RFC 5545): one all-day VEVENT per
deadline, UIDs derived from the item key and the deadline so a re-export updates the same events
in a calendar app instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from icalendar import Calendar, Event
from pydantic import BaseModel, ConfigDict, Field

from assistant.types import Citation, MatchStatus
from assistant.watch.alerts import Alert, ItemMatch
from assistant.watch.files import write_atomic
from assistant.watch.texts import WatchTexts, watch_texts

PRODID = "-//zhizhuang-assistant//policy calendar//{lang}"  # RFC 5545: the last part names the text's language
UID_DOMAIN = "zhizhuang-assistant"
WindowState = Literal["open", "not_yet_open", "closed"]


class CalendarItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item_key: str
    title: str
    doc_id: str
    doc_title: str | None = None
    status: MatchStatus
    amount: str | None = None
    opens: dt.date | None = None
    deadline: dt.date | None = None
    state: WindowState | None = Field(default=None, description="None for an undated item")
    days_left: int | None = Field(default=None, description="Days from today to the deadline (0 = today)")
    days_until_open: int | None = Field(default=None, description="For a window that has not opened yet")
    citations: list[Citation] = Field(default_factory=list)


class CalendarView(BaseModel):
    model_config = ConfigDict(extra="forbid")

    today: dt.date
    upcoming: list[CalendarItem] = Field(default_factory=list)
    closed: list[CalendarItem] = Field(default_factory=list)
    undated: list[CalendarItem] = Field(default_factory=list)


def application_calendar(entries: Iterable[ItemMatch | Alert], today: dt.date) -> CalendarView:
    """Sort matched items into upcoming / closed / undated relative to today (one per item key).

    not_qualified matches are left out: the calendar is of what the company can apply for.
    """
    dated = (_item(e, today) for e in entries if e.status != "not_qualified")
    items = {item.item_key: item for item in dated}.values()
    upcoming = [i for i in items if i.state in ("open", "not_yet_open")]
    upcoming.sort(key=lambda i: (i.deadline or dt.date.max, i.opens or dt.date.min, i.item_key))
    closed = [i for i in items if i.state == "closed"]
    closed.sort(key=lambda i: (i.deadline, i.item_key), reverse=True)
    undated = sorted((i for i in items if i.state is None), key=lambda i: i.item_key)
    return CalendarView(today=today, upcoming=upcoming, closed=closed, undated=undated)


def _item(entry: ItemMatch | Alert, today: dt.date) -> CalendarItem:
    if isinstance(entry, ItemMatch):
        source, status = entry.item, entry.status
        key = entry.item.item_key
    else:
        source, status, key = entry, entry.status, entry.item_key
    item = CalendarItem(item_key=key, title=source.title, doc_id=source.doc_id, doc_title=source.doc_title,
                        status=status, amount=source.amount, opens=source.opens, deadline=source.deadline,
                        citations=source.citations)
    return _dated(item, today)


def _dated(item: CalendarItem, today: dt.date) -> CalendarItem:
    if item.deadline is None and item.opens is None:
        return item
    if item.deadline is not None and item.deadline < today:
        return item.model_copy(update={"state": "closed", "days_left": (item.deadline - today).days})
    days_left = (item.deadline - today).days if item.deadline else None
    if item.opens is not None and item.opens > today:
        return item.model_copy(update={"state": "not_yet_open", "days_left": days_left,
                                       "days_until_open": (item.opens - today).days})
    return item.model_copy(update={"state": "open", "days_left": days_left})


def calendar_ics(view: CalendarView, generated_at: dt.datetime | None = None, name: str | None = None,
                 texts: WatchTexts | None = None, lang: str = "zh") -> bytes:
    """The .ics of every upcoming deadline (closed and undated items have no event); its words in `lang`
    from watch_ui.yaml (`texts`; default: Settings().messages_dir), item titles and quotes verbatim."""
    texts = texts or watch_texts()
    stamp = generated_at or dt.datetime.now(dt.UTC)
    cal = Calendar()
    cal.add("prodid", PRODID.format(lang="EN" if lang == "en" else "ZH"))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name or _line(texts, "calendar_name", lang))
    for item in view.upcoming:
        if item.deadline is not None:
            cal.add_component(_event(item, stamp, texts, lang))
    return cal.to_ical()


def _event(item: CalendarItem, stamp: dt.datetime, texts: WatchTexts, lang: str) -> Event:
    event = Event()
    event.add("uid", event_uid(item.item_key, item.deadline))
    event.add("dtstamp", stamp)
    event.add("dtstart", item.deadline)
    event.add("dtend", item.deadline + dt.timedelta(days=1))  # all-day events end the next day
    event.add("summary", _line(texts, "calendar_summary", lang, title=item.title))
    event.add("description", _description(item, texts, lang))
    event.add("transp", "TRANSPARENT")
    return event


def _line(texts: WatchTexts, key: str, lang: str, **values: object) -> str:
    """A text of watch_ui.yaml on one line (a quote's line breaks would split an .ics property)."""
    return " ".join(texts.text(key, lang, **values).split())


def event_uid(item_key: str, deadline: dt.date | None) -> str:
    digest = hashlib.sha256(f"{item_key}|{deadline}".encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _description(item: CalendarItem, texts: WatchTexts, lang: str) -> str:
    def t(key: str, **values: object) -> str:
        return _line(texts, key, lang, **values)

    lines = [item.title, t("calendar_line_document", doc=item.doc_title or item.doc_id),
             t("calendar_line_status", status=t(f"status_{item.status}"))]
    if item.amount:
        lines.append(t("calendar_line_amount", amount=item.amount))
    if item.opens:
        lines.append(t("calendar_line_opens", opens=item.opens.isoformat()))
    lines += [t("calendar_line_citation", section=c.section or c.anchor, quote=c.quote) for c in item.citations]
    return "\n".join(lines)


def write_ics(view: CalendarView, path: Path | str, generated_at: dt.datetime | None = None,
              texts: WatchTexts | None = None, lang: str = "zh") -> Path:
    """Write the .ics atomically (a reader never sees half a file)."""
    return write_atomic(Path(path), calendar_ics(view, generated_at, texts=texts, lang=lang), ".calendar-",
                        "calendar_write_failed", suffix=".ics")
