"""Check the related2 gold sets for internal consistency (not the assistant's behaviour).

    .venv/bin/python evals/related2/validate.py

The checks every library shares (evals/common/checks.py: quotes verbatim, table rows real, the
PDF's re-flowed text holding every quote, statuses agreeing with the dates on the reference date,
ids known, nothing expired or closed offered, the set's size and mix). This folder's own parts:
its PDF's source text and page numbers. Exits 1 with a list of problems.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import build_docs  # noqa: E402  (the PDF's source text lives there)
from common.checks import Library, run  # noqa: E402

LIBRARY = Library(folder=HERE, pdf_source=build_docs.rd_source_text, page_number=re.compile(r"-\s*\d+\s*-"))

if __name__ == "__main__":
    raise SystemExit(run(LIBRARY))
