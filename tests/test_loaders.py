"""Loaders: every supported format, the metadata side-file, and one-line errors for bad input."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from assistant.documents.clauses import parse_clauses
from assistant.documents.corpus import load_checked
from assistant.documents.loaders import document_from_bytes, find_documents, load_document
from assistant.documents.rules import DocumentRules
from assistant.errors import DocumentError
from assistant.settings import Settings

RULES = DocumentRules.load(Settings().document_rules_dir)

POLICY = "某市智能装备扶持办法\n一、总则\n1.支持首台（套）装备示范应用。\n2.鼓励企业多样化融资。\n"


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF (Helvetica, ASCII text), with a correct xref table."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{off:010d} 00000 n \n".encode("ascii") for off in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return out


def one_line_error(excinfo: pytest.ExceptionInfo) -> str:
    message = str(excinfo.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


# ---- formats -----------------------------------------------------------------------------------

def test_txt_utf8_with_bom_and_crlf_is_normalised(tmp_path: Path):
    path = tmp_path / "policy.txt"
    path.write_bytes(("\ufeff" + POLICY.replace("\n", "\r\n").replace("融资。", "融资。   ")).encode("utf-8"))
    doc = load_document(path, RULES)
    assert doc.text == POLICY
    assert doc.meta.doc_id == "policy"
    assert doc.meta.title == "某市智能装备扶持办法"
    assert doc.path == str(path)
    assert len(doc.sha256) == 64


def test_txt_gb18030(tmp_path: Path):
    path = tmp_path / "gbk-policy.txt"
    path.write_bytes(POLICY.encode("gb18030"))
    doc = load_document(path, RULES)
    assert doc.text == POLICY
    assert [c.anchor for c in parse_clauses(doc.meta.doc_id, doc.text)] == ["序", "一.1", "一.2"]


def test_markdown(tmp_path: Path):
    path = tmp_path / "notes.md"
    path.write_text("# 某市办法\n\n## 一、总则\n\n本办法适用于全市。\n", encoding="utf-8")
    doc = load_document(path, RULES)
    assert "## 一、总则" in doc.text
    clauses = {c.anchor: c for c in parse_clauses(doc.meta.doc_id, doc.text)}
    assert clauses["一"].text == "本办法适用于全市。"


def test_html_drops_script_style_and_head(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>页面标题不应出现</title><style>.x{color:red}</style></head>"
        "<body><script>var secret = 1;</script><noscript>请启用脚本</noscript>"
        "<h1>某市智能装备扶持办法</h1><p>一、总则</p><p>1.支持首台（套）装备示范应用。</p></body></html>",
        encoding="utf-8",
    )
    doc = load_document(path, RULES)
    assert "1.支持首台（套）装备示范应用。" in doc.text
    for dropped in ("var secret", "color:red", "页面标题不应出现", "请启用脚本"):
        assert dropped not in doc.text
    assert "一.1" in {c.anchor for c in parse_clauses(doc.meta.doc_id, doc.text)}


def test_docx(tmp_path: Path):
    import docx

    document = docx.Document()
    for line in POLICY.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "word-policy.docx"
    document.save(path)
    doc = load_document(path, RULES)
    assert doc.text == POLICY
    assert doc.meta.doc_id == "word-policy"


PDF_LINES = ["1. Support measures. Enterprises may apply for first-set awards.",
             "2. Financing channels. Banks are encouraged to offer leasing."]


def test_pdf_text_is_extracted(tmp_path: Path):
    path = tmp_path / "english.pdf"
    path.write_bytes(minimal_pdf(PDF_LINES))
    doc = load_document(path, RULES)
    assert doc.text.splitlines() == PDF_LINES
    anchors = {c.anchor: c.text for c in parse_clauses(doc.meta.doc_id, doc.text)}
    assert anchors == {"1": PDF_LINES[0], "2": PDF_LINES[1]}


# Was a bug (assistant/documents/clauses.py, _is_heading_only): only Chinese sentence ends (。；!?！？)
# make a numbered line a clause, so "1. Support measures." (ASCII full stop, under 40 chars) is
# taken for a heading. A document made only of such lines parses to ZERO clauses without a
# DocumentError: load_checked accepts it and ingest indexes nothing for it, silently.
def test_short_english_numbered_sentences_are_not_lost(tmp_path: Path):
    path = tmp_path / "short.pdf"
    path.write_bytes(minimal_pdf(["1. Support measures.", "2. Financing channels."]))
    doc = load_document(path, RULES)
    assert "1. Support measures." in doc.text  # pypdf extracts it …
    try:
        load_checked([path], RULES)
    except DocumentError:
        return  # rejecting it loudly would be acceptable too
    assert parse_clauses(doc.meta.doc_id, doc.text)  # … but no clause keeps it


def test_find_documents_skips_side_files_and_unsupported(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.md", "a.meta.yaml", "c.png", "d.xlsx"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in find_documents([tmp_path])] == ["a.txt", "sub/b.md"]


# ---- metadata side-file ------------------------------------------------------------------------

def test_meta_side_file_is_read_and_validated(tmp_path: Path):
    path = tmp_path / "city-plan.txt"
    path.write_text(POLICY, encoding="utf-8")
    (tmp_path / "city-plan.meta.yaml").write_text(
        "doc_id: city-2020\ntitle: 某市智能装备扶持办法（正式）\nissuer: 某市经信局\n"
        "issue_date: 2020-03-01\neffective_from: 2020-03-01\neffective_to: 2022-12-31\nregion: 某市\n",
        encoding="utf-8",
    )
    doc = load_document(path, RULES)
    assert doc.meta.doc_id == "city-2020"
    assert doc.meta.title == "某市智能装备扶持办法（正式）"
    assert doc.meta.effective_from == dt.date(2020, 3, 1)
    assert doc.meta.effective_to == dt.date(2022, 12, 31)
    assert doc.meta.region == "某市"
    assert doc.meta.source == "city-plan.txt"  # defaulted from the file name
    # The metadata is part of the content hash (a changed date must trigger a re-index).
    (tmp_path / "city-plan.meta.yaml").write_text("doc_id: city-2020\ntitle: 某市智能装备扶持办法（正式）\n",
                                                  encoding="utf-8")
    assert load_document(path, RULES).sha256 != doc.sha256


@pytest.mark.parametrize(
    ("yaml_text", "field"),
    [
        ("doc_id: x\ntitle: t\neffective_to: not-a-date\n", "effective_to"),
        ("doc_id: x\ntitle: t\nissue_date: 2014/03/26\n", "issue_date"),
        ("doc_id: x\ntitle: t\nbogus_field: 1\n", "bogus_field"),
        ("doc_id: [1, 2]\ntitle: t\n", "doc_id"),
    ],
)
def test_bad_meta_field_raises_document_error_naming_it(tmp_path: Path, yaml_text: str, field: str):
    path = tmp_path / "p.txt"
    path.write_text(POLICY, encoding="utf-8")
    (tmp_path / "p.meta.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        load_document(path, RULES)
    message = one_line_error(err)
    assert field in message and "p.meta.yaml" in message


# Was a bug (assistant/documents/loaders.py, read_meta, `except (yaml.YAMLError, UnicodeDecodeError)`):
# PyYAML turns an impossible date such as 2017-02-30 or 2017-13-45 into a ValueError while
# parsing, which read_meta does not catch, so a typo in a side-file escapes as a bare ValueError
# (a traceback in the CLI) instead of a one-line DocumentError naming the field.
@pytest.mark.parametrize("value", ["2017-02-30", "2017-13-45"])
def test_impossible_meta_date_raises_document_error(tmp_path: Path, value: str):
    path = tmp_path / "p.txt"
    path.write_text(POLICY, encoding="utf-8")
    (tmp_path / "p.meta.yaml").write_text(f"doc_id: x\ntitle: t\neffective_to: {value}\n", encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        load_document(path, RULES)
    assert "effective_to" in one_line_error(err)


@pytest.mark.parametrize("yaml_text", ["doc_id: [unclosed\n", "- just\n- a list\n"])
def test_unparsable_meta_raises_document_error(tmp_path: Path, yaml_text: str):
    path = tmp_path / "p.txt"
    path.write_text(POLICY, encoding="utf-8")
    (tmp_path / "p.meta.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        load_document(path, RULES)
    assert "p.meta.yaml" in one_line_error(err)


# ---- bad inputs ---------------------------------------------------------------------------------

BAD_FILES = {
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "empty.txt": b"",
    "blank.txt": b"  \n\t\r\n   \n",
    "fullwidth-blank.md": "\u3000\u3000\n\u3000\n".encode(),
    "table.xlsx": b"PK\x03\x04 not really a spreadsheet",
    "corrupt.docx": os.urandom(2048).replace(b"\x00", b"\x01"),
    "zip-not-docx.docx": b"PK\x05\x06" + b"\x00" * 18,
    "corrupt.pdf": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\nthis is not a pdf\n",
    "random.pdf": os.urandom(2048).replace(b"\x00", b"\x01"),
    "undecodable.txt": b"\xff\xfe\x80\x81\xff" * 40,
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_raises_one_line_document_error(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    with pytest.raises(DocumentError) as err:
        load_document(path, RULES)
    assert name in one_line_error(err)


def test_missing_path(tmp_path: Path):
    missing = tmp_path / "no-such-file.txt"
    with pytest.raises(DocumentError) as err:
        load_document(missing, RULES)
    assert "no-such-file.txt" in one_line_error(err)
    with pytest.raises(DocumentError) as err:
        load_checked([missing], RULES)
    one_line_error(err)


def test_directory_with_nothing_supported(tmp_path: Path):
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n")
    (folder / "only.meta.yaml").write_text("doc_id: x\n", encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        load_checked([folder], RULES)
    one_line_error(err)
    with pytest.raises(DocumentError) as err:
        load_document(folder, RULES)  # a folder is not a document
    one_line_error(err)


# Was refused ("没有可识别的条款编号"): a letter or 解读 without numbering is indexed by paragraph now.
def test_document_without_numbering_is_accepted_and_headings_only_is_not(tmp_path: Path):
    path = tmp_path / "letter.txt"
    path.write_text("尊敬的各位企业家：\n欢迎参加座谈会。\n", encoding="utf-8")
    assert [d.meta.doc_id for d in load_checked([path], RULES)] == ["letter"]
    headings = tmp_path / "headings.txt"
    headings.write_text("一、总则\n二、附则\n", encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        load_checked([headings], RULES)  # nothing but headings: no clause text to index
    one_line_error(err)


def test_document_from_bytes_uses_name_for_reader():
    doc = document_from_bytes(POLICY.encode("gb18030"), "upload.txt", RULES)
    assert doc.text == POLICY and doc.meta.doc_id == "upload"
    with pytest.raises(DocumentError) as err:
        document_from_bytes(b"data", "upload.exe", RULES)
    one_line_error(err)


# Was a bug (assistant/documents/loaders.py, _default_doc_id and read_meta: `path.name.split(".")[0]`):
# everything after the FIRST dot is dropped, so "notice.2015.txt" and "notice.2016.txt" both get
# doc_id "notice" (and share "notice.meta.yaml"); ingesting both silently keeps only one of them.
def test_dotted_file_names_get_distinct_doc_ids(tmp_path: Path):
    for year in (2015, 2016):
        (tmp_path / f"notice.{year}.txt").write_text(POLICY.replace("某市", f"{year}年某市"), encoding="utf-8")
    docs = load_checked([tmp_path], RULES)
    assert len({d.meta.doc_id for d in docs}) == 2


# ---- structure from .docx tables, PDF wrapping and HTML chrome (fictional test documents) -------

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


# Was a bug (assistant/documents/loaders.py, _read_docx read document.paragraphs only): the support
# standards in a table were dropped, so amounts stated there were "not stated".
def test_docx_table_rows_are_read_in_order_with_headers_and_become_clauses(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_paragraph("某市智能制造装备支持办法")
    document.add_paragraph("一、支持标准")
    table = document.add_table(rows=3, cols=3)
    cells = [["项目类别", "支持方式", "支持标准"], ["首台套", "奖励", "按售价30%给予奖励，最高500万元"],
             ["技术改造", "补助", "按设备投资10%给予补助，最高800万元"]]
    for row, values in zip(table.rows, cells, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("二、申报时间")
    document.add_paragraph("申报截止时间为2024年5月31日。")
    path = tmp_path / "measures.docx"
    document.save(path)
    doc = load_document(path, RULES)
    lines = doc.text.splitlines()
    row = "项目类别：首台套；支持方式：奖励；支持标准：按售价30%给予奖励，最高500万元"
    assert lines.index("一、支持标准") < lines.index(row) < lines.index("二、申报时间")  # document order
    anchors = {c.anchor: c.text for c in parse_clauses(doc.meta.doc_id, doc.text)}
    assert anchors["一.表1.行1"] == row
    assert anchors["一.表1.行2"].endswith("最高800万元")
    assert anchors["二"] == "申报截止时间为2024年5月31日。"


def _cjk_pdf(pages: list[list[str]], width: float) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("noto", fname=str(CJK_FONT), collection_font_number=2)  # index 2: Simplified Chinese
    pdf.set_font("noto", size=12)
    for number, paragraphs in enumerate(pages, 1):
        pdf.add_page()
        pdf.cell(text="某市经济和信息化局文件汇编")  # running header on every page
        pdf.ln(10)
        for paragraph in paragraphs:
            pdf.multi_cell(w=width, text=paragraph)  # wraps long paragraphs over several lines
            pdf.ln(2)
        pdf.set_y(-20)
        pdf.cell(text=f"- {number} -")
    return bytes(pdf.output())


# Was a bug (assistant/documents/loaders.py, _read_pdf joined pypdf's lines as they were printed): a
# wrapped sentence became two paragraphs, so a quote stopped mid-sentence, and page numbers and the
# running header became clauses.
@pytest.mark.skipif(not CJK_FONT.exists(), reason="needs the Noto CJK font (apt fonts-noto-cjk)")
def test_pdf_lines_are_reflowed_and_page_furniture_dropped(tmp_path: Path):
    article = "第一条对经认定的省级首台（套）重大技术装备，按产品售价的30%给予奖励，单个产品最高300万元。"
    pages = [["一、支持政策", article], ["第二条对技术改造项目按设备投资额的10%给予补助，最高800万元。"],
             ["二、附则", "第三条本办法自2024年4月1日起施行。"]]
    path = tmp_path / "measures.pdf"
    path.write_bytes(_cjk_pdf(pages, width=80))
    doc = load_document(path, RULES)
    lines = doc.text.splitlines()
    assert article in lines  # wrapped over several printed lines, one paragraph again
    assert "第三条本办法自2024年4月1日起施行。" in lines
    assert not any(line.strip("- ").isdigit() for line in lines)
    assert "某市经济和信息化局文件汇编" not in doc.text
    assert "\x00" not in doc.text
    clauses = {c.anchor: c.text for c in parse_clauses(doc.meta.doc_id, doc.text)}
    assert clauses["一.第一条"] == article


HTML_PAGE = """<html><head><title>站点</title></head><body>
<header class="site-header"><a href="/">首页</a><a href="/zc">政策文件</a></header>
<nav><ul><li>机构概况</li><li>政务公开</li></ul></nav>
<div class="breadcrumb">首页 &gt; 政策文件 &gt; 正文</div>
<div id="sidebar"><h3>热点专题</h3><p>营商环境优化年</p></div>
<div class="content"><h1>某市智能制造装备支持办法</h1>
<p>一、支持首台套</p><p>对首台（套）装备按售价的30%给予奖励。</p>
<p>二、支持技术改造</p><p>按设备投资额的10%给予补助。</p></div>
<div class="share-bar">分享到：微信 微博</div>
<footer>主办单位：某市人民政府办公室 网站标识码1234</footer>
</body></html>"""


# Was a bug (assistant/documents/loaders.py, _read_html kept every text node): menu entries, the
# sidebar and the footer of the site template became lines, some of them clauses.
def test_html_page_chrome_is_left_out(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    doc = load_document(path, RULES)
    for chrome in ("首页", "机构概况", "热点专题", "分享到", "主办单位", "政务公开"):
        assert chrome not in doc.text, chrome
    assert "对首台（套）装备按售价的30%给予奖励。" in doc.text
    assert doc.meta.title == "某市智能制造装备支持办法"
    anchors = {c.anchor for c in parse_clauses(doc.meta.doc_id, doc.text)}
    assert {"一", "二"} <= anchors
