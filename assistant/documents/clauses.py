"""Structure-aware clause parser for Chinese policy documents.

Paragraphs are read in order; numbered ones (第X章 / 第X条 / 一、 / （一） / 1. / （1）) and labelled
ones (行动路径：…) open nodes of a tree. A numbering kind seen before closes everything below it,
so any nesting order works. Every clause keeps its character span: clause.text is always
document_text[start:end], so quotes cut from it are verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.documents.metadata import is_date_line, is_doc_number_line, is_issuer_line, is_letterhead
from assistant.errors import DocumentError
from assistant.types import Clause

MAX_CLAUSE_CHARS = 320
SEPARATOR = " › "
_SPACE = " \t\r\u3000\u00a0\ufeff"
_CN_NUM = "零〇一二三四五六七八九十百千"

# (kind, pattern); the first group is the number, the match end is where the text starts.
_NUMBERINGS: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^(第[{_CN_NUM}\d]+章)[\s\u3000]*")),
    ("section", re.compile(rf"^(第[{_CN_NUM}\d]+节)[\s\u3000]*")),
    ("article", re.compile(rf"^(第[{_CN_NUM}\d]+条)[\s\u3000]*")),
    ("cn", re.compile(rf"^([{_CN_NUM}]+)[、．.]")),
    ("paren_cn", re.compile(rf"^[（(]([{_CN_NUM}]+)[）)]")),
    # 1.1 / 2.3.1 (a guide's 专题 under its 1. direction), followed by a space or a word, not a unit: 1.5亿元…
    ("decimal", re.compile(r"^([0-9０-９]{1,2}(?:[\.．][0-9０-９]{1,2}){1,2})"
                           r"(?=[\s\u3000\u4e00-\u9fff])(?![万亿元倍个])")),
    ("arabic", re.compile(r"^([0-9０-９]{1,3})[\.．、](?![0-9０-９])")),
    ("paren_arabic", re.compile(r"^[（(]([0-9０-９]{1,3})[）)]")),
]
_LABEL = re.compile(r"^([\u4e00-\u9fff]{2,6})[：:]")
_QUESTION = re.compile(r"^(?:问|提问|Q)\s*[0-9０-９一二三四五六七八九十]*\s*[：:]\s*")
_ANSWER = re.compile(r"^(?:答|回答|A)\s*[：:]")
# 附件1 / 附件一 / 附件：(on a line of their own, or followed by the attachment's name)
_ANNEX = re.compile(rf"^附\s*件\s*(?:([0-9０-９{_CN_NUM}]+)\s*[：:]?|[：:]|$)")
# One docx table row as the loader writes it: 项目类别：首台套；支持方式：奖励；…
_ROW = re.compile(r"^[^：:；;。\n]{1,20}[：:][^\n]*?[；;][^：:；;。\n]{1,20}[：:]")
# 版记 and other back matter: not section titles, never opening a clause tree of their own.
_BACK = re.compile(r"^(抄\s*送|抄\s*报|[（(]此件[^）)]*[）)]$|.{0,40}\d{4}年\d{1,2}月\d{1,2}日\s*印\s*发$)")
_INFO = re.compile(r"^(发布机构|发文机关|发布日期|成文日期|发文字号|文号|索引号|主题分类|来源|信息来源|发布时间)[：:]")
_CONTACT = re.compile(r"^(联\s*系\s*人|联系电话|联系方式|咨询电话|传\s*真|电子邮箱|邮\s*箱)[：:]")
_MARKUP = re.compile(r"^(?:#{1,6}|>)[ \t]+")  # Markdown heading/quote markers are not quoted
_DASH = re.compile(r"^[—\-－]{1,2}")
_SENTENCE_END = "。；！？!?;"


@dataclass
class _Node:
    kind: str
    anchor: str
    label: str  # what the section path shows for this node
    depth: int
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    pair: bool = False  # a Q&A pair: its paragraphs are one clause


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty lines, trimmed of (full-width) spaces, as (start, end) spans."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        lstrip = len(line) - len(_MARKUP.sub("", line.lstrip(_SPACE)))
        rstrip = len(line.rstrip(_SPACE))
        if rstrip > lstrip and line[lstrip:rstrip].strip():  # a form feed alone is no paragraph
            spans.append((pos + lstrip, pos + rstrip))
        pos += len(line) + 1
    return spans


def _numbering(par: str) -> tuple[str, str, int] | None:
    for kind, pattern in _NUMBERINGS:
        m = pattern.match(par)
        if m:
            return kind, m.group(1), m.end()
    return None


def _anchor_token(kind: str, number: str) -> str:
    if kind == "paren_cn" or kind == "paren_arabic":
        return f"（{_to_halfwidth(number)}）"
    return _to_halfwidth(number)


def _to_halfwidth(s: str) -> str:
    return s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))


def _lead_in(body: str, limit: int = 20) -> str:
    """The paragraph's first sentence when it reads as a title (扎实推进重大专项。)."""
    body = _DASH.sub("", body).strip(_SPACE)
    first = re.split(f"[{_SENTENCE_END}]", body, maxsplit=1)[0]
    if 0 < len(first) <= limit and len(first) < len(body):
        return first
    return ""


