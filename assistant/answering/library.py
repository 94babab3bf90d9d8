"""Answers over a library of dated documents: which document leads, and what the answer says of validity.

Around the composer, never inside it:
- before composing, the two best clauses are close calls; when they come from different documents
  and the second one's document applies better (its window covers the year the question names, or
  it is in force where the first has expired), it leads;
- a question about a document's validity itself (还有效吗, 执行期) is answered first from the
  document's metadata, citing the clause that states the window;
- an answer that also quotes an expired document says which citations those are;
- a 解读 (or 问答) leading with a fact its source document of the library states too gives the lead to the
  source's clause stating it: the 解读 is secondary for what both say, and quoted for what it adds.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.answering.messages import AnswerMessages
from assistant.documents.validity import covers_year, date_text, period_text, status
from assistant.index.store import Index
from assistant.retrieval.named import named_documents
from assistant.retrieval.rerank import (
    INTERPRETIVE,
    RankedClause,
    SentenceScore,
    asked_kinds,
    best_sentence,
    names_type,
    shingles,
)
from assistant.retrieval.sources import citations as cited_documents
from assistant.retrieval.sources import document_sentences
from assistant.text import book_title
from assistant.types import AnswerPart, Citation, Clause, DocumentMeta, ScoredClause


def _applies(meta: DocumentMeta, today: dt.date, years: list[int]) -> int:
    """0 = applies, 1 = unknown, 2 = does not (expired, or outside the year asked about)."""
    if years:
        # An undated document whose title names the year (关于组织申报2026年度…的通知) is about that year.
        covered = [covers_year(meta, y) if covers_year(meta, y) is not None or str(y) not in meta.title else True
                   for y in years]
        return 1 if None in covered else (0 if any(covered) else 2)
    return {None: 1, "in_force": 0, "not_yet": 1, "expired": 2}[status(meta, today)]


def prefer_applicable(hits: list[ScoredClause], index: Index, today: dt.date,
                      years: list[int], question: str = "") -> list[ScoredClause]:
    """Swap the two best clauses when they are from different documents and the second applies better,
    unless the question names the first's document better ("武汉2016年办法…": the expired one is asked)."""
    if len(hits) < 2 or hits[0].clause.doc_id == hits[1].clause.doc_id:
        return hits
    if question and _named_better(hits[0].clause.doc_id, hits[1].clause.doc_id, question, index):
        return hits
    first, second = (_applies(index.documents[h.clause.doc_id].meta, today, years) for h in hits[:2])
    # Only a known fit wins: the second covers the year asked (a year may just name an old document, and an
    # undated 解读 is no worse than a dated one), or, without a year, the first has expired.
    better = second == 0 and first > 0 if years else first == 2 and second < 2
    return [hits[1], hits[0], *hits[2:]] if better else hits


INTERPRETATION = "解读"
# share of the 解读 sentence's 3-grams the source's must hold: the same numbers on another topic differ
SAME_FACT = 0.15
# Amounts, shares, counts and dates a sentence states: a source sentence stating all of the 解读's states its fact.
_FACT_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|亿元|元|%|％|倍|家|个|项|台|套|人|年|个月|月|日|天)")


def prefer_source(hits: list[ScoredClause], index: Index, question: str = "") -> list[ScoredClause]:
    """When a 解读 leads with a sentence whose amounts or dates a document it explains (one whose title it
    quotes) states in one sentence too, that document's clause leads and the 解读's follows; unless the
    question asks for the 解读 itself (names its type) or how a rule is meant (an interpretive ask)."""
    if not hits or not isinstance(hits[0], RankedClause):
        return hits
    lead = hits[0]
    meta = index.documents[lead.clause.doc_id].meta
    if meta.doc_type != INTERPRETATION or names_type(meta, question) or INTERPRETIVE in asked_kinds(index, question):
        return hits  # asked of the 解读, or how a rule is meant ("具体怎么算"): what the 解读 adds
    said = best_sentence(lead)
    numbers = {re.sub(r"\s", "", n) for n in _FACT_NUMBER.findall(said)}
    if not numbers:
        return hits
    sources = [d for d in sorted(cited_documents(index).get(lead.clause.doc_id, ()))
               if d in index.documents and index.documents[d].meta.doc_type != INTERPRETATION]
    key = shingles(said)
    best: tuple[float, int, int, int] | None = None
    for doc_id in sources:
        for pos, sentence in document_sentences(index, doc_id):
            text = re.sub(r"\s", "", sentence.text)
            if all(n in text for n in numbers):
                overlap = len(key & shingles(sentence.text)) / (len(key) or 1)
                if overlap >= SAME_FACT and (best is None or overlap > best[0]):
                    best = (overlap, pos, sentence.start, sentence.end)
    if best is None:
        return hits
    clause = index.clauses[best[1]]
    rest = [h for h in hits if h.clause.id != clause.id]
    have = next((h for h in hits if h.clause.id == clause.id), None)
    source = have or RankedClause(
        clause=clause, score=lead.score, dense_score=lead.dense_score, rerank_score=lead.rerank_score,
        fused_rank=lead.fused_rank, covered=lead.covered,
        sentences=[SentenceScore(start=best[2], end=best[3], score=lead.rerank_score, dense=0.0, coverage=0.0)])
    if have is not None:
        source = have.model_copy(update={"rerank_score": max(have.rerank_score, lead.rerank_score)})
    return [source, *rest]


