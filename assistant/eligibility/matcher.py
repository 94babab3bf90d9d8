"""One matcher over the whole library: every support item of every document, checked against a profile.

    library = Library.build(items, documents, vocabulary, overlays=[curated], embedder=embedder)
    result = match_library(profile, library, today=dt.date.today())

Items are compiled once per library (an index build): each becomes a tuple of condition checks
(closures over the item's typed conditions; a curated overlay brings its own checks for its
entries), its document's validity window, its application window and the Match fields that do
not depend on the profile. A match call then runs the closures only, and builds its results
with model_construct (the checks produce valid values by construction).

Availability first: an item of a document that expired or is not yet in force, or whose window
closed or has not opened, is never offered — it goes to MatchResult.unavailable with the reason. A
yearly window (每年3月1日至3月31日) of a document in force is not closed between its runs: the item is
offered with its next run (unless the document ends before that run opens).
Then conditions: a missing profile field gives "unknown", never "unmet". Status: an unmet hard
condition → not_qualified (left out unless include_all); every hard condition met and no stated
preference unmet → qualifies; otherwise may_qualify.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.eligibility.catalogue import Catalogue, Condition, Entry
from assistant.eligibility.vocabulary import CertificationSpec, Vocabulary, named_level, term_name
from assistant.index.embedder import Embedder
from assistant.text import book_title
from assistant.types import (
    Amount,
    Citation,
    CompanyProfile,
    ConditionResult,
    DocumentMeta,
    ItemCondition,
    ItemQuote,
    Match,
    MatchResult,
    SupportItem,
)

_NATIONAL = {"全国", "中国", "中华人民共和国"}
_LEVEL_RANK = {None: 0, "省": 1, "国家": 2}


# ── per-call context ──


@dataclass
class Ctx:
    """What every check of one match call shares: the profile and what is derived from it once."""

    profile: CompanyProfile
    vocab: Vocabulary
    words: tuple[str, ...]  # the profile's sector and product words, normalised
    similar: Callable[[str], bool]  # a document's sector word is close to one of the profile's words
    held: tuple[CertificationSpec, ...]
    above_scale: bool | None
    alias_sectors: frozenset[str] = frozenset()  # vocabulary sectors an unknown word contains an alias of
    unresolved: tuple[str, ...] = ()  # the profile's certification names no certification resolves
    zones: dict[str, tuple[str, str]] = field(default_factory=dict)  # zone → (市州, district), from the documents
    memo: dict = field(default_factory=dict)  # results of checks shared by many items (a document's region)
    lang: str = "zh"  # the reasons' language (messages/eligibility.yaml)
    today: dt.date | None = None  # the day judged: 当年度新认定 means a certification of its year
    templates: dict[str, str] = field(default_factory=dict)  # key → that language's text, read once per call

    def t(self, key: str, **values: object) -> str:
        """One sentence of messages/eligibility.yaml in the call's language (every key checked at load)."""
        return self.templates[key].format(**values) if values else self.templates[key]

    def join(self, words: Iterable[str]) -> str:
        return self.templates["list_sep"].join(words)

    def names(self, kind: str, values: Iterable[str]) -> str:
        """Vocabulary names (roles, sectors, needs, sizes) joined, in English where the vocabulary has it."""
        if self.lang != "en":
            return self.templates["list_sep"].join(values)
        return self.join(self.name(kind, v) for v in values)

    def name(self, kind: str, value: str) -> str:
        return term_name(self.vocab, kind, value, self.lang)


Check = Callable[[Ctx], ConditionResult | None]


def _built(cls: type, values: dict) -> Any:
    """A model from values known valid and complete (every field given): no validation, no defaults.

    The hot path builds thousands of results per match; model_construct costs ~15 µs each, this ~1 µs.
    """
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _once(cache: dict[str, str], ctx: Ctx, render: Callable[[], str]) -> str:
    """A check's fixed wording (its requirement label) rendered once per language, not once per call."""
    text = cache.get(ctx.lang)
    if text is None:
        text = cache[ctx.lang] = render()
    return text


def _result(field: str, requirement: str, status: str, reason: str, hard: bool = True,
            relevance: bool = False) -> ConditionResult:
    return _built(ConditionResult, {"field": field, "requirement": requirement, "status": status, "hard": hard,
                                    "relevance": relevance, "reason": reason})


# ── compiled items ──


@dataclass
class Compiled:
    """One item ready to match: its checks and everything about it that does not depend on the profile."""

    item: SupportItem
    order: int
    checks: tuple[Check, ...]
    needs: tuple[str, ...]
    text: str  # normalised own words (title, beneficiaries, benefit sentence, sector conditions)
    effective_from: dt.date | None
    effective_to: dt.date | None
    fields: dict  # Match fields fixed per item
    estimate: Callable[[Ctx], str | None] | None = None
    meta: DocumentMeta | None = None
    gate: Check | None = None  # the document's region check (shared, memoised per call): unmet → skip the item
    windows: tuple[tuple[dt.date | None, dt.date | None], ...] = ()  # (opens, deadline) alternatives, date order
    yearly: bool = False  # the window recurs every year (每年3月1日至3月31日): between its runs it is not closed


@dataclass
class Overlay:
    """A curated catalogue for one document: its items replace the document's extracted items.

    `checks` gives, per item id, the checks that replace the item's own non-document conditions
    (the curated entry's roles, sectors, regions and explicit conditions); `fields` the Match
    fields it words itself (English title, next steps, curated benefit).
    """

    doc_id: str
    meta: DocumentMeta | None
    items: list[SupportItem]
    checks: dict[str, list[Check]] = field(default_factory=dict)
    needs: dict[str, list[str]] = field(default_factory=dict)
    fields: dict[str, dict] = field(default_factory=dict)


