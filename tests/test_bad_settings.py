"""A bad ASSISTANT_* variable stops the CLI and the server with a line naming it, never a traceback."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("name", "value"), [("ASSISTANT_RETRIEVAL__TOP_K", "abc"),
                                             ("ASSISTANT_MAX_QUESTION_CHARS", "0"),
                                             ("ASSISTANT_RETRIEVAL", "{bad")])  # a nested setting: no JSON
def test_cli_names_the_bad_variable(monkeypatch, capsys, name, value):
    monkeypatch.setenv(name, value)
    assert main(["ask", "首台套有什么支持？"]) == 5
    err = capsys.readouterr().err
    assert err.startswith("设置有误：") and name in err and "Traceback" not in err


def test_server_names_the_bad_variables():
    env = {"PATH": "/usr/bin:/bin", "ASSISTANT_MAX_HEADER_BYTES": "5", "ASSISTANT_MAX_BODY_BYTES": "lots"}
    nested = subprocess.run([sys.executable, str(ROOT / "app.py"), "--port", "1"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "ASSISTANT_PARSING": "{bad"})
    assert nested.returncode == 5 and "ASSISTANT_PARSING" in nested.stderr and "Traceback" not in nested.stderr
    done = subprocess.run([sys.executable, str(ROOT / "app.py"), "--port", "1"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 5, done.stderr
    assert "ASSISTANT_MAX_HEADER_BYTES" in done.stderr and "ASSISTANT_MAX_BODY_BYTES" in done.stderr
    assert "Traceback" not in done.stderr


def test_other_validation_errors_stay_internal(monkeypatch, capsys):
    """A ValidationError that is not about configuration is the generic one-line internal error (exit 70)."""
    from pydantic import BaseModel

    import assistant.cli as cli

    class Other(BaseModel):
        n: int

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    monkeypatch.setattr(parser, "parse_args", lambda argv: argparse.Namespace(debug=False, func=lambda a: Other(n="x")))
    assert cli.main(["ask", "x"]) == 70
    err = capsys.readouterr().err
    assert "内部错误：ValidationError" in err and "设置有误" not in err
