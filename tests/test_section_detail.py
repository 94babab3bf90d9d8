"""A detail documents state in a section of their own (七、联系方式 › 某处 王工 027-…) answers "有问题找谁" when
retrieval found only the notice's other clauses: the lead document's section is looked up. Fictional."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answering.ask import ask

TODAY = dt.date(2026, 12, 1)
NOTICE = """湖北省经济和信息化厅关于开展2026年度工业互联网标杆工厂遴选工作的通知（虚构测试）

一、遴选对象

在湖北省境内注册、具有独立法人资格的工业企业，已建成工业互联网平台并稳定运行一年以上。

二、支持政策

对入选的工业互联网标杆工厂，给予一次性奖励100万元。

三、申报方式

企业登录省经信厅项目申报管理系统在线填报，上传证明材料。

四、联系方式

省经信厅信息化推进处　赵工　027-87651234

湖北省经济和信息化厅
2026年10月9日
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("section-detail"), {"notice.txt": NOTICE}, small_caches,
                            embedder)


def test_a_contact_asked_is_found_in_the_documents_own_contact_section(library):
    answer = ask(library, "工业互联网标杆工厂遴选申报的系统出问题了找谁？", today=TODAY)
    assert not answer.abstained and "027-87651234" in answer.citations[0].quote