class Library:
    """Every item of a build, compiled; sector words embedded once (lazily) for unknown profile words."""

    def __init__(self, compiled: list[Compiled], vocab: Vocabulary, embedder: Embedder | None = None,
                 sector_words: Iterable[str] = (), zones: dict[str, tuple[str, str]] | None = None) -> None:
        self.compiled = compiled
        self.zones = zones or {}
        self.vocab = vocab
        self.embedder = embedder
        self.sector_words = sorted(set(sector_words))
        self._sector_vectors: dict[str, np.ndarray] | None = None
        self._profile_vectors: dict[str, np.ndarray] = {}
        self._templates: dict[str, dict[str, str]] = {}  # lang → messages/eligibility.yaml texts

    def templates(self, lang: str) -> dict[str, str]:
        """key → text of messages/eligibility.yaml in `lang`, read once per library (a build's vocabulary)."""
        found = self._templates.get(lang)
        if found is None:
            found = self._templates[lang] = {k: (v.en if lang == "en" else v.zh)
                                             for k, v in self.vocab.messages.texts.items()}
        return found

    def __len__(self) -> int:
        return len(self.compiled)

    @classmethod
    def build(cls, items: Sequence[SupportItem], documents: dict[str, DocumentMeta], vocab: Vocabulary,
              overlays: Sequence[Overlay] = (), embedder: Embedder | None = None,
              clause_sections: dict[str, str] | None = None) -> Library:
        """Compile the extracted items and the overlays (each replacing its document's extracted items)."""
        covered = {o.doc_id for o in overlays}
        sections = clause_sections or {}
        compiled: list[Compiled] = []
        cache: dict[tuple, Check] = {}  # one check per distinct condition: a match call judges each once
        for item in items:
            if item.doc_id not in covered:
                compiled.append(compile_item(item, documents.get(item.doc_id), vocab, len(compiled), sections,
                                             cache=cache))
        for overlay in overlays:
            meta = overlay.meta or documents.get(overlay.doc_id)
            for item in overlay.items:
                compiled.append(compile_item(item, meta, vocab, len(compiled), sections,
                                             checks=overlay.checks.get(item.id), needs=overlay.needs.get(item.id),
                                             fields=overlay.fields.get(item.id), cache=cache))
        words = [w for c in compiled for cond in c.item.conditions if cond.kind == "sector" and cond.text
                 for w in cond.text.split("、")]
        return cls(compiled, vocab, embedder, words, _document_zones(items, documents, vocab))

    # ── embeddings (cheap: sector words once per library, profile words once per call) ──

    def similar_fn(self, words: Sequence[str]) -> Callable[[str], bool]:
        """sector word → True when close to one of `words` by embeddings (no embedder: never)."""
        if self.embedder is None or not words or not self.sector_words:
            return lambda _word: False
        if self._sector_vectors is None:
            vectors = _unit(self.embedder.embed_passages(list(self.sector_words)))
            self._sector_vectors = dict(zip(self.sector_words, vectors, strict=True))
        missing = [w for w in words if w not in self._profile_vectors]
        if missing:
            vectors = _unit(self.embedder.embed_passages(missing))
            if len(self._profile_vectors) > 4096:  # bounded: a long-running server sees many words
                self._profile_vectors.clear()
            self._profile_vectors.update(zip(missing, vectors, strict=True))
        mine = np.stack([self._profile_vectors[w] for w in words])
        threshold = self.vocab.sector_similarity
        sector_vectors = self._sector_vectors
        cache: dict[str, bool] = {}

        def similar(word: str) -> bool:
            if word not in cache:
                vector = sector_vectors.get(word)
                cache[word] = vector is not None and float(np.max(mine @ vector)) >= threshold
            return cache[word]

        return similar


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def _amount_text(amounts: list[Amount]) -> str | None:
    texts = list(dict.fromkeys(a.text for a in amounts))
    return "；".join(texts) if texts else None


def _citation(quote: ItemQuote, n: int, meta: DocumentMeta | None, doc_id: str, sections: dict[str, str]) -> Citation:
    return Citation.model_construct(n=n, doc_id=doc_id, doc_title=meta.title if meta else doc_id,
                                    anchor=quote.anchor, section=sections.get(quote.clause_id, quote.anchor),
                                    quote=quote.quote, start=quote.start, end=quote.end, score=1.0)


def compile_item(item: SupportItem, meta: DocumentMeta | None, vocab: Vocabulary, order: int,
                 sections: dict[str, str], *, checks: list[Check] | None = None, needs: list[str] | None = None,
                 fields: dict | None = None, cache: dict[tuple, Check] | None = None) -> Compiled:
    """The item's checks (document region first, then its conditions or the overlay's), needs, text.

    `cache` shares one check between the items whose condition is the same (most of a library's).
    """
    cache = cache if cache is not None else {}

    def check_for(condition: ItemCondition) -> Check:
        quote = condition.quote.quote if condition.quote else None
        key = (condition.kind, condition.text, condition.value, condition.unit, condition.hard, quote,
               condition.source == "text")
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = _check_for(condition, vocab)
        return hit

    if checks is None:
        compiled_checks = [check_for(c) for c in _with_implied(item, item.conditions, vocab)]
    else:  # an overlay's checks replace the item's own conditions; the document's region stays
        compiled_checks = [check_for(c) for c in item.conditions if c.source == "document"] + checks
    text = vocab.normalise(" ".join([item.title, *item.beneficiaries, item.benefit_quote.quote,
                                     *(c.text or "" for c in item.conditions if c.kind == "sector")]))
    served = needs if needs is not None else _needs_served(text, vocab)
    window = item.window
    base = {
        "id": item.id, "title_zh": item.title, "title_en": "", "category": item.category,
        "doc_id": item.doc_id, "doc_title": meta.title if meta else item.doc_id, "kind": item.kind,
        "amount_text": _amount_text(item.benefit), "amounts": list(item.benefit),
        "deadline": window.deadline if window else None, "opens": window.opens if window else None,
        "benefit": item.summary or item.benefit_quote.quote, "next_steps": [q.quote for q in item.procedure[:3]],
        "citations": [_citation(q, n, meta, item.doc_id, sections) for n, q in enumerate(item.citations, 1)],
    }
    base.update(fields or {})
    gates = [check_for(c) for c in item.conditions  # the same check as in `checks`
             if c.kind == "region" and c.source == "document" and c.hard]
    return Compiled(item=item, order=order, checks=tuple(compiled_checks), needs=tuple(served), text=text,
                    gate=gates[0] if gates else None,
                    windows=tuple((w.opens, w.deadline) for w in item.windows) if len(item.windows) > 1 else (),
                    yearly=bool(window and window.recurring == "yearly" and window.deadline and len(item.windows) <= 1),
                    effective_from=meta.effective_from if meta else None,
                    effective_to=meta.effective_to if meta else None, fields=base,
                    estimate=_estimator(item, vocab), meta=meta)


def _needs_served(text: str, vocab: Vocabulary) -> list[str]:
    return [name for name, spec in vocab.needs.items()
            if any(k and not k.isascii() and vocab.normalise(k) in text for k in spec.keywords)]


def _with_implied(item: SupportItem, conditions: list[ItemCondition], vocab: Vocabulary) -> list[ItemCondition]:
    """The item's conditions plus a certification its own title or benefit sentence names but no condition has.

    A table row titled 首台（套）重大技术装备 or a sentence 新认定为省级智能制造试点示范项目的企业，给予…
    is for holders of that certification even when no condition sentence says so.
    """
    families = {_family_of(c.text or "", vocab) for c in conditions if c.kind == "certification"}
    out = list(conditions)
    words = vocab.normalise(item.title + " " + item.benefit_quote.quote)
    for family, keys in vocab.certification_words.items():
        if family in families:
            continue
        if any(vocab.normalise(k) in words for k in keys):
            out.append(ItemCondition.model_construct(kind="certification", value=None, unit=None, text=family,
                                                     hard=True, source="text", quote=None))
            families.add(family)
    if not any(c.kind == "attestation" for c in conditions):
        for word in vocab.consortium_words:  # 产业链协同创新联合体: the company must lead or form one
            if vocab.normalise(word) in words:
                # text: the word alone; the check words the sentence (messages' consortium) in the call's language
                out.append(ItemCondition.model_construct(kind="attestation", value=None, unit=None, text=word,
                                                         hard=True, source="text", quote=None))
                break
    # 新加入…行业协会的会员企业: membership is required whatever else the item asks (an attestation of the
    # document, such as 近三年无事故, does not say the company is a member).
    body = _membership_body(_subject(item.benefit_quote.quote), vocab)
    if body is not None and not any(c.kind == "attestation" and body in (c.text or "") for c in conditions):
        out.append(ItemCondition.model_construct(kind="attestation", value=None, unit=None, text=body,
                                                 hard=True, source="text", quote=None))
    return out


def _membership_body(subject: str, vocab: Vocabulary) -> str | None:
    """The body a subject requires membership of, with the words naming it (智能制造装备行业协会), or None."""
    for word in vocab.membership_words:
        at = subject.find(word)
        if at >= 0:
            lead = re.search(r"[\u4e00-\u9fff]{0,6}$", subject[:at])
            name = (lead.group(0) if lead else "") + word
            return re.sub(r"^(?:新)?(?:加入|成为|参加)", "", name) or word
    return None


