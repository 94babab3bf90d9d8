"""The catalogue in knowledge/catalogue.yaml: complete, faithful to the plan, and validated on load."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from assistant.documents.clauses import parse_clauses
from assistant.documents.loaders import load_document
from assistant.documents.rules import DocumentRules
from assistant.eligibility import CatalogueError, load_catalogue
from assistant.settings import Settings

RULES = DocumentRules.load(Settings().document_rules_dir)

SETTINGS = Settings()
KNOWLEDGE = SETTINGS.knowledge_dir
PLAN = KNOWLEDGE / "policies" / "hubei-2014-intelligent-equipment-action-plan.txt"
ALTERED_QUOTE = "鼓励金融租赁公司开展所有装备的融资租赁业务。"  # the plan says 高端装备


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(SETTINGS.catalogue_path)


@pytest.fixture(scope="module")
def document():
    return load_document(PLAN, RULES)


@pytest.fixture(scope="module")
def clauses(document):
    return {c.anchor: c for c in parse_clauses(document.meta.doc_id, document.text)}


def test_catalogue_covers_the_plan(catalogue):
    counts = Counter(e.category for e in catalogue.entries)
    assert 30 <= len(catalogue.entries) <= 50
    assert counts["support_measure"] >= 15 and counts["funding_channel"] >= 8 and counts["alliance"] >= 5
    assert len(set(catalogue.ids)) == len(catalogue.ids)
    for needed in ("first_set_recognition_award", "government_first_purchase", "product_insurance_mechanism",
                   "am_industrial_park", "robot_industry_base", "technology_innovation_alliance",
                   "cnc_industry_alliance", "laser_equipment_alliance", "am_technology_alliance",
                   "major_project_matching_funds", "financial_leasing", "venture_equity_investment",
                   "high_end_talent_treatment", "industry_expert_committee", "park_public_service_platform",
                   "user_maker_alliance_tendering", "intelligent_retrofit", "demonstration_promotion_events"):
        assert needed in catalogue.ids


def test_every_section_three_to_five_is_cited(catalogue):
    anchors = {c.anchor for cites in catalogue.citations.values() for c in cites}
    sections = ("三.（一）", "三.（二）", "三.（三）", "四.（一）", "四.（二）", "四.（三）", "四.（四）",
                "四.（五）", "五.（一）", "五.（二）", "五.（三）", "五.（四）", "五.（五）", "五.（六）")
    for prefix in sections:
        assert any(a.startswith(prefix) for a in anchors), prefix


def test_every_quote_is_verbatim_in_its_clause(catalogue, document, clauses):
    raw = yaml.safe_load(SETTINGS.catalogue_path.read_text(encoding="utf-8"))
    for entry in raw["entries"]:
        for ref in entry["citations"]:
            assert ref["anchor"] in clauses, (entry["id"], ref["anchor"])
            assert ref["quote"] in clauses[ref["anchor"]].text, (entry["id"], ref["quote"])
    for entry_id, cites in catalogue.citations.items():
        assert [c.n for c in cites] == list(range(1, len(cites) + 1))
        for c in cites:
            assert document.text[c.start:c.end] == c.quote, entry_id
            clause = clauses[c.anchor]
            assert clause.start <= c.start and c.end <= clause.end
            assert c.section == clause.section and c.doc_id == "hubei-2014-ime-plan"


def test_benefits_state_no_number_the_plan_does_not(catalogue, document):
    plan_numbers = set(re.findall(r"\d+(?:\.\d+)?", document.text))
    for entry in catalogue.entries:
        for text in (entry.benefit, *entry.next_steps):
            for number in re.findall(r"\d+(?:\.\d+)?", text):
                assert number in plan_numbers, (entry.id, number)
            assert not re.search(r"万元|亿元|%|截止|之前申报", text), entry.id


def test_vague_promises_stay_vague(catalogue):
    talent = catalogue.get("high_end_talent_treatment")
    assert "按规定给予相应待遇" in talent.benefit and "未列明" in talent.benefit
    assert "探索" in catalogue.get("product_insurance_mechanism").benefit
    assert "研究出台" in catalogue.get("government_first_purchase").benefit


def test_region_choices_are_documented(catalogue):
    clusters = catalogue.get("characteristic_clusters")
    assert clusters.regions == ["武汉", "襄阳", "宜昌", "孝感", "荆州", "黄石"]
    assert clusters.regions_open and "等" in clusters.region_note
    for entry in catalogue.entries:
        if entry.regions_open:
            assert entry.region_note, entry.id
    assert catalogue.get("robot_industry_base").regions == []  # the plan names no city for it


def test_role_groups_are_expanded(catalogue):
    assert "装备企业" not in catalogue.get("characteristic_clusters").beneficiaries
    assert "核心部件配套企业" in catalogue.get("characteristic_clusters").beneficiaries


# ── load errors name the entry ──


def _write_variant(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(SETTINGS.catalogue_path.read_text(encoding="utf-8"))
    edit(data["entries"])
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _load_variant(path: Path):
    return load_catalogue(path, vocabulary_path=SETTINGS.vocabulary_path,
                          policies_dir=SETTINGS.policies_dir, rules=RULES)


def _entry(entries, entry_id):
    return next(e for e in entries if e["id"] == entry_id)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda es: _entry(es, "financial_leasing")["citations"][0].update(quote=ALTERED_QUOTE), "引文不在条款"),
        (lambda es: _entry(es, "financial_leasing")["citations"][0].update(anchor="五.（九）"), "锚点"),
        (lambda es: _entry(es, "financial_leasing").update(beneficiaries=["个体户"]), "未知角色 个体户"),
        (lambda es: _entry(es, "financial_leasing").update(sectors=["工程机械"]), "未知领域 工程机械"),
        (lambda es: _entry(es, "financial_leasing").update(regions=["长沙"]), "未知地区 长沙"),
        (lambda es: _entry(es, "financial_leasing").update(needs=["上市"]), "未知诉求 上市"),
        (lambda es: _entry(es, "financial_leasing").update(
            conditions=[{"field": "revenue", "operator": "gte", "values": [1.0], "text": "x"}]), "条件字段 revenue"),
        (lambda es: _entry(es, "financial_leasing").update(amount="100万元"), "amount"),
    ],
)
def test_invalid_catalogue_names_the_entry(tmp_path, edit, message):
    with pytest.raises(CatalogueError) as err:
        _load_variant(_write_variant(tmp_path, edit))
    assert message in str(err.value)
    assert "financial_leasing" in str(err.value)


def test_duplicate_ids_are_rejected(tmp_path):
    def duplicate(entries):
        entries.append(dict(entries[0]))

    with pytest.raises(CatalogueError, match="重复"):
        _load_variant(_write_variant(tmp_path, duplicate))
