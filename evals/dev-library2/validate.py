"""Check the dev-library2 gold set for internal consistency (not the assistant's behaviour).

    .venv/bin/python evals/dev-library2/validate.py

The shared checks (evals/common/checks.py): quotes verbatim, statuses agreeing with the dates on the
reference date, ids known. This library has no PDF and no profiles (a question set only); its mix:
≥ 70 questions, ≥ 12 unanswerable near a document, an English share of 6–8 and 3–4 Traditional.
Exits 1 with a list of problems.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]
from common.checks import Library, Mix, run  # noqa: E402

LIBRARY = Library(folder=HERE, pdf_source=lambda: "", page_number=re.compile(r"(?!x)x"),
                  mix=Mix(min_questions=80, min_profiles=0, min_unanswerable=14, english=(6, 8),
                          traditional=(3, 4), min_out_of_scope=0))

if __name__ == "__main__":
    raise SystemExit(run(LIBRARY))
