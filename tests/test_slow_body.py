"""A client that sends its body too slowly gets 408 and its connection back, on a real server."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve

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
