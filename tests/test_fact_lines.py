"""End to end over fictional documents whose metadata is read at ingest: an issuer question cites the
signing lines (every line of a three-line 落款, the one line of a joint 落款, not a clause that names the
issuers for another reason); one ask for issuer and date gets both lines; 哪天印发 is no deadline
question; and a validity answer that leads with the window cites the window's clause first."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

TODAY = dt.date(2026, 12, 1)
DOCS = {
    # Fictional test material: places are real, issuers' texts, numbers, 文号 and dates are invented.
    "hg-three": """黄冈市智能传感器企业培育办法（虚构测试）

黄经信规〔2024〕6号

第一条　为培育智能传感器企业，制定本办法。
第二条　对新获批省级工程研究中心的传感器企业，一次性奖励四十万元。
第三条　本办法由黄冈市经济和信息化局会同有关部门负责解释。
第四条　本办法自2024年7月1日起施行，有效期至2026年6月30日。

黄冈市经济和信息化局
黄冈市财政局
黄冈市科学技术局
2024年6月12日
""",
    "xn-joint": """咸宁市工业互联网平台建设奖励细则（虚构测试）

咸经信规〔2025〕3号

第一条　对新建成的市级工业互联网平台，给予一次性奖励20万元。
第二条　本细则由咸宁市经济和信息化局、咸宁市财政局负责解释。
第三条　本细则自2025年9月1日起施行，有效期至2028年8月31日。

咸宁市经济和信息化局　　咸宁市财政局
2025年8月18日
""",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    files = {f"{name}.txt": text for name, text in DOCS.items()}
    runtime = ingested_library(tmp_path_factory.mktemp("fact-lines"), files, small_caches, embedder)
    return runtime


def test_every_line_of_a_three_line_signature_is_cited(library):
    answer = ask(library, "黄冈市智能传感器企业培育办法是哪几个部门联合印发的？", today=TODAY)
    quotes = [c.quote for c in answer.citations]
    assert not answer.abstained
    assert {"黄冈市经济和信息化局", "黄冈市财政局", "黄冈市科学技术局"} <= set(quotes)


def test_a_joint_signature_on_one_line_is_cited_not_the_interpretation_clause(library):
    answer = ask(library, "咸经信规〔2025〕3号是哪些部门发的？", today=TODAY)
    assert not answer.abstained
    assert "咸宁市经济和信息化局　　咸宁市财政局" in answer.citations[0].quote


def test_one_ask_for_issuer_and_date_cites_both_and_does_not_abstain(library):
    answer = ask(library, "黄冈那个智能传感器企业培育办法的文号是多少，是哪个单位哪天印发的？", today=TODAY)
    assert not answer.abstained
    quotes = [c.quote for c in answer.citations]
    assert "2024年6月12日" in quotes and "黄冈市经济和信息化局" in quotes


def test_a_validity_lead_cites_the_window_clause_first(library):
    answer = ask(library, "黄经信规〔2024〕6号这个文件现在还有效吗？", today=TODAY)
    assert not answer.abstained
    assert "有效期至2026年6月30日" in answer.citations[0].quote
    assert answer.answer.split("\n")[0].endswith("[1]")
