"""A saved profile's calendar (.ics), 政策体检 report and alerts in its language (issue 13 point 6): the
request's ?lang=, else Accept-Language, else the language of the profile's own description — the one rule of
assistant.text. The words come from knowledge/messages/watch_ui.yaml; item titles, amounts and quotes stay
verbatim. Real HTTP against a uvicorn server over a freshly ingested library (the plan plus one city policy)."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import httpx
import pytest
from icalendar import Calendar
from test_watch_ingest import city_policy

from assistant.ingest import ingest
from assistant.runtime import Runtime
from assistant.settings import REPO_ROOT, Settings
from assistant.types import Citation
from assistant.watch.alerts import Alert
from assistant.watch.calendar import CalendarItem, CalendarView
from assistant.watch.texts import WatchTexts, watch_texts
from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve

pytestmark = pytest.mark.slow

ZH_PROFILE = {"profile": {"name": "襄阳甲", "city": "襄阳", "sectors": ["工业机器人"]}, "name": "襄阳甲"}
EN_PROFILE = {"description": "We are an industrial robot maker registered in Xiangyang", "name": "Xiangyang B"}
QUOTE = "按设备投资额的10%给予补助"  # the city policy's own words: verbatim in every language
_CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def server(tmp_path_factory, plan_runtime, embedder):
    data = tmp_path_factory.mktemp("watch-lang") / "data"
    for name in ("jieba", "embeddings"):
        if (plan_runtime.settings.cache_dir / name).exists():
            shutil.copytree(plan_runtime.settings.cache_dir / name, data / "cache" / name)
    runtime = Runtime(Settings(data_dir=data), embedder=embedder)
    ingest(runtime)
    with serve(create_app(runtime, WebSettings(rate_limit_per_minute=0), ui=False)) as base, \
            httpx.Client(base_url=base, timeout=120, trust_env=False) as client:
        ids = {}
        for key, body in (("zh", ZH_PROFILE), ("en", EN_PROFILE)):
            reply = client.post("/api/v1/profiles", json=body)
            assert reply.status_code == 201, reply.text
            ids[key] = reply.json()["id"]
        upload = client.post("/api/v1/documents", files={"file": ("xiangyang-lang.txt",
                                                                  city_policy().encode("utf-8"), "text/plain")})
        assert upload.status_code == 200, upload.text
        yield client, ids


def _headings(html: str) -> str:
    """The section headings (h2); the h1 holds the company's own name."""
    return " ".join(re.findall(r"<h2>(.*?)</h2>", html))


@pytest.mark.parametrize(("profile", "params", "headers", "lang"), [
    ("zh", {}, {}, "zh"),                                  # a Chinese profile: Chinese, as before
    ("zh", {"lang": "en"}, {}, "en"),                      # ?lang= names it
    ("zh", {}, {"Accept-Language": "en-US,en;q=0.9"}, "en"),  # else the client's header
    ("en", {}, {}, "en"),                                  # else the profile description's language
    ("en", {"lang": "zh-CN"}, {"Accept-Language": "en"}, "zh"),
])
def test_report_in_the_language_of_the_one_rule(server, profile, params, headers, lang):
    client, ids = server
    reply = client.get(f"/api/v1/profiles/{ids[profile]}/report", params=params, headers=headers)
    assert reply.status_code == 200, reply.text
    page = reply.text
    assert QUOTE in page  # item texts verbatim
    headings = _headings(page)
    if lang == "en":
        assert "Policy check-up report" in page and "1. Company profile" in headings and 'lang="en"' in page
        assert not _CJK.search(headings), headings
        assert "政策体检报告" not in page and "企业概况" not in page
    else:
        assert "政策体检报告" in page and "一、企业概况" in headings and 'lang="zh-CN"' in page
    md = client.get(f"/api/v1/profiles/{ids[profile]}/report", params={**params, "format": "md"},
                    headers=headers).text
    assert ("## 1. Company profile" in md) == (lang == "en") and ("## 一、企业概况" in md) == (lang == "zh")
    if lang == "en":  # vocabulary terms and item kinds in English too; titles, quotes and places as written
        assert "- Sectors: Industrial robots" in md, md[:600]
        kinds = [line.split("; document")[0] for line in md.splitlines() if line.startswith("- Category: ")]
        assert kinds and not any(_CJK.search(k) for k in kinds), kinds


