"""Document metadata from layouts the rules had not met: seals beside the 落款, a trial 办法 (起试行), a
问答 page titled by a Markdown heading, a title with no type word, a Traditional-Chinese or English
version, an autonomous prefecture's issuer, a plan dated only by its title's years, a typeset title
whose note runs onto the next line, and one document naming another by 文号 or by a title without its
notes when it extends or repeals it. Every text here is fictional, written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.documents.links import apply_validity_links
from assistant.documents.loaders import load_document
from assistant.documents.metadata import extract_meta
from assistant.documents.rules import DocumentRules
from assistant.settings import Settings

RULES = DocumentRules.load(Settings().document_rules_dir)
D = dt.date


def meta_of(text: str) -> dict:
    return extract_meta(text, RULES.regions)


def test_seal_words_beside_the_issuers_are_not_part_of_their_names():
    found = meta_of("云岭市装备企业技改奖补办法\n一、本办法由市经信局负责解释。\n"
                    "云岭市经济和信息化局（印章）　　云岭市财政局(盖章)\n2025年4月2日\n")
    assert found["issuers"] == ["云岭市经济和信息化局", "云岭市财政局"]
    assert found["issue_date"] == D(2025, 4, 2)


@pytest.mark.parametrize("sentence, end", [
    ("本办法自2025年3月1日起试行，试行期两年。", D(2027, 2, 28)),
    ("本办法自2025年3月1日起试行，有效期至2026年12月31日。", D(2026, 12, 31)),
])
def test_a_trial_version_starts_on_the_day_it_is_tried(sentence: str, end: dt.date):
    found = meta_of(f"云岭市机器人应用补助管理办法（试行）\n第一条　{sentence}\n")
    assert (found.get("effective_from"), found.get("effective_to")) == (D(2025, 3, 1), end)


def test_a_questions_page_is_titled_by_its_heading_and_dated_by_its_source_line():
    found = meta_of("# 2025年度云岭市技改项目申报常见问题解答\n\n来源：云岭市经济和信息化局　　日期：2025-08-15\n\n"
                    "## 一、分公司能否申报？\n\n不能。\n")
    assert found["title"] == "2025年度云岭市技改项目申报常见问题解答"
    assert found["doc_type"] == "解读"
    assert found["issuers"] == ["云岭市经济和信息化局"]
    assert found["issue_date"] == D(2025, 8, 15)


def test_a_title_without_a_type_word_is_still_the_title_not_a_header_line():
    found = meta_of("云岭市人民政府办公室文件\n云政办发〔2025〕3号\n云岭市智能装备产业链重点企业名录\n"
                    "一、整机企业：某某机械有限公司。\n云岭市人民政府办公室\n2025年5月6日\n")
    assert found["title"] == "云岭市智能装备产业链重点企业名录"
    assert found["doc_number"] == "云政办发〔2025〕3号"


def test_a_traditional_chinese_version_is_read_as_written():
    found = meta_of("工業和信息化部\n工信部聯裝〔2025〕9號\n\n智能裝備推廣應用獎勵辦法\n"
                    "第一條　本辦法自2025年1月1日起施行，有效期三年。\n\n工業和信息化部\n2024年12月1日\n")
    assert found["title"] == "智能裝備推廣應用獎勵辦法"
    assert found["doc_number"] == "工信部聯裝〔2025〕9號"
    assert found["issuers"] == ["工業和信息化部"]
    assert found["doc_type"] == "办法"
    assert (found["effective_from"], found["effective_to"]) == (D(2025, 1, 1), D(2027, 12, 31))
    assert found["level"] == "国家"


def test_an_english_version_states_its_fields_in_english():
    found = meta_of("Implementation Rules of Yunling City on Awards for Industrial Robot Applications\n"
                    "Document No. 云政发〔2025〕8号\n\n"
                    "Article 1 These Rules are formulated to promote the use of industrial robots.\n"
                    "Article 2 These Rules shall come into force on March 1, 2025 and remain valid for two years.\n\n"
                    "Yunling Municipal People's Government\n12 February 2025\n")
    assert found["title"] == "Implementation Rules of Yunling City on Awards for Industrial Robot Applications"
    assert found["doc_number"] == "云政发〔2025〕8号"
    assert found["issuers"] == ["Yunling Municipal People's Government"]
    assert found["issue_date"] == D(2025, 2, 12)
    assert found["doc_type"] == "细则"
    assert (found["effective_from"], found["effective_to"]) == (D(2025, 3, 1), D(2027, 2, 28))


@pytest.mark.parametrize("issuer, level, region", [
    ("云岭布依族苗族自治州经济和信息化局", "市", "云岭布依族苗族自治州"), ("云岭州经济和信息化局", "市", "云岭州"),
    ("云州经济技术开发区经济发展局", "区县", "云州经济技术开发区"),  # a 区 named after its city is no prefecture
])
def test_an_autonomous_prefecture_is_a_city_level_region(issuer: str, level: str, region: str):
    found = meta_of(f"关于组织申报2026年度技改项目的通知\n各县市：\n　　请于10月前申报。\n{issuer}\n2026年8月3日\n")
    assert (found.get("level"), found.get("region")) == (level, region)


def test_a_plan_dated_only_by_its_titles_years_runs_over_those_years():
    found = meta_of("云岭市装备制造业数字化转型\n三年行动方案（2025—2027年）\n一、到2027年，建成智能工厂5家。\n"
                    "云岭市人民政府办公室\n2025年2月14日\n")
    assert found["title"] == "云岭市装备制造业数字化转型三年行动方案（2025—2027年）"
    assert (found["effective_from"], found["effective_to"]) == (D(2025, 1, 1), D(2027, 12, 31))


def test_a_stated_window_wins_over_the_titles_years():
    found = meta_of("云岭市数字化转型行动方案（2025—2027年）\n"
                    "一、本方案自2025年6月1日起实施，有效期至2027年6月30日。\n")
    assert (found["effective_from"], found["effective_to"]) == (D(2025, 6, 1), D(2027, 6, 30))


def test_a_wrapped_title_is_found_when_its_note_runs_onto_the_next_line():
    found = meta_of("云岭市人民政府文件\n云政发〔2025〕2号\n关于印发《云岭市支持激光产业发展若干措施》的\n通知\n"
                    "各部门：现印发给你们。\n云岭市人民政府\n2025年6月16日\n云岭市支持激光产业发展若干措施（试\n行）\n"
                    "一、对激光企业给予奖励。\n")
    assert found["title"] == "云岭市支持激光产业发展若干措施（试行）"
    assert found["doc_type"] == "措施"


def _library(tmp_path: Path, texts: dict[str, str]):
    docs = []
    for name, text in texts.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        docs.append(load_document(path, RULES))
    return {d.meta.doc_id: d.meta for d in apply_validity_links(docs, RULES.links)}


OLD = ("云岭市首台套奖励办法（试行）\n云经信规〔2022〕1号\n第一条　本办法自2022年4月1日起施行，有效期五年。\n"
       "云岭市经济和信息化局\n2022年3月15日\n")


NOTICE = ("云岭市人民政府办公室关于延长有关政策有效期的通知\n各部门：\n"
          "　　《云岭市首台套奖励办法》有效期延长至2028年12月31日。\n云岭市人民政府办公室\n2026年6月20日\n")


def test_a_repeal_naming_the_old_document_by_its_number_ends_it(tmp_path: Path):
    new = ("云岭市首台套奖励办法（2026年修订）\n云经信规〔2026〕2号\n"
           "第五条　本办法自2026年6月1日起施行，有效期至2029年12月31日。"
           "《云岭市首台套奖励办法》（云经信规〔2022〕1号）同时废止。\n云岭市经济和信息化局\n2026年5月8日\n")
    metas = _library(tmp_path, {"old": OLD, "new": new})
    assert metas["old"].effective_to == D(2026, 5, 31)
    assert [c.by_doc_id for c in metas["old"].validity_changes] == ["new"]
    assert metas["new"].effective_to == D(2029, 12, 31)


def test_an_extension_naming_the_document_without_its_note_extends_it(tmp_path: Path):
    notice = NOTICE
    metas = _library(tmp_path, {"old": OLD, "notice": notice})
    assert metas["old"].effective_to == D(2028, 12, 31)


def test_a_title_without_notes_shared_by_two_documents_names_neither(tmp_path: Path):
    other = OLD.replace("（试行）", "（2019年版）").replace("〔2022〕1号", "〔2019〕4号")
    notice = NOTICE
    metas = _library(tmp_path, {"old": OLD, "other": other, "notice": notice})
    assert metas["old"].validity_changes == [] and metas["other"].validity_changes == []


def test_a_number_after_the_title_in_brackets_is_the_documents_number_not_its_title():
    found = meta_of("云岭市经济和信息化局关于开展2025年度智能工厂评估的通知（云经信发〔2025〕3号）\n各县市区经信局：\n"
                    "　　现将有关事项通知如下。\n云岭市经济和信息化局\n2025年3月5日\n")
    assert found["title"] == "云岭市经济和信息化局关于开展2025年度智能工厂评估的通知"
    assert found["doc_number"] == "云经信发〔2025〕3号"


def test_a_party_office_is_of_the_place_it_names():
    found = meta_of("关于加快智能装备产业发展的实施意见\n各县市区：\n　　现提出如下意见。\n中共云岭市委办公室\n"
                    "云岭市人民政府办公室\n2025年3月5日\n")
    assert found["issuers"] == ["中共云岭市委办公室", "云岭市人民政府办公室"]
    assert (found["level"], found["region"]) == ("市", "云岭市")


@pytest.mark.parametrize("sentence, start, end", [
    ("本办法自发布之日起30日后施行，有效期3年。", D(2025, 3, 31), D(2028, 3, 30)),
    ("本办法自2025年1月1日起执行，执行期三年。", D(2025, 1, 1), D(2027, 12, 31)),
    ("本办法自2025年1月1日起实施，实施期限为两年。", D(2025, 1, 1), D(2026, 12, 31)),
])
def test_more_ways_to_state_a_start_and_a_duration(sentence: str, start: dt.date, end: dt.date):
    found = meta_of(f"云岭市技改补助办法\n第一条　{sentence}\n云岭市经济和信息化局\n2025年3月1日\n")
    assert (found.get("effective_from"), found.get("effective_to")) == (start, end)


def test_an_english_authority_named_after_its_field_signs_the_document():
    found = meta_of("Notice of the Yunling Provincial Department of Economy and Information Technology on the 2025 "
                    "Smart Factory Applications\nAll municipal bureaus:\nApplications close on 30 June 2025.\n"
                    "Yunling Provincial Department of Economy and Information Technology\n5 March 2025\n")
    assert found["title"].startswith("Notice of the Yunling Provincial Department")
    assert found["issuers"] == ["Yunling Provincial Department of Economy and Information Technology"]
    assert (found["issue_date"], found["doc_type"]) == (D(2025, 3, 5), "通知")


def test_a_county_level_city_is_a_county_level_region_of_its_city():
    notice = "关于组织申报2026年度技改项目的通知\n各乡镇：\n　　请于10月前申报。\n{}\n2026年8月3日\n"
    found = meta_of(notice.format("武穴市经济和信息化局"))
    assert (found["level"], found["region"]) == ("区县", "黄冈市武穴市")
    found = meta_of(notice.format("天门市经济和信息化局"))
    assert (found["level"], found["region"]) == ("市", "天门市")  # governed by the province: a 市州 itself


@pytest.mark.parametrize("issuer, level, region", [
    ("Yichang Municipal People's Government", "市", "宜昌市"),
    ("Hubei Provincial Department of Economy and Information Technology", "省", "湖北省"),
    ("Ministry of Industry and Information Technology", "国家", "全国"),
])
def test_an_english_authority_gives_its_level_and_place(issuer: str, level: str, region: str):
    found = meta_of(f"Measures on Awards for Smart Factories\nArticle 1 These Measures apply to all.\n{issuer}\n"
                    "5 March 2025\n")
    assert found["issuers"] == [issuer]
    assert (found.get("level"), found.get("region")) == (level, region)