DETAIL_GAP = 1.0  # rerank units: a clause this close to the lead that gives the asked detail answers instead


def prefer_detail(hits: list[ScoredClause], details: list[tuple[list[re.Pattern[str]], bool]]
                  ) -> list[ScoredClause]:
    """When the question asks a detail (an amount, the materials …; `details`: each asked one's evidence
    patterns, and whether a heading shows it) the lead clause does not give, and a close clause of the
    same document gives one, that clause leads: the ranker could not tell them apart, the asked kind can."""
    if len(hits) < 2 or not details or not isinstance(hits[0], RankedClause):
        return hits

    def gives(hit: ScoredClause) -> int:
        return sum(any(p.search(hit.clause.text) or (heading and p.search(hit.clause.section)) for p in evidence)
                   for evidence, heading in details)

    lead = hits[0]
    if gives(lead):
        return hits
    for i, hit in enumerate(hits[1:], 1):
        close = isinstance(hit, RankedClause) and lead.rerank_score - hit.rerank_score <= DETAIL_GAP
        if close and hit.clause.doc_id == lead.clause.doc_id and not hit.front and gives(hit):
            return [hit, *hits[:i], *hits[i + 1:]]
    return hits


DETAIL_POOL = 5  # retrieved clauses looked at for an asked detail before the lead document is searched


def section_detail(hits: list[ScoredClause], details: list[list[re.Pattern[str]]], question: str,
                   index: Index) -> list[ScoredClause]:
    """"找谁咨询，电话多少" over clauses of the notice that state no phone number: a detail documents state in a
    section of their own (`details`: each one's evidence patterns) is answered by the pooled clause giving it,
    else looked up in the lead clause's document, then in the documents it explains or cites (its clause
    sharing most words with the question); that clause leads."""
    if not hits or not details or not isinstance(hits[0], RankedClause):
        return hits

    def gives(text: str) -> bool:
        return all(any(p.search(text) for p in evidence) for evidence in details)

    if gives(hits[0].clause.text):
        return hits
    pooled = next((h for h in hits[:DETAIL_POOL] if gives(h.clause.text)), None)
    if pooled is not None:  # retrieved, but ranked below clauses the topic words favour
        return [pooled, *(h for h in hits if h is not pooled)]
    lead = hits[0]
    docs = [lead.clause.doc_id, *sorted(cited_documents(index).get(lead.clause.doc_id, ()))]
    asked = set(index.tokenizer.tokens(question))
    best, best_key = None, None
    for clause in index.clauses:
        if clause.doc_id in docs and gives(clause.text):
            key = (-docs.index(clause.doc_id), len(asked & set(index.tokenizer.tokens(clause.section + clause.text))))
            if best_key is None or key > best_key:
                best, best_key = clause, key
    if best is None:
        return hits
    found = lead.model_copy(update={"clause": best, "sentences": [], "duplicate_of": None, "front": False})
    return [found, *(h for h in hits if h.clause.id != best.id)]


def _named_better(first: str, second: str, question: str, index: Index) -> bool:
    scores = named_documents(question, index).scores
    return scores.get(first, 0.0) > scores.get(second, 0.0)


def asks_validity(question: str, messages: AnswerMessages) -> bool:
    return any(re.search(p, question, re.IGNORECASE) for p in messages.validity_ask)


def asks_still(question: str, messages: AnswerMessages) -> bool:
    return any(re.search(p, question, re.IGNORECASE) for p in messages.still_ask)


def expired_lead_doc(citations: list[Citation], index: Index, today: dt.date) -> str | None:
    """The document of the first citation when it has expired: a "can we still get it" question quoting it
    must hear that first, not only in a notice."""
    if not citations or citations[0].doc_id not in index.documents:
        return None
    doc_id = citations[0].doc_id
    return doc_id if status(index.documents[doc_id].meta, today) == "expired" else None


def _states_window(clause: Clause, meta: DocumentMeta) -> int:
    """How plainly a clause states the window: both dates 3, one date 2, a validity word 1."""
    dates = [d for d in (meta.effective_from, meta.effective_to) if d]
    found = sum(1 for d in dates if date_text(d) in clause.text or d.isoformat() in clause.text)
    if found:
        return 1 + found
    return 1 if re.search("有效期|执行期|施行|实施期", clause.text) else 0


def _window_clause(meta: DocumentMeta, index: Index) -> Clause | None:
    scored = [(_states_window(c, meta), -i, c) for i, c in enumerate(index.clauses) if c.doc_id == meta.doc_id]
    best = max(scored, default=None, key=lambda x: (x[0], x[1]))
    return best[2] if best and best[0] > 0 else None


