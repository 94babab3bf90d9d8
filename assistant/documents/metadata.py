"""Understand a Chinese official document from its text alone: title, issuers, 文号, dates, validity.

`extract_meta(text, regions)` returns only the fields it found, as DocumentMeta field names and values;
the loader lets a side-file win field by field. Everything here is a rule over the document's
lines (GB/T 9704 layout: letterhead, 文号, title, 主送, body, 落款 + date, 抄送/印发), so it works
offline and every value can be traced to a line of the text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field

from assistant.text import detect_lang, to_simplified
from assistant.types import ClosedModel

_HEAD_LINES = 40  # the title block is near the top; a later line is body text
_SPACE = " \t\r\u3000\u00a0\ufeff#"

_CN_DIGIT = "〇零一二三四五六七八九十"
_NUM = rf"[0-9０-９{_CN_DIGIT}]"
DATE = re.compile(
    rf"({_NUM}{{4}})\s*年\s*({_NUM}{{1,3}})\s*月(?:\s*({_NUM}{{1,3}})\s*日)?"
)
_DATE_ONLY = re.compile(rf"^\s*{DATE.pattern}\s*$")
_OPEN = "〔\\[［（(【"
_CLOSE = "〕\\]］）)】"
DOC_NUMBER = re.compile(
    rf"([\u4e00-\u9fff]{{1,14}})\s*[{_OPEN}]\s*((?:19|20)\d{{2}})\s*[{_CLOSE}]\s*(\d{{1,4}})\s*号"
)
_LETTERHEAD = re.compile(r"^[\u4e00-\u9fff（）()、\s]{2,60}文\s*件$|^文\s*件$")
_ISSUER_END = re.compile(
    r"(人民政府|委员会|管委会|管理委员会|办公厅|办公室|政府|厅|局|部|委|中心|协会|银行|分行|学会|联合会|"
    r"工作领导小组|领导小组|院|署|办|会|党委|党组)$"
)
_TYPE_WORDS = (
    "实施细则", "细则", "实施方案", "行动方案", "工作方案", "方案", "实施意见", "指导意见", "意见",
    "若干措施", "若干政策", "政策措施", "措施", "管理办法", "暂行办法", "办法", "申报指南", "指南", "通知",
    "规划", "纲要",
    "条例", "规定", "决定", "公告", "通告", "批复", "计划", "要点", "政策解读", "解读", "问答", "答问", "答记者问",
    "解答", "常见问题",
    "清单", "目录", "指引", "函",
)
_BASE_TYPES = ("细则", "方案", "意见", "措施", "办法", "指南", "通知", "规划", "纲要", "条例", "规定",
               "决定", "公告", "通告", "批复", "计划", "要点", "解读", "问答", "清单", "目录", "指引", "函")
# Questions-and-answers pages (问答, 答记者问, 问题解答, 常见问题) explain a document as a 解读 does.
_QA_TYPES = ("问答", "答问", "答记者问", "解答", "常见问题")
# Type words named otherwise than their base type: 若干政策 are measures, a 政策问答 is an interpretation.
_TYPE_ALIASES = {"若干政策": "措施", "政策措施": "措施", **{word: "解读" for word in _QA_TYPES}}
_SENTENCE = "。；！？!?;"
_TITLE_NOTE = re.compile(r"[（(][^（）()]{1,20}[）)]$")
_NUMBERED = re.compile(rf"^(第[{_CN_DIGIT}百\d]+[章节条]|[{_CN_DIGIT}]+[、．.]|[（(][{_CN_DIGIT}\d]+[）)]|\d+[.．、])")
_BACK_MATTER = re.compile(r"^(抄送|抄报|主送|附件|联系人|联系电话|（此件|\(此件|公开方式|签发人)")
_LABELS = ("发文机关", "发布机构", "文号", "发文字号", "成文日期", "发布日期", "发布时间", "发文日期", "印发日期",
           "公布日期", "日期", "信息来源", "来源", "标题",
           "名称", "索引号", "主题分类", "分类", "有效性", "浏览次数", "点击数", "访问量", "作者", "责任编辑")
# The labels of a page's date: 成文日期 (signed) before 发布日期 (put on the site)
_DATE_LABELS = ("成文日期", "发文日期", "印发日期", "发布日期", "发布时间", "公布日期", "日期")
# An info table spaces its short labels out to the width of the long ones: 文　　号, 名　　称
_LABEL_WORDS = "|".join(r"\s*".join(label) for label in _LABELS)
# 2025-03-01, 2025.3.1, 2025/3/1: dates as web pages and 落款 print them, read as 2025年3月1日
_NUMERIC_DATE = re.compile(r"(?<![\d.\-/])((?:19|20)\d{2})([-./])(\d{1,2})\2(\d{1,2})(?![\d.\-/])")
# Interpretation titles that name the document they explain: 一图读懂《…》, 图解《…》
_EXPLAINED = re.compile(r"^(一图读懂|一图看懂|图解|读懂|解读)《[^》]+》$")
# Lines of page chrome, never a title: 当前位置：首页 > 政务公开 > 通知公告
_CHROME_LINE = re.compile(r"[>›»|]|当前位置|您的位置|首页")
_FIELD_LABEL_START = re.compile(rf"^({_LABEL_WORDS})\s*[：:]")
_FIELD_LABEL_SPLIT = re.compile(rf"(?:^|[\s\u3000]+)({_LABEL_WORDS})\s*[：:]\s*")


# ---- numbers and dates -----------------------------------------------------------------------

def cn_number(text: str) -> int | None:
    """'2024', '二〇二四', '十二', '３' → int (cn2an reads the Chinese ones)."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789")).strip()
    if text.isdigit():
        return int(text)
    import cn2an  # imported here: it is slow to import and only dates in Chinese numerals need it

    try:
        if "十" not in text and len(text) > 1:  # 二〇二四: digit by digit
            return int("".join(str(int(cn2an.cn2an(c, "smart"))) for c in text))
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError):
        return None