def _heading_label(par: str) -> str:
    """Heading text for the section path: cut at the first comma when it has one."""
    return re.split("[，,。]", par, maxsplit=1)[0].strip(_SPACE)


# A short numbered line that pays an amount (3.新认定的省级技术中心一次性奖励30万元) is a clause, not a heading,
# even without its final 。: a heading names a topic, it offers no sum.
_NUMERAL = r"(?:[0-9０-９.]+|[一二两三四五六七八九十百千]+)"
_OFFER = re.compile(rf"(?:奖励|补助|补贴|资助|奖补|贴息|津贴|给予)[^。；]{{0,12}}?{_NUMERAL}\s*(?:万元|亿元|元|%|％)"
                    rf"|{_NUMERAL}\s*(?:万元|亿元|元)[^。；]{{0,4}}?(?:的)?(?:奖励|补助|补贴|资助|奖补|津贴)")


def _is_heading_only(body: str) -> bool:
    ends_sentence = any(c in body for c in "。；!?！？") or body.rstrip().endswith(".")
    return len(body) <= 40 and not ends_sentence and not _OFFER.search(body)


class _Builder:
    def __init__(self, doc_id: str, text: str) -> None:
        self.doc_id = doc_id
        self.text = text
        self.root = _Node("root", "", "", -1)
        self.stack: list[_Node] = [self.root]
        self.nodes: list[_Node] = []
        self.anchors: set[str] = set()
        self.next_suffix: dict[str, int] = {}
        self.numbered = 0
        self.questions = 0
        self.tables = 0
        self.rows = 0
        self.last_row = -1  # paragraph index of the last table row, to tell one table from the next
        self.seen = 0
        self.plain: list[tuple[int, int]] = []
        self.signature: set[int] = set()  # starts of 落款 lines (authority + date), found up front
        self.last_back = -1

    def _open(self, kind: str, token: str, label: str) -> _Node:
        # A kind already open closes back to its level: its new node is a sibling.
        if self.stack[-1].kind == "preamble":  # text before the first heading ends there
            self.stack.pop()
        kinds = [n.kind for n in self.stack]
        if kind in kinds:
            del self.stack[kinds.index(kind):]
        parent = self.stack[-1]
        anchor = f"{parent.anchor}.{token}" if parent.anchor else token
        anchor = self._unique(anchor)
        node = _Node(kind, anchor, label, parent.depth + 1, path=[*parent.path, label])
        self.stack.append(node)
        self.nodes.append(node)
        return node

    def _unique(self, anchor: str) -> str:
        """`anchor`, else the first free `anchor~n` (n ≥ 2); remembers n so repeats stay O(1)."""
        if anchor not in self.anchors:
            self.anchors.add(anchor)
            return anchor
        n = self.next_suffix.get(anchor, 2)
        while f"{anchor}~{n}" in self.anchors:
            n += 1
        self.next_suffix[anchor] = n + 1
        candidate = f"{anchor}~{n}"
        self.anchors.add(candidate)
        return candidate

    def feed(self, start: int, end: int) -> None:
        par = self.text[start:end]
        self.seen += 1
        self.plain.append((start, end))
        if self._special(par, start, end):
            return
        numbered = _numbering(par)
        if numbered:
            kind, number, offset = numbered
            self.numbered += 1
            body = par[offset:].strip(_SPACE)
            token = _anchor_token(kind, number)
            if _is_heading_only(body):
                self._open(kind, token, _heading_label(par))
                return
            lead = _lead_in(body)
            label = par[:offset].strip(_SPACE) + (lead or _heading_label(body)[:20])
            self._open(kind, token, label).paragraphs.append((start, end))
            return
        labelled = _LABEL.match(par)
        # A label (行动路径：…) heads a paragraph inside a section. A bare `X：` line (各市州经信局：,
        # 名称：) or one in the front matter is no section: opening one would nest the rest under it.
        if labelled and par[labelled.end():].strip(_SPACE) and self.stack[-1].kind not in ("root", "preamble"):
            node = self._open("label", labelled.group(1), labelled.group(1))
            node.paragraphs.append((start, end))
            return
        if self.stack[-1] is self.root:
            self._open("preamble", "序", "序言")
        self.stack[-1].paragraphs.append((start, end))

    def _special(self, par: str, start: int, end: int) -> bool:
        """Q&A pairs, attachments, table rows and back matter; False for an ordinary paragraph."""
        if _QUESTION.match(par):
            self.questions += 1
            question = _QUESTION.sub("", par).strip(_SPACE)
            node = self._open("qa", f"问{self.questions}", question[:60] or f"问{self.questions}")
            node.paragraphs.append((start, end))
            node.pair = True
            return True
        if getattr(self.stack[-1], "pair", False) and not _numbering(par):
            # An answer (答：…) and the paragraphs after it belong to the question's one clause.
            self.stack[-1].paragraphs.append((start, end))
            return True
        if _INFO.match(par) and self.numbered == 0 and self.questions == 0:
            if self.stack[-1] is self.root:
                self._open("preamble", "序", "序言")
            self.stack[-1].paragraphs.append((start, end))  # a web page's info table: front matter
            return True
        annex = _ANNEX.match(par)
        if annex:
            self.stack[:] = [self.root]
            token = "附件" + _to_halfwidth(annex.group(1) or "")
            node = self._open("annex", token, _heading_label(par))
            if len(par[annex.end():].strip(_SPACE)) > 0:  # 附件：1.… lists the attachments
                node.paragraphs.append((start, end))
            return True
        if start in self.signature and self.numbered + self.questions + self.tables > 0:
            return self._back("落款", start, end)
        if _ROW.match(par):
            return self._row(par, start, end)
        if _BACK.match(par):
            return self._back("版记", start, end)
        if _CONTACT.match(par):
            self._open("contact", "联系方式", "联系方式").paragraphs.append((start, end))
            self.stack.pop()  # a contact line opens no section: what follows goes where it would have
            return True
        return False

    def _back(self, label: str, start: int, end: int) -> bool:
        """落款 and 版记 after the body: one node at the top level, consecutive lines together."""
        last = self.nodes[-1] if self.nodes else None
        if last is not None and last.label == label and self.last_back == self.seen - 1:
            last.paragraphs.append((start, end))
        else:
            self.stack[:] = [self.root]
            self._open("back", label, label).paragraphs.append((start, end))
            self.stack[:] = [self.root]
        self.last_back = self.seen
        return True

    def _row(self, par: str, start: int, end: int) -> bool:
        """One clause per table row, under a 表N node of the current section."""
        if self.last_row != self.seen - 1 or self.stack[-1].kind not in ("table", "row"):
            if self.stack[-1].kind == "row":
                self.stack.pop()
            self.tables += 1
            self.rows = 0
            self._open("table", f"表{self.tables}", f"表{self.tables}")
        elif self.stack[-1].kind == "row":
            self.stack.pop()
        self.rows += 1
        self.last_row = self.seen
        first_cell = re.split("[；;]", par, maxsplit=1)[0]
        self._open("row", f"行{self.rows}", first_cell[:40]).paragraphs.append((start, end))
        return True

    def clauses(self) -> list[Clause]:
        out: list[Clause] = []
        for node in self.nodes:
            if node.pair and node.paragraphs:
                start, end = node.paragraphs[0][0], node.paragraphs[-1][1]
                out.extend(self._split(node.anchor, node.path, node.depth, start, end))
                continue
            many = len(node.paragraphs) > 1
            for i, (start, end) in enumerate(node.paragraphs, 1):
                anchor, path = node.anchor, node.path
                if many:
                    anchor = self._unique(f"{node.anchor}.p{i}")
                    par = self.text[start:end]
                    matter = _front_matter(par) if node.kind in ("preamble", "back") else ""
                    lead = _lead_in(_strip_label(par)) or matter
                    path = [*node.path, lead] if lead else [*node.path, f"第{i}段"]
                out.extend(self._split(anchor, path, node.depth + many, start, end))
        return out

    def _split(self, anchor: str, path: list[str], depth: int, start: int, end: int) -> list[Clause]:
        parts = _split_span(self.text, start, end, MAX_CLAUSE_CHARS)
        multi = len(parts) > 1
        return [
            Clause(
                id=f"{self.doc_id}#{anchor}.s{i}" if multi else f"{self.doc_id}#{anchor}",
                doc_id=self.doc_id,
                anchor=f"{anchor}.s{i}" if multi else anchor,
                section=SEPARATOR.join(path),
                title=path[-1] if path else "",
                start=s,
                end=e,
                text=self.text[s:e],
                depth=depth + multi,
            )
            for i, (s, e) in enumerate(parts, 1)
        ]


