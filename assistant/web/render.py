"""Citations are data, rendered last: text, Markdown, HTML and CSV views of answers and matches.

Everything the browser shows is escaped here; quotes are highlighted by their offsets in the
document text, never by searching for the string.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from typing import Literal
from urllib.parse import quote, urlencode

from assistant.documents import validity
from assistant.eligibility.vocabulary import Labels
from assistant.index.store import Index
from assistant.text import book_title, ui_lang
from assistant.types import Answer, Citation, Clause, DocumentMeta, Match, MatchResult, Notice
from assistant.web.messages import WebMessages, web_messages

Lang = str  # "zh" or "en"

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")

CONDITION_MARK = {"met": "✓", "unmet": "✗", "unknown": "?"}


def language_of(text: str) -> Lang:
    """The one language rule (assistant.text.ui_lang): an English question quoting 首台套 is English."""
    return ui_lang(text or "")


def view_url(doc_id: str, anchor: str, start: int | None = None, end: int | None = None,
             n: int | None = None) -> str:
    """The app's own page for one clause, with the quoted span highlighted."""
    query = {k: v for k, v in (("start", start), ("end", end), ("n", n)) if v is not None}
    url = f"/view/{quote(doc_id, safe='')}/{quote(anchor, safe='')}"
    return url + ("?" + urlencode(query) if query else "")


def citation_url(c: Citation) -> str:
    return view_url(c.doc_id, c.anchor, c.start, c.end, c.n)


def citation_label(c: Citation) -> str:
    return f"[{c.n}] {book_title(c.doc_title)} {c.anchor} · {c.section}"


# ---- answers -----------------------------------------------------------------------------------

def sources_text(answer: Answer, lang: Lang | None = None, msg: WebMessages | None = None) -> str:
    """The plain-text block appended to OpenAI-style replies: sources, then notices (in answer.lang).

    Labels from messages/web.yaml (`msg`; default: Settings().messages_dir)."""
    lang, msg = lang or answer.lang, msg or web_messages()
    parts: list[str] = []
    if answer.citations:
        lines = [msg.text("sources_heading", lang, title=msg.text("sources_title", lang))]
        for c in answer.citations:
            lines.append(f"[{c.n}] {book_title(c.doc_title)} {c.anchor} {c.section}")
            lines.append(f"    “{c.quote}”")
        parts.append("\n".join(lines))
    for notice in answer.notices:
        parts.append(msg.text("note_line", lang, title=msg.text("note_title", lang), message=notice.message))
    return "\n\n".join(parts)


def full_text(answer: Answer, lang: Lang | None = None, msg: WebMessages | None = None) -> str:
    extra = sources_text(answer, lang, msg)
    return answer.answer + ("\n\n" + extra if extra else "")


def strip_sources(text: str, msg: WebMessages | None = None) -> str:
    """An earlier reply of ours as sent back by a client: the answer without the sources block."""
    msg = msg or web_messages()
    titles = [msg.text(key, lang) for key in ("sources_title", "note_title") for lang in ("zh", "en")]
    for title in titles:  # either colon: a client may have re-typed it
        for marker in (f"\n\n{title}：", f"\n\n{title}:"):
            cut = text.find(marker)
            if cut != -1:
                text = text[:cut]
    return text


# Markdown's active characters, and the starts of GFM autolinks ("http://", "www.", "a@b.cn"): escaped,
# quoted document text shows as text, never as a link, image, HTML tag or emphasis.
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#|!~$@])|(:)(?=//)|(?i:(?<=www)(\.))")


def escape_md(text: str) -> str:
    """Document text (quotes, answers built from them, titles) shown as text, never as markup."""
    return _MD_SPECIALS.sub(lambda m: "\\" + m.group(0), text)


_escape_md = escape_md


def linked_markers(text: str, citations: list[Citation]) -> str:
    """Markdown: the answer as text; each [n] becomes a link to its clause (invented n stay plain)."""
    urls = {c.n: citation_url(c) for c in citations}

    def link(m: re.Match) -> str:
        n = int(m.group(1))
        return f"[\\[{n}\\]]({urls[n]})" if n in urls else f"[{n}]"  # "[2]" alone is no link

    return re.sub(r"\\\[(\d+)\\\]", link, _escape_md(text))