def date_of(match: re.Match[str], end_of_period: bool = False) -> dt.date | None:
    """The date a DATE match names; a month without a day is its first (or last) day."""
    year, month = cn_number(match.group(1)), cn_number(match.group(2))
    day = cn_number(match.group(3)) if match.group(3) else None
    if year is None or month is None:
        return None
    try:
        if day is None:
            if end_of_period:
                nxt = dt.date(year + month // 12, month % 12 + 1, 1)
                return nxt - dt.timedelta(days=1)
            return dt.date(year, month, 1)
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, end_of_period: bool = False) -> dt.date | None:
    m = DATE.search(text)
    return date_of(m, end_of_period) if m else None


# ---- lines -----------------------------------------------------------------------------------

# The seal a signed copy notes beside each issuer of its 落款: 某某局（印章）, 某某局(盖章)
_SEAL = re.compile(r"[（(]\s*(?:印章|盖章|公章|签章|章)\s*[）)]")


def _lines(text: str) -> list[str]:
    return [s for s in (_SEAL.sub("", line).strip(_SPACE) for line in text.split("\n")) if s]


def _compact(line: str) -> str:
    return re.sub(r"[\s\u3000]+", "", line)


def is_letterhead(line: str) -> bool:
    """The red header line: 襄阳市人民政府文件, XX管理委员会文件 (not a title: no 关于/的)."""
    line = _compact(line)
    return bool(_LETTERHEAD.match(line)) and "关于" not in line and len(line) <= 60


def is_doc_number_line(line: str) -> bool:
    """A line that is only a 文号, optionally in brackets, with 签发人 etc. beside it."""
    rest = DOC_NUMBER.sub("", _compact(line), count=1)
    if rest == _compact(line):
        return False
    rest = re.sub(r"签发人[：:][\u4e00-\u9fff、]*|[（）()【】\[\]]", "", rest)
    return len(_NUMBER_LABEL.sub("", rest, count=1)) <= 2


# The label a 文号 may stand after on its own line: 文号：X, 发文字号：X, Document No. X
_NUMBER_LABEL = re.compile(r"^(?:文号|发文字号|字号|documentno\.?|docno\.?|no\.)[：:]?", re.IGNORECASE)


def is_date_line(line: str) -> bool:
    return bool(_DATE_ONLY.match(line))


def is_issuer_line(line: str) -> bool:
    """A short line naming one or more authorities (落款), no sentence punctuation."""
    compact = line.strip(_SPACE)
    if _is_latin(compact):
        return _is_english_authority(compact)
    if not compact or len(compact) > 60 or any(c in compact for c in _SENTENCE + "，,：:《"):
        return False
    return all(_ISSUER_END.search(part) for part in split_issuers(compact))


# An authority named in English, as a translation's 落款 does: Xiaogan Municipal People's Government, Hubei
# Provincial Department of Economy and Information Technology (capitalised words, an authority word among them)
_ENGLISH_NAME = re.compile(r"(?:[A-Z][\w'’&-]*|of|and|for|the)(?:\s+(?:[A-Z][\w'’&-]*|of|and|for|the)){0,14}")
_ENGLISH_AUTHORITY = re.compile(r"\b(?:Government|Commission|Bureau|Department|Ministry|Office|Committee|"
                                r"Administration|Council|Agency|Authority)\b")


def _is_english_authority(line: str) -> bool:
    """A line that is only the name of an authority: no sentence, no title (a title names its type)."""
    return (bool(_ENGLISH_NAME.fullmatch(line)) and bool(_ENGLISH_AUTHORITY.search(line))
            and doc_type_of(line) is None)


def _is_latin(line: str) -> bool:
    return detect_lang(line) == "en"


def split_issuers(text: str) -> list[str]:
    text = text.strip(_SPACE)
    if _is_latin(text):  # English names have spaces inside them: joint issuers are one per line
        return [text] if text else []
    return [p for p in re.split(r"[\s\u3000、，,]+", text) if p]


def _skippable_head(line: str) -> bool:
    """Lines of the header block that are not the title."""
    compact = _compact(line)
    return (is_letterhead(line) or is_doc_number_line(line) or is_date_line(line)
            or bool(re.match(r"^(特急|加急|平急|急件|机密|秘密|绝密|[A-Z]{2,}[-\d]+|签发人|公开方式|索引号)", compact))
            or bool(_FIELD_LABEL_START.match(line)))


def _type_word(title: str) -> str | None:
    title = without_note(title)
    if _EXPLAINED.match(title):
        return "解读"
    for word in _TYPE_WORDS:
        if title.endswith(word):
            return word
    return None


def without_note(title: str) -> str:
    """The title without the notes a title may end with: （试行） （2024年修订） （征求意见稿）."""
    while True:
        shorter = _TITLE_NOTE.sub("", title)
        if shorter == title or not shorter:
            return title
        title = shorter


