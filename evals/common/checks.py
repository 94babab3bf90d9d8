"""The consistency checks of a library gold set (not the assistant's behaviour), for each folder's validate.py:

    LIBRARY = Library(folder=HERE, pdf_source=build_docs.rd_source_text, page_number=re.compile(r"-\\s*\\d+\\s*-"))
    raise SystemExit(run(LIBRARY))

Every quote, amount and condition quote of labels.yaml is verbatim in its document; table items
are real rows of the docx table; the PDF's extracted text, once line breaks, page numbers and a
running header are dropped, still holds every quote (so a correct re-flow can find them); ids are
unique and known; a duplicate_of names a known item; expected amounts are amount texts; document
statuses and window statuses agree with the dates on the reference date; every question's
validity notice names its document's status; gold quotes occur once (the evaluator scores the
first occurrence); no profile is offered an item of an expired document or a closed window, nor
qualifies for one whose window has not opened; every profile explains every item; and the set's
size and mix (Library.mix). Prints one summary line, then a PROBLEM line each; exit 1 with problems.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FICTION_MARK = "（虚构测试文档）"


@dataclass(frozen=True)
class Mix:
    """The size and mix a library's questions and profiles must have."""

    min_questions: int = 30
    min_profiles: int = 10
    min_unanswerable: int = 5  # in-domain questions the documents do not answer
    english: tuple[int, int] = (2, 3)  # inclusive bounds on the number of questions per language
    traditional: tuple[int, int] = (1, 2)
    min_validity: int = 3
    min_out_of_scope: int = 0
    explained_items: bool = True  # every profile has an item_reasons line for every item


@dataclass(frozen=True)
class Library:
    """One folder's own parts: where it is, its PDF's source text and page furniture, its mix."""

    folder: Path
    pdf_source: Callable[[], str]  # the text the folder's PDF was typeset from (build_docs.py)
    page_number: re.Pattern[str]  # the footer's page number, as pypdf extracts it
    running_header: str | None = None  # a header repeated on later pages, dropped from the extracted text
    header_on_first_page: bool = False  # the running header's text also stands once under the letterhead
    mix: Mix = field(default_factory=Mix)
    unique_gold_quotes: bool = True  # an answerable question's gold quotes occur once in their document
    item_check: Callable[[dict, dt.date, list[str]], None] | None = None  # the folder's own item rules


def document_text(path: Path, library: Library) -> str:
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
        return library.pdf_source()
    raise ValueError(f"unknown format: {path}")


