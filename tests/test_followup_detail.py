"""A follow-up's asked detail is looked for on the topic it carries over (issue 13; scope judge).

"那要建成几个？" after a turn on a plan's hydrogen parks asks how many parks: the plan's goal sentence
(形成2个…氢能产业园) states it without the follow-up's own word 建成. Before, the detail check read only
the follow-up's own words, found no sentence on "建成" and answered that no quantity is stated.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask
from assistant.types import Turn
from tests.conftest import ingested_library

PLAN = """\u3000\u3000青禾省氢能装备产业发展行动方案

\u3000\u3000一、重点任务

\u3000\u3000（一）建设氢能产业园

\u3000\u3000行动路径：依托省内高校和研究院所资源，建设制氢、储氢、加氢装备一体化的产业化基地。

\u3000\u3000行动目标：氢能关键装备保持国内先进水平，形成2个在全国有影响力的氢能产业园。

\u3000\u3000（二）人才培养

\u3000\u3000支持职业院校开设氢能装备维修专业。
"""
HISTORY = [Turn(role="user", content="氢能产业园依托什么建？"),
           Turn(role="assistant", content="方案提出依托省内高校和研究院所资源，建设一体化的产业化基地。")]


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    return ingested_library(tmp_path_factory.mktemp("followup-detail"), {"qinghe-plan.txt": PLAN}, small_caches,
                            embedder)


def test_a_follow_up_asking_how_many_is_answered_from_its_carried_topic(library):
    answer = ask(library, "那要建成几个？", history=HISTORY, today=dt.date(2026, 6, 1))
    assert not answer.abstained
    assert "形成2个" in answer.citations[0].quote


def test_a_follow_up_asking_a_detail_nobody_states_still_abstains(library):
    answer = ask(library, "那每个园区补贴多少钱？", history=HISTORY, today=dt.date(2026, 6, 1))
    assert answer.abstained or "没有" in answer.answer.split("\n")[0]
