"""Micro-averaged precision and recall of returned entry ids against gold expectations."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PRScores:
    true_positives: int
    returned: int
    expected: int

    @property
    def precision(self) -> float:
        """returned ∩ expected / returned (1.0 when nothing was returned)."""
        return self.true_positives / self.returned if self.returned else 1.0

    @property
    def recall(self) -> float:
        """returned ∩ expected / expected (1.0 when nothing was expected)."""
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def micro_precision_recall(pairs: Iterable[tuple[Collection[str], Collection[str]]]) -> PRScores:
    """Pool (returned, expected) id sets over all profiles, then score the pooled pairs."""
    tp = returned = expected = 0
    for got, want in pairs:
        got_set, want_set = set(got), set(want)
        tp += len(got_set & want_set)
        returned += len(got_set)
        expected += len(want_set)
    return PRScores(true_positives=tp, returned=returned, expected=expected)
