"""Colloquial enterprise wording reaches the formal clause (knowledge/lexicon/colloquial.yaml): 小公司 is the
policies' 中小型企业, 老设备 their 传统装备, 给钱 their 补助 — matched as phrases jieba would split — while a clause
holding the user's own words still beats one that only holds a synonym, and one question word with many
expansions counts once (QuestionTerms.weigh)."""

from __future__ import annotations

import pytest

from assistant.retrieval.rerank import QuestionTerms

POLICY = """江夏区装备制造企业发展扶持办法（虚构测试文档）
第一条 为推动我区装备制造业高质量发展，制定本办法。
第二条 对新建智能工厂且设备联网率达到百分之八十的企业，给予一次性奖励五十万元。
第三条 对中小型企业实施传统装备智能化改造的，按改造投资额的百分之十给予补助。
第四条 企业淘汰老设备并完成报废登记的，每台给予两千元回收奖励。
第五条 本办法自2026年1月1日起施行，有效期三年。
江夏区人民政府
2025年12月20日
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    files = {"jiangxia-measures.txt": POLICY}
    return ingested_library(tmp_path_factory.mktemp("colloquial"), files, small_caches, embedder)


def _first(runtime, question: str) -> str:
    hits, _ = runtime.retriever.search(question, k=3)
    return hits[0].clause.text


def test_a_colloquial_phrase_jieba_splits_still_finds_its_policy_terms(library):
    found = dict(library.tokenizer.colloquial_terms("我们小公司的老设备想改成智能的"))
    assert "中小型企业" in found["小公司"] and "传统装备" in found["老设备"]
    assert "智能化改造" in found["改成智能"]


def test_a_longer_phrase_is_consumed_before_the_shorter_one_inside_it(library):
    found = [phrase for phrase, _ in library.tokenizer.colloquial_terms("想搞研发")]
    assert found == ["搞研发"]


def test_a_colloquial_question_finds_the_formal_clause_first(library):
    first = _first(library, "我们小公司厂里老设备一大堆，想改成智能的，政府给钱吗？")
    assert first.startswith("第三条")


def test_a_clause_with_the_users_own_word_beats_a_synonym_only_one(library):
    first = _first(library, "老设备有什么奖励？")
    assert first.startswith("第四条")  # 老设备 verbatim, not 第三条's 传统装备


def test_one_word_with_many_expansions_counts_once():
    # 补贴 with three alternatives (奖励 | 资金 | 支持) against 减速器 the user also asked about
    terms = QuestionTerms({"补贴": 2.0, "减速器": 3.0, "奖励": 1.2, "资金": 1.1, "支持": 1.0}, (),
                          concepts={"补贴": "补贴", "减速器": "减速器", "奖励": "补贴", "资金": "补贴", "支持": "补贴"},
                          expanded=frozenset({"奖励", "资金", "支持"}),
                          alternatives={"补贴": [("奖励",), ("资金",), ("支持",)]})
    assert terms.weigh({"奖励", "资金", "支持"}) == pytest.approx(1.2)  # the best alternative only
    assert terms.weigh({"奖励", "资金", "支持"}) < terms.weigh({"减速器"})
    assert terms.weigh({"补贴", "奖励"}) == pytest.approx(2.0)  # the word itself, not word + synonym
    assert terms.total == pytest.approx(5.0)


def test_a_synonym_cut_into_many_parts_is_worth_no_more_than_expansion_times_the_word():
    terms = QuestionTerms({"轧机": 3.0, "冷轧": 1.3, "机组": 1.3, "冷轧机组": 1.3}, (),
                          concepts={"轧机": "轧机", "冷轧": "轧机", "机组": "轧机", "冷轧机组": "轧机"},
                          expanded=frozenset({"冷轧", "机组", "冷轧机组"}),
                          alternatives={"轧机": [("冷轧", "机组", "冷轧机组")]})
    assert terms.weigh({"冷轧", "机组", "冷轧机组"}) == pytest.approx(1.8)  # 0.6 × 3.0, not 3.9


def test_a_word_the_corpus_never_uses_is_worth_its_best_expansion_in_full():
    # 总包 has no idf of its own (no clause says it): its term 工程总承包 is the only handle on it
    terms = QuestionTerms({"工程": 0.9, "总承包": 1.4, "工程总承包": 1.5, "服务": 1.0}, (),
                          concepts={"工程": "总包", "总承包": "总包", "工程总承包": "总包", "服务": "服务"},
                          expanded=frozenset({"工程", "总承包", "工程总承包"}),
                          alternatives={"总包": [("工程", "总承包", "工程总承包")]})
    assert terms.weigh({"工程", "总承包", "工程总承包"}) == pytest.approx(3.8)


@pytest.mark.parametrize("text", ["小公司: 中小型企业\n", "- 小公司\n", "小公司: []\n", "小公司: [unclosed\n"])
def test_a_malformed_colloquial_file_is_one_config_error_naming_it(tmp_path, text):
    import shutil

    from assistant.errors import ConfigError
    from assistant.index.tokenizer import Tokenizer
    from assistant.settings import Settings

    folder = tmp_path / "lexicon"
    shutil.copytree(Settings().lexicon_dir, folder)
    (folder / "colloquial.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"colloquial\.yaml"):
        Tokenizer(folder, tmp_path / "jieba").query_tokens("小公司有什么补助")
