"""The OpenAI-compatible endpoint through the official `openai` client and raw httpx (SSE).

The server is a real uvicorn on 127.0.0.1 and a free port, started here; no request leaves the
machine (the client's base_url is the local server).
"""

from __future__ import annotations

import json
import re

import httpx
import openai
import pytest

from assistant.answering.ask import ask
from assistant.web.render import sources_text
from assistant.web.server import create_app
from assistant.web.settings import MODEL_ID, WebSettings
from assistant.web.testing import serve

pytestmark = pytest.mark.slow

QUESTION = "首台套有什么支持？"
_CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def url(plan_runtime):
    web = WebSettings(api_keys=["sk-local-test"], rate_limit_per_minute=0)
    with serve(create_app(plan_runtime, web, ui=False)) as base:
        yield base


@pytest.fixture(scope="module")
def client(url):
    with openai.OpenAI(base_url=url + "/v1", api_key="sk-local-test", max_retries=0, timeout=60) as c:
        yield c


def _extra(obj, name):
    return (obj.model_extra or {}).get(name)


class TestChatCompletions:
    def test_non_streaming_reply_has_citations_in_text_and_field(self, client, plan_runtime, plan_doc):
        completion = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": QUESTION}])
        expected = ask(plan_runtime, QUESTION)
        message = completion.choices[0].message
        assert completion.choices[0].finish_reason == "stop" and message.role == "assistant"
        assert message.content == expected.answer + "\n\n" + sources_text(expected, "zh")
        assert "来源：" in message.content and "[1] 《加快全省智能制造装备产业发展行动方案》" in message.content
        citations = _extra(completion, "citations")
        assert citations == [c.model_dump(mode="json") for c in expected.citations]
        for c in citations:
            assert plan_doc.text[c["start"]:c["end"]] == c["quote"]
            assert f"“{c['quote']}”" in message.content
        assert any(n["code"].startswith("validity") for n in _extra(completion, "notices"))
        assert completion.model == MODEL_ID

    def test_streaming_yields_the_same_text(self, client, plan_runtime):
        expected = ask(plan_runtime, QUESTION)
        stream = client.chat.completions.create(model=MODEL_ID, stream=True,
                                                messages=[{"role": "user", "content": QUESTION}])
        chunks = list(stream)
        text = "".join(ch.choices[0].delta.content or "" for ch in chunks if ch.choices)
        assert text == expected.answer + "\n\n" + sources_text(expected, "zh")
        contentful = [ch for ch in chunks if ch.choices and ch.choices[0].delta.content]
        assert len(contentful) >= 3, "the answer should arrive in several pieces"
        last = chunks[-1]
        assert last.choices[0].finish_reason == "stop"
        assert [c["n"] for c in _extra(last, "citations")] == [c.n for c in expected.citations]

    def test_stream_options_include_usage(self, client):
        stream = client.chat.completions.create(model=MODEL_ID, stream=True, stream_options={"include_usage": True},
                                                messages=[{"role": "user", "content": QUESTION}])
        chunks = list(stream)
        assert chunks[-1].usage is not None and chunks[-1].choices == []

    def test_conversation_history_and_content_parts(self, client):
        completion = client.chat.completions.create(model="any-name", messages=[
            {"role": "system", "content": "You are helpful."},
            {"role": "user", "content": "工业机器人的行动目标是什么？"},
            {"role": "assistant", "content": "培育龙头企业。[1]\n\n来源：\n[1] 《加快…》 四.（二）.行动目标"},
            {"role": "user", "content": [{"type": "text", "text": "那行动重点呢？"}]},
        ], temperature=0.2, max_tokens=500)
        assert completion.choices[0].message.content
        assert _extra(completion, "citations")
        assert completion.model == "any-name"

    def test_english_question_gets_english_labels(self, client):
        completion = client.chat.completions.create(model=MODEL_ID, messages=[
            {"role": "user", "content": "What support is there for first-of-kind equipment?"}])
        content = completion.choices[0].message.content
        assert _extra(completion, "citations")
        assert "\n\nSources:\n[1]" in content and "\n\nNote: " in content

    def test_english_eligibility_question_matches_in_english(self, client):
        """Issue 13 point 6 on the edge that matches: the question's language is the reply's, the
        matcher's reasons and availability included (a Chinese question: Chinese ones)."""
        profile = {"city": "襄阳", "roles": ["核心部件配套企业"], "needs": ["融资"]}
        for question, lang in (("Which support measures can we apply for?", "en"), ("我们能享受哪些支持？", "zh")):
            completion = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user",
                                                                                    "content": question}],
                                                        extra_body={"profile": profile})
            matches, content = _extra(completion, "matches"), completion.choices[0].message.content
            assert matches and {m["availability_reason"] for m in matches} == {
                "expired 2017-12-31" if lang == "en" else "已失效 2017-12-31"}  # the plan expired
            reasons = [c["reason"] for m in matches for c in m["conditions"]]
            assert reasons and all(bool(_CJK.match(r)) == (lang == "zh") for r in reasons), reasons
            assert ("\n\nSources:\n[1]" in content) == (lang == "en")

    def test_models(self, client):
        models = client.models.list()
        assert [m.id for m in models.data] == [MODEL_ID]


class TestErrors:
    def test_wrong_key_is_authentication_error(self, url):
        with openai.OpenAI(base_url=url + "/v1", api_key="wrong", max_retries=0) as c, \
                pytest.raises(openai.AuthenticationError) as info:
            c.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": QUESTION}])
        assert info.value.status_code == 401
        assert "Authorization" in str(info.value)

    def test_no_user_message_is_bad_request(self, client):
        with pytest.raises(openai.BadRequestError) as info:
            client.chat.completions.create(model=MODEL_ID, messages=[{"role": "system", "content": "hi"}])
        assert info.value.body["code"] == "invalid_question"

    def test_empty_question_is_bad_request(self, client):
        with pytest.raises(openai.BadRequestError):
            client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": "  "}], stream=True)

    def test_n_greater_than_one_is_rejected(self, client):
        with pytest.raises(openai.UnprocessableEntityError):
            client.chat.completions.create(model=MODEL_ID, n=2, messages=[{"role": "user", "content": QUESTION}])

    def test_rate_limit_is_rate_limit_error(self, plan_runtime):
        web = WebSettings(rate_limit_per_minute=1)
        with serve(create_app(plan_runtime, web, ui=False)) as base, \
                openai.OpenAI(base_url=base + "/v1", api_key="unused", max_retries=0) as c:
            c.models.list()
            with pytest.raises(openai.RateLimitError):
                c.models.list()


def test_raw_sse_framing(url):
    """What a chat widget sees: data: lines, a role chunk first, [DONE] last."""
    body = {"model": MODEL_ID, "stream": True, "messages": [{"role": "user", "content": QUESTION}]}
    with httpx.stream("POST", url + "/v1/chat/completions", json=body, timeout=60,
                      headers={"Authorization": "Bearer sk-local-test"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        blocks = [b for b in "".join(response.iter_text()).split("\n\n") if b]
    assert all(b.startswith("data: ") for b in blocks)
    assert blocks[-1] == "data: [DONE]"
    first = json.loads(blocks[0][6:])
    assert first["object"] == "chat.completion.chunk" and first["choices"][0]["delta"]["role"] == "assistant"
    ids = {json.loads(b[6:])["id"] for b in blocks[:-1]}
    assert len(ids) == 1
