"""The matcher's reasons speak the match's language (issue 13): every requirement label, per-condition
reason, availability reason and estimate comes from knowledge/messages/eligibility.yaml; in English
only quoted words stay Chinese (a document's or the catalogue's text, place names, the company's own
words, certification names). A copied eligibility.yaml missing a key fails at load, naming the key."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from assistant.eligibility import load_catalogue, parse_profile
from assistant.eligibility.errors import CatalogueError
from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.profile import OfflineExtractor
from assistant.eligibility.service import Eligibility
from assistant.eligibility.vocabulary import REQUIRED_KEYS, load_vocabulary
from assistant.settings import Settings
from assistant.types import Amount, ApplicationWindow, DocumentMeta, ItemCondition, ItemQuote, SupportItem

SETTINGS = Settings()
VOCAB = load_vocabulary(SETTINGS.vocabulary_path)
TODAY = dt.date(2026, 12, 1)
_CJK = re.compile(r"[\u3400-\u9fff]")


def _quote(doc: str, text: str) -> ItemQuote:
    return ItemQuote(clause_id=f"{doc}#第一条", anchor="第一条", start=0, end=len(text), quote=text)


def _item(doc: str, n: int, sentence: str, conditions: list[ItemCondition], amounts: list[tuple] = (),
          window: tuple[dt.date | None, dt.date | None] | None = None, title: str = "支持事项") -> SupportItem:
    q = _quote(doc, sentence)
    benefit = [Amount(kind=k, value=v, unit=u, text=t, quote=_quote(doc, t)) for k, v, u, t in amounts]
    dates = ApplicationWindow(opens=window[0], deadline=window[1], quote=q) if window else None
    return SupportItem(id=f"{doc}:{n}", doc_id=doc, category="funding_channel", kind="补助", title=title,
                       conditions=conditions, benefit=benefit, benefit_quote=q, window=dates, citations=[q])


def _c(kind: str, text: str | None = None, value: float | None = None, unit: str | None = None,
       quote: str | None = None) -> ItemCondition:
    return ItemCondition(kind=kind, text=text, value=value, unit=unit, source="document",
                         quote=_quote("q", quote) if quote else None)


DOCS = {
    "city": DocumentMeta(doc_id="city", title="襄阳市若干措施（虚构）", region="襄阳市", level="市"),
    "old": DocumentMeta(doc_id="old", title="旧办法（虚构）", region="湖北省", effective_to=dt.date(2018, 12, 31)),
    "new": DocumentMeta(doc_id="new", title="新办法（虚构）", region="湖北省", effective_from=dt.date(2027, 6, 1)),
    "prov": DocumentMeta(doc_id="prov", title="湖北省申报通知（虚构）", region="湖北省", level="省"),
}
ITEMS = [
    _item("city", 1, "对规模以上企业按年度研发投入的10%给予补助，最高不超过100万元。",
          [_c("region", "襄阳市"), _c("size", "规模以上"), _c("revenue_min", value=50000, unit="万元"),
           _c("rd_ratio_min", value=0.03, unit="fraction"), _c("employees_max", value=300, unit="人"),
           _c("established_before", value=2020), _c("sector", "工业机器人、数控机床")],
          [("ratio", 0.1, "fraction", "按年度研发投入的10%给予补助"), ("cap", 100, "万元", "最高不超过100万元")]),
    _item("city", 2, "中小企业贷款贴息。",
          [_c("region", "襄阳高新技术产业开发区"), _c("size", "中小企业"), _c("revenue_min", value=3000, unit="万元"),
           _c("investment_min", value=5000, unit="万元", quote="项目总投资5000万元以上"),
           _c("certification", "高新技术企业"), _c("attestation", "须承担国家任务")],
          title="融资贷款贴息"),
    _item("prov", 1, "支持牵头组建创新联合体。", [_c("region", "湖北省"), _c("size", "特定企业"),
                                            _c("certification", "某某认证"), _c("revenue_min")],
          window=(None, dt.date(2026, 11, 20))),
    _item("prov", 2, "示范工厂给予补助。", [_c("region", "荆州市"), _c("certification", "省级专精特新")],
          window=(dt.date(2027, 1, 10), dt.date(2027, 3, 1))),
    _item("prov", 3, "海外项目。", [_c("region", "某国外地区")]),
    _item("old", 1, "给予贷款贴息。", [_c("region", "湖北省")]),
    _item("new", 1, "给予奖励。", [_c("region", "湖北省")]),
]
PROFILES = [
    {"city": "襄阳", "district": "襄阳高新区", "size": "中小企业", "revenue": 60000, "rd_spend": 3000, "employees": 100,
     "established_year": 2010, "certifications": ["高新技术企业"], "sectors": ["工业机器人"], "needs": ["融资"],
     "above_scale": True},
    {},
    {"city": "襄阳", "size": "大型企业", "revenue": 100, "employees": 1000, "established_year": 2022,
     "certifications": ["国家级专精特新“小巨人”企业"], "products": ["激光器"], "above_scale": False},
    {"city": "长沙"}, {"city": "火星"}, {"city": "武汉", "rd_ratio": 0.01},
]


def _allowed(profile: dict) -> list[str]:
    """What an English reason may quote verbatim: document words, places, the company's own words."""
    words = [w for item in ITEMS for c in item.conditions for w in (c.text, c.quote.quote if c.quote else None) if w]
    words += [w for item in ITEMS for c in item.conditions if c.text for w in c.text.split("、")]
    words += [str(v) for value in profile.values() for v in (value if isinstance(value, list) else [value])]
    words += [s.name for s in VOCAB.certifications] + [s.family for s in VOCAB.certifications]
    words += VOCAB.consortium_words  # quoted from the item's own title or benefit sentence
    words += [*VOCAB.regions.cities, "湖北省"] + [d for c in VOCAB.regions.cities.values() for d in c.districts]
    return sorted(set(words), key=len, reverse=True)


