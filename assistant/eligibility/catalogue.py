"""knowledge/catalogue.yaml: what the plan offers, validated against the vocabulary and the text.

Loading fails with a CatalogueError naming the entry when a role, sector, need, region or
condition field is unknown, or when a quote is not verbatim in the clause of its anchor. The
plan is read with the project's document loader and clause parser, so every citation's
start/end index the same text the search index stores.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError

from assistant.documents.clauses import parse_clauses
from assistant.documents.items import classify_kind
from assistant.documents.loaders import META_SUFFIX, READERS, load_document
from assistant.documents.rules import DocumentRules
from assistant.eligibility.errors import CatalogueError
from assistant.eligibility.vocabulary import SIZES, Category, Vocabulary, load_vocabulary
from assistant.errors import DocumentError
from assistant.types import Citation, Clause, ClosedModel, Document, DocumentMeta
from assistant.yamlfile import first_error, load_yaml_model

ALL = "all"
Operator = Literal["any_of", "none_of", "equals", "gte", "lte", "confirm"]

# Which operators make sense for which profile field; "attestation" is what only the company
# can confirm (e.g. 已承担国家科技重大专项), so it is always "unknown".
FIELD_OPERATORS: dict[str, set[str]] = {
    "city": {"any_of", "none_of"},
    "sectors": {"any_of", "none_of"},
    "roles": {"any_of", "none_of"},
    "needs": {"any_of", "none_of"},
    "products": {"any_of", "none_of"},
    "size": {"equals", "any_of", "none_of"},
    "first_of_kind": {"equals"},
    "rd_ratio": {"gte", "lte"},
    "attestation": {"confirm"},
}


class Condition(ClosedModel):
    """One explicit condition of an entry (implicit ones come from beneficiaries/sectors/regions)."""

    field: str
    operator: Operator
    values: list[bool | float | str] = Field(default_factory=list)
    hard: bool = Field(default=True, description="Unmet → not_qualified")
    relevance: bool = Field(default=False, description="Ranking only, never eligibility")
    open_list: bool = Field(default=False, description="Values end in 等: outside them is unknown")
    text: str = Field(description="The condition in words, shown to the user")


class Quote(ClosedModel):
    anchor: str
    quote: str = Field(min_length=2)


class Entry(ClosedModel):
    """One support measure, funding channel or alliance of the plan."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    category: Category
    tags: list[str] = Field(default_factory=list)
    title_zh: str
    title_en: str
    beneficiaries: list[str] = Field(min_length=1)
    sectors: list[str] = Field(min_length=1)
    sectors_open: bool = False
    sector_roles: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    regions_open: bool = False
    region_note: str = ""
    needs: list[str] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    benefit: str
    next_steps: list[str] = Field(min_length=1)
    citations: list[Quote] = Field(min_length=1)
    notes: str = ""

    @property
    def all_sectors(self) -> bool:
        return self.sectors == [ALL]


class _CatalogueFile(ClosedModel):
    version: int
    doc_id: str
    entries: list[dict]


class Catalogue(ClosedModel):
    """The validated catalogue, with every quote resolved to a Citation on the document text."""

    version: int
    doc_id: str
    doc_title: str
    plan: DocumentMeta = Field(description="The plan's metadata (execution period), read with the catalogue")
    entries: list[Entry]
    citations: dict[str, list[Citation]] = Field(description="Entry id → its citations, in order")
    vocabulary: Vocabulary
    kinds: dict[str, str] = Field(default_factory=dict,
                                  description="Entry id → its item kind (奖励, 补助, …) by the items.yaml rules")

    def get(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.entries]


# ── loading ──


def load_catalogue(
    path: Path | str,
    *,
    vocabulary_path: Path | str | None = None,
    policies_dir: Path | str | None = None,
    vocabulary: Vocabulary | None = None,
    rules: DocumentRules | None = None,
) -> Catalogue:
    """Load and validate the catalogue, read afresh on every call (the Runtime keeps one until reload()).

    `path` is settings.catalogue_path; the vocabulary (or an already loaded one), the policies folder
    (the plan and its .meta.yaml side-file) and the document rules default to the catalogue's
    neighbours: vocabulary.yaml, policies/, documents/.
    """
    path = Path(path)
    if vocabulary is None:
        vocabulary = load_vocabulary(Path(vocabulary_path) if vocabulary_path else path.with_name("vocabulary.yaml"))
    policies = Path(policies_dir) if policies_dir else path.with_name("policies")
    rules = rules or DocumentRules.load(path.with_name("documents"))
    return _load(path, vocabulary, policies, rules)


def _load(path: Path, vocab: Vocabulary, policies: Path, rules: DocumentRules) -> Catalogue:
    raw = load_yaml_model(path, _CatalogueFile, CatalogueError)
    document = _find_document(policies, raw.doc_id, rules)
    clauses = {c.anchor: c for c in parse_clauses(document.meta.doc_id, document.text)}
    entries: list[Entry] = []
    citations: dict[str, list[Citation]] = {}
    for i, data in enumerate(raw.entries, 1):
        entry = _validate_entry(data, i, vocab)
        if entry.id in citations:
            raise CatalogueError(f"{path.name}: 条目 id 重复：{entry.id}")
        entries.append(entry)
        citations[entry.id] = _resolve_quotes(entry, clauses, document)
    return Catalogue(
        version=raw.version,
        doc_id=document.meta.doc_id,
        doc_title=document.meta.title,
        plan=document.meta,
        entries=entries,
        citations=citations,
        vocabulary=vocab,
        kinds={e.id: classify_kind(" ".join([e.title_zh, *e.tags]), rules.items) for e in entries},
    )