_DIGIT = "0-9０-９〇零一二三四五六七八九十"
_DATE_LINE = re.compile(rf"^[{_DIGIT}]{{2,4}}年[{_DIGIT}]{{1,2}}月[{_DIGIT}]{{1,3}}日$")
_ISSUER_LINE = re.compile(r"(委员会|人民政府|办公厅|办公室|厅|局|部|委|中心|协会)$")
_TITLE_LINE = re.compile(r"(方案|办法|意见|通知|规定|细则|规划|纲要|条例|决定|指南|措施)$")


def _front_matter(par: str) -> str:
    """Name the unnumbered lines of an official document's front matter (落款, 标题, 通知)."""
    if _DATE_LINE.match(par):
        return "成文日期（印发日期）"
    if is_letterhead(par):
        return "发文机关标志"
    if is_doc_number_line(par):
        return "发文字号"
    if _INFO.match(par):
        return _INFO.match(par).group(1)
    if par.endswith(("：", ":")) and len(par) <= 80 and not any(c in par for c in _SENTENCE_END):
        return "主送机关"
    if len(par) <= 40 and "关于" in par and not any(c in par for c in _SENTENCE_END):
        return "文件标题"
    if len(par) <= 30 and not any(c in par for c in _SENTENCE_END):
        if _ISSUER_LINE.search(par):
            return "发文机关（印发单位）"
        if _TITLE_LINE.search(par):
            return "文件标题"
    if "印发" in par or "贯彻执行" in par:
        return "印发通知"
    return ""


