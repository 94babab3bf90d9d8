"""Chinese tokenising for the lexical index: jieba with the plan's own terms, minus stopwords.

Queries are expanded on top: colloquial words map to the plan's terms (synonyms.yaml, per token),
colloquial phrases to policy wording (colloquial.yaml, matched in the text, so jieba's cut of 老设备 does
not hide it) and English phrases to Chinese ones (glossary_en.yaml), so BM25 can meet the plan's wording.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from assistant.yamlfile import lexicon

TOKEN_MEMO_SIZE = 16384
TOKEN_MEMO_MAX_CHARS = 2000
_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)
_WORD = re.compile(r"[a-z0-9&\-]+|[^\sa-z0-9]", re.IGNORECASE)


class Tokenizer:
    """Thread-safe jieba tokenizer configured from a lexicon folder (knowledge/lexicon)."""

    def __init__(self, lexicon_dir: Path, cache_dir: Path) -> None:
        if not lexicon_dir.is_dir():
            raise ValueError(f"lexicon_dir must be a folder, got {lexicon_dir}")
        self.lexicon_dir = lexicon_dir
        self.cache_dir = cache_dir
        self._lock = threading.Lock()
        # Answering tokenises the same clause sentences and headings again and again (~10 ms of
        # jieba per question); a bounded memo of recent texts makes the repeats free.
        self._memo = lru_cache(maxsize=TOKEN_MEMO_SIZE)(self._tokens)

    @cached_property
    def _jieba(self):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tk = jieba.Tokenizer()
        tk.tmp_dir = str(self.cache_dir)  # jieba caches its prefix dict here, not in /tmp
        tk.initialize()
        tk.load_userdict(str(self.lexicon_dir / "userdict.txt"))
        return tk

    @cached_property
    def stopwords(self) -> frozenset[str]:
        lines = (self.lexicon_dir / "stopwords.txt").read_text(encoding="utf-8").split()
        return frozenset(w.lower() for w in lines)

    @cached_property
    def variants(self) -> dict[str, str]:
        return self._yaml("variants.yaml")

    @cached_property
    def synonyms(self) -> dict[str, list[str]]:
        return self._yaml("synonyms.yaml")

    @cached_property
    def glossary(self) -> list[tuple[re.Pattern[str], list[str]]]:
        entries = self._yaml("glossary_en.yaml")
        ordered = sorted(entries, key=len, reverse=True)  # longest phrase first
        return [(re.compile(rf"(?<![a-z]){re.escape(k.lower())}(?![a-z])"), entries[k]) for k in ordered]

    @cached_property
    def colloquial(self) -> list[tuple[str, list[str]]]:
        """colloquial.yaml as (phrase, policy terms), longest phrase first; a malformed file is one
        ConfigError naming it (none when the folder has no such file)."""
        return lexicon(self.lexicon_dir / "colloquial.yaml", _phrase_terms)

    def colloquial_terms(self, text: str) -> list[tuple[str, list[str]]]:
        """The colloquial phrases of a text and their policy terms; a phrase found is consumed, so the
        shorter phrases inside it (搞 in 搞研发) do not match again."""
        rest = self.fold(text).lower()
        found: list[tuple[str, list[str]]] = []
        for phrase, terms in self.colloquial:
            if phrase in rest:
                rest = rest.replace(phrase, " ")
                found.append((phrase, terms))
        return found

    def _yaml(self, name: str) -> dict:
        path = self.lexicon_dir / name
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.exists() else {}

    def fold(self, text: str) -> str:
        for variant, canonical in self.variants.items():
            text = text.replace(variant, canonical)
        return text

    def tokens(self, text: str) -> list[str]:
        """Index-side tokens: search-mode jieba words, lower-cased, stopwords and punctuation out."""
        if len(text) > TOKEN_MEMO_MAX_CHARS:
            return list(self._tokens(text))
        return list(self._memo(text))

    def _tokens(self, text: str) -> tuple[str, ...]:
        with self._lock:
            words = list(self._jieba.cut_for_search(self.fold(text)))
        return tuple(w for w in (w.strip().lower() for w in words)
                     if w and not _PUNCT.match(w) and w not in self.stopwords)

    def words(self, text: str) -> list[str]:
        """Precise-mode jieba words in order, lower-cased, stopwords kept ("" where punctuation was):
        the second ranking stage pairs neighbours into phrases (推进 + 方案)."""
        with self._lock:
            words = list(self._jieba.cut(self.fold(text)))
        return [("" if _PUNCT.match(w) else w) for w in (w.strip().lower() for w in words) if w]

    def word_starts(self, text: str) -> frozenset[int]:
        """Offsets in `text` (as given, not folded) at which a precise-mode jieba word begins, and its end:
        a cue word found in a question counts only where a word of it begins (区里 in 我们区里, not in 园区里)."""
        with self._lock:
            spans = list(self._jieba.tokenize(text))
        return frozenset(start for _, start, _ in spans) | {len(text)}

    @cached_property
    def _tagger(self):
        import jieba.posseg

        return jieba.posseg.POSTokenizer(self._jieba)

    def place_names(self, text: str, endings: tuple[str, ...]) -> list[str]:
        """Words jieba tags as place names (ns: 宜都市, 咸丰县) that end like an administrative unit
        (`endings`: 市 县 区 …): a text's places, also those no gazetteer lists."""
        with self._lock:
            pairs = list(self._tagger.cut(self.fold(text)))
        return list(dict.fromkeys(p.word for p in pairs if p.flag == "ns" and len(p.word) >= 3
                                  and p.word.endswith(endings)))

    def query_tokens(self, text: str) -> list[str]:
        """Question-side tokens: the same words plus domain synonyms and English glossary terms."""
        base = self.tokens(text)
        extra: list[str] = []
        for word in base:
            for term in self.synonyms.get(word, []):
                extra.extend(self.tokens(term))
        for _, terms in self.colloquial_terms(text):
            for term in terms:
                extra.extend(self.tokens(term))
        lowered = text.lower()
        for pattern, terms in self.glossary:
            if pattern.search(lowered):
                lowered = pattern.sub(" ", lowered)
                for term in terms:
                    extra.extend(self.tokens(term))
        seen = set(base)
        return base + [t for t in extra if not (t in seen or seen.add(t))]

    def warm_up(self) -> None:
        self.tokens("预热")


def _phrase_terms(raw: dict) -> list[tuple[str, list[str]]]:
    """phrase -> [term, …] entries, checked (a phrase and its terms are non-empty strings)."""
    for phrase, terms in raw.items():
        if not (isinstance(phrase, str) and phrase and isinstance(terms, list) and terms
                and all(isinstance(t, str) and t for t in terms)):
            raise ValueError(f"{phrase!r} 应对应非空的词语列表")
    return [(k, list(raw[k])) for k in sorted(raw, key=len, reverse=True)]