def answer_markdown(answer: Answer, lang: Lang | None = None, msg: WebMessages | None = None) -> str:
    """The chat bubble: the answer with linked markers, the numbered sources, then notices (in answer.lang)."""
    lang, msg = lang or answer.lang, msg or web_messages()
    parts = [linked_markers(answer.answer, answer.citations)]
    if answer.citations:
        lines = [f"**{msg.text('sources_title', lang)}**"]
        anchors = [c.anchor for c in answer.citations]
        for c in answer.citations:
            # The section path tells sources apart, unless several quotes come from one clause.
            detail = c.section if anchors.count(c.anchor) == 1 else f"「{clip(c.quote, 30)}」"
            lines.append(f"{c.n}. [{_escape_md(book_title(c.doc_title))} {_escape_md(c.anchor)}]({citation_url(c)})"
                         f" · {_escape_md(detail)}")
        parts.append("\n".join(lines))
    for notice in answer.notices:
        icon = "⚠️" if notice.severity == "warning" else "ℹ️"
        parts.append(f"> {icon} {_escape_md(notice.message)}")
    return "\n\n".join(parts)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def notices_html(notices: list[Notice]) -> str:
    """Notices beside the answer, warnings (e.g. the plan's execution period has ended) first."""
    ordered = sorted(notices, key=lambda n: n.severity != "warning")
    return "".join(f'<div class="notice {n.severity}" data-code="{html.escape(n.code)}">'
                   f"{'⚠️' if n.severity == 'warning' else 'ℹ️'} {html.escape(n.message)}</div>" for n in ordered)


# ---- what was understood of a document ---------------------------------------------------------

Validity = Literal["in_force", "expired", "not_yet", "unknown"]

# (message key of the label, the DocumentMeta fields whose provenance it shows, first set wins)
_FACTS: list[tuple[str, tuple[str, ...]]] = [
    ("doc_title", ("title",)),
    ("doc_issuers", ("issuers", "issuer")),
    ("doc_number", ("doc_number",)),
    ("doc_issue_date", ("issue_date",)),
    ("doc_validity", ("effective_to", "effective_from")),
    ("doc_level_region", ("level", "region")),
    ("doc_type", ("doc_type",)),
]


def date_text(d: dt.date, lang: Lang, msg: WebMessages) -> str:
    """2027年12月31日 / 2027-12-31 (messages/web.yaml `date`)."""
    return msg.text("date", lang, year=d.year, month=d.month, day=d.day, iso=d.isoformat())


def validity_of(meta: DocumentMeta, today: dt.date) -> Validity:
    """The document's state today from its window (unknown when it states none)."""
    return validity.status(meta, today) or "unknown"


def _validity_state(meta: DocumentMeta, today: dt.date, msg: WebMessages, lang: Lang) -> str:
    status = validity_of(meta, today)
    if status == "expired":
        return msg.text("validity_expired", lang, date=date_text(meta.effective_to, lang, msg))
    if status == "not_yet":
        return msg.text("validity_not_yet", lang, date=date_text(meta.effective_from, lang, msg))
    return msg.text("validity_in_force" if status == "in_force" else "validity_unknown", lang)


def validity_text(meta: DocumentMeta, today: dt.date, msg: WebMessages, lang: Lang = "zh") -> str:
    """"2025年1月1日 至 2027年12月31日（现行有效）", or "有效期未注明"."""
    if validity_of(meta, today) == "unknown":
        return msg.text("validity_unknown", lang)
    open_end = msg.text("period_open", lang)
    period = msg.text("period", lang,
                      start=date_text(meta.effective_from, lang, msg) if meta.effective_from else open_end,
                      end=date_text(meta.effective_to, lang, msg) if meta.effective_to else open_end)
    text = msg.text("validity_window", lang, period=period, state=_validity_state(meta, today, msg, lang))
    notes = validity.change_notes(meta, lang)  # extended / repealed by another document of the library
    if not notes:
        return text
    return msg.text("validity_changed", lang, text=text, notes=msg.text("notes_sep", lang).join(notes))


def valid_until_text(meta: DocumentMeta, today: dt.date, msg: WebMessages, lang: Lang = "zh") -> str:
    """"有效期至2027年12月31日", with the state when the document is not in force today."""
    if meta.effective_to is None:
        return msg.text("valid_until_unknown", lang)
    until = msg.text("valid_until", lang, date=date_text(meta.effective_to, lang, msg))
    if validity_of(meta, today) == "in_force":
        return until
    return msg.text("valid_until_state", lang, until=until, state=_validity_state(meta, today, msg, lang))


