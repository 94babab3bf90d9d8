"""End to end over fictional documents: wordings of a question that used to mislead the assistant —
找哪个部门 asks whom to apply to (not who issued the document), 几月份 asks for a month the text may not
state, and an English "post-subsidy cap" meets 后补助 … 最高."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

TODAY = dt.date(2026, 12, 1)
DOCS = {
    # Fictional test material: places are real, issuers' texts, numbers, 文号 and dates are invented.
    "sz-rules": """随州市专用汽车智能化升级扶持办法（虚构测试）

随经信规〔2025〕1号

第一条　为推动专用汽车企业智能化升级，制定本办法。
第二条　对专用汽车企业研发费用较上年增长的，按增量部分的百分之十给予后补助，单个企业每年最高不超过八十万元。
第三条　对企业实施的智能化升级项目，按设备投资额的6%给予补助；项目须于2025年3月1日至2026年2月28日期间完成设备购置。
第四条　市经济和信息化局每年三季度发布申报通知，企业按属地原则向所在县市区经信部门提出申请。
第五条　市经济和信息化局会同市财政局组织专家评审，按程序公示后拨付资金。
第六条　本办法自2025年4月1日起施行，有效期至2028年3月31日。

随州市经济和信息化局
2025年3月20日
""",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    files = {f"{name}.txt": text for name, text in DOCS.items()}
    runtime = ingested_library(tmp_path_factory.mktemp("ask-wording"), files, small_caches, embedder)
    return runtime


def test_whom_to_apply_to_is_answered_by_the_procedure_clause_not_the_signature(library):
    answer = ask(library, "随州的扶持资金一般几月份申报？找哪个部门？", today=TODAY)
    assert not answer.abstained
    assert any("三季度发布申报通知" in c.quote for c in answer.citations)


def test_a_month_the_text_does_not_state_is_not_answered(library):
    answer = ask(library, "随州专家评审一般在几月份？", today=TODAY)
    assert answer.abstained


def test_an_english_post_subsidy_cap_question_cites_the_post_subsidy_clause(library):
    answer = ask(library, "What is the yearly cap of Suizhou's R&D post-subsidy?", today=TODAY)
    assert not answer.abstained
    assert "八十万元" in answer.citations[0].quote
