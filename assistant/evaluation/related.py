"""Questions over a library of related documents (evals/related): evidence, first citation, validity
notices, abstention; and the metadata understood at ingest against hand labels.

The documents of `docs/` are ingested beside the shipped ones into a temporary data folder (the
embedding cache is copied in, so nothing is embedded twice), and every question is asked as of the
gold sets' reference date. Quotes are compared with spaces removed: a re-flowed PDF may keep or
drop a space where the typesetting broke a line.

- evidence_recall: of the gold quotes, the share whose characters the answer's citations of the
  same document cover (at least COVERED of them);
- first_citation_right: the first citation's document is one of `first_citation_docs` and its quote
  overlaps a gold quote;
- validity_notice: of the answers citing a dated document (one with a labelled window), the share
  that carry, for every such document, a notice naming it with the right status and end date;
- abstention_accuracy: abstained exactly when the question is not answerable.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.answering.ask import ask
from assistant.documents.validity import date_text, window_status
from assistant.eligibility.vocabulary import Vocabulary
from assistant.errors import AssistantError
from assistant.evaluation import metrics as m
from assistant.evaluation.datasets import RELATED, GoldQuestion, dataset_name, load_jsonl
from assistant.evaluation.report import ItemResult
from assistant.runtime import Runtime
from assistant.settings import Settings
from assistant.text import names_title, title_key
from assistant.types import Answer, Document, DocumentMeta

COVERED = 0.8  # share of a gold quote's characters the citations must cover
META_FIELDS = ("title", "issuers", "doc_number", "issue_date", "validity_window", "level", "region", "doc_type")
VALIDITY_CODES = {"expired": "validity_expired", "in_force": "validity_in_force", "not_yet": "validity_not_started"}
Progress = Callable[[str, int, int], None]


class GoldQuote(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc: str
    quote: str


class RelatedQuestion(GoldQuestion):
    """A question over the library: which documents answer, in which order, with which quotes."""

    gold_doc: str | None = None
    gold_docs: list[str] = Field(default_factory=list)
    first_citation_docs: list[str] = Field(default_factory=list)
    gold_quote: str | None = None
    gold_quotes: list[GoldQuote] = Field(default_factory=list)
    validity_notice: dict = Field(default_factory=dict)
    deadline_notice: dict | str | None = None
    must_say: list[str] = Field(default_factory=list)


def related_dir(settings: Settings) -> Path:
    return settings.evals_dir / "related"


def load_related(path: Path) -> list[RelatedQuestion]:
    return load_jsonl(path, RelatedQuestion)


def load_labels(folder: Path) -> dict:
    return yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))


# ---- the library in a temporary data folder ----------------------------------------------------

@contextmanager
def library_runtime(base: Runtime, docs_dir: Path) -> Iterator[Runtime]:
    """A Runtime over the shipped documents plus docs_dir, built in a temporary data folder."""
    from assistant.ingest import ingest  # ingest sits above the runtime; only this eval needs it

    with tempfile.TemporaryDirectory(prefix="related-eval-") as tmp:
        settings = base.settings.model_copy(update={"data_dir": Path(tmp)})
        cache = base.settings.cache_dir / "embeddings"
        if cache.is_dir():
            shutil.copytree(cache, settings.cache_dir / "embeddings")
        runtime = Runtime(settings, base.embedder, chat_model=None)
        report = ingest(runtime, sorted(p for p in docs_dir.iterdir() if p.is_file()))
        if report.failed:
            raise AssistantError("关联文档入库失败：" + "；".join(f"{f.path}: {f.error}" for f in report.failed))
        runtime.reload()
        try:
            yield runtime
        finally:
            runtime.index.close()


# ---- quotes, compared without spaces ------------------------------------------------------------

def _compact(text: str) -> tuple[str, list[int]]:
    """text without whitespace, and for each kept character its offset in text."""
    kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def quote_span(document: Document, quote: str) -> tuple[int, int] | None:
    """Where quote stands in the document text (spaces ignored), as offsets into the text."""
    start = document.text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    compact, offsets = _compact(document.text)
    needle, _ = _compact(quote)
    at = compact.find(needle) if needle else -1
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


def _overlap(span: tuple[int, int], spans: list[tuple[int, int]]) -> int:
    covered = set()
    for lo, hi in spans:
        covered.update(range(max(lo, span[0]), min(hi, span[1])))
    return len(covered)


def _covered(document: Document | None, quote: str, spans: list[tuple[int, int]]) -> float:
    """Share of the gold quote's non-space characters inside the cited spans."""
    if document is None:
        return 0.0
    span = quote_span(document, quote)
    if span is None:
        return 0.0
    chars = [i for i in range(*span) if not document.text[i].isspace()]
    inside = sum(1 for i in chars if any(lo <= i < hi for lo, hi in spans))
    return inside / len(chars) if chars else 0.0


