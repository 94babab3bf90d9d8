"""The import graph runs one way: documents → index → retrieval → answering / eligibility → the apps.

Every `import` counts, top-level or inside a function (a function-level import is still a
dependency, only a later one). The foundation modules (types, settings, errors, text, yamlfile, messages)
import nothing of the package above them and may be used by all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"

# Lower number = lower layer; a module may import its own layer or any lower one.
LAYERS: dict[str, int] = {
    "assistant.types": 0, "assistant.settings": 0, "assistant.errors": 0, "assistant.text": 0,
    "assistant.yamlfile": 0, "assistant.messages": 0,
    "assistant.documents": 1,
    "assistant.index": 2,
    "assistant.llm": 2,  # the chat client and prompt files: no knowledge of the corpus
    "assistant.retrieval": 3,
    "assistant.eligibility": 4,
    "assistant.llm.profile": 4,  # the LLM profile extractor belongs with eligibility
    "assistant.answering": 5,
    "assistant.watch": 5,  # saved profiles and alerts: built on eligibility, used by the apps
    "assistant.runtime": 6,
    "assistant.ingest": 7,
    "assistant.evaluation": 8,
    "assistant.web": 8,
    "assistant.cli": 9,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    """The layer of the longest LAYERS prefix naming module (a package covers its submodules)."""
    best = None
    for name, layer in LAYERS.items():
        if (module == name or module.startswith(name + ".")) and (best is None or len(name) > len(best[0])):
            best = (name, layer)
    return None if best is None else best[1]


def _submodule(package: str, name: str) -> str | None:
    path = PACKAGE.parent.joinpath(*package.split("."), name)
    return f"{package}.{name}" if path.with_suffix(".py").exists() or path.is_dir() else None


def imports_of(path: Path) -> list[tuple[str, int]]:
    """(module, line) of every assistant import in the file, wherever it stands."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("assistant")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("assistant"):
            module = node.module or ""
            # `from assistant.llm import profile` imports the submodule, not a name of the package.
            found += [(_submodule(module, a.name) or module, node.lineno) for a in node.names]
    return found


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "static" not in p.parts)


def test_every_module_has_a_layer():
    unplaced = [_module_name(p) for p in _sources() if layer_of(_module_name(p)) is None
                and _module_name(p) != "assistant"]
    assert unplaced == []


def test_layer_lookup_prefers_the_most_specific_entry():
    assert layer_of("assistant.llm.profile") == 4 and layer_of("assistant.llm.client") == 2
    assert layer_of("assistant.index.store") == 2 and layer_of("assistant.indexer") is None


def test_an_upward_import_is_found(tmp_path):
    """The checker itself: a function-level upward import in a lower layer is reported."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from assistant.runtime import Runtime\n    return Runtime\n", encoding="utf-8")
    assert imports_of(probe) == [("assistant.runtime", 2)]


@pytest.mark.parametrize("path", _sources(), ids=lambda p: _module_name(p))
def test_no_upward_imports(path: Path):
    here = layer_of(_module_name(path))
    if here is None:
        return
    upward = [f"line {line}: {module}" for module, line in imports_of(path)
              if (there := layer_of(module)) is not None and there > here]
    assert upward == [], f"{_module_name(path)} (layer {here}) imports upward"
