"""Build the index atomically and open it read-only.

Layout under `<data_dir>/index/`:
    CURRENT            name of the build in use (replaced atomically with os.replace)
    builds/<id>/       manifest.json, documents.jsonl, clauses.jsonl, items.json (support items,
                       extracted at build time), bm25/, chroma/ (embedded)
A build is written to builds/.tmp-<id>/ and only becomes visible when CURRENT names it, so a
crash or a full disk mid-build leaves the previous index answering. Builds hold an exclusive
flock on `<data_dir>/index/.lock`, so two ingests (two processes, or two threads) never collect
each other's half-written folders; the next ingest removes what a killed one left behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import json
import logging
import os
import secrets
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, Field

from assistant.documents.clauses import parse_clauses
from assistant.documents.items import ItemRules, extract_items
from assistant.documents.links import apply_validity_links
from assistant.documents.rules import DocumentRules
from assistant.errors import AssistantError, IndexMissing
from assistant.index.embedder import Embedder
from assistant.index.lexical import LexicalIndex
from assistant.index.memo import IndexMemo
from assistant.index.tokenizer import Tokenizer
from assistant.index.vector_store import (
    ChromaVectorStore,
    ReconnectingVectorStore,
    VectorStore,
    chroma_client,
    close_client,
)
from assistant.settings import ChromaSettings
from assistant.types import Clause, Document, SupportItem

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
BATCH = 64
REBUILD_HINT = "请运行 `assistant ingest --rebuild` 重建索引"
LOCK_TIMEOUT = 600.0
ITEMS_FILE = "items.json"
Progress = Callable[[str, int, int], None]
_DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_DISK_FULL_WORDS = ("no space left", "disk is full", "disk full", "quota exceeded")


class IndexWriteError(AssistantError):
    """A new build could not be written (disk full, another ingest running); the old one still answers."""

    exit_code = 6


def _is_disk_full(exc: BaseException) -> bool:
    """ENOSPC/EDQUOT anywhere in the chain, or the words sqlite and Chroma's Rust core use for it."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in _DISK_FULL_ERRNOS:
            return True
        if any(w in str(exc).lower() for w in _DISK_FULL_WORDS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def write_error(exc: BaseException, folder: Path) -> IndexWriteError | None:
    """The one-line IndexWriteError for a full disk or a read-only folder, else None."""
    if _is_disk_full(exc):
        return IndexWriteError(f"磁盘空间不足，新索引未能写入（{folder}）；原索引仍在使用。"
                               f"请释放空间后重新运行 `assistant ingest`")
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return IndexWriteError(
            f"索引目录不可写（{folder}）：只读挂载的实例不能导入，请在导入节点上运行 `assistant ingest`")
    return None


class ItemProposer(Protocol):
    """Adds to a document's rule-extracted items at build time (the LLM's grounded proposals,
    assistant/llm/items.py, wired by ingest); returns `items` unchanged on any failure, never raises."""

    @property
    def fingerprint(self) -> str: ...  # part of the pipeline fingerprint: who proposes, how

    def __call__(self, document: Document, clauses: list[Clause], items: list[SupportItem],
                 rules: ItemRules) -> list[SupportItem]: ...


class Manifest(BaseModel):
    build_id: str
    format: int = FORMAT_VERSION
    created_at: str
    embedder: str
    dim: int
    chroma_mode: str = Field(description="embedded or http")
    collection: str
    documents: dict[str, str] = Field(description="doc_id -> content hash")
    clause_count: int
    files: dict[str, str] = Field(description="file name -> sha256, checked when opened")
    pipeline: str = Field(default="", description="fingerprint of parser, tokenizer and lexicon")


def pipeline_fingerprint(tokenizer: Tokenizer, rules: DocumentRules, proposer: ItemProposer | None = None) -> str:
    """Changes when clause parsing or tokenising would: such an index is stale though docs are not.

    With an item proposer its fingerprint counts too (turning LLM proposals on or off rebuilds);
    without one the fingerprint is what it was before proposers existed."""
    import assistant.documents.clauses as clauses_module
    import assistant.documents.items as items_module
    import assistant.documents.links as links_module
    import assistant.index.tokenizer as tokenizer_module

    h = hashlib.sha256(str(FORMAT_VERSION).encode())
    for module in (clauses_module, tokenizer_module, items_module, links_module):  # items.json is part of a build
        h.update(Path(module.__file__).read_bytes())
    h.update(rules.fingerprint.encode())  # regions.yaml and items.yaml, as this build reads them
    if proposer is not None:
        h.update(proposer.fingerprint.encode())
    for name in ("userdict.txt", "stopwords.txt", "variants.yaml"):
        path = tokenizer.lexicon_dir / name
        if path.exists():
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


class Index:
    """A loaded, read-only build: documents, clause table, lexical and vector search."""

    def __init__(self, manifest: Manifest, documents: dict[str, Document], clauses: list[Clause],
                 lexical: LexicalIndex, vectors: VectorStore, tokenizer: Tokenizer,
                 folder: Path | None = None) -> None:
        self.manifest = manifest
        self.folder = folder
        self._items: list[SupportItem] | None = None
        self._items_lock = threading.Lock()
        self.documents = documents
        self.clauses = clauses
        self.lexical = lexical
        self.vectors = vectors
        self.tokenizer = tokenizer
        self.position = {c.id: i for i, c in enumerate(clauses)}
        self.memo = IndexMemo()  # what readers compute once per build; dies with this Index

    @property
    def items(self) -> list[SupportItem]:
        """The build's support items (items.json), read once per opened build; never re-extracted."""
        if self._items is None:
            with self._items_lock:
                if self._items is None:
                    self._items = _read_items(self.folder)
        return self._items

    def clause(self, clause_id: str) -> Clause | None:
        i = self.position.get(clause_id)
        return None if i is None else self.clauses[i]

    def close(self) -> None:
        """Release the vector store's files and connections (an old build after a swap)."""
        close = getattr(self.vectors, "close", None)
        if close is not None:
            close()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_jsonl(path: Path, rows: Iterable[BaseModel]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(row.model_dump_json() + "\n")
        f.flush()
        os.fsync(f.fileno())


class IndexStore:
    """Owns the index folder: builds new versions, swaps them in, opens the current one."""

    def __init__(self, root: Path, chroma: ChromaSettings, tokenizer: Tokenizer) -> None:
        self.root = root
        self.builds = root / "builds"
        self.current_file = root / "CURRENT"
        self.chroma = chroma
        self.tokenizer = tokenizer

    # ---- reading -------------------------------------------------------------------------

    def current_id(self) -> str | None:
        try:
            return self.current_file.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def manifest(self) -> Manifest | None:
        build_id = self.current_id()
        if build_id is None:
            return None
        try:
            return Manifest.model_validate_json((self.builds / build_id / "manifest.json").read_text("utf-8"))
        except (OSError, ValueError):
            raise IndexMissing(f"索引清单缺失或损坏（{build_id}），{REBUILD_HINT}") from None

    def open(self, embedder: Embedder) -> Index:
        manifest = self.manifest()
        if manifest is None:
            raise IndexMissing("还没有建立索引，请先运行 `assistant ingest`")
        folder = self.builds / manifest.build_id
        self._verify(folder, manifest)
        try:
            documents = {
                d.meta.doc_id: d
                for d in (Document.model_validate_json(x) for x in _lines(folder / "documents.jsonl"))
            }
            clauses = [Clause.model_validate_json(x) for x in _lines(folder / "clauses.jsonl")]
            lexical = LexicalIndex.load(folder / "bm25", len(clauses))
        except Exception as exc:  # any parse failure means the files are not what we wrote
            raise IndexMissing(f"索引文件损坏（{type(exc).__name__}），{REBUILD_HINT}") from None
        vectors = self._open_vectors(folder, manifest, embedder)
        return Index(manifest, documents, clauses, lexical, vectors, self.tokenizer, folder)

    def _verify(self, folder: Path, manifest: Manifest) -> None:
        if manifest.format != FORMAT_VERSION:
            raise IndexMissing(f"索引格式版本 {manifest.format} 与程序不符，{REBUILD_HINT}")
        for name, digest in manifest.files.items():
            path = folder / name
            if not path.exists():
                raise IndexMissing(f"索引文件缺失：{name}，{REBUILD_HINT}")
            if _sha256(path) != digest:
                raise IndexMissing(f"索引文件已损坏：{name}，{REBUILD_HINT}")

    def _open_vectors(self, folder: Path, manifest: Manifest, embedder: Embedder) -> VectorStore:
        if manifest.chroma_mode == "http" and not self.chroma.is_remote:
            raise IndexMissing(f"索引建在 Chroma 服务器上，但未设置 CHROMA_HOST；{REBUILD_HINT}")
        if self.chroma.is_remote:
            try:
                client = self._client(folder)
            except Exception as exc:  # the server is down, not the index broken: serve BM25 until it is back
                log.warning("Chroma server %s:%s unreachable (%s); answering BM25-only until it returns",
                            self.chroma.host, self.chroma.port, type(exc).__name__)
                return ReconnectingVectorStore(lambda: self._checked_store(self._client(folder), manifest, embedder))
            return self._checked_store(client, manifest, embedder)
        return self._checked_store(None, manifest, embedder, folder)

    def _checked_store(self, client, manifest: Manifest, embedder: Embedder, folder: Path | None = None) -> VectorStore:
        try:
            client = client if client is not None else self._client(folder)
            store = ChromaVectorStore(client, manifest.collection, embedder)
            count = store.count()
        except IndexMissing:
            close_client(client)
            raise
        except Exception as exc:
            close_client(client)
            raise IndexMissing(f"向量库无法打开（{type(exc).__name__}），{REBUILD_HINT}") from None
        if count != manifest.clause_count:
            store.close()
            raise IndexMissing(f"向量库条目数 {count} 与清单 {manifest.clause_count} 不符，{REBUILD_HINT}")
        return store

    def _client(self, folder: Path):
        if self.chroma.is_remote:
            return chroma_client(host=self.chroma.host, port=self.chroma.port)
        chroma_dir = folder / "chroma"
        if not chroma_dir.is_dir():
            raise IndexMissing(f"向量库目录缺失，{REBUILD_HINT}")
        return chroma_client(path=chroma_dir)

    # ---- writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self, wait: float = LOCK_TIMEOUT):
        """Hold the index's exclusive build lock (flock): yields True, or False when `wait` ran out."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("a") as f:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        yield False
                        return
                    time.sleep(0.2)
            try:
                yield True
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def clean_stale(self) -> list[str]:
        """Remove what a killed ingest left (builds/.tmp-*, .CURRENT-*, their server collections).

        Only when no build is running (the lock is free); returns the names removed.
        """
        if not self.builds.is_dir():
            return []
        try:
            with self._locked(wait=0) as held:
                return self._remove_stale() if held else []
        except OSError:  # a read-only instance: nothing of its own to clean, and build() says why it can't
            return []

    def _remove_stale(self) -> list[str]:
        removed = []
        for path in self.root.glob(".CURRENT-*"):
            path.unlink(missing_ok=True)
            removed.append(path.name)
        for folder in self.builds.glob(".tmp-*"):
            if self.chroma.is_remote:
                collection = f"{self.chroma.collection_prefix}-{folder.name.removeprefix('.tmp-')}".lower()
                with contextlib.suppress(Exception):
                    client = self._client_for_build(folder)
                    _drop_collection(client, collection)
                    close_client(client)
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
        return removed

    def build(self, documents: list[Document], embedder: Embedder, progress: Progress | None = None, *,
              rules: DocumentRules, proposer: ItemProposer | None = None) -> Manifest:
        """Write a complete new build, then make it current; the old one answers until then.

        Raises IndexWriteError when the disk is full or another ingest holds the lock too long.
        """
        try:
            with self._locked() as held:
                if not held:
                    raise IndexWriteError(f"另一个导入正在进行（{self.root / '.lock'}），请稍后再试")
                self._remove_stale()
                return self._build(documents, embedder, rules, progress, proposer)
        except IndexWriteError:
            raise
        except Exception as exc:
            error = write_error(exc, self.root)
            if error is not None:
                raise error from None
            raise

    def _build(self, documents: list[Document], embedder: Embedder, rules: DocumentRules,
               progress: Progress | None = None, proposer: ItemProposer | None = None) -> Manifest:
        progress = progress or (lambda stage, done, total: None)
        build_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)
        tmp = self.builds / f".tmp-{build_id}"
        tmp.mkdir(parents=True)
        collection = f"{self.chroma.collection_prefix}-{build_id}".lower()
        client = None
        try:
            clauses = [c for d in documents for c in parse_clauses(d.meta.doc_id, d.text)]
            documents = apply_validity_links(documents, rules.links)  # stored with this build, like items
            _write_jsonl(tmp / "documents.jsonl", documents)
            _write_jsonl(tmp / "clauses.jsonl", clauses)
            _write_items(tmp / ITEMS_FILE, documents, clauses, rules, proposer)
            self._build_lexical(tmp, clauses, progress)
            client = self._connect_for_build(tmp)
            self._build_vectors(client, collection, clauses, embedder, progress)
            manifest = Manifest(
                build_id=build_id,
                created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                embedder=embedder.name,
                dim=embedder.dim,
                chroma_mode="http" if self.chroma.is_remote else "embedded",
                collection=collection,
                documents={d.meta.doc_id: d.sha256 for d in documents},
                clause_count=len(clauses),
                files={n: _sha256(tmp / n) for n in _checked_files(tmp)},
                pipeline=pipeline_fingerprint(self.tokenizer, rules, proposer),
            )
            (tmp / "manifest.json").write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
            close_client(client)  # the build's sqlite and index files; readers open their own client
            client = None
            tmp.rename(self.builds / build_id)
            self._point_to(build_id)
        except BaseException:
            if client is not None and self.chroma.is_remote:
                _drop_collection(client, collection)
            close_client(client)
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self._collect_garbage(keep=build_id)
        return manifest

    def _connect_for_build(self, folder: Path):
        try:
            return self._client_for_build(folder)
        except Exception as exc:
            if not self.chroma.is_remote:
                raise
            raise IndexWriteError(f"无法连接 Chroma 服务器 {self.chroma.host}:{self.chroma.port}"
                                  f"（{type(exc).__name__}），新索引未建立；原索引仍在使用") from None

    def _client_for_build(self, folder: Path):
        if self.chroma.is_remote:
            return chroma_client(host=self.chroma.host, port=self.chroma.port)
        return chroma_client(path=folder / "chroma")

    def _build_lexical(self, folder: Path, clauses: list[Clause], progress: Progress) -> None:
        tokens = []
        for i, clause in enumerate(clauses, 1):
            tokens.append(self.tokenizer.tokens(clause.indexed_text))
            if i % 500 == 0 or i == len(clauses):
                progress("分词", i, len(clauses))
        LexicalIndex.build(tokens).save(folder / "bm25")

    def _build_vectors(self, client, collection: str, clauses: list[Clause], embedder: Embedder,
                       progress: Progress) -> None:
        store = ChromaVectorStore(client, collection, embedder, create=True)
        progress("向量化", 0, len(clauses))
        for i in range(0, len(clauses), BATCH):
            batch = clauses[i:i + BATCH]
            store.add(
                ids=[c.id for c in batch],
                texts=[c.indexed_text for c in batch],
                metadatas=[{"doc_id": c.doc_id, "anchor": c.anchor} for c in batch],
            )
            progress("向量化", min(i + BATCH, len(clauses)), len(clauses))

    def _point_to(self, build_id: str) -> None:
        tmp = self.root / f".CURRENT-{secrets.token_hex(4)}"
        with tmp.open("w", encoding="utf-8") as f:
            f.write(build_id)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.current_file)

    def _collect_garbage(self, keep: str) -> None:
        """Remove old builds and half-written ones; a failure here never breaks the index."""
        for folder in self.builds.iterdir():
            if folder.name == keep:
                continue
            if self.chroma.is_remote and (folder / "manifest.json").exists():
                client = None
                try:
                    old = Manifest.model_validate_json((folder / "manifest.json").read_text("utf-8"))
                    client = self._client_for_build(folder)
                    _drop_collection(client, old.collection)
                except Exception:
                    pass
                finally:
                    close_client(client)
            shutil.rmtree(folder, ignore_errors=True)


def _drop_collection(client, name: str) -> None:
    with contextlib.suppress(Exception):  # it may never have been created
        client.delete_collection(name)


def _checked_files(folder: Path) -> list[str]:
    """The files whose hashes the manifest keeps: the clause table and the BM25 index (not Chroma's)."""
    bm25 = sorted(p.relative_to(folder).as_posix() for p in (folder / "bm25").rglob("*") if p.is_file())
    items = [ITEMS_FILE] if (folder / ITEMS_FILE).exists() else []
    return ["documents.jsonl", "clauses.jsonl", *items, *bm25]


def _write_items(path: Path, documents: list[Document], clauses: list[Clause], rules: DocumentRules,
                 proposer: ItemProposer | None = None) -> None:
    """Every document's support items, extracted once at build time (JSON array, fsynced); a proposer
    adds to each document's rule items."""
    by_doc: dict[str, list[Clause]] = {}
    for clause in clauses:
        by_doc.setdefault(clause.doc_id, []).append(clause)
    items = []
    for d in documents:
        own = by_doc.get(d.meta.doc_id, [])
        found = extract_items(d, own, rules.items)
        items.extend(proposer(d, own, found, rules.items) if proposer is not None else found)
    with path.open("w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(i.model_dump_json() for i in items) + "\n]\n")
        f.flush()
        os.fsync(f.fileno())


def _read_items(folder: Path | None) -> list[SupportItem]:
    """items.json of a build; a build written before items existed has none (rebuild to get them)."""
    if folder is None or not (folder / ITEMS_FILE).exists():
        log.warning("index build has no %s; %s", ITEMS_FILE, REBUILD_HINT)
        return []
    try:
        raw = json.loads((folder / ITEMS_FILE).read_text(encoding="utf-8"))
        return [SupportItem.model_validate(x) for x in raw]
    except (OSError, ValueError) as exc:
        raise IndexMissing(f"索引文件损坏（{ITEMS_FILE}: {type(exc).__name__}），{REBUILD_HINT}") from None


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
