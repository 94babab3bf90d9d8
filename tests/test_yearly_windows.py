"""A window that recurs every year (每年4月1日至4月30日受理) is read as yearly: between two runs the item of a
document in force is offered with its next run, never listed as closed; a dated window that passed is closed,
and so is a yearly one whose document ends before its next run. Fictional document written here."""

from __future__ import annotations

import datetime as dt

from assistant.documents.clauses import parse_clauses
from assistant.documents.items import extract_items
from assistant.documents.rules import DocumentRules
from assistant.eligibility import parse_profile
from assistant.eligibility.matcher import Library, match_library, yearly_run
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.types import Document, DocumentMeta, SupportItem

RULES = DocumentRules.load(Settings().document_rules_dir)
VOCAB = load_vocabulary(Settings().vocabulary_path)

TEXT = """湖北省智能仓储装备推广应用资金管理办法（虚构测试文档）
第一条 为推广智能仓储装备，制定本办法。
第二条 对企业购置智能仓储设备的，按设备投资额的8%给予补助，单个企业最高不超过60万元。申报受理时间为每年4月1日至4月30日。
第三条 对新认定的省级企业技术中心，一次性奖励30万元，企业于每年10月31日前提交申请。
第四条 对参加2026年智能仓储展会的企业给予展位费补贴，每家最高5万元，申报截止时间为2026年5月31日。
"""


def _items(effective_to: dt.date) -> tuple[list[SupportItem], DocumentMeta]:
    meta = DocumentMeta(doc_id="store", title=TEXT.splitlines()[0], region="湖北省", level="省",
                        issue_date=dt.date(2026, 1, 10), effective_from=dt.date(2026, 2, 1),
                        effective_to=effective_to)
    doc = Document(meta=meta, text=TEXT, sha256="x")
    return extract_items(doc, parse_clauses("store", TEXT), RULES.items), meta


def _by_article(items: list[SupportItem]) -> dict[str, SupportItem]:
    return {i.benefit_quote.anchor: i for i in items}


def _match(today: dt.date, effective_to: dt.date = dt.date(2029, 12, 31)) -> dict[str, object]:
    items, meta = _items(effective_to)
    library = Library.build(items, {"store": meta}, VOCAB)
    result = match_library(parse_profile({"city": "武汉"}, VOCAB), library, today, include_all=True)
    return {m.citations[0].anchor: m for m in [*result.matches, *result.unavailable]}  # the benefit's clause


def test_every_year_dates_are_read_as_a_yearly_window():
    items = _by_article(_items(dt.date(2029, 12, 31))[0])
    second, third = items["第二条"].window, items["第三条"].window
    assert second.recurring == "yearly"
    assert (second.opens, second.deadline) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert third.recurring == "yearly" and third.deadline == dt.date(2026, 10, 31)
    assert items["第四条"].window.recurring is None  # 2026年5月31日: one date, once


def test_between_runs_the_item_is_offered_with_its_next_run_and_a_passed_dated_window_is_closed():
    found = _match(dt.date(2026, 12, 1))
    # open between runs; may_qualify: buying the equipment (对企业购置…的) is the company's to confirm
    assert found["第二条"].availability == "open" and found["第二条"].status == "may_qualify"
    assert (found["第二条"].opens, found["第二条"].deadline) == (dt.date(2027, 4, 1), dt.date(2027, 4, 30))
    assert found["第三条"].availability == "open" and found["第三条"].deadline == dt.date(2027, 10, 31)
    assert found["第四条"].availability == "closed" and found["第四条"].status == "unavailable"


def test_inside_a_run_the_days_left_count_to_that_runs_end():
    found = _match(dt.date(2027, 4, 15))
    assert found["第二条"].availability == "open" and found["第二条"].days_left == 15
    assert found["第二条"].deadline == dt.date(2027, 4, 30)


def test_a_yearly_window_whose_document_ends_before_the_next_run_is_closed():
    found = _match(dt.date(2026, 12, 1), effective_to=dt.date(2027, 3, 31))
    assert found["第二条"].availability == "closed" and found["第二条"].status == "unavailable"
    assert found["第二条"].availability_reason == "申报已截止 2026-04-30"


def test_a_yearly_run_that_crosses_new_year():
    run = yearly_run(dt.date(2026, 12, 1), dt.date(2026, 1, 31), dt.date(2027, 1, 10))
    assert run == (dt.date(2026, 12, 1), dt.date(2027, 1, 31))


def test_the_watch_shows_a_yearly_windows_run_of_the_day():
    from assistant.watch.library import LibraryView

    items, meta = _items(dt.date(2029, 12, 31))
    view = LibraryView(None, library=Library.build(items, {"store": meta}, VOCAB))
    watched = {w.citations[0].anchor: w for w in view.watch_items(dt.date(2026, 12, 1))}
    assert (watched["第二条"].opens, watched["第二条"].deadline) == (dt.date(2027, 4, 1), dt.date(2027, 4, 30))
    assert watched["第四条"].deadline == dt.date(2026, 5, 31)  # a dated window keeps its dates
