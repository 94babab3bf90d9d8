"""The library of support items: every document's extracted items, with curated catalogues on top.

A curated catalogue (knowledge/catalogue.yaml for the 2014 plan) is an overlay: its entries,
converted to SupportItems, replace the rule-extracted items of its own document and leave the
others alone. `curated_recall` measures the rules against a curated catalogue.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from assistant.eligibility.catalogue import Catalogue, Condition, Entry
from assistant.eligibility.matcher import Library, Overlay, entry_checks
from assistant.eligibility.vocabulary import Vocabulary
from assistant.index.embedder import Embedder
from assistant.index.store import Index
from assistant.types import Citation, DocumentMeta, ItemCondition, ItemQuote, SupportItem

_SIZE_WORDS = {"中小企业": "中小企业", "大型企业": "大型企业"}


def _quote(citation: Citation) -> ItemQuote:
    return ItemQuote(clause_id=f"{citation.doc_id}#{citation.anchor}", anchor=citation.anchor,
                     start=citation.start, end=citation.end, quote=citation.quote)


def _condition(condition: Condition) -> ItemCondition | None:
    """A curated condition in the item schema; fields the schema has no kind for (roles, needs) → None."""
    values = [str(v) for v in condition.values]
    field, op = condition.field, condition.operator
    if field == "rd_ratio" and op == "gte":
        return ItemCondition(kind="rd_ratio_min", value=float(condition.values[0]), unit="fraction",
                             hard=condition.hard, source="curated", text=condition.text)
    if field == "size" and op in ("equals", "any_of"):
        return ItemCondition(kind="size", text="、".join(_SIZE_WORDS.get(v, v) for v in values),
                             hard=condition.hard, source="curated")
    if field == "attestation":
        return ItemCondition(kind="attestation", text=condition.text, hard=condition.hard, source="curated")
    if field == "first_of_kind" and condition.values == [True]:
        return ItemCondition(kind="certification", text="首台（套）", hard=condition.hard, source="curated")
    if field == "city" and op == "any_of":
        return ItemCondition(kind="region", text="、".join(values), hard=condition.hard, source="curated")
    if field == "sectors" and op == "any_of":
        return ItemCondition(kind="sector", text="、".join(values), hard=condition.hard, source="curated")
    return None


def entry_item(entry: Entry, catalogue: Catalogue, region: str | None = "湖北省") -> SupportItem:
    """One curated entry as a SupportItem: its quotes cited, its benefit as the curated summary."""
    quotes = [_quote(c) for c in catalogue.citations[entry.id]]
    conditions = [ItemCondition(kind="region", text=region, hard=True, source="document")] if region else []
    if entry.regions and not entry.regions_open:
        conditions.append(ItemCondition(kind="region", text="、".join(entry.regions), hard=True, source="curated"))
    if not entry.all_sectors:
        conditions.append(ItemCondition(kind="sector", text="、".join(entry.sectors), hard=not entry.sectors_open,
                                        source="curated"))
    conditions += [c for c in map(_condition, entry.conditions) if c is not None]
    return SupportItem(
        id=f"{catalogue.doc_id}:{entry.id}",
        doc_id=catalogue.doc_id,
        category=entry.category,
        kind=catalogue.kinds.get(entry.id, "支持"),
        title=entry.title_zh,
        beneficiaries=list(entry.beneficiaries),
        conditions=conditions,
        benefit_quote=quotes[0],
        summary=entry.benefit,
        citations=quotes,
        source="curated",
    )


def catalogue_items(catalogue: Catalogue, region: str | None = "湖北省") -> list[SupportItem]:
    """Every curated entry of `catalogue` as a SupportItem, in catalogue order."""
    return [entry_item(e, catalogue, region) for e in catalogue.entries]


def library_items(extracted: Iterable[SupportItem], overlays: Iterable[list[SupportItem]] = ()) -> list[SupportItem]:
    """All items of a build: each overlay's items replace the extracted items of the documents it covers."""
    overlays = [list(o) for o in overlays]
    covered = {item.doc_id for overlay in overlays for item in overlay}
    out = [item for item in extracted if item.doc_id not in covered]
    for overlay in overlays:
        out.extend(overlay)
    return out


