"""Check the related4 gold sets for internal consistency (not the assistant's behaviour).

    .venv/bin/python evals/related4/validate.py

The checks of evals/related/validate.py (every quote, amount and condition quote verbatim in its
document; table items are real rows; ids unique and known; expected amounts are amount texts; the
PDF's extracted text, once line breaks and page numbers are dropped, still holds every quote), plus:
labelled statuses agree with the windows and deadlines on the reference date; every question's
validity notice names the status its document has; a yearly recurring window (`window_text`) has its
next opening after the reference date; no profile expects an item of an expired
document or a closed window; the set's size and mix (questions, languages, unanswerable ones,
description-only profiles). Exits 1 with a list of problems.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build_docs  # noqa: E402  (the PDF/docx source text lives there)

FICTION_MARK = "（虚构测试文档）"
PAGE_NUMBER = re.compile(r"第\s*\d+\s*页\s*共\s*\d+\s*页")
RUNNING_HEADER = build_docs.JM_HEADER


def document_text(path: Path) -> str:
    """The text a reader sees; for the PDF, the source it was typeset from."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        return path.read_text(encoding="utf-8")
    if suffix == ".html":
        from bs4 import BeautifulSoup

        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text("\n")
    if suffix == ".docx":
        from docx import Document

        doc = Document(str(path))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            parts += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
        return "\n".join(parts)
    if suffix == ".pdf":
        return build_docs.jm_source_text()
    raise ValueError(f"unknown format: {path}")


def reflowed_pdf_text(path: Path) -> str:
    """pypdf's text with line breaks and page numbers removed."""
    import pypdf

    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    text = PAGE_NUMBER.sub("", text)
    first = text.find(RUNNING_HEADER) + len(RUNNING_HEADER)  # keep the title's first line
    text = text[:first] + text[first:].replace(RUNNING_HEADER, "")
    return re.sub(r"\s+", "", text)


def docx_rows(path: Path) -> list[list[str]]:
    from docx import Document

    return [[cell.text for cell in row.cells] for table in Document(str(path)).tables for row in table.rows]


