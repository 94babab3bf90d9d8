"""Issue 12 in the web layer, through a real uvicorn server: what an upload understood, the documents
list, the profile form's new fields and the matches table with its 已失效/已截止 section.

The server runs over the shipped knowledge folder with a private data dir (tests/web_library_support.py),
today fixed inside the fictional city measures' period: the plan (expired 2017) is listed apart.
"""

from __future__ import annotations

import csv
import io
import os
import threading
from pathlib import Path

import httpx
import pytest

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

from gradio_client import Client

from assistant.web import service
from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve
from tests.test_ui import CLOSED_TABLE, CSV, MD, SUMMARY, TABLE, _value, form
from tests.web_library_support import CITY_FILE, CITY_MEASURES, CITY_TITLE, DOC_NUMBER, library_runtime

pytestmark = [pytest.mark.slow,
              pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:DeprecationWarning",
                                         "ignore:The copy keyword is deprecated:DeprecationWarning")]

ADMIN = {"Authorization": "Bearer adm"}
UNDERSTOOD = ("已导入《虚构测试：襄阳市支持智能装备产业发展若干措施》（xiangyang-measures）："
              "发文机关：襄阳市人民政府办公室；文号：襄政办发〔2025〕8号；成文日期：2024年12月20日；"
              "层级/地区：市 · 襄阳市；文种：措施。3 条支持事项、有效期至2027年12月31日。")


@pytest.fixture(scope="module")
def runtime(tmp_path_factory, plan_runtime, embedder):
    return library_runtime(tmp_path_factory.mktemp("web-library"), plan_runtime.settings.cache_dir, embedder)


@pytest.fixture(scope="module")
def url(runtime):
    with serve(create_app(runtime, WebSettings(admin_keys=["adm"], rate_limit_per_minute=0))) as base:
        yield base


@pytest.fixture(scope="module")
def uploaded(url):
    """The city measures, uploaded once through REST: the reply."""
    with httpx.Client(base_url=url, timeout=180, headers=ADMIN) as c:
        reply = c.post("/api/v1/documents", files={"file": (CITY_FILE, CITY_MEASURES.encode(), "text/plain")})
    assert reply.status_code == 200, reply.text
    return reply.json()


@pytest.fixture(scope="module")
def client(url, uploaded, tmp_path_factory):
    c = Client(url + "/", verbose=False, analytics_enabled=False, headers=ADMIN,
               download_files=str(tmp_path_factory.mktemp("downloads")))
    yield c
    c.close()


def test_upload_reply_says_what_was_understood(uploaded):
    assert uploaded["added"] == ["xiangyang-measures"] and uploaded["failed"] == []
    (doc,) = uploaded["understood"]
    meta = doc["meta"]
    assert meta["title"] == CITY_TITLE and meta["doc_number"] == DOC_NUMBER
    assert meta["issuers"] == ["襄阳市人民政府办公室"] and meta["effective_to"] == "2027-12-31"
    assert meta["provenance"]["doc_number"] == "extracted" and meta["provenance"]["effective_to"] == "extracted"
    assert doc["items"] == 3 and doc["validity"] == "in_force" and doc["replaced"] is False
    assert doc["message"] == UNDERSTOOD
    assert uploaded["message"].startswith(UNDERSTOOD + "\n索引现有 2 份文档")


def test_documents_list_carries_what_was_understood(url, uploaded):
    docs = {d["meta"]["doc_id"]: d for d in httpx.get(url + "/api/v1/documents", headers=ADMIN).json()}
    city, plan = docs["xiangyang-measures"], docs["hubei-2014-ime-plan"]
    assert city["items"] == 3 and city["validity"] == "in_force"
    assert city["validity_text"] == "2025年1月1日 至 2027年12月31日（现行有效）"
    assert city["meta"]["level"] == "市" and city["meta"]["doc_type"] == "措施"
    assert plan["validity"] == "expired" and plan["validity_text"].endswith("（已于 2017年12月31日 失效）")
    assert plan["meta"]["provenance"]["effective_to"] == "given"  # the plan's .meta.yaml side-file


def test_same_content_again_says_unchanged(url, uploaded):
    with httpx.Client(base_url=url, timeout=180, headers=ADMIN) as c:
        again = c.post("/api/v1/documents", files={"file": (CITY_FILE, CITY_MEASURES.encode(), "text/plain")})
    assert again.status_code == 200 and again.json()["status"] == "up_to_date"
    assert again.json()["message"].startswith("文档内容与已导入的版本相同")