def _title_like(line: str) -> bool:
    compact = _compact(line)
    if _is_latin(compact):  # an English title: longer in letters, and a sentence ends with a full stop
        return 4 <= len(compact) <= 240 and not compact.endswith(".") and not any(c in compact for c in _SENTENCE)
    return (4 <= len(compact) <= 80 and not any(c in compact for c in _SENTENCE)
            and not compact.endswith(("：", ":")) and not _NUMBERED.match(compact)
            and not _BACK_MATTER.match(compact) and not _CHROME_LINE.search(compact))


# ---- title -----------------------------------------------------------------------------------

def _title_at(lines: list[str], i: int) -> tuple[str, int] | None:
    """The title starting at line i, joined over up to three wrapped lines, and the lines used."""
    if not _title_like(lines[i]) or _skippable_head(lines[i]) or is_issuer_line(lines[i]):
        return None
    title = _spaced_issuers(lines[i])
    used = 1
    while not _type_word(title) and used < 3 and i + used < len(lines):
        nxt = lines[i + used]
        short_end = len(_compact(nxt)) < 4 and bool(_type_word(title + _compact(nxt)))  # …的 / 通知
        if not (_title_like(nxt) or short_end) or _skippable_head(nxt) or is_issuer_line(nxt):
            break
        joined = title + _compact(nxt)
        if not _type_word(joined) and used == 2:
            break
        title, used = joined, used + 1
    if not _type_word(title) and "关于" not in title:
        return None
    return title, used


def find_title(text: str) -> str | None:
    """The document's own title; a 印发 notice's title gives way to the title it wraps.

    The title the body shows wins over a web page's info table (标题：/名称：), which a site's
    editor may have shortened or reworded; the table's is the title when the body has none."""
    lines = _lines(text)
    info = _info_table_lines(lines)
    first = None
    for i in range(min(len(lines), _HEAD_LINES)):
        found = None if i in info else _title_at(lines, i)
        if found:
            first = found[0]
            break
    first = first or _labelled(lines, ("标题", "名称")) or _first_heading(text) or _first_plain_title(lines, info)
    if not first:
        return None
    inner = _wrapped_title(first)
    found = _as_written(lines, inner) if inner else None
    return found or _as_written(lines, first) or first


def _first_heading(text: str) -> str | None:
    """A Markdown page's level-one heading (# X) is its title, whatever type word it ends with."""
    for line in text.split("\n")[:_HEAD_LINES]:
        m = re.match(r"^#\s+(.+)$", line.strip())
        if m and _title_like(m.group(1)):
            return _written_title(m.group(1))
    return None


def _first_plain_title(lines: list[str], info: set[int]) -> str | None:
    """When no head line ends with a type word: the first line that looks like a title and is none of
    the header block's other parts (letterhead, 文号, date, authority, 标签：值, 主送)."""
    for i, line in enumerate(lines[:_HEAD_LINES]):
        if i not in info and _title_like(line) and not _skippable_head(line) and not is_issuer_line(line):
            return _written_title(line)
    return None


def _written_title(line: str) -> str:
    """A title as written: Chinese without spaces (joint issuers keep theirs), English with single spaces."""
    line = line.strip(_SPACE)
    return re.sub(r"\s+", " ", line) if _is_latin(line) else _spaced_issuers(line)


def _as_written(lines: list[str], title: str) -> str | None:
    """The line that is this title, or this title with a note after it (a web page's info table and
    a 印发 notice name a title without its （试行） or other note; the line itself carries it)."""
    bare = _compact(title)
    compacts = [_compact(line) for line in lines]
    # a typeset title's note may run onto the next line: （虚构… / …文档）
    joined = [c + (compacts[i + 1] if i + 1 < len(compacts) and c.count("（") > c.count("）") else "")
              for i, c in enumerate(compacts)]
    for compact in joined:  # the line with the note first: the bare one may be the info table's
        if compact.startswith(bare) and compact != bare and without_note(compact) == bare:
            return title + compact[len(bare):]
    return title if bare in compacts else None


def _wrapped_title(title: str) -> str | None:
    """关于印发《X》的通知 / 关于印发X的通知 → X (a note after 的通知 belongs to the wrapper)."""
    title = without_note(_compact(title))
    m = re.search(r"印发(?:修订后的)?《?(.+?)》?的(?:通知|函)$", title)
    if not m:
        return None
    names = re.findall(r"《(.+?)》", title)
    return names[0] if len(names) == 1 else m.group(1)


def _spaced_issuers(line: str) -> str:
    """A title line without its spaces, except one between joint issuers before 关于, as GB/T 9704
    sets them (工业和信息化部办公厅　财政部办公厅关于…): the space is part of the title."""
    line = line.strip(_SPACE)
    head, sep, rest = line.partition("关于")
    parts = re.split(r"([\s\u3000]+)", head.strip(_SPACE))
    names = parts[::2]
    if not sep or len(names) < 2 or not all(_ISSUER_END.search(n) for n in names):
        return _compact(line)
    spaced = "".join(n + (parts[2 * k + 1][0] if 2 * k + 1 < len(parts) else "") for k, n in enumerate(names))
    return spaced + sep + _compact(rest)


def _labelled(lines: list[str], labels: tuple[str, ...]) -> str | None:
    """A value from a government web page's info table (发文机关：…, 文号：…).

    A flattened table puts a label and its value on one line, several pairs on one line
    (发布机构：X　发布日期：Y), or the label alone with its value on the next line."""
    head = lines[:_HEAD_LINES]
    for i, line in enumerate(head):
        for label, value in _label_pairs(line):
            if label not in labels:
                continue
            if not value and i + 1 < len(head) and _value_under(label, head[i + 1]):
                value = head[i + 1].strip(_SPACE)
            return value or None
    return None


