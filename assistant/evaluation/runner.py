"""Batch evaluation over the gold sets: every item gets a status; errors are counted, not averaged.

    report = run(runtime, [questions.jsonl, profiles.jsonl])                 # hybrid, extractive
    report = run(runtime, paths, VARIANTS["bm25"])                           # another retrieval mode
    primary, variants = run_matrix(runtime, paths)                           # bm25/dense/hybrid(/llm)/baseline

Retrieval metrics are measured on what `ask` itself retrieved (the same query, follow-up handling
and mode), recorded at a depth of 10 by an observer on the runtime's searches (`on_retrieve`);
the answer is unchanged, since the fused top 5 of a depth-10 search is the top 5 of a depth-5 search.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.answering.ask import ask
from assistant.documents.rules import DocumentRules
from assistant.eligibility.catalogue import load_catalogue
from assistant.eligibility.gold import load_gold, load_meta, run_case
from assistant.errors import AssistantError
from assistant.evaluation import metrics as m
from assistant.evaluation.baseline import LangChainBaseline
from assistant.evaluation.datasets import GoldQuestion, dataset_kind, dataset_name, load_dataset
from assistant.evaluation.judge import SKIPPED, Judge
from assistant.evaluation.report import ItemResult, Report, build_report
from assistant.llm.client import ChatModel
from assistant.retrieval.query import Query
from assistant.retrieval.rewrite import prepare_followup
from assistant.runtime import Runtime
from assistant.settings import Settings
from assistant.types import ScoredClause

__all__ = ["VARIANTS", "RetrievalRecorder", "Variant", "load_dataset", "run", "run_matrix"]

RETRIEVAL_DEPTH = 10
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Variant:
    """What is evaluated: a retrieval mode and an answering path ("none" = retrieval only)."""

    name: str
    retrieval: Literal["hybrid", "dense", "bm25"] = "hybrid"
    answering: Literal["extractive", "llm", "none"] = "extractive"


VARIANTS = {
    "bm25": Variant("bm25", "bm25"),
    "dense": Variant("dense", "dense"),
    "hybrid": Variant("hybrid", "hybrid"),
    "llm": Variant("llm", "hybrid", "llm"),
    "baseline": Variant("baseline", "dense", "none"),
}


def variant_for(retrieval: str, answering: str = "extractive") -> Variant:
    if answering == "llm":
        return Variant("llm" if retrieval == "hybrid" else f"{retrieval}+llm", retrieval, "llm")  # type: ignore[arg-type]
    return VARIANTS[retrieval]


# ---- an observed runtime -----------------------------------------------------------------------

class RetrievalRecorder:
    """Observes a runtime's searches: keeps each ranking RETRIEVAL_DEPTH deep (the caller gets its top k)."""

    depth = RETRIEVAL_DEPTH

    def __init__(self) -> None:
        self.searches: list[list[ScoredClause]] = []

    def __call__(self, query: Query, hits: list[ScoredClause]) -> None:
        self.searches.append(hits)


def variant_runtime(base: Runtime, variant: Variant,
                    chat: ChatModel | None = None) -> tuple[Runtime, RetrievalRecorder]:
    """A Runtime sharing base's embedder and index with the variant's retrieval mode and answering path."""
    retrieval = base.settings.retrieval.model_copy(update={"mode": variant.retrieval})
    runtime = Runtime(base.settings.model_copy(update={"retrieval": retrieval}), base.embedder,
                      chat_model=chat if variant.answering == "llm" else None, index=base.index)
    recorder = RetrievalRecorder()
    runtime.on_retrieve.add(recorder)
    return runtime, recorder


# ---- one item ----------------------------------------------------------------------------------

def _base(item: GoldQuestion, dataset: str) -> ItemResult:
    return ItemResult(id=item.id, dataset=dataset, category=item.category, lang=item.lang, question=item.question,
                      status="error", answerable=item.answerable, gold_anchors=item.gold_anchors)


def _error(base: ItemResult, exc: Exception) -> ItemResult:
    message = str(exc) if isinstance(exc, AssistantError) else f"{type(exc).__name__}: {exc}"
    return base.model_copy(update={"status": "error", "error": message, "reasons": ["error"]})


def _retrieval_scores(units: list, gold: list[str]) -> dict:
    return {"hit1": m.hit_at(units, gold, 1), "hit5": m.hit_at(units, gold, 5),
            "mrr10": m.mrr_at(units, gold, RETRIEVAL_DEPTH), "ndcg10": m.ndcg_at(units, gold, RETRIEVAL_DEPTH)}


def _unit(item: GoldQuestion, doc_id: str, anchor: str) -> str:
    """A clause as the metrics see it: its bare anchor in the gold document, `doc_id#anchor` elsewhere,
    so another document's clause with a gold anchor (a sibling policy's 序.p3) never counts as a hit."""
    return anchor if doc_id == item.doc_id else f"{doc_id}#{anchor}"


