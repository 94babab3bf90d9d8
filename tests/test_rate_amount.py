# ruff: noqa: E501 (the documents' lines are long, as real ones are)
"""An amount asked (奖励多少) is stated when the policy gives its support as a share (按售价的百分之十五 / 15%):
a funding standard written as a rate answers "how much", it is not "no amount stated" (issue 13 point 4,
issue 12 abstention)."""

import pytest

from assistant.answering.ask import ask

MEASURES = """白鹭市智能装备首台套推广应用若干措施（虚构测试文档）

第一条 对企业研制并经认定的首台（套）装备，按其首年销售价格的百分之十五给予一次性奖励。

第二条 对购买本市首台（套）装备的用户企业，按设备购置额的8%给予补贴。

第三条 鼓励金融机构为首台（套）装备提供融资租赁服务。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("rate-amount"), {"bailu-measures.txt": MEASURES}, small_caches, embedder)


@pytest.mark.parametrize("question, says", [
    ("研制首台套装备的企业奖励多少？", "百分之十五"),
    ("买首台套设备补贴标准是多少？", "8%"),
])
def test_a_share_answers_how_much(library, question, says):
    answer = ask(library, question)
    assert not answer.abstained, answer.answer
    assert says in answer.answer


def test_a_measure_without_amount_or_share_is_still_not_stated(library):
    answer = ask(library, "融资租赁服务的贴息是多少钱？")
    assert answer.abstained


TARGETS = """青雀市智能装备产业行动计划（虚构测试文档）

一、发展目标

到2027年，骨干企业研发经费占销售收入的比例超过5%，引进一批高端人才。

二、重点任务

（一）引进高端人才。对符合条件的高端人才按规定给予相应待遇。
"""


def test_a_ratio_that_is_no_support_does_not_state_an_amount(tmp_path, small_caches, embedder):
    from conftest import ingested_library

    runtime = ingested_library(tmp_path, {"qingque-plan.txt": TARGETS}, small_caches, embedder)
    answer = ask(runtime, "引进的高端人才能拿到多少安家费？")
    assert answer.abstained, answer.answer  # 比例超过5% is a target, not what a talent is paid