def _stripped(text: str, allowed: list[str]) -> str:
    for word in allowed:
        text = text.replace(word, "")
    return text


def _texts(result) -> list[str]:
    out = []
    for m in [*result.matches, *result.unavailable]:
        out += [m.availability_reason or "", m.estimate or ""]
        out += [t for c in m.conditions for t in (c.requirement, c.reason)]
    return [t for t in out if t]


def test_an_english_match_renders_every_reason_kind_in_english():
    library = Library.build(ITEMS, DOCS, VOCAB)
    seen: list[str] = []
    for fields in PROFILES:
        profile = parse_profile(fields, VOCAB)
        zh = match_library(profile, library, TODAY, include_all=True)
        en = match_library(profile, library, TODAY, include_all=True, lang="en")
        # the language changes the words, never the verdict
        assert [(m.id, m.status, [c.status for c in m.conditions]) for m in [*zh.matches, *zh.unavailable]] == \
            [(m.id, m.status, [c.status for c in m.conditions]) for m in [*en.matches, *en.unavailable]]
        allowed = _allowed(fields)
        for text in _texts(en):
            assert not _CJK.search(_stripped(text, allowed)), text
        seen += _texts(en)
    joined = "\n".join(seen)
    for fragment in ("Registered in 襄阳, part of 襄阳", "No place of registration", "outside Hubei Province",
                     "Could not tell whether 火星", "please confirm whether yours is there",
                     "above designated size", "Company size SME meets",
                     "Company size large enterprise does not meet", "No company size",
                     "To be confirmed by the company: 特定企业", "Annual revenue of at least CNY 500,000,000",
                     "Annual revenue: CNY 600,000,000, which meets",
                     "Not given: Project investment (a project's figure", "R&D ratio: 1%, which does not meet",
                     "Employees: 1000 people, which does not meet", "Established in 2010, meets",
                     "Established in 2022, does not meet", "No year of establishment given",
                     "The company holds 高新技术企业", "Not stated whether the company holds",
                     "The certifications listed", "The sectors or products match",
                     "No sector or main product given", "The company must lead or join in forming a 创新联合体",
                     "This item serves: financing", "The needs financing concern this item",
                     "Estimated at 10%", "expired 2018-12-31", "not yet in force (from 2027-06-01)",
                     "applications closed 2026-11-20", "applications not yet open (from 2027-01-10)",
                     "Sectors: 工业机器人, 数控机床", "Size: 规模以上"):
        assert fragment in joined, fragment


@pytest.mark.parametrize("fields", [
    {"city": "襄阳", "roles": ["核心零部件供应商"], "sectors": ["工业机器人"], "size": "中小企业", "rd_ratio": 0.08,
     "first_of_kind": True, "needs": ["融资"]},
    {"city": "长沙", "roles": ["装备制造企业"], "sectors": ["激光加工"], "size": "大型企业", "first_of_kind": False},
    {},
])
def test_curated_catalogue_reasons_are_english_too(fields):
    catalogue = load_catalogue(SETTINGS.catalogue_path, vocabulary_path=SETTINGS.vocabulary_path)
    eligibility = Eligibility(catalogue, OfflineExtractor(catalogue.vocabulary))
    result = eligibility.match(fields, include_all=True, lang="en", today=TODAY)
    allowed = _allowed(fields)
    allowed += [c.text for e in catalogue.entries for c in e.conditions]
    allowed += [e.region_note for e in catalogue.entries if e.region_note]
    allowed += [*catalogue.vocabulary.regions.cities] + [n.en for n in catalogue.vocabulary.needs.values()]
    allowed = sorted(set(allowed), key=len, reverse=True)
    texts = _texts(result)
    assert texts
    for text in texts:
        assert not _CJK.search(_stripped(text, allowed)), text


def test_every_reason_key_the_matcher_uses_is_required_and_present():
    source = (Path(__file__).parent.parent / "assistant/eligibility/matcher.py").read_text(encoding="utf-8")
    used = set(re.findall(r'\bt\("(\w+)"', source))
    used |= {key for pair in re.findall(r'\bt\("(\w+)" if [\w.]+ else "(\w+)"', source) for key in pair}
    assert used and used <= REQUIRED_KEYS
    assert set(VOCAB.messages.texts) >= REQUIRED_KEYS


def test_a_copied_messages_file_missing_a_key_is_a_clear_error(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(SETTINGS.knowledge_dir, knowledge)
    path = knowledge / "messages" / "eligibility.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.lstrip().startswith("region_no_city:")),
                    encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_vocabulary(knowledge / "vocabulary.yaml")
    message = str(caught.value)
    assert "region_no_city" in message and "eligibility.yaml" in message and "\n" not in message
