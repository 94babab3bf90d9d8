"""The offline composer: answers built only from verbatim sentences of retrieved clauses.

Citations are data: each chosen clause gets a number, its quote is the smallest span of the
document covering the sentences used, and the text says [n] after every sentence it took.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from assistant.answering.scope import Verdict
from assistant.documents.clauses import SEPARATOR
from assistant.documents.sentences import Sentence, display, sentences_of
from assistant.index.store import Index
from assistant.retrieval.query import Query
from assistant.text import strip_number
from assistant.types import Citation, ScoredClause

MAX_SENTENCES = 5
PER_CLAUSE = 2
RELATIVE_FLOOR = 0.45  # a sentence must score at least this share of the best one
_UNNAMED = {"序言"}  # clause names that say nothing about the content


@dataclass
class Draft:
    text: str
    citations: list[Citation]


def _weights(query: Query, index: Index) -> dict[str, float]:
    """Question words weigh 1 (longer, more specific words more); expansions weigh half."""
    base = index.tokenizer.tokens(query.text)
    weights = {t: 1.0 + 0.25 * min(len(t) - 1, 3) for t in base}
    for t in index.tokenizer.query_tokens(query.text):
        weights.setdefault(t, 0.5)
    return weights


def _score(sentence: Sentence, weights: dict[str, float], index: Index) -> float:
    tokens = set(index.tokenizer.tokens(sentence.text))
    return sum(w for t, w in weights.items() if t in tokens)


def pick_sentences(query: Query, hits: list[ScoredClause], index: Index, limit: int = MAX_SENTENCES) -> list[Sentence]:
    """The most relevant sentences of the best clauses, in clause rank then document order."""
    weights = _weights(query, index)
    scored: list[tuple[float, int, Sentence]] = []
    for rank, hit in enumerate(hits):
        prior = 1.0 / (1.0 + 0.35 * rank)
        for s in sentences_of(hit.clause):
            if s.is_title and len(sentences_of(hit.clause)) > 1:
                continue
            scored.append(((_score(s, weights, index) + 0.5) * prior, rank, s))
    if not scored:
        return []
    best = max(x[0] for x in scored)
    chosen: list[tuple[float, int, Sentence]] = []
    per_clause: dict[str, int] = {}
    for item in sorted(scored, key=lambda x: (-x[0], x[1], x[2].start)):
        score, rank, s = item
        if len(chosen) >= limit or (score < RELATIVE_FLOOR * best and chosen):
            break
        if per_clause.get(s.clause.id, 0) >= PER_CLAUSE:
            continue
        per_clause[s.clause.id] = per_clause.get(s.clause.id, 0) + 1
        chosen.append(item)
    if not any(rank == 0 for _, rank, _ in chosen):  # the best clause is always heard
        top = [x for x in scored if x[1] == 0]
        if top:
            chosen.insert(0, max(top, key=lambda x: x[0]))
    return [s for _, _, s in sorted(chosen, key=lambda x: (x[1], x[2].start))]


def _citations(
    sentences: list[Sentence], hits: list[ScoredClause], index: Index
) -> tuple[list[Citation], dict[str, int]]:
    """One citation per clause used; its quote spans the first to the last sentence taken."""
    score = {h.clause.id: h.score for h in hits}
    spans: dict[str, tuple[int, int]] = {}
    for s in sentences:
        lo, hi = spans.get(s.clause.id, (s.start, s.end))
        spans[s.clause.id] = (min(lo, s.start), max(hi, s.end))
    numbers: dict[str, int] = {}
    citations = []
    for s in sentences:
        clause = s.clause
        if clause.id in numbers:
            continue
        numbers[clause.id] = len(numbers) + 1
        start, end = spans[clause.id]
        doc = index.documents[clause.doc_id]
        citations.append(Citation(
            n=numbers[clause.id], doc_id=clause.doc_id, doc_title=doc.meta.title, anchor=clause.anchor,
            section=clause.section, quote=doc.text[start:end], start=start, end=end,
            score=round(score.get(clause.id, 0.0), 6),
        ))
    return citations, numbers


def _label(sentence: Sentence) -> str:
    """A short name for the clause: its title, with the parent's when the title is generic."""
    parts = [strip_number(p) for p in sentence.clause.section.split(SEPARATOR)]
    parts = [p for p in parts if p and not (p.startswith("第") and p.endswith("段"))]
    if not parts:
        return ""
    if len(parts[-1]) <= 4 and len(parts) >= 2:
        return f"{parts[-2]}·{parts[-1]}"
    return parts[-1]


@dataclass
class _Point:
    """One clause's sentences as a point of the answer: its short name, the verbatim text, its [n]."""

    label: str
    body: str
    n: int
    part: str  # the top-level heading it sits under, e.g. 保障措施

    def line(self, en: bool) -> str:
        if en:
            return f"{self.label}: “{self.body}”[{self.n}]" if self.label else f"“{self.body}”[{self.n}]"
        prefix = f"{self.label}：" if self.label and not self.body.startswith(self.label) else ""
        return f"{prefix}{self.body}[{self.n}]"


