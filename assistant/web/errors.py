"""The HTTP edge's error contract: every failure is JSON {"error": {"code", "message"}}.

Domain errors (assistant/errors.py) keep their message, which is safe to show; anything else
becomes a 500 with a generic message and is logged here with its traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import AssistantError, ConfigError, DocumentError, IndexMissing, InvalidQuestion
from assistant.index.store import IndexWriteError

log = logging.getLogger("assistant.web")

GENERIC_500 = "服务器内部错误，请稍后重试。Internal server error."


class NotFound(AssistantError):
    """A document, clause or route that does not exist."""


class Unauthorized(AssistantError):
    """A missing or unknown API key."""


class Forbidden(AssistantError):
    """A valid key without the right (e.g. uploading without an admin key)."""


class PayloadTooLarge(AssistantError):
    """A request body or uploaded file over the configured limit."""


def status_for(exc: AssistantError) -> tuple[int, str]:
    """HTTP status and machine-readable code for a domain error (most specific class first)."""
    from assistant.eligibility.errors import InvalidProfile

    table: list[tuple[type[AssistantError], int, str]] = [
        (NotFound, 404, "not_found"),
        (Unauthorized, 401, "unauthorized"),
        (Forbidden, 403, "forbidden"),
        (PayloadTooLarge, 413, "payload_too_large"),
        (InvalidQuestion, 400, "invalid_question"),
        (InvalidProfile, 400, "invalid_profile"),
        (DocumentError, 400, "invalid_document"),
        (IndexMissing, 503, "index_missing"),
        (IndexWriteError, 503, "index_write_failed"),  # disk full, read-only or busy: the server's state
        (ConfigError, 503, "config_error"),
    ]
    for cls, status, code in table:
        if isinstance(exc, cls):
            return status, code
    return 400, "bad_request"


_OPENAI_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
                 404: "not_found_error", 413: "invalid_request_error", 422: "invalid_request_error",
                 429: "rate_limit_error"}


def error_body(status: int, code: str, message: str, openai: bool = False) -> dict:
    error = {"code": code, "message": message}
    if openai:  # OpenAI clients also read error.type
        error["type"] = _OPENAI_TYPES.get(status, "server_error")
    return {"error": error}


def error_response(status: int, code: str, message: str, openai: bool = False,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message, openai), status_code=status, headers=headers)


def _is_openai(request: Request) -> bool:
    return request.url.path.startswith("/v1/")


def _http_code(status: int) -> str:
    known = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
             413: "payload_too_large", 429: "rate_limited"}
    return known.get(status, "http_error" if status < 500 else "internal_error")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    async def _domain(request: Request, exc: AssistantError) -> JSONResponse:
        status, code = status_for(exc)
        return error_response(status, code, str(exc), _is_openai(request))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = f"请求格式不正确：{where + '：' if where else ''}{first.get('msg', '')}"
        return error_response(422, "invalid_request", message, _is_openai(request))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        return error_response(exc.status_code, _http_code(exc.status_code), message, _is_openai(request),
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", GENERIC_500, _is_openai(request))
