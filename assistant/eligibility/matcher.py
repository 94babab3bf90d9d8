"""Check every catalogue entry against a company profile.

Each entry yields condition results (met / unmet / unknown). Implicit conditions come first:
the company is in Hubei, its role is among the beneficiaries, its sector and city are among
those the plan names for the entry. A profile field that is missing gives "unknown", never
"unmet"; a value outside a list the plan ends with 等 also gives "unknown".

Status: an unmet hard condition → not_qualified (left out unless include_all); every hard
condition met and no stated preference unmet → qualifies; otherwise may_qualify.
"""

from __future__ import annotations

from assistant.eligibility.catalogue import Catalogue, Condition, Entry
from assistant.eligibility.vocabulary import Vocabulary
from assistant.types import CompanyProfile, ConditionResult, Match, MatchResult

_OPEN_NOTE = "方案的列举以“等”结尾、并非穷尽，需向主管部门确认"


def match_profile(profile: CompanyProfile, catalogue: Catalogue, include_all: bool = False) -> MatchResult:
    """All entries the profile may use, best first; include_all adds the not_qualified ones."""
    matches = [_match(entry, profile, catalogue) for entry in catalogue.entries]
    order = {entry.id: i for i, entry in enumerate(catalogue.entries)}
    rank = catalogue.vocabulary.labels.status_order
    matches.sort(key=lambda m: (rank[m.status], -m.score, order[m.id]))
    kept = [m for m in matches if include_all or m.status != "not_qualified"]
    return MatchResult(profile=profile, matches=kept, notices=[])


def _match(entry: Entry, profile: CompanyProfile, catalogue: Catalogue) -> Match:
    vocab = catalogue.vocabulary
    results = [
        r for r in (
            _in_hubei(profile, vocab),
            _roles(entry, profile, vocab),
            _sectors(entry, profile),
            _regions(entry, profile),
        ) if r is not None
    ]
    results += [_explicit(c, profile, vocab) for c in entry.conditions]
    needs = [n for n in profile.needs if n in entry.needs]
    if needs:
        results.append(ConditionResult(
            field="needs", requirement=f"该项可用于：{'、'.join(entry.needs)}", status="met", hard=False,
            relevance=True, reason=f"企业诉求 {'、'.join(needs)} 与该项相关",
        ))
    return Match(
        id=entry.id, title_zh=entry.title_zh, title_en=entry.title_en, category=entry.category,
        status=_status(results), score=_score(results, needs), matched_needs=needs, conditions=results,
        benefit=entry.benefit, next_steps=entry.next_steps, citations=catalogue.citations[entry.id],
    )


def _status(results: list[ConditionResult]) -> str:
    eligibility = [r for r in results if not r.relevance]
    if any(r.hard and r.status == "unmet" for r in eligibility):
        return "not_qualified"
    if all(r.status == "met" for r in eligibility if r.hard) and not any(
        r.status == "unmet" for r in eligibility if not r.hard
    ):
        return "qualifies"
    return "may_qualify"


def _score(results: list[ConditionResult], needs: list[str]) -> float:
    """Needs served count most, then conditions met; unknowns cost a little."""
    met = sum(1 for r in results if r.status == "met" and r.field != "needs")
    unknown = sum(1 for r in results if r.status == "unknown" and r.hard)
    return round(2.0 * len(needs) + met - 0.5 * unknown, 2)


def _result(field: str, requirement: str, status: str, reason: str, hard: bool = True) -> ConditionResult:
    return ConditionResult(field=field, requirement=requirement, status=status, hard=hard, reason=reason)


# ── implicit conditions ──


def _in_hubei(profile: CompanyProfile, vocab: Vocabulary) -> ConditionResult:
    requirement = "企业位于湖北省（本方案为湖北省方案）"
    city = profile.city
    if not city:
        return _result("city", requirement, "unknown", "未提供所在城市，无法确认是否位于湖北省")
    if city in vocab.regions.cities:
        return _result("city", requirement, "met", f"所在城市 {city} 位于湖北省")
    if vocab.is_outside_hubei(city):
        return _result("city", requirement, "unmet", f"所在城市 {city} 不在湖北省，本方案只适用于湖北省")
    return _result("city", requirement, "unknown", f"未能识别城市 {city} 是否属于湖北省，请填写所在市州")


