"""Document-level facts (issuer, date, 文号, validity, parent policy): which one a question asks
(knowledge/lexicon/document_facts.yaml) and the line of a document's text that states it — the 落款
for the issuer and date, the 发文字号 line for the 文号, then any other line, in document order.
Used by the second ranking stage (rerank.py) and by the part-by-part answers (answering/parts.py)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from assistant.documents.sentences import Sentence
from assistant.index.passage import passage
from assistant.index.store import Index
from assistant.types import Document


def fact_patterns(lexicon_dir: Path) -> list[tuple[str, list[re.Pattern[str]]]]:
    path = lexicon_dir / "document_facts.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    return [(spec["field"], [re.compile(p, re.IGNORECASE) for p in spec["ask"]]) for spec in (raw or {}).values()]


def fact_patterns_of(index: Index) -> list[tuple[str, list[re.Pattern[str]]]]:
    """fact_patterns of the index's lexicon, read once per index."""
    return index.memo.table("document_facts", 1).get_or_build(
        "facts", lambda: fact_patterns(index.tokenizer.lexicon_dir))


_facts = fact_patterns_of


def fact_asked(text: str, index: Index) -> str | None:
    for name, patterns in _facts(index):
        if any(p.search(text) for p in patterns):
            return name
    return None


def facts_asked(text: str, index: Index) -> list[str]:
    """Every fact one ask names ("是哪个单位哪天印发的": the issuer and the date), in lexicon order."""
    return [name for name, patterns in _facts(index) if any(p.search(text) for p in patterns)]


def fact_values(doc: Document, fact: str) -> list[list[str]]:
    """Alternatives, each a list of strings the stating line must all contain."""
    m = doc.meta
    if fact == "issuer":
        # issuer may be the issuers joined (A、B): no 落款 writes them so, it is no name of its own
        joined = bool(m.issuers) and m.issuer is not None and all(x in m.issuer for x in m.issuers)
        names = list(dict.fromkeys([*(m.issuers or []), *([m.issuer] if m.issuer and not joined else [])]))
        joint = [names] if len(names) > 1 else []  # joint issuers: the line naming all of them first
        return joint + [[x] for x in names]
    if fact == "issue_date" and m.issue_date:
        d = m.issue_date
        return [[f"{d.year}年{d.month}月{d.day}日"], [d.isoformat()]]
    if fact == "doc_number" and m.doc_number:
        return [[m.doc_number]]
    if fact == "effective" and m.effective_from and m.effective_to:
        return [["执行期", str(m.effective_from.year)], ["有效期", str(m.effective_from.year)],
                [str(m.effective_from.year), str(m.effective_to.year)]]
    if fact == "parent_policy" and m.parent_policy:
        return [[m.parent_policy], [m.parent_policy.split("（")[0]]]
    return []


# The lines that state a fact by their place: the 落款 (issuer, date) and the 发文字号 line. A title line
# ("工业和信息化部办公厅　财政部办公厅关于…的通知") names the issuers too, but it is not where they sign.
STATING_TITLES = {"issuer": ("发文机关（印发单位）", "发文机关", "发布机构"),
                  "issue_date": ("成文日期（印发日期）", "成文日期"), "doc_number": ("发文字号", "文号")}


def _stating_first(clause, fact: str) -> int:
    """The 落款 first (where a document is signed and dated; a header line above the title may name the
    issuers too), then a line titled for the fact (发文字号), then any other."""
    if clause.anchor.split(".")[0] == "落款":
        return 0
    return 1 if clause.title in STATING_TITLES.get(fact, ()) else 2


def stating_line(index: Index, doc_id: str, fact: str) -> Sentence | None:
    """The sentence of the document's text that states a metadata fact (None when none does): the
    落款 or 发文字号 line first, then any other, in document order."""
    doc = index.documents[doc_id]
    clauses = sorted((c for c in index.clauses if c.doc_id == doc_id), key=lambda c: _stating_first(c, fact))
    for needed in fact_values(doc, fact):
        for clause in clauses:
            for s in passage(index, clause).sentences:
                if all(v in s.text for v in needed):
                    return s
    return None


def stating_lines(index: Index, doc_id: str, fact: str) -> list[Sentence]:
    """The lines stating a fact: one line, or for joint issuers signing on lines of their own (a 落款 of
    three lines) the line of each issuer, in document order."""
    line = stating_line(index, doc_id, fact)
    if line is None or fact != "issuer":
        return [line] if line is not None else []
    names = fact_values(index.documents[doc_id], fact)
    if len(names) < 2 or all(v in line.text for v in names[0]):
        return [line]  # a single issuer, or one line names them all
    lines = {line.start: line}
    for needed in names[1:]:
        one = _line_with(index, doc_id, fact, needed)
        if one is not None:
            lines.setdefault(one.start, one)
    return [lines[k] for k in sorted(lines)]


def _line_with(index: Index, doc_id: str, fact: str, needed: list[str]) -> Sentence | None:
    clauses = sorted((c for c in index.clauses if c.doc_id == doc_id), key=lambda c: _stating_first(c, fact))
    for clause in clauses:
        for s in passage(index, clause).sentences:
            if all(v in s.text for v in needed):
                return s
    return None
