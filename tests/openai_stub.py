"""A scripted OpenAI Chat Completions server on 127.0.0.1, for driving the real clients in tests.

    with OpenAIStub() as stub:
        stub.enqueue(Reply("答案[1]"), Reply(status=500))
        ... OPENAI_BASE_URL=stub.url ...
        stub.requests      # what the clients sent: path, headers, JSON body

Speaks both shapes of the protocol: a JSON completion, or (with "stream": true) server-sent
events `data: {chunk}\\n\\n` … `data: [DONE]\\n\\n` over chunked HTTP/1.1. Replies can be slow,
fail with a status, be garbage, be empty or stop midway (the socket closed mid-body).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (timeout tests) breaks the pipe; that is expected


@dataclass
class Reply:
    text: str = ""
    status: int = 200
    error_message: str = "scripted failure"
    delay: float = 0.0  # seconds before the response starts
    chunk_delay: float = 0.0  # seconds between streamed pieces
    garbage: bool = False  # a body (or SSE data) that is not JSON
    cut_after: int | None = None  # streamed pieces sent before the connection drops
    finish_reason: str | None = "stop"
    echo_auth: bool = False  # put the request's Authorization header into the error body
    headers: dict[str, str] = field(default_factory=dict)


def pieces(text: str, size: int = 3) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)]


class OpenAIStub:
    """Replies are consumed in order; with none left the stub answers HTTP 500."""

    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[dict] = []
        self.closing = threading.Event()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                stub.requests.append({"path": self.path, "json": body,
                                      "headers": {k.lower(): v for k, v in self.headers.items()}})
                reply = stub.replies.popleft() if stub.replies else Reply(status=500, error_message="no reply left")
                if reply.delay:
                    stub.closing.wait(reply.delay)
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send_json(404, {"error": {"message": f"unknown path {self.path}"}})
                elif reply.status != 200:
                    message = self.headers.get("Authorization", "") if reply.echo_auth else reply.error_message
                    self._send_json(reply.status, {"error": {"message": message, "type": "server_error",
                                                             "code": reply.status}}, reply.headers)
                elif isinstance(body, dict) and body.get("stream"):
                    self._stream(reply, body)
                elif reply.garbage:
                    self._send_raw(200, b"<html>this is not JSON</html>", "text/html")
                else:
                    self._send_json(200, _completion(reply, body))

            # ---- responses ------------------------------------------------------------------

            def _send_raw(self, status: int, data: bytes, content_type: str,
                          headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _send_json(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
                self._send_raw(status, json.dumps(payload, ensure_ascii=False).encode(), "application/json", headers)

            def _chunk(self, data: bytes) -> None:
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

            def _event(self, payload: dict | str) -> None:
                data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
                self._chunk(f"data: {data}\n\n".encode())

            def _stream(self, reply: Reply, body: dict) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                model = body.get("model", "stub-model")
                if reply.garbage:
                    self._event("{this is not json")
                    self._event("[DONE]")
                    self._chunk(b"")
                    return
                self._event(_chunk_payload(model, {"role": "assistant", "content": ""}))
                for i, piece in enumerate(pieces(reply.text)):
                    if reply.cut_after is not None and i >= reply.cut_after:
                        self._drop()
                        return
                    if reply.chunk_delay and stub.closing.wait(reply.chunk_delay):
                        self._drop()
                        return
                    self._event(_chunk_payload(model, {"content": piece}))
                if reply.cut_after is not None:
                    self._drop()
                    return
                self._event(_chunk_payload(model, {}, reply.finish_reason))
                self._event("[DONE]")
                self._chunk(b"")

            def _drop(self) -> None:
                """Close the connection mid-body: no final chunk, no [DONE]."""
                self.close_connection = True
                try:
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="openai-stub", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def enqueue(self, *replies: Reply | str) -> OpenAIStub:
        self.replies.extend(r if isinstance(r, Reply) else Reply(r) for r in replies)
        return self

    def start(self) -> OpenAIStub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.closing.set()  # wakes slow replies so their threads end now
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> OpenAIStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _chunk_payload(model: str, delta: dict, finish_reason: str | None = None) -> dict:
    return {
        "id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }


def _completion(reply: Reply, body: dict | None) -> dict:
    return {
        "id": "chatcmpl-stub", "object": "chat.completion", "created": int(time.time()),
        "model": (body or {}).get("model", "stub-model"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply.text},
                     "finish_reason": reply.finish_reason}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def free_port_closed() -> str:
    """A base URL on 127.0.0.1 where nothing listens (the port was free a moment ago)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
