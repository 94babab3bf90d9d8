"""Support items proposed by the LLM at ingest, kept only where the document's own words bear them out.

    proposer = LLMItemProposer(chat, settings.prompts_dir, settings.cache_dir / "llm_items", settings.items)
    items = proposer(document, clauses, rule_items, rules.items)   # the rules' items, plus grounded additions
    proposer.report()                                              # calls, additions, drops, one warning

Off unless ASSISTANT_ITEMS__LLM=true and a model is configured; the rules
(assistant/documents/items.py) stay the offline default and their items are never changed but by
an added, grounded condition. Per document, the clauses go to the model in bounded batches
(prompts/items.md); the JSON it returns is validated with pydantic, then grounded field by field:

- an item is dropped unless its benefit sentence is verbatim in the clause it names;
- a condition, amount or window is dropped (the item stays) unless its quote is verbatim in the
  cited clause, and its value is what the rules' own parsers (MONEY, PERCENT, COUNT, DATE) read
  from that quote; a named condition's text must be words of its quote;
- kind and category are classified from the quoted benefit sentence by the rules, never taken
  from the model; the title is the model's only when it is words of the clause.

Merging: an LLM item on the same clause and benefit span as a rules item is not added; its
grounded conditions of a kind the rules' item lacks are added to it (extracted_by="llm"). Any
model failure (down, timeout, HTTP error, junk JSON) leaves that document's items exactly as the
rules made them, stops asking for the rest of the ingest, and is one warning in the report.
Replies are cached by the hash of what was sent (model and rendered prompt), so a rebuild with
unchanged clauses asks nothing again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import os
import re
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.documents.items import (  # _NUMBER_PREFIX: one numbering grammar, so titles read alike
    _NUMBER_PREFIX,
    COUNT,
    MONEY,
    PERCENT,
    ItemRules,
    category_of,
    classify_kind,
    implicit_region,
    item_id,
    may_hold_items,
    money_wan,
    number,
    percent_fraction,
    unique_quotes,
)
from assistant.documents.metadata import DATE, date_of
from assistant.llm.client import ChatModel, complete, parse_json_object
from assistant.llm.errors import LLMBadOutput, LLMError
from assistant.llm.prompts import load_prompt
from assistant.settings import ItemProposalSettings
from assistant.types import (
    Amount,
    AmountKind,
    ApplicationWindow,
    Clause,
    ConditionKind,
    Document,
    ItemCondition,
    ItemQuote,
    SupportItem,
)

log = logging.getLogger(__name__)

PROMPT = "items"
MIN_BENEFIT_CHARS = 6  # a benefit *sentence*: 奖励 alone grounds nothing
MAX_BENEFICIARIES = 3  # as many as the rules keep
MAX_ITEMS_PER_CLAUSE = 5  # a reply proposing more per clause sent is cut there (bounded work per reply)
SOFT_WORD = "优先"  # the rules' mark of a preference, not a requirement
DEFAULT_KIND = "支持"  # what classify_kind answers when no kind of items.yaml names the sentence
_MONEY_KINDS = {"revenue_min", "revenue_max", "rd_spend_min", "investment_min", "tax_paid_min", "tax_per_mu_min"}
_UNITS = {**dict.fromkeys(_MONEY_KINDS, "万元"), "rd_ratio_min": "fraction", "employees_min": "人",
          "employees_max": "人", "established_before": "年", "established_after": "年"}
_YEARS = re.compile(r"([0-9０-９]+|[零〇一二两三四五六七八九十]+)\s*(?:个)?(?:周)?年")
_TRIM = " \t\u3000\n。；;"


# ── what the model may reply (prompts/items.md), validated strictly ──


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProposedCondition(_Strict):
    kind: ConditionKind
    value: float | None = None
    text: str | None = None
    hard: bool = True
    quote: str = Field(min_length=1)
    clause: str | None = Field(default=None, description="Anchor of the clause quoted; default the item's")


class ProposedAmount(_Strict):
    kind: AmountKind
    value: float
    value_min: float | None = None
    quote: str = Field(min_length=1)


class ProposedWindow(_Strict):
    opens: dt.date | None = None
    deadline: dt.date | None = None
    quote: str = Field(min_length=1)
    clause: str | None = None


class ProposedItem(_Strict):
    """One item as proposed; its parts are validated one by one, so a bad one loses only itself."""

    clause: str = Field(min_length=1)
    benefit_quote: str = Field(min_length=1)
    title: str = ""
    beneficiaries: list[str] = Field(default_factory=list)
    conditions: list[Any] = Field(default_factory=list)
    amounts: list[Any] = Field(default_factory=list)
    window: Any = None

    @field_validator("title", mode="before")
    @classmethod
    def _no_null_title(cls, value: object) -> object:
        return "" if value is None else value


class ItemProposalReport(BaseModel):
    """What the LLM proposals did during one ingest (IngestReport.items_llm)."""

    documents: int = Field(default=0, description="Documents whose clauses were proposed on")
    calls: int = Field(default=0, description="Model calls made")
    cached: int = Field(default=0, description="Batches answered from the cache (no call)")
    proposed: int = Field(default=0, description="Items the model proposed")
    added_items: int = Field(default=0, description="Grounded items the rules had not found, added")
    added_conditions: int = Field(default=0, description="Grounded conditions added to the rules' items")
    dropped: int = Field(default=0, description="Proposed items or fields dropped: not verbatim, not re-parsed "
                                                "from their quote, or malformed")
    duplicates: int = Field(default=0, description="Proposed items the rules (or an earlier proposal) already had")
    skipped_clauses: int = Field(default=0, description="Clauses beyond max_calls_per_document, left to the rules")
    warning: str | None = Field(default=None, description="Why proposals stopped (the rules' items were kept)")


# ── grounding: every field against the document's words ──


class _Grounder:
    """Turns one document's proposals into SupportItems whose every field is verbatim and re-parsed."""

    def __init__(self, document: Document, rules: ItemRules) -> None:
        self.document = document
        self.by_anchor: dict[str, Clause] = {}  # the clauses of the batch being grounded: what the model saw
        self.rules = rules
        self.dropped = 0

    def locate(self, clause: Clause, quote: str) -> ItemQuote | None:
        """The span of `quote` in `clause` (surrounding spaces and end punctuation trimmed), or None."""
        text = quote.strip(_TRIM)
        pos = clause.text.find(text) if text else -1
        if pos < 0:
            return None
        start = clause.start + pos
        end = start + len(text)
        return ItemQuote(clause_id=clause.id, anchor=clause.anchor, start=start, end=end,
                         quote=self.document.text[start:end])

    def item(self, raw: object, ids: set[str]) -> SupportItem | None:
        try:
            proposal = ProposedItem.model_validate(raw)
        except ValidationError:
            self.dropped += 1
            return None
        clause = self.by_anchor.get(proposal.clause.strip())
        benefit = self.locate(clause, proposal.benefit_quote) if clause else None
        if clause is None or benefit is None or not self._states_benefit(benefit.quote):
            self.dropped += 1
            return None
        conditions = [c for raw_c in proposal.conditions if (c := self.condition(raw_c, clause))]
        amounts = [a for raw_a in proposal.amounts if (a := self.amount(raw_a, clause))]
        window = self.window(proposal.window, clause) if proposal.window is not None else None
        kind = classify_kind(benefit.quote, self.rules)
        citations = [benefit, *[c.quote for c in conditions if c.quote and c.quote.clause_id != clause.id]]
        if window and window.quote.clause_id != clause.id:
            citations.append(window.quote)
        return SupportItem(
            id=self._new_id(clause, ids), doc_id=self.document.meta.doc_id,
            category=category_of(kind, benefit.quote, self.rules), kind=kind,
            title=self._title(proposal.title, clause), beneficiaries=self._beneficiaries(proposal, clause),
            conditions=_unique_conditions([*implicit_region(self.document.meta), *conditions]),
            benefit=sorted(amounts, key=lambda a: a.quote.start), benefit_quote=benefit, window=window,
            citations=unique_quotes(citations), source="llm",
        )

    def condition(self, raw: object, home: Clause) -> ItemCondition | None:
        try:
            c = ProposedCondition.model_validate(raw)
        except ValidationError:
            c = None
        clause = (self.by_anchor.get(c.clause.strip()) if c.clause else home) if c else None
        quote = self.locate(clause, c.quote) if c and clause else None
        condition = _grounded_condition(c, quote, clause.text) if c and clause and quote else None
        if condition is None:
            self.dropped += 1
        return condition

    def amount(self, raw: object, home: Clause) -> Amount | None:
        try:
            a = ProposedAmount.model_validate(raw)
        except ValidationError:
            a = None
        quote = self.locate(home, a.quote) if a else None
        parsed = _reparsed_amount(a, quote.quote) if a and quote else None
        if parsed is None or quote is None or a is None:
            self.dropped += 1
            return None
        unit = "fraction" if a.kind in ("ratio", "rate") else "万元"
        return Amount(kind=a.kind, value=parsed[0], value_min=parsed[1], unit=unit, text=quote.quote,
                      quote=quote, extracted_by="llm")

    def window(self, raw: object, home: Clause) -> ApplicationWindow | None:
        try:
            w = ProposedWindow.model_validate(raw)
        except ValidationError:
            w = None
        clause = (self.by_anchor.get(w.clause.strip()) if w.clause else home) if w else None
        quote = self.locate(clause, w.quote) if w and clause else None
        if w is None or quote is None or not _dates_stated(w, quote.quote):
            self.dropped += 1
            return None
        return ApplicationWindow(opens=w.opens, deadline=w.deadline, quote=quote, extracted_by="llm",
                                 scope="item" if quote.clause_id == home.id else "document")

    def _states_benefit(self, text: str) -> bool:
        """A sentence, naming support in the rules' words (a benefit pattern, or a kind other than the
        catch-all 支持): a verbatim duty or goal (负责组织实施) is no item."""
        if len(text) < MIN_BENEFIT_CHARS:
            return False
        return bool(self.rules.benefit.search(text)) or classify_kind(text, self.rules) != DEFAULT_KIND

    def _title(self, proposed: str, clause: Clause) -> str:
        title = proposed.strip()
        if title and (title in clause.text or title in clause.section):
            return title[:60]
        # Without the rules' numbering prefix (第九条 / （三） / 1.), as their titles.
        return (_NUMBER_PREFIX.sub("", clause.title).strip() or clause.text[:20]).strip()[:60]

    def _beneficiaries(self, proposal: ProposedItem, clause: Clause) -> list[str]:
        words = [b.strip() for b in proposal.beneficiaries if isinstance(b, str) and b.strip()]
        kept = [b for b in dict.fromkeys(words) if b in clause.text]
        self.dropped += len(set(words)) - len(kept)
        return kept[:MAX_BENEFICIARIES]

    def _new_id(self, clause: Clause, ids: set[str]) -> str:
        n = 1
        while f"{item_id(clause.doc_id, clause.anchor)}-llm{n}" in ids:
            n += 1
        ids.add(f"{item_id(clause.doc_id, clause.anchor)}-llm{n}")
        return f"{item_id(clause.doc_id, clause.anchor)}-llm{n}"


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _money_values(text: str) -> list[tuple[float, float | None]]:
    return [v for m in MONEY.finditer(text) if (v := money_wan(m)) is not None]


