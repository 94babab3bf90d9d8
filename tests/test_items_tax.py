"""Tax thresholds (亩均税收, 纳税总额): read from a measure's text, from a profile (typed or described), and
compared by the matcher. A company paying less than the measure asks never qualifies for it."""

from __future__ import annotations

import datetime as dt

from assistant.documents.clauses import parse_clauses
from assistant.documents.items import extract_items
from assistant.documents.rules import DocumentRules
from assistant.eligibility import parse_profile, profile_from_description
from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.types import Document, DocumentMeta

SETTINGS = Settings()
RULES = DocumentRules.load(SETTINGS.document_rules_dir)
VOCAB = load_vocabulary(SETTINGS.vocabulary_path)
TODAY = dt.date(2026, 12, 1)

TEXT = """\
（虚构测试文件）临江市支持工业企业提质增效的若干措施

第一条 支持亩均效益提升。对上年度亩均税收达到25万元以上、且年纳税总额不低于800万元的工业企业，给予一次性奖励40万元。
第二条 支持纳税大户。对年纳税额首次超过2000万元的工业企业，给予一次性奖励60万元。
"""


def _items():
    meta = DocumentMeta(doc_id="tax", title=TEXT.splitlines()[0], region="临江市", level="市",
                        effective_from=dt.date(2026, 1, 1), effective_to=dt.date(2028, 12, 31))
    doc = Document(meta=meta, text=TEXT, sha256="x")
    return meta, extract_items(doc, parse_clauses("tax", TEXT), RULES.items)


def test_tax_thresholds_are_conditions_not_amounts():
    _, items = _items()
    first, second = items
    kinds = {c.kind: c.value for c in first.conditions}
    assert kinds["tax_per_mu_min"] == 25 and kinds["tax_paid_min"] == 800
    assert [a.text for a in first.benefit] == ["给予一次性奖励40万元"]  # 25万元 / 800万元 are thresholds
    assert {c.kind: c.value for c in second.conditions}["tax_paid_min"] == 2000


def test_profile_reads_tax_figures_from_words_and_fields():
    profile, _ = profile_from_description("去年营收3亿元，亩均税收32万元，纳税900万元。", {}, VOCAB)
    assert (profile.tax_per_mu, profile.tax_paid, profile.revenue) == (32, 900, 30000)
    english, _ = profile_from_description("We paid RMB 9 million in taxes last year.", {}, VOCAB)
    assert english.tax_paid == 900 and english.tax_per_mu is None
    typed = parse_profile({"city": "黄石", "tax_paid": "1.2亿元", "tax_per_mu": 18}, VOCAB)
    assert (typed.tax_paid, typed.tax_per_mu) == (12000, 18)


def test_matcher_compares_tax_and_never_qualifies_below():
    meta, items = _items()
    library = Library.build(items, {"tax": meta}, VOCAB)
    vocab_city = {"city": "临江市"} if VOCAB.resolve_place("临江市")[0] else {}

    def status(**fields):
        result = match_library(parse_profile({**vocab_city, **fields}, VOCAB), library, TODAY, include_all=True)
        return {m.id: m.status for m in [*result.matches, *result.unavailable]}

    below = status(tax_per_mu=10, tax_paid=120)
    assert all(s == "not_qualified" for s in below.values())
    unknown = status()
    assert all(s != "qualifies" for s in unknown.values())
    above = status(tax_per_mu=30, tax_paid=2500)
    assert "not_qualified" not in above.values()
