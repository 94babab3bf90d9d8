"""Company profiles: checked from what the caller gave, or extracted from a free-text description.

    given = read_profile_input({"city": "光谷", "description": "我们做减速器，想贷款"})  # once, at the edge
    profile, filled = build_profile(given, OfflineExtractor(vocab), vocab)

Every path (CLI, REST, UI, chat) builds profiles with build_profile and one ProfileExtractor,
so the same description gives the same profile everywhere. The offline extractor is plain
keyword spotting with knowledge/vocabulary.yaml (no model, no network); the LLM one lives in
assistant.llm.profile and is injected by the Runtime. Explicit fields always win (merge_explicit).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from assistant.eligibility.errors import InvalidProfile
from assistant.eligibility.textmatch import (
    Hit,
    clause_spans,
    contains_any,
    find_keywords,
    last_cue_before,
    span_of,
)
from assistant.eligibility.vocabulary import Vocabulary
from assistant.errors import AssistantError
from assistant.types import CompanyProfile, ProfileInput

FIELDS = list(CompanyProfile.model_fields)
INPUT_FIELDS = list(ProfileInput.model_fields)  # what a caller may give (certifications_stated is derived)
# Role names the extractor reasons about (all defined in vocabulary.yaml roles).
_USER = "用户企业"
_WHOLE_MACHINE = "整机/龙头企业"
_SUPPLIER_ROLES = {"核心部件配套企业", "中小企业/分包商"}
_NON_MAKER_ROLES = {"科研院所/高校", "金融机构"}  # they study or finance equipment, not make it
_KIND_FIELD = {"role": "roles", "sector": "sectors", "need": "needs", "size": "size"}
_YES = {"是", "有", "true", "yes", "y", "1", "对"}
_NO = {"否", "无", "没有", "false", "no", "n", "0", "不是"}


# ── the edge: what the caller gave ──


def read_profile_file(path: str | Path) -> ProfileInput:
    """A profile JSON file (the CLIs' --profile) checked by read_profile_input; a clear error if unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AssistantError(f"无法读取企业画像 {path}：{type(exc).__name__}") from None
    if not isinstance(data, dict):
        raise AssistantError(f"企业画像 {path} 应为 JSON 对象")
    return read_profile_input(data)


def read_profile_input(data: object) -> ProfileInput:
    """Check a caller's profile object once (unknown keys, value types); InvalidProfile says what is wrong."""
    if isinstance(data, ProfileInput):
        return data
    if not isinstance(data, dict):
        raise InvalidProfile(f"企业画像应为键值对象，收到的是 {type(data).__name__}")
    unknown = [k for k in data if k not in INPUT_FIELDS]
    if unknown:
        # repr() keeps a hostile key (newlines, control characters) on one line.
        names = ", ".join(repr(str(k))[1:-1][:60] for k in unknown)
        raise InvalidProfile(f"未知的企业画像字段：{names}（可用字段：{', '.join(INPUT_FIELDS)}）")
    try:
        return ProfileInput.model_validate(data)
    except ValidationError as exc:
        raise InvalidProfile(_one_line(exc)) from None


# ── explicit profiles ──


def parse_profile(data: ProfileInput | dict[str, Any], vocab: Vocabulary) -> CompanyProfile:
    """Resolve the given fields into a CompanyProfile; aliases are accepted (龙头企业, 机器人, 光谷, "8%").

    The description is kept as given, not read (build_profile extracts from it). Raises
    InvalidProfile with a one-line message for unknown keys or values.
    """
    given = read_profile_input(data)
    clean = given.explicit()
    if "needs" in clean:  # open: 用地, 技改补助 resolve by the needs' keywords, else are kept as given
        clean["needs"] = _open_needs(vocab, clean["needs"])
    for kind, name in (("sector", "sectors"), ("role", "roles")):  # open: 激光加工, 链主企业 are kept
        if name in clean:
            clean[name] = _open_names(vocab, kind, clean[name])
    if "products" in clean:
        clean["products"] = _as_list(clean["products"], "products")
    if "size" in clean:
        clean.update(_size(vocab, clean["size"], clean.get("above_scale")))
    for name in ("revenue", "rd_spend", "tax_paid", "tax_per_mu", "employees", "established_year"):
        if name in clean:
            clean[name] = _as_number(clean[name], name)
    if "above_scale" in clean:
        clean["above_scale"] = _as_bool(clean["above_scale"])
    if given.certifications is not None and given.certifications != "":
        # A list the caller gives (even []) is complete: a company certification not in it is not held.
        clean["certifications"] = _certifications(vocab, _as_list(given.certifications, "certifications"))
        clean["certifications_stated"] = True
    if given.certification_years not in (None, "", {}):
        years = _certification_years(vocab, given.certification_years)
        clean["certification_years"] = years
        held = clean.setdefault("certifications", [])  # a certification with a year is held, listed or not
        for name in years:
            _add(held, name)
    if "city" in clean:
        clean.update(_place(vocab, clean["city"], clean.get("district")))
    if "first_of_kind" in clean:
        clean["first_of_kind"] = _as_bool(clean["first_of_kind"])
    if given.description and given.description.strip():
        clean["description"] = given.description.strip()
    try:
        return CompanyProfile.model_validate(clean)
    except ValidationError as exc:
        raise InvalidProfile(_one_line(exc)) from None


def _one_line(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = str(err["loc"][0]) if err["loc"] else "profile"  # the field, not the union member tried
        parts.append(f"{where}: {err['msg']}")
    return "企业画像无效：" + "；".join(parts)


def _as_list(value: Any, field: str) -> list[str]:
    if isinstance(value, str):
        # "机器人, 激光" → two names; not "/", which is part of names like 中小企业/分包商
        value = [v for v in re.split(r"[,，、;；]\s*", value) if v.strip()] if field != "products" else [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidProfile(f"企业画像字段 {field} 应为字符串列表")
    return [v.strip() for v in value if v.strip()]


def _resolve_names(vocab: Vocabulary, kind: str, value: Any) -> list[str]:
    names = [value] if kind == "size" and isinstance(value, str) else _as_list(value, kind + "s")
    out: list[str] = []
    for name in names:
        resolved = vocab.resolve(kind, name)
        if resolved is None:
            choices = {"role": vocab.roles, "sector": vocab.sectors, "need": vocab.needs, "size": vocab.sizes}[kind]
            label = vocab.labels.field(_KIND_FIELD[kind])
            raise InvalidProfile(f"未知的{label}「{name}」（可选：{'、'.join(choices)}）")
        if resolved not in out:
            out.append(resolved)
    return out


def _open_names(vocab: Vocabulary, kind: str, value: Any) -> list[str]:
    """Sector / role names: canonical when the vocabulary knows them (机器人 → 工业机器人), else kept as given."""
    out: list[str] = []
    for name in _as_list(value, kind + "s"):
        _add(out, vocab.resolve(kind, name) or name)
    return out


def _open_needs(vocab: Vocabulary, value: Any) -> list[str]:
    out: list[str] = []
    for name in _as_list(value, "needs"):
        known = vocab.resolve("need", name) or next(
            (n for n, spec in vocab.needs.items() for k in spec.keywords
             if k and not k.isascii() and (vocab.normalise(k) in vocab.normalise(name))), None)
        _add(out, known or name)
    return out


def _certifications(vocab: Vocabulary, names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        spec = vocab.resolve_certification(name)
        _add(out, spec.name if spec else name)
    return out


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_FIRST = re.compile(r"首次|初次|第一次|新认定|新获评|新评为|first|initial|newly")
_RENEWED = re.compile(r"重新|复审|复核|再次|renew|re-?certif|re-?recogni[sz]|re-?accredit|re-?assess")


def _certification_years(vocab: Vocabulary, value: Any) -> dict[str, dict[str, Any]]:
    """{高新技术企业: 2024} / {小巨人: "2021年首次认定"} / "高新技术企业 2024年重新认定；小巨人 2021" → canonical name →
    {year, round}."""
    if isinstance(value, str):
        value = dict(_name_and_when(part) for part in re.split(r"[;；\n]\s*", value) if part.strip())
    if not isinstance(value, dict):
        raise InvalidProfile("企业画像字段 certification_years 应为 资质→年份，如 {\"高新技术企业\": 2024}")
    out: dict[str, dict[str, Any]] = {}
    for name, when in value.items():
        spec = vocab.resolve_certification(str(name))
        out[spec.name if spec else str(name).strip()] = _when(vocab, when, str(name))
    return out


def _name_and_when(part: str) -> tuple[str, str]:
    m = _YEAR.search(part)
    if not m:
        raise InvalidProfile(f"企业画像字段 certification_years 缺少年份：{part[:30]}")
    return re.sub(r"[:：=\s]+$", "", part[:m.start()]).strip() or part, part[m.start():]


def _when(vocab: Vocabulary, when: Any, name: str) -> dict[str, Any]:
    if isinstance(when, dict):
        return when  # {year, round}: CompanyProfile checks it
    text = vocab.normalise(str(when))
    m = _YEAR.search(text)
    if isinstance(when, bool) or not m:
        raise InvalidProfile(f"企业画像字段 certification_years 中「{name[:20]}」应为年份，如 2024 或 “2024年首次认定”")
    return {"year": int(m.group(1)), "round": _round(text)}


def _round(text: str) -> str | None:
    return "renewed" if _RENEWED.search(text) else "first" if _FIRST.search(text) else None


def _size(vocab: Vocabulary, value: Any, above_scale: Any) -> dict[str, Any]:
    """size: 大型企业 / 中小企业 (or an alias); 规模以上 / 规上 given as a size sets above_scale instead."""
    if isinstance(value, str):
        key = vocab.normalise(value).strip()
        for words, flag in ((vocab.scale.below, False), (vocab.scale.above, True)):
            if key in {vocab.normalise(w) for w in words}:
                return {"size": None, "above_scale": flag if above_scale is None else above_scale}
    return {"size": _resolve_names(vocab, "size", value)[0]}


_MONEY_FIELDS = ("revenue", "rd_spend", "tax_paid", "tax_per_mu")  # in 万元 (亩均税收: 万元 per 亩)
_NUMBER_WORDS = re.compile(
    r"^\s*(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿点]+)\s*(亿元|亿|万元|万|元|人|名|年)?\s*$")


def _as_number(value: Any, field: str) -> Any:
    """23000, "2.3亿元", "5000万", "200人", "2015年" → the field's number (money in 万元); else as given."""
    if not isinstance(value, str):
        return value  # pydantic checks the type and range
    m = _NUMBER_WORDS.match(vocab_free_normalise(value))
    if not m:
        raise InvalidProfile(f"企业画像字段 {field} 应为数字，如 23000 或 “2.3亿元”，收到：{value[:30]}")
    number = _number(m.group(1))
    if number is None:
        raise InvalidProfile(f"企业画像字段 {field} 无法识别为数字：{value[:30]}")
    unit = m.group(2) or ""
    if field in _MONEY_FIELDS:
        number *= {"亿元": 10000.0, "亿": 10000.0, "元": 0.0001}.get(unit, 1.0)
    return int(number) if field in ("employees", "established_year") else number


def vocab_free_normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _number(text: str) -> float | None:
    from assistant.documents.items import number  # cn2an for Chinese numerals

    return number(text)


def _place(vocab: Vocabulary, city: Any, district: Any) -> dict[str, Any]:
    """City as 市州 (光谷 → 武汉, district 东湖高新区); unrecognised names are kept as given."""
    if not isinstance(city, str):
        raise InvalidProfile("企业画像字段 city 应为字符串，如 “襄阳” 或 “东湖高新区”")
    found, found_district = vocab.resolve_place(city)
    if found is None:
        return {"city": city.strip()}
    if isinstance(district, str) and district.strip():  # 高新区 in 襄阳 → 襄阳高新区
        district = vocab.resolve_district(found, district) or district.strip()
    return {"city": found, "district": district or found_district}


def _as_bool(value: Any) -> Any:
    if isinstance(value, str):
        key = value.strip().lower()
        if key in _YES:
            return True
        if key in _NO:
            return False
    return value  # pydantic reports anything else


# ── extraction from free text ──


def extract_fields(text: str, vocab: Vocabulary, today: dt.date | None = None) -> dict[str, Any]:
    """Profile fields found in a description; only fields with something found are returned.

    `today` dates relative years (去年认定); None: the system date."""
    norm = vocab.normalise(text)
    spans = clause_spans(norm)
    found: dict[str, Any] = {}
    city, district = _find_place(norm, spans, vocab)
    if city:
        found["city"] = city
        if district:
            found["district"] = district
    products, sectors, product_roles, bought = _find_products(norm, spans, vocab)
    roles = _find_roles(norm, spans, vocab)
    for role in [] if set(roles) & _NON_MAKER_ROLES else product_roles:
        # A self-declared parts supplier or subcontractor naming a machine is not its maker.
        if not (role == _WHOLE_MACHINE and set(roles) & _SUPPLIER_ROLES):
            _add(roles, role)
    if bought:
        _add(roles, _USER)
    found.update({k: v for k, v in (("products", products), ("sectors", sectors), ("roles", roles)) if v})
    needs = _find_needs(norm, vocab)
    if needs:
        found["needs"] = needs
    certifications = _find_certifications(norm, spans, vocab)
    if certifications:
        found["certifications"] = certifications
        years = _find_certification_years(norm, spans, vocab, (today or dt.date.today()).year)
        if years:
            found["certification_years"] = years
    for key, value in (
        ("size", _find_size(norm, spans, vocab)),
        ("rd_ratio", _find_rd_ratio(norm)),
        ("revenue", _find_revenue(norm)),
        ("rd_spend", _find_rd_spend(norm)),
        ("tax_per_mu", _find_tax_per_mu(norm)),
        ("tax_paid", _find_tax_paid(norm)),
        ("employees", _employees(norm)),
        ("established_year", _find_established(norm)),
        ("above_scale", _find_above_scale(norm, vocab)),
        ("first_of_kind", _find_first_of_kind(norm, spans, vocab)),
        ("name", _find_name(text)),
    ):
        if value is not None:
            found[key] = value
    return found


def _keyword_map(vocab: Vocabulary, pairs: list[tuple[str, Any]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for keyword, payload in pairs:
        out.setdefault(vocab.normalise(keyword), []).append(payload)
    return out


def _find_place(
    norm: str, spans: list[tuple[int, int]], vocab: Vocabulary
) -> tuple[str | None, str | None]:
    """The company's 市州: a place right after 位于/在/based in wins, else the first mention.

    A place directly followed by 大学/学院/研究院 (武汉理工大学) names an institution, not where
    the company is, unless the text is about that institution itself (武汉大学的一个研究团队).
    """
    names: dict[str, list[tuple[str, str | None]]] = {k: [v] for k, v in vocab.place_names_for(norm).items()}
    for outside in vocab.regions.outside_hubei:
        names.setdefault(vocab.normalise(outside), [(outside, None)])
    hits = find_keywords(norm, names)
    institutions = [
        h for h in hits if any(norm.startswith(vocab.normalise(w), h.end) for w in vocab.cues.not_location)
    ]
    places = [h for h in hits if h not in institutions]
    if not places:
        places = [h for h in institutions if _is_identity_clause(norm, spans, h.start, vocab)]
    branches = [h for h in places if _names_branch(norm, spans, h, places, vocab)]
    places = [h for h in places if h not in branches]
    if not places:  # only a branch's place (在武汉设有分公司): where the company is registered is not said
        return None, None
    cues = [vocab.normalise(c) for c in vocab.cues.location]
    located = [h for h in places if any(norm[max(0, h.start - len(c) - 4):h.start].find(c) >= 0 for c in cues)]
    registered = [h for h in places if _names_registration(norm, h, vocab)]
    city, district = (registered or located or places)[0].payloads[0]
    if district is None:  # 黄石下陆区: the city, then one of its districts
        district = next((d for h in places for c, d in h.payloads if c == city and d), None)
    return city, district


def _names_registration(norm: str, hit: Hit, vocab: Vocabulary) -> bool:
    """The place is where the company is registered: a registration word right after it (在宜昌注册的) or right
    before it (注册地在仙桃, registered in Yichang)."""
    words = [vocab.normalise(w) for w in vocab.cues.registration]
    after = norm[hit.end:hit.end + 6]
    before = norm[max(0, hit.start - 16):hit.start]
    return any(after.lstrip("市州区县").startswith(w) for w in words) or any(
        before.rstrip(" 在于为:：").endswith(w) for w in words)


def _names_branch(norm: str, spans: list[tuple[int, int]], hit: Hit, places: list[Hit], vocab: Vocabulary) -> bool:
    """The place is a branch's: its clause goes on to 分公司 before naming another place (在武汉东湖高新区设了一个
    分公司), or it follows "branch office in"."""
    before = norm[max(0, hit.start - 24):hit.start].rstrip()
    if any(before.endswith(vocab.normalise(w)) for w in vocab.cues.branch_before):
        return True
    _, end = span_of(spans, hit.start)
    city = hit.payloads[0][0]  # 武汉 then 东湖高新区 name one place: only another city's name ends the search
    end = min([end, *(h.start for h in places if h.start > hit.start and h.payloads[0][0] != city)])
    return contains_any(norm[hit.end:end], [vocab.normalise(w) for w in vocab.cues.branch])


def _find_products(
    norm: str, spans: list[tuple[int, int]], vocab: Vocabulary
) -> tuple[list[str], list[str], list[str], bool]:
    """Products → (own products, sectors, roles they imply, mentions something bought).

    The nearest cue before a product in its clause says whose it is: after 采购/引进/老旧… the
    company uses it (a user enterprise); after 为/给/for it is the customer's (为轧机做配套: the
    sector counts, the role does not); otherwise (做/生产/none) it is the company's own.
    """
    keywords = _keyword_map(vocab, [(kw, p) for p in vocab.products for kw in p.keywords])
    cues = {vocab.normalise(c): "customer" for c in vocab.cues.customer}
    cues.update({vocab.normalise(c): "purchase" for c in vocab.cues.purchase})
    cues.update({vocab.normalise(c): "supply" for c in vocab.cues.supply})
    products: list[str] = []
    sectors: list[str] = []
    roles: list[str] = []
    bought = False
    for hit in find_keywords(norm, keywords):
        start, _ = span_of(spans, hit.start)
        context = last_cue_before(norm, start, hit.start, cues)
        if context == "purchase":
            bought = True
            continue
        for product in hit.payloads:
            for sector in product.sectors:
                _add(sectors, sector)
            if context != "customer":
                _add(products, product.name)
                if product.role:
                    _add(roles, product.role)
    return products, sectors, roles, bought


def _find_roles(norm: str, spans: list[tuple[int, int]], vocab: Vocabulary) -> list[str]:
    """Roles from role words; identity words (大学, 银行) only where the company describes itself."""
    anywhere = _keyword_map(vocab, [(kw, r) for r, spec in vocab.roles.items() for kw in spec.keywords])
    identity = _keyword_map(vocab, [(kw, r) for r, spec in vocab.roles.items() for kw in spec.identity_keywords])
    supply = {vocab.normalise(c): "supply" for c in vocab.cues.supply}
    roles: list[str] = []
    for hit in find_keywords(norm, anywhere):
        start, _ = span_of(spans, hit.start)
        if _about_other_party(norm, hit, vocab):
            continue
        # "帮助客户实现机器换人" describes a supplier's service, not a user.
        if _USER in hit.payloads and last_cue_before(norm, start, hit.start, supply):
            continue
        for role in hit.payloads:
            _add(roles, role)
    for hit in find_keywords(norm, identity):
        if _is_identity_clause(norm, spans, hit.start, vocab) and not _about_other_party(norm, hit, vocab):
            for role in hit.payloads:
                _add(roles, role)
    return roles


def _is_identity_clause(norm: str, spans: list[tuple[int, int]], pos: int, vocab: Vocabulary) -> bool:
    start, end = span_of(spans, pos)
    clause = norm[start:end]
    if contains_any(clause, [vocab.normalise(c) for c in vocab.cues.partner]):
        return False
    first = bool(spans) and spans[0][0] == start
    return first or contains_any(clause, [vocab.normalise(c) for c in vocab.cues.identity])


def _about_other_party(norm: str, hit: Hit, vocab: Vocabulary) -> bool:
    """A word right after 找/与/为… (想找大企业做分包) describes someone else."""
    before = norm[max(0, hit.start - 3):hit.start]
    return any(before.endswith(vocab.normalise(c)) for c in vocab.cues.other_party)


def _find_needs(norm: str, vocab: Vocabulary) -> list[str]:
    keywords = _keyword_map(vocab, [(kw, n) for n, spec in vocab.needs.items() for kw in spec.keywords])
    negations = [vocab.normalise(c) for c in vocab.cues.negation]
    needs: list[str] = []
    for hit in find_keywords(norm, keywords):
        if any(c in norm[max(0, hit.start - 3):hit.start] for c in negations):
            continue  # 不缺钱, 不需要融资
        for need in hit.payloads:
            _add(needs, need)
    return needs


def _find_size(norm: str, spans: list[tuple[int, int]], vocab: Vocabulary) -> str | None:
    """Size words first (中小企业, 大型国企), then employee / revenue numbers."""
    keywords = _keyword_map(vocab, [(kw, s) for s, spec in vocab.sizes.items() for kw in spec.keywords])
    for hit in find_keywords(norm, keywords):
        if not _about_other_party(norm, hit, vocab):
            return hit.payloads[0]
    return _size_from_numbers(_employees(norm), _revenue_yuan(norm), vocab)


def _size_from_numbers(employees: int | None, revenue: float | None, vocab: Vocabulary) -> str | None:
    # 工信部联企业〔2011〕300号 (industry): 大型 needs both thresholds, 中小 needs one below.
    limit = vocab.size_thresholds
    below = (employees is not None and employees < limit.employees) or (
        revenue is not None and revenue < limit.revenue_yuan
    )
    if below:
        return "中小企业"
    if employees is not None and revenue is not None:
        return "大型企业"
    return None


_CN_COUNT = "[一二两三四五六七八九十百千]+"  # 员工八十人 / 三百多人
_EMPLOYEES = [
    re.compile(r"(?:员工|职工|从业人员|雇员)(?:约|共|有|总数|人数|近|超过)?\s*(\d[\d,]*|" + _CN_COUNT
               + r")\s*(?:余|多)?\s*(?:人|名)"),
    re.compile(r"(\d[\d,]*|" + _CN_COUNT + r")\s*(?:余|多)?\s*(?:名|个)?(?:员工|职工|从业人员)"),
    re.compile(r"(\d[\d,]*)\s+(?:employees|staff|people|workers)"),
]
_REVENUE = re.compile(
    r"(?:销售收入|营业收入|主营业务收入|营收|年收入|产值|销售额|revenue|sales)[^,。;%\d]{0,6}?"
    r"(\d+(?:\.\d+)?)\s*(亿|万|billion|million)"
)
_UNIT = {"亿": 1e8, "万": 1e4, "billion": 1e9, "million": 1e6}


def _employees(norm: str) -> int | None:
    for pattern in _EMPLOYEES:
        m = pattern.search(norm)
        if m:
            value = _number(m.group(1).replace(",", ""))
            return int(value) if value is not None else None
    return None


def _revenue_yuan(norm: str) -> float | None:
    m = _REVENUE.search(norm)
    return float(m.group(1)) * _UNIT[m.group(2)] if m else None


# 2.3亿 / 一亿五千万 / 1亿5000万 (亿 inside the number, 万 its unit); 5个亿, 8000多万: a 个 or 多 before the unit.
_CN_DIGITS = "零〇一二两三四五六七八九十百千点"
_MONEY_NUM = (rf"((?:\d+(?:\.\d+)?|[{_CN_DIGITS}]+)亿(?:\d+|[{_CN_DIGITS}]+)(?=\s*万)"
              rf"|\d+(?:\.\d+)?|[{_CN_DIGITS}]+)(?:\s*(?:个|多|余))?")
# Between the word and the number: anything but a digit, except an ordinal (今年第一次过了5亿).
_REVENUE_WAN = re.compile(
    r"(?:主营业务收入|主营收入|营业收入|销售收入|营收|年收入|销售额|营业额|年产值|产值|revenue|sales)"
    r"(?:第[一二两三四五六七八九十]次|[^,。;%\d零〇一二两三四五六七八九十]){0,8}?"
    + _MONEY_NUM + r"\s*(亿|万)")
_RD_SPEND = re.compile(r"(?:研发投入|研发费用|研发经费)[^,。;%\d]{0,6}?" + _MONEY_NUM + r"\s*(亿|万)(?!\S{0,2}%)")
_ESTABLISHED = [re.compile(r"((?:19|20)\d{2})\s*年\s*(?:成立|创立|创办|注册成立)"),
                re.compile(r"(?:成立|创立|创办|注册)于\s*((?:19|20)\d{2})\s*年"),
                re.compile(r"(?:founded|established) in ((?:19|20)\d{2})")]


# English amounts (revenue of 600 million yuan, R&D spending of RMB 6 million, 1.2 billion yuan in sales):
# 万元 per unit word; the number must carry a unit word or a currency, never a bare count or a percentage.
_EN_UNIT_WAN = {"billion": 100000.0, "bn": 100000.0, "million": 100.0, "m": 100.0, "thousand": 0.1}
_EN_MONEY = (r"(?:(?:rmb|cny|¥)\s*)?(\d+(?:\.\d+)?)\s*(billion|bn|million|m|thousand)\b"
             r"(?!\s*(?:employees|staff|people|workers))(?:\s*(?:yuan|rmb|cny))?")
_EN_REVENUE = [re.compile(r"\b(?:annual )?(?:revenue|sales|turnover)\b[^,.;%\d]{0,24}?" + _EN_MONEY),
               re.compile(_EN_MONEY + r"\s*(?:in|of)\s*(?:annual )?(?:revenue|sales|turnover)\b")]
_EN_RD_SPEND = re.compile(r"\b(?:r&d|research and development)\s*(?:spending|spend|expenses?|expenditure|"
                          r"investment|costs?)\b[^,.;%\d]{0,24}?" + _EN_MONEY + r"(?!\s*%)")


def _english_wan(patterns: list[re.Pattern[str]], norm: str) -> float | None:
    for pattern in patterns:
        m = pattern.search(norm)
        if m:
            return round(float(m.group(1)) * _EN_UNIT_WAN[m.group(2)], 6)
    return None


def _wan(number: str, unit: str) -> float | None:
    if "亿" in number:  # 一亿五千万 / 1亿5000万 (unit 万): 亿 and 万 parts
        high, _, low = number.partition("亿")
        a, b = _number(high), _number(low)
        return None if a is None or b is None else a * 10000.0 + b
    value = _number(number)
    return None if value is None else value * (10000.0 if unit == "亿" else 1.0)


def _find_revenue(norm: str) -> float | None:
    """年营收2.3亿元 → 23000 (万元); 主营业务收入5000万 → 5000."""
    m = _REVENUE_WAN.search(norm)
    return _wan(m.group(1), m.group(2)) if m else _english_wan(_EN_REVENUE, norm)


def _find_rd_spend(norm: str) -> float | None:
    """研发投入800万元 → 800 (万元); a ratio (研发投入占营收4%) is rd_ratio, not this."""
    m = _RD_SPEND.search(norm)
    return _wan(m.group(1), m.group(2)) if m else _english_wan([_EN_RD_SPEND], norm)


# Tax figures (去年纳税820万元, 年纳税总额1.2亿元, 亩均税收35万元; paid RMB 8.2 million in taxes): 万元.
# 亩均 / 每亩 words are the per-亩 figure, never the total.
_TAX_PER_MU = re.compile(r"(?:亩均(?:税收|纳税|税金)(?:贡献)?|亩产税收|每亩(?:税收|纳税))[^,。;%\d]{0,6}?"
                         + _MONEY_NUM + r"\s*(亿|万)")
_TAX_PAID = re.compile(r"(?<!亩均)(?<!亩产)(?<!每亩)(?:纳税(?:总额|额|金额)?|实缴税(?:金|款|收)|缴纳税(?:收|款|金)|"
                       r"上缴税(?:收|金)|税收(?:贡献|总额)|缴税)[^,。;%\d]{0,6}?" + _MONEY_NUM + r"\s*(亿|万)")
_EN_TAX_PER_MU = re.compile(r"\btax(?:es)?\s*(?:paid\s*)?per\s*mu\b[^,.;%\d]{0,24}?" + _EN_MONEY)
_EN_TAX_PAID = [re.compile(r"\b(?:paid|pay)\b[^,.;%\d]{0,12}?" + _EN_MONEY + r"\s*(?:in|of)\s*tax(?:es)?\b"),
                re.compile(r"\btax(?:es)?\s*(?:paid|payments?)\b(?!\s*per)[^,.;%\d]{0,24}?" + _EN_MONEY)]


def _find_tax_per_mu(norm: str) -> float | None:
    """亩均税收35万元 → 35 (万元 per 亩)."""
    m = _TAX_PER_MU.search(norm)
    return _wan(m.group(1), m.group(2)) if m else _english_wan([_EN_TAX_PER_MU], norm)


def _find_tax_paid(norm: str) -> float | None:
    """去年纳税820万元 → 820 (万元); a per-亩 figure (亩均税收) is tax_per_mu, not this."""
    m = _TAX_PAID.search(norm)
    return _wan(m.group(1), m.group(2)) if m else _english_wan(_EN_TAX_PAID, norm)


def _find_established(norm: str) -> int | None:
    for pattern in _ESTABLISHED:
        m = pattern.search(norm)
        if m:
            return int(m.group(1))
    return None


def _find_above_scale(norm: str, vocab: Vocabulary) -> bool | None:
    """还不是规上 → False (checked first); 规上企业 / 规模以上 → True."""
    if contains_any(norm, [vocab.normalise(w) for w in vocab.scale.below]):
        return False
    if contains_any(norm, [vocab.normalise(w) for w in vocab.scale.above]):
        return True
    return None


def _find_certifications(norm: str, spans: list[tuple[int, int]], vocab: Vocabulary) -> list[str]:
    """Certifications the company holds; one it wants (想申报省级智能制造示范工厂) is not held."""
    keywords = _keyword_map(vocab, [(alias, spec.name) for spec in vocab.certifications
                                    for alias in (spec.name, *spec.aliases)])
    wishes = [vocab.normalise(c) for c in (*vocab.cues.inquiry, "申报", "申请", "争取", "想", "打算", "计划")]
    found: list[str] = []
    for hit in find_keywords(norm, keywords):
        start, _ = span_of(spans, hit.start)
        if contains_any(norm[start:hit.start], wishes):
            continue
        for name in hit.payloads:
            _add(found, name)
    return found


# A certification's year in the words around its name in one clause: 2021年认定为小巨人, 去年新认定的高企, 高企（2022年
# 认定）, first recognised as a high-tech enterprise in 2024. A certification verb must be there (成立于2015年 is no
# date).
_CERT_VERB = re.compile(r"认定|获评|评为|评定|入选|获得|获批|通过|授予|成为|recogni[sz]ed|certified|accredited|awarded|"
                        r"named|became|granted|qualified")
_RELATIVE_YEARS = {"前年": -2, "去年": -1, "上年": -1, "今年": 0, "本年": 0, "当年": 0, "last year": -1, "this year": 0,
                   "year before last": -2}
_WHEN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)|" + "|".join(sorted(_RELATIVE_YEARS, key=len, reverse=True)))


def _find_certification_years(norm: str, spans: list[tuple[int, int]], vocab: Vocabulary,
                              this_year: int) -> dict[str, dict[str, Any]]:
    keywords = _keyword_map(vocab, [(alias, spec.name) for spec in vocab.certifications
                                    for alias in (spec.name, *spec.aliases)])
    out: dict[str, dict[str, Any]] = {}
    for hit in find_keywords(norm, keywords):
        start, end = span_of(spans, hit.start)
        around = norm[start:hit.start] + " " + norm[hit.end:end]
        years = list(_WHEN.finditer(around))
        if not years or not _CERT_VERB.search(around):
            continue
        m = years[-1] if years[-1].start() < hit.start - start else years[0]  # the nearest before, else after
        year = int(m.group(1)) if m.group(1) else this_year + _RELATIVE_YEARS[m.group(0)]
        for name in hit.payloads:
            out.setdefault(name, {"year": year, "round": _round(around)})
    return out


# 研发投入占营收8% / 研发占比5个点 (a colloquial percentage point).
_RD = re.compile(r"(?:研发(?!人员|团队|中心|机构)|r&d|research and development)[^,。;%\d]{0,16}?"
                 r"(\d+(?:\.\d+)?)\s*(?:%|个百分点|个点)")


# 研发费用投入680万元，占比5.04%: the share right after the R&D spend (not 研发人员占比, a headcount share).
_RD_AFTER_SPEND = re.compile(r"(?:研发|r&d)(?!人员|团队|中心|机构)[^。;%]{0,24}?"
                             r"占(?:比|营收|营业收入|销售收入|主营业务收入)?(?:的)?(?:比例|比重)?(?:为|达|约)?"
                             r"\s*(\d+(?:\.\d+)?)\s*(?:%|个百分点|个点)")


def _find_rd_ratio(norm: str) -> float | None:
    """研发投入占营收8% → 0.08 (always a fraction)."""
    m = _RD.search(norm) or _RD_AFTER_SPEND.search(norm)
    if not m:
        return None
    value = round(float(m.group(1)) / 100, 6)
    return value if 0 <= value <= 1 else None


def _find_first_of_kind(norm: str, spans: list[tuple[int, int]], vocab: Vocabulary) -> bool | None:
    if contains_any(norm, [vocab.normalise(c) for c in vocab.first_of_kind.negative]):
        return False
    inquiry = [vocab.normalise(c) for c in vocab.cues.inquiry]
    cues = {vocab.normalise(c): [True] for c in vocab.first_of_kind.positive}
    for hit in find_keywords(norm, cues):
        start, end = span_of(spans, hit.start)
        if not contains_any(norm[start:end], inquiry):  # 想了解首台套政策 is a question
            return True
    return None


_NAME = [
    re.compile(r"([\u4e00-\u9fffA-Za-z0-9（）()]{2,40}?(?:股份有限公司|有限责任公司|有限公司))"),
    re.compile(r"([A-Z][\w&.\- ]{1,60}?(?:Co\., ?Ltd\.?|Ltd\.?|Inc\.?|Corporation|Corp\.?))"),
]
_NAME_PREFIX = re.compile(r"^(?:我们是|我们|我司是|本公司是|我公司是|公司是|是|我司|本公司)")


def _find_name(text: str) -> str | None:
    for pattern in _NAME:
        m = pattern.search(text)
        if m:
            name = _NAME_PREFIX.sub("", m.group(1)).strip()
            return name if len(name) >= 4 else None
    return None


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


# ── extractors and the one merge ──


@dataclass(frozen=True)
class Extraction:
    """Profile fields read from a description (canonical values; the keys are the fields found)."""

    fields: dict[str, Any] = field(default_factory=dict)
    source: str = "offline"  # "offline" or "llm": who read it (for logs and tests)


class ProfileExtractor(Protocol):
    """Reads a company description into profile fields (offline gazetteer, or an LLM with that fallback)."""

    def extract(self, description: str) -> Extraction: ...


class OfflineExtractor:
    """Keyword spotting with the vocabulary: no model, no network."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab

    def extract(self, description: str) -> Extraction:
        return Extraction(extract_fields(description, self.vocab) if description.strip() else {}, "offline")


def merge_explicit(base: CompanyProfile, extracted: dict[str, Any], description: str = "") -> tuple[
        CompanyProfile, list[str]]:
    """Fill the fields `base` leaves empty from `extracted`: explicit fields always win.

    Returns the profile and the names of the fields taken from the extraction, in field order.
    """
    merged = base.model_dump()
    filled: list[str] = []
    for name in FIELDS:
        if name in extracted and name != "description" and merged[name] in (None, [], {}):
            if name == "district" and extracted.get("city") != merged["city"]:
                continue  # a district belongs to its own city, not to an explicit other one
            merged[name] = extracted[name]
            filled.append(name)
    if not merged["description"] and description:
        merged["description"] = description
    return CompanyProfile.model_validate(merged), filled


def build_profile(given: ProfileInput | CompanyProfile | dict[str, Any] | None, extractor: ProfileExtractor,
                  vocab: Vocabulary, description: str | None = None) -> tuple[CompanyProfile, list[str]]:
    """The profile every path uses: explicit fields, then what the extractor reads from the description.

    `description` (e.g. a --describe text) overrides given.description. A CompanyProfile is
    already resolved: only a new `description` is read. Explicit product names are read too,
    so products: [减速器] also gives the sector.
    """
    if isinstance(given, CompanyProfile):
        base, text = given, (description or "").strip()
    else:
        base = parse_profile(given if given is not None else ProfileInput(), vocab)
        text = (description or "").strip() or base.description or ""
    source = "\n".join([text, *base.products]) if base.products and not isinstance(given, CompanyProfile) else text
    extracted = extractor.extract(source).fields if source.strip() else {}
    return merge_explicit(base, extracted, text)


def profile_from_description(
    text: str | None, explicit: dict[str, Any] | None, vocab: Vocabulary
) -> tuple[CompanyProfile, list[str]]:
    """build_profile with the offline extractor (the gold profiles and the library examples)."""
    return build_profile(explicit or {}, OfflineExtractor(vocab), vocab, text)
