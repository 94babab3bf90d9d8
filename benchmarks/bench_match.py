"""`match` over the items of 1,000 documents: per-profile latency of the library matcher.

    .venv/bin/python benchmarks/bench_match.py [--documents 1000 2001] [--out benchmarks/results/match.json]

The library of N documents (each size of `--documents`; 1,000 is the issue's, 2,001 the size measured
before): the items rules extract from half of them, synthetic documents (benchmarks/synthetic.py,
plan-style text with few amounts), plus the items of the related fictional documents
(evals/related/docs) copied onto the other half but one, each copy with a region, validity window
and deadline drawn at random (a library dense with amounts, thresholds and windows), plus the
plan's curated overlay. It is compiled once, as the Runtime does per index build. The profiles are
the 18 of evals/related/profiles.jsonl (read once). Target (issue 12): p95 ≤ 50 ms per match, as
the CLI/API/UI ask it (the first 50 shown); also measured: the full lists (limit None, what the
watch's alerts use) and the curated catalogue alone (the watch's match_profile hot path).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CITIES = ["武汉市", "襄阳市", "宜昌市", "荆州市", "十堰市", "黄石市", "孝感市", "湖北省", "全国"]


def _synthetic_items(n: int, rules) -> tuple[list, dict]:
    from assistant.documents.clauses import parse_clauses
    from assistant.documents.items import extract_items
    from assistant.types import Document, DocumentMeta
    from benchmarks.synthetic import CorpusGenerator

    gen = CorpusGenerator(20140326)
    items, metas = [], {}
    for i in range(n):
        doc = gen.document(i)
        meta = DocumentMeta(doc_id=doc.doc_id, title=doc.title, region="湖北省")
        document = Document(meta=meta, text=doc.text, sha256="bench")
        items += extract_items(document, parse_clauses(doc.doc_id, doc.text), rules.items)
        metas[doc.doc_id] = meta
    return items, metas


def _related_copies(n: int, rules) -> tuple[list, dict]:
    """The related documents' items on n synthetic documents, with random regions, windows, deadlines."""
    from assistant.documents.clauses import parse_clauses
    from assistant.documents.items import extract_items
    from assistant.documents.loaders import load_document
    from assistant.types import ApplicationWindow, ItemCondition

    sources = []
    for path in sorted((REPO_ROOT / "evals" / "related" / "docs").iterdir()):
        document = load_document(path, rules)
        sources.append((document, extract_items(document, parse_clauses(document.meta.doc_id, document.text),
                                                rules.items)))
    rng = random.Random(12)
    items, metas = [], {}
    for i in range(n):
        document, source = sources[i % len(sources)]
        doc_id = f"copy-{i:05d}"
        start = dt.date(2016 + rng.randint(0, 10), 1, 1)
        metas[doc_id] = document.meta.model_copy(update={
            "doc_id": doc_id, "region": rng.choice(CITIES), "effective_from": start,
            "effective_to": start + dt.timedelta(days=365 * rng.randint(1, 5))})
        deadline = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 730))
        for item in source:
            conditions = [ItemCondition(kind="region", text=metas[doc_id].region, source="document"),
                          *(c for c in item.conditions if c.source != "document")]
            window = ApplicationWindow(deadline=deadline, quote=item.benefit_quote) if rng.random() < 0.5 else None
            items.append(item.model_copy(update={"id": f"{doc_id}:{item.id}", "doc_id": doc_id,
                                                 "conditions": conditions, "window": window}))
    return items, metas


def _profiles(vocab) -> list:
    from assistant.eligibility import OfflineExtractor, build_profile, read_profile_input

    extractor = OfflineExtractor(vocab)
    lines = (REPO_ROOT / "evals" / "related" / "profiles.jsonl").read_text(encoding="utf-8").splitlines()
    return [build_profile(read_profile_input(json.loads(line)["profile"]), extractor, vocab)[0]
            for line in lines if line.strip()]


def _time(fn, profiles: list, rounds: int) -> dict:
    samples = []
    for _ in range(rounds):
        for profile in profiles:
            t0 = time.perf_counter()
            fn(profile)
            samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {"matches": len(samples), "p50_ms": round(statistics.median(samples), 3),
            "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 3), "max_ms": round(samples[-1], 3)}


def _size(n: int, rules, catalogue, profiles: list, rounds: int) -> dict:
    from assistant.eligibility.library import build_library, settle_heap
    from assistant.eligibility.matcher import match_library

    t0 = time.perf_counter()
    plain, plain_metas = _synthetic_items(n // 2, rules)
    dense, dense_metas = _related_copies(n - n // 2 - 1, rules)
    t1 = time.perf_counter()
    library = build_library([*plain, *dense], {**plain_metas, **dense_metas}, catalogue.vocabulary, catalogue)
    settle_heap()  # as library_for_index does per build
    t2 = time.perf_counter()
    today = dt.date(2026, 12, 1)
    return {
        "documents": len(plain_metas) + len(dense_metas) + 1,
        "items": len(library), "items_from_synthetic": len(plain), "items_from_related_copies": len(dense),
        "extract_s": round(t1 - t0, 2), "compile_s": round(t2 - t1, 3),
        "library_limit_50": _time(lambda p: match_library(p, library, today, limit=50), profiles, rounds),
        "library_full": _time(lambda p: match_library(p, library, today), profiles, rounds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 2001],
                        help="library sizes in documents (default 1000, the issue's, and 2001)")
    parser.add_argument("--rounds", type=int, default=5, help="times each profile is matched")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    from assistant.documents.rules import DocumentRules
    from assistant.eligibility import load_catalogue, match_profile
    from assistant.settings import Settings

    settings = Settings()
    rules = DocumentRules.load(settings.document_rules_dir)
    catalogue = load_catalogue(settings.catalogue_path, vocabulary_path=settings.vocabulary_path,
                               policies_dir=settings.policies_dir, rules=rules)
    profiles = _profiles(catalogue.vocabulary)
    result = {
        "profiles": len(profiles), "target_p95_ms": 50,
        "sizes": [_size(n, rules, catalogue, profiles, args.rounds) for n in args.documents],
        "catalogue_only": _time(lambda p: match_profile(p, catalogue), profiles, args.rounds * 10),
    }
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO_ROOT))
    sys.exit(main())
