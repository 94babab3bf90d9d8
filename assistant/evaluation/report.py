"""The eval report: typed items, metric summaries, report.json / report.md / report.html on disk."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from assistant.eligibility.metrics import micro_precision_recall
from assistant.evaluation import metrics as m

Metrics = dict[str, float | int | None]
Status = Literal["pass", "fail", "error"]

# Metrics where a smaller value is better (for compare) and the ones that are counts, not rates.
LOWER_IS_BETTER = frozenset({"errors", "judge_errors", "false_abstention_rate", "latency_p50_ms",
                             "latency_p95_ms", "context_chars@5"})
NEUTRAL = frozenset({"items", "judged"})
RATES = ("hit@1", "hit@5", "mrr@10", "ndcg@10", "citation_validity", "citation_precision", "citation_recall",
         "key_fact_recall", "abstention_precision", "abstention_recall", "eligibility_precision",
         "eligibility_recall", "faithfulness", "answer_relevancy", "pass_rate", "evidence_recall",
         "first_citation_right", "validity_notice", "abstention_accuracy", "metadata_accuracy", "parts_answered",
         "match_recall", "never_qualifies", "never_offered", "amounts_present")


class ItemResult(BaseModel):
    """One gold item as evaluated: a question (retrieval + answer) or a company profile (matcher)."""

    id: str
    dataset: str = ""
    kind: Literal["question", "profile", "metadata", "library_profile"] = "question"
    category: str
    lang: str = "zh"
    question: str = Field(description="The question, or the profile's description / fields")
    status: Status = Field(description="pass, fail or error")
    reasons: list[str] = Field(default_factory=list, description="Why the item did not pass")
    error: str | None = None
    answerable: bool = True
    gold_anchors: list[str] = Field(default_factory=list)
    retrieved: list[str] = Field(default_factory=list, description="Top retrieved units; a chunk is 'a+b'")
    cited: list[str] = Field(default_factory=list, description="Anchors the answer cites, in order")
    hit1: float | None = None
    hit5: float | None = None
    mrr10: float | None = None
    ndcg10: float | None = None
    context_chars5: int | None = Field(default=None, description="Characters in the top 5 retrieved units")
    abstained: bool | None = None
    citations_valid: bool | None = None
    citation_precision: float | None = None
    citation_recall: float | None = None
    key_fact_recall: float | None = None
    parts_answered: float | None = None  # multi-part items only
    missing_facts: list[str] = Field(default_factory=list)
    faithfulness: float | None = None
    answer_relevancy: float | None = None
    judge_error: str | None = None
    expected: list[str] = Field(default_factory=list, description="Profiles: gold entry ids")
    returned: list[str] = Field(default_factory=list, description="Profiles: ids the matcher returned")
    eligibility_precision: float | None = None
    eligibility_recall: float | None = None
    latency_ms: float | None = None
    answer: str = ""
    # Questions over the related library (assistant/evaluation/related.py)
    evidence_recall: float | None = Field(default=None, description="Share of gold quotes the citations cover")
    first_citation_right: float | None = None
    validity_notice_ok: bool | None = Field(default=None, description="None: no dated document cited")
    abstention_right: bool | None = None
    # Metadata understood at ingest, one item per labelled document
    meta_fields: int | None = None
    meta_wrong: list[str] = Field(default_factory=list, description="Fields that differ from the labels")
    # Company profiles over the related library (assistant/evaluation/profiles.py)
    library_counts: dict[str, int] | None = Field(
        default=None, description="expected / expected_hit, mnq / qualified_wrongly_n, mno / offered_wrongly_n, "
        "amounts / amounts_carried of one profile")


class VariantSummary(BaseModel):
    """One column of a matrix run (retrieval × answering, or the LangChain baseline)."""

    config: dict
    metrics: Metrics
    by_category: dict[str, Metrics] = Field(default_factory=dict)
    by_dataset: dict[str, Metrics] = Field(default_factory=dict)


class Report(BaseModel):
    """What `assistant eval` writes to report.json."""

    config: dict
    metrics: Metrics
    by_category: dict[str, Metrics]
    items: list[ItemResult]
    by_dataset: dict[str, Metrics] = Field(default_factory=dict)
    matrix: dict[str, VariantSummary] = Field(default_factory=dict, description="Variant name → summary")

    @property
    def failing(self) -> list[ItemResult]:
        return [r for r in self.items if r.status != "pass"]

    def summary(self) -> VariantSummary:
        return VariantSummary(config=self.config, metrics=self.metrics, by_category=self.by_category,
                              by_dataset=self.by_dataset)


# ---- summaries ---------------------------------------------------------------------------------

def _round(out: dict) -> Metrics:
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}


def summarize(results: list[ItemResult]) -> Metrics:
    """Metrics over items; errors are counted, never averaged in. Keys appear only when they apply.

    Eligibility precision/recall are micro-pooled over (profile, entry) pairs, as the matcher's own
    gold test scores them; latency is over questions when there are any (a matcher call takes ms).
    """
    done = [r for r in results if r.status != "error"]
    out: dict[str, float | int | None] = {"items": len(results), "errors": len(results) - len(done)}
    retrieval_only = bool(done) and all(r.kind == "question" and r.abstained is None for r in done)
    if not retrieval_only:  # a retrieval-only pass (hit@5) is not comparable with an answer's pass
        out["pass_rate"] = sum(r.status == "pass" for r in results) / len(results) if results else None
    questions = [r for r in done if r.kind == "question"]
    if any(r.kind == "question" for r in results):
        out.update(_question_metrics(questions))
    profiles = [r for r in done if r.kind == "profile"]
    if any(r.kind == "profile" for r in results):
        tp, returned, expected = _pool(profiles)
        out["eligibility_precision"] = tp / returned if returned else 1.0
        out["eligibility_recall"] = tp / expected if expected else 1.0
    out.update(_related_metrics([r for r in questions if r.abstention_right is not None]))
    if any(r.kind == "metadata" for r in results):
        out.update(_metadata_metrics([r for r in done if r.kind == "metadata"]))
    if any(r.kind == "library_profile" for r in results):
        out.update(_library_metrics([r for r in done if r.kind == "library_profile"]))
    timed = questions or profiles
    latencies = [r.latency_ms for r in timed if r.latency_ms is not None]
    out["latency_p50_ms"] = m.percentile(latencies, 0.5)
    out["latency_p95_ms"] = m.percentile(latencies, 0.95)
    return _round(out)


def _pool(profiles: Iterable[ItemResult]) -> tuple[int, int, int]:
    """(true positives, returned, expected) pooled over profiles."""
    scores = micro_precision_recall((r.returned, r.expected) for r in profiles)
    return scores.true_positives, scores.returned, scores.expected


def _related_metrics(related: list[ItemResult]) -> dict:
    """Questions over the related library: evidence, first citation, validity notices, abstention."""
    if not related:
        return {}
    notices = [r.validity_notice_ok for r in related if r.validity_notice_ok is not None]
    return {
        "evidence_recall": m.mean(r.evidence_recall for r in related),
        "first_citation_right": m.mean(r.first_citation_right for r in related),
        "validity_notice": m.mean(1.0 if ok else 0.0 for ok in notices),
        "abstention_accuracy": m.mean(1.0 if r.abstention_right else 0.0 for r in related),
    }


def _library_metrics(items: list[ItemResult]) -> dict:
    """Profiles over the related library, pooled: expected items offered, forbidden ones never
    qualifies / never offered, offered items carrying the document's amount."""
    counts = [r.library_counts for r in items if r.library_counts]

    def rate(hit: str, of: str, inverse: bool = False) -> float | None:
        n = sum(c.get(of, 0) for c in counts)
        k = sum(c.get(hit, 0) for c in counts)
        return ((n - k) if inverse else k) / n if n else None

    return {"match_recall": rate("expected_hit", "expected"),
            "never_qualifies": rate("qualified_wrongly_n", "mnq", inverse=True),
            "never_offered": rate("offered_wrongly_n", "mno", inverse=True),
            "amounts_present": rate("amounts_carried", "amounts")}


