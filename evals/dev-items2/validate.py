"""Check the dev-items2 gold sets for internal consistency (not the assistant's behaviour).

    .venv/bin/python evals/dev-items2/validate.py

The checks every library shares (evals/common/checks.py) with this folder's mix: few questions (the set is
about items and matching), ≥ 20 profiles (half description-only), ≥ 40 labelled items. Exits 1 with a list
of problems.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
from common.checks import Library, Mix, run  # noqa: E402

COUNT = {"items": 0}


def count_items(item: dict, today: dt.date, problems: list[str]) -> None:
    COUNT["items"] += 1


LIBRARY = Library(folder=HERE, pdf_source=str, page_number=re.compile(r"$^"),  # no PDF in this folder
                  mix=Mix(min_questions=8, min_profiles=20, min_unanswerable=1, english=(1, 2), traditional=(0, 1),
                          min_validity=2),
                  item_check=count_items)

if __name__ == "__main__":
    code = run(LIBRARY)
    if COUNT["items"] < 40:
        print(f"PROBLEM: only {COUNT['items']} labelled items (want ≥ 40)")
        code = 1
    raise SystemExit(code)
