"""The watch's view of the library: support items as WatchItems, and the library matcher over them.

    view = LibraryView(eligibility)                          # every item of the current build
    result = view.match(profile, today)                      # MatchResult: matches + unavailable apart
    matcher = LibraryView(eligibility, changed).alert_matcher(today)   # for compute_alerts

The items and the matcher are the library's (issue 12): Eligibility.library() is the current
build's compiled Library (extracted items with the curated overlay on its document), and
match_library judges a profile over it. A view narrowed to some documents reuses the compiled
items of those documents, so alerting one new document against many profiles runs only its items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from assistant.eligibility import Eligibility
from assistant.eligibility.matcher import Library, match_library, window_on
from assistant.types import Citation, CompanyProfile, DocumentMeta, MatchResult, SupportItem
from assistant.watch.alerts import ItemMatch, WatchItem


def watch_item(item: SupportItem, meta: DocumentMeta | None, citations: Sequence[Citation],
               run: tuple[dt.date | None, dt.date | None] | None = None) -> WatchItem:
    """An alertable item: verbatim amount words, window dates (`run`: a yearly window's run of the day),
    the quotes it is cited by."""
    amount = "；".join(dict.fromkeys(a.text for a in item.benefit)) or None
    window = item.window
    opens, deadline = run if run is not None else ((window.opens, window.deadline) if window else (None, None))
    return WatchItem(doc_id=item.doc_id, item_id=item.id, title=item.title,
                     doc_title=meta.title if meta else item.doc_id, amount=amount,
                     opens=opens, deadline=deadline, citations=list(citations))


class LibraryView:
    """The items a match runs over and the library matcher for them (optionally only some documents)."""

    def __init__(self, eligibility: Eligibility | None, doc_ids: Collection[str] | None = None,
                 library: Library | None = None) -> None:
        """library: a compiled Library to use instead of eligibility.library() (benchmarks, tests)."""
        self.eligibility = eligibility
        library = library if library is not None else eligibility.library()  # type: ignore[union-attr]
        compiled = [c for c in library.compiled if doc_ids is None or c.item.doc_id in doc_ids]
        self.library = library if doc_ids is None else Library(compiled, library.vocab, library.embedder,
                                                               library.sector_words)
        self.compiled = compiled

    def match(self, profile: CompanyProfile, today: dt.date, notices: bool = False, lang: str = "zh") -> MatchResult:
        """Available matches (qualifies / may_qualify) and the unavailable items apart; with notices, the
        reasons and notices in `lang`."""
        if notices and self.eligibility is not None:  # the whole library, with its notices
            return self.eligibility.result_for(profile, [], today=today, lang=lang)
        return match_library(profile, self.library, today)

    def watch_items(self, today: dt.date | None = None) -> list[WatchItem]:
        """The items as alertable ones; with `today`, a yearly window's dates are those of its run that day."""
        return [watch_item(c.item, c.meta, c.fields.get("citations") or [],
                           window_on(c, today) if today is not None and c.yearly else None) for c in self.compiled]

    def alert_matcher(self, today: dt.date) -> AlertMatcher:
        return AlertMatcher(self, today)


class AlertMatcher:
    """compute_alerts' Matcher: only available items, with the status the library gives them."""

    def __init__(self, view: LibraryView, today: dt.date) -> None:
        self.view = view
        self.today = today
        self.watched = {w.item_id: w for w in view.watch_items(today)}

    def __call__(self, profile: CompanyProfile, items: Sequence[WatchItem]) -> list[ItemMatch]:
        wanted = {w.item_id for w in items}
        result = self.view.match(profile, self.today)
        return [ItemMatch(item=self.watched[m.id], status=m.status) for m in result.matches
                if m.id in wanted and m.id in self.watched]
