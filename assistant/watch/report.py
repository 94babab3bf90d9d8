"""The 政策体检 report of one company: a self-contained printable HTML page and Markdown.

    html, md = build_report(runtime, saved)                         # a saved profile, live match
    data = report_data(profile, result, documents, vocab, today, name="襄阳减速器")
    html = render_report(data, settings.templates_dir, "html")    # inline CSS, print styles, no assets

Rendered with Jinja2 (maintained, already a dependency of Gradio; pinned) from
knowledge/templates/report.html.j2 and report.md.j2, so the wording and layout are data. HTML
autoescapes everything (document quotes included); Markdown is rendered as plain text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape
from pydantic import BaseModel, Field

from assistant.documents.validity import validity_notice
from assistant.eligibility.vocabulary import Labels, Vocabulary, term_name
from assistant.text import book_title
from assistant.types import CompanyProfile, DocumentMeta, Match, MatchResult
from assistant.watch.errors import WatchError, message
from assistant.watch.store import SavedProfile
from assistant.watch.texts import WatchTexts, watch_lang, watch_texts

ReportFormat = Literal["html", "md"]
TEMPLATES = {"html": "report.html.j2", "md": "report.md.j2"}


class FieldLine(BaseModel):
    label: str
    value: str


class MissingField(BaseModel):
    field: str
    label: str
    items: list[str] = Field(description="Titles of the items whose unknown conditions this field settles")
    requirements: list[str] = Field(default_factory=list)


class DocumentValidity(BaseModel):
    doc_id: str
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    region: str | None = None
    period: str
    notice: str | None = None
    severity: str = "info"


class ReportData(BaseModel):
    title: str
    company: str
    generated: dt.date
    profile: list[FieldLine]
    qualifies: list[Match]
    may_qualify: list[Match]
    unavailable: list[Match]
    missing: list[MissingField]
    next_steps: list[str]
    documents: list[DocumentValidity]
    notices: list[str]
    status_labels: dict[str, str]
    category_labels: dict[str, str]
    kind_labels: dict[str, str]
    lang: str = "zh"
    t: dict[str, str] = Field(default_factory=dict, description="watch_ui.yaml's texts in `lang` (the headings)")


def report_data(profile: CompanyProfile, result: MatchResult, documents: Mapping[str, DocumentMeta],
                vocab: Vocabulary, today: dt.date, name: str | None = None, lang: str = "zh",
                texts: WatchTexts | None = None) -> ReportData:
    """The report's content in `lang` (labels, headings, validity); item titles, amounts and quotes verbatim."""
    texts, labels = texts or watch_texts(), vocab.labels
    matches = [m for m in result.matches if m.status in ("qualifies", "may_qualify")]
    cited = {m.doc_id for m in [*matches, *result.unavailable] if m.doc_id}
    company = name or profile.name or texts.text("report_unnamed", lang)
    return ReportData(
        title=_one_line(texts.text("report_title", lang, company=company)), company=company, generated=today,
        profile=_profile_lines(profile, vocab, texts, lang),
        qualifies=[m for m in matches if m.status == "qualifies"],
        may_qualify=[m for m in matches if m.status == "may_qualify"],
        unavailable=result.unavailable, missing=_missing(matches, labels, lang),
        next_steps=_next_steps(matches, texts, lang),
        documents=[_validity(documents[d], today, texts, lang) for d in sorted(cited) if d in documents],
        notices=[n.message for n in result.notices],
        status_labels={s: labels.status_of(s, lang) for s in labels.status},
        category_labels={c: labels.category_of(c, lang) for c in labels.category},
        kind_labels={k: labels.kind_of(k, lang) for k in labels.kind},
        lang=lang, t={key: (text.en if lang == "en" else text.zh) for key, text in texts.texts.items()},
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_report(data: ReportData, templates_dir: Path, fmt: ReportFormat = "html") -> str:
    try:
        template = _environment(templates_dir, fmt).get_template(TEMPLATES[fmt])
        return template.render(r=data)
    except (TemplateError, OSError) as exc:
        raise WatchError(message("report_template_failed", path=templates_dir / TEMPLATES[fmt],
                                 reason=" ".join(str(exc).split())[:200])) from exc


def _environment(templates_dir: Path, fmt: ReportFormat) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates_dir)), undefined=StrictUndefined,
                      autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["book_title"] = book_title  # {{ d.title|book_title }}: framed in 《》 once, as everywhere
    return env


