"""Every file comes from Settings: the CLI and the API run on copies of knowledge/, prompts/, evals/
and the web's static files, each copy changed so that reading the repo's original instead shows.

The copies differ from the originals in one visible way each: the plan's title (its side-file),
an extra city alias (vocabulary.yaml), an entry title (catalogue.yaml), a marker in the answer
prompt (seen by a local OpenAI stub), an impossible threshold (thresholds.yaml), a marker
in page.css, the plan's issuer listed as national (documents/regions.yaml: level 国家, not 省),
section 五 excluded from items (documents/items.yaml: 4 items, not 8), and markers in the
messages (messages/web.yaml, messages/watch.yaml). A path that bypasses Settings reads the
original and the assertion on it fails.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT
from openai_stub import OpenAIStub

pytestmark = pytest.mark.slow

PLAN_TITLE = "加快全省智能制造装备产业发展行动方案"
TITLE_MARK = "（副本）"
DESCRIPTION = "我们是测试之都一家工业机器人企业，想加入产业联盟"
CITY_ALIAS = "测试之都"
ENTRY_TITLE = "技术创新战略联盟"
PROMPT_MARK = "副本提示词标记"
CSS_MARK = "/* copy of page.css */"
PLAN_ISSUER = "湖北省经济和信息化委员会"
MESSAGE_MARK = "（副本消息）"
ENV = ("ASSISTANT_DATA_DIR", "ASSISTANT_KNOWLEDGE_DIR", "ASSISTANT_PROMPTS_DIR", "ASSISTANT_EVALS_DIR",
       "ASSISTANT_STATIC_DIR")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def copies(tmp_path_factory, plan_runtime) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("copies")
    dirs = {"ASSISTANT_KNOWLEDGE_DIR": root / "knowledge", "ASSISTANT_PROMPTS_DIR": root / "prompts",
            "ASSISTANT_EVALS_DIR": root / "evals", "ASSISTANT_STATIC_DIR": root / "static",
            "ASSISTANT_DATA_DIR": root / "data"}
    shutil.copytree(REPO_ROOT / "knowledge", dirs["ASSISTANT_KNOWLEDGE_DIR"])
    shutil.copytree(REPO_ROOT / "prompts", dirs["ASSISTANT_PROMPTS_DIR"])
    shutil.copytree(REPO_ROOT / "evals", dirs["ASSISTANT_EVALS_DIR"], ignore=shutil.ignore_patterns("reports"))
    shutil.copytree(REPO_ROOT / "assistant" / "web" / "static", dirs["ASSISTANT_STATIC_DIR"])
    # The embeddings do not depend on the title: reuse the plan index's cache, embed nothing.
    shutil.copytree(plan_runtime.settings.cache_dir, dirs["ASSISTANT_DATA_DIR"] / "cache")
    knowledge = dirs["ASSISTANT_KNOWLEDGE_DIR"]
    meta = next((knowledge / "policies").glob("*.meta.yaml"))
    _replace(meta, f"title: {PLAN_TITLE}", f"title: {PLAN_TITLE}{TITLE_MARK}")
    _replace(knowledge / "vocabulary.yaml", "aliases: [武汉市, 武汉, wuhan]",
             f"aliases: [武汉市, 武汉, wuhan, {CITY_ALIAS}]")
    _replace(knowledge / "catalogue.yaml", f"title_zh: {ENTRY_TITLE}", f"title_zh: {ENTRY_TITLE}{TITLE_MARK}")
    _replace(dirs["ASSISTANT_PROMPTS_DIR"] / "answer.md", "# system\n", f"# system\n{PROMPT_MARK}\n")
    (dirs["ASSISTANT_EVALS_DIR"] / "thresholds.yaml").write_text("profiles:\n  min: {eligibility_recall: 1.01}\n",
                                                                 encoding="utf-8")
    _replace(knowledge / "documents" / "regions.yaml", "national:\n", f"national:\n  - {PLAN_ISSUER}\n")
    _replace(knowledge / "documents" / "items.yaml", "no_item_anchors: [落款, 版记, 联系方式]",
             "no_item_anchors: [落款, 版记, 联系方式, 五]")
    _replace(knowledge / "messages" / "web.yaml", 'validity_window: {zh: "{period}（{state}）"',
             f'validity_window: {{zh: "{{period}}（{{state}}）{MESSAGE_MARK}"')
    _replace(knowledge / "messages" / "web.yaml", "sources_title: {zh: 来源, en: Sources}",
             f"sources_title: {{zh: 来源{MESSAGE_MARK}, en: Sources}}")
    _replace(knowledge / "messages" / "watch.yaml", 'profile_not_found: "没有编号为 {id} 的已保存企业画像"',
             f'profile_not_found: "没有编号为 {{id}} 的已保存企业画像{MESSAGE_MARK}"')
    css = dirs["ASSISTANT_STATIC_DIR"] / "page.css"
    css.write_text(CSS_MARK + "\n" + css.read_text(encoding="utf-8"), encoding="utf-8")
    return dirs


@pytest.fixture(scope="module")
def env(copies) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_", "CHROMA_"))}
    env.update({name: str(path) for name, path in copies.items()})
    env.update({"ANONYMIZED_TELEMETRY": "False", "PYTHONIOENCODING": "utf-8"})
    return env


def _cli(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def ingested(env, tmp_path_factory):
    done = _cli(env, tmp_path_factory.mktemp("cwd"), "ingest")
    assert done.returncode == 0, done.stderr
    return env


def test_ingest_and_ask_read_the_copied_knowledge(ingested, tmp_path):
    done = _cli(ingested, tmp_path, "ask", "首台套有什么支持？", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["citations"] and all(c["doc_title"].endswith(TITLE_MARK) for c in answer["citations"])


def test_ask_with_an_llm_uses_the_copied_prompt(ingested, tmp_path):
    with OpenAIStub() as stub:
        stub.enqueue("所提供的条款没有回答这个问题。")
        env = {**ingested, "ASSISTANT_LLM_MODEL": "stub", "OPENAI_BASE_URL": stub.url, "OPENAI_API_KEY": "x"}
        done = _cli(env, tmp_path, "ask", "首台套有什么支持？", "--json")
    assert done.returncode == 0, done.stderr
    assert stub.requests and PROMPT_MARK in json.dumps(stub.requests[0], ensure_ascii=False)


def test_match_reads_the_copied_vocabulary_and_catalogue(ingested, tmp_path):
    done = _cli(ingested, tmp_path, "match", "--describe", DESCRIPTION, "--json", "--all")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["profile"]["city"] == "武汉"  # only the copy knows the alias
    # The plan expired on 2017-12-31: today its items are listed apart as unavailable, still read from the copy.
    titles = [m["title_zh"] for m in result["matches"] + result["unavailable"]]
    assert f"{ENTRY_TITLE}{TITLE_MARK}" in titles and ENTRY_TITLE not in titles


def test_watch_messages_come_from_the_copied_knowledge(ingested, tmp_path):
    done = _cli(ingested, tmp_path, "profiles", "show", "999")
    assert done.returncode != 0 and MESSAGE_MARK in done.stderr, (done.stdout, done.stderr)


def test_eval_reads_the_copied_gold_sets_and_thresholds(ingested, tmp_path):
    done = _cli(ingested, tmp_path, "eval", "--dataset", "profiles", "--no-judge", "--gate", "--out", str(tmp_path))
    assert done.returncode == 1 and "eligibility_recall" in done.stderr, (done.stdout, done.stderr)


def test_openai_replies_label_sources_from_the_runtimes_messages(ingested, monkeypatch):
    """Settings given to the Runtime only (no environment): the /v1 reply's sources block still comes
    from that knowledge folder's messages/web.yaml, not from the default folder."""
    from fastapi.testclient import TestClient

    from assistant.runtime import Runtime
    from assistant.settings import Settings
    from assistant.web.server import create_app

    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    settings = Settings(data_dir=ingested["ASSISTANT_DATA_DIR"], knowledge_dir=ingested["ASSISTANT_KNOWLEDGE_DIR"],
                        prompts_dir=ingested["ASSISTANT_PROMPTS_DIR"])
    with TestClient(create_app(Runtime(settings), ui=False)) as client:
        question = {"role": "user", "content": "首台套有什么支持？"}
        reply = client.post("/v1/chat/completions", json={"messages": [question]})
        assert reply.status_code == 200
        assert f"来源{MESSAGE_MARK}" in reply.json()["choices"][0]["message"]["content"]


