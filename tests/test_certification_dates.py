"""Certification dates (session 7 round 2) on fictional text: an item for a certification gained in a period
(当年度新认定 / 首次认定 / 重新认定 / 2024年以后认定) is only offered to a holder whose certification year fits;
a holder whose year is unknown gets an attestation naming the period, never `qualifies` on silence."""

from __future__ import annotations

import datetime as dt

from assistant.documents.clauses import parse_clauses
from assistant.documents.items import extract_items
from assistant.documents.rules import DocumentRules
from assistant.eligibility import parse_profile
from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.profile import extract_fields
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.types import CompanyProfile, Document, DocumentMeta, ProfileInput

SETTINGS = Settings()
RULES = DocumentRules.load(SETTINGS.document_rules_dir)
VOCAB = load_vocabulary(SETTINGS.vocabulary_path)
TODAY = dt.date(2026, 12, 1)

TEXT = """\
（虚构测试文件）随州市支持专用汽车企业梯度培育若干措施

第一条　对当年度新认定的国家级专精特新“小巨人”企业，给予一次性奖励60万元。
第二条　对首次认定的高新技术企业，给予一次性奖励20万元。
第三条　对通过重新认定的高新技术企业，给予一次性奖励8万元。
第四条　对2025年以后认定的省级专精特新中小企业，给予一次性奖励10万元。
"""


def _library():
    meta = DocumentMeta(doc_id="suizhou-cert", title=TEXT.splitlines()[0], region="随州市", level="市",
                        effective_from=dt.date(2026, 1, 1), effective_to=dt.date(2028, 12, 31))
    found = extract_items(Document(meta=meta, text=TEXT, sha256="x"), parse_clauses(meta.doc_id, TEXT), RULES.items)
    return found, Library.build(found, {meta.doc_id: meta}, VOCAB)


def _statuses(**fields):
    _, library = _library()
    result = match_library(parse_profile(fields, VOCAB), library, TODAY, include_all=True)
    ordered = sorted([*result.matches, *result.unavailable], key=lambda m: TEXT.index(m.id.split(":")[-1]))
    return [m.status for m in ordered], result


def test_items_carry_the_certification_period():
    found, _ = _library()
    periods = [[(c.text, c.value, c.round) for c in i.conditions if c.kind == "certified_since"] for i in found]
    assert periods == [[("专精特新“小巨人”（国家级）", None, None)], [("高新技术企业", None, "first")],
                       [("高新技术企业", None, "renewed")], [("专精特新中小企业（省级）", 2025, None)]]


def test_a_year_outside_the_period_rules_the_item_out():
    years = {"国家级专精特新“小巨人”企业": 2021, "高新技术企业": "2024年首次认定", "省级专精特新中小企业": 2023}
    certs = ["小巨人", "高新技术企业", "省级专精特新中小企业"]
    statuses, result = _statuses(city="随州", certifications=certs, certification_years=years)
    assert statuses == ["not_qualified", "not_qualified", "not_qualified", "not_qualified"]
    reasons = " ".join(c.reason for m in result.matches + result.unavailable for c in m.conditions)
    assert "2021" in reasons and "2025" in reasons


def test_a_year_inside_the_period_qualifies():
    years = {"国家级专精特新“小巨人”企业": 2026, "高新技术企业": "2026年重新认定", "省级专精特新中小企业": 2025}
    certs = ["小巨人", "高新技术企业", "省级专精特新中小企业"]
    statuses, _ = _statuses(city="随州", certifications=certs, certification_years=years)
    assert statuses == ["qualifies", "not_qualified", "qualifies", "qualifies"]


def test_an_unknown_year_is_an_attestation_naming_the_period():
    statuses, result = _statuses(city="随州", certifications=["小巨人", "高新技术企业", "省级专精特新中小企业"])
    assert "qualifies" not in statuses
    reasons = [c.reason for m in result.matches for c in m.conditions if c.field == "certification_years"]
    assert reasons and all(c.status == "unknown" for m in result.matches for c in m.conditions
                           if c.field == "certification_years")


