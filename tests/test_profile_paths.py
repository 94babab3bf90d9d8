"""One profile per description on every path; clause ids across documents; validity after a reload; batch flags.

The LLM test drives the real clients against the local OpenAI stub (tests/openai_stub.py): the
stub's JSON names a city the description does not mention, so a path that reads the description
offline (as the UI's extract button and `ask` did) gives a different profile and fails.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest
from gradio_client import Client

from assistant.answering.ask import ask
from assistant.answering.eligibility import closeness, shown_matches
from assistant.cli import main
from assistant.eligibility import Extraction, OfflineExtractor, read_profile_input
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.runtime import Runtime
from assistant.settings import REPO_ROOT, Settings
from assistant.types import Citation, Clause, CompanyProfile, Match, ScoredClause
from assistant.web.server import create_app
from assistant.web.settings import WebSettings
from assistant.web.testing import serve
from tests.openai_stub import OpenAIStub, Reply

DESCRIPTION = "我们是一家做精密减速器的企业，想申请贷款"  # no city: only the LLM's reading has one
LLM_JSON = json.dumps({"city": "宜昌", "products": ["精密减速器"], "roles": ["核心部件配套企业"],
                       "size": "中小企业", "needs": ["融资"]}, ensure_ascii=False)
QUESTION = "我们能享受哪些支持？"


def _extracted_notice(notices: list[dict]) -> str:
    return next(n["message"] for n in notices if n["code"] == "profile_extracted")


@pytest.mark.slow
def test_the_same_description_gives_the_same_profile_on_every_path(plan_runtime, embedder, monkeypatch, capsys):
    plan_settings = plan_runtime.settings  # its index is built
    with OpenAIStub() as stub:
        stub.enqueue(*[Reply(LLM_JSON) for _ in range(8)])
        for name, value in (("ASSISTANT_LLM_MODEL", "profile-model"), ("OPENAI_BASE_URL", stub.url),
                            ("OPENAI_API_KEY", "sk-test"), ("ASSISTANT_LLM_MAX_RETRIES", "0"),
                            ("ASSISTANT_DATA_DIR", str(plan_settings.data_dir))):
            monkeypatch.setenv(name, value)
        runtime = Runtime(Settings(), embedder=embedder)
        assert runtime.chat_model is not None

        assert main(["match", "--describe", DESCRIPTION, "--json"]) == 0  # CLI (its own Runtime)
        cli = json.loads(capsys.readouterr().out)
        with serve(create_app(runtime, WebSettings(rate_limit_per_minute=0))) as base:
            with httpx.Client(base_url=base, timeout=60) as http:
                rest = http.post("/api/v1/match", json={"description": DESCRIPTION}).json()
                asked = http.post("/api/v1/ask", json={"question": QUESTION,
                                                       "profile": {"description": DESCRIPTION}}).json()
            ui = Client(base + "/", verbose=False, analytics_enabled=False, download_files=False)
            try:
                form = ui.predict(DESCRIPTION, "中文", api_name="/extract_profile")
            finally:
                ui.close()
    assert "error" not in asked, asked
    assert cli["profile"] == rest["profile"]
    assert rest["profile"]["city"] == "宜昌" and rest["profile"]["needs"] == ["融资"]
    assert _extracted_notice(asked["notices"]) == _extracted_notice(rest["notices"]) == \
        _extracted_notice(cli["notices"])
    # Only the expired plan: ask lists its unavailable items for reference, match lists them apart.
    assert {m["id"] for m in asked["matches"]} == {m["id"] for m in rest["matches"] or rest["unavailable"]}
    assert form[1] == "宜昌" and form[3] == "中小企业" and "融资" in form[6]


class _Counting:
    """A ProfileExtractor that records what it was asked to read."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.seen: list[str] = []

    def extract(self, description: str) -> Extraction:
        self.seen.append(description)
        return self.inner.extract(description)


def test_a_matched_company_profile_is_used_as_it_is(plan_runtime):
    """The UI keeps the matched CompanyProfile; a chat turn reads only the question, never the description again."""
    eligibility = plan_runtime.eligibility
    counting = _Counting(eligibility.extractor)
    eligibility.extractor = counting
    try:
        company, _ = eligibility.profile(read_profile_input({"description": "我们是襄阳一家做精密减速器的中小企业"}))
        counting.seen.clear()
        answer = ask(plan_runtime, QUESTION, profile=company)
    finally:
        eligibility.extractor = counting.inner
    assert counting.seen == [QUESTION]
    assert isinstance(company, CompanyProfile) and company.city == "襄阳"
    assert answer.matches and "襄阳" in answer.answer