def _value_under(label: str, line: str) -> bool:
    """Whether the line under a bare label is its value: an empty cell leaves no line, so the next
    line may be the next label or the body's title; a 文号, a date or an authority must look like one,
    and only a title label has a title under it."""
    if _label_pairs(line):
        return False
    if label in ("文号", "发文字号"):
        return bool(DOC_NUMBER.search(_compact(line)))
    if label in _DATE_LABELS:
        return bool(DATE.search(line))
    if label in ("发文机关", "发布机构", "来源", "信息来源"):
        return is_issuer_line(line)
    return label in ("标题", "名称") or _title_at([line], 0) is None  # 有效性： over the title is empty


def _info_table_lines(lines: list[str]) -> set[int]:
    """Indexes of the head's info-table lines: 标签：值 lines and the value under a bare label."""
    found: set[int] = set()
    for i, line in enumerate(lines[:_HEAD_LINES]):
        pairs = _label_pairs(line)
        if pairs:
            found.add(i)
            if not pairs[-1][1] and i + 1 < len(lines) and _value_under(pairs[-1][0], lines[i + 1]):
                found.add(i + 1)
    return found


def _label_pairs(line: str) -> list[tuple[str, str]]:
    """(label, value) of each 标签：值 pair on a line; [] when the line does not start with a label."""
    if not _FIELD_LABEL_START.match(line):
        return []
    parts = _FIELD_LABEL_SPLIT.split(line)  # ['', label, value, label, value, ...]
    return [(re.sub(r"\s", "", parts[k]), parts[k + 1].strip(_SPACE)) for k in range(1, len(parts) - 1, 2)]


# ---- issuers, date, 文号 ---------------------------------------------------------------------

def _signature(lines: list[str]) -> tuple[list[str], dt.date | None]:
    """落款: the authority lines right above the first standalone date line that has them."""
    first_date = None
    for i, line in enumerate(lines):
        if not is_date_line(line):
            continue
        day = parse_date(line)
        first_date = first_date or day
        issuers: list[str] = []
        j = i - 1
        while j >= 0 and is_issuer_line(lines[j]) and len(issuers) < 8:
            issuers = split_issuers(lines[j]) + issuers
            j -= 1
        if issuers:
            return issuers, day
    return [], first_date


_BYLINE_LINES = 4  # a byline stands right under the title, before the body


def _byline(lines: list[str], title: str | None) -> tuple[list[str], dt.date | None]:
    """An issuer and date on one line under the title (a 解读 or web page: 随州市某局　2026年11月25日)."""
    start = next((i + 1 for i, line in enumerate(lines[:_HEAD_LINES]) if title and title in _compact(line)), 0)
    for line in lines[start:start + _BYLINE_LINES]:
        m = list(DATE.finditer(line))
        if len(m) != 1 or line[m[0].end():].strip(_SPACE) not in ("", "日"):
            continue
        head = line[:m[0].start()].strip(_SPACE)
        if head and is_issuer_line(head):
            return split_issuers(head), date_of(m[0])
    return [], None


_PUBLISHED = re.compile(r"印发|发布|公布|颁布|制发")


def _bracket_line(lines: list[str], title: str | None) -> tuple[list[str], dt.date | None, str | None]:
    """(issuers, date, 文号) of a line in brackets under the title, as a 政策汇编 prints a document without
    its 落款: （X市人民政府办公室2024年6月20日印发　X政办发〔2024〕21号）. The line must hold nothing else
    (a bracketed note of the body is no such line): authorities, one date, a 文号, 印发 words."""
    start = next((i + 1 for i, line in enumerate(lines[:_HEAD_LINES]) if title and title in _compact(line)), None)
    for line in lines[start:start + _BYLINE_LINES] if start is not None else []:
        compact = _compact(line)
        if not (compact[:1] in "（(" and compact[-1:] in "）)"):
            continue
        inner = line.strip(_SPACE)[1:-1]
        dates = list(DATE.finditer(inner))
        issuers: list[str] = []
        number = None
        for part in split_issuers(DATE.sub(" ", inner)):
            m = DOC_NUMBER.search(part)
            if m and number is None:  # 印发咸政办发〔2024〕21号: the 文号's prefix starts after the 印发 word
                head = m.group(1)
                cut = [w.end() for w in _PUBLISHED.finditer(head)]
                prefix = head[cut[-1]:] if cut else head
                number = f"{prefix}〔{m.group(2)}〕{m.group(3)}号"
                part = part[:m.start()] + head[:len(head) - len(prefix)]
            name = _PUBLISHED.sub("", part)
            if name and not is_issuer_line(name):
                break  # words of a sentence: no publication line
            if name:
                issuers.append(name)
        else:
            if len(dates) <= 1 and (issuers or number) and (dates or number):
                return issuers, (date_of(dates[0]) if dates else None), number
    return [], None, None


def _source_issuer(lines: list[str]) -> str | None:
    """来源：X under a 解读's title names its issuer when X is an authority (not a newspaper)."""
    source = _labelled(lines, ("来源", "信息来源"))
    return source if source and is_issuer_line(source) else None


def _issuers_from_title(title: str | None) -> list[str]:
    if not title or "关于" not in title:
        return []
    head = title.split("关于", 1)[0]
    parts = split_issuers(head)
    if len(parts) == 1:  # titles are read without spaces: 湖北省经济和信息化厅湖北省财政厅
        parts = _run_together(parts[0])
    return parts if parts and all(_ISSUER_END.search(p) for p in parts) else []


