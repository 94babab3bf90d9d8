"""Webhooks against real HTTP receivers on 127.0.0.1: signature, retries, a receiver that is down."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from watch_support import free_port

from assistant.watch.webhook import ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookSender, sign, verify

SECRET = "s3cret-" * 6


class Receiver:
    """An HTTP server that checks each POST's signature and answers from a list of status codes."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        self.received: list[dict] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    status = receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                    receiver.received.append({
                        "valid": verify(SECRET, body, self.headers.get(SIGNATURE_HEADER)),
                        "body": json.loads(body), "timestamp": self.headers.get(TIMESTAMP_HEADER),
                        "id": self.headers.get(ID_HEADER), "status": status,
                    })
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sender() -> Iterator[WebhookSender]:
    s = WebhookSender(attempts=4, base_delay=0.05, max_delay=0.2, timeout=2.0)
    yield s
    s.close()


def _receiver(statuses: list[int]) -> Iterator[Receiver]:
    r = Receiver(statuses)
    yield r
    r.close()


@pytest.fixture
def ok_receiver() -> Iterator[Receiver]:
    yield from _receiver([200])


def test_signature_is_hmac_sha256_of_the_raw_body() -> None:
    body = b'{"a": 1}'
    assert sign("k", body) == "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest()
    assert verify("k", body, sign("k", body))
    assert not verify("other", body, sign("k", body)) and not verify("k", body + b" ", sign("k", body))
    assert not verify("k", body, None) and not verify("k", body, "")


def test_a_delivery_arrives_signed_with_its_id_and_signed_timestamp(sender: WebhookSender,
                                                                    ok_receiver: Receiver) -> None:
    assert sender.submit(ok_receiver.url, SECRET, "alert-1", {"event": "policy_alert", "title": "首台套奖励"})
    assert sender.join(10)
    (got,) = ok_receiver.received
    assert got["valid"] and got["id"] == "alert-1"
    assert got["body"]["title"] == "首台套奖励" and got["body"]["id"] == "alert-1"
    assert got["body"]["sent_at"] == got["timestamp"]  # the timestamp is inside the signed body
    assert sender.stats.delivered == 1 and sender.stats.attempts == 1


def test_a_wrong_secret_is_detected_by_the_receiver(sender: WebhookSender, ok_receiver: Receiver) -> None:
    sender.submit(ok_receiver.url, "not-the-secret", "alert-2", {"x": 1})
    assert sender.join(10)
    assert [r["valid"] for r in ok_receiver.received] == [False]


def test_500_then_200_is_retried_and_delivered(sender: WebhookSender) -> None:
    for receiver in _receiver([500, 503, 200]):
        sender.submit(receiver.url, SECRET, "alert-3", {"x": 1})
        assert sender.join(10)
        assert [r["status"] for r in receiver.received] == [500, 503, 200]
        assert all(r["valid"] for r in receiver.received)
        assert len({r["id"] for r in receiver.received}) == 1  # the receiver can tell it is one delivery
    assert sender.stats.delivered == 1 and sender.stats.attempts == 3 and sender.stats.failed == 0


def test_a_4xx_is_not_retried(sender: WebhookSender, caplog: pytest.LogCaptureFixture) -> None:
    for receiver in _receiver([404]):
        with caplog.at_level(logging.WARNING, logger="assistant.watch.webhook"):
            sender.submit(receiver.url, SECRET, "alert-4", {"x": 1})
            assert sender.join(10)
        assert len(receiver.received) == 1
    assert sender.stats.failed == 1
    assert any("alert-4" in r.getMessage() and "HTTP 404" in r.getMessage() for r in caplog.records)


def test_a_receiver_that_is_down_is_retried_then_given_up_without_raising(
        sender: WebhookSender, caplog: pytest.LogCaptureFixture) -> None:
    url = f"http://127.0.0.1:{free_port()}/hook"  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="assistant.watch.webhook"):
        started = time.monotonic()
        assert sender.submit(url, SECRET, "alert-5", {"x": 1}) is True
        assert time.monotonic() - started < 0.5  # submit never waits for the network
        assert sender.join(30)
    assert sender.stats.attempts == 4 and sender.stats.failed == 1 and sender.stats.delivered == 0
    lines = [r.getMessage() for r in caplog.records if "alert-5" in r.getMessage()]
    assert len(lines) == 1 and "gave up after 4 attempt(s)" in lines[0] and "\n" not in lines[0]


def test_backoff_doubles_up_to_the_cap() -> None:
    s = WebhookSender(attempts=6, base_delay=1.0, max_delay=5.0)
    try:
        assert [s._delay(n) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    finally:
        s.close()


def test_a_full_queue_drops_with_a_log_line_and_never_blocks(caplog: pytest.LogCaptureFixture) -> None:
    gate = threading.Event()

    class Slow:
        def post(self, *args: object, **kwargs: object) -> object:
            gate.wait(10)
            raise RuntimeError("unreachable")

        def close(self) -> None:
            pass

    s = WebhookSender(max_queue=2, attempts=1, client=Slow())  # type: ignore[arg-type]
    try:
        with caplog.at_level(logging.WARNING, logger="assistant.watch.webhook"):
            started = time.monotonic()
            accepted = [s.submit("http://127.0.0.1:9/x", SECRET, f"a{n}", {}) for n in range(10)]
            assert time.monotonic() - started < 1.0
        assert accepted[:2] == [True, True] and accepted.count(False) >= 7
        assert s.stats.dropped == accepted.count(False)
        assert any("queue full" in r.getMessage() for r in caplog.records)
    finally:
        gate.set()
        s.close()


def test_close_stops_waiting_between_retries() -> None:
    s = WebhookSender(attempts=5, base_delay=30.0, timeout=1.0)
    s.submit(f"http://127.0.0.1:{free_port()}/hook", SECRET, "alert-6", {})
    time.sleep(0.3)  # the first attempt fails at once; the worker now waits 30 s
    started = time.monotonic()
    s.close(timeout=5)
    assert time.monotonic() - started < 5
    assert s.stats.failed == 1 and s.stats.attempts == 1