def validity_lead(citations: list[Citation], index: Index, today: dt.date, lang: str,
                  messages: AnswerMessages, doc_id: str | None = None) -> tuple[str, list[Citation]] | None:
    """The lead line on the first cited dated document's validity (or on `doc_id`'s), citing the clause
    that states it."""
    metas = [index.documents[c.doc_id].meta for c in citations if doc_id is None or c.doc_id == doc_id]
    meta = next((m for m in metas if status(m, today)), None)
    if meta is None:
        return None
    clause = _window_clause(meta, index)
    if clause is None:
        return None
    # A quote of part of that clause (the composer quotes sentences) is the same source: cite it.
    cited = next((c for c in citations if c.doc_id == clause.doc_id and c.start < clause.end and clause.start < c.end),
                 None)
    if cited is None:
        cited = Citation(n=len(citations) + 1, doc_id=clause.doc_id, doc_title=meta.title, anchor=clause.anchor,
                         section=clause.section, quote=clause.text, start=clause.start, end=clause.end, score=0.0)
        citations = [*citations, cited]
    state = status(meta, today)
    key = {"expired": "lead_expired", "in_force": "lead_in_force", "not_yet": "lead_not_yet"}[state or "in_force"]
    line = messages.text(
        key, lang,
        title=book_title(meta.title), period=period_text(meta, lang), n=cited.n,
        start=date_text(meta.effective_from, lang) if meta.effective_from else "",
        end=date_text(meta.effective_to, lang) if meta.effective_to else "")
    return (line, citations) if line else None


MAX_LEADS = 3  # dated documents whose validity one ask is answered with ("哪个现在还有效")


def validity_in_part(text: str, citations: list[Citation], parts: list[AnswerPart], index: Index,
                     today: dt.date, lang: str, messages: AnswerMessages
                     ) -> tuple[str, list[Citation], list[AnswerPart]] | None:
    """A question whose first ask is another one ("首台套奖励最高多少？现在还有效吗？") gets its validity ask
    answered on that ask's own line, for each dated document cited, the window's clause cited after the
    first ask's quotes: the answer to the first ask stays first. None when no later ask is about validity."""
    if len(parts) < 2 or asks_validity(parts[0].question, messages):
        return None
    slot = next((i for i, p in enumerate(parts) if asks_validity(p.question, messages)), None)
    if slot is None:
        return None
    leads, ns = [], []
    for doc_id in list(dict.fromkeys(c.doc_id for c in citations))[:MAX_LEADS]:
        lead = validity_lead(citations, index, today, lang, messages, doc_id)
        if lead is not None:
            leads.append(lead[0])
            citations = lead[1]
            ns.append(int(_MARK.findall(lead[0])[-1]))
    if not leads:
        return None
    part, i = parts[slot], slot + 1
    empty = messages.text("part_not_stated", lang, i=i, ask=part.question)
    prefix = messages.text("part_line", lang, i=i, ask=part.question, body="")
    lines = text.split("\n")
    at = next((k for k, line in enumerate(lines) if line == empty or line.startswith(prefix)), None)
    if at is None:
        return None
    lines[at] = prefix + "".join(leads) if lines[at] == empty else lines[at] + "".join(leads)
    cited = [*part.citations, *ns] if part.status == "answered" else ns
    parts = [*parts[:slot], part.model_copy(update={"status": "answered", "citations": cited}), *parts[slot + 1:]]
    return "\n".join(lines), citations, parts


def expired_lines(citations: list[Citation], index: Index, today: dt.date, lang: str,
                  messages: AnswerMessages) -> list[str]:
    """When an answer quotes in-force (or undated) and expired documents, name the expired ones."""
    by_doc: dict[str, list[int]] = {}
    for c in citations:
        by_doc.setdefault(c.doc_id, []).append(c.n)
    expired = [d for d in by_doc if status(index.documents[d].meta, today) == "expired"]
    if not expired or len(expired) == len(by_doc):
        return []  # one kind only: the validity notices say it
    out = []
    for doc_id in expired:
        meta = index.documents[doc_id].meta
        ns = "][".join(str(n) for n in by_doc[doc_id])
        out.append(messages.text("expired_cited", lang, ns=ns, title=book_title(meta.title),
                                 end=date_text(meta.effective_to, lang) if meta.effective_to else ""))
    return [line for line in out if line]


_MARK = re.compile(r"\[(\d+)\]")


def cite_first(text: str, citations: list[Citation], n: int) -> tuple[str, list[Citation]]:
    """Make citation n the first one (an answer that leads with a line citing it reads [1] first), the
    others keeping their order; the [k] marks of the text follow."""
    order = [c for c in citations if c.n == n] + [c for c in citations if c.n != n]
    if not order or order[0].n == citations[0].n:
        return text, citations
    new = {c.n: i for i, c in enumerate(order, 1)}
    text = _MARK.sub(lambda m: f"[{new.get(int(m.group(1)), m.group(1))}]", text)
    return text, [c.model_copy(update={"n": new[c.n]}) for c in order]
