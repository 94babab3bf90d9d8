"""What `assistant match`, POST /match and eligibility questions in `ask` share: profile in, MatchResult out."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.answering.validity import validity_notice
from assistant.documents.loaders import find_documents, load_document
from assistant.eligibility.catalogue import load_catalogue
from assistant.eligibility.errors import InvalidProfile
from assistant.eligibility.matcher import match_profile
from assistant.eligibility.profile import profile_from_description
from assistant.types import DocumentMeta, MatchResult, Notice

if TYPE_CHECKING:
    from assistant.llm.client import ChatModel

# Short names of profile fields, for "extracted: …" messages here and in the web form.
FIELD_NAMES = {
    "zh": {"name": "企业名称", "city": "所在市州", "district": "区县/园区", "sectors": "所属领域",
           "products": "主要产品", "roles": "企业角色", "size": "企业规模", "rd_ratio": "研发投入占比",
           "first_of_kind": "首台（套）", "needs": "诉求"},
    "en": {"name": "name", "city": "city", "district": "district", "sectors": "sectors", "products": "products",
           "roles": "roles", "size": "size", "rd_ratio": "R&D ratio", "first_of_kind": "first-of-kind",
           "needs": "needs"},
}
DISCLAIMER = Notice(
    code="eligibility_disclaimer",
    message="以上是依据方案文字和您提供的信息作出的初步匹配，不等于申报资格认定；"
            "方案没有规定具体金额、比例和申报时间，申报前请以主管部门的正式通知为准。",
    severity="info",
)


@lru_cache(maxsize=8)
def _plan_meta(policies_dir: Path, doc_id: str) -> DocumentMeta | None:
    for path in find_documents([policies_dir]):
        doc = load_document(path)
        if doc.meta.doc_id == doc_id:
            return doc.meta
    return None


def _describe_extraction(profile: Any, extracted: list[str]) -> Notice | None:
    if not extracted:
        return None
    parts = []
    for field in extracted:
        value = getattr(profile, field, None)
        if isinstance(value, list):
            value = "、".join(map(str, value))
        elif isinstance(value, bool):
            value = "是" if value else "否"
        elif field == "rd_ratio" and value is not None:
            value = f"{value:.0%}"
        parts.append(f"{FIELD_NAMES['zh'].get(field, field)}：{value}")
    return Notice(code="profile_extracted",
                  message="从描述中识别出 " + "；".join(parts) + "。如有不对，请修改企业画像后重新匹配。")


def eligibility(profile: dict[str, Any] | None = None, description: str | None = None, *,
                include_all: bool = False, id: str | None = None, knowledge_dir: Path | None = None,
                today: dt.date | None = None, chat: ChatModel | None = None) -> MatchResult:
    """Match a profile (explicit fields and/or a free-text description) against the catalogue.

    With a chat model the description is read by the LLM, the offline extractor being its fallback.
    """
    if profile is not None and not isinstance(profile, dict):
        raise InvalidProfile("企业画像应为 JSON 对象")
    explicit = dict(profile or {})
    text = description if description is not None else explicit.pop("description", None)
    if not explicit and not (text or "").strip():
        raise InvalidProfile("请提供企业画像（profile）或一段企业描述（description）")
    catalogue = load_catalogue(knowledge_dir / "catalogue.yaml" if knowledge_dir else None)
    if chat is not None:
        from assistant.llm.profile import profile_from_description_llm  # the LLM stack only when used

        company, extracted = profile_from_description_llm(text, explicit, chat=chat)
    else:
        company, extracted = profile_from_description(text, explicit)
    result = match_profile(company, catalogue, include_all=include_all)
    notices = [n for n in (_describe_extraction(company, extracted),) if n]
    policies = (knowledge_dir or Path(__file__).resolve().parents[2] / "knowledge") / "policies"
    meta = _plan_meta(policies.resolve(), catalogue.doc_id)
    if meta and (notice := validity_notice(meta, today or dt.date.today())):
        notices.append(notice)
    notices.append(DISCLAIMER)
    return result.model_copy(update={"id": id, "notices": [*result.notices, *notices]})
