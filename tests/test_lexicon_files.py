"""Lexicon files read by the second stage and the scope judge: a malformed file (not YAML, not a
mapping, an invalid regex, a wrong type) is one ConfigError naming it, never a traceback mid-query;
a folder without the file has those rules off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.answering.scope import ScopeJudge
from assistant.errors import ConfigError
from assistant.retrieval.rerank import answer_kinds, front_matter, pair_rules
from assistant.settings import Settings

LEXICON = Settings().lexicon_dir
READERS = {
    "qa_pairs.yaml": pair_rules,
    "answer_types.yaml": answer_kinds,
    "front_matter.yaml": front_matter,
    "document_facts.yaml": front_matter,
    "qualifiers.yaml": lambda folder: ScopeJudge(folder).qualifiers,
    "topics.yaml": lambda folder: ScopeJudge(folder).topics,
}
BAD = ["question: '(unclosed'\n", "- a list\n- not a mapping\n", "key: [unclosed\n",
       "ask: {not: a list}\nevidence: 3\n"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "lexicon"
    shutil.copytree(LEXICON, copy)
    return copy


@pytest.mark.parametrize("name", sorted(READERS))
def test_the_shipped_file_reads(folder: Path, name: str) -> None:
    assert READERS[name](folder) is not None


@pytest.mark.parametrize("name", sorted(READERS))
@pytest.mark.parametrize("content", BAD)
def test_a_malformed_file_is_one_config_error_naming_it(folder: Path, name: str, content: str) -> None:
    (folder / name).write_text(content, encoding="utf-8")
    try:
        READERS[name](folder)
    except ConfigError as exc:
        assert name in str(exc)
    # else: this content happens to be valid for this file (e.g. a question regex in answer_types): fine


def test_an_invalid_regex_is_refused(folder: Path) -> None:
    (folder / "qa_pairs.yaml").write_text("question: '(unclosed'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"qa_pairs\.yaml"):
        pair_rules(folder)
    (folder / "answer_types.yaml").write_text("number:\n  ask: ['[']\n  evidence: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"answer_types\.yaml"):
        answer_kinds(folder)


def test_a_missing_file_turns_its_rules_off(folder: Path) -> None:
    (folder / "qa_pairs.yaml").unlink()
    rules = pair_rules(folder)
    assert rules.question is None and not rules.filler
