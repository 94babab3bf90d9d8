"""Boundary objects shared by the CLI, API, UI and eval (one model per object)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class ClosedModel(BaseModel):
    """Base of every boundary model: unknown fields are an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid")


class DocumentMeta(ClosedModel):
    """What the side-file (or a default derived from the file) says about one policy document."""

    doc_id: str = Field(description="Stable identifier, unique in the index")
    title: str = Field(description="Official title, e.g. 加快全省智能制造装备产业发展行动方案")
    issuer: str | None = Field(default=None, description="Issuing authority")
    issue_date: dt.date | None = Field(default=None, description="Date the document was issued")
    doc_type: str | None = Field(default=None, description="Document type (category), e.g. 方案, 措施, 通知")
    effective_from: dt.date | None = Field(default=None, description="First day of the execution period")
    effective_to: dt.date | None = Field(default=None, description="Last day of the execution period")
    parent_policy: str | None = Field(default=None, description="Policy this document implements")
    source: str | None = Field(default=None, description="Where the text came from")
    region: str | None = Field(default="湖北省", description="Region the document applies to")
    doc_number: str | None = Field(default=None, description="文号, e.g. 鄂经信规〔2024〕3号")
    issuers: list[str] = Field(default_factory=list, description="Every issuing authority (joint documents)")
    level: DocumentLevel | None = Field(default=None, description="Administrative level of the issuer")
    repeals: list[str] = Field(default_factory=list, description="Titles this document repeals (同时废止《…》)")
    provenance: dict[str, FieldSource] = Field(
        default_factory=dict, description="Per field: given (side-file), extracted (from the text) or default")
    validity_changes: list[ValidityChange] = Field(
        default_factory=list, description="Extensions / repeals of this document stated by other documents of the "
                                          "library (applied at index build); effective_to already includes them")


class ValidityChange(ClosedModel):
    """Another document of the library extends or repeals this one, in one explicit sentence."""

    kind: Literal["extended", "repealed"]
    by_doc_id: str = Field(description="The document that says so")
    by_title: str
    sentence: str = Field(description="The sentence of by_doc_id, verbatim")
    original_to: dt.date | None = Field(description="This document's own effective_to, before the change")
    effective_to: dt.date = Field(description="The last day in force after the change")
    note: dict[str, str] = Field(default_factory=dict, description="Unused: builds before messages/validity.yaml "
                                 "stored the change in words here; notices now render it from the messages")


DocumentLevel = Literal["国家", "省", "市", "区县"]
FieldSource = Literal["given", "extracted", "default"]
ValidityChange.model_rebuild()
DocumentMeta.model_rebuild()


class FileError(ClosedModel):
    """One file of a multi-file ingest that could not be added (the others were)."""

    path: str = Field(description="The file as given")
    error: str = Field(description="One-line reason, safe to show")


class Document(ClosedModel):
    """A policy document as indexed: its metadata and the exact text every quote is cut from."""

    meta: DocumentMeta
    text: str = Field(description="Full text; every clause and quote is text[start:end]")
    sha256: str = Field(description="Content hash of text and metadata, for incremental ingest")
    path: str | None = Field(default=None, description="File it was loaded from")


class Clause(ClosedModel):
    """One retrievable unit: a numbered clause, labelled paragraph or a split part of a long one."""

    id: str = Field(description="Unique key: doc_id + '#' + anchor")
    doc_id: str
    anchor: str = Field(description="Stable position in the numbering tree, e.g. 三.（三）.1")
    section: str = Field(description="Human path, e.g. 三、主要行动 › （三）实施“示范应用行动” › 1.鼓励首台套应用")
    title: str = Field(default="", description="Short title of the clause (its lead-in or heading)")
    start: int = Field(ge=0, description="Start offset in the document text")
    end: int = Field(gt=0, description="End offset (exclusive) in the document text")
    text: str = Field(description="Exactly document.text[start:end]")
    depth: int = Field(default=0, ge=0, description="Depth in the numbering tree")

    @property
    def indexed_text(self) -> str:
        """What is embedded and searched: the heading path, then the clause (never quoted)."""
        return f"{self.section}\n{self.text}"