def reflowed_pdf_text(path: Path, library: Library) -> str:
    """pypdf's text with line breaks, page numbers and the running header removed."""
    import pypdf

    text = library.page_number.sub("", "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages))
    header = library.running_header
    if header:
        first = text.find(header) + len(header) if library.header_on_first_page else 0
        text = text[:first] + text[first:].replace(header, "")
    return compact(text)


def docx_rows(path: Path) -> list[list[str]]:
    from docx import Document

    return [[cell.text for cell in row.cells] for table in Document(str(path)).tables for row in table.rows]


def iso(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else (dt.date.fromisoformat(str(value)) if value else None)


def compact(text: str) -> str:
    """Without whitespace: the evaluator matches gold quotes across line breaks."""
    return re.sub(r"\s+", "", text)


def quotes_of(item: dict) -> list[str]:
    quotes = [item["quote"], *item.get("amount_text", [])]
    quotes += [item[key] for key in ("deadline_quote", "procedure_quote") if item.get(key)]
    for value in item.get("conditions", {}).values():
        entries = value if isinstance(value, list) else [value]
        quotes += [e["quote"] for e in entries if isinstance(e, dict) and "quote" in e]
    return quotes


def doc_status(meta: dict, today: dt.date) -> str | None:
    start, end = iso(meta.get("effective_from")), iso(meta.get("effective_to"))
    if start is None and end is None:
        return None
    if end is not None and end < today:
        return "expired"
    if start is not None and start > today:
        return "not_yet"
    return "in_force"


def window_status(item: dict, today: dt.date) -> str | None:
    deadline, opens = iso(item.get("deadline")), iso(item.get("window_opens"))
    if deadline is None:
        return None
    if opens is not None and opens > today:
        return "not_yet_open"
    return "open" if deadline >= today else "closed"


def check_item(item: dict, doc: dict, text: str, rows: list, reflowed: str, today: dt.date,
               problems: list[str]) -> None:
    for quote in quotes_of(item):
        if quote not in text:
            problems.append(f"{item['id']}: not verbatim in {doc['doc']}: {quote}")
        if reflowed and compact(quote) not in reflowed:
            problems.append(f"{item['id']}: not recoverable from the PDF's extracted text: {quote}")
    if "table_row" in item and item["table_row"] not in rows:
        problems.append(f"{item['id']}: table_row is no row of the docx table")
    want = window_status(item, today)
    if want is not None and item.get("window_status_on_reference_date") != want:
        problems.append(f"{item['id']}: window status should be {want} (deadline {item['deadline']})")


def check_document(doc: dict, text: str, today: dt.date, problems: list[str]) -> str | None:
    """The document's own labels against its text; returns its status on the reference date."""
    meta = doc["metadata"]
    if doc["fictional"] and FICTION_MARK not in meta["title"]:
        problems.append(f"{doc['doc']}: fictional document title lacks {FICTION_MARK}")
    for key in ("title", "doc_number"):
        if meta.get(key) and meta[key].replace("　", " ") not in text.replace("　", " "):
            problems.append(f"{doc['doc']}: {key} not in text: {meta[key]}")
    problems += [f"{doc['doc']}: issuer not in text: {i}" for i in meta["issuers"] if i not in text]
    status = doc_status(meta, today)
    if status is not None and doc["status_on_reference_date"] != status:
        problems.append(f"{doc['doc']}: status should be {status}")
    return status


def check_labels(labels: dict, library: Library,
                 problems: list[str]) -> tuple[dict[str, str], dict[str, dict], dict[str, str]]:
    today = iso(labels["reference_date"])
    texts: dict[str, str] = {}
    items: dict[str, dict] = {}
    statuses: dict[str, str] = {}
    for doc in labels["documents"]:
        path = (library.folder / doc["file"]).resolve()
        if not path.is_file():
            problems.append(f"{doc['doc']}: missing file {path}")
            continue
        if path.stem != doc["doc"]:
            problems.append(f"{doc['doc']}: file stem is {path.stem}")
        text = texts[doc["doc"]] = document_text(path, library)
        status = check_document(doc, text, today, problems)
        if status is not None:
            statuses[doc["doc"]] = status
        rows = docx_rows(path) if path.suffix == ".docx" else []
        reflowed = reflowed_pdf_text(path, library) if path.suffix == ".pdf" else ""
        for item in doc.get("items", []) + doc.get("optional_items", []):
            if item["id"] in items:
                problems.append(f"duplicate item id {item['id']}")
            items[item["id"]] = {**item, "doc": doc["doc"], "doc_status": status}
            check_item(item, doc, text, rows, reflowed, today, problems)
            if library.item_check is not None:
                library.item_check(item, today, problems)
    problems += [f"{i}: duplicate_of names an unknown item" for i, item in items.items()
                 if "duplicate_of" in item and item["duplicate_of"] not in items]
    return texts, items, statuses


def check_questions(rows: list[dict], texts: dict[str, str], statuses: dict[str, str], library: Library,
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
            wanted, text = compact(quote["quote"]), compact(texts.get(quote["doc"], ""))
            if wanted not in text:
                problems.append(f"{row['id']}: gold quote not in {quote['doc']}: {quote['quote']}")
            elif library.unique_gold_quotes and row["answerable"] and text.count(wanted) > 1:  # scored: the first
                problems.append(f"{row['id']}: gold quote occurs more than once in {quote['doc']}: {quote['quote']}")
        if row.get("gold_quote") and row["gold_quote"] != row["gold_quotes"][0]["quote"]:
            problems.append(f"{row['id']}: gold_quote differs from the first of gold_quotes")
        if row["answerable"]:
            _check_answerable(row, texts, problems)


def _check_answerable(row: dict, texts: dict[str, str], problems: list[str]) -> None:
    joined = "\n".join(texts[d] for d in row["gold_docs"] if d in texts)
    problems += [f"{row['id']}: key fact not in its gold documents: {f}" for f in row["key_facts"] if f not in joined]
    if not row["gold_docs"] or not row["first_citation_docs"]:
        problems.append(f"{row['id']}: answerable without a gold / first-citation document")
    firsts = row["first_citation_docs"]
    if firsts and row["gold_docs"] and row["gold_docs"][0] not in firsts:
        problems.append(f"{row['id']}: the first gold document is not an acceptable first citation")


def check_profiles(rows: list[dict], items: dict[str, dict], mix: Mix, problems: list[str]) -> None:
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
        _check_unavailable(row, scored, items, problems)
        for item_id, amount in row["expected_amounts"].items():
            if item_id not in row["expected_items"]:
                problems.append(f"{row['id']}: expected amount for an item not expected: {item_id}")
            elif item_id in items and amount not in items[item_id].get("amount_text", []):  # unknown: said above
                problems.append(f"{row['id']}: {amount} is not an amount text of {item_id}")
        unexplained = set(scored) - set(row.get("item_reasons", {}))
        if mix.explained_items and unexplained:
            problems.append(f"{row['id']}: no item_reasons line for {sorted(unexplained)}")
    described = sum(1 for row in rows if set(row["profile"]) == {"description"})
    if abs(described * 2 - len(rows)) > 1:
        problems.append(f"profiles: {described} of {len(rows)} are description-only (want half)")


def _check_unavailable(row: dict, scored: list[str], items: dict[str, dict], problems: list[str]) -> None:
    """An expired document or a closed window is never offered; a window not yet open never qualifies."""
    for item_id in scored:
        item = items[item_id]
        window = item.get("window_status_on_reference_date")
        if (item["doc_status"] == "expired" or window == "closed") and item_id not in row["must_not_offer"]:
            problems.append(f"{row['id']}: {item_id} is expired / closed but not in must_not_offer")
        if window == "not_yet_open" and item_id not in row["must_not_qualify"]:
            problems.append(f"{row['id']}: {item_id}'s window has not opened but it is not in must_not_qualify")


def check_mix(questions: list[dict], profiles: list[dict], mix: Mix, problems: list[str]) -> None:
    categories = Counter(q["category"] for q in questions)
    langs = Counter(q["lang"] for q in questions)
    unanswerable = sum(1 for q in questions if not q["answerable"] and q["category"] == "unanswerable")
    if len(questions) < mix.min_questions or len(profiles) < mix.min_profiles:
        problems.append(f"too few: {len(questions)} questions, {len(profiles)} profiles")
    if unanswerable < mix.min_unanswerable:
        problems.append(f"only {unanswerable} in-domain unanswerable questions (want ≥ {mix.min_unanswerable})")
    out_of_scope = categories["out_of_scope"]
    if out_of_scope < mix.min_out_of_scope:
        problems.append(f"only {out_of_scope} out-of-scope questions (want ≥ {mix.min_out_of_scope})"
                        if out_of_scope else "no out-of-scope question")
    (en_low, en_high), (tw_low, tw_high) = mix.english, mix.traditional
    if not en_low <= langs["en"] <= en_high or not tw_low <= langs["zh-Hant"] <= tw_high:
        problems.append(f"language mix off: {dict(langs)}")
    if categories["validity"] < mix.min_validity:
        problems.append(f"fewer than {mix.min_validity} validity questions")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run(library: Library) -> int:
    """Check the folder's labels.yaml, questions.jsonl and profiles.jsonl; print the summary and problems."""
    problems: list[str] = []
    labels = yaml.safe_load((library.folder / "labels.yaml").read_text(encoding="utf-8"))
    texts, items, statuses = check_labels(labels, library, problems)
    questions, profiles = _jsonl(library.folder / "questions.jsonl"), _jsonl(library.folder / "profiles.jsonl")
    check_questions(questions, texts, statuses, library, problems)
    check_profiles(profiles, items, library.mix, problems)
    check_mix(questions, profiles, library.mix, problems)
    fictional = sum(1 for d in labels["documents"] if d["fictional"])
    required = sum(1 for i in items.values() if "duplicate_of" not in i)
    print(f"{fictional} fictional documents, {required} labelled items, "
          f"{len(questions)} questions, {len(profiles)} profiles")
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0
