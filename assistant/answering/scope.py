"""Decide whether the retrieved clauses can answer a question, or the assistant must abstain.

Two questions are asked of every query, both driven by lexicons in knowledge/lexicon:
- is it about this corpus at all (region, subject, vocabulary)?  -> out_of_scope
- does it ask for a detail (amount, rate, deadline, duration …) that no on-topic sentence states? -> detail
- does it single out a beneficiary (本科, 小微企业 …) the evidence leaves out while naming its siblings
  (硕士, 博士)? -> detail: the documents state nothing for that qualifier
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from assistant.documents.sentences import Sentence
from assistant.documents.validity import covers_year
from assistant.index.passage import passage
from assistant.index.store import Index
from assistant.retrieval.facts import fact_patterns_of
from assistant.retrieval.named import (
    Naming,
    document_years,
    library_cues,
    named_documents,
    unplaced,
    wider_documents,
)
from assistant.retrieval.query import Query
from assistant.text import without_indefinite_counts
from assistant.types import ScoredClause
from assistant.yamlfile import lexicon

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年|\s*年代)|(?<![\d〔\[])\b(?:19|20)\d{2}\b(?![〕\]])")
# In the documents, a year in a 文号 (襄政办发〔2020〕7号) names that year's document too.
_TEXT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def question_years(text: str) -> list[int]:
    """Years a question names (2017年, in 2017), not those inside a quoted 文号."""
    return sorted({int(m.group(0)) for m in _YEAR.finditer(text)})


def _without_fact_asks(question: str, index: Index) -> str:
    """The question without its asks for a document fact ("是哪个单位、哪天印发的"): words asking who
    issued a document are no topic its text must hold (a 落款 says 湖北省财政厅, not 单位 or 印发)."""
    for _, patterns in fact_patterns_of(index):
        for pattern in patterns:
            question = pattern.sub(" ", question)
    return question


def _about_year(meta, year: int) -> bool:
    """The document's window contains the year; an undated one (a 申报通知) whose title names the year
    (关于组织申报2026年度…的通知) is about that year too, whichever of its clauses was retrieved."""
    covered = covers_year(meta, year)
    return bool(covered) or (covered is None and str(year) in meta.title)


def _subjects(matches: list[re.Match[str]]) -> frozenset[str]:
    """What an ask's value must be of (its `subject` group: 公布 in 什么时候公布, 成立 in 成立满几年):
    the sentence stating the value must name it too."""
    return frozenset(m.group("subject") for m in matches if "subject" in m.re.groupindex and m.group("subject"))


@dataclass(frozen=True)
class Verdict:
    """Why (or whether) to abstain; `detail` names the missing detail kind."""

    abstain: bool
    reason: str = ""  # "", "out_of_scope", "other_region", "detail", "no_match"
    detail_zh: str = ""
    detail_en: str = ""
    documents: frozenset[str] = frozenset()  # the abstention is about these (named) documents: quote only them


ANSWER = Verdict(False)


@dataclass
class DetailAsk:
    """The details a question asks (amount, deadline …, years), read once per judgement, and the detail
    verdicts reached so far, by the clauses they read: a question naming documents is checked on the
    named documents' clauses and then on the pool's, often the same three."""

    asked: list[tuple[str, str, list[re.Pattern[str]], frozenset[str]]]  # label, evidence, subjects
    years: set[str]
    topic: str
    verdicts: dict[tuple[str, ...], Verdict] = field(default_factory=dict)


class ScopeJudge:
    """Rules over lexicons; thresholds are calibrated on evals/datasets (see docs/abstention.md)."""

    # Dense similarity under which an unanchored Chinese question is treated as off-topic.
    DENSE_FLOOR_ZH = 0.872
    UNKNOWN_SHARE = 0.6

    def __init__(self, lexicon_dir: Path) -> None:
        self.lexicon_dir = lexicon_dir

    @cached_property
    def scope(self) -> dict[str, list[str]]:
        return yaml.safe_load((self.lexicon_dir / "scope.yaml").read_text(encoding="utf-8"))

    @cached_property
    def _details_file(self) -> dict:
        return yaml.safe_load((self.lexicon_dir / "details.yaml").read_text(encoding="utf-8"))

    @cached_property
    def details(self) -> list[tuple[str, str, list[re.Pattern[str]], list[re.Pattern[str]]]]:
        return [
            (spec["label_zh"], spec["label_en"],
             [re.compile(p, re.IGNORECASE) for p in spec["ask"]],
             [re.compile(p, re.IGNORECASE) for p in spec["evidence"]])
            for spec in self._detail_specs
        ]

    @cached_property
    def _detail_specs(self) -> list[dict]:
        return [v for v in self._details_file.values() if isinstance(v, dict) and "ask" in v]

    @cached_property
    def detail_in_heading(self) -> frozenset[str]:
        """Details (by label) a sentence also shows through its clause's heading (四、申报材料 › 5.提供…)."""
        return frozenset(spec["label_zh"] for spec in self._detail_specs if spec.get("heading"))

    @cached_property
    def detail_generic(self) -> dict[str, frozenset[str]]:
        """Per detail (by its label), the words that do not make a sentence on topic for it."""
        return {spec["label_zh"]: frozenset(spec.get("generic", [])) for spec in self._detail_specs}

    def sectioned_details(self, question: str) -> list[list[re.Pattern[str]]]:
        """The evidence patterns of the details a question asks that documents state in a section of their own
        (details.yaml `own_section`: 七、联系方式 › 027-…), where the question's topic words seldom reach."""
        return [evidence for zh, _, asks, evidence in self.details
                if zh in self.own_section and any(p.search(question) for p in asks)]

    @cached_property
    def own_section(self) -> frozenset[str]:
        """Details (by label) stated in a section of their own: the lead clause giving one answers it, topic
        words or not (a contact line names no topic)."""
        return frozenset(spec["label_zh"] for spec in self._detail_specs if spec.get("own_section"))

    def asked_details(self, question: str) -> list[tuple[list[re.Pattern[str]], bool]]:
        """The details a question asks (amount, deadline, materials …): each one's evidence patterns, and
        whether its clause's heading shows it too."""
        return [(evidence, zh in self.detail_in_heading) for zh, _, asks, evidence in self.details
                if any(p.search(question) for p in asks)]

    def judge(self, query: Query, hits: list[ScoredClause], index: Index) -> Verdict:
        if not hits:
            return Verdict(True, "no_match")
        if self._mentions(query.text, "other_regions") and not self._mentions(query.text, "home_region"):
            return Verdict(True, "other_region")
        if self._out_of_scope(query, hits, index):
            return Verdict(True, "out_of_scope")
        verdict = self._unplaced(query, hits, index)
        if verdict.abstain:
            return verdict
        details = self._detail_ask(query.text)
        verdict = self._answered_elsewhere(query, hits, index, details)
        if not verdict.abstain:
            verdict = self._missing_detail(query, hits, index, details)
        if not verdict.abstain:
            verdict = self._missing_qualifier(query, hits, index)
        return verdict if verdict.abstain else ANSWER

    # ---- out of scope ------------------------------------------------------------------------

    def _mentions(self, text: str, key: str) -> bool:
        lowered = text.lower()
        return any(word.lower() in lowered for word in self.scope.get(key, []))

    def _out_of_scope(self, query: Query, hits: list[ScoredClause], index: Index) -> bool:
        text = query.text
        if self._mentions(text, "task_requests"):
            return True
        if self._mentions(text, "self_reference"):
            return False
        if self._unstated_subjects(text, index):
            return True
        tokens = index.tokenizer.tokens(text)
        vocab = index.lexical.vocabulary
        unknown = [t for t in tokens if t not in vocab and not t.isdigit()]
        expanded_known = [t for t in index.tokenizer.query_tokens(text) if t in vocab]
        if query.lang == "en":
            return not expanded_known
        best_dense = max((h.dense_score or 0.0) for h in hits)
        share = len(unknown) / max(1, len(tokens))
        return share >= self.UNKNOWN_SHARE and best_dense < self.DENSE_FLOOR_ZH

    def _unstated_subjects(self, text: str, index: Index) -> list[str]:
        """The question's words of another subject (scope.yaml other_subjects: 落户, 买房, 社保) that no document
        of the library states, itself or by a word of its kind (topics.yaml: 买房 ~ 购房): a document that
        offers 落户奖励 or 购房补贴 makes them this library's subject."""
        lowered = text.lower()
        words = [w for w in self.scope.get("other_subjects", []) if w.lower() in lowered]
        if not words:
            return []
        docs = [_document_text(index, d) for d in index.documents]
        kinds = self.topics.kinds
        return [w for w in words if not any(f in t for t in docs for f in
                                            {w.lower(), *(x for ws in kinds.values() if w.lower() in ws for x in ws)})]

    # ---- a place the library has no document of ---------------------------------------------

    def _unplaced(self, query: Query, hits: list[ScoredClause], index: Index) -> Verdict:
        """"宜都市对数字化车间奖多少" when the library holds no document of 宜都市 and only a neighbour's clauses
        are on the question (assistant.retrieval.named.placed_hits kept them, the province's and the country's
        holding far less of it): they do not apply there. Abstain, naming the place; the province's and the
        country's clauses answer when they fit the question about as well."""
        places = unplaced(query.text, index)
        if not places:
            return ANSWER
        wider = wider_documents(index)
        if hits[0].clause.doc_id in wider:
            return ANSWER
        label = library_cues(index).lexicon.unplaced_detail
        return Verdict(True, "unplaced", label["zh"].format(places="、".join(places)),
                       label["en"].format(places=", ".join(places)), wider)

    @cached_property
    def topics(self) -> Topics:
        return lexicon(self.lexicon_dir / "topics.yaml", Topics.from_yaml)

    # ---- a named document that does not say it -----------------------------------------------

    SCOPED = 3  # clauses of the named documents read for an asked detail, as _missing_detail reads 3
    NAMED_AT_MOST = 8  # a question fitting more documents names none clearly (and their texts stay unread)

    def _answered_elsewhere(self, query: Query, hits: list[ScoredClause], index: Index,
                            details: DetailAsk) -> Verdict:
        """The question names documents ("武汉2016年办法", "省里"); abstain when only other documents'
        clauses would answer it: a detail asked that none of the named ones' retrieved clauses gives,
        or a topic word found in another document's clause and nowhere in the named documents."""
        naming = named_documents(query.text, index)
        if not naming.names or not 0 < len(naming.compatible) <= self.NAMED_AT_MOST:
            return ANSWER
        own = [h for h in hits if h.clause.doc_id in naming.compatible][: self.SCOPED]
        others = [h for h in hits if h.clause.doc_id not in naming.compatible]  # any the answer may quote
        if not others:
            return ANSWER
        # "Does the Ezhou notice give …": no retrieved clause is of a document the question names exactly
        # (one or two of them, every cue fitting: its own place, not one containing it): what was found is
        # other documents' and says nothing of the named ones
        plain = len(naming.compatible) <= self.NAMED_CLEARLY and all(
            naming.scores.get(d, 0.0) >= self.EXACT for d in naming.compatible)
        missing = self._topic_only_elsewhere(query.text, naming, others, index) or (
            self._topic_words(query.text, naming, index)[:self.SHOWN] if plain and not own else [])
        if missing:
            label = library_cues(index).lexicon.topic_detail  # the index's own lexicon, read once per index
            return Verdict(True, "detail", label["zh"].format(words="、".join(missing)),
                           label["en"].format(words=", ".join(missing)), naming.compatible)
        verdict = self._missing_detail(query, own, index, details) if own else ANSWER
        # Only an asked detail kind (amount, deadline …): the years were weighed as cues already.
        if verdict.detail_zh not in {zh for zh, *_ in self.details}:
            return ANSWER
        return Verdict(True, "detail", verdict.detail_zh, verdict.detail_en, naming.compatible)

    NAMED_CLEARLY = 2  # documents a question names so plainly that none of theirs retrieved means none says it
    SHOWN = 4  # topic words an abstention names
    EXACT = 1.0  # a document's naming score when every cue of the question fits it exactly

    def _topic_words(self, question: str, naming: Naming, index: Index) -> list[str]:
        """The question's topic words: not its document cues, fact asks or words naming the kind of answer."""
        tok = index.tokenizer
        skip = {t for w in naming.words for t in tok.tokens(w)} | set(naming.words) | self.generic_words | set(
            library_cues(index).lexicon.answer_words) | _zone_cues(naming, index)
        return [w for w in dict.fromkeys(tok.tokens(_without_fact_asks(question, index)))
                if len(w) >= 2 and w not in skip and not w.isdigit()] or [question.strip("？?。 ")]

    def _topic_only_elsewhere(self, question: str, naming: Naming, others: list[ScoredClause],
                              index: Index) -> list[str]:
        """The question's topic words (not its document cues, not words naming the kind of answer) that
        another document's retrieved clause holds and no named document's text does, synonyms counted
        (补贴 ~ 补助), a compound by its head too (智能化改造 ~ 技术改造: 改造)."""
        tok = index.tokenizer
        cue_tokens = {t for w in naming.words for t in tok.tokens(w)} | set(naming.words) | _zone_cues(naming, index)
        skip = cue_tokens | self.generic_words | set(library_cues(index).lexicon.answer_words)
        other_text = "".join(h.clause.section + h.clause.text for h in others)
        named = [index.documents[d] for d in sorted(naming.compatible)]
        missing = []
        for word in dict.fromkeys(tok.tokens(_without_fact_asks(question, index))):
            if len(word) < 2 or word in skip or word.isdigit() or any(word in c for c in naming.words):
                continue
            forms = {word, *tok.synonyms.get(word, [])}
            heads = forms | ({word[-2:]} if len(word) >= 3 else set())
            if any(f in other_text for f in forms) and not any(f in d.meta.title or f in d.text
                                                                for d in named for f in heads):
                missing.append(word)
        return missing

    # ---- details the documents do not state --------------------------------------------------

    def _detail_ask(self, question: str) -> DetailAsk:
        # 我们想挖几个人才过来，…有啥说法: what the company says of itself asks no quantity
        question = re.sub(r"[^，,。；;？?]+", lambda m: without_indefinite_counts(m.group(0)), question)
        asked = []
        for zh, en, asks, ev in self.details:
            found = [m for m in (p.search(question) for p in asks) if m]
            if found:
                asked.append((zh, en, ev, _subjects(found)))
        years = {m.group(0) for m in _YEAR.finditer(question)}  # "2013年" must appear as a year
        topic = question
        for _, _, asks, _ in self.details:  # the topic is what remains once the detail words go
            for pattern in asks:
                topic = pattern.sub(" ", topic)
        return DetailAsk(asked, years, topic)

    def _missing_detail(self, query: Query, hits: list[ScoredClause], index: Index, details: DetailAsk) -> Verdict:
        """An asked detail (or year) that no on-topic sentence of the top three clauses states."""
        if not details.asked and not details.years:
            return ANSWER
        read = tuple(h.clause.id for h in hits[:3])
        if read not in details.verdicts:
            details.verdicts[read] = self._detail_verdict(query, hits[:3], index, details)
        return details.verdicts[read]

    def _detail_verdict(self, query: Query, hits: list[ScoredClause], index: Index, details: DetailAsk) -> Verdict:
        topic, asked, years = details.topic, details.asked, details.years
        # a follow-up's topic is the one it carries over too: "那要建成几个？" after a turn on the 3D printing
        # parks asks the parks' number, which a sentence on the parks states without the word 建成
        topic = f"{query.context} {topic}" if query.context else topic
        topical = self._topical_sentences(topic, hits[:3], index)
        for zh, en, evidence, subjects in asked:
            own = self.detail_generic.get(zh)
            sentences = self._topical_sentences(topic, hits[:3], index, own) if own else topical
            heading = zh in self.detail_in_heading
            # "评审结果什么时候公布": a date of another step (申报时间为…) does not say when results are published
            sentences = [s for s in sentences if not subjects or any(w in s.text for w in subjects)]
            if zh in self.own_section and hits:  # 四、联系方式 › 赵工 027-…: the lead's own section line
                sentences = [*sentences, *passage(index, hits[0].clause).sentences]
            if not any(p.search(s.text) or (heading and p.search(s.clause.section))
                       for s in sentences for p in evidence):
                return Verdict(True, "detail", zh, en)
        for year in years:
            if not self._year_covered(year, query.text, topical, hits[:3], index):
                return Verdict(True, "detail", f"{year}年的相关内容", f"anything about {year}")
        return ANSWER

    @staticmethod
    def _year_covered(year: str, question: str, topical: list[Sentence], hits: list[ScoredClause],
                      index: Index) -> bool:
        """A year is answerable when an on-topic sentence names it (a 文号's year too when the question
        asks about that year's document), or a retrieved document's window contains it ("Y年以后"
        asks about the year after)."""
        # "2021年那个智能装备产业扶持暂行办法": the year names a document, its 文号 year counts
        pattern = _TEXT_YEAR if int(year) in document_years(question, index) else _YEAR
        if any(year in {m.group(0) for m in pattern.finditer(s.text)} for s in topical):
            return True
        asked = int(year) + (1 if re.search(rf"{year}\s*年[^，。？?]{{0,4}}(以后|之后)", question) else 0)
        return any(_about_year(index.documents[d].meta, asked) for d in dict.fromkeys(h.clause.doc_id for h in hits))

    @cached_property
    def generic_words(self) -> frozenset[str]:
        return frozenset(self._details_file.get("generic_words", []))

    def _topical_sentences(self, topic: str, hits: list[ScoredClause], index: Index,
                           generic: frozenset[str] = frozenset()) -> list[Sentence]:
        """Sentences of the top clauses that share a content word (or a heading word) with the topic."""
        words = set(index.tokenizer.tokens(topic))
        if _LATIN_WORD.search(topic):  # an English question meets the Chinese text through the glossary
            words |= {t for t in index.tokenizer.query_tokens(topic) if _HAN.match(t)}
        words -= self.generic_words | generic
        out = []
        for hit in hits:
            read = passage(index, hit.clause)
            for sentence, tokens in zip(read.sentences, read.sentence_tokens, strict=True):
                if words & (tokens | read.heading_tokens):
                    out.append(sentence)
        return out

    # ---- qualifiers the evidence leaves out ---------------------------------------------------

    @cached_property
    def qualifiers(self) -> Qualifiers:
        return lexicon(self.lexicon_dir / "qualifiers.yaml", Qualifiers.from_yaml)

    def _missing_qualifier(self, query: Query, hits: list[ScoredClause], index: Index) -> Verdict:
        """"引进本科毕业生有补贴吗" over a clause for 硕士 and 博士 only: nothing is stated for 本科."""
        rules = self.qualifiers
        if not rules.families or not any(rules.named(query.text, f) for f in rules.families):
            return ANSWER
        topic = rules.strip(query.text)
        evidence = "\n".join(s.text for s in self._topical_sentences(topic, hits[:3], index))
        for family in rules.families:
            asked = rules.named(query.text, family)
            stated = rules.named(evidence, family)
            if not asked or not stated or any(rules.related(a, s) for a in asked for s in stated):
                continue
            return Verdict(True, "detail", *rules.labels(asked, stated))
        return ANSWER


