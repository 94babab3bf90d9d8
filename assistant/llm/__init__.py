"""Optional OpenAI-compatible language model: client, prompts, errors.

    chat = get_chat_model(settings)   # None unless ASSISTANT_LLM_MODEL is set
    ask(runtime, question)            # uses it when configured, falls back offline on any fault

Nothing here connects at import time; the client is built on first use.
"""

from assistant.llm.client import (
    ChatModel,
    FakeChatModel,
    OpenAIChatModel,
    complete,
    get_chat_model,
)
from assistant.llm.errors import (
    LLMBadOutput,
    LLMConfigError,
    LLMError,
    LLMRateLimited,
    LLMServerError,
    LLMTimeout,
    LLMUnavailable,
    PromptError,
)
from assistant.llm.prompts import CANNOT_ANSWER, Prompt, load_prompt, says_cannot_answer

__all__ = [
    "CANNOT_ANSWER",
    "ChatModel",
    "FakeChatModel",
    "LLMBadOutput",
    "LLMConfigError",
    "LLMError",
    "LLMRateLimited",
    "LLMServerError",
    "LLMTimeout",
    "LLMUnavailable",
    "OpenAIChatModel",
    "Prompt",
    "PromptError",
    "complete",
    "get_chat_model",
    "load_prompt",
    "says_cannot_answer",
]
