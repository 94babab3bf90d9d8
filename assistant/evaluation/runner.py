"""Batch evaluation over the gold sets: every item gets a status; errors are counted, not averaged."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from assistant.answering.ask import ask
from assistant.errors import AssistantError
from assistant.evaluation import metrics as m
from assistant.retrieval.followup import carried_topic
from assistant.retrieval.query import prepare
from assistant.runtime import Runtime
from assistant.types import Turn

RETRIEVAL_DEPTH = 10


class GoldQuestion(BaseModel):
    id: str
    question: str
    category: str
    lang: str = "zh"
    answerable: bool = True
    gold_anchors: list[str] = Field(default_factory=list)
    key_facts: list[str] = Field(default_factory=list)
    history: list[Turn] = Field(default_factory=list)
    notes: str = ""


class ItemResult(BaseModel):
    id: str
    category: str
    lang: str
    question: str
    status: str = Field(description="pass, fail or error")
    error: str | None = None
    answerable: bool
    gold_anchors: list[str]
    retrieved: list[str] = Field(default_factory=list)
    hit1: float | None = None
    hit5: float | None = None
    mrr10: float | None = None
    ndcg10: float | None = None
    abstained: bool | None = None
    citations_valid: bool | None = None
    citation_precision: float | None = None
    citation_recall: float | None = None
    key_fact_recall: float | None = None
    latency_ms: float | None = None
    answer: str = ""


class Report(BaseModel):
    config: dict
    metrics: dict[str, float | int | None]
    by_category: dict[str, dict[str, float | int | None]]
    items: list[ItemResult]


def load_dataset(path: Path) -> list[GoldQuestion]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(GoldQuestion.model_validate_json(line))
            except ValueError as exc:
                raise AssistantError(f"{path.name} 第 {number} 行格式错误：{str(exc).splitlines()[0]}") from None
    return items


def evaluate_item(runtime: Runtime, item: GoldQuestion, mode: str) -> ItemResult:
    base = ItemResult(id=item.id, category=item.category, lang=item.lang, question=item.question,
                      status="error", answerable=item.answerable, gold_anchors=item.gold_anchors)
    try:
        query = prepare(item.question, runtime.settings.max_question_chars,
                        carried_topic(item.question, item.history))
        hits, _ = runtime.retriever.search(query, k=RETRIEVAL_DEPTH, mode=mode)
        started = time.perf_counter()
        answer = ask(runtime, item.question, id=item.id, history=item.history)
        latency = (time.perf_counter() - started) * 1000
    except AssistantError as exc:
        return base.model_copy(update={"error": str(exc)})
    retrieved = [h.clause.anchor for h in hits]
    gold = item.gold_anchors if item.answerable else []
    result = base.model_copy(update={
        "retrieved": retrieved,
        "abstained": answer.abstained,
        "citations_valid": m.citations_valid(answer, runtime.index.documents),
        "latency_ms": round(latency, 2),
        "answer": answer.answer,
    })
    if item.answerable:
        result = result.model_copy(update={
            "hit1": m.hit_at(retrieved, gold, 1), "hit5": m.hit_at(retrieved, gold, 5),
            "mrr10": m.mrr_at(retrieved, gold), "ndcg10": m.ndcg_at(retrieved, gold),
            "citation_precision": m.citation_precision(answer, gold),
            "citation_recall": m.citation_recall(answer, gold),
            "key_fact_recall": m.key_fact_recall(answer.answer, item.key_facts) if not answer.abstained
            else (0.0 if item.key_facts else None),
        })
    ok = result.citations_valid and (answer.abstained != item.answerable)
    if item.answerable:
        ok = ok and result.hit5 == 1.0
    return result.model_copy(update={"status": "pass" if ok else "fail"})


def summarize(results: list[ItemResult]) -> dict[str, float | int | None]:
    done = [r for r in results if r.status != "error"]
    answerable = [r for r in done if r.answerable]
    latencies = [r.latency_ms for r in done if r.latency_ms is not None]
    abstain_p, abstain_r = m.precision_recall([bool(r.abstained) for r in done], [not r.answerable for r in done])
    out = {
        "items": len(results),
        "errors": len(results) - len(done),
        "pass_rate": round(sum(r.status == "pass" for r in results) / len(results), 4) if results else None,
        "hit@1": m.mean([r.hit1 for r in answerable]),
        "hit@5": m.mean([r.hit5 for r in answerable]),
        "mrr@10": m.mean([r.mrr10 for r in answerable]),
        "ndcg@10": m.mean([r.ndcg10 for r in answerable]),
        "citation_validity": m.mean([1.0 if r.citations_valid else 0.0 for r in done]),
        "citation_precision": m.mean([r.citation_precision for r in answerable]),
        "citation_recall": m.mean([r.citation_recall for r in answerable]),
        "key_fact_recall": m.mean([r.key_fact_recall for r in answerable]),
        "abstention_precision": abstain_p,
        "abstention_recall": abstain_r,
        "false_abstention_rate": m.mean([1.0 if r.abstained else 0.0 for r in answerable]),
        "latency_p50_ms": m.percentile(latencies, 0.5),
        "latency_p95_ms": m.percentile(latencies, 0.95),
    }
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}


def run(runtime: Runtime, dataset_paths: list[Path], mode: str = "hybrid",
        progress: Callable[[int, int], None] | None = None) -> Report:
    items = [item for path in dataset_paths for item in load_dataset(path)]
    results = []
    for i, item in enumerate(items, 1):
        results.append(evaluate_item(runtime, item, mode))
        if progress:
            progress(i, len(items))
    groups: dict[str, list[ItemResult]] = defaultdict(list)
    for r in results:
        groups[r.category].append(r)
    config = {
        "datasets": [p.name for p in dataset_paths],
        "retrieval": mode,
        "mode": "extractive",
        "embedder": runtime.index.manifest.embedder,
        "build_id": runtime.index.manifest.build_id,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    return Report(config=config, metrics=summarize(results),
                  by_category={k: summarize(v) for k, v in sorted(groups.items())}, items=results)


def check_gate(report: Report, thresholds_path: Path) -> list[str]:
    """Metrics below their floor (or above their ceiling), as readable lines; empty = pass.

    Thresholds are kept per dataset combination, e.g. `questions:` or `holdout:`.
    """
    key = "+".join(Path(name).stem for name in report.config["datasets"])
    spec = (yaml.safe_load(thresholds_path.read_text(encoding="utf-8")) or {}).get(key)
    if spec is None:
        return [f"{thresholds_path.name} 中没有 {key} 的门槛"]
    failures = []
    for name, floor in (spec.get("min") or {}).items():
        value = report.metrics.get(name)
        if value is None or value < floor:
            failures.append(f"{name} = {value}，低于门槛 {floor}")
    for name, ceiling in (spec.get("max") or {}).items():
        value = report.metrics.get(name)
        if value is None or value > ceiling:
            failures.append(f"{name} = {value}，高于上限 {ceiling}")
    return failures


def write_report(report: Report, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.json").write_text(report.model_dump_json(indent=2), encoding="utf-8")
    (out_dir / "report.md").write_text(render_markdown(report), encoding="utf-8")


def _fmt(value: object) -> str:
    return "—" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))


def render_markdown(report: Report) -> str:
    lines = [f"# Evaluation report ({report.config.get('retrieval')}, {report.config.get('date')})", "",
             "```json", json.dumps(report.config, ensure_ascii=False, indent=2), "```", "",
             "| metric | value |", "| --- | --- |"]
    lines += [f"| {k} | {_fmt(v)} |" for k, v in report.metrics.items()]
    shown = ["items", "pass_rate", "hit@5", "mrr@10", "key_fact_recall", "false_abstention_rate",
             "abstention_recall"]
    lines += ["", "## By category", "", "| category | " + " | ".join(shown) + " |",
              "| --- |" + " --- |" * len(shown)]
    for category, values in report.by_category.items():
        lines.append(f"| {category} | " + " | ".join(_fmt(values.get(n)) for n in shown) + " |")
    failing = [r for r in report.items if r.status != "pass"]
    lines += ["", f"## Failing items ({len(failing)})", ""]
    for r in failing:
        why = r.error or f"abstained={r.abstained}, hit@5={_fmt(r.hit5)}, retrieved={r.retrieved[:3]}"
        lines.append(f"- `{r.id}` [{r.category}] {r.question} — gold {r.gold_anchors}; {why}")
    return "\n".join(lines) + "\n"
