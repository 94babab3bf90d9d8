"""Deterministic answer-quality metrics as pure functions (no I/O, no models).

Conventions shared by every function here:
- A retrieved *unit* is a clause anchor (``"三.（三）.1"``) or, for the chunk baseline, the collection
  of anchors a chunk overlaps. A unit hits a gold anchor X when one of its anchors is X or a part
  of X (``X.s2``, ``X.p1``) — never a sibling that merely shares a prefix (``X0``).
- Gold anchors are de-duplicated; a metric that has nothing to be measured against returns None
  (undefined), and `mean` leaves None out rather than counting it as zero.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Sequence

from assistant.types import Answer, Document

Unit = str | Collection[str]


def anchor_hits(retrieved: str, gold: str) -> bool:
    """A retrieved clause hits a gold anchor when it is that clause or a part of it."""
    return retrieved == gold or retrieved.startswith(gold + ".")


def unit_anchors(unit: Unit) -> Collection[str]:
    return (unit,) if isinstance(unit, str) else unit


def unit_hits(unit: Unit, gold: str) -> bool:
    return any(anchor_hits(a, gold) for a in unit_anchors(unit))


def unique(values: Iterable[str]) -> list[str]:
    """Values in first-seen order, each once."""
    return list(dict.fromkeys(values))


def first_hit_rank(retrieved: Sequence[Unit], gold: Sequence[str]) -> int | None:
    for rank, unit in enumerate(retrieved, 1):
        if any(unit_hits(unit, g) for g in gold):
            return rank
    return None


def hit_at(retrieved: Sequence[Unit], gold: Sequence[str], k: int) -> float | None:
    """1.0 when a gold anchor is among the first k units; None when there is no gold."""
    if not gold:
        return None
    return 1.0 if first_hit_rank(retrieved[:k], gold) is not None else 0.0


def mrr_at(retrieved: Sequence[Unit], gold: Sequence[str], k: int = 10) -> float | None:
    if not gold:
        return None
    rank = first_hit_rank(retrieved[:k], gold)
    return 1.0 / rank if rank else 0.0


def ndcg_at(retrieved: Sequence[Unit], gold: Sequence[str], k: int = 10) -> float | None:
    """Binary-relevance nDCG: each distinct gold anchor earns credit once, at its first hit."""
    gold = unique(gold)
    if not gold:
        return None
    found: set[str] = set()
    dcg = 0.0
    for rank, unit in enumerate(retrieved[:k], 1):
        new = [g for g in gold if g not in found and unit_hits(unit, g)]
        if new:
            found.update(new)
            dcg += len(new) / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(gold), k) + 1))
    return min(dcg / ideal, 1.0)


def citations_valid(answer: Answer, documents: dict[str, Document]) -> bool:
    """Every quote is exactly its document's text[start:end] and every [n] has a citation."""
    for c in answer.citations:
        doc = documents.get(c.doc_id)
        if doc is None or doc.text[c.start:c.end] != c.quote:
            return False
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    return markers == {c.n for c in answer.citations}


def citation_precision(cited: Sequence[str], gold: Sequence[str]) -> float | None:
    """Share of the distinct cited anchors that hit a gold anchor; None with no citations or no gold."""
    cited = unique(cited)
    if not cited or not gold:
        return None
    return sum(any(anchor_hits(a, g) for g in gold) for a in cited) / len(cited)


def citation_recall(cited: Sequence[str], gold: Sequence[str]) -> float | None:
    """Share of the distinct gold anchors hit by a citation; None when there is no gold."""
    gold = unique(gold)
    if not gold:
        return None
    return sum(any(anchor_hits(a, g) for a in cited) for g in gold) / len(gold)


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("－", "-").replace("—", "-").lower()


def key_fact_recall(answer_text: str, facts: Sequence[str]) -> float | None:
    """Share of the key facts found in the answer (whitespace, dashes and case folded)."""
    facts = unique(facts)
    if not facts:
        return None
    folded = _fold(answer_text)
    return sum(_fold(f) in folded for f in facts) / len(facts)


def _bigrams(text: str) -> set[str]:
    t = _fold(text)
    return {t[i:i + 2] for i in range(len(t) - 1)} or {t}


def parts_answered(answer: Answer, parts: Sequence[str]) -> float | None:
    """Share of a multi-part question's gold parts that the answer answers (with a citation) or marks
    as not stated. Each gold part is matched to the answer's part closest in wording (character
    bigrams); an answer not split into parts counts for one part (when it cites); an abstention
    marks every part as not stated."""
    if not parts:
        return None
    if answer.abstained:
        return 1.0
    if not answer.parts:
        return min(1.0, (1.0 if answer.citations else 0.0) / len(parts))
    done = 0
    free = list(answer.parts)
    for gold in parts:
        if not free:
            break
        best = max(free, key=lambda p: len(_bigrams(p.question) & _bigrams(gold)))
        free.remove(best)
        done += best.status == "not_stated" or bool(best.citations)
    return done / len(parts)


def precision_recall(predicted: Sequence[bool], actual: Sequence[bool]) -> tuple[float | None, float | None]:
    """Precision and recall of the positive class (e.g. 'abstained'); None when undefined."""
    tp = sum(p and a for p, a in zip(predicted, actual, strict=True))
    predicted_pos = sum(predicted)
    actual_pos = sum(actual)
    precision = tp / predicted_pos if predicted_pos else None
    recall = tp / actual_pos if actual_pos else None
    return precision, recall


def set_precision_recall(returned: Collection[str], expected: Collection[str]) -> tuple[float, float]:
    """Precision and recall of one returned id set (1.0 when the denominator is empty)."""
    got, want = set(returned), set(expected)
    tp = len(got & want)
    return (tp / len(got) if got else 1.0), (tp / len(want) if want else 1.0)


def percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None
