"""knowledge/vocabulary.yaml as a validated model, plus the lookups built on it.

Every name the catalogue and profiles use (roles, sectors, needs, sizes, places) is resolved
here, so that aliases (龙头企业, 机器人, 光谷) and typos are handled in one place.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, model_validator

from assistant.eligibility.errors import CatalogueError
from assistant.messages import Messages
from assistant.types import ClosedModel, MatchStatus
from assistant.yamlfile import first_error, load_yaml_model, read_yaml

Category = Literal["support_measure", "funding_channel", "alliance"]

SIZES = ("大型企业", "中小企业")


class RoleSpec(ClosedModel):
    en: str
    aliases: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list, description="Count anywhere in a description")
    identity_keywords: list[str] = Field(
        default_factory=list, description="Count only where the company describes itself"
    )


class SectorSpec(ClosedModel):
    en: str
    aliases: list[str] = Field(default_factory=list)


class ProductSpec(ClosedModel):
    name: str
    keywords: list[str]
    sectors: list[str]
    role: str | None = None


class NeedSpec(ClosedModel):
    en: str
    keywords: list[str] = Field(default_factory=list)


class SizeSpec(ClosedModel):
    aliases: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)


class SizeThresholds(ClosedModel):
    employees: int
    revenue_yuan: float
    source: str


class FirstOfKindCues(ClosedModel):
    positive: list[str]
    negative: list[str] = Field(default_factory=list)


class CitySpec(ClosedModel):
    aliases: list[str] = Field(default_factory=list)
    districts: dict[str, list[str]] = Field(default_factory=dict)


class Regions(ClosedModel):
    province: str
    province_aliases: list[str] = Field(default_factory=list)
    cities: dict[str, CitySpec]
    outside_hubei: list[str] = Field(default_factory=list)
    zone_words: list[str] = Field(default_factory=list)
    outside_before: list[str] = Field(default_factory=list)
    outside_after: list[str] = Field(default_factory=list)
    romanised_suffixes: dict[str, list[str]] = Field(
        default_factory=dict, description="A Chinese place name's ending → the English words its romanised "
        "form ends with (区 → district); the romanised names are derived from the gazetteer with pypinyin")


def named_level(key: str) -> str | None:
    """The level a certification's name says (国家级…, 湖北省…, 市级…), None when it says none."""
    if "国家" in key:
        return "国家"
    if "省" in key:
        return "省"
    return "市" if "市" in key else None


_LATIN_WORD = re.compile(r"[a-z]{3,}")
_MAX_READINGS = 8  # heteronym combinations kept per name (长阳: changyang, zhangyang)


def romanised_forms(name: str, suffixes: list[tuple[str, list[str]]]) -> list[str]:
    """孝南区 → [xiaonan district, xiaonan]: the pinyin of the name without its ending (every reading of
    its heteronyms, a few at most), with the ending's English words and, for a base of two or more
    characters, alone. A name holding anything but Chinese characters gives none."""
    if not name or not all("\u4e00" <= c <= "\u9fff" for c in name):
        return []
    base, words = name, [""]
    for ending, english in suffixes:
        if name.endswith(ending) and len(name) > len(ending):
            base, words = name[:-len(ending)], [f" {w}" for w in english]
            break
    readings = _readings(base)
    forms = [r + w for r in readings for w in words if w]
    if len(base) >= 2 or words == [""]:
        forms += readings
    return list(dict.fromkeys(forms))


@functools.lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin, pinyin  # slow to import: only text with Latin words needs it

    first = "".join(lazy_pinyin(text))
    combos = [""]
    for options in pinyin(text, style=Style.NORMAL, heteronym=True):
        combos = [c + o for c in combos for o in options[:3]][:_MAX_READINGS]
    return tuple(dict.fromkeys([first, *combos]))


class Cues(ClosedModel):
    identity: list[str]
    partner: list[str]
    purchase: list[str]
    supply: list[str]
    location: list[str]
    not_location: list[str] = Field(default_factory=list)
    registration: list[str] = Field(default_factory=list)
    branch: list[str] = Field(default_factory=list)
    branch_before: list[str] = Field(default_factory=list)
    negation: list[str] = Field(default_factory=list)
    other_party: list[str] = Field(default_factory=list)
    customer: list[str] = Field(default_factory=list)
    inquiry: list[str] = Field(default_factory=list)


