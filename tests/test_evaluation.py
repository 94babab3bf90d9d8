"""Evaluation: pure metrics, the baseline's chunk → clause mapping, compare, the gate, the HTML report,
the LLM judge (against the local OpenAI stub) and the runner end to end on a small index."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import time

import numpy as np
import pytest
from openai_stub import OpenAIStub, Reply

from assistant.errors import AssistantError
from assistant.evaluation import metrics as m
from assistant.evaluation.baseline import LangChainBaseline, overlapping_anchors, split_document
from assistant.evaluation.compare import compare, render_comparison, verdict
from assistant.evaluation.datasets import GOLD_DOC, dataset_kind, load_dataset, resolve
from assistant.evaluation.gate import check_gate, check_metrics
from assistant.evaluation.html import grouped_bar_chart, hbar_chart, histogram, render_html
from assistant.evaluation.judge import Judge, JudgeError, judge_from_settings, parse_json_reply
from assistant.evaluation.report import (
    ItemResult,
    Report,
    VariantSummary,
    build_report,
    latest_report,
    load_report,
    render_markdown,
    summarize,
    write_report,
)
from assistant.llm.client import FakeChatModel
from assistant.settings import REPO_ROOT, Settings
from assistant.types import Answer, Citation, Clause, Document, DocumentMeta

DATASETS = REPO_ROOT / "evals" / "datasets"
THRESHOLDS = REPO_ROOT / "evals" / "thresholds.yaml"
LOG3 = math.log2(3)


# ---- retrieval metrics -------------------------------------------------------------------------

RETRIEVAL = [
    # name, retrieved units, gold, hit@1, hit@5, mrr@10, ndcg@10
    ("first", ["A", "B"], ["A"], 1.0, 1.0, 1.0, 1.0),
    ("second", ["B", "A"], ["A"], 0.0, 1.0, 0.5, 1 / LOG3),
    ("miss", ["B", "C"], ["A"], 0.0, 0.0, 0.0, 0.0),
    ("beyond 5", ["B", "C", "D", "E", "F", "A"], ["A"], 0.0, 0.0, 1 / 6, 1 / math.log2(7)),
    ("beyond 10", [*"BCDEFGHIJK", "A"], ["A"], 0.0, 0.0, 0.0, 0.0),
    ("part X.s2 hits gold X", ["X.s2"], ["X"], 1.0, 1.0, 1.0, 1.0),
    ("paragraph hits its clause", ["四.（一）.行动路径.p2"], ["四.（一）.行动路径"], 1.0, 1.0, 1.0, 1.0),
    ("sibling with a longer number is no hit", ["三.（一）.10"], ["三.（一）.1"], 0.0, 0.0, 0.0, 0.0),
    ("a whole clause does not hit a finer gold part", ["X"], ["X.s2"], 0.0, 0.0, 0.0, 0.0),
    ("empty gold is undefined", ["A"], [], None, None, None, None),
    ("nothing retrieved", [], ["A"], 0.0, 0.0, 0.0, 0.0),
    ("duplicate gold anchors count once", ["A"], ["A", "A"], 1.0, 1.0, 1.0, 1.0),
    ("two parts of one gold credit it once", ["X.s1", "X.s2", "Y"], ["X", "Y"], 1.0, 1.0, 1.0,
     (1 + 1 / math.log2(4)) / (1 + 1 / LOG3)),
    ("chunk unit hits through any anchor", [("B", "C"), ("A", "D")], ["A"], 0.0, 1.0, 0.5, 1 / LOG3),
    ("chunk covering two golds at rank 1", [("A", "B")], ["A", "B"], 1.0, 1.0, 1.0, 1.0),
]


@pytest.mark.parametrize(("retrieved", "gold", "h1", "h5", "mrr", "ndcg"), [c[1:] for c in RETRIEVAL],
                         ids=[c[0] for c in RETRIEVAL])
def test_retrieval_metrics(retrieved, gold, h1, h5, mrr, ndcg):
    def approx(value):
        return None if value is None else pytest.approx(value)

    assert m.hit_at(retrieved, gold, 1) == h1
    assert m.hit_at(retrieved, gold, 5) == h5
    assert m.mrr_at(retrieved, gold, 10) == approx(mrr)
    assert m.ndcg_at(retrieved, gold, 10) == approx(ndcg)


CITATIONS = [
    # name, cited anchors, gold, precision, recall
    ("all gold", ["A", "B"], ["A", "B"], 1.0, 1.0),
    ("no citations", [], ["A"], None, 0.0),
    ("one wrong", ["A", "C"], ["A"], 0.5, 1.0),
    ("duplicate citations count once", ["A", "A", "C"], ["A"], 0.5, 1.0),
    ("parts cite their clause", ["X.s1", "X.s2"], ["X", "Y"], 1.0, 0.5),
    ("empty gold", ["A"], [], None, None),
    ("duplicate gold", ["A"], ["A", "A", "B"], 1.0, 0.5),
]


@pytest.mark.parametrize(("cited", "gold", "precision", "recall"), [c[1:] for c in CITATIONS],
                         ids=[c[0] for c in CITATIONS])
def test_citation_precision_and_recall(cited, gold, precision, recall):
    assert m.citation_precision(cited, gold) == precision
    assert m.citation_recall(cited, gold) == recall


@pytest.mark.parametrize(("answer", "facts", "expected"), [
    ("方案执行期为2014年—2017年。", ["2014年-2017年"], 1.0),
    ("执行期 2014 年", ["2014年", "2017年"], 0.5),
    ("anything", [], None),
    ("Up To 2017", ["up to 2017", "up to 2017"], 1.0),
    ("", ["2014"], 0.0),
])
def test_key_fact_recall(answer, facts, expected):
    assert m.key_fact_recall(answer, facts) == expected


def test_precision_recall_percentile_and_mean():
    assert m.precision_recall([True, True, False], [True, False, False]) == (0.5, 1.0)
    assert m.precision_recall([False, False], [False, False]) == (None, None)
    assert m.set_precision_recall(["a", "b"], ["a", "c"]) == (0.5, 0.5)
    assert m.set_precision_recall([], []) == (1.0, 1.0)
    assert m.percentile([], 0.5) is None
    assert m.percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert m.percentile([5.0], 0.95) == 5.0
    assert m.mean([None, 1.0, 0.0]) == 0.5
    assert m.mean([None]) is None


def _document(text: str, doc_id: str = "d") -> Document:
    return Document(meta=DocumentMeta(doc_id=doc_id, title="T"), text=text, sha256="0")


def _citation(n: int, start: int, end: int, quote: str, anchor: str = "A") -> Citation:
    return Citation(n=n, doc_id="d", doc_title="T", anchor=anchor, section="s", quote=quote, start=start, end=end,
                    score=1.0)


@pytest.mark.parametrize(("text", "citations", "valid"), [
    ("答案[1]。", [_citation(1, 0, 4, "鼓励首台")], True),
    ("答案[1]。", [_citation(1, 0, 4, "鼓励首套")], False),  # not verbatim
    ("答案[1][2]。", [_citation(1, 0, 4, "鼓励首台")], False),  # [2] has no source
    ("答案。", [_citation(1, 0, 4, "鼓励首台")], False),  # a source never cited
    ("文件没有说明。", [], True),
])
def test_citations_valid(text, citations, valid):
    answer = Answer(question="q", answer=text, abstained=False, citations=citations)
    assert m.citations_valid(answer, {"d": _document("鼓励首台套应用。")}) is valid


# ---- the baseline: chunks mapped to clauses by character span -----------------------------------

def _clause(anchor: str, start: int, end: int, doc_id: str = "d") -> Clause:
    return Clause(id=f"{doc_id}#{anchor}", doc_id=doc_id, anchor=anchor, section=anchor, start=start, end=end,
                  text="x" * (end - start))


CLAUSES = [_clause("一.1", 10, 50), _clause("一.2", 52, 90), _clause("二", 100, 140), _clause("一.1", 0, 500, "other")]


@pytest.mark.parametrize(("start", "end", "anchors"), [
    (20, 30, ("一.1",)),  # inside one clause
    (40, 60, ("一.1", "一.2")),  # across two
    (49, 53, ("一.1", "一.2")),  # one character of each is enough
    (50, 52, ()),  # the gap between clauses (headings, blank lines)
    (90, 100, ()),  # touching both ends is no overlap: spans are half-open
    (0, 200, ("一.1", "一.2", "二")),  # other documents' clauses are ignored
])
def test_chunk_to_clause_mapping(start, end, anchors):
    assert overlapping_anchors("d", start, end, CLAUSES) == anchors


PLAN_LIKE = "\n\n".join(
    f"{n}、第{n}部分\n" + "".join(f"{i}.第{n}部分第{i}条，内容是关于{topic}的具体规定，共计若干字。" * 3 + "\n"
                                  for i in range(1, 4))
    for n, topic in zip("一二三四", ["首台套", "融资租赁", "人才引进", "产业联盟"], strict=True))


class HashEmbedder:
    """Deterministic bag-of-characters vectors: no model, meaningful enough for a tiny corpus."""

    name = "hash-chars"
    dim = 64

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for ch in text:
            v[int(hashlib.md5(ch.encode()).hexdigest(), 16) % self.dim] += 1.0
        return v / (np.linalg.norm(v) or 1.0)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vec(text)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def _plan_like() -> tuple[Document, list[Clause]]:
    from assistant.documents.clauses import parse_clauses

    return _document(PLAN_LIKE), parse_clauses("d", PLAN_LIKE)


def test_split_document_chunks_are_verbatim_and_mapped():
    doc, clauses = _plan_like()
    chunks = split_document(doc, clauses)
    assert len(chunks) >= 3
    for chunk in chunks:
        assert doc.text[chunk.start:chunk.end] == chunk.text
        assert len(chunk.text) <= 500
        assert chunk.anchors == overlapping_anchors("d", chunk.start, chunk.end, clauses)
    assert {a for c in chunks for a in c.anchors} == {c.anchor for c in clauses if c.text.strip()}
    unbroken = _document("甲乙丙丁" * 300)  # no separator at all: cut by characters, 50 of them overlapping
    spans = [(c.start, c.end) for c in split_document(unbroken, [_clause("一", 0, 1200)])]
    assert spans == [(0, 500), (450, 950), (900, 1200)]
    with pytest.raises(ValueError, match="chunk_size must be greater than 0, got 0"):
        split_document(doc, clauses, chunk_size=0)


def test_baseline_search_ranks_chunks_and_scores_by_clause():
    doc, clauses = _plan_like()
    baseline = LangChainBaseline({"d": doc}, clauses, HashEmbedder(), chunk_size=120, chunk_overlap=20)
    assert baseline.config["chunks"] == len(baseline.chunks) > 4
    hits = baseline.search("融资租赁的具体规定", k=3)
    assert len(hits) == 3 and "融资租赁" in hits[0].text
    gold = [c.anchor for c in clauses if "融资租赁" in c.text]
    assert m.hit_at([h.anchors for h in hits], gold, 1) == 1.0
    with pytest.raises(ValueError, match="k must be greater than 0"):
        baseline.search("x", k=0)


# ---- reports, compare and the gate -------------------------------------------------------------

def _item(id: str, status: str = "pass", dataset: str = "questions", **kw) -> ItemResult:
    defaults = {"category": "plan_terms", "question": f"问题 {id}", "hit1": 1.0, "hit5": 1.0, "mrr10": 1.0,
                "ndcg10": 1.0, "abstained": False, "citations_valid": True, "citation_precision": 1.0,
                "citation_recall": 1.0, "key_fact_recall": 1.0, "latency_ms": 10.0, "gold_anchors": ["A"]}
    return ItemResult(id=id, status=status, dataset=dataset, **{**defaults, **kw})


def _report(items: list[ItemResult], datasets: list[str] | None = None) -> Report:
    datasets = datasets or sorted({i.dataset for i in items})
    return build_report({"datasets": datasets, "variant": "hybrid", "retrieval": "hybrid"}, items)


def test_summarize_counts_errors_without_averaging_them():
    items = [_item("a"), _item("b", "fail", hit1=0.0, hit5=0.0, mrr10=0.0, ndcg10=0.0),
             _item("c", "error", hit1=None, hit5=None, mrr10=None, ndcg10=None, abstained=None, latency_ms=None),
             _item("u", answerable=False, abstained=True, category="unanswerable", hit1=None, hit5=None,
                   mrr10=None, ndcg10=None, citation_precision=None, citation_recall=None, key_fact_recall=None)]
    out = summarize(items)
    assert out["items"] == 4 and out["errors"] == 1
    assert out["pass_rate"] == 0.5
    assert out["hit@5"] == 0.5  # a and b; the error is not a zero
    assert out["abstention_precision"] == 1.0 and out["abstention_recall"] == 1.0
    assert out["false_abstention_rate"] == 0.0
    assert "eligibility_precision" not in out and "faithfulness" not in out


def test_profile_items_are_micro_pooled():
    items = [ItemResult(id="p1", kind="profile", category="profiles", question="q", status="fail",
                        expected=["a", "b"], returned=["a", "c", "d"]),
             ItemResult(id="p2", kind="profile", category="profiles", question="q", status="pass",
                        expected=["e"], returned=["e"])]
    out = summarize(items)
    assert out["eligibility_precision"] == 0.5 and out["eligibility_recall"] == pytest.approx(0.6667)
    assert "hit@5" not in out


def test_compare_reports_deltas_and_flips():
    a = _report([_item("q1"), _item("q2", "fail", hit5=0.0), _item("q3"), _item("gone")])
    b = _report([_item("q1", "fail", key_fact_recall=0.0, latency_ms=5.0), _item("q2"), _item("q3", latency_ms=5.0),
                 _item("new")])
    c = compare(a, b, "before", "after")
    deltas = {d.name: d for d in c.deltas if d.scope == "all"}
    assert deltas["hit@5"].verdict == "improved" and deltas["hit@5"].delta == pytest.approx(0.25)
    assert deltas["key_fact_recall"].verdict == "regressed"
    assert deltas["latency_p50_ms"].verdict == "improved"  # lower is better
    assert deltas["citation_validity"].verdict == "same"
    assert [f.id for f in c.broken] == ["q1"] and [f.id for f in c.fixed] == ["q2"]
    assert c.only_a == ["questions/gone"] and c.only_b == ["questions/new"]
    text = render_comparison(c)
    assert "▲ improved" in text and "▼ regressed" in text and "`q1`" in text and "pass → fail" in text


@pytest.mark.parametrize(("name", "a", "b", "expected"), [
    ("hit@5", 0.9, 0.95, "improved"), ("hit@5", 0.9, 0.9, "same"), ("errors", 0, 2, "regressed"),
    ("latency_p95_ms", 900.0, 1000.0, "regressed"), ("items", 10, 12, "changed"), ("faithfulness", None, 0.8, "n/a"),
    ("faithfulness", None, None, "same"),
])
def test_verdict_direction(name, a, b, expected):
    assert verdict(name, a, b) == expected


def test_compare_via_cli_on_report_folders(tmp_path, capsys):
    from assistant.cli import main

    write_report(_report([_item("q1"), _item("q2", "fail")]), tmp_path / "a")
    write_report(_report([_item("q1"), _item("q2")]), tmp_path / "b")
    assert main(["eval", "--compare", str(tmp_path / "a"), str(tmp_path / "b" / "report.json")]) == 0
    out = capsys.readouterr().out
    assert "Improved items (fail → pass): 1" in out and "`q2`" in out
    assert main(["eval", "--compare", str(tmp_path / "a"), str(tmp_path / "missing")]) == 1


def test_gate_checks_each_dataset_and_the_combination(tmp_path):
    thresholds = tmp_path / "thresholds.yaml"
    thresholds.write_text("questions:\n  min: {hit@5: 0.9, key_fact_recall: 0.5}\n  max: {errors: 0}\n"
                          "profiles:\n  min: {eligibility_precision: 1.0}\n"
                          "questions+profiles:\n  min: {pass_rate: 0.9}\n", encoding="utf-8")
    good = _report([_item("q1"), ItemResult(id="p", kind="profile", category="profiles", question="q",
                                            dataset="profiles", status="pass", expected=["a"], returned=["a"])],
                   ["questions", "profiles"])
    assert check_gate(good, thresholds) == []
    bad = _report([_item("q1", "fail", hit5=0.0), _item("q2", "error"),
                   ItemResult(id="p", kind="profile", category="profiles", question="q", dataset="profiles",
                              status="fail", expected=["a"], returned=["a", "b"])], ["questions", "profiles"])
    failures = check_gate(bad, thresholds)
    assert "questions+profiles: pass_rate = 0.0，低于门槛 0.9" in failures
    assert "questions: hit@5 = 0.0，低于门槛 0.9" in failures
    assert "questions: errors = 1，高于上限 0" in failures
    assert "profiles: eligibility_precision = 0.5，低于门槛 1.0" in failures
    unknown = _report([_item("x", dataset="adhoc")])
    assert check_gate(unknown, thresholds) == ["thresholds.yaml 中没有 adhoc 的门槛"]


def test_check_metrics_fails_on_a_missing_metric():
    assert check_metrics({"hit@5": 1.0}, {"min": {"faithfulness": 0.8}}) == ["faithfulness = None，低于门槛 0.8"]


def test_every_gold_dataset_has_thresholds_including_eligibility_floors():
    import yaml

    spec = yaml.safe_load(THRESHOLDS.read_text(encoding="utf-8"))
    assert {p.stem for p in DATASETS.glob("*.jsonl")} <= set(spec)
    assert spec["profiles"]["min"]["eligibility_precision"] >= 0.9
    assert spec["profiles"]["min"]["eligibility_recall"] >= 0.9


# ---- the gold sets -----------------------------------------------------------------------------

def test_gold_sets_load_and_cover_the_required_kinds():
    from assistant.eligibility.gold import load_gold

    questions = load_dataset(DATASETS / "questions.jsonl") + load_dataset(DATASETS / "holdout.jsonl")
    assert len(questions) >= 100
    assert len({q.id for q in questions}) == len(questions)
    categories = {q.category for q in questions}
    assert {"plan_terms", "colloquial", "multi_clause", "unanswerable", "out_of_scope", "english", "traditional",
            "followup"} <= categories
    assert {q.lang for q in questions} >= {"zh", "en", "zh-Hant"}
    assert all(q.history for q in questions if q.category == "followup")
    assert all(q.gold_anchors for q in questions if q.answerable)
    assert any(len(q.gold_anchors) >= 3 for q in questions if q.category == "multi_clause")
    assert len(load_gold(DATASETS / "profiles.jsonl")) >= 30
    assert dataset_kind(DATASETS / "profiles.jsonl") == "profiles"
    assert dataset_kind(DATASETS / "holdout.jsonl") == "questions"


def test_resolve_names_paths_and_missing(tmp_path):
    assert resolve(["questions", "questions"], DATASETS) == [DATASETS / "questions.jsonl"]
    available = ", ".join(sorted(p.stem for p in DATASETS.glob("*.jsonl")))  # every set the folder holds, sorted
    assert "holdout2" in available and "questions" in available
    with pytest.raises(AssistantError, match=rf"找不到评测集.*可用：{re.escape(available)}）"):
        resolve(["nope"], DATASETS)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(AssistantError, match=r"bad\.jsonl 第 1 行格式错误"):
        load_dataset(bad)


# ---- HTML --------------------------------------------------------------------------------------

def _rich_report() -> Report:
    items = [_item("q1"), _item("q2", "fail", hit5=0.0, reasons=["no gold clause in the top 5"],
                                question="<script>alert(1)</script> 恶意问题", answer="答案 <b>x</b>"),
             ItemResult(id="p1", kind="profile", category="profiles", question="襄阳减速器", dataset="profiles",
                        status="fail", expected=["a"], returned=["b"])]
    report = _report(items, ["questions", "profiles"])
    summary = VariantSummary(config={"retrieval": "dense", "answering": "none",
                                     "baseline": {"splitter": "RecursiveCharacterTextSplitter", "chunk_size": 500}},
                             metrics={"hit@1": 0.5, "hit@5": 0.9, "context_chars@5": 2400.0})
    report.matrix = {"hybrid": report.summary(), "baseline": summary}
    return report


def test_html_is_self_contained_and_escaped():
    html = render_html(_rich_report())
    assert html.startswith("<!doctype html>") and "<svg" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.IGNORECASE)
    assert "<script" not in html.lower()
    assert "@import" not in html and "url(" not in html and "<link" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Retrieval × answering matrix" in html and "baseline" in html
    fragment = render_html(_rich_report(), fragment=True)
    assert fragment.startswith('<div class="eval-report"><style>') and "<html" not in fragment


def test_charts_handle_missing_values_and_empty_input():
    assert "<svg" in hbar_chart([("a", None), ("b", 0.5)], "t")
    assert "<svg" in grouped_bar_chart(["hit@1"], [("x", [None]), ("y", [1.0])], "t")
    assert histogram([], "t") == ""
    assert histogram([5.0, 5.0], "t").count("<rect") == 12


def test_latest_report_picks_the_newest_readable(tmp_path):
    assert latest_report(tmp_path / "nothing") is None
    assert latest_report(tmp_path) is None
    write_report(_report([_item("old")]), tmp_path / "a")
    write_report(_report([_item("new")]), tmp_path / "b")
    os.utime(tmp_path / "a" / "report.json", (time.time() - 100, time.time() - 100))
    assert latest_report(tmp_path).items[0].id == "new"
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "report.json").write_text("{not json", encoding="utf-8")
    assert latest_report(tmp_path).items[0].id == "new"  # the broken newest one is skipped
    assert latest_report(tmp_path / "a" / "report.json").items[0].id == "old"
    with pytest.raises(ValueError, match="格式不符"):
        load_report(tmp_path / "c")
    for name in ("report.json", "report.md", "report.html"):
        assert (tmp_path / "b" / name).is_file()


def test_markdown_lists_failing_items_by_category():
    text = render_markdown(_rich_report())
    assert "## Failing items (2)" in text and "### profiles" in text and "missing a; extra b" in text
    assert "| metric | all | profiles | questions |" in text


# ---- the LLM judge -----------------------------------------------------------------------------

ANSWER = Answer(question="首台套有什么支持？", answer="奖励首台（套）示范项目[1]，每个奖励500万元[1]。",
                abstained=False, citations=[_citation(1, 0, 4, "奖励首台（套）示范项目", "三.（三）.1")])


@pytest.mark.parametrize(("reply", "expected"), [
    ('{"score": 2}', {"score": 2}),
    ('```json\n{"score": 1, "reason": "x"}\n```', {"score": 1, "reason": "x"}),
    ('Sure! {"claims": []} hope this helps', {"claims": []}),
])
def test_parse_json_reply(reply, expected):
    assert parse_json_reply(reply) == expected


@pytest.mark.parametrize("reply", ["no json here", "[1, 2]", '{"score": '])
def test_parse_json_reply_rejects(reply):
    with pytest.raises(JudgeError):
        parse_json_reply(reply)


def test_judge_scores_against_the_local_openai_stub(monkeypatch):
    with OpenAIStub() as stub:
        monkeypatch.setenv("ASSISTANT_LLM_MODEL", "judge-model")
        monkeypatch.setenv("OPENAI_BASE_URL", stub.url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("ASSISTANT_LLM_MAX_RETRIES", "0")
        judge = judge_from_settings(Settings())
        assert judge is not None and judge.name == "judge-model"
        stub.enqueue(json.dumps({"claims": [{"claim": "奖励首台（套）示范项目", "supported": True},
                                            {"claim": "每个奖励500万元", "supported": False}]}),
                     '{"score": 2, "reason": "直接回答"}',
                     "I think it is fine",  # not JSON: recorded as an error, never raised
                     Reply(status=500))
        scores = judge.score(ANSWER.question, ANSWER)
        assert (scores.faithfulness, scores.answer_relevancy, scores.error) == (0.5, 1.0, None)
        sent = stub.requests[0]["json"]
        assert sent["model"] == "judge-model"
        assert "[1] (三.（三）.1) 奖励首台（套）示范项目" in json.dumps(sent["messages"], ensure_ascii=False)
        assert "[1]" not in stub.requests[1]["json"]["messages"][-1]["content"]  # relevancy sees plain text
        failed = judge.score(ANSWER.question, ANSWER)
        assert failed.faithfulness is None and failed.answer_relevancy is None
        assert "faithfulness:" in failed.error and "answer_relevancy:" in failed.error


def test_judge_is_skipped_without_an_llm():
    assert judge_from_settings(Settings()) is None


# ---- the runner end to end on a small index -----------------------------------------------------

MINI = [
    {"id": "s1", "question": "首台套示范项目有什么奖励？", "category": "plan_terms", "gold_anchors": ["一.1"],
     "key_facts": ["首台（套）"]},
    {"id": "s2", "question": "融资租赁业务方面有什么支持？", "category": "colloquial", "gold_anchors": ["二"],
     "key_facts": ["融资租赁"]},
    {"id": "s3", "question": "今天武汉天气怎么样？", "category": "out_of_scope", "answerable": False},
]


@pytest.fixture(scope="module")
def mini(tmp_path_factory, small_caches, embedder):
    """One small index (SMALL_POLICY) for the module, a 3-question set and 3 gold profiles beside it."""
    import shutil

    from conftest import SMALL_POLICY

    from assistant.ingest import ingest
    from assistant.runtime import Runtime

    root = tmp_path_factory.mktemp("eval-mini")
    knowledge = root / "knowledge"
    (knowledge / "policies").mkdir(parents=True)
    for name in ("lexicon", "documents"):  # the tokenizer's lexicon; regions and item rules
        (knowledge / name).symlink_to(REPO_ROOT / "knowledge" / name, target_is_directory=True)
    (knowledge / "policies" / "small-policy.txt").write_text(SMALL_POLICY, encoding="utf-8")
    # The matcher reads this folder's catalogue and vocabulary, and the plan its quotes come from.
    for name in ("catalogue.yaml", "vocabulary.yaml", "messages"):  # messages/: the vocabulary's labels
        (knowledge / name).symlink_to(REPO_ROOT / "knowledge" / name)
    for plan in (REPO_ROOT / "knowledge" / "policies").iterdir():
        (knowledge / "policies" / plan.name).symlink_to(plan)
    for name in ("jieba", "embeddings"):
        shutil.copytree(small_caches / name, root / "data" / "cache" / name)
    runtime = Runtime(Settings(data_dir=root / "data", knowledge_dir=knowledge), embedder=embedder)
    assert ingest(runtime).status == "built"
    datasets = root / "evals" / "datasets"
    datasets.mkdir(parents=True)
    small = next(d for d in runtime.index.documents if d != GOLD_DOC)  # MINI's gold anchors are its clauses
    lines = [json.dumps({**r, "doc_id": small}, ensure_ascii=False) + "\n" for r in MINI]
    (datasets / "mini.jsonl").write_text("".join(lines), "utf-8")
    profiles = (DATASETS / "profiles.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    (datasets / "profiles.jsonl").write_text("\n".join(profiles) + "\n", encoding="utf-8")
    return runtime, datasets


@pytest.mark.slow
def test_run_scores_questions_and_profiles(mini):
    from assistant.evaluation.runner import run

    runtime, datasets = mini
    judge = Judge(FakeChatModel(['{"claims": [{"claim": "c", "supported": true}]}', '{"score": 2}'] * 5),
                  REPO_ROOT / "prompts")
    report = run(runtime, [datasets / "mini.jsonl", datasets / "profiles.jsonl"], judge=judge)
    by_id = {r.id: r for r in report.items}
    assert len(report.items) == 6 and report.metrics["errors"] == 0
    assert by_id["s1"].retrieved[0] == "一.1" and by_id["s1"].hit1 == 1.0 and len(by_id["s1"].retrieved) <= 10
    assert by_id["s1"].cited and by_id["s1"].citations_valid
    assert by_id["s3"].abstained and by_id["s3"].status == "pass" and by_id["s3"].hit5 is None
    assert report.by_dataset["profiles"]["eligibility_recall"] == 1.0
    assert set(report.by_dataset) == {"mini", "profiles"}
    assert report.metrics["faithfulness"] == 1.0 and report.metrics["judged"] >= 2
    assert report.config["datasets"] == ["mini", "profiles"] and report.config["judge"] == "on (fake)"


@pytest.mark.slow
def test_a_gold_anchor_is_a_hit_only_in_its_own_document(mini):
    """Clause ids, never bare anchors: the plan's 序.p3 answers first, and it is no hit for a question
    whose gold anchors are another document's (both documents index clauses anchored 序.pN)."""
    from assistant.evaluation.datasets import GoldQuestion
    from assistant.evaluation.runner import VARIANTS, evaluate_question, variant_runtime

    runtime, _ = mini
    small = next(d for d in runtime.index.documents if d != GOLD_DOC)
    item = {"id": "d1", "question": "该行动方案的印发日期是哪一天？", "category": "plan_terms",
            "gold_anchors": ["序.p3"], "key_facts": ["2014年3月26日"]}
    eval_runtime, recorder = variant_runtime(runtime, VARIANTS["hybrid"])
    in_plan = evaluate_question(eval_runtime, recorder, GoldQuestion(**item))
    elsewhere = evaluate_question(eval_runtime, recorder, GoldQuestion(**item, doc_id=small))
    assert in_plan.retrieved[0] == "序.p3" and in_plan.hit1 == 1.0 and in_plan.citation_precision == 1.0
    assert elsewhere.retrieved[0] == f"{GOLD_DOC}#序.p3" and elsewhere.cited[0] == f"{GOLD_DOC}#序.p3"
    assert elsewhere.hit1 == 0.0 and elsewhere.citation_precision == 0.0


