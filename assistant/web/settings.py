"""Settings of the web server: keys, CORS, rate and size limits (env prefix ASSISTANT_).

Lists are read from the environment as comma-separated values (or a JSON list):
    ASSISTANT_API_KEYS=key1,key2          bearer keys for /api/v1 and /v1 (empty = open)
    ASSISTANT_ADMIN_KEYS=admin1           keys allowed to upload documents once auth is on
    ASSISTANT_CORS_ORIGINS=https://portal.example.gov.cn
    ASSISTANT_RATE_LIMIT_PER_MINUTE=120   per key, else per client IP (0 = off)
    ASSISTANT_RATE_LIMIT_STORAGE=memory://            this process only (default)
    ASSISTANT_RATE_LIMIT_STORAGE=redis://127.0.0.1:6379/0   one budget shared by every instance
    ASSISTANT_MAX_BODY_BYTES=262144       JSON bodies; uploads have ASSISTANT_MAX_UPLOAD_BYTES
    ASSISTANT_MAX_HEADER_BYTES=65536      request line plus headers (400 beyond, see server_options)
    ASSISTANT_MAX_CONNECTIONS=256         connections and requests at once (503 beyond)
"""

from __future__ import annotations

import hmac
import json
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from assistant.documents.loaders import MAX_FILE_BYTES

MODEL_ID = "zhizhuang-assistant"
_STORAGE_SCHEMES = ("memory", "redis", "rediss", "redis+unix", "redis+sentinel", "redis+cluster")


def _split(value: object) -> object:
    """Accept "a,b", '["a","b"]', a list or None; drop blanks."""
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        value = json.loads(text) if text.startswith("[") else text.split(",")
    if isinstance(value, (list, tuple)):
        return [v.strip() if isinstance(v, str) else v for v in value if not (isinstance(v, str) and not v.strip())]
    return value


class WebSettings(BaseSettings):
    """What the HTTP edge enforces; the assistant's own Settings stay in assistant/settings.py."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="Bearer keys accepted by /api/v1 and /v1; empty = no key needed")
    admin_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="Keys that may upload documents (with no key set at all, anyone may); "
                                          "also valid as API keys")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed by CORS and as frame ancestors; empty = same origin")
    rate_limit_per_minute: int = Field(default=120, ge=0, description="Requests per key or IP per minute; 0 = off")
    rate_limit_storage: str = Field(
        default="memory://", description="Where rate-limit counts live: memory:// (per process) or a Redis URL "
                                         "(redis://, rediss://, redis+unix://, redis+sentinel://, redis+cluster://) "
                                         "shared by several instances; must be reachable at startup")
    max_body_bytes: int = Field(default=256 * 1024, ge=1024, description="Largest JSON request body")
    max_header_bytes: int = Field(default=64 * 1024, ge=8 * 1024, le=1024 * 1024,
                                  description="Largest request line plus headers; larger requests get 400")
    max_connections: int = Field(default=256, ge=8, le=100_000,
                                 description="Open connections and requests at once; beyond, 503 (uvicorn "
                                             "limit_concurrency): bounds what idle or slow clients can hold")
    max_upload_bytes: int = Field(default=MAX_FILE_BYTES, ge=1024, description="Largest uploaded document")
    max_scratch_bytes: int = Field(default=2 * 1024**3, ge=1024 * 1024,
                                   description="Largest total size of Gradio's upload folder; oldest files go first")
    body_timeout_s: float = Field(default=30.0, gt=0, le=600,
                                  description="Seconds a client may take to send a request body (408 after)")
    ui_concurrency: int = Field(default=8, ge=1, le=64, description="Chat/match requests the UI runs at once")

    @field_validator("api_keys", "admin_keys", "cors_origins", mode="before")
    @classmethod
    def _split_lists(cls, value: object) -> object:
        return _split(value)

    @model_validator(mode="after")
    def _scratch_holds_an_upload(self) -> WebSettings:
        if self.max_scratch_bytes < 2 * self.max_upload_bytes:
            raise ValueError(f"max_scratch_bytes must be at least twice max_upload_bytes "
                             f"({2 * self.max_upload_bytes}), got {self.max_scratch_bytes}")
        return self

    @field_validator("rate_limit_storage")
    @classmethod
    def _known_storage(cls, value: str) -> str:
        value = value.strip()
        scheme = value.partition("://")[0]
        if "://" not in value or scheme not in _STORAGE_SCHEMES:
            raise ValueError(f"unsupported rate-limit storage {scheme or value!r}: use memory:// or a Redis URL "
                             f"({', '.join(s + '://' for s in _STORAGE_SCHEMES[1:])})")
        return value

    @property
    def auth_enabled(self) -> bool:
        return bool(self.api_keys or self.admin_keys)

    @property
    def admin_enabled(self) -> bool:
        return bool(self.admin_keys)

    @property
    def upload_needs_admin(self) -> bool:
        """Auth on (any key set) means uploads are for admins only."""
        return self.auth_enabled

    def is_api_key(self, token: str | None) -> bool:
        """True for an API or admin key (compared in constant time)."""
        return _member(token, self.api_keys) or _member(token, self.admin_keys)

    def is_admin_key(self, token: str | None) -> bool:
        return _member(token, self.admin_keys)


def _member(token: str | None, keys: list[SecretStr]) -> bool:
    if not token:
        return False
    given = token.encode()
    found = False
    for key in keys:
        found |= hmac.compare_digest(given, key.get_secret_value().encode())
    return found


def server_options(web: WebSettings) -> dict[str, object]:
    """uvicorn options the edge needs: h11, because httptools buffers request heads of any size (h11 refuses a
    head once its unparsed part passes the limit, checked per read: a head may reach about the limit plus one
    64 KiB read), and a cap on connections, since no server timer covers a head sent slowly (a proxy's
    header timeout does: docs/security.md)."""
    return {"http": "h11", "h11_max_incomplete_event_size": web.max_header_bytes,
            "limit_concurrency": web.max_connections}
