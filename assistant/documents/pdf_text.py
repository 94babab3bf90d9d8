"""Re-flow text extracted from PDF pages into the paragraphs the document was written in.

pypdf returns one line per printed line: a sentence wrapped over two lines would become two
paragraphs (a quote stopping mid-sentence, a fragment taken for a section title). Lines are joined
inside sentences; page numbers ("- 3 -", "第3页", "3/12") and running headers/footers repeated on
most pages are dropped.
"""

from __future__ import annotations

import re
from collections import Counter

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—－–]\s*\d{1,4}\s*[-—－–]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$"
)
_STARTS_ITEM = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇\d]+[章节条]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d{1,3}[.．、](?!\d)|附件|抄送|问[：:]|答[：:]|——)"
)
_ENDS_BLOCK = "。；！？!?;：:"
_SPACE = " \t\u3000"


def _running_lines(pages: list[list[str]]) -> set[str]:
    """First and last lines that repeat on at least half of the pages (3 pages or more)."""
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({line for line in lines[:2] + lines[-2:]})
    return {line for line, n in edges.items() if n >= max(3, len(pages) // 2) and len(line) <= 60}


def _full_width(lines: list[str]) -> int:
    """Length of a full printed line: the 80th percentile of line lengths."""
    lengths = sorted(len(line) for line in lines)
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


def reflow_pages(page_texts: list[str]) -> str:
    # Some producers' ToUnicode maps make pypdf emit a NUL before every character: never text.
    pages = [[line.strip(_SPACE) for line in text.replace("\x00", "").split("\n")] for text in page_texts]
    pages = [[line for line in lines if line] for lines in pages]
    running = _running_lines(pages)
    lines = [line for page in pages for line in page if line not in running and not _PAGE_NUMBER.match(line)]
    width = _full_width(lines)
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line, width):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
    return "\n".join(out)


def _continues(previous: str, line: str, width: int) -> bool:
    """The line goes on the previous one's sentence: that one is full width and unfinished."""
    if previous[-1] in _ENDS_BLOCK or _STARTS_ITEM.match(line):
        return False
    return width > 0 and len(previous) >= 0.85 * width


def _join(previous: str, line: str) -> str:
    # Latin words wrapped at a line end need their space back; Chinese text joins directly.
    if re.search(r"[A-Za-z0-9,.]$", previous) and re.match(r"[A-Za-z0-9(]", line):
        return previous + " " + line
    return previous + line
