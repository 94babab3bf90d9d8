"""The 企业关注与提醒 tab: save the matched company, its alerts with a count badge, calendar, report.

Registered by assistant/web/ui.py's build_ui (`relabel += watch_tab(ctx, lang_radio)`); it reads
the company the 企业画像 tab last matched from ctx.profile_state (a CompanyProfile). With API keys
on, the tab asks for the key and shows only that key's profiles (an admin key: all), exactly as
the REST API does; with keys off every profile is 'public'.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.text import book_title
from assistant.types import CompanyProfile
from assistant.watch.calendar import write_ics
from assistant.watch.report import build_report
from assistant.watch.store import Owner
from assistant.watch.texts import watch_texts
from assistant.web import render

log = logging.getLogger(__name__)
MAX_SHOWN = 50




def watch_tab(ctx: Any, lang_radio: gr.Radio) -> list:
    """Build the tab; returns (component, update for a language) pairs for the language switch."""
    runtime, web = ctx.runtime, ctx.web
    texts = watch_texts(runtime.settings.messages_dir)  # the tab's words, and the alerts', .ics's and report's

    def t(key: str, lang: str, **values: object) -> str:
        return texts.text(key, lang, **values)

    def lang_of(choice: str | None) -> str:
        return "en" if choice == "English" else "zh"

    def caller(key: str | None) -> tuple[Owner, bool] | None:
        key = (key or "").strip()
        if not web.auth_enabled:
            return Owner.public(), False
        if not web.is_api_key(key):
            return None
        return Owner.from_api_key(key), web.is_admin_key(key)

    def choices(owner: Owner, admin: bool, lang: str) -> list[tuple[str, int]]:
        saved = runtime.watch.profiles.list(owner, admin=admin)
        return [(f"#{p.id} {p.name or p.profile.name or t('unnamed', lang)}", p.id) for p in saved]

    def show(key: str, selected: int | None, lang_choice: str):
        lang = lang_of(lang_choice)
        who = caller(key)
        if who is None:
            return gr.Dropdown(choices=[], value=None), "", t("bad_key", lang), "", None, None
        owner, admin = who
        try:
            options = choices(owner, admin, lang)
            ids = [i for _, i in options]
            if selected not in ids:
                selected = ids[-1] if ids else None
            dropdown = gr.Dropdown(choices=options, value=selected)
            if selected is None:
                return dropdown, t("badge", lang, count=0), t("none_saved", lang), "", None, None
            watch = runtime.watch
            badge = t("badge", lang, count=watch.alerts.count(owner, selected, admin=admin))
            alerts = watch.alerts.list_alerts(owner, selected, admin=admin, limit=MAX_SHOWN)
            saved = watch.profiles.get(owner, selected, admin=admin)
            view = watch.calendar(runtime.index, runtime.eligibility, saved.profile)
            folder = Path(tempfile.mkdtemp(dir=ctx.export_dir))
            ics = write_ics(view, folder / f"calendar-{saved.id}.ics", texts=texts, lang=lang)  # the UI's language
            html, _ = build_report(runtime, saved, lang=lang)
            report = folder / f"report-{saved.id}.html"
            report.write_text(html, encoding="utf-8")
            return dropdown, badge, _alerts_md(alerts, lang, t), _calendar_md(view, lang, t), str(ics), str(report)
        except AssistantError as exc:
            return gr.skip(), "", f"⚠️ {render.escape_md(str(exc))}", "", None, None

    def save(key: str, name: str, profile: CompanyProfile | None, lang_choice: str):
        lang = lang_of(lang_choice)
        who = caller(key)
        if who is None:
            return t("bad_key", lang), gr.skip()
        if not isinstance(profile, CompanyProfile):
            return t("no_profile", lang), gr.skip()
        try:
            saved = runtime.watch.add_profile(who[0], profile, name=(name or "").strip() or None)
        except AssistantError as exc:
            return f"⚠️ {render.escape_md(str(exc))}", gr.skip()
        return t("saved_ok", lang, id=saved.id), gr.Dropdown(choices=choices(*who, lang), value=saved.id)

    zh = "zh"
    with gr.Tab(t("tab", zh), id="watch", elem_id="tab-watch") as tab:
        intro = gr.Markdown(t("intro", zh))
        with gr.Row():
            key = gr.Textbox(label=t("key", zh), type="password", visible=web.auth_enabled, elem_id="watch-key")
            name = gr.Textbox(label=t("name", zh), max_length=200, elem_id="watch-name")
        with gr.Row():
            save_btn = gr.Button(t("save", zh), variant="primary", elem_id="watch-save")
            refresh_btn = gr.Button(t("refresh", zh), elem_id="watch-refresh")
        status = gr.Markdown(elem_id="watch-status")
        with gr.Row():
            saved_dd = gr.Dropdown(label=t("saved", zh), choices=[], elem_id="watch-profiles", scale=3)
            badge = gr.Markdown(elem_id="watch-badge")
        with gr.Row():
            with gr.Column():
                alerts_title = gr.Markdown(f"### {t('alerts', zh)}")
                alerts_md = gr.Markdown(elem_id="watch-alerts")
            with gr.Column():
                calendar_title = gr.Markdown(f"### {t('calendar', zh)}")
                calendar_md = gr.Markdown(elem_id="watch-calendar")
        with gr.Row():
            ics_file = gr.File(label=t("ics", zh), interactive=False, elem_id="watch-ics")
            report_file = gr.File(label=t("report", zh), interactive=False, elem_id="watch-report")

    outputs = [saved_dd, badge, alerts_md, calendar_md, ics_file, report_file]
    save_btn.click(save, [key, name, ctx.profile_state, lang_radio], [status, saved_dd], api_visibility="private",
                   ).then(show, [key, saved_dd, lang_radio], outputs, api_visibility="private")
    refresh_btn.click(show, [key, saved_dd, lang_radio], outputs, api_visibility="private")
    tab.select(show, [key, saved_dd, lang_radio], outputs, api_visibility="private")
    saved_dd.input(show, [key, saved_dd, lang_radio], outputs, api_visibility="private")
    # The alerts, calendar, .ics and report are worded in the UI's language: a switch words them again.
    lang_radio.change(show, [key, saved_dd, lang_radio], outputs, api_visibility="private")
    return [(tab, lambda lang, _a: gr.Tab(label=t("tab", lang))),
            (intro, lambda lang, _a: gr.Markdown(t("intro", lang))),
            (key, lambda lang, _a: gr.Textbox(label=t("key", lang))),
            (name, lambda lang, _a: gr.Textbox(label=t("name", lang))),
            (save_btn, lambda lang, _a: gr.Button(t("save", lang))),
            (refresh_btn, lambda lang, _a: gr.Button(t("refresh", lang))),
            (saved_dd, lambda lang, _a: gr.Dropdown(label=t("saved", lang))),
            (alerts_title, lambda lang, _a: gr.Markdown(f"### {t('alerts', lang)}")),
            (calendar_title, lambda lang, _a: gr.Markdown(f"### {t('calendar', lang)}")),
            (ics_file, lambda lang, _a: gr.File(label=t("ics", lang))),
            (report_file, lambda lang, _a: gr.File(label=t("report", lang)))]


def _alerts_md(alerts, lang: str, t) -> str:  # type: ignore[no-untyped-def]
    if not alerts:
        return t("no_alerts", lang)
    lines = []
    for a in alerts:
        head = t("alert_head", lang, title=render.escape_md(a.title), status=t(f"status_{a.status}", lang),
                 doc=render.escape_md(book_title(a.doc_title or a.doc_id)))
        facts = [x for x in (a.amount and render.escape_md(a.amount),
                             a.deadline and t("alert_deadline", lang, deadline=a.deadline)) if x]
        quote = a.citations[0] if a.citations else None
        lines.append(head + (f"  \n  {t('alert_facts_sep', lang).join(facts)}" if facts else "")
                     + (f"  \n  > 〔{quote.anchor}〕{render.escape_md(quote.quote)}" if quote else ""))
    return "\n".join(lines)


def _calendar_md(view, lang: str, t) -> str:  # type: ignore[no-untyped-def]
    lines = []
    for item in view.upcoming[:MAX_SHOWN]:
        when = t("days_left", lang, deadline=item.deadline, days=item.days_left) if item.deadline else "—"
        lines.append(t("calendar_row", lang, when=when, title=render.escape_md(item.title),
                       doc=render.escape_md(book_title(item.doc_title or item.doc_id))))
    if not lines:
        lines.append(t("no_windows", lang))
    if view.closed:
        lines.append(f"\n**{t('closed', lang)}**")
        lines += [t("calendar_closed_row", lang, deadline=i.deadline, title=render.escape_md(i.title))
                  for i in view.closed[:MAX_SHOWN]]
    if view.undated:
        lines.append("\n" + t("undated", lang, n=len(view.undated)))
    return "\n".join(lines)