def _subject(sentence: str) -> str:
    """Whom a benefit sentence is for: its words before the benefit verb (对…的会员企业，按…给予)."""
    cut = re.search(r"[，,](?:按|给予|可|每|一次性|奖励|补助|补贴)|给予|按", sentence)
    return sentence[:cut.start()] if cut else sentence


# ── checks from typed item conditions ──


def _check_for(condition: ItemCondition, vocab: Vocabulary) -> Check:
    kind = condition.kind
    if kind == "region":
        return _region_check(condition, vocab)
    if kind == "size":
        return _size_check(condition)
    if kind in _NUMBER_FIELDS:
        return _number_check(condition)
    if kind == "certification":
        return _certification_check(condition, vocab)
    if kind == "sector":
        return _sector_check(condition, vocab)
    if kind in ("established_before", "established_after"):
        return _established_check(condition)
    if kind == "certified_since":
        return _certified_since_check(condition, vocab)
    if condition.source == "text" and condition.text in vocab.consortium_words:  # implied by the item's words
        return _consortium_check(condition.text, condition.hard)
    said = condition.text or ""
    if condition.source == "text" and kind == "attestation":
        # A subject the rules could not type (牵头组建…联盟, 新加入…协会): the description may say so.
        body = _membership_body(said, vocab)
        if body is not None:
            return _membership_check(body, condition.hard)
        word = next((w for w in vocab.consortium_words if vocab.normalise(w) in vocab.normalise(said)), None)
        if word is not None and any(vocab.normalise(c) in vocab.normalise(said) for c in vocab.consortium_cues):
            return _consortium_check(word, condition.hard)
    text = condition.text or (condition.quote.quote if condition.quote else "")
    return lambda ctx: _result("attestation", text, "unknown", ctx.t("confirm", text=text), condition.hard)


def _consortium_check(word: str, hard: bool) -> Check:
    """A company whose description says it leads or forms a consortium (我们打算牵头组建联合体) meets
    the consortium condition; otherwise only the company can confirm it."""
    def check(ctx: Ctx) -> ConditionResult:
        text = ctx.t("consortium", word=word)
        said = ctx.vocab.normalise(ctx.profile.description or "")
        words = [ctx.vocab.normalise(w) for w in ctx.vocab.consortium_words]
        cues = [ctx.vocab.normalise(w) for w in ctx.vocab.consortium_cues]
        if any(w in said for w in words) and any(c in said for c in cues):
            return _result("attestation", text, "met", ctx.t("consortium_said"), hard)
        return _result("attestation", text, "unknown", ctx.t("confirm", text=text), hard)

    return check


def _membership_check(body: str, hard: bool) -> Check:
    """Met when the company's roles or its description (with a cue: 加入, 会员…) name that very body
    (智能制造装备行业协会); membership of another body, or none said, leaves it to the company to confirm."""
    def check(ctx: Ctx) -> ConditionResult:
        text = ctx.t("membership", word=body)
        said = ctx.vocab.normalise(ctx.profile.description or "")
        roles = ctx.vocab.normalise(" ".join(ctx.profile.roles))
        name = ctx.vocab.normalise(body)
        cued = any(ctx.vocab.normalise(c) in said for c in ctx.vocab.membership_cues)
        if name in roles or (name in said and cued):
            return _result("attestation", text, "met", ctx.t("membership_said"), hard)
        return _result("attestation", text, "unknown", ctx.t("confirm", text=text), hard)

    return check


def _document_zones(items: Sequence[SupportItem], documents: dict[str, DocumentMeta],
                    vocab: Vocabulary) -> dict[str, tuple[str, str]]:
    """Zones the gazetteer does not know, placed by the documents naming them: a district's document
    restricting an item to a zone (夷陵区: 对入驻松湖经济开发区的企业) says the zone lies in that district."""
    out: dict[str, tuple[str, str]] = {}
    for item in items:
        meta = documents.get(item.doc_id)
        home = _place(meta.region, vocab) if meta is not None and meta.region else None
        for c in item.conditions:
            for name in (c.text or "").split("、") if c.kind == "region" and c.source == "text" else []:
                if not name or _place(name, vocab)[0] != "other" or not name.endswith(tuple(vocab.regions.zone_words)):
                    continue
                named = _named_district(name, vocab)  # 夷陵区松湖经济开发区: the text says where it is
                if named is not None:
                    out.setdefault(vocab.normalise(named[0]), named[1])
                    out.setdefault(vocab.normalise(name), named[1])
                elif home is not None and home[0] == "district":
                    out.setdefault(vocab.normalise(name), (home[1], home[2]))  # type: ignore[arg-type]
    return out


def _named_district(name: str, vocab: Vocabulary) -> tuple[str, tuple[str, str]] | None:
    """(the zone's own name, (市州, district)) when the name opens with a known district (夷陵区松湖经济开发区)."""
    for cut in range(len(name) - 3, 1, -1):
        place = _place(name[:cut], vocab)
        if place[0] == "district":
            return name[cut:], (place[1], place[2])  # type: ignore[return-value]
    return None


def _place(text: str, vocab: Vocabulary) -> tuple[str, str | None, str | None]:
    """(scope, 市州, district) of a document's region: national / province / city / district / other."""
    name = text.strip()
    if not name or name in _NATIONAL:
        return "national", None, None
    if vocab.normalise(name) in {vocab.normalise(p) for p in vocab.regions.province_aliases}:
        return "province", None, None
    city, district = vocab.resolve_place(name)
    if city is None:
        return "other", None, None
    return ("district", city, district) if district else ("city", city, None)


def _region_check(condition: ItemCondition, vocab: Vocabulary) -> Check:
    names = [n for n in (condition.text or "").split("、") if n]
    places = [_place(n, vocab) for n in names] or [("national", None, None)]
    hard = condition.hard

    key = ("region", condition.text, hard)

    def check(ctx: Ctx) -> ConditionResult | None:
        hit = ctx.memo.get(key)
        if hit is None:
            hit = ctx.memo[key] = compute(ctx)
        return hit

    def compute(ctx: Ctx) -> ConditionResult | None:
        requirement = ctx.t("req_region", wanted=ctx.join(names))
        statuses = [_region_status(p, ctx, vocab, n) for p, n in zip(places, names or [""], strict=False)]
        if any(s == "met" for s, _ in statuses):
            return _result("region", requirement, "met", next(r for s, r in statuses if s == "met"), hard)
        if any(s == "unknown" for s, _ in statuses):
            return _result("region", requirement, "unknown", next(r for s, r in statuses if s == "unknown"), hard)
        return _result("region", requirement, "unmet", statuses[0][1], hard)

    if places == [("national", None, None)]:
        return lambda ctx: None  # anyone
    # Met by any company of the province: no stated fact selects the item (ranking, not status).
    check.broad = all(scope in ("national", "province") for scope, _, _ in places)  # type: ignore[attr-defined]
    return check


