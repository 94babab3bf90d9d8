"""Sentences of a clause, with their spans in the document (so quotes stay verbatim)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.types import Clause

_END = re.compile(r"[^。；！？!?;]+[。；！？!?;]?")
_LABEL = re.compile(r"^([\u4e00-\u9fff]{2,6})[：:]")
_NUMBER = re.compile(r"^(?:[0-9０-９]{1,3}[\.．、]|[（(][一二三四五六七八九十0-9]+[）)]|——)")


@dataclass(frozen=True)
class Sentence:
    clause: Clause
    start: int  # offsets in the document text
    end: int
    text: str
    is_title: bool  # a lead-in such as "1.鼓励首台套应用。" that names the clause


def sentences_of(clause: Clause) -> list[Sentence]:
    out: list[Sentence] = []
    for m in _END.finditer(clause.text):
        raw = m.group(0)
        stripped = raw.strip()
        if not stripped or len(stripped.strip("。；！？!?;")) == 0:
            continue
        offset = m.start() + raw.index(stripped[0])
        start = clause.start + offset
        title = not out and _looks_like_title(stripped)
        out.append(Sentence(clause, start, start + len(stripped), stripped, title))
    return out


def _looks_like_title(sentence: str) -> bool:
    body = _NUMBER.sub("", _LABEL.sub("", sentence)).rstrip("。；")
    return 0 < len(body) <= 16


def display(sentence: Sentence) -> str:
    """The sentence as shown in an answer: numbering and labels dropped, wording untouched."""
    return _NUMBER.sub("", _LABEL.sub("", sentence.text)).strip()
