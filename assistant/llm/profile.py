"""Company profiles read by the LLM: a ProfileExtractor with the offline extractor as its fallback.

    extractor = LLMProfileExtractor(chat, vocab, settings.prompts_dir, fallback=OfflineExtractor(vocab))
    extractor.extract("我们是襄阳一家做减速器的企业，想贷款").fields   # {"city": "襄阳", ...}

The Runtime builds it and hands it to the eligibility component (which never imports this
module). The model's JSON (prompts/profile.md) is checked field by field with parse_profile, so
a wrong value loses only that field; when the model fails, replies with no usable JSON or no
usable field, the fallback answers instead. Merging with explicit fields is
assistant.eligibility.profile.merge_explicit, the same for both extractors.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from assistant.eligibility import InvalidProfile, parse_profile
from assistant.eligibility.profile import FIELDS, Extraction, ProfileExtractor
from assistant.eligibility.vocabulary import Vocabulary
from assistant.llm.client import ChatModel, complete, parse_json_object
from assistant.llm.errors import LLMBadOutput, LLMError
from assistant.llm.prompts import load_prompt

log = logging.getLogger(__name__)


def valid_fields(data: dict[str, Any], vocab: Vocabulary) -> dict[str, Any]:
    """The fields of data that parse_profile accepts, each checked on its own (city with district)."""
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
            if got not in (None, [], {}):
                out[name] = got
    return out


class LLMProfileExtractor:
    """A ProfileExtractor that asks the LLM (prompts/profile.md), and the fallback when it fails."""

    def __init__(self, chat: ChatModel, vocab: Vocabulary, prompts_dir: Path, fallback: ProfileExtractor) -> None:
        self.chat = chat
        self.vocab = vocab
        self.prompts_dir = prompts_dir
        self.fallback = fallback

    def extract(self, description: str) -> Extraction:
        if not description.strip():
            return Extraction({}, "llm")
        try:
            return Extraction(self._ask(description), "llm")
        except LLMError as exc:
            log.warning("LLM profile extraction failed (%s); using the offline extractor", exc.code)
            return self.fallback.extract(description)

    def _ask(self, description: str) -> dict[str, Any]:
        vocab = self.vocab
        prompt = load_prompt("profile", self.prompts_dir)
        messages = prompt.format_messages(
            description=description,
            roles="、".join(vocab.roles),
            sectors="、".join(vocab.sectors),
            needs="、".join(vocab.needs),
            sizes="、".join(vocab.sizes),
            certifications="、".join(c.name for c in vocab.certifications),
            this_year=str(dt.date.today().year),  # dates 去年认定 (relative years) in the model's reply
        )
        extracted = valid_fields(parse_json_object(complete(self.chat, messages)), vocab)
        if not extracted:
            raise LLMBadOutput("语言模型没有提取出可用的画像字段")
        return extracted