def _region_status(place: tuple[str, str | None, str | None], ctx: Ctx, vocab: Vocabulary,
                   name: str = "") -> tuple[str, str]:
    scope, city, district = place
    p = ctx.profile
    if scope == "other" and name:
        return _zone_status(name, ctx, vocab)
    if scope in ("national", "other"):
        return "unknown" if scope == "other" else "met", ctx.t("region_uncheckable")
    if not p.city:
        return "unknown", ctx.t("region_no_city")
    in_hubei = p.city in vocab.regions.cities
    if scope == "province":
        if in_hubei:
            return "met", ctx.t("region_in_province", city=p.city)
        if vocab.is_outside_hubei(p.city):
            return "unmet", ctx.t("region_outside_province", city=p.city)
        return "unknown", ctx.t("region_province_unknown", city=p.city)
    if not in_hubei and not vocab.is_outside_hubei(p.city):
        return "unknown", ctx.t("region_city_unknown", city=p.city)
    if p.city != city:
        return "unmet", ctx.t("region_other_city", city=p.city, wanted=city)
    if scope == "city":
        return "met", ctx.t("region_city_met", city=p.city, wanted=city)
    if not p.district:
        return "unknown", ctx.t("region_no_district", wanted=district)
    mine = vocab.resolve_district(p.city, p.district)
    if mine is None:  # a zone the gazetteer does not know: a document may place it, else it is unknown
        zone = ctx.zones.get(vocab.normalise(p.district))
        if zone is None or zone[0] != p.city:
            return "unknown", ctx.t("region_district_unknown", district=p.district, wanted=district)
        mine = zone[1]
    if mine == district:
        return "met", ctx.t("region_district_met", district=p.district, wanted=district)
    return "unmet", ctx.t("region_other_district", district=p.district, wanted=district)


def _zone_status(zone: str, ctx: Ctx, vocab: Vocabulary) -> tuple[str, str]:
    """A place the gazetteer does not know (松湖经济开发区): met when it is the company's district, unmet
    when the description says the company is outside it or the company's district is not the one the
    documents place it in; else unknown."""
    p, key = ctx.profile, vocab.normalise(zone)
    named = _named_district(zone, vocab)
    if named is not None:  # 夷陵区松湖经济开发区: the company may name the zone alone
        key = vocab.normalise(named[0])
    if p.district and vocab.normalise(p.district) == key:
        return "met", ctx.t("region_district_met", district=p.district, wanted=zone)
    said = vocab.normalise(p.description or "")
    names = {key, vocab.normalise(zone)}  # 不在孝南经济开发区 names the zone in full, not by its own part
    if any(vocab.normalise(b) + k in said for b in vocab.regions.outside_before for k in names) or any(
            k + vocab.normalise(a) in said for a in vocab.regions.outside_after for k in names):
        return "unmet", ctx.t("zone_outside_said", zone=zone)
    placed = ctx.zones.get(key)
    mine = vocab.resolve_district(p.city, p.district) if p.city and p.district else None
    if placed is not None and p.city and (p.city != placed[0] or (mine is not None and mine != placed[1])):
        return "unmet", ctx.t("zone_other", place=p.district or p.city, zone=zone)
    return "unknown", ctx.t("zone_unknown", zone=zone)


def _size_check(condition: ItemCondition) -> Check:
    wanted = condition.text or ""
    hard = condition.hard
    labels: dict[str, str] = {}

    def check(ctx: Ctx) -> ConditionResult:
        requirement = _once(labels, ctx, lambda: ctx.t("req_size", wanted=wanted))
        if "规模以上" in wanted or "规上" in wanted:
            flag = ctx.above_scale
            if flag is None:
                return _result("above_scale", requirement, "unknown", ctx.t("above_scale_unknown"), hard)
            return _result("above_scale", requirement, "met" if flag else "unmet",
                           ctx.t("above_scale_met" if flag else "above_scale_unmet"), hard)
        size = ctx.profile.size
        sizes = [s for s in ("中小企业", "大型企业") if s in wanted or (s == "大型企业" and "大型" in wanted)]
        if not sizes:
            return _result("size", requirement, "unknown", ctx.t("confirm", text=wanted), hard)
        if size is None:
            return _result("size", requirement, "unknown", ctx.t("size_missing", wanted=wanted), hard)
        ok = size in sizes
        return _result("size", requirement, "met" if ok else "unmet",
                       ctx.t("size_met" if ok else "size_unmet", size=ctx.name("size", size), wanted=wanted), hard)

    return check


_NUMBER_FIELDS = {  # kind → (profile field, operator); the label is messages' num_<field>
    "revenue_min": ("revenue", ">="), "revenue_max": ("revenue", "<="), "rd_ratio_min": ("rd_ratio", ">="),
    "rd_spend_min": ("rd_spend", ">="), "investment_min": ("investment", ">="),
    "employees_min": ("employees", ">="), "employees_max": ("employees", "<="),
    "tax_paid_min": ("tax_paid", ">="), "tax_per_mu_min": ("tax_per_mu", ">="),
}
_UNIT_KEYS = {"人": "value_people", "年": "value_years"}


def _shown(value: float, unit: str | None, ctx: Ctx) -> str:
    if unit == "fraction":
        return ctx.t("value_percent", value=f"{value * 100:g}")
    if unit == "万元":
        yuan = f"{value * 10000:,.0f}"
        if value >= 10000:
            return ctx.t("value_yi", value=f"{value / 10000:g}", yuan=yuan)
        return ctx.t("value_wan", value=f"{value:g}", yuan=yuan)
    if unit in _UNIT_KEYS:
        return ctx.t(_UNIT_KEYS[unit], value=f"{value:g}")
    return ctx.t("value_plain", value=f"{value:g}{unit or ''}")


def _profile_number(name: str, p: CompanyProfile) -> float | None:
    if name == "rd_ratio":
        if p.rd_ratio is not None:
            return p.rd_ratio
        return p.rd_spend / p.revenue if p.rd_spend is not None and p.revenue else None
    if name == "rd_spend":
        if p.rd_spend is not None:
            return p.rd_spend
        return p.rd_ratio * p.revenue if p.rd_ratio is not None and p.revenue is not None else None
    value = getattr(p, name, None) if name != "investment" else None
    return float(value) if value is not None else None


def _number_check(condition: ItemCondition) -> Check:
    name, op = _NUMBER_FIELDS[condition.kind]
    threshold = condition.value
    hard = condition.hard
    quote = condition.quote.quote if condition.quote else None
    labels: dict[str, str] = {}
    wanteds: dict[str, str] = {}

    def check(ctx: Ctx) -> ConditionResult:
        label = _once(labels, ctx, lambda: ctx.t(f"num_{name}"))
        wanted = _once(wanteds, ctx, lambda: ctx.t("req_min" if op == ">=" else "req_max", label=label,
                                                   value=_shown(threshold, condition.unit, ctx))
                       if threshold is not None else label)
        quoted = quote or wanted
        if threshold is None:
            return _result(name, quoted, "unknown", ctx.t("confirm", text=quoted), hard)
        value = _profile_number(name, ctx.profile)
        if value is None:
            note = ctx.t("number_investment_note") if name == "investment" else ""
            return _result(name, quoted, "unknown", ctx.t("number_missing", label=label, note=note, wanted=wanted),
                           hard)
        ok = value >= threshold if op == ">=" else value <= threshold
        shown = _shown(value, condition.unit, ctx)
        return _result(name, quoted, "met" if ok else "unmet",
                       ctx.t("number_met" if ok else "number_unmet", label=label, shown=shown, wanted=wanted), hard)

    return check


def _family_of(text: str, vocab: Vocabulary) -> str | None:
    norm = vocab.normalise(text)
    best = None
    for family, keys in vocab.certification_words.items():
        for k in keys:
            if vocab.normalise(k) in norm and (best is None or len(k) > best[1]):
                best = (family, len(k))
    return best[0] if best else None