def _fallback_search(runtime: Runtime, item: GoldQuestion) -> list[ScoredClause]:
    """Questions routed to the matcher retrieve nothing; rank clauses for them as ask would."""
    s = runtime.settings
    query = prepare_followup(item.question, item.history, None, s.prompts_dir, s.max_question_chars)
    hits, _ = runtime.retriever.search(query, k=RETRIEVAL_DEPTH)
    return hits


def evaluate_question(runtime: Runtime, recorder: RetrievalRecorder, item: GoldQuestion, dataset: str = "",
                      judge: Judge | None = None) -> ItemResult:
    """Ask the question as a user would; score retrieval, citations, abstention and key facts."""
    base = _base(item, dataset)
    recorder.searches.clear()
    try:
        started = time.perf_counter()
        answer = ask(runtime, item.question, id=item.id, history=item.history)
        latency = (time.perf_counter() - started) * 1000
        hits = recorder.searches[0] if recorder.searches else _fallback_search(runtime, item)
    except Exception as exc:  # keep going: the item is counted as an error, not averaged in
        return _error(base, exc)
    retrieved = [_unit(item, h.clause.doc_id, h.clause.anchor) for h in hits]
    cited = [_unit(item, c.doc_id, c.anchor) for c in answer.citations]
    valid = m.citations_valid(answer, runtime.index.documents)
    update: dict = {"retrieved": retrieved, "cited": cited, "abstained": answer.abstained,
                    "citations_valid": valid, "latency_ms": round(latency, 2), "answer": answer.answer,
                    "context_chars5": sum(len(h.clause.text) for h in hits[:5])}
    reasons = [] if valid else ["citation not verbatim, or [n] without its source"]
    update["parts_answered"] = m.parts_answered(answer, item.parts)
    if update["parts_answered"] is not None and update["parts_answered"] < 1.0:
        reasons.append("a part of the question neither answered nor marked as not stated")
    if item.answerable:
        gold = item.gold_anchors
        facts = m.unique(item.key_facts)
        if answer.abstained:
            fact_recall, missing = (0.0 if facts else None), facts
        else:
            fact_recall = m.key_fact_recall(answer.answer, facts)
            missing = [f for f in facts if m.key_fact_recall(answer.answer, [f]) == 0.0]
        update.update(_retrieval_scores(retrieved, gold))
        update.update({"citation_precision": m.citation_precision(cited, gold),
                       "citation_recall": m.citation_recall(cited, gold),
                       "key_fact_recall": fact_recall, "missing_facts": missing})
        if answer.abstained:
            reasons.append("abstained on an answerable question")
        if update["hit5"] == 0.0:
            reasons.append("no gold clause in the top 5")
        if missing and not answer.abstained:
            reasons.append("missing key facts: " + "、".join(missing))
    elif not answer.abstained:
        reasons.append("answered a question the plan does not answer")
    if judge is not None and not answer.abstained:
        scores = judge.score(item.question, answer)
        update.update({"faithfulness": scores.faithfulness, "answer_relevancy": scores.answer_relevancy,
                       "judge_error": scores.error})
    update.update({"status": "fail" if reasons else "pass", "reasons": reasons})
    return base.model_copy(update=update)


def evaluate_baseline_item(baseline: LangChainBaseline, item: GoldQuestion, dataset: str = "") -> ItemResult:
    """Retrieval only: the raw question against the recipe's chunks, scored by overlapped clauses."""
    base = _base(item, dataset)
    try:
        started = time.perf_counter()
        chunks = baseline.search(item.question, k=RETRIEVAL_DEPTH)
        latency = (time.perf_counter() - started) * 1000
    except Exception as exc:
        return _error(base, exc)
    update = _retrieval_scores([c.anchors for c in chunks], item.gold_anchors)
    reasons = ["no gold clause in the top 5"] if update["hit5"] == 0.0 else []
    update.update({"retrieved": [c.label for c in chunks], "latency_ms": round(latency, 2),
                   "context_chars5": sum(len(c.text) for c in chunks[:5]),
                   "status": "fail" if reasons else "pass", "reasons": reasons})
    return base.model_copy(update=update)


def evaluate_profiles(path: Path, settings: Settings, progress: Progress | None = None) -> list[ItemResult]:
    """Run the gold profiles through the matcher (assistant.eligibility.gold), one item each."""
    cases = load_gold(path)
    as_of = load_meta(path).as_of  # e.g. the plan's set is judged inside its execution period
    catalogue = load_catalogue(settings.catalogue_path, vocabulary_path=settings.vocabulary_path,
                               policies_dir=settings.policies_dir,
                               rules=DocumentRules.load(settings.document_rules_dir))
    results = []
    for i, case in enumerate(cases, 1):
        description = case.profile.get("description")
        shown = description if isinstance(description, str) and description else \
            "；".join(f"{k}={v}" for k, v in case.profile.items())
        base = ItemResult(id=case.id, dataset=path.stem, kind="profile", category="profiles", question=shown,
                          status="error", expected=case.expected)
        try:
            started = time.perf_counter()
            outcome = run_case(case, catalogue, as_of)
            latency = (time.perf_counter() - started) * 1000
        except Exception as exc:
            results.append(_error(base, exc))
        else:
            precision, recall = m.set_precision_recall(outcome.returned, outcome.expected)
            ok = not outcome.missing and not outcome.extra
            results.append(base.model_copy(update={
                "returned": outcome.returned, "eligibility_precision": precision, "eligibility_recall": recall,
                "latency_ms": round(latency, 2), "status": "pass" if ok else "fail",
                "reasons": [] if ok else ["matcher result differs from gold"]}))
        if progress:
            progress(path.stem, i, len(cases))
    return results


