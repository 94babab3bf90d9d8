"""Load policy documents (.txt .md .docx .pdf .html) with their optional metadata side-file.

The text a loader returns is the canonical text of the document: clauses and quotes are cut
from it, so it is stored with the index rather than re-extracted at answer time.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.documents.docx_text import docx_text
from assistant.documents.html_text import strip_chrome
from assistant.documents.metadata import extract_meta, merge_meta
from assistant.documents.pdf_text import reflow_pages
from assistant.documents.rules import DocumentRules
from assistant.errors import DocumentError
from assistant.settings import ParseLimits
from assistant.types import Document, DocumentMeta

META_SUFFIX = ".meta.yaml"
MAX_FILE_BYTES = 20 * 1024 * 1024  # the default of ParseLimits.max_file_bytes and of uploads


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


def _read_text(data: bytes, name: str, limits: ParseLimits) -> str:
    return _decode(data, name)


def _read_html(data: bytes, name: str, limits: ParseLimits) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(data, name), "html.parser")
    for tag in soup(["script", "style", "noscript", "head"]):
        tag.decompose()
    return strip_chrome(soup).get_text("\n")


def check_zip(data: bytes, name: str, limits: ParseLimits) -> None:
    """Refuse a zip bomb before any parser inflates it: entry count, declared sizes and ratio from
    the central directory, then each entry streamed to prove it is no larger than declared."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(f"{name}: DOCX 文件已损坏或格式不正确（{type(exc).__name__}）") from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_zip_members:
            raise DocumentError(f"{name}: 压缩包条目过多（{len(members)} 个，上限 {limits.max_zip_members}）")
        total = 0
        for info in members:
            _check_member(info, name, limits)
            total += info.file_size
            if total > limits.max_unzipped_bytes:
                raise DocumentError(f"{name}: 解压后总大小超过上限 {limits.max_unzipped_bytes // 2**20} MB，"
                                    f"疑似压缩炸弹")
        for info in members:
            _check_actual_size(archive, info, name)


def _check_member(info: zipfile.ZipInfo, name: str, limits: ParseLimits) -> None:
    if info.file_size > limits.max_member_bytes:
        raise DocumentError(f"{name}: 压缩包条目 {info.filename[:80]} 解压后超过 "
                            f"{limits.max_member_bytes // 2**20} MB，疑似压缩炸弹")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > 1 << 20 and ratio > limits.max_zip_ratio:  # small entries compress well legitimately
        raise DocumentError(f"{name}: 压缩包条目 {info.filename[:80]} 压缩比 {ratio:.0f}:1 超过上限 "
                            f"{limits.max_zip_ratio:g}:1，疑似压缩炸弹")


def _check_actual_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """The declared size may lie; inflate in chunks and stop one byte past it."""
    seen = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(1 << 20):
                seen += len(chunk)
                if seen > info.file_size:
                    break
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
        raise DocumentError(f"{name}: DOCX 文件已损坏或格式不正确（{type(exc).__name__}）") from None
    except RuntimeError:  # encrypted entry
        raise DocumentError(f"{name}: DOCX 文件已加密，无法读取") from None
    if seen > info.file_size:
        raise DocumentError(f"{name}: 压缩包条目 {info.filename[:80]} 实际大小超过声明，疑似压缩炸弹")


