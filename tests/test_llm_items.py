"""Support items proposed by an LLM at ingest (ASSISTANT_ITEMS__LLM): kept only where the text bears them out.

The ingest tests drive the real client against the scripted OpenAI server on 127.0.0.1
(tests/openai_stub.py); the grounding tests call the proposer with the in-memory FakeChatModel.
"""
# ruff: noqa: E501 (the documents' lines are long, as real ones are)

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from openai_stub import OpenAIStub, Reply, free_port_closed

from assistant.documents.clauses import parse_clauses
from assistant.documents.items import extract_items
from assistant.documents.rules import DocumentRules
from assistant.ingest import ingest
from assistant.llm import FakeChatModel, load_prompt
from assistant.llm.items import LLMItemProposer
from assistant.runtime import Runtime
from assistant.settings import REPO_ROOT, ItemProposalSettings, Settings
from assistant.types import Document, DocumentMeta, SupportItem

RULES = DocumentRules.load(Settings().document_rules_dir)
PROMPTS = REPO_ROOT / "prompts"

POLICY = """（虚构测试文件）青川市促进智能装备企业发展的若干措施

第一条 总体要求。推动全市智能装备产业加快发展。
第二条 鼓励做大做强。对年主营业务收入首次突破2亿元、纳税信用等级为A级的智能装备企业，给予一次性奖励80万元。
第三条 人才安居。企业新引进的高层次人才可申请入住人才公寓，三年内不收取租金。
第四条 平台建设。经认定的市级工业设计中心，一次性给予五十万元建设经费。
第五条 申报时间。请于2025年9月30日前向市经信局提交申请。
"""

OTHER = """（虚构测试文件）青川市智能装备首台套推广办法

第一条 首台套推广。对首次认定的首台（套）重大技术装备，给予一次性奖励100万元。
"""

# What a model might answer for POLICY: some of it grounded, some not.
PROPOSALS = {"items": [
    {"clause": "第二条", "benefit_quote": "对年主营业务收入首次突破2亿元、纳税信用等级为A级的智能装备企业，给予一次性奖励80万元",
     "conditions": [{"kind": "attestation", "text": "纳税信用等级为A级", "quote": "纳税信用等级为A级"},
                    {"kind": "revenue_min", "value": 20000, "quote": "年主营业务收入首次突破2亿元"}]},
    {"clause": "第三条", "benefit_quote": "企业新引进的高层次人才可申请入住人才公寓，三年内不收取租金。",
     "title": "人才安居", "beneficiaries": ["高层次人才", "博士后"],
     "amounts": [{"kind": "lump_sum", "value": 20, "quote": "给予一次性安家补贴20万元"},
                 {"kind": "lump_sum", "value": 3, "quote": "三年内不收取租金"}]},
    {"clause": "第三条", "benefit_quote": "对高层次人才给予一次性安家补贴20万元"},  # hallucinated
    {"clause": "第四条", "benefit_quote": "经认定的市级工业设计中心，一次性给予五十万元建设经费",
     "conditions": [{"kind": "certification", "text": "市级工业设计中心", "quote": "经认定的市级工业设计中心"},
                    {"kind": "revenue_min", "value": 1000, "quote": "年主营业务收入1000万元以上"}],
     "amounts": [{"kind": "lump_sum", "value": 50, "quote": "一次性给予五十万元建设经费"},
                 {"kind": "lump_sum", "value": 500, "quote": "一次性给予五十万元"}],
     "window": {"deadline": "2025-09-30", "quote": "请于2025年9月30日前向市经信局提交申请", "clause": "第五条"}},
]}


def _reply(data: dict) -> Reply:
    return Reply(json.dumps(data, ensure_ascii=False))


def _knowledge(root: Path, *policies: tuple[str, str]) -> Path:
    knowledge = root / "knowledge"
    (knowledge / "policies").mkdir(parents=True)
    for name in ("lexicon", "documents", "messages"):
        (knowledge / name).symlink_to(REPO_ROOT / "knowledge" / name, target_is_directory=True)
    for name, text in policies:
        (knowledge / "policies" / name).write_text(text, encoding="utf-8")
    return knowledge


