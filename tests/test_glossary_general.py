"""English policy vocabulary every document uses (knowledge/lexicon/glossary_en.yaml) reaches the Chinese
words: the parts of a product (core components → 核心部件), a breakthrough (突破), a priority (重点), what is
to be developed (发展) — on a made-up question about hydrogen fuel cells."""

from __future__ import annotations

from assistant.index.tokenizer import Tokenizer
from assistant.settings import Settings


def test_general_policy_words_of_an_english_question_reach_their_chinese_terms(tmp_path) -> None:
    tokens = set(Tokenizer(Settings().lexicon_dir, tmp_path / "jieba").query_tokens(
        "Which core components of hydrogen fuel cells need breakthroughs, and what are the priorities to develop?"))
    assert {"核心部件", "突破", "重点", "发展"} <= tokens


def test_guiding_principles_market_led_and_packaging_machinery_reach_their_chinese_terms(tmp_path) -> None:
    """Plural and hyphenated forms as staff type them: "principles" (指导思想 / 原则), "market-led" and its
    synonyms (市场主导), "packaging machines" (包装机械) — on made-up questions about a cold-chain plan."""
    tok = Tokenizer(Settings().lexicon_dir, tmp_path / "jieba")
    principles = set(tok.query_tokens("What guiding principles does the cold-chain plan follow, is it market-driven?"))
    assert {"指导思想", "主导"} <= principles  # 市场主导, as search-mode words
    assert {"包装", "机械"} <= set(tok.query_tokens("We build packaging machines for dairies, does the plan cover us?"))
