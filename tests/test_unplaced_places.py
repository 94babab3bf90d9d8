"""A question about a place the library holds no document of (a city, a county) is not answered from
another place's document: it abstains, saying which place was not found, and shows only the province's
or the country's clauses. Places named by their short forms (an autonomous prefecture without its
peoples: 恩施), and a document whose metadata gives only its province while its title opens with its city,
are placed right. All texts are fictional."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask
from assistant.retrieval.named import build_library_cues, load_cue_lexicon, name_documents
from assistant.settings import Settings
from assistant.types import DocumentMeta

TODAY = dt.date(2026, 12, 1)
LEXICON = Settings().lexicon_dir


def test_an_autonomous_prefecture_is_named_without_its_peoples():
    metas = {m.doc_id: m for m in (
        DocumentMeta(doc_id="pref", title="某自治州技改奖补办法", region="恩施土家族苗族自治州", level="市"),
        DocumentMeta(doc_id="city", title="十堰市技改奖补办法", region="十堰市", level="市"),
        DocumentMeta(doc_id="prov", title="湖北省技改奖补办法", region="湖北省", level="省"),
    )}
    cues = build_library_cues(metas, load_cue_lexicon(LEXICON))
    for question in ("恩施的技改补助最高多少？", "恩施州的技改补助最高多少？"):
        naming = name_documents(question, cues, metas)
        assert naming.lead() == ["pref"] and "city" not in naming.compatible, question


def test_a_title_opening_with_its_city_places_a_document_its_metadata_puts_in_the_province():
    metas = {m.doc_id: m for m in (
        DocumentMeta(doc_id="coarse", title="十堰市智能工厂奖补细则", region="湖北省", level=None),
        DocumentMeta(doc_id="other", title="宜昌市智能工厂奖补细则", region="宜昌市", level="市"),
        DocumentMeta(doc_id="prov", title="湖北省智能工厂认定通知", region="湖北省", level="省"),
    )}
    cues = build_library_cues(metas, load_cue_lexicon(LEXICON))
    assert cues.documents["coarse"].path[-1] == "十堰市"
    naming = name_documents("十堰的智能工厂奖多少？", cues, metas)
    assert naming.lead() == ["coarse"] and "other" not in naming.compatible


PROVINCE = """湖北省经济和信息化厅关于开展2026年度技术改造项目认定的通知（虚构测试）

一、支持标准。对企业获认定的省级技术改造示范项目，给予一次性奖励80万元。

二、申报时间。申报截止时间为2026年12月20日。

湖北省经济和信息化厅
2026年10月8日
"""
CITY = """十堰市支持企业技术改造若干措施（虚构测试）

一、对企业实施的技术改造项目，设备投资额在500万元以上的，按设备投资额的10%给予补助，单个项目最高不超过200万元。

二、对今年新认定的市级数字化车间，给予一次性奖励20万元。

十堰市人民政府办公室
2026年3月1日
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("unplaced"), {"prov.txt": PROVINCE, "sy.txt": CITY},
                            small_caches, embedder)


@pytest.mark.parametrize("question, place", [
    ("黄冈的数字化车间奖励政策是怎么规定的？", "黄冈"),  # a city of the gazetteer without a document
    ("宜都市对数字化车间奖多少？", "宜都市"),  # a county-level city no gazetteer lists
])
def test_a_place_without_a_document_abstains_and_never_quotes_another_places_document(library, question, place):
    answer = ask(library, question, today=TODAY)
    assert answer.abstained and place in answer.answer
    assert all(c.doc_id != "sy" for c in answer.citations)


def test_the_place_that_has_a_document_is_answered(library):
    answer = ask(library, "十堰的技术改造补助最高多少？", today=TODAY)
    assert not answer.abstained and "200万元" in answer.citations[0].quote


def test_a_place_beside_a_named_level_asks_that_levels_document(library):
    answer = ask(library, "黄冈的企业能申请省里的技术改造示范项目奖励吗？奖多少？", today=TODAY)
    assert not answer.abstained and any(c.doc_id == "prov" for c in answer.citations)


def test_a_word_placing_the_question_in_time_is_no_topic_the_named_document_must_hold(library):
    """今年 (this year) in another document's clause does not make the named one silent on it."""
    answer = ask(library, "省里今年技术改造示范项目申报什么时候截止？", today=TODAY)
    assert not answer.abstained and "2026年12月20日" in answer.citations[0].quote


def test_an_interpretation_quoting_a_notices_title_without_its_issuer_is_about_that_notice():
    """《关于开展…的通知》政策解读 explains 湖北省某厅关于开展…的通知: the quoted title drops the issuer before 关于."""
    metas = {m.doc_id: m for m in (
        DocumentMeta(doc_id="notice", title="湖北省经济和信息化厅关于开展2026年度技改示范项目认定的通知",
                     region="湖北省", level="省", doc_type="通知"),
        DocumentMeta(doc_id="qa", title="《关于开展2026年度技改示范项目认定的通知》政策解读", region="湖北省",
                     level="省", doc_type="解读"),
    )}
    cues = build_library_cues(metas, load_cue_lexicon(LEXICON))
    assert cues.documents["qa"].about == {"notice"}


@pytest.mark.parametrize("question", ["我们是黄冈的企业，技术改造示范项目奖多少？", "黄冈的技术改造示范项目奖多少？"])
def test_a_place_without_a_document_is_answered_from_the_provinces_never_another_citys(library, question):
    answer = ask(library, question, today=TODAY)
    assert not answer.abstained and answer.citations and all(c.doc_id == "prov" for c in answer.citations)


def test_a_question_naming_a_document_by_its_type_is_not_about_the_askers_place(library):
    answer = ask(library, "我们是黄冈一家做设备的厂子，通知里技术改造示范项目奖多少？", today=TODAY)
    assert not answer.abstained and answer.citations[0].doc_id == "prov"


def test_a_minimum_stated_as_the_exclusion_below_it_states_the_threshold():
    """单笔合同金额低于5万元的不予支持 answers 最低要多少钱 (a threshold), as 不低于5万元 would."""
    from assistant.answering.scope import ScopeJudge

    (asks, evidence), = [(asks, ev) for zh, _, asks, ev in ScopeJudge(LEXICON).details if zh == "具体门槛或最低条件"]
    assert any(p.search("天门工业软件补贴单笔合同最低要多少钱") for p in asks)
    for text in ("单笔软件合同金额低于5万元的不予支持", "成立不足三年的企业不得申报"):
        assert any(p.search(text) for p in evidence), text
    assert not any(p.search("单个项目最高不超过300万元") for p in evidence)


def test_a_region_given_by_its_short_form_is_the_city_it_names():
    metas = {m.doc_id: m for m in (
        DocumentMeta(doc_id="pref", title="恩施州技改奖补细则", region="恩施州", level="市"),
        DocumentMeta(doc_id="city", title="十堰市技改奖补办法", region="十堰市", level="市"),
        DocumentMeta(doc_id="prov", title="湖北省技改奖补办法", region="湖北省", level="省"),
    )}
    cues = build_library_cues(metas, load_cue_lexicon(LEXICON))
    assert cues.documents["pref"].path == ("全国", "湖北省", "恩施土家族苗族自治州")
    assert name_documents("恩施的技改补助最高多少？", cues, metas).lead() == ["pref"]