def _profile_lines(profile: CompanyProfile, vocab: Vocabulary, texts: WatchTexts, lang: str) -> list[FieldLine]:
    lines = []
    for key, value in profile.model_dump(exclude_none=True).items():
        if value in ([], "", {}) or key in ("description", "certifications_stated"):
            continue
        if isinstance(value, bool):
            value = texts.text("report_yes" if value else "report_no", lang)
        elif isinstance(value, list):  # roles, sectors, needs in the report's language, as the match reasons
            value = texts.text("report_value_sep", lang).join(term_name(vocab, key, str(v), lang) for v in value)
        elif key == "certification_years":  # 高新技术企业 2024（首次认定）
            value = texts.text("report_value_sep", lang).join(
                f"{name} {d['year']}" + (texts.text(f"report_round_{d['round']}", lang) if d.get("round") else "")
                for name, d in value.items())
        elif key == "size":
            value = term_name(vocab, key, value, lang)
        elif key == "rd_ratio":
            value = f"{value:.1%}"
        elif isinstance(value, float):
            value = f"{value:g}"  # 8000, not 8000.0
        lines.append(FieldLine(label=vocab.labels.field(key, lang), value=str(value)))
    return lines


def _missing(matches: list[Match], labels: Labels, lang: str) -> list[MissingField]:
    """Profile fields whose value would turn an `unknown` condition into met or unmet."""
    found: dict[str, MissingField] = {}
    for match in matches:
        for condition in match.conditions:
            if condition.status != "unknown":
                continue
            entry = found.setdefault(condition.field, MissingField(
                field=condition.field, label=labels.field(condition.field, lang), items=[]))
            if match.title_zh not in entry.items:
                entry.items.append(match.title_zh)
            if condition.requirement not in entry.requirements:
                entry.requirements.append(condition.requirement)
    return sorted(found.values(), key=lambda f: (f.field == "attestation", -len(f.items), f.field))


def _next_steps(matches: list[Match], texts: WatchTexts, lang: str) -> list[str]:
    steps: list[str] = []
    dated = sorted((m for m in matches if m.deadline), key=lambda m: m.deadline)
    for match in dated[:5]:
        steps.append(_one_line(texts.text(
            "report_step_deadline", lang, title=match.title_zh, deadline=match.deadline.isoformat(),
            days=match.days_left if match.days_left is not None else "?")))
    for match in matches:
        steps.extend(s for s in match.next_steps if s not in steps)
    return steps


def _validity(meta: DocumentMeta, today: dt.date, texts: WatchTexts, lang: str) -> DocumentValidity:
    start, end = meta.effective_from, meta.effective_to
    period = texts.text("report_period_range", lang, start=start.isoformat() if start else "—",
                        end=end.isoformat() if end else "—")
    notice = validity_notice(meta, today, lang)
    return DocumentValidity(doc_id=meta.doc_id, title=meta.title, doc_number=meta.doc_number, issuer=meta.issuer,
                            region=meta.region, period=period, notice=notice.message if notice else None,
                            severity=notice.severity if notice else "info")


def build_report(runtime, saved: SavedProfile, today: dt.date | None = None,  # type: ignore[no-untyped-def]
                 lang: str | None = None) -> tuple[str, str]:
    """(html, markdown) of the report for a saved profile, from a live match of the current build; in
    `lang`, else the language of the profile's description (watch_lang)."""
    index, eligibility = runtime.index, runtime.eligibility
    today = today or eligibility.clock()
    lang = lang or watch_lang(profile=saved.profile)
    result = runtime.watch.judge(index, eligibility, saved.profile, today, lang=lang)
    metas = {doc_id: doc.meta for doc_id, doc in index.documents.items()}
    data = report_data(saved.profile, result, metas, eligibility.vocabulary, today, name=saved.name, lang=lang,
                       texts=watch_texts(runtime.settings.messages_dir))
    templates = runtime.settings.templates_dir
    return render_report(data, templates, "html"), render_report(data, templates, "md")