@pytest.fixture(scope="module")
def seeded_cache(tmp_path_factory, small_caches, embedder) -> Path:
    """The caches of one offline ingest of POLICY and OTHER: each test's own ingest embeds nothing anew."""
    root = tmp_path_factory.mktemp("llm-items-seed")
    data = root / "data"
    shutil.copytree(small_caches / "jieba", data / "cache" / "jieba")
    knowledge = _knowledge(root, ("qingchuan.txt", POLICY), ("qingchuan-other.txt", OTHER))
    runtime = Runtime(Settings(data_dir=data, knowledge_dir=knowledge), embedder=embedder, chat_model=None)
    assert ingest(runtime).status == "built"
    return data / "cache"


def _runtime(tmp_path: Path, seeded_cache: Path, embedder, url: str | None, **limits) -> Runtime:
    data = tmp_path / "data"
    if not (data / "cache").exists():
        for name in ("jieba", "embeddings"):
            shutil.copytree(seeded_cache / name, data / "cache" / name)
    knowledge = tmp_path / "knowledge"
    if not knowledge.exists():
        _knowledge(tmp_path, ("qingchuan.txt", POLICY))
    settings = Settings(data_dir=data, knowledge_dir=knowledge, llm_model="stub-model" if url else None,
                        openai_base_url=url, llm_max_retries=0,
                        items=ItemProposalSettings(llm=True, **{"timeout_s": 5.0, **limits}))
    return Runtime(settings, embedder=embedder)


def _rules_items(runtime: Runtime) -> list[SupportItem]:
    """What the rules alone make of the build's documents (the offline default)."""
    index = runtime.index
    return [i for d in index.documents.values()
            for i in extract_items(d, [c for c in index.clauses if c.doc_id == d.meta.doc_id], RULES.items)]


def _verbatim(runtime: Runtime, item: SupportItem) -> None:
    text = runtime.index.documents[item.doc_id].text
    quotes = [item.benefit_quote, *item.citations, *[a.quote for a in item.benefit],
              *[c.quote for c in item.conditions if c.quote], *([item.window.quote] if item.window else [])]
    for q in quotes:
        assert text[q.start:q.end] == q.quote
        clause = runtime.index.clause(q.clause_id)
        assert clause is not None and clause.start <= q.start and q.end <= clause.end


# ── through ingest, against the scripted server ──


def test_grounded_proposals_are_added_and_the_rest_dropped(tmp_path, seeded_cache, embedder):
    with OpenAIStub() as stub:
        stub.enqueue(_reply(PROPOSALS))
        runtime = _runtime(tmp_path, seeded_cache, embedder, stub.url)
        report = ingest(runtime)
        assert len(stub.requests) == 1 and stub.requests[0]["path"].endswith("/chat/completions")
        sent = stub.requests[0]["json"]["messages"][-1]["content"]
    assert report.status == "built" and report.items_llm is not None and report.items_llm.warning is None
    assert "第三条 人才安居" in sent and "总体要求" not in sent  # the rules' no-item sections are not sent
    items = {i.id: i for i in runtime.index.items}
    rules = {i.id: i for i in _rules_items(runtime)}
    llm = [i for i in items.values() if i.source == "llm"]
    assert sorted(i.benefit_quote.anchor for i in llm) == ["第三条", "第四条"]  # the hallucinated one is gone
    for item in items.values():
        _verbatim(runtime, item)

    talent = next(i for i in llm if i.benefit_quote.anchor == "第三条")
    assert talent.id == "qingchuan:第三条-llm1" and talent.kind == "人才"  # kind read by the rules' words
    assert talent.title == "人才安居" and talent.beneficiaries == ["高层次人才"]  # 博士后 is not in the clause
    assert talent.benefit == []  # one amount not verbatim, one that does not parse from its quote
    assert talent.benefit_quote.quote == "企业新引进的高层次人才可申请入住人才公寓，三年内不收取租金"

    centre = next(i for i in llm if i.benefit_quote.anchor == "第四条")
    assert [(a.kind, a.value, a.text, a.extracted_by) for a in centre.benefit] == [
        ("lump_sum", 50.0, "一次性给予五十万元建设经费", "llm")]  # 五十 read by the rules' parser; 500 dropped
    assert [(c.kind, c.text, c.extracted_by) for c in centre.conditions if c.source == "text"] == [
        ("certification", "市级工业设计中心", "llm")]  # the revenue threshold was not in the clause
    assert centre.window is not None and centre.window.deadline == dt.date(2025, 9, 30)
    assert centre.window.scope == "document" and centre.window.quote.anchor == "第五条"

    # The rules' items stay; the one on 第二条 gains only the condition it lacked, marked as the model's.
    assert set(rules) <= set(items)
    for item_id, rule_item in rules.items():
        if item_id != "qingchuan:第二条":
            assert items[item_id] == rule_item
    award = items["qingchuan:第二条"]
    assert award.source == "rules"
    added = [c for c in award.conditions if c.extracted_by == "llm"]
    assert [(c.kind, c.text) for c in added] == [("attestation", "纳税信用等级为A级")]
    assert [c for c in award.conditions if c.extracted_by == "rules"] == rules["qingchuan:第二条"].conditions
    r = report.items_llm
    assert (r.calls, r.proposed, r.added_items, r.added_conditions, r.duplicates) == (1, 4, 2, 1, 1)
    assert r.dropped == 6  # hallucinated item, 2 amounts and a threshold of 第三条/第四条, 500, 博士后


