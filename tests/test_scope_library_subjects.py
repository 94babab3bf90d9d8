"""What makes the scope judge refuse, on a library of fictional documents: a word of another subject
(scope.yaml other_subjects: 落户, 买房) that the library's own documents state, itself or by a word of its kind
(knowledge/lexicon/topics.yaml: 买房 ~ 购房), is no reason to call the question out of scope; a maximum in days
says how long a step may take; 到期 asks the validity window, no topic. All texts are fictional."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask
from assistant.answering.scope import ScopeJudge
from assistant.settings import Settings

TODAY = dt.date(2026, 12, 1)

FINANCE = """某市支持制造业企业融资若干措施（虚构测试）

一、贷款贴息。对市内规模以上制造业企业用于技术改造的中长期贷款，按贷款市场报价利率的50%给予贴息，单户企业年度贴息最高不超过80万元。

二、应急转贷。设立3000万元应急转贷资金，为按期还贷暂时困难的企业提供过桥资金，单笔使用期限不超过10天。

三、人才购房补贴。新引进的博士首次在本市购买自住住房的，给予一次性购房补贴8万元。

四、本措施自2026年3月1日起施行，有效期至2027年12月31日。

十堰市人民政府办公室
2026年2月20日
"""
PARK = """某开发区招商引资优惠政策（虚构测试）

第一条 对新落户开发区、固定资产投资3000万元以上的工业项目，按生产性设备投资额的6%给予奖励，最高不超过500万元。

第二条 入驻标准厂房的项目，前两年免收厂房租金。

第三条 本政策自2026年1月1日起施行，有效期至2028年12月31日，到期后根据实施情况评估调整。

十堰经济技术开发区管理委员会
2025年12月10日
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("subjects"), {"fin.txt": FINANCE, "park.txt": PARK},
                            small_caches, embedder)


def test_a_word_of_another_subject_the_library_states_is_in_scope(library):
    """落户 is a 户口 word in scope.yaml other_subjects, and a project settling in a park in this library."""
    answer = ask(library, "项目落户十堰开发区买设备能奖多少？", today=TODAY)
    assert not answer.abstained and "6%" in answer.answer


def test_a_word_of_another_subject_the_library_states_in_other_words_is_in_scope(library):
    """买房 (other_subjects) is of the kind 购房 the talent item states."""
    answer = ask(library, "十堰引进的博士买房有补贴吗？", today=TODAY)
    assert not answer.abstained and "8万元" in answer.answer


def test_a_word_of_another_subject_no_document_states_is_out_of_scope(library):
    answer = ask(library, "十堰的公积金贷款额度最高是多少？", today=TODAY)
    assert answer.abstained and not answer.citations


def test_a_maximum_in_days_says_how_long_a_step_may_take(library):
    answer = ask(library, "十堰的过桥资金能用几天？", today=TODAY)
    assert not answer.abstained and "10天" in answer.answer


def test_when_a_measure_runs_out_is_its_validity_not_a_topic(library):
    answer = ask(library, "十堰的融资措施啥时候到期？", today=TODAY)
    assert not answer.abstained and "2027年12月31日" in answer.answer


def test_a_day_cap_is_a_duration_and_a_year_cap_a_term_of_support():
    judge = ScopeJudge(Settings().lexicon_dir)
    [evidence] = [ev for zh, _, _, ev in judge.details if zh == "办理或拨付所需的时间"]
    assert any(p.search("单笔使用期限不超过15天") for p in evidence)
    assert not any(p.search("贴息期限不超过2年") for p in evidence)
