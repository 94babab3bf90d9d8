"""A level word names the issuer's level only where the question uses it as one (issue 13, look-alikes).

园区 (an industrial park) is what countless clauses are about — 入驻园区, 园区里建哪些设施, 园区管委会 — not a level
of government: a zone's own documents are named by the zone's name (高新区, place cues). And a level word
read inside a longer word of the question (区里 in 园区里 / 开发区里) is no level either. Before, both named
every 区县 document, so a county's copy of a province's sentence led over the province's own clause.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.index.tokenizer import Tokenizer
from assistant.retrieval.named import build_library_cues, load_cue_lexicon, name_documents
from assistant.retrieval.query import prepare
from assistant.settings import Settings
from assistant.types import DocumentMeta
from tests.conftest import ingested_library

D = dt.date
LEXICON = Settings().lexicon_dir
METAS = {m.doc_id: m for m in (
    DocumentMeta(doc_id="province", title="南陵省智慧农机装备产业发展行动方案", region="南陵省", level="省",
                 issuers=["南陵省农业机械管理局"], doc_type="方案", issue_date=D(2016, 4, 1)),
    DocumentMeta(doc_id="county", title="荷塘县智慧农机装备产业发展若干措施", region="南陵省荷塘县", level="区县",
                 issuers=["荷塘县农业农村局"], doc_type="措施", issue_date=D(2021, 3, 1)),
)}


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory) -> Tokenizer:
    return Tokenizer(LEXICON, tmp_path_factory.mktemp("jieba"))


def _named(question: str, tokenizer: Tokenizer):
    cues = build_library_cues(METAS, load_cue_lexicon(LEXICON))
    return name_documents(question, cues, METAS, starts=tokenizer.word_starts(question))


@pytest.mark.parametrize("question", [
    "入驻产业园区的话，园区里会配哪些公共设施？",
    "园区管委会想知道标准厂房怎么建？",
    "开发区里有什么农机补贴？",
    "高新区里的企业能申请农机购置补贴吗？",
])
def test_a_park_or_a_word_ending_in_a_level_word_names_no_level(question, tokenizer):
    assert "county" not in _named(question, tokenizer).lead(), question


@pytest.mark.parametrize("question", ["区里对智慧农机有什么支持？", "我们县里的农机补贴多少？",
                                      "县级出台的农机措施有哪些？"])
def test_a_level_word_of_its_own_still_names_the_level(question, tokenizer):
    assert _named(question, tokenizer).lead() == ["county"], question


PLAN_TITLE = "南陵省智慧农机装备产业发展行动方案"
PLAN = f"""\u3000\u3000{PLAN_TITLE}

\u3000\u3000南陵省农业机械管理局

\u3000\u30002016年4月1日

\u3000\u3000一、发展目标

\u3000\u3000到2020年，全省智慧农机装备产业规模明显扩大。

\u3000\u3000二、保障措施

\u3000\u3000（一）加强人才培养

\u3000\u3000支持职业院校培养农机维修人才。

\u3000\u3000（二）完善园区配套

\u3000\u3000加快建设农机装备园区公共服务平台，优先建设农机试验场、质量检测站、维修培训中心和标准厂房等配套设施。
"""

COUNTY = """\u3000\u3000{name}县智慧农机装备产业发展若干措施

\u3000\u3000{name}县农业农村局

\u3000\u30002021年3月1日

\u3000\u3000为贯彻落实《{plan}》，结合我县实际，制定本措施。

\u3000\u3000一、实施“园区提升行动”

\u3000\u30001.推动{name}农机产业集聚。引导农机企业向园区集中。加快建设农机装备园区公共服务平台，优先建设农机试验场、质量检测站、维修培训中心和标准厂房等配套设施。鼓励园区企业开展联合攻关。

\u3000\u30002.加强组织领导。各部门按职责分工抓好落实。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    policies = {"nanling-plan.txt": PLAN}
    for i, name in enumerate(("荷塘", "柳湾", "石桥")):
        policies[f"county-{i}.txt"] = COUNTY.format(name=name, plan=PLAN_TITLE)
    return ingested_library(tmp_path_factory.mktemp("level-topic"), policies, small_caches, embedder)


def test_the_province_clause_leads_its_county_copies_on_a_question_about_the_park(library):
    assert {d.meta.level for d in library.index.documents.values()} == {"省", "区县"}
    for question in ("入驻园区以后，园区里会配哪些公共设施？", "园区管委会问：公共服务平台要优先建哪些设施？"):
        hits, _ = library.retriever.search(prepare(question), k=5)
        assert (hits[0].clause.doc_id, hits[0].clause.anchor) == ("nanling-plan", "二.（二）"), question
