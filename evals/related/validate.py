"""Check the related-policy gold sets for internal consistency (not the assistant's behaviour).

    .venv/bin/python evals/related/validate.py

Every quote, amount and condition quote in labels.yaml is verbatim in its document's text; table
items match a real table row; ids are unique; every id a question or profile names exists; every
expected amount is one of its item's verbatim amount texts; the PDF's extracted text, once its
line breaks, running header and page numbers are dropped, still contains every quote (so a
correct re-flow can find them). Exits 1 with a list of problems.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build_docs  # noqa: E402  (the PDF/docx source text lives there)

FICTION_MARK = "（虚构测试文档）"


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
        return build_docs.zone_source_text()
    raise ValueError(f"unknown format: {path}")


def reflowed_pdf_text(path: Path) -> str:
    """pypdf's text with line breaks, the running header and page numbers removed."""
    import pypdf

    pages = [page.extract_text() for page in pypdf.PdfReader(str(path)).pages]
    text = "\n".join(pages).replace(build_docs.ZONE_RUNNING_HEADER, "")
    text = re.sub(r"—\s*\d+\s*—", "", text)
    return re.sub(r"\s+", "", text)


def docx_rows(path: Path) -> list[list[str]]:
    from docx import Document

    return [[cell.text for cell in row.cells] for table in Document(str(path)).tables for row in table.rows]


def _quotes_of(item: dict) -> list[str]:
    quotes = [item["quote"], *item.get("amount_text", [])]
    for key in ("deadline_quote", "procedure_quote"):
        if item.get(key):
            quotes.append(item[key])
    conditions = item.get("conditions", {})
    for value in conditions.values():
        entries = value if isinstance(value, list) else [value]
        quotes += [e["quote"] for e in entries if isinstance(e, dict) and "quote" in e]
    return quotes


def check_labels(labels: dict, problems: list[str]) -> tuple[dict[str, str], dict[str, dict]]:
    texts: dict[str, str] = {}
    items: dict[str, dict] = {}
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
        for issuer in meta["issuers"]:
            if issuer not in text:
                problems.append(f"{doc['doc']}: issuer not in text: {issuer}")
        rows = docx_rows(path) if path.suffix == ".docx" else []
        reflowed = reflowed_pdf_text(path) if path.suffix == ".pdf" else ""
        for item in doc.get("items", []) + doc.get("optional_items", []):
            if item["id"] in items:
                problems.append(f"duplicate item id {item['id']}")
            items[item["id"]] = {**item, "doc": doc["doc"]}
            for quote in _quotes_of(item):
                if quote not in text:
                    problems.append(f"{item['id']}: not verbatim in {doc['doc']}: {quote}")
                if reflowed and re.sub(r"\s+", "", quote) not in reflowed:
                    problems.append(f"{item['id']}: not recoverable from the PDF's extracted text: {quote}")
            if "table_row" in item and item["table_row"] not in rows:
                problems.append(f"{item['id']}: table_row is no row of the docx table")
            if "duplicate_of" in item and item["duplicate_of"] not in items:
                problems.append(f"{item['id']}: duplicate_of names an unknown item")
    return texts, items


def check_questions(rows: list[dict], texts: dict[str, str], problems: list[str]) -> None:
    ids = [row["id"] for row in rows]
    if len(ids) != len(set(ids)):
        problems.append("questions: duplicate ids")
    for row in rows:
        for doc in row["gold_docs"] + row["first_citation_docs"] + list(row["validity_notice"]["docs"]):
            if doc not in texts:
                problems.append(f"{row['id']}: unknown document {doc}")
        for quote in row.get("gold_quotes", []):
            if quote["quote"] not in texts.get(quote["doc"], ""):
                problems.append(f"{row['id']}: gold quote not verbatim in {quote['doc']}: {quote['quote']}")
        if row.get("gold_quote") and row["gold_quote"] != row["gold_quotes"][0]["quote"]:
            problems.append(f"{row['id']}: gold_quote differs from the first of gold_quotes")
        if row["answerable"]:
            joined = "\n".join(texts[d] for d in row["gold_docs"] if d in texts)
            for fact in row["key_facts"]:
                if fact not in joined:
                    problems.append(f"{row['id']}: key fact not in its gold documents: {fact}")
            if not row["gold_docs"]:
                problems.append(f"{row['id']}: answerable without a gold document")


def check_profiles(rows: list[dict], items: dict[str, dict], problems: list[str]) -> None:
    ids = [row["id"] for row in rows]
    if len(ids) != len(set(ids)):
        problems.append("profiles: duplicate ids")
    for row in rows:
        for key in ("expected_items", "must_not_qualify", "must_not_offer"):
            problems += [f"{row['id']}: {key} names unknown item {i}" for i in row[key] if i not in items]
        if set(row["expected_items"]) & set(row["must_not_qualify"]):
            problems.append(f"{row['id']}: an item is both expected and must_not_qualify")
        if not set(row["must_not_offer"]) <= set(row["must_not_qualify"]):
            problems.append(f"{row['id']}: must_not_offer is not a subset of must_not_qualify")
        for item_id, amount in row["expected_amounts"].items():
            if item_id not in row["expected_items"]:
                problems.append(f"{row['id']}: expected amount for an item not expected: {item_id}")
            elif amount not in items[item_id].get("amount_text", []):
                problems.append(f"{row['id']}: {amount} is not an amount text of {item_id}")
    described = sum(1 for row in rows if set(row["profile"]) == {"description"})
    if described * 2 < len(rows) or (len(rows) - described) * 2 < len(rows) - 1:
        problems.append(f"profiles: {described} of {len(rows)} are description-only (want about half)")


def main() -> int:
    problems: list[str] = []
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    texts, items = check_labels(labels, problems)
    questions = [json.loads(line) for line in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    profiles = [json.loads(line) for line in (HERE / "profiles.jsonl").read_text(encoding="utf-8").splitlines()]
    check_questions(questions, texts, problems)
    check_profiles(profiles, items, problems)
    if len(questions) < 40 or len(profiles) < 16:
        problems.append(f"too few: {len(questions)} questions, {len(profiles)} profiles")
    fictional = sum(1 for d in labels["documents"] if d["fictional"])
    required = sum(1 for i in items.values() if "duplicate_of" not in i)
    print(f"{fictional} fictional documents, {required} labelled items, "
          f"{len(questions)} questions, {len(profiles)} profiles")
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
