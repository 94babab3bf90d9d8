"""Client/server mode: a real `chroma run` on 127.0.0.1 gives the same answers as embedded Chroma.

The plan is ingested into the server (Settings.chroma_host/chroma_port), with the session's
embedding cache copied in so nothing is embedded twice, and gold questions are answered through
both indexes: the citations (documents, anchors, quotes) and the answer text must be identical.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from chroma_server import ChromaServer, chroma_executable

from assistant.answering.ask import ask
from assistant.ingest import ingest
from assistant.runtime import Runtime
from assistant.settings import Settings

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chroma_executable() is None, reason="the chroma CLI ships in the chromadb wheel"),
]

GOLD_PER_CATEGORY = 4


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    srv = ChromaServer(tmp_path_factory.mktemp("chroma-server") / "db").start()
    yield srv
    srv.stop()


def seed_caches(source: Path, target: Path) -> None:
    """Reuse the plan's embeddings and jieba's prefix dict: the server test embeds nothing new."""
    for name in ("embeddings", "jieba"):
        if (source / name).exists() and not (target / name).exists():
            shutil.copytree(source / name, target / name)


@pytest.fixture(scope="module")
def remote_runtime(server: ChromaServer, plan_runtime, tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    data = tmp_path_factory.mktemp("remote-data")
    seed_caches(plan_runtime.settings.cache_dir, data / "cache")
    settings = Settings(data_dir=data, chroma_host=server.host, chroma_port=server.port)
    runtime = Runtime(settings, embedder=plan_runtime.embedder)
    report = ingest(runtime)
    assert report.status == "built"
    assert report.embedded == 0, "the copied cache should hold every clause's vector"
    return runtime


def gold_sample(gold: list[dict]) -> list[dict]:
    """A few questions of every category (answerable, colloquial, English, out of scope, …)."""
    seen: dict[str, int] = {}
    out = []
    for row in gold:
        if row["category"] == "followup":
            continue
        if seen.get(row["category"], 0) < GOLD_PER_CATEGORY:
            seen[row["category"]] = seen.get(row["category"], 0) + 1
            out.append(row)
    return out


def test_build_lives_on_the_server(remote_runtime: Runtime, server: ChromaServer, plan_index):
    manifest = remote_runtime.index.manifest
    assert manifest.chroma_mode == "http"
    assert manifest.clause_count == len(plan_index.clauses)
    build = remote_runtime.store.builds / manifest.build_id
    assert not (build / "chroma").exists(), "the vectors belong on the server, not in the build folder"
    import chromadb

    client = chromadb.HttpClient(host=server.host, port=server.port)
    names = [c.name for c in client.list_collections()]
    assert manifest.collection in names
    assert client.get_collection(manifest.collection).count() == manifest.clause_count


def test_same_answers_as_embedded_mode(remote_runtime: Runtime, plan_runtime, gold: list[dict], anchor_hits):
    sample = gold_sample(gold)
    assert len(sample) >= 20
    gold_hits = 0
    for row in sample:
        local = ask(plan_runtime, row["question"])
        remote = ask(remote_runtime, row["question"])
        key = row["id"]
        assert [n.code for n in remote.notices] == [n.code for n in local.notices], key
        assert "dense_unavailable" not in {n.code for n in remote.notices}, key
        assert [(c.doc_id, c.anchor, c.quote) for c in remote.citations] == \
               [(c.doc_id, c.anchor, c.quote) for c in local.citations], key
        assert remote.answer == local.answer, key
        assert remote.abstained == local.abstained, key
        if any(anchor_hits(c.anchor, g) for c in remote.citations for g in row["gold_anchors"]):
            gold_hits += 1
    answerable = [r for r in sample if r["gold_anchors"]]
    assert gold_hits >= 0.6 * len(answerable), "the server-backed index should still find the gold clauses"


def test_dense_retrieval_really_uses_the_server(remote_runtime: Runtime, plan_runtime):
    question = "工业机器人的行动目标是什么？"
    remote, notices = remote_runtime.retriever.search(question)
    local, _ = plan_runtime.retriever.search(question)
    assert not notices
    assert any(h.dense_rank is not None for h in remote)
    assert [h.clause.id for h in remote] == [h.clause.id for h in local]
    for r, x in zip(remote, local, strict=True):
        assert r.dense_score == pytest.approx(x.dense_score, abs=1e-4)


def test_two_instances_share_one_build_and_server(remote_runtime: Runtime):
    """A second app instance over the same data dir (read-only) and server answers the same."""
    other = Runtime(Settings(data_dir=remote_runtime.settings.data_dir, chroma_host=remote_runtime.settings.chroma_host,
                             chroma_port=remote_runtime.settings.chroma_port), embedder=remote_runtime.embedder)
    assert other.index.manifest.build_id == remote_runtime.index.manifest.build_id
    a = ask(remote_runtime, "首台套有什么支持？")
    b = ask(other, "首台套有什么支持？")
    assert a.model_dump() == b.model_dump()


def test_new_build_replaces_the_old_collection(server: ChromaServer, plan_runtime, tmp_path: Path, small_knowledge,
                                               make_runtime):
    """Re-ingest on the server: the new collection goes live, the old one is dropped, not leaked."""
    import chromadb

    data = tmp_path / "data"
    make_runtime(data, small_knowledge)  # seeds the caches: the small policy is embedded already
    settings = Settings(data_dir=data, knowledge_dir=small_knowledge, chroma_host=server.host, chroma_port=server.port)
    runtime = Runtime(settings, embedder=plan_runtime.embedder)
    first = ingest(runtime)
    (small_knowledge / "policies" / "extra.txt").write_text(
        "某市人才办法\n\n一、人才\n1.对符合条件的高端人才按规定给予相应待遇。\n", encoding="utf-8")
    second = ingest(runtime)
    assert second.status == "built" and second.build_id != first.build_id
    client = chromadb.HttpClient(host=server.host, port=server.port)
    names = {c.name for c in client.list_collections()}
    assert not any(first.build_id.lower() in n for n in names), names
    assert runtime.index.manifest.collection in names
    answer = ask(runtime, "高端人才有什么待遇？")
    assert any(c.doc_id == "extra" for c in answer.citations)


def test_filtered_exact_search_matches_chroma(remote_runtime: Runtime, plan_runtime, plan_id, monkeypatch):
    """A small filtered subset is searched exactly in-process; it must agree with Chroma's own
    filtered search (served over HTTP here, embedded for the plan index)."""
    from assistant.retrieval import hybrid
    from assistant.retrieval.hybrid import ClauseFilter, _exact_dense

    vector = remote_runtime.embedder.embed_query("首台套有什么支持？")
    where = ClauseFilter(doc_ids=[plan_id])
    for runtime in (remote_runtime, plan_runtime):
        index = runtime.index
        exact = _exact_dense(index, where, vector, 10)
        ann = index.vectors.search(vector, 10, {"doc_id": {"$in": [plan_id]}})
        assert [index.clauses[p].id for p, _ in exact] == [i for i, _ in ann]
        assert [s for _, s in exact] == pytest.approx([s for _, s in ann], abs=1e-4)
    # Past EXACT_LIMIT the filtered ANN search is used; the filter still holds.
    monkeypatch.setattr(hybrid, "EXACT_LIMIT", 0)
    where = ClauseFilter(doc_ids=[plan_id], section="三")
    hits, notices = remote_runtime.retriever.search("首台套有什么支持？", where=where)
    assert hits and not notices
    assert all(h.clause.anchor.startswith("三") for h in hits)
