"""Does a clause's stated range hold the amount the question names?

Tiered 条 differ in one bound (设备投资额在1000万元以上、3000万元以下的 … / 3000万元以上、1亿元以下的 … /
1亿元以上的 …) and otherwise read alike, so words and vectors cannot tell them apart; the question's own
amount (设备投资5000万, 1.5亿的项目, 两千万) can. A clause whose bound holds the question's amount fits (+1);
one whose every bound excludes it does not (−1); a clause stating no bound on that kind of quantity, or a
question naming none, is neutral (0).

Only bounded numbers count as conditions — a number followed by 以上/以下/以内 (or 及以上, （含）以上), a
range X至Y / X—Y, or one after 不低于/不少于/达到/(not 不)超过 — never a benefit cap (最高不超过300万元) or a
rate paid (按5%给予补助). Two kinds of quantity are compared, each with its own: money (in 万元) and shares (%).
"""

from __future__ import annotations

import math
import re

from assistant.documents.items import MONEY_UNIT, TO_WAN, number

_NUM = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
_MONEY = re.compile(rf"(?P<n>{_NUM})\s*(?P<u>{MONEY_UNIT})")
_SHARE = re.compile(rf"(?P<n>{_NUM})\s*(?P<u>[%％])")
_ABOVE_AFTER = re.compile(r"^\s*(?:（含）|\(含\))?\s*(?:及)?(?:以上)")
_BELOW_AFTER = re.compile(r"^\s*(?:（含）|\(含\))?\s*(?:及)?(?:以下|以内)")
_ABOVE_BEFORE = re.compile(r"(?:不低于|不少于|达到|(?<!不)超过|高于|大于)\s*$")
_RANGE_MID = re.compile(r"^\s*(?:（含）|\(含\))?\s*(?:(?:及)?以上)?\s*[、，,]?\s*(?:至|到|—|－|-|~|～|不超过|不满)\s*$")
_ABOVE_MID = re.compile(r"^\s*(?:（含）|\(含\))?\s*(?:及)?以上\s*[、，,]?\s*$")  # X以上、Y以下
_FULL = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
Interval = tuple[float, float]


def _value(m: re.Match[str], kind: str) -> float | None:
    n = number(m.group("n"))
    if n is None:
        return None
    return n * TO_WAN[m.group("u")] if kind == "money" else n


def _mentions(text: str, kind: str) -> list[tuple[re.Match[str], float]]:
    pattern = _MONEY if kind == "money" else _SHARE
    out = []
    for m in pattern.finditer(text):
        v = _value(m, kind)
        if v is not None:
            out.append((m, v))
    return out


def bounds(text: str, kind: str = "money") -> list[Interval]:
    """The ranges a text states on one kind of quantity (money in 万元, or %), as [low, high]."""
    return [interval for interval, _ in _placed_bounds(text, kind)]


