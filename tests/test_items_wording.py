"""Wordings of support measures on fictional text (session 7, dev-items2 causes): money written with mixed
numerals (5千万元) or only a unit (过亿元, 过千万), tiers labelled 第一档 / 二档 whose thresholds are not amounts."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.documents.clauses import parse_clauses
from assistant.documents.items import MONEY, extract_items, money_wan
from assistant.documents.rules import DocumentRules
from assistant.eligibility import parse_profile
from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.types import Document, DocumentMeta

SETTINGS = Settings()
RULES = DocumentRules.load(SETTINGS.document_rules_dir)
VOCAB = load_vocabulary(SETTINGS.vocabulary_path)
TODAY = dt.date(2026, 12, 1)


def _items(text: str, doc_id: str = "wording", region: str = "十堰市"):
    meta = DocumentMeta(doc_id=doc_id, title=text.splitlines()[0], region=region, level="市",
                        effective_from=dt.date(2026, 1, 1), effective_to=dt.date(2028, 12, 31))
    found = extract_items(Document(meta=meta, text=text, sha256="x"), parse_clauses(doc_id, text), RULES.items)
    return meta, found


def _statuses(meta, found, **fields):
    library = Library.build(found, {meta.doc_id: meta}, VOCAB)
    result = match_library(parse_profile(fields, VOCAB), library, TODAY, include_all=True)
    return [m.status for m in sorted([*result.matches, *result.unavailable], key=lambda m: m.id)]


@pytest.mark.parametrize(("text", "value"), [("5千万元", 5000), ("3千万", 3000), ("1.2千万元", 1200),
                                             ("五千万元", 5000), ("2亿元", 20000)])
def test_mixed_numeral_money(text, value):
    assert money_wan(MONEY.fullmatch(text)) == (value, None)


NUMBERS = """\
（虚构测试文件）十堰市工业企业成长奖励办法

第一条　对年销售收入首次过亿元的工业企业，给予一次性奖励15万元。
第二条　对上年度营业收入8千万元以上的企业，按新增研发费用的5%给予补助，最高30万元。
第三条　对年度纳税总额过千万元的企业，给予企业一次性奖励8万元。
"""


def test_thresholds_written_with_a_unit_only_or_mixed_numerals():
    meta, found = _items(NUMBERS)
    mins = [{c.kind: c.value for c in i.conditions if c.kind.endswith("_min")} for i in found]
    assert mins == [{"revenue_min": 10000}, {"revenue_min": 8000}, {"tax_paid_min": 1000}]
    assert [[a.value for a in i.benefit] for i in found] == [[15], [0.05, 30], [8]]
    assert _statuses(meta, found, city="十堰", revenue=7000, tax_paid=600) == ["not_qualified"] * 3
    assert "not_qualified" not in _statuses(meta, found, city="十堰", revenue=12000, tax_paid=1500)


TIERS = (
    "（虚构测试文件）十堰市规上企业升级奖励办法\n\n"
    "第一条　对营业收入首次迈上新台阶的企业实行分档奖励：一档，年营业收入首次突破2亿元的，奖励10万元；"
    "二档，首次突破8亿元的，奖励30万元；三档，首次超过20亿元的，奖励60万元。\n"
)


def test_labelled_tiers_thresholds_are_not_amounts():
    _, found = _items(TIERS)
    assert len(found) == 1
    assert [a.value for a in found[0].benefit] == [10, 30, 60]
    assert {c.kind: c.value for c in found[0].conditions}["revenue_min"] == 20000


EXCLUDED = """\
（虚构测试文件）孝感市工业企业技改奖励办法

第一条　对企业年度研发投入增长的，按新增研发费用的10%给予奖励，最高50万元。
第二条　对企业新购置工业机器人的，按购置金额的15%给予补助，最高80万元。
第三条　年营业收入低于2000万元的企业，不享受本办法规定的奖励政策。
第四条　已获得省级同类资金支持的项目，不再重复享受市级补助。
"""


def test_an_exclusion_is_no_item_and_binds_every_item():
    meta, found = _items(EXCLUDED, region="孝感市")
    assert [i.id.split(":")[1] for i in found] == ["第一条", "第二条"]
    for item in found:
        assert {c.kind: c.value for c in item.conditions}["revenue_min"] == 2000
    assert _statuses(meta, found, city="孝感", revenue=1500) == ["not_qualified"] * 2
    assert "not_qualified" not in _statuses(meta, found, city="孝感", revenue=2500)


MOVING_IN = """\
（虚构测试文件）襄阳高新区装备产业园招商若干措施

第一条　对新入驻襄阳高新区装备产业园并租用标准厂房的企业，前两年厂房租金全免。
第二条　对襄阳高新区内的企业新引进博士的，每人给予安家补贴5万元。
"""


def test_moving_into_a_park_is_a_condition_beside_the_zone():
    meta, found = _items(MOVING_IN, doc_id="moving", region="襄阳高新区")
    assert [c.text for c in found[0].conditions if c.kind == "attestation"] == ["新入驻襄阳高新区"]
    assert _statuses(meta, found, city="襄阳", district="高新区") == ["may_qualify", "qualifies"]
    assert _statuses(meta, found, city="襄阳", district="樊城区") == ["not_qualified", "not_qualified"]


NUMBERED = """\
（虚构测试文件）荆州市工业企业培育措施

一、培育市场主体
1. 对上年度新进规模以上工业企业，每家奖励8万元。
（二）对新获评省级绿色工厂的企业，给予一次性奖励20万元。
"""


def test_a_numbered_paragraphs_subject_is_read_like_an_articles():
    meta, found = _items(NUMBERED, doc_id="numbered", region="荆州市")
    assert [c.text for c in found[0].conditions if c.kind == "size"] == ["规模以上"]
    assert _statuses(meta, found[:1], city="荆州", above_scale=False) == ["not_qualified"]


TAX = """\
（虚构测试文件）随州市高新技术企业培育办法

第一条　经认定的高新技术企业，按规定享受减按15%税率征收企业所得税政策。
"""


def test_a_tax_rate_is_a_rate_not_a_share_of_a_base():
    _, found = _items(TAX, doc_id="tax", region="随州市")
    assert [(a.kind, a.value) for a in found[0].benefit] == [("rate", 0.15)]


DUTIES = """\
（虚构测试文件）潜江市支持制造业发展若干措施

第一条　对企业购置智能化设备的，按设备投资额的8%给予补助，最高100万元。
第二条　市地方金融工作局负责协调金融机构为企业提供融资服务，定期开展银企对接活动。
第三条　鼓励各银行业金融机构为中小企业提供信用贷款，扩大首贷规模。
第四条　各金融机构要加大信贷投放力度，为重点企业提供贷款支持。
第五条　市政府性融资担保公司为中小企业提供融资担保，担保费率不超过1%。
"""


def test_duties_and_calls_on_third_parties_are_no_items():
    _, found = _items(DUTIES, doc_id="duties", region="潜江市")
    assert [(i.id.split(":")[1], i.kind) for i in found] == [("第一条", "补助"), ("第五条", "担保")]
