"""Check the related5 gold sets for internal consistency (not the assistant's behaviour).

    .venv/bin/python evals/related5/validate.py

The checks every library shares (evals/common/checks.py: quotes verbatim, table rows real, the
PDF's re-flowed text holding every quote, statuses agreeing with the dates on the reference date,
a window not yet open never qualifying, ids known, the set's size and mix). This folder's own
parts: its PDF's source text and page numbers (— N —, no running header); its mix (≥ 50 questions,
≥ 16 profiles, ≥ 7 unanswerable, an out-of-scope question, exactly 4 English and 3 Traditional); a
yearly recurring window (`window_text`), whose next opening comes after the reference date; and an
extended document, whose own end date has passed while the extension keeps it in force.
Exits 1 with a list of problems.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import build_docs  # noqa: E402  (the PDF's source text lives there)
from common.checks import Library, Mix, document_text, iso, run  # noqa: E402


def yearly_window(item: dict, today: dt.date, problems: list[str]) -> None:
    """A yearly window (`window_text`, no deadline): between two windows, or 随时申报 (open)."""
    if not item.get("window_text") or iso(item.get("deadline")) is not None:
        return
    following = iso(item.get("next_window_opens"))
    want = "open" if following is None else "between_windows"
    if following is not None and following <= today:
        problems.append(f"{item['id']}: next_window_opens {following} is not after the reference date")
    if item.get("window_status_on_reference_date") != want:
        problems.append(f"{item['id']}: window status should be {want} ({item['window_text']})")


def extensions(problems: list[str]) -> None:
    """An extended document: its own end has passed, the notice's new end is its labelled end and is verbatim."""
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    docs = {d["doc"]: d for d in labels["documents"]}
    today = iso(labels["reference_date"])
    for doc in docs.values():
        if "extended_by" not in doc:
            continue
        notice = docs[doc["extended_by"]]
        own, new = iso(doc["effective_to_own_text"]), iso(doc["metadata"]["effective_to"])
        if not own < today <= new:
            problems.append(f"{doc['doc']}: own end {own} should have passed and the extended end {new} not")
        if notice["extends"]["doc"] != doc["doc"] or iso(notice["extends"]["new_effective_to"]) != new:
            problems.append(f"{doc['doc']}: the extension notice does not name it with end {new}")
        text = document_text((HERE / notice["file"]).resolve(), LIBRARY)
        problems += [f"{notice['doc']}: quote not verbatim: {q}" for q in
                     (notice["extends"]["quote"], notice["amends"]["quote"]) if q not in text]


LIBRARY = Library(folder=HERE, pdf_source=build_docs.hs_source_text,
                  page_number=re.compile(r"—\s*\d+\s*—"),
                  mix=Mix(min_questions=50, min_profiles=16, min_unanswerable=7, english=(4, 4), traditional=(3, 3),
                          min_out_of_scope=1),
                  item_check=yearly_window)

if __name__ == "__main__":
    found: list[str] = []
    extensions(found)
    for problem in found:
        print("PROBLEM:", problem)
    raise SystemExit(run(LIBRARY) or (1 if found else 0))
