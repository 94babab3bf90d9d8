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
    assert error["code"] == "invalid_lang" and f'Unsupported language “{lang}”' in error["message"]
    assert "Traceback" not in reply.text


@pytest.mark.parametrize("lang", ["zh-", "en--", "en\r\n", "en-" + "a" * 10_000, "zh-Hant\u3000"])
@pytest.mark.parametrize("path", ["/api/v1/ask", "/v1/chat/completions", "/api/v1/match"])
def test_a_lang_that_is_no_language_tag_is_a_400_at_every_edge(client, path, lang):
    """They start with zh / en but are no tags: refused like "fr", not read as zh / en (they were)."""
    body = {"/api/v1/ask": {"question": ZH}, "/api/v1/match": {"description": ZH},
            "/v1/chat/completions": {"messages": [{"role": "user", "content": ZH}], "stream": True}}[path]
    reply = client.post(path, json={**body, "lang": lang})
    assert reply.status_code == 400, reply.text[:300]
    error = reply.json()["error"]
    assert error["code"] == "invalid_lang" and "Unsupported language" in error["message"]
    assert len(error["message"]) < 200 and "\n" not in error["message"]  # the value echoed bounded, one line


@pytest.mark.parametrize("path", ["/api/v1/ask", "/v1/chat/completions", "/api/v1/match"])
def test_accept_language_sent_in_two_lines_is_read_whole(client, path):
    """Two Accept-Language lines mean their comma-joined list (RFC 9110 §5.3): "zh;q=0.5" then "en"
    prefers en (the second line was ignored: zh)."""
    body = {"/api/v1/ask": {"question": ZH}, "/api/v1/match": {"description": ZH},
            "/v1/chat/completions": {"messages": [{"role": "user", "content": ZH}]}}[path]
    reply = client.post(path, json=body, headers=[("Accept-Language", "zh;q=0.5"), ("Accept-Language", "en")])
    assert reply.status_code == 200, reply.text
    if path == "/v1/chat/completions":
        assert "Sources:" in reply.json()["choices"][0]["message"]["content"]
    else:
        assert reply.json()["lang"] == "en"


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
    assert "invalid_lang" in reply.text and "Unsupported language “fr”" in reply.text


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
    assert exit_.value.code == 2 and "Unsupported language “fr”" in capsys.readouterr().err


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
    assert set(bad) == {"id", "error"} and "Unsupported language “fr”" in bad["error"]


def test_cli_ask_batch_line_with_a_null_or_blank_lang_takes_the_lang_option(plan_runtime, monkeypatch, capsys,
                                                                             tmp_path):
    """"lang": null / "" names no language, as in the REST body: --lang decides (null answered in the
    question's language, ignoring --lang; "" was an error line)."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(plan_runtime.settings.data_dir))
    batch = tmp_path / "q.jsonl"
    batch.write_text("\n".join(json.dumps({"id": i, "question": ZH, "lang": lang}, ensure_ascii=False)
                               for i, lang in (("null", None), ("empty", ""), ("zh", "zh-CN"))) + "\n",
                     encoding="utf-8")
    assert main(["ask", "--batch", str(batch), "--json", "--lang", "en"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(x["id"], x.get("lang")) for x in out] == [("null", "en"), ("empty", "en"), ("zh", "zh")], out


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


@pytest.mark.parametrize(("params", "headers", "lang", "answer_lang"), [
    ({}, {}, "zh", None),
    ({"lang": "en"}, {}, "en", "en"),                        # named: the page and its answers
    ({}, {"Accept-Language": "en-US,en;q=0.9"}, "en", None),  # the browser's: the page; answers follow questions
    ({"lang": "zh-CN"}, {"Accept-Language": "en"}, "zh", "zh"),
])
def test_the_embed_page_follows_the_one_rule(client, params, headers, lang, answer_lang):
    reply = client.get("/embed", params=params, headers=headers)
    assert reply.status_code == 200 and reply.headers["vary"] == "Accept-Language"
    page = reply.text
    assert f'data-lang="{lang}"' in page and ("data-answer-lang" in page) == (answer_lang is not None)
    chrome = re.sub(r'<button type="button" class="example">[^<]*</button>', "", page.split("<body>")[1])
    assert bool(_CJK.search(chrome)) == (lang == "zh"), chrome[:300]  # every word of the page in one language


def test_the_embed_page_and_its_answers_refuse_an_unknown_lang(client):
    assert client.get("/embed", params={"lang": "fr"}).json()["error"]["code"] == "invalid_lang"
    reply = client.post("/embed/ask", json={"question": ZH, "lang": "fr"})
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "invalid_lang"


def test_an_embed_answer_in_the_named_language(client):
    with client.stream("POST", "/embed/ask", json={"question": ZH, "lang": "en"}) as stream:
        events = stream.read().decode()
    final = json.loads(events.split("event: final\ndata: ")[1].split("\n")[0])
    assert final["answer"]["lang"] == "en"


def test_a_refused_lang_is_echoed_as_text_not_python_repr(client):
    message = client.get("/embed", params={"lang": "en\r\nSet-Cookie:x=1"}).json()["error"]["message"]
    assert "「en\ufffd\ufffdSet-Cookie:x=1」" in message and "\\r" not in message and "'" not in message


def test_a_blank_embed_lang_names_no_answer_language(client):
    page = client.get("/embed", params={"lang": " "}, headers={"Accept-Language": "en"}).text
    assert 'data-lang="en"' in page and "data-answer-lang" not in page


def test_a_refused_question_says_why_in_both_languages(client):
    error = client.post("/api/v1/ask", json={"question": "问" * 3000, "lang": "en"}).json()["error"]
    assert error["code"] == "invalid_question"
    assert "问题过长" in error["message"] and "Question too long: 3000 characters" in error["message"]
