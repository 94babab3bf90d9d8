"""Citation checking for generated answers: keys → numbered sources, every sentence verified.

Citations are data, rendered last. The model sees the retrieved clauses under keys [1]…[k]
and cites keys only; this module
- splits the reply into sentences as it streams (a sentence owns the [n] markers after it),
- checks each sentence against the clause(s) it cites: numbers must appear in them, and the
  words must overlap (jieba tokens of the index tokenizer) or, when overlap alone is not enough,
  the runtime embedder must find the sentence close to the clause,
- re-attributes a sentence to the supplied clause that does support it when the cited one does
  not (or none was cited), and drops it when none does,
- renumbers the kept keys densely in order of first use (`renumber`), dropping invented ones,
- and cuts each citation's quote from the document text, so quote == text[start:end].
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from assistant.documents.numbers import mentions
from assistant.documents.sentences import Sentence
from assistant.index.embedder import Embedder
from assistant.index.passage import passage
from assistant.index.store import Index
from assistant.llm.prompts import says_cannot_answer
from assistant.text import detect_lang, to_simplified
from assistant.types import Citation, ScoredClause

# One citation group: [1]  [1, 2]  [1-3]  【1】  ［1］ — and the blanks before it.
MARKER = re.compile(r"[ \t]*[\[【［]\s*(\d{1,3}(?:\s*(?:[,，、;；]|[-–—~])\s*\d{1,3})*)\s*[\]】］]")
_RANGE = re.compile(r"(\d+)\s*[-–—~]\s*(\d+)")
_MAX_RANGE = 10


def _keys(group: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*[,，、;；]\s*", group.strip()):
        m = _RANGE.fullmatch(part)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            out.extend(range(lo, hi + 1) if 0 <= hi - lo < _MAX_RANGE else [lo, hi])
        elif part.isdigit():
            out.append(int(part))
    return out


def marker_keys(text: str) -> list[int]:
    """Every key cited in text, in order, repeats included."""
    return [k for m in MARKER.finditer(text) for k in _keys(m.group(1))]


def strip_markers(text: str) -> str:
    return MARKER.sub("", text)


class Renumberer:
    """Maps the model's keys (1…n_sources) to dense numbers in order of first use, across calls.

    Invented keys (0, or above n_sources) are dropped with the blanks before them; a key repeated
    within one run of markers ([1][1], [1, 1]) is kept once; groups become [a][b].
    """

    def __init__(self, n_sources: int) -> None:
        if n_sources < 0:
            raise ValueError(f"n_sources must be at least 0, got {n_sources}")
        self.n_sources = n_sources
        self.numbers: dict[int, int] = {}

    @property
    def order(self) -> list[int]:
        """Source keys in the order of their new numbers."""
        return sorted(self.numbers, key=self.numbers.__getitem__)

    def number(self, key: int) -> int | None:
        if not 1 <= key <= self.n_sources:
            return None
        return self.numbers.setdefault(key, len(self.numbers) + 1)

    def apply(self, text: str) -> str:
        out: list[str] = []
        pos = 0
        run_end = -1
        run: set[int] = set()
        for m in MARKER.finditer(text):
            out.append(text[pos:m.start()])
            if m.start() != run_end:  # a new run of adjacent markers
                run = set()
            emitted = []
            for key in _keys(m.group(1)):
                n = self.number(key)
                if n is not None and n not in run:
                    run.add(n)
                    emitted.append(f"[{n}]")
            if emitted:
                blank = m.group(0)[:len(m.group(0)) - len(m.group(0).lstrip(" \t"))]
                out.append((blank if len(run) == len(emitted) else "") + "".join(emitted))
            pos = run_end = m.end()
        out.append(text[pos:])
        return "".join(out)


def renumber(raw: str, n_sources: int) -> tuple[str, list[int]]:
    """Rewrite the [key] markers of raw as dense [n]; returns the text and the keys in number order."""
    r = Renumberer(n_sources)
    return r.apply(raw), r.order


# ---- sentences of a streamed reply ---------------------------------------------------------------

_STOPS = "。！？!?；;"
_TRAILING_MARKERS = re.compile(rf"(?:{MARKER.pattern})+")
_MAYBE_MARKER = re.compile(r"[ \t]*(?:[\[【［][\d\s,，、;；\-–—~]{0,20})?")
_LIST_ITEM = re.compile(r"^(\s*)(\d{1,2})([.、．)）]\s*)")


def _is_period(text: str, i: int, final: bool) -> bool | None:
    """Does the '.' at i end an English sentence?  None when the rest has not arrived yet."""
    if i + 1 >= len(text):
        return True if final else None
    nxt = text[i + 1]
    if not (nxt.isspace() or nxt in "[【［"):
        return False
    line = text[text.rfind("\n", 0, i) + 1:i]
    return not line.strip().isdigit()  # "1. " opens a list item


def cut_sentences(buffer: str, final: bool) -> tuple[list[str], str]:
    """Complete sentences at the front of buffer (each with its markers and blanks), and the rest."""
    units: list[str] = []
    start = i = 0
    while i < len(buffer):
        ch = buffer[i]
        stop = ch in _STOPS or ch == "\n"
        if ch == ".":
            period = _is_period(buffer, i, final)
            if period is None:
                break
            stop = period
        if not stop:
            i += 1
            continue
        j = i + 1
        if ch != "\n":
            m = _TRAILING_MARKERS.match(buffer, j)
            j = m.end() if m else j
            if not final and _MAYBE_MARKER.fullmatch(buffer, j):
                break  # a marker may still be on its way
        while j < len(buffer) and buffer[j].isspace():
            j += 1
        units.append(buffer[start:j])
        start = i = j
    if final and buffer[start:].strip():
        units.append(buffer[start:])
        start = len(buffer)
    return units, buffer[start:]


# ---- support -------------------------------------------------------------------------------------

@dataclass
class Evidence:
    """One supplied clause, under the key the model saw."""

    key: int
    hit: ScoredClause
    sentences: list[Sentence]
    tokens: frozenset[str]
    sentence_tokens: list[frozenset[str]]
    numbers: tuple[set[float], set[float]]
    vectors: np.ndarray | None = None  # the clause (with heading) and each of its sentences, as passages


@dataclass
class Support:
    supported: bool
    lexical: float
    dense: float | None = None


@dataclass
class SentenceCheck:
    """What happens to one sentence of the reply."""

    text: str  # with the kept keys as [key] markers (not yet renumbered)
    keys: list[int]
    status: str  # kept, reattributed, framing, abstain, dropped


_CJK_RUN = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff（）、，“”]*")
MIN_QUOTED = 6

# Words any answer uses about the plan itself; they say nothing about what a clause supports.
ANSWER_WORDS = frozenset({
    "方案", "行动方案", "规定", "提出", "要求", "指出", "明确", "根据", "文件", "政策", "此外", "还", "主要",
    "包括", "以下", "相关", "省里", "全省", "湖北", "湖北省", "本", "该", "其中", "方面", "内容",
})


def idf(index: Index, token: str) -> float:
    """Inverse clause frequency of a token (words in most clauses weigh little; an unseen one most), from
    the BM25 index's document frequencies: its documents are the clauses' indexed texts."""
    return math.log((len(index.clauses) + 1) / (index.lexical.document_frequency(token) + 1)) + 0.1


class Verifier:
    """Checks sentences against supplied clauses; thresholds calibrated on hand-written paraphrases.

    Chinese: each word of the sentence (plan boilerplate aside) counts as found when it, or at half
    weight one of its synonyms, occurs in the clause or its heading; the found words' share of the
    sentence's weight (idf over the index's clauses) must reach LEXICAL, or LEXICAL_LOW with the
    embedder putting the sentence at DENSE or closer to the clause or one of its sentences.
    An English sentence that quotes the clause in Chinese (MIN_QUOTED characters or more, as the
    prompt asks) is checked on its Chinese words. Other English sentences share only glossary
    terms with Chinese clauses, so they need LEXICAL_EN (plain share) with DENSE_EN, or DENSE
    alone. Every number in the sentence must occur in the cited clauses.
    """

    LEXICAL = 0.6
    LEXICAL_LOW = 0.45
    DENSE = 0.90
    LEXICAL_EN = 0.25
    DENSE_EN = 0.82

    def __init__(self, hits: list[ScoredClause], index: Index, embedder: Embedder | None = None) -> None:
        self.index = index
        self.tokenizer = index.tokenizer
        self.embedder = embedder
        self.evidence: list[Evidence] = []
        for key, hit in enumerate(hits, 1):
            read = passage(index, hit.clause)
            self.evidence.append(Evidence(key=key, hit=hit, sentences=list(read.sentences), tokens=read.tokens,
                                          sentence_tokens=list(read.sentence_tokens), numbers=read.numbers))

    @property
    def n_sources(self) -> int:
        return len(self.evidence)

    # ---- features ----

    def _tokens(self, text: str) -> frozenset[str]:
        return frozenset(self.tokenizer.query_tokens(to_simplified(text)))

    def lexical(self, text: str, clause_tokens: frozenset[str], english: bool) -> float:
        """How much of text the clause tokens cover (see the class docstring)."""
        if english:
            tokens = self._tokens(text)
            return len(tokens & clause_tokens) / len(tokens) if tokens else 0.0
        total = found = 0.0
        for token in dict.fromkeys(self.tokenizer.tokens(to_simplified(text))):
            if token in ANSWER_WORDS:
                continue
            weight = idf(self.index, token)
            total += weight
            if token in clause_tokens:
                found += weight
            elif self._synonym_tokens(token) & clause_tokens:
                found += weight / 2  # a retrieval synonym is a looser match than the word itself
        return found / total if total else 0.0

    def _synonym_tokens(self, token: str) -> set[str]:
        return {t for syn in self.tokenizer.synonyms.get(token, []) for t in self.tokenizer.tokens(syn)}

    def _dense(self, sentence: str, evidence: list[Evidence]) -> float | None:
        """Cosine of the sentence (as a query) to the closest clause or clause sentence; None without embedder."""
        if self.embedder is None:
            return None
        try:
            for e in evidence:
                if e.vectors is None:
                    texts = [e.hit.clause.indexed_text, *(s.text for s in e.sentences)]
                    e.vectors = np.asarray(self.embedder.embed_passages(texts), dtype=np.float32)
            q = np.asarray(self.embedder.embed_query(sentence), dtype=np.float32)
        except Exception:  # an embedder fault leaves the lexical evidence to decide
            self.embedder = None
            return None
        return max(float((e.vectors @ q).max()) for e in evidence)  # type: ignore[union-attr]

    def support(self, sentence: str, evidence: list[Evidence]) -> Support:
        """Is sentence backed by these clauses together?"""
        body = _LIST_ITEM.sub(r"\1", strip_markers(sentence)).strip()
        have_raw = set().union(*(e.numbers[0] for e in evidence))
        have_scaled = set().union(*(e.numbers[1] for e in evidence))
        numbers_ok = all(v in have_raw or (s is not None and s in have_scaled) for v, s in mentions(body))
        english = detect_lang(body) == "en" if body else False
        quoted = "".join(_CJK_RUN.findall(body)) if english else ""
        if len(quoted) >= MIN_QUOTED:  # an English sentence carrying the clause's Chinese words: check those
            body, english = quoted, False
        lexical = self.lexical(body, frozenset().union(*(e.tokens for e in evidence)), english)
        if not numbers_ok:
            return Support(False, lexical)
        if not english and lexical >= self.LEXICAL:
            return Support(True, lexical)
        if not english and lexical < self.LEXICAL_LOW:
            return Support(False, lexical)
        dense = self._dense(body, evidence)
        if dense is None:
            return Support(not english and lexical >= self.LEXICAL, lexical)
        if english:
            ok = (lexical >= self.LEXICAL_EN and dense >= self.DENSE_EN) or dense >= self.DENSE
        else:
            ok = dense >= self.DENSE
        return Support(ok, lexical, dense)

    def best(self, sentence: str) -> Evidence | None:
        """The supplied clause that supports sentence, trying the most overlapping ones first."""
        tokens = self._tokens(strip_markers(sentence))
        ranked = sorted(self.evidence, key=lambda e: (-len(tokens & e.tokens), e.key))
        for e in ranked[:2]:
            if self.support(sentence, [e]).supported:
                return e
        return None

    # ---- one sentence ----

    def judge(self, unit: str) -> SentenceCheck:
        body = strip_markers(unit)
        text = body.strip()
        keys = list(dict.fromkeys(k for k in marker_keys(unit) if 1 <= k <= self.n_sources))
        if not text:
            return SentenceCheck("", [], "dropped" if marker_keys(unit) else "framing")
        if says_cannot_answer(text):
            return SentenceCheck(body, [], "abstain")
        if not keys and _is_framing(unit, text):
            return SentenceCheck(body, [], "framing")
        if keys:
            cited = [self.evidence[k - 1] for k in keys]
            if self.support(unit, cited).supported:
                if len(cited) > 1:  # keep the keys that hold up on their own, if any do
                    alone = [e.key for e in cited if self.support(unit, [e]).supported]
                    keys = alone or keys
                return SentenceCheck(_with_markers(body, keys), keys, "kept")
        found = self.best(unit)
        if found is None:
            return SentenceCheck("", [], "dropped")
        return SentenceCheck(_with_markers(body, [found.key]), [found.key], "reattributed")

    # ---- quotes ----

    def quote(self, key: int, citing: list[str]) -> tuple[int, int]:
        """Document span of the clause sentences that best match the answer sentences citing it."""
        e = self.evidence[key - 1]
        clause = e.hit.clause
        if not e.sentences:
            return clause.start, clause.end
        picked: list[Sentence] = []
        for text in citing:
            tokens = self._tokens(strip_markers(text))
            scores = [len(tokens & st) for st in e.sentence_tokens]
            best = max(scores)
            if best > 0:
                picked.append(e.sentences[scores.index(best)])
        if not picked:
            return clause.start, clause.end
        return min(s.start for s in picked), max(s.end for s in picked)


def _is_framing(unit: str, text: str) -> bool:
    """A lead-in ("主要有以下措施：") or a short heading line with no facts in it."""
    if text.endswith(("：", ":")):
        return not re.search(r"\d", text) or len(text) <= 30
    heading = unit.rstrip(" \t").endswith("\n") and not any(c in _STOPS + "." for c in text)
    return heading and len(text) <= 20 and not re.search(r"\d", text)


def _with_markers(body: str, keys: list[int]) -> str:
    """body with [key] markers placed before its closing punctuation (blanks kept after)."""
    stripped = body.rstrip()
    blanks = body[len(stripped):]
    end = len(stripped)
    while end > 0 and stripped[end - 1] in _STOPS + ".：:":
        end -= 1
    marks = "".join(f"[{k}]" for k in keys)
    return stripped[:end] + marks + stripped[end:] + blanks


# ---- a whole reply, sentence by sentence ---------------------------------------------------------

@dataclass
class Verified:
    """The checked answer: text with dense [n], the source keys in number order, what was dropped."""

    text: str
    keys: list[int]
    abstained: bool
    dropped: int
    reattributed: int
    citing: dict[int, list[str]] = field(default_factory=dict)


class Assembler:
    """Feed reply pieces; get back verified, renumbered text to show, sentence by sentence.

    The deltas returned by feed() and finish() add up exactly to result().text.
    """

    def __init__(self, verifier: Verifier) -> None:
        self.verifier = verifier
        self.renumberer = Renumberer(verifier.n_sources)
        self.buffer = ""
        self.text = ""
        self.pending_blank = ""
        self.list_number = 0
        self.abstained = False
        self.dropped = 0
        self.reattributed = 0
        self.citing: dict[int, list[str]] = {}

    def feed(self, piece: str) -> list[str]:
        self.buffer += piece
        units, self.buffer = cut_sentences(self.buffer, final=False)
        return [d for u in units if (d := self._take(u))]

    def finish(self) -> list[str]:
        units, self.buffer = cut_sentences(self.buffer, final=True)
        return [d for u in units if (d := self._take(u))]

    def _take(self, unit: str) -> str:
        verdict = self.verifier.judge(unit)
        body = verdict.text
        if verdict.status == "dropped" or not body.strip():
            if unit.strip():
                self.dropped += verdict.status == "dropped"
            if "\n" in unit[len(unit.rstrip()):]:
                self.pending_blank = self.pending_blank if "\n" in self.pending_blank else "\n"
            return ""
        self.abstained |= verdict.status == "abstain"
        self.reattributed += verdict.status == "reattributed"
        for key in verdict.keys:
            self.citing.setdefault(key, []).append(body)
        core = body.rstrip()
        blank = body[len(core):]
        at_line_start = not self.text or self.text.endswith("\n") or "\n" in self.pending_blank
        if at_line_start:
            core = core.lstrip()
            m = _LIST_ITEM.match(core)
            if m:
                self.list_number += 1
                core = f"{m.group(1)}{self.list_number}{m.group(3)}{core[m.end():]}"
            else:
                self.list_number = 0
        delta = ("" if not self.text else self.pending_blank) + self.renumberer.apply(core)
        self.pending_blank = blank
        self.text += delta
        return delta

    def result(self) -> Verified:
        return Verified(self.text, self.renumberer.order, self.abstained, self.dropped, self.reattributed,
                        self.citing)


def citations_for(verified: Verified, verifier: Verifier, index: Index) -> list[Citation]:
    """Numbered citations whose quotes are cut verbatim from the document text."""
    out = []
    for n, key in enumerate(verified.keys, 1):
        hit = verifier.evidence[key - 1].hit
        clause = hit.clause
        doc = index.documents[clause.doc_id]
        start, end = verifier.quote(key, verified.citing.get(key, []))
        out.append(Citation(
            n=n, doc_id=clause.doc_id, doc_title=doc.meta.title, anchor=clause.anchor, section=clause.section,
            quote=doc.text[start:end], start=start, end=end, score=round(hit.score, 6),
        ))
    return out