class QuestionCues(ClosedModel):
    self_refs: list[str]
    company_refs: list[str]
    verbs: list[str]
    set_words: list[str]
    not_set_after: list[str] = Field(default_factory=list, description="what a set word opens when it asks "
                                     "when / where / how (什么时候), not which")
    benefit_nouns: list[str]
    plan_text_cues: list[str] = Field(default_factory=list)
    out_of_scope: list[str] = Field(default_factory=list)
    english_self: list[str]
    english_phrases: list[str]


class ScaleCues(ClosedModel):
    """规模以上 (规上) words and the revenue that makes a company 规上 when the text does not say."""

    above: list[str] = Field(default_factory=list)
    below: list[str] = Field(default_factory=list)
    revenue_wan: float = 2000.0
    source: str = ""


class CertificationSpec(ClosedModel):
    name: str = Field(description="Canonical name, as profiles carry it")
    family: str = Field(description="What a document's condition names (首台（套）, 高新技术企业 …)")
    level: Literal["国家", "省"] | None = None
    scope: Literal["company", "product"] = "company"
    aliases: list[str] = Field(default_factory=list)


class EstimateBase(ClosedModel):
    words: list[str]
    field: Literal["rd_spend", "revenue"]
    unless: list[str] = Field(default_factory=list)


class Text(ClosedModel):
    zh: str
    en: str


class Labels(ClosedModel):
    """knowledge/messages/labels.yaml: the one table of user-facing names (fields, statuses, categories)."""

    fields: dict[str, Text]
    status: dict[MatchStatus, Text]
    category: dict[Category, Text]
    kind: dict[str, Text] = Field(default_factory=dict)

    def field(self, name: str, lang: str = "zh") -> str:
        text = self.fields.get(name)
        return getattr(text, "en" if lang == "en" else "zh") if text else name

    def status_of(self, status: str, lang: str = "zh") -> str:
        return getattr(self.status[status], "en" if lang == "en" else "zh")  # type: ignore[index]

    def category_of(self, category: str, lang: str = "zh") -> str:
        return getattr(self.category[category], "en" if lang == "en" else "zh")  # type: ignore[index]

    def kind_of(self, kind: str, lang: str = "zh") -> str:
        text = self.kind.get(kind)
        return getattr(text, "en" if lang == "en" else "zh") if text else kind

    @property
    def status_order(self) -> dict[str, int]:
        """Ranking order of match statuses, best first (the order of the file)."""
        return {s: i for i, s in enumerate(self.status)}


# Every key the eligibility path renders (matcher reasons and requirement labels, notices, `assistant
# match` labels): a copied eligibility.yaml without one fails at load, naming it, not mid-match.
SIZE_KEYS = {"中小企业": "size_sme", "大型企业": "size_large"}  # size values → their eligibility.yaml words

_KEYS = """
disclaimer extracted extracted_fact facts_sep list_sep yes no match_profile match_fact match_item
match_benefit match_citation match_more match_notice
req_region req_size req_certification req_sector req_sector_open req_roles req_city req_city_open req_needs
req_established req_min req_max num_revenue num_rd_ratio num_rd_spend num_investment num_employees
value_percent value_wan value_yi value_people value_years value_plain has has_not none_held size_sme size_large
confirm region_uncheckable region_no_city region_in_province region_outside_province region_province_unknown
region_city_unknown region_other_city region_city_met region_no_district region_district_met
region_other_district region_district_unknown zone_outside_said zone_other zone_unknown consortium_said membership_said
above_scale_unknown above_scale_met above_scale_unmet size_missing size_met size_unmet
number_missing number_investment_note number_met number_unmet cert_met cert_first_of_kind cert_unmet
cert_other_level cert_unknown
cert_year_missing cert_year_met cert_year_unmet cert_round_missing
cert_round_first cert_round_renewed cert_round_none req_cert_period
sector_none sector_met sector_unsure sector_missing sector_named sector_open
sector_close sector_unmet established_missing established_met established_unmet roles_missing roles_met
roles_unsure roles_unmet city_missing city_met city_open city_unmet open_note field_missing field_met
field_open field_unmet needs_met consortium membership expired repealed not_in_force closed not_open
num_tax_paid num_tax_per_mu estimate estimate_cap
"""
REQUIRED_KEYS = frozenset(_KEYS.split())


