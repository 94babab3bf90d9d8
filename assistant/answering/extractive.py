"""The offline composer: answers built only from verbatim sentences of retrieved clauses.

Citations are data: each chosen clause gets a number, its quote is the smallest span of the
document covering the sentences used, and the text says [n] after every sentence it took.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

import yaml

from assistant.answering.evidence import answering_clauses, clause_unit, evidence_rules, names_title
from assistant.answering.messages import AnswerMessages, answer_messages
from assistant.answering.parts import Part, answer_parts, window_lines
from assistant.answering.scope import Verdict
from assistant.documents.clauses import SEPARATOR
from assistant.documents.sentences import Sentence, display
from assistant.index.passage import passage
from assistant.index.store import Index
from assistant.retrieval.named import named_documents
from assistant.retrieval.query import Query
from assistant.retrieval.rerank import RankedClause, question_terms, quoted_terms
from assistant.text import book_title, quoted, strip_number
from assistant.types import AnswerPart, Citation, ScoredClause

MAX_SENTENCES = 5
PER_CLAUSE = 2
RELATIVE_FLOOR = 0.45  # a sentence must score at least this share of the best one
_UNNAMED = {"序言"}  # clause names that say nothing about the content


@dataclass
class Draft:
    text: str
    citations: list[Citation]
    parts: list[AnswerPart] = field(default_factory=list)


def _weights(query: Query, index: Index) -> dict[str, float]:
    """Question words weigh 1 (longer, more specific words more); expansions weigh half."""
    base = index.tokenizer.tokens(query.text)
    weights = {t: 1.0 + 0.25 * min(len(t) - 1, 3) for t in base}
    for t in index.tokenizer.query_tokens(query.text):
        weights.setdefault(t, 0.5)
    return weights


def _score(tokens: frozenset[str], weights: dict[str, float]) -> float:
    return sum(w for t, w in weights.items() if t in tokens)


ANSWER_POOL = 5  # reranked clauses an answer may quote from


def evidence_sentences(query: Query, hits: list[RankedClause], index: Index) -> list[Sentence]:
    """Whole evidence units of the lead clause and of the clauses that add an answer (no padding)."""
    rules = index.memo.table("evidence_rules", 1).get_or_build(
        "rules", lambda: evidence_rules(index.tokenizer.lexicon_dir))
    chosen = answering_clauses(hits[:ANSWER_POOL], question_terms(query, index), rules,
                               rules.enumerates(query.original, query.text), named_documents(query.text, index).lead())
    chosen = whole_list(chosen, query, index)
    quoted = quoted_terms(query.text)
    return [s for hit in chosen for s in clause_unit(hit, index, names_title(hit, quoted, index))]


LIST_ITEM_CHARS = 80  # items each at most this long (申报书；营业执照复印件；…) make a list that answers as a whole
LIST_ITEMS_MAX = 12
SET_NOUN_CHARS = 6  # the noun of a set ask follows its 哪些 / 什么 within this many characters
_ITEM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s*[．.、）)])")


def _set_asks(index: Index) -> tuple[re.Pattern[str], ...]:
    def build() -> tuple[re.Pattern[str], ...]:
        path = index.tokenizer.lexicon_dir / "evidence.yaml"
        raw = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None) or {}
        return tuple(re.compile(p, re.IGNORECASE) for p in raw.get("set_asks", []))

    return index.memo.table("set_asks", 1).get_or_build("patterns", build)


def whole_list(chosen: list[RankedClause], query: Query, index: Index) -> list[RankedClause]:
    """"申报要准备哪些材料" led by one item of 五、申报材料 (（一）申报书；（二）营业执照复印件；…): a question asking
    for a set, whose lead clause is an item of a list of short items under a heading sharing the question's
    words, is answered by every item of that list (the lead first, then the others in document order), not by
    one item alone."""
    asks = [m for p in _set_asks(index) for m in p.finditer(query.text)] if chosen else []
    if not asks:
        return chosen
    lead = chosen[0].clause
    path = lead.section.split(SEPARATOR)
    if len(path) < 2 or not _ITEM.match(path[-1]):
        return chosen
    # the set asked is the heading's: 哪些材料 under 三、申报材料 (not 有什么要求 under 一、认定条件)
    asked = {t for m in asks for t in index.tokenizer.tokens(query.text[m.end():m.end() + SET_NOUN_CHARS])}
    if not asked & set(index.tokenizer.tokens(strip_number(path[-2]))):
        return chosen
    parent = SEPARATOR.join(path[:-1]) + SEPARATOR
    items = [c for c in index.clauses if c.doc_id == lead.doc_id and c.section.startswith(parent)
             and c.section.count(SEPARATOR) == len(path) - 1 and _ITEM.match(c.section.split(SEPARATOR)[-1])]
    if not 2 <= len(items) <= LIST_ITEMS_MAX or any(len(c.text) > LIST_ITEM_CHARS for c in items):
        return chosen
    have = {h.clause.id: h for h in chosen}
    head = chosen[0]
    rest = [have.get(c.id) or head.model_copy(update={"clause": c, "sentences": [], "duplicate_of": None})
            for c in items if c.id != lead.id]
    return [head, *rest]  # the item that answers best leads; the list is the answer, the rest would be padding


def pick_sentences(query: Query, hits: list[ScoredClause], index: Index, limit: int = MAX_SENTENCES) -> list[Sentence]:
    """The most relevant sentences of the best clauses, in clause rank then document order."""
    if limit == MAX_SENTENCES and hits and all(isinstance(h, RankedClause) for h in hits):
        return evidence_sentences(query, hits, index)  # type: ignore[arg-type]
    weights = _weights(query, index)
    scored: list[tuple[float, int, Sentence]] = []
    for rank, hit in enumerate(hits):
        prior = 1.0 / (1.0 + 0.35 * rank)
        read = passage(index, hit.clause)
        for s, tokens in zip(read.sentences, read.sentence_tokens, strict=True):
            if s.is_title and len(read.sentences) > 1:
                continue
            scored.append(((_score(tokens, weights) + 0.5) * prior, rank, s))
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

    def line(self, msg: AnswerMessages, lang: str) -> str:
        if self.label and not (lang != "en" and self.body.startswith(self.label)):
            return msg.text("point_labeled", lang, label=self.label, body=self.body, n=self.n)
        return msg.text("point", lang, body=self.body, n=self.n)


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
        body = display(group[0]) or group[0].text  # a list's lead-in ("拓宽融资渠道：") is all label
        for prev, s in pairwise(group):
            gap = s.clause.text[prev.end - s.clause.start:s.start - s.clause.start]
            body += ("" if not gap.strip() else "……") + display(s)
        part = strip_number(group[0].clause.section.split(SEPARATOR)[0])
        points.append(_Point(_label(group[0]), body, numbers[group[0].clause.id], part))
    return points


def _lines(sentences: list[Sentence], numbers: dict[str, int], msg: AnswerMessages, lang: str) -> list[str]:
    """One numbered line per clause; its sentences in order, then its [n]."""
    return [f"{i}. {p.line(msg, lang)}" for i, p in enumerate(_points(sentences, numbers), 1)]


def _answer_order(sentences: list[Sentence]) -> list[Sentence]:
    """The best clause first (it leads the answer), then the others grouped by top-level heading."""
    groups = _groups(sentences)
    parts: dict[str, list[list[Sentence]]] = {}
    for group in groups[1:]:
        parts.setdefault(strip_number(group[0].clause.section.split(SEPARATOR)[0]), []).append(group)
    return [s for group in groups[:1] + [g for gs in parts.values() for g in gs] for s in group]


def _answer_lines(points: list[_Point], source: str, msg: AnswerMessages, lang: str) -> list[str]:
    """A lead sentence that answers (the best clause), then the other points, grouped when that helps."""
    lead, rest = points[0], points[1:]
    named = lead.label and lead.label not in _UNNAMED and not lead.body.startswith(lead.label)
    key = "lead_named" if named else "lead"
    lines = [msg.text(key, lang, source=source, label=quoted(lead.label), body=lead.body, n=lead.n)]
    if not rest:
        return lines
    lines.append(msg.text("related", lang))
    parts = list(dict.fromkeys(p.part for p in rest))
    headed = len(rest) >= 3 and 1 < len(parts) < len(rest)
    for part in parts:
        if headed:
            lines.append(msg.text("under_part", lang, part=part, quoted=quoted(part)))
        lines.extend(f"- {point.line(msg, lang)}" for point in rest if point.part == part)
    return lines


def _source_name(citations: list[Citation], msg: AnswerMessages, lang: str) -> str:
    titles = {c.doc_title for c in citations}
    return book_title(titles.pop()) if len(titles) == 1 else msg.text("source_many", lang)


def answer_lang(query: Query) -> str:
    """The one language of an answer's own words: English for an English question, else Chinese."""
    return "en" if query.lang == "en" else "zh"


