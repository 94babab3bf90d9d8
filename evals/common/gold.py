"""What the libraries' make_questions.py and make_profiles.py share: the row each hand-written
question or profile becomes, and the writing of questions.jsonl / profiles.jsonl.

    QUESTIONS = Questions(WIN)   # doc → its labelled window, e.g. "expired 2017-12-31"
    q = QUESTIONS.add
    q("s001", "宜昌这边搞智能化技改，市里最多补多少钱？", "amount", [(A, "按…给予补助")], ["12%"])
    QUESTIONS.write(HERE)

    write_profiles(HERE, ITEMS, judge)   # profiles_source.yaml → profiles.jsonl, judge(item, facts) per item
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

NOTE = "each cited dated document's window must be stated; an expired one must be called expired with its end date"


class Questions:
    """The rows of a questions.jsonl, built by add() in the order they are written."""

    def __init__(self, windows: dict[str, str], note: str = NOTE) -> None:
        self.windows = windows
        self.note = note
        self.rows: list[dict] = []

    def add(self, qid: str, question: str, category: str, quotes: list[tuple[str, str]], key_facts: Iterable[str] = (),
            lang: str = "zh", answerable: bool = True, first: list[str] | None = None, notes: str = "",
            must_say: Iterable[str] = (), deadline: str | None = None, notice_docs: list[str] | None = None) -> None:
        """One question: the (doc, verbatim quote) pairs that answer it in citation order, the key facts a
        correct answer holds; the validity notices expected follow from the documents' windows."""
        docs = list(dict.fromkeys(d for d, _ in quotes))
        first = first or docs[:1]
        nd = notice_docs if notice_docs is not None else [d for d in docs if d in self.windows]
        row = {"id": qid, "question": question, "category": category, "lang": lang, "answerable": answerable,
               "gold_anchors": [], "key_facts": list(key_facts), "history": [], "notes": notes,
               "gold_doc": docs[0] if docs else None, "gold_docs": docs, "first_citation_docs": first}
        if quotes:
            row["gold_quote"] = quotes[0][1]
            row["gold_quotes"] = [{"doc": d, "quote": t} for d, t in quotes]
        row["validity_notice"] = {"required": answerable and bool(nd), "docs": {d: self.windows[d] for d in nd},
                                  "note": self.note}
        if deadline:
            row["deadline_notice"] = deadline
        if must_say:
            row["must_say"] = list(must_say)
        self.rows.append(row)

    def write(self, folder: Path) -> None:
        with (folder / "questions.jsonl").open("w", encoding="utf-8") as f:
            for r in self.rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(len(self.rows))


def profile_row(pid: str, profile: dict, facts: dict, amounts: dict, notes: str, items: Iterable[str],
                judge: Callable[[str, dict], str]) -> dict:
    """A profiles.jsonl line: judge's E / MNQ / MNO / U reason for every item, and the lists they give."""
    reasons = {item: judge(item, facts) for item in items}
    expected = [i for i, r in reasons.items() if r.startswith("E")]
    mno = [i for i, r in reasons.items() if r.startswith("MNO")]
    mnq = [i for i, r in reasons.items() if r.startswith(("MNO", "MNQ"))]
    return {"id": pid, "profile": profile, "expected_items": expected, "must_not_qualify": mnq,
            "must_not_offer": mno, "expected_amounts": amounts, "notes": notes, "item_reasons": reasons}


def write_profiles(folder: Path, items: Iterable[str], judge: Callable[[str, dict], str]) -> None:
    """profiles_source.yaml (read first: a bad file leaves profiles.jsonl as it was) → profiles.jsonl."""
    profiles = yaml.safe_load((folder / "profiles_source.yaml").read_text(encoding="utf-8"))
    lines = [profile_row(p["id"], p["profile"], p["facts"], p["expected_amounts"] or {}, p["notes"], items, judge)
             for p in profiles]
    with (folder / "profiles.jsonl").open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"wrote {len(profiles)} profiles")
