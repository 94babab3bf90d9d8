"""Offline follow-up handling: carry the previous topic into an elliptical question.

"那融资方面呢？" after "首台套有什么支持？" is searched as both together, so retrieval sees
the topic the user is still talking about. The LLM path rewrites with a prompt instead.
"""

from __future__ import annotations

import re

from assistant.types import Turn

_ELLIPTICAL = re.compile(
    r"^(那|那么|还有|另外|再|此外|以及|and\b|what about|how about|also)|"
    r"(呢|吗)[？?]?$|(这个|这些|那个|那些|它|其|该|上述|具体|this|that|these|those|it)",
    re.IGNORECASE,
)
SHORT = 14


def needs_context(question: str) -> bool:
    return len(question) <= SHORT or bool(_ELLIPTICAL.search(question.strip()))


def carried_topic(question: str, history: list[Turn] | None) -> str:
    """The previous user question when this one leans on it, else ""."""
    if not history or not needs_context(question):
        return ""
    previous = [t.content for t in history if t.role == "user" and t.content.strip()]
    return previous[-1].strip() if previous else ""