@pytest.mark.slow
def test_matrix_puts_variants_and_the_baseline_side_by_side(mini):
    from assistant.evaluation.runner import run, run_matrix

    runtime, datasets = mini
    primary, variants = run_matrix(runtime, [datasets / "mini.jsonl", datasets / "profiles.jsonl"])
    assert list(primary.matrix) == ["bm25", "dense", "hybrid", "baseline"]
    assert "skipped" in primary.config["llm_variant"]
    baseline = variants["baseline"]
    assert [r.id for r in baseline.items] == ["s1", "s2"]  # retrieval only, answerable items only
    assert baseline.config["baseline"]["chunk_size"] == 500 and baseline.metrics["hit@5"] == 1.0
    assert "citation_precision" not in baseline.metrics and "pass_rate" not in baseline.metrics
    assert variants["bm25"].config["retrieval"] == "bm25"
    assert all(r.kind == "question" for v in variants.values() for r in v.items)  # profiles stay out
    with pytest.raises(AssistantError, match="ASSISTANT_LLM_MODEL"):
        run(runtime, [datasets / "mini.jsonl"], "llm")


@pytest.mark.slow
def test_cli_eval_writes_reports_and_gates(mini, monkeypatch, capsys, tmp_path):
    import assistant.cli as cli

    runtime, datasets = mini
    monkeypatch.setattr(cli, "_runtime", lambda settings=None: runtime)
    evals = datasets.parent
    monkeypatch.setenv("ASSISTANT_EVALS_DIR", str(evals))  # gold sets and thresholds come from there
    (evals / "thresholds.yaml").write_text("mini:\n  min: {hit@5: 1.0, abstention_recall: 1.0}\n"
                                           "profiles:\n  min: {eligibility_recall: 1.0}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["eval", "--dataset", "mini", "profiles", "--out", str(out), "--gate"]) == 0
    captured = capsys.readouterr()
    assert "门槛：全部达标" in captured.out and "hit@5" in captured.out
    assert "LLM 评判指标" in captured.err  # the judge was skipped, and said so
    report = load_report(out)
    assert report.config["judge"].startswith("skipped") and (out / "report.html").is_file()
    (evals / "thresholds.yaml").write_text("mini:\n  min: {hit@1: 1.01}\nprofiles: {}\n", encoding="utf-8")
    assert cli.main(["eval", "--dataset", "mini", "--out", str(tmp_path / "out2"), "--gate"]) == 1
    assert "未达标：mini: hit@1" in capsys.readouterr().err
