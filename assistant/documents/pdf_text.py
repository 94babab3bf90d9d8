"""Re-flow text extracted from PDF pages into the paragraphs the document was written in.

pypdf returns one line per printed line: a sentence wrapped over two lines would become two
paragraphs (a quote stopping mid-sentence, a fragment taken for a section title). Lines are joined
inside sentences; page numbers ("- 3 -", "第3页", "3/12") and running headers/footers repeated on
most pages are dropped.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.documents.metadata import DOC_NUMBER, is_letterhead

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—－–]\s*\d{1,4}\s*[-—－–]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$"
)
_STARTS_ITEM = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇\d]+[章节条]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d{1,3}[.．、](?!\d)|附件|抄送|问[：:]|答[：:]|——)"
)
_ENDS_BLOCK = "。；！？!?;：:"
# A title line: no comma or stop, ends in a document-type word, maybe with a note in brackets.
_TITLE_END = re.compile(r"^[^，,。；;]{6,}(?:方案|办法|意见|通知|规定|细则|规划|纲要|条例|决定|指南|措施|政策|解读)"
                        r"(?:[（(][^（）()]{1,12}[）)])?$")
_SPACE = " \t\u3000"


def _running_lines(pages: list[list[str]]) -> set[str]:
    """First and last lines that repeat on at least half of the pages (3 pages or more)."""
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({line for line in lines[:2] + lines[-2:]})
    return {line for line, n in edges.items() if n >= max(3, len(pages) // 2) and len(line) <= 60}


def _page_header(line: str, first_page: list[str]) -> bool:
    """A later page's top line naming the issuer, the 文号 or the title of the first page (襄阳高新区管委会文件,
    襄高管发〔2025〕6号): the running header of a document too short for repeats to show."""
    if len(line) > 60 or any(c in line for c in "。；，,！？"):
        return False
    numbers = {m.group(0) for head in first_page[:3] for m in DOC_NUMBER.finditer(head)}
    compact = re.sub(r"[\s\u3000]", "", line)
    return (is_letterhead(line) or any(n in line for n in numbers) or compact.endswith("文件")
            or _repeats_title(compact, first_page))


_TITLE_LINES = 6  # the title block (letterhead, 文号, a title wrapped over lines) opens the first page


def _repeats_title(compact: str, first_page: list[str]) -> bool:
    """The header repeats the title the first page opens with, maybe wrapped there over lines: whole
    lines, not a title quoted inside one (关于印发《X办法》的通知 wraps X办法, which may open page 2)."""
    if len(compact) < 8 or not _TITLE_END.match(compact):
        return False
    head = [re.sub(r"[\s\u3000]", "", line) for line in first_page[:_TITLE_LINES]]
    for i in range(len(head)):
        joined = ""
        for line in head[i:]:
            joined += line
            # the header may leave out the title's bracketed note, wrapped there over lines too
            if joined == compact or (_is_note(joined[len(compact):]) and joined.startswith(compact)):
                return True
            if not compact.startswith(joined):
                break
    return False


def _is_note(rest: str) -> bool:
    """A title's bracketed note (（虚构测试文档）, （征求意见稿）) or its start, wrapped at the line end."""
    return bool(re.fullmatch(r"[（(][^（）()]{0,12}[）)]?", rest))


def _drop_page_headers(pages: list[list[str]]) -> list[list[str]]:
    return [pages[0], *([line for j, line in enumerate(lines) if j > 0 or not _page_header(line, pages[0])]
                        for lines in pages[1:])] if pages else pages


def _full_width(lines: list[str]) -> int:
    """Length of a full printed line: the 80th percentile of line lengths."""
    lengths = sorted(len(line) for line in lines)
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


def reflow_pages(page_texts: list[str]) -> str:
    # Some producers' ToUnicode maps make pypdf emit a NUL before every character: never text.
    pages = [[line.strip(_SPACE) for line in text.replace("\x00", "").split("\n")] for text in page_texts]
    pages = [[line for line in lines if line] for lines in pages]
    running = _running_lines(pages)
    pages = _drop_page_headers([[line for line in page if line not in running] for page in pages])
    lines = [line for page in pages for line in page if not _PAGE_NUMBER.match(line)]
    width = _full_width(lines)
    out: list[str] = []
    last = ""  # the last printed line: a joined paragraph is long, its last line may not be
    for line in lines:
        if out and _continues(last, line, width):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
        last = line
    return "\n".join(out)


def _continues(previous: str, line: str, width: int) -> bool:
    """The line goes on the previous one's sentence: that one is full width and unfinished."""
    if previous[-1] in _ENDS_BLOCK or _STARTS_ITEM.match(line):
        return False
    if _CLOSES.match(line) and _open_bracket(previous):  # a title's note wrapped: （虚构测试文 / 档）
        return True
    if _TITLE_END.match(previous):
        return False
    return width > 0 and len(previous) >= 0.85 * width


_CLOSES = re.compile(r"^[^（）()]{1,12}[）)]")


def _open_bracket(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _join(previous: str, line: str) -> str:
    # Latin words wrapped at a line end need their space back; Chinese text and a number wrapped
    # inside itself (30 / 00元) join directly.
    if re.search(r"[0-9]$", previous) and re.match(r"[0-9]", line):
        return previous + line
    if re.search(r"[A-Za-z0-9,.]$", previous) and re.match(r"[A-Za-z0-9(]", line):
        return previous + " " + line
    return previous + line