def _required_level(text: str) -> tuple[str | None, bool]:
    """(level, or_above) a condition text asks for: 国家级 / 省级及以上 / 省级 / any."""
    if "国家" in text:
        return "国家", False
    if "省级及以上" in text or "省级以上" in text:
        return "省", True
    if "省" in text:
        return "省", False
    return None, True


def _level_fits(said: str | None, level: str | None, or_above: bool) -> bool:
    """A certification of level `said` (None: not said) may be one asked at `level`."""
    if said is None or level is None:
        return True
    got, need = _LEVEL_RANK.get(said, 0), _LEVEL_RANK[level]
    return got == need or (or_above and got >= need)


def _certification_check(condition: ItemCondition, vocab: Vocabulary) -> Check:
    text = condition.text or (condition.quote.quote if condition.quote else "")
    family = _family_of(text, vocab)
    level, or_above = _required_level(text)
    scopes = {s.scope for s in vocab.certifications if s.family == family}
    product = "product" in scopes
    hard = condition.hard
    labels: dict[str, str] = {}

    def check(ctx: Ctx) -> ConditionResult:
        requirement = _once(labels, ctx, lambda: ctx.t("req_certification", text=text))
        if family is None:
            return _result("certifications", requirement, "unknown", ctx.t("confirm", text=text), hard)
        held = [s for s in ctx.held if s.family == family]
        for spec in held:
            got = _LEVEL_RANK[spec.level]
            need = _LEVEL_RANK[level]
            if level is None or got == need or (or_above and got >= need):
                return _result("certifications", requirement, "met", ctx.t("cert_met", name=spec.name), hard)
        if family == "首台（套）" and ctx.profile.first_of_kind and level is None:
            return _result("certifications", requirement, "met", ctx.t("cert_first_of_kind"), hard)
        p = ctx.profile
        unsure = any(vocab.may_be_certification(c, family) and _level_fits(named_level(vocab.normalise(c)), level,
                                                                            or_above)
                     for c in ctx.unresolved)  # a name of the family no certification resolves: not ruled out
        if p.certifications_stated and not product and not held and not unsure:
            listed = ctx.join(p.certifications) or ctx.t("none_held")
            return _result("certifications", requirement, "unmet",
                           ctx.t("cert_unmet", held=listed, family=family), hard)
        reason = (ctx.t("cert_other_level", held=ctx.join(s.name for s in held), text=text) if held
                  else ctx.t("cert_unknown", text=text))
        return _result("certifications", requirement, "unknown", reason, hard)

    return check


def _certified_since_check(condition: ItemCondition, vocab: Vocabulary) -> Check:
    """当年度新认定 / 2024年以后认定 / 首次 / 重新认定: the profile's year (and round) of that certification must fit;
    no year given → unknown (the company confirms the period), never met on silence."""
    text = condition.text or ""
    family = _family_of(text, vocab)
    level, or_above = _required_level(text)
    quoted = condition.quote.quote if condition.quote else text
    since = int(condition.value) if condition.value is not None else None
    wanted, hard = condition.round, condition.hard

    def check(ctx: Ctx) -> ConditionResult:
        requirement = ctx.t("req_cert_period", text=quoted)
        dates = [(spec.name if spec else name, d) for name, d in ctx.profile.certification_years.items()
                 if (spec := ctx.vocab.resolve_certification(name)) is not None and spec.family == family
                 and _level_fits(spec.level, level, or_above)]
        if family is None or not dates:
            return _result("certification_years", requirement, "unknown",
                           ctx.t("cert_year_missing", name=text, quoted=quoted), hard)
        name, got = dates[0]
        first_year = since if since is not None else (ctx.today or dt.date.today()).year
        year_ok = got.year >= first_year if since is not None else got.year == first_year
        said = ctx.t(f"cert_round_{got.round or 'none'}")
        values = {"name": name, "year": got.year, "round": said, "quoted": quoted}
        if not year_ok or (wanted and got.round and got.round != wanted):
            return _result("certification_years", requirement, "unmet", ctx.t("cert_year_unmet", **values), hard)
        if wanted and got.round is None:
            return _result("certification_years", requirement, "unknown", ctx.t("cert_round_missing", **values), hard)
        return _result("certification_years", requirement, "met", ctx.t("cert_year_met", **values), hard)

    return check


def _sector_check(condition: ItemCondition, vocab: Vocabulary) -> Check:
    wanted = [w for w in (condition.text or "").split("、") if w]
    keys = [vocab.normalise(w) for w in wanted]
    hard = condition.hard
    labels: dict[str, str] = {}

    def check(ctx: Ctx) -> ConditionResult:
        requirement = _once(labels, ctx, lambda: ctx.t("req_sector", wanted=ctx.join(wanted)))
        if not ctx.words:
            return _result("sectors", requirement, "unknown", ctx.t("sector_none"), hard)
        hit = [w for w, k in zip(wanted, keys, strict=True)
               if any(k in mine or mine in k for mine in ctx.words) or ctx.similar(w)]
        if hit:
            return _result("sectors", requirement, "met", ctx.t("sector_met", hit=ctx.join(hit)), hard)
        return _result("sectors", requirement, "unknown",
                       ctx.t("sector_unsure", given=ctx.join(ctx.words), wanted=ctx.join(wanted)), hard)

    return check


def _established_check(condition: ItemCondition) -> Check:
    year = condition.value
    before = condition.kind == "established_before"
    given = condition.quote.quote if condition.quote else condition.text
    hard = condition.hard

    def check(ctx: Ctx) -> ConditionResult:
        quoted = given or ctx.t("req_established")
        got = ctx.profile.established_year
        if year is None or got is None:
            return _result("established_year", quoted, "unknown", ctx.t("established_missing", quoted=quoted), hard)
        ok = got <= year if before else got >= year
        return _result("established_year", quoted, "met" if ok else "unmet",
                       ctx.t("established_met" if ok else "established_unmet", year=got, quoted=quoted), hard)

    return check


# ── estimates: only where the rule is arithmetic and the profile gives the base ──


def _estimator(item: SupportItem, vocab: Vocabulary) -> Callable[[Ctx], str | None] | None:
    ratios = [a for a in item.benefit if a.kind == "ratio"]
    caps = [a.value for a in item.benefit if a.kind == "cap" and a.unit == "万元"]
    for amount in ratios:
        for base in vocab.estimate_bases:
            text = amount.text
            at = next((text.find(w) for w in base.words if w in text), -1)
            if at < 0 or any(u in text[at:] for u in base.unless):
                continue
            ratio, cap, name = amount.value, min(caps) if caps else None, base.field

            def estimate(ctx: Ctx, ratio: float = ratio, cap: float | None = cap, name: str = name) -> str | None:
                value = _profile_number(name, ctx.profile)
                if value is None:
                    return None
                got = value * ratio
                capped = cap is not None and got > cap
                shown = cap if capped else got
                note = ctx.t("estimate_cap", cap=f"{cap:g}", cap_yuan=f"{(cap or 0) * 10000:,.0f}") if capped else ""
                return ctx.t("estimate", percent=f"{ratio * 100:g}", value=f"{shown:.4g}",
                             yuan=f"{float(f'{shown:.4g}') * 10000:,.0f}", note=note)

            return estimate
    return None


# ── curated entries (an overlay's own checks) ──


