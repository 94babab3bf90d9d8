"""A real uvicorn server on 127.0.0.1 and a free port, in a thread: for tests and benchmarks.

    with serve(create_app(runtime)) as url:
        httpx.get(url + "/api/v1/healthz")
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn

from assistant.web.settings import WebSettings, server_options


class ServerThread:
    """uvicorn.Server on a socket bound here (no port race), stopped by `stop()`."""

    def __init__(self, app, host: str = "127.0.0.1", web: WebSettings | None = None) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"test servers listen on loopback only, got {host}")
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://{host}:{self.port}"
        # the options app.py serves with, so tests see the production edge (header limit included)
        config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=2,
                                **server_options(web or WebSettings()))
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True,
                                       name=f"uvicorn-{self.port}")

    def start(self, timeout: float = 60.0) -> str:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the test server stopped while starting")
            if time.monotonic() > deadline:
                raise TimeoutError(f"the test server did not start within {timeout} s")
            time.sleep(0.05)
        return self.url

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@contextlib.contextmanager
def serve(app, host: str = "127.0.0.1") -> Iterator[str]:
    server = ServerThread(app, host)
    try:
        yield server.start()
    finally:
        server.stop()
