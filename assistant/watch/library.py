"""The watch's view of the library: support items as WatchItems, and the matcher over them.

    view = LibraryView(eligibility, index)                   # every item; doc_ids=… narrows it
    result = view.match(profile, today)                      # MatchResult: matches + unavailable apart
    matcher = LibraryView(eligibility, index, changed).alert_matcher(today)   # for compute_alerts

The library matcher is the current build's compiled Library (Eligibility.library(), issue 12).
Until it exists, `interim_match` here judges the items with a few plain rules (region, size,
sector, R&D ratio, first-of-kind, thresholds; everything else `unknown`), and availability by the
item's window and its document's execution period, so alerts, the calendar and the report work
end to end; LibraryView switches by itself once the library matcher lands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence

from assistant.eligibility import Eligibility
from assistant.eligibility.library import catalogue_items
from assistant.eligibility.library import library_items as overlay_items
from assistant.types import (
    Citation,
    CompanyProfile,
    ConditionResult,
    DocumentMeta,
    ItemCondition,
    Match,
    MatchResult,
    SupportItem,
)
from assistant.watch.alerts import ItemMatch, WatchItem

# Which profile field would turn an `unknown` condition of this kind into met / unmet.
CONDITION_FIELDS: dict[str, str] = {
    "region": "city", "size": "size", "sector": "sectors", "rd_ratio_min": "rd_ratio",
    "rd_spend_min": "rd_spend", "revenue_min": "revenue", "revenue_max": "revenue",
    "employees_min": "employees", "employees_max": "employees", "certification": "certifications",
    "established_before": "established_year", "established_after": "established_year",
    "investment_min": "attestation", "attestation": "attestation",
}


def library_items(items: Sequence[SupportItem], documents: Mapping[str, DocumentMeta],
                  catalogue=None) -> list[SupportItem]:  # type: ignore[no-untyped-def]
    """The build's extracted items with the curated catalogue replacing its own document's items."""
    overlays = []
    if catalogue is not None and catalogue.doc_id in documents:
        overlays.append(catalogue_items(catalogue, region=documents[catalogue.doc_id].region))
    return overlay_items(items, overlays)


def watch_item(item: SupportItem, documents: Mapping[str, DocumentMeta], sections: Mapping[str, str]) -> WatchItem:
    """An alertable item: verbatim amount words, window dates, every quote as a citation."""
    meta = documents.get(item.doc_id)
    doc_title = meta.title if meta else item.doc_id
    amount = "；".join(dict.fromkeys(a.text for a in item.benefit)) or None
    citations = [Citation(n=n, doc_id=item.doc_id, doc_title=doc_title, anchor=q.anchor,
                          section=sections.get(q.clause_id, q.anchor), quote=q.quote, start=q.start, end=q.end,
                          score=0.0) for n, q in enumerate(item.citations, 1)]
    window = item.window
    return WatchItem(doc_id=item.doc_id, item_id=item.id, title=item.title, doc_title=doc_title, amount=amount,
                     opens=window.opens if window else None, deadline=window.deadline if window else None,
                     citations=citations)


class LibraryView:
    """The items a match runs over (every document's, curated overlay on top) and the matcher for them.

    With the library matcher (Eligibility.library() → a compiled Library, match_library) a view
    narrowed to some documents reuses the compiled items; until then interim_match judges them.
    """

    def __init__(self, eligibility: Eligibility, index, doc_ids: Collection[str] | None = None) -> None:  # type: ignore[no-untyped-def]
        self.eligibility = eligibility
        self.metas = {doc_id: doc.meta for doc_id, doc in index.documents.items()}
        self.uses_library = callable(getattr(eligibility, "library", None))
        if self.uses_library:
            library = eligibility.library()
            compiled = [c for c in library.compiled if doc_ids is None or c.item.doc_id in doc_ids]
            self.library = library if doc_ids is None else type(library)(
                compiled, library.vocab, library.embedder, library.sector_words)
            self.items = [c.item for c in compiled]
        else:
            self.library = None
            self.items = [i for i in library_items(index.items, self.metas, eligibility.catalogue)
                          if doc_ids is None or i.doc_id in doc_ids]
        self.sections = _sections(index, self.items)

    def match(self, profile: CompanyProfile, today: dt.date, notices: bool = False) -> MatchResult:
        """Available matches (qualifies / may_qualify) and the unavailable items apart."""
        if self.library is not None:
            if notices and hasattr(self.eligibility, "result_for"):
                return self.eligibility.result_for(profile, [], today=today)
            from assistant.eligibility.matcher import match_library  # the library matcher, once it exists

            return match_library(profile, self.library, today)
        return interim_match(profile, self.items, self.metas, today, self.eligibility)

    def watch_items(self) -> list[WatchItem]:
        return [watch_item(i, self.metas, self.sections) for i in self.items]

    def alert_matcher(self, today: dt.date) -> AlertMatcher:
        return AlertMatcher(self, today)


class AlertMatcher:
    """compute_alerts' Matcher: only available items, with the status the library gives them."""

    def __init__(self, view: LibraryView, today: dt.date) -> None:
        self.view = view
        self.today = today
        self.watched = {w.item_id: w for w in view.watch_items()}

    def __call__(self, profile: CompanyProfile, items: Sequence[WatchItem]) -> list[ItemMatch]:
        wanted = {w.item_id for w in items}
        result = self.view.match(profile, self.today)
        return [ItemMatch(item=self.watched[m.id], status=m.status) for m in result.matches
                if m.id in wanted and m.id in self.watched]


def _sections(index, items: Sequence[SupportItem]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    found: dict[str, str] = {}
    for item in items:
        for quote in item.citations:
            if quote.clause_id not in found:
                clause = index.clause(quote.clause_id)
                found[quote.clause_id] = clause.section if clause is not None else quote.anchor
    return found


# ---- the interim matcher ---------------------------------------------------------------------

def interim_match(profile: CompanyProfile, items: Iterable[SupportItem], documents: Mapping[str, DocumentMeta],
                  today: dt.date, eligibility: Eligibility) -> MatchResult:
    cities = set(eligibility.vocabulary.regions.cities)
    matches, unavailable = [], []
    for item in items:
        match = _judge(item, profile, documents.get(item.doc_id), today, cities)
        (unavailable if match.status == "unavailable" else matches).append(match)
    order = {"qualifies": 0, "may_qualify": 1, "not_qualified": 2}
    matches = [m for m in matches if m.status != "not_qualified"]
    matches.sort(key=lambda m: (order[m.status], m.deadline or dt.date.max, m.id))
    return MatchResult(profile=profile, matches=matches, unavailable=unavailable)


def _judge(item: SupportItem, profile: CompanyProfile, meta: DocumentMeta | None, today: dt.date,
           cities: set[str]) -> Match:
    conditions = [_condition(c, profile, cities) for c in item.conditions]
    availability, reason = _availability(item, meta, today)
    if availability in ("expired", "closed"):
        status = "unavailable"
    elif any(c.status == "unmet" and c.hard for c in conditions):
        status = "not_qualified"
    elif all(c.status == "met" for c in conditions if c.hard):
        status = "qualifies"
    else:
        status = "may_qualify"
    window = item.window
    deadline = window.deadline if window else None
    return Match(
        id=item.id, title_zh=item.title, category=item.category, status=status, doc_id=item.doc_id,
        doc_title=meta.title if meta else None, kind=item.kind,
        amount_text="；".join(dict.fromkeys(a.text for a in item.benefit)) or None, amounts=item.benefit,
        deadline=deadline, opens=window.opens if window else None,
        days_left=(deadline - today).days if deadline else None, availability=availability,
        availability_reason=reason, score=float(sum(c.status == "met" for c in conditions)),
        conditions=conditions, benefit=item.summary or item.benefit_quote.quote,
        next_steps=[q.quote for q in item.procedure],
        citations=[Citation(n=n, doc_id=item.doc_id, doc_title=meta.title if meta else item.doc_id, anchor=q.anchor,
                            section=q.anchor, quote=q.quote, start=q.start, end=q.end, score=0.0)
                   for n, q in enumerate(item.citations, 1)],
    )


def _availability(item: SupportItem, meta: DocumentMeta | None, today: dt.date) -> tuple[str, str | None]:
    if meta is not None and meta.effective_to is not None and meta.effective_to < today:
        return "expired", f"已失效 {meta.effective_to.isoformat()}"
    window = item.window
    if window is not None and window.deadline is not None and window.deadline < today:
        return "closed", f"申报已截止 {window.deadline.isoformat()}"
    if window is not None and window.opens is not None and window.opens > today:
        return "not_yet", f"{window.opens.isoformat()} 起接受申报"
    return "open", None


def _condition(condition: ItemCondition, profile: CompanyProfile, cities: set[str]) -> ConditionResult:
    field = CONDITION_FIELDS.get(condition.kind, "attestation")
    words = condition.text or (f"{condition.value:g}{condition.unit or ''}" if condition.value is not None else "")
    status = _status(condition, profile, cities)
    reason = {"met": f"符合：{words}", "unmet": f"不符合：{words}", "unknown": f"待确认：{words}"}[status]
    return ConditionResult(field=field, requirement=words or condition.kind, status=status, hard=condition.hard,
                           reason=reason)


def _status(condition: ItemCondition, profile: CompanyProfile, cities: set[str]) -> str:
    kind, text, value = condition.kind, condition.text or "", condition.value
    if kind == "region":
        return _region(text, profile, cities)
    if kind == "size":
        if "规模以上" in text:
            return _known(getattr(profile, "above_scale", None))
        return "unknown" if profile.size is None else ("met" if profile.size in text else "unmet")
    if kind == "sector":
        if not profile.sectors:
            return "unknown"
        return "met" if any(s in text or text in s for s in profile.sectors) else "unknown"
    if kind == "certification" and "首台" in text and profile.first_of_kind is not None:
        return _known(profile.first_of_kind)
    if kind == "certification":
        held = getattr(profile, "certifications", [])
        if any(text in c or c in text for c in held):
            return "met"
        return "unmet" if getattr(profile, "certifications_stated", False) else "unknown"
    number = _number_for(kind, profile)
    if number is None or value is None:
        return "unknown"
    at_most = kind.endswith("_max") or kind == "established_before"
    return "met" if (number <= value if at_most else number >= value) else "unmet"


def _number_for(kind: str, profile: CompanyProfile) -> float | None:
    field = CONDITION_FIELDS.get(kind)
    if field in (None, "attestation"):
        return None
    found = getattr(profile, field, None)
    return float(found) if isinstance(found, (int, float)) and not isinstance(found, bool) else None


def _region(text: str, profile: CompanyProfile, cities: set[str]) -> str:
    if not text or "全国" in text:
        return "met"
    if profile.city is None:
        return "unknown"
    named = [c for c in cities if c in text]
    if named:
        return "met" if profile.city in named else "unmet"
    if "湖北" in text:
        return "met" if profile.city in cities else "unmet"
    return "unknown"


def _known(value: bool | None) -> str:
    return "unknown" if value is None else ("met" if value else "unmet")
