"""Is a question asking what *this* company can get (route to the matcher), or about the plan?

Eligibility questions are set-valued and about the asker: "我们……能享受哪些支持", "能申请什么",
"我们有哪些融资渠道", "可以加入什么联盟", "what support can we get", "我們能享受哪些支持".
Yes/no questions about one measure ("政府会奖励吗？"), questions about what the text says
("方案里提没提融资租赁？") and topics the plan does not cover ("税收减免") are not: cited
retrieval answers those. Cue words live in knowledge/vocabulary.yaml (eligibility_question).
"""

from __future__ import annotations

import re

from assistant.eligibility.textmatch import contains_any
from assistant.eligibility.vocabulary import QuestionCues, Vocabulary


def is_eligibility_question(text: str, vocab: Vocabulary) -> bool:
    """True when the question asks which measures, funds or alliances a company qualifies for."""
    if not text or not text.strip():
        return False
    norm = vocab.normalise(text)
    cues = vocab.eligibility_question
    if contains_any(norm, _norm(vocab, cues.out_of_scope)):
        return False
    if contains_any(norm, _norm(vocab, cues.english_self)) and contains_any(norm, _norm(vocab, cues.english_phrases)):
        return True
    about_us = contains_any(norm, _norm(vocab, cues.self_refs))
    if not about_us and not contains_any(norm, _norm(vocab, cues.company_refs)):
        return False
    strong, weak = _patterns(cues)
    if strong.search(norm):
        return True  # 能享受哪些 / 可以加入什么 / 有啥产业联盟可以参加
    # 我们有哪些融资渠道 — but not "方案里提到哪些政策" (a question about the text)
    return about_us and bool(weak.search(norm)) and not contains_any(norm, _norm(vocab, cues.plan_text_cues))


def _norm(vocab: Vocabulary, words: list[str]) -> list[str]:
    return [vocab.normalise(w) for w in words]


def _patterns(cues: QuestionCues) -> tuple[re.Pattern[str], re.Pattern[str]]:
    def alt(words: list[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    sets = alt(cues.set_words)
    if cues.not_set_after:  # 申报什么时候截止: a when-question about one measure, not "which measures"
        sets = f"(?:{sets})(?!{alt(cues.not_set_after)})"
    verbs = alt(cues.verbs)
    strong = re.compile(f"(?:{verbs})到?(?:{sets})|(?:{sets}).{{0,6}}?(?:可以|能|可)(?:{verbs})")
    weak = re.compile(f"(?:{sets}).{{0,4}}?(?:{alt(cues.benefit_nouns)})")
    return strong, weak
