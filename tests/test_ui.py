"""The Gradio UI through gradio_client (its public API), and the rendering it relies on.

While this module runs, every socket connection and name lookup is recorded: the server and the
client may only talk to 127.0.0.1 (no analytics, no telemetry, no fonts, no update checks).
"""

from __future__ import annotations

import csv
import io
import ipaddress
import os
import re
import socket
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"

from gradio_client import Client, handle_file

from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.types import Answer, Citation, Clause, CompanyProfile, Match, MatchResult
from assistant.web import render
from assistant.web.messages import web_messages
from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve

# gradio 6.31's queue still calls pandas options that pandas 3 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:DeprecationWarning",
                                        "ignore:The copy keyword is deprecated:DeprecationWarning")

QUESTION = "首台套有什么支持？"
DESCRIPTION = "我们是襄阳一家做精密减速器的中小企业，研发投入占销售收入8%，想申请贷款。"


# ---- nothing leaves the machine -------------------------------------------------------------------

def _is_loopback(host: object) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(scope="module", autouse=True)
def outbound():
    """Record (and refuse) any lookup or connection to a non-loopback host during this module."""
    attempts: list[str] = []
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            attempts.append(f"lookup {host}")
            raise socket.gaierror(f"blocked by the test: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        if isinstance(address, tuple) and not _is_loopback(address[0]):
            attempts.append(f"connect {address}")
            raise ConnectionRefusedError(f"blocked by the test: {address}")
        return real_connect(self, address)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket, "getaddrinfo", getaddrinfo)
        mp.setattr(socket.socket, "connect", connect)
        yield attempts
    assert attempts == [], f"traffic off the machine: {attempts}"


@pytest.fixture(scope="module")
def url(plan_runtime):
    with serve(create_app(plan_runtime, WebSettings(rate_limit_per_minute=0))) as base:
        yield base


@pytest.fixture(scope="module")
def client(url, tmp_path_factory):
    c = Client(url + "/", verbose=False, analytics_enabled=False,
               download_files=str(tmp_path_factory.mktemp("gradio-downloads")))
    yield c
    c.close()


def _value(output):
    """An output returned as a component update carries its value inside."""
    return output.get("value") if isinstance(output, dict) and output.get("__type__") == "update" else output


# The 企业画像 form in the order of /match's and /extract_profile's inputs (assistant.web.ui.FORM).
FORM_DEFAULTS = {"name": "", "city": None, "district": "", "size": "unknown", "sectors": [], "roles": [], "needs": [],
                 "products": "", "rd_ratio": "", "first_of_kind": "unknown", "revenue": "", "employees": "",
                 "established_year": "", "certifications": [], "rd_spend": "", "above_scale": "unknown",
                 "tax_paid": "", "tax_per_mu": "", "certification_years": ""}
N_FORM = len(FORM_DEFAULTS)
SUMMARY, TABLE, CLOSED_TITLE, CLOSED_TABLE, CSV, MD = range(N_FORM, N_FORM + 6)


def form(**values) -> list:
    from assistant.web.ui import FORM

    assert tuple(FORM_DEFAULTS) == FORM
    return [values.get(k, v) for k, v in FORM_DEFAULTS.items()]


def _text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)


# ---- the Gradio API ----------------------------------------------------------------------------------

