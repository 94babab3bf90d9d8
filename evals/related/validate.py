"""Check the related-policy gold sets for internal consistency (not the assistant's behaviour).

    .venv/bin/python evals/related/validate.py

The checks every library shares (evals/common/checks.py: every quote, amount and condition quote
verbatim in its document, table items real rows, ids unique and known, expected amounts verbatim
amount texts, the PDF's re-flowed text holding every quote, statuses agreeing with the dates). This
folder's own parts: its PDF's source text, running header and page numbers, and its size and mix
(the first library: at least 40 questions and 16 profiles, one English question; its gold quotes
may recur, as an issuer's name does in a signature). Exits 1 with a list of problems.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import build_docs  # noqa: E402  (the PDF's source text lives there)
from common.checks import Library, Mix, run  # noqa: E402

LIBRARY = Library(folder=HERE, pdf_source=build_docs.zone_source_text, page_number=re.compile(r"—\s*\d+\s*—"),
                  running_header=build_docs.ZONE_RUNNING_HEADER, unique_gold_quotes=False,
                  mix=Mix(min_questions=40, min_profiles=16, english=(1, 3)))

if __name__ == "__main__":
    raise SystemExit(run(LIBRARY))