def _percent_values(text: str) -> list[tuple[float, float | None]]:
    return [v for m in PERCENT.finditer(text) if (v := percent_fraction(m.group(0))) is not None]


def _reparsed_amount(a: ProposedAmount, quote: str) -> tuple[float, float | None] | None:
    """The (value, lower end) the rules' parser reads from `quote` that the proposal states, else None."""
    values = _percent_values(quote) if a.kind in ("ratio", "rate") else _money_values(quote)
    for high, low in values:
        if _same(high, a.value) and (a.value_min is None or (low is not None and _same(low, a.value_min))):
            return high, low
    return None


def _threshold_values(kind: str, quote: str) -> list[float]:
    if kind in _MONEY_KINDS:
        return [v for v, _ in _money_values(quote)]
    if kind == "rd_ratio_min":
        return [v for v, _ in _percent_values(quote)]
    pattern = COUNT if kind.startswith("employees") else _YEARS
    return [v for m in pattern.finditer(quote) if (v := number(m.group(1))) is not None]


def _grounded_condition(c: ProposedCondition, quote: ItemQuote, clause_text: str) -> ItemCondition | None:
    """A threshold whose value the rules' parser reads from the quote, or a name that is words of it.

    It is a mere preference (hard=False) only where its clause says 优先, as the rules read it: a
    model cannot soften a condition the text states."""
    hard = c.hard or SOFT_WORD not in clause_text
    if c.kind in _UNITS:
        if c.value is None or not any(_same(v, c.value) for v in _threshold_values(c.kind, quote.quote)):
            return None
        return ItemCondition(kind=c.kind, value=c.value, unit=_UNITS[c.kind], hard=hard, quote=quote,
                             extracted_by="llm")
    text = (c.text or "").strip() or (quote.quote if c.kind == "attestation" else "")
    if not text or text not in quote.quote:
        return None
    return ItemCondition(kind=c.kind, text=text, hard=hard, quote=quote, extracted_by="llm")


