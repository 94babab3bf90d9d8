"""Numbers as a policy text writes them: 2000亿 is 2e11, 200 billion too (the verifier compares them)."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(?![\d.]*[dD])\s*(亿|万|千|billion|million|thousand|bn)?", re.IGNORECASE)
_SCALE = {"亿": 1e8, "万": 1e4, "千": 1e3, "billion": 1e9, "bn": 1e9, "million": 1e6, "thousand": 1e3}
_FULL = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def mentions(text: str) -> list[tuple[float, float | None]]:
    """Numbers in text: as written, and scaled by their unit (2000亿 → 2e11, 200 billion → 2e11)."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text.translate(_FULL))
    out = []
    for m in _NUMBER.finditer(text):
        value = float(m.group(1))
        unit = m.group(2)
        out.append((value, round(value * _SCALE[unit.lower()], 2) if unit else None))
    return out


def quantities(text: str) -> tuple[set[float], set[float]]:
    """The numbers of text as written, and those with a unit scaled."""
    found = mentions(text)
    return {v for v, _ in found}, {s for _, s in found if s is not None}
