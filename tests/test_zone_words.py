"""A park word after a place the question names (罗田园区, 罗田的开发区) is part of naming that place's zone, not a
topic the zone's own document must spell: a 经济开发区 policy answers "在罗田园区落户…" although it never writes
园区, while another document of the library does (knowledge/lexicon/document_cues.yaml zone_words). All texts are
fictional."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

TODAY = dt.date(2026, 12, 1)

ZONE = """罗政发〔2025〕9号

罗田经济开发区招商引资优惠政策（虚构测试）

第一条 本政策适用于新签约落户罗田经济开发区、固定资产投资3000万元以上的工业项目。

第二条 对符合第一条的项目，按生产性设备投资额的5%给予奖励，最高不超过400万元。

第三条 本政策自2026年1月1日起施行，有效期至2028年12月31日。

罗田县人民政府
2025年12月20日
"""
CITY = """某市推进产业园区高质量发展若干措施（虚构测试）

一、园区基础设施。支持各产业园区建设标准厂房和污水处理设施，按实际投资的20%给予补助。

二、本措施自2026年2月1日起施行。

十堰市人民政府办公室
2026年1月15日
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("zones"), {"zone.txt": ZONE, "city.txt": CITY},
                            small_caches, embedder)


@pytest.mark.parametrize("question", ["在罗田园区落户买设备能返多少钱", "罗田的工业园区落户项目设备奖励多少？"])
def test_a_park_word_after_the_named_place_names_its_zone(library, question):
    answer = ask(library, question, today=TODAY)
    assert not answer.abstained, answer.answer
    assert answer.citations[0].doc_id.startswith("zone")