class Citation(ClosedModel):
    """A numbered source behind an answer; quote is verbatim document text[start:end]."""

    n: int = Field(ge=1, description="Number used as [n] in the answer")
    doc_id: str
    doc_title: str
    anchor: str
    section: str
    quote: str = Field(description="Verbatim text of the document between start and end")
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    score: float = Field(description="Retrieval score of the clause (higher is better)")


Severity = Literal["info", "warning"]


class Notice(ClosedModel):
    """Something the user must know beside the answer (validity, fallback, abstention)."""

    code: str = Field(description="Machine-readable kind, e.g. validity_expired")
    message: str = Field(description="Text shown to the user")
    severity: Severity = "info"


class ScoredClause(ClosedModel):
    """A clause as returned by retrieval, with its fused and per-retriever scores."""

    clause: Clause
    score: float = Field(description="Fused score (RRF)")
    dense_score: float | None = Field(default=None, description="Cosine similarity, if dense found it")
    lexical_score: float | None = Field(default=None, description="BM25 score, if lexical found it")
    dense_rank: int | None = None
    lexical_rank: int | None = None


class Turn(ClosedModel):
    """One prior turn of a conversation."""

    role: Literal["user", "assistant"]
    content: str


class AnswerPart(ClosedModel):
    """One ask of a multi-part question and how the answer treats it."""

    question: str = Field(description="The ask, as worded in the question")
    status: Literal["answered", "not_stated"]
    citations: list[int] = Field(default_factory=list, description="The [n] that answer it")


class Answer(ClosedModel):
    """The reply to one question, as printed by `assistant ask --json` and served by the API."""

    id: str | None = Field(default=None, description="Caller's id for the question, echoed")
    question: str
    answer: str = Field(description="Answer text; every [n] refers to citations")
    abstained: bool = Field(description="True when the documents do not contain the answer")
    citations: list[Citation] = Field(default_factory=list)
    matches: list[Match] = Field(default_factory=list, description="Eligibility matches, if routed")
    mode: Literal["extractive", "llm"] = "extractive"
    notices: list[Notice] = Field(default_factory=list)
    lang: Literal["zh", "en"] = Field(default="zh", description="Language of the headings, notices and labels")
    parts: list[AnswerPart] = Field(default_factory=list,
                                    description="The asks of a multi-part question, each answered or not stated")


# ── Eligibility (assistant/eligibility) ──────────────────────────────────────────────────────

CompanySize = Literal["大型企业", "中小企业"]
ConditionStatus = Literal["met", "unmet", "unknown"]
MatchStatus = Literal["qualifies", "may_qualify", "not_qualified", "unavailable"]
Availability = Literal["open", "expired", "closed", "not_yet"]


class CertificationYear(ClosedModel):
    """The year a company gained a certification, and whether that was its first one or a renewal."""

    year: int = Field(ge=1900, le=2200, description="Year of the (re)certification, e.g. 2024")
    round: Literal["first", "renewed"] | None = Field(
        default=None, description="first: 首次认定; renewed: 重新认定 / 复审; None: not said")