class EligibilityMessages(Messages):
    """knowledge/messages/eligibility.yaml: the matcher's reasons and notices, the `assistant match` labels."""

    @model_validator(mode="after")
    def _complete(self) -> EligibilityMessages:
        missing = sorted(REQUIRED_KEYS - set(self.texts))
        if missing:
            raise ValueError(f"texts 缺少键 {', '.join(missing)}（eligibility.yaml 须含全部用语）")
        return self


class Vocabulary(ClosedModel):
    version: int
    labels: Labels = Field(description="From messages/labels.yaml beside vocabulary.yaml")
    messages: EligibilityMessages = Field(description="From messages/eligibility.yaml beside vocabulary.yaml")
    roles: dict[str, RoleSpec]
    role_groups: dict[str, list[str]] = Field(default_factory=dict)
    sectors: dict[str, SectorSpec]
    products: list[ProductSpec]
    needs: dict[str, NeedSpec]
    sizes: dict[str, SizeSpec]
    size_thresholds: SizeThresholds
    first_of_kind: FirstOfKindCues
    regions: Regions
    cues: Cues
    eligibility_question: QuestionCues
    traditional_to_simplified: str = ""
    scale: ScaleCues = Field(default_factory=ScaleCues)
    certifications: list[CertificationSpec] = Field(default_factory=list)
    certification_words: dict[str, list[str]] = Field(default_factory=dict)
    estimate_bases: list[EstimateBase] = Field(default_factory=list)
    sector_similarity: float = Field(default=0.86, gt=0, le=1)
    consortium_words: list[str] = Field(default_factory=list)
    consortium_cues: list[str] = Field(default_factory=list)
    membership_words: list[str] = Field(default_factory=list)
    membership_cues: list[str] = Field(default_factory=list)
    question_levels: dict[Literal["国家", "省", "市", "区县"], list[str]] = Field(
        default_factory=dict, description="Words by which a question asks for one level's policies (市里 → 市)")

    # ── normalisation ──

    def normalise(self, text: str) -> str:
        """NFKC, traditional → simplified, ASCII lower-cased: the form every match runs on."""
        return _normalise(text, self._char_map())

    def _char_map(self) -> dict[int, str]:
        return _char_map(self.traditional_to_simplified)

    # ── name resolution (exact names or aliases; None when unknown) ──

    @functools.cached_property
    def alias_index(self) -> dict[str, dict[str, str]]:
        """kind → normalised name or alias → canonical name."""
        kinds: dict[str, dict[str, list[str]]] = {
            "role": {k: v.aliases for k, v in self.roles.items()},
            "sector": {k: v.aliases for k, v in self.sectors.items()},
            "need": {k: [] for k in self.needs},
            "size": {k: v.aliases for k, v in self.sizes.items()},
        }
        return {
            kind: {self.normalise(n): name for name, aliases in names.items() for n in (name, *aliases)}
            for kind, names in kinds.items()
        }

    def resolve(self, kind: str, value: str) -> str | None:
        """Canonical role / sector / need / size for a name or alias; None when unknown."""
        return self.alias_index[kind].get(self.normalise(value).strip())

    def expand_roles(self, names: list[str]) -> list[str]:
        """Role names with groups (装备企业, 全部) expanded, order kept, no duplicates."""
        out: list[str] = []
        for name in names:
            for role in self.role_groups.get(name, [name]):
                if role not in out:
                    out.append(role)
        return out

    def is_role_or_group(self, name: str) -> bool:
        return name in self.roles or name in self.role_groups

    # ── places ──

    @functools.cached_property
    def place_names(self) -> dict[str, tuple[str, str | None]]:
        """Every recognised place name (normalised) → (市州, district or None)."""
        out: dict[str, tuple[str, str | None]] = {}
        for city, spec in self.regions.cities.items():
            for alias in (city, *spec.aliases):
                out[self.normalise(alias)] = (city, None)
            for district, aliases in spec.districts.items():
                for alias in (district, *aliases):
                    out.setdefault(self.normalise(alias), (city, district))
        return out

    @functools.cached_property
    def romanised_place_names(self) -> dict[str, tuple[str, str | None]]:
        """Romanised forms of the gazetteer's Chinese names (孝南区 → xiaonan district, xiaonan), derived on
        first use: English text names places so (registered in Xiaonan District, Xiaogan)."""
        suffixes = sorted(self.regions.romanised_suffixes.items(), key=lambda kv: len(kv[0]), reverse=True)
        out: dict[str, tuple[str, str | None]] = {}
        for city, spec in self.regions.cities.items():
            for alias in (city, *spec.aliases):
                for form in romanised_forms(alias, suffixes):
                    out[form] = (city, None)
        for city, spec in self.regions.cities.items():
            for district, aliases in spec.districts.items():
                for alias in (district, *aliases):
                    for form in romanised_forms(alias, suffixes):
                        out.setdefault(form, (city, district))
        return out

    def place_names_for(self, norm: str) -> dict[str, tuple[str, str | None]]:
        """The place names to look for in a normalised text: romanised ones too when it has Latin words."""
        if not _LATIN_WORD.search(norm):
            return self.place_names
        return {**self.romanised_place_names, **self.place_names}

    @functools.cached_property
    def city_prefixes(self) -> list[tuple[str, str]]:
        """(normalised city name or alias, 市州), longest first: 襄阳市樊城区 starts with 襄阳市."""
        pairs = [(self.normalise(a), city) for city, spec in self.regions.cities.items() for a in (city, *spec.aliases)]
        return sorted(pairs, key=lambda p: len(p[0]), reverse=True)

    def resolve_place(self, value: str) -> tuple[str | None, str | None]:
        """(市州, district) for a place name; (None, None) when it is not in the gazetteer.

        The province may lead (湖北省襄阳市), and a city may lead its district or zone
        (襄阳市樊城区, 襄阳市襄阳高新区, 襄阳市高新区, 武汉东湖新技术开发区); a city followed by
        anything that is not one of its places resolves to nothing (no guessing the city alone).
        """
        whole = self.normalise(value).strip()
        keys = [whole]  # the whole name first: 鄂州市 opens with 鄂, the province's short name
        for prefix in sorted(self.regions.province_aliases, key=len, reverse=True):  # 湖北省襄阳市 → 襄阳市
            p = self.normalise(prefix)
            if whole.startswith(p) and len(whole) > len(p):
                keys.append(whole[len(p):])
                break
        names = self.place_names_for(whole)
        for key in keys:
            hit = names.get(key)
            if hit is not None:
                return hit
            for prefix, city in self.city_prefixes:
                if key.startswith(prefix) and len(key) > len(prefix):
                    district = self.resolve_district(city, key[len(prefix):])
                    if district is not None:
                        return city, district
        return None, None

    def resolve_district(self, city: str | None, value: str) -> str | None:
        """Canonical district of `city` for a name (高新区 with 襄阳 → 襄阳高新区); None when not one of its places."""
        key = self.normalise(value).strip()
        found = self.place_names_for(key).get(key)
        if found and found[1] and (city is None or found[0] == city):
            return found[1]
        spec = self.regions.cities.get(city or "")
        if spec is None or not key:
            return None
        for alias in (city, *spec.aliases):  # 高新区 in 襄阳 → 襄阳高新区
            hit = self.place_names.get(self.normalise(alias) + key)
            if hit and hit[0] == city and hit[1]:
                return hit[1]
        return None

    def levels_named(self, text: str) -> tuple[str, ...]:
        """The document levels a question asks for (市里有什么奖励 → ("市",)), in the file's order."""
        norm = self.normalise(text)
        return tuple(level for level, words in self.question_levels.items()
                     if any(self.normalise(w) in norm for w in words))

    @functools.cached_property
    def certification_index(self) -> dict[str, CertificationSpec]:
        """Normalised name or alias → certification."""
        out: dict[str, CertificationSpec] = {}
        for spec in self.certifications:
            for alias in (spec.name, *spec.aliases):
                out.setdefault(self.normalise(alias), spec)
        return out

    def resolve_certification(self, value: str) -> CertificationSpec | None:
        """The certification a name is: an alias, else the longest alias a longer name holds (专精特新“小巨人”
        企业, 湖北省首台（套）重大技术装备) when the level the name says, if any, is that certification's."""
        key = self.normalise(value).strip()
        hit = self.certification_index.get(key)
        if hit is not None or len(key) < 3:
            return hit
        held = [(alias, spec) for alias, spec in self.certification_index.items() if len(alias) >= 3 and alias in key]
        said = named_level(key)
        held = [(alias, spec) for alias, spec in held if said is None or spec.level == said]
        return max(held, key=lambda pair: len(pair[0]))[1] if held else None

    def may_be_certification(self, value: str, family: str) -> bool:
        """A name no certification resolves that still holds one of the family's words (首台套 of no level)."""
        key = self.normalise(value)
        return any(self.normalise(w) in key for w in self.certification_words.get(family, []))

    def is_outside_hubei(self, value: str) -> bool:
        key = self.normalise(value).strip()
        return any(key.startswith(self.normalise(p)) for p in self.regions.outside_hubei)


