"""Support items from a policy document's clauses, by rules: offline, conservative, every claim cited.

`extract_items(document, clauses, rules)` finds the clauses whose sentences state a benefit (给予…奖励,
一次性奖励50万元, 最高不超过500万元, 按…的30%, 优先推荐, 纳入…范围, 享受…), and reads from the same
clause, its lead-in and its parents the conditions (thresholds, certifications, size, region,
attestations), the parsed amounts, and from the whole document the application window, procedure
and materials. No item is made without a verbatim sentence stating the benefit; every quote is
document.text[start:end]. The words live in knowledge/documents/items.yaml (`ItemRules`, compiled
by DocumentRules from the Settings' knowledge folder and passed in).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from assistant.documents.clauses import SEPARATOR
from assistant.documents.metadata import DATE, cn_number, date_of
from assistant.errors import ConfigError
from assistant.types import (
    Amount,
    ApplicationWindow,
    Clause,
    Document,
    DocumentMeta,
    ItemCondition,
    ItemQuote,
    SupportItem,
)
from assistant.yamlfile import read_yaml

MAX_SHARED_QUOTES = 3  # document-level procedure/materials quotes attached to each item

_ARABIC = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
# 一万二千 is one number (12000): 万 inside Chinese numerals, never at their end (五万元 is 五 + 万元).
_CN = r"[零〇一二两三四五六七八九十百千]+(?:万[零〇一二两三四五六七八九十百千]+)?(?:点[零〇一二三四五六七八九]+)?"
_NUM = rf"(?:{_ARABIC}|{_CN})"
# 5千万元 (an Arabic numeral before 千万) is 5000万元: 千万 is a unit of its own. Shared with the ranking's
# amount fit (retrieval/amounts.py), so a question's 5千万 reads as a clause's does.
MONEY_UNIT = r"(?:亿元|千万元|万元|千元|元|(?:亿|千万|万)(?![人平吨台套件个次户家亩元]))"
_RANGE = r"\s*[-—–～~至到]\s*"
MONEY = re.compile(rf"(?P<a>{_NUM})(?:{_RANGE}(?P<b>{_NUM}))?\s*(?P<u>{MONEY_UNIT})")
PERCENT = re.compile(rf"(?:(?P<a>{_NUM})\s*[%％]?{_RANGE})?(?P<b>{_NUM})\s*[%％]|百分之(?P<c>{_CN})")
# English money (RMB 500,000 / RMB 3 million / 1.5 million yuan): group n the number, group s its scale word.
EN_MONEY = re.compile(r"(?:(?:RMB|CNY|¥)\s*(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<s>million|billion|thousand)?"
                      r"|(?P<n2>\d[\d,]*(?:\.\d+)?)\s*(?P<s2>million|billion|thousand)?\s*(?:yuan|RMB))\b")
_EN_SCALE = {None: 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
COUNT = re.compile(rf"(?P<a>{_NUM})\s*(?:人|名)")
_AMOUNT_ANY = rf"(?:{_NUM}\s*{MONEY_UNIT}|{_NUM}\s*[%％]|百分之{_CN})"
_PERCENT_ANY = rf"(?:{_NUM}\s*[%％]|百分之{_CN})"
_SENTENCE_END = re.compile(r"[。；！？!?;\n]")
_ROW_SENTENCE_END = re.compile(r"[。！？!?\n]")
_ROW_ANCHOR = re.compile(r"(?:^|\.)行\d+$")
_NUMBER_PREFIX = re.compile(r"^(?:第[零〇一二三四五六七八九十百千\d]+[章节条]|[一二三四五六七八九十]+[、．.]|"
                            r"[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])\s*")
_CELL = re.compile(r"([^：:；;]{1,20})[：:]([^；;]*)")
_DAY_NUM = r"([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})"
_MONTH_DAY = re.compile(rf"(?<!\d)(?<![^每]年){_DAY_NUM}\s*月\s*{_DAY_NUM}\s*日")  # 每年4月1日: no year of its own
# A clause number may stand before the lead-in (第二条 对规模以上工业企业…的，按…; 1. 对…; （三）对…).
_LEAD = re.compile(r"(?:^|(?<=[，。；：]))[\s*_]*(?:(?:第[零〇一二三四五六七八九十百千\d]+条|"
                   r"[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])\s*)?(?:对|凡|为)"
                   r"([^，。；\n]{2,80}?)(?=[，,]|给予|按|可|将)")
_SUPPORT_OBJECT = re.compile(r"(?:支持|鼓励|帮助|引导|扶持)([^，。；\n]{0,20}?(?:企业|单位|机构))")
_CONDITION_HEADER = re.compile(r"条件|对象|要求|范围|资格|主体")
_CERT_CUE = re.compile(r"(?:认定为|获得|评为|获评|列入|入选|经认定的|被认定|取得|认定的|获批|通过)[^，。；\n]{0,6}$")
_CAP_CUE = re.compile(r"最高|不超过|最多|上限|封顶|累计")
_RATE_CUE = re.compile(r"(?:年)?(?:利率|费率)[^，。；\n]{0,4}$")
_BACK_CUE = re.compile(
    r"(?:按[^，。；\n]{0,30}?|(?:单个[^，。；\n]{0,8}?)?(?:最高|不超过|最多|上限为?|封顶|累计不超过)[^，。；\n\d]{0,6}?|"
    r"(?:每[人名台套家个项件](?:每[月年])?|一次性|分别)?(?:给予)?(?:一次性)?(?:奖励|补助|补贴|资助|奖补|贴息|补偿)?)$")
_POST_VERB = re.compile(r"^(?:的)?(?:给予)?(?:的)?(?:一次性)?(?:保险|保费)?(?:奖励|补助|补贴|资助|奖补|贴息|补偿)")
_PER_PERSON_POST = re.compile(r"^\s*[/／每]\s*(?:人|名)")
_PER_UNIT_POST = re.compile(r"^\s*[/／每]\s*(?:台|套|家|个|项|件|亩|平方米)")


@dataclass
class _Sentence:
    start: int  # absolute offsets in the document text
    end: int
    text: str
    benefit: bool


@dataclass
class ItemRules:
    benefit: re.Pattern[str]
    not_benefit_sentences: re.Pattern[str]
    not_benefit_matches: re.Pattern[str]
    not_benefit_ever: re.Pattern[str]
    benefit_headers: tuple[str, ...]
    no_item_sections: re.Pattern[str]
    no_item_anchors: tuple[str, ...]
    kinds: list[tuple[str, re.Pattern[str]]]
    funding_kinds: frozenset[str]
    alliance: re.Pattern[str]
    certifications: list[tuple[str, re.Pattern[str]]]
    levels: re.Pattern[str]
    cert_period: dict[str, re.Pattern[str]]
    sizes: list[tuple[str, re.Pattern[str]]]
    attestations: re.Pattern[str]
    subject_joins: re.Pattern[str]
    subject_filler: re.Pattern[str]
    thresholds: list[tuple[str, re.Pattern[str]]]
    threshold_ranges: list[tuple[str, re.Pattern[str]]]
    at_most: re.Pattern[str]
    suffix_max: re.Pattern[str]
    region: re.Pattern[str]
    region_after: re.Pattern[str]
    region_within: re.Pattern[str]
    region_en: re.Pattern[str]
    thresholds_en: list[tuple[str, re.Pattern[str]]]
    abbreviation: re.Pattern[str]
    abbreviation_lead: re.Pattern[str]
    abbreviation_place: re.Pattern[str]
    zone_words: re.Pattern[str]
    established: re.Pattern[str]
    established_young: re.Pattern[str]
    sector: re.Pattern[str]
    window: re.Pattern[str]
    window_sections: re.Pattern[str]
    procedure_sections: re.Pattern[str]
    materials_sections: re.Pattern[str]
    procedure: re.Pattern[str]
    materials: re.Pattern[str]
    condition_sections: re.Pattern[str]
    condition_lead: re.Pattern[str]
    scope_sentence: re.Pattern[str]
    exclusion_sentence: re.Pattern[str]
    category_subject: re.Pattern[str]
    category_stopwords: re.Pattern[str]
    category_min_chars: int
    batch: re.Pattern[str]
    authority_window: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(words)


def compile_item_rules(path: Path) -> ItemRules:
    """The compiled rules of an items.yaml (settings.document_rules_dir); ConfigError names a bad file."""
    raw = read_yaml(path, ConfigError)
    try:
        return _compile(raw)  # type: ignore[arg-type]
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise ConfigError(f"{path.name}: 规则无效（{type(exc).__name__}: {exc}）") from None


def _compile(raw: dict[str, Any]) -> ItemRules:
    fill = {"{AMOUNT}": _AMOUNT_ANY, "{PERCENT}": _PERCENT_ANY}
    patterns = []
    for p in raw["benefit_patterns"]:
        for key, value in fill.items():
            p = p.replace(key, value)
        patterns.append(f"(?:{p})")
    # A sentence opening with the verb (奖励重大技术装备首台（套）示范项目) states the benefit too.
    patterns.append(r"(?:^|(?<=[，：]))(?:奖励|补助|补贴|资助)(?![金资])[\u4e00-\u9fff]")
    t = raw["thresholds"]
    money, pct, count = MONEY.pattern.replace("?P<", "?P<m_"), _PERCENT_ANY, COUNT.pattern.replace("?P<", "?P<c_")
    cmp = f"(?P<cmp>{raw['at_least']}|{raw['at_most']})?"
    suffix = f"(?P<suf>{raw['suffix_min']}|{raw['suffix_max']})?"
    mid = r"(?P<mid>[^，。；\n0-9０-９零〇一二两三四五六七八九十百千]{0,8}?)"
    money_or_unit = rf"{money}|{_BARE_UNIT.pattern}"
    number = {"revenue": money_or_unit, "rd_ratio": pct, "rd_spend": money_or_unit, "investment": money_or_unit,
              "employees": count, "tax_per_mu": money_or_unit, "tax_paid": money_or_unit}
    thresholds = [
        (name, re.compile(rf"(?:{t[name]}){mid}{cmp}\s*(?P<num>{number[name]}){suffix}"))
        for name in ("rd_ratio", "revenue", "rd_spend", "investment", "employees", "tax_per_mu", "tax_paid")
    ]
    # 营业收入2000万元至4亿元 / 在5000万元—2亿元之间 / 从业人员50至300人: both ends are conditions.
    one = {"revenue": (rf"{_NUM}\s*{MONEY_UNIT}?", rf"{_NUM}\s*{MONEY_UNIT}"),
           "employees": (rf"{_NUM}\s*(?:人|名)?", rf"{_NUM}\s*(?:人|名)")}
    ranges = [(name, re.compile(rf"(?:{t[name]}){mid}(?:在|为|介于)?\s*(?P<lo>{low}){_RANGE}(?P<hi>{high})"
                                rf"(?:之间|以内|（含）|\(含\))?"))
              for name, (low, high) in one.items()]
    return ItemRules(
        benefit=re.compile("|".join(patterns)),
        not_benefit_sentences=re.compile("|".join(f"(?:{p})" for p in raw["not_benefit_sentences"])),
        not_benefit_matches=re.compile(raw["not_benefit_matches"]),
        not_benefit_ever=re.compile("|".join(f"(?:{p})" for p in raw["not_benefit_ever"])),
        benefit_headers=tuple(raw["benefit_headers"]),
        no_item_sections=re.compile(_alternation(raw["no_item_sections"])),
        no_item_anchors=tuple(raw["no_item_anchors"]),
        kinds=[(k, re.compile(p)) for k, p in raw["kinds"]],
        funding_kinds=frozenset(raw["funding_kinds"]),
        alliance=re.compile(raw["alliance_pattern"]),
        certifications=[(k, re.compile(p)) for k, p in raw["certifications"].items()],
        levels=re.compile(f"(?:{raw['levels']})$"),
        cert_period={k: re.compile(p) for k, p in raw["cert_period"].items()},
        sizes=[(k, re.compile(p)) for k, p in raw["sizes"].items()],
        attestations=re.compile("|".join(f"(?:{p})" for p in raw["attestations"])),
        subject_joins=re.compile(raw["subject_joins"]),
        subject_filler=re.compile(raw["subject_filler"]),
        thresholds=thresholds,
        threshold_ranges=ranges,
        at_most=re.compile(f"^(?:{raw['at_most']})$"),
        suffix_max=re.compile(f"^(?:{raw['suffix_max']})$"),
        region=re.compile(raw["region_registration"]),
        region_after=re.compile(raw["region_registration_after"]),
        region_within=re.compile(raw["region_within"]),
        region_en=re.compile(raw["region_registration_en"]),
        thresholds_en=[(k, re.compile(p.replace("{MONEY}", EN_MONEY.pattern), re.IGNORECASE))
                       for k, p in raw["thresholds_en"].items()],
        abbreviation=re.compile(raw["abbreviation"]),
        abbreviation_lead=re.compile(raw["abbreviation_lead"]),
        abbreviation_place=re.compile(raw["abbreviation_place"]),
        zone_words=re.compile(raw["zone_words"]),
        established=re.compile(raw["established"]),
        established_young=re.compile(f"^(?:{raw['established_young']})$"),
        sector=re.compile(raw["sector_pattern"]),
        window=re.compile(raw["window_pattern"]),
        window_sections=re.compile(_alternation(raw["window_sections"])),
        procedure_sections=re.compile(_alternation(raw["procedure_sections"])),
        materials_sections=re.compile(_alternation(raw["materials_sections"])),
        procedure=re.compile(raw["procedure_pattern"]),
        materials=re.compile(raw["materials_pattern"]),
        condition_sections=re.compile(_alternation(raw["condition_sections"])),
        condition_lead=re.compile(raw["condition_lead"]),
        scope_sentence=re.compile(raw["scope_sentence"]),
        exclusion_sentence=re.compile(raw["exclusion_sentence"]),
        category_subject=re.compile(raw["category_subject"]),
        category_stopwords=re.compile(_alternation(raw["category_stopwords"])),
        category_min_chars=int(raw["category_min_chars"]),
        batch=re.compile(raw["batch_pattern"]),
        authority_window=re.compile(raw["authority_window"]),
    )


# ── numbers ──


def number(text: str) -> float | None:
    """'500', '1.5', '五百', '一千五百', '两千', '零点五' → float (cn2an for Chinese numerals)."""
    text = text.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")).strip()
    try:
        return float(text)
    except ValueError:
        pass
    import cn2an  # slow to import; only Chinese numerals need it

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


TO_WAN = {"亿元": 10000.0, "亿": 10000.0, "千万元": 1000.0, "千万": 1000.0, "万元": 1.0, "万": 1.0, "千元": 0.1,
          "元": 0.0001}
# 过亿元 / 突破千万: a threshold that names only the unit means one of it.
_BARE_UNIT = re.compile(r"(?:亿|千万)元?")


def money_wan(match: re.Match[str], prefix: str = "") -> tuple[float, float | None] | None:
    """A MONEY match in 万元: (value, lower end of a range or None)."""
    factor = TO_WAN[match.group(f"{prefix}u")]
    high = number(match.group(f"{prefix}b") or match.group(f"{prefix}a"))
    low = number(match.group(f"{prefix}a")) if match.group(f"{prefix}b") else None
    if high is None:
        return None
    return round(high * factor, 6), (round(low * factor, 6) if low is not None else None)


def en_money_wan(m: re.Match[str]) -> float | None:
    """An EN_MONEY match in 万元 (RMB 3 million → 300)."""
    digits = (m.group("n") or m.group("n2") or "").replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    return round(value * _EN_SCALE[m.group("s") or m.group("s2")] / 1e4, 6)


def percent_fraction(text: str) -> tuple[float, float | None] | None:
    """'30%' / '百分之三十' / '30%-50%' → (0.3, None) / (0.5, 0.3)."""
    m = PERCENT.search(text)
    if m is None:
        return None
    high = number(m.group("c") or m.group("b"))
    low = number(m.group("a")) if m.group("a") else None
    if high is None:
        return None
    return round(high / 100, 6), (round(low / 100, 6) if low is not None else None)


# ── the document walk ──


class _Context:
    """One document being read: its text, clauses by anchor, rules, document-wide findings."""

    def __init__(self, document: Document, clauses: list[Clause], rules: ItemRules) -> None:
        self.document = document
        self.text = document.text
        self.clauses = [c for c in clauses if c.doc_id == document.meta.doc_id]
        self.by_anchor = {c.anchor: c for c in self.clauses}
        self.rules = rules
        self.abbreviations = _abbreviations(self.text, rules) if "简称" in self.text else {}

    def quote(self, clause: Clause, start: int, end: int) -> ItemQuote | None:
        """A verbatim span of `clause` (absolute offsets), trimmed of spaces; None if empty."""
        while start < end and self.text[start] in " \t\u3000":
            start += 1
        while end > start and self.text[end - 1] in " \t\u3000":
            end -= 1
        if end <= start or start < clause.start or end > clause.end:
            return None
        return ItemQuote(clause_id=clause.id, anchor=clause.anchor, start=start, end=end,
                         quote=self.text[start:end])

    def sentences(self, clause: Clause, splitter: re.Pattern[str] | None = None) -> list[_Sentence]:
        if splitter is None:
            splitter = _ROW_SENTENCE_END if _ROW_ANCHOR.search(clause.anchor) else _SENTENCE_END
        out, begin = [], clause.start
        for m in splitter.finditer(clause.text):
            end = clause.start + m.end()
            self._add_sentence(out, begin, end)
            begin = end
        self._add_sentence(out, begin, clause.end)
        return out

    def _add_sentence(self, out: list[_Sentence], start: int, end: int) -> None:
        text = self.text[start:end]
        if text.strip(" \t\u3000。；;\n"):
            out.append(_Sentence(start, end, text, self.states_benefit(text)))

    def states_benefit(self, text: str) -> bool:
        return states_benefit(text, self.rules)


def states_benefit(text: str, rules: ItemRules) -> bool:
    """A benefit pattern matches, and the sentence is no rule/duty/question without an amount."""
    if rules.not_benefit_ever.search(text):
        return False
    if not any(not rules.not_benefit_matches.search(m.group(0)) for m in rules.benefit.finditer(text)):
        return False
    has_amount = re.search(_AMOUNT_ANY, text) is not None
    return has_amount or not rules.not_benefit_sentences.search(text.rstrip("。；; \n"))


def extract_items(document: Document, clauses: list[Clause], rules: ItemRules) -> list[SupportItem]:
    """The support items `document` states, one per benefit group of a clause, in reading order."""
    ctx = _Context(document, clauses, rules)
    procedure, materials = _document_procedure(ctx)
    found: list[tuple[SupportItem, list[str]]] = []
    seen_ids: set[str] = set()
    for clause in ctx.clauses:
        if not may_hold_items(clause, rules):
            continue
        chain = _category_chain(clause, rules)
        for item in _clause_items(ctx, clause, procedure, materials):
            if item.id not in seen_ids:
                seen_ids.add(item.id)
                found.append((item, chain))
    return _with_notice_scope(ctx, found)


def _headings(clause: Clause) -> list[str]:
    """The clause's heading path, outermost first (its own title last)."""
    return [p.strip() for p in clause.section.split(SEPARATOR.strip())]


