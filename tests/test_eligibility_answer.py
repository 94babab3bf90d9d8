"""The eligibility answer's lead line: it names one document only when every listed item comes from it."""

from __future__ import annotations

import datetime as dt

from assistant.answering.eligibility import _heading
from assistant.answering.messages import answer_messages
from assistant.eligibility import parse_profile
from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.types import DocumentMeta, ItemCondition, ItemQuote, SupportItem

VOCAB = load_vocabulary(Settings().vocabulary_path)
MSG = answer_messages(Settings().messages_dir)
TODAY = dt.date(2026, 12, 1)
DOCS = {"city": DocumentMeta(doc_id="city", title="襄阳市若干措施（虚构）", region="襄阳市", level="市"),
        "nat": DocumentMeta(doc_id="nat", title="全国项目通知（虚构）", region="全国", level="国家")}


def _item(doc: str, n: int, sentence: str) -> SupportItem:
    q = ItemQuote(clause_id=f"{doc}#第{n}条", anchor=f"第{n}条", start=0, end=len(sentence), quote=sentence)
    return SupportItem(id=f"{doc}:{n}", doc_id=doc, category="funding_channel", kind="奖励", title=f"事项{n}",
                       conditions=[ItemCondition(kind="region", text=DOCS[doc].region, source="document")],
                       benefit_quote=q, citations=[q])


def _head(items: list[SupportItem], lang: str) -> str:
    result = match_library(parse_profile({"city": "襄阳"}, VOCAB), Library.build(items, DOCS, VOCAB), TODAY)
    citations = [m.citations[0] for m in result.matches]
    return _heading(MSG, lang, result, result.matches, result.matches, citations)


def test_lead_line_names_the_one_document_its_items_come_from():
    head = _head([_item("city", 1, "给予奖励。"), _item("city", 2, "给予补助。")], "zh")
    assert "《襄阳市若干措施（虚构）》" in head and "2 项" in head


def test_lead_line_of_items_from_several_documents_names_none_of_them():
    items = [_item("nat", 1, "给予补助。"), _item("city", 1, "给予奖励。"), _item("city", 2, "给予贴息。")]
    for lang in ("zh", "en"):
        head = _head(items, lang)
        assert "襄阳市若干措施" not in head and "全国项目通知" not in head
        assert ("2 份" in head) if lang == "zh" else ("2 documents" in head)
