"""The corpus: documents shipped in knowledge/policies plus those users ingested (data/documents).

One doc_id has exactly one source file in data/documents: storing an upload moves aside every
stored file with its doc_id or its name (x.txt when x.md arrives), so a later ingest can never
pick the old one again. The upload is stored (fsynced) before the new index is swapped in, so a
crash after the swap cannot lose it; a failed build puts the previous files back.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from assistant.documents.clauses import parse_clauses
from assistant.documents.loaders import doc_id_of, find_documents, load_document, side_file
from assistant.documents.rules import DocumentRules
from assistant.errors import DocumentError
from assistant.settings import ParseLimits
from assistant.types import Document, FileError

log = logging.getLogger(__name__)


def shipped_dir(knowledge_dir: Path) -> Path:
    return knowledge_dir / "policies"


def uploads_dir(data_dir: Path) -> Path:
    return data_dir / "documents"


def trash_dir(data_dir: Path) -> Path:
    """Where replaced uploads wait until the new build is current (outside data/documents)."""
    return data_dir / ".replaced-documents"


def load_checked(paths: list[Path], rules: DocumentRules, limits: ParseLimits | None = None) -> list[Document]:
    """Load and parse every path up front: one bad file stops the ingest before anything changes."""
    for path in paths:
        if not path.exists():
            raise DocumentError(f"{path}: 文件或目录不存在")
    files = find_documents(paths)
    if not files:
        raise DocumentError("没有找到可导入的文档（支持 .txt .md .docx .pdf .html）")
    limits = limits or ParseLimits()
    documents = [load_document(f, rules, limits) for f in files]
    for doc in documents:
        clauses = parse_clauses(doc.meta.doc_id, doc.text)  # raises for a document without numbering
        if len(clauses) > limits.max_clauses:  # each clause is embedded: this bounds the build's time
            raise DocumentError(f"{Path(doc.path).name}: 条款数 {len(clauses)} 超过上限 {limits.max_clauses}")
    return documents


def load_each(paths: list[Path], rules: DocumentRules,
              limits: ParseLimits | None = None) -> tuple[list[Document], list[FileError]]:
    """Load and parse each file on its own: a bad file is reported and the others are kept.

    Raises DocumentError only when no file could be added at all (then nothing changes).
    """
    failed = [FileError(path=str(p), error=f"{p}: 文件或目录不存在") for p in paths if not p.exists()]
    files = find_documents([p for p in paths if p.exists()])
    if not files and not failed:
        raise DocumentError("没有找到可导入的文档（支持 .txt .md .docx .pdf .html）")
    documents: list[Document] = []
    for path in files:
        try:
            documents.extend(load_checked([path], rules, limits))
        except DocumentError as exc:
            failed.append(FileError(path=str(path), error=str(exc)))
    if not documents:
        if len(failed) == 1:
            raise DocumentError(failed[0].error)
        raise DocumentError(f"{len(failed)} 个文件均无法导入：" + "；".join(f.error for f in failed))
    return documents, failed


def _newest_per_id(documents: list[Document]) -> list[Document]:
    """Folders written before one-file-per-doc_id may hold x.txt and x.md: the newest file wins."""
    by_id: dict[str, Document] = {}
    for doc in documents:
        kept = by_id.get(doc.meta.doc_id)
        if kept is not None:
            log.warning("two stored files for %s: %s and %s; using the newer", doc.meta.doc_id, kept.path, doc.path)
            if _mtime(kept) > _mtime(doc):
                continue
        by_id[doc.meta.doc_id] = doc
    return list(by_id.values())


def _mtime(doc: Document) -> float:
    try:
        return Path(doc.path).stat().st_mtime
    except OSError:
        return 0.0


def collect(knowledge_dir: Path, data_dir: Path, rules: DocumentRules, extra: list[Document] = (),
            limits: ParseLimits | None = None) -> list[Document]:
    """Shipped documents, then stored uploads, then `extra`; a later doc_id replaces an earlier one."""
    by_id: dict[str, Document] = {}
    for folder in (shipped_dir(knowledge_dir), uploads_dir(data_dir)):
        if folder.is_dir() and find_documents([folder]):
            for doc in _newest_per_id(load_checked([folder], rules, limits)):
                by_id[doc.meta.doc_id] = doc
    for doc in extra:
        by_id[doc.meta.doc_id] = doc
    return list(by_id.values())


@dataclass
class StoredUploads:
    """Uploads written into data/documents, with what they moved aside, until commit or rollback.

    A journal (trash_dir/<token>/journal.json, rewritten after every step) lets `recover` finish
    the job after a crash: commit when the current build holds the uploads, else roll back.
    """

    data_dir: Path
    folder: Path
    expect: dict[str, str] = field(default_factory=dict)  # doc_id -> sha256 the build will hold
    written: list[Path] = field(default_factory=list)
    moved: list[tuple[Path, Path]] = field(default_factory=list)  # (original, where it waits)

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        journal = {"expect": self.expect, "written": [str(p) for p in self.written],
                   "moved": [[str(a), str(b)] for a, b in self.moved]}
        tmp = self.folder / "journal.tmp"
        with tmp.open("w", encoding="utf-8") as f:
            json.dump(journal, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.folder / "journal.json")

    @classmethod
    def load(cls, data_dir: Path, folder: Path) -> StoredUploads:
        raw = json.loads((folder / "journal.json").read_text(encoding="utf-8"))
        return cls(data_dir, folder, dict(raw["expect"]), [Path(p) for p in raw["written"]],
                   [(Path(a), Path(b)) for a, b in raw["moved"]])

    def commit(self) -> None:
        """The new build is current: the replaced files are gone for good."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def rollback(self) -> None:
        """The build failed: remove the new files and put the replaced ones back."""
        for path in self.written:
            path.unlink(missing_ok=True)
        for original, parked in self.moved:
            if parked.exists():
                os.replace(parked, original)
        _fsync_dir(uploads_dir(self.data_dir))
        shutil.rmtree(self.folder, ignore_errors=True)


