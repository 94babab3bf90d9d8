"""Gold profiles (evals/datasets/profiles.jsonl) and scoring the matcher against them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from assistant.eligibility.catalogue import Catalogue
from assistant.eligibility.errors import CatalogueError
from assistant.eligibility.matcher import match_profile
from assistant.eligibility.metrics import PRScores, micro_precision_recall
from assistant.eligibility.profile import profile_from_description
from assistant.types import ClosedModel
from assistant.yamlfile import read_yaml


class GoldProfile(ClosedModel):
    """One gold line: a profile (explicit fields and/or a description) and the expected entry ids."""

    id: str
    profile: dict[str, Any]
    expected: list[str] = Field(description="Entry ids that must come back as qualifies or may_qualify")
    notes: str = ""


@dataclass(frozen=True)
class GoldCase:
    id: str
    returned: list[str]
    expected: list[str]
    extracted: list[str]

    @property
    def missing(self) -> list[str]:
        return [e for e in self.expected if e not in self.returned]

    @property
    def extra(self) -> list[str]:
        return [r for r in self.returned if r not in self.expected]


def load_gold(path: Path | str) -> list[GoldProfile]:
    """The gold profiles at `path` (settings.gold_profiles_path for the shipped set)."""
    path = Path(path)
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            cases.append(GoldProfile.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise CatalogueError(f"{path.name} 第 {n} 行无效：{type(exc).__name__}") from None
    return cases


class GoldMeta(ClosedModel):
    """A gold set's dataset-level settings (`<name>.meta.yaml` beside the JSONL)."""

    as_of: dt.date | None = Field(default=None, description="The date the set is judged on (validity, "
                                  "windows); the 2014 plan's set is judged inside its execution period")
    notes: str = ""


def meta_path(path: Path | str) -> Path:
    path = Path(path)
    return path.with_name(path.stem + ".meta.yaml")


def load_meta(path: Path | str) -> GoldMeta:
    """The set's meta file, or defaults when it has none."""
    side = meta_path(path)
    if not side.is_file():
        return GoldMeta()
    raw = read_yaml(side, CatalogueError)
    try:
        return GoldMeta.model_validate(raw or {})
    except ValidationError as exc:
        raise CatalogueError(f"{side.name} 无效：{exc.errors()[0]['msg']}") from None


def run_case(case: GoldProfile, catalogue: Catalogue, today: dt.date | None = None) -> GoldCase:
    """Profile from the line (description extracted, explicit fields win), then match it as of `today`."""
    unknown = [e for e in case.expected if e not in catalogue.ids]
    if unknown:
        raise CatalogueError(f"金标 {case.id} 引用了目录中没有的条目：{', '.join(unknown)}")
    profile, extracted = profile_from_description(case.profile.get("description"), case.profile,
                                                  catalogue.vocabulary)
    prefix = f"{catalogue.doc_id}:"
    returned = [m.id.removeprefix(prefix) for m in match_profile(profile, catalogue, today=today).matches]
    return GoldCase(id=case.id, returned=returned, expected=case.expected, extracted=extracted)


def evaluate_gold(cases: list[GoldProfile], catalogue: Catalogue,
                  today: dt.date | None = None) -> tuple[PRScores, list[GoldCase]]:
    """Micro precision/recall over (profile, entry) pairs, with each case for error analysis."""
    results = [run_case(case, catalogue, today) for case in cases]
    return micro_precision_recall((r.returned, r.expected) for r in results), results
