"""Document metadata on shapes of real government files nobody tuned on: a 办法 whose title sits in a
one-column table, an execution window stated as 有效期两年 / 执行至…, 落款 dates printed 2020.3.1 or
2025-05-06, a web page whose info table shortens the title the body shows, a 解读 with a
来源：… 发布时间：… line under its title or titled 一图读懂《…》; and the answers citing such documents
carry their validity notice. Every document here is fictional, written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.answering.ask import ask
from assistant.documents.loaders import load_document
from assistant.documents.metadata import extract_meta
from assistant.documents.rules import DocumentRules
from assistant.settings import Settings

RULES = DocumentRules.load(Settings().document_rules_dir)
D = dt.date


def test_a_title_and_number_in_a_one_column_table_are_the_documents(tmp_path: Path):
    from docx import Document

    from evals.common.typeset import add_table

    doc = Document()
    add_table(doc, [["江汉省智能制造示范工厂认定管理办法"], ["江经信发〔2024〕12号"]])
    for text in ("第一条　为规范示范工厂认定，制定本办法。", "第二条　本办法自印发之日起施行，有效期2年。",
                 "江汉省经济和信息化厅", "2024年6月3日"):
        doc.add_paragraph(text)
    path = tmp_path / "title-in-table.docx"
    doc.save(str(path))
    meta = load_document(path, RULES).meta
    assert meta.title == "江汉省智能制造示范工厂认定管理办法"
    assert meta.doc_number == "江经信发〔2024〕12号"
    assert (meta.effective_from, meta.effective_to) == (D(2024, 6, 3), D(2026, 6, 2))


@pytest.mark.parametrize("sentence, start, end", [
    ("本细则自2025年2月1日起施行，有效期两年。", D(2025, 2, 1), D(2027, 1, 31)),
    ("本细则自2025年2月1日起施行，有效期限为三年。", D(2025, 2, 1), D(2028, 1, 31)),
    ("本措施自2019年5月1日起实施，执行至2021年12月31日。", D(2019, 5, 1), D(2021, 12, 31)),
    ("本办法自2024年1月1日起施行，实施至2025年6月30日。", D(2024, 1, 1), D(2025, 6, 30)),
    ("执行期限：2025年1月1日—2027年12月31日。", D(2025, 1, 1), D(2027, 12, 31)),
    ("本细则自2025年1月1日起施行，至2027年12月31日止。", D(2025, 1, 1), D(2027, 12, 31)),
    ("本细则自2025年1月1日起施行，2027年12月31日废止。", D(2025, 1, 1), D(2027, 12, 31)),
    ("本细则自2025年1月1日起施行，执行期至2027年底。", D(2025, 1, 1), D(2027, 12, 31)),
    ("本细则自2025年1月1日起施行，试行期两年。", D(2025, 1, 1), D(2026, 12, 31)),
])
def test_window_wordings_without_a_period_noun(sentence: str, start: dt.date, end: dt.date):
    found = extract_meta(f"云梦市工业技改补助实施细则\n第一条　{sentence}\n", RULES.regions)
    assert (found.get("effective_from"), found.get("effective_to")) == (start, end)


def test_an_application_window_is_not_the_documents():
    found = extract_meta("云梦市工业技改补助实施细则\n第一条　申报时间自2025年3月1日至2025年4月30日止。"
                         "本细则自2025年1月1日起施行。\n", RULES.regions)
    assert (found.get("effective_from"), found.get("effective_to")) == (D(2025, 1, 1), None)


@pytest.mark.parametrize("printed", ["2020.3.1", "2020-03-01", "2020/3/1"])
def test_a_signature_date_printed_with_dots_or_dashes_dates_the_document(printed: str):
    text = ("云梦市支持工业企业稳增长若干措施\n一、对当年产值增长20%以上的企业奖励10万元。\n"
            f"二、本措施自发布之日起实施，执行至2020年12月31日。\n云梦市人民政府办公室\n{printed}\n")
    found = extract_meta(text, RULES.regions)
    assert found["issuers"] == ["云梦市人民政府办公室"]
    assert found["issue_date"] == D(2020, 3, 1)
    assert (found["effective_from"], found["effective_to"]) == (D(2020, 3, 1), D(2020, 12, 31))


def test_an_index_number_is_not_a_date():
    found = extract_meta("索引号：011234-05-2025-0012\n云梦市工业技改补助实施细则\n第一条　为落实政策，制定本细则。\n",
                         RULES.regions)
    assert "issue_date" not in found


PAGE = """<html><head><title>通知公告_云梦市经济和信息化局</title></head><body>
<div class="nav"><a>首页</a> <a>政务公开</a></div>
<p>当前位置：首页 &gt; 政务公开 &gt; 通知公告</p>
<table><tr><td>发布机构：</td><td>云梦市人民政府办公室</td><td>发布日期：</td><td>2025-05-07</td></tr>
<tr><td>名　　称：</td><td>关于开展专精特新企业申报工作的通知</td></tr>
<tr><td>文　　号：</td><td>云经信函〔2025〕1号</td></tr></table>
<h1>关于开展2025年云梦市专精特新企业申报工作的通知</h1><p>云经信函〔2025〕18号</p>
<p>各有关企业：</p><p>第一批截止2025年6月30日，第二批截止2025年10月31日。</p>
<p>云梦市经济和信息化局</p><p>2025-05-06</p>
<div class="footer">主办单位：云梦市人民政府办公室　联系我们 | 网站地图</div></body></html>"""


def test_a_web_page_keeps_the_body_title_and_signature_over_its_info_table(tmp_path: Path):
    path = tmp_path / "notice.html"
    path.write_text(PAGE, encoding="utf-8")
    meta = load_document(path, RULES).meta
    assert meta.title == "关于开展2025年云梦市专精特新企业申报工作的通知"
    assert meta.issuers == ["云梦市经济和信息化局"]
    assert meta.issue_date == D(2025, 5, 6)
    assert meta.doc_number == "云经信函〔2025〕18号"


def test_an_empty_number_cell_does_not_take_the_title_under_it():
    text = ("名　　称：\n关于开展申报工作的通知\n文　　号：\n"
            "关于开展2025年云梦市专精特新企业申报工作的通知\n各有关企业：\n")
    assert extract_meta(text, RULES.regions)["title"] == "关于开展2025年云梦市专精特新企业申报工作的通知"
    text = "索引号：\n011234/2019-00021\n有效性：\n十堰市人民政府办公室关于支持装备产业加快发展的意见\n各县市区：\n"
    assert extract_meta(text, RULES.regions)["title"] == "十堰市人民政府办公室关于支持装备产业加快发展的意见"


def test_a_breadcrumb_is_never_the_title():
    found = extract_meta("当前位置：首页 > 政务公开 > 通知公告\n第一条　为落实政策，制定本细则。\n", RULES.regions)
    assert "title" not in found


@pytest.mark.parametrize("title, byline", [
    ("《云梦市智能装备产业发展实施细则》政策解读", "来源：云梦市经济和信息化局　发布时间：2025-01-20"),
    ("一图读懂《云梦市智能装备产业发展实施细则》", "发布时间：2025年1月20日　来源：云梦市经济和信息化局"),
    ("《云梦市智能装备产业发展实施细则》解读", "发布日期：2025-01-20　信息来源：云梦市经济和信息化局　浏览次数：1024"),
])
def test_an_interpretation_takes_issuer_and_date_from_its_source_line(title: str, byline: str):
    text = (f"# {title}\n\n{byline}\n\n## 一、《细则》的有效期是多久？\n\n"
            "《细则》自2025年2月1日起施行，有效期两年。\n")
    found = extract_meta(text, RULES.regions)
    assert found["title"] == title
    assert found["issuers"] == ["云梦市经济和信息化局"]
    assert found["issue_date"] == D(2025, 1, 20)
    assert found["doc_type"] == "解读"
    assert "effective_to" not in found  # the window it restates is the 细则's, not its own


def test_a_newspaper_source_is_no_issuer():
    found = extract_meta("《云梦市智能装备产业发展实施细则》政策解读\n来源：云梦日报\n问：补多少？\n答：10%。\n",
                         RULES.regions)
    assert "issuers" not in found


TODAY = dt.date(2026, 12, 1)
WRAPPED = """云梦市人民政府
关于印发云梦市促进装备制造业发展若干措施的通知
云政发〔2019〕5号
各乡镇人民政府：
现将《云梦市促进装备制造业发展若干措施》印发给你们，请遵照执行。
云梦市人民政府
2019年4月2日
云梦市促进装备制造业发展若干措施
一、对新认定的省级企业技术中心奖励二十万元。
二、本措施自2019年5月1日起执行，执行至2021年12月31日。
"""
EXPLAINED = """# 一图读懂《云梦市智能装备产业发展实施细则》

