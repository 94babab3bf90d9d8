"""DOCX text in document order: paragraphs, and each table row as one line with its column headers.

A row becomes "项目类别：首台套；支持方式：奖励；支持标准：按售价30%给予奖励，最高500万元", which the
clause parser (assistant/documents/clauses.py, _ROW) turns into one clause per row; that line is the
document text, so a quote of the row is verbatim.
"""

from __future__ import annotations

import re
from typing import Any

_SPACE = re.compile(r"[\s\u3000]+")


def _cell_text(cell: Any) -> str:
    # A cell's own paragraphs, joined: a cell wrapped over lines is still one value.
    return _SPACE.sub(" ", "".join(p.text for p in cell.paragraphs)).strip()


def _row_cells(row: Any) -> list[str]:
    """Cell texts of a row; a merged cell python-docx repeats across columns counts once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(_cell_text(cell))
    return cells


def table_lines(table: Any) -> list[str]:
    """First row = column headers; every later row as 表头：值；表头：值 (empty cells left out)."""
    rows = [_row_cells(r) for r in table.rows]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    if len(rows) == 1:
        return ["；".join(c for c in rows[0] if c)]
    if all(sum(1 for c in r if c) <= 1 for r in rows):  # one column (a title block): no header row
        return [next(c for c in r if c) for r in rows]
    headers = rows[0]
    lines = []
    for row in rows[1:]:
        pairs = [(headers[i] if i < len(headers) and headers[i] else f"第{i + 1}列", value)
                 for i, value in enumerate(row) if value]
        if len(pairs) == 1:
            lines.append(pairs[0][1])  # a row that is one merged cell is a caption, not a record
        else:
            lines.append("；".join(f"{h}：{v}" for h, v in pairs))
    return lines


def docx_text(document: Any) -> str:
    """All paragraphs and tables of the body, in the order the document shows them."""
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(table_lines(block))
        else:
            lines.append(block.text)
    return "\n".join(lines)
