"""Edge protection: bearer keys, per-key/IP rate limits (429), body size limits (413), headers.

The limits are plain ASGI middleware so they apply before a body is parsed and to the mounted
Gradio app as well (every Gradio event is counted once, at queue/join or call, before it is queued);
keys are FastAPI dependencies so that they appear in the OpenAPI schema. Rate limits are counted by
the `limits` library, in memory or in a shared Redis (ASSISTANT_RATE_LIMIT_STORAGE). See docs/security.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import ipaddress
import json
import logging
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit

import limits
import limits.aio.strategies
import limits.errors
import limits.storage
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.errors import ConfigError
from assistant.web.errors import Forbidden, Unauthorized, error_body
from assistant.web.settings import WebSettings

log = logging.getLogger(__name__)

# REST paths that run the assistant (and so cost CPU): rate limited. Gradio paths: see _is_limited.
_LIMITED_PREFIXES = ("/api/v1/", "/v1/", "/embed/ask")
_UNLIMITED = ("/api/v1/healthz",)
_GRADIO = "/gradio_api/"
_GRADIO_FREE = ("/gradio_api/reset", "/gradio_api/cancel")
_GRADIO_FILES = ("/gradio_api/file=", "/gradio_api/file/", "/gradio_api/proxy=")
# Gradio routes that write uploaded files to its upload folder.
_GRADIO_UPLOADS = ("/gradio_api/upload", "/gradio_api/process_recording")
# Paths that accept a document upload: they get max_upload_bytes instead of max_body_bytes.
_UPLOAD_PATHS = ("/gradio_api/upload", "/api/v1/documents")
_MULTIPART_SLACK = 64 * 1024

_bearer = HTTPBearer(auto_error=False, description="An API key from ASSISTANT_API_KEYS (when keys are set)")


def bearer_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers") or ():
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return token.strip() if scheme.lower() == "bearer" and token.strip() else None
    return None


def web_settings(request: Request) -> WebSettings:
    return request.app.state.web_settings


def require_api_key(request: Request,
                    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str | None:
    """When keys are configured, a valid bearer key is required; returns the key (or None)."""
    settings = web_settings(request)
    token = credentials.credentials if credentials else None
    if settings.auth_enabled and not settings.is_api_key(token):
        raise Unauthorized("需要有效的 API 密钥：请在请求头加入 Authorization: Bearer <key>")
    return token


def require_admin(request: Request, token: Annotated[str | None, Depends(require_api_key)]) -> None:
    """Once any key is configured, uploading needs an admin key (none configured: nobody uploads)."""
    settings = web_settings(request)
    if settings.auth_enabled and not settings.is_admin_key(token):
        raise Forbidden("上传文档需要管理员密钥（ASSISTANT_ADMIN_KEYS）")


# ---- rate limiting ---------------------------------------------------------------------------

class RateLimitStorageError(ConfigError):
    """The configured shared storage (ASSISTANT_RATE_LIMIT_STORAGE) cannot be reached at startup."""


def _redact(uri: str) -> str:
    """The storage URL without its password, for messages and logs."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _storage_options(uri: str) -> dict:
    # Short timeouts: a slow Redis must not hold a request (or the event loop) for long.
    return {} if uri.startswith("memory://") else {"socket_connect_timeout": 1, "socket_timeout": 1}


def check_storage(uri: str) -> None:
    """Fail at startup, loudly, when the shared storage is unreachable (see docs/security.md)."""
    if uri.startswith("memory://"):
        return
    storage = limits.storage.storage_from_string(uri, **_storage_options(uri))
    try:
        reachable = storage.check()
    finally:
        with contextlib.suppress(Exception):
            storage.storage.connection_pool.disconnect()
    if not reachable:
        raise RateLimitStorageError(
            f"限流存储不可用：无法连接 ASSISTANT_RATE_LIMIT_STORAGE={_redact(uri)}。"
            "请启动该服务，或去掉此设置以使用单进程内存限流。")


