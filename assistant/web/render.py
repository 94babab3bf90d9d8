"""Citations are data, rendered last: text, Markdown, HTML and CSV views of answers and matches.

Everything the browser shows is escaped here; quotes are highlighted by their offsets in the
document text, never by searching for the string.
"""

from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import quote, urlencode

from assistant.eligibility.vocabulary import Labels
from assistant.index.store import Index
from assistant.types import Answer, Citation, Clause, Match, MatchResult, Notice

Lang = str  # "zh" or "en"

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")

CONDITION_MARK = {"met": "✓", "unmet": "✗", "unknown": "?"}
SOURCES = {"zh": "来源", "en": "Sources"}
NOTE = {"zh": "提示", "en": "Note"}


def language_of(text: str) -> Lang:
    """English when the text has Latin letters and no Chinese characters, else Chinese."""
    return "en" if _LATIN.search(text or "") and not _CJK.search(text or "") else "zh"


def view_url(doc_id: str, anchor: str, start: int | None = None, end: int | None = None,
             n: int | None = None) -> str:
    """The app's own page for one clause, with the quoted span highlighted."""
    query = {k: v for k, v in (("start", start), ("end", end), ("n", n)) if v is not None}
    url = f"/view/{quote(doc_id, safe='')}/{quote(anchor, safe='')}"
    return url + ("?" + urlencode(query) if query else "")


def citation_url(c: Citation) -> str:
    return view_url(c.doc_id, c.anchor, c.start, c.end, c.n)


def citation_label(c: Citation) -> str:
    return f"[{c.n}] 《{c.doc_title}》 {c.anchor} · {c.section}"


# ---- answers -----------------------------------------------------------------------------------

def sources_text(answer: Answer, lang: Lang = "zh") -> str:
    """The plain-text block appended to OpenAI-style replies: sources, then notices."""
    parts: list[str] = []
    if answer.citations:
        lines = [f"{SOURCES[lang]}{'：' if lang == 'zh' else ':'}"]
        for c in answer.citations:
            lines.append(f"[{c.n}] 《{c.doc_title}》 {c.anchor} {c.section}")
            lines.append(f"    “{c.quote}”")
        parts.append("\n".join(lines))
    for notice in answer.notices:
        parts.append(f"{NOTE[lang]}{'：' if lang == 'zh' else ': '}{notice.message}")
    return "\n\n".join(parts)


def full_text(answer: Answer, lang: Lang = "zh") -> str:
    extra = sources_text(answer, lang)
    return answer.answer + ("\n\n" + extra if extra else "")


def strip_sources(text: str) -> str:
    """An earlier reply of ours as sent back by a client: the answer without the sources block."""
    for lang in ("zh", "en"):
        for marker in (f"\n\n{SOURCES[lang]}：", f"\n\n{SOURCES[lang]}:", f"\n\n{NOTE[lang]}：", f"\n\n{NOTE[lang]}: "):
            cut = text.find(marker)
            if cut != -1:
                text = text[:cut]
    return text


# Markdown's active characters, and the starts of GFM autolinks ("http://", "www.", "a@b.cn"): escaped,
# quoted document text shows as text, never as a link, image, HTML tag or emphasis.
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#|!~$@])|(:)(?=//)|(?i:(?<=www)(\.))")


def _escape_md(text: str) -> str:
    """Document text (quotes, answers built from them, titles) shown as text, never as markup."""
    return _MD_SPECIALS.sub(lambda m: "\\" + m.group(0), text)


def linked_markers(text: str, citations: list[Citation]) -> str:
    """Markdown: the answer as text; each [n] becomes a link to its clause (invented n stay plain)."""
    urls = {c.n: citation_url(c) for c in citations}

    def link(m: re.Match) -> str:
        n = int(m.group(1))
        return f"[\\[{n}\\]]({urls[n]})" if n in urls else f"[{n}]"  # "[2]" alone is no link

    return re.sub(r"\\\[(\d+)\\\]", link, _escape_md(text))