def entry_checks(entry: Entry, catalogue: Catalogue) -> list[Check]:
    """The checks of one curated entry: roles, sectors, regions the plan names, then its conditions."""
    vocab = catalogue.vocabulary
    checks: list[Check] = []
    if not set(entry.beneficiaries) >= set(vocab.roles):
        roles_words: dict[str, str] = {}  # its per-language wording, rendered once
        checks.append(lambda ctx: _roles(entry, ctx, roles_words))
    if not entry.all_sectors:
        sectors_words: dict[str, str] = {}  # its per-language wording, rendered once
        checks.append(lambda ctx: _sectors(entry, ctx, sectors_words))
    if entry.regions:
        regions_words: dict[str, str] = {}  # its per-language wording, rendered once
        checks.append(lambda ctx: _regions(entry, ctx, regions_words))
    for condition in entry.conditions:
        checks.append(lambda ctx, c=condition: _explicit(c, ctx))
    return checks


def _roles(entry: Entry, ctx: Ctx, fixed: dict[str, str]) -> ConditionResult:
    """`fixed`: the check's own cache of its per-language wording (the entry's names, its requirement)."""
    profile, vocab = ctx.profile, ctx.vocab
    wanted = _once(fixed, ctx, lambda: ctx.names("roles", entry.beneficiaries))
    requirement = ctx.t("req_roles", wanted=wanted)
    if not profile.roles:
        return _result("roles", requirement, "unknown", ctx.t("roles_missing", wanted=wanted))
    hit = [r for r in profile.roles if r in entry.beneficiaries]
    if hit:
        return _result("roles", requirement, "met", ctx.t("roles_met", hit=ctx.names("roles", hit)))
    given = ctx.names("roles", profile.roles)
    if any(r not in vocab.roles for r in profile.roles):  # a word outside the vocabulary is never a rejection
        return _result("roles", requirement, "unknown", ctx.t("roles_unsure", given=given, wanted=wanted))
    return _result("roles", requirement, "unmet", ctx.t("roles_unmet", given=given, wanted=wanted))


def _sectors(entry: Entry, ctx: Ctx, fixed: dict[str, str]) -> ConditionResult | None:
    profile = ctx.profile
    if entry.sector_roles and profile.roles and not set(profile.roles) & set(entry.sector_roles):
        return None  # e.g. a robot user need not make robots to join robot demonstrations
    wanted = _once(fixed, ctx, lambda: ctx.names("sectors", entry.sectors))
    requirement = ctx.t("req_sector_open" if entry.sectors_open else "req_sector", wanted=wanted)
    if not profile.sectors:
        return _result("sectors", requirement, "unknown", ctx.t("sector_missing", wanted=wanted))
    hit = [s for s in profile.sectors if s in entry.sectors]
    if hit:
        return _result("sectors", requirement, "met", ctx.t("sector_named", hit=ctx.names("sectors", hit)))
    given = ctx.names("sectors", profile.sectors)
    unknown_words = [s for s in profile.sectors if s not in ctx.vocab.sectors]
    if entry.sectors_open:
        return _result("sectors", requirement, "unknown", ctx.t("sector_open", given=given, note=ctx.t("open_note")))
    if unknown_words:  # a word outside the vocabulary is never a rejection
        close = [s for s in entry.sectors if s in ctx.alias_sectors or ctx.similar(s)]
        status = "met" if close and len(unknown_words) == len(profile.sectors) else "unknown"
        reason = (ctx.t("sector_close", given=given, close=ctx.names("sectors", close)) if status == "met"
                  else ctx.t("sector_unsure", given=given, wanted=wanted))
        return _result("sectors", requirement, status, reason)
    return _result("sectors", requirement, "unmet", ctx.t("sector_unmet", given=given, wanted=wanted))


def _regions(entry: Entry, ctx: Ctx, fixed: dict[str, str]) -> ConditionResult:
    wanted = _once(fixed, ctx, lambda: ctx.join(entry.regions))  # place names: verbatim in every language
    requirement = ctx.t("req_city_open" if entry.regions_open else "req_city", wanted=wanted)
    city = ctx.profile.city
    if not city:
        return _result("city", requirement, "unknown", ctx.t("city_missing", wanted=wanted))
    if city in entry.regions:
        return _result("city", requirement, "met", ctx.t("city_met", city=city, wanted=wanted))
    if entry.regions_open:
        note = entry.region_note or ctx.t("open_note")  # the catalogue's own note is quoted as written
        return _result("city", requirement, "unknown", ctx.t("city_open", city=city, note=note))
    return _result("city", requirement, "unmet", ctx.t("city_unmet", city=city, wanted=wanted))


def _explicit(condition: Condition, ctx: Ctx) -> ConditionResult:
    status, reason = _evaluate(condition, ctx)
    return _result(condition.field, condition.text, status, reason, condition.hard, condition.relevance)


def _evaluate(condition: Condition, ctx: Ctx) -> tuple[str, str]:
    """(status, reason) of a curated condition; its text is the catalogue's, quoted as written."""
    label = ctx.vocab.labels.field(condition.field, ctx.lang)
    text = condition.text
    if condition.operator == "confirm":
        return "unknown", ctx.t("confirm", text=text)
    value = getattr(ctx.profile, condition.field)
    if value is None or value == []:
        return "unknown", ctx.t("field_missing", label=label, text=text)
    shown = _show(condition.field, value, ctx)
    if _test(condition, value):
        return "met", ctx.t("field_met", label=label, shown=shown, text=text)
    if condition.open_list and condition.operator == "any_of":
        return "unknown", ctx.t("field_open", label=label, shown=shown, note=ctx.t("open_note"))
    return "unmet", ctx.t("field_unmet", label=label, shown=shown, text=text)


def _test(condition: Condition, value: object) -> bool:
    values = condition.values
    given = value if isinstance(value, list) else [value]
    if condition.operator == "any_of":
        return any(v in values for v in given)
    if condition.operator == "none_of":
        return not any(v in values for v in given)
    if condition.operator == "equals":
        return value == values[0]
    if condition.operator == "gte":
        return float(value) >= float(values[0])  # type: ignore[arg-type]
    if condition.operator == "lte":
        return float(value) <= float(values[0])  # type: ignore[arg-type]
    raise ValueError(f"unsupported operator {condition.operator}")


def _show(field: str, value: object, ctx: Ctx) -> str:
    if field == "rd_ratio":
        return ctx.t("value_percent", value=f"{float(value) * 100:g}")  # type: ignore[arg-type]
    if field == "first_of_kind":
        return ctx.t("has" if value else "has_not")
    if isinstance(value, list):
        return ctx.names(field, map(str, value))
    return ctx.name(field, value) if isinstance(value, str) else str(value)


# ── matching ──


def context_for(profile: CompanyProfile, library: Library, lang: str = "zh", today: dt.date | None = None) -> Ctx:
    vocab = library.vocab
    words = tuple(dict.fromkeys(vocab.normalise(w) for w in [*profile.sectors, *profile.products] if w.strip()))
    unknown = [w for w in [*profile.sectors, *profile.products] if w not in vocab.sectors]
    resolved = [(c, vocab.resolve_certification(c)) for c in profile.certifications]
    held = [s for _, s in resolved if s is not None]
    above = profile.above_scale
    if above is None and profile.revenue is not None:
        above = profile.revenue >= vocab.scale.revenue_wan
    if above is None and profile.size == "大型企业":
        above = True  # a large industrial enterprise is far above the 2000万元 规上 line
    return Ctx(profile=profile, vocab=vocab, words=words, similar=library.similar_fn(unknown),
               held=tuple(held), above_scale=above, alias_sectors=_alias_sectors(unknown, vocab),
               unresolved=tuple(c for c, s in resolved if s is None),
               lang="en" if lang == "en" else "zh", templates=library.templates("en" if lang == "en" else "zh"),
               zones=library.zones, today=today)


