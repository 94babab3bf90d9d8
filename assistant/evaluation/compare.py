"""Compare two reports: metric deltas (improved / regressed) and items that flipped pass ↔ fail."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.evaluation.report import LOWER_IS_BETTER, NEUTRAL, ItemResult, Metrics, Report, fmt

Verdict = Literal["improved", "regressed", "same", "changed", "n/a"]
EPSILON = 1e-9


@dataclass(frozen=True)
class MetricDelta:
    scope: str
    name: str
    a: float | int | None
    b: float | int | None
    verdict: Verdict

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a


@dataclass(frozen=True)
class Flip:
    dataset: str
    id: str
    category: str
    question: str
    a: str
    b: str


@dataclass
class Comparison:
    a_label: str
    b_label: str
    deltas: list[MetricDelta] = field(default_factory=list)
    fixed: list[Flip] = field(default_factory=list)  # not passing in A, passing in B
    broken: list[Flip] = field(default_factory=list)  # passing in A, not passing in B
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)

    @property
    def improved(self) -> list[MetricDelta]:
        return [d for d in self.deltas if d.verdict == "improved"]

    @property
    def regressed(self) -> list[MetricDelta]:
        return [d for d in self.deltas if d.verdict == "regressed"]


def verdict(name: str, a: float | int | None, b: float | int | None) -> Verdict:
    """Whether going from a to b is better, worse or the same for this metric."""
    if a is None or b is None:
        return "same" if a is None and b is None else "n/a"
    if abs(b - a) <= EPSILON:
        return "same"
    if name in NEUTRAL:
        return "changed"
    better = b < a if name in LOWER_IS_BETTER else b > a
    return "improved" if better else "regressed"


def metric_deltas(a: Metrics, b: Metrics, scope: str = "all") -> list[MetricDelta]:
    names = list(dict.fromkeys([*a, *b]))
    return [MetricDelta(scope, n, a.get(n), b.get(n), verdict(n, a.get(n), b.get(n))) for n in names]


def _key(item: ItemResult) -> tuple[str, str, str]:
    return item.dataset, item.kind, item.id


def compare(a: Report, b: Report, a_label: str = "A", b_label: str = "B") -> Comparison:
    """Metric deltas overall, per shared dataset and per shared matrix variant; items that flipped."""
    result = Comparison(a_label, b_label, metric_deltas(a.metrics, b.metrics))
    shared = [d for d in a.by_dataset if d in b.by_dataset]
    if len(shared) > 1 or set(a.by_dataset) != set(b.by_dataset):
        for name in shared:
            result.deltas += metric_deltas(a.by_dataset[name], b.by_dataset[name], name)
    for name in (v for v in a.matrix if v in b.matrix):
        result.deltas += metric_deltas(a.matrix[name].metrics, b.matrix[name].metrics, f"matrix:{name}")
    a_items = {_key(r): r for r in a.items}
    b_items = {_key(r): r for r in b.items}
    for key, old in a_items.items():
        new = b_items.get(key)
        if new is None:
            result.only_a.append(f"{old.dataset}/{old.id}")
            continue
        flip = Flip(old.dataset, old.id, old.category, old.question, old.status, new.status)
        if old.status == "pass" and new.status != "pass":
            result.broken.append(flip)
        elif old.status != "pass" and new.status == "pass":
            result.fixed.append(flip)
    result.only_b = [f"{r.dataset}/{r.id}" for k, r in b_items.items() if k not in a_items]
    return result


def _delta(d: MetricDelta) -> str:
    if d.delta is None:
        return "—"
    return f"{d.delta:+.1f}" if abs(d.delta) >= 10 else f"{d.delta:+.4f}"


def render_comparison(c: Comparison) -> str:
    """Markdown: what improved, what regressed, then the items that flipped."""
    mark = {"improved": "▲ improved", "regressed": "▼ regressed", "changed": "changed", "n/a": "n/a"}
    lines = [f"# Comparison: {c.a_label} → {c.b_label}", "",
             f"{len(c.improved)} metrics improved, {len(c.regressed)} regressed; "
             f"{len(c.fixed)} items fixed, {len(c.broken)} broken.", "",
             "| scope | metric | A | B | Δ | verdict |", "| --- | --- | --- | --- | --- | --- |"]
    for d in c.deltas:
        if d.verdict != "same":
            lines.append(f"| {d.scope} | {d.name} | {fmt(d.a)} | {fmt(d.b)} | {_delta(d)} | {mark[d.verdict]} |")
    unchanged = sum(d.verdict == "same" for d in c.deltas)
    lines += ["", f"{unchanged} metrics unchanged.", ""]
    for title, flips in (("Regressed items (pass → fail)", c.broken), ("Improved items (fail → pass)", c.fixed)):
        lines += [f"## {title}: {len(flips)}", ""]
        lines += [f"- `{f.id}` ({f.dataset}, {f.category}) {f.question} — {f.a} → {f.b}" for f in flips]
        lines.append("")
    if c.only_a or c.only_b:
        lines += [f"Only in A: {', '.join(c.only_a) or '—'}", "", f"Only in B: {', '.join(c.only_b) or '—'}", ""]
    return "\n".join(lines).rstrip() + "\n"