def _find_document(policies: Path, doc_id: str, rules: DocumentRules) -> Document:
    """The document whose side-file says doc_id, read by the project's loader."""
    for meta_path in sorted(policies.glob(f"*{META_SUFFIX}")):
        try:
            meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if not isinstance(meta, dict) or meta.get("doc_id") != doc_id:
            continue
        stem = meta_path.name[: -len(META_SUFFIX)]
        for candidate in sorted(policies.iterdir()):
            if candidate.name.split(".")[0] == stem and candidate.suffix.lower() in READERS \
                    and not candidate.name.endswith(META_SUFFIX):
                try:
                    return load_document(candidate, rules)
                except DocumentError as exc:
                    raise CatalogueError(f"目录引用的文档无法读取：{exc}") from None
        raise CatalogueError(f"{meta_path.name}: 找不到与之同名的文档文件")
    raise CatalogueError(f"{policies} 中没有 doc_id 为 {doc_id} 的文档（元数据文件 *{META_SUFFIX}）")


# ── validation of one entry ──


def _validate_entry(data: dict, index: int, vocab: Vocabulary) -> Entry:
    name = data.get("id", f"#{index}") if isinstance(data, dict) else f"#{index}"
    try:
        entry = Entry.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError(f"catalogue.yaml: 条目 {name}: {first_error(exc)}") from None
    try:
        return _check_names(entry, vocab)
    except ValueError as exc:
        raise CatalogueError(f"catalogue.yaml: 条目 {entry.id}: {exc}") from None


def _check_names(entry: Entry, vocab: Vocabulary) -> Entry:
    """Check every vocabulary name; return the entry with role groups expanded."""
    for role in [*entry.beneficiaries, *entry.sector_roles]:
        if not vocab.is_role_or_group(role):
            raise ValueError(f"未知角色 {role}（可选：{'、'.join([*vocab.roles, *vocab.role_groups])}）")
    if not entry.all_sectors:
        for sector in entry.sectors:
            if sector not in vocab.sectors:
                raise ValueError(f"未知领域 {sector}（可选：all、{'、'.join(vocab.sectors)}）")
    for need in entry.needs:
        if need not in vocab.needs:
            raise ValueError(f"未知诉求 {need}（可选：{'、'.join(vocab.needs)}）")
    for region in entry.regions:
        if region not in vocab.regions.cities:
            raise ValueError(f"未知地区 {region}（应为湖北省市州名，如 武汉、襄阳）")
    for condition in entry.conditions:
        _check_condition(condition, vocab)
    return entry.model_copy(update={
        "beneficiaries": vocab.expand_roles(entry.beneficiaries),
        "sector_roles": vocab.expand_roles(entry.sector_roles),
    })


def _check_condition(condition: Condition, vocab: Vocabulary) -> None:
    allowed = FIELD_OPERATORS.get(condition.field)
    if allowed is None:
        raise ValueError(f"条件字段 {condition.field} 未知（可选：{'、'.join(FIELD_OPERATORS)}）")
    if condition.operator not in allowed:
        raise ValueError(f"条件字段 {condition.field} 不能用运算符 {condition.operator}")
    if condition.operator != "confirm" and not condition.values:
        raise ValueError(f"条件 {condition.field} 缺少 values")
    known = {
        "roles": set(vocab.roles),
        "sectors": set(vocab.sectors),
        "needs": set(vocab.needs),
        "size": set(SIZES),
        "city": set(vocab.regions.cities),
    }.get(condition.field)
    for value in condition.values:
        if known is not None and value not in known:
            raise ValueError(f"条件 {condition.field} 的取值 {value} 未知")
        if condition.field == "first_of_kind" and not isinstance(value, bool):
            raise ValueError("条件 first_of_kind 的取值必须是 true 或 false")
        if condition.field == "rd_ratio" and not (isinstance(value, float) and 0 <= value <= 1):
            raise ValueError("条件 rd_ratio 的取值必须是 0–1 之间的小数（0.05 = 5%）")


def _resolve_quotes(entry: Entry, clauses: dict[str, Clause], document: Document) -> list[Citation]:
    """Each quote as a Citation whose start/end cut it out of the document text exactly."""
    out = []
    for n, ref in enumerate(entry.citations, 1):
        clause = clauses.get(ref.anchor)
        if clause is None:
            raise CatalogueError(f"catalogue.yaml: 条目 {entry.id}: 锚点 {ref.anchor} 在文档中不存在")
        offset = clause.text.find(ref.quote)
        if offset < 0:
            raise CatalogueError(
                f"catalogue.yaml: 条目 {entry.id}: 引文不在条款 {ref.anchor} 原文中：{ref.quote[:40]}"
            )
        start = clause.start + offset
        end = start + len(ref.quote)
        if document.text[start:end] != ref.quote:  # the parser promises clause.text == text[start:end]
            raise CatalogueError(f"条款 {ref.anchor} 的位置与文档文本不一致，无法生成引文")
        out.append(Citation(
            n=n, doc_id=document.meta.doc_id, doc_title=document.meta.title, anchor=clause.anchor,
            section=clause.section, quote=ref.quote, start=start, end=end, score=1.0,
        ))
    return out