def _dates_stated(w: ProposedWindow, quote: str) -> bool:
    """Some date is given, and each given date is one DATE reads in the quote (a month: its first or last day)."""
    stated = {d for m in DATE.finditer(quote) for d in (date_of(m), date_of(m, end_of_period=True)) if d}
    given = [d for d in (w.opens, w.deadline) if d is not None]
    return bool(given) and all(d in stated for d in given)


def _unique_conditions(conditions: list[ItemCondition]) -> list[ItemCondition]:
    out, seen = [], set()
    for c in conditions:
        if (c.kind, c.value, c.text) not in seen:
            seen.add((c.kind, c.value, c.text))
            out.append(c)
    return out


# ── merging with the rules' items ──


def _overlaps(a: ItemQuote, b: ItemQuote) -> bool:
    return a.clause_id == b.clause_id and a.start < b.end and b.start < a.end


def _lacks(item: SupportItem, c: ItemCondition) -> bool:
    """The rules' item has no condition of this kind (a threshold) or of this kind and name/span (a name)."""
    same_kind = [x for x in item.conditions if x.kind == c.kind]
    if c.kind in _UNITS:
        return not same_kind
    return not any(x.text == c.text or (x.quote and c.quote and _overlaps(x.quote, c.quote)) for x in same_kind)


