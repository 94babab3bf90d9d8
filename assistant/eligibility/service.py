"""The eligibility component that `assistant match`, POST /match, the UI and `ask` share.

    eligibility = runtime.eligibility          # built once by the Runtime from Settings
    result = eligibility.match(read_profile_input({"description": "我们是襄阳一家做减速器的企业，想贷款"}))

It holds the curated catalogue, its vocabulary (with the labels), one ProfileExtractor (offline,
or the LLM with the offline fallback, injected by the Runtime), the library source (every support
item of the current index build with the curated overlay, compiled once per build) and the clock
(`today` for validity and deadlines). The same description gives the same profile on every path;
the Runtime drops the component on reload, so a new build's items and a corrected execution
period show after the next ingest, not after a restart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from assistant.documents.validity import validity_notices
from assistant.eligibility.catalogue import Catalogue
from assistant.eligibility.library import catalogue_library
from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.profile import ProfileExtractor, build_profile
from assistant.eligibility.vocabulary import Labels, Vocabulary, term_name
from assistant.types import CompanyProfile, DocumentMeta, MatchResult, Notice, ProfileInput


def disclaimer(vocab: Vocabulary, lang: str = "zh") -> Notice:
    """What every match result says it is (and is not), in `lang` (messages/eligibility.yaml)."""
    return Notice(code="eligibility_disclaimer", message=vocab.messages.text("disclaimer", lang), severity="info")


def profile_value(vocab: Vocabulary, name: str, value: object, lang: str = "zh") -> str:
    """One profile field's value as shown to the user (lists joined, yes/no, a ratio as a percentage)."""
    msg = vocab.messages
    if isinstance(value, list):
        return msg.text("list_sep", lang).join(term_name(vocab, name, str(v), lang) for v in value)
    if name == "size" and isinstance(value, str):
        return term_name(vocab, name, value, lang)
    if isinstance(value, bool):
        return msg.text("yes" if value else "no", lang)
    if name == "rd_ratio" and isinstance(value, float):
        return f"{value * 100:g}%"
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe_extraction(profile: CompanyProfile, extracted: list[str], vocab: Vocabulary,
                        lang: str = "zh") -> Notice | None:
    """The "extracted: city 襄阳; …" notice, so the user can check and correct what was read."""
    if not extracted:
        return None
    msg = vocab.messages
    facts = [msg.text("extracted_fact", lang, label=vocab.labels.field(name, lang),
                      value=profile_value(vocab, name, getattr(profile, name, None), lang)) for name in extracted]
    return Notice(code="profile_extracted",
                  message=msg.text("extracted", lang, facts=msg.text("facts_sep", lang).join(facts)))


class Eligibility:
    """Catalogue + vocabulary + profile extractor: profiles in, MatchResult out."""

    def __init__(self, catalogue: Catalogue, extractor: ProfileExtractor, *,
                 library: Callable[[], Library] | None = None,
                 clock: Callable[[], dt.date] = dt.date.today) -> None:
        self.catalogue = catalogue
        self.extractor = extractor
        self._library = library
        self.clock = clock

    def library(self) -> Library:
        """The items matched: the current build's (with the curated overlay), else the catalogue alone."""
        return self._library() if self._library is not None else catalogue_library(self.catalogue)

    @property
    def vocabulary(self) -> Vocabulary:
        return self.catalogue.vocabulary

    @property
    def labels(self) -> Labels:
        return self.vocabulary.labels

    def profile(self, given: ProfileInput | CompanyProfile | None,
                description: str | None = None) -> tuple[CompanyProfile, list[str]]:
        """Explicit fields, then the extractor's reading of the description; returns the extracted field names."""
        return build_profile(given, self.extractor, self.vocabulary, description)

    def match(self, given: ProfileInput | CompanyProfile | None, description: str | None = None, *,
              include_all: bool = False, id: str | None = None, today: dt.date | None = None,
              limit: int | None = None, lang: str = "zh") -> MatchResult:
        """Match explicit fields and/or a description; with the extraction, validity and disclaimer notices.

        limit: show the first `limit` of each list (None: all); matches_total counts them all.
        lang: the notices' language (zh / en).
        """
        company, extracted = self.profile(given, description)
        return self.result_for(company, extracted, include_all=include_all, id=id, today=today, limit=limit,
                               lang=lang)

    def result_for(self, company: CompanyProfile, extracted: list[str], *, include_all: bool = False,
                   id: str | None = None, today: dt.date | None = None, limit: int | None = None,
                   levels: tuple[str, ...] = (), lang: str = "zh") -> MatchResult:
        """levels: the document levels a question names (市里 → 市), whose items lead; lang: the language of
        the notices and of the reasons (messages/eligibility.yaml)."""
        today = today or self.clock()
        library = self.library()
        result = match_library(company, library, today, include_all=include_all, limit=limit, levels=levels,
                               lang=lang)
        notices = [n for n in (describe_extraction(company, extracted, self.vocabulary, lang),) if n]
        metas = {c.item.doc_id: c.meta for c in library.compiled if c.meta is not None}
        shown = [metas[d] for d in dict.fromkeys(m.doc_id for m in [*result.matches, *result.unavailable])
                 if d in metas]
        notices += validity_notices(_dated(shown), today, lang)
        notices.append(disclaimer(self.vocabulary, lang))
        return result.model_copy(update={"id": id, "notices": [*result.notices, *notices],
                                         "lang": "en" if lang == "en" else "zh"})


def _dated(metas: list[DocumentMeta]) -> list[DocumentMeta]:
    return [m for m in metas if m.effective_from is not None or m.effective_to is not None]