def _roles(entry: Entry, profile: CompanyProfile, vocab: Vocabulary) -> ConditionResult | None:
    if set(entry.beneficiaries) >= set(vocab.roles):
        return None  # open to every role
    wanted = "、".join(entry.beneficiaries)
    requirement = f"受益对象：{wanted}"
    if not profile.roles:
        return _result("roles", requirement, "unknown", f"未提供企业角色；该项面向：{wanted}")
    hit = [r for r in profile.roles if r in entry.beneficiaries]
    if hit:
        return _result("roles", requirement, "met", f"企业角色 {'、'.join(hit)} 属于该项的受益对象")
    return _result("roles", requirement, "unmet",
                   f"企业角色 {'、'.join(profile.roles)} 不在该项的受益对象（{wanted}）之列")


def _sectors(entry: Entry, profile: CompanyProfile) -> ConditionResult | None:
    if entry.all_sectors:
        return None
    if entry.sector_roles and profile.roles and not set(profile.roles) & set(entry.sector_roles):
        return None  # e.g. a robot user need not make robots to join robot demonstrations
    wanted = "、".join(entry.sectors)
    requirement = f"领域：{wanted}" + ("等" if entry.sectors_open else "")
    if not profile.sectors:
        return _result("sectors", requirement, "unknown", f"未提供所属领域；该项限于：{wanted}")
    hit = [s for s in profile.sectors if s in entry.sectors]
    if hit:
        return _result("sectors", requirement, "met", f"所属领域 {'、'.join(hit)} 属于该项点名的领域")
    given = "、".join(profile.sectors)
    if entry.sectors_open:
        return _result("sectors", requirement, "unknown", f"所属领域 {given} 未被点名，但{_OPEN_NOTE}")
    return _result("sectors", requirement, "unmet", f"所属领域 {given} 不在该项点名的领域（{wanted}）内")


def _regions(entry: Entry, profile: CompanyProfile) -> ConditionResult | None:
    if not entry.regions:
        return None  # province-wide
    wanted = "、".join(entry.regions)
    requirement = f"地区：{wanted}" + ("等" if entry.regions_open else "")
    city = profile.city
    if not city:
        return _result("city", requirement, "unknown", f"未提供所在城市；方案点名的地区为：{wanted}")
    if city in entry.regions:
        return _result("city", requirement, "met", f"所在城市 {city} 属于方案点名的地区（{wanted}）")
    if entry.regions_open:
        note = entry.region_note or _OPEN_NOTE
        return _result("city", requirement, "unknown", f"所在城市 {city} 未被方案点名；{note}")
    return _result("city", requirement, "unmet", f"所在城市 {city} 不在方案限定的地区（{wanted}）内")


# ── explicit conditions ──


def _explicit(condition: Condition, profile: CompanyProfile, vocab: Vocabulary) -> ConditionResult:
    status, reason = _evaluate(condition, profile, vocab)
    return ConditionResult(
        field=condition.field, requirement=condition.text, status=status, hard=condition.hard,
        relevance=condition.relevance, reason=reason,
    )


def _evaluate(condition: Condition, profile: CompanyProfile, vocab: Vocabulary) -> tuple[str, str]:
    label = vocab.labels.field(condition.field)
    if condition.operator == "confirm":
        return "unknown", f"需企业自行确认：{condition.text}"
    value = getattr(profile, condition.field)
    if value is None or value == []:
        return "unknown", f"未提供{label}；{condition.text}"
    shown = _show(condition.field, value)
    ok = _test(condition, value)
    if ok:
        return "met", f"{label} {shown}，符合：{condition.text}"
    if condition.open_list and condition.operator == "any_of":
        return "unknown", f"{label} {shown} 未被点名，但{_OPEN_NOTE}"
    return "unmet", f"{label} {shown}，不符合：{condition.text}"


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


def _show(field: str, value: object) -> str:
    if field == "rd_ratio":
        return f"{float(value) * 100:g}%"  # type: ignore[arg-type]
    if field == "first_of_kind":
        return "有" if value else "没有"
    if isinstance(value, list):
        return "、".join(map(str, value))
    return str(value)
