"""REST API (/api/v1), pages and edge protection, through httpx against a real uvicorn server.

Servers listen on 127.0.0.1 and a free port, in a thread of this process, sharing the session's
plan index (tests/conftest.py); tests that upload build a small private index instead.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import httpx
import pytest

from assistant.answering.ask import ask
from assistant.eligibility import read_profile_input
from assistant.settings import Settings
from assistant.types import Answer
from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve

pytestmark = pytest.mark.slow

OPEN = WebSettings(rate_limit_per_minute=0)


@pytest.fixture(scope="module")
def url(plan_runtime):
    """The full app (UI included) with no keys and no rate limit."""
    with serve(create_app(plan_runtime, OPEN)) as base:
        yield base


@pytest.fixture(scope="module")
def client(url):
    with httpx.Client(base_url=url, timeout=60) as c:
        yield c


def _error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code, body
    assert "Traceback" not in response.text and "File \"" not in response.text
    return body["error"]


# ---- health, documents, clauses -------------------------------------------------------------------

class TestDocuments:
    def test_healthz(self, client, plan_index):
        for path in ("/api/v1/healthz", "/healthz"):
            body = client.get(path).json()
            assert body["status"] == "ok"
            assert body["documents"] == len(plan_index.documents) and body["clauses"] == len(plan_index.clauses)

    def test_documents_list(self, client, plan_id, plan_index):
        docs = client.get("/api/v1/documents").json()
        plan = next(d for d in docs if d["meta"]["doc_id"] == plan_id)
        assert plan["meta"]["title"] == "加快全省智能制造装备产业发展行动方案"
        assert plan["clauses"] == sum(1 for c in plan_index.clauses if c.doc_id == plan_id)

    def test_document_detail(self, client, plan_id, plan_doc):
        body = client.get(f"/api/v1/documents/{plan_id}").json()
        assert body["text"] == plan_doc.text
        for clause in body["clauses"]:
            assert plan_doc.text[clause["start"]:clause["end"]] == clause["text"]

    def test_clause_by_chinese_anchor(self, client, plan_id, plan_doc):
        anchor = "三.（三）.1"
        body = client.get(f"/api/v1/clauses/{plan_id}/{quote(anchor)}").json()
        assert body["clause"]["anchor"] == anchor
        assert body["clause"]["text"].startswith("1.鼓励首台套应用")
        assert body["doc_title"] == plan_doc.meta.title

    def test_unknown_document_and_clause_are_404_json(self, client, plan_id):
        _error(client.get("/api/v1/documents/no-such-doc"), 404, "not_found")
        _error(client.get(f"/api/v1/clauses/{plan_id}/{quote('九.（九）')}"), 404, "not_found")
        _error(client.get("/api/v1/no-such-route"), 404, "not_found")

    def test_clause_view_page_highlights_the_quote(self, client, plan_id, plan_doc, plan_index):
        clause = plan_index.clause(f"{plan_id}#三.（三）.1")
        start = plan_doc.text.index("开展重大技术装备首台", clause.start)
        end = plan_doc.text.index("。", start) + 1
        page = client.get(f"/view/{quote(plan_id)}/{quote(clause.anchor)}", params={"start": start, "end": end, "n": 1})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert f'<mark class="quote">{plan_doc.text[start:end]}</mark>' in page.text
        assert "https://" not in page.text


# ---- ask ------------------------------------------------------------------------------------------

class TestAsk:
    def test_same_json_as_the_library(self, client, plan_runtime, plan_doc):
        question = "首台套有什么支持？"
        body = client.post("/api/v1/ask", json={"question": question, "id": "q1"}).json()
        expected = ask(plan_runtime, question, id="q1").model_dump(mode="json")
        assert body == expected
        answer = Answer.model_validate(body)
        assert answer.citations and not answer.abstained
        for c in answer.citations:
            assert plan_doc.text[c.start:c.end] == c.quote
            assert f"[{c.n}]" in answer.answer
        assert any(n.code.startswith("validity") for n in answer.notices)

    def test_history_is_accepted(self, client):
        history = [{"role": "user", "content": "工业机器人的行动目标是什么？"},
                   {"role": "assistant", "content": "培育龙头企业。[1]"}]
        response = client.post("/api/v1/ask", json={"question": "那行动重点呢？", "history": history})
        assert response.status_code == 200
        assert Answer.model_validate(response.json()).citations

    def test_filters(self, client, plan_id):
        body = client.post("/api/v1/ask", json={"question": "有哪些保障措施？", "doc_ids": [plan_id],
                                                "section": "五"}).json()
        assert body["citations"] and all(c["anchor"].startswith("五") for c in body["citations"])

    def test_profile_routes_eligibility_questions_to_the_matcher(self, client, plan_runtime):
        profile = {"city": "襄阳", "roles": ["核心部件配套企业"], "needs": ["融资"]}
        question = "我们能享受哪些支持？"
        routed = client.post("/api/v1/ask", json={"question": question, "profile": profile}).json()
        assert routed == ask(plan_runtime, question, profile=profile).model_dump(mode="json")
        assert routed["matches"] and {"id", "status", "citations"} <= set(routed["matches"][0])
        plain = client.post("/api/v1/ask", json={"question": "首台套有什么支持？", "profile": profile}).json()
        assert plain["matches"] == []

    @pytest.mark.parametrize(("payload", "status", "code"), [
        ({"question": ""}, 400, "invalid_question"),
        ({"question": "   "}, 400, "invalid_question"),
        ({"question": "问" * 2001}, 400, "invalid_question"),
        ({}, 422, "invalid_request"),
        ({"question": "首台套？", "unknown": 1}, 422, "invalid_request"),
        ({"question": "首台套？", "history": [{"role": "robot", "content": "x"}]}, 422, "invalid_request"),
        ({"question": "我们能享受哪些支持？", "profile": {"colour": "red"}}, 400, "invalid_profile"),
    ])
    def test_bad_requests_are_4xx_json(self, client, payload, status, code):
        error = _error(client.post("/api/v1/ask", json=payload), status, code)
        assert error["message"]

    def test_malformed_json_is_422(self, client):
        response = client.post("/api/v1/ask", content=b"{not json", headers={"content-type": "application/json"})
        _error(response, 422, "invalid_request")


# ---- match ----------------------------------------------------------------------------------------

COMPANY_ZH = "我们是襄阳一家做精密减速器的中小企业，想申请贷款。"
COMPANY_EN = "We are an SME in Xiangyang making precision reducers for robots and want a loan"


class TestMatch:
    def test_profile_gives_the_json_of_assistant_match(self, client, tmp_path, capsys):
        from assistant.cli import main

        profile = {"city": "襄阳", "roles": ["核心部件配套企业"], "needs": ["融资"], "size": "中小企业"}
        body = client.post("/api/v1/match", json={"profile": profile}).json()
        (tmp_path / "company.json").write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
        assert main(["match", "--profile", str(tmp_path / "company.json"), "--json"]) == 0
        assert body == json.loads(capsys.readouterr().out)
        assert set(body) == {"id", "profile", "matches", "unavailable", "notices", "matches_total",
                             "unavailable_total", "lang"}
        # The plan expired on 2017-12-31: its items are listed apart with the reason, none is offered.
        assert body["matches"] == [] and body["unavailable"]
        assert {(m["status"], m["availability_reason"]) for m in body["unavailable"]} == {("unavailable",
                                                                                         "已失效 2017-12-31")}

    def test_description_is_extracted(self, client, capsys):
        from assistant.cli import main

        description = "我们是襄阳一家做精密减速器的中小企业，研发投入占销售收入8%，想申请贷款。"
        body = client.post("/api/v1/match", json={"description": description, "id": "c1"}).json()
        assert body["id"] == "c1" and body["profile"]["city"] == "襄阳"
        assert body["profile"]["rd_ratio"] == pytest.approx(0.08)
        assert body["unavailable"] and any(n["code"] == "profile_extracted" for n in body["notices"])
        assert main(["match", "--describe", description, "--json"]) == 0
        assert {**body, "id": None} == json.loads(capsys.readouterr().out)

    def test_limit_shows_the_first_items_and_counts_all(self, client):
        profile = {"city": "襄阳", "roles": ["核心部件配套企业"], "needs": ["融资"]}
        full = client.post("/api/v1/match", json={"profile": profile, "limit": 0}).json()
        assert full["unavailable_total"] == len(full["unavailable"]) > 2
        head = client.post("/api/v1/match", json={"profile": profile, "limit": 2}).json()
        assert head["unavailable"] == full["unavailable"][:2]
        assert head["unavailable_total"] == full["unavailable_total"]
        _error(client.post("/api/v1/match", json={"profile": profile, "limit": -1}), 422, "invalid_request")

    @pytest.mark.parametrize(("request_body", "headers", "lang"), [
        ({"description": COMPANY_ZH, "lang": "en"}, {}, "en"),  # the lang field wins over the description
        ({"description": COMPANY_ZH, "lang": "en-US"}, {"Accept-Language": "zh-CN"}, "en"),  # and the header
        ({"description": COMPANY_ZH}, {"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}, "en"),  # header: next
        ({"description": COMPANY_EN}, {}, "en"),  # else the description's language
        ({"description": COMPANY_EN}, {"Accept-Language": "fr-FR"}, "en"),  # a header naming neither: passed over
        ({"description": COMPANY_EN, "lang": "zh-Hans"}, {}, "zh"),
        ({"profile": {"city": "襄阳", "needs": ["融资"]}}, {}, "zh"),
    ])
    def test_language_of_reasons_and_notices(self, client, plan_runtime, request_body, headers, lang):
        """Issue 13 point 6: reasons, availability and notices in one language, by the rule of assistant.text."""
        body = client.post("/api/v1/match", json=request_body, headers=headers).json()
        assert body["lang"] == lang, body
        profile = read_profile_input(request_body.get("profile") or {})
        expected = plan_runtime.eligibility.match(profile, request_body.get("description"), lang=lang, limit=50)
        assert body == expected.model_dump(mode="json")
        disclaimer = next(n["message"] for n in body["notices"] if n["code"] == "eligibility_disclaimer")
        assert ("not a ruling" in disclaimer) == (lang == "en")
        # The plan expired on 2017-12-31: every item is listed apart, with the reason in the reply's language.
        assert {m["availability_reason"] for m in body["unavailable"]} == {
            "expired 2017-12-31" if lang == "en" else "已失效 2017-12-31"}

    @pytest.mark.parametrize("lang", ["fr", "english", "zz-ZZ"])
    def test_an_unknown_lang_is_a_400(self, client, lang):
        error = _error(client.post("/api/v1/match", json={"description": COMPANY_EN, "lang": lang}),
                       400, "invalid_lang")
        assert f'Unsupported language “{lang}”' in error["message"] and "zh" in error["message"]

    def test_errors(self, client):
        _error(client.post("/api/v1/match", json={}), 422, "invalid_request")
        _error(client.post("/api/v1/match", json={"profile": {"bogus": 1}}), 400, "invalid_profile")
        # Roles are open words since 7cbabcf (like sectors): an unknown one is kept, not refused.
        kept = client.post("/api/v1/match", json={"profile": {"roles": ["宇航员"]}})
        assert kept.status_code == 200 and kept.json()["profile"]["roles"] == ["宇航员"], kept.text


# ---- pages and docs --------------------------------------------------------------------------------

class TestPages:
    def test_openapi_and_offline_docs(self, client):
        schema = client.get("/openapi.json").json()
        for path in ("/api/v1/ask", "/api/v1/match", "/api/v1/documents", "/api/v1/documents/{doc_id}",
                     "/api/v1/clauses/{doc_id}/{anchor}", "/api/v1/healthz", "/v1/chat/completions", "/v1/models"):
            assert path in schema["paths"], path
        for page in ("/docs", "/redoc"):
            html = client.get(page).text
            assert "cdn" not in html.lower() and "fonts.googleapis" not in html
            assert "/static/docs/" in html
        assert client.get("/static/docs/swagger-ui-bundle.js").status_code == 200
        assert client.get("/static/docs/redoc.standalone.js").status_code == 200

    def test_embedding_snippets_are_served_by_the_app(self, client, url):
        help_page = client.get("/embedding").text
        assert f'src="{url}/embed"' in help_page.replace("&quot;", '"')
        assert f"{url}/gradio.js" in help_page and "&lt;gradio-app" in help_page
        js = client.get("/gradio.js")
        assert js.status_code == 200 and "javascript" in js.headers["content-type"]
        target = js.text.split('import("./')[1].split('")')[0]
        assert client.get("/" + target).status_code == 200  # the web component's bundle, served locally
        embed = client.get("/embed").text
        assert "/static/web/embed.js" in embed and "http" not in embed.split("<body>")[1]
        assert client.get("/static/web/embed.js").status_code == 200

    def test_embed_ask_streams_events(self, client, plan_doc):
        with client.stream("POST", "/embed/ask", json={"question": "首台套有什么支持？"}) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            text = "".join(response.iter_text())
        events = [(b.split("\n")[0][7:], json.loads(b.split("\n")[1][6:])) for b in text.strip().split("\n\n")]
        kinds = [k for k, _ in events]
        assert kinds[-1] == "final" and kinds.count("delta") >= 2
        final = events[-1][1]
        answer = Answer.model_validate(final["answer"])
        assert "".join(d["text"] for k, d in events if k == "delta") == answer.answer
        for c in answer.citations:
            assert final["urls"][str(c.n)].startswith("/view/")
            assert plan_doc.text[c.start:c.end] == c.quote

    @pytest.mark.parametrize("path", ["/healthz", "/api/v1/healthz", "/api/v1/documents", "/embed", "/embedding",
                                      "/docs", "/v1/models"])
    def test_head_answers_like_get_without_a_body(self, client, path):
        got, head = client.get(path), client.head(path)
        assert got.status_code == head.status_code == 200 and head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["content-length"] == str(len(got.content))

    def test_head_of_an_unknown_api_path_is_the_json_404(self, client):
        assert client.head("/api/v1/no-such").status_code == 404
        # POST only: HEAD gets what GET gets, never the POST route
        assert client.head("/api/v1/ask").status_code == client.get("/api/v1/ask").status_code == 404

    def test_ui_is_served_at_root(self, client):
        page = client.get("/")
        assert page.status_code == 200 and "gradio" in page.text.lower()
        theme = client.get("/theme.css")
        assert theme.status_code == 200 and "fonts.googleapis" not in theme.text
        assert "Noto Sans CJK SC" in theme.text


# ---- edge protection ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def keyed_url(plan_runtime):
    web = WebSettings(api_keys=["user-key"], admin_keys=["admin-key"], rate_limit_per_minute=0)
    with serve(create_app(plan_runtime, web, ui=False)) as base:
        yield base


class TestKeys:
    def test_keys_are_required_when_configured(self, keyed_url):
        with httpx.Client(base_url=keyed_url, timeout=60) as c:
            _error(c.post("/api/v1/ask", json={"question": "首台套？"}), 401, "unauthorized")
            _error(c.get("/api/v1/documents", headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
            assert c.get("/api/v1/documents", headers={"Authorization": "Bearer user-key"}).status_code == 200
            assert c.get("/api/v1/documents", headers={"Authorization": "Bearer admin-key"}).status_code == 200
            assert c.get("/api/v1/healthz").status_code == 200  # probes need no key
            error = _error(c.get("/v1/models"), 401, "unauthorized")
            assert error["type"] == "authentication_error"

    def test_upload_needs_an_admin_key(self, keyed_url):
        files = {"file": ("new.txt", "一、总则\n1.测试。\n".encode(), "text/plain")}
        with httpx.Client(base_url=keyed_url, timeout=60) as c:
            response = c.post("/api/v1/documents", files=files, headers={"Authorization": "Bearer user-key"})
            _error(response, 403, "forbidden")

    def test_with_api_keys_only_nobody_uploads(self, plan_runtime):
        web = WebSettings(api_keys=["user-key"], rate_limit_per_minute=0)
        files = {"file": ("new.txt", "一、总则\n1.测试。\n".encode(), "text/plain")}
        with serve(create_app(plan_runtime, web, ui=False)) as base:
            response = httpx.post(base + "/api/v1/documents", files=files, headers={"Authorization": "Bearer user-key"})
            _error(response, 403, "forbidden")

    def test_openapi_declares_bearer_auth(self, keyed_url):
        schema = httpx.get(keyed_url + "/openapi.json").json()
        assert any(s.get("scheme") == "bearer" for s in schema["components"]["securitySchemes"].values())


class TestLimits:
    def test_rate_limit_answers_429_per_key(self, plan_runtime):
        web = WebSettings(api_keys=["a", "b"], rate_limit_per_minute=3)
        with serve(create_app(plan_runtime, web, ui=False)) as base, httpx.Client(base_url=base) as c:
            key_a = {"Authorization": "Bearer a"}
            for _ in range(3):
                assert c.get("/api/v1/documents", headers=key_a).status_code == 200
            response = c.get("/api/v1/documents", headers=key_a)
            _error(response, 429, "rate_limited")
            assert int(response.headers["retry-after"]) >= 1
            assert c.get("/api/v1/documents", headers={"Authorization": "Bearer b"}).status_code == 200
            assert c.get("/api/v1/healthz").status_code == 200  # never limited
            assert _error(c.get("/v1/models", headers=key_a), 429, "rate_limited")["type"] == "rate_limit_error"

    def test_rate_limit_per_ip_without_keys(self, plan_runtime):
        with serve(create_app(plan_runtime, WebSettings(rate_limit_per_minute=2), ui=False)) as base, \
                httpx.Client(base_url=base) as c:
            codes = [c.get("/api/v1/documents").status_code for _ in range(3)]
            assert codes == [200, 200, 429]
            assert c.get("/embedding").status_code == 200  # pages are not limited

    def test_body_size_limit_answers_413(self, plan_runtime):
        web = WebSettings(max_body_bytes=2048, max_upload_bytes=4096, rate_limit_per_minute=0)
        with serve(create_app(plan_runtime, web, ui=False)) as base, httpx.Client(base_url=base) as c:
            big = {"question": "首台套？", "history": [{"role": "user", "content": "长" * 3000}]}
            _error(c.post("/api/v1/ask", json=big), 413, "payload_too_large")
            _error(c.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "长" * 3000}]}),
                   413, "payload_too_large")

            def chunked():
                for _ in range(10):
                    yield b" " * 1024

            _error(c.post("/api/v1/ask", content=chunked(), headers={"content-type": "application/json"}),
                   413, "payload_too_large")
            ok = c.post("/api/v1/ask", json={"question": "首台套有什么支持？"})
            assert ok.status_code == 200
            upload = {"file": ("big.txt", "一、总则\n".encode() * 2000, "text/plain")}
            _error(c.post("/api/v1/documents", files=upload), 413, "payload_too_large")

    def test_cors_allowlist_and_frame_ancestors(self, plan_runtime):
        web = WebSettings(cors_origins=["https://portal.example.gov.cn"], rate_limit_per_minute=0)
        with serve(create_app(plan_runtime, web, ui=False)) as base, httpx.Client(base_url=base) as c:
            preflight = c.options("/api/v1/ask", headers={
                "Origin": "https://portal.example.gov.cn", "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization,content-type"})
            assert preflight.headers["access-control-allow-origin"] == "https://portal.example.gov.cn"
            for method in ("PUT", "DELETE"):  # a portal edits and removes its saved profiles cross-origin
                pre = c.options("/api/v1/profiles/1", headers={
                    "Origin": "https://portal.example.gov.cn", "Access-Control-Request-Method": method})
                assert pre.status_code == 200 and method in pre.headers["access-control-allow-methods"]
            other = c.get("/api/v1/documents", headers={"Origin": "https://evil.example"})
            assert "access-control-allow-origin" not in other.headers
            embed = c.get("/embed")
            assert embed.headers["content-security-policy"] == "frame-ancestors 'self' https://portal.example.gov.cn"
            assert embed.headers["x-content-type-options"] == "nosniff"


def test_cors_allows_every_method_the_api_routes_use(plan_runtime):
    from assistant.web.server import CORS_METHODS

    app = create_app(plan_runtime, WebSettings(rate_limit_per_minute=0), ui=False)
    used = {m.upper() for ops in app.openapi()["paths"].values() for m in ops}  # what the API documents
    assert {"PUT", "DELETE"} <= used
    assert used <= set(CORS_METHODS)


class TestFailures:
    def test_unexpected_errors_are_generic_500(self, url, monkeypatch):
        import assistant.web.api as api_module

        def boom(*args, **kwargs):
            raise RuntimeError("secret internal detail /etc/passwd")

        monkeypatch.setattr(api_module, "ask", boom)
        response = httpx.post(url + "/api/v1/ask", json={"question": "首台套？"}, timeout=30)
        error = _error(response, 500, "internal_error")
        assert "secret" not in response.text and "RuntimeError" not in response.text
        assert error["message"]

    def test_missing_index_is_503(self, tmp_path, embedder):
        from assistant.runtime import Runtime

        runtime = Runtime(Settings(data_dir=tmp_path / "empty"), embedder=embedder)
        with serve(create_app(runtime, OPEN, ui=False)) as base:
            _error(httpx.post(base + "/api/v1/ask", json={"question": "首台套？"}), 503, "index_missing")
            health = httpx.get(base + "/api/v1/healthz")
            assert health.status_code == 503 and health.json()["status"] == "no_index"


# ---- uploads (a small private index) -----------------------------------------------------------------

class TestUpload:
    def test_upload_checks_then_indexes(self, tmp_path, small_knowledge, make_runtime):
        runtime = make_runtime(tmp_path / "data", small_knowledge)
        from assistant.ingest import ingest

        ingest(runtime)
        web = WebSettings(admin_keys=["adm"], rate_limit_per_minute=0)
        admin = {"Authorization": "Bearer adm"}
        with serve(create_app(runtime, web, ui=False)) as base, httpx.Client(base_url=base, timeout=120) as c:
            bad = c.post("/api/v1/documents", headers=admin,
                         files={"file": ("bad.txt", b"\x00\x01\x02binary", "text/plain")})
            assert "二进制" in _error(bad, 400, "invalid_document")["message"]
            exe = {"file": ("virus.exe", b"MZ....", "application/octet-stream")}
            _error(c.post("/api/v1/documents", headers=admin, files=exe), 400, "invalid_document")
            _error(c.post("/api/v1/documents", headers=admin,
                          files={"file": ("empty.md", b"   ", "text/markdown")}), 400, "invalid_document")
            text = ("湖北省人才支持办法\n\n一、人才引进\n1.对引进的高端人才给予安家补贴。\n"
                    "二、人才培养\n支持企业与高校联合培养技能人才。\n")
            good = c.post("/api/v1/documents", headers=admin,
                          files={"file": ("../../talent policy.md", text.encode(), "text/markdown")})
            assert good.status_code == 200, good.text
            report = good.json()
            assert report["status"] == "built" and report["added"] == ["talent-policy"]
            ids = [d["meta"]["doc_id"] for d in c.get("/api/v1/documents", headers=admin).json()]
            assert "talent-policy" in ids
            answer = c.post("/api/v1/ask", headers=admin, json={"question": "高端人才有安家补贴吗？"}).json()
            assert any(c_["doc_id"] == "talent-policy" for c_ in answer["citations"])
        assert (runtime.settings.data_dir / "documents" / "talent-policy.md").exists()


# ---- load: 20 simultaneous users ----------------------------------------------------------------------

def test_twenty_simultaneous_users(url):
    """20 users at once, 3 requests each (ask, match, documents), all answered without error."""
    questions = ["首台套有什么支持？", "工业机器人的行动重点是什么？", "哪些地市被鼓励建设产业集群？",
                 "What support is there for first-of-kind equipment?", "到2017年的发展目标是什么？"]
    barrier = threading.Barrier(20, timeout=30)

    def user(i: int) -> list[int]:
        with httpx.Client(base_url=url, timeout=120) as c:
            barrier.wait()
            question = {"question": questions[i % len(questions)], "id": str(i)}
            company = {"description": f"我们是武汉的第{i}家机器人企业，想融资"}
            codes = [c.post("/api/v1/ask", json=question).status_code,
                     c.post("/api/v1/match", json=company).status_code,
                     c.get("/api/v1/documents").status_code]
        return codes

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(user, range(20), timeout=180))
    elapsed = time.monotonic() - started
    assert all(code == 200 for codes in results for code in codes), results
    assert elapsed < 120, f"20 users took {elapsed:.1f} s"


# ---- settings and the limiter (no server) ---------------------------------------------------------

class TestWebSettings:
    def test_defaults_are_open(self):
        web = WebSettings()
        assert not web.auth_enabled and not web.admin_enabled and web.cors_origins == []
        assert web.rate_limit_per_minute == 120 and web.max_body_bytes == 256 * 1024

    def test_lists_from_the_environment(self, monkeypatch):
        monkeypatch.setenv("ASSISTANT_API_KEYS", "k1, k2,")
        monkeypatch.setenv("ASSISTANT_ADMIN_KEYS", '["adm"]')
        monkeypatch.setenv("ASSISTANT_CORS_ORIGINS", "https://a.example,https://b.example")
        monkeypatch.setenv("ASSISTANT_RATE_LIMIT_PER_MINUTE", "5")
        web = WebSettings()
        assert web.is_api_key("k2") and web.is_api_key("adm") and not web.is_api_key("k3")
        assert web.is_admin_key("adm") and not web.is_admin_key("k1") and not web.is_api_key(None)
        assert web.cors_origins == ["https://a.example", "https://b.example"]
        assert web.rate_limit_per_minute == 5
        monkeypatch.setenv("ASSISTANT_API_KEYS", "s3cr3t-value")
        assert "s3cr3t" not in repr(WebSettings())

    def test_invalid_values_are_refused(self):
        from pydantic import ValidationError

        with pytest.raises(ValidationError):
            WebSettings(rate_limit_per_minute=-1)
        with pytest.raises(ValidationError):
            WebSettings(max_body_bytes=10)


# The limiter itself (the `limits` library, memory or Redis): tests/test_rate_limits.py.
