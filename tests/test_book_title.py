"""One book-title helper (assistant.text.book_title) wherever a title is framed in 《》 (issue 13 point 6/7):
a 解读 titled 《X若干措施》政策解读 was shown as 《《X若干措施》政策解读》 in validity notices, answer
headings, sources, match rows and the report. A title is framed once; one quoting another title takes
the national standard's nesting 《〈X〉政策解读》 (GB/T 15834-2011); comparing drops the enclosing pair."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.documents.validity import validity_notice
from assistant.evaluation.related import field_right, notice_for
from assistant.settings import REPO_ROOT
from assistant.text import bare_title, book_title, names_title, quoted, title_key
from assistant.types import Answer, Citation, CompanyProfile, DocumentMeta, Match, MatchResult
from assistant.web.render import answer_markdown, match_document, sources_text

JIEDU = "《襄阳市推动智能制造装备产业高质量发展若干措施》政策解读（虚构测试文档）"
FRAMED = "《〈襄阳市推动智能制造装备产业高质量发展若干措施〉政策解读（虚构测试文档）》"


@pytest.mark.parametrize(("title", "framed"), [
    ("加快全省智能制造装备产业发展行动方案", "《加快全省智能制造装备产业发展行动方案》"),
    ("《加快全省智能制造装备产业发展行动方案》", "《加快全省智能制造装备产业发展行动方案》"),  # already framed
    (JIEDU, FRAMED),
    ("关于印发《湖北省首台套认定办法》的通知", "《关于印发〈湖北省首台套认定办法〉的通知》"),
    ("《A办法》与《B细则》解读", "《〈A办法〉与〈B细则〉解读》"),  # two quoted titles: no enclosing pair
    ("", ""),
])
def test_book_title_frames_once(title, framed):
    assert book_title(title) == framed
    assert book_title(framed) == framed  # idempotent
    assert "《《" not in book_title(title) and "》》" not in book_title(title)


def test_comparing_drops_the_enclosing_pair_and_reads_nested_marks_as_one():
    assert bare_title("《X办法》") == "X办法" and bare_title("《A》与《B》") == "《A》与《B》"
    assert title_key(FRAMED) == title_key(JIEDU) == JIEDU
    assert names_title(f"{FRAMED}的执行期为……", JIEDU) and names_title(f"{JIEDU}的执行期", JIEDU)
    assert not names_title("《襄阳市推动智能制造装备产业高质量发展若干措施》的执行期", JIEDU)


def _meta(title: str) -> DocumentMeta:
    return DocumentMeta(doc_id="jiedu", title=title, effective_from=dt.date(2024, 1, 1),
                        effective_to=dt.date(2026, 12, 31))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_validity_notice_frames_a_jiedu_title_once(lang):
    notice = validity_notice(_meta(JIEDU), dt.date(2025, 6, 1), lang)
    assert notice is not None and FRAMED in notice.message and "《《" not in notice.message
    # the evaluator still finds the document's notice by its title
    answer = Answer(question="q", answer="a", abstained=False, citations=[], mode="extractive", notices=[notice])
    assert notice_for(answer, JIEDU, "in_force", dt.date(2026, 12, 31))


def _citation() -> Citation:
    return Citation(n=1, doc_id="jiedu", doc_title=JIEDU, anchor="一", section="一、", quote="答。", start=0, end=2,
                    score=1.0)


def test_sources_rows_and_chat_frame_titles_once():
    c = _citation()
    answer = Answer(question="q", answer="答。[1]", abstained=False, citations=[c], mode="extractive")
    for text in (sources_text(answer, "zh"), answer_markdown(answer, "zh")):
        assert "《《" not in text and "〈襄阳市" in text
    match = Match(id="jiedu:x", category="support_measure", title_zh="奖励", status="qualifies", score=1.0,
                  benefit="", citations=[c])
    assert match_document(match) == FRAMED


def test_metadata_title_accepts_the_title_with_or_without_its_pair():
    meta = _meta("襄阳市推动智能制造装备产业高质量发展若干措施")
    assert field_right(meta, {"title": "《襄阳市推动智能制造装备产业高质量发展若干措施》"}, "title")
    assert not field_right(meta, {"title": "襄阳市推动智能制造装备产业发展若干措施"}, "title")


def test_report_template_frames_titles_once(tmp_path):
    from assistant.eligibility.vocabulary import load_vocabulary
    from assistant.watch.report import render_report, report_data

    vocab = load_vocabulary(REPO_ROOT / "knowledge" / "vocabulary.yaml")
    c = _citation()
    match = Match(id="jiedu:x", category="support_measure", title_zh="奖励", status="qualifies", score=1.0,
                  benefit="", citations=[c], doc_id="jiedu", doc_title=JIEDU)
    result = MatchResult(profile=CompanyProfile(), matches=[match])
    data = report_data(CompanyProfile(), result, {"jiedu": _meta(JIEDU)}, vocab, dt.date(2025, 6, 1))
    for fmt in ("html", "md"):
        text = render_report(data, REPO_ROOT / "knowledge" / "templates", fmt)
        assert "《《" not in text and "〈襄阳市" in text, fmt


@pytest.mark.parametrize(("text", "framed"), [
    ("鼓励首台套应用", "“鼓励首台套应用”"),
    ("“鼓励首台套应用”", "“鼓励首台套应用”"),  # already quoted
    ("“研发投入占营业收入比重不低于3%”如何计算？", "“‘研发投入占营业收入比重不低于3%’如何计算？”"),
    ("", ""),
])
def test_quoted_wraps_once_and_nests_inner_quotes(text, framed):
    """A 解读's question heading that quotes the measure was led as ““研发投入…”如何计算？”部分规定."""
    assert quoted(text) == framed and quoted(framed) == framed
    assert "““" not in quoted(text) and "””" not in quoted(text)
