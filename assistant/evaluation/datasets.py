"""Gold datasets in evals/datasets/: question sets and the company-profile set, found by name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import AssistantError
from assistant.types import Turn

DatasetKind = Literal["questions", "profiles", "related", "related_profiles"]
DEFAULT_DATASETS = ("questions", "profiles")
GOLD_DOC = "hubei-2014-ime-plan"  # the shipped question sets are written against the plan's clauses
MATRIX_DATASETS = ("questions",)
RELATED = "related"
RELATED_PROFILES = "related-profiles"  # evals/related/profiles.jsonl, matched over its docs/
PROFILES_SUFFIX = "-profiles"  # a library folder X under evals/ gives datasets X and X-profiles
Q = TypeVar("Q", bound=BaseModel)


class GoldQuestion(BaseModel):
    """One gold question: what a correct answer cites (anchors) and must contain (key facts)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    question: str
    category: str = Field(description="plan_terms, colloquial, multi_clause, unanswerable, out_of_scope, …")
    lang: str = "zh"
    answerable: bool = True
    gold_anchors: list[str] = Field(
        default_factory=list,
        description="Clauses that answer it; for unanswerable items the nearest related clauses (not scored)",
    )
    doc_id: str = Field(default=GOLD_DOC, description="The document the gold anchors are clauses of: a clause "
                                                     "with the same anchor in another document is no hit")
    key_facts: list[str] = Field(default_factory=list, description="Phrases a correct answer contains")
    history: list[Turn] = Field(default_factory=list, description="Earlier turns, for follow-ups")
    parts: list[str] = Field(default_factory=list, description="Sub-questions of a multi-part question")
    notes: str = ""


def load_jsonl(path: Path, model: type[Q]) -> list[Q]:
    """One `model` per non-blank line; a bad line raises an AssistantError naming the line."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(model.model_validate_json(line))
            except ValueError as exc:
                raise AssistantError(f"{path.name} 第 {number} 行格式错误：{str(exc).splitlines()[0]}") from None
    return items


def load_dataset(path: Path) -> list[GoldQuestion]:
    """A question set (JSONL); a bad line raises an AssistantError naming the line."""
    return load_jsonl(path, GoldQuestion)


def dataset_kind(path: Path) -> DatasetKind:
    """Profiles lines carry "profile" and "expected"; questions over a library of related documents
    carry "first_citation_docs" beside a docs/ folder and labels.yaml; everything else is a question set."""
    library = (path.parent / "labels.yaml").is_file() and (path.parent / "docs").is_dir()
    if library and path.name == "questions.jsonl":
        return "related"
    if library and path.name == "profiles.jsonl":
        return "related_profiles"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                first = json.loads(line)
            except json.JSONDecodeError:
                return "questions"  # load_dataset reports the bad line
            return "profiles" if isinstance(first, dict) and "expected" in first else "questions"
    return "questions"


def dataset_name(path: Path) -> str:
    """The name a report and the gate use: the file stem, or for a library (evals/X with docs/ and
    labels.yaml) its folder name X for the questions and X-profiles for the profiles."""
    kind = dataset_kind(path)
    if kind == "related":
        return path.parent.name
    return path.parent.name + PROFILES_SUFFIX if kind == "related_profiles" else path.stem


def library_path(name: str, evals_dir: Path) -> Path:
    """related → evals/related/questions.jsonl, related-profiles → evals/related/profiles.jsonl; the
    same for any library folder (related2, …)."""
    if name.endswith(PROFILES_SUFFIX):
        return evals_dir / name.removesuffix(PROFILES_SUFFIX) / "profiles.jsonl"
    return evals_dir / name / "questions.jsonl"


def resolve(names: list[str], datasets_dir: Path) -> list[Path]:
    """Dataset names (questions, holdout, profiles; related = evals/related/questions.jsonl over its
    docs/, related-profiles its profiles; likewise related2, …) or paths to JSONL files; missing
    ones raise."""
    paths = []
    for name in names:
        path = Path(name) if name.endswith(".jsonl") else datasets_dir / f"{name}.jsonl"
        library = library_path(name, datasets_dir.parent)  # datasets_dir is Settings.evals_dir / "datasets"
        if not path.is_file() and "/" not in name and library.is_file() and dataset_kind(library) != "questions":
            path = library
        if not path.is_file():
            known = sorted(p.stem for p in datasets_dir.glob("*.jsonl")) if datasets_dir.is_dir() else []
            raise AssistantError(f"找不到评测集 {path}（可用：{', '.join(known) or '无'}）")
        if path not in paths:
            paths.append(path)
    return paths
