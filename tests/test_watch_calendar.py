"""Application calendar: ordering and days left relative to a given today; .ics parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from watch_support import citation

from assistant.watch import ItemMatch, WatchError, WatchItem, application_calendar, calendar_ics, write_ics
from assistant.watch.calendar import event_uid

TODAY = dt.date(2026, 6, 15)


def _match(item_id: str, status: str = "qualifies", **dates) -> ItemMatch:  # type: ignore[no-untyped-def]
    quote = citation("doc-a", f"{item_id} 的原文条款", anchor="二.3")
    item = WatchItem(doc_id="doc-a", item_id=item_id, title=f"{item_id} 专项资金", doc_title="某某专项资金申报通知",
                     amount="最高200万元", citations=[quote], **dates)
    return ItemMatch(item=item, status=status)


ENTRIES = [
    _match("late", deadline=TODAY + dt.timedelta(days=40)),
    _match("soon", deadline=TODAY + dt.timedelta(days=3), opens=TODAY - dt.timedelta(days=10)),
    _match("today", deadline=TODAY),
    _match("future-window", opens=TODAY + dt.timedelta(days=5), deadline=TODAY + dt.timedelta(days=20)),
    _match("closed-long-ago", deadline=TODAY - dt.timedelta(days=30)),
    _match("closed-yesterday", deadline=TODAY - dt.timedelta(days=1), status="may_qualify"),
    _match("undated"),
    _match("open-ended", opens=TODAY - dt.timedelta(days=2)),
    _match("ruled-out", status="not_qualified", deadline=TODAY + dt.timedelta(days=1)),
]


def test_upcoming_soonest_first_with_days_left_and_closed_apart() -> None:
    view = application_calendar(ENTRIES, TODAY)
    assert [(i.title.split()[0], i.state, i.days_left) for i in view.upcoming] == [
        ("today", "open", 0), ("soon", "open", 3), ("future-window", "not_yet_open", 20), ("late", "open", 40),
        ("open-ended", "open", None)]
    assert view.upcoming[2].days_until_open == 5
    assert [(i.title.split()[0], i.days_left) for i in view.closed] == [("closed-yesterday", -1),
                                                                       ("closed-long-ago", -30)]
    assert [i.title.split()[0] for i in view.undated] == ["undated"]
    assert all("ruled-out" not in i.item_key for i in view.upcoming + view.closed + view.undated)


def test_the_same_entries_another_day_move_between_lists() -> None:
    later = application_calendar(ENTRIES, TODAY + dt.timedelta(days=4))
    assert [i.title.split()[0] for i in later.upcoming][:2] == ["future-window", "late"]
    assert later.upcoming[0].state == "not_yet_open" and later.upcoming[0].days_until_open == 1
    assert {"today", "soon"} <= {i.title.split()[0] for i in later.closed}


def test_ics_has_one_event_per_upcoming_deadline_and_parses_back(tmp_path: Path) -> None:
    view = application_calendar(ENTRIES, TODAY)
    path = write_ics(view, tmp_path / "out" / "calendar.ics", generated_at=dt.datetime(2026, 6, 15, 8, tzinfo=dt.UTC))
    cal = Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    with_deadline = [i for i in view.upcoming if i.deadline]
    assert len(events) == len(with_deadline) == 4
    for event, item in zip(events, with_deadline, strict=True):
        assert event.decoded("dtstart") == item.deadline
        assert event.decoded("dtend") == item.deadline + dt.timedelta(days=1)
        assert str(event["uid"]) == event_uid(item.item_key, item.deadline)
        assert item.title in str(event["summary"])
        description = str(event["description"])
        assert item.title in description and "某某专项资金申报通知" in description
        assert item.citations[0].quote in description and "最高200万元" in description
    assert "智装政策申报日历" in str(cal["x-wr-calname"])


def test_uids_are_stable_across_exports_and_change_with_the_deadline() -> None:
    first = calendar_ics(application_calendar(ENTRIES, TODAY))
    second = calendar_ics(application_calendar(list(reversed(ENTRIES)), TODAY),
                          generated_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    uids = [{str(e["uid"]) for e in Calendar.from_ical(data).walk("VEVENT")} for data in (first, second)]
    assert uids[0] == uids[1] and len(uids[0]) == 4
    moved = [_match("soon", deadline=TODAY + dt.timedelta(days=9))]
    (event,) = Calendar.from_ical(calendar_ics(application_calendar(moved, TODAY))).walk("VEVENT")
    assert str(event["uid"]) not in uids[0]


def test_an_empty_calendar_is_still_a_valid_file() -> None:
    cal = Calendar.from_ical(calendar_ics(application_calendar([], TODAY)))
    assert list(cal.walk("VEVENT")) == [] and str(cal["version"]) == "2.0"


def test_an_unwritable_target_is_a_domain_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WatchError, match="无法写入日历文件"):
        write_ics(application_calendar(ENTRIES, TODAY), blocker / "calendar.ics")
