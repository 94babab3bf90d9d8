"""One document changing another's validity (《X》有效期延长至…, 同时废止《X》), applied library-wide.

Run at index build over the whole library: a sentence of document Y that names document X of the
library (by the 文号 in brackets after its 《title》, else by the title, else by the title without its
notes — 《X》 for X（试行） — when only one other document has it) next to an extension or repeal verb
(knowledge/documents/validity_links.yaml) moves X's effective_to and is recorded in X's
meta.validity_changes (Y, the verbatim sentence, X's own end before the change). A title not in the
library changes nothing; a 解读 only restates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from assistant.documents.metadata import DATE, DOC_NUMBER, date_of, without_note, year_end
from assistant.errors import ConfigError
from assistant.text import title_key
from assistant.types import ClosedModel, Document, ValidityChange
from assistant.yamlfile import load_yaml_model

LINKS_FILE = "validity_links.yaml"
_SENTENCES = re.compile(r"[^。；;！!？?\n]+")
_ONE_TITLE = r"《[^《》]{2,80}》\s*(?:[（(][^（）()]{0,40}[）)])?\s*[、，,和及与]?\s*"
_CHAIN_BEFORE = re.compile(rf"((?:{_ONE_TITLE})+)$")
_CHAIN_AFTER = re.compile(rf"^\s*((?:{_ONE_TITLE})+)")
_TITLE = re.compile(r"《([^《》]{2,80})》\s*(?:[（(]([^（）()]{0,40})[）)])?")
_YEAR_END = re.compile(r"([0-9０-９〇零一二三四五六七八九]{4})\s*年\s*(?:底|末)")


class _Repeal(ClosedModel):
    before: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)


class _LinksFile(ClosedModel):
    extend: list[str]
    repeal: _Repeal


@dataclass(frozen=True)
class LinkRules:
    extend: tuple[re.Pattern[str], ...]
    repeal_before: tuple[re.Pattern[str], ...]
    repeal_after: tuple[re.Pattern[str], ...]


def load_link_rules(path: Path) -> LinkRules:
    """The file's patterns compiled; ConfigError naming the file when one is bad."""
    data = load_yaml_model(path, _LinksFile, ConfigError)
    try:
        compile_all = lambda xs: tuple(re.compile(x) for x in xs)  # noqa: E731
        return LinkRules(extend=compile_all(data.extend), repeal_before=compile_all(data.repeal.before),
                         repeal_after=compile_all(data.repeal.after))
    except re.error as exc:
        raise ConfigError(f"{path}: 正则表达式有误（{exc}）") from None


@dataclass(frozen=True)
class _Said:
    kind: str  # extended / repealed
    target: str  # doc_id
    source: Document
    sentence: str
    to: dt.date


def _date_after(text: str) -> dt.date | None:
    """The date written right after an extension verb (…延长至2027年12月31日 / 2027年底)."""
    head = text[:24].lstrip()
    m = DATE.match(head)
    if m:
        return date_of(m, end_of_period=True)
    m = _YEAR_END.match(head)
    return year_end(m.group(1)) if m else None


@dataclass(frozen=True)
class _Library:
    """The library's documents by what a sentence may name them by: 文号, title, title without its notes."""

    by_number: dict[str, str]
    by_title: dict[str, str]
    by_bare: dict[str, list[str]]

    def find(self, title: str, note: str, source: str) -> str | None:
        """The document 《title》（note） names: by the 文号 in its note, else by its title as written, else
        by its title without notes (《X》 for X（试行）) when one other document has it."""
        number = DOC_NUMBER.search(re.sub(r"\s+", "", note or ""))
        if number and _number_key(number) in self.by_number:
            return self.by_number[_number_key(number)]
        key = title_key(title)
        if key in self.by_title:
            return self.by_title[key]
        others = [d for d in self.by_bare.get(without_note(key), []) if d != source]
        return others[0] if len(others) == 1 else None


def _number_key(m: re.Match[str]) -> str:
    return f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号"