class RateLimiter:
    """At most `limit` requests per minute per key (a moving window, from the `limits` library).

    The counts live in `storage_uri`: memory:// (this process only) or redis://… (shared by every
    instance that uses the same URL). When the shared storage fails after startup, requests are
    counted in this process instead (a logged warning), and the shared storage is tried again after
    `retry_after` seconds: the service stays up, with per-instance limits meanwhile.
    """

    def __init__(self, limit: int, storage_uri: str = "memory://", retry_after: float = 5.0) -> None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        self.limit = limit
        self.storage_uri = storage_uri
        self.item = limits.RateLimitItemPerMinute(limit)
        self.retry_after = retry_after
        self._shared = self._strategy(storage_uri)
        self._local = self._strategy("memory://") if not storage_uri.startswith("memory://") else self._shared
        self._down_until = 0.0
        self._warned_at = -math.inf

    @staticmethod
    def _strategy(uri: str) -> limits.aio.strategies.MovingWindowRateLimiter:
        options = _storage_options(uri)
        if uri.startswith("redis"):
            options["implementation"] = "redispy"  # the pinned `redis` client, not coredis
        storage = limits.storage.storage_from_string("async+" + uri, wrap_exceptions=True, **options)
        return limits.aio.strategies.MovingWindowRateLimiter(storage)

    async def hit(self, key: str) -> float:
        """Count one request; returns 0 when allowed, else the seconds until the next one is."""
        strategy = self._shared if time.monotonic() >= self._down_until else self._local
        try:
            return await self._hit(strategy, key)
        except limits.errors.StorageError as exc:
            self._shared_failed(exc)
            return await self._hit(self._local, key)

    async def _hit(self, strategy: limits.aio.strategies.MovingWindowRateLimiter, key: str) -> float:
        if await strategy.hit(self.item, "assistant", key):
            return 0.0
        stats = await strategy.get_window_stats(self.item, "assistant", key)
        return max(stats.reset_time - time.time(), 0.001)

    def _shared_failed(self, exc: Exception) -> None:
        now = time.monotonic()
        self._down_until = now + self.retry_after
        if now - self._warned_at >= 60:  # one line a minute while it stays down, not one per request
            self._warned_at = now
            log.warning("rate-limit storage %s failed (%s: %s); counting in this process for now",
                        _redact(self.storage_uri), type(exc.__cause__ or exc).__name__, exc.__cause__ or exc)


def limiter_for(settings: WebSettings) -> RateLimiter | None:
    """The server's limiter (None when limits are off); raises when the shared storage is down."""
    if not settings.rate_limit_per_minute:
        return None
    check_storage(settings.rate_limit_storage)
    return RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_storage)


def _is_limited(method: str, path: str) -> bool:
    """REST calls that run the assistant, and every Gradio request that starts work or reads a file.

    Gradio: every POST (queue/join, call, run, api, upload, …: one per event, deny by default so
    that a new Gradio route is covered too) except reset/cancel, which stop work; and file
    downloads. The GET streams (queue/data, call/<name>/<id>) only read an event already counted.
    """
    if path.startswith(_GRADIO):
        if method == "POST":
            return path.rstrip("/") not in _GRADIO_FREE
        return path.startswith(_GRADIO_FILES)
    return path.startswith(_LIMITED_PREFIXES) and not path.startswith(_UNLIMITED)


def client_key(scope: Scope, settings: WebSettings) -> str:
    """Known keys are limited per key; everyone else per client address (IPv6: per /64)."""
    token = bearer_token(scope)
    if token and settings.is_api_key(token):
        return "key:" + hashlib.sha256(token.encode()).hexdigest()[:16]
    client = scope.get("client")
    host = client[0] if client else "unknown"
    with contextlib.suppress(ValueError):
        address = ipaddress.ip_address(host)
        if isinstance(address, ipaddress.IPv6Address):
            if address.ipv4_mapped is not None:
                return f"ip:{address.ipv4_mapped}"
            # One host gets a whole /64: counting each address would let it rotate past the limit.
            return "ip:" + str(ipaddress.ip_network(f"{address}/64", strict=False))
        host = str(address)
    return "ip:" + host