def _category_chain(clause: Clause, rules: ItemRules) -> list[list[str]]:
    """The names an item's category goes by, most specific first: its clause's own name, then the
    headings above it ((一)技术改造类 › 1.智能化改造补助: a window for 技术改造类项目 is this item's too)."""
    above = _headings(clause)[:-1]
    chain = [_category_parts(_category_name(clause), rules), *(_category_parts(h, rules) for h in reversed(above))]
    return [key for key in chain if key]


def may_hold_items(clause: Clause, rules: ItemRules) -> bool:
    """The clauses read for items (by the rules, and by the LLM proposer): not in a 总则/保障 section,
    not a title or heading line."""
    if clause.anchor.split(".")[0] in rules.no_item_anchors:
        return False
    if not _is_row(clause) and len(clause.text) <= 40 and not re.search("[。；！？;，,]", clause.text):
        # A title or heading line (专项资金支持标准) names a topic, it offers nothing — unless it states
        # an amount as a benefit (a web page's short line 对新招用高校毕业生给予每人每月1500元生活补贴).
        return re.search(_AMOUNT_ANY, clause.text) is not None and states_benefit(clause.text, rules)
    return not rules.no_item_sections.search(clause.section)


def _is_row(clause: Clause) -> bool:
    return bool(_ROW_ANCHOR.search(clause.anchor))