class CuratedRecall(BaseModel):
    """How many curated entries the rules find: one is found when an extracted item cites its anchor."""

    model_config = ConfigDict(extra="forbid")

    curated: int = Field(description="Curated entries")
    found: list[str] = Field(description="Entry ids an extracted item cites an anchor of")
    missed: list[str] = Field(description="Entry ids no extracted item cites")
    extracted: int = Field(description="Items the rules extracted from the document")
    unmatched: list[str] = Field(description="Extracted item ids whose anchors no curated entry cites")

    @property
    def recall(self) -> float:
        return len(self.found) / self.curated if self.curated else 1.0


def curated_recall(catalogue: Catalogue, extracted: list[SupportItem]) -> CuratedRecall:
    """Recall of the curated entries by the rule-extracted items of the same document."""
    items = [i for i in extracted if i.doc_id == catalogue.doc_id]
    cited = {q.anchor for i in items for q in i.citations}
    curated_anchors = {c.anchor for cs in catalogue.citations.values() for c in cs}
    found = [e.id for e in catalogue.entries if any(c.anchor in cited for c in catalogue.citations[e.id])]
    return CuratedRecall(
        curated=len(catalogue.entries),
        found=found,
        missed=[e.id for e in catalogue.entries if e.id not in found],
        extracted=len(items),
        unmatched=[i.id for i in items if not {q.anchor for q in i.citations} & curated_anchors],
    )


# ── the library the matcher runs over ──


def catalogue_overlay(catalogue: Catalogue, region: str | None = None) -> Overlay:
    """The curated catalogue as an overlay of its document: items, the entries' own checks and wording."""
    region = region if region is not None else (catalogue.plan.region or "湖北省")
    items = catalogue_items(catalogue, region)
    by_id = {f"{catalogue.doc_id}:{e.id}": e for e in catalogue.entries}
    return Overlay(
        doc_id=catalogue.doc_id,
        meta=catalogue.plan,
        items=items,
        checks={i: entry_checks(e, catalogue) for i, e in by_id.items()},
        needs={i: list(e.needs) for i, e in by_id.items()},
        fields={i: {"title_en": e.title_en, "benefit": e.benefit, "next_steps": list(e.next_steps),
                    "citations": list(catalogue.citations[e.id]), "amount_text": None, "amounts": []}
                for i, e in by_id.items()},
    )


_CATALOGUE_LIBRARIES: dict[int, tuple[Catalogue, Library]] = {}


def catalogue_library(catalogue: Catalogue) -> Library:
    """The curated catalogue alone as a compiled library (cached per loaded catalogue)."""
    hit = _CATALOGUE_LIBRARIES.get(id(catalogue))
    if hit is not None and hit[0] is catalogue:
        return hit[1]
    library = Library.build([], {}, catalogue.vocabulary, overlays=[catalogue_overlay(catalogue)])
    if len(_CATALOGUE_LIBRARIES) >= 4:
        _CATALOGUE_LIBRARIES.clear()
    _CATALOGUE_LIBRARIES[id(catalogue)] = (catalogue, library)
    return library


def build_library(items: Iterable[SupportItem], documents: dict[str, DocumentMeta], vocab: Vocabulary,
                  catalogue: Catalogue | None = None, embedder: Embedder | None = None,
                  clause_sections: dict[str, str] | None = None) -> Library:
    """Every item of a build with the curated overlay on its document (when that document is in the build)."""
    overlays = [catalogue_overlay(catalogue)] if catalogue is not None else []
    return Library.build(list(items), documents, vocab, overlays=overlays, embedder=embedder,
                         clause_sections=clause_sections)


def settle_heap() -> None:
    """Move what is alive now (the build's index and library) out of the collector's sight.

    A library of 10k+ items is millions of long-lived objects; every full collection a match
    call triggers would walk them all (2/3 of a match's time before). Frozen objects are still
    freed by reference counting when a reload drops the build; only cycles among them are not.
    """
    gc.collect()
    gc.freeze()


def library_for_index(index: Index | None, catalogue: Catalogue, embedder: Embedder | None = None) -> Library:
    """The library of an index build (cached on the build's memo, so a reload starts afresh)."""
    if index is None:
        return catalogue_library(catalogue)

    def build() -> Library:
        documents = {doc_id: doc.meta for doc_id, doc in index.documents.items()}
        sections = {c.id: c.section for c in index.clauses}
        library = build_library(index.items, documents, catalogue.vocabulary, catalogue, embedder, sections)
        settle_heap()
        return library

    return index.memo.table("eligibility_library", 2).get_or_build(id(catalogue), build)