# A pure function of its argument (the vocabulary's own pairs string), not of a file: an edited
# vocabulary passes a different string, so nothing stale outlives a reload.
@functools.lru_cache(maxsize=8)
def _char_map(pairs: str) -> dict[int, str]:
    return {ord(p[0]): p[1] for p in pairs.split()}


def _normalise(text: str, table: dict[int, str]) -> str:
    text = unicodedata.normalize("NFKC", text).translate(table).replace("\u2019", "'")
    return "".join(c.lower() if c.isascii() else c for c in text)


def _check(vocab: Vocabulary) -> None:
    """Cross-references YAML cannot express; raise CatalogueError naming the bad item."""
    for group, members in vocab.role_groups.items():
        for role in members:
            if role not in vocab.roles:
                raise CatalogueError(f"vocabulary.yaml: 角色组 {group} 含未知角色 {role}")
    for product in vocab.products:
        for sector in product.sectors:
            if sector not in vocab.sectors:
                raise CatalogueError(f"vocabulary.yaml: 产品 {product.name} 的领域 {sector} 不在 sectors 中")
        if product.role and product.role not in vocab.roles:
            raise CatalogueError(f"vocabulary.yaml: 产品 {product.name} 的角色 {product.role} 不在 roles 中")
    if set(vocab.sizes) != set(SIZES):
        raise CatalogueError(f"vocabulary.yaml: sizes 必须正好是 {' / '.join(SIZES)}")
    bad = [p for p in vocab.traditional_to_simplified.split() if len(p) != 2]
    if bad:
        raise CatalogueError(f"vocabulary.yaml: traditional_to_simplified 中的 {bad[0]} 不是“繁简”两个字")


