"""The index on disk: atomic builds, incremental ingest, refusal of bad input, corruption repair.

Every test here changes an index, so each builds its own small one in tmp_path (one short policy,
the real lexicon and the session's embedder) instead of touching the session's plan index.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.answering.ask import ask
from assistant.documents.clauses import parse_clauses
from assistant.documents.loaders import load_document
from assistant.documents.rules import DocumentRules
from assistant.errors import AssistantError, DocumentError, IndexMissing
from assistant.index import store as store_module
from assistant.ingest import ingest
from assistant.settings import REPO_ROOT, Settings

RULES = DocumentRules.load(Settings().document_rules_dir)

QUESTION = "首台套有什么支持？"
TALENT_POLICY = """某市高端人才引进办法

一、人才引进
1.加快引进国内外高端人才，对符合条件的高端人才按规定给予相应待遇。
2.支持企业与高校联合培养智能制造装备专业人才。
"""


class FlakyEmbedder:
    """The real embedder whose embed_passages fails after `allowed` calls: a crash mid-build."""

    def __init__(self, inner, allowed: int, error: BaseException) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.allowed = allowed
        self.error = error
        self.calls = 0

    def embed_query(self, text: str):
        return self.inner.embed_query(text)

    def embed_passages(self, texts: list[str]):
        self.calls += 1
        if self.calls > self.allowed:
            raise self.error
        return self.inner.embed_passages(texts)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def built(data_dir: Path, small_knowledge: Path, make_runtime):
    """A runtime whose small index has just been built."""
    runtime = make_runtime(data_dir, small_knowledge)
    report = ingest(runtime)
    assert report.status == "built"
    return runtime


def build_folders(runtime) -> list[str]:
    return sorted(p.name for p in runtime.store.builds.iterdir())


def assert_answers(runtime) -> None:
    answer = ask(runtime, QUESTION)
    assert not answer.abstained
    assert answer.citations
    assert any("首台（套）" in c.quote for c in answer.citations)


# ---- atomic re-index ---------------------------------------------------------------------------

@pytest.mark.parametrize("error", [RuntimeError("simulated: embedder crashed"), KeyboardInterrupt()],
                         ids=["exception", "interrupt"])
def test_failed_build_leaves_previous_index_current_and_answering(
    built, data_dir, small_knowledge, make_runtime, embedder, monkeypatch, error
):
    before = built.store.current_id()
    folders = build_folders(built)
    assert folders == [before]
    manifest_before = (built.store.builds / before / "manifest.json").read_text("utf-8")

    # Two clauses per batch, so the flaky embedder fails on the second batch: genuinely midway,
    # with documents, clauses, BM25 and part of the vectors already written to the temp build.
    monkeypatch.setattr(store_module, "BATCH", 2)
    flaky = FlakyEmbedder(embedder, allowed=1, error=error)
    failing = make_runtime(data_dir, small_knowledge, emb=flaky)
    with pytest.raises(type(error)):
        ingest(failing, rebuild=True)
    assert flaky.calls == 2

    assert built.store.current_id() == before
    assert build_folders(built) == folders  # in particular no builds/.tmp-* is left behind
    assert not any(p.name.startswith(".tmp-") for p in built.store.builds.iterdir())
    assert not any(p.name.startswith(".CURRENT-") for p in built.store.root.iterdir())
    assert (built.store.builds / before / "manifest.json").read_text("utf-8") == manifest_before

    fresh = make_runtime(data_dir, small_knowledge)
    assert fresh.index.manifest.build_id == before
    assert_answers(fresh)
    assert ingest(fresh).status == "up_to_date"


# ---- incremental ingest ------------------------------------------------------------------------

def test_incremental_ingest_embeds_only_what_changed(built, data_dir, small_knowledge, tmp_path):
    first = built.store.manifest()
    n_small = first.clause_count
    assert n_small == len(built.index.clauses) > 0

    again = ingest(built)
    assert again.status == "up_to_date"
    assert again.build_id == first.build_id
    assert again.embedded == 0 and again.added == []

    incoming = tmp_path / "incoming"
    incoming.mkdir()
    new = incoming / "talent-policy.txt"
    new.write_text(TALENT_POLICY, encoding="utf-8")
    (incoming / "talent-policy.meta.yaml").write_text("doc_id: talent\ntitle: 某市高端人才引进办法\n",
                                                      encoding="utf-8")
    n_new = len(parse_clauses("talent", load_document(new, RULES).text))

    added = ingest(built, [new])
    assert added.status == "built"
    assert added.added == ["talent"]
    assert added.embedded == n_new
    assert added.reused == n_small
    assert added.clauses == n_small + n_new and added.documents == 2
    assert built.store.current_id() == added.build_id != first.build_id
    assert build_folders(built) == [added.build_id]  # the previous build was collected
    uploads = data_dir / "documents"
    assert (uploads / "talent-policy.txt").read_bytes() == new.read_bytes()
    assert (uploads / "talent-policy.meta.yaml").is_file()

    answer = ask(built, "引进高端人才有什么待遇？")
    assert any(c.doc_id == "talent" for c in answer.citations)

    # The stored copy is part of the corpus now: the original can go, nothing needs rebuilding.
    new.unlink()
    assert ingest(built).status == "up_to_date"

    # Editing one clause of the stored copy re-embeds that clause only.
    stored = uploads / "talent-policy.txt"
    stored.write_text(TALENT_POLICY.replace("专业人才。", "专业人才和技能人才。"), encoding="utf-8")
    edited = ingest(built)
    assert edited.status == "built"
    assert (edited.embedded, edited.reused) == (1, n_small + n_new - 1)

    rebuilt = ingest(built, rebuild=True)
    assert rebuilt.status == "built"
    assert (rebuilt.embedded, rebuilt.reused) == (n_small + n_new, 0)
    assert_answers(built)


# ---- bad input leaves everything as it was -----------------------------------------------------

def test_bad_documents_raise_and_leave_index_untouched(built, data_dir, tmp_path):
    current = built.store.current_id()
    folders = build_folders(built)
    clauses_bytes = (built.store.builds / current / "clauses.jsonl").read_bytes()

    good = tmp_path / "good-policy.txt"
    good.write_text(TALENT_POLICY, encoding="utf-8")
    headings = tmp_path / "headings.txt"
    headings.write_text("一、总则\n二、附则\n", encoding="utf-8")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    cases = {
        "headings only": [headings],
        "binary": [binary],
        "missing": [tmp_path / "missing.docx"],
        "every file bad": [binary, headings, tmp_path / "missing.docx"],  # nothing to add: nothing changes
    }
    for case, paths in cases.items():
        with pytest.raises(DocumentError) as err:
            ingest(built, paths)
        assert "\n" not in str(err.value), case
        assert built.store.current_id() == current, case
        assert build_folders(built) == folders, case
        assert (built.store.builds / current / "clauses.jsonl").read_bytes() == clauses_bytes, case
        assert not (data_dir / "documents").exists() or not any((data_dir / "documents").iterdir()), case
    assert ingest(built).status == "up_to_date"
    assert_answers(built)


# Was: every file was checked before any was added, so one bad file in `ingest a b c` added nothing
# (assistant/documents/corpus.py, load_checked raised on the first bad file).
def test_one_bad_file_is_reported_and_the_others_are_added(built, data_dir, tmp_path):
    good = tmp_path / "good-policy.txt"
    good.write_text(TALENT_POLICY, encoding="utf-8")
    letter = tmp_path / "letter.txt"  # no numbering: indexed by paragraph, not refused
    letter.write_text("尊敬的各位企业家：\n欢迎参加智能制造装备企业座谈会。\n", encoding="utf-8")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    report = ingest(built, [good, binary, letter])
    assert report.status == "built"
    assert sorted(report.added) == ["good-policy", "letter"]
    assert [f.path for f in report.failed] == [str(binary)]
    assert "scan.txt" in report.failed[0].error and "\n" not in report.failed[0].error
    stored = sorted(p.name for p in (data_dir / "documents").iterdir())
    assert stored == ["good-policy.txt", "letter.txt"]
    doc_ids = {c.doc_id for c in built.index.clauses}
    assert {"good-policy", "letter"} <= doc_ids


# Was a bug (assistant/index/store.py, IndexStore.build -> _build_lexical -> LexicalIndex.build; no check
# in assistant/index/ingest.py either): a corpus with no clauses at all — an empty policies folder,
# or documents made only of headings such as "一、总则\n二、附则" (parse_clauses returns [] for them
# without raising) — crashes inside bm25s with a bare ValueError("max() arg is an empty sequence");
# the CLI turns it into "内部错误：ValueError" (exit 70) instead of a one-line domain error.
@pytest.mark.parametrize("policy", [None, "一、总则\n二、附则\n"], ids=["no documents", "headings only"])
def test_ingest_of_a_corpus_without_clauses_is_a_domain_error(tmp_path, make_runtime, policy):
    knowledge = tmp_path / "knowledge"
    (knowledge / "policies").mkdir(parents=True)
    for name in ("lexicon", "documents"):  # the tokenizer's lexicon; regions and item rules
        (knowledge / name).symlink_to(REPO_ROOT / "knowledge" / name, target_is_directory=True)
    if policy:
        (knowledge / "policies" / "headings.txt").write_text(policy, encoding="utf-8")
    runtime = make_runtime(tmp_path / "data", knowledge)
    with pytest.raises(AssistantError):
        ingest(runtime)
    assert runtime.store.current_id() is None


def test_ask_without_any_index_says_how_to_build_one(small_knowledge, make_runtime, tmp_path):
    runtime = make_runtime(tmp_path / "empty-data", small_knowledge)
    with pytest.raises(IndexMissing) as err:
        ask(runtime, QUESTION)
    assert "assistant ingest" in str(err.value)


# ---- corruption --------------------------------------------------------------------------------

def _truncate_clauses(folder: Path) -> None:
    path = folder / "clauses.jsonl"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbage_manifest(folder: Path) -> None:
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")


def _manifest_lies_about_count(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    manifest["clause_count"] += 1
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


CORRUPTIONS = {
    "truncated clauses.jsonl": _truncate_clauses,
    "deleted bm25": lambda folder: shutil.rmtree(folder / "bm25"),
    "deleted chroma": lambda folder: shutil.rmtree(folder / "chroma"),
    "garbage manifest": _garbage_manifest,
    "vector count mismatch": _manifest_lies_about_count,
    "CURRENT names a missing build": lambda folder: shutil.rmtree(folder),
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_corrupt_index_raises_index_missing_and_rebuild_repairs_it(
    built, data_dir, small_knowledge, make_runtime, corruption
):
    folder = built.store.builds / built.store.current_id()
    CORRUPTIONS[corruption](folder)

    fresh = make_runtime(data_dir, small_knowledge)
    with pytest.raises(IndexMissing) as err:
        fresh.store.open(fresh.embedder)
    message = str(err.value)
    assert "assistant ingest --rebuild" in message and "\n" not in message
    with pytest.raises(IndexMissing):
        ask(fresh, QUESTION)

    report = ingest(fresh, rebuild=True)
    assert report.status == "built"
    assert fresh.store.current_id() == report.build_id
    assert_answers(fresh)


def test_plain_ingest_does_not_trust_a_corrupt_index(built, data_dir, small_knowledge, make_runtime):
    old = built.store.current_id()
    _truncate_clauses(built.store.builds / old)
    fresh = make_runtime(data_dir, small_knowledge)
    report = ingest(fresh)  # no --rebuild: the manifest still lists the same documents
    assert report.status == "built" and report.build_id != old
    assert report.reused == report.clauses  # the embedding cache survives a corrupt index
    assert_answers(fresh)