发布时间：2025-01-20　来源：云梦市经济和信息化局

## 问：数控机床首台套奖励多少？

答：按首台套销售价格的百分之十五给予奖励。《细则》自2025年2月1日起施行，有效期两年。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    files = {"yunmeng-measures-2019.txt": WRAPPED, "yunmeng-explained.md": EXPLAINED}
    return ingested_library(tmp_path_factory.mktemp("metadata-shapes"), files, small_caches, embedder)


def test_an_answer_citing_an_expired_wrapped_document_says_it_has_expired(library):
    answer = ask(library, "云梦市新认定省级企业技术中心奖励多少？", today=TODAY)
    assert "yunmeng-measures-2019" in {c.doc_id for c in answer.citations}
    assert any(n.code == "validity_expired" and "2021年12月31日" in n.message for n in answer.notices)


def test_an_interpretation_is_cited_without_a_window_of_its_own(library):
    meta = library.index.documents["yunmeng-explained"].meta
    assert (meta.doc_type, meta.effective_to, meta.issue_date) == ("解读", None, D(2025, 1, 20))


def test_a_pdf_running_header_repeating_the_title_is_dropped(tmp_path: Path):
    from fpdf import FPDF

    from evals.common.typeset import new_pdf, save_pdf, write_articles

    title = "云梦市智能装备产业发展实施细则"

    class Pdf(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:  # later pages repeat the title at the top
                self.set_font("cjk", size=10)
                self.cell(0, 6, title, align="C")
                self.ln(10)

    pdf = new_pdf(Pdf, (28, 30, 28))
    pdf.set_font("cjk", size=18)
    for line in ("云梦市智能装备产业发展", "实施细则"):  # the title wrapped over two lines
        pdf.cell(0, 11, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=15)
    article = "条　对符合条件的企业，按照设备投资额的百分之十给予补助，单个项目最高不超过三百万元，每年一次。"
    write_articles(pdf, [f"　　第{n}{article}" for n in "一二三四五六七八九十"]
                   + ["　　第十一条　本细则自2025年2月1日起施行，有效期两年。",
                      "RIGHT:云梦市经济和信息化局", "RIGHT:2025年1月15日"])
    path = tmp_path / "rules.pdf"
    save_pdf(pdf, path)
    assert pdf.page_no() > 1
    document = load_document(path, RULES)
    assert title not in document.text  # not inside the article the page break falls in
    meta = document.meta
    assert (meta.title, meta.issue_date, meta.effective_to) == (title, D(2025, 1, 15), D(2027, 1, 31))


def test_a_wrapped_title_opening_page_two_is_not_a_running_header():
    from assistant.documents.pdf_text import reflow_pages

    first = ("关于印发《云梦市智能装备产业发展实施细则》的通知\n云政办发〔2025〕3号\n"
             "各乡镇人民政府：\n现将细则印发给你们。")
    second = "云梦市智能装备产业发展实施细则\n第一条　为落实相关政策，制定本细则。"
    assert "\n云梦市智能装备产业发展实施细则\n" in reflow_pages([first, second])


def test_a_running_header_without_the_titles_note_is_dropped_and_the_split_sentence_joined():
    """The title (with its note wrapped onto a short line) opens page one; page two repeats it without the
    note as a running header, inside a sentence the page break cuts: dropped, and the sentence is whole."""
    from assistant.documents.pdf_text import reflow_pages

    first = ("云梦市智能装备产业链协同发展实施细则（虚构测试文\n档）\n云经信规〔2025〕7号\n"
             "一、支持内容\n（一）技术改造补助\n对上年度主营业务收入3000万元以上、年末从业人员80人以\n"
             "上的企业实施的技术改造项目，项目设备投资额不低于600万元的\n第1页 共2页")
    second = ("云梦市智能装备产业链协同发展实施细则\n，按设备投资额的10%给予补助，单个项目不超过200万元。\n"
              "二、其他\n本细则自2026年1月1日起施行。\n第2页 共2页")
    text = reflow_pages([first, second])
    assert text.split("\n")[0] == "云梦市智能装备产业链协同发展实施细则（虚构测试文档）"
    assert "不低于600万元的，按设备投资额的10%给予补助" in text
    assert text.count("云梦市智能装备产业链协同发展实施细则") == 1
    assert extract_meta(text, RULES.regions)["title"] == "云梦市智能装备产业链协同发展实施细则（虚构测试文档）"


@pytest.mark.parametrize("line", [
    "（江汉市人民政府办公室2025年3月8日印发　江政办发〔2025〕9号）",
    "(江汉市人民政府办公室 2025年3月8日发布 江政办发〔2025〕9号)",
    "（2025年3月8日江汉市人民政府办公室印发，江政办发〔2025〕9号）",
])
def test_a_bracketed_publication_line_under_the_title_gives_issuer_date_and_number(line: str):
    """A 政策汇编 prints a document without its 落款: who issued it, when and its 文号 stand in brackets."""
    text = (f"江汉市智能装备产业招商引资优惠措施（虚构测试文档）\n\n{line}\n\n"
            "为吸引智能装备项目落户，制定以下措施。\n\n1．对新落户项目给予奖励。\n\n抄送：市委办公室。\n")
    meta = extract_meta(text, RULES.regions)
    assert meta["issuers"] == ["江汉市人民政府办公室"]
    assert meta["issue_date"] == D(2025, 3, 8)
    assert meta["doc_number"] == "江政办发〔2025〕9号"


def test_a_bracketed_note_in_the_body_is_no_publication_line():
    text = ("江汉市智能装备产业若干措施（虚构测试文档）\n\n为落实《江汉市产业政策》，制定本措施。\n\n"
            "（本措施所称智能装备企业，是指2025年3月8日前在江汉市注册的企业）\n\n1．对新落户项目给予奖励。\n")
    meta = extract_meta(text, RULES.regions)
    assert "issue_date" not in meta and "issuers" not in meta