class CompanyProfile(ClosedModel):
    """What we know about a company asking what it can get; None / [] means "not known".

    Roles, sectors and needs take the names of knowledge/vocabulary.yaml; build profiles with
    assistant.eligibility.parse_profile, which also accepts aliases and explains bad input.
    """

    name: str | None = Field(default=None, description="Company name")
    city: str | None = Field(default=None, description="市州, canonical when recognised (东湖高新区 → 武汉)")
    district: str | None = Field(default=None, description="District, county-level city or zone, e.g. 东湖高新区")
    sectors: list[str] = Field(default_factory=list, description="Sectors, e.g. 工业机器人")
    products: list[str] = Field(default_factory=list, description="Main products, e.g. 精密减速器")
    roles: list[str] = Field(default_factory=list, description="Roles, e.g. 核心部件配套企业")
    size: CompanySize | None = Field(default=None, description="大型企业 or 中小企业")
    rd_ratio: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="R&D spending / sales revenue as a fraction (0.08 = 8%); "
        "'8%' and numbers in (1, 100] are read as percent",
    )
    first_of_kind: bool | None = Field(default=None, description="Has a 首台（套） first-of-kind product")
    needs: list[str] = Field(default_factory=list, description="What the company asks for, e.g. 融资")
    revenue: float | None = Field(default=None, ge=0, description="年主营业务收入 in 万元 (2.3亿元 → 23000)")
    employees: int | None = Field(default=None, ge=0, description="Employees (persons)")
    established_year: int | None = Field(default=None, ge=1800, le=2200, description="Year established")
    certifications: list[str] = Field(
        default_factory=list, description="Canonical certification names, e.g. 高新技术企业, "
        "国家级专精特新“小巨人”企业, 省级专精特新中小企业, 省级首台（套）重大技术装备认定")
    certifications_stated: bool = Field(
        default=False, description="True when the caller gave the certification list itself (then it is "
        "complete: a certification not in it is not held); False when unknown or read from a description")
    certification_years: dict[str, CertificationYear] = Field(
        default_factory=dict, description="When a held certification was gained: canonical name → year and "
        "round (first / renewed); a certification without an entry has no known year")
    rd_spend: float | None = Field(default=None, ge=0, description="R&D spending per year in 万元")
    tax_paid: float | None = Field(default=None, ge=0, description="Taxes paid last year (纳税总额) in 万元")
    tax_per_mu: float | None = Field(default=None, ge=0, description="Tax paid per mu of land (亩均税收) in 万元/亩")
    above_scale: bool | None = Field(default=None, description="规模以上工业企业 (规上): True / False / not known")
    description: str | None = Field(default=None, description="Free-text self-description")

    @field_validator("rd_ratio", mode="before")
    @classmethod
    def _percent_to_fraction(cls, value: object) -> object:
        # Users write 8, "8%" or 0.08 for the same thing; store the fraction.
        if isinstance(value, str):
            text = value.strip()
            if text.endswith(("%", "％")):
                return float(text[:-1]) / 100
            value = float(text) if text else None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 < value <= 100:
            return value / 100
        return value


Names = str | list[str]  # "机器人, 激光" or ["机器人", "激光"]


