"""Which documents a question names (assistant/retrieval/named.py), on made-up metadata: regions
(exact, containing, sub-region), levels (not certifications), years, types, issuers, 文号, quoted
titles, English cues; and a missing or malformed lexicon is a clear error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.retrieval.named import build_library_cues, load_cue_lexicon, name_documents
from assistant.settings import Settings
from assistant.types import DocumentMeta

D = dt.date
LEXICON = Settings().lexicon_dir
METAS = {m.doc_id: m for m in (
    DocumentMeta(doc_id="nation", title="关于开展2025年度工业软件攻关项目申报的通知", region="全国", level="国家",
                 issuers=["工业和信息化部办公厅"], doc_type="通知", issue_date=D(2025, 3, 1),
                 doc_number="工信厅软〔2025〕9号"),
    DocumentMeta(doc_id="province", title="湖北省工业软件推广应用实施方案", region="湖北省", level="省",
                 issuers=["湖北省科学技术厅"], doc_type="方案", issue_date=D(2023, 5, 1),
                 effective_from=D(2023, 6, 1), effective_to=D(2026, 5, 31)),
    DocumentMeta(doc_id="yichang", title="宜昌市促进工业软件发展若干措施", region="宜昌市", level="市",
                 issuers=["宜昌市人民政府办公室"], doc_type="措施", issue_date=D(2024, 2, 1),
                 effective_from=D(2024, 3, 1), effective_to=D(2027, 2, 28), doc_number="宜府办发〔2024〕3号"),
    DocumentMeta(doc_id="zone", title="宜昌高新区工业软件企业扶持办法", region="宜昌高新技术产业开发区", level="区县",
                 issuers=["宜昌高新技术产业开发区管理委员会"], doc_type="办法", issue_date=D(2025, 1, 1)),
    DocumentMeta(doc_id="jingzhou", title="荆州市工业软件专项资金管理办法", region="荆州市", level="市",
                 issuers=["荆州市人民政府办公厅"], doc_type="办法", issue_date=D(2019, 7, 1),
                 effective_from=D(2019, 8, 1), effective_to=D(2021, 7, 31)),
)}
CUES = build_library_cues(METAS, load_cue_lexicon(LEXICON))


def named(question: str):
    return name_documents(question, CUES, METAS)


def test_a_city_prefers_its_own_documents_then_containing_regions_then_its_zones():
    n = named("在宜昌引进硕士有什么补贴？")
    s = n.scores
    assert s["yichang"] > s["province"] == s["nation"] > s["zone"] > s["jingzhou"] == 0
    assert n.lead() == ["yichang"] and "jingzhou" not in n.compatible and "zone" in n.compatible


def test_a_zone_is_named_by_its_short_form_and_leads_over_its_city():
    for question in ("宜昌高新区的房租补贴怎么给？", "高新区企业有哪些奖励？"):
        s = named(question).scores
        assert s["zone"] == 1.0 and s["yichang"] > s["jingzhou"], question


def test_level_words_name_the_issuing_level_but_not_a_certification():
    assert named("省里对工业软件有什么支持？").lead() == ["province"]
    assert named("国家工业软件攻关项目补助多少？").lead() == ["nation"]
    certified = named("荆州对国家级专精特新企业奖励多少？")
    assert certified.kinds == ("place",) and certified.lead() == ["jingzhou"]
    assert not named("认定为国家高新技术企业有奖励吗？").names


def test_a_year_names_a_document_or_the_time_something_happened():
    doc_year = named("荆州2019年办法对软件企业有什么补助？")
    assert doc_year.lead() == ["jingzhou"] and doc_year.compatible == {"jingzhou"}
    event = named("2020年在荆州认定的企业能拿补助吗？")  # the window 2019-08—2021-07 covers 2020
    assert "jingzhou" in event.compatible and event.scores["jingzhou"] == 1.0


def test_a_year_before_a_word_naming_some_document_names_that_years_document():
    """One rule with the scope judge: 那个文件 / 暂行规定 after a year name a document as a type word does, and
    a library document of another year (the 2025 notice) does not fit it."""
    n = named("荆州2019年那个文件对软件企业有什么补助？")
    assert "year" in n.kinds and n.compatible == {"jingzhou"}


def test_a_years_round_fits_the_documents_in_force_that_year():
    """2026年度兑现申请 (年度, no document named after it) is that year's round: a standing document of
    2024 in force in 2026 runs it; 2025年度…通知 still names that year's notice."""
    metas = dict(METAS, notice=DocumentMeta(
        doc_id="notice", title="关于开展2026年度工业软件首版次推广的通知", region="全国", level="国家",
        issuers=["工业和信息化部办公厅"], doc_type="通知", issue_date=D(2026, 2, 1)))
    cues = build_library_cues(metas, load_cue_lexicon(LEXICON))
    n = name_documents("宜昌那个措施的2026年度兑现申请现在还能交吗？", cues, metas)
    assert n.lead() == ["yichang"] and "jingzhou" not in n.compatible
    assert name_documents("2025年度工业软件攻关项目申报通知有哪些要求？", cues, metas).lead() == ["nation"]


