"""Edge protection: bearer keys, per-key/IP rate limits (429), body size limits (413), headers.

The limits are plain ASGI middleware so they apply before a body is parsed and to the mounted
Gradio app as well; keys are FastAPI dependencies so that they appear in the OpenAPI schema.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.web.errors import Forbidden, Unauthorized, error_body
from assistant.web.settings import WebSettings

# Paths that run the assistant (and so cost CPU): these are rate limited here. The UI's own actions
# (Gradio's queue) are limited inside its handlers instead, with the same limiter, so that the page
# shows a message rather than an error on every component.
_LIMITED_PREFIXES = ("/api/v1/", "/v1/", "/embed/ask", "/gradio_api/call/", "/gradio_api/run/",
                     "/gradio_api/api/", "/gradio_api/upload")
_UNLIMITED = ("/api/v1/healthz",)
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

class SlidingWindowLimiter:
    """At most `limit` hits per `window` seconds per key; remembers at most `max_keys` keys."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 10_000) -> None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        if window <= 0:
            raise ValueError(f"window must be greater than 0, got {window}")
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, key: str) -> float:
        """Record a hit; returns 0 when allowed, else the seconds until the next one is."""
        now = self.clock()
        with self._lock:
            hits = self._hits.pop(key, None) or deque()
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            self._hits[key] = hits
            while len(self._hits) > self.max_keys:
                self._hits.popitem(last=False)
            if len(hits) >= self.limit:
                return max(hits[0] + self.window - now, 0.001)
            hits.append(now)
            return 0.0


def limiter_for(settings: WebSettings) -> SlidingWindowLimiter | None:
    return SlidingWindowLimiter(settings.rate_limit_per_minute) if settings.rate_limit_per_minute else None


def _is_limited(path: str) -> bool:
    return path.startswith(_LIMITED_PREFIXES) and not path.startswith(_UNLIMITED)


def client_key(scope: Scope, settings: WebSettings) -> str:
    """Known keys are limited per key; everyone else per client address."""
    token = bearer_token(scope)
    if token and settings.is_api_key(token):
        return "key:" + hashlib.sha256(token.encode()).hexdigest()[:16]
    client = scope.get("client")
    return "ip:" + (client[0] if client else "unknown")


def rate_limit_message(wait: float, limit: int) -> str:
    seconds = math.ceil(wait)
    return f"请求过于频繁，请 {seconds} 秒后再试（每分钟最多 {limit} 次）。"


async def _send_error(send: Send, status: int, code: str, message: str, openai: bool,
                      headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps(error_body(status, code, message, openai), ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


class RateLimitMiddleware:
    """429 with Retry-After once a key or IP has used its requests for the minute."""

    def __init__(self, app: ASGIApp, settings: WebSettings, limiter: SlidingWindowLimiter | None = None) -> None:
        self.app = app
        self.settings = settings
        self.limiter = limiter or limiter_for(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limiter is None or scope.get("method") == "OPTIONS" \
                or not _is_limited(scope["path"]):
            await self.app(scope, receive, send)
            return
        wait = self.limiter.hit(client_key(scope, self.settings))
        if wait:
            seconds = str(math.ceil(wait))
            await _send_error(send, 429, "rate_limited", rate_limit_message(wait, self.limiter.limit),
                              scope["path"].startswith("/v1/"), [(b"retry-after", seconds.encode())])
            return
        await self.app(scope, receive, send)


# ---- body size -------------------------------------------------------------------------------

class BodySizeLimitMiddleware:
    """413 for a body over the limit, whether announced by Content-Length or sent chunked."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings

    def limit_for(self, path: str) -> int:
        if path.startswith(_UPLOAD_PATHS):
            return self.settings.max_upload_bytes + _MULTIPART_SLACK
        return self.settings.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        limit = self.limit_for(path)
        openai = path.startswith("/v1/")
        message = f"请求体过大（上限 {limit} 字节）。Request body too large."
        headers = dict(scope.get("headers") or ())
        length = headers.get(b"content-length")
        if length is not None:  # the server holds the client to it
            if not length.isdigit() or int(length) > limit:
                await _send_error(send, 413, "payload_too_large", message, openai)
                return
            await self.app(scope, receive, send)
            return
        # Chunked: read it here (at most limit + 1 bytes), then replay it to the app.
        chunks: list[bytes] = []
        size = 0
        while True:
            msg = await receive()
            if msg["type"] != "http.request":
                await self.app(scope, _replay([msg]), send)
                return
            chunk = msg.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _send_error(send, 413, "payload_too_large", message, openai)
                return
            chunks.append(chunk)
            if not msg.get("more_body", False):
                break
        body = b"".join(chunks)
        await self.app(scope, _replay([{"type": "http.request", "body": body, "more_body": False}], receive), send)


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
