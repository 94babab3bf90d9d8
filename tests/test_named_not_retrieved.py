"""A question naming one document of the library plainly ("the Jingzhou notice") over which retrieval
finds only other documents' clauses is not answered from them: the named document does not say it."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

TODAY = dt.date(2026, 12, 1)
NOTICE = """荆州市经济和信息化局关于开展2026年度数控设备更新项目申报的通知（虚构测试）

一、支持内容。对企业更新数控设备的，按购置价格的8%给予补贴，单个企业最高不超过50万元。

二、申报时间。申报时间为2026年11月1日至2026年12月31日。

荆州市经济和信息化局
2026年10月20日
"""
TALENT = """宜昌市引进高层次人才若干措施（虚构测试）

一、对企业全职引进的博士研究生，每人给予一次性安家补贴10万元。

二、对企业引进的高级工程师，每人每月给予3000元生活补贴，期限三年。

三、对企业新引进的硕士研究生，每人给予一次性安家补贴3万元。

四、对企业引进的博士后研究人员，每人给予科研经费补助20万元。

五、对企业柔性引进的高端人才，按其年度薪酬的20%给予补贴，每人每年最高10万元。

六、对企业引进的技能大师，每人给予一次性奖励5万元。

宜昌市人力资源和社会保障局
2026年3月1日
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("named-not-retrieved"),
                            {"jz-notice.txt": NOTICE, "yc-talent.txt": TALENT}, small_caches, embedder)


def test_a_plainly_named_document_none_of_whose_clauses_is_found_does_not_say_it(library):
    from assistant.retrieval.query import prepare

    query = prepare("Does the Jingzhou notice give any subsidy for hiring PhD researchers?")
    hits, _ = library.retriever.search(query, k=10)
    others = [h for h in hits if h.clause.doc_id != "jz-notice"]  # a retrieval that found only the other's
    assert others and library.scope_judge.judge(query, others, library.index).abstain


def test_the_named_document_still_answers_what_it_states(library):
    answer = ask(library, "荆州的通知里，更新数控设备最高补贴多少？", today=TODAY)
    assert not answer.abstained and "50万元" in answer.citations[0].quote


def test_words_asking_a_yearly_total_are_no_topic_the_named_document_must_hold(library):
    # 每年 / 总共 ask for a yearly total (another document's 每人每年 holds them): the notice's cap answers
    answer = ask(library, "荆州的通知里，一家企业每年总共最多能拿多少补贴？", today=TODAY)
    assert not answer.abstained and "50万元" in answer.citations[0].quote