@pytest.mark.parametrize(("profile", "params", "lang"), [("zh", {}, "zh"), ("zh", {"lang": "en"}, "en"),
                                                         ("en", {}, "en")])
def test_calendar_ics_in_the_language_of_the_one_rule(server, profile, params, lang):
    client, ids = server
    reply = client.get(f"/api/v1/profiles/{ids[profile]}/calendar.ics", params=params)
    assert reply.status_code == 200, reply.text
    calendar = Calendar.from_ical(reply.content)
    events = list(calendar.walk("VEVENT"))
    assert events, reply.text
    summary, description = str(events[0]["summary"]), str(events[0]["description"])
    assert str(calendar["prodid"]).endswith("//EN" if lang == "en" else "//ZH")  # RFC 5545: the text's language
    if lang == "en":
        assert summary.startswith("Application deadline: ") and "Match: " in description
        assert "申报截止" not in summary and "匹配结果" not in description
    else:
        assert summary.startswith("申报截止：") and "匹配结果：" in description


@pytest.mark.parametrize("lang", ["fr", "zh-", "en\r\n", "en-" + "a" * 3000])  # the last three: no tags
@pytest.mark.parametrize("path", ["report", "calendar.ics"])
def test_an_unknown_lang_is_a_400(server, path, lang):
    client, ids = server
    reply = client.get(f"/api/v1/profiles/{ids['zh']}/{path}", params={"lang": lang})
    assert reply.status_code == 400, reply.text[:300]
    assert reply.json()["error"]["code"] == "invalid_lang" and "Traceback" not in reply.text


@pytest.mark.parametrize("path", ["report", "report?format=md", "calendar.ics"])
def test_files_worded_by_accept_language_say_so_to_caches(server, path):
    """The same URL answers in zh or en by Accept-Language: without Vary a shared or browser cache
    could hand one client's language to another (RFC 9110 §12.5.5)."""
    client, ids = server
    replies = [client.get(f"/api/v1/profiles/{ids['zh']}/{path}", headers={"Accept-Language": h})
               for h in ("en", "zh")]
    assert [r.status_code for r in replies] == [200, 200]
    assert replies[0].content != replies[1].content  # it does vary
    for reply in replies:
        assert "accept-language" in reply.headers.get("vary", "").lower(), reply.headers
    disposition = replies[0].headers["content-disposition"]
    assert re.fullmatch(r'(attachment|inline); filename="(calendar|report)-\d+\.(ics|md|html)"', disposition)


def test_accept_language_in_two_lines_is_read_whole(server):
    client, ids = server  # "zh;q=0.5" then "en": one list, en preferred (the second line was ignored)
    reply = client.get(f"/api/v1/profiles/{ids['zh']}/report", params={"format": "md"},
                       headers=[("Accept-Language", "zh;q=0.5"), ("Accept-Language", "en")])
    assert reply.status_code == 200 and reply.text.startswith("# Policy check-up report"), reply.text[:200]


def test_an_english_eligibility_answer_names_each_item(server):
    """An item read from a policy has no English title (title_en ""): the English answer listed it as
    "1. [funding channel]  (qualifies): …", nameless; now its own title, verbatim, as the CLI's match rows do."""
    client, _ = server
    reply = client.post("/api/v1/ask", json={"question": "我们能申请哪些支持？", "lang": "en",
                                             "profile": ZH_PROFILE["profile"]})
    assert reply.status_code == 200, reply.text
    answer = reply.json()
    rows = re.findall(r"^\d+\. \[[^\]]+\] (.*?) \((?:qualifies|may qualify)", answer["answer"], re.M)
    titles = {m["title_zh"] for m in answer["matches"] if not m["title_en"]}
    assert rows and titles, answer["answer"]
    assert all(row.strip() for row in rows), answer["answer"]
    assert any(title in answer["answer"] for title in titles), answer["answer"]


