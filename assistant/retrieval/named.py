"""Which documents of the library a question names: "武汉2016年办法", "省经信厅这次申报", "Hubei's 2026
provincial notice", "襄阳高新区的…", "鄂经信装备〔2026〕45号".

Every document's metadata (region, level, issuers, doc_type, 文号, dates, title) is turned once per
index into cues with the words of knowledge/lexicon/document_cues.yaml; a question's cues are then
matched against them in one pass of a few regular expressions (never a pass over the clauses).

Each kind of cue the question holds (place, level, year, type, issuer, 文号, quoted title) scores
every document in [0, 1]; a document's score is the mean over the kinds, and it is *compatible*
when no kind rules it out (another city, another level, a document year it does not have …).
A place prefers documents of exactly that region, then the containing regions (the province, the
country), then its sub-regions (a zone of the city). Deixis (这个文件, this document) names some document,
none by name; when several documents tie for the best fit (every 方案 for "方案的指导思想", every document for
"这个文件"), the one the others cite (assistant/retrieval/sources.py) is meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ConfigDict, Field

from assistant.documents.metadata import without_note
from assistant.documents.validity import covers_year
from assistant.errors import ConfigError
from assistant.index.store import Index
from assistant.retrieval.sources import citations, title_forms
from assistant.types import ClosedModel, DocumentMeta
from assistant.yamlfile import load_yaml_model

CUES_FILE = "document_cues.yaml"
EXACT, CONTAINING, SUB = 1.0, 0.6, 0.3  # a place's document, its province / country, its zones
UNDATED = 0.5  # a year asked of a document that states none: possible, not shown
# Several documents named alike (方案 of seventeen 方案, 这个文件 of all): the one at least SOURCE_MIN of them
# cite is meant (the province's plan the cities' plans implement); the others keep OTHERS of their fit.
SOURCE_MIN, OTHERS = 2, 0.5
# Kinds dropped first when no document fits every cue: the least telling words go first.
DROP_ORDER = ("deixis", "type", "level", "joint", "year", "issuer", "title", "number", "place")
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_YEAR = re.compile(r"(?<![\d〔\[（(])(?:19|20)\d{2}(?![\d〕\]）)])")
_CLAUSE_END = re.compile(r"[，,。？?！!；;：:]")
_QUOTED_TITLE = re.compile(r"《([^》]{2,80})》")


class CueLexicon(ClosedModel):
    """knowledge/lexicon/document_cues.yaml (see its comments)."""

    model_config = ConfigDict(extra="forbid")

    place_suffixes: list[str]
    ethnic_groups: list[str] = Field(default_factory=list, description="names an autonomous unit drops for "
                                     "its short form (恩施土家族苗族自治州 → 恩施州, 恩施)")
    national_regions: list[str]
    zone_short: dict[str, str] = Field(default_factory=dict)
    zone_words: list[str] = Field(default_factory=list, description="generic zone / park words (园区, 开发区)")
    contains: dict[str, list[str]] = Field(default_factory=dict)
    english_places: dict[str, str] = Field(default_factory=dict)
    levels: dict[str, list[str]]
    certifications: list[str] = Field(default_factory=list)
    certification_levels: list[str] = Field(default_factory=list)
    certification_window: int = Field(default=8, ge=0, le=40)
    issuer_offices: list[str] = Field(default_factory=list)
    issuer_short: dict[str, str] = Field(default_factory=dict)
    issuer_generic: list[str] = Field(default_factory=list)
    level_prefix: dict[str, str] = Field(default_factory=dict)
    types: dict[str, list[str]]
    deixis: list[str] = Field(default_factory=list, description="words pointing at a document (这个文件)")
    not_a_type_after: list[str] = Field(default_factory=list)
    asking_before_type: list[str] = Field(default_factory=list, description="a type word after one of these "
                                          "in its clause is what is asked for (有没有什么…的办法)")
    year_document_words: list[str] = Field(default_factory=list)
    year_window: int = Field(default=24, ge=0, le=80)
    document_words: list[str] = Field(default_factory=list, description="words naming some document after a year")
    document_window: int = Field(default=20, ge=0, le=80)
    topic_detail: dict[str, str] = Field(description="zh / en label of a topic only another document states")
    unplaced_detail: dict[str, str] = Field(default_factory=lambda: {"zh": "{places}", "en": "{places}"},
                                            description="zh / en label of places the library has no document of")
    answer_words: list[str] = Field(default_factory=list, description="words naming the kind of answer asked")
    joint_issuers: str = Field(default="", description="regex: a count of joint issuers (三部委); group 1 or 2")


def load_cue_lexicon(lexicon_dir: Path) -> CueLexicon:
    """The lexicon file; ConfigError naming it when it is missing or malformed (never silently empty)."""
    return load_yaml_model(lexicon_dir / CUES_FILE, CueLexicon, ConfigError)


# ---- the library's cues, built once per index ----------------------------------------------------

Path_ = tuple[str, ...]  # a region as the chain 全国 > 湖北省 > 襄阳市 > 襄阳高新区


@dataclass(frozen=True)
class DocumentCues:
    """What of one document a question can name."""

    path: Path_
    level: str | None
    years: frozenset[int]  # issue year, years of the title and of the 文号
    types: frozenset[str]  # doc_type as the lexicon's type names
    title_types: frozenset[str]  # types whose words its title holds (a 解读 of 《…若干措施》)
    issuers: frozenset[str]  # full and short issuer names
    number: str
    title: str
    about: frozenset[str] = frozenset()  # documents its title quotes (a 解读 of 《…办法》 is about that 办法)


@dataclass(frozen=True)
class _Words:
    """Words of one lexicon list: Chinese ones matched in the compacted question, English ones on word
    boundaries in the question as typed; each maps to what it names (a level, a type)."""

    zh: re.Pattern[str] | None
    en: re.Pattern[str] | None
    meaning: dict[str, str]

    @classmethod
    def of(cls, words: dict[str, list[str]]) -> _Words:
        meaning = {w.lower(): name for name, ws in words.items() for w in ws}
        return cls(_alternation([w for w in meaning if not w.isascii()]),
                   _alternation([w for w in meaning if w.isascii()], re.IGNORECASE, english=True), meaning)

    def find(self, compact: str, typed: str) -> list[tuple[re.Match[str], str]]:
        """(match, the text it was found in) for every word, Chinese then English."""
        return [(m, compact) for m in _spans(self.zh, compact)] + [(m, typed) for m in _spans(self.en, typed)]


@dataclass(frozen=True)
class LibraryCues:
    lexicon: CueLexicon
    documents: dict[str, DocumentCues]
    places: dict[str, frozenset[Path_]]  # cue → the regions it names
    place_re: re.Pattern[str] | None
    english_re: re.Pattern[str] | None
    levels: _Words
    types: _Words
    issuer_re: re.Pattern[str] | None
    issuer_docs: dict[str, frozenset[str]]
    certification_re: re.Pattern[str] | None
    document_re: re.Pattern[str] | None = None  # after a year: 年, then a word naming some document
    deixis: _Words | None = None  # 这个文件, this document: some document, none by name


def _compact(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text or "")


def _alternation(words, flags: int = 0, english: bool = False) -> re.Pattern[str] | None:
    words = sorted({w for w in words if w}, key=len, reverse=True)  # longest first: 襄阳高新区 before 襄阳
    if not words:
        return None
    body = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\b(?:{body})\b" if english else f"(?:{body})", flags)


def _short(name: str, lex: CueLexicon) -> str | None:
    """襄阳市 → 襄阳, 湖北省 → 湖北, 内蒙古自治区 → 内蒙古: the name without its suffix (≥ 2 characters)."""
    for suffix in sorted(lex.place_suffixes, key=len, reverse=True):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def _autonomous_forms(name: str, lex: CueLexicon) -> set[str]:
    """恩施土家族苗族自治州 → 恩施州, 恩施; 长阳土家族自治县 → 长阳县, 长阳: an autonomous unit is named by its
    place without its peoples."""
    if not name.endswith(("自治州", "自治县")) or not lex.ethnic_groups:
        return set()
    base = name[:-3]
    groups = sorted(lex.ethnic_groups, key=len, reverse=True)
    while (group := next((g for g in groups if base.endswith(g) and len(base) > len(g)), None)):
        base = base[: -len(group)]
    return {base, base + name[-1]} if len(base) >= 2 and base != name[:-3] else set()


def _zone_forms(name: str, parent: str | None, lex: CueLexicon) -> set[str]:
    """襄阳高新技术产业开发区 → 襄阳高新区, 高新区 (the city's name dropped)."""
    forms = {name}
    for long, short in sorted(lex.zone_short.items(), key=lambda kv: -len(kv[0])):
        if long in name:
            forms.add(name.replace(long, short))
            break
    prefixes = [p for p in (parent, _short(parent, lex) if parent else None) if p]
    for form in list(forms):
        for prefix in prefixes:
            if form.startswith(prefix) and len(form) - len(prefix) >= 2:
                forms.add(form[len(prefix):])
    return forms


class _Gazetteer:
    """Provinces and cities known to the lexicon and the library, and where each lies."""

    def __init__(self, lex: CueLexicon, metas: list[DocumentMeta]) -> None:
        self.lex = lex
        self.province_of = {city: prov for prov, cities in lex.contains.items() for city in cities}
        provinces = set(lex.contains) | {_compact(m.region or "") for m in metas if m.level == "省"}
        cities = set(self.province_of) | {_compact(m.region or "") for m in metas if m.level == "市"}
        self.provinces = sorted((p for p in provinces if p), key=len, reverse=True)
        self.cities = sorted((c for c in cities if c and c not in provinces), key=len, reverse=True)

    def path(self, meta: DocumentMeta) -> Path_:
        region = _compact(meta.region or "")
        if meta.level == "国家" or not region or region in self.lex.national_regions:
            return ("全国",)
        out, rest = ["全国"], region
        province = next((p for p in self.provinces if rest.startswith(p)), None)
        if province:
            out.append(province)
            rest = rest[len(province):]
        city = next((c for c in self.cities if rest.startswith(c)), None)
        if city is None and meta.level == "区县":  # 襄阳高新技术产业开发区: a zone named after its city
            city = next((c for c in self.cities if (s := _short(c, self.lex)) and rest.startswith(s)
                         and rest != c), None)
            if city:
                out += [p for p in [self.province_of.get(city)] if p and p not in out] + [city]
                return (*out, rest)
        if city:
            out += [p for p in [self.province_of.get(city)] if p and p not in out] + [city]
            rest = rest[len(city):]
        return (*out, rest) if rest else tuple(out)

    def known_paths(self, docs: list[Path_]) -> set[Path_]:
        """Every region a question may name: the library's and its parents, the lexicon's provinces and cities."""
        paths = {("全国",)} | {("全国", p) for p in self.lex.contains}
        paths |= {("全国", prov, city) for city, prov in self.province_of.items()}
        for path in docs:
            paths |= {path[:i] for i in range(1, len(path) + 1)}
        return paths


def _place_cues(paths: set[Path_], lex: CueLexicon) -> dict[str, frozenset[Path_]]:
    out: dict[str, set[Path_]] = {}
    for path in paths:
        name = path[-1]
        if path == ("全国",):
            forms = set(lex.national_regions)
        elif len(path) <= 3:  # province, city: also named without the suffix
            forms = {name} | ({s} if (s := _short(name, lex)) else set()) | _autonomous_forms(name, lex)
        else:  # a district or zone: its own name, short zone forms; a district also without 区/县 (孝南)
            forms = _zone_forms(name, path[-2], lex)
            short = _short(name, lex)
            zones = {*lex.zone_short.values(), *lex.zone_words}
            if short and name.endswith(("区", "县", "市")) and not any(z in name for z in zones):
                forms.add(short)
            forms |= _autonomous_forms(name, lex)
        for form in forms:
            out.setdefault(form, set()).add(path)
    for english, region in lex.english_places.items():
        for path in paths:
            if path[-1] == region:
                out.setdefault(english.lower(), set()).add(path)
    return {k: frozenset(v) for k, v in out.items()}


def _named_path(meta: DocumentMeta, path: Path_, places: dict[str, frozenset[Path_]]) -> Path_:
    """The region a document's title or first issuer opens with (恩施州智能工厂…细则, 恩施州经济和信息化局), when
    it lies inside the region its metadata gives: a region read too coarsely (湖北省) still places it; a region
    given by its short form (恩施州) is the city it names."""
    # 恩施州 given as the region: the short form of a city the gazetteer places (恩施土家族苗族自治州)
    known = [p for p in places.get(path[-1], ()) if p != path and len(p) > 2] if len(path) == 2 else []
    if len(known) == 1:
        return known[0]
    for text in (meta.title, *(meta.issuers or [meta.issuer or ""])[:1]):
        head = _compact(text or "").lstrip("《〈“\"「『")
        forms = sorted((f for f in places if not f.isascii() and head.startswith(f)), key=len, reverse=True)
        for form in forms:
            deeper = [p for p in places[form] if len(p) > len(path) and p[: len(path)] == path]
            if len(deeper) == 1:
                return deeper[0]
            # a region no gazetteer places (利川市) under a title opening with its city (恩施州利川市…)
            if len(places[form]) == 1 and len(path) == 2 and head[len(form):].startswith(path[1]):
                return (*next(iter(places[form])), path[1])
    return path


def _issuer_cues(issuer: str, path: Path_, level: str | None, places: dict[str, frozenset[Path_]],
                 lex: CueLexicon) -> set[str]:
    """湖北省经济和信息化厅 → 湖北省经信厅, 湖北经信厅, 省经信厅, 经信厅 …; 工业和信息化部办公厅 → 工信部."""
    full = _compact(issuer)
    base = full
    for office in lex.issuer_offices:
        if base.endswith(office) and len(base) > len(office) + 1:
            base = base[: -len(office)]
    own = [p for p, regions in places.items() if any(r == path[: len(r)] for r in regions) and not p.isascii()]
    prefix = next((p for p in sorted(own, key=len, reverse=True) if base.startswith(p)), "")
    body = base[len(prefix):]
    bodies = {body}
    for long, short in sorted(lex.issuer_short.items(), key=lambda kv: -len(kv[0])):
        if long in body:
            bodies.add(body.replace(long, short))
            break
    cues = {full, base}
    region_names = [p for p in own if places[p] & places[prefix]] if prefix else []  # 襄阳高新区 for its zone
    level_word = lex.level_prefix.get(level or "", "")
    for b in bodies:
        cues |= {name + b for name in region_names}
        if level_word or b not in lex.issuer_generic:
            cues.add(level_word + b)
        if b not in lex.issuer_generic:
            cues.add(b)
    return {c for c in cues if len(c) >= 3}


def _type_names(word: str | None, lex: CueLexicon) -> frozenset[str]:
    if not word:
        return frozenset()
    return frozenset(t for t, words in lex.types.items()
                     if t in word or any(w in word for w in words if not w.isascii()))


def _years(meta: DocumentMeta) -> frozenset[int]:
    years = {int(y) for y in re.findall(r"(?:19|20)\d{2}", (meta.title or "") + (meta.doc_number or ""))}
    if meta.issue_date:
        years.add(meta.issue_date.year)
    return frozenset(years)


def _number(text: str) -> str:
    return re.sub(r"[〔\[（(【]", "〔", re.sub(r"[〕\]）)】]", "〕", _compact(text)))


def _title(text: str) -> str:
    return without_note(_compact(text))  # （虚构测试文档）, （试行）… dropped as the metadata does


def build_library_cues(documents: dict[str, DocumentMeta], lex: CueLexicon) -> LibraryCues:
    metas = list(documents.values())
    gazetteer = _Gazetteer(lex, metas)
    paths = {d: gazetteer.path(m) for d, m in documents.items()}
    places = _place_cues(gazetteer.known_paths(list(paths.values())), lex)
    refined = {d: _named_path(m, path, places) for (d, path), m in zip(paths.items(), documents.values(), strict=True)}
    if refined != paths:  # the places the refined regions add (利川 under 恩施州)
        paths, places = refined, _place_cues(gazetteer.known_paths(list(refined.values())), lex)
    issuer_docs: dict[str, set[str]] = {}
    docs = {}
    for doc_id, meta in documents.items():
        issuers = set()
        for issuer in meta.issuers or [meta.issuer or ""]:
            if issuer:
                issuers |= _issuer_cues(issuer, paths[doc_id], meta.level, places, lex)
        for cue in issuers:
            issuer_docs.setdefault(cue, set()).add(doc_id)
        docs[doc_id] = DocumentCues(
            path=paths[doc_id], level=meta.level, years=_years(meta), types=_type_names(meta.doc_type, lex),
            title_types=_type_names(meta.title, lex), issuers=frozenset(issuers),
            number=_number(meta.doc_number or ""), title=_title(meta.title))
    docs = _with_companions(docs, documents)
    chinese = [p for p in places if not p.isascii()]
    return LibraryCues(
        lexicon=lex, documents=docs, places=places, place_re=_alternation(chinese),
        english_re=_alternation([p for p in places if p.isascii()], re.IGNORECASE, english=True),
        levels=_Words.of(lex.levels), types=_Words.of(lex.types),
        issuer_re=_alternation(issuer_docs), issuer_docs={k: frozenset(v) for k, v in issuer_docs.items()},
        certification_re=_alternation(lex.certifications), document_re=_after_year(lex),
        deixis=_Words.of({"deixis": lex.deixis}))


def _after_year(lex: CueLexicon) -> re.Pattern[str] | None:
    words = _alternation(lex.document_words)
    return None if words is None else re.compile(rf"\s*年[^，。？?；;]{{0,{lex.document_window}}}{words.pattern}")


def _with_companions(docs: dict[str, DocumentCues], documents: dict[str, DocumentMeta]) -> dict[str, DocumentCues]:
    """Each document's `about`: the other documents whose title its own title quotes in 《》."""
    out = {}
    for doc_id, cue in docs.items():
        quoted = {_title(q) for q in _QUOTED_TITLE.findall(documents[doc_id].title or "")}
        about = frozenset(d for d, other in docs.items()
                          if d != doc_id and quoted & title_forms(documents[d].title or ""))
        out[doc_id] = replace(cue, about=about) if about else cue
    return out


def library_cues(index: Index) -> LibraryCues:
    """The library's cues, built once per loaded index (its memo)."""
    def build() -> LibraryCues:
        lex = load_cue_lexicon(index.tokenizer.lexicon_dir)
        return build_library_cues({d: doc.meta for d, doc in index.documents.items()}, lex)

    return index.memo.table("named_documents", 1).get_or_build("cues", build)


# ---- a question's cues ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Naming:
    """What a question names: per kind of cue, each document's fit; the words that named them."""

    scores: dict[str, float] = field(default_factory=dict)  # doc_id → mean fit over the kinds, 0..1
    compatible: frozenset[str] = frozenset()  # documents no cue rules out
    kinds: tuple[str, ...] = ()  # the kinds of cue the question holds (place, level, year …)
    words: tuple[str, ...] = ()  # the question's words that are cues (襄阳, 2016年, 办法 …)
    companions: dict[str, frozenset[str]] = field(default_factory=dict)  # doc_id → documents about it

    @property
    def names(self) -> bool:
        """Whether the question names something of a document (a region, a level, a year …)."""
        return bool(self.kinds)

    def lead(self) -> list[str]:
        """The documents it names best (highest score), when it names any."""
        if not self.scores:
            return []
        best = max(self.scores.values())
        named = [d for d, s in self.scores.items() if s == best and s > 0]
        # A document about a named one (its 解读) speaks for it: "扶持办法每年什么时候申报" is answered there.
        about = [c for d in named for c in self.companions.get(d, ()) if self.scores.get(c, 0) > 0]
        return sorted(set(named) | set(about))


NONE = Naming()


def _spans(pattern: re.Pattern[str] | None, text: str) -> list[re.Match[str]]:
    return list(pattern.finditer(text)) if pattern is not None else []


def _place_fit(doc: Path_, asked: set[Path_]) -> float:
    best = 0.0
    for q in asked:
        if doc == q:
            return EXACT
        if q[: len(doc)] == doc:
            best = max(best, CONTAINING)
        elif doc[: len(q)] == q:
            best = max(best, SUB)
    return best


def _level_words(compact: str, typed: str, cues: LibraryCues, starts: frozenset[int] | None = None) -> list[str]:
    """Levels named, except by words describing a certification (国家高新技术企业, 省级专精特新) and, when the
    question's word starts are known, by a Chinese level word read inside a longer word (区里 in 园区里,
    开发区里: the park's or the zone's inside, not the district government)."""
    out = []
    window = cues.lexicon.certification_window
    describing = {w.lower() for w in cues.lexicon.certification_levels}
    for m, text in cues.levels.find(compact, typed):
        if starts is not None and text is compact and m.start() not in starts:
            continue
        after = _CLAUSE_END.split(text[m.end(): m.end() + window])[0]
        if (m.group(0).lower() in describing and cues.certification_re is not None
                and cues.certification_re.search(after)):
            continue
        out.append(m.group(0))
    return out


def _type_words(compact: str, typed: str, cues: LibraryCues) -> list[str]:
    """Types named, except by generic uses (有什么办法, 哪些支持措施, 有没有什么风险兜底的办法)."""
    before, asking = cues.lexicon.not_a_type_after, cues.lexicon.asking_before_type
    return [m.group(0) for m, text in cues.types.find(compact, typed)
            if not any(text[: m.start()].endswith(w) for w in before)
            and not any(w in _CLAUSE_END.split(text[: m.start()])[-1] for w in asking)]


def _asked_years(compact: str, typed: str, cues: LibraryCues) -> list[tuple[int, bool, str, bool]]:
    """(year, whether it names a document, the words, whether only a 年度 word says so) for each year
    named outside a 文号."""
    lex = cues.lexicon
    text = typed if typed.isascii() else compact
    out = []
    for m in _YEAR.finditer(text):
        after = _CLAUSE_END.split(text[m.end(): m.end() + lex.year_window])[0]
        typed_document = bool(_type_words(after, after, cues)) or _names_a_document(text, m, cues)
        worded = any(after.startswith(w) or after.lstrip("年").startswith(w) for w in lex.year_document_words)
        word = m.group(0) + ("年" if after.startswith("年") else "")
        out.append((int(m.group(0)), typed_document or worded, word, worded and not typed_document))
    return out


def _names_a_document(text: str, year: re.Match[str], cues: LibraryCues) -> bool:
    """2021年那个…扶持暂行办法, 2020年的文件: a word naming some document (of a type or not) follows the year."""
    return cues.document_re is not None and cues.document_re.match(text, year.end()) is not None


def document_years(question: str, index: Index) -> frozenset[int]:
    """The years a question uses to name a document (武汉2016年办法, 2026年度…通知), not to say when
    something happened (2025年被认定为…): one rule for the ranking and the scope judge."""
    return frozenset(y for y, document, _, _ in _asked_years(_compact(question), question, library_cues(index))
                     if document)


def _year_fit(doc: DocumentCues, meta: DocumentMeta, year: int, document: bool, period: bool = False) -> float:
    # "2026年度兑现申请" (年度, no document named after it): that year's round, which a standing
    # document in force that year runs as well as one issued in it
    if period and covers_year(meta, year):
        return 1.0
    if document:  # 2016年办法: the document of that year
        return 1.0 if year in doc.years else (UNDATED if not doc.years else 0.0)
    covered = covers_year(meta, year)  # 2025年被认定…: the documents in force that year
    if covered is None:
        return 1.0 if year in doc.years else UNDATED
    return 1.0 if covered else 0.0


def name_documents(question: str, cues: LibraryCues, metas: dict[str, DocumentMeta],
                   cited_by: dict[str, frozenset[str]] | None = None, starts: frozenset[int] | None = None) -> Naming:
    """The documents a question names, scored per kind of cue (see the module docstring). `cited_by`:
    doc_id → the documents of the library citing it (assistant/retrieval/sources.py), which settles a tie.
    `starts`: offsets in the question without whitespace where its words begin (Tokenizer.word_starts)."""
    text = _compact(question)
    fits: dict[str, dict[str, float]] = {}
    words: dict[str, list[str]] = {}

    def add(kind: str, fit, found: list[str]) -> None:
        fits[kind] = {d: fit(d) for d in cues.documents}
        words[kind] = found

    places = _spans(cues.place_re, text) + _spans(cues.english_re, question)
    if places:
        asked = {p for m in places for p in cues.places.get(m.group(0), cues.places.get(m.group(0).lower(), ()))}
        add("place", lambda d: _place_fit(cues.documents[d].path, asked), [m.group(0) for m in places])
    levels = _level_words(text, question, cues, starts)
    if levels:
        asked_levels = {cues.levels.meaning[w.lower()] for w in levels}
        add("level", lambda d: float(cues.documents[d].level in asked_levels), levels)
    years = _asked_years(text, question, cues)
    if years:
        add("year", lambda d: max(_year_fit(cues.documents[d], metas[d], y, doc, period)
                                  for y, doc, _, period in years),
            [w for _, _, w, _ in years])
    types = _type_words(text, question, cues)
    if types:
        asked_types = {cues.types.meaning[w.lower()] for w in types}
        add("type", lambda d: 1.0 if cues.documents[d].types & asked_types else
            (0.5 if cues.documents[d].title_types & asked_types else 0.0), types)
    issuers = _spans(cues.issuer_re, text)
    if issuers:
        named = set().union(*(cues.issuer_docs[m.group(0)] for m in issuers))
        add("issuer", lambda d: float(d in named), [m.group(0) for m in issuers])
    joint = _joint_count(question, cues.lexicon)
    if joint:
        add("joint", lambda d: float(len(metas[d].issuers or []) == joint), [f"{joint}部门"])
    number = _number(text)
    numbered = {d for d, c in cues.documents.items() if c.number and c.number in number}
    if numbered:
        add("number", lambda d: float(d in numbered), [cues.documents[d].number for d in numbered])
    quoted = [_title(m.group(1)) for m in _QUOTED_TITLE.finditer(text)]
    if quoted:
        add("title", lambda d: max(1.0 if q == cues.documents[d].title else 0.5 if q in cues.documents[d].title
                                   else 0.0 for q in quoted), quoted)
    pointed = [m.group(0) for m, _ in cues.deixis.find(text, question)] if cues.deixis is not None else []
    if pointed:  # names some document, any of them: only a tie's source (_prefer_source) tells which
        add("deixis", lambda d: 1.0, pointed)
    naming = _settle(fits, words, cited_by or {})
    companions: dict[str, set[str]] = {}
    for doc_id, cue in cues.documents.items():
        for target in cue.about:
            companions.setdefault(target, set()).add(doc_id)
    if not naming.names or not companions:
        return naming
    return replace(naming, companions={d: frozenset(c) for d, c in companions.items()})


def _joint_count(question: str, lex: CueLexicon) -> int | None:
    """三部委 / 两部门联合 / three ministries → 3 / 2 / 3; None when the question counts no issuers."""
    if not lex.joint_issuers:
        return None
    m = re.search(lex.joint_issuers, question, re.IGNORECASE)
    if m is None:
        return None
    word = (m.group(1) or m.group(2) or "").lower()
    count = int(word) if word.isdigit() else _COUNTS.get(word)
    return count if count and count >= 2 else None


def _settle(fits: dict[str, dict[str, float]], words: dict[str, list[str]],
            cited_by: dict[str, frozenset[str]]) -> Naming:
    """Drop kinds no document fits, then (least telling first) kinds that leave no document fitting all;
    among documents tied for the best fit, their source leads (_prefer_source)."""
    fits = {k: v for k, v in fits.items() if any(s > 0 for s in v.values())}
    for kind in DROP_ORDER:
        if not fits or _compatible(fits):
            break
        fits.pop(kind, None)
    if not fits:
        return NONE
    docs = next(iter(fits.values()))
    scores = _prefer_source({d: round(sum(f[d] for f in fits.values()) / len(fits), 6) for d in docs}, cited_by)
    if len(set(scores.values())) < 2:  # every document fits alike (one document, or 湖北 in a Hubei library)
        return NONE
    kept = tuple(dict.fromkeys(w for kind in fits for w in words[kind]))
    return Naming(scores, frozenset(_compatible(fits)), tuple(fits), kept)


def _prefer_source(scores: dict[str, float], cited_by: dict[str, frozenset[str]]) -> dict[str, float]:
    """Documents tied for the best fit, one of which at least SOURCE_MIN of the others cite (为贯彻落实《…》):
    that one is meant — "方案的指导思想" among the province's 行动方案 and the cities' 工作方案 implementing
    it, "这个文件" in a library built around one document. The others keep OTHERS of their fit."""
    best = max(scores.values(), default=0.0)
    tied = frozenset(d for d, s in scores.items() if s == best and s > 0)
    if len(tied) < 2:
        return scores
    counts = {d: len(cited_by.get(d, frozenset()) & tied) for d in tied}
    top = max(counts.values())
    sources = [d for d, c in counts.items() if c == top]
    if top < SOURCE_MIN or len(sources) != 1:
        return scores
    return {d: round(s * OTHERS, 6) if d in tied and d != sources[0] else s for d, s in scores.items()}


def _compatible(fits: dict[str, dict[str, float]]) -> set[str]:
    docs = next(iter(fits.values()))
    return {d for d in docs if all(f[d] > 0 for f in fits.values())}


def named_documents(question: str, index: Index) -> Naming:
    """name_documents over the index's library, remembered per question (rerank and scope both ask)."""
    cues = library_cues(index)
    if not cues.documents:
        return NONE
    metas = {d: doc.meta for d, doc in index.documents.items()}
    return index.memo.table("named_questions", 256).get_or_build(
        question, lambda: name_documents(question, cues, metas, cited_by(index),
                                         index.tokenizer.word_starts(_compact(question))))


def unplaced(question: str, index: Index) -> list[str]:
    """The places below a province a question names of which the library holds no document: a city or
    district of the cues (黄冈) that no document's region is or lies in, or a place jieba recognises
    (宜都市, 咸丰县) that no document's metadata or text names. Empty when any place it names has one.
    Remembered per question (the ranking and the scope judge both ask)."""
    return list(index.memo.table("unplaced_questions", 256).get_or_build(
        question, lambda: tuple(_unplaced(question, index))))


def _unplaced(question: str, index: Index) -> list[str]:
    cues = library_cues(index)
    text = _compact(question)
    found = _spans(cues.place_re, text) + _spans(cues.english_re, question)
    paths = [d.path for d in cues.documents.values()]
    missing: list[str] = []
    for m in found:
        asked = cues.places.get(m.group(0)) or cues.places.get(m.group(0).lower(), frozenset())
        deep = [p for p in asked if len(p) > 2]  # the country and a province are every document's region
        if not deep:
            continue
        if any(d[: len(p)] == p for p in deep for d in paths):
            return []
        missing.append(m.group(0))
    known = [m.group(0) for m in found]
    unknown = [w for w in index.tokenizer.place_names(text, tuple(cues.lexicon.place_suffixes))
               if not any(w in k or k in w for k in known)]
    for word in unknown:
        if any(word in _document_words(doc) for doc in index.documents.values()):
            return []
        missing.append(word)
    return missing


def wider_documents(index: Index) -> frozenset[str]:
    """The documents of the whole country or of a province: they apply in every place under it."""
    cues = library_cues(index)
    return frozenset(d for d, c in cues.documents.items()
                     if len(c.path) == 1 or (len(c.path) == 2 and c.path[1] in cues.lexicon.contains))


def placed_hits(question: str, hits: list, index: Index) -> list:
    """A question about a place the library has no document of: another place's documents do not apply
    there (天门's measures are no answer for 宜都), only the province's and the country's."""
    if not hits or not unplaced(question, index):
        return hits
    wider = wider_documents(index)
    kept = [h for h in hits if h.clause.doc_id in wider]
    others = [h for h in hits if h.clause.doc_id not in wider]

    def fit(group: list) -> float:  # the question's idf share its best clause holds (rerank's `whole`)
        return max((getattr(h, "whole", 0.0) for h in group), default=0.0)

    if kept and fit(kept) >= WIDER_FIT * fit(others):
        return kept
    return hits  # only a neighbour's clauses are on the question: the scope judge abstains, naming the place


WIDER_FIT = 0.6  # a province's or country's clause holding this share of the neighbour's fit still answers


def _document_words(doc) -> str:
    meta = doc.meta
    return "".join([meta.title or "", meta.region or "", *(meta.issuers or []), doc.text])


def cited_by(index: Index) -> dict[str, frozenset[str]]:
    """doc_id → the documents of the library citing it, once per loaded index."""
    def build() -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for doc_id, cited in citations(index).items():
            for d in cited:
                out.setdefault(d, set()).add(doc_id)
        return {d: frozenset(c) for d, c in out.items()}

    return index.memo.table("document_cited_by", 1).get_or_build("cited_by", build)