@dataclass(frozen=True)
class Member:
    """One qualifier of a family (本科), the words that name it, and the members it covers."""

    name: str
    en: str
    words: tuple[str, ...]
    includes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Qualifiers:
    """knowledge/lexicon/qualifiers.yaml: families of sibling qualifiers and the not-stated label."""

    families: tuple[tuple[Member, ...], ...] = ()
    label_zh: str = ""
    label_en: str = ""

    @classmethod
    def from_yaml(cls, raw: dict) -> Qualifiers:
        families = tuple(
            tuple(Member(m["name"], m.get("en", m["name"]), tuple(m.get("words") or [m["name"]]),
                         frozenset(m.get("includes", []))) for m in members)
            for members in (raw.get("families") or {}).values())
        return cls(families, raw.get("label_zh", ""), raw.get("label_en", ""))

    def named(self, text: str, family: tuple[Member, ...]) -> list[Member]:
        """The members a text names, longest words first (博士后 is not also 博士), in family order."""
        words = sorted(((w, m) for m in family for w in m.words), key=lambda x: -len(x[0]))
        found: set[str] = set()
        for word, member in words:
            if word in text:
                found.add(member.name)
                text = text.replace(word, "\0" * len(word))
        return [m for m in family if m.name in found]

    def strip(self, text: str) -> str:
        """The text without any qualifier word: what is left is the question's topic."""
        for family in self.families:
            for member in family:
                for word in member.words:
                    text = text.replace(word, " ")
        return text

    @staticmethod
    def related(a: Member, b: Member) -> bool:
        return a.name == b.name or a.name in b.includes or b.name in a.includes

    def labels(self, asked: list[Member], stated: list[Member]) -> tuple[str, str]:
        return (self.label_zh.format(asked="、".join(m.name for m in asked),
                                     siblings="、".join(m.name for m in stated)),
                self.label_en.format(asked=", ".join(m.en for m in asked),
                                     siblings=", ".join(m.en for m in stated)))



def _zone_cues(naming: Naming, index: Index) -> set[str]:
    """A question naming a place: its park words (罗田园区) name that place's zone, they are no topic."""
    return set(library_cues(index).lexicon.zone_words) if "place" in naming.kinds else set()


def _document_text(index: Index, doc_id: str) -> str:
    """What a document states, lower case (an English word against a Latin term of the text), once per loaded
    index."""
    document = index.documents[doc_id]
    return index.memo.table("document_texts", 4096).get_or_build(
        doc_id, lambda: f"{document.meta.title or ''}\n{document.text}".lower())


@dataclass(frozen=True)
class Topics:
    """knowledge/lexicon/topics.yaml: kinds of support, each with the words that name it."""

    kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_yaml(cls, raw: dict) -> Topics:
        return cls({str(k): tuple(str(w).lower() for w in words) for k, words in (raw.get("kinds") or {}).items()})
