"""The corpus: documents shipped in knowledge/policies plus those users ingested (data/documents)."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.documents.clauses import parse_clauses
from assistant.documents.loaders import find_documents, load_document, side_file
from assistant.errors import DocumentError
from assistant.types import Document


def shipped_dir(knowledge_dir: Path) -> Path:
    return knowledge_dir / "policies"


def uploads_dir(data_dir: Path) -> Path:
    return data_dir / "documents"


def load_checked(paths: list[Path]) -> list[Document]:
    """Load and parse every path up front: one bad file stops the ingest before anything changes."""
    for path in paths:
        if not path.exists():
            raise DocumentError(f"{path}: 文件或目录不存在")
    files = find_documents(paths)
    if not files:
        raise DocumentError("没有找到可导入的文档（支持 .txt .md .docx .pdf .html）")
    documents = [load_document(f) for f in files]
    for doc in documents:
        parse_clauses(doc.meta.doc_id, doc.text)  # raises for a document without numbering
    return documents


def collect(knowledge_dir: Path, data_dir: Path, extra: list[Document] = ()) -> list[Document]:
    """Shipped documents, then stored uploads, then `extra`; a later doc_id replaces an earlier one."""
    by_id: dict[str, Document] = {}
    for folder in (shipped_dir(knowledge_dir), uploads_dir(data_dir)):
        if folder.is_dir() and find_documents([folder]):
            for doc in load_checked([folder]):
                by_id[doc.meta.doc_id] = doc
    for doc in extra:
        by_id[doc.meta.doc_id] = doc
    return list(by_id.values())


def keep_uploads(documents: list[Document], data_dir: Path) -> None:
    """Copy ingested files (and their side-files) into data/documents so rebuilds keep them."""
    target = uploads_dir(data_dir)
    target.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        if not doc.path:
            continue
        source = Path(doc.path)
        if source.parent.resolve() == target.resolve():
            continue
        shutil.copy2(source, target / source.name)
        side = side_file(source)
        if side.exists():
            shutil.copy2(side, target / side.name)
