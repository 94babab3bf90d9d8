"""Multi-part questions answered part by part, and document-level facts answered from metadata.

"这份方案由哪个部门印发，成文日期是哪天？" has two asks; each gets its own clause (or is marked as
not stated). An ask for the issuer, date, 文号, validity or parent policy is answered from the
document's metadata (DocumentMeta), cited by the line of the text that states it. The patterns are
data: knowledge/lexicon/document_facts.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from assistant.documents.sentences import Sentence
from assistant.index.passage import passage
from assistant.index.store import Index
from assistant.retrieval.amounts import holds_amount
from assistant.retrieval.facts import fact_values, facts_asked, stating_lines
from assistant.retrieval.named import named_documents
from assistant.retrieval.query import prepare
from assistant.retrieval.rerank import (
    RankedClause,
    answer_type_share,
    asked_kinds,
    coverage,
    kind_patterns,
    names_type,
    question_terms,
)
from assistant.text import without_indefinite_counts

_ASK = re.compile(r"谁|何时|什么时候|多少|几[个家项台套名年]|哪|什么|怎么|如何|是否|有没有|吗|呢"
                  r"|干嘛|干啥|咋"  # the colloquial ones: 高校要干嘛, 咋申请
                  r"|\b(?:who|when|what|which|how|whether|does|do|is|are)\b", re.IGNORECASE)
# English puts its question word first (after a linking word or a preposition: "and on what date"); one
# further in is a conjunction or a relative ("staff and pollution when they upgrade"), no ask of its own
_ENGLISH_ASK = re.compile(r"^(?:(?:and|also|so|then|but|or|plus)\s+)?(?:(?:on|in|at|for|by|from|to|of|with|"
                          r"since|until|about|under)\s+)?(?:who|when|what|which|how|whether|does|do|is|are)\b",
                          re.IGNORECASE)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# words that tie a part to the one before or say it is wanted, not what it is about: "和要建成几个" is as
# topic-less as "建成几个"
_LINKING = re.compile(r"^(?:以及|并且|而且|同时|另外|还有|那么|那|和|与|及|并|还|再)?"
                      r"(?:要|想|会|能|打算|准备|计划|需要)?")
_SPLIT = re.compile(r"[？?；;，,、]|以及|还有(?![效用])|另外|\band\b", re.IGNORECASE)  # 还有效: still valid
NOT_STATED_FLOOR = 0.3  # a part whose best clause covers less of its own words (and gives no answer kind) …
PART_POOL = 5
AMOUNT_FIT = 0.5  # + for a clause whose bound holds the amount the question names (retrieval/amounts.py)
ELLIPTICAL = 3  # a part with at most this many characters besides its question words ("要建几个") has no topic


@dataclass
class Part:
    """One ask of the question and what answers it: the sentences quoted (empty = not stated)."""

    text: str
    sentences: list[Sentence] = field(default_factory=list)
    fact: str | None = None  # the DocumentMeta fact it asks for (issuer, issue_date, …)


def split_parts(question: str) -> list[str]:
    """The asks of a question: pieces split at ？，、以及/还有/and that each contain a question word;
    a piece without one (a preamble such as 我们是做减速器的) joins the next."""
    pieces = [p.strip(" 　") for p in _SPLIT.split(question)]
    parts: list[str] = []
    carry = ""
    for piece in pieces:
        if not piece:
            continue
        if _asks(piece):
            parts.append(carry + piece)
            carry = ""
        else:
            carry += piece + "，"
    if carry and parts:
        parts[-1] += "，" + carry.rstrip("，")
    return parts or [question]


def _asks(piece: str) -> bool:
    """Whether a piece asks something; what a company says of itself (我们想从国外挖几个人才过来) does not."""
    if not _HAN.search(piece):
        return bool(_ENGLISH_ASK.match(piece.strip()))
    return bool(_ASK.search(without_indefinite_counts(piece)))


def _fact_doc(question: str, fact: str, hits: list[RankedClause], index: Index) -> str:
    """The document a fact is asked of: of the pooled documents, one that has the fact, preferring one
    whose type the question names (这份若干措施的文号: the 措施, not its 解读)."""
    docs = list(dict.fromkeys(h.clause.doc_id for h in hits[:PART_POOL]))
    having = [d for d in docs if fact_values(index.documents[d], fact)]
    named = [d for d in having if names_type(index.documents[d].meta, question)]
    return (named or having or docs)[0]


def _best_clause(part: str, hits: list[RankedClause], index: Index, question: str = "") -> RankedClause | None:
    """The pool clause that answers one part: its own words and answer kind, then the whole question's order.

    An elliptical part takes the rest of the question as its context: "要建几个" asks how many
    3D打印产业园, not how many of anything; a part that names its own topic (火星殖民的门票) does not."""
    context = question.replace(part, " ") if question and question != part and _elliptical(part) else ""
    terms = question_terms(prepare(part, context=context), index)
    # an elliptical part is about what the whole question is about: a clause on that topic is on the part's
    whole = question_terms(prepare(question), index) if context else None
    lead = hits[0].rerank_score
    best, best_score = None, -1e9
    for hit in hits[:PART_POOL]:
        tokens = passage(index, hit.clause).tokens
        own = coverage(terms, tokens)
        kind = answer_type_share(terms, hit.clause.text + "\n" + hit.clause.section)
        topical = own if whole is None else max(own, coverage(whole, tokens))
        if topical < NOT_STATED_FLOOR:  # a number elsewhere is no answer to "火星基地的预算是多少"
            continue
        # the amount the question names (设备投资5000万) picks the tier whose bounds hold it, as in the ranking
        fit = holds_amount(question or part, hit.clause.text)
        score = own + 0.5 * kind + AMOUNT_FIT * fit - 0.3 * (lead - hit.rerank_score)
        if score > best_score:
            best, best_score = hit, score
    return best


def _scored_for(hit: RankedClause, part: str, question: str, index: Index) -> RankedClause:
    """The clause with its sentences scored for one part of the question: the part's own words in place of
    the whole question's ("首台套要做哪些事，保险机制哪几方共担风险": the first part quotes the 认定 and
    奖励 sentence, the second the insurance one, not both the insurance one). The whole question alone
    keeps the ranking's scores."""
    if part == question or not hit.sentences:
        return hit
    context = question.replace(part, " ") if _elliptical(part) else ""
    terms = question_terms(prepare(part, context=context), index)
    read = passage(index, hit.clause)
    own = {(s.start, s.end): words for s, words in zip(read.sentences, read.sentence_tokens, strict=True)}
    heading = read.heading_tokens
    sentences = [s.model_copy(update={"score": round(s.score - s.coverage + coverage(
                    terms, own.get((s.start, s.end), frozenset()) | heading), 6)}) for s in hit.sentences]
    return hit.model_copy(update={"sentences": sentences})


