"""Document understanding from the text alone (assistant/documents/metadata.py) and side-file precedence.

The documents are fictional test documents written for these tests (tests/fixtures/documents).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.documents.loaders import load_document
from assistant.documents.metadata import cn_number, extract_meta, parse_date
from assistant.documents.rules import DocumentRules
from assistant.settings import Settings

RULES = DocumentRules.load(Settings().document_rules_dir)

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
D = dt.date

EXPECTED = {
    "xiangyang-measures.txt": {
        "title": "襄阳市支持智能制造装备产业高质量发展若干措施",
        "issuers": ["襄阳市人民政府"], "issuer": "襄阳市人民政府",
        "doc_number": "襄政发〔2024〕7号", "issue_date": D(2024, 3, 5), "doc_type": "措施",
        "effective_from": D(2024, 4, 1), "effective_to": D(2027, 3, 31),
        "repeals": ["襄阳市促进装备制造业发展暂行办法"], "level": "市", "region": "襄阳市",
    },
    "hubei-notice.txt": {
        "title": "关于组织申报2024年度湖北省首台（套）重大技术装备的通知",
        "issuers": ["湖北省经济和信息化厅", "湖北省财政厅"], "issuer": "湖北省经济和信息化厅、湖北省财政厅",
        "doc_number": "鄂经信装备〔2024〕21号", "issue_date": D(2024, 3, 5), "doc_type": "通知",
        "level": "省", "region": "湖北省",
    },
    "miit-qa.txt": {
        "title": "《智能制造装备首台（套）推广应用指导意见》政策解读",
        "issuers": ["工业和信息化部"], "issuer": "工业和信息化部", "issue_date": D(2023, 11, 20),
        "doc_type": "解读", "level": "国家", "region": "全国",
    },
    "fancheng-2016.txt": {
        "title": "樊城区工业企业技术改造奖励办法",
        "issuers": ["襄阳市樊城区人民政府办公室"], "issuer": "襄阳市樊城区人民政府办公室",
        "doc_number": "樊政办发〔2016〕3号", "issue_date": D(2015, 12, 28), "doc_type": "办法",
        "effective_from": D(2016, 1, 1), "effective_to": D(2018, 12, 31), "level": "区县", "region": "襄阳市樊城区",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_documents_are_understood_field_by_field(name):
    found = extract_meta((FIXTURES / name).read_text(encoding="utf-8"), RULES.regions)
    assert found == EXPECTED[name]


# A document with no letterhead: 文号 in brackets under the title, an execution period as a range.
PLAIN_MEASURES = """宜昌市智能制造装备首台（套）
推广应用实施细则
（宜经信发〔2023〕15号）
第一条　为推动首台（套）装备应用，制定本细则。
第二条　本细则执行期为2023年7月1日至2025年12月31日。
宜昌市经济和信息化局　宜昌市财政局
2023年6月20日
"""


def test_wrapped_title_bracketed_number_and_execution_period():
    found = extract_meta(PLAIN_MEASURES, RULES.regions)
    assert found["title"] == "宜昌市智能制造装备首台（套）推广应用实施细则"
    assert found["doc_number"] == "宜经信发〔2023〕15号"
    assert found["doc_type"] == "细则"
    assert (found["effective_from"], found["effective_to"]) == (D(2023, 7, 1), D(2025, 12, 31))
    assert found["issuers"] == ["宜昌市经济和信息化局", "宜昌市财政局"]
    assert (found["level"], found["region"]) == ("市", "宜昌市")


@pytest.mark.parametrize("sentence, start, end", [
    ("本方案执行期为2024年—2026年。", D(2024, 1, 1), D(2026, 12, 31)),
    ("实施期限为2024年1月至2025年6月。", D(2024, 1, 1), D(2025, 6, 30)),
    ("本办法有效期为2024年1月1日至2026年12月31日。", D(2024, 1, 1), D(2026, 12, 31)),
    ("本意见自2024年5月1日起施行，有效期至2029年4月30日。", D(2024, 5, 1), D(2029, 4, 30)),
    ("本办法自二〇二四年二月二十九日起施行，有效期五年。", D(2024, 2, 29), D(2029, 2, 28)),
    ("本通知自印发之日起施行，有效期2年。", D(2024, 3, 5), D(2026, 3, 4)),
    ("本意见自2024年5月1日起施行，执行期至2026年12月31日。", D(2024, 5, 1), D(2026, 12, 31)),
])
def test_validity_window_wordings(sentence, start, end):
    text = f"某某市关于支持装备制造的意见\n一、总则\n{sentence}\n某某市人民政府\n2024年3月5日\n"
    found = extract_meta(text, RULES.regions)
    assert (found.get("effective_from"), found.get("effective_to")) == (start, end)


def test_repealed_titles_are_recorded_in_either_order():
    text = ("关于支持装备制造的意见\n一、本意见自2024年1月1日起施行，同时废止《某某暂行办法》和"
            "《某某实施细则》。\n二、《某某旧意见》（某政发〔2018〕2号）同时废止。\n")
    assert extract_meta(text, RULES.regions)["repeals"] == ["某某暂行办法", "某某实施细则", "某某旧意见"]


@pytest.mark.parametrize("text, value", [
    ("2024年3月5日", D(2024, 3, 5)), ("二〇二四年三月五日", D(2024, 3, 5)),
    ("二〇一六年十二月三十一日", D(2016, 12, 31)), ("２０２４年１２月３１日", D(2024, 12, 31)),
    ("2024 年 3 月 5 日", D(2024, 3, 5)), ("2024年2月30日", None),
])
def test_dates_in_arabic_full_width_and_chinese_numerals(text, value):
    assert parse_date(text) == value


def test_cn_number():
    assert [cn_number(s) for s in ("二〇二四", "十二", "三十一", "３", "五")] == [2024, 12, 31, 3, 5]


@pytest.mark.parametrize("issuer, level, region", [
    ("国务院办公厅", "国家", "全国"), ("工业和信息化部", "国家", "全国"), ("国家发展改革委", "国家", "全国"),
    ("湖北省人民政府", "省", "湖北省"), ("湖北省经济和信息化厅", "省", "湖北省"),
    ("襄阳市人民政府", "市", "襄阳市"), ("湖北省襄阳市经济和信息化局", "市", "襄阳市"),
    ("襄阳市樊城区人民政府", "区县", "襄阳市樊城区"), ("谷城县人民政府", "区县", "谷城县"),
    ("上海市经济和信息化委员会", "省", "上海市"),
])
def test_level_and_region_from_the_issuer(issuer, level, region):
    found = extract_meta(f"关于支持装备制造的意见\n一、支持首台套。\n{issuer}\n2024年3月5日\n", RULES.regions)
    assert (found["level"], found["region"]) == (level, region)


def test_issuer_from_the_title_when_there_is_no_signature():
    found = extract_meta("湖北省经济和信息化厅 湖北省财政厅关于开展首台套认定的通知\n一、认定范围。\n", RULES.regions)
    assert found["issuers"] == ["湖北省经济和信息化厅", "湖北省财政厅"]
    # GB/T 9704 sets joint issuers in a title apart with a space: it is part of the title
    assert found["title"] == "湖北省经济和信息化厅 湖北省财政厅关于开展首台套认定的通知"


def test_letterhead_and_cited_numbers_are_not_title_or_doc_number():
    text = ("某某高新技术产业开发区管理委员会文件\n"
            "关于落实《省人民政府关于推进装备制造的意见》（鄂政发〔2013〕15号）的通知\n"
            "一、认真落实鄂政发〔2013〕15号文件。\n")
    found = extract_meta(text, RULES.regions)
    assert found["title"].startswith("关于落实")
    assert "doc_number" not in found
    assert found["issuers"] == ["某某高新技术产业开发区管理委员会"]  # from the letterhead


def test_nothing_found_in_plain_text():
    assert extract_meta("这是一段普通文字，没有任何公文要素。\n", RULES.regions) == {}


_ALPHABET = "第一条二〇年月日至—（）〔〕号关于的通知办法省市区县人民政府印发同时废止《》有效期起施行 \n2019"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=300))
def test_extraction_never_raises(text):
    found = extract_meta(text, RULES.regions)
    if "effective_from" in found and "effective_to" in found:
        assert found["effective_from"] <= found["effective_to"]


# ---- side-file precedence and provenance ------------------------------------------------------

def test_side_file_wins_field_by_field_and_provenance_says_which(tmp_path):
    source = FIXTURES / "xiangyang-measures.txt"
    doc = tmp_path / "measures.txt"
    doc.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "measures.meta.yaml").write_text("doc_id: xy-measures\nissuer: 襄阳市经济和信息化局\n",
                                                 encoding="utf-8")
    meta = load_document(doc, RULES).meta
    assert meta.doc_id == "xy-measures" and meta.issuer == "襄阳市经济和信息化局"
    assert meta.issuers == ["襄阳市经济和信息化局"]
    assert meta.doc_number == "襄政发〔2024〕7号" and meta.effective_to == D(2027, 3, 31)
    p = meta.provenance
    assert (p["doc_id"], p["issuer"], p["issuers"]) == ("given", "given", "given")
    assert (p["doc_number"], p["title"], p["effective_to"], p["level"]) == ("extracted",) * 4
    assert p["parent_policy"] == "default" and p["source"] == "default"
    assert set(p) == set(type(meta).model_fields) - {"provenance"}


def test_without_side_file_everything_found_is_extracted(tmp_path):
    doc = tmp_path / "notice.txt"
    doc.write_text((FIXTURES / "hubei-notice.txt").read_text(encoding="utf-8"), encoding="utf-8")
    meta = load_document(doc, RULES).meta
    assert meta.title == EXPECTED["hubei-notice.txt"]["title"]
    assert meta.doc_id == "notice" and meta.provenance["doc_id"] == "default"
    assert meta.provenance["title"] == "extracted" and meta.provenance["region"] == "extracted"


def test_the_plan_metadata_is_as_given(plan_file):
    meta = load_document(plan_file, RULES).meta
    assert meta.title == "加快全省智能制造装备产业发展行动方案" and meta.doc_type == "方案"
    assert meta.issuers == ["湖北省经济和信息化委员会"] and meta.level == "省"
    assert meta.doc_number is None  # 鄂政发〔2013〕15号 is the policy it implements, not its own
    assert meta.effective_to == D(2017, 12, 31)
    assert {meta.provenance[f] for f in ("title", "issuer", "issue_date", "effective_to")} == {"given"}


# ---- title notes, info tables, type words, 解读, national offices (fictional test documents) ----

# A 印发 notice whose title ends in a note, wrapping a 办法 whose own title line carries （试行）.
NOTED_WRAPPER = """荆门市人民政府办公室关于印发荆门市工业设计中心认定管理办法的通知（征求意见稿）
荆政办发〔2025〕9号
各县（市、区）人民政府，市政府各部门：
现将《荆门市工业设计中心认定管理办法》印发给你们，请认真执行。
荆门市人民政府办公室
2025年2月10日
荆门市工业设计中心认定管理办法（试行）
第一条　为推动工业设计发展，制定本办法。
第二条　本办法自2025年3月1日起施行，执行期至2027年2月28日。
"""


def test_a_note_after_the_title_keeps_the_inner_title_and_its_type():
    found = extract_meta(NOTED_WRAPPER, RULES.regions)
    assert found["title"] == "荆门市工业设计中心认定管理办法（试行）"
    assert found["doc_type"] == "办法"
    assert (found["effective_from"], found["effective_to"]) == (D(2025, 3, 1), D(2027, 2, 28))


def test_a_notice_with_a_note_is_still_a_notice():
    found = extract_meta("湖北省科学技术厅关于征集2025年度技术需求的通知（第二批）\n一、征集范围。\n", RULES.regions)
    assert found["doc_type"] == "通知"


# A web page's info table, flattened: labels alone with their values on the next line, the title
# there without the （试行） note its own line carries, no 落款.
WEB_PAGE = """索引号：
011043/2025-00012
发布机构：
十堰市经济和信息化局
名称：
十堰市汽车零部件企业技术改造奖补办法
发布日期：
2025年4月8日
十堰市汽车零部件企业技术改造奖补办法（试行）
第一条　为支持技术改造，制定本办法。
"""


def test_a_flattened_info_table_gives_title_issuer_and_date():
    found = extract_meta(WEB_PAGE, RULES.regions)
    assert found["title"] == "十堰市汽车零部件企业技术改造奖补办法（试行）"
    assert found["issuers"] == ["十堰市经济和信息化局"]
    assert found["issue_date"] == D(2025, 4, 8)
    assert (found["level"], found["region"]) == ("市", "十堰市")


def test_several_info_fields_on_one_line_are_read_apart():
    text = ("《荆州市制造业高质量发展若干措施》政策问答\n"
            "发布机构：荆州市经济和信息化局　　发布日期：2025年1月6日　　索引号：123/2025-1\n"
            "问：哪些企业可以申报？\n答：在荆州注册的企业。\n")
    found = extract_meta(text, RULES.regions)
    assert found["issuers"] == ["荆州市经济和信息化局"]
    assert found["issue_date"] == D(2025, 1, 6)
    assert found["doc_type"] == "解读"


def test_an_interpretation_has_no_window_of_its_own():
    text = ("《宜昌市首台（套）装备推广应用办法》政策解读\n发布机构：宜昌市经济和信息化局\n发布日期：2024年6月3日\n"
            "问：执行期多长？\n答：《办法》自2024年7月1日起施行，执行期至2026年6月30日，"
            "《宜昌市首台（套）暂行办法》同时废止。\n")
    found = extract_meta(text, RULES.regions)
    assert found["doc_type"] == "解读" and found["issue_date"] == D(2024, 6, 3)
    assert not {"effective_from", "effective_to", "repeals"} & set(found)


@pytest.mark.parametrize("title, kind", [
    ("随州市支持专用汽车产业发展若干政策", "措施"), ("孝感市促进民营经济发展政策措施", "措施"),
    ("恩施州首台（套）装备政策问答", "解读"),
])
def test_type_words_named_otherwise(title, kind):
    assert extract_meta(f"{title}\n一、总则。\n", RULES.regions)["doc_type"] == kind


# A national joint notice: two offices of ministries on one 落款 line, the title naming both.
JOINT_NATIONAL = """科学技术部办公厅　财政部办公厅关于开展2025年度重点研发计划项目申报的通知
国科办资〔2025〕31号
各省、自治区、直辖市科技厅（委、局）、财政厅（局）：
一、申报范围。
科学技术部办公厅　　　　财政部办公厅
2025年5月20日
"""


def test_offices_of_national_ministries_are_national_and_keep_the_title_space():
    found = extract_meta(JOINT_NATIONAL, RULES.regions)
    assert found["issuers"] == ["科学技术部办公厅", "财政部办公厅"]
    assert (found["level"], found["region"]) == ("国家", "全国")
    assert found["title"] == "科学技术部办公厅　财政部办公厅关于开展2025年度重点研发计划项目申报的通知"


@pytest.mark.parametrize("issuer, level, region", [
    ("人力资源社会保障部办公厅", "国家", "全国"), ("商务部办公厅", "国家", "全国"),
    ("湖北省财政厅办公室", "省", "湖北省"), ("襄阳市人民政府办公室", "市", "襄阳市"),
])
def test_offices_sign_at_their_authority_level(issuer, level, region):
    found = extract_meta(f"关于支持装备制造的意见\n一、支持首台套。\n{issuer}\n2024年3月5日\n", RULES.regions)
    assert (found["level"], found["region"]) == (level, region)


def test_an_interpretation_takes_the_place_of_the_document_it_quotes():
    text = "《青川市机器人产业扶持办法》政策解读\n问：谁可以申报？\n答：在青川市注册的企业。\n"
    found = extract_meta(text, RULES.regions)
    assert (found.get("level"), found.get("region")) == ("市", "青川市")
