"""Company profiles over the library of related documents (evals/related/profiles.jsonl).

The documents of evals/related/docs are ingested with the shipped ones into a temporary data
folder (assistant.evaluation.related.library_runtime); each profile line is matched by the
runtime's eligibility component as a caller would (ProfileInput, description read by the
profile extractor) as of the set's date (profiles.meta.yaml `as_of`, else labels.yaml
`reference_date`). A labelled item is the library item whose benefit sentence holds the label's
verbatim quote (spaces ignored). Per profile:

- expected_items must be offered (qualifies / may_qualify) → match_recall;
- must_not_qualify (which includes must_not_offer) must never be `qualifies` → never_qualifies;
- must_not_offer must be neither qualifies nor may_qualify → never_offered;
- an offered item in expected_amounts must carry that verbatim amount (amount_text, benefit or
  its quotes) → amounts_present.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import Field, ValidationError

from assistant.eligibility import read_profile_input
from assistant.eligibility.gold import load_meta
from assistant.errors import AssistantError
from assistant.evaluation.datasets import dataset_name
from assistant.evaluation.related import library_runtime, load_labels
from assistant.evaluation.report import ItemResult
from assistant.runtime import Runtime
from assistant.types import ClosedModel, Match

Progress = Callable[[str, int, int], None]
OFFERED = ("qualifies", "may_qualify")
_SPACE = re.compile(r"\s+")


class LibraryProfile(ClosedModel):
    id: str
    profile: dict
    expected_items: list[str] = Field(default_factory=list)
    must_not_qualify: list[str] = Field(default_factory=list)
    must_not_offer: list[str] = Field(default_factory=list)
    expected_amounts: dict[str, str] = Field(default_factory=dict)
    notes: str = ""
    item_reasons: dict[str, str] = Field(default_factory=dict)


def load_profiles(path: Path) -> list[LibraryProfile]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(LibraryProfile.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValidationError) as exc:
                raise AssistantError(f"{path.name} 第 {number} 行格式错误：{type(exc).__name__}") from None
    return out


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


def label_items(labels: dict, ids: dict[str, str], items: list) -> dict[str, str]:
    """Label id → library item id (the item whose benefit sentence holds the label's quote)."""
    out: dict[str, str] = {}
    for entry in labels["documents"]:
        doc = ids.get(entry["doc"], entry["doc"])
        mine = [i for i in items if i.doc_id == doc]
        for label in entry.get("items") or []:
            quote = _compact(label.get("quote", ""))
            hit = next((i for i in mine if quote and (quote in _compact(i.benefit_quote.quote)
                                                      or _compact(i.benefit_quote.quote) in quote)), None)
            if hit is not None and hit.id not in out.values():
                out[str(label["id"])] = hit.id
    return out


def _carries(match: Match, amount: str) -> bool:
    text = _compact(" ".join([match.amount_text or "", match.benefit, *(c.quote for c in match.citations)]))
    return _compact(amount) in text


def _score(case: LibraryProfile, by_label: dict[str, Match | None]) -> dict:
    def status(label: str) -> str:
        match = by_label.get(label)
        return match.status if match is not None else "absent"

    offered = {label for label in by_label if status(label) in OFFERED}
    expected_hit = [e for e in case.expected_items if e in offered]
    mnq = list(dict.fromkeys([*case.must_not_qualify, *case.must_not_offer]))
    qualified_wrongly = [x for x in mnq if status(x) == "qualifies"]
    offered_wrongly = [x for x in case.must_not_offer if x in offered]
    amounts = {k: v for k, v in case.expected_amounts.items() if k in offered}
    carried = [k for k, v in amounts.items() if _carries(by_label[k], v)]  # type: ignore[arg-type]
    return {"expected": len(case.expected_items), "expected_hit": len(expected_hit),
            "missing": [e for e in case.expected_items if e not in offered],
            "mnq": len(mnq), "qualified_wrongly": qualified_wrongly, "qualified_wrongly_n": len(qualified_wrongly),
            "mno": len(case.must_not_offer), "offered_wrongly": offered_wrongly,
            "offered_wrongly_n": len(offered_wrongly),
            "amounts": len(amounts), "amounts_carried": len(carried),
            "amounts_missing": [k for k in amounts if k not in carried]}


def _item(case: LibraryProfile, dataset: str, runtime: Runtime, mapping: dict[str, str],
          today: dt.date) -> ItemResult:
    description = case.profile.get("description")
    shown = description if isinstance(description, str) and description else \
        "；".join(f"{k}={v}" for k, v in case.profile.items())
    base = ItemResult(id=case.id, dataset=dataset, kind="library_profile", category="related_profiles",
                      question=shown, status="error", expected=case.expected_items)
    try:
        started = time.perf_counter()
        result = runtime.eligibility.match(read_profile_input(case.profile), include_all=True, today=today)
        latency = (time.perf_counter() - started) * 1000
    except AssistantError as exc:
        return base.model_copy(update={"error": str(exc), "reasons": ["error"]})
    by_id = {m.id: m for m in [*result.matches, *result.unavailable]}
    labels = {*case.expected_items, *case.must_not_qualify, *case.must_not_offer}
    by_label = {label: by_id.get(mapping.get(label, "")) for label in labels}
    s = _score(case, by_label)
    reasons = []
    if s["missing"]:
        reasons.append("expected items not offered: " + "、".join(s["missing"]))
    if s["qualified_wrongly"]:
        reasons.append("qualifies although it must not: " + "、".join(s["qualified_wrongly"]))
    if s["offered_wrongly"]:
        reasons.append("offered although it must not be: " + "、".join(s["offered_wrongly"]))
    if s["amounts_missing"]:
        reasons.append("offered without the document's amount: " + "、".join(s["amounts_missing"]))
    returned = sorted(label for label, m in by_label.items() if m is not None and m.status in OFFERED)
    return base.model_copy(update={
        "returned": returned, "latency_ms": round(latency, 2), "status": "fail" if reasons else "pass",
        "reasons": reasons, "library_counts": {k: v for k, v in s.items() if isinstance(v, int)}})


def evaluate_library_profiles(base: Runtime, path: Path, progress: Progress | None = None) -> list[ItemResult]:
    """Every profile of the set matched over the related library, as of the set's date."""
    folder = path.parent
    labels = load_labels(folder)
    today = load_meta(path).as_of or labels.get("reference_date") or dt.date.today()
    if isinstance(today, str):
        today = dt.date.fromisoformat(today)
    cases = load_profiles(path)
    dataset = dataset_name(path)  # related-profiles, related2-profiles, …
    from assistant.evaluation.related import doc_ids_by_file

    with library_runtime(base, folder / "docs") as runtime:
        ids = doc_ids_by_file(runtime.index.documents)
        mapping = label_items(labels, ids, list(runtime.index.items))
        results = []
        for i, case in enumerate(cases, 1):
            results.append(_item(case, dataset, runtime, mapping, today))
            if progress:
                progress(dataset, i, len(cases))
    return results