def test_read_profile_input_is_the_one_check_at_the_edge():
    given = read_profile_input({"city": "光谷", "rd_ratio": "8%", "roles": "龙头企业"})
    assert given.explicit() == {"city": "光谷", "rd_ratio": "8%", "roles": "龙头企业"}
    assert read_profile_input(given) is given
    with pytest.raises(Exception, match="colour"):
        read_profile_input({"colour": "red"})


# ---- clause ids across documents ---------------------------------------------------------------

def _clause(doc_id: str, anchor: str) -> ScoredClause:
    clause = Clause(id=f"{doc_id}#{anchor}", doc_id=doc_id, anchor=anchor, section=anchor, start=0, end=4,
                    text="一二三四")
    return ScoredClause(clause=clause, score=1.0)


def _match(entry_id: str, doc_id: str, anchor: str) -> Match:
    citation = Citation(n=1, doc_id=doc_id, doc_title="方案", anchor=anchor, section=anchor, quote="一二",
                        start=0, end=2, score=1.0)
    return Match(id=entry_id, title_zh=entry_id, title_en=entry_id, category="support_measure",
                 status="may_qualify", score=0.0, benefit="", citations=[citation])


def test_ranking_follows_the_clause_of_the_right_document():
    """Two documents share the anchor 三.（三）.1: a hit in the other document is not the entry's clause."""
    plan, first = _match("first", "plan", "三.（三）.1"), _match("other", "plan", "五.（二）")
    hits = [_clause("uploaded", "三.（三）.1"), _clause("plan", "五.（二）"), _clause("plan", "三.（三）.1")]
    assert closeness(plan, hits) == pytest.approx(1 / 3)  # by anchor alone it was 1/1
    assert closeness(first, hits) == pytest.approx(1 / 2)
    assert [m.id for m in shown_matches([plan, first], hits)] == ["first", "other"]  # the matcher's order kept
    assert closeness(plan, [_clause("uploaded", "三.（三）.1")]) == 0.0


# ---- validity metadata after a reload ----------------------------------------------------------

def test_a_corrected_execution_period_shows_after_reload(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", knowledge)
    runtime = Runtime(Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge), chat_model=None)
    before = runtime.eligibility.match(read_profile_input({"city": "襄阳"}))
    assert any("2017年12月31日" in n.message for n in before.notices if n.code.startswith("validity"))
    meta = next(knowledge.glob("policies/*.meta.yaml"))
    meta.write_text(meta.read_text(encoding="utf-8").replace("2017-12-31", "2018-06-30"), encoding="utf-8")
    runtime.reload()
    after = runtime.eligibility.match(read_profile_input({"city": "襄阳"}))
    validity = [n.message for n in after.notices if n.code.startswith("validity")]
    assert validity and "2018年6月30日" in validity[0] and "2017年12月31日" not in validity[0]


def test_offline_extractor_is_a_profile_extractor():
    vocabulary = load_vocabulary(Settings().vocabulary_path)
    extraction = OfflineExtractor(vocabulary).extract("我们是襄阳一家做精密减速器的企业")
    assert extraction.source == "offline" and extraction.fields["city"] == "襄阳"


# ---- options that do not apply are errors --------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["match", "--batch", "x.jsonl", "--describe", "襄阳"],
    ["match", "--batch", "x.jsonl", "--profile", "p.json"],
    ["match"],
    ["ask", "--batch", "x.jsonl", "--profile", "p.json"],
    ["ask", "--batch", "x.jsonl", "--history", "h.json"],
])
def test_flags_that_do_not_apply_are_one_line_errors(argv, capsys):
    assert main(argv) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("错误：") and "Traceback" not in err[0]


def test_match_profile_and_describe_together_explicit_fields_win(tmp_path: Path, capsys):
    (tmp_path / "p.json").write_text(json.dumps({"city": "武汉"}, ensure_ascii=False), encoding="utf-8")
    describe = "我们是襄阳一家做减速器的企业"
    assert main(["match", "--profile", str(tmp_path / "p.json"), "--describe", describe, "--json"]) == 0
    profile = json.loads(capsys.readouterr().out)["profile"]
    assert profile["city"] == "武汉" and profile["products"]
