"""Check the related4 gold sets for internal consistency (not the assistant's behaviour).

    .venv/bin/python evals/related4/validate.py

The checks every library shares (evals/common/checks.py: quotes verbatim, table rows real, the
PDF's re-flowed text holding every quote, statuses agreeing with the dates on the reference date,
a window not yet open never qualifying, ids known, the set's size and mix). This folder's own
parts: its PDF's source text, page numbers (第X页 共Y页) and running header (the title, which also
stands once at the top of the first page); its mix (≥ 45 questions, ≥ 14 profiles, ≥ 6 unanswerable,
an out-of-scope question, exactly 3 English and 2 Traditional); and a yearly recurring window
(`window_text`), whose next opening comes after the reference date. Exits 1 with a list of problems.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import build_docs  # noqa: E402  (the PDF's source text lives there)
from common.checks import Library, Mix, iso, run  # noqa: E402


def yearly_window(item: dict, today: dt.date, problems: list[str]) -> None:
    """A yearly window (`window_text`, no deadline): between two windows, or 常年受理 (open)."""
    if not item.get("window_text") or iso(item.get("deadline")) is not None:
        return
    following = iso(item.get("next_window_opens"))
    want = "open" if following is None else "between_windows"
    if following is not None and following <= today:
        problems.append(f"{item['id']}: next_window_opens {following} is not after the reference date")
    if item.get("window_status_on_reference_date") != want:
        problems.append(f"{item['id']}: window status should be {want} ({item['window_text']})")
    if item["window_text"] not in (item.get("table_row") or [item["window_text"]]):
        problems.append(f"{item['id']}: window_text is not a cell of its table row")


LIBRARY = Library(folder=HERE, pdf_source=build_docs.jm_source_text,
                  page_number=re.compile(r"第\s*\d+\s*页\s*共\s*\d+\s*页"),
                  running_header=build_docs.JM_HEADER, header_on_first_page=True,
                  mix=Mix(min_questions=45, min_profiles=14, min_unanswerable=6, english=(3, 3), traditional=(2, 2),
                          min_out_of_scope=1),
                  item_check=yearly_window)

if __name__ == "__main__":
    raise SystemExit(run(LIBRARY))
