"""Matchers for compute_alerts: the real eligibility catalogue as items, until every document has items.

Each catalogue entry (a measure, funding channel or alliance of the plan) becomes one WatchItem
of the document its first citation quotes; CatalogueMatcher runs assistant.eligibility's
match_profile and reports the statuses of the items it was given.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.eligibility import Catalogue, match_profile
from assistant.types import CompanyProfile
from assistant.watch.alerts import ItemMatch, WatchItem


def catalogue_items(catalogue: Catalogue) -> list[WatchItem]:
    items = []
    for entry in catalogue.entries:
        citations = catalogue.citations.get(entry.id, [])
        doc_id = citations[0].doc_id if citations else "catalogue"
        doc_title = citations[0].doc_title if citations else None
        items.append(WatchItem(doc_id=doc_id, item_id=entry.id, title=entry.title_zh, doc_title=doc_title,
                               amount=entry.benefit, citations=citations))
    return items


class CatalogueMatcher:
    """Matcher over the eligibility catalogue; items not in the catalogue are not judged."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def __call__(self, profile: CompanyProfile, items: Sequence[WatchItem]) -> list[ItemMatch]:
        wanted = {item.item_id: item for item in items}
        result = match_profile(profile, self.catalogue)
        prefix = f"{self.catalogue.doc_id}:"  # library item ids are doc_id:entry_id
        ids = [(m.id.removeprefix(prefix), m) for m in result.matches]
        return [ItemMatch(item=wanted[i], status=m.status) for i, m in ids if i in wanted]
