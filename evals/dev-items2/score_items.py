"""Item extraction precision/recall of the rules against labels.yaml (run: python evals/related/score_items.py)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from assistant.documents.rules import DocumentRules  # noqa: E402
from assistant.evaluation.items import score_items  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def main() -> int:
    scores = score_items(HERE / "labels.yaml", DocumentRules.load(Settings().document_rules_dir))
    print(f"precision {scores.precision}  recall {scores.recall}  amounts {scores.amount_accuracy}  "
          f"category {scores.category_accuracy}")
    for doc in scores.documents:
        print(f"  {doc.doc}: labelled {doc.labelled}, extracted {doc.extracted}, matched {doc.matched}, "
              f"optional {doc.optional}, missed {doc.missed}")
        for fp in doc.false_positives:
            print(f"    false positive: {fp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
