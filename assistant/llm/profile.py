"""Company profiles extracted by the LLM, with the offline keyword extractor as the fallback.

    profile, filled = profile_from_description_llm("我们是襄阳一家做减速器的企业，想贷款", None, chat=chat)

Same contract as assistant.eligibility.profile_from_description: explicit fields win, `filled`
names the fields taken from the description. The model's JSON (prompts/profile.md) is checked
field by field with parse_profile, so a wrong value loses only that field; when the model
fails, replies with no usable JSON or no usable field, the offline extractor answers instead.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

from assistant.eligibility import InvalidProfile, parse_profile, profile_from_description
from assistant.eligibility.profile import FIELDS
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.llm.client import ChatModel, complete
from assistant.llm.errors import LLMBadOutput, LLMError
from assistant.llm.prompts import load_prompt
from assistant.settings import REPO_ROOT
from assistant.types import CompanyProfile

log = logging.getLogger(__name__)

_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)


def parse_json_object(reply: str) -> dict[str, Any]:
    """The JSON object in a reply (code fences and text around it tolerated); LLMBadOutput if none."""
    text = _FENCE.sub("", reply.strip())
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise LLMBadOutput("语言模型没有返回 JSON 对象")
    try:
        data = json.loads(text[start:end + 1])
    except json.JSONDecodeError:
        raise LLMBadOutput("语言模型返回的 JSON 无法解析") from None
    if not isinstance(data, dict):
        raise LLMBadOutput("语言模型返回的 JSON 不是对象")
    return data


def valid_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The fields of data that parse_profile accepts, each checked on its own (city with district)."""
    vocab = load_vocabulary()
    out: dict[str, Any] = {}
    present = {k: v for k, v in data.items() if k in FIELDS and k != "description" and v not in (None, "", [])}
    for key, value in present.items():
        if key == "district":
            continue
        candidate = {key: value}
        if key == "city" and "district" in present:
            candidate["district"] = present["district"]
        try:
            parsed = parse_profile(candidate, vocab)
        except (InvalidProfile, ValueError, TypeError):
            if key != "city" or "district" not in candidate:
                continue
            try:
                parsed = parse_profile({key: value}, vocab)
            except (InvalidProfile, ValueError, TypeError):
                continue
        for name in candidate:
            got = getattr(parsed, name)
            if got not in (None, []):
                out[name] = got
    return out


def profile_from_description_llm(
    text: str | None,
    explicit: dict[str, Any] | None = None,
    *,
    chat: ChatModel | None,
    prompts_dir: Path | None = None,
) -> tuple[CompanyProfile, list[str]]:
    """Like profile_from_description, with the fields read by the LLM when one is given and works."""
    vocab = load_vocabulary()
    base = parse_profile(dict(explicit or {}), vocab)  # the caller's own mistakes are reported, not hidden
    description = (text or "").strip() or base.description or ""
    if chat is None or not description:
        return profile_from_description(text, explicit)
    try:
        prompt = load_prompt("profile", prompts_dir or REPO_ROOT / "prompts")
        messages = prompt.format_messages(
            description=description,
            roles="、".join(vocab.roles),
            sectors="、".join(vocab.sectors),
            needs="、".join(vocab.needs),
            sizes="、".join(vocab.sizes),
        )
        extracted = valid_fields(parse_json_object(complete(chat, messages)))
        if not extracted:
            raise LLMBadOutput("语言模型没有提取出可用的画像字段")
    except LLMError as exc:
        log.warning("LLM profile extraction failed (%s); using the offline extractor", exc.code)
        return profile_from_description(text, explicit)
    merged = base.model_dump()
    filled: list[str] = []
    for field in FIELDS:
        if field in extracted and merged[field] in (None, []):
            if field == "district" and extracted.get("city") != merged["city"]:
                continue
            merged[field] = extracted[field]
            filled.append(field)
    if not merged["description"]:
        merged["description"] = description
    return CompanyProfile.model_validate(merged), filled
