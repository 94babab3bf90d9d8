"""What saved profiles' alerts, the application calendar and the 政策体检 report show, in zh and en
(Settings.messages_dir / watch_ui.yaml; the errors stay in watch.yaml), and the language they show it in.

    texts = watch_texts(settings.messages_dir)
    lang = watch_lang(request_lang, accept_language, saved.profile)   # the one rule of assistant.text
    texts.text("calendar_summary", lang, title=item.title)
"""

from __future__ import annotations

from pathlib import Path

from assistant.messages import Messages, load_messages
from assistant.text import ReplyLang, reply_lang
from assistant.types import CompanyProfile

FILE = "watch_ui.yaml"


class WatchTexts(Messages):
    """watch_ui.yaml: every text in both languages, and every key below present (checked at load)."""

    REQUIRED = frozenset({
        "alert_deadline", "alert_facts_sep", "alert_head", "alerts", "bad_key", "badge", "calendar",
        "calendar_closed_row", "calendar_line_amount", "calendar_line_citation", "calendar_line_document",
        "calendar_line_opens", "calendar_line_status", "calendar_name", "calendar_row", "calendar_summary",
        "cli_alert_basis", "cli_alert_facts", "cli_alert_head", "cli_amount_not_stated", "cli_calendar_head",
        "cli_closed_head", "cli_closed_row", "cli_no_alerts", "cli_no_deadline", "cli_not_stated", "cli_opens",
        "cli_written", "closed", "days_left", "ics", "intro", "key", "name", "no_alerts", "no_profile", "no_windows",
        "none_saved", "refresh", "report", "report_amount", "report_basis", "report_category", "report_concerns",
        "report_days_left", "report_deadline", "report_doc", "report_doc_number", "report_estimate", "report_footer",
        "report_generated", "report_issuer", "report_kind_doc", "report_label_sep", "report_lang", "report_list_sep",
        "report_may_qualify", "report_missing", "report_missing_field", "report_missing_items",
        "report_missing_requirements", "report_next", "report_no", "report_no_next", "report_no_profile",
        "report_no_qualifies", "report_no_unavailable", "report_none", "report_note", "report_nothing_missing",
        "report_notices", "report_period", "report_period_range", "report_profile", "report_qualifies",
        "report_region", "report_state", "report_step_deadline", "report_title", "report_unavailable",
        "report_unnamed", "report_validity", "report_value_sep", "report_yes", "save", "saved", "saved_ok",
        "status_may_qualify", "status_qualifies", "status_unavailable", "tab", "undated", "unnamed",
    })


def watch_texts(messages_dir: Path | None = None) -> WatchTexts:
    """The texts of `messages_dir` (default: Settings().messages_dir); a missing file is a clear error."""
    return load_messages(messages_dir, FILE, WatchTexts, "关注页用语")


def watch_lang(explicit: object = None, accept_language: str | None = None,
               profile: CompanyProfile | None = None) -> ReplyLang:
    """The language of a saved profile's alerts, calendar and report: the one named (?lang=, --lang, the
    UI switch), else Accept-Language, else the language of the profile's own description, else zh."""
    return reply_lang(explicit, accept_language, profile.description if profile is not None else None)