def rate_limit_message(wait: float, limit: int) -> str:
    seconds = math.ceil(wait)
    return f"请求过于频繁，请 {seconds} 秒后再试（每分钟最多 {limit} 次）。"


async def _send_error(send: Send, status: int, code: str, message: str, path: str,
                      headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = error_body(status, code, message, path.startswith("/v1/"))
    if path.startswith(_GRADIO):  # Gradio's page shows `detail` of a refused request to the visitor
        body["detail"] = message
    data = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()), *headers]})
    await send({"type": "http.response.body", "body": data})


class RateLimitMiddleware:
    """429 with Retry-After once a key or IP has used its requests for the minute."""

    def __init__(self, app: ASGIApp, settings: WebSettings, limiter: RateLimiter | None = None) -> None:
        self.app = app
        self.settings = settings
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limiter is None or not _is_limited(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        wait = await self.limiter.hit(client_key(scope, self.settings))
        if wait:
            seconds = str(math.ceil(wait))
            await _send_error(send, 429, "rate_limited", rate_limit_message(wait, self.limiter.limit),
                              scope["path"], [(b"retry-after", seconds.encode())])
            return
        await self.app(scope, receive, send)


class GradioUploadAuthMiddleware:
    """Files reach Gradio's upload folder only with an admin bearer key (when keys are on) and only
    while the folder stays under max_scratch_bytes (its oldest files are removed first).

    Gradio's own upload routes know nothing of our keys; without this, anyone could fill the disk
    while the REST upload is locked. The browser page cannot send a bearer key, so with keys on
    admins upload through POST /api/v1/documents (or gradio_client with the header).
    """

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") not in _GRADIO_UPLOADS:
            await self.app(scope, receive, send)
            return
        if self.settings.upload_needs_admin:
            token = bearer_token(scope)
            if not self.settings.is_api_key(token):
                await _send_error(send, 401, "unauthorized",
                                  "需要管理员密钥：请在请求头加入 Authorization: Bearer <key>",
                                  scope["path"], [(b"www-authenticate", b"Bearer")])
                return
            if not self.settings.is_admin_key(token):
                await _send_error(send, 403, "forbidden", "上传文档需要管理员密钥（ASSISTANT_ADMIN_KEYS）",
                                  scope["path"])
                return
        if not await asyncio.to_thread(self._room_for, _content_length(scope)):
            await _send_error(send, 507, "storage_full", "服务器临时空间已满，请稍后再试。Upload space is full; "
                              "try again later.", scope["path"], [(b"retry-after", b"120")])
            return
        await self.app(scope, receive, send)

    def _room_for(self, incoming: int) -> bool:
        from gradio.utils import get_upload_folder

        from assistant.web.scratch import make_room

        return make_room(Path(get_upload_folder()), self.settings.max_scratch_bytes, incoming)


def _content_length(scope: Scope) -> int:
    value = dict(scope.get("headers") or ()).get(b"content-length", b"0")
    return int(value) if value.isdigit() else 0


# ---- body size -------------------------------------------------------------------------------

def _ambiguous_framing(scope: Scope) -> bool:
    names = [name for name, _ in scope.get("headers") or ()]
    return b"content-length" in names and b"transfer-encoding" in names


class BodySizeLimitMiddleware:
    """413 for a body over the limit (announced by Content-Length or sent chunked); 408 for a body
    that does not arrive within body_timeout_s, so slow clients cannot hold connections open."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings

    def limit_for(self, path: str) -> int:
        if path.startswith(_UPLOAD_PATHS):
            return self.settings.max_upload_bytes + _MULTIPART_SLACK
        return self.settings.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _ambiguous_framing(scope):
            # Content-Length beside Transfer-Encoding: h11 frames the body as chunked and would let it past the
            # length check below; RFC 9112 §6.3 allows refusing it, and the connection must not be reused.
            await _send_error(send, 400, "bad_request", "请求同时带有 Content-Length 与 Transfer-Encoding。"
                              "Request has both Content-Length and Transfer-Encoding.", scope["path"],
                              [(b"connection", b"close")])
            return
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        limit = self.limit_for(path)
        message = f"请求体过大（上限 {limit} 字节）。Request body too large."
        headers = dict(scope.get("headers") or ())
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _send_error(send, 413, "payload_too_large", message, path)
            return
        guard = _BodyDeadline(receive, send, self.settings.body_timeout_s, path)
        if length is not None:  # the server holds the client to the length; only the time is ours
            await self.app(scope, guard.receive, guard.send)
            return
        # Chunked: read it here (at most limit + 1 bytes), then replay it to the app.
        chunks: list[bytes] = []
        size = 0
        while True:
            msg = await guard.receive()
            if msg["type"] != "http.request":
                if not guard.timed_out:
                    await self.app(scope, _replay([msg]), send)
                return
            chunk = msg.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _send_error(send, 413, "payload_too_large", message, path)
                return
            chunks.append(chunk)
            if not msg.get("more_body", False):
                break
        body = b"".join(chunks)
        await self.app(scope, _replay([{"type": "http.request", "body": body, "more_body": False}], receive), send)


class _BodyDeadline:
    """Wraps receive/send: the whole body must arrive before a deadline, else 408 and a disconnect.

    Only reads of the body are timed; once it is complete, receive() passes through (streaming
    responses wait on it for the client's disconnect)."""

    def __init__(self, receive: Receive, send: Send, timeout: float, path: str) -> None:
        self._receive = receive
        self._send = send
        self._deadline = time.monotonic() + timeout
        self._path = path
        self._body_done = False
        self._started = False
        self.timed_out = False

    async def receive(self) -> Message:
        if self.timed_out:
            return {"type": "http.disconnect"}
        if self._body_done:
            return await self._receive()
        try:
            async with asyncio.timeout(max(self._deadline - time.monotonic(), 0.0)):
                msg = await self._receive()
        except TimeoutError:
            self.timed_out = True
            if not self._started:
                self._started = True
                await _send_error(self._send, 408, "request_timeout",
                                  "请求体发送超时，请重试。Request body not received in time.", self._path)
            return {"type": "http.disconnect"}
        if msg["type"] != "http.request" or not msg.get("more_body", False):
            self._body_done = True
        return msg

    async def send(self, msg: Message) -> None:
        if self.timed_out:
            return  # the 408 has been sent; the app's late reply goes nowhere
        if msg["type"] == "http.response.start":
            self._started = True
        await self._send(msg)


def _replay(messages: list[Message], then: Receive | None = None) -> Receive:
    pending = list(messages)

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}

    return receive


class SecurityHeadersMiddleware:
    """nosniff and referrer policy everywhere; frame-ancestors limited to the CORS allowlist."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
        if settings.cors_origins:
            ancestors = " ".join(["'self'", *settings.cors_origins])
            extra.append((b"content-security-policy", f"frame-ancestors {ancestors}".encode()))
        self.extra = extra

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                present = {k.lower() for k, _ in msg.get("headers", [])}
                msg["headers"] = list(msg.get("headers", [])) + [h for h in self.extra if h[0] not in present]
            await send(msg)

        await self.app(scope, receive, with_headers)


class HeadAsGetMiddleware:
    """HEAD on a page or API route answers as its GET would, without the body (RFC 9110 §9.3.2): uptime
    monitors and link checkers probe /healthz, /embed and /docs with HEAD. FastAPI routes take GET only, and
    an unmatched HEAD fell through to the UI mounted at / as a 404. Gradio's own paths answer HEAD
    themselves; only paths a GET route of the app matches are rewritten."""

    def __init__(self, app: ASGIApp, routes: Callable[[], list[BaseRoute]]) -> None:
        self.app = app
        self.routes = routes  # read per request: routes are added after the middleware is

    def _get_route(self, scope: Scope) -> bool:
        as_get = {**scope, "method": "GET"}
        return any(not isinstance(r, Mount) and r.matches(as_get)[0] == Match.FULL for r in self.routes())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD" or not self._get_route(scope):
            await self.app(scope, receive, send)
            return

        async def headers_only(msg: Message) -> None:
            if msg["type"] == "http.response.body":
                msg = {**msg, "body": b""}
            await send(msg)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