def _metadata_metrics(docs: list[ItemResult]) -> dict:
    """Share of labelled fields right, overall and per field (metadata_<field>)."""
    from assistant.evaluation.related import META_FIELDS

    total = sum(r.meta_fields or 0 for r in docs)
    wrong = sum(len(r.meta_wrong) for r in docs)
    out: dict = {"metadata_accuracy": (total - wrong) / total if total else None}
    for name in META_FIELDS:
        out[f"metadata_{name}"] = m.mean(0.0 if name in r.meta_wrong else 1.0 for r in docs) if docs else None
    return out


def _question_metrics(done: list[ItemResult]) -> dict:
    answerable = [r for r in done if r.answerable]
    answered = [r for r in done if r.abstained is not None]  # retrieval-only runs have no answers
    out: dict[str, float | int | None] = {
        "hit@1": m.mean(r.hit1 for r in answerable),
        "hit@5": m.mean(r.hit5 for r in answerable),
        "mrr@10": m.mean(r.mrr10 for r in answerable),
        "ndcg@10": m.mean(r.ndcg10 for r in answerable),
        "context_chars@5": m.mean(r.context_chars5 for r in answerable),
    }
    if answered:
        abstain_p, abstain_r = m.precision_recall([bool(r.abstained) for r in answered],
                                                  [not r.answerable for r in answered])
        answered_answerable = [r for r in answered if r.answerable]
        out.update({
            "citation_validity": m.mean(1.0 if r.citations_valid else 0.0 for r in answered),
            "citation_precision": m.mean(r.citation_precision for r in answered_answerable),
            "citation_recall": m.mean(r.citation_recall for r in answered_answerable),
            "key_fact_recall": m.mean(r.key_fact_recall for r in answered_answerable),
            "parts_answered": m.mean(r.parts_answered for r in answered),
            "abstention_precision": abstain_p,
            "abstention_recall": abstain_r,
            "false_abstention_rate": m.mean(1.0 if r.abstained else 0.0 for r in answered_answerable),
        })
    judged = [r for r in answered if r.faithfulness is not None or r.answer_relevancy is not None]
    if judged or any(r.judge_error for r in answered):
        out.update({
            "faithfulness": m.mean(r.faithfulness for r in judged),
            "answer_relevancy": m.mean(r.answer_relevancy for r in judged),
            "judged": len(judged),
            "judge_errors": sum(1 for r in answered if r.judge_error),
        })
    return out