class ProfileInput(ClosedModel):
    """A company profile as a caller gives it (CLI file, REST body, UI form, chat), checked once at the edge.

    Values are still the caller's words (aliases such as 龙头企业 or 光谷, "8%"); the eligibility
    component resolves them into a CompanyProfile and extracts missing fields from `description`.
    """

    name: str | None = Field(default=None, description="Company name")
    city: str | None = Field(default=None, description="City or zone, e.g. 襄阳 or 东湖高新区 / 光谷")
    district: str | None = Field(default=None, description="District, county-level city or zone")
    sectors: Names | None = Field(default=None, description="Sector names or aliases, e.g. 机器人")
    products: Names | None = Field(default=None, description="Main products, e.g. 精密减速器")
    roles: Names | None = Field(default=None, description="Role names or aliases, e.g. 龙头企业")
    size: str | None = Field(default=None, description="大型企业 / 中小企业 or an alias such as SME")
    rd_ratio: float | str | None = Field(
        default=None, description="R&D spending / sales: a fraction (0.08), a percent string ('8%') or 8")
    first_of_kind: bool | str | None = Field(default=None, description="Has a 首台（套） product (true / 是 / 否)")
    needs: Names | None = Field(default=None, description="What the company asks for, e.g. 融资")
    revenue: float | str | None = Field(default=None, description="年主营业务收入: 万元 (23000) or words (2.3亿元)")
    employees: int | str | None = Field(default=None, description="Employees: 200 or 200人")
    established_year: int | str | None = Field(default=None, description="Year established: 2015 or 2015年")
    certifications: Names | None = Field(
        default=None, description="Certifications held (names or aliases, e.g. 高新技术企业, 小巨人); "
        "a given list (even []) is taken as complete")
    certification_years: dict[str, int | str | dict[str, Any]] | str | None = Field(
        default=None, description="When each certification was gained: {高新技术企业: 2024} or "
        "{小巨人: 2021年首次认定}, or words (高新技术企业 2024年重新认定；小巨人 2021); optional")
    rd_spend: float | str | None = Field(default=None, description="R&D spending per year: 万元 (800) or 800万元")
    tax_paid: float | str | None = Field(default=None, description="Taxes paid last year (纳税总额): 万元 (820) "
                                              "or 820万元")
    tax_per_mu: float | str | None = Field(default=None, description="亩均税收: 万元 per 亩 (35) or 35万元")
    above_scale: bool | str | None = Field(default=None, description="规模以上 (规上): true / 是 / 否")
    description: str | None = Field(default=None, description="Free-text self-description; explicit fields win")

    def explicit(self) -> dict[str, object]:
        """The fields the caller actually gave (not the description)."""
        return {k: v for k, v in self.model_dump(exclude={"description"}).items() if v not in (None, "", [])}


class ConditionResult(ClosedModel):
    """One condition of a catalogue entry checked against a profile."""

    field: str = Field(description="Profile field checked, or 'attestation' for what only the company can confirm")
    requirement: str = Field(description="The condition in words")
    status: ConditionStatus = Field(description="unknown when the profile does not say (never unmet)")
    hard: bool = Field(description="An unmet hard condition rules the entry out")
    relevance: bool = Field(default=False, description="Only used for ranking, never for eligibility")
    reason: str = Field(description="Why, in Chinese, e.g. 所在城市 襄阳 属于方案点名的重点地市")


class Match(ClosedModel):
    """One support item (measure, funding channel or alliance) of one document, checked for one profile."""

    id: str = Field(description="The support item's id (doc_id:slug), unique in the library")
    title_zh: str
    title_en: str = ""
    category: Literal["support_measure", "funding_channel", "alliance"]
    status: MatchStatus = Field(description="unavailable: expired document, closed or not yet open window")
    doc_id: str | None = Field(default=None, description="Document the item comes from")
    doc_title: str | None = Field(default=None, description="That document's title")
    kind: str | None = Field(default=None, description="Finer kind: 奖励 补助 贴息 保险补偿 人才 用地 …")
    amount_text: str | None = Field(default=None, description="The amount words, verbatim from the document")
    amounts: list[Amount] = Field(default_factory=list, description="Parsed amounts, each with its verbatim text")
    estimate: str | None = Field(default=None, description="Arithmetic estimate from the profile's numbers, "
                                 "shown as such, e.g. 按10%估算约80万元，以认定为准")
    deadline: dt.date | None = Field(default=None, description="Application deadline, if stated")
    opens: dt.date | None = Field(default=None, description="First day applications are taken, if stated")
    days_left: int | None = Field(default=None, description="Days from today to the deadline (0 = today)")
    availability: Availability = Field(default="open", description="open, or why it is listed apart: the "
                                       "document expired / not yet in force, or the window closed / not open")
    availability_reason: str | None = Field(default=None, description="e.g. 已失效 2018-12-31 / 申报已截止 2026-11-20")
    score: float = Field(description="Ranking score: needs served, conditions met, unknowns")
    matched_needs: list[str] = Field(default_factory=list, description="Profile needs this entry serves")
    conditions: list[ConditionResult] = Field(default_factory=list)
    benefit: str = Field(description="What the company gets, as the plan states it")
    next_steps: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(
        default_factory=list, description="Verbatim quotes; score is 1.0 (catalogue, not retrieval)"
    )


