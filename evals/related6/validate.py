"""Check the related6 gold sets for internal consistency (not the assistant's behaviour).

    .venv/bin/python evals/related6/validate.py

The checks every library shares (evals/common/checks.py: quotes verbatim, table rows real, the
PDF's re-flowed text holding every quote, statuses agreeing with the dates on the reference date,
a window not yet open never qualifying, ids known, the set's size and mix). This folder's own
parts: its PDF's source text and page numbers (第 N 页 共 M 页, no running header); its mix (≥ 60
questions, ≥ 18 profiles, ≥ 8 unanswerable, ≥ 2 out of scope, exactly 5 English and 3 Traditional); a
yearly recurring window (`window_text`), whose next opening comes after the reference date, and an
open one (免申即享 / 常年受理); a repealed document, whose labelled end is the day before its
repealer took effect, while its own end date has not passed; and a validity of 有效期三年 from the
issue date. Exits 1 with a list of problems.
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
    """A yearly window (`window_text`, no deadline): between two windows, or 免申即享 / 常年受理 (open)."""
    if not item.get("window_text") or iso(item.get("deadline")) is not None:
        return
    following = iso(item.get("next_window_opens"))
    want = "open" if following is None else "between_windows"
    if following is not None and following <= today:
        problems.append(f"{item['id']}: next_window_opens {following} is not after the reference date")
    if item.get("window_status_on_reference_date") != want:
        problems.append(f"{item['id']}: window status should be {want} ({item['window_text']})")


def repeals(problems: list[str]) -> None:
    """A repealed document ends the day before its repealer takes effect; its own end has not passed; the
    同时废止 sentence is verbatim in the repealer and names the repealed document's 文号."""
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    docs = {d["doc"]: d for d in labels["documents"]}
    today = iso(labels["reference_date"])
    for doc in docs.values():
        if "repealed_by" not in doc:
            continue
        repealer = docs[doc["repealed_by"]]
        own, end = iso(doc["effective_to_own_text"]), iso(doc["metadata"]["effective_to"])
        start = iso(repealer["metadata"]["effective_from"])
        if end != start - dt.timedelta(days=1):
            problems.append(f"{doc['doc']}: labelled end {end} is not the day before {repealer['doc']} took effect")
        if not end < today <= own:
            problems.append(f"{doc['doc']}: the repeal should have ended it while its own end {own} has not passed")
        block = repealer["repeals"]
        if block["doc"] != doc["doc"] or block["doc_number"] != doc["metadata"]["doc_number"]:
            problems.append(f"{repealer['doc']}: repeals block does not name {doc['doc']}")
        if block["quote"] not in document_text((HERE / repealer["file"]).resolve(), LIBRARY):
            problems.append(f"{repealer['doc']}: repeal quote not verbatim: {block['quote']}")
        if block["doc_number"] not in block["quote"]:
            problems.append(f"{repealer['doc']}: the repeal quote does not carry the 文号")


def three_years(problems: list[str]) -> None:
    """有效期三年 from 印发之日: from the issue date to the day before its third anniversary."""
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    for doc in labels["documents"]:
        if not doc["fictional"]:
            continue
        text = document_text((HERE / doc["file"]).resolve(), LIBRARY)
        if "自印发之日起施行，有效期三年" not in text:
            continue
        meta = doc["metadata"]
        issued = iso(meta["issue_date"])
        want_end = issued.replace(year=issued.year + 3) - dt.timedelta(days=1)
        if iso(meta["effective_from"]) != issued or iso(meta["effective_to"]) != want_end:
            problems.append(f"{doc['doc']}: 有效期三年 from {issued} should be {issued}—{want_end}")


LIBRARY = Library(folder=HERE, pdf_source=build_docs.dh_source_text,
                  page_number=re.compile(r"第\s*\d+\s*页\s*共\s*\d+\s*页"),
                  mix=Mix(min_questions=60, min_profiles=18, min_unanswerable=8, english=(5, 5), traditional=(3, 3),
                          min_out_of_scope=2),
                  item_check=yearly_window)

if __name__ == "__main__":
    found: list[str] = []
    repeals(found)
    three_years(found)
    for problem in found:
        print("PROBLEM:", problem)
    raise SystemExit(run(LIBRARY) or (1 if found else 0))