def group_summaries(results: list[ItemResult], key: str) -> dict[str, Metrics]:
    groups: dict[str, list[ItemResult]] = defaultdict(list)
    for r in results:
        groups[getattr(r, key)].append(r)
    return {name: summarize(items) for name, items in sorted(groups.items())}


def build_report(config: dict, results: list[ItemResult]) -> Report:
    return Report(config=config, metrics=summarize(results),
                  by_category=group_summaries(results, "category"),
                  by_dataset=group_summaries(results, "dataset"), items=results)


# ---- files -------------------------------------------------------------------------------------

def write_report(report: Report, out_dir: Path) -> None:
    """report.json, report.md and a self-contained report.html in out_dir."""
    from assistant.evaluation.html import render_html

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.json").write_text(report.model_dump_json(indent=2), encoding="utf-8")
    (out_dir / "report.md").write_text(render_markdown(report), encoding="utf-8")
    (out_dir / "report.html").write_text(render_html(report), encoding="utf-8")


def report_path(path: Path) -> Path:
    """A report.json, or the folder holding one."""
    return path / "report.json" if path.is_dir() else path


def load_report(path: Path) -> Report:
    """Read a report.json (or a folder with one); raise ValueError naming what is wrong."""
    file = report_path(path)
    try:
        return Report.model_validate_json(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"无法读取报告 {file}：{type(exc).__name__}") from None
    except ValidationError as exc:
        raise ValueError(f"报告 {file} 格式不符：{str(exc).splitlines()[0]}") from None