def labels_path(vocabulary_path: Path) -> Path:
    return vocabulary_path.parent / "messages" / "labels.yaml"


def messages_path(vocabulary_path: Path) -> Path:
    """The eligibility words: the knowledge folder's messages/ (Settings.messages_dir), like labels.yaml."""
    return vocabulary_path.parent / "messages" / "eligibility.yaml"


def load_vocabulary(path: Path | str) -> Vocabulary:
    """Load and validate the vocabulary (with messages/labels.yaml and eligibility.yaml), read afresh on every call.

    `path` is settings.vocabulary_path (there is no default: the knowledge folder is a setting);
    the Runtime keeps the one it loaded until reload().
    """
    path = Path(path)
    for needed in (path, labels_path(path), messages_path(path)):
        if not needed.is_file():
            raise CatalogueError(f"词表文件不存在：{needed}")
    labels = load_yaml_model(labels_path(path), Labels, CatalogueError)
    messages = load_yaml_model(messages_path(path), EligibilityMessages, CatalogueError)
    raw = read_yaml(path, CatalogueError)
    if isinstance(raw, dict):
        raw = {**raw, "labels": labels, "messages": messages}
    try:
        vocab = Vocabulary.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(f"{path.name}: {first_error(exc)}") from None
    _check(vocab)
    return vocab


def term_name(vocab: Vocabulary, kind: str, value: str, lang: str = "zh") -> str:
    """A profile or item term (roles, sectors, needs, size) in `lang`: the vocabulary's English name where it has
    one, the Chinese term otherwise; the one rule the matcher's reasons, profile lines and reports share."""
    if lang != "en":
        return value
    if kind == "size":
        return vocab.messages.text(SIZE_KEYS[value], lang) if value in SIZE_KEYS else value
    spec = {"roles": vocab.roles, "sectors": vocab.sectors, "needs": vocab.needs}.get(kind, {})
    return spec[value].en if value in spec else value