class MatchResult(ClosedModel):
    """Everything the catalogue offers a profile, best first (the JSON of `assistant match`)."""

    id: str | None = Field(default=None, description="Caller's id, echoed")
    profile: CompanyProfile
    matches: list[Match] = Field(default_factory=list, description="Available items only, best first")
    unavailable: list[Match] = Field(
        default_factory=list, description="Items of expired / not yet valid documents or closed / not yet "
        "open windows (status unavailable, availability_reason says why); never offered")
    matches_total: int | None = Field(default=None, description="Available items in all (matches may show "
                                      "only the first of them)")
    unavailable_total: int | None = Field(default=None, description="Unavailable items in all")
    notices: list[Notice] = Field(default_factory=list)
    lang: Literal["zh", "en"] = Field(default="zh", description="Language of the reasons, availability and "
                                      "notices (knowledge/messages), chosen by assistant.text.reply_lang")




# ── Support items (assistant/documents/items.py; curated overlay in assistant/eligibility/library.py) ──

ItemCategory = Literal["support_measure", "funding_channel", "alliance"]
ItemSource = Literal["rules", "curated", "llm"]
ConditionKind = Literal[
    "region", "size", "revenue_min", "revenue_max", "rd_ratio_min", "rd_spend_min", "investment_min",
    "employees_min", "employees_max", "tax_paid_min", "tax_per_mu_min", "certification", "sector", "established_before",
    "established_after", "certified_since", "attestation",
]
AmountKind = Literal["ratio", "cap", "lump_sum", "per_person", "per_unit", "rate"]
ExtractedBy = Literal["rules", "llm"]  # who read a field from the text: the rules, or an LLM proposal checked verbatim


class ItemQuote(ClosedModel):
    """A verbatim span of a document: quote == document.text[start:end], inside clause `clause_id`."""

    clause_id: str = Field(description="Clause the span lies in (doc_id#anchor)")
    anchor: str = Field(description="That clause's anchor, e.g. 第五条 or 三.（三）.1")
    start: int = Field(ge=0, description="Start offset in the document text")
    end: int = Field(gt=0, description="End offset (exclusive) in the document text")
    quote: str = Field(min_length=1, description="Exactly document.text[start:end]")


class ItemCondition(ClosedModel):
    """One condition a company must meet (or confirm) for a support item."""

    kind: ConditionKind = Field(description="What is compared: a threshold, a name, or an attestation")
    value: float | None = Field(
        default=None, description="Threshold normalised: money in 万元, ratios as fractions (3% → 0.03), "
        "employees in persons, established_* in years; certified_since: the year certified since (None: the year "
        "of the application, 当年度)")
    unit: Literal["万元", "fraction", "人", "年"] | None = Field(default=None, description="Unit of value")
    text: str | None = Field(
        default=None, description="Named value: region (湖北省 / 襄阳市), size (规模以上 / 中小企业 / 大型企业), "
        "certification (高新技术企业, 专精特新“小巨人”（国家级）…), sector, or the attestation in words")
    round: Literal["first", "renewed"] | None = Field(
        default=None, description="certified_since only: the certification must be a first one (首次认定) or a "
        "renewal (重新认定); None: either")
    hard: bool = Field(default=True, description="Unmet rules the item out; False = a stated preference")
    source: Literal["text", "document", "curated"] = Field(
        default="text", description="text: quoted from a clause; document: implied by the document's "
        "region/level (no quote); curated: from knowledge/catalogue.yaml")
    quote: ItemQuote | None = Field(default=None, description="The verbatim span it came from (None only "
                                    "for source document/curated)")
    extracted_by: ExtractedBy = Field(default="rules", description="rules, or llm: proposed by the model "
                                      "and kept because its quote is verbatim in the cited clause")