_ORG = re.compile(r".+?(?:人民政府|委员会|管理委员会|管委会|办公厅|办公室|厅|局|部|委)")


def _run_together(head: str) -> list[str]:
    """Authorities written one after another; the whole head when it does not split cleanly."""
    parts = _ORG.findall(head)
    if len(parts) > 1 and "".join(parts) == head and all(len(p) >= 4 for p in parts):
        return parts
    return [head]


def _issuer_from_letterhead(lines: list[str]) -> list[str]:
    for line in lines[:5]:
        if is_letterhead(line):
            name = re.sub(r"文件$", "", _compact(line))
            parts = split_issuers(name)
            if parts and all(_ISSUER_END.search(p) for p in parts):
                return parts
    return []


def find_doc_number(lines: list[str]) -> str | None:
    """The document's own 文号: a header line of its own (not one cited inside a sentence), the body's
    before a web page's info table's (文号：…), as for the title."""
    info = _info_table_lines(lines)
    candidates = [line for i, line in enumerate(lines[:_HEAD_LINES]) if i not in info and is_doc_number_line(line)]
    labelled = _labelled(lines, ("文号", "发文字号"))
    candidates += [labelled] if labelled else []
    for line in candidates:
        m = DOC_NUMBER.search(_compact(line))
        if m:
            return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
    return None


def _print_date(lines: list[str]) -> dt.date | None:
    """The 印发 line at the end: XX办公室 2024年3月5日印发."""
    for line in reversed(lines):
        if line.rstrip().endswith("印发"):
            day = parse_date(line)
            if day:
                return day
    return None


# ---- validity --------------------------------------------------------------------------------

_RANGE = re.compile(
    rf"(执行期|实施期|有效期|实施期限|执行期限|期限)(?:限)?(?:为|是|自|[：:])?\s*"
    rf"(?P<a>{DATE.pattern})\s*(?:起)?\s*(?:至|到|—+|－|-|~|～)\s*(?P<b>{DATE.pattern}|{_NUM}{{4}}\s*年)"
)
_YEAR_RANGE = re.compile(
    rf"(执行期|实施期|有效期|期限)(?:限)?(?:为|是|自|[：:])?\s*({_NUM}{{4}})\s*年?\s*(?:至|到|—+|－|-|~|～)\s*({_NUM}{{4}})\s*年"
)
# The verbs a document starts with: 施行 / 执行 / 实施 / 生效, and 试行 for a trial version
_START_VERB = r"(?:施行|执行|实施|生效|试行)"
_FROM = re.compile(rf"自\s*(?P<d>{DATE.pattern})\s*起{_START_VERB}")
_FROM_ISSUE = re.compile(rf"自(?:印发|发布|公布)之日起{_START_VERB}")
_FROM_ISSUE_LATER = re.compile(rf"自(?:印发|发布|公布)之日起({_NUM}{{1,3}})(?:日|天)后{_START_VERB}")
_UNTIL = re.compile(
    rf"(?:(?:有效期|执行期|实施期)(?:限)?(?:至|到|截至)|(?:执行|实施|施行)(?:至|到)|"
    rf"(?:施行|执行|实施|生效)[，,]?至)\s*(?P<d>{DATE.pattern})"
    rf"|(?:施行|执行|实施|生效)[，,](?P<r>{DATE.pattern})(?:起)?(?:废止|失效)"
)
# 执行期至2027年底: the end of a year named without a day
_UNTIL_YEAR_END = re.compile(rf"(?:有效期|执行期|实施期)(?:限)?(?:至|到|截至)\s*({_NUM}{{4}})\s*年(?:底|末)")
_YEARS = re.compile(rf"(?:有效期|试行期|执行期|实施期|施行期)(?:限)?(?:为|暂定)?\s*({_NUM}{{1,3}}|两)\s*年")
_REPEAL = re.compile(r"同时废止((?:《[^》]{2,80}》[^《。；]{0,40})+)|((?:《[^》]{2,80}》[^《。；]{0,40}?)+)同时废止")


def _dates_in(match: re.Match[str]) -> list[re.Match[str]]:
    return list(DATE.finditer(match.group(0)))


def find_validity(text: str, issued: dt.date | None) -> dict[str, Any]:
    """effective_from / effective_to / repeals from the body's own wording."""
    found: dict[str, Any] = {}
    flat = re.sub(r"[\s\u3000]+", "", text)
    m = _RANGE.search(flat)
    if m:
        dates = _dates_in(m)
        start = date_of(dates[0])
        end = date_of(dates[1], end_of_period=True) if len(dates) > 1 else year_end(m.group("b"))
        if start and end and start <= end:
            found["effective_from"], found["effective_to"] = start, end
    else:
        y = _YEAR_RANGE.search(flat)
        if y:
            a, b = cn_number(y.group(2)), cn_number(y.group(3))
            if a and b and 1900 < a <= b < 2200:
                found["effective_from"], found["effective_to"] = dt.date(a, 1, 1), dt.date(b, 12, 31)
    f = _FROM.search(flat)
    start = date_of(DATE.search(f.group("d"))) if f else (issued if _FROM_ISSUE.search(flat) else None)
    later = _FROM_ISSUE_LATER.search(flat) if f is None and issued else None
    if later and cn_number(later.group(1)):  # 自发布之日起30日后施行: the day after those days
        start = issued + dt.timedelta(days=cn_number(later.group(1)) or 0)
    years_only = m is None and "effective_from" in found
    if start and ("effective_from" not in found or (years_only and found["effective_from"] <= start
                                                    and start.year == found["effective_from"].year)):
        # 执行期为2023年至2025年 names years; 自印发之日起实施 (or 自…起施行) in that first year is the day itself
        found["effective_from"] = start
    if "effective_to" not in found:
        end = _end_from_duration(flat, found.get("effective_from"))
        if end:
            found["effective_to"] = end
    repeals = [t for m in _REPEAL.finditer(flat) for t in re.findall(r"《([^》]+)》", m.group(0))]
    if repeals:
        found["repeals"] = list(dict.fromkeys(repeals))
    return found


