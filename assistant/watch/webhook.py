"""Optional per-profile webhooks: signed JSON POSTs sent from a background thread.

Receivers check X-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the profile's
secret> (the GitHub convention). The body carries sent_at, so the timestamp is signed too and a
receiver can refuse replays; X-Webhook-Timestamp repeats it and X-Webhook-Id lets a receiver
drop a retry it has already processed.

Ingest never waits: submit() puts the delivery on a bounded queue and returns at once (False,
with one log line, when the queue is full). The worker retries connection errors, 429 and 5xx
with exponential backoff for a bounded number of attempts, then logs one line and gives up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from assistant.watch.alerts import Alert

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Signature-256"
TIMESTAMP_HEADER = "X-Webhook-Timestamp"
ID_HEADER = "X-Webhook-Id"
REFUSED = "refused"


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """What a receiver does (and what the tests' receiver does)."""
    return bool(header) and hmac.compare_digest(sign(secret, body), header or "")


@dataclass(frozen=True)
class Delivery:
    url: str
    secret: str
    delivery_id: str
    payload: dict

    def body(self, sent_at: str) -> bytes:
        return json.dumps({**self.payload, "id": self.delivery_id, "sent_at": sent_at},
                          ensure_ascii=False, sort_keys=True).encode("utf-8")


@dataclass
class WebhookStats:
    delivered: int = 0
    failed: int = 0
    dropped: int = 0
    attempts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **counts: int) -> None:
        with self.lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)


class WebhookSender:
    """Start once per process; submit() from anywhere; close() on shutdown."""

    def __init__(self, max_queue: int = 1000, attempts: int = 5, base_delay: float = 1.0, max_delay: float = 60.0,
                 timeout: float = 10.0, client: httpx.Client | None = None,
                 clock: Callable[[], dt.datetime] | None = None,
                 guard: Callable[[str], str | None] | None = None) -> None:
        """guard(url) → a reason to refuse the URL now (checked before every POST), or None."""
        self.guard = guard
        self.attempts = max(1, attempts)
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.stats = WebhookStats()
        self._queue: queue.Queue[Delivery | None] = queue.Queue(maxsize=max_queue)
        self._stop = threading.Event()
        self._client = client or httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False)
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._thread = threading.Thread(target=self._run, name="webhook-sender", daemon=True)
        self._thread.start()

    def submit(self, url: str, secret: str, delivery_id: str, payload: dict) -> bool:
        """Queue one POST; never blocks, never raises."""
        try:
            self._queue.put_nowait(Delivery(url, secret, delivery_id, payload))
            return True
        except queue.Full:
            self.stats.add(dropped=1)
            log.warning("webhook %s dropped: queue full", delivery_id)
            return False

    def join(self, timeout: float = 30.0) -> bool:
        """Wait until everything queued has been delivered or given up; True if it finished."""
        done = threading.Event()

        def _wait() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=_wait, daemon=True).start()
        return done.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Stop waiting between retries, let the worker finish its current POST, then stop."""
        self._stop.set()
        with contextlib.suppress(queue.Full):  # the worker drops what is left once _stop is set
            self._queue.put(None, timeout=timeout)
        self._thread.join(timeout)
        self._client.close()

    def _run(self) -> None:
        while True:
            delivery = self._queue.get()
            try:
                if delivery is None:
                    return
                if self._stop.is_set():
                    self.stats.add(dropped=1)
                    log.warning("webhook %s dropped: sender closed", delivery.delivery_id)
                    continue
                self._deliver(delivery)
            except Exception as exc:  # the worker must survive anything one delivery does
                log.warning("webhook %s failed: %s", getattr(delivery, "delivery_id", "?"), _one_line(exc))
            finally:
                self._queue.task_done()

    def _deliver(self, delivery: Delivery) -> None:
        problem = ""
        for attempt in range(self.attempts):
            if attempt and self._stop.wait(self._delay(attempt)):
                break
            self.stats.add(attempts=1)
            problem = self._post(delivery)
            if not problem:
                self.stats.add(delivered=1)
                return
            if problem.startswith(("HTTP 4", REFUSED)) and not problem.startswith("HTTP 429"):
                break  # the receiver refuses this delivery; asking again will not change that
        self.stats.add(failed=1)
        log.warning("webhook %s to %s gave up after %d attempt(s): %s",
                    delivery.delivery_id, _host(delivery.url), attempt + 1, problem)

    def _post(self, delivery: Delivery) -> str:
        """'' on a 2xx, otherwise a one-line reason."""
        if self.guard is not None and (reason := self.guard(delivery.url)):
            return f"{REFUSED}: {reason}"  # e.g. the name now resolves to a private address
        sent_at = self._clock().isoformat()
        body = delivery.body(sent_at)
        headers = {"Content-Type": "application/json; charset=utf-8", SIGNATURE_HEADER: sign(delivery.secret, body),
                   TIMESTAMP_HEADER: sent_at, ID_HEADER: delivery.delivery_id}
        try:
            response = self._client.post(delivery.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return _one_line(exc) or type(exc).__name__
        return "" if response.is_success else f"HTTP {response.status_code}"

    def _delay(self, attempt: int) -> float:
        return min(self.max_delay, self.base_delay * 2 ** (attempt - 1))


def alert_payload(alert: Alert, profile_name: str | None) -> dict:
    """The JSON an alert is sent as."""
    return {"event": "policy_alert", "profile_name": profile_name, "alert": alert.model_dump(mode="json")}


def _host(url: str) -> str:
    try:
        return httpx.URL(url).host or "?"
    except Exception:
        return "?"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]
