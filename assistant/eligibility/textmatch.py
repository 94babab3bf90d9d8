"""Keyword spotting on normalised text: plain substrings, longest first, no overlaps.

Longest-first with overlap removal is what lets 汽车零部件 (a user enterprise) win over 零部件
(a component supplier), and 长沙 over the 沙市 inside 长沙市. ASCII keywords only match whole
words, so "in" does not fire inside "machine".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# After NFKC the full-width ，；！？ are ASCII; 。 stays. A period only ends an English sentence.
_CLAUSE_BREAK = re.compile(r"[,。;!?\n]|\.(?=\s|$)")


@dataclass(frozen=True)
class Hit(Generic[T]):
    start: int
    end: int
    keyword: str
    payloads: tuple[T, ...]


def _is_word_char(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _is_word_char(before) and not _is_word_char(after)


def _occurrences(text: str, keyword: str) -> Iterable[int]:
    start = text.find(keyword)
    while start != -1:
        yield start
        start = text.find(keyword, start + 1)


def find_keywords(text: str, keywords: Mapping[str, Iterable[T]]) -> list[Hit[T]]:
    """Non-overlapping hits in text order; on overlap the longer (then earlier) keyword wins."""
    candidates = [
        (start, start + len(kw), kw)
        for kw in keywords
        if kw
        for start in _occurrences(text, kw)
        if not kw.isascii() or _whole_word(text, start, start + len(kw))
    ]
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = [False] * len(text)
    hits: list[Hit[T]] = []
    for start, end, kw in candidates:
        if any(taken[start:end]):
            continue
        taken[start:end] = [True] * (end - start)
        hits.append(Hit(start, end, kw, tuple(keywords[kw])))
    return sorted(hits, key=lambda h: h.start)


def contains_any(text: str, words: Iterable[str]) -> bool:
    """True when any word occurs (ASCII words as whole words)."""
    return any(
        _whole_word(text, s, s + len(w)) if w.isascii() else True
        for w in words
        if w
        for s in _occurrences(text, w)
    )


def clause_spans(text: str) -> list[tuple[int, int]]:
    """Spans between clause breaks (， 。 ； ！ ？ newline, sentence-final period)."""
    spans, begin = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        if m.start() > begin:
            spans.append((begin, m.start()))
        begin = m.end()
    if begin < len(text):
        spans.append((begin, len(text)))
    return spans


def span_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The clause span containing pos (the whole text when none does)."""
    for start, end in spans:
        if start <= pos < end:
            return start, end
    return 0, spans[-1][1] if spans else 0


def last_cue_before(text: str, start: int, end: int, cues: Mapping[str, str]) -> str | None:
    """Kind of the cue ending closest before `end` within text[start:end] (None when none)."""
    window = text[start:end]
    best: tuple[int, str] | None = None
    for hit in find_keywords(window, {c: [k] for c, k in cues.items()}):
        best = (hit.end, hit.payloads[0]) if best is None or hit.end >= best[0] else best
    return best[1] if best else None
