"""A real Chroma server (`chroma run`, shipped in the chromadb wheel) on 127.0.0.1, for tests.

    server = ChromaServer(tmp_path / "chroma").start()
    ...  Settings(chroma_host=server.host, chroma_port=server.port)
    server.kill(); server.start()   # same port and path: the data survives
    server.stop()
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"


def chroma_executable() -> str | None:
    beside = Path(sys.executable).with_name("chroma")
    return str(beside) if beside.exists() else shutil.which("chroma")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class ChromaServer:
    """One `chroma run` process; `kill()` and `start()` again keep the same port and path."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        exe = chroma_executable()
        if exe is None:
            raise RuntimeError("the chroma CLI is missing (it ships in the chromadb wheel)")
        self.exe = exe
        self.path = path
        self.host = HOST
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.log = path.parent / f"chroma-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def heartbeat(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/api/v2/heartbeat", timeout=1) as r:
                return r.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def start(self, timeout: float = 60.0) -> ChromaServer:
        self.path.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [self.exe, "run", "--host", self.host, "--port", str(self.port), "--path", str(self.path)],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while not self.heartbeat():
            if self.proc.poll() is not None:
                raise RuntimeError(f"chroma run exited with {self.proc.returncode}: {self.log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"chroma run gave no heartbeat within {timeout} s")
            time.sleep(0.1)
        return self

    def kill(self) -> None:
        """SIGKILL: the server dies without a chance to clean up, as in a crash."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while self.heartbeat() and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None
