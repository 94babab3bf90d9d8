"""`assistant profiles | alerts | calendar | report`: the watch commands, registered by assistant/cli.py.

Thin: each command parses, calls the Watch the Runtime built, prints. The CLI is the operator's
tool, so it sees every saved profile (as the admin key does); profiles it adds are owned by
'public' (the owner used when API keys are off).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.eligibility import read_profile_file
from assistant.errors import AssistantError, InvalidLanguage
from assistant.text import book_title, parse_lang
from assistant.watch.calendar import CalendarView, write_ics
from assistant.watch.files import write_atomic
from assistant.watch.report import build_report
from assistant.watch.store import Owner, SavedProfile
from assistant.watch.texts import WatchTexts, watch_lang, watch_texts

RuntimeFactory = Callable[[], Any]
ADMIN = Owner.public()


def _since(text: str | None) -> dt.date | dt.datetime | None:
    if text is None:
        return None
    try:
        return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
    except ValueError:
        raise AssistantError(f"--since 应为日期，如 2026-05-01（收到 {text[:40]}）") from None


def _print_profile(saved: SavedProfile, labels) -> None:  # type: ignore[no-untyped-def]
    fields = {k: v for k, v in saved.profile.model_dump(exclude_none=True).items()
              if v not in ([], "", False) and k not in ("description", "certifications_stated")}
    shown = "；".join(f"{labels.field(k)}={'、'.join(map(str, v)) if isinstance(v, list) else v}"
                     for k, v in fields.items())
    print(f"#{saved.id} {saved.name or '（未命名）'}  {shown}")
    if saved.webhook_url:
        print(f"    回调：{saved.webhook_url}")


def cmd_profiles(args: argparse.Namespace, runtime_factory: RuntimeFactory) -> int:
    """Save, list, show and remove company profiles that alerts watch.

    Example: assistant profiles add --describe "我们是襄阳一家做精密减速器的中小企业" --name 襄阳减速器
             assistant profiles add --profile company.json --webhook https://erp.example.com/hook --json
             assistant profiles list --json
             assistant profiles show 3
             assistant profiles remove 3
    `add` with --webhook prints the HMAC secret once (X-Signature-256 = sha256=HMAC(secret, body)).
    """
    runtime = runtime_factory()
    watch, labels = runtime.watch, runtime.eligibility.labels
    if args.action == "add":
        if args.profile is None and args.describe is None:
            raise AssistantError("请给出 --profile 或 --describe")
        given = read_profile_file(args.profile) if args.profile else None
        profile, _ = runtime.eligibility.profile(given, args.describe)
        saved = watch.add_profile(ADMIN, profile, name=args.name, webhook_url=args.webhook)
        if args.json:
            print(json.dumps({**saved.public_view(), "webhook_secret": saved.webhook_secret}, ensure_ascii=False))
        else:
            _print_profile(saved, labels)
            if saved.webhook_secret:
                print(f"    回调签名密钥（只显示这一次）：{saved.webhook_secret}")
        return 0
    if args.action == "list":
        found = watch.profiles.list(ADMIN, admin=True)
        if args.json:
            print(json.dumps([p.public_view() for p in found], ensure_ascii=False))
        for saved in [] if args.json else found:
            _print_profile(saved, labels)
        if not found and not args.json:
            print("还没有保存的企业画像。")
        return 0
    if args.id is None:
        raise AssistantError(f"profiles {args.action} 需要画像编号，如 assistant profiles {args.action} 3")
    if args.action == "show":
        saved = watch.profiles.get(ADMIN, args.id, admin=True)
        print(json.dumps(saved.public_view(), ensure_ascii=False)) if args.json else _print_profile(saved, labels)
        return 0
    watch.profiles.remove(ADMIN, args.id, admin=True)
    print(json.dumps({"removed": args.id})) if args.json else print(f"已删除企业画像 #{args.id}（及其提醒）")
    return 0


def cmd_alerts(args: argparse.Namespace, runtime_factory: RuntimeFactory) -> int:
    """List the alerts ingests created: new policy items a saved profile qualifies or may qualify for.

    Example: assistant alerts --json
             assistant alerts --profile 3 --since 2026-05-01 --lang en
    Newest first (at most 1000); --count prints only how many. Words in --lang, else (with --profile)
    the language of that profile's description, else Chinese; item texts verbatim.
    """
    runtime = runtime_factory()
    watch = runtime.watch
    since = _since(args.since)
    owner = None
    if args.profile is not None:  # an unknown id is an error, not an empty list
        owner = watch.profiles.get(ADMIN, args.profile, admin=True).profile
    lang = watch_lang(args.lang, None, owner)
    if args.count:
        count = watch.alerts.count(ADMIN, args.profile, since, admin=True)
        print(json.dumps({"count": count}) if args.json else count)
        return 0
    found = watch.alerts.list_alerts(ADMIN, args.profile, since, admin=True)
    if args.json:
        print(json.dumps([a.model_dump(mode="json") for a in found], ensure_ascii=False))
        return 0
    texts = watch_texts(runtime.settings.messages_dir)

    def t(key: str, **values: object) -> str:
        return texts.text(key, lang, **values)

    for a in found:
        print(t("cli_alert_head", id=a.id, profile=a.profile_id, title=a.title, status=t(f"status_{a.status}"),
                doc=book_title(a.doc_title or a.doc_id)))
        print(t("cli_alert_facts", amount=a.amount or t("cli_amount_not_stated"),
                deadline=a.deadline or t("cli_not_stated"), created=f"{a.created_at:%Y-%m-%d %H:%M}"))
        for c in a.citations[:1]:
            print(t("cli_alert_basis", anchor=c.anchor, quote=c.quote))
    if not found:
        print(t("cli_no_alerts"))
    return 0


def _print_calendar(view: CalendarView, texts: WatchTexts, lang: str) -> None:
    def t(key: str, **values: object) -> str:
        return texts.text(key, lang, **values)

    print(t("cli_calendar_head", today=view.today.isoformat()))
    for item in view.upcoming:
        when = t("days_left", deadline=item.deadline, days=item.days_left) if item.deadline else t("cli_no_deadline")
        opens = t("cli_opens", opens=item.opens) if item.state == "not_yet_open" else ""
        print(f"  {when}{opens}  {item.title}  {book_title(item.doc_title or item.doc_id)}  {item.amount or ''}")
    if not view.upcoming:
        print("  " + t("no_windows"))
    if view.closed:
        print(t("cli_closed_head"))
        for item in view.closed:
            print(f"  {t('cli_closed_row', deadline=item.deadline)}  {item.title}  "
                  f"{book_title(item.doc_title or item.doc_id)}")
    if view.undated:
        print(t("undated", n=len(view.undated)))


def cmd_calendar(args: argparse.Namespace, runtime_factory: RuntimeFactory) -> int:
    """The application calendar of a saved profile: open windows soonest first, with days left.

    Example: assistant calendar --profile 3
             assistant calendar --profile 3 --ics deadlines.ics     (import into any calendar app)
             assistant calendar --profile 3 --json
    Computed from a live match over every item of the current build; closed windows are listed apart.
    """
    runtime = runtime_factory()
    saved = runtime.watch.profiles.get(ADMIN, args.profile, admin=True)
    view = runtime.watch.calendar(runtime.index, runtime.eligibility, saved.profile)
    texts, lang = watch_texts(runtime.settings.messages_dir), watch_lang(args.lang, None, saved.profile)
    if args.ics:
        write_ics(view, args.ics, texts=texts, lang=lang)
    print(view.model_dump_json()) if args.json else _print_calendar(view, texts, lang)
    if args.ics and not args.json:
        print(texts.text("cli_written", lang, path=args.ics))
    return 0


def cmd_report(args: argparse.Namespace, runtime_factory: RuntimeFactory) -> int:
    """Write the 政策体检 report of a saved profile: report-<id>.html (printable, self-contained) and .md.

    Example: assistant report --profile 3 --out reports/
    Covers what the company qualifies and may qualify for across the library, amounts, deadlines,
    the information that would settle the open conditions, next steps, verbatim citations and the
    validity of each document; expired or closed items are listed apart.
    """
    runtime = runtime_factory()
    saved = runtime.watch.profiles.get(ADMIN, args.profile, admin=True)
    html, markdown = build_report(runtime, saved, lang=watch_lang(args.lang, None, saved.profile))
    out = Path(args.out)
    written = [_write(out / f"report-{saved.id}.html", html), _write(out / f"report-{saved.id}.md", markdown)]
    for path in written:
        print(path)
    return 0


def _write(path: Path, text: str) -> Path:
    return write_atomic(path, text.encode("utf-8"), ".report-", "report_write_failed")


LANG_HELP = "language of the words (zh, en, or a tag like en-US; default: the profile description's)"


def _lang_option(value: str) -> str:
    """--lang checked by the one rule's parser: an unknown language is argparse's one error line."""
    try:
        return parse_lang(value)
    except InvalidLanguage as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_commands(sub: argparse._SubParsersAction, runtime_factory: RuntimeFactory) -> None:
    """Register profiles / alerts / calendar / report on the `assistant` parser."""
    raw = argparse.RawDescriptionHelpFormatter

    def bind(command: Callable[[argparse.Namespace, RuntimeFactory], int]) -> Callable[[argparse.Namespace], int]:
        return lambda args: command(args, runtime_factory)

    profiles = sub.add_parser("profiles", help="saved company profiles", description=cmd_profiles.__doc__,
                              formatter_class=raw)
    profiles.add_argument("action", choices=["add", "list", "show", "remove"])
    profiles.add_argument("id", nargs="?", type=int, help="profile number (show, remove)")
    profiles.add_argument("--profile", metavar="FILE.json", help="company profile as JSON (add)")
    profiles.add_argument("--describe", metavar="TEXT", help="free-text description of the company (add)")
    profiles.add_argument("--name", help="a name for the saved profile (add)")
    profiles.add_argument("--webhook", metavar="URL", help="https URL that receives signed alert POSTs (add)")
    profiles.add_argument("--json", action="store_true", help="print JSON")
    profiles.set_defaults(func=bind(cmd_profiles))

    alerts = sub.add_parser("alerts", help="alerts on new matching policy items", description=cmd_alerts.__doc__,
                            formatter_class=raw)
    alerts.add_argument("--profile", type=int, metavar="ID", help="only this saved profile's alerts")
    alerts.add_argument("--since", metavar="DATE", help="only alerts created on or after this date (UTC)")
    alerts.add_argument("--count", action="store_true", help="print only the number of alerts")
    alerts.add_argument("--json", action="store_true", help="print JSON")
    alerts.add_argument("--lang", type=_lang_option, metavar="zh|en", help=LANG_HELP)
    alerts.set_defaults(func=bind(cmd_alerts))

    calendar = sub.add_parser("calendar", help="application calendar of a saved profile",
                              description=cmd_calendar.__doc__, formatter_class=raw)
    calendar.add_argument("--profile", type=int, metavar="ID", required=True)
    calendar.add_argument("--ics", metavar="FILE", help="also write the deadlines as an .ics file")
    calendar.add_argument("--json", action="store_true", help="print JSON")
    calendar.add_argument("--lang", type=_lang_option, metavar="zh|en", help=LANG_HELP)
    calendar.set_defaults(func=bind(cmd_calendar))

    report = sub.add_parser("report", help="政策体检 report of a saved profile", description=cmd_report.__doc__,
                            formatter_class=raw)
    report.add_argument("--profile", type=int, metavar="ID", required=True)
    report.add_argument("--out", metavar="DIR", required=True, help="folder for report-<id>.html and .md")
    report.add_argument("--lang", type=_lang_option, metavar="zh|en", help=LANG_HELP)
    report.set_defaults(func=bind(cmd_report))