def answer_markdown(answer: Answer, lang: Lang = "zh") -> str:
    """The chat bubble: the answer with linked markers, the numbered sources, then notices."""
    parts = [linked_markers(answer.answer, answer.citations)]
    if answer.citations:
        lines = [f"**{SOURCES[lang]}**"]
        anchors = [c.anchor for c in answer.citations]
        for c in answer.citations:
            # The section path tells sources apart, unless several quotes come from one clause.
            detail = c.section if anchors.count(c.anchor) == 1 else f"「{clip(c.quote, 30)}」"
            lines.append(f"{c.n}. [《{_escape_md(c.doc_title)}》 {_escape_md(c.anchor)}]({citation_url(c)})"
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
        f'<div class="clause-doc">{badge}《{html.escape(title)}》</div>'
        f'<div class="clause-section">{html.escape(clause.section)}</div>'
        f'<div class="clause-anchor">{html.escape(clause.anchor)}</div>'
        f'<p class="clause-text">{_highlighted(clause.text, clause.start, start, end)}</p>'
        "</article>"
    )


def citation_html(index: Index, c: Citation) -> str:
    clause = index.clause(f"{c.doc_id}#{c.anchor}")
    if clause is None:  # the index changed since the answer: show the quote itself
        return (f'<article class="clause-card"><div class="clause-doc">[{c.n}] 《{html.escape(c.doc_title)}》</div>'
                f'<div class="clause-section">{html.escape(c.section)}</div>'
                f'<p class="clause-text"><mark class="quote">{html.escape(c.quote)}</mark></p></article>')
    return clause_html(index, clause, c.start, c.end, c.n)


def document_tree_html(index: Index, doc_id: str, lang: Lang = "zh") -> str:
    """A document as its clause tree: headings from the section paths, leaves with anchors."""
    doc = index.documents[doc_id]
    meta = doc.meta
    labels = {"zh": ("发文机关", "成文日期", "执行期", "条款"), "en": ("Issuer", "Issued", "In force", "clauses")}[lang]
    period = (f"{meta.effective_from or '?'} — {meta.effective_to or '?'}"
              if meta.effective_from or meta.effective_to else "—")
    clauses = [c for c in index.clauses if c.doc_id == doc_id]
    out = [f'<section class="doc-tree" data-doc="{html.escape(doc_id)}">',
           f"<h3>《{html.escape(meta.title)}》</h3>",
           f'<p class="doc-meta">{labels[0]}：{html.escape(meta.issuer or "—")}　'
           f'{labels[1]}：{meta.issue_date or "—"}　{labels[2]}：{period}　{len(clauses)} {labels[3]}</p>']
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

MATCH_HEADERS = {
    "zh": ["类别", "措施", "状态", "理由", "引用"],
    "en": ["Category", "Measure", "Status", "Reasons", "Citations"],
}


def _reasons(match: Match) -> str:
    return "；".join(f"{CONDITION_MARK[c.status]} {c.reason}" for c in match.conditions)


def _citations(match: Match) -> str:
    return "；".join(f"{c.anchor}「{c.quote}」" for c in match.citations)


def match_rows(result: MatchResult, labels: Labels, lang: Lang = "zh") -> list[list[str]]:
    """Category and status named by knowledge/messages/labels.yaml (the same words as the CLI and chat)."""
    return [[labels.category_of(m.category, lang), m.title_zh if lang == "zh" else m.title_en,
             labels.status_of(m.status, lang), _reasons(m), _citations(m)] for m in result.matches]


def matches_csv(result: MatchResult, labels: Labels, lang: Lang = "zh") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*MATCH_HEADERS[lang], "benefit", "next_steps"])
    for m, row in zip(result.matches, match_rows(result, labels, lang), strict=True):
        writer.writerow([*row, m.benefit, "；".join(m.next_steps)])
    return "\ufeff" + buffer.getvalue()  # BOM: Excel opens UTF-8 Chinese correctly


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def matches_markdown(result: MatchResult, labels: Labels, lang: Lang = "zh") -> str:
    title = {"zh": "# 可申请的支持措施", "en": "# Support measures for this company"}[lang]
    lines = [title, ""]
    profile = result.profile.model_dump(exclude_none=True, exclude_defaults=True)
    if profile:
        lines += [{"zh": "企业画像：", "en": "Profile: "}[lang]
                  + "；".join(f"{labels.field(k, lang)}={v}" for k, v in profile.items()), ""]
    headers = MATCH_HEADERS[lang]
    lines.append("| " + " | ".join(headers) + " |")
    lines.append("|" + "---|" * len(headers))
    for row in match_rows(result, labels, lang):
        lines.append("| " + " | ".join(_cell(x) for x in row) + " |")
    for notice in result.notices:
        lines += ["", f"> {notice.message}"]
    return "\n".join(lines) + "\n"