def merge(rule_items: list[SupportItem], proposed: list[SupportItem]) -> tuple[list[SupportItem], int, int, int]:
    """The rules' items (first, unchanged but for added grounded conditions) and the proposals they lack.

    Returns (items, items added, conditions added, proposals that were already there)."""
    items = list(rule_items)
    added_items = added_conditions = duplicates = 0
    for p in proposed:
        at = next((i for i, r in enumerate(items) if _overlaps(r.benefit_quote, p.benefit_quote)), None)
        if at is None:
            items.append(p)
            added_items += 1
            continue
        duplicates += 1
        if items[at].source == "llm":  # two proposals of one benefit: the first stands
            continue
        extra = [c for c in p.conditions if c.extracted_by == "llm" and _lacks(items[at], c)]
        if extra:
            target = items[at]
            quotes = [c.quote for c in extra if c.quote and c.quote.clause_id != target.benefit_quote.clause_id]
            items[at] = target.model_copy(update={"conditions": [*target.conditions, *extra],
                                                  "citations": unique_quotes([*target.citations, *quotes])})
            added_conditions += len(extra)
    return items, added_items, added_conditions, duplicates


# ── asking the model: bounded batches, cached replies, one failure stops it ──


class LLMItemProposer:
    """Proposes items per document during one ingest (make a new one per ingest: it counts and may trip)."""

    def __init__(self, chat: ChatModel, prompts_dir: Path, cache_dir: Path, limits: ItemProposalSettings) -> None:
        self.chat = chat
        self.prompts_dir = prompts_dir
        self.cache_dir = cache_dir
        self.limits = limits
        self._report = ItemProposalReport()
        self._failure: str | None = None
        self._left_to_rules = 0

    @property
    def fingerprint(self) -> str:
        """Part of the index's pipeline fingerprint: turning proposals on, or another model or prompt, rebuilds.

        After a failure it differs, so the build records that its proposals are incomplete and the
        next ingest is not "up to date": it tries again (the batches that did answer are cached)."""
        h = hashlib.sha256(f"llm-items:{self.chat.name}:{self.limits.model_dump_json()}".encode())
        for suffix in (".md", ".txt"):
            path = self.prompts_dir / f"{PROMPT}{suffix}"
            if path.is_file():
                h.update(path.read_bytes())
                break
        return h.hexdigest()[:16] + ("-incomplete" if self._failure is not None else "")

    def report(self) -> ItemProposalReport:
        warning = None
        if self._failure:
            warning = (f"语言模型提议支持事项失败（{self._failure}）：{self._left_to_rules} 份文档只用规则提取的"
                       f"支持事项，导入照常完成")
        return self._report.model_copy(update={"warning": warning})

    def __call__(self, document: Document, clauses: list[Clause], items: list[SupportItem],
                 rules: ItemRules) -> list[SupportItem]:
        """`items` (the rules') with the grounded proposals merged in; `items` itself on any failure."""
        if self._failure is not None:
            self._left_to_rules += 1
            return items
        try:
            return self._propose(document, clauses, items, rules)
        except LLMError as exc:
            self._fail(str(exc), exc.code)
        except Exception as exc:  # a fault of ours must not fail the ingest either: the rules' items stand
            log.exception("LLM item proposals failed")
            self._fail(f"{type(exc).__name__}", type(exc).__name__)
        return items

    def _fail(self, message: str, code: str) -> None:
        log.warning("LLM item proposals stopped (%s); the rules' items are kept", code)
        self._failure = message
        self._left_to_rules += 1

    def _propose(self, document: Document, clauses: list[Clause], items: list[SupportItem],
                 rules: ItemRules) -> list[SupportItem]:
        own = [c for c in clauses if c.doc_id == document.meta.doc_id]
        batches, skipped = self._batches([c for c in own if may_hold_items(c, rules)])
        # All asked before any is used: a failure midway leaves the document as the rules made it.
        replies = [(batch, self._ask(document, batch)) for batch in batches]
        grounder = _Grounder(document, rules)
        ids = {i.id for i in items}
        proposed: list[SupportItem] = []
        for batch, raw_items in replies:
            grounder.by_anchor = {c.anchor: c for c in batch}
            kept = raw_items[:MAX_ITEMS_PER_CLAUSE * len(batch)]
            grounder.dropped += len(raw_items) - len(kept)
            proposed.extend(item for raw in kept if (item := grounder.item(raw, ids)) is not None)
        merged, added_items, added_conditions, duplicates = merge(items, proposed)
        r = self._report
        r.documents += 1
        r.proposed += sum(len(raw_items) for _, raw_items in replies)
        r.added_items += added_items
        r.added_conditions += added_conditions
        r.dropped += grounder.dropped
        r.duplicates += duplicates
        r.skipped_clauses += skipped
        return merged

    def _batches(self, clauses: list[Clause]) -> tuple[list[list[Clause]], int]:
        """Clauses in batches of at most max_clauses / max_chars, at most max_calls batches; and how many
        clauses were left out."""
        limits = self.limits
        batches: list[list[Clause]] = []
        current: list[Clause] = []
        chars = 0
        for i, clause in enumerate(clauses):
            size = min(len(clause.text), limits.max_chars_per_call)
            full = len(current) >= limits.max_clauses_per_call or chars + size > limits.max_chars_per_call
            if current and full:
                batches.append(current)
                current, chars = [], 0
                if len(batches) >= limits.max_calls_per_document:
                    return batches, len(clauses) - i
            current.append(clause)
            chars += size
        if current:
            batches.append(current)
        return batches, 0

    def _ask(self, document: Document, batch: list[Clause]) -> list[object]:
        """The reply's items (raw, not yet grounded), from the cache or one model call."""
        # A clause longer than a call is cut: a quote from the part sent still lies in the clause.
        lines = [{"clause": c.anchor, "section": c.section, "text": c.text[:self.limits.max_chars_per_call]}
                 for c in batch]
        messages = load_prompt(PROMPT, self.prompts_dir).format_messages(
            title=document.meta.title,
            clauses="\n".join(json.dumps(line, ensure_ascii=False) for line in lines),
            condition_kinds="、".join(ConditionKind.__args__),  # type: ignore[attr-defined]
            amount_kinds="、".join(AmountKind.__args__),  # type: ignore[attr-defined]
        )
        path = self.cache_dir / f"{_key(self.chat.name, messages)}.json"
        reply = _read_cached(path)
        if reply is not None:
            self._report.cached += 1
            return _items_of(reply)
        self._report.calls += 1
        reply = complete(self.chat, messages)
        found = _items_of(reply)
        _write_cached(path, reply)  # only a reply that parsed: a failure is asked again next time
        return found


def _items_of(reply: str) -> list[object]:
    data = parse_json_object(reply)
    items = data.get("items")
    if not isinstance(items, list):
        raise LLMBadOutput("语言模型的回复缺少 items 列表")
    return items


def _key(model: str, messages: list[BaseMessage]) -> str:
    h = hashlib.sha256(model.encode())
    for m in messages:
        h.update(b"\0" + m.type.encode() + b"\0" + str(m.content).encode())
    return h.hexdigest()


def _read_cached(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write_cached(path: Path, reply: str) -> None:
    """Atomically (a killed ingest leaves no half reply); a cache that cannot be written is only slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp-{os.getpid()}")
        tmp.write_text(reply, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("LLM item reply not cached (%s)", type(exc).__name__)
