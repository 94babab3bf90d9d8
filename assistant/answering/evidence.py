"""Evidence units: what of a reranked clause an answer quotes, and which clauses it quotes at all.

A unit is made of whole sentences (or whole "；" list items) of one clause:
- a short clause is quoted whole;
- a "；" list is quoted in part only when the rest is irrelevant, and a quoted item keeps the list's
  lead-in ("拓宽融资渠道：");
- a heading sentence ("1.鼓励首台套应用。") never stands alone: its body comes with it.
Secondary clauses are added only when they answer something the lead clause does not (no padding).
Every piece is a span of the document text, so quotes stay verbatim `text[start:end]`.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.documents.sentences import Sentence, sentences_of
from assistant.retrieval.rerank import QuestionTerms, RankedClause

WHOLE = 160  # a clause this short (characters) is quoted whole: cutting it saves little and loses context
MARGIN = 0.6  # a sentence within this of the clause's best (rerank units) answers too
PER_CLAUSE = 3  # sentences quoted from a long clause at most
NEW_SHARE = 0.2  # a secondary clause must add this idf share of the question's words …
CLOSE = 2.5  # … and score within this of the lead clause (rerank units)
MAX_CLAUSES = 3


@dataclass(frozen=True)
class Weighted:
    """Question words and their idf weights (the rerank stage's `QuestionTerms.weights`)."""

    weights: dict[str, float]

    @property
    def total(self) -> float:
        return sum(self.weights.values()) or 1.0

    def share(self, words: set[str]) -> float:
        return sum(w for t, w in self.weights.items() if t in words) / self.total


def _lead_in(first: Sentence) -> Sentence | None:
    """The "拓宽融资渠道：" before a list's first item, as its own span (None without a colon)."""
    cut = max(first.text.find("："), first.text.find(":"))
    if cut <= 0 or cut > 30:
        return None
    return Sentence(first.clause, first.start, first.start + cut + 1, first.text[:cut + 1], False)


def _list_of(sentences: list[Sentence], i: int) -> range | None:
    """The indices of the "；" list sentence i belongs to (items end in ；, the last one in 。)."""
    def item(j: int) -> bool:
        return sentences[j].text.endswith(("；", ";"))

    if not (item(i) or (i > 0 and item(i - 1))):
        return None
    lo = i
    while lo > 0 and item(lo - 1):
        lo -= 1
    hi = i
    while hi < len(sentences) - 1 and item(hi):
        hi += 1
    return range(lo, hi + 1) if hi > lo else None


def clause_unit(hit: RankedClause) -> list[Sentence]:
    """The sentences of one clause an answer quotes, in document order."""
    sentences = sentences_of(hit.clause)
    if not sentences:
        return []
    if len(hit.clause.text) <= WHOLE:
        body = [s for s in sentences if not s.is_title]
        return body or sentences
    score = {(s.start, s.end): s.score for s in hit.sentences}
    scored = [(score.get((s.start, s.end), 0.0), i) for i, s in enumerate(sentences)]
    best, best_i = max(scored, key=lambda x: (x[0], -x[1]))
    picked = {i for sc, i in sorted(scored, key=lambda x: -x[0])[:PER_CLAUSE] if sc >= best - MARGIN}
    picked.add(best_i)
    if sentences[best_i].is_title and best_i + 1 < len(sentences):  # a heading alone does not answer
        picked.add(best_i + 1)
    if sentences[0].is_title and len(picked) > 1:  # the label names the clause already
        picked.discard(0)
    out: dict[tuple[int, int], Sentence] = {}  # by span: a Sentence holds its (unhashable) Clause
    for i in sorted(picked):
        span = _list_of(sentences, i)
        if span is not None and span.start != i and span.start not in picked:
            lead = _lead_in(sentences[span.start])
            if lead is not None:
                out.setdefault((lead.start, lead.end), lead)
        out[(sentences[i].start, sentences[i].end)] = sentences[i]
    return sorted(out.values(), key=lambda s: s.start)


def answering_clauses(hits: list[RankedClause], terms: QuestionTerms) -> list[RankedClause]:
    """The lead clause, then each other clause that covers question words the ones before did not."""
    if not hits:
        return []
    words = Weighted(terms.weights)
    lead = hits[0]
    chosen = [lead]
    covered = set(lead.covered)
    for hit in hits[1:]:
        if len(chosen) >= MAX_CLAUSES:
            break
        new = set(hit.covered) - covered
        if words.share(new) >= NEW_SHARE and hit.rerank_score >= lead.rerank_score - CLOSE:
            chosen.append(hit)
            covered |= new
    return chosen
