"""Deterministic answer-quality metrics as pure functions (no I/O, no models)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from assistant.types import Answer, Document


def anchor_hits(retrieved: str, gold: str) -> bool:
    """A retrieved clause hits a gold anchor when it is that clause or a part of it."""
    return retrieved == gold or retrieved.startswith(gold + ".")


def first_hit_rank(retrieved: Sequence[str], gold: Sequence[str]) -> int | None:
    for rank, anchor in enumerate(retrieved, 1):
        if any(anchor_hits(anchor, g) for g in gold):
            return rank
    return None


def hit_at(retrieved: Sequence[str], gold: Sequence[str], k: int) -> float:
    rank = first_hit_rank(retrieved[:k], gold)
    return 1.0 if rank is not None else 0.0


def mrr_at(retrieved: Sequence[str], gold: Sequence[str], k: int = 10) -> float:
    rank = first_hit_rank(retrieved[:k], gold)
    return 1.0 / rank if rank else 0.0


def ndcg_at(retrieved: Sequence[str], gold: Sequence[str], k: int = 10) -> float:
    """Binary-relevance nDCG: each gold anchor earns credit once, at its first hit."""
    if not gold:
        return 0.0
    found: set[str] = set()
    dcg = 0.0
    for rank, anchor in enumerate(retrieved[:k], 1):
        new = [g for g in gold if g not in found and anchor_hits(anchor, g)]
        if new:
            found.update(new)
            dcg += 1.0 / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(gold), k) + 1))
    return dcg / ideal


def citations_valid(answer: Answer, documents: dict[str, Document]) -> bool:
    """Every quote is exactly its document's text[start:end] and every [n] has a citation."""
    for c in answer.citations:
        doc = documents.get(c.doc_id)
        if doc is None or doc.text[c.start:c.end] != c.quote:
            return False
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    return markers == {c.n for c in answer.citations}


def citation_precision(answer: Answer, gold: Sequence[str]) -> float | None:
    cited = [c.anchor for c in answer.citations]
    if not cited:
        return None
    return sum(any(anchor_hits(a, g) for g in gold) for a in cited) / len(cited)


def citation_recall(answer: Answer, gold: Sequence[str]) -> float | None:
    if not gold:
        return None
    cited = [c.anchor for c in answer.citations]
    return sum(any(anchor_hits(a, g) for a in cited) for g in gold) / len(gold)


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("－", "-").replace("—", "-").lower()


def key_fact_recall(answer_text: str, facts: Sequence[str]) -> float | None:
    if not facts:
        return None
    folded = _fold(answer_text)
    return sum(_fold(f) in folded for f in facts) / len(facts)


def precision_recall(predicted: Sequence[bool], actual: Sequence[bool]) -> tuple[float | None, float | None]:
    """Precision and recall of the positive class (e.g. 'abstained')."""
    tp = sum(p and a for p, a in zip(predicted, actual, strict=True))
    predicted_pos = sum(predicted)
    actual_pos = sum(actual)
    precision = tp / predicted_pos if predicted_pos else None
    recall = tp / actual_pos if actual_pos else None
    return precision, recall


def percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None
