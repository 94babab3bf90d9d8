"""The real server bounds what a client can make it hold: a body sent too slowly gets 408, an oversized request head
400 (httptools would buffer headers of any size; the edge serves with h11 and a limit)."""

from __future__ import annotations

import contextlib
import socket
import time

import httpx
import pytest

from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import ServerThread, serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def url(plan_runtime):
    with serve(create_app(plan_runtime, WebSettings(body_timeout_s=1.0, rate_limit_per_minute=0), ui=False)) as url:
        yield url


def _slow_post(url: str, path: str, head: bytes, chunked: bool = False) -> tuple[bytes, float]:
    host, port = url.removeprefix("http://").split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        length = b"Transfer-Encoding: chunked\r\n" if chunked else b"Content-Length: 200\r\n"
        sock.sendall(b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     + length + b"\r\n" + head)
        reply = sock.recv(4096)  # the server answers without waiting for the rest
    return reply, time.monotonic() - started


@pytest.mark.parametrize("chunked", [False, True])
def test_slow_body_gets_408_within_the_timeout(url, chunked):
    head = b"5\r\n{\"q\":\r\n" if chunked else b'{"question": "'
    reply, took = _slow_post(url, "/api/v1/ask", head, chunked)
    status = reply.split(b"\r\n", 1)[0]
    assert b" 408 " in status, reply[:200]
    assert b"request_timeout" in reply and b"Traceback" not in reply
    assert took < 5


def test_normal_bodies_and_streams_are_untouched(url):
    reply = httpx.post(url + "/api/v1/ask", json={"question": "首台套有什么支持？"}, timeout=30)
    assert reply.status_code == 200 and reply.json()["citations"]
    time.sleep(1.2)  # longer than the body timeout: a finished body never times out later
    with httpx.stream("POST", url + "/v1/chat/completions", timeout=30, json={
            "model": "zhizhuang-assistant", "stream": True,
            "messages": [{"role": "user", "content": "首台套有什么支持？"}]}) as stream:
        assert stream.status_code == 200
        assert "data: [DONE]" in stream.read().decode()


def _raw_get(url: str, header_bytes: int) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        try:
            sock.sendall(b"GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * header_bytes + b"\r\n\r\n")
            return sock.recv(4096)
        except (ConnectionResetError, BrokenPipeError):  # closed before it read everything: also a refusal
            return b"reset"


def test_request_heads_beyond_the_limit_are_refused(plan_runtime):
    server = ServerThread(create_app(plan_runtime, WebSettings(rate_limit_per_minute=0), ui=False),
                          web=WebSettings(max_header_bytes=16 * 1024))
    url = server.start()
    try:
        assert _raw_get(url, 8 * 1024).startswith(b"HTTP/1.1 200 ")
        for size in (256 * 1024, 4 * 1024 * 1024):  # h11 checks the buffered part of a head: sizes past one read
            reply = _raw_get(url, size)
            assert reply == b"reset" or reply.startswith(b"HTTP/1.1 400 "), reply[:100]
            assert b"Traceback" not in reply
        assert _raw_get(url, 100).startswith(b"HTTP/1.1 200 ")  # and the server still serves
    finally:
        server.stop()


def test_content_length_beside_transfer_encoding_is_refused_and_the_connection_closed(url):
    """h11 frames such a body as chunked, past the Content-Length check: refuse it (RFC 9112 §6.3), with
    the connection closed so that a request smuggled behind it is never answered."""
    host, port = url.removeprefix("http://").split(":")
    body = b'{"question": "' + b"a" * 300_000 + b'"}'
    chunked = hex(len(body))[2:].encode() + b"\r\n" + body + b"\r\n0\r\n\r\n"
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 20\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked
                     + b"GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        replies = b""
        with contextlib.suppress(ConnectionResetError, TimeoutError):
            while chunk := sock.recv(65536):
                replies += chunk
    assert replies.startswith(b"HTTP/1.1 400 ") and b"bad_request" in replies, replies[:300]
    assert replies.count(b"HTTP/1.1 ") == 1, replies  # nothing answered after it: the connection was closed


def test_connections_beyond_the_cap_get_503(plan_runtime):
    """Idle or slow clients can hold at most max_connections: the next request gets 503, and the server
    serves again once they are gone."""
    server = ServerThread(create_app(plan_runtime, WebSettings(rate_limit_per_minute=0), ui=False),
                          web=WebSettings(max_connections=8))
    url = server.start()
    host, port = url.removeprefix("http://").split(":")
    idle = [socket.create_connection((host, int(port)), timeout=10) for _ in range(8)]
    try:
        for sock in idle:
            sock.sendall(b"GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\n")  # a head never finished
        time.sleep(0.5)
        assert httpx.get(url + "/api/v1/healthz", timeout=10).status_code == 503
        for sock in idle:
            sock.close()
        time.sleep(0.5)
        assert httpx.get(url + "/api/v1/healthz", timeout=10).status_code == 200
    finally:
        server.stop()
