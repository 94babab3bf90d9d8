"""Every library under evals/ (a folder with docs/ and labels.yaml: related, related2, …, and any
new one, picked up by itself) is a dataset: its names resolve to its folder, its reports and gate
blocks carry its folder's name, its files load and its gold set validates.

A library X gives two datasets: X → X/questions.jsonl, X-profiles → X/profiles.jsonl. A development
library may be questions only (dev-library, dev-meta): its profiles are gated, and must be there, exactly
when `make eval` gates X-profiles.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
import yaml

from assistant.errors import AssistantError
from assistant.evaluation.datasets import dataset_kind, dataset_name, resolve
from assistant.evaluation.profiles import load_profiles
from assistant.evaluation.related import load_labels, load_related, metadata_results
from assistant.settings import Settings

EVALS = Settings().evals_dir
LIBRARIES = sorted(p.name for p in EVALS.iterdir() if (p / "docs").is_dir() and (p / "labels.yaml").is_file())
MAKEFILE = (EVALS.parent / "Makefile").read_text(encoding="utf-8")


def gated(name: str) -> bool:
    """Whether `make eval` gates the dataset `name`."""
    return re.search(rf"--dataset {re.escape(name)} --out", MAKEFILE) is not None
# between_windows: a window that recurs every year, closed on the reference date and opening again (related4)
WINDOW_STATUSES = {"open", "closed", "not_yet_open", "between_windows"}
_SUMMARY = re.compile(r"(\d+) fictional documents, (\d+) labelled items, (\d+) questions, (\d+) profiles")


def test_the_libraries_are_found():
    assert {"related", "related2", "related3"} <= set(LIBRARIES)


@pytest.mark.parametrize("library", LIBRARIES)
@pytest.mark.parametrize(("suffix", "kind", "file"), [("", "related", "questions.jsonl"),
                                                      ("-profiles", "related_profiles", "profiles.jsonl")])
def test_library_names_resolve_to_their_folder(library, suffix, kind, file):
    name = library + suffix
    [path] = resolve([name], EVALS / "datasets")
    assert path == EVALS / library / file
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


@pytest.mark.parametrize("library", LIBRARIES)
def test_library_files_load(library):
    folder = EVALS / library
    questions, profiles, labels = load_related(folder / "questions.jsonl"), load_profiles(folder / "profiles.jsonl"), \
        load_labels(folder)
    assert questions and any(d["fictional"] for d in labels["documents"])
    assert profiles or not gated(library + "-profiles")
    assert isinstance(labels["reference_date"], dt.date)
    statuses = {i.get("window_status_on_reference_date") for d in labels["documents"] for i in d.get("items", [])}
    assert statuses - {None} <= WINDOW_STATUSES


@pytest.mark.parametrize("library", LIBRARIES)
def test_metadata_items_carry_the_library_name(library):
    labels = load_labels(EVALS / library)
    results = metadata_results({}, labels, library)  # an empty index: every document is an error item
    assert results and {r.dataset for r in results} == {library}
    assert all(r.status == "error" for r in results)


@pytest.mark.parametrize("library", LIBRARIES)
def test_library_has_gate_blocks(library):
    spec = yaml.safe_load(Settings().thresholds_path.read_text(encoding="utf-8"))
    assert gated(library), f"make eval does not gate {library}"
    for name in (library, library + "-profiles"):
        if name == library or gated(name):
            assert spec[name]["min"] and spec[name]["max"]["errors"] == 0


@pytest.mark.parametrize("library", LIBRARIES)
def test_library_gold_set_validates(library):
    """The folder's validate.py passes, and what it says it checked is what the files hold."""
    folder = EVALS / library
    done = subprocess.run([sys.executable, str(folder / "validate.py")], capture_output=True, text=True,
                          timeout=120, cwd=folder)
    assert done.returncode == 0 and "PROBLEM" not in done.stdout, done.stdout + done.stderr
    summary = _SUMMARY.search(done.stdout)
    assert summary, done.stdout
    labels = load_labels(folder)
    fictional = sum(1 for d in labels["documents"] if d["fictional"])
    counted = (fictional, len(load_related(folder / "questions.jsonl")), len(load_profiles(folder / "profiles.jsonl")))
    assert (int(summary[1]), int(summary[3]), int(summary[4])) == counted


def test_a_profile_naming_an_unknown_item_with_an_amount_is_a_problem_not_a_crash(monkeypatch):
    """A renamed item leaves profiles naming it with an expected amount: validate.py says so."""
    monkeypatch.syspath_prepend(str(EVALS))
    from common.checks import Mix, check_profiles

    row = {"id": "p1", "profile": {"description": "一家企业"}, "expected_items": ["renamed"], "must_not_qualify": [],
           "must_not_offer": [], "expected_amounts": {"renamed": "20万元"}, "item_reasons": {}}
    problems: list[str] = []
    check_profiles([row, {**row, "id": "p2", "profile": {"region": "湖北"}}], {}, Mix(), problems)
    assert "p1: expected_items names unknown item renamed" in problems
