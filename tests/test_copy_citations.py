"""An answer cites another document's copy of its lead only when the copy adds what the question asks
(issue 13; assistant/answering/evidence.py `_copy_adds`).

A fictional provincial plan and six city plans that implement it (为贯彻落实《…》) repeat the plan's
sentence on its demonstration bases: three cities with the plan's own numbers, three with their own,
and a seventh (藕塘) with the plan's numbers and one more sentence on the navigation system. The ranking
answers from the plan and marks every city's copy `duplicate_of` the plan's clause; the answer quotes a
copy only when the question names that city, the copy says more on the question, or the question asks
the number and the copy states another one.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask
from tests.conftest import ingested_library

PLAN_TITLE = "南陵省智慧农机装备产业发展行动方案"
PLAN_ID = "nanling-plan"

PLAN = f"""\u3000\u3000{PLAN_TITLE}

\u3000\u3000一、发展目标

\u3000\u3000到2025年，全省智慧农机装备产业规模明显扩大。

\u3000\u3000二、重点任务

\u3000\u3000（一）建设示范园区

\u3000\u3000统筹各市资源，推进无人驾驶拖拉机、植保无人机和智能烘干设备研发。建成4个智慧农机装备示范园区，园区内推广北斗导航作业系统，培育6家骨干企业。

\u3000\u3000（二）人才队伍

\u3000\u3000支持职业院校培养农机维修人才。
"""

CITY = """\u3000\u3000{city}市智慧农机装备示范园区建设工作方案

\u3000\u3000为贯彻落实《{plan}》，结合我市实际，制定本方案。

\u3000\u3000一、智慧农机装备示范园区

\u3000\u30001.示范园区建设。建成{n}个智慧农机装备示范园区，园区内推广北斗导航作业系统，培育{m}家骨干企业。

\u3000\u30002.加强组织领导。各部门按职责分工抓好落实。
"""

# (city, bases, firms): the first three repeat the plan's numbers, the others state their own
CITIES = [("禾丰", 4, 6), ("稻香", 4, 6), ("麦川", 4, 6), ("粟阳", 7, 9), ("豆城", 8, 11), ("棉湾", 9, 12)]
OUTANG = f"city-{len(CITIES):02d}"
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    policies = {f"{PLAN_ID}.txt": PLAN}
    for i, (city, n, m) in enumerate(CITIES):
        policies[f"city-{i:02d}.txt"] = CITY.format(city=city, plan=PLAN_TITLE, n=n, m=m)
    policies[f"{OUTANG}.txt"] = CITY.format(city="藕塘", plan=PLAN_TITLE, n=4, m=6).replace(
        "培育6家骨干企业。", "培育6家骨干企业。园区内的北斗导航作业系统接入全市农机作业监测平台。")
    return ingested_library(tmp_path_factory.mktemp("copy-citations"), policies, small_caches, embedder)


def _cited(runtime, question: str) -> list[str]:
    answer = ask(runtime, question, today=TODAY)
    assert not answer.abstained
    return [c.doc_id for c in answer.citations]


def test_only_the_copy_that_says_more_on_the_question_is_cited(library):
    assert _cited(library, "示范园区里推广什么导航作业系统？") == [PLAN_ID, OUTANG]


def test_a_type_word_that_names_every_city_plan_names_none_of_them(library):
    assert _cited(library, "示范园区建设工作方案里北斗导航怎么推广？") == [PLAN_ID, OUTANG]


def test_the_copy_of_a_document_the_question_names_is_cited(library):
    cited = _cited(library, "南陵省和禾丰市对推广北斗导航作业系统分别怎么说？")
    assert cited[:2] == [PLAN_ID, "city-00"]
    assert not {"city-01", "city-02", "city-03", "city-04", "city-05"} & set(cited)


def test_the_copy_stating_the_number_the_question_gives_is_cited(library):
    assert _cited(library, "哪个方案要建成7个示范园区？") == [PLAN_ID, "city-03"]


def test_asked_for_the_number_only_copies_stating_another_one_are_cited(library):
    """Not over-filtered: a city whose copy states other numbers answers "几个" differently (kept); a city
    repeating the plan's numbers adds nothing."""
    cited = _cited(library, "智慧农机装备示范园区要建成几个？")
    assert cited[0] == PLAN_ID
    assert cited[1:] and set(cited[1:]) <= {"city-03", "city-04", "city-05"}

