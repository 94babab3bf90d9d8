"""The blind related3 library (evals/related3) is a dataset like `related2`: it resolves by name, its
files load, it has gate blocks and its gold set validates (including its not-yet-open window rule).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from assistant.evaluation.datasets import dataset_kind, dataset_name, resolve
from assistant.evaluation.profiles import load_profiles
from assistant.evaluation.related import load_labels, load_related, metadata_results
from assistant.settings import Settings


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.mark.parametrize(("name", "kind", "file"), [
    ("related3", "related", "questions.jsonl"),
    ("related3-profiles", "related_profiles", "profiles.jsonl"),
])
def test_related3_names_resolve_to_its_folder(settings, name, kind, file):
    [path] = resolve([name], settings.datasets_dir)
    assert path == settings.evals_dir / "related3" / file
    assert dataset_kind(path) == kind
    assert dataset_name(path) == name


def test_related3_files_load(settings):
    folder = settings.evals_dir / "related3"
    questions = load_related(folder / "questions.jsonl")
    profiles = load_profiles(folder / "profiles.jsonl")
    labels = load_labels(folder)
    assert len(questions) >= 30 and len(profiles) >= 10
    assert sum(not q.answerable and q.category == "unanswerable" for q in questions) >= 5
    assert len([d for d in labels["documents"] if d["fictional"]]) >= 4
    assert str(labels["reference_date"]) == "2026-12-01"
    statuses = {i.get("window_status_on_reference_date") for d in labels["documents"] for i in d["items"]}
    assert {"open", "closed", "not_yet_open"} <= statuses


def test_metadata_items_carry_the_library_name(settings):
    labels = load_labels(settings.evals_dir / "related3")
    results = metadata_results({}, labels, "related3")
    assert {r.dataset for r in results} == {"related3"}
    assert all(r.status == "error" for r in results)


def test_related3_has_gate_blocks(settings):
    spec = yaml.safe_load(settings.thresholds_path.read_text(encoding="utf-8"))
    for name in ("related3", "related3-profiles"):
        assert spec[name]["min"] and spec[name]["max"]["errors"] == 0


def test_related3_gold_set_validates(settings):
    script = settings.evals_dir / "related3" / "validate.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          cwd=Path(script).parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "PROBLEM" not in done.stdout
    assert "5 fictional documents" in done.stdout