def year_end(text: str) -> dt.date | None:
    """12-31 of a written year (2027 / 二〇二七 / 2027年), None for no plausible year."""
    year = cn_number(re.sub(r"\s*年$", "", text))
    return dt.date(year, 12, 31) if year and 1900 < year < 2200 else None


def _end_from_duration(flat: str, start: dt.date | None) -> dt.date | None:
    until = _UNTIL.search(flat)
    if until:
        return date_of(DATE.search(until.group("d") or until.group("r")), end_of_period=True)
    until_year = _UNTIL_YEAR_END.search(flat)
    if until_year:
        return year_end(until_year.group(1))
    years = _YEARS.search(flat)
    if years and start:
        n = cn_number(years.group(1).replace("两", "二"))
        if n and 0 < n < 100:
            try:
                return start.replace(year=start.year + n) - dt.timedelta(days=1)
            except ValueError:  # 29 February
                return dt.date(start.year + n, 3, 1) - dt.timedelta(days=1)
    return None


# ---- level, region, type ---------------------------------------------------------------------

class Regions(ClosedModel):
    """The gazetteer of knowledge/documents/regions.yaml (loaded by DocumentRules, from Settings)."""

    province_abbreviations: dict[str, str] = Field(default_factory=dict, description="文号 prefix → province")
    municipalities: list[str] = Field(default_factory=list, description="直辖市: their districts are 区县")
    national: list[str] = Field(default_factory=list, description="National issuers without a 国家 prefix")
    county_level_cities: dict[str, str] = Field(default_factory=dict, description="县级市 → the 市州 it belongs to")
    english_places: dict[str, str] = Field(default_factory=dict, description="English (pinyin) place name → 地名")


def level_and_region(issuers: list[str], title: str | None, doc_number: str | None,
                     regions: Regions) -> dict[str, str]:
    """国家 / 省 / 市 / 区县 and the region, from the first issuer, else the title, else the 文号."""
    for name in [*issuers[:1], title or ""]:
        found = _english_place(name, regions) if _is_latin(name) else _place(name, regions)
        if found:
            return _within_city(found, regions)
    provinces = regions.province_abbreviations
    if doc_number and doc_number[0] in provinces:  # 鄂经信规〔2024〕3号: a provincial document
        return {"level": "省", "region": provinces[doc_number[0]]}
    return {}


def _within_city(found: dict[str, str], regions: Regions) -> dict[str, str]:
    """A county-level city's document is of level 区县, within its city: 麻城市 → 黄冈市麻城市."""
    city = regions.county_level_cities.get(found["region"]) if found["level"] == "市" else None
    return {"level": "区县", "region": city + found["region"]} if city else found


# The level an English authority's name gives after its place: Hubei Provincial …, Xiaogan Municipal …
_ENGLISH_LEVELS = ((r"Provincial|Province", "省"), (r"Municipal|City|Prefecture", "市"), (r"County|District", "区县"))


def _english_place(name: str, regions: Regions) -> dict[str, str] | None:
    """国家 for a ministry or the State Council; else the place an English name starts with, at the level
    the next word gives (a province is 省 whatever it says)."""
    if re.match(r"^(?:The\s+)?(?:Ministry|State\s+Council|National|General\s+Office\s+of\s+the\s+State)", name):
        return {"level": "国家", "region": "全国"}
    m = re.match(r"^([A-Z][a-z]+)\s+(\w+)", name)
    place = regions.english_places.get(m.group(1)) if m else None
    if not m or not place:
        return None
    if place.endswith("省"):
        return {"level": "省", "region": place}
    level = next((lv for words, lv in _ENGLISH_LEVELS if re.fullmatch(words, m.group(2))), None)
    return {"level": level, "region": place} if level else None


def _place(name: str, regions: Regions) -> dict[str, str] | None:
    name = _compact(name).lstrip("《〈“\"「『")  # a 解读 titled 《X市…办法》政策解读 is of X市 too
    if not name:
        return None
    if re.match(r"^(国务院|中共中央|中华人民共和国|全国|国家)", name) or _is_national_body(name, regions):
        return {"level": "国家", "region": "全国"}
    name = re.sub(r"^(?:中共|中国共产党)", "", name)  # 中共宜昌市委办公室 is of 宜昌市
    m = re.match(r"^(.{2,8}?(?:省|自治区))(.{2,6}?(?:市|自治州|州|地区))?(.{1,6}?(?:区|县|旗))?", name)
    if m:
        if m.group(3) and m.group(2):
            return {"level": "区县", "region": m.group(2) + m.group(3)}
        if m.group(2) and not name.startswith(m.group(1) + "人民政府"):
            return {"level": "市", "region": m.group(2)}
        return {"level": "省", "region": m.group(1)}
    m = re.match(r"^(.{2,5}?市)(.{1,6}?(?:区|县|旗))?(?=.)", name)
    if m and not re.match(r"^(城市|超市|市场)", name):
        city = m.group(1)
        if city in regions.municipalities:
            return {"level": "区县", "region": city + m.group(2)} if m.group(2) else {"level": "省", "region": city}
        if m.group(2) and not re.search(r"(委员会|管委会)$", m.group(2)):
            return {"level": "区县", "region": city + m.group(2)}
        return {"level": "市", "region": city}
    m = _PREFECTURE.match(name)
    if m and not re.search(r"[区县旗]", name[m.end():]):  # 恩施州…局 (not 荆州经济技术开发区…局: a 区 of it)
        return {"level": "市", "region": m.group(1)}
    m = re.match(r"^(.{1,12}?(?:区|县))(?:人民政府|管委会|管理委员会|.*(?:局|委|办))", name)
    if m:
        return {"level": "区县", "region": m.group(1)}
    if re.search(r"部$", name) and len(name) <= 10:  # 工业和信息化部, 财政部: ministries
        return {"level": "国家", "region": "全国"}
    return None