def test_descriptions_name_the_certification_year():
    zh = extract_fields("我们2021年认定为国家级专精特新小巨人企业，去年新认定为高新技术企业。", VOCAB, TODAY)
    assert zh["certification_years"] == {"国家级专精特新“小巨人”企业": {"year": 2021, "round": None},
                                         "高新技术企业": {"year": 2025, "round": "first"}}
    again = extract_fields("公司于2023年通过高新技术企业重新认定。", VOCAB, TODAY)
    assert again["certification_years"] == {"高新技术企业": {"year": 2023, "round": "renewed"}}
    en = extract_fields("We were first recognised as a high-tech enterprise in 2024.", VOCAB, TODAY)
    assert en["certification_years"] == {"高新技术企业": {"year": 2024, "round": "first"}}


def test_old_profiles_without_the_field_still_load():
    old = {"city": "随州", "certifications": ["高新技术企业"]}
    assert ProfileInput.model_validate(old).certification_years is None
    assert CompanyProfile.model_validate({"city": "随州市"}).certification_years == {}


def test_the_llm_profile_reply_carries_certification_years():
    from assistant.eligibility.profile import OfflineExtractor, build_profile
    from assistant.llm import FakeChatModel
    from assistant.llm.profile import LLMProfileExtractor

    fake = FakeChatModel().enqueue('{"certifications": ["高新技术企业"], '
                                   '"certification_years": {"高企": {"year": 2024, "round": "renewed"}}}')
    extractor = LLMProfileExtractor(fake, VOCAB, SETTINGS.prompts_dir, fallback=OfflineExtractor(VOCAB))
    profile, filled = build_profile({}, extractor, VOCAB, "我们2024年通过了高企复审")
    assert profile.certification_years["高新技术企业"].model_dump() == {"year": 2024, "round": "renewed"}
    assert "certification_years" in filled and "今年是" in fake.history[0][0].content


def test_the_form_and_words_carry_certification_years_both_ways():
    from assistant.web.messages import web_messages
    from assistant.web.ui import FORM, form_to_profile, profile_to_form

    words = "高企 2024年首次认定；小巨人：2021"
    profile = parse_profile({"certification_years": words}, VOCAB)
    assert {k: v.model_dump() for k, v in profile.certification_years.items()} == {
        "高新技术企业": {"year": 2024, "round": "first"}, "国家级专精特新“小巨人”企业": {"year": 2021, "round": None}}
    shown = dict(zip(FORM, profile_to_form(profile), strict=True))
    assert shown["certification_years"] == "高新技术企业 2024年首次认定；国家级专精特新“小巨人”企业 2021年认定"
    again = parse_profile(form_to_profile(shown, VOCAB.labels, web_messages(SETTINGS.messages_dir)), VOCAB)
    assert again.certification_years == profile.certification_years


def test_a_bad_certification_year_is_a_clear_error():
    import pytest

    from assistant.eligibility import InvalidProfile

    with pytest.raises(InvalidProfile, match="certification_years"):
        parse_profile({"certification_years": {"高新技术企业": "去年"}}, VOCAB)
    with pytest.raises(InvalidProfile, match="certification_years"):
        parse_profile({"certification_years": "高新技术企业"}, VOCAB)


def test_a_saved_profile_report_shows_the_years_and_old_saved_profiles_load():
    from assistant.watch.report import _profile_lines
    from assistant.watch.texts import watch_texts

    old = CompanyProfile.model_validate_json('{"city": "随州", "certifications": ["高新技术企业"]}')
    assert old.certification_years == {}
    texts = watch_texts(SETTINGS.messages_dir)
    assert not [line for line in _profile_lines(old, VOCAB, texts, "zh") if "2024" in line.value]
    new = parse_profile({"certification_years": {"高企": "2024年重新认定"}}, VOCAB)
    lines = {line.label: line.value for line in _profile_lines(new, VOCAB, texts, "zh")}
    assert lines["资质认定年份"] == "高新技术企业 2024（重新认定）"


def test_the_cli_reads_certification_years_from_a_profile_file(tmp_path, capsys):
    import json

    from assistant.cli import main

    given = {"city": "武汉", "certification_years": {"高企": "2024年首次认定"}}
    (tmp_path / "p.json").write_text(json.dumps(given, ensure_ascii=False), encoding="utf-8")
    assert main(["match", "--profile", str(tmp_path / "p.json"), "--json"]) == 0
    profile = json.loads(capsys.readouterr().out)["profile"]
    assert profile["certification_years"] == {"高新技术企业": {"year": 2024, "round": "first"}}
    assert "高新技术企业" in profile["certifications"]