def _row_states_benefit(ctx: _Context, clause: Clause) -> bool:
    for m in _CELL.finditer(clause.text):
        header, value = m.group(1).strip(), m.group(2)
        if any(h in header for h in ctx.rules.benefit_headers) and re.search(_AMOUNT_ANY, value):
            return True
    return False


def _groups(ctx: _Context, clause: Clause) -> tuple[list[list[_Sentence]], list[_Sentence]]:
    """Benefit groups of a clause, and its sentences that state no benefit (shared conditions).

    A benefit sentence with its own 对…的 lead-in opens a new group once the current one has a
    benefit; a sentence without one (单个企业最高不超过500万元) belongs to the group before it."""
    sentences = ctx.sentences(clause)
    if _is_row(clause) and sentences and _row_states_benefit(ctx, clause):
        for s in sentences:
            s.benefit = True
    if len(sentences) > 1 and _topic_lead(clause, sentences[0]) and any(s.benefit for s in sentences[1:]):
        sentences[0].benefit = False  # 第七条　支持企业融资。对…给予贴息: the topic is the title, not an offer
    groups: list[list[_Sentence]] = []
    current: list[_Sentence] = []
    for s in sentences:
        if s.benefit and _opens_group(s.text) and any(x.benefit for x in current):
            groups.append(current)
            current = []
        current.append(s)
    if current:
        groups.append(current)
    groups = [g for g in groups if any(s.benefit for s in g)]
    shared = [s for s in sentences if not s.benefit]
    return groups, shared


_OWN_SUBJECT = re.compile(r"^\s*[^，。；：\n]{2,40}[，,]\s*(?:给予|一次性|按|奖励|补助|补贴)")
_PER_PERSON = re.compile(r"每[人名]")


def _opens_group(text: str) -> bool:
    """A tier of its own: 对…的，给予… or 首次达到10亿元以上的，一次性奖励200万元 — unless it only
    sets another per-person amount (硕士…每人…；博士…每人…), which is still the same offer."""
    if _PER_PERSON.search(text):
        return False
    return bool(_LEAD.search(text) or _OWN_SUBJECT.search(text))


def _clause_items(ctx: _Context, clause: Clause, procedure: list[ItemQuote],
                  materials: list[ItemQuote]) -> list[SupportItem]:
    groups, shared = _groups(ctx, clause)
    if not groups:
        return []
    inherited = _inherited_conditions(ctx, clause)
    own_window = _clause_window(ctx, clause)
    items: list[SupportItem] = []
    for n, group in enumerate(groups, 1):
        carry = next((c.kind for c in items[-1].conditions if c.kind in _CARRIED), None) if items else None
        item = _item(ctx, clause, group, shared, inherited, n if len(groups) > 1 else 0,
                     own_window, procedure, materials, carry)
        if item is not None:
            items.append(item)
    return items


def _item(ctx: _Context, clause: Clause, group: list[_Sentence], shared: list[_Sentence],
          inherited: list[ItemCondition], n: int, window: ApplicationWindow | None,
          procedure: list[ItemQuote], materials: list[ItemQuote], carry: str | None = None) -> SupportItem | None:
    benefit_sentences = [s for s in group if s.benefit]
    first = benefit_sentences[0]
    last = benefit_sentences[-1]
    benefit_quote = ctx.quote(clause, first.start, _strip_end(ctx.text, first.start, last.end))
    if benefit_quote is None:
        return None
    group_text = "".join(s.text for s in group)
    amounts: list[Amount] = []
    conditions: list[ItemCondition] = []
    for s in group:
        if _is_heading(clause, s):
            continue
        found, consumed = _conditions(ctx, clause, s, carry if s is first else None)
        conditions.extend(found)
        if s.benefit:
            amounts.extend(_amounts(ctx, clause, s, consumed))
    for s in shared:
        if s not in group and not _is_heading(clause, s):
            conditions.extend(_conditions(ctx, clause, s)[0])
    conditions.extend(_untyped_subject(ctx, clause, first, conditions))
    conditions = _dedupe([*implicit_region(ctx.document.meta), *inherited, *conditions])
    kind = classify_kind(group_text, ctx.rules)
    own_procedure = [q for s in group if ctx.rules.procedure.search(s.text)
                     for q in [ctx.quote(clause, s.start, _strip_end(ctx.text, s.start, s.end))] if q]
    citations = [benefit_quote, *[c.quote for c in conditions if c.quote and c.quote.clause_id != clause.id]]
    return SupportItem(
        id=item_id(clause.doc_id, clause.anchor, n),
        doc_id=clause.doc_id,
        category=category_of(kind, group_text, ctx.rules),
        kind=kind,
        title=_title(ctx, clause, group, n),
        beneficiaries=_beneficiaries(ctx, clause, group),
        conditions=conditions,
        benefit=amounts,
        benefit_quote=benefit_quote,
        window=window,
        procedure=[*own_procedure, *procedure][:MAX_SHARED_QUOTES + len(own_procedure)],
        materials=materials,
        citations=unique_quotes(citations),
    )


_MARKUP = re.compile(r"[*_#\s　]+")


def _topic_lead(clause: Clause, s: _Sentence) -> bool:
    """The clause opens with a short topic (支持企业融资。/ **鼓励组建产业联盟。**): no amount, no 对…的 subject."""
    words = _MARKUP.sub("", _NUMBER_PREFIX.sub("", _MARKUP.sub("", s.text)))
    return (s.start == clause.start and 0 < len(words.rstrip("。：:")) <= 12 and not MONEY.search(words)
            and not PERCENT.search(words) and not _LEAD.search(words))


def _untyped_subject(ctx: _Context, clause: Clause, s: _Sentence,
                     conditions: list[ItemCondition]) -> list[ItemCondition]:
    """The parts of the sentence's 对…的 subject that no typed condition covers, each as an attestation quoting it."""
    span = _subject_span(s.text)
    if span is None:
        return []
    covered = [(c.quote.start, c.quote.end) for c in conditions if c.quote is not None]
    out: list[ItemCondition] = []
    begin = s.start + span[0]
    subject = s.text[span[0]:span[1]]
    for part in _subject_parts(subject, ctx.rules):
        start = begin + part[0]
        end = begin + part[1]
        text = ctx.text[start:end]
        substance = re.findall(r"[\u4e00-\u9fff]", ctx.rules.subject_filler.sub("", text))
        if _overlaps(start, end, covered) or len(substance) < 2:
            continue
        quote = ctx.quote(clause, start, _strip_end(ctx.text, start, end))
        if quote is not None:
            out.append(ItemCondition(kind="attestation", text=quote.quote, hard=True, quote=quote))
    return out


def _subject_span(text: str) -> tuple[int, int] | None:
    """Where the sentence says whom it is for: its 对…的 lead-in, else its words up to …的， before the benefit
    (规上企业年营业收入1亿元以上且同比增长10%以上的，分别奖励…), without the clause number."""
    lead = _LEAD.search(text)
    if lead is not None:
        return lead.start(1), lead.end(1)
    subject = _SUBJECT_LEAD.match(text)
    if subject is None:
        return None
    start = len(text) - len(_NUMBER_PREFIX.sub("", text.lstrip(" \t\u3000*_"), count=1))
    end = subject.end() - 1  # without the comma after 的
    return (start, end) if end > start else None


def _subject_parts(subject: str, rules: ItemRules) -> list[tuple[int, int]]:
    """(start, end) of the subject's parts between its joins (且, 并且, ，…)."""
    parts, begin = [], 0
    for m in rules.subject_joins.finditer(subject):
        parts.append((begin, m.start()))
        begin = m.end()
    parts.append((begin, len(subject)))
    return [(a, b) for a, b in parts if b > a]


