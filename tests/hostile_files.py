"""Crafted hostile documents of every supported type (used by tests and benchmarks/bench_hostile_files.py).

Each builder returns (file name, bytes). They are made in memory with zlib/zipfile, so they are
small to build even when they inflate to gigabytes.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

MB = 1024 * 1024
UNDER_20_MB = 20 * MB - 64 * 1024  # just under the default upload limit

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
_DOC_TAIL = b"</w:body></w:document>"
_PARAGRAPH = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"


def _deflate_repeated(head: bytes, unit: bytes, count: int, tail: bytes) -> bytes:
    """Raw-deflate head + unit*count + tail without holding the inflated bytes in memory."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = unit * max(1, (4 * MB) // len(unit))
    per_chunk = len(chunk) // len(unit)
    parts = [comp.compress(head)]
    done = 0
    while done + per_chunk <= count:
        parts.append(comp.compress(chunk))
        done += per_chunk
    parts.append(comp.compress(unit * (count - done)))
    parts.append(comp.compress(tail))
    parts.append(comp.flush())
    return b"".join(parts)


def _zip_with_raw_member(members: dict[str, bytes], raw_name: str, raw: bytes, real_size: int,
                         declared_size: int | None = None) -> bytes:
    """A zip holding `members` (deflated normally) and `raw_name` whose deflate stream is given;
    the local and central headers declare `declared_size` (default: the truth)."""
    declared = real_size if declared_size is None else declared_size
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    entries = buf.getvalue()
    # Append the raw member by hand: local header + data, then rewrite the central directory.
    with zipfile.ZipFile(io.BytesIO(entries)) as archive:
        infos = archive.infolist()
    body_end = min(i.header_offset for i in infos) + sum(
        30 + len(i.filename.encode()) + len(i.extra) + i.compress_size for i in infos)
    body = entries[:body_end]
    name_bytes = raw_name.encode()
    crc = 0  # a wrong CRC is never reached: the size checks stop first
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(raw), declared,
                        len(name_bytes), 0) + name_bytes
    offset = len(body)
    body += local + raw
    central = b""
    for i in infos:
        fname = i.filename.encode()
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, i.CRC, i.compress_size,
                               i.file_size, len(fname), 0, 0, 0, 0, 0, i.header_offset) + fname
    central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(raw), declared,
                           len(name_bytes), 0, 0, 0, 0, 0, offset) + name_bytes
    count = len(infos) + 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(body), 0)
    return body + central + end


def docx_bomb(inflated_mb: int = 1024) -> tuple[str, bytes]:
    """A valid .docx whose word/document.xml inflates to `inflated_mb` MB (≈1000:1)."""
    unit = _PARAGRAPH.format("一、总则").encode()
    count = inflated_mb * MB // len(unit)
    raw = _deflate_repeated(_DOC_HEAD, unit, count, _DOC_TAIL)
    real = len(_DOC_HEAD) + len(unit) * count + len(_DOC_TAIL)
    members = {"[Content_Types].xml": _CONTENT_TYPES.encode(), "_rels/.rels": _RELS.encode()}
    return "bomb.docx", _zip_with_raw_member(members, "word/document.xml", raw, real)


def docx_lying_bomb(inflated_mb: int = 300) -> tuple[str, bytes]:
    """A .docx whose document.xml declares 4 KB but inflates to `inflated_mb` MB."""
    unit = _PARAGRAPH.format("一、总则").encode()
    count = inflated_mb * MB // len(unit)
    raw = _deflate_repeated(_DOC_HEAD, unit, count, _DOC_TAIL)
    real = len(_DOC_HEAD) + len(unit) * count + len(_DOC_TAIL)
    members = {"[Content_Types].xml": _CONTENT_TYPES.encode(), "_rels/.rels": _RELS.encode()}
    return "liar.docx", _zip_with_raw_member(members, "word/document.xml", raw, real, declared_size=4096)


def docx_many_members(members: int = 20000) -> tuple[str, bytes]:
    """A .docx stuffed with tiny entries (≈20 MB of central directory and headers)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", _DOC_HEAD + _PARAGRAPH.format("一、总则").encode() + _DOC_TAIL)
        pad = b"x" * 900
        for i in range(members):
            archive.writestr(f"word/media/junk{i:06d}.bin", pad)
    return "stuffed.docx", buf.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    parts = [b"%PDF-1.4\n"]
    size = len(parts[0])
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(size)
        part = b"%d 0 obj\n" % number + body + b"\nendobj\n"
        parts.append(part)
        size += len(part)
    xref = size
    parts.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    parts.extend(b"%010d 00000 n \n" % off for off in offsets)
    out = b"".join(parts)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def pdf_stream_bomb(inflated_mb: int = 70, pages: int = 200) -> tuple[str, bytes]:
    """A PDF whose pages share one FlateDecode content stream inflating to `inflated_mb` MB of text ops."""
    unit = b"(1.AAAA) Tj T* "
    count = inflated_mb * MB // len(unit)
    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td 14 TL " + unit * count + b" ET", 9)
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
                b"/Resources << /Font << /F1 4 0 R >> >> >>"] * pages
    return "bomb.pdf", _pdf(objects)


def pdf_many_pages(target_bytes: int = UNDER_20_MB) -> tuple[str, bytes]:
    """Just under 20 MB of tiny pages (far more than any policy has)."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"
    pages = target_bytes // (len(page) + 60)
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages]
    return "pages.pdf", _pdf(objects + [page] * pages)


def html_huge(target_bytes: int = UNDER_20_MB) -> tuple[str, bytes]:
    """Just under 20 MB of tiny elements: a DOM of millions of nodes."""
    unit = b"<p><b>1.</b><i>x</i></p>"
    return "huge.html", b"<html><body>" + unit * (target_bytes // len(unit)) + b"</body></html>"


def junk_text(target_bytes: int = UNDER_20_MB, name: str = "junk.txt", numbered: bool = False) -> tuple[str, bytes]:
    """Just under 20 MB of random CJK text; `numbered` makes every line a clause."""
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    line_chars = 40
    lines = []
    size = 0
    i = 0
    while size < target_bytes - 200:
        i += 1
        body = "".join(rng.choices(alphabet, k=line_chars))
        line = f"{i}.{body}\n" if numbered else body + "\n"
        lines.append(line)
        size += len(line.encode())
    return name, "".join(lines).encode()


def all_hostile() -> list[tuple[str, bytes]]:
    """Every crafted file, about 20 MB or a small file that inflates far beyond it."""
    return [
        docx_bomb(), docx_lying_bomb(), docx_many_members(),
        pdf_stream_bomb(), pdf_many_pages(),
        html_huge(),
        junk_text(), junk_text(name="numbered.txt", numbered=True), junk_text(name="junk.md"),
    ]


# ---- hostile clause texts (tests/test_hostile.py checks them, benchmarks/bench_parser_hostile.py times them) ----

_CN = "一二三四五六七八九十百千零〇"

HOSTILE_TEXTS = {
    "same-numbers-3000": "\n".join(f"{i % 7 + 1}.第{i}条内容，支持企业发展。" for i in range(3000)),
    "one-number-20000": "\n".join("1.支持企业发展。" for _ in range(20000)),  # was quadratic: 60 s, a DoS
    "deep-numbering-2000": "\n".join(["一、总则", *[f"（{_CN[i % 10]}）" + "1.2.3." * 5 + "条款。"
                                                   for i in range(2000)]]),
    "paragraph-50k": "1." + "很长的一句话没有句号" * 5000,  # one 50k-char paragraph
    "stops-20000": "一、" + "。" * 20000,
}
