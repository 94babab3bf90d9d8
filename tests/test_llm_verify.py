"""Citation checking of generated answers, and the LLM profile extractor with its offline fallback."""

from __future__ import annotations

import pytest

from assistant.answering.verify import (
    Assembler,
    Renumberer,
    Verifier,
    citations_for,
    cut_sentences,
    mentions,
    renumber,
)
from assistant.eligibility import OfflineExtractor, build_profile, profile_from_description
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.llm import FakeChatModel, LLMTimeout
from assistant.llm.profile import LLMProfileExtractor, parse_json_object
from assistant.settings import REPO_ROOT, Settings
from assistant.types import ScoredClause

PROMPTS = REPO_ROOT / "prompts"
VOCAB = load_vocabulary(Settings().vocabulary_path)


# ---- keys → dense numbers (paper-qa style table) -------------------------------------------------

@pytest.mark.parametrize("raw, n_sources, text, order", [
    ("答案[1]。", 3, "答案[1]。", [1]),
    ("", 3, "", []),
    ("没有引用。", 3, "没有引用。", []),
    ("甲[2]。乙[1]。", 3, "甲[1]。乙[2]。", [2, 1]),                # first use decides the number
    ("甲[3]。乙[3][1]。", 3, "甲[1]。乙[1][2]。", [3, 1]),
    ("甲[1][1]。", 3, "甲[1]。", [1]),                             # a repeat in one run is kept once
    ("甲[1, 1]。", 3, "甲[1]。", [1]),
    ("甲[2][1]。", 3, "甲[1][2]。", [2, 1]),                        # reversed keys
    ("甲[9]。", 3, "甲。", []),                                    # invented: dropped
    ("甲 [9].", 3, "甲.", []),                                     # … with the blank before it
    ("甲[0]。", 3, "甲。", []),
    ("甲[2][9][1]。", 3, "甲[1][2]。", [2, 1]),
    ("甲[1,9]。", 3, "甲[1]。", [1]),
    ("甲[1, 2]。", 3, "甲[1][2]。", [1, 2]),                        # groups become separate markers
    ("甲[1、3]。", 3, "甲[1][2]。", [1, 3]),
    ("甲[1-3]。", 3, "甲[1][2][3]。", [1, 2, 3]),                   # ranges
    ("甲[2-5]。", 3, "甲[1][2]。", [2, 3]),
    ("甲【2】。乙［2］。", 3, "甲[1]。乙[1]。", [2]),                 # full-width brackets
    ("The plan [2] says [2].", 3, "The plan [1] says [1].", [2]),
    ("a [9] [1] b", 3, "a [1] b", [1]),
    ("see [Appendix](x) [1]", 3, "see [Appendix](x) [1]", [1]),  # not a citation
    ("甲[1]。", 0, "甲。", []),
])
def test_renumber(raw, n_sources, text, order):
    assert renumber(raw, n_sources) == (text, order)


def test_renumberer_keeps_numbers_across_pieces():
    r = Renumberer(5)
    assert r.apply("甲[4]。") == "甲[1]。"
    assert r.apply("乙[2][4]。") == "乙[2][1]。"
    assert r.order == [4, 2]
    with pytest.raises(ValueError, match="got -1"):
        Renumberer(-1)


@pytest.mark.parametrize("buffer, final, units, rest", [
    ("甲。[1]乙[2]。丙", False, ["甲。[1]", "乙[2]。"], "丙"),
    ("甲。[1]乙[2]。丙", True, ["甲。[1]", "乙[2]。", "丙"], ""),
    ("1. 开展认定[1]。\n2. 建立机制", False, ["1. 开展认定[1]。\n"], "2. 建立机制"),
    ("价格2.5万元[1]。", False, [], "价格2.5万元[1]。"),           # a marker may still follow
    ("结尾。 [", False, [], "结尾。 ["),
    ("The plan [1]. It also", False, ["The plan [1]. "], "It also"),
    ("It ends.", False, [], "It ends."),
    ("It ends.", True, ["It ends."], ""),
    ("A[1].\n\nB", False, ["A[1].\n\n"], "B"),
])
def test_cut_sentences(buffer, final, units, rest):
    assert cut_sentences(buffer, final) == (units, rest)


def test_mentions_scale_units():
    assert mentions("到2017年达到2000亿元，3D打印，比例超过5%") == [(2017.0, None), (2000.0, 2e11), (5.0, None)]
    assert mentions("200 billion yuan, 1,000 sets") == [(200.0, 2e11), (1000.0, None)]


# ---- support against the plan's clauses ----------------------------------------------------------

@pytest.fixture(scope="module")
def verifier_for(plan_index, embedder):
    def make(*anchors: str) -> Verifier:
        hits = [ScoredClause(clause=plan_index.clause(f"hubei-2014-ime-plan#{a}"), score=1.0) for a in anchors]
        return Verifier(hits, plan_index, embedder)

    return make


# (clause anchor, sentence, supported): paraphrases of the clause, and claims it does not make.
SUPPORT = [
    ("三.（三）.1", "方案提出开展重大技术装备首台（套）认定工作，并对首台（套）示范项目给予奖励。", True),
    ("三.（三）.1", "还将探索由项目业主、装备制造企业和保险公司风险共担的产品保险机制。", True),
    ("二.p1", "到2017年，全省智能制造装备主营业务收入力争达到2000亿元。", True),
    ("二.p3", "骨干企业研发经费占销售收入的比例要超过5%。", True),
    ("五.（三）", "武汉、襄阳、宜昌等重点地市被鼓励建设优势特色产业集群。", True),
    ("二.p1", "By 2017 the province aims for main business revenue of 200 billion yuan (主营业务收入达到2000亿元).",
     True),
    ("三.（三）.1", "对首台（套）产品给予最高500万元的一次性奖励。", False),    # invented amount
    ("二.p3", "骨干企业研发经费占销售收入的比例要超过8%。", False),          # wrong number
    ("二.p1", "方案鼓励企业上市融资。", False),
    ("五.（五）", "对引进的高端人才给予100万元安家费。", False),
    ("五.（四）", "方案还鼓励企业上市。", False),
    ("三.（二）.1", "政府将为用户企业购买机器人提供30%的补贴。", False),
    ("五.（五）", "Each city must build a 3D printing industrial park.", False),
]