def _iso(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else (dt.date.fromisoformat(str(value)) if value else None)


def _quotes_of(item: dict) -> list[str]:
    quotes = [item["quote"], *item.get("amount_text", [])]
    for key in ("deadline_quote", "procedure_quote"):
        if item.get(key):
            quotes.append(item[key])
    for value in item.get("conditions", {}).values():
        entries = value if isinstance(value, list) else [value]
        quotes += [e["quote"] for e in entries if isinstance(e, dict) and "quote" in e]
    return quotes


def _compact(text: str) -> str:
    """Without whitespace: the evaluator matches gold quotes across line breaks."""
    return re.sub(r"\s+", "", text)


def doc_status(meta: dict, today: dt.date) -> str | None:
    start, end = _iso(meta.get("effective_from")), _iso(meta.get("effective_to"))
    if start is None and end is None:
        return None
    if end is not None and end < today:
        return "expired"
    if start is not None and start > today:
        return "not_yet"
    return "in_force"


def _check_item(item: dict, doc: dict, text: str, rows: list, reflowed: str, today: dt.date,
                problems: list[str]) -> None:
    for quote in _quotes_of(item):
        if quote not in text:
            problems.append(f"{item['id']}: not verbatim in {doc['doc']}: {quote}")
        if reflowed and re.sub(r"\s+", "", quote) not in reflowed:
            problems.append(f"{item['id']}: not recoverable from the PDF's extracted text: {quote}")
    if "table_row" in item and item["table_row"] not in rows:
        problems.append(f"{item['id']}: table_row is no row of the docx table")
    deadline, opens = _iso(item.get("deadline")), _iso(item.get("window_opens"))
    if deadline is not None:
        want = "open" if deadline >= today else "closed"
        if opens is not None and opens > today:
            want = "not_yet_open"
        if item.get("window_status_on_reference_date") != want:
            problems.append(f"{item['id']}: window status should be {want} (deadline {deadline})")
    if item.get("window_text") and deadline is None:  # a yearly window: between two, or 常年受理 (open)
        following = _iso(item.get("next_window_opens"))
        want = "open" if following is None else "between_windows"
        if following is not None and following <= today:
            problems.append(f"{item['id']}: next_window_opens {following} is not after the reference date")
        if item.get("window_status_on_reference_date") != want:
            problems.append(f"{item['id']}: window status should be {want} ({item['window_text']})")
        if item["window_text"] not in (item.get("table_row") or [item["window_text"]]):
            problems.append(f"{item['id']}: window_text is not a cell of its table row")


def check_labels(labels: dict, problems: list[str]) -> tuple[dict[str, str], dict[str, dict], dict[str, str]]:
    today = _iso(labels["reference_date"])
    texts: dict[str, str] = {}
    items: dict[str, dict] = {}
    statuses: dict[str, str] = {}
    for doc in labels["documents"]:
        path = (HERE / doc["file"]).resolve()
        if not path.is_file():
            problems.append(f"{doc['doc']}: missing file {path}")
            continue
        if path.stem != doc["doc"]:
            problems.append(f"{doc['doc']}: file stem is {path.stem}")
        text = texts[doc["doc"]] = document_text(path)
        meta = doc["metadata"]
        if doc["fictional"] and FICTION_MARK not in meta["title"]:
            problems.append(f"{doc['doc']}: fictional document title lacks {FICTION_MARK}")
        for field in ("title", "doc_number"):
            if meta.get(field) and meta[field].replace("　", " ") not in text.replace("　", " "):
                problems.append(f"{doc['doc']}: {field} not in text: {meta[field]}")
        problems += [f"{doc['doc']}: issuer not in text: {i}" for i in meta["issuers"] if i not in text]
        status = doc_status(meta, today)
        if status is not None:
            statuses[doc["doc"]] = status
            if doc["status_on_reference_date"] != status:
                problems.append(f"{doc['doc']}: status should be {status}")
        rows = docx_rows(path) if path.suffix == ".docx" else []
        reflowed = reflowed_pdf_text(path) if path.suffix == ".pdf" else ""
        for item in doc.get("items", []) + doc.get("optional_items", []):
            if item["id"] in items:
                problems.append(f"duplicate item id {item['id']}")
            items[item["id"]] = {**item, "doc": doc["doc"], "doc_status": status}
            _check_item(item, doc, text, rows, reflowed, today, problems)
    return texts, items, statuses


def check_questions(rows: list[dict], texts: dict[str, str], statuses: dict[str, str],
                    problems: list[str]) -> None:
    ids = [row["id"] for row in rows]
    if len(ids) != len(set(ids)):
        problems.append("questions: duplicate ids")
    for row in rows:
        for doc in row["gold_docs"] + row["first_citation_docs"] + list(row["validity_notice"]["docs"]):
            if doc not in texts:
                problems.append(f"{row['id']}: unknown document {doc}")
        for doc, notice in row["validity_notice"]["docs"].items():
            if doc in statuses and not notice.startswith(statuses[doc]):
                problems.append(f"{row['id']}: validity notice of {doc} should say {statuses[doc]}")
        for quote in row.get("gold_quotes", []):
            compact, text = _compact(quote["quote"]), _compact(texts.get(quote["doc"], ""))
            if compact not in text:
                problems.append(f"{row['id']}: gold quote not in {quote['doc']}: {quote['quote']}")
            elif row["answerable"] and text.count(compact) > 1:  # the evaluator scores the first occurrence
                problems.append(f"{row['id']}: gold quote occurs more than once in {quote['doc']}: {quote['quote']}")
        if row.get("gold_quote") and row["gold_quote"] != row["gold_quotes"][0]["quote"]:
            problems.append(f"{row['id']}: gold_quote differs from the first of gold_quotes")
        if row["answerable"]:
            joined = "\n".join(texts[d] for d in row["gold_docs"] if d in texts)
            problems += [f"{row['id']}: key fact not in its gold documents: {f}"
                         for f in row["key_facts"] if f not in joined]
            if not row["gold_docs"] or not row["first_citation_docs"]:
                problems.append(f"{row['id']}: answerable without a gold / first-citation document")
            firsts = row["first_citation_docs"]
            if firsts and row["gold_docs"] and row["gold_docs"][0] not in firsts:
                problems.append(f"{row['id']}: the first gold document is not an acceptable first citation")


def check_profiles(rows: list[dict], items: dict[str, dict], problems: list[str]) -> None:
    ids = [row["id"] for row in rows]
    if len(ids) != len(set(ids)):
        problems.append("profiles: duplicate ids")
    scored = [i for i, item in items.items() if "duplicate_of" not in item]
    for row in rows:
        for key in ("expected_items", "must_not_qualify", "must_not_offer"):
            problems += [f"{row['id']}: {key} names unknown item {i}" for i in row[key] if i not in items]
        if set(row["expected_items"]) & set(row["must_not_qualify"]):
            problems.append(f"{row['id']}: an item is both expected and must_not_qualify")
        if not set(row["must_not_offer"]) <= set(row["must_not_qualify"]):
            problems.append(f"{row['id']}: must_not_offer is not a subset of must_not_qualify")
        for item_id in scored:  # an expired document or a closed window is never offered
            item = items[item_id]
            dead = item["doc_status"] == "expired" or item.get("window_status_on_reference_date") == "closed"
            if dead and item_id not in row["must_not_offer"]:
                problems.append(f"{row['id']}: {item_id} is expired / closed but not in must_not_offer")
            if item.get("window_status_on_reference_date") == "not_yet_open" and item_id not in row["must_not_qualify"]:
                problems.append(f"{row['id']}: {item_id}'s window has not opened but it is not in must_not_qualify")
        for item_id, amount in row["expected_amounts"].items():
            if item_id not in row["expected_items"]:
                problems.append(f"{row['id']}: expected amount for an item not expected: {item_id}")
            elif amount not in items[item_id].get("amount_text", []):
                problems.append(f"{row['id']}: {amount} is not an amount text of {item_id}")
        unexplained = set(scored) - set(row.get("item_reasons", {}))
        if unexplained:
            problems.append(f"{row['id']}: no item_reasons line for {sorted(unexplained)}")
    described = sum(1 for row in rows if set(row["profile"]) == {"description"})
    if abs(described * 2 - len(rows)) > 1:
        problems.append(f"profiles: {described} of {len(rows)} are description-only (want half)")


def check_mix(questions: list[dict], profiles: list[dict], problems: list[str]) -> None:
    categories = Counter(q["category"] for q in questions)
    langs = Counter(q["lang"] for q in questions)
    unanswerable = sum(1 for q in questions if not q["answerable"] and q["category"] == "unanswerable")
    if len(questions) < 45 or len(profiles) < 14:
        problems.append(f"too few: {len(questions)} questions, {len(profiles)} profiles")
    if unanswerable < 6:
        problems.append(f"only {unanswerable} in-domain unanswerable questions (want ≥ 6)")
    if categories["out_of_scope"] < 1:
        problems.append("no out-of-scope question")
    if langs["en"] != 3 or langs["zh-Hant"] != 2:
        problems.append(f"language mix off: {dict(langs)}")
    if categories["validity"] < 3:
        problems.append("fewer than 3 validity questions")


def main() -> int:
    problems: list[str] = []
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    texts, items, statuses = check_labels(labels, problems)
    questions = [json.loads(line) for line in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    profiles = [json.loads(line) for line in (HERE / "profiles.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
    check_questions(questions, texts, statuses, problems)
    check_profiles(profiles, items, problems)
    check_mix(questions, profiles, problems)
    fictional = sum(1 for d in labels["documents"] if d["fictional"])
    required = sum(1 for i in items.values() if "duplicate_of" not in i)
    print(f"{fictional} fictional documents, {required} labelled items, "
          f"{len(questions)} questions, {len(profiles)} profiles")
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