def _alias_sectors(words: list[str], vocab: Vocabulary) -> frozenset[str]:
    """激光加工 contains the alias 激光 of 光机电一体化装备/激光 (synonyms of knowledge/vocabulary.yaml)."""
    found = set()
    for word in words:
        norm = vocab.normalise(word)
        for alias, sector in vocab.alias_index["sector"].items():
            if len(alias) >= 2 and not alias.isascii() and alias in norm:
                found.add(sector)
    return frozenset(found)


def window_on(c: Compiled, today: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """(opens, deadline) of the item's window that governs `today`: of several alternatives (batches),
    the first open on that day, else the next to open, else the last to close; of a yearly window, its
    run of that day or the next."""
    if c.yearly and today is not None:
        return yearly_run(c.fields["opens"], c.fields["deadline"], today, c.effective_to)
    if not c.windows or today is None:
        return c.fields["opens"], c.fields["deadline"]
    ahead = [w for w in c.windows if w[1] is None or w[1] >= today]
    current = [w for w in ahead if w[0] is None or w[0] <= today]
    if current:
        return current[0]
    if ahead:
        return min(ahead, key=lambda w: w[0] or dt.date.min)
    return c.windows[-1]


def _in_year(day: dt.date, year: int) -> dt.date:
    return day.replace(year=year, day=min(day.day, 28 if day.month == 2 else day.day))


def yearly_run(opens: dt.date | None, deadline: dt.date, today: dt.date,
               until: dt.date | None = None) -> tuple[dt.date | None, dt.date]:
    """The run of a yearly window (read as `opens`–`deadline` of one year) running on `today`, else the next
    one; when the document ends (`until`) before that one opens, the last run, already closed."""
    runs = []
    for year in range(today.year - 1, today.year + 2):
        end = _in_year(deadline, year)
        start = _in_year(opens, year) if opens is not None else None
        if start is not None and start > end:  # 12月1日至次年1月31日
            start = _in_year(opens, year - 1)  # type: ignore[arg-type]
        runs.append((start, end))
    ahead = next(run for run in runs if run[1] >= today)
    if until is not None and (ahead[0] or ahead[1]) > until:
        return runs[runs.index(ahead) - 1]
    return ahead


def _expired_reason(c: Compiled, ctx: Ctx) -> str:
    """已失效 …, or 已废止 … when another document of the library repealed the item's document."""
    repeal = next((ch for ch in (c.meta.validity_changes if c.meta else []) if ch.kind == "repealed"
                   and ch.effective_to == c.effective_to), None)
    if repeal is not None:
        return ctx.t("repealed", date=repeal.effective_to.isoformat(), title=book_title(repeal.by_title))
    return ctx.t("expired", date=c.effective_to.isoformat())  # type: ignore[union-attr]


def availability(c: Compiled, today: dt.date | None, ctx: Ctx) -> tuple[str, str | None, int | None]:
    """(availability, reason, days_left) of an item on `today` (None: not judged, always open)."""
    opens, deadline = window_on(c, today)
    if today is None:
        return "open", None, None
    if c.effective_to is not None and c.effective_to < today:
        return "expired", _expired_reason(c, ctx), None
    if c.effective_from is not None and c.effective_from > today:
        return "not_yet", ctx.t("not_in_force", date=c.effective_from.isoformat()), None
    if deadline is not None and deadline < today:
        return "closed", ctx.t("closed", date=deadline.isoformat()), None
    if opens is not None and opens > today:
        if c.yearly:  # between two runs of a yearly window: offered, its next run shown
            return "open", None, None
        return "not_yet", ctx.t("not_open", date=opens.isoformat()), None
    return "open", None, (deadline - today).days if deadline is not None else None


def _status(results: list[ConditionResult]) -> str:
    eligibility = [r for r in results if not r.relevance]
    if any(r.hard and r.status == "unmet" for r in eligibility):
        return "not_qualified"
    if all(r.status == "met" for r in eligibility if r.hard) and not any(
        r.status == "unmet" for r in eligibility if not r.hard
    ):
        return "qualifies"
    return "may_qualify"


def _score(results: list[ConditionResult], needs: list[str], named: bool) -> float:
    """Needs served count most, then conditions met; unknowns cost a little; naming the company's words helps."""
    met = sum(1 for r in results if r.status == "met" and r.field != "needs")
    unknown = sum(1 for r in results if r.status == "unknown" and r.hard)
    return round(2.0 * len(needs) + met - 0.5 * unknown + (1.0 if named else 0.0), 2)


def _named(c: Compiled, ctx: Ctx) -> bool:
    """The item's own words name the company's products or sectors (a generic item does not)."""
    return any(w in c.text for w in ctx.words if len(w) >= 2)


def match_one(c: Compiled, ctx: Ctx, today: dt.date | None, include_all: bool = True) -> tuple[Match | None, bool]:
    """The Match of one compiled item (and whether its own words name the company's).

    None when the item rules the company out and include_all is False (the caller would drop it):
    most items of a large library are another region's, so no Match is built for them.
    """
    results = [r for r in (check(ctx) for check in c.checks) if r is not None]
    status = _status(results)
    if status == "not_qualified" and not include_all:
        return None, False
    needs = [n for n in ctx.profile.needs if n in c.needs]
    if needs:
        results.append(_result("needs", ctx.t("req_needs", needs=ctx.names("needs", c.needs)), "met",
                               ctx.t("needs_met", needs=ctx.names("needs", needs)), hard=False, relevance=True))
    state, reason, days_left = availability(c, today, ctx)
    named = _named(c, ctx)
    values = dict(c.fields)
    if c.windows or c.yearly:  # the window that governs today, of the item's alternatives or yearly runs
        values["opens"], values["deadline"] = window_on(c, today)
    values.update(status=status if state == "open" else "unavailable", score=_score(results, needs, named),
                  matched_needs=needs, conditions=results, days_left=days_left, availability=state,
                  availability_reason=reason,
                  estimate=c.estimate(ctx) if c.estimate is not None and state == "open" else None)
    return _built(Match, values), named


class _Table:
    """The library as arrays, built once per Library: what a match call ranks without building any object.

    Items whose checks are the same share a signature, judged once per call; the naming test runs
    over all items' texts joined; availability compares ordinal dates.
    """

    _FAR = 1 << 30

    def __init__(self, compiled: list[Compiled]) -> None:
        self.source, self.size = compiled, len(compiled)
        self.compiled = list(compiled)
        signatures: dict[tuple[Check, ...], int] = {}
        self.sig = np.array([signatures.setdefault(c.checks, len(signatures)) for c in compiled], dtype=np.int64)
        self.signatures = list(signatures)
        self.order = np.array([c.order for c in compiled], dtype=np.int64)
        self.needs = {n: np.array([n in c.needs for c in compiled], dtype=bool)
                      for n in dict.fromkeys(n for c in compiled for n in c.needs)}
        near, far = -self._FAR, self._FAR

        def ordinal(values: Iterable[dt.date | None], missing: int) -> np.ndarray:
            return np.array([v.toordinal() if v is not None else missing for v in values], dtype=np.int64)

        self.effective_to = ordinal((c.effective_to for c in compiled), far)
        self.effective_from = ordinal((c.effective_from for c in compiled), near)
        self.deadline = ordinal((c.fields["deadline"] for c in compiled), far)
        self.opens = ordinal((c.fields["opens"] for c in compiled), near)
        self.alternatives = [i for i, c in enumerate(compiled) if c.windows or c.yearly]
        self.levels = np.array([(c.meta.level if c.meta is not None else None) or "" for c in compiled],
                               dtype=object)  # the document's level (国家 / 省 / 市 / 区县), "" unknown
        self.joined = "\x00".join(c.text for c in compiled)  # \x00 is in no word: no hit spans two items
        self.starts = np.cumsum([0] + [len(c.text) + 1 for c in compiled[:-1]], dtype=np.int64)

    def named(self, words: Sequence[str]) -> np.ndarray:
        """Per item: its own words contain one of `words` (those of 2+ characters)."""
        out = np.zeros(len(self.compiled), dtype=bool)
        ends = self.starts + np.array([len(c.text) for c in self.compiled], dtype=np.int64)
        for word in (w for w in words if len(w) >= 2):
            at = self.joined.find(word)
            while at >= 0:
                k = int(np.searchsorted(self.starts, at, side="right")) - 1
                out[k] = True
                at = self.joined.find(word, int(ends[k]))
        return out

    def availability(self, today: dt.date | None) -> tuple[np.ndarray, np.ndarray]:
        """(open, days-left key) per item: the key is days to the deadline of an open item, else far."""
        n = len(self.compiled)
        if today is None:
            return np.ones(n, dtype=bool), np.full(n, self._FAR, dtype=np.int64)
        t = today.toordinal()
        deadline, opens = self.deadline, self.opens
        between: list[int] = []  # yearly windows between two runs: offered, not urgent
        if self.alternatives:  # items with several windows or a yearly one: the one governing today, per item
            deadline, opens = deadline.copy(), opens.copy()
            for i in self.alternatives:
                c = self.compiled[i]
                o, d = window_on(c, today)
                opens[i] = o.toordinal() if o is not None and not c.yearly else -self._FAR
                deadline[i] = d.toordinal() if d is not None else self._FAR
                if c.yearly and o is not None and o > today:
                    between.append(i)
        is_open = (self.effective_to >= t) & (self.effective_from <= t) & (deadline >= t) & (opens <= t)
        days = np.where(is_open & (deadline < self._FAR), deadline - t, self._FAR)
        if between:
            days[between] = self._FAR
        return is_open, days


def _table(library: Library) -> _Table:
    table = getattr(library, "_table", None)
    if table is None or table.source is not library.compiled or table.size != len(library.compiled):
        table = _Table(library.compiled)
        library._table = table  # type: ignore[attr-defined]
    return table


def _signature_values(table: _Table, ctx: Ctx, rank: dict[str, int]) -> tuple[np.ndarray, ...]:
    """(status, status rank, met, hard unknowns, facts) per signature: each distinct check run once.

    facts: conditions a stated fact meets (a threshold by a number, the company's own city or zone,
    a size, a certification, a sector), not those any company of the province meets.
    """
    seen: dict[int, ConditionResult | None] = {}
    statuses, met, unknown, facts = [], [], [], []
    for checks in table.signatures:
        results, specific = [], 0
        for check in checks:
            key = id(check)
            if key not in seen:
                seen[key] = check(ctx)
            result = seen[key]
            if result is not None:
                results.append(result)
                specific += result.status == "met" and not getattr(check, "broad", False)
        statuses.append(_status(results))
        met.append(sum(1 for r in results if r.status == "met" and r.field != "needs"))
        unknown.append(sum(1 for r in results if r.status == "unknown" and r.hard))
        facts.append(specific)
    return (np.array(statuses, dtype=object), np.array([rank[s] for s in statuses], dtype=np.int64),
            np.array(met, dtype=np.float64), np.array(unknown, dtype=np.float64),
            np.array(facts, dtype=np.int64))


def ranked(profile: CompanyProfile, library: Library, today: dt.date | None, include_all: bool = False,
           levels: Sequence[str] = (), lang: str = "zh") -> tuple[Ctx, list[int], list[int]]:
    """(context, available, unavailable): indices into library.compiled, best first, no Match built.

    Most specific first: items of a document of the level the question names (`levels`: 市里 → 市),
    then items naming the company's products or sectors, then items some stated fact selects (a
    condition it meets beyond being in the province, or a need served) above those it merely does
    not exclude; then status, how many such facts, needs served, urgency (days left, for open
    windows), score, library order.
    """
    ctx = context_for(profile, library, lang, today)
    table = _table(library)
    if not table.compiled:
        return ctx, [], []
    rank = library.vocab.labels.status_order
    sig_status, sig_rank, sig_met, sig_unknown, sig_facts = _signature_values(table, ctx, rank)
    status, status_rank = sig_status[table.sig], sig_rank[table.sig]
    needs = np.zeros(len(table.compiled), dtype=np.int64)
    for n in profile.needs:
        if n in table.needs:
            needs += table.needs[n]
    named = table.named(ctx.words)
    is_open, days = table.availability(today)
    score = 2.0 * needs + sig_met[table.sig] - 0.5 * sig_unknown[table.sig] + named
    facts = sig_facts[table.sig] + needs
    final_rank = np.where(is_open, status_rank, rank["unavailable"])
    kept = np.ones(len(table.compiled), dtype=bool) if include_all else status != "not_qualified"
    asked = np.isin(table.levels, list(levels)) if levels else np.zeros(len(table.compiled), dtype=bool)
    order = np.lexsort((table.order, -score, days, -needs, -facts, final_rank, facts == 0, ~named, ~asked))
    order = order[kept[order]]
    available = [int(i) for i in order[is_open[order]]]
    unavailable = [int(i) for i in order[~is_open[order]]]
    return ctx, available, unavailable


def match_library(profile: CompanyProfile, library: Library, today: dt.date | None, include_all: bool = False,
                  limit: int | None = None, levels: Sequence[str] = (), lang: str = "zh") -> MatchResult:
    """Every item the profile may use, best first; unavailable ones apart; include_all adds not_qualified.

    `limit` keeps the first `limit` of each list (matches_total / unavailable_total count them all):
    the ranking costs no object per item, so only the items shown are built as Matches. The watch's
    alerts need every qualifying item: they call this without a limit. `levels`: the document levels
    the question names (Vocabulary.levels_named), whose items lead. `lang`: the language of the
    reasons, requirement labels, availability reasons and estimates (messages/eligibility.yaml);
    what they quote (document and catalogue words, place and certification names) stays verbatim.
    `unavailable` holds the expired / closed / not yet open items the company would otherwise be
    offered (with include_all: all of them).
    """
    ctx, available, unavailable = ranked(profile, library, today, include_all, levels, lang)
    compiled = library.compiled

    def built(indices: list[int]) -> list[Match]:
        shown = indices if limit is None else indices[:limit]
        return [m for m, _ in (match_one(compiled[i], ctx, today, True) for i in shown) if m is not None]

    return _built(MatchResult, {"id": None, "profile": profile, "matches": built(available),
                                "unavailable": built(unavailable), "notices": [],
                                "matches_total": len(available), "unavailable_total": len(unavailable)})


def match_profile(profile: CompanyProfile, catalogue: Catalogue, include_all: bool = False,
                  today: dt.date | None = None) -> MatchResult:
    """The curated catalogue alone as a library (validity judged only when `today` is given)."""
    from assistant.eligibility.library import catalogue_library  # library builds on this module

    return match_library(profile, catalogue_library(catalogue), today, include_all)
