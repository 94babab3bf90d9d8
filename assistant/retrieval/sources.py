"""Which documents of the library each document cites, and the sentences of one document.

A city's implementation plan (为贯彻落实《加快全省…行动方案》), a 解读 of 《…若干措施》 or a 申报通知
under 《…管理办法》 copies whole sentences of the document it cites. When the question names neither,
the passage they share is answered from the cited document: it is the source the copies follow and
applies wherever they do (assistant/retrieval/rerank.py completes and leads near-copy groups with it).

A document cites another when the other's title (without its note, whitespace ignored) stands in
《》 in its text, its title or its parent policy. Built once per loaded index (its memo).
"""

from __future__ import annotations

import re

from assistant.documents.metadata import without_note
from assistant.documents.sentences import Sentence
from assistant.index.passage import passage
from assistant.index.store import Index

_QUOTED = re.compile(r"《([^》]{2,80})》")
MIN_TITLE = 4  # shorter 《》 quotes (《目录》) name no document of the library


def _compact(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text or "")


def _quoted_titles(text: str) -> set[str]:
    return {without_note(_compact(q)) for q in _QUOTED.findall(text or "")}


def title_forms(title: str) -> set[str]:
    """The ways another text quotes a document's title (note and whitespace dropped): whole, and from its
    关于 on when an issuer opens it (湖北省经济和信息化厅关于开展…的通知 is quoted 《关于开展…的通知》)."""
    whole = without_note(_compact(title))
    at = whole.find(ABOUT)
    return {whole, whole[at:]} if at >= MIN_ISSUER and len(whole) - at >= MIN_TITLE else {whole}


ABOUT = "关于"
MIN_ISSUER = 2  # characters of an issuer before 关于 (省政府关于…)


def build_citations(index: Index) -> dict[str, frozenset[str]]:
    """doc_id → the other documents of the library whose title it quotes."""
    by_title: dict[str, set[str]] = {}
    for doc_id, doc in index.documents.items():
        for title in title_forms(doc.meta.title or ""):
            if len(title) >= MIN_TITLE:
                by_title.setdefault(title, set()).add(doc_id)
    out: dict[str, frozenset[str]] = {}
    for doc_id, doc in index.documents.items():
        quoted = _quoted_titles(doc.text) | _quoted_titles(doc.meta.title or "") | _quoted_titles(
            doc.meta.parent_policy or "")
        cited = {d for title in quoted for d in by_title.get(title, ()) if d != doc_id}
        if cited:
            out[doc_id] = frozenset(cited)
    return out


def citations(index: Index) -> dict[str, frozenset[str]]:
    """build_citations of the index, once per loaded index."""
    return index.memo.table("document_citations", 1).get_or_build("cites", lambda: build_citations(index))


def document_sentences(index: Index, doc_id: str) -> list[tuple[int, Sentence]]:
    """(clause position, sentence) for every sentence of one document, built once per index and document."""
    def build() -> list[tuple[int, Sentence]]:
        return [(pos, s) for pos, clause in enumerate(index.clauses) if clause.doc_id == doc_id
                for s in passage(index, clause).sentences]

    return index.memo.table("document_sentences", 64).get_or_build(doc_id, build)