def _is_heading(clause: Clause, s: _Sentence) -> bool:
    """The clause's opening title sentence (第六条 支持首台（套）推广。): names a topic, sets no condition."""
    return s.start == clause.start and not s.benefit and len(_NUMBER_PREFIX.sub("", s.text.strip())) <= 21


def _strip_end(text: str, start: int, end: int) -> int:
    """End of a span without its closing punctuation and spaces (quotes read as sentences)."""
    while end > start and text[end - 1] in "。；;\n \t\u3000":
        end -= 1
    return end


def item_id(doc_id: str, anchor: str, n: int = 0) -> str:
    """Stable id: doc_id:slug-of-anchor (三.（三）.1 → 三-（三）-1), '-n' for a clause's n-th item."""
    slug = re.sub(r"[.\s]+", "-", anchor).strip("-")
    return f"{doc_id}:{slug}" + (f"-{n}" if n else "")


def classify_kind(text: str, rules: ItemRules) -> str:
    for kind, pattern in rules.kinds:
        if pattern.search(text):
            return kind
    return "支持"


def category_of(kind: str, text: str, r: ItemRules) -> str:
    if kind == "联盟" or r.alliance.search(text):
        return "alliance"
    if kind in r.funding_kinds:
        return "funding_channel"
    return "support_measure"


def _title(ctx: _Context, clause: Clause, group: list[_Sentence], n: int) -> str:
    if _is_row(clause):
        cell = _CELL.match(clause.text)
        base = (cell.group(2) if cell else clause.title).strip()
    else:
        base = _NUMBER_PREFIX.sub("", clause.title).strip() or _NUMBER_PREFIX.sub("", clause.text)[:20]
    if n:
        lead = next((m.group(1) for s in group if (m := _LEAD.search(s.text))), "")
        if lead:
            return f"{base}（{lead[:24]}）"
    return base[:60]


def _beneficiaries(ctx: _Context, clause: Clause, group: list[_Sentence]) -> list[str]:
    found: list[str] = []
    if _is_row(clause):
        for m in _CELL.finditer(clause.text):
            if re.search("对象|主体|范围", m.group(1)):
                found.append(m.group(2).strip())
    for s in group:
        if _is_heading(clause, s):
            continue
        for pattern in (_LEAD, _SUPPORT_OBJECT):
            m = pattern.search(s.text)
            if m:
                found.append(m.group(1).strip())
                break
    return list(dict.fromkeys(f for f in found if f))[:3]


# ── amounts ──


# A number bounded by 以上 / 以下 / 以内 (单户1000万元以下贷款, 同比增长10%以上) states a bound on something the
# company has or asks, never what it gets; so does a tier listed right after a threshold (首次突破1亿元、5亿元的).
_BOUND_AFTER = re.compile(r"^\s*(?:（含）|\(含\))?(?:及)?(?:以上|以下|以内)")
_LIST_JOIN = re.compile(r"^\s*(?:、|和|或|及)\s*$")
# A tier's own subject (二档，首次突破8亿元的，奖励…): a number after an at-least word that closes a …的， subject.
_TIER_BEFORE = re.compile(r"(?<!不)(?:突破|达到|超过|高于|不低于|不少于|过|达)\s*$")
_TIER_AFTER = re.compile(r"^\s*(?:（含）|\(含\))?(?:及)?(?:以上)?的[，,]")


def _amounts(ctx: _Context, clause: Clause, s: _Sentence, consumed: list[tuple[int, int]]) -> list[Amount]:
    """Benefit amounts of one sentence; spans already read as thresholds, bounds and their tiers are skipped."""
    out: list[Amount] = []
    bounds = [(a - s.start, b - s.start) for a, b in consumed if s.start <= a < s.end]
    for m in PERCENT.finditer(s.text):
        if not _overlaps(s.start + m.start(), s.start + m.end(), consumed) and not _bound(s.text, m, bounds):
            amount = _percent_amount(ctx, clause, s, m)
            if amount:
                out.append(amount)
    for m in MONEY.finditer(s.text):
        if not _overlaps(s.start + m.start(), s.start + m.end(), consumed) and not _bound(s.text, m, bounds):
            amount = _money_amount(ctx, clause, s, m)
            if amount:
                out.append(amount)
    for m in EN_MONEY.finditer(s.text):
        if not _overlaps(s.start + m.start(), s.start + m.end(), consumed):
            amount = _en_money_amount(ctx, clause, s, m)
            if amount:
                out.append(amount)
    return sorted(out, key=lambda a: a.quote.start)


_EN_CAP = re.compile(r"(?:capped\s+at|up\s+to|no\s+more\s+than|not\s+exceeding|at\s+most|maximum(?:\s+of)?)\s*$",
                     re.IGNORECASE)
_EN_PER_PERSON = re.compile(r"^\s*per\s+(?:person|head|employee)\b", re.IGNORECASE)
_EN_PER_UNIT = re.compile(r"^\s*per\s+(?:square\s+met(?:re|er)|unit|set|item|mu|machine)\b", re.IGNORECASE)


def _en_money_amount(ctx: _Context, clause: Clause, s: _Sentence, m: re.Match[str]) -> Amount | None:
    """An English amount: its kind from the words around it (capped at / per person / per square metre)."""
    value = en_money_wan(m)
    if value is None:
        return None
    pre, post = s.text[:m.start()], s.text[m.end():]
    per = _EN_PER_PERSON.match(post) or _EN_PER_UNIT.match(post)
    end = m.end() + (per.end() if per else 0)
    cap = _EN_CAP.search(pre)
    begin = cap.start() if cap else m.start()
    kind = ("per_person" if _EN_PER_PERSON.match(post) else "per_unit") if per else ("cap" if cap else "lump_sum")
    return _amount(ctx, clause, kind, (value, None), s.start + begin, s.start + end)


def _bound(text: str, m: re.Match[str], bounds: list[tuple[int, int]]) -> bool:
    """The number is a bound (…以上/以下), or a tier of the threshold or bound just before it (…1亿元、5亿元);
    a bound found is remembered so the next tier of the same list is one too."""
    tier = _TIER_BEFORE.search(text[:m.start()]) and _TIER_AFTER.match(text[m.end():])
    if tier or _BOUND_AFTER.match(text[m.end():]) or any(
            end <= m.start() and _LIST_JOIN.match(text[end:m.start()]) for _, end in bounds):
        bounds.append((m.start(), m.end()))
        return True
    return False


def _percent_amount(ctx: _Context, clause: Clause, s: _Sentence, m: re.Match[str]) -> Amount | None:
    parsed = percent_fraction(m.group(0))
    if parsed is None:
        return None
    pre, post = s.text[:m.start()], s.text[m.end():]
    cue = _BACK_CUE.search(pre)
    begin = cue.start() if cue else m.start()
    verb = _POST_VERB.match(post)
    end = m.end() + (verb.end() if verb else 0)
    # 按…的50% is a share of a base (even when the base is a rate); 年利率2% / 2%的贴息 is a rate.
    by_base = cue is not None and pre[begin:].startswith("按")
    rate = _RATE_CUE.search(pre) or re.match(r"^(?:的)?贴息", post)
    # 减按15%税率征收 / 按15%的税率: a tax rate the company pays, never a share of a base to estimate from.
    taxed = re.match(r"^\s*(?:的)?(?:优惠)?税率", post)
    kind = "rate" if taxed or (rate and not by_base) else "ratio"
    return _amount(ctx, clause, kind, parsed, s.start + begin, s.start + end)


def _money_amount(ctx: _Context, clause: Clause, s: _Sentence, m: re.Match[str]) -> Amount | None:
    parsed = money_wan(m)
    if parsed is None:
        return None
    pre, post = s.text[:m.start()], s.text[m.end():]
    cue = _BACK_CUE.search(pre)
    begin = cue.start() if cue else m.start()
    cue_text = pre[begin:]
    verb = _POST_VERB.match(post)
    end = m.end() + (verb.end() if verb else 0)
    near = pre[-20:]  # 每人给予一次性安家补贴10万元: 每人 is a few words before the amount
    if re.search("每[人名]", near) or _PER_PERSON_POST.match(post):
        kind = "per_person"
    elif re.search("每(?:[台套家个项件亩]|平方米)", near) or _PER_UNIT_POST.match(post):  # 每平方米每月五元
        kind = "per_unit"
    elif _CAP_CUE.search(cue_text):
        kind = "cap"
    else:
        kind = "lump_sum"
    return _amount(ctx, clause, kind, parsed, s.start + begin, s.start + end)


def _amount(ctx: _Context, clause: Clause, kind: str, parsed: tuple[float, float | None],
            start: int, end: int) -> Amount | None:
    quote = ctx.quote(clause, start, end)
    if quote is None:
        return None
    unit = "万元" if kind in ("cap", "lump_sum", "per_person", "per_unit") else "fraction"
    return Amount(kind=kind, value=parsed[0], value_min=parsed[1], unit=unit, text=quote.quote, quote=quote)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


# ── conditions ──