def test_api_reads_every_file_from_settings(ingested, monkeypatch):
    from fastapi.testclient import TestClient

    from assistant.runtime import Runtime
    from assistant.settings import Settings
    from assistant.web.server import create_app

    for name in ENV:
        monkeypatch.setenv(name, ingested[name])
    in_force = dt.date(2016, 6, 1)  # inside the plan's period (2014–2017): its items are offered, not unavailable
    with TestClient(create_app(Runtime(Settings(), clock=lambda: in_force), ui=False)) as client:
        docs = client.get("/api/v1/documents").json()
        assert [d["meta"]["title"] for d in docs] == [f"{PLAN_TITLE}{TITLE_MARK}"]
        assert docs[0]["meta"]["level"] == "国家"  # regions.yaml of the copy (the repo's says 省)
        assert docs[0]["items"] == 4  # items.yaml of the copy: section 五's four items excluded (repo's: 8)
        assert docs[0]["validity_text"].endswith(MESSAGE_MARK)  # messages/web.yaml of the copy
        match = client.post("/api/v1/match", json={"description": DESCRIPTION, "include_all": True}).json()
        assert match["profile"]["city"] == "武汉"
        assert f"{ENTRY_TITLE}{TITLE_MARK}" in [m["title_zh"] for m in match["matches"]]
        assert client.get("/static/web/page.css").text.startswith(CSS_MARK)
