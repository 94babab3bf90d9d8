"""Question wording found on a development set, on made-up metadata: a count of joint issuers (三部委这个
通知) names the documents of that many authorities; a district is named without 区 (咸安和鄂城各奖多少); a
question split into parts keeps 还有效 (still valid) whole."""

from __future__ import annotations

import datetime as dt

from assistant.answering.parts import split_parts
from assistant.retrieval.named import build_library_cues, load_cue_lexicon, name_documents
from assistant.settings import Settings
from assistant.types import DocumentMeta

D = dt.date
METAS = {m.doc_id: m for m in (
    DocumentMeta(doc_id="joint", title="关于开展2026年度智能检测装备攻关项目申报的通知", region="全国", level="国家",
                 issuers=["科学技术部办公厅", "工业和信息化部办公厅", "财政部办公厅"], doc_type="通知",
                 issue_date=D(2026, 5, 1)),
    DocumentMeta(doc_id="single", title="关于开展2026年度工业软件首版次推广的通知", region="全国", level="国家",
                 issuers=["工业和信息化部办公厅"], doc_type="通知", issue_date=D(2026, 4, 1)),
    DocumentMeta(doc_id="xianan", title="咸安区支持装备制造业转型升级若干措施", region="咸宁市咸安区", level="区县",
                 issuers=["咸宁市咸安区人民政府"], doc_type="措施", issue_date=D(2025, 3, 1)),
    DocumentMeta(doc_id="echeng", title="鄂城区智能制造奖补办法", region="鄂州市鄂城区", level="区县",
                 issuers=["鄂州市鄂城区人民政府"], doc_type="办法", issue_date=D(2024, 3, 1)),
)}
CUES = build_library_cues(METAS, load_cue_lexicon(Settings().lexicon_dir))


def test_a_count_of_joint_issuers_names_the_document_of_that_many_authorities() -> None:
    for question in ("三部委这个攻关项目什么时候截止？", "Which projects does the three ministries' notice fund?"):
        assert name_documents(question, CUES, METAS).lead() == ["joint"], question
    assert "joint" not in name_documents("第三部门的职责是什么", CUES, METAS).lead()


def test_a_district_is_named_without_its_suffix() -> None:
    naming = name_documents("新认定省级企业技术中心，咸安和鄂城各奖多少？", CUES, METAS)
    assert sorted(naming.lead()) == ["echeng", "xianan"]


def test_still_valid_is_no_part_boundary() -> None:
    assert split_parts("首台套奖励各是什么标准？哪个现在还有效？") == ["首台套奖励各是什么标准", "哪个现在还有效"]
    assert split_parts("有哪些补贴还有哪些贴息？") == ["有哪些补贴", "哪些贴息"]  # 还有 (and) still splits
