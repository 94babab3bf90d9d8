"""Evidence units: what of a reranked clause an answer quotes, and which clauses it quotes at all.

A unit is made of whole sentences (or whole "；" list items) of one clause:
- a short clause is quoted whole;
- a "；" list is quoted in part only when the rest is irrelevant, and a quoted item keeps the list's
  lead-in ("拓宽融资渠道：");
- a heading sentence ("1.鼓励首台套应用。") never stands alone: its body comes with it.
Secondary clauses are added only when they answer something the lead clause does not (no padding),
when the ranker cannot tell them from the lead (a close call), or, for a question that asks where
something appears ("在哪些部分被提到", "分别怎么说"), when they cover the asked term as well
(knowledge/lexicon/evidence.yaml). Another document's copy of a chosen clause (`duplicate_of`, set by
the ranking) is no further evidence unless it adds what the question asks (`_copy_adds`).
Every piece is a span of the document text, so quotes stay verbatim `text[start:end]`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.documents.numbers import quantities
from assistant.documents.sentences import Sentence
from assistant.index.passage import Passage, passage
from assistant.index.store import Index
from assistant.retrieval.rerank import (
    DUPLICATE,
    QuestionTerms,
    RankedClause,
    answer_type_share,
    best_sentence,
    sentence_text,
    shingles,
)

WHOLE = 160  # a clause this short (characters) is quoted whole: cutting it saves little and loses context
MARGIN = 0.6  # a sentence within this of the clause's best (rerank units) answers too
PER_CLAUSE = 3  # sentences quoted from a long clause at most
NEW_SHARE = 0.3  # a secondary clause must add this idf share of the question's content words …
CLOSE = 2.5  # … and score within this of the lead clause (rerank units)
CLOSE_CALL = 0.6  # a clause scoring within this of the lead is kept: the ranker cannot tell them apart …
# … but one that adds no word of the question (it repeats what the lead covers) only within this, or
# when it gives the kind of answer asked (a number, a date …): a sibling section is padding
REPEAT_CALL = 0.35
DOMINATED = 0.1  # … unless the lead names every question word it names, and this share (per question word) more
TIE = 0.15  # … and within this, a fourth one too (a near tie of four is still a tie)
ENUM_SHARE = 0.45  # in an enumeration, a clause covering this share of the content words names the term too
MAX_CLAUSES = 3
MAX_ENUMERATED = 4
MIN_SHINGLES = 6  # a shorter sentence (a heading such as "1.鼓励首台套应用。") states nothing of its own


@dataclass(frozen=True)
class Weighted:
    """The question's words as the evidence rules count them: the rerank stage's `QuestionTerms` without
    the frame words, so that each question word (`QuestionTerms.concepts`) is counted once, by the same
    rule as in ranking (`QuestionTerms.weigh`): a clause naming 数控机床 adds nothing to one that named
    高档数控机床, nor 增材制造 (an expansion of 3D打印) to one that named 3D打印. Its two-word phrases
    (推进方案) count as words a clause adds when it holds them verbatim."""

    terms: QuestionTerms

    @property
    def weights(self) -> dict[str, float]:
        return self.terms.weights

    @property
    def concepts(self) -> dict[str, str]:
        return self.terms.concepts

    @property
    def phrases(self) -> dict[str, float]:
        return self.terms.phrases

    @property
    def total(self) -> float:
        return sum(self.weights.values()) or 1.0

    def share(self, words: set[str]) -> float:
        return sum(w for t, w in self.weights.items() if t in words) / self.total

    def concept_share(self, words: set[str]) -> float:
        """Share of the question words named, each counted once by its heaviest token."""
        return self.terms.weigh(words, heaviest=True) / (self.terms.weigh(self.weights, heaviest=True) or 1.0)

    def beyond(self, words: set[str], known: set[str]) -> float:
        """Share of the question's words in `words` that stand for a question word `known` does not
        name, and of its phrases `words` holds and `known` does not."""
        seen = {self.concepts.get(t, t) for t in known if t in self.weights}
        own = sum(w for t, w in self.weights.items() if t in words and self.concepts.get(t, t) not in seen)
        return (own + sum(w for p, w in self.phrases.items() if p in words and p not in known)) / self.total

    def names(self, hit: RankedClause) -> set[str]:
        """The question's tokens the clause covers, and its phrases the clause (or heading) holds."""
        text = (hit.clause.text + "\n" + hit.clause.section).lower()
        return set(hit.covered) | {p for p in self.phrases if p in text}


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


def names_title(hit: RankedClause, quoted: Collection[str], index: Index | None = None) -> bool:
    """Whether the question quotes the clause's own heading ("“鼓励首台套应用”包括哪些措施"): then the
    clause is what is asked about, and all of it answers."""
    sentences = (passage(index, hit.clause) if index is not None else Passage(hit.clause)).sentences
    return any(s.is_title and any(q in s.text for q in quoted) for s in sentences)


def clause_unit(hit: RankedClause, index: Index | None = None, whole: bool = False) -> list[Sentence]:
    """The sentences of one clause an answer quotes, in document order (the index's shared passage of
    the clause; without an index, the clause's own sentences). `whole`: all of its body (its heading
    named by the question)."""
    sentences = list((passage(index, hit.clause) if index is not None else Passage(hit.clause)).sentences)
    if not sentences:
        return []
    if whole or len(hit.clause.text) <= WHOLE:
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