def _fact_value(key: str, meta: DocumentMeta, today: dt.date, msg: WebMessages, lang: Lang) -> str | None:
    if key == "doc_title":
        return meta.title
    if key == "doc_issuers":
        return msg.text("list_sep", lang).join(meta.issuers) if meta.issuers else meta.issuer
    if key == "doc_number":
        return meta.doc_number
    if key == "doc_issue_date":
        return date_text(meta.issue_date, lang, msg) if meta.issue_date else None
    if key == "doc_validity":
        return None if validity_of(meta, today) == "unknown" else validity_text(meta, today, msg, lang)
    if key == "doc_level_region":
        return " · ".join(x for x in (meta.level, meta.region) if x) or None
    return meta.doc_type


def document_facts(meta: DocumentMeta, today: dt.date, msg: WebMessages,
                   lang: Lang = "zh") -> list[tuple[str, str, str | None, str | None]]:
    """(key, label, value or None when not found, provenance: extracted / given / default / None)."""
    out = []
    for key, fields in _FACTS:
        source = next((meta.provenance[f] for f in fields
                       if f in meta.provenance and getattr(meta, f, None) not in (None, [], "")), None)
        out.append((key, msg.text(key, lang), _fact_value(key, meta, today, msg, lang), source))
    return out


def facts_html(meta: DocumentMeta, today: dt.date, msg: WebMessages, lang: Lang = "zh",
               clauses: int | None = None, items: int | None = None) -> str:
    """The policy browser's header: each understood field, whether it was extracted or given, validity today."""
    rows = []
    for key, label, value, source in document_facts(meta, today, msg, lang):
        shown = html.escape(value) if value else f'<span class="fact-missing">{msg.text("doc_unknown", lang)}</span>'
        badge = (f' <span class="prov prov-{source}">{msg.text("provenance_" + source, lang)}</span>'
                 if source and value else "")
        rows.append(f'<div class="fact" data-fact="{key}"><dt>{html.escape(label)}</dt><dd>{shown}{badge}</dd></div>')
    counts = [msg.text("doc_clauses", lang, n=clauses) if clauses is not None else "",
              msg.text("doc_items", lang, n=items) if items is not None else ""]
    return (f'<dl class="doc-facts" data-validity="{validity_of(meta, today)}">{"".join(rows)}</dl>'
            f'<p class="doc-counts">{html.escape(" · ".join(c for c in counts if c))}</p>'
            f'<p class="prov-legend">{html.escape(msg.text("provenance_legend", lang))}</p>')


def understood_text(meta: DocumentMeta, items: int, today: dt.date, msg: WebMessages, lang: Lang = "zh",
                    replaced: bool = False) -> str:
    """One line (plain text) on an added document: what was read, "N 条支持事项、有效期至…", 已替换."""
    facts, missing = [], []
    for key, label, value, _source in document_facts(meta, today, msg, lang):
        if key in ("doc_title", "doc_validity"):
            continue  # the title leads the line, the validity ends it
        if value:
            facts.append(msg.text("fact", lang, label=label, value=value))
        else:
            missing.append(label)
    if missing:
        facts.append(msg.text("not_found_fields", lang, fields=msg.text("list_sep", lang).join(missing)))
    line = msg.text("upload_understood", lang, title=book_title(meta.title), doc_id=meta.doc_id,
                    facts=msg.text("facts_sep", lang).join(facts), items=msg.text("doc_items", lang, n=items),
                    validity=valid_until_text(meta, today, msg, lang))
    return line + (msg.text("upload_replaced", lang) if replaced else "")


# ---- clauses and documents ---------------------------------------------------------------------

def _highlighted(text: str, offset: int, start: int | None, end: int | None) -> str:
    """HTML of `text` (which starts at `offset` in its document) with [start, end) marked."""
    if start is None or end is None or end <= offset or start >= offset + len(text) or end <= start:
        return html.escape(text)
    a, b = max(start - offset, 0), min(end - offset, len(text))
    return (html.escape(text[:a]) + '<mark class="quote">' + html.escape(text[a:b]) + "</mark>"
            + html.escape(text[b:]))


def clause_html(index: Index, clause: Clause, start: int | None = None, end: int | None = None,
                n: int | None = None) -> str:
    """One clause as a card: document, section path, anchor and text with the quote marked."""
    doc = index.documents.get(clause.doc_id)
    title = doc.meta.title if doc else clause.doc_id
    badge = f'<span class="cite-n">[{n}]</span> ' if n else ""
    return (
        f'<article class="clause-card" data-doc="{html.escape(clause.doc_id)}" '
        f'data-anchor="{html.escape(clause.anchor)}">'
        f'<div class="clause-doc">{badge}{html.escape(book_title(title))}</div>'
        f'<div class="clause-section">{html.escape(clause.section)}</div>'
        f'<div class="clause-anchor">{html.escape(clause.anchor)}</div>'
        f'<p class="clause-text">{_highlighted(clause.text, clause.start, start, end)}</p>'
        "</article>"
    )