# ---- runs --------------------------------------------------------------------------------------

def _config(runtime: Runtime, paths: list[Path], variant: Variant, chat: ChatModel | None,
            judge: Judge | None, judge_note: str | None) -> dict:
    index = runtime.index
    config: dict = {
        "datasets": [dataset_name(p) for p in paths],
        "variant": variant.name,
        "retrieval": variant.retrieval,
        "answering": variant.answering,
        "top_k": runtime.settings.retrieval.top_k,
        "retrieval_depth": RETRIEVAL_DEPTH,
        "embedder": index.manifest.embedder,
        "build_id": index.manifest.build_id,
        "clauses": len(index.clauses),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    if variant.answering == "llm" and chat is not None:
        config["llm"] = chat.name
    if variant.answering != "none":
        config["judge"] = f"on ({judge.name})" if judge is not None else (judge_note or SKIPPED)
    return config


def run(runtime: Runtime, dataset_paths: list[Path], variant: Variant | str = "hybrid", *,
        chat: ChatModel | None = None, judge: Judge | None = None, judge_note: str | None = None,
        progress: Progress | None = None, baseline: LangChainBaseline | None = None) -> Report:
    """Evaluate one variant over the datasets (question sets and/or the profiles set)."""
    variant = VARIANTS[variant] if isinstance(variant, str) else variant
    if variant.answering == "llm" and chat is None:
        raise AssistantError("评测 LLM 作答需要配置语言模型：请设置 ASSISTANT_LLM_MODEL"
                             "（及 OPENAI_BASE_URL / OPENAI_API_KEY）")
    eval_runtime, recorder = variant_runtime(runtime, variant, chat)
    results: list[ItemResult] = []
    for path in dataset_paths:
        if dataset_kind(path) == "profiles":
            if variant.answering != "none":  # the matcher does not depend on retrieval or answering
                results += evaluate_profiles(path, runtime.settings, progress)
            continue
        if dataset_kind(path) == "related_profiles":
            if variant.answering != "none":  # the matcher does not depend on retrieval or answering
                from assistant.evaluation.profiles import evaluate_library_profiles

                results += evaluate_library_profiles(eval_runtime, path, progress)
            continue
        if dataset_kind(path) == "related":
            if variant.answering == "extractive":  # the library is built for this run; extractive answers only
                from assistant.evaluation.related import evaluate_related

                results += evaluate_related(eval_runtime, path.parent, progress)
            continue
        items = load_dataset(path)
        if variant.answering == "none":
            if baseline is None:
                index = eval_runtime.index
                baseline = LangChainBaseline(index.documents, index.clauses, eval_runtime.embedder)
            items = [i for i in items if i.answerable]  # the baseline is scored on retrieval only
        for i, item in enumerate(items, 1):
            if variant.answering == "none":
                results.append(evaluate_baseline_item(baseline, item, path.stem))  # type: ignore[arg-type]
            else:
                results.append(evaluate_question(eval_runtime, recorder, item, path.stem, judge))
            if progress:
                progress(f"{variant.name}:{path.stem}", i, len(items))
    config = _config(runtime, dataset_paths, variant, chat, judge, judge_note)
    if baseline is not None:
        config["baseline"] = baseline.config
    return build_report(config, results)


def run_matrix(runtime: Runtime, dataset_paths: list[Path], *, chat: ChatModel | None = None,
               judge: Judge | None = None, judge_note: str | None = None,
               progress: Progress | None = None) -> tuple[Report, dict[str, Report]]:
    """bm25 / dense / hybrid (extractive), llm (hybrid) when a chat model is given, and the baseline.

    Returns the hybrid report carrying every variant's summary in `matrix`, and each variant's
    full report. The judge (if any) scores the hybrid and llm answers only.
    """
    paths = [p for p in dataset_paths if dataset_kind(p) == "questions"]
    if not paths:
        raise AssistantError("--matrix 需要问题评测集（例如 --dataset questions）")
    names = ["bm25", "dense", "hybrid", *(["llm"] if chat is not None else []), "baseline"]
    reports: dict[str, Report] = {}
    for name in names:
        variant = VARIANTS[name]
        use_judge = judge if name in ("hybrid", "llm") else None
        note = judge_note if name in ("hybrid", "llm") else "not run for this variant"
        reports[name] = run(runtime, paths, variant, chat=chat, judge=use_judge, judge_note=note, progress=progress)
    primary = reports["hybrid"].model_copy(deep=True)
    primary.config["matrix"] = names
    if chat is None:
        primary.config["llm_variant"] = "skipped: no LLM configured (ASSISTANT_LLM_MODEL)"
    primary.matrix = {name: report.summary() for name, report in reports.items()}
    return primary, reports
