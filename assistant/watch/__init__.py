"""Policy finds the company: saved profiles, exactly-once alerts, webhooks and a calendar.

    db = open_database(settings.data_dir)             # SQLite (WAL) or ASSISTANT_DATABASE_URL
    profiles, alerts = ProfileStore(db), AlertStore(db)
    new = compute_alerts(profiles.all(), items, matcher, alerts.alerted_keys())
    alerts.record(build_id, new, documents=doc_hashes)  # after the build became current

Not wired into the CLI, API or ingest yet; see the module docstrings for how.
"""

from assistant.watch.alerts import (
    Alert,
    AlertStore,
    ItemMatch,
    Matcher,
    NewAlert,
    RecordedAlert,
    WatchItem,
    compute_alerts,
)
from assistant.watch.calendar import CalendarItem, CalendarView, application_calendar, calendar_ics, write_ics
from assistant.watch.db import Database, open_database
from assistant.watch.errors import (
    InvalidBuildId,
    InvalidDatabaseUrl,
    InvalidSavedProfile,
    NewerSchema,
    ProfileNotFound,
    StoreUnavailable,
    WatchError,
)
from assistant.watch.store import Owner, ProfileStore, SavedProfile
from assistant.watch.webhook import WebhookSender, alert_payload, sign, verify

__all__ = [
    "Alert",
    "AlertStore",
    "CalendarItem",
    "CalendarView",
    "Database",
    "InvalidBuildId",
    "InvalidDatabaseUrl",
    "InvalidSavedProfile",
    "ItemMatch",
    "Matcher",
    "NewAlert",
    "NewerSchema",
    "Owner",
    "ProfileNotFound",
    "ProfileStore",
    "RecordedAlert",
    "SavedProfile",
    "StoreUnavailable",
    "WatchError",
    "WatchItem",
    "WebhookSender",
    "alert_payload",
    "application_calendar",
    "calendar_ics",
    "compute_alerts",
    "open_database",
    "sign",
    "verify",
    "write_ics",
]