def _groups(sentences: list[Sentence]) -> list[list[Sentence]]:
    """Consecutive sentences of one clause, together."""
    groups: list[list[Sentence]] = []
    for s in sentences:
        if groups and groups[-1][0].clause.id == s.clause.id:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _points(sentences: list[Sentence], numbers: dict[str, int]) -> list[_Point]:
    """One point per clause; its sentences in order, "……" where the clause text was skipped."""
    points = []
    for group in _groups(sentences):
        body = display(group[0])
        for prev, s in pairwise(group):
            gap = s.clause.text[prev.end - s.clause.start:s.start - s.clause.start]
            body += ("" if not gap.strip() else "……") + display(s)
        part = strip_number(group[0].clause.section.split(SEPARATOR)[0])
        points.append(_Point(_label(group[0]), body, numbers[group[0].clause.id], part))
    return points


def _lines(sentences: list[Sentence], numbers: dict[str, int]) -> list[str]:
    """One numbered line per clause; its sentences in order, then its [n]."""
    return [f"{i}. {p.line(en=False)}" for i, p in enumerate(_points(sentences, numbers), 1)]


def _answer_order(sentences: list[Sentence]) -> list[Sentence]:
    """The best clause first (it leads the answer), then the others grouped by top-level heading."""
    groups = _groups(sentences)
    parts: dict[str, list[list[Sentence]]] = {}
    for group in groups[1:]:
        parts.setdefault(strip_number(group[0].clause.section.split(SEPARATOR)[0]), []).append(group)
    return [s for group in groups[:1] + [g for gs in parts.values() for g in gs] for s in group]


def _answer_lines(points: list[_Point], source: str, en: bool) -> list[str]:
    """A lead sentence that answers (the best clause), then the other points, grouped when that helps."""
    lead, rest = points[0], points[1:]
    named = lead.label and lead.label not in _UNNAMED and not lead.body.startswith(lead.label)
    if en:
        where = f", under “{lead.label}”" if named else ""
        lines = [f"According to {source}{where} (quoted in the original Chinese): “{lead.body}”[{lead.n}]"]
    else:
        where = f"“{lead.label}”部分规定：" if named else ""
        lines = [f"根据{source}，{where}{lead.body}[{lead.n}]"]
    if not rest:
        return lines
    lines.append("Related provisions:" if en else "此外，相关规定还有：")
    parts = list(dict.fromkeys(p.part for p in rest))
    headed = len(rest) >= 3 and 1 < len(parts) < len(rest)
    for part in parts:
        if headed:
            lines.append(f"Under “{part}”:" if en else f"{part}方面：")
        lines.extend(f"- {point.line(en)}" for point in rest if point.part == part)
    return lines


def _source_name(citations: list[Citation]) -> str:
    titles = {c.doc_title for c in citations}
    return f"《{titles.pop()}》" if len(titles) == 1 else "现有政策文件"


def compose(query: Query, hits: list[ScoredClause], verdict: Verdict, index: Index) -> Draft:
    """Build the answer text and its citations; abstentions point to the closest clauses."""
    en = query.lang == "en"
    if verdict.reason in ("out_of_scope", "no_match"):
        return Draft(_out_of_scope_text(en), [])
    sentences = pick_sentences(query, hits, index, limit=2 if verdict.abstain else MAX_SENTENCES)
    citations, numbers = _citations(sentences, hits, index)
    lines = _lines(sentences, numbers)
    source = _source_name(citations)
    if verdict.reason == "other_region":
        head = ("I only hold Hubei's policies, not other provinces'. The closest Hubei clauses (quoted in Chinese):"
                if en else
                "本助手收录的是湖北省的政策文件，没有其他省市的政策。湖北省文件中与此相关的条款如下，供参考：")
        return Draft("\n".join([head, *lines]), citations)
    if verdict.abstain:
        head = (f"The documents do not state {verdict.detail_en}. The closest related clauses (quoted in Chinese):"
                if en else f"{source}没有规定{verdict.detail_zh}。与问题最相关的条款如下，供参考：")
        tail = ("For that detail, please ask the competent department (e.g. your city's 经信部门)."
                if en else "如需了解具体规定，请向所在市州经信部门或相关主管部门咨询。")
        return Draft("\n".join([head, *lines, tail]), citations)
    if not sentences:
        head = (f"According to {source} (quoted in the original Chinese):" if en else f"根据{source}：")
        return Draft("\n".join([head, *lines]), citations)
    sentences = _answer_order(sentences)
    citations, numbers = _citations(sentences, hits, index)
    return Draft("\n".join(_answer_lines(_points(sentences, numbers), source, en)), citations)


def _out_of_scope_text(en: bool) -> str:
    if en:
        return ("The policy documents available to me do not cover this question. I answer from Hubei's "
                "policies on the intelligent manufacturing equipment industry; please rephrase or ask about them.")
    return ("现有政策文件中没有与这个问题相关的内容。本助手依据湖北省智能制造装备产业相关政策文件作答，"
            "可以询问其中的支持措施、资金渠道、产业联盟、发展目标等。")