# A prefecture-level region other than a 市 (恩施土家族苗族自治州, 恩施州, XX地区, XX盟) heading an authority's name
_PREFECTURE = re.compile(r"^(.{2,10}?(?:自治州|地区|盟)|[\u4e00-\u9fff]{1,3}州)"
                         r"(?=.*(?:人民政府|委员会|管委会|厅|局|委|办))")

# The offices inside an authority that sign for it: 工业和信息化部办公厅.
_INTERNAL_OFFICE = re.compile(r"(办公厅|办公室)$")


def _is_national_body(name: str, regions: Regions) -> bool:
    """A national authority named without a place (财政部), or one of its offices (财政部办公厅)."""
    for candidate in (name, _INTERNAL_OFFICE.sub("", name)):
        if candidate in regions.national:
            return True
        if candidate != name and re.fullmatch(r"[\u4e00-\u9fff]{2,10}部", candidate) \
                and not re.search(r"[省市县区州]", candidate):
            return True
    return False


# The type words of English titles (a translation's), most specific first; "Measures" of management
# are a 办法, "Several Measures" are 措施.
_ENGLISH_TYPES = (
    (r"(?:administrative|management|interim|implementation)\s+measures", "办法"),
    (r"(?:implementation|implementing|detailed)\s+rules|rules", "细则"), (r"measures|policies", "措施"),
    (r"guiding\s+opinions|opinions", "意见"), (r"action\s+plan|plan|programme|program|scheme", "方案"),
    (r"application\s+guide|guidelines|guide", "指南"),
    (r"interpretation|questions\s+and\s+answers|q\s*&\s*a|faq", "解读"), (r"notice|circular", "通知"),
)


def doc_type_of(title: str | None) -> str | None:
    if not title:
        return None
    if _is_latin(title):
        return next((base for words, base in _ENGLISH_TYPES if re.search(rf"\b(?:{words})\b", title, re.I)), None)
    word = _type_word(_compact(title))
    if not word:
        return None
    if word in _TYPE_ALIASES:
        return _TYPE_ALIASES[word]
    return next((base for base in _BASE_TYPES if word.endswith(base)), word)


# ---- all together ----------------------------------------------------------------------------

def extract_meta(text: str, regions: Regions) -> dict[str, Any]:
    """Every field the text states, as DocumentMeta names; absent fields are not in the result.

    A Traditional-Chinese text is read through its Simplified form (one rule set for both), and the
    names found are given back as the text writes them."""
    simplified = to_simplified(text)
    if simplified == text:
        return _extract_meta(text, regions)
    found = _extract_meta(simplified, regions)
    for key in ("title", "issuer", "doc_number"):
        if isinstance(found.get(key), str):
            found[key] = _as_in(found[key], simplified, text)
    if found.get("issuers"):
        found["issuers"] = [_as_in(name, simplified, text) for name in found["issuers"]]
    return found


def _as_in(value: str, simplified: str, original: str) -> str:
    """`value`, found in `simplified`, as `original` writes it (t2s maps one character to one)."""
    flat_s, flat_o = re.sub(r"\s+", "", simplified), re.sub(r"\s+", "", original)
    at = flat_s.find(re.sub(r"\s+", "", value))
    if at < 0 or len(flat_s) != len(flat_o):
        return value
    chars = iter(flat_o[at:])
    return "".join(c if c.isspace() else next(chars) for c in value)


# English wording of dates and windows (a translation's), read as the Chinese rules read them.
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = "|".join(_MONTHS)
_EN_DATES = (re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),?\s+((?:19|20)\d{{2}})\b", re.I),
             re.compile(rf"\b(\d{{1,2}})\s+({_MONTH}),?\s+((?:19|20)\d{{2}})\b", re.I))
_EN_NUMBERS = {w: str(i) for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven",
                                                 "eight", "nine", "ten"))}
_EN_DATE = r"(\d{4}年\d{1,2}月\d{1,2}日)"
_EN_WINDOW = (
    (rf"(?:shall\s+)?(?:comes?|came)\s+into\s+(?:force|effect)\s+(?:on|from|as\s+of)\s+{_EN_DATE}", r"自\1起施行"),
    (rf"(?:shall\s+)?(?:takes?|took)\s+effect\s+(?:on|from|as\s+of)\s+{_EN_DATE}", r"自\1起施行"),
    (r"(?:shall\s+)?(?:comes?\s+into\s+(?:force|effect)|takes?\s+effect)\s+(?:on|from)\s+the\s+date\s+of\s+"
     r"(?:issuance|promulgation|publication|release)", "自印发之日起施行"),
    (r"(?:be|remain|remains|is)\s+valid\s+for\s+(?:a\s+period\s+of\s+)?(\d{1,2})\s+years?", r"有效期\1年"),
    (rf"(?:valid|effective|in\s+force)\s+(?:until|till|through)\s+{_EN_DATE}", r"有效期至\1"),
    (rf"expires?\s+on\s+{_EN_DATE}", r"有效期至\1"),
)


