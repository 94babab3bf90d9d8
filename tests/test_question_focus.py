"""What a question is about (issue 13), on fictional text: the asker's own company (做减速器的小公司,
我们是…初创公司，) is context, the product it names is the topic; a "X呢？" follow-up that names a topic of
its own replaces the earlier question's topic while the earlier ask carries over; a clause whose heading
the question quotes is what is asked about, and is quoted whole; an elliptical part (建成几个) is about
the whole question's topic."""

from __future__ import annotations

import pytest

from assistant.retrieval.query import prepare
from assistant.retrieval.rerank import asker_phrases, question_terms

PLAN = """青峰市智能装备产业发展三年行动计划（虚构测试文档）

一、主要任务

1.扶持中小企业。引导中小企业、小微企业和小型企业走专业化发展道路，培育一批中小型企业成长为配套企业。

2.突破核心部件。攻克精密减速器、伺服电机等核心部件的共性技术，实现产业化。

二、重点领域

（一）数控机床

行动目标：培育3家数控机床龙头企业，数控机床与数控系统达到国内先进水平。

（二）激光装备

行动目标：激光装备关键技术保持国内领先水平，形成2个激光产业园。

三、保障措施

（一）落实申报条件。申报企业应在本市注册，申报条件以年度申报通知为准。

（二）建成服务平台。建成一批公共服务平台，为企业提供检测认证服务。

四、应用推广

1.鼓励首批次应用。开展重点新材料首批次产品的认定工作，对认定的首批次产品给予一次性奖励。适时编制并发布首批次产品推广应用指导目录，引导用户企业优先采购。研究建立政府首购首批次产品的采购制度，将重点产品列入政府采购目录。探索建立由生产企业、用户企业和保险公司共同参与的首批次产品质量保险补偿机制，分担用户企业的应用风险。支持行业协会组织开展首批次产品的宣传推介和对接活动，推动上下游企业建立长期稳定的合作关系，扩大首批次产品的市场规模。

五、焊接装备

行动路径：建设焊接产业园。利用青峰高校资源，建设材料、软件、装备与服务于一体的焊接产业化基地，加快焊接产业园建设。

行动目标：焊接关键核心技术保持国内领先水平，焊接装备产业化取得显著成效，形成3个有重要影响力的焊接产业园。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("question-focus"), {"qf-focus.txt": PLAN}, small_caches, embedder)


def _clause_tokens(library, anchor: str) -> set[str]:
    from assistant.index.passage import passage

    index = library.index
    clause = next(c for c in index.clauses if c.anchor == anchor)
    return set(passage(index, clause).tokens)


# ---- who asks is no topic ---------------------------------------------------------------------------

def test_the_askers_company_is_found_but_a_company_asked_about_is_not(library):
    index = library.index
    assert asker_phrases(index, "做减速器的小公司能搭上什么政策？") == ("小公司",)
    assert asker_phrases(index, "我们是激光初创公司，能申请什么？") == ("初创公司",)
    assert asker_phrases(index, "中小企业有什么支持？") == ()  # the companies are what is asked
    assert asker_phrases(index, "政府会不会多扶持小而专的企业？") == ()
    assert asker_phrases(index, "“扶持中小企业，”要求怎么做？") == ()  # a quoted clause title


def test_the_askers_size_words_do_not_outweigh_the_product_it_names(library):
    terms = question_terms(prepare("做减速器的小公司能搭上什么政策？"), library.index)
    sme, reducer = _clause_tokens(library, "一.1"), _clause_tokens(library, "一.2")
    assert terms.weigh(sme) < 0.5 * terms.weigh(reducer)  # 小公司 → 中小企业 is who asks; 减速器 is asked


def test_a_product_named_for_the_company_is_the_first_answer(library):
    hits, _ = library.retriever.search(prepare("我们是做减速器的小公司，能搭上什么政策？"), k=5)
    assert hits[0].clause.anchor == "一.2"


# ---- a follow-up's topic replaces the earlier one -----------------------------------------------------

def test_a_what_about_follow_up_replaces_the_earlier_topic_and_keeps_the_ask(library):
    query = prepare("激光装备呢？", context="数控机床的行动目标是什么？")
    terms = question_terms(query, library.index)
    assert "目标" in terms.weights  # the earlier ask carries over
    assert not any("数控" in t or "机床" in t for t in terms.weights)  # the earlier topic is replaced
    hits, _ = library.retriever.search(query, k=5)
    assert hits[0].clause.anchor == "二.（二）.行动目标"


@pytest.mark.parametrize("followup", ["那行动目标呢？", "那申报条件呢？"])
def test_a_follow_up_that_names_an_ask_keeps_the_earlier_topic(library, followup):
    # 行动目标 shares a word of the earlier question; 申报条件 asks a kind of answer of its own
    terms = question_terms(prepare(followup, context="数控机床的行动重点和行动目标是什么？"), library.index)
    assert any("机床" in t for t in terms.weights)


def test_an_ask_about_the_asker_itself_keeps_its_company_words(library):
    # …的小公司，方案给我们什么定位？: the positioning of such companies is what is asked
    assert asker_phrases(library.index, "我们是做减速器配套的小公司，方案给我们什么定位？") == ()


# ---- a clause the question names by its heading is quoted whole --------------------------------------

def test_a_clause_whose_heading_the_question_quotes_is_quoted_whole(library):
    from assistant.answering.ask import ask

    answer = ask(library, "“鼓励首批次应用”包括哪些具体措施？")
    assert [c.anchor for c in answer.citations][:1] == ["四.1"]
    for measure in ("一次性奖励", "指导目录", "政府首购", "质量保险补偿机制"):  # every measure, not the best three
        assert measure in answer.answer


# ---- an elliptical part is about the whole question's topic ------------------------------------------

def test_an_elliptical_part_is_answered_by_the_clause_on_the_questions_topic_that_gives_its_kind(library):
    from assistant.answering.ask import ask

    answer = ask(library, "焊接初创公司，听说市里要搞焊接产业园，打算依托什么资源、建成几个？")
    assert len(answer.parts) == 2
    assert "形成3个" in answer.answer  # 建成几个: the target's count, though the target never says 建成


def test_a_follow_up_pointing_back_asks_about_the_earlier_topic_not_the_earlier_ask(library):
    # 这个领域 is 激光装备 again: its words count as the user's; 领域 only points back; the earlier ask
    # (重点发展哪些产品) gives way to the new one (达到什么目标)
    query = prepare("这个领域最后要达到什么目标？", context="激光装备重点发展哪些产品？")
    terms = question_terms(query, library.index)
    laser = next(t for t in terms.weights if "激光" in t)
    assert terms.weights[laser] > terms.weights.get("领域", 0.0)
    assert "目标" in terms.weights and "产品" not in terms.weights
    hits, _ = library.retriever.search(query, k=3)
    assert hits[0].clause.anchor == "二.（二）.行动目标"


def test_a_what_about_follow_up_on_a_pronoun_keeps_the_earlier_topic(library):
    # 它的目标 is 激光装备's target: the earlier topic stays, the earlier ask (重点发展哪些产品) gives way
    query = prepare("那它的目标呢？", context="激光装备重点发展哪些产品？")
    terms = question_terms(query, library.index)
    assert any("激光" in t for t in terms.weights) and "产品" not in terms.weights
    hits, _ = library.retriever.search(query, k=3)
    assert hits[0].clause.anchor == "二.（二）.行动目标"


def test_each_part_quotes_the_sentences_of_its_clause_that_answer_that_part(library):
    from assistant.answering.ask import ask

    answer = ask(library, "首批次产品的认定方面要做哪些事，还有质量保险补偿机制由哪几方参与？")
    assert len(answer.parts) == 2
    first, second = answer.answer.split("\n")[1:3]
    assert "认定工作" in first and "保险公司" in second
