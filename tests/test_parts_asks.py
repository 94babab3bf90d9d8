"""How a question is cut into its asks (assistant/answering/parts.py), on made-up questions: colloquial
question words (干嘛, 咋) ask, a linking word or a modal verb is no topic of its own, and "几个" in what
a company says of itself (我们想招几个工程师) asks nothing."""

from __future__ import annotations

from assistant.answering.parts import _elliptical, split_parts


def test_colloquial_question_words_ask() -> None:
    assert split_parts("园区要引进谁，以及协会要干嘛？") == ["园区要引进谁", "协会要干嘛"]
    assert split_parts("补贴给多少，咋申请？") == ["补贴给多少", "咋申请"]


def test_a_linking_word_or_modal_is_no_topic() -> None:
    assert _elliptical("和要建成几个")
    assert _elliptical("还打算建几座")
    assert not _elliptical("和氢能产业园要建几个")


def test_a_few_in_what_the_company_says_of_itself_asks_nothing() -> None:
    question = "我们想从外省招几个工程师过来，人才政策有什么说法？"
    assert split_parts(question) == [question.rstrip("？")]
    assert split_parts("园区准备引进几家企业，以及什么时候？") == ["园区准备引进几家企业", "什么时候"]


def test_an_english_question_word_asks_only_where_a_question_starts() -> None:
    """English puts its question word first: "and noise when they retrofit" is part of the ask before it
    (a conjunction and a relative 'when'), "and on what date" is an ask of its own."""
    question = "Does the scheme help workshops reduce waste and noise when they retrofit old lines?"
    assert len(split_parts(question)) == 1
    assert split_parts("Who signed the notice and on what date?") == ["Who signed the notice", "on what date"]
    assert split_parts("What is the cap, and which firms qualify?") == ["What is the cap", "which firms qualify"]
    assert len(split_parts("hi, what is the cap?")) == 1
