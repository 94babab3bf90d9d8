"""A document that extends or repeals another one of the library (fictional documents built here)."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from assistant.documents.validity import validity_notice
from assistant.eligibility import parse_profile
from assistant.eligibility.matcher import Library, match_library
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings

TODAY = dt.date(2026, 12, 1)
VOCAB = load_vocabulary(Settings().vocabulary_path)
OLD = "青禾市智能装备首台套奖励办法（虚构）"
EXTENDER = "青禾市关于延长部分产业政策有效期的通知（虚构）"
REPEALED = "青禾市工业技改补助办法（虚构）"
SUCCESSOR = "青禾市工业技改补助实施细则（虚构）"

DOCS = {
    "qh-old": (f"""{OLD}

第一条 对青禾市内企业研制的首台（套）智能装备，按销售价格的10%给予奖励，最高不超过200万元。
第二条 企业向市经信局申报，提交首台（套）认定材料。
第三条 本办法自2023年1月1日起施行，有效期至2025年12月31日。
""", {"title": OLD, "issue_date": "2022-12-20", "region": "青禾市"}),
    "qh-extend": (f"""{EXTENDER}

一、《{OLD}》有效期延长至2027年12月31日。
二、《青禾市从未发布的办法（虚构）》有效期延长至2028年12月31日。
三、本通知自印发之日起施行。
""", {"title": EXTENDER, "issue_date": "2025-12-20", "region": "青禾市"}),
    "qh-repealed": (f"""{REPEALED}

第一条 对青禾市内企业实施的技术改造项目，按设备投资的8%给予补助，最高不超过300万元。
第二条 本办法自2024年1月1日起施行，有效期至2028年12月31日。
""", {"title": REPEALED, "issue_date": "2023-12-15", "region": "青禾市"}),
    "qh-successor": (f"""{SUCCESSOR}

第一条 对青禾市内企业的智能化改造项目给予支持，具体标准另行公布。
第二条 本细则自2026年3月1日起施行，《{REPEALED}》同时废止。
""", {"title": SUCCESSOR, "issue_date": "2026-02-10", "region": "青禾市"}),
}


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library, with_side_files

    runtime = ingested_library(tmp_path_factory.mktemp("validity-links"), with_side_files(DOCS), small_caches,
                               embedder)
    runtime.clock = lambda: TODAY
    return runtime


def test_an_extension_moves_the_end_and_keeps_the_original(library):
    meta = library.index.documents["qh-old"].meta
    assert meta.effective_to == dt.date(2027, 12, 31)
    [change] = meta.validity_changes
    assert (change.kind, change.by_doc_id, change.original_to) == ("extended", "qh-extend", dt.date(2025, 12, 31))
    assert change.sentence in library.index.documents["qh-extend"].text


def test_a_repeal_ends_the_day_before_the_successor_starts(library):
    meta = library.index.documents["qh-repealed"].meta
    assert meta.effective_to == dt.date(2026, 2, 28)
    assert [(c.kind, c.by_doc_id) for c in meta.validity_changes] == [("repealed", "qh-successor")]
    for doc_id in ("qh-extend", "qh-successor"):  # nothing changes them, a missing title changes nothing
        assert library.index.documents[doc_id].meta.validity_changes == []


def test_the_validity_notice_says_who_extended_it(library):
    meta = library.index.documents["qh-old"].meta
    zh = validity_notice(meta, TODAY, "zh")
    assert zh.code == "validity_in_force"
    assert f"原定有效期至2025年12月31日，经《{EXTENDER}》延长至2027年12月31日" in zh.message
    en = validity_notice(meta, TODAY, "en")
    assert f"Originally valid until 2025-12-31; extended to 2027-12-31 by 《{EXTENDER}》" in en.message
    repealed = validity_notice(library.index.documents["qh-repealed"].meta, TODAY, "zh")
    assert repealed.code == "validity_expired" and f"已由《{SUCCESSOR}》废止" in repealed.message


def test_items_of_an_extended_document_are_offered_of_a_repealed_one_never(library):
    index = library.index
    built = Library.build(index.items, {d: doc.meta for d, doc in index.documents.items()}, VOCAB)
    result = match_library(parse_profile({"city": "青禾市"}, VOCAB), built, TODAY, include_all=True)
    offered = {m.doc_id for m in result.matches}
    apart = {m.doc_id: m for m in result.unavailable}
    assert "qh-old" in offered and "qh-old" not in apart
    assert "qh-repealed" not in offered
    assert apart["qh-repealed"].availability_reason.startswith(f"已废止：《{SUCCESSOR}》")


def test_the_documents_api_shows_the_change(library):
    from assistant.web.server import create_app
    from assistant.web.settings import WebSettings
    from assistant.web.testing import serve

    with serve(create_app(library, WebSettings(rate_limit_per_minute=0), ui=False)) as base:
        body = httpx.get(f"{base}/api/v1/documents", timeout=60).json()
    rows = {row["meta"]["doc_id"]: row for row in body}
    old = rows["qh-old"]
    assert old["validity"] == "in_force" and old["meta"]["effective_to"] == "2027-12-31"
    assert old["meta"]["validity_changes"][0]["by_doc_id"] == "qh-extend"
    assert f"经《{EXTENDER}》延长至2027年12月31日" in old["validity_text"]
    assert rows["qh-repealed"]["validity"] == "expired" and "废止" in rows["qh-repealed"]["validity_text"]


def test_wording_variants_and_what_is_not_a_change():
    from pathlib import Path

    from assistant.documents.links import apply_validity_links
    from assistant.documents.rules import DocumentRules
    from assistant.types import Document, DocumentMeta

    def doc(doc_id: str, title: str, text: str = "……", **meta) -> Document:
        return Document(meta=DocumentMeta(doc_id=doc_id, title=title, **meta), text=text, sha256="0")

    rules = DocumentRules.load(Path(Settings().document_rules_dir)).links
    docs = [doc("a", "甲办法（虚构）", effective_to=dt.date(2025, 12, 31)),
            doc("b", "乙措施（虚构）", effective_to=dt.date(2025, 6, 30)), doc("c", "丙规定（虚构）"),
            doc("y", "延期通知（虚构）", "一、《甲办法（虚构）》（青政〔2023〕1号）、《乙措施（虚构）》"
                "的有效期统一延长至"
                "2027年底。二、《丙规定（虚构）》继续执行至2026年12月31日。", issue_date=dt.date(2025, 6, 1)),
            doc("z", "新办法（虚构）", "本办法自2026年1月1日起施行，《乙措施（虚构）》第五条同时废止。",
                effective_from=dt.date(2026, 1, 1))]
    out = {d.meta.doc_id: d.meta for d in apply_validity_links(docs, rules)}
    assert (out["a"].effective_to, out["b"].effective_to) == (dt.date(2027, 12, 31), dt.date(2027, 12, 31))
    assert out["c"].effective_to == dt.date(2026, 12, 31) and out["c"].validity_changes[0].original_to is None
    assert [c.kind for c in out["b"].validity_changes] == ["extended"]  # 第五条 only: the document stays
