"""Every path comes from Settings: no module but settings.py finds a file from its own location.

A module that builds a path from `__file__`, REPO_ROOT or PACKAGE_DIR reads the repository's
copy whatever ASSISTANT_KNOWLEDGE_DIR / PROMPTS_DIR / DATA_DIR / EVALS_DIR say. The few uses of
a module's `__file__` that locate code, not data, are listed with their reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
ROOT_NAMES = {"REPO_ROOT", "PACKAGE_DIR"}

# module → why its `x.__file__` is no data path
CODE_LOCATIONS = {
    "index/store.py": "hashes the parser and tokenizer source into the index's pipeline fingerprint",
    "documents/sandbox.py": "puts the package itself on the parsing child's PYTHONPATH",
    "web/pages.py": "serves gradio's own bundled gradio.js from the installed package",
}
# Modules still finding a file from their own location; strict: an entry must go when its module
# is fixed. Empty: messages (answer.yaml, web.yaml, labels.yaml) come from Settings.messages_dir.
PENDING: dict[str, str] = {}


def default_paths(source: str) -> list[str]:
    """`line: what` of every use of __file__ / REPO_ROOT / PACKAGE_DIR in the source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and (node.id == "__file__" or node.id in ROOT_NAMES):
            found.append(f"{node.lineno}: {node.id}")
        elif isinstance(node, ast.Attribute) and node.attr == "__file__":
            found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and any(a.name in ROOT_NAMES for a in node.names):
            found.append(f"{node.lineno}: import {', '.join(a.name for a in node.names)}")
    return sorted(found, key=lambda f: int(f.split(":")[0]))


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "settings.py" or p.parent != PACKAGE)


def test_the_checker_finds_each_form():
    source = ("from pathlib import Path\nfrom assistant.settings import REPO_ROOT\nimport gradio\n"
              "A = Path(__file__).parent / 'knowledge'\nB = REPO_ROOT / 'prompts'\nC = gradio.__file__\n")
    assert default_paths(source) == ["2: import REPO_ROOT", "4: __file__", "5: REPO_ROOT", "6: gradio.__file__"]


def _case(path: Path):
    name = path.relative_to(PACKAGE).as_posix()
    marks = [pytest.mark.xfail(strict=True, reason=PENDING[name])] if name in PENDING else []
    return pytest.param(path, id=name, marks=marks)


@pytest.mark.parametrize("path", [_case(p) for p in _modules()])
def test_no_module_finds_files_from_its_own_location(path: Path):
    found = default_paths(path.read_text(encoding="utf-8"))
    if path.relative_to(PACKAGE).as_posix() in CODE_LOCATIONS:  # a module's code location is allowed
        found = [f for f in found if not f.endswith(".__file__")]
    assert found == [], f"{path.name} builds a path from its own location; take it from Settings"


def test_a_messages_folder_without_its_files_is_a_clear_error_not_the_repos_copy(tmp_path):
    from assistant.answering.messages import answer_messages
    from assistant.errors import AssistantError
    from assistant.web.messages import web_messages

    for load, name in ((answer_messages, "answer.yaml"), (web_messages, "web.yaml")):
        with pytest.raises(AssistantError, match=name):
            load(tmp_path)
    (tmp_path / "answer.yaml").write_text('texts: {related: {zh: "另见：", en: "See also:"}}\n', encoding="utf-8")
    assert answer_messages(tmp_path).text("related", "en") == "See also:"  # the folder's own file is read
