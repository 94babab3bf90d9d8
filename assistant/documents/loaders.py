"""Load policy documents (.txt .md .docx .pdf .html) with their optional metadata side-file.

The text a loader returns is the canonical text of the document: clauses and quotes are cut
from it, so it is stored with the index rather than re-extracted at answer time.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.documents.docx_text import docx_text
from assistant.documents.html_text import strip_chrome
from assistant.documents.metadata import extract_meta, merge_meta
from assistant.documents.pdf_text import reflow_pages
from assistant.errors import DocumentError
from assistant.types import Document, DocumentMeta

META_SUFFIX = ".meta.yaml"
MAX_FILE_BYTES = 20 * 1024 * 1024


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name}: 是二进制文件，不是文本文档")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise DocumentError(f"{name}: 无法识别文本编码（支持 UTF-8 与 GB18030）")


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return True
    bad = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\r\t")
    return bad / len(sample) < 0.01


def _read_text(data: bytes, name: str) -> str:
    return _decode(data, name)


def _read_html(data: bytes, name: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(data, name), "html.parser")
    for tag in soup(["script", "style", "noscript", "head"]):
        tag.decompose()
    return strip_chrome(soup).get_text("\n")


def _read_docx(data: bytes, name: str) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for bad zips
        raise DocumentError(f"{name}: DOCX 文件已损坏或格式不正确（{type(exc).__name__}）") from None
    return docx_text(document)  # paragraphs and table rows, in document order


def _read_pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        # wrapped lines joined, page numbers and running headers dropped
        return reflow_pages([page.extract_text() or "" for page in reader.pages])
    except Exception as exc:  # pypdf raises many error types for corrupt files
        raise DocumentError(f"{name}: PDF 文件已损坏或无法读取（{type(exc).__name__}）") from None


READERS: dict[str, Callable[[bytes, str], str]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".markdown": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}


def normalize_text(text: str) -> str:
    """Unify line ends and drop trailing spaces; keep everything else as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"


def side_file(path: Path) -> Path:
    """notice.2015.txt → notice.2015.meta.yaml (only the last suffix is the file type)."""
    return path.with_name(path.stem + META_SUFFIX)


def _default_doc_id(path: Path) -> str:
    stem = path.stem
    slug = re.sub(r"[^\w\-]+", "-", stem, flags=re.UNICODE).strip("-")
    return slug or "document"


def _guess_title(text: str, path: Path) -> str:
    for line in text.split("\n"):
        line = line.strip(" \t\u3000#")
        if 4 <= len(line) <= 60 and not re.match(r"^[一二三四五六七八九十（(\d第]", line):
            return line
    return path.stem


def read_meta(path: Path, text: str) -> DocumentMeta:
    """Side-file metadata when present (validated), else defaults derived from the file."""
    side = side_file(path)
    raw: dict = {}
    if side.exists():
        try:
            # Scalars stay strings so pydantic validates dates and names the bad field (2017-02-30).
            raw = yaml.load(side.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise DocumentError(f"{side.name}: 元数据文件无法解析（{type(exc).__name__}）") from None
        if not isinstance(raw, dict):
            raise DocumentError(f"{side.name}: 元数据文件应为键值映射")
    defaults = {"doc_id": _default_doc_id(path), "title": _guess_title(text, path), "source": path.name}
    raw = merge_meta(raw, extract_meta(text), defaults)  # the side-file wins field by field
    try:
        return DocumentMeta(**_with_default_provenance(raw))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DocumentError(f"{side.name}: 元数据字段 {where} 无效：{first['msg']}") from None


def _with_default_provenance(raw: dict) -> dict:
    """Fields nobody stated keep the model's default; say so, so every field has a source."""
    for name in DocumentMeta.model_fields:
        if name != "provenance":
            raw["provenance"].setdefault(name, "default")
    return raw


def load_document(path: Path) -> Document:
    """Read one document; raise DocumentError with a one-line reason for anything unusable."""
    name = path.name
    if not path.exists():
        raise DocumentError(f"{path}: 文件不存在")
    if not path.is_file():
        raise DocumentError(f"{path}: 不是文件")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = " ".join(sorted(READERS))
        raise DocumentError(f"{name}: 不支持的文件类型（支持 {supported}）")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DocumentError(f"{name}: 文件超过 {MAX_FILE_BYTES // 1024 // 1024} MB")
    data = path.read_bytes()
    return document_from_bytes(data, name, meta_path=path)


def document_from_bytes(data: bytes, name: str, meta_path: Path | None = None) -> Document:
    """Build a Document from raw bytes (uploads use this too); `name` picks the reader."""
    reader = READERS.get(Path(name).suffix.lower())
    if reader is None:
        raise DocumentError(f"{name}: 不支持的文件类型")
    if not data.strip():
        raise DocumentError(f"{name}: 文档为空")
    text = normalize_text(reader(data, name))
    if not text.strip():
        raise DocumentError(f"{name}: 文档没有可提取的文字")
    meta = read_meta(meta_path or Path(name), text)
    digest = hashlib.sha256(text.encode() + meta.model_dump_json().encode()).hexdigest()
    return Document(meta=meta, text=text, sha256=digest, path=str(meta_path) if meta_path else name)


def find_documents(paths: list[Path]) -> list[Path]:
    """Expand folders into the supported files they contain (side-files excluded)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in READERS and not p.name.endswith(META_SUFFIX)
            )
        else:
            found.append(path)
    return found
