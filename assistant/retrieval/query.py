"""Question normalisation: validation, language detection, Traditional → Simplified."""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel

from assistant.errors import InvalidQuestion
from assistant.text import CJK, Lang, detect_lang, to_simplified

__all__ = ["Lang", "Query", "clean", "detect_lang", "prepare"]


class Query(BaseModel):
    """A checked question: `text` is what retrieval sees (Simplified), `original` what was asked."""

    original: str
    text: str
    lang: Lang
    context: str = ""  # the earlier topic an elliptical follow-up leans on (Simplified)

    @property
    def dense_text(self) -> str:
        """What the embedder sees: English as asked (the model is multilingual), else Simplified."""
        base = self.original.strip() if self.lang == "en" else self.text
        return f"{self.context} {base}".strip()


def clean(text: str) -> str:
    """Drop control and format characters (keep newlines as spaces) and collapse whitespace."""
    kept = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
        if unicodedata.category(c) not in ("Cf", "Cs", "Co", "Cn")
    )
    return re.sub(r"\s+", " ", kept).strip()


def prepare(question: object, max_chars: int = 2000, context: str = "") -> Query:
    """Validate and normalise a question; raise InvalidQuestion with a one-line reason."""
    if not isinstance(question, str):
        raise InvalidQuestion("问题必须是文本。The question must be text.")
    if len(question) > max_chars:
        raise InvalidQuestion(f"问题过长：{len(question)} 个字符，最多 {max_chars} 个。"
                              f"Question too long: {len(question)} characters, at most {max_chars}.")
    text = clean(question)
    if not text:
        raise InvalidQuestion("问题为空，请输入要咨询的内容。The question is empty: type what you want to ask.")
    if not (CJK.search(text) or re.search(r"[A-Za-z0-9]", text)):
        raise InvalidQuestion("问题中没有可识别的文字。The question has no readable words.")
    lang = detect_lang(text)
    simplified = to_simplified(text) if lang == "zh-Hant" else text
    context = clean(context)[:max_chars]
    if context and detect_lang(context) == "zh-Hant":
        context = to_simplified(context)
    return Query(original=question, text=simplified, lang=lang, context=context)