def compose(query: Query, hits: list[ScoredClause], verdict: Verdict, index: Index,
            messages: AnswerMessages | None = None, lang: str | None = None) -> Draft:
    """Build the answer text and its citations; abstentions point to the closest clauses.
    `lang`: the language the caller asked for (zh / en), else the question's."""
    msg = messages or answer_messages()
    lang = lang or answer_lang(query)
    if verdict.reason in ("out_of_scope", "no_match"):
        return Draft(msg.text("out_of_scope", lang), [])
    if verdict.abstain and verdict.documents:  # the named documents do not say it: quote them, not another's
        kept = [h for h in hits if h.clause.doc_id in verdict.documents]
        hits = kept if kept or verdict.reason == "unplaced" else hits  # never another place's document
    sentences = pick_sentences(query, hits, index, limit=2 if verdict.abstain else MAX_SENTENCES)
    citations, numbers = _citations(sentences, hits, index)
    lines = _lines(sentences, numbers, msg, lang)
    source = _source_name(citations, msg, lang)
    if verdict.reason == "other_region":
        return Draft("\n".join([msg.text("other_region", lang), *lines]), citations)
    if verdict.reason == "unplaced":  # no document of the place asked: the wider region's clauses, for reference
        detail = verdict.detail_en if lang == "en" else verdict.detail_zh
        head = msg.text("unplaced_head", lang, detail=detail)
        return Draft("\n".join([head, *lines, msg.text("abstain_tail", lang)]), citations)
    if verdict.abstain:
        detail = verdict.detail_en if lang == "en" else verdict.detail_zh
        head = msg.text("abstain_head", lang, source=source, detail=detail)
        return Draft("\n".join([head, *lines, msg.text("abstain_tail", lang)]), citations)
    if not sentences:
        return Draft("\n".join([msg.text("lead_plain", lang, source=source), *lines]), citations)
    if hits and all(isinstance(h, RankedClause) for h in hits):
        parts = answer_parts(query.text, hits, index, lambda hit: clause_unit(hit, index))  # type: ignore[arg-type]
        if len(parts) > 1 or parts[0].fact:
            return _parts_draft(parts, hits, index, msg, lang)
    if hits and all(isinstance(h, RankedClause) for h in hits):
        # "这个项目现在还能申报吗" answered by the measure: its window, stated elsewhere, answers first
        window = window_lines(query.text, query.text, hits, index, sentences)  # type: ignore[arg-type]
        sentences = [*window, *(s for s in sentences if s not in window)]
    sentences = _answer_order(sentences)
    citations, numbers = _citations(sentences, hits, index)
    return Draft("\n".join(_answer_lines(_points(sentences, numbers), source, msg, lang)), citations)


