"""The language of an answer at every edge (issue 13 point 6): POST /api/v1/ask, the OpenAI-compatible
/v1/chat/completions and `assistant ask` take the same rule as /api/v1/match — the `lang` named (body
field, --lang, a batch line's "lang"), else Accept-Language, else the question's own language — and a
language that is neither zh nor en is a clear error (400 invalid_lang / one error line), never a trace.

Real HTTP requests against a uvicorn server on 127.0.0.1 (the session's plan index) and the real CLI.
"""

from __future__ import annotations

import json
import re

import httpx
import pytest

from assistant.answering.ask import ask
from assistant.cli import main
from assistant.web.render import sources_text
from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve

pytestmark = pytest.mark.slow

ZH = "首台套有什么支持？"
EN = "What support is there for first-of-kind equipment?"
_CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def client(plan_runtime):
    with serve(create_app(plan_runtime, WebSettings(rate_limit_per_minute=0), ui=False)) as base, \
            httpx.Client(base_url=base, timeout=120) as c:
        yield c


def _own_words(answer: dict) -> str:
    """The answer's words before its first verbatim quote, without the document titles (《…》)."""
    return re.sub(r"《[^》]*》", "", answer["answer"].split("“")[0])


@pytest.mark.parametrize(("body", "headers", "lang"), [
    ({"question": ZH, "lang": "en"}, {}, "en"),                              # named: over the question's
    ({"question": ZH, "lang": "en-US"}, {"Accept-Language": "zh-CN"}, "en"),  # and over the header
    ({"question": ZH}, {"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}, "en"),  # the header, over the question
    ({"question": EN, "lang": "zh-Hans"}, {}, "zh"),
    ({"question": EN}, {"Accept-Language": "fr-FR"}, "en"),                   # a header naming neither: passed
    ({"question": EN}, {}, "en"),                                             # else the question's language
    ({"question": ZH}, {}, "zh"),
])
def test_rest_ask_answers_in_the_language_of_the_one_rule(client, plan_runtime, body, headers, lang):
    reply = client.post("/api/v1/ask", json=body, headers=headers)
    assert reply.status_code == 200, reply.text
    answer = reply.json()
    assert answer["lang"] == lang
    expected = ask(plan_runtime, body["question"], lang=lang)
    assert answer["answer"] == expected.answer and answer["citations"] == [
        c.model_dump(mode="json") for c in expected.citations]
    notice = next(n["message"] for n in answer["notices"] if n["code"] == "validity_expired")
    assert ("ended on 2017-12-31" in notice) == (lang == "en")  # the plan ran to 2017
    # The framing is in that language even when the question is in the other one.
    assert bool(_CJK.search(_own_words(answer))) == (lang == "zh"), answer["answer"]


@pytest.mark.parametrize("lang", ["fr", "english", "zz-ZZ"])
def test_rest_ask_with_an_unknown_lang_is_a_400(client, lang):
    reply = client.post("/api/v1/ask", json={"question": ZH, "lang": lang})
    assert reply.status_code == 400, reply.text
    error = reply.json()["error"]
    assert error["code"] == "invalid_lang" and f"Unsupported language '{lang}'" in error["message"]
    assert "Traceback" not in reply.text


def test_chat_completions_take_lang_and_accept_language(client, plan_runtime):
    messages = [{"role": "user", "content": ZH}]
    expected = ask(plan_runtime, ZH, lang="en")
    for extra, headers in (({"lang": "en"}, {}), ({}, {"Accept-Language": "en-US,en;q=0.8"})):
        reply = client.post("/v1/chat/completions", json={"messages": messages, **extra}, headers=headers)
        assert reply.status_code == 200, reply.text
        content = reply.json()["choices"][0]["message"]["content"]
        assert content == expected.answer + "\n\n" + sources_text(expected)
        assert "Sources:" in content and "来源：" not in content
    plain = client.post("/v1/chat/completions", json={"messages": messages}).json()
    assert "来源：" in plain["choices"][0]["message"]["content"]  # no lang, no header: the question's


def test_streamed_chat_completion_in_the_named_language(client, plan_runtime):
    expected = ask(plan_runtime, ZH, lang="en")
    with client.stream("POST", "/v1/chat/completions",
                       json={"messages": [{"role": "user", "content": ZH}], "stream": True, "lang": "en"}) as r:
        assert r.status_code == 200
        lines = [line[6:] for line in r.iter_lines() if line.startswith("data: ") and line != "data: [DONE]"]
    text = "".join(c["delta"].get("content") or "" for chunk in map(json.loads, lines) for c in chunk["choices"])
    assert text == expected.answer + "\n\n" + sources_text(expected)


def test_chat_completions_with_an_unknown_lang_is_a_400_before_streaming(client):
    reply = client.post("/v1/chat/completions",
                        json={"messages": [{"role": "user", "content": ZH}], "stream": True, "lang": "fr"})
    assert reply.status_code == 400, reply.text
    assert "invalid_lang" in reply.text and "Unsupported language 'fr'" in reply.text


def test_cli_ask_lang_option(plan_runtime, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(plan_runtime.settings.data_dir))
    assert main(["ask", ZH, "--lang", "en-US"]) == 0
    out = capsys.readouterr().out
    assert "Sources:" in out and "来源：" not in out and "Note: " in out
    assert main(["ask", ZH, "--json", "--lang", "en"]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == "en"
    assert main(["ask", EN, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == "en"  # no --lang: the question's
    with pytest.raises(SystemExit) as exit_:
        main(["ask", ZH, "--lang", "fr"])
    assert exit_.value.code == 2 and "Unsupported language 'fr'" in capsys.readouterr().err


def test_cli_ask_batch_line_lang_wins_and_a_bad_one_is_that_lines_error(plan_runtime, monkeypatch, capsys,
                                                                          tmp_path):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(plan_runtime.settings.data_dir))
    batch = tmp_path / "q.jsonl"
    batch.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in (
        {"id": "a", "question": ZH, "lang": "en"}, {"id": "b", "question": ZH, "lang": "fr"},
        {"id": "c", "question": ZH})) + "\n", encoding="utf-8")
    assert main(["ask", "--batch", str(batch), "--json", "--lang", "zh"]) == 1  # one line failed
    first, bad, last = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["lang"] == "en" and last["lang"] == "zh"
    assert set(bad) == {"id", "error"} and "Unsupported language 'fr'" in bad["error"]


def test_llm_notices_come_from_the_message_file_in_both_languages():
    """The LLM path's notices are worded by answer.yaml (they were sentences in llm_composer.py)."""
    from assistant.answering.llm_composer import fallback_notice, unverified_notice
    from assistant.llm.errors import LLMBadOutput

    error = LLMBadOutput("语言模型返回了空回复")
    assert fallback_notice(error, "zh").message == "语言模型返回了空回复，本次改为离线摘录原文作答。"
    english = fallback_notice(error, "en").message
    assert f"({error.code})" in english and not _CJK.search(english)
    assert unverified_notice(2, "zh").message == "生成的回答中有 2 句无法在所引条款中核实，已删除。"
    assert unverified_notice(2, "en").message.startswith("2 sentence(s)")