@pytest.mark.parametrize("fault", ["junk", "garbage", "http500", "http400", "timeout", "down"])
def test_any_model_failure_leaves_the_rules_items_and_one_warning(fault, tmp_path, seeded_cache, embedder):
    replies = {"junk": Reply("好的，以下是支持事项：第三条人才公寓"), "garbage": Reply(garbage=True),
               "http500": Reply(status=500), "http400": Reply(status=400),
               "timeout": Reply(_reply(PROPOSALS).text, delay=3.0)}
    with OpenAIStub() as stub:
        if fault in replies:
            stub.enqueue(replies[fault])
        url = free_port_closed() if fault == "down" else stub.url
        runtime = _runtime(tmp_path, seeded_cache, embedder, url, timeout_s=1.0)
        report = ingest(runtime)
    assert report.status == "built"
    assert runtime.index.items == _rules_items(runtime)  # exactly as offline
    assert all(i.source == "rules" for i in runtime.index.items)
    warning = report.items_llm.warning
    assert warning and "只用规则" in warning and "stub" not in warning.lower()
    assert report.items_llm.added_items == 0
    assert not list((tmp_path / "data" / "cache" / "llm_items").glob("*.json"))  # a failure is not cached


def test_the_ingest_after_a_failure_asks_again(tmp_path, seeded_cache, embedder):
    with OpenAIStub() as stub:
        stub.enqueue(Reply(status=503), _reply(PROPOSALS))
        runtime = _runtime(tmp_path, seeded_cache, embedder, stub.url)
        assert ingest(runtime).items_llm.warning
        again = ingest(runtime)  # not "up to date": the build's proposals were incomplete
        assert again.status == "built" and again.items_llm.warning is None and len(stub.requests) == 2
        assert again.items_llm.added_items == 2
        assert ingest(runtime).status == "up_to_date" and len(stub.requests) == 2


def test_unchanged_clauses_are_not_sent_again_and_turning_it_on_rebuilds(tmp_path, seeded_cache, embedder):
    offline = _runtime(tmp_path, seeded_cache, embedder, None)  # items.llm on but no model: the rules only
    assert offline.item_proposer() is None
    assert ingest(offline).status == "built"
    with OpenAIStub() as stub:
        stub.enqueue(_reply(PROPOSALS), _reply({"items": []}))
        runtime = _runtime(tmp_path, seeded_cache, embedder, stub.url)
        first = ingest(runtime)  # the same documents, but proposals are new to this index
        assert first.status == "built" and len(stub.requests) == 1
        llm_ids = {i.id for i in runtime.index.items if i.source == "llm"}
        assert llm_ids

        assert ingest(runtime).status == "up_to_date" and len(stub.requests) == 1
        other = tmp_path / "qingchuan-other.txt"
        other.write_text(OTHER, encoding="utf-8")
        second = ingest(runtime, [other])  # a rebuild: only the new document's clauses are asked about
        assert second.status == "built" and len(stub.requests) == 2
        assert "首台套推广" in stub.requests[1]["json"]["messages"][-1]["content"]
        assert (second.items_llm.calls, second.items_llm.cached) == (1, 1)
        assert llm_ids <= {i.id for i in runtime.index.items if i.source == "llm"}