def _read_docx(data: bytes, name: str, limits: ParseLimits) -> str:
    import docx

    check_zip(data, name, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for bad zips
        raise DocumentError(f"{name}: DOCX 文件已损坏或格式不正确（{type(exc).__name__}）") from None
    return docx_text(document)  # paragraphs and table rows, in document order


def _read_pdf(data: bytes, name: str, limits: ParseLimits) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        if pages > limits.max_pdf_pages:
            raise DocumentError(f"{name}: PDF 页数 {pages} 超过上限 {limits.max_pdf_pages}")
        return _pdf_text(reader, name, limits)
    except (DocumentError, MemoryError):
        raise
    except Exception as exc:  # pypdf raises many error types for corrupt files
        if type(exc).__name__ == "LimitReachedError":  # pypdf's own bounds on hostile files
            raise DocumentError(f"{name}: PDF 超出解析上限（{str(exc)[:80]}），文件可能经过恶意构造") from None
        raise DocumentError(f"{name}: PDF 文件已损坏或无法读取（{type(exc).__name__}）") from None


def _pdf_text(reader, name: str, limits: ParseLimits) -> str:
    parts, size = [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        size += len(text)
        if size > limits.max_text_chars:  # stop early: the rest would be refused anyway
            raise _too_long(name, limits)
        parts.append(text)
    return reflow_pages(parts)  # wrapped lines joined, page numbers and running headers dropped


def _too_long(name: str, limits: ParseLimits) -> DocumentError:
    return DocumentError(f"{name}: 文档文字超过上限 {limits.max_text_chars} 字")


READERS: dict[str, Callable[[bytes, str, ParseLimits], str]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".markdown": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}
# Formats whose parsers can be made to amplify their input (zip, streams, DOM): parsed in a
# bounded child process. Plain text is decoded in-process: its cost is linear in the file size.
SANDBOXED = {".docx", ".pdf", ".html", ".htm"}


def extract_text(data: bytes, name: str, limits: ParseLimits) -> str:
    """The raw text of one file, within `limits` (runs in the sandbox child for SANDBOXED types)."""
    reader = READERS.get(Path(name).suffix.lower())
    if reader is None:
        raise DocumentError(f"{name}: 不支持的文件类型")
    text = reader(data, name, limits)
    if len(text) > limits.max_text_chars:
        raise _too_long(name, limits)
    return text


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


def doc_id_of(path: Path) -> str:
    """The doc_id a file would get, from its side-file alone (no parsing): to find what it replaces."""
    side = side_file(path)
    if side.exists():
        try:
            raw = yaml.load(side.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        except (yaml.YAMLError, UnicodeDecodeError, OSError):
            raw = None
        if isinstance(raw, dict) and isinstance(raw.get("doc_id"), str) and raw["doc_id"]:
            return raw["doc_id"]
    return _default_doc_id(path)


def read_meta(path: Path, text: str, rules: DocumentRules) -> DocumentMeta:
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
    raw = merge_meta(raw, extract_meta(text, rules.regions), defaults)  # the side-file wins field by field
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


def load_document(path: Path, rules: DocumentRules, limits: ParseLimits | None = None) -> Document:
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
    limits = limits or ParseLimits()
    if path.stat().st_size > limits.max_file_bytes:
        raise DocumentError(f"{name}: 文件超过 {limits.max_file_bytes / 2**20:g} MB")
    data = path.read_bytes()
    return document_from_bytes(data, name, rules, meta_path=path, limits=limits)


def document_from_bytes(data: bytes, name: str, rules: DocumentRules, meta_path: Path | None = None,
                        limits: ParseLimits | None = None) -> Document:
    """Build a Document from raw bytes (uploads use this too); `name` picks the reader."""
    reader = READERS.get(Path(name).suffix.lower())
    if reader is None:
        raise DocumentError(f"{name}: 不支持的文件类型")
    limits = limits or ParseLimits()
    if len(data) > limits.max_file_bytes:
        raise DocumentError(f"{name}: 文件超过 {limits.max_file_bytes / 2**20:g} MB")
    if not data.strip():
        raise DocumentError(f"{name}: 文档为空")
    if Path(name).suffix.lower() in SANDBOXED:
        from assistant.documents.sandbox import parse_in_child

        raw = parse_in_child(data, name, limits)
    else:
        raw = extract_text(data, name, limits)
    text = normalize_text(raw)
    if not text.strip():
        raise DocumentError(f"{name}: 文档没有可提取的文字")
    meta = read_meta(meta_path or Path(name), text, rules)  # here, not in the sandboxed child
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
