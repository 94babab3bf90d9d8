"""Support-item extraction time per clause, beside clause parsing, on the plan and synthetic documents.

    .venv/bin/python benchmarks/bench_items.py [--clauses 2000] [--out benchmarks/results/items.json]

Target (issue 12): ingest with extraction within 1.2× today's per-clause ingest time; compare
`extract_ms_per_clause` with the per-clause time of benchmarks/results/scale.json (first ingest).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def _measure(documents: list, repeat: int, rules) -> dict[str, float]:
    from assistant.documents.clauses import parse_clauses
    from assistant.documents.items import extract_items

    parsed = [(d, parse_clauses(d.meta.doc_id, d.text)) for d in documents]
    extract_items(*parsed[0], rules.items)  # cn2an imported once, as in a running ingest
    clauses = sum(len(c) for _, c in parsed)
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d, _c in parsed:
            parse_clauses(d.meta.doc_id, d.text)
    t1 = time.perf_counter()
    items = 0
    for _ in range(repeat):
        items = sum(len(extract_items(d, c, rules.items)) for d, c in parsed)
    t2 = time.perf_counter()
    n = clauses * repeat
    return {"documents": len(documents), "clauses": clauses, "items": items,
            "parse_ms_per_clause": round((t1 - t0) * 1000 / n, 4),
            "extract_ms_per_clause": round((t2 - t1) * 1000 / n, 4)}


def _synthetic(clauses: int) -> list:
    from assistant.types import Document, DocumentMeta
    from benchmarks.synthetic import CorpusGenerator

    docs = []
    for doc, _n in CorpusGenerator(20140326).documents(clauses):
        meta = DocumentMeta(doc_id=doc.doc_id, title=doc.title, region="湖北省")
        docs.append(Document(meta=meta, text=doc.text, sha256="bench"))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clauses", type=int, default=2000, help="synthetic clauses (default 2000)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    from assistant.documents.loaders import load_document
    from assistant.documents.rules import DocumentRules
    from assistant.settings import Settings

    settings = Settings()
    rules = DocumentRules.load(settings.document_rules_dir)  # compiled once, as in a running ingest
    plan = load_document(settings.policies_dir / "hubei-2014-intelligent-equipment-action-plan.txt", rules)
    result = {"plan": _measure([plan], 20, rules), "synthetic": _measure(_synthetic(args.clauses), 1, rules)}
    scale = REPO_ROOT / "benchmarks" / "results" / "scale.json"
    if scale.exists():  # today's per-clause ingest time, for the 1.2× target
        first = json.loads(scale.read_text("utf-8"))["sizes"][0]["ingest"]["first_ingest"]
        ingest_ms = 1000 / first["clauses_per_s"]
        result["ingest_ms_per_clause_today"] = round(ingest_ms, 3)
        for key in ("plan", "synthetic"):
            result[key]["ratio_vs_ingest"] = round(1 + result[key]["extract_ms_per_clause"] / ingest_ms, 3)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO_ROOT))
    sys.exit(main())