@dataclass(frozen=True)
class EvidenceRules:
    """knowledge/lexicon/evidence.yaml: what makes a question an enumeration, and its frame words."""

    enumeration: tuple[re.Pattern[str], ...] = ()
    frame_words: frozenset[str] = frozenset()

    def enumerates(self, *texts: str) -> bool:
        return any(p.search(t) for p in self.enumeration for t in texts)


def evidence_rules(lexicon_dir: Path) -> EvidenceRules:
    path = lexicon_dir / "evidence.yaml"
    raw = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None) or {}
    return EvidenceRules(tuple(re.compile(p, re.IGNORECASE) for p in raw.get("enumeration", [])),
                         frozenset(raw.get("frame_words", [])))


def _keeps(hit: RankedClause, lead: RankedClause, known: set[str], words: Weighted, enumeration: bool,
           n_chosen: int, gives_kind: bool = False) -> bool:
    """Whether a secondary clause adds an answer (see the module docstring)."""
    gap = lead.rerank_score - hit.rerank_score
    own, lead_own = words.names(hit), words.names(lead)
    if words.share(own) == 0:  # names nothing of the question: the vectors alone brought it
        return False
    if enumeration and n_chosen < MAX_ENUMERATED and gap <= CLOSE and words.share(own) >= ENUM_SHARE:
        return True
    if n_chosen >= MAX_CLAUSES:
        return n_chosen < MAX_ENUMERATED and gap <= TIE
    beyond_lead = words.beyond(own, lead_own)
    # a near tie is no reason when the lead names every question word the other names, and more; a tie
    # (within TIE) still is: the ranker cannot tell them apart at all
    dominated = (gap > TIE and not beyond_lead
                 and words.concept_share(lead_own) - words.concept_share(own) >= DOMINATED)
    if gap <= CLOSE_CALL and (beyond_lead > 0 or (gap <= REPEAT_CALL and not dominated) or gives_kind):
        return True
    return gap <= CLOSE and words.beyond(own, known) >= NEW_SHARE


def answering_clauses(hits: list[RankedClause], terms: QuestionTerms,
                      rules: EvidenceRules | None = None, enumeration: bool = False,
                      named: Collection[str] = ()) -> list[RankedClause]:
    """The lead clause, then each other clause that adds an answer to the question (no padding).

    `named`: the documents the question names best (assistant.retrieval.named `Naming.lead()`)."""
    if not hits:
        return []
    words = Weighted(terms.without(rules.frame_words if rules is not None else frozenset()))
    lead = hits[0]
    chosen = [lead]
    covered = words.names(lead)
    for hit in hits[1:]:
        if hit.front:  # front matter set back for this question (rerank.py) adds a title, not an answer
            continue
        if hit.duplicate_of and not _copy_adds(hit, chosen, terms, named):
            continue
        if _only_asks(hit):  # a 解读's question heading (二、什么时候可以申报？) repeats the user's ask
            continue
        if _keeps(hit, lead, covered, words, enumeration, len(chosen), _gives_kind(hit, terms)):
            chosen.append(hit)
            covered |= words.names(hit)
    return chosen


def _only_asks(hit: RankedClause) -> bool:
    """Whether the clause is a question and nothing else (no sentence of it ends as a statement)."""
    text = hit.clause.text.strip()
    return text.endswith(("？", "?")) and not re.search(r"[。！!；;]", text)


def _gives_kind(hit: RankedClause, terms: QuestionTerms) -> bool:
    """Whether the clause gives some kind of answer the question asks for (a number, a date …)."""
    return bool(terms.evidence) and answer_type_share(terms, hit.clause.text + "\n" + hit.clause.section) > 0


def _states_more(hit: RankedClause, chosen: list[RankedClause]) -> bool:
    """Whether the copy holds, besides its best sentence, one it would be quoted for (within MARGIN of its
    best, clause_unit) that no chosen clause states: a neighbour on the question set beside the copied
    sentence."""
    if len(hit.sentences) < 2:
        return False
    best = max(hit.sentences, key=lambda s: s.score)
    theirs = frozenset().union(*(shingles(c.clause.text) for c in chosen))
    for s in hit.sentences:
        key = shingles(sentence_text(hit, s))
        if s is not best and s.score >= best.score - MARGIN and len(key) >= MIN_SHINGLES and \
                len(key & theirs) < DUPLICATE * len(key):
            return True
    return False


def _copy_adds(hit: RankedClause, chosen: list[RankedClause], terms: QuestionTerms, named: Collection[str]) -> bool:
    """Whether another document's copy of a chosen clause adds what the question asks: the question names
    the copy's document (one of a few: a type word naming every 方案 names none), the copy states a number
    or Latin name of the question that the clause it copies lacks, or another sentence on the question
    (`_states_more`), or the question asks a kind of answer
    (an amount, a date) that the copy's sentence gives with a value the copied clause does not state.
    Otherwise it repeats the answer and a reader gains nothing from a second citation of it."""
    copied = next((c for c in chosen if c.clause.id == hit.duplicate_of), chosen[0])
    if hit.clause.doc_id in named and len(named) <= MAX_CLAUSES:
        return True
    text, other = hit.clause.text.lower(), copied.clause.text.lower()
    if any(e in text and e not in other for e in terms.entities) or _states_more(hit, chosen):
        return True
    sentence = best_sentence(hit)
    if answer_type_share(terms, sentence) == 0:
        return False
    return bool(quantities(sentence)[0] - quantities(copied.clause.text)[0])