# ── the proposer on its own ──


def _policy(text: str = POLICY) -> tuple[Document, list]:
    meta = DocumentMeta(doc_id="qc", title="青川", region="青川市", level="市", issue_date=dt.date(2025, 3, 1))
    return Document(meta=meta, text=text, sha256="x"), parse_clauses("qc", text)


def _propose(tmp_path: Path, *replies: dict, text: str = POLICY,
             **limits) -> tuple[list[SupportItem], FakeChatModel, LLMItemProposer]:
    doc, clauses = _policy(text)
    chat = FakeChatModel([json.dumps(r, ensure_ascii=False) for r in replies])
    proposer = LLMItemProposer(chat, PROMPTS, tmp_path / "cache", ItemProposalSettings(llm=True, **limits))
    return proposer(doc, clauses, extract_items(doc, clauses, RULES.items), RULES.items), chat, proposer


def test_amounts_and_thresholds_must_reparse_from_their_quote(tmp_path):
    reply = {"items": [{"clause": "第四条", "benefit_quote": "经认定的市级工业设计中心，一次性给予五十万元建设经费",
                        "amounts": [{"kind": "lump_sum", "value": 50, "value_min": 10, "quote": "一次性给予五十万元"},
                                    {"kind": "ratio", "value": 0.5, "quote": "一次性给予五十万元"},
                                    {"kind": "cap", "value": "50", "quote": "五十万元"}],
                        "conditions": [{"kind": "employees_min", "value": 50, "quote": "一次性给予五十万元"},
                                       {"kind": "sector", "text": "工业设计", "quote": "市级工业设计中心"},
                                       {"kind": "size", "text": "中小企业", "quote": "市级工业设计中心"},
                                       {"kind": "region", "text": "青川", "quote": "市级", "extra": 1}]}]}
    items, _, proposer = _propose(tmp_path, reply)
    centre = next(i for i in items if i.source == "llm")
    # a range the parser does not read, a ratio with no percent, no 人 count; a name not in its quote; an unknown key
    assert [(a.kind, a.value) for a in centre.benefit] == [("cap", 50.0)]
    assert [(c.kind, c.text) for c in centre.conditions if c.source == "text"] == [("sector", "工业设计")]
    assert centre.conditions[0].source == "document" and centre.conditions[0].text == "青川市"
    assert proposer.report().dropped == 5


def test_a_window_needs_its_dates_in_its_quote_and_items_their_clause_in_the_batch(tmp_path):
    reply = {"items": [
        {"clause": "第三条", "benefit_quote": "可申请入住人才公寓",
         "window": {"deadline": "2025-10-31", "quote": "请于2025年9月30日前向市经信局提交申请", "clause": "第五条"}},
        {"clause": "第一条", "benefit_quote": "推动全市智能装备产业加快发展"},  # not sent (总体要求)
        {"clause": "第五条", "benefit_quote": "请于2025年9月30日前向市经信局提交申请"},  # a date, no benefit
        {"clause": "第三条", "benefit_quote": "人才公寓"},  # too short to be a sentence
        "not an object",
    ]}
    items, _, proposer = _propose(tmp_path, reply)
    llm = [i for i in items if i.source == "llm"]
    assert [i.benefit_quote.quote for i in llm] == ["可申请入住人才公寓"] and llm[0].window is None
    assert proposer.report().dropped == 5