@pytest.mark.parametrize("anchor, sentence, supported", SUPPORT)
def test_support(verifier_for, anchor, sentence, supported):
    v = verifier_for(anchor)
    assert v.support(sentence, v.evidence).supported is supported


def test_a_sentence_citing_the_wrong_clause_is_reattributed(verifier_for):
    v = verifier_for("五.（四）", "三.（三）.1")
    verdict = v.judge("探索建立由项目业主、装备制造企业和保险公司风险共担的产品保险机制[1]。")
    assert (verdict.keys, verdict.status) == ([2], "reattributed")
    assert verdict.text.endswith("机制[2]。")


def test_assembled_answer_and_quotes(verifier_for, plan_index):
    v = verifier_for("五.（四）", "三.（三）.1")
    asm = Assembler(v)
    raw = ("主要有以下支持：\n1. 奖励重大技术装备首台（套）示范项目[2]。\n2. 每台补贴100万元[2]。\n"
           "3. 鼓励产业联盟参与工程招投标[1][1]。\n4. 研究出台政府首购制度[7]。")
    deltas = [d for i in range(0, len(raw), 5) for d in asm.feed(raw[i:i + 5])] + asm.finish()
    result = asm.result()
    assert "".join(deltas) == result.text
    assert result.text == ("主要有以下支持：\n1. 奖励重大技术装备首台（套）示范项目[1]。\n"
                           "2. 鼓励产业联盟参与工程招投标[2]。\n3. 研究出台政府首购制度[1]。")
    assert (result.dropped, result.reattributed, result.keys) == (1, 1, [2, 1])
    citations = citations_for(result, v, plan_index)
    assert [c.anchor for c in citations] == ["三.（三）.1", "五.（四）"]
    for c in citations:
        assert c.quote == plan_index.documents[c.doc_id].text[c.start:c.end]
    assert citations[0].quote.startswith("开展重大技术装备首台（套）的认定工作")
    assert citations[0].quote.endswith("新产品制度，将重点发展的智能装备产品列入《政府采购自主创新产品目录》。")


# ---- company profiles through the LLM ------------------------------------------------------------

DESCRIPTION = "我们是襄阳一家做精密减速器的中小企业，给整机厂配套，想申请贷款"


def profile_from_description_llm(text, explicit=None, *, chat, prompts_dir=PROMPTS):
    """The profile as the Runtime's eligibility component builds it with this chat model."""
    vocab = VOCAB
    offline = OfflineExtractor(vocab)
    extractor = offline if chat is None else LLMProfileExtractor(chat, vocab, prompts_dir, fallback=offline)
    return build_profile(explicit or {}, extractor, vocab, text)


class TestProfileLLM:
    def test_fields_come_from_the_model_json(self):
        fake = FakeChatModel().enqueue(
            '```json\n{"city": "襄阳", "products": ["精密减速器"], "roles": ["核心部件配套企业"],'
            ' "size": "中小企业", "needs": ["融资"], "rd_ratio": "8%", "description": "忽略"}\n```')
        profile, filled = profile_from_description_llm(DESCRIPTION, None, chat=fake, prompts_dir=PROMPTS)
        assert profile.city == "襄阳" and profile.products == ["精密减速器"] and profile.needs == ["融资"]
        assert profile.roles == ["核心部件配套企业"] and profile.size == "中小企业" and profile.rd_ratio == 0.08
        assert profile.description == DESCRIPTION
        assert filled == ["city", "products", "roles", "size", "rd_ratio", "needs"]
        prompt = fake.history[0]
        assert prompt[-1].content == DESCRIPTION and "核心部件配套企业" in prompt[0].content

    def test_a_bad_value_loses_only_its_field_and_explicit_fields_win(self):
        fake = FakeChatModel().enqueue('{"city": "襄阳", "size": "巨型企业", "needs": ["融资"]}')
        profile, filled = profile_from_description_llm(DESCRIPTION, {"needs": ["人才"]}, chat=fake,
                                                       prompts_dir=PROMPTS)
        assert profile.city == "襄阳" and profile.size is None and profile.needs == ["人才"]
        assert filled == ["city"]

    @pytest.mark.parametrize("reply", ["不是 JSON", "[1, 2]", '{"size": "巨型企业"}', "{}", LLMTimeout()])
    def test_any_failure_falls_back_to_the_offline_extractor(self, reply):
        fake = FakeChatModel().enqueue(reply)
        got = profile_from_description_llm(DESCRIPTION, {"name": "某公司"}, chat=fake, prompts_dir=PROMPTS)
        assert got == profile_from_description(DESCRIPTION, {"name": "某公司"}, VOCAB)

    def test_without_a_model_it_is_the_offline_extractor(self):
        offline = profile_from_description(DESCRIPTION, None, VOCAB)
        assert profile_from_description_llm(DESCRIPTION, chat=None) == offline

    def test_parse_json_object(self):
        assert parse_json_object('好的：{"a": 1}。') == {"a": 1}