# ---- scoring one answer -------------------------------------------------------------------------

def _cited_spans(answer: Answer) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for c in answer.citations:
        spans.setdefault(c.doc_id, []).append((c.start, c.end))
    return spans


def evidence_recall(item: RelatedQuestion, answer: Answer, documents: dict[str, Document]) -> float | None:
    if not item.answerable or not item.gold_quotes:
        return None
    if answer.abstained:
        return 0.0
    spans = _cited_spans(answer)
    hits = [_covered(documents.get(g.doc), g.quote, spans.get(g.doc, [])) >= COVERED for g in item.gold_quotes]
    return sum(hits) / len(hits)


def first_citation_right(item: RelatedQuestion, answer: Answer, documents: dict[str, Document]) -> float | None:
    if not item.answerable or not item.first_citation_docs:
        return None
    if answer.abstained or not answer.citations:
        return 0.0
    first = answer.citations[0]
    if first.doc_id not in item.first_citation_docs:
        return 0.0
    quotes = [g.quote for g in item.gold_quotes if g.doc == first.doc_id]
    if not quotes:  # no quote to check against: the document is what was asked for
        return 1.0
    return 1.0 if any(_covered(documents.get(first.doc_id), q, [(first.start, first.end)]) > 0 for q in quotes) \
        else 0.0


def status_on(meta_label: dict, today: dt.date) -> str | None:
    """in_force / expired / not_yet of a labelled window on `today`; None when the label has none."""
    return window_status(meta_label.get("effective_from"), meta_label.get("effective_to"), today)


def notice_for(answer: Answer, title: str, status: str, end: dt.date | None) -> bool:
    """A notice of the right kind names the document and, when it has one, its end date."""
    code = VALIDITY_CODES[status]
    for notice in answer.notices:
        if notice.code != code or not names_title(notice.message, title):  # framed by book_title
            continue
        if end is None or date_text(end) in notice.message or end.isoformat() in notice.message:
            return True
    return False


def validity_notice_ok(answer: Answer, windows: dict[str, dict], titles: dict[str, str],
                       today: dt.date) -> tuple[bool | None, list[str]]:
    """None when no cited document is dated; else whether each dated cited document has its notice."""
    dated = [d for d in dict.fromkeys(c.doc_id for c in answer.citations) if status_on(windows.get(d, {}), today)]
    if not dated:
        return None, []
    missing = [d for d in dated if not notice_for(answer, titles[d], status_on(windows[d], today) or "",
                                                  windows[d].get("effective_to"))]
    return not missing, missing


# ---- the run --------------------------------------------------------------------------------------

def _question_result(runtime: Runtime, item: RelatedQuestion, windows: dict[str, dict], today: dt.date,
                     dataset: str) -> ItemResult:
    base = ItemResult(id=item.id, dataset=dataset, category=item.category, lang=item.lang,
                      question=item.question, status="error", answerable=item.answerable)
    try:
        started = time.perf_counter()
        answer = ask(runtime, item.question, id=item.id, history=item.history, today=today)
        latency = (time.perf_counter() - started) * 1000
    except Exception as exc:  # counted as an error, never averaged in
        message = str(exc) if isinstance(exc, AssistantError) else f"{type(exc).__name__}: {exc}"
        return base.model_copy(update={"error": message, "reasons": ["error"]})
    documents = runtime.index.documents
    titles = {d: doc.meta.title for d, doc in documents.items()}
    recall = evidence_recall(item, answer, documents)
    first = first_citation_right(item, answer, documents)
    notice_ok, missing_notices = validity_notice_ok(answer, windows, titles, today)
    abstention_right = answer.abstained == (not item.answerable)
    facts = m.unique(item.key_facts)
    fact_recall = (0.0 if answer.abstained else m.key_fact_recall(answer.answer, facts)) \
        if item.answerable and facts else None
    reasons = []
    if not abstention_right:
        reasons.append("abstained on an answerable question" if answer.abstained else "answered an unanswerable one")
    if recall is not None and recall < 1.0:
        reasons.append(f"evidence recall {recall:.2f}")
    if first == 0.0:
        reasons.append("first citation not from " + "/".join(item.first_citation_docs))
    if notice_ok is False:
        reasons.append("no validity notice for " + ", ".join(missing_notices))
    return base.model_copy(update={
        "status": "fail" if reasons else "pass", "reasons": reasons, "abstained": answer.abstained,
        "cited": [f"{c.doc_id}#{c.anchor}" for c in answer.citations], "answer": answer.answer,
        "citations_valid": True, "latency_ms": round(latency, 2), "evidence_recall": recall,
        "first_citation_right": first, "validity_notice_ok": notice_ok, "abstention_right": abstention_right,
        "key_fact_recall": fact_recall,
    })


