"""Support-item extraction against hand labels (evals/related/labels.yaml): precision and recall.

An extracted item matches a labelled item when its benefit sentence holds the label's verbatim
`quote` (or the quote holds it; spaces ignored, for re-flowed PDFs). Each label matches at most one
item. Items matching an `optional_items` label are neither true nor false positives.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.documents.clauses import parse_clauses
from assistant.documents.items import extract_items
from assistant.documents.loaders import load_document
from assistant.documents.rules import DocumentRules
from assistant.types import SupportItem

_SPACE = re.compile(r"\s+")


class DocItemScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc: str
    labelled: int
    extracted: int
    matched: int = Field(description="Labels found by an extracted item")
    optional: int = Field(description="Extracted items matching an optional label (not scored)")
    false_positives: list[str] = Field(default_factory=list, description="Benefit quotes of unmatched items")
    missed: list[str] = Field(default_factory=list, description="Label ids no item found")
    amounts_found: int = Field(default=0, description="Matched labels whose every amount_text is in the item")
    amounts_labelled: int = Field(default=0, description="Matched labels that have amount_text")
    category_right: int = Field(default=0, description="Matched items with the label's category")


class ItemScores(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[DocItemScore]
    precision: float
    recall: float
    amount_accuracy: float = Field(description="Of matched labels with amounts: all amount texts found")
    category_accuracy: float


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


def _matches(item: SupportItem, quote: str) -> bool:
    mine, theirs = _compact(item.benefit_quote.quote), _compact(quote)
    return bool(theirs) and (theirs in mine or mine in theirs)


def _score_doc(doc: str, items: list[SupportItem], labels: list[dict], optional: list[dict]) -> DocItemScore:
    free = list(items)
    score = DocItemScore(doc=doc, labelled=len(labels), extracted=len(items), matched=0, optional=0)
    for label in labels:
        hit = next((i for i in free if _matches(i, label.get("quote", ""))), None)
        if hit is None:
            score.missed.append(str(label.get("id")))
            continue
        free.remove(hit)
        score.matched += 1
        score.category_right += hit.category == label.get("category")
        texts = [t for t in (label.get("amount_text") or []) if t]
        if texts:
            score.amounts_labelled += 1
            found = " ".join(_compact(a.text) for a in hit.benefit) + _compact(hit.benefit_quote.quote)
            score.amounts_found += all(_compact(t) in found for t in texts) and bool(hit.benefit)
    for label in optional:
        hit = next((i for i in free if _matches(i, label.get("quote", ""))), None)
        if hit is not None:
            free.remove(hit)
            score.optional += 1
    score.false_positives = [i.benefit_quote.quote[:60] for i in free]
    return score


def score_items(labels_path: Path, rules: DocumentRules, skip_curated: bool = True) -> ItemScores:
    """Run the rules on every labelled document and compare with its labels."""
    raw = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    results = []
    for entry in raw["documents"]:
        labels = entry.get("items") or []
        optional = entry.get("optional_items") or []
        if skip_curated and "catalogue" in str(entry.get("items_note", "")):
            continue  # its items are a curated catalogue (the overlay), not rule output
        document = load_document((labels_path.parent / entry["file"]).resolve(), rules)
        items = extract_items(document, parse_clauses(document.meta.doc_id, document.text), rules.items)
        results.append(_score_doc(entry["doc"], items, labels, optional))
    tp = sum(r.matched for r in results)
    fp = sum(len(r.false_positives) for r in results)
    labelled = sum(r.labelled for r in results)
    with_amounts = sum(r.amounts_labelled for r in results)
    return ItemScores(
        documents=results,
        precision=round(tp / (tp + fp), 3) if tp + fp else 1.0,
        recall=round(tp / labelled, 3) if labelled else 1.0,
        amount_accuracy=round(sum(r.amounts_found for r in results) / with_amounts, 3) if with_amounts else 1.0,
        category_accuracy=round(sum(r.category_right for r in results) / tp, 3) if tp else 1.0,
    )