def _english_wording(text: str) -> str:
    """English dates as 2025年10月1日 and window sentences as their Chinese wording (自…起施行, 有效期N年)."""
    month = {m: i + 1 for i, m in enumerate(_MONTHS)}
    text = _EN_DATES[0].sub(lambda m: f"{m.group(3)}年{month[m.group(1).lower()]}月{int(m.group(2))}日", text)
    text = _EN_DATES[1].sub(lambda m: f"{m.group(3)}年{month[m.group(2).lower()]}月{int(m.group(1))}日", text)
    text = re.sub(rf"\b({'|'.join(_EN_NUMBERS)})\s+(?=years?\b)", lambda m: _EN_NUMBERS[m.group(1).lower()] + " ",
                  text, flags=re.I)
    for pattern, chinese in _EN_WINDOW:
        text = re.sub(pattern, chinese, text, flags=re.I)
    return text


# A plan's years in its title: 三年行动方案（2025—2027年）, 2026—2028年行动计划
_TITLE_YEARS = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})\s*年")
_DATED_BY_TITLE = ("方案", "规划", "计划", "纲要", "要点", "意见", "措施")


def _title_window(title: str | None, doc_type: str | None) -> dict[str, dt.date]:
    """The years a plan's title names, as its window, for a plan whose body states none."""
    m = _TITLE_YEARS.search(title or "") if doc_type in _DATED_BY_TITLE else None
    if not m or int(m.group(1)) > int(m.group(2)):
        return {}
    return {"effective_from": dt.date(int(m.group(1)), 1, 1), "effective_to": dt.date(int(m.group(2)), 12, 31)}


def _extract_meta(text: str, regions: Regions) -> dict[str, Any]:
    text = _NUMERIC_DATE.sub(r"\1年\3月\4日", text)
    if detect_lang(text) == "en":
        text = _english_wording(text)
    lines = _lines(text)
    found: dict[str, Any] = {}
    title, title_number = _title_and_number(find_title(text))
    issuers, signed = _signature(lines)
    by, by_date = _byline(lines, _compact(title) if title else None)
    bracket, bracket_date, bracket_number = _bracket_line(lines, _compact(title) if title else None)
    labelled_issuer = _labelled(lines, ("发文机关", "发布机构")) or _source_issuer(lines)
    issuers = (issuers or (split_issuers(labelled_issuer) if labelled_issuer else [])
               or _issuers_from_title(title) or _issuers_from_title(_first_title(lines))
               or _issuer_from_letterhead(lines) or bracket or by)
    labelled_date = _labelled(lines, _DATE_LABELS)
    issued = (signed or (parse_date(labelled_date) if labelled_date else None) or _print_date(lines)
              or bracket_date or by_date)
    doc_number = find_doc_number(lines) or bracket_number or title_number
    values: dict[str, Any] = {
        "title": title,
        "issuers": issuers or None,
        "issuer": "、".join(issuers) if issuers else None,
        "doc_number": doc_number,
        "issue_date": issued,
        "doc_type": doc_type_of(title),
    }
    found.update({k: v for k, v in values.items() if v})
    if values["doc_type"] != "解读":  # a 解读 restates the window and repeals of the document it explains
        window = find_validity(text, issued)
        if "effective_from" not in window and "effective_to" not in window:
            window.update(_title_window(title, values["doc_type"]))
        found.update(window)
    found.update(level_and_region(issuers, title, doc_number, regions))
    return found


def _title_and_number(title: str | None) -> tuple[str | None, str | None]:
    """A web page may print the 文号 after the title in brackets (…的通知（鄂经信发〔2025〕3号）): it is
    the document's number, not part of its title."""
    m = re.search(rf"[（(]\s*({DOC_NUMBER.pattern})\s*[）)]$", title or "")
    if not title or not m or m.start() == 0:
        return title, None
    return title[:m.start()], f"{m.group(2)}〔{m.group(3)}〕{m.group(4)}号"


def _first_title(lines: list[str]) -> str | None:
    """The notice title even when the title returned is the one it wraps (for its issuer)."""
    for i in range(min(len(lines), _HEAD_LINES)):
        found = _title_at(lines, i)
        if found:
            return found[0]
    return None


# ---- side-file first -------------------------------------------------------------------------

def merge_meta(given: dict[str, Any], extracted: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """Side-file values win field by field, then the text's, then defaults; with provenance."""
    given = {k: v for k, v in given.items() if k != "provenance" and v not in (None, "", [])}
    if "issuer" in given and "issuers" not in given:  # the given issuer decides the issuers too
        given["issuers"] = split_issuers(str(given["issuer"]).replace("、", " "))
    if "issuers" in given and "issuer" not in given and isinstance(given["issuers"], list):
        given["issuer"] = "、".join(given["issuers"])
    merged: dict[str, Any] = {}
    provenance: dict[str, str] = {}
    for source, values in (("default", defaults), ("extracted", extracted), ("given", given)):
        for key, value in values.items():
            merged[key] = value
            provenance[key] = source
    merged["provenance"] = provenance
    return merged