@pytest.mark.slow
class TestGradioApi:
    def test_public_endpoints(self, client):
        endpoints = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
        assert endpoints == {"/chat", "/extract_profile", "/match", "/document", "/upload"}

    def test_chat_streams_an_answer_with_citations(self, client, plan_doc):
        job = client.submit(QUESTION, [], api_name="/chat")
        chat, _question, cites, viewer, notices = job.result(timeout=60)
        assert len(job.outputs()) >= 3, "the answer should stream in several updates"
        reply = _text(chat[-1])
        assert chat[0]["role"] == "user" and _text(chat[0]) == QUESTION
        assert "[\\[1\\]](/view/" in reply and "**来源**" in reply
        assert [value for _, value in cites["choices"]][:2] == ["1", "2"] and cites["value"] == "1"
        assert '<mark class="quote">' in viewer
        quote = viewer.split('<mark class="quote">')[1].split("</mark>")[0]
        assert quote in plan_doc.text
        assert "执行期" in notices

    def test_chat_errors_are_messages_not_tracebacks(self, client):
        chat, *_ = client.predict("问" * 2001, [], api_name="/chat")
        reply = _text(chat[-1])
        assert reply.startswith("⚠️") and "Traceback" not in reply

    def test_extract_profile(self, client):
        out = client.predict(DESCRIPTION, "中文", api_name="/extract_profile")
        city, size, needs, products, rd_ratio, message = out[1], out[3], out[6], out[7], out[8], out[N_FORM]
        assert city == "襄阳" and size == "中小企业" and rd_ratio == "8"
        assert "融资" in needs and products
        assert message.startswith("已从描述中提取：所在市州、")

    def test_match_from_the_form_with_exports(self, client):
        """The plan expired on 2017-12-31: today its items are listed apart, with the reason, never as available."""
        out = client.predict(*form(city="襄阳", size="中小企业", sectors=["工业机器人"], roles=["核心部件配套企业"],
                                   needs=["融资"], products="精密减速器", rd_ratio="8"), "", False, "中文",
                             api_name="/match")
        summary, table, csv_path, md_path = out[SUMMARY], _value(out[TABLE]), _value(out[CSV]), _value(out[MD])
        closed = _value(out[CLOSED_TABLE])
        msg = web_messages()
        headers = render.match_headers(msg, "zh")
        assert table["headers"] == headers and headers[:6] == ["文档", "类别", "措施", "金额", "申报截止", "状态"]
        assert table["data"] == [] and summary.startswith("符合 **0** 项")
        assert f"另有 {len(closed['data'])} 项已失效或已截止" in summary
        assert closed["headers"] == render.unavailable_headers(msg, "zh") and closed["data"]
        assert out[CLOSED_TITLE]["visible"] is True and "已失效/已截止" in out[CLOSED_TITLE]["value"]
        for row in closed["data"]:
            assert row[0] == "《加快全省智能制造装备产业发展行动方案》" and row[4] == "已失效 2017-12-31"
        rows = list(csv.reader(io.StringIO(Path(csv_path).read_text(encoding="utf-8-sig"))))
        assert rows[0][:8] == headers and len(rows) == 1 + len(closed["data"])
        assert {r[5] for r in rows[1:]} == {"已失效/已截止"} and {r[8] for r in rows[1:]} == {"已失效 2017-12-31"}
        markdown = Path(md_path).read_text(encoding="utf-8")
        assert markdown.startswith("# 可申请的支持措施") and "## 已失效/已截止（不能申请）" in markdown
        available, _, unavailable = markdown.partition("## 已失效/已截止")
        assert "已失效 2017-12-31" not in available and unavailable.count("已失效 2017-12-31") == len(closed["data"])

    def test_match_from_a_description_alone_fills_the_form(self, client):
        out = client.predict(*form(), DESCRIPTION, False, "English", api_name="/match")
        assert _value(out[1]) == "襄阳"
        summary, table = out[SUMMARY], _value(out[TABLE])
        assert "qualify" in summary and table["headers"] == render.match_headers(web_messages(), "en")
        assert _value(out[CLOSED_TABLE])["data"]  # the plan has expired: its items are listed apart

    @pytest.mark.parametrize(("ui", "description", "lang"), [
        ("English", DESCRIPTION, "en"),  # the UI's language is the one named: it wins over the description's
        ("中文", "We are an SME in Xiangyang making precision reducers and want a loan", "zh"),
    ])
    def test_match_reasons_and_notices_follow_the_ui_language(self, client, ui, description, lang):
        """Issue 13 point 6: the form's reasons, availability and notices were Chinese under an English UI."""
        out = client.predict(*form(), description, False, ui, api_name="/match")
        closed, summary = _value(out[CLOSED_TABLE]), out[SUMMARY]
        assert closed["data"] and {row[4] for row in closed["data"]} == {  # the plan expired on 2017-12-31
            "expired 2017-12-31" if lang == "en" else "已失效 2017-12-31"}
        assert ("not a ruling" in summary) == (lang == "en") and ("不等于申报资格认定" in summary) == (lang == "zh")
        assert summary.startswith("**0** qualify" if lang == "en" else "符合 **0** 项")
        markdown = Path(_value(out[MD])).read_text(encoding="utf-8")
        assert ("expired 2017-12-31" in markdown) == (lang == "en")

    def test_match_refuses_a_language_the_switch_does_not_offer(self, client):
        """Refused before the form runs (gradio_guard: one message, never silently Chinese)."""
        with pytest.raises(Exception, match="not in the expected format") as caught:
            client.predict(*form(city="襄阳"), "", False, "Français", api_name="/match")
        assert "Traceback" not in str(caught.value)

    @pytest.mark.parametrize("rd_ratio", ["150", "很多"])
    def test_match_reports_a_bad_profile(self, client, rd_ratio):
        out = client.predict(*form(city="襄阳", rd_ratio=rd_ratio), "", False, "中文", api_name="/match")
        assert out[SUMMARY].startswith("⚠️") and "rd_ratio" in out[SUMMARY] and "Traceback" not in out[SUMMARY]

    @pytest.mark.parametrize(("error", "shown"), [
        ("InvalidProfile", "未知的企业画像字段：colour"),
        ("RuntimeError", "服务器内部错误"),
    ])
    def test_match_failures_are_messages(self, client, monkeypatch, error, shown):
        from assistant.eligibility import InvalidProfile
        from assistant.web import service

        exc = {"InvalidProfile": InvalidProfile("未知的企业画像字段：colour"),
               "RuntimeError": RuntimeError("secret internal detail")}[error]

        def fail(*args, **kwargs):
            raise exc

        monkeypatch.setattr(service, "match", fail)
        out = client.predict(*form(city="襄阳"), "", False, "中文", api_name="/match")
        assert out[SUMMARY].startswith("⚠️") and shown in out[SUMMARY]
        assert "secret" not in out[SUMMARY] and "Traceback" not in out[SUMMARY]

    def test_document_tree(self, client, plan_id):
        tree = client.predict(plan_id, "中文", api_name="/document")
        assert '<section class="doc-tree"' in tree and "三、主要行动" in tree and 'id="三.（三）.1"' in tree
        assert client.predict("no-such-doc", "中文", api_name="/document") == ""


