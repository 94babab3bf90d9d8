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
