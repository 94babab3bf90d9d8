"""Structure-aware clause parser for Chinese policy documents.

Paragraphs are read in order; numbered ones (第X章 / 第X条 / 一、 / （一） / 1. / （1）) and labelled
ones (行动路径：…) open nodes of a tree. A numbering kind seen before closes everything below it,
so any nesting order works. Every clause keeps its character span: clause.text is always
document_text[start:end], so quotes cut from it are verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    ("arabic", re.compile(r"^([0-9０-９]{1,3})[\.．、](?![0-9０-９])")),
    ("paren_arabic", re.compile(r"^[（(]([0-9０-９]{1,3})[）)]")),
]
_LABEL = re.compile(r"^([\u4e00-\u9fff]{2,6})[：:]")
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


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty lines, trimmed of (full-width) spaces, as (start, end) spans."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        lstrip = len(line) - len(_MARKUP.sub("", line.lstrip(_SPACE)))
        rstrip = len(line.rstrip(_SPACE))
        if rstrip > lstrip:
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


def _is_heading_only(body: str) -> bool:
    ends_sentence = any(c in body for c in "。；!?！？") or body.rstrip().endswith(".")
    return len(body) <= 40 and not ends_sentence


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
        if labelled and self.stack[-1] is not self.root:
            node = self._open("label", labelled.group(1), labelled.group(1))
            node.paragraphs.append((start, end))
            return
        if self.stack[-1] is self.root:
            self._open("preamble", "序", "序言")
        self.stack[-1].paragraphs.append((start, end))

    def clauses(self) -> list[Clause]:
        out: list[Clause] = []
        for node in self.nodes:
            many = len(node.paragraphs) > 1
            for i, (start, end) in enumerate(node.paragraphs, 1):
                anchor, path = node.anchor, node.path
                if many:
                    anchor = self._unique(f"{node.anchor}.p{i}")
                    par = self.text[start:end]
                    lead = _lead_in(_strip_label(par)) or (_front_matter(par) if node.kind == "preamble" else "")
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


def parse_clauses(doc_id: str, text: str) -> list[Clause]:
    """Parse `text` into clauses; raise DocumentError when it has no numbering at all."""
    builder = _Builder(doc_id, text)
    for start, end in _paragraph_spans(text):
        builder.feed(start, end)
    if builder.numbered == 0:
        raise DocumentError(
            f"文档 {doc_id} 没有可识别的条款编号（一、/（一）/1./第X条），无法按条款建立索引"
        )
    clauses = builder.clauses()
    if not clauses:
        raise DocumentError(f"文档 {doc_id} 只有标题，没有条款正文")
    return clauses
