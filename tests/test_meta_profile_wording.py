"""Document facts and company facts in wording found on a development set, rewritten in fictional text:
a 解读 page's byline (issuer and date on one line under the title), a plan whose 执行期 names years while it
takes effect 自印发之日起, a company that says it has not yet become 规上, and English amounts in a
description (revenue of 600 million yuan, R&D spending of RMB 6 million)."""

from __future__ import annotations

import datetime as dt

from assistant.documents.metadata import extract_meta
from assistant.documents.rules import DocumentRules
from assistant.eligibility.profile import OfflineExtractor, build_profile
from assistant.settings import Settings
from tests.test_items_general import VOCAB

RULES = DocumentRules.load(Settings().document_rules_dir)

QA_PAGE = """\
# 2026年度荆门市工业技改专项资金申报政策解读（虚构测试文档）

荆门市经济和信息化局　2026年10月9日

本解读就《关于组织申报2026年度荆门市工业技改专项资金的通知》（荆经信函〔2026〕12号）作出说明。

问：哪些企业可以申报？

答：在荆门市注册的规模以上工业企业。
"""

PLAN = """\
鄂州市智能装备产业提升实施方案（2024—2026年）（虚构测试文档）
一、总体要求
本方案执行期为2024年至2026年。
二、附则
本方案自印发之日起实施。
鄂州市人民政府办公室
2024年5月20日
"""


def test_a_byline_under_the_title_gives_issuer_date_level_and_region() -> None:
    meta = extract_meta(QA_PAGE, RULES.regions)
    assert meta["issuers"] == ["荆门市经济和信息化局"]
    assert meta["issue_date"] == dt.date(2026, 10, 9)
    assert (meta["level"], meta["region"]) == ("市", "荆门市")
    assert "doc_number" not in meta  # the 文号 it names is the explained notice's


def test_years_of_a_plan_start_on_the_day_it_takes_effect() -> None:
    meta = extract_meta(PLAN, RULES.regions)
    assert (meta["effective_from"], meta["effective_to"]) == (dt.date(2024, 5, 20), dt.date(2026, 12, 31))


def _profile(text: str):
    profile, _ = build_profile({"description": text}, OfflineExtractor(VOCAB), VOCAB)
    return profile


def test_not_yet_above_scale_in_other_words() -> None:
    assert _profile("孝昌县一家小企业，还没进规上，年营收1500万元").above_scale is False
    assert _profile("我们目前未进入规上，员工30人").above_scale is False


def test_english_revenue_and_rd_spend_amounts_are_read() -> None:
    p = _profile("A sensor maker in Wuhan with revenue of 600 million yuan and R&D spending of RMB 6 million.")
    assert (p.revenue, p.rd_spend) == (60000, 600)
    assert _profile("We had RMB 1.2 billion in sales last year.").revenue == 120000
    assert _profile("We have 80 million users and 300 employees.").revenue is None