def test_issuer_short_names_and_type_words():
    assert named("省科技厅这次的方案有哪些任务？").lead() == ["province"]
    assert named("工信部的申报通知什么时候截止？").lead() == ["nation"]
    assert "zone" in named("宜昌高新区管委会发的文件有效吗？").lead()
    generic = named("有什么办法可以拿到补助？")  # 办法 as "a way", not the document type
    assert not generic.names


def test_a_doc_number_or_a_quoted_title_names_exactly_that_document():
    assert named("宜府办发〔2024〕3号是什么文件？").compatible == {"yichang"}
    assert named("《宜昌市促进工业软件发展若干措施》执行到什么时候？").lead() == ["yichang"]


def test_english_cues_name_the_same_documents():
    n = named("What does Yichang's municipal measures offer for software companies?")
    assert n.lead() == ["yichang"] and set(n.kinds) >= {"place", "level", "type"}


def test_cues_every_document_fits_alike_name_nothing():
    alone = {"yichang": METAS["yichang"]}
    cues = build_library_cues(alone, load_cue_lexicon(LEXICON))
    assert not name_documents("宜昌的若干措施补助多少？", cues, alone).names
    assert not named("工业软件企业有什么补助？").names


def test_contradicting_cues_drop_the_least_telling_kind():
    n = named("荆州市的若干措施补助多少？")  # no 荆州 措施: the type word goes, the place stays
    assert n.kinds == ("place",) and n.lead() == ["jingzhou"]


def test_a_missing_or_malformed_lexicon_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"document_cues\.yaml"):
        load_cue_lexicon(tmp_path)
    (tmp_path / "document_cues.yaml").write_text("levels: [not, a, mapping]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"document_cues\.yaml"):
        load_cue_lexicon(tmp_path)
    (tmp_path / "document_cues.yaml").write_text("levels: {省: [省里\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"document_cues\.yaml"):
        load_cue_lexicon(tmp_path)


def test_an_interpretation_of_the_named_document_leads_with_it():
    metas = {**METAS, "yichang-qa": DocumentMeta(
        doc_id="yichang-qa", title="《宜昌市促进工业软件发展若干措施》政策解读", region="宜昌市", level="市",
        doc_type="解读")}
    cues = build_library_cues(metas, load_cue_lexicon(LEXICON))
    assert cues.documents["yichang-qa"].about == {"yichang"}
    n = name_documents("宜昌的若干措施每年什么时候申报？", cues, metas)
    assert n.lead() == ["yichang", "yichang-qa"]
    assert named("宜昌的若干措施每年什么时候申报？").lead() == ["yichang"]  # without a 解读: the measures alone