def latest_report(path: Path) -> Report | None:
    """The newest readable report.json at path (a file, or a folder searched recursively), else None."""
    path = Path(path)
    if path.is_file():
        candidates = [path]
    elif path.is_dir():
        candidates = sorted(path.rglob("report.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    else:
        return None
    for candidate in candidates:
        try:
            return load_report(candidate)
        except ValueError:
            continue
    return None


# ---- markdown ----------------------------------------------------------------------------------

def fmt(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.3f}"
    return str(value)


def _table(headers: list[str], rows: Iterable[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(fmt(v) if not isinstance(v, str) else v for v in row) + " |" for row in rows]
    return lines


CATEGORY_COLUMNS = ["items", "pass_rate", "hit@1", "hit@5", "mrr@10", "key_fact_recall", "citation_precision",
                    "abstention_recall", "false_abstention_rate", "eligibility_precision", "eligibility_recall"]
MATRIX_COLUMNS = ["hit@1", "hit@5", "mrr@10", "ndcg@10", "context_chars@5", "citation_precision", "citation_recall",
                  "key_fact_recall", "abstention_precision", "abstention_recall", "faithfulness",
                  "answer_relevancy", "pass_rate", "latency_p50_ms", "latency_p95_ms"]


def present_columns(columns: list[str], summaries: Iterable[Metrics]) -> list[str]:
    summaries = list(summaries)
    return [c for c in columns if any(s.get(c) is not None for s in summaries)]


def describe_item(r: ItemResult) -> str:
    """One line on why an item failed."""
    if r.error:
        return f"error: {r.error}"
    parts = list(r.reasons)
    if r.kind == "profile":
        missing = [e for e in r.expected if e not in r.returned]
        extra = [e for e in r.returned if e not in r.expected]
        if missing:
            parts.append("missing " + ", ".join(missing))
        if extra:
            parts.append("extra " + ", ".join(extra))
    else:
        parts.append(f"gold {r.gold_anchors}, retrieved {r.retrieved[:3]}, cited {r.cited[:3]}")
    return "; ".join(parts)


def render_markdown(report: Report) -> str:
    c = report.config
    title = f"# Evaluation report — {', '.join(c.get('datasets', []))} ({c.get('variant', c.get('retrieval'))})"
    lines = [title, "", "```json", json.dumps(c, ensure_ascii=False, indent=2), "```", ""]
    if c.get("judge"):
        lines += [f"LLM judge: {c['judge']}", ""]
    lines += ["## Metrics", ""]
    datasets = list(report.by_dataset) if len(report.by_dataset) > 1 else []
    headers = ["metric", "all", *datasets]
    lines += _table(headers, ([name, value, *(report.by_dataset[d].get(name) for d in datasets)]
                              for name, value in report.metrics.items()))
    if report.matrix:
        lines += ["", "## Retrieval × answering matrix", "",
                  "Same gold items for every column; `baseline` is the standard LangChain recipe "
                  "(RecursiveCharacterTextSplitter 500/50, dense only, in-memory store), scored by the clauses "
                  "its chunks overlap. `context_chars@5` is how much text the top 5 units hand to the answerer.", ""]
        columns = present_columns(MATRIX_COLUMNS, (v.metrics for v in report.matrix.values()))
        lines += _table(["variant", "retrieval", "answering", *columns],
                        ([name, str(v.config.get("retrieval")), str(v.config.get("answering")),
                          *(v.metrics.get(col) for col in columns)] for name, v in report.matrix.items()))
    columns = present_columns(CATEGORY_COLUMNS, report.by_category.values())
    lines += ["", "## By category", ""]
    lines += _table(["category", *columns],
                    ([cat, *(values.get(col) for col in columns)] for cat, values in report.by_category.items()))
    failing = report.failing
    lines += ["", f"## Failing items ({len(failing)})", ""]
    for category in sorted({r.category for r in failing}):
        lines += [f"### {category}", ""]
        for r in failing:
            if r.category == category:
                lines.append(f"- `{r.id}` ({r.dataset}) {r.question} — {describe_item(r)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _text_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_console(report: Report) -> str:
    """The metrics as a plain-text table (all + each dataset), then the matrix if there is one."""
    datasets = list(report.by_dataset) if len(report.by_dataset) > 1 else []
    rows = [[name, fmt(value), *(fmt(report.by_dataset[d].get(name)) for d in datasets)]
            for name, value in report.metrics.items()]
    text = _text_table(["metric", "all", *datasets], rows)
    if report.matrix:
        names = list(report.matrix)
        columns = present_columns(MATRIX_COLUMNS, (v.metrics for v in report.matrix.values()))
        rows = [[c, *(fmt(report.matrix[n].metrics.get(c)) for n in names)] for c in columns]
        text += "\n" + _text_table(["metric", *names], rows)
    failing = len(report.failing)
    return text + f"\n{failing} of {len(report.items)} items did not pass.\n"