def _placed_bounds(text: str, kind: str) -> list[tuple[Interval, str]]:
    """Each range with the words just before it (设备投资额在 | 亩均税收达到): what quantity it bounds."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text.translate(_FULL))
    found = _mentions(text, kind)
    out: list[tuple[Interval, str]] = []
    used: set[int] = set()
    for i, (m, v) in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if i in used:
            continue
        mid = text[m.end():nxt[0].start()] if nxt is not None else ""
        lead = text[max(0, m.start() - _LEAD_CHARS):m.start()]
        if nxt is not None and (_RANGE_MID.match(mid) or (_ABOVE_MID.match(mid)
                                                         and _BELOW_AFTER.match(text[nxt[0].end():]))):
            lo, hi = sorted((v, nxt[1]))
            out.append(((lo, hi), lead))
            used.add(i + 1)
            continue
        after, before = text[m.end():], text[max(0, m.start() - 6):m.start()]
        if _ABOVE_AFTER.match(after) or _ABOVE_BEFORE.search(before):
            out.append(((v, math.inf), lead))
        elif _BELOW_AFTER.match(after):
            out.append(((0.0, v), lead))
    return out


# An amount the question names as the benefit (那100万奖励, 拿到50万补贴) is what is paid, not the company's quantity
_BENEFIT_AFTER = re.compile(r"^\s*(?:元)?(?:的)?(?:奖励|补助|补贴|资助|奖补|贴息|奖金|扶持|配套)")
_BENEFIT_BEFORE = re.compile(r"(?:奖励|补助|补贴|资助|奖补|奖了|补了|拿了|拿到|获得|给予|最高|最多|"
                             r"(?:能|可以|可|会)(?:补|奖|拿|领|返|给)(?:到|了)?)\s*$")


def asked(question: str, kind: str = "money") -> Interval | None:
    """The amount the question names, as a point or a range (1亿元以上 → [1亿, ∞)); None without one, or when the
    amount named is a benefit (那100万奖励，营收要达到多少: the 营收 is asked, not 100万)."""
    text = question.translate(_FULL)
    own = _own_mentions(text, kind)
    if not own:
        return None
    ranges = bounds(text[own[0][0].start():], kind)
    if ranges and ranges[0][0] in (own[0][1], 0.0):
        return ranges[0]
    return own[0][1], own[0][1]


_LEAD_CHARS = 12  # how far before a bound its quantity is named (固定资产投资（不含土地款）5000万元以上)
# Words between a quantity and its number in a question (营收只有2.8亿, 投资大概3000万): not the quantity.
_FILLER = re.compile(r"(?:只有|大概|大约|一共|总共|将近|差不多|左右|达到|超过|"
                     r"约|有|是|为|了|共|才|就|在|的|近|[\s，,])+$")


def _quantity(question: str, kind: str) -> str:
    """The two characters naming what the question's amount measures (投资3000万 → 投资, 亩均税收15万 → 税收), or
    '' when none does: a clause's bound counts only where its own lead names that quantity, so a 3000万 of
    investment is not held by 亩均税收达到15万元以上."""
    text = question.translate(_FULL)
    own = _own_mentions(text, kind)
    if not own:
        return ""
    before = _FILLER.sub("", text[:own[0][0].start()])
    word = re.search(r"[\u4e00-\u9fff]{2}$", before)
    return word.group(0) if word else ""


def _own_mentions(text: str, kind: str) -> list[tuple[re.Match[str], float]]:
    """The question's amounts that are the company's quantities, not a benefit it names (那100万奖励)."""
    return [(m, v) for m, v in _mentions(text, kind) if not _is_benefit(text, m)]


def _is_benefit(text: str, m: re.Match[str]) -> bool:
    """Whether the amount at m is a benefit the question names (那100万奖励, 最多能补一千万)."""
    return bool(_BENEFIT_AFTER.match(text[m.end():]) or _BENEFIT_BEFORE.search(text[max(0, m.start() - 4):m.start()]))


def _fits(q: Interval, r: Interval) -> int:
    lo, hi = q
    if r[0] <= lo and hi <= r[1]:
        return 1
    if lo == hi:  # a point outside the range
        return -1
    return -1 if hi <= r[0] or lo >= r[1] else 0  # ranges touching at one end share no amount


def names_benefit(question: str) -> bool:
    """Whether the question names the benefit it asks about (能拿那100万奖励吗): it asks whether that benefit
    applies, so the company's quantities are to be checked against its clause, not used to choose a tier."""
    text = question.translate(_FULL)
    return any(_is_benefit(text, m) for m, _ in _mentions(text, "money"))


def amount_fit(question: str, text: str) -> int:
    """+1 when a bound of text holds the question's amount, −1 when its bounds all exclude it, else 0 (also
    whenever the question names the benefit itself)."""
    if names_benefit(question):
        return 0
    verdicts = []
    for kind in ("money", "share"):
        q = asked(question, kind)
        if q is None:
            continue
        quantity = _quantity(question, kind)
        ranges = [r for r, lead in _placed_bounds(text, kind) if all(ch in lead for ch in quantity)]
        if ranges:
            verdicts.append(max(_fits(q, r) for r in ranges))
    return 1 if 1 in verdicts else (-1 if verdicts and all(v == -1 for v in verdicts) else 0)


def holds_amount(question: str, text: str) -> bool:
    """Whether a bound of text holds the question's amount. Only this counts in the ranking: a clause whose bound
    excludes the amount may be just what a company checking its eligibility asks about (研发占比只有2.8%，能拿吗)."""
    return amount_fit(question, text) == 1


def other_amount(question: str, other_question: str) -> bool:
    """Whether two questions name different amounts of one kind (投资1500万元的 … vs 投资3500万的 …): then one's
    answer (a Q&A pair's) is no answer to the other, however alike their words."""
    for kind in ("money", "share"):
        mine, theirs = asked(question, kind), asked(other_question, kind)
        if mine is not None and theirs is not None and mine != theirs:
            return True
    return False
