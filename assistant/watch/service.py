"""The watch component the Runtime builds once: database, stores, webhook sender, alert delivery.

    watch = runtime.watch
    saved = watch.add_profile(owner, profile, webhook_url=...)    # URL policy checked here
    report = watch.deliver(index, eligibility)                     # after an ingest made a build current

deliver() is the ingest step of assistant/watch/alerts.py: it alerts on the items of the
documents whose hashes differ from those last delivered (so a killed ingest is caught up by the
next one), records the alerts with the build's document hashes in one transaction, and hands
webhooks to the background sender without waiting for them.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import socket
import threading
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from pydantic import BaseModel, Field

from assistant.eligibility import Eligibility
from assistant.types import CompanyProfile, MatchResult
from assistant.watch.alerts import AlertStore, ItemMatch, compute_alerts
from assistant.watch.calendar import CalendarView, application_calendar
from assistant.watch.db import Database
from assistant.watch.errors import InvalidSavedProfile, message
from assistant.watch.library import LibraryView
from assistant.watch.store import Owner, ProfileStore, SavedProfile
from assistant.watch.webhook import WebhookSender, alert_payload

log = logging.getLogger(__name__)


class DeliveryReport(BaseModel):
    build_id: str
    changed_documents: list[str] = Field(default_factory=list)
    items: int = 0
    profiles: int = 0
    alerts: int = Field(default=0, description="Alerts newly recorded by this ingest")
    webhooks: int = Field(default=0, description="Webhook deliveries queued (sent in the background)")


class Watch:
    """Saved profiles, alerts and webhooks over one database; close() on shutdown."""

    def __init__(self, database: Database, webhooks: Callable[[], WebhookSender], allow_private: bool = False) -> None:
        self.db = database
        self.profiles = ProfileStore(database)
        self.alerts = AlertStore(database)
        self.allow_private = allow_private
        self._new_sender = webhooks
        self._sender: WebhookSender | None = None
        self._lock = threading.Lock()

    @property
    def webhooks(self) -> WebhookSender:
        """Started on first use: a CLI command that sends nothing starts no thread."""
        with self._lock:
            if self._sender is None:
                self._sender = self._new_sender()
            return self._sender

    def close(self, drain_s: float = 0.0) -> None:
        """Give queued webhooks up to drain_s to go out, stop the sender, release the database."""
        with self._lock:
            sender, self._sender = self._sender, None
        if sender is not None:
            if drain_s > 0:
                sender.join(drain_s)
            sender.close()
        self.db.dispose()

    # ---- profiles (the URL policy lives here, the store checks only the form) ----

    def add_profile(self, owner: Owner, profile: CompanyProfile, name: str | None = None,
                    webhook_url: str | None = None) -> SavedProfile:
        self.check_webhook(webhook_url)
        return self.profiles.add(owner, profile, name=name, webhook_url=webhook_url)

    def update_profile(self, owner: Owner, profile_id: int, profile: CompanyProfile, name: str | None = None,
                       webhook_url: str | None = None, admin: bool = False) -> SavedProfile:
        self.check_webhook(webhook_url)
        return self.profiles.update(owner, profile_id, profile, name=name, webhook_url=webhook_url, admin=admin)

    def check_webhook(self, url: str | None) -> None:
        """Refuse non-http(s) URLs and, unless allowed, hosts on loopback / private / link-local addresses."""
        if not url:
            return
        problem = webhook_target_problem(url, self.allow_private)
        if problem:
            raise InvalidSavedProfile(problem)

    # ---- alerts ----

    def deliver(self, index, eligibility: Eligibility, today: dt.date | None = None) -> DeliveryReport:  # type: ignore[no-untyped-def]
        """Alerts for the documents of the current build that changed since the last delivery."""
        today = today or eligibility.clock()
        manifest = index.manifest
        documents = dict(manifest.documents)
        changed = self.alerts.changed_documents(documents)
        report = DeliveryReport(build_id=manifest.build_id, changed_documents=sorted(changed))
        if not changed:
            return report
        view = LibraryView(eligibility, changed)
        watched = view.watch_items()
        profiles = self.profiles.all()
        already = self.alerts.alerted_keys({w.item_key for w in watched})
        new = compute_alerts(profiles, watched, view.alert_matcher(today), already)
        stored = self.alerts.record(manifest.build_id, new, documents=documents)
        report.items, report.profiles, report.alerts = len(watched), len(profiles), len(stored)
        report.webhooks = self._send(stored, {p.id: p for p in profiles})
        return report

    def _send(self, stored, profiles: Mapping[int, SavedProfile]) -> int:  # type: ignore[no-untyped-def]
        queued = 0
        for recorded in stored:
            saved = profiles.get(recorded.alert.profile_id)
            if saved is None or not saved.webhook_url or not saved.webhook_secret:
                continue
            alert = recorded.as_alert()
            queued += self.webhooks.submit(saved.webhook_url, saved.webhook_secret, f"alert-{alert.id}",
                                           alert_payload(alert, saved.name))
        return queued

    # ---- calendar and report data ----

    def judge(self, index, eligibility: Eligibility, profile: CompanyProfile,  # type: ignore[no-untyped-def]
              today: dt.date | None = None, lang: str = "zh") -> MatchResult:
        """A live match of the profile over every item of the current build, with its notices (in `lang`)."""
        return LibraryView(eligibility).match(profile, today or eligibility.clock(), notices=True, lang=lang)

    def calendar(self, index, eligibility: Eligibility, profile: CompanyProfile,  # type: ignore[no-untyped-def]
                 today: dt.date | None = None) -> CalendarView:
        """Open windows and deadlines of the matched items soonest first; closed windows apart."""
        today = today or eligibility.clock()
        view = LibraryView(eligibility)
        result = view.match(profile, today)
        watched = {w.item_id: w for w in view.watch_items(today)}
        closed = (m for m in result.unavailable if m.availability == "closed")
        entries = [ItemMatch(item=watched[m.id], status=m.status) for m in [*result.matches, *closed]
                   if m.id in watched]
        return application_calendar(entries, today)


def webhook_target_problem(url: str, allow_private: bool) -> str | None:
    """None when url may receive webhooks; otherwise the one-line reason."""
    shown = url[:80].encode("unicode_escape").decode("ascii")
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return message("invalid_webhook_url", url=shown, limit=2000)
    if parts.scheme not in ("http", "https") or not host:
        return message("invalid_webhook_url", url=shown, limit=2000)
    if parts.username or parts.password:
        return message("webhook_credentials", url=shown)
    if allow_private:
        return None
    for address in _addresses(host, parts.port or (443 if parts.scheme == "https" else 80)):
        if not address.is_global:
            return message("webhook_private", url=shown, address=str(address))
    return None


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The host's addresses (a literal, or what DNS says now); unresolvable names are left to send time."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return [ipaddress.ip_address("127.0.0.1")]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