def citation_html(index: Index, c: Citation) -> str:
    clause = index.clause(f"{c.doc_id}#{c.anchor}")
    if clause is None:  # the index changed since the answer: show the quote itself
        title = html.escape(book_title(c.doc_title))
        return (f'<article class="clause-card"><div class="clause-doc">[{c.n}] {title}</div>'
                f'<div class="clause-section">{html.escape(c.section)}</div>'
                f'<p class="clause-text"><mark class="quote">{html.escape(c.quote)}</mark></p></article>')
    return clause_html(index, clause, c.start, c.end, c.n)


def items_of(index: Index, doc_id: str) -> int:
    """How many support items the current build holds for the document."""
    return sum(1 for i in index.items if i.doc_id == doc_id)


def document_tree_html(index: Index, doc_id: str, msg: WebMessages, lang: Lang = "zh",
                       today: dt.date | None = None) -> str:
    """A document as its clause tree, under what was understood of it (fields, provenance, validity today)."""
    doc = index.documents[doc_id]
    meta = doc.meta
    clauses = [c for c in index.clauses if c.doc_id == doc_id]
    header = facts_html(meta, today or dt.date.today(), msg, lang, clauses=len(clauses), items=items_of(index, doc_id))
    out = [f'<section class="doc-tree" data-doc="{html.escape(doc_id)}">',
           f"<h3>{html.escape(book_title(meta.title))}</h3>", f'<div class="doc-meta">{header}</div>']
    open_path: list[str] = []
    for clause in clauses:
        path = clause.section.split(" › ")[:-1]
        common = 0
        while common < min(len(path), len(open_path)) and path[common] == open_path[common]:
            common += 1
        for _ in range(len(open_path) - common):
            out.append("</div></details>")
        for heading in path[common:]:
            out.append(f'<details open class="tree-node"><summary>{html.escape(heading)}</summary><div>')
        open_path = path
        out.append(
            f'<div class="tree-leaf" id="{html.escape(clause.anchor)}">'
            f'<a class="clause-anchor" href="{view_url(clause.doc_id, clause.anchor)}" target="_blank">'
            f"{html.escape(clause.anchor)}</a> "
            f'<span class="clause-text">{html.escape(clause.text)}</span></div>')
    out.extend("</div></details>" for _ in open_path)
    out.append("</section>")
    return "".join(out)


# ---- eligibility matches ------------------------------------------------------------------------
# Fields of the library matcher's Match (doc_title, amount_text, estimate, deadline, days_left,
# availability_reason) are read with getattr: a Match of the plan-only catalogue has none of them.

MATCH_COLUMNS = ["col_document", "col_category", "col_measure", "col_amount", "col_deadline", "col_status",
                 "col_reasons", "col_citations"]
UNAVAILABLE_COLUMNS = ["col_document", "col_category", "col_measure", "col_amount", "col_reason_unavailable",
                       "col_citations"]
EXPORT_EXTRA = ["col_reason_unavailable", "col_benefit", "col_next_steps"]


def match_headers(msg: WebMessages, lang: Lang = "zh") -> list[str]:
    return [msg.text(k, lang) for k in MATCH_COLUMNS]


def unavailable_headers(msg: WebMessages, lang: Lang = "zh") -> list[str]:
    return [msg.text(k, lang) for k in UNAVAILABLE_COLUMNS]


def unavailable_of(result: MatchResult) -> list[Match]:
    return list(getattr(result, "unavailable", None) or [])


def _reasons(match: Match) -> str:
    return "；".join(f"{CONDITION_MARK[c.status]} {c.reason}" for c in match.conditions)


def _citations(match: Match) -> str:
    return "；".join(f"{c.anchor}「{c.quote}」" for c in match.citations)


def match_document(match: Match) -> str:
    title = getattr(match, "doc_title", None) or (match.citations[0].doc_title if match.citations else "")
    return book_title(title)


def match_amount(match: Match, msg: WebMessages, lang: Lang = "zh") -> str:
    """The document's own amount words, verbatim; an estimate is labelled as one, never shown alone."""
    text = getattr(match, "amount_text", None) or msg.text("amount_not_stated", lang)
    estimate = getattr(match, "estimate", None)
    return msg.text("facts_sep", lang).join([text, msg.text("amount_estimate", lang, estimate=estimate)]) \
        if estimate else text