def _conditions(ctx: _Context, clause: Clause, s: _Sentence,
                carry: str | None = None) -> tuple[list[ItemCondition], list[tuple[int, int]]]:
    """Typed conditions of one sentence, and the spans their numbers use (not benefit amounts).

    `carry`: the threshold kind of the tier before (首次达到10亿元以上的 after 营业收入首次达到5亿元…)."""
    out: list[ItemCondition] = []
    consumed: list[tuple[int, int]] = []
    soft = "优先" in s.text
    out.extend(_thresholds(ctx, clause, s, consumed))
    if carry and not out:
        out.extend(_carried_threshold(ctx, clause, s, carry, consumed))
    context = _condition_context(s.text, _is_row(clause))
    certs = _certifications(ctx, clause, s, context, soft)
    out.extend(certs)
    cert_spans = [(c.quote.start, c.quote.end) for c in certs if c.quote]
    for name, pattern in ctx.rules.sizes:
        for m in pattern.finditer(s.text):
            span = (s.start + m.start(), s.start + m.end())
            if _inside(m.start(), context) and not _overlaps(*span, cert_spans):
                out.append(_text_condition(ctx, clause, "size", name, span, not soft))
                cert_spans.append(span)
    def span(m: re.Match[str]) -> tuple[int, int]:
        return s.start + m.start(), s.start + m.end()

    for m in ctx.rules.attestations.finditer(s.text):
        out.append(_text_condition(ctx, clause, "attestation", m.group(0), span(m), True))
    out.extend(_thresholds_en(ctx, clause, s, consumed))
    for m in ctx.rules.region_en.finditer(s.text):
        out.append(_text_condition(ctx, clause, "region", m.group(1), span(m), True))
    for pattern in (ctx.rules.region, ctx.rules.region_after, ctx.rules.region_within):
        for m in pattern.finditer(s.text):
            place = _place(ctx, m.group(1))
            after = pattern is ctx.rules.region_after
            moving = _MOVING_IN.search(s.text, max(0, m.start() - 2), m.start() + 2) if after else None
            if moving and moving.end() == m.start() + 2 and place:
                # 新入驻…园区: the move is a condition the company confirms (a company already in the zone does not
                # qualify on silence); the zone stays a registration condition, as the gold sets read it.
                start = s.start + moving.start()
                out.append(_text_condition(ctx, clause, "attestation", ctx.text[start:s.start + m.end()],
                                           (start, s.start + m.end()), True))
                out.append(_text_condition(ctx, clause, "region", place, (start, s.start + m.end()), True))
            elif place:
                out.append(_text_condition(ctx, clause, "region", place, span(m), True))
    for m in ctx.rules.established.finditer(s.text):
        condition = _established(ctx, clause, m, span(m))
        if condition is not None:
            out.append(condition)
    for m in ctx.rules.sector.finditer(s.text):
        if _inside(m.start(), context):
            out.append(_text_condition(ctx, clause, "sector", m.group(1), span(m), not soft))
    return [c for c in out if c is not None], consumed


# A company moving in (新入驻, 拟落户, 新迁入): the move itself is a condition beside the place.
_MOVING_IN = re.compile(r"(?:新|拟|计划|当年)(?:入驻|落户|迁入)")


# A sentence's subject up to its last 的， before the benefit (…企业实施…，当年…以上的，按…给予补助).
_SUBJECT_LEAD = re.compile(r"^[^。；\n]{2,80}的[，,](?=[^。；\n]{0,60}?(?:给予|按|奖励|补助|补贴|资助|一次性))")


def _condition_context(text: str, row: bool = False) -> list[tuple[int, int]]:
    """Where a name reads as a condition: a 对…的 lead-in, 支持…企业, a table row's 申报条件 cell,
    or a sentence of conditions only (right after 认定为/获得… is checked by the caller)."""
    if row:
        return [(m.start(2), m.end(2)) for m in _CELL.finditer(text) if _CONDITION_HEADER.search(m.group(1))]
    spans = [(m.start(), m.end()) for m in _LEAD.finditer(text)]
    spans += [(m.start(), m.end()) for m in _SUPPORT_OBJECT.finditer(text)]
    subject = _SUBJECT_LEAD.match(text)
    if subject:  # 规模以上工业企业实施智能化改造，…以上的，按…: who gets it, without 对
        spans.append((0, subject.end()))
    if not any(ch in text for ch in "给予奖补贴助"):  # a sentence of conditions only (申报企业须…)
        spans.append((0, len(text)))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _thresholds(ctx: _Context, clause: Clause, s: _Sentence, consumed: list[tuple[int, int]]) -> list[ItemCondition]:
    out = _threshold_ranges(ctx, clause, s, consumed)
    for name, pattern in ctx.rules.thresholds:
        for m in pattern.finditer(s.text):
            span = (s.start + m.start(), s.start + m.end())
            cmp, suf = m.group("cmp") or "", m.group("suf") or ""
            if not (cmp or suf) or _overlaps(*span, consumed):
                continue
            upper = bool(ctx.rules.at_most.match(cmp) or ctx.rules.suffix_max.match(suf))
            condition = _threshold(ctx, clause, name, m, upper, span)
            if condition is not None:
                consumed.append(span)
                out.append(condition)
    return out


def _thresholds_en(ctx: _Context, clause: Clause, s: _Sentence,
                   consumed: list[tuple[int, int]]) -> list[ItemCondition]:
    """English thresholds (revenue exceeds RMB 100 million): minimums in 万元."""
    out = []
    kinds = {"revenue": "revenue_min", "investment": "investment_min", "rd_spend": "rd_spend_min"}
    for name, pattern in ctx.rules.thresholds_en:
        for m in pattern.finditer(s.text):
            span = (s.start + m.start(), s.start + m.end())
            money = EN_MONEY.search(m.group(0))
            value = en_money_wan(money) if money else None
            quote = ctx.quote(clause, *span)
            if value is None or quote is None or _overlaps(*span, consumed):
                continue
            consumed.append(span)
            out.append(ItemCondition(kind=kinds[name], value=value, unit="万元", hard=True, quote=quote))
    return out


def _threshold_ranges(ctx: _Context, clause: Clause, s: _Sentence,
                      consumed: list[tuple[int, int]]) -> list[ItemCondition]:
    """A range (营业收入2000万元至4亿元, 从业人员50至300人): a minimum and a maximum, never benefit amounts."""
    out: list[ItemCondition] = []
    for name, pattern in ctx.rules.threshold_ranges:
        for m in pattern.finditer(s.text):
            span = (s.start + m.start(), s.start + m.end())
            low, high = _range_end(name, m.group("lo"), m.group("hi")), _range_end(name, m.group("hi"), "")
            quote = ctx.quote(clause, *span)
            if low is None or high is None or low >= high or quote is None or _overlaps(*span, consumed):
                continue
            consumed.append(span)
            unit = "万元" if name == "revenue" else "人"
            out += [ItemCondition(kind=f"{name}_min", value=low, unit=unit, hard=True, quote=quote),
                    ItemCondition(kind=f"{name}_max", value=high, unit=unit, hard=True, quote=quote)]
    return out


def _range_end(name: str, text: str, other: str) -> float | None:
    """One end of a range in the field's unit; a bare lower end takes the upper end's unit (50至300人, 2至5亿元)."""
    if name == "employees":
        digits = re.sub(r"\s*(?:人|名)$", "", text)
        return number(digits)
    money = MONEY.fullmatch(text.strip()) or (MONEY.fullmatch(text.strip() + _unit_of(other)) if other else None)
    parsed = money_wan(money) if money else None
    return parsed[0] if parsed else None


def _unit_of(text: str) -> str:
    m = MONEY.search(text)
    return m.group("u") if m else ""


_CARRIED = ("revenue_min", "investment_min", "rd_spend_min")
_BARE_TIER = re.compile(rf"^\s*(?:对)?(?:年)?(?:首次)?(?:达到|突破|超过|不低于|在)\s*(?P<num>{_NUM}\s*{MONEY_UNIT})"
                        r"(?:（含）|\(含\))?(?:以上|及以上)?的")


def _carried_threshold(ctx: _Context, clause: Clause, s: _Sentence, kind: str,
                       consumed: list[tuple[int, int]]) -> list[ItemCondition]:
    """A tier that names only the number (首次达到10亿元以上的，…) compares what the tier before did."""
    m = _BARE_TIER.match(s.text)
    money = MONEY.search(m.group("num")) if m else None
    parsed = money_wan(money) if money else None
    quote = ctx.quote(clause, s.start + m.start(), s.start + m.end() - 1) if m else None
    if parsed is None or quote is None:
        return []
    consumed.append((quote.start, quote.end))
    return [ItemCondition(kind=kind, value=parsed[0], unit="万元", hard=True, quote=quote)]


def _threshold(ctx: _Context, clause: Clause, name: str, m: re.Match[str], upper: bool,
               span: tuple[int, int]) -> ItemCondition | None:
    num = m.group("num")
    if name == "rd_ratio":
        parsed, unit, kind = percent_fraction(num), "fraction", "rd_ratio_min"
        if upper:
            return None
    elif name == "employees":
        count = COUNT.match(num)
        value = number(count.group("a")) if count else None
        parsed = (value, None) if value is not None else None
        unit, kind = "人", "employees_max" if upper else "employees_min"
    else:
        bare = _BARE_UNIT.fullmatch(num)  # before MONEY, which reads 千万元 as 千 × 万元
        money = None if bare else MONEY.match(num)
        unit_only = (TO_WAN[bare.group(0).removesuffix("元")], None) if bare else None
        parsed, unit = (money_wan(money) if money else unit_only), "万元"
        kind = {"revenue": "revenue_max" if upper else "revenue_min", "rd_spend": "rd_spend_min",
                "investment": "investment_min", "tax_paid": "tax_paid_min", "tax_per_mu": "tax_per_mu_min"}[name]
        if upper and name != "revenue":
            return None
    quote = ctx.quote(clause, *span)
    if parsed is None or quote is None:
        return None
    return ItemCondition(kind=kind, value=parsed[0], unit=unit, hard=True, quote=quote)