class Amount(ClosedModel):
    """One parsed amount of a benefit, with the verbatim words it was read from."""

    kind: AmountKind = Field(description="ratio (按…的30%), cap (最高不超过500万元), lump_sum (一次性奖励50万元), "
                                         "per_person (每人…), per_unit (每台…), rate (贴息/利率 %)")
    value: float = Field(description="万元 for money, a fraction for ratio/rate (30% → 0.3)")
    value_min: float | None = Field(default=None, description="Lower end of a range (50—100万元), same unit")
    unit: Literal["万元", "fraction"] = Field(description="Unit of value")
    text: str = Field(min_length=1, description="Verbatim amount words, e.g. 按设备投资额的30%给予补助")
    quote: ItemQuote = Field(description="Where text lies; quote.quote == text")
    extracted_by: ExtractedBy = Field(default="rules", description="rules, or llm: proposed by the model, "
                                      "kept because the same parser reads this value from the quote")


class ApplicationWindow(ClosedModel):
    """When applications are taken, as a document sentence states it."""

    opens: dt.date | None = Field(default=None, description="First day applications are accepted")
    deadline: dt.date | None = Field(default=None, description="Last day (截止)")
    scope: Literal["item", "document"] = Field(
        default="document", description="item: stated in the item's own clause; document: the notice's "
        "deadline, applying to all its items")
    quote: ItemQuote = Field(description="The sentence stating the window")
    extracted_by: ExtractedBy = Field(default="rules", description="rules, or llm: proposed by the model, "
                                      "kept because its dates are read from the quote")
    recurring: Literal["yearly"] | None = Field(
        default=None, description="yearly: the dates recur every year (每年3月1日至3月31日); opens and deadline "
        "hold them in the year they were read, the matcher moves them to the run governing its day")


class SupportItem(ClosedModel):
    """One support measure, funding channel or alliance a document offers, every claim cited verbatim."""

    id: str = Field(description="Stable: doc_id + ':' + slug of the clause anchor (+ '-n' for a clause's "
                                "n-th item)")
    doc_id: str = Field(description="Document the item comes from")
    category: ItemCategory = Field(description="funding_channel (贷款/融资/基金/担保/贴息/保险), alliance "
                                               "(联盟/协会/平台 membership), else support_measure")
    kind: str = Field(description="Finer kind: 奖励 补助 贴息 保险补偿 人才 用地 融资 认定 平台 联盟 优先支持 …")
    title: str = Field(description="Short title, from the clause title or lead-in")
    beneficiaries: list[str] = Field(default_factory=list, description="Who the item is for, in the text's words")
    conditions: list[ItemCondition] = Field(default_factory=list, description="Typed conditions")
    benefit: list[Amount] = Field(default_factory=list, description="Parsed amounts (empty when none is stated)")
    benefit_quote: ItemQuote = Field(description="The verbatim sentence stating the benefit")
    summary: str = Field(default="", description="Curated wording of the benefit (overlay only; may paraphrase)")
    window: ApplicationWindow | None = Field(default=None, description="Application window, if stated")
    windows: list[ApplicationWindow] = Field(
        default_factory=list, description="When the document states several windows (batches) and none is "
        "tied to the item: all of them, in date order; the item is open while any is (the matcher shows the "
        "next open one; `window` is then the last to close)")
    procedure: list[ItemQuote] = Field(default_factory=list, description="Quotes on how to apply (申报程序)")
    materials: list[ItemQuote] = Field(default_factory=list, description="Quotes on what to submit (申报材料)")
    citations: list[ItemQuote] = Field(min_length=1, description="Every span cited; the first states the benefit")
    source: ItemSource = Field(default="rules", description="rules (offline default), curated overlay or llm "
                               "(an item only the model proposed; a rules item keeps 'rules' and marks the "
                               "fields the model added with extracted_by)")


Match.model_rebuild()
MatchResult.model_rebuild()
Answer.model_rebuild()
