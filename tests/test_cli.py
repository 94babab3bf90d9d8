"""The `assistant` command line, run as a real subprocess against the session's plan index.

Each subprocess costs a cold start, so there are few of them: one single question, one batch,
and three quick failures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main

ANSWER_KEYS = {"id", "question", "answer", "abstained", "citations", "matches", "mode", "notices", "lang", "parts"}
CITATION_KEYS = {"n", "doc_id", "doc_title", "anchor", "section", "quote", "start", "end", "score"}
_FOREIGN = ("CHROMA_HOST", "CHROMA_PORT", "ASSISTANT_CHROMA_HOST", "ASSISTANT_CHROMA_PORT", "OPENAI_API_KEY",
            "OPENAI_BASE_URL", "ASSISTANT_OPENAI_API_KEY", "ASSISTANT_LLM_MODEL", "ASSISTANT_KNOWLEDGE_DIR",
            "ASSISTANT_DEBUG")


@pytest.fixture(scope="module")
def cli_env(plan_runtime) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _FOREIGN}
    env["ASSISTANT_DATA_DIR"] = str(plan_runtime.settings.data_dir)
    env["ANONYMIZED_TELEMETRY"] = "False"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture
def run(cli_env, tmp_path):
    def _run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "assistant.cli", *args],
            capture_output=True, text=True, encoding="utf-8", env=cli_env, cwd=tmp_path, timeout=300,
        )

    return _run


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def check_answer_json(obj: dict, plan_index) -> None:
    assert set(obj) == ANSWER_KEYS
    assert isinstance(obj["abstained"], bool) and isinstance(obj["answer"], str)
    for n, c in enumerate(obj["citations"], 1):
        assert set(c) == CITATION_KEYS
        assert c["n"] == n
        assert c["quote"] == plan_index.documents[c["doc_id"]].text[c["start"]:c["end"]]
        assert f"[{n}]" in obj["answer"]


def test_ask_json_prints_one_answer_object(run, plan_index):
    proc = run("ask", "--json", "首台套有什么支持？")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    check_answer_json(obj, plan_index)
    assert obj["question"] == "首台套有什么支持？"
    assert obj["id"] is None and obj["mode"] == "extractive" and obj["abstained"] is False
    assert obj["citations"] and obj["citations"][0]["anchor"] == "三.（三）.1"
    assert "validity_expired" in {n["code"] for n in obj["notices"]}  # the plan ran to 2017


def test_ask_batch_json_keeps_order_echoes_ids_and_reports_bad_lines(run, tmp_path, plan_index):
    batch = tmp_path / "questions.jsonl"
    batch.write_text(
        "\n".join([
            json.dumps({"id": "q-first", "question": "首台套有什么支持？"}, ensure_ascii=False),
            '{"id": "broken", "question": ',
            json.dumps({"id": "q-empty", "question": "   "}, ensure_ascii=False),
            json.dumps({"id": 7, "question": "融资租赁方面有什么支持？"}, ensure_ascii=False),
        ]) + "\n",
        encoding="utf-8",
    )
    proc = run("ask", "--batch", str(batch), "--json")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    rows = [json.loads(line) for line in proc.stdout.strip().splitlines()]
    assert len(rows) == 4

    first, broken, empty, last = rows
    check_answer_json(first, plan_index)
    assert first["id"] == "q-first" and first["citations"]
    assert set(broken) == {"id", "error"} and broken["id"] == "line-2" and "2" in broken["error"]
    assert set(empty) == {"id", "error"} and empty["id"] == "q-empty" and empty["error"]
    check_answer_json(last, plan_index)
    assert last["id"] == "7" and "五.（二）" in [c["anchor"] for c in last["citations"]]


def test_ask_empty_question_fails_with_one_line(run):
    proc = run("ask", "")
    assert proc.returncode == 2  # InvalidQuestion.exit_code
    assert proc.stdout == ""
    assert one_error_line(proc).startswith("错误：")


def test_ingest_missing_file_fails_with_one_line(run):
    proc = run("ingest", "/no/such/file.txt")
    assert proc.returncode == 3  # DocumentError.exit_code
    assert "/no/such/file.txt" in one_error_line(proc)


def test_ingest_binary_file_fails_and_leaves_index_unchanged(run, tmp_path, plan_runtime):
    store = plan_runtime.store
    current = store.current_id()
    assert current
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    proc = run("ingest", str(binary))
    assert proc.returncode == 3
    assert "scan.txt" in one_error_line(proc)
    assert store.current_id() == current
    assert not (plan_runtime.settings.data_dir / "documents" / "scan.txt").exists()


@pytest.mark.parametrize("command", ["ask", "ingest"])
def test_help_has_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "Example:" in out
    assert f"assistant {command}" in out


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["ask", "--no-such-option"])
    assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_in_process_domain_error_is_one_line(capsys, tmp_path: Path):
    # The autouse fixture points ASSISTANT_DATA_DIR at an empty folder: no index there.
    code = main(["ask", "首台套有什么支持？"])
    captured = capsys.readouterr()
    assert code == 4  # IndexMissing.exit_code
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "assistant ingest" in lines[0]


def test_match_batch_keeps_order_and_reports_bad_lines(tmp_path, capsys):
    """`assistant match --batch`: one result per line, in order; bad lines become error objects, exit 1."""
    batch = tmp_path / "profiles.jsonl"
    batch.write_text(
        '{"id": "laser", "profile": {"description": "我们是武汉光谷一家做激光切割机的企业"}}\n'
        "not json\n"
        '{"id": "bad", "profile": {"bogus": 1}}\n'
        '{"id": "mill", "profile": {"city": "黄石", "sectors": ["冶金成套装备"]}}\n',
        encoding="utf-8",
    )
    code = main(["match", "--batch", str(batch), "--json"])
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert [x["id"] for x in lines] == ["laser", "line-2", "bad", "mill"]
    assert "error" in lines[1] and "bogus" in lines[2]["error"]
    # The plan expired on 2017-12-31: today its items are listed apart as unavailable, not offered.
    offered = [[*x["matches"], *x["unavailable"]] for x in (lines[0], lines[3])]
    assert not lines[0]["matches"] and not lines[3]["matches"]
    assert lines[0]["profile"]["city"] == "武汉" and offered[0]
    assert lines[3]["profile"]["city"] == "黄石" and offered[1] and all(m["citations"] for m in offered[1])


# Was: one bad file made `ingest a b` add nothing (exit 3); now the good one is added, the bad one gets
# its own error line and the exit status (6) says the ingest was partial.
def test_ingest_partial_adds_the_good_file_and_reports_the_bad_one(cli_env, small_knowledge, tmp_path):
    knowledge = small_knowledge
    env = {**cli_env, "ASSISTANT_DATA_DIR": str(tmp_path / "data"), "ASSISTANT_KNOWLEDGE_DIR": str(knowledge)}

    def run(*args: str) -> subprocess.CompletedProcess:  # its own data dir: the plan's index stays as it is
        return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                              encoding="utf-8", env=env, cwd=tmp_path, timeout=300)

    good = tmp_path / "good.txt"
    good.write_text("某市智能装备扶持办法\n一、总则\n1.支持首台（套）装备示范应用。\n", encoding="utf-8")
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    proc = run("ingest", str(good), str(bad))
    assert proc.returncode == 6
    assert "新增文档：good" in proc.stdout
    errors = [line for line in proc.stderr.splitlines() if line.startswith("错误：")]  # beside progress bars
    assert len(errors) == 1 and "scan.txt" in errors[0] and "Traceback" not in proc.stderr