def recover(data_dir: Path, current: dict[str, str]) -> None:
    """Finish what a killed ingest left: its uploads stay if the current build holds them
    (killed after the swap), else the previous files come back (killed before it)."""
    trash = trash_dir(data_dir)
    if not trash.is_dir():
        return
    for folder in sorted(trash.iterdir()):
        try:
            stored = StoredUploads.load(data_dir, folder)
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("unreadable upload journal in %s; left for inspection", folder)
            continue
        if all(current.get(doc_id) == sha for doc_id, sha in stored.expect.items()):
            stored.commit()
        else:
            stored.rollback()


def store_uploads(documents: list[Document], data_dir: Path) -> StoredUploads:
    """Copy ingested files (and side-files) into data/documents, durably, one file per doc_id.

    Call before the index swap; `commit()` after it, `rollback()` if the build fails.
    """
    target = uploads_dir(data_dir)
    target.mkdir(parents=True, exist_ok=True)
    latest = {d.meta.doc_id: d for d in documents if d.path}  # two files for one id: the last wins
    latest = {k: d for k, d in latest.items() if Path(d.path).parent.resolve() != target.resolve()}
    stored = StoredUploads(data_dir, trash_dir(data_dir) / secrets.token_hex(6),
                           expect={k: d.sha256 for k, d in latest.items()})
    if not latest:
        return stored
    stored.save()
    try:
        for doc in latest.values():
            source = Path(doc.path)
            _move_aside(stored, target, doc.meta.doc_id, source.name)
            for path in (source, side_file(source)):
                if path.exists():
                    stored.written.append(target / path.name)
                    stored.save()  # before the write: a crash mid-copy still rolls it back
                    _durable_copy(path, target / path.name)
        _fsync_dir(target)
    except BaseException:
        stored.rollback()
        raise
    return stored


def _move_aside(stored: StoredUploads, target: Path, doc_id: str, name: str) -> None:
    """Park every stored file that has this doc_id or this name, with its side-file."""
    parking = stored.folder / "files"
    for old in find_documents([target]):
        if old.name != name and doc_id_of(old) != doc_id:
            continue
        for path in (old, side_file(old)):
            if path.exists():
                parking.mkdir(parents=True, exist_ok=True)
                parked = parking / path.name
                os.replace(path, parked)
                stored.moved.append((path, parked))
                stored.save()


def _durable_copy(source: Path, target: Path) -> Path:
    """Copy through a temporary name and fsync, so the target is either complete or absent."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        with source.open("rb") as src, tmp.open("wb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
