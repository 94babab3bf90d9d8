"""Item extraction precision/recall of the rules against a library's labels.yaml (not gated; a diagnostic):

    .venv/bin/python evals/common/score_items.py evals/related      # or any evals/X with labels.yaml items
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assistant.documents.rules import DocumentRules
from assistant.evaluation.items import score_items
from assistant.settings import Settings


def main(argv: list[str]) -> int:
    labels = Path(argv[0] if argv else "evals/related") / "labels.yaml"
    if not labels.is_file():
        print(f"no labels.yaml in {labels.parent}", file=sys.stderr)
        return 2
    scores = score_items(labels, DocumentRules.load(Settings().document_rules_dir))
    print(f"precision {scores.precision}  recall {scores.recall}  amounts {scores.amount_accuracy}  "
          f"category {scores.category_accuracy}")
    for doc in scores.documents:
        print(f"  {doc.doc}: labelled {doc.labelled}, extracted {doc.extracted}, matched {doc.matched}, "
              f"optional {doc.optional}, missed {doc.missed}")
        for fp in doc.false_positives:
            print(f"    false positive: {fp}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