def match_deadline(match: Match, msg: WebMessages, lang: Lang = "zh", today: dt.date | None = None) -> str:
    deadline: dt.date | None = getattr(match, "deadline", None)
    opens: dt.date | None = getattr(match, "opens", None)
    parts = []
    if opens is not None and opens > (today or dt.date.today()):
        parts.append(msg.text("deadline_opens", lang, date=date_text(opens, lang, msg)))
    if deadline is None:
        parts.append(msg.text("deadline_none", lang))
    else:
        days = getattr(match, "days_left", None)
        if days is None:
            days = (deadline - (today or dt.date.today())).days
        key = "deadline_days_left" if days > 0 else "deadline_today" if days == 0 else "deadline_passed"
        parts.append(msg.text(key, lang, date=date_text(deadline, lang, msg), days=days))
    return msg.text("facts_sep", lang).join(parts)


def _status(match: Match, labels: Labels, msg: WebMessages, lang: Lang) -> str:
    try:
        return labels.status_of(match.status, lang)
    except KeyError:  # a status the labels file does not name yet
        return msg.text("unavailable_title", lang) if match.status == "unavailable" else match.status


def _title(match: Match, lang: Lang) -> str:
    return match.title_zh if lang == "zh" else match.title_en


def match_rows(result: MatchResult, labels: Labels, msg: WebMessages, lang: Lang = "zh",
               today: dt.date | None = None) -> list[list[str]]:
    """The available items (qualifies / may qualify …): document, amount, deadline, status, reasons, citations.

    Category and status are named by knowledge/messages/labels.yaml (the same words as the CLI and chat).
    """
    return [[match_document(m), labels.category_of(m.category, lang), _title(m, lang), match_amount(m, msg, lang),
             match_deadline(m, msg, lang, today), _status(m, labels, msg, lang), _reasons(m), _citations(m)]
            for m in result.matches]


def unavailable_reason(match: Match, msg: WebMessages, lang: Lang = "zh") -> str:
    return getattr(match, "availability_reason", None) or msg.text("unavailable_title", lang)


def unavailable_rows(result: MatchResult, labels: Labels, msg: WebMessages, lang: Lang = "zh") -> list[list[str]]:
    """Items of expired documents or closed windows, listed apart with the reason (never as available)."""
    return [[match_document(m), labels.category_of(m.category, lang), _title(m, lang), match_amount(m, msg, lang),
             unavailable_reason(m, msg, lang), _citations(m)] for m in unavailable_of(result)]


def matches_csv(result: MatchResult, labels: Labels, msg: WebMessages, lang: Lang = "zh",
                today: dt.date | None = None) -> str:
    """The table's columns, then reason / benefit / next steps; unavailable items after the available
    ones, their status column saying 已失效/已截止 and the reason filled in."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*match_headers(msg, lang), *(msg.text(k, lang) for k in EXPORT_EXTRA)])
    for m, row in zip(result.matches, match_rows(result, labels, msg, lang, today), strict=True):
        writer.writerow([*row, "", m.benefit, "；".join(m.next_steps)])
    closed = msg.text("unavailable_title", lang)
    for m in unavailable_of(result):
        writer.writerow([match_document(m), labels.category_of(m.category, lang), _title(m, lang),
                         match_amount(m, msg, lang), match_deadline(m, msg, lang, today), closed, _reasons(m),
                         _citations(m), unavailable_reason(m, msg, lang), m.benefit, "；".join(m.next_steps)])
    return "\ufeff" + buffer.getvalue()  # BOM: Excel opens UTF-8 Chinese correctly


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(_cell(x) for x in row) + " |" for row in rows]


def matches_markdown(result: MatchResult, labels: Labels, msg: WebMessages, lang: Lang = "zh",
                     today: dt.date | None = None) -> str:
    lines = [msg.text("export_title", lang), ""]
    profile = result.profile.model_dump(exclude_none=True, exclude_defaults=True)
    if profile:
        lines += [msg.text("export_profile", lang)
                  + "；".join(f"{labels.field(k, lang)}={v}" for k, v in profile.items()), ""]
    lines += _md_table(match_headers(msg, lang), match_rows(result, labels, msg, lang, today))
    closed = unavailable_rows(result, labels, msg, lang)
    if closed:
        lines += ["", msg.text("export_unavailable_title", lang), ""]
        lines += _md_table(unavailable_headers(msg, lang), closed)
    for notice in result.notices:
        lines += ["", f"> {notice.message}"]
    return "\n".join(lines) + "\n"