def _strip_label(par: str) -> str:
    m = _LABEL.match(par)
    return par[m.end():] if m else par


def _split_span(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Split a long span at sentence ends (。；…) into parts of at most about `limit` chars."""
    if end - start <= limit:
        return [(start, end)]
    cuts = [i + 1 for i in range(start, end) if text[i] in _SENTENCE_END]
    parts: list[tuple[int, int]] = []
    begin = start
    last = start
    for cut in [*cuts, end]:
        if cut - begin > limit and last > begin:
            parts.append((begin, last))
            begin = last
        last = cut
    if end > begin:
        parts.append((begin, end))
    # Trim leading spaces a cut may leave at the start of a part.
    return [(s + len(text[s:e]) - len(text[s:e].lstrip(_SPACE)), e) for s, e in parts]


def _signature_lines(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Starts of 落款 lines: a date line and the authority lines right above it."""
    found: set[int] = set()
    for i, (start, end) in enumerate(spans):
        if not is_date_line(text[start:end]):
            continue
        found.add(start)
        j = i - 1
        while j >= 0 and i - j <= 8 and is_issuer_line(text[spans[j][0]:spans[j][1]]):
            found.add(spans[j][0])
            j -= 1
    return found


def _paragraph_clauses(builder: _Builder) -> list[Clause]:
    """A document without numbering (a letter, a plain 解读): anchors p1, p2, … in reading order."""
    out: list[Clause] = []
    for i, (start, end) in enumerate(builder.plain, 1):
        par = builder.text[start:end]
        title = _front_matter(par) or _lead_in(par) or f"第{i}段"
        out.extend(builder._split(builder._unique(f"p{i}"), [title], 0, start, end))
    return out


def parse_clauses(doc_id: str, text: str) -> list[Clause]:
    """Parse `text` into clauses: by numbering, Q&A pair, table row, else one per paragraph.

    Raises DocumentError only when nothing but headings remains."""
    builder = _Builder(doc_id, text)
    spans = _paragraph_spans(text)
    builder.signature = _signature_lines(text, spans)
    for start, end in spans:
        builder.feed(start, end)
    if builder.numbered == 0 and builder.questions == 0 and builder.tables == 0:
        clauses = _paragraph_clauses(builder)  # no structure at all: one clause per paragraph
    else:
        clauses = builder.clauses()
    if not clauses:
        raise DocumentError(f"文档 {doc_id} 只有标题，没有条款正文")
    return clauses