def _elliptical(part: str) -> bool:
    own = re.sub(r"[\W_]", "", _ASK.sub("", part))
    return len(_LINKING.sub("", own, count=1)) <= ELLIPTICAL


def answer_parts(question: str, hits: list[RankedClause], index: Index, unit) -> list[Part]:
    """Each ask with its evidence; `unit(hit)` gives a clause's evidence sentences."""
    out = []
    # A part speaks of the documents the whole question names exactly (三部委这个通知…截止到哪天？现在报还来得
    # 及吗？): its evidence comes from them when the pool holds any of theirs. A place only containing the
    # named one (the province of 荆州开发区) scopes nothing.
    lead = {d for d, s in named_documents(question, index).scores.items() if s >= EXACT_NAMING}
    scoped = [h for h in hits if h.clause.doc_id in lead] or hits
    for text in split_parts(question):
        facts = facts_asked(text, index)
        lines = [line for fact in facts for line in stating_lines(index, _fact_doc(question, fact, hits, index), fact)]
        if lines:
            out.append(Part(text, list({(s.start, s.end): s for s in lines}.values()), facts[0]))
            continue
        each = _per_document(text, hits, index, question, unit)
        if each:
            out.append(Part(text, each))
            continue
        hit = _best_clause(text, scoped, index, question)
        sentences = unit(_scored_for(hit, text, question, index)) if hit is not None else []
        sentences = window_lines(text, question, hits, index, sentences) or sentences
        if (out and not out[-1].fact and sentences and _elliptical(text) and not asked_kinds(index, text)
                and _spans(sentences) == _spans(out[-1].sentences)):
            # "…出现在哪些措施里？分别怎么说？": an ask with neither a topic nor a kind of answer of its own
            # (not "建成几个") that the same quote answers is the previous ask again, not a part of its own
            out[-1] = Part(f"{out[-1].text}，{text}", out[-1].sentences)
            continue
        out.append(Part(text, sentences))
    return out


