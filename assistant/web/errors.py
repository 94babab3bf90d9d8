"""The HTTP edge's error contract: every failure is JSON {"error": {"code", "message"}}.

Domain errors (assistant/errors.py) keep their message, which is safe to show; anything else
becomes a 500 with a generic message and is logged here with its traceback.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, model_validator
from pydantic_core import PydanticCustomError
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import (
    AssistantError,
    ConfigError,
    DocumentError,
    IndexMissing,
    InvalidLanguage,
    InvalidQuestion,
)
from assistant.index.store import IndexWriteError

log = logging.getLogger("assistant.web")

GENERIC_500 = "服务器内部错误，请稍后重试。Internal server error."
LONE_SURROGATE = ("文本包含无效字符（不成对的 UTF-16 代理码位，如 \\ud800），请删除后重试。"
                  "The text contains a lone surrogate (e.g. \\ud800).")

_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogate(value: Any) -> bool:
    """Any string in a JSON-like value, keys included, holding half of a UTF-16 pair.

    JSON may spell one ("\\ud800") and Python decodes it, but it cannot be encoded as UTF-8: left
    in, it fails deep inside (tokenizer, logging, the response) as a 500.
    """
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(has_surrogate(k) or has_surrogate(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(has_surrogate(v) for v in value)
    return False


class CleanText(BaseModel):
    """Base of the JSON request bodies: no string anywhere in them holds a lone surrogate (a 400)."""

    @model_validator(mode="before")
    @classmethod
    def _no_lone_surrogates(cls, data: Any) -> Any:
        if has_surrogate(data):
            raise PydanticCustomError("invalid_text", LONE_SURROGATE)
        return data


class NotFound(AssistantError):
    """A document, clause or route that does not exist."""


class Unauthorized(AssistantError):
    """A missing or unknown API key."""


class Forbidden(AssistantError):
    """A valid key without the right (e.g. uploading without an admin key)."""


class PayloadTooLarge(AssistantError):
    """A request body or uploaded file over the configured limit."""


class Busy(AssistantError):
    """The server is doing this already (one upload at a time): try again shortly."""


def status_for(exc: AssistantError) -> tuple[int, str]:
    """HTTP status and machine-readable code for a domain error (most specific class first)."""
    from assistant.eligibility.errors import InvalidProfile

    table: list[tuple[type[AssistantError], int, str]] = [
        (NotFound, 404, "not_found"),
        (Unauthorized, 401, "unauthorized"),
        (Forbidden, 403, "forbidden"),
        (PayloadTooLarge, 413, "payload_too_large"),
        (Busy, 409, "busy"),
        (InvalidQuestion, 400, "invalid_question"),
        (InvalidLanguage, 400, "invalid_lang"),
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
                 404: "not_found_error", 409: "conflict_error", 413: "invalid_request_error",
                 422: "invalid_request_error", 429: "rate_limit_error"}


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
        if any(e.get("type") == "invalid_text" for e in exc.errors()):
            return error_response(400, "invalid_text", LONE_SURROGATE, _is_openai(request))
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