def test_a_second_concurrent_upload_is_refused_with_409(url, uploaded):
    """While one upload is being imported, another is refused at once (it used to wait up to 600 s)."""
    assert service._ingest_lock.acquire(timeout=60)  # an import in progress
    try:
        reply = httpx.post(url + "/api/v1/documents", headers=ADMIN, timeout=20,
                           files={"file": ("other.txt", "某办法\n一、总则\n1.支持。\n".encode(), "text/plain")})
    finally:
        service._ingest_lock.release()
    assert reply.status_code == 409, reply.text
    assert reply.json()["error"] == {"code": "busy", "message": "另一份文档正在导入，请稍后再试"}
    assert "other" not in {d["meta"]["doc_id"] for d in httpx.get(url + "/api/v1/documents", headers=ADMIN).json()}


def test_concurrent_uploads_one_wins_the_other_gets_409(url, uploaded):
    text = "虚构测试：某区人才办法\n\n第一条 对引进的博士给予一次性安家补贴10万元。\n"
    codes: list[int] = []
    barrier = threading.Barrier(2)

    def post(name: str) -> None:
        barrier.wait()
        codes.append(httpx.post(url + "/api/v1/documents", headers=ADMIN, timeout=180,
                                files={"file": (name, text.encode(), "text/plain")}).status_code)

    threads = [threading.Thread(target=post, args=(f"talent-{i}.txt",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert sorted(codes) in ([200, 409], [200, 200])  # the second may start after the first finished
    assert 500 not in codes


def test_include_all_adds_not_qualified(url, uploaded):
    """A 襄阳 measure is not offered to a 武汉 company; with include_all it is listed as not qualified."""
    def city_items(body: dict) -> list[dict]:
        return [m for m in body["matches"] if m["doc_id"] == "xiangyang-measures"]

    profile = {"city": "武汉", "roles": ["用户企业"]}
    some = httpx.post(url + "/api/v1/match", headers=ADMIN, json={"profile": profile}).json()
    every = httpx.post(url + "/api/v1/match", headers=ADMIN, json={"profile": profile, "include_all": True}).json()
    assert city_items(some) == [] and city_items(every)
    assert {m["status"] for m in city_items(every)} == {"not_qualified"}


def test_policy_browser_shows_fields_provenance_and_validity(client):
    tree = client.predict("xiangyang-measures", "中文", api_name="/document")
    assert 'data-validity="in_force"' in tree and DOC_NUMBER in tree
    assert '<div class="fact" data-fact="doc_number"><dt>文号</dt><dd>襄政办发〔2025〕8号 <span class="prov ' \
           'prov-extracted">提取</span></dd></div>' in tree
    assert "3 条支持事项" in tree
    plan = client.predict("hubei-2014-ime-plan", "English", api_name="/document")
    assert 'data-validity="expired"' in plan and "expired on 2017-12-31" in plan and "prov-given" in plan


def test_profile_form_new_fields_and_matches_table(client):
    out = client.predict(*form(city="襄阳", district="襄阳高新区", size="中小企业", sectors=["工业机器人"],
                               revenue="60000", employees="320", established_year="2012",
                               certifications=["国家级专精特新“小巨人”企业"], rd_spend="2500", above_scale="yes"),
                         "", False, "中文", api_name="/match")
    summary, table, closed = out[SUMMARY], _value(out[TABLE]), _value(out[CLOSED_TABLE])
    assert not summary.startswith("⚠️"), summary
    city_rows = [r for r in table["data"] if r[0] == f"《{CITY_TITLE}》"]
    assert city_rows, table["data"]
    amounts = {r[3] for r in city_rows}
    assert "一次性奖励50万元" in amounts  # verbatim from 第一条
    assert all(r[5] in ("符合", "可能符合") for r in table["data"])
    assert all(r[4] for r in table["data"])  # a deadline cell on every row (未注明 when none)
    # The expired plan's items are never among the available ones: listed apart with the reason.
    assert not [r for r in table["data"] if "行动方案" in r[0]]
    assert closed["data"] and {r[4] for r in closed["data"]} == {"已失效 2017-12-31"}
    rows = list(csv.reader(io.StringIO(Path(_value(out[CSV])).read_text(encoding="utf-8-sig"))))
    assert rows[0][:5] == ["文档", "类别", "措施", "金额", "申报截止"]
    assert len(rows) == 1 + len(table["data"]) + len(closed["data"])
    markdown = Path(_value(out[MD])).read_text(encoding="utf-8")
    available = markdown.partition("## 已失效/已截止")[0]
    assert "一次性奖励50万元" in available and "已失效 2017-12-31" not in available


def test_profile_form_refuses_a_bad_number_clearly(client):
    out = client.predict(*form(city="襄阳", revenue="很多"), "", False, "中文", api_name="/match")
    assert out[SUMMARY] == "⚠️ “年主营业务收入（万元）”应填数字：很多"


def test_free_sector_words_are_kept(client):
    """The form passes typed sector words through (allow_custom_value); the matcher must keep them."""
    out = client.predict(*form(city="襄阳", sectors=["激光加工", "智能装备"]), "", False, "中文", api_name="/match")
    assert not out[SUMMARY].startswith("⚠️"), out[SUMMARY]