@pytest.mark.slow
def test_rate_limit_in_the_ui_is_a_message(plan_runtime):
    """The UI's actions share the API's per-address budget; over it, queue/join answers 429 with the
    message in `detail`, which Gradio's page shows the visitor (gradio_client raises for the status)."""
    with serve(create_app(plan_runtime, WebSettings(rate_limit_per_minute=2))) as base:
        client = Client(base + "/", verbose=False, analytics_enabled=False, download_files=False)
        try:
            replies = [_text(client.predict(QUESTION, [], api_name="/chat")[0][-1]) for _ in range(2)]
            with pytest.raises(Exception, match="429"):
                client.predict(DESCRIPTION, "中文", api_name="/extract_profile")
        finally:
            client.close()
        refused = httpx.post(base + "/gradio_api/queue/join", json={"data": [], "fn_index": 0, "session_hash": "x"})
    assert "[\\[1\\]]" in replies[0] and "[\\[1\\]]" in replies[1]
    assert refused.status_code == 429 and refused.json()["detail"].startswith("请求过于频繁")
    assert "每分钟最多 2 次" in refused.json()["detail"]


@pytest.mark.slow
def test_upload_through_the_ui(tmp_path, small_knowledge, make_runtime):
    from assistant.ingest import ingest

    runtime = make_runtime(tmp_path / "data", small_knowledge)
    ingest(runtime)
    web = WebSettings(admin_keys=["adm"], rate_limit_per_minute=0)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    good = tmp_path / "talent.md"
    good.write_text("湖北省人才支持办法\n\n一、人才引进\n1.对引进的高端人才给予安家补贴。\n", encoding="utf-8")
    with serve(create_app(runtime, web)) as base:
        # With keys on, Gradio's upload route takes files only with an admin bearer key.
        client = Client(base + "/", verbose=False, analytics_enabled=False, download_files=False,
                        headers={"Authorization": "Bearer adm"})
        try:
            refused, _ = client.predict(handle_file(str(good)), "wrong", "中文", api_name="/upload")
            assert "管理员密钥不正确" in refused
            message, _ = client.predict(handle_file(str(bad)), "adm", "中文", api_name="/upload")
            assert message.startswith("⚠️") and "二进制" in message
            message, _ = client.predict(handle_file(str(good)), "adm", "中文", api_name="/upload")
            assert message.startswith("✅") and "talent" in message
        finally:
            client.close()
    assert "talent" in runtime.index.documents