def _established(ctx: _Context, clause: Clause, m: re.Match[str], span: tuple[int, int]) -> ItemCondition | None:
    """成立满2年 (established_before: at least 2 years old) / 成立不超过5年 (established_after)."""
    cmp, suf = m.group("cmp") or "", m.group("suf") or ""
    years = number(m.group("num"))
    quote = ctx.quote(clause, *span)
    if not (cmp or suf) or years is None or quote is None:
        return None
    young = bool(ctx.rules.established_young.match(cmp) or ctx.rules.established_young.match(suf))
    return ItemCondition(kind="established_after" if young else "established_before", value=years, unit="年",
                         hard=True, quote=quote)


def _certifications(ctx: _Context, clause: Clause, s: _Sentence, context: list[tuple[int, int]],
                    soft: bool) -> list[ItemCondition]:
    out = []
    for name, pattern in ctx.rules.certifications:
        for m in pattern.finditer(s.text):
            begin = m.start()
            level = ctx.rules.levels.search(s.text[max(0, begin - 3):begin])
            if level:
                begin -= len(level.group(0))
            cued = _CERT_CUE.search(s.text[max(0, begin - 12):begin])
            if not (_inside(m.start(), context) or cued):
                continue
            text = name
            if level:
                text = f"{name}（{_level_name(level.group(0))}）"
            span = (s.start + begin, s.start + m.end())
            out.append(_text_condition(ctx, clause, "certification", text, span, not soft))
            out.append(_cert_period(ctx, clause, s, (begin, m.end()), text, not soft))
    return [c for c in out if c is not None]


def _cert_period(ctx: _Context, clause: Clause, s: _Sentence, cert: tuple[int, int], name: str,
                 hard: bool) -> ItemCondition | None:
    """对当年度新认定的 / 首次认定的 / 通过重新认定的 / 2024年以后认定的 + a certification: when it must have been
    gained (value: the year since, None = the year of application) and whether a first one or a renewal."""
    rules = ctx.rules.cert_period
    lead = re.split(r"[，,。；;：:、]|对(?=[^象])", s.text[max(0, cert[0] - 18):cert[0]])[-1]
    after = rules["after"].match(s.text[cert[1]:cert[1] + 8])
    since = rules["since"].search(lead)
    this_year = rules["this_year"].search(lead)
    first = rules["first"].search(lead) or (after and rules["first"].fullmatch(after.group("round")))
    renewed = rules["renewed"].search(lead) or (after and rules["renewed"].fullmatch(after.group("round")))
    if not ((rules["verb"].search(lead) and (since or this_year or first or renewed)) or after):
        return None
    start = cert[0] - len(lead) if (since or this_year or first or renewed) else cert[0]
    end = cert[1] + (after.end() if after else 0)
    quote = ctx.quote(clause, s.start + start, s.start + end)
    if quote is None:
        return None
    return ItemCondition(kind="certified_since", value=int(since.group("year")) if since else None,
                         unit="年" if since else None, text=name, round="renewed" if renewed else
                         "first" if first else None, hard=hard, quote=quote)


def _level_name(word: str) -> str:
    return {"国家": "国家级", "省": "省级", "市": "市级"}.get(word, word)


def _text_condition(ctx: _Context, clause: Clause, kind: str, text: str, span: tuple[int, int],
                    hard: bool) -> ItemCondition | None:
    quote = ctx.quote(clause, *span)
    if quote is None:
        return None
    return ItemCondition(kind=kind, text=text, hard=hard, quote=quote)


def _place(ctx: _Context, word: str) -> str | None:
    """本市/本省 → the document's region; a short name the document defines → its full name (开发区 →
    孝感高新技术产业开发区); a bare zone word in a city's document → that city's (高新区 → 荆门市高新区),
    in a zone's own document → that zone; a named place as written."""
    region = ctx.document.meta.region
    if word.startswith(("本", "全")):
        return region
    full = ctx.abbreviations.get(word)
    if full is not None:
        return full
    if ctx.rules.zone_words.match(word) and region:
        if region.endswith(("市", "州")):
            return region + word
        if region.endswith("区"):  # the zone's own document (襄阳高新技术产业开发区: 在高新区注册)
            return region
    return word


def _abbreviations(text: str, rules: ItemRules) -> dict[str, str]:
    """The short names the document defines for places: 高新区 → 孝感高新技术产业开发区."""
    out: dict[str, str] = {}
    for m in rules.abbreviation.finditer(text):
        full = rules.abbreviation_lead.sub("", m.group(1))
        short = m.group(2)
        if len(full) > len(short) and rules.abbreviation_place.search(full) and short not in out:
            out[short] = full
    return out


def implicit_region(meta: DocumentMeta) -> list[ItemCondition]:
    """The document's region, a condition of every item it states (the matcher gates on it)."""
    region = meta.region
    if not region or region in ("全国", "中国", "中华人民共和国"):
        return []
    return [ItemCondition(kind="region", text=region, hard=True, source="document")]


def _inherited_conditions(ctx: _Context, clause: Clause) -> list[ItemCondition]:
    """Conditions stated by the clause's parents (up to two levels) in sentences without a benefit."""
    out: list[ItemCondition] = []
    anchor = clause.anchor
    for _ in range(3):
        if "." not in anchor:
            break
        anchor = anchor.rsplit(".", 1)[0]
        parent = ctx.by_anchor.get(anchor)
        if parent is None:
            continue
        for s in ctx.sentences(parent):
            if not s.benefit or s.text.rstrip().endswith(("：", ":")):
                out.extend(_conditions(ctx, parent, s)[0])
    return out


def _dedupe(conditions: list[ItemCondition]) -> list[ItemCondition]:
    """One condition per (kind, value, text); a quoted region replaces the document's implicit one."""
    quoted_regions = any(c.kind == "region" and c.source == "text" for c in conditions)
    levelled = {c.text.rsplit("（", 1)[0] for c in conditions if c.kind == "certification" and c.text
                and c.text.endswith("级）")}
    out, seen = [], set()
    for c in conditions:
        if c.kind == "region" and c.source == "document" and quoted_regions:
            continue
        if c.kind == "certification" and c.text in levelled:  # 首台（套） beside 首台（套）（省级）
            continue
        key = (c.kind, c.value, c.text)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def unique_quotes(quotes: list[ItemQuote]) -> list[ItemQuote]:
    out, seen = [], set()
    for q in quotes:
        if (q.start, q.end) not in seen:
            seen.add((q.start, q.end))
            out.append(q)
    return out


# ── application window, procedure, materials ──


def _dates(text: str, default_year: int | None) -> list[tuple[int, dt.date]]:
    """(position, date) of every date in `text`; 6月30日 takes the year of the date before it."""
    found: list[tuple[int, dt.date]] = []
    spans = []
    for m in DATE.finditer(text):
        d = date_of(m, end_of_period=not m.group(3))
        if d:
            found.append((m.start(), d))
            spans.append((m.start(), m.end()))
    for m in _MONTH_DAY.finditer(text):
        if _overlaps(m.start(), m.end(), spans):
            continue
        before = [d for pos, d in found if pos < m.start()]
        year = before[-1].year if before else default_year
        month, day = cn_number(m.group(1)), cn_number(m.group(2))
        if year and month and day:
            try:
                found.append((m.start(), dt.date(year, month, day)))
            except ValueError:
                continue
            spans.append((m.start(), m.end()))
    for m in _DAY_ONLY.finditer(text):  # 2026年11月1日至30日: the end day in the month of the date before
        before = [d for pos, d in sorted(found) if pos < m.start()]
        day = cn_number(m.group(1))
        if before and day and not _overlaps(m.start(), m.end(), spans):
            try:
                found.append((m.start() + 1, before[-1].replace(day=day)))
            except ValueError:
                continue
    return sorted(found)


_DAY_ONLY = re.compile(rf"[至到—–～~-]\s*{_DAY_NUM}\s*日")


def _windows_in(ctx: _Context, clause: Clause, scope: str) -> list[tuple[str, ApplicationWindow, str]]:
    """Every window sentence of `clause` (split at ；too: （一）A项目：…前；（二）B项目：…前), each with
    its words before the first date (and the clause's sentences since the window before), which name
    the category or batch it is for, if any, and those after the last date (…，受理技术改造类项目)."""
    issued = ctx.document.meta.issue_date
    under_heading = bool(ctx.rules.window_sections.search(clause.section))
    out = []
    pending = ""  # the clause's sentences since the last window (第一批：受理技术改造项目；申报截止…)
    for s in ctx.sentences(clause, _SENTENCE_END):
        dates = (_dates(s.text, issued.year if issued else None)
                 if under_heading or ctx.rules.window.search(s.text) else [])
        dates = _outside_subject(s.text, dates)
        quote = ctx.quote(clause, s.start, _strip_end(ctx.text, s.start, s.end)) if dates else None
        if quote is None:
            pending += s.text
            continue
        before, pending = pending + s.text[:dates[0][0]], ""
        after = _DATE_TAIL.sub("", s.text[dates[-1][0]:], count=1)
        if len(dates) >= 2:
            yearly = "yearly" if _YEARLY.search(s.text[:dates[0][0]]) and _yearless(s.text, dates) else None
            out.append((before, ApplicationWindow(opens=dates[0][1], deadline=dates[-1][1], scope=scope,
                                                  quote=quote, recurring=yearly), after))
            continue
        pos, day = dates[0]
        near = s.text[pos:pos + 16]
        if re.search(r"日\s*起", near) and not re.search("截止|前", s.text):
            out.append((before, ApplicationWindow(opens=day, scope=scope, quote=quote), after))
        else:
            yearly = "yearly" if _YEARLY.search(s.text[:pos]) and _yearless(s.text, dates) else None
            out.append((before, ApplicationWindow(deadline=day, scope=scope, quote=quote, recurring=yearly), after))
    return out


