"""One passage per clause: its sentences, their words and its numbers, read once and shared.

The second ranking stage, the scope judge, the composer (evidence units, parts) and the verifier
all read the same clause: its sentence spans, the index tokenizer's words of each sentence, of
the heading path and of the text, and the numbers it states. `passage(index, clause)` builds that
reading once per loaded index (the index's memo: a reload starts empty) and every reader shares
it; each field is computed on first use, so a reader that needs only the sentences pays for no
tokenising. Sentence spans are offsets in the document text (document.text[start:end] is the
sentence, as clause.text[start - clause.start:end - clause.start] is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.documents.clauses import SEPARATOR
from assistant.documents.numbers import quantities
from assistant.documents.sentences import Sentence, sentences_of
from assistant.types import Clause

if TYPE_CHECKING:
    from assistant.index.store import Index
    from assistant.index.tokenizer import Tokenizer

PASSAGES = 4096  # passages kept per index: a question reads a few dozen, a document's facts a few hundred


@dataclass(frozen=True)
class Passage:
    """A clause as every reader sees it; without a tokenizer only its sentences can be read."""

    clause: Clause
    tokenizer: Tokenizer | None = field(default=None, compare=False, repr=False)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(sentences_of(self.clause))

    @cached_property
    def sentence_tokens(self) -> tuple[frozenset[str], ...]:
        """The words of each sentence, in sentence order."""
        return tuple(frozenset(self._tokens(s.text)) for s in self.sentences)

    @cached_property
    def heading_tokens(self) -> frozenset[str]:
        """The words of the heading path (its own title included)."""
        return frozenset(self._tokens(self.clause.section))

    @cached_property
    def context_tokens(self) -> frozenset[str]:
        """The words of the enclosing headings: the path without the clause's own title."""
        return frozenset(self._tokens(" ".join(self.clause.section.split(SEPARATOR)[:-1])))

    @cached_property
    def text_tokens(self) -> frozenset[str]:
        return frozenset(self._tokens(self.clause.text))

    @cached_property
    def tokens(self) -> frozenset[str]:
        """The words of heading path and text: what the BM25 index holds for the clause (its indexed text;
        the newline between them is a word boundary, so the union is that text's words)."""
        return self.heading_tokens | self.text_tokens

    @cached_property
    def numbers(self) -> tuple[set[float], set[float]]:
        """The numbers of heading path and text, as written and scaled by their unit."""
        return quantities(self.clause.indexed_text)

    def _tokens(self, text: str) -> list[str]:
        if self.tokenizer is None:
            raise ValueError(f"passage {self.clause.id} has no tokenizer: only its sentences can be read")
        return self.tokenizer.tokens(text)


def passage(index: Index, clause: Clause) -> Passage:
    """The shared passage of a clause, built once per loaded index."""
    key = (clause.id, clause.start, clause.text)  # a clause id names one text within one build
    return index.memo.table("passages", PASSAGES).get_or_build(key, lambda: Passage(clause, index.tokenizer))