# ---- rendering ---------------------------------------------------------------------------------------

def _citation(n: int, start: int = 10, end: int = 20, quote: str = "引用的原文") -> Citation:
    return Citation(n=n, doc_id="doc", doc_title="某方案", anchor="三.（一）.1", section="三、行动 › （一）甲 › 1.乙",
                    quote=quote, start=start, end=end, score=0.5)


_NO_DOCUMENTS = SimpleNamespace(documents={})  # clause_html falls back to the doc_id as the title


def _clause(text: str, start: int) -> Clause:
    return Clause(id="doc#1", doc_id="doc", anchor="1", section="一、总则", start=start, end=start + len(text),
                  text=text)


def _clause_text(card: str) -> str:
    found = re.search(r'<p class="clause-text">(.*?)</p>', card)
    assert found, card
    return found.group(1)


class TestRender:
    @pytest.mark.parametrize(("raw", "expected"), [
        ("甲。[1]", "甲。[\\[1\\]](/view/doc/%E4%B8%89.%EF%BC%88%E4%B8%80%EF%BC%89.1?start=10&end=20&n=1)"),
        ("乙[2]", "乙[2]"),  # invented number: left as plain text
        ("*强调* <b>x</b>", "\\*强调\\* \\<b\\>x\\</b\\>"),
    ])
    def test_linked_markers(self, raw, expected):
        assert render.linked_markers(raw, [_citation(1)]) == expected

    def test_answer_markdown_lists_sources_and_notices(self):
        from assistant.types import Notice

        answer = Answer(question="q", answer="答。[1]", abstained=False, citations=[_citation(1)],
                        notices=[Notice(code="validity_expired", message="已届满", severity="warning")])
        md = render.answer_markdown(answer, "zh")
        assert "**来源**\n1. [《某方案》 三.（一）.1](/view/doc/" in md and md.endswith("> ⚠️ 已届满")

    def test_sources_text_and_strip_sources(self):
        answer = Answer(question="q", answer="答。[1]", abstained=False, citations=[_citation(1)])
        full = render.full_text(answer, "zh")
        assert full == "答。[1]\n\n来源：\n[1] 《某方案》 三.（一）.1 三、行动 › （一）甲 › 1.乙\n    “引用的原文”"
        assert render.strip_sources(full) == "答。[1]"
        assert render.strip_sources(render.full_text(answer, "en")) == "答。[1]"

    @pytest.mark.parametrize(("offset", "start", "end", "expected"), [
        (100, 102, 104, 'ab<mark class="quote">cd</mark>ef'),
        (100, 90, 102, '<mark class="quote">ab</mark>cdef'),
        (100, 104, 200, 'abcd<mark class="quote">ef</mark>'),
        (100, 200, 210, "abcdef"),
        (100, None, None, "abcdef"),
    ])
    def test_clause_card_marks_the_quote_by_offsets(self, offset, start, end, expected):
        assert _clause_text(render.clause_html(_NO_DOCUMENTS, _clause("abcdef", offset), start, end)) == expected

    def test_clause_card_escapes_html(self):
        card = render.clause_html(_NO_DOCUMENTS, _clause("<x>", 0), 0, 3)
        assert _clause_text(card) == '<mark class="quote">&lt;x&gt;</mark>'
        assert "<x>" not in card

    @pytest.mark.parametrize(("text", "lang"), [("首台套？", "zh"), ("What about 首台套?", "zh"),
                                                ("What support is there?", "en"), ("", "zh")])
    def test_language_of(self, text, lang):
        assert render.language_of(text) == lang

    def test_match_exports(self):
        match = Match(id="m1", title_zh="融资租赁", title_en="Leasing", category="funding_channel",
                      status="qualifies", score=1.0, benefit="租赁|支持", next_steps=["联系"],
                      citations=[_citation(1, quote="鼓励金融租赁")])
        result = MatchResult(profile=CompanyProfile(city="襄阳"), matches=[match])
        labels = load_vocabulary(Settings().vocabulary_path).labels  # knowledge/messages/labels.yaml
        msg = web_messages()
        rows = render.match_rows(result, labels, msg, "zh")
        assert rows == [["《某方案》", "资金渠道", "融资租赁", "未规定具体金额", "未注明", "符合", "",
                         "三.（一）.1「鼓励金融租赁」"]]
        csv_text = render.matches_csv(result, labels, msg, "en")
        assert csv_text.startswith("\ufeffDocument,Category,Measure,Amount,Deadline,Status,Reasons,Citations")
        assert "funding channel,Leasing,no amount stated,not stated,qualifies" in csv_text
        md = render.matches_markdown(result, labels, msg, "zh")
        assert "企业画像：所在市州=襄阳" in md
        assert "| 《某方案》 | 资金渠道 | 融资租赁 | 未规定具体金额 | 未注明 | 符合 |" in md
        assert "已失效/已截止" not in md

    def test_document_tree_nests_headings(self, plan_index, plan_id):
        tree = render.document_tree_html(plan_index, plan_id, web_messages())
        assert tree.count("<details") == tree.count("</details>")
        assert tree.count('class="tree-leaf"') == sum(1 for c in plan_index.clauses if c.doc_id == plan_id)