_APPLYING = re.compile(r"申报|申请|提交|报送|受理")


def _outside_subject(text: str, dates: list[tuple[int, dt.date]]) -> list[tuple[int, dt.date]]:
    """Dates not inside a 对…的 subject: 对2026年6月30日前完成验收的项目 dates the project, not the application
    (unless the subject is about applying: 对2026年12月31日前提交申请的企业)."""
    lead = _LEAD.search(text)
    if lead is None or _APPLYING.search(lead.group(1)):
        return dates
    return [(pos, d) for pos, d in dates if not lead.start(1) <= pos < lead.end(1)]


_DATE_TAIL = re.compile(r"^[^，,；;。]*")  # the date and what closes it (…日前 / …日（以…为准）)
# 每年3月1日至3月31日 / 每年度的6月…: a window that recurs every year, right before its first date.
_YEARLY = re.compile(r"每(?:一)?年(?:度)?(?:的)?\s*(?:[于在自从])?\s*$")


def _yearless(text: str, dates: list[tuple[int, dt.date]]) -> bool:
    """The window's dates name no year of their own (每年3月1日至3月31日, not 每年…2026年3月31日前)."""
    return not any(m.start() >= dates[0][0] for m in DATE.finditer(text))


def _clause_window(ctx: _Context, clause: Clause) -> ApplicationWindow | None:
    windows = _windows_in(ctx, clause, "item")
    return windows[0][1] if windows else None


# ── the notice's own sections: per-category deadlines, conditions stated apart ──


_CATEGORY_PUNCT = re.compile(r"[\s（）()“”\"‘’《》〈〉【】、，,。；;：:]")
_FIRST_CHUNK = re.compile(r"^\s*[^，,：:；;。]*")
_PARAGRAPH_ANCHOR = re.compile(r"(?:^|\.)p\d+$")


@dataclass
class _Scoped:
    """A window or conditions of the notice, and which items they are for."""

    subject: list[str]   # category words of the sentence's subject
    categorical: bool    # the subject reads as a category (申报…的 / …项目), named or not
    window: ApplicationWindow | None = None
    conditions: list[ItemCondition] | None = None
    tail: list[str] = field(default_factory=list)  # category words after the window's dates
    under: str | None = None  # the section (anchor) whose items the window is for; None: the notice's
    batch: int | None = None  # the batch (第二批 → 2) the window is for
    classes: frozenset[int] = frozenset()  # the numbered categories (第一类 → 1) its words name


def _category_name(clause: Clause) -> str:
    """What an item's clause is called: a table row's first cell (项目类别：…), else its title."""
    if _is_row(clause):
        cell = _CELL.match(clause.text)
        return cell.group(2) if cell else clause.title
    return clause.title


def _category_parts(text: str, rules: ItemRules) -> list[str]:
    """A category name's own words: no numbering, punctuation (首台（套） = 首台套) or shared words."""
    text = _CATEGORY_PUNCT.sub("", _NUMBER_PREFIX.sub("", text.strip()))
    return [p for p in rules.category_stopwords.split(text) if p]


def _names(subject: list[str], key: list[str], rules: ItemRules) -> int:
    """How strongly `subject` names the category `key`: the longest run of the key's words it repeats,
    when that run is long and at least half the key (0: it does not name it)."""
    best = 0
    for a in subject:
        for b in key:
            best = max(best, SequenceMatcher(None, a, b, autojunk=False).find_longest_match(
                0, len(a), 0, len(b)).size)
    if best < rules.category_min_chars or best * 2 < sum(len(b) for b in key):
        return 0
    return best


def _reads_as_category(text: str, rules: ItemRules) -> bool:
    chunk = _FIRST_CHUNK.match(_NUMBER_PREFIX.sub("", text.strip()))
    return bool(chunk and rules.category_subject.search(chunk.group(0).strip()))


def _notice_windows(ctx: _Context, item_clauses: set[str], item_anchors: list[str]) -> list[_Scoped]:
    """The windows the notice states outside its items' own clauses (an item's own is its own), each with
    what it is for: the section it stands in when that section holds items (一、第一批 › （三）申报时间),
    the category its words name, the batch (第二批) it opens."""
    out = []
    for clause in ctx.clauses:
        if clause.anchor.split(".")[0] in ctx.rules.no_item_anchors or clause.id in item_clauses:
            continue
        head = _category_name(clause) if _is_row(clause) else ""
        under = _section_with_items(clause.anchor, item_anchors)
        for before, window, after in _windows_in(ctx, clause, "document"):
            own = before[before.rfind("；") + 1:] if "；" in before else before  # this sentence's words
            subject = _category_parts(f"{before} {head}", ctx.rules)
            out.append(_Scoped(subject, bool(head) or _reads_as_category(own, ctx.rules), window=window,
                               tail=_category_parts(after, ctx.rules), under=under,
                               batch=_batch(before, ctx.rules), classes=_classes(f"{own} {after}")))
    return out


_CLASS = re.compile(r"第\s*([一二三四五六七八九十0-9０-９]{1,3})\s*类")


def _classes(text: str) -> frozenset[int]:
    """The numbered categories a text names (第一批受理第一类项目 → {1}): a name too short to compare by words."""
    return frozenset(n for m in _CLASS.finditer(text) if (n := cn_number(m.group(1))) is not None)


def _item_class(clause: Clause) -> int | None:
    """The numbered category an item's own name or nearest heading is (第二类：工业机器人应用项目 → 2)."""
    for name in (_category_name(clause), *reversed(_headings(clause)[:-1])):
        chunk = _FIRST_CHUNK.match(_NUMBER_PREFIX.sub("", name.strip()))
        found = _classes(chunk.group(0)) if chunk else frozenset()
        if found:
            return next(iter(found)) if len(found) == 1 else None
    return None


def _section_with_items(anchor: str, item_anchors: list[str]) -> str | None:
    """The deepest section holding `anchor` (itself included) that holds items too; None: the whole notice."""
    while anchor:
        if any(a.startswith(anchor + ".") for a in item_anchors):
            return anchor
        anchor = anchor.rsplit(".", 1)[0] if "." in anchor else ""
    return None


def _batch(text: str, rules: ItemRules) -> int | None:
    """The batch a text names (第二批 → 2), None when it names none."""
    found = list(rules.batch.finditer(text))  # the last named before the date: 第一批…；第二批…
    return cn_number(found[-1].group(1)) if found else None


def _item_batch(clause: Clause, rules: ItemRules) -> int | None:
    """The batch the headings above an item name (一、第一批申报项目 › （二）…); its own words do not
    (入选第三批专精特新“小巨人”企业 names an award's batch, not the application's)."""
    parts = _headings(clause)[:-1]
    found = [b for p in parts if (b := _batch(p, rules)) is not None]
    return found[-1] if found else None


def _names_first(subject: list[str], chain: list[list[str]], rules: ItemRules) -> int:
    """How strongly `subject` names the first of an item's category names that it names at all."""
    return next((score for key in chain if (score := _names(subject, key, rules))), 0)


def _window_for(item: SupportItem, chain: list[list[str]], clause: Clause | None, windows: list[_Scoped],
                keys: list[list[str]], rules: ItemRules) -> tuple[ApplicationWindow | None, list[ApplicationWindow]]:
    """(window, alternatives) of an item without a window of its own clause.

    The windows of the deepest section holding both (else the notice's own); among them the one naming
    the item's category (before its date, else after it: …，受理技术改造类项目), else those of the
    batch the item's headings name; else every window naming no category and reading as none: one is
    the item's window, several are alternatives (open while any is; `window` is the last to close)."""
    anchor = item.benefit_quote.anchor
    scoped = [w for w in windows if w.under is not None and anchor.startswith(w.under + ".")]
    if scoped:
        depth = max(len(w.under or "") for w in scoped)
        candidates = [w for w in scoped if len(w.under or "") == depth]
    else:
        candidates = [w for w in windows if w.under is None]
    number = _item_class(clause) if clause is not None else None
    numbered = [w for w in candidates if number is not None and number in w.classes]
    if numbered:  # 第一批受理第一类项目，申报截止…: the window of the category numbered so
        return numbered[0].window, []
    for key in chain:  # its own name first, then the headings above it
        for words in ("subject", "tail"):
            named = [(score, w.window) for w in candidates if (score := _names(getattr(w, words), key, rules))]
            if named:
                return max(named, key=lambda x: x[0])[1], []
    batch = _item_batch(clause, rules) if clause is not None else None
    batched = [w for w in candidates if batch is not None and w.batch == batch]
    pool = batched or [w for w in candidates if not w.categorical
                       and not any(_names(w.subject, k, rules) or _names(w.tail, k, rules) for k in keys)]
    companies = [w for w in pool if w.window and not rules.authority_window.search(w.window.quote.quote)]
    pool = companies or pool
    unique = list({(w.window.opens, w.window.deadline): w.window for w in pool if w.window}.values())
    if len(unique) <= 1:
        return (unique[0] if unique else None), []
    unique.sort(key=lambda w: (w.deadline or dt.date.max, w.opens or dt.date.min))
    return unique[-1], unique