def test_only_a_clause_saying_youxian_makes_a_condition_soft(tmp_path):
    text = POLICY + "第六条 人才公寓。企业引进的博士可申请入住人才公寓，高新技术企业引进的优先入住。\n"
    soft = {"kind": "certification", "text": "高新技术企业", "hard": False, "quote": "高新技术企业引进的优先入住"}
    reply = {"items": [
        {"clause": "第四条", "benefit_quote": "经认定的市级工业设计中心，一次性给予五十万元建设经费",
         "conditions": [{"kind": "certification", "text": "市级工业设计中心", "hard": False,
                         "quote": "经认定的市级工业设计中心"}]},
        {"clause": "第六条", "benefit_quote": "企业引进的博士可申请入住人才公寓", "conditions": [soft]},
    ]}
    items, _, _ = _propose(tmp_path, reply, text=text)
    centre, flat = (next(i for i in items if i.benefit_quote.anchor == a) for a in ("第四条", "第六条"))
    assert centre.source == flat.source == "llm"
    assert [c.hard for c in centre.conditions if c.source == "text"] == [True]  # 第四条 says no 优先
    assert [(c.text, c.hard) for c in flat.conditions if c.source == "text"] == [("高新技术企业", False)]


def test_a_reply_is_read_up_to_five_items_per_clause_sent(tmp_path):
    one = {"clause": "第三条", "benefit_quote": "企业新引进的高层次人才可申请入住人才公寓"}
    _, _, proposer = _propose(tmp_path, {"items": [one] * 50}, max_clauses_per_call=2, max_calls_per_document=1)
    report = proposer.report()
    assert report.proposed == 50 and report.dropped == 40 and report.duplicates == 9  # two clauses sent: 10 read


def test_calls_are_bounded_per_document(tmp_path):
    items, chat, proposer = _propose(tmp_path, {"items": []}, {"items": []}, {"items": []},
                                     max_clauses_per_call=1, max_calls_per_document=2)
    assert len(chat.history) == 2 and chat.pending == 1
    sent = [messages[-1].content for messages in chat.history]
    assert [m.count('{"clause"') for m in sent] == [1, 1]
    assert '"clause": "第二条"' in sent[0] and '"clause": "第三条"' in sent[1]
    assert proposer.report().skipped_clauses == 2  # 第二条…第五条 sendable (序 is a heading), two sent
    doc, clauses = _policy()
    assert items == extract_items(doc, clauses, RULES.items)


def test_after_a_failure_no_more_calls_are_made(tmp_path):
    doc, clauses = _policy()
    rules_items = extract_items(doc, clauses, RULES.items)
    chat = FakeChatModel([json.dumps(PROPOSALS, ensure_ascii=False), "{broken"])
    proposer = LLMItemProposer(chat, PROMPTS, tmp_path / "cache", ItemProposalSettings(llm=True, max_clauses_per_call=2))
    assert proposer(doc, clauses, rules_items, RULES.items) == rules_items  # second batch failed: nothing used
    assert proposer(doc, clauses, rules_items, RULES.items) == rules_items and len(chat.history) == 2
    report = proposer.report()
    assert "2 份文档" in report.warning and report.added_items == 0


def test_the_items_prompt_declares_its_variables():
    prompt = load_prompt("items", PROMPTS)
    assert set(prompt.variables) == {"title", "clauses", "condition_kinds", "amount_kinds"}
    messages = prompt.format_messages(title="t", clauses="{}", condition_kinds="region", amount_kinds="cap")
    assert '{"items": []}' in messages[0].content and "region" in messages[0].content


def test_the_model_is_sent_only_the_clauses_the_rules_read_for_items(tmp_path):
    """One definition of a clause that may hold items (documents/items.may_hold_items): a short line
    ending in a colon (第六条 申报须知：) is a heading, for the rules and for the model alike."""
    from assistant.documents.items import may_hold_items
    from assistant.types import Clause

    line = "第六条 申报须知："
    doc, clauses = _policy(POLICY + line + "\n")
    heading = Clause(id="qc#第六条", doc_id="qc", anchor="第六条", section="第六条申报须知", title="申报须知",
                     start=len(POLICY), end=len(POLICY) + len(line), text=line)
    assert not may_hold_items(heading, RULES.items)
    chat = FakeChatModel([json.dumps({"items": []})])
    proposer = LLMItemProposer(chat, PROMPTS, tmp_path / "cache", ItemProposalSettings(llm=True, max_clauses_per_call=10))
    proposer(doc, [*clauses, heading], extract_items(doc, clauses, RULES.items), RULES.items)
    sent = "".join(messages[-1].content for messages in chat.history)
    assert '"clause": "第二条"' in sent and '"clause": "第六条"' not in sent