def _parts_draft(parts: list[Part], hits: list[ScoredClause], index: Index, msg: AnswerMessages,
                 lang: str) -> Draft:
    """One line per ask: its quote and [n], or that the documents do not state it."""
    used = list({(s.start, s.end): s for p in parts for s in p.sentences}.values())
    citations, numbers = _citations(used, hits, index)
    source = _source_name(citations, msg, lang)
    if len(parts) == 1:
        point, *more = _points(parts[0].sentences, numbers)  # more: the other signing lines of joint issuers
        text = msg.text("lead", lang, source=source, body=point.body, n=point.n) + "".join(
            msg.text("point_more", lang, body=p.body, n=p.n) for p in more)
        return Draft(text, citations, [AnswerPart(question=parts[0].text, status="answered",
                                                  citations=[point.n, *(p.n for p in more)])])
    lines = [msg.text("parts_head", lang, source=source)]
    out_parts = []
    for i, part in enumerate(parts, 1):
        if not part.sentences:
            lines.append(msg.text("part_not_stated", lang, i=i, ask=part.text))
            out_parts.append(AnswerPart(question=part.text, status="not_stated"))
            continue
        points = _points(part.sentences, numbers)
        body = "".join(msg.text("point", lang, body=p.body, n=p.n) for p in points)
        lines.append(msg.text("part_line", lang, i=i, ask=part.text, body=body))
        out_parts.append(AnswerPart(question=part.text, status="answered", citations=[p.n for p in points]))
    return Draft("\n".join(lines), citations, out_parts)