def _notice_conditions(ctx: _Context, item_clauses: set[str], keys: list[list[str]],
                       anchors: list[str]) -> list[_Scoped]:
    """Conditions of the 申报条件 / 支持对象 section's sentences. A sentence opening with a category
    (申报智能制造示范工厂的，…) is for that category, and its opening is no condition itself; else a
    category in the headings under the section (（二）首台套保险补偿项目 › 1.…) scopes it; else the
    whole notice — or, in an annex that holds items of its own (附件1 申报指南 › 二、申报单位条件 … 三、支持方式),
    that annex's items. A short line (（三）上年度主营业务收入不低于2000万元) is a condition here, not a title."""
    out = []
    lead: tuple[str, int] | None = None  # a 申报主体应具备以下条件： clause and its heading depth
    for clause in ctx.clauses:
        if clause.id in item_clauses:  # an item's own sentences are its own (第二章 支持对象、范围和标准)
            continue
        parts = _headings(clause)
        at = next((i for i, p in enumerate(parts) if ctx.rules.condition_sections.search(p)), None)
        lead = _condition_lead(ctx, clause, parts, lead) if at is None else None
        if at is None and lead is not None:
            at = lead[1] - 1
        if at is None:
            out.extend(_scope_sentences(ctx, clause))
            continue
        below = parts[at + 1:]
        if below and _cut_label(clause, below[-1]):  # its own first words, cut short: no category heading
            below = below[:-1]
        for s in ctx.sentences(clause):
            if s.benefit and not s.text.rstrip().endswith(("：", ":")):
                continue
            under = None
            chunk = _FIRST_CHUNK.match(s.text)
            opening = chunk.group(0) if chunk else ""
            named = _category_parts(opening, ctx.rules)
            if _reads_as_category(opening, ctx.rules) or any(_names(named, k, ctx.rules) for k in keys):
                subject, categorical = named, True
                s = _Sentence(s.start + len(opening), s.end, s.text[len(opening):], False)
            else:
                subject = [w for p in below for w in _category_parts(p, ctx.rules)]
                categorical = any(_reads_as_category(p, ctx.rules) for p in below)
                if not any(_names(subject, k, ctx.rules) for k in keys):
                    under = _annex_with_items(clause, anchors)
                    subject = [] if under else (_annex_subject(ctx, clause, keys) or subject)
            found = _conditions(ctx, clause, s)[0] if s.text.strip(" \t\u3000，,。；;：:") else []
            if found:
                out.append(_Scoped(subject, categorical, conditions=found, under=under))
    return out


def _cut_label(clause: Clause, label: str) -> bool:
    """The clause's section label is its own first sentence cut short ((一)申报单位须为上年度营业收入不低于
    5亿元的 of …的高新技术企业；): the words run on past it, so it names no category."""
    text = clause.text.strip()
    return len(text) > len(label) and text.startswith(label) and text[len(label)] not in "，,：:；;。 \n"


_ANNEX_ROOT = re.compile(r"^附件\d*")


def _annex_with_items(clause: Clause, anchors: list[str]) -> str | None:
    """The annex (附件1) holding `clause` when it holds items too: its conditions are for those items."""
    root = _ANNEX_ROOT.match(clause.anchor)
    if root is None or not any(a.startswith(root.group(0) + ".") for a in anchors):
        return None
    return root.group(0)


def _annex_subject(ctx: _Context, clause: Clause, keys: list[list[str]]) -> list[str]:
    """The category an annex's title names (附件2 公共服务平台项目申报指南): its 申报条件 are that category's
    items' only; [] when the clause is in no annex or the title names no item."""
    root = _ANNEX_ROOT.match(clause.anchor)
    if root is None:
        return []
    titles = [_headings(clause)[0][root.end():].lstrip("：: ")]
    heads = [ctx.by_anchor.get(root.group(0)), ctx.by_anchor.get(root.group(0) + ".p1")]
    titles += [c.text for c in heads if c is not None and len(c.text) <= 60]
    for title in titles:
        parts = _category_parts(title, ctx.rules)
        if any(_names(parts, k, ctx.rules) for k in keys):
            return parts
    return []


def _condition_lead(ctx: _Context, clause: Clause, parts: list[str],
                    lead: tuple[str, int] | None) -> tuple[str, int] | None:
    """A clause introducing conditions (申报主体应具备以下条件：) under no 申报条件 heading: it and the clauses
    it lists are a conditions section — those nested under it, or, for a plain paragraph (附件1 › 第2段),
    the numbered clauses right after it in its section ((一)…(二)…). Returns (its anchor, the section
    depth of the heading read as 申报条件: its own), or None once a clause leaves the list."""
    if ctx.rules.condition_lead.search(clause.text):
        return clause.anchor, len(parts)
    if lead is None:
        return None
    anchor = lead[0]
    if clause.anchor.startswith(anchor + "."):
        return lead
    parent = anchor.rsplit(".", 1)[0] if "." in anchor else ""
    sibling = (clause.anchor.rsplit(".", 1)[0] if "." in clause.anchor else "") == parent
    if sibling and _PARAGRAPH_ANCHOR.search(anchor) and not _PARAGRAPH_ANCHOR.search(clause.anchor):
        return lead
    return None


def _scope_sentences(ctx: _Context, clause: Clause) -> list[_Scoped]:
    """The conditions of the clause's sentences saying whom the whole document is for (本措施适用于…)."""
    out = []
    for s in ctx.sentences(clause):
        if ctx.rules.exclusion_sentence.search(s.text):
            found = _excluded_below(ctx, clause, s)
            if found:
                out.append(_Scoped([], False, conditions=found))
        elif ctx.rules.scope_sentence.search(s.text):
            found = _conditions(ctx, clause, s)[0]
            if found:
                out.append(_Scoped([], False, conditions=found))
    return out


def _excluded_below(ctx: _Context, clause: Clause, s: _Sentence) -> list[ItemCondition]:
    """The bounds an exclusion sentence names (…低于5万元的企业，不享受本措施): those below are excluded,
    so each is a minimum every item of the document requires. Its other words (非本市注册企业) bind nothing
    here: the document's scope sentence states them positively."""
    out = []
    for name, pattern in ctx.rules.thresholds:
        for m in pattern.finditer(s.text):
            cmp, suf = m.group("cmp") or "", m.group("suf") or ""
            if not (ctx.rules.at_most.match(cmp) or ctx.rules.suffix_max.match(suf)):
                continue
            found = _threshold(ctx, clause, name, m, False, (s.start + m.start(), s.start + m.end()))
            if found is not None:
                out.append(found)
    return out


def _with_notice_scope(ctx: _Context, found: list[tuple[SupportItem, list[list[str]]]]) -> list[SupportItem]:
    """Each item gets the notice's deadline for its category and the notice's conditions for it.

    A window or conditions sentence is for the items whose category it names (the best-named when a
    window names several); one naming no item and reading as no category is for every item."""
    item_clauses = {item.benefit_quote.clause_id for item, _ in found}
    keys = [key for _, chain in found for key in chain]
    anchors = [item.benefit_quote.anchor for item, _ in found]
    windows = _notice_windows(ctx, item_clauses, anchors)
    conditions = _notice_conditions(ctx, item_clauses, keys, anchors)
    by_id = {c.id: c for c in ctx.clauses}

    def names_any(scoped: _Scoped) -> bool:
        return any(_names(scoped.subject, key, ctx.rules) for key in keys)

    wide = [x for x in conditions if not x.categorical and not names_any(x)]
    out = []
    for item, chain in found:
        anchor = item.benefit_quote.anchor
        binding = [c for x in wide if x.under is None or anchor.startswith(x.under + ".") for c in x.conditions or []]
        window, alternatives = item.window, list(item.windows)
        if window is None:
            clause = by_id.get(item.benefit_quote.clause_id)
            window, alternatives = _window_for(item, chain, clause, windows, keys, ctx.rules)
        own = [c for x in conditions if _names_first(x.subject, chain, ctx.rules) for c in x.conditions or []]
        added = [*binding, *own]
        if not added and window is item.window:
            out.append(item)
            continue
        clause_id = item.benefit_quote.clause_id
        extra_quotes = [c.quote for c in added if c.quote and c.quote.clause_id != clause_id]
        out.append(item.model_copy(update={
            "window": window,
            "windows": alternatives,
            "conditions": _dedupe([*item.conditions, *added]),
            "citations": unique_quotes([*item.citations, *extra_quotes]),
        }))
    return out


def _document_procedure(ctx: _Context) -> tuple[list[ItemQuote], list[ItemQuote]]:
    procedure: list[ItemQuote] = []
    materials: list[ItemQuote] = []
    for clause in ctx.clauses:
        quote = ctx.quote(clause, clause.start, clause.end)
        if quote is None:
            continue
        if ctx.rules.materials_sections.search(clause.section):
            materials.append(quote)
        elif ctx.rules.procedure_sections.search(clause.section):
            procedure.append(quote)
    return procedure[:MAX_SHARED_QUOTES], materials[:MAX_SHARED_QUOTES]