def _iso(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else (dt.date.fromisoformat(value) if value else None)


def _windows(labels: dict) -> dict[str, dict]:
    return {e["doc"]: {"effective_from": _iso(e["metadata"].get("effective_from")),
                       "effective_to": _iso(e["metadata"].get("effective_to"))} for e in labels["documents"]}


def doc_ids_by_file(documents: dict[str, Document]) -> dict[str, str]:
    """Gold sets name documents by file stem; a side file may give a document another doc_id."""
    return {Path(doc.path).stem: doc_id for doc_id, doc in documents.items() if doc.path}


def _renamed(item: RelatedQuestion, ids: dict[str, str]) -> RelatedQuestion:
    def one(doc: str) -> str:
        return ids.get(doc, doc)

    return item.model_copy(update={
        "gold_doc": one(item.gold_doc) if item.gold_doc else None, "gold_docs": [one(d) for d in item.gold_docs],
        "first_citation_docs": [one(d) for d in item.first_citation_docs],
        "gold_quotes": [GoldQuote(doc=one(g.doc), quote=g.quote) for g in item.gold_quotes]})


def evaluate_related(base: Runtime, folder: Path, progress: Progress | None = None) -> list[ItemResult]:
    """The questions (kind question) and the metadata (one item per document) over the library."""
    labels = load_labels(folder)
    today = _iso(labels.get("reference_date")) or dt.date.today()
    dataset = dataset_name(folder / "questions.jsonl")  # related, related2, …: the folder's name
    results = []
    with library_runtime(base, folder / "docs") as runtime:
        ids = doc_ids_by_file(runtime.index.documents)
        items = [_renamed(item, ids) for item in load_related(folder / "questions.jsonl")]
        windows = {ids.get(doc, doc): window for doc, window in _windows(labels).items()}
        labels = {**labels, "documents": [{**e, "doc": ids.get(e["doc"], e["doc"])} for e in labels["documents"]]}
        for i, item in enumerate(items, 1):
            results.append(_question_result(runtime, item, windows, today, dataset))
            if progress:
                progress(dataset, i, len(items))
        results += metadata_results(runtime.index.documents, labels, dataset, runtime.vocabulary)
    return results


# ---- metadata against the labels -----------------------------------------------------------------

def _same(a: object, b: object) -> bool:
    return (a or None) == (b or None)


def field_right(meta: DocumentMeta, label: dict, field: str, places: Vocabulary | None = None) -> bool:
    """One labelled field of one document, as a reader would accept it (a region by the place it names:
    襄阳高新技术产业开发区 is 襄阳市襄阳高新区, when the gazetteer knows both)."""
    if field == "title":
        accepted = [label.get("title"), *label.get("title_also_accepted", [])]
        return title_key(meta.title) in {title_key(t) for t in accepted if t}  # 《X》 and X are one title
    if field == "issuers":
        mine = meta.issuers or ([meta.issuer] if meta.issuer else [])
        return list(mine) == list(label.get("issuers") or [])
    if field == "validity_window":
        return (_same(meta.effective_from, _iso(label.get("effective_from")))
                and _same(meta.effective_to, _iso(label.get("effective_to"))))
    if field == "issue_date":
        return _same(meta.issue_date, _iso(label.get("issue_date")))
    if field == "doc_type":
        return meta.doc_type in [label.get("doc_type"), *label.get("doc_type_also_accepted", [])]
    if field == "region" and places is not None and meta.region and label.get("region") \
            and meta.region != label["region"]:
        found, wanted = places.resolve_place(meta.region), places.resolve_place(label["region"])
        return found[0] is not None and found == wanted
    return _same(getattr(meta, field), label.get(field))


def metadata_results(documents: dict[str, Document], labels: dict, dataset: str = RELATED,
                     places: Vocabulary | None = None) -> list[ItemResult]:
    """One item per labelled document: its fields right / wrong (kind metadata)."""
    results = []
    for entry in labels["documents"]:
        label, doc = entry["metadata"], documents.get(entry["doc"])
        base = ItemResult(id=entry["doc"], dataset=dataset, kind="metadata", category="metadata",
                          question=entry["doc"], status="error")
        if doc is None:
            results.append(base.model_copy(update={"error": "document not in the index", "reasons": ["error"]}))
            continue
        wrong = [f for f in META_FIELDS if not field_right(doc.meta, label, f, places)]
        results.append(base.model_copy(update={
            "status": "fail" if wrong else "pass", "meta_fields": len(META_FIELDS),
            "meta_wrong": wrong, "reasons": [f"wrong: {', '.join(_shown(doc.meta, f) for f in wrong)}"] if wrong
            else []}))
    return results


def _shown(meta: DocumentMeta, field: str) -> str:
    if field == "validity_window":
        return f"validity_window={meta.effective_from}—{meta.effective_to}"
    value = meta.issuers if field == "issuers" else getattr(meta, field)
    return f"{field}={value}"