def _spans(sentences: list[Sentence]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sentences]


EXACT_NAMING = 1.0  # a document every cue of the question fits exactly (its place, not a containing one)
_SEVERAL = re.compile(r"[和与及、跟]|各|分别|\b(?:and|each)\b", re.IGNORECASE)  # 随州和黄冈各…


def _per_document(part: str, hits: list[RankedClause], index: Index, question: str, unit) -> list[Sentence]:
    """A part naming several places (随州和黄冈各是什么标准): each place's best clause among its documents'
    pooled clauses, the place whose document is in force longest first (an expired one after it); [] when
    it names fewer than two places or a named place has no clause in the pool."""
    if not _SEVERAL.search(part):
        return []
    scores = named_documents(part, index).scores
    regions: dict[str, list[str]] = {}
    for d, s in scores.items():
        if s >= EXACT_NAMING:
            regions.setdefault(index.documents[d].meta.region or "", []).append(d)
    if len(regions) < 2:
        return []

    def last_day(docs: list[str]) -> dt.date:
        return max(index.documents[d].meta.effective_to or dt.date.max for d in docs)

    out: list[Sentence] = []
    for docs in sorted(regions.values(), key=last_day, reverse=True):
        own = [h for h in hits if h.clause.doc_id in docs]
        hit = _best_clause(part, own, index, question) if own else None
        if hit is None:
            return []
        out.extend(unit(hit))
    return out


def window_lines(part: str, question: str, hits: list[RankedClause], index: Index,
                 quoted: list[Sentence] = ()) -> list[Sentence]:
    """"现在还能报吗" beside a measure: the measure's document's application window, stated in a section of
    its own (五、申报时间 › 第一批：技术改造类…) — the one sharing most words with the measure's heading path
    (twice: 第二批受理第二类项目 is the window of the measure headed 第二类) and the question, so a category's
    own window wins over another batch's. The measure is the best pooled clause stating no window. [] when
    the part asks no window, or a `quoted` sentence states the window that fits as well."""
    asks, evidence = kind_patterns(index, "window")
    if not hits or not any(p.search(part) for p in asks):
        return []

    def states(text: str) -> bool:
        return any(p.search(text) for p in evidence)

    measure = next((h.clause for h in hits[:PART_POOL] if not states(h.clause.text)), hits[0].clause)
    tok = index.tokenizer
    heading, asked = set(tok.tokens(measure.section)), set(tok.tokens(question))

    def fit(sentence: Sentence) -> int:
        words = set(tok.tokens(sentence.text + sentence.clause.section))
        return 2 * len(heading & words) + len(asked & words)

    best, best_score = None, -1
    for clause in index.clauses:
        if clause.doc_id != measure.doc_id:
            continue
        for sentence in passage(index, clause).sentences:
            if states(sentence.text) and fit(sentence) > best_score:
                best, best_score = sentence, fit(sentence)
    _, stated = kind_patterns(index, "window_stated")
    if best is None or any((states(s.text) and fit(s) >= best_score) or any(p.search(s.text) for p in stated)
                           for s in quoted):
        return []
    return [best]
