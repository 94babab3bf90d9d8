"""Text rules every layer shares: the language of a text, Traditional → Simplified, heading numbers.

One definition each, below documents/ in the import graph, so retrieval, answering, the LLM
prompts and the web pages cannot disagree about what language a text is in.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

Lang = Literal["zh", "zh-Hant", "en"]

CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]{1,3}[\.．、])")


@lru_cache(maxsize=1)
def _converter():
    # The converter holds no data that can go stale (only OpenCC's built-in tables): one per process.
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters converted to Simplified; everything else unchanged."""
    return _converter().convert(text)


def detect_lang(text: str) -> Lang:
    """English when Latin letters dominate (no Chinese, or over 3 letters per character); else zh / zh-Hant."""
    cjk = len(CJK.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk == 0 and latin > 0:
        return "en"
    if cjk and latin > 3 * cjk:
        return "en"
    if cjk and to_simplified(text) != text:
        return "zh-Hant"
    return "zh"


def ui_lang(text: str) -> Literal["zh", "en"]:
    """The language to reply in on pages that have only zh and en: detect_lang, Traditional → zh."""
    return "en" if detect_lang(text or "") == "en" else "zh"


def strip_number(text: str) -> str:
    """Drop a leading 一、 / （一） / 1. from a heading."""
    return _HEADING_NUMBER.sub("", text).strip()