def _library(documents: list[Document]) -> _Library:
    by_number: dict[str, str] = {}
    by_title: dict[str, str] = {}
    by_bare: dict[str, list[str]] = {}
    for doc in documents:
        meta = doc.meta
        number = DOC_NUMBER.search(meta.doc_number or "")
        if number:
            by_number.setdefault(_number_key(number), meta.doc_id)
        by_title.setdefault(title_key(meta.title), meta.doc_id)
        by_bare.setdefault(without_note(title_key(meta.title)), []).append(meta.doc_id)
    return _Library(by_number, by_title, by_bare)


def _targets(chain: str, library: _Library, source: str) -> list[str]:
    found = (library.find(title, note, source) for title, note in _TITLE.findall(chain))
    return [t for t in found if t is not None]


def _repeal_day(source: Document) -> dt.date | None:
    """The last day a repealed document is in force: the day before its successor starts (else its issue day)."""
    meta = source.meta
    if meta.effective_from is not None:
        return meta.effective_from - dt.timedelta(days=1)
    return meta.issue_date


def _statements(doc: Document, rules: LinkRules, library: _Library) -> list[_Said]:
    if doc.meta.doc_type == "解读":  # an explanation restates the change its document makes
        return []
    out: list[_Said] = []
    for sentence in (s.strip() for s in _SENTENCES.findall(doc.text)):
        if "《" not in sentence:
            continue
        for pattern in rules.extend:
            for m in pattern.finditer(sentence):
                chain, to = _CHAIN_BEFORE.search(sentence[:m.start()]), _date_after(sentence[m.end():])
                if chain and to:
                    out += [_Said("extended", t, doc, sentence, to)
                            for t in _targets(chain.group(1), library, doc.meta.doc_id)]
        repeal_to = _repeal_day(doc)
        if repeal_to is None:
            continue
        for patterns, near in ((rules.repeal_before, "before"), (rules.repeal_after, "after")):
            for pattern in patterns:
                for m in pattern.finditer(sentence):
                    chain = (_CHAIN_BEFORE.search(sentence[:m.start()]) if near == "before"
                             else _CHAIN_AFTER.search(sentence[m.end():]))
                    if chain:
                        out += [_Said("repealed", t, doc, sentence, repeal_to)
                                for t in _targets(chain.group(1), library, doc.meta.doc_id)]
    return [s for s in out if s.target != doc.meta.doc_id]


def _changed(doc: Document, said: list[_Said]) -> Document:
    """doc with every change applied in the order of its sources; the change in words is rendered when
    a notice shows it (validity.change_notes, knowledge/messages/validity.yaml)."""
    original = doc.meta.effective_to
    current, changes, seen = original, [], set()
    for s in sorted(said, key=lambda s: (s.source.meta.effective_from or s.source.meta.issue_date or dt.date.min,
                                         s.source.meta.doc_id)):
        if (s.kind, s.source.meta.doc_id) in seen:
            continue
        if s.kind == "extended" and current is not None and s.to <= current:
            continue  # an "extension" to an earlier day is a misreading, not a change
        seen.add((s.kind, s.source.meta.doc_id))
        current = s.to if s.kind == "extended" or current is None else min(current, s.to)
        changes.append(ValidityChange(kind=s.kind, by_doc_id=s.source.meta.doc_id, by_title=s.source.meta.title,
                                      sentence=s.sentence, original_to=original, effective_to=current))
    if not changes:
        return doc
    meta = doc.meta.model_copy(update={"effective_to": current, "validity_changes": changes})
    return doc.model_copy(update={"meta": meta})


def apply_validity_links(documents: list[Document], rules: LinkRules) -> list[Document]:
    """The library with every explicit extension / repeal between its documents applied (see module doc)."""
    library = _library(documents)
    said: dict[str, list[_Said]] = {}
    for doc in documents:
        for s in _statements(doc, rules, library):
            said.setdefault(s.target, []).append(s)
    return [_changed(d, said[d.meta.doc_id]) if d.meta.doc_id in said else d for d in documents]