@pytest.mark.parametrize(("name", "safe"), [
    ("policy.txt", "policy.txt"), ("../../etc/passwd.md", "passwd.md"), ("C:\\x\\方案 2024.DOCX", "方案-2024.docx"),
    ("...", "document"), ("a b;rm -rf.pdf", "a-b-rm-rf.pdf"),
])
def test_safe_filename(name, safe):
    from assistant.web.service import safe_filename

    assert safe_filename(name) == safe


def test_eval_tab_shows_the_latest_report_self_contained(tmp_path):
    """The 评测报告 tab renders the newest report under settings.reports_dir, with nothing fetched from outside."""
    from assistant.evaluation.report import build_report
    from assistant.settings import Settings
    from assistant.web.ui import _eval_report

    reports = Settings(evals_dir=tmp_path / "evals").reports_dir
    assert "assistant eval" in _eval_report(reports)  # no report yet: says how to make one
    report = build_report({"datasets": ["questions.jsonl"], "retrieval": "hybrid"}, [])
    out = tmp_path / "evals" / "reports" / "latest"
    out.mkdir(parents=True)
    (out / "report.json").write_text(report.model_dump_json(), encoding="utf-8")
    html = _eval_report(reports)
    assert "eval-report" in html and "hybrid" in html
    assert "http://" not in html and "https://" not in html
