"""The blind related2 library (evals/related2) is a dataset like `related`: it resolves by name, its
reports and gate blocks carry its folder's name, its files load and its gold set validates.

A library is any folder under the evals dir with docs/ and labels.yaml: X → X/questions.jsonl,
X-profiles → X/profiles.jsonl (related and related-profiles resolve as before).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from assistant.errors import AssistantError
from assistant.evaluation.datasets import dataset_kind, dataset_name, resolve
from assistant.evaluation.profiles import load_profiles
from assistant.evaluation.related import load_labels, load_related, metadata_results
from assistant.settings import Settings


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.mark.parametrize(("name", "kind", "folder", "file"), [
    ("related", "related", "related", "questions.jsonl"),
    ("related-profiles", "related_profiles", "related", "profiles.jsonl"),
    ("related2", "related", "related2", "questions.jsonl"),
    ("related2-profiles", "related_profiles", "related2", "profiles.jsonl"),
])
def test_library_names_resolve_to_their_folder(settings, name, kind, folder, file):
    [path] = resolve([name], settings.datasets_dir)
    assert path == settings.evals_dir / folder / file
    assert dataset_kind(path) == kind
    assert dataset_name(path) == name  # the report's by_dataset key and the gate's block name


def test_any_library_folder_is_a_dataset_and_other_folders_are_not(tmp_path):
    evals = tmp_path / "evals"
    (evals / "datasets").mkdir(parents=True)
    (evals / "mylib" / "docs").mkdir(parents=True)
    (evals / "mylib" / "labels.yaml").write_text("documents: []\n", encoding="utf-8")
    for stem in ("questions", "profiles"):
        (evals / "mylib" / f"{stem}.jsonl").write_text("", encoding="utf-8")
    (evals / "loose").mkdir()  # questions.jsonl without docs/ and labels.yaml: no library
    (evals / "loose" / "questions.jsonl").write_text("", encoding="utf-8")

    paths = resolve(["mylib", "mylib-profiles"], evals / "datasets")
    assert [dataset_name(p) for p in paths] == ["mylib", "mylib-profiles"]
    with pytest.raises(AssistantError, match="找不到评测集"):
        resolve(["loose"], evals / "datasets")
    with pytest.raises(AssistantError, match="找不到评测集"):
        resolve(["nolib-profiles"], evals / "datasets")


def test_related2_files_load(settings):
    folder = settings.evals_dir / "related2"
    questions = load_related(folder / "questions.jsonl")
    profiles = load_profiles(folder / "profiles.jsonl")
    labels = load_labels(folder)
    assert len(questions) >= 30 and len(profiles) >= 10
    assert sum(not q.answerable and q.category == "unanswerable" for q in questions) >= 5
    assert len([d for d in labels["documents"] if d["fictional"]]) >= 4
    assert str(labels["reference_date"]) == "2026-12-01"


def test_metadata_items_carry_the_library_name(settings):
    labels = load_labels(settings.evals_dir / "related2")
    results = metadata_results({}, labels, "related2")  # an empty index: every document is an error item
    assert {r.dataset for r in results} == {"related2"}
    assert all(r.status == "error" for r in results)


def test_related2_has_gate_blocks(settings):
    spec = yaml.safe_load(settings.thresholds_path.read_text(encoding="utf-8"))
    for name in ("related2", "related2-profiles"):
        assert spec[name]["min"] and spec[name]["max"]["errors"] == 0


def test_related2_gold_set_validates(settings):
    script = settings.evals_dir / "related2" / "validate.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          cwd=Path(script).parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "PROBLEM" not in done.stdout
    assert "4 fictional documents" in done.stdout
