"""Which details a question asks (knowledge/lexicon/details.yaml via the scope judge), on made-up
questions: a fee of any kind is an amount, handing in materials is the procedure, which office to go
to is a contact, and "几个" in what a company says of itself asks no quantity."""

from __future__ import annotations

import pytest

from assistant.answering.scope import ScopeJudge
from assistant.settings import Settings


@pytest.fixture(scope="module")
def judge() -> ScopeJudge:
    return ScopeJudge(Settings().lexicon_dir)


def _asked(judge: ScopeJudge, question: str) -> set[str]:
    return {en for _, en, _, _ in judge._detail_ask(question).asked}


def test_a_fee_of_any_kind_is_an_amount(judge) -> None:
    for question in ("加入储能产业协会一年会费多少？", "检测中心的服务费是多少？", "评审费要交多少钱？"):
        assert "a specific amount or funding standard" in _asked(judge, question), question


def test_handing_in_materials_and_the_office_to_go_to_are_asked_details(judge) -> None:
    assert "application materials, forms or procedure" in _asked(judge, "申报氢能示范项目要交哪些材料？")
    assert "contact details" in _asked(judge, "补贴的事找哪个处室？")


def test_a_few_in_what_the_company_says_of_itself_asks_no_quantity(judge) -> None:
    assert "a specific quantity" not in _asked(judge, "我们想从外省招几个工程师过来，人才政策有啥说法？")
    assert "a specific quantity" in _asked(judge, "园区准备引进几家企业？")
