"""LLM errors. Messages are safe to show: they name the kind of fault, never a key or a reply body.

The answering code catches LLMError and falls back to the offline extractive composer; the
`notice` text is what the user sees beside that fallback answer.
"""

from __future__ import annotations

from assistant.errors import AssistantError, ConfigError


class LLMError(AssistantError):
    """The language model could not give a usable reply; callers fall back to offline answers."""

    code = "llm_error"
    reason_zh = "语言模型调用失败"

    def __init__(self, message: str | None = None, status: int | None = None) -> None:
        self.status = status
        super().__init__(message or self.reason_zh)


class LLMConfigError(LLMError, ConfigError):
    """A model is configured but cannot be used as configured (e.g. no key for api.openai.com)."""

    code = "llm_config"
    reason_zh = "语言模型配置不完整"


class LLMUnavailable(LLMError):
    """The endpoint refused the connection or could not be reached."""

    code = "llm_unavailable"
    reason_zh = "无法连接语言模型服务"


class LLMTimeout(LLMError):
    """No complete reply within the configured timeout."""

    code = "llm_timeout"
    reason_zh = "语言模型响应超时"


class LLMRateLimited(LLMError):
    """HTTP 429: the endpoint asked us to slow down."""

    code = "llm_rate_limited"
    reason_zh = "语言模型服务请求过多（HTTP 429）"


class LLMServerError(LLMError):
    """The endpoint answered with an HTTP error (5xx, 4xx other than 429)."""

    code = "llm_http_error"
    reason_zh = "语言模型服务返回错误"


class LLMBadOutput(LLMError):
    """The reply was empty, malformed, cut off, or nothing in it could be verified."""

    code = "llm_bad_output"
    reason_zh = "语言模型的回复无法使用"


class PromptError(LLMConfigError):
    """A prompt file is missing, malformed, or rendered with missing or unknown variables."""

    code = "llm_prompt"
    reason_zh = "提示词文件有误"