def test_the_watch_tabs_alerts_and_calendar_in_english():
    from assistant.web.ui_watch import _alerts_md, _calendar_md

    texts = watch_texts(REPO_ROOT / "knowledge" / "messages")

    def t(key: str, lang: str, **values: object) -> str:
        return texts.text(key, lang, **values)

    c = Citation(n=1, doc_id="d", doc_title="襄阳市若干措施", anchor="第三条", section="第三条", quote=QUOTE,
                 start=0, end=len(QUOTE), score=1.0)
    alert = Alert(id=1, profile_id=1, build_id="b", item_key="d:x", content_hash="h", title="设备补助",
                  doc_id="d", doc_title="襄阳市若干措施", status="qualifies", amount="最高不超过200万元", opens=None,
                  deadline=dt.date(2099, 12, 31), citations=[c], created_at=dt.datetime(2026, 1, 1))
    english = _alerts_md([alert], "en", t)
    assert "(qualifies)" in english and "due 2099-12-31" in english and QUOTE in english
    assert "符合条件" not in english and "截止" not in english
    assert "（符合条件）" in _alerts_md([alert], "zh", t) and "截止 2099-12-31" in _alerts_md([alert], "zh", t)
    item = CalendarItem(item_key="d:x", title="设备补助", doc_id="d", doc_title="襄阳市若干措施",
                        status="qualifies", deadline=dt.date(2099, 12, 31), state="open", days_left=3)
    view = CalendarView(today=dt.date(2099, 12, 28), upcoming=[item])
    assert _calendar_md(view, "en", t).startswith("- due 2099-12-31 (3 days left): 设备补助 《襄阳市若干措施》")


def test_the_file_is_refused_at_load_without_a_key_the_watch_renders(tmp_path):
    shutil.copytree(REPO_ROOT / "knowledge" / "messages", tmp_path / "messages")
    path = tmp_path / "messages" / "watch_ui.yaml"
    path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                              if not line.lstrip().startswith("calendar_summary:")), encoding="utf-8")
    from assistant.errors import AssistantError

    with pytest.raises(AssistantError, match="calendar_summary"):
        watch_texts(tmp_path / "messages")
    assert "calendar_summary" in WatchTexts.REQUIRED


@pytest.fixture
def cli_data(tmp_path, plan_runtime):
    """A fresh data dir seeded with the plan's embedding cache."""
    data = tmp_path / "data"
    for name in ("jieba", "embeddings"):
        if (plan_runtime.settings.cache_dir / name).exists():
            shutil.copytree(plan_runtime.settings.cache_dir / name, data / "cache" / name)
    return data


def test_cli_alerts_calendar_and_report_take_lang(cli_data, monkeypatch, capsys, tmp_path):
    """`assistant alerts / calendar / report`: --lang, else the profile description's language; the
    Chinese output keeps its old lines."""
    from assistant.cli import main

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(cli_data))
    assert main(["ingest"]) == 0
    assert main(["profiles", "add", "--describe", "我们是襄阳一家做工业机器人的企业", "--json"]) == 0
    doc = tmp_path / "xiangyang-cli.txt"
    doc.write_text(city_policy(), encoding="utf-8")
    assert main(["ingest", str(doc)]) == 0
    capsys.readouterr()

    assert main(["alerts"]) == 0
    chinese = capsys.readouterr().out
    assert re.search(r"^#\d+ \[画像 1\] .+（.+）《.+》$", chinese, re.M), chinese
    assert re.search(r"^    额度：.+；截止：.+；提醒时间：\d{4}-\d\d-\d\d \d\d:\d\d$", chinese, re.M), chinese
    assert main(["alerts", "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert re.search(r"^#\d+ \[profile 1\] .+ \((qualifies|may qualify.*)\) 《.+》$", english, re.M), english
    assert "画像" not in english and "额度" not in english and "amount: " in english

    assert main(["calendar", "--profile", "1"]) == 0
    assert capsys.readouterr().out.startswith("申报日历（")
    ics = tmp_path / "deadlines.ics"
    assert main(["calendar", "--profile", "1", "--lang", "en", "--ics", str(ics)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Application calendar (") and "due 2099-12-31" in out and f"Written: {ics}" in out
    assert "Application deadline: " in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]["summary"]

    assert main(["report", "--profile", "1", "--out", str(tmp_path / "r"), "--lang", "en"]) == 0
    assert "# Policy check-up report" in (tmp_path / "r" / "report-1.md").read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["calendar", "--profile", "1", "--lang", "fr"])
    assert exit_.value.code == 2 and "Unsupported language “fr”" in capsys.readouterr().err
