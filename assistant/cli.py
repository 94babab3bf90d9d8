"""`assistant`: the command line. Each command parses, calls the library, prints.

Domain errors become a one-line message and a non-zero exit; tracebacks only with --debug.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import ValidationError
from pydantic_settings import SettingsError

from assistant.errors import AssistantError, ConfigError, InvalidLanguage, InvalidQuestion
from assistant.settings import Settings, settings_problem

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


_OPENED: list = []  # runtimes this command built, closed at exit (queued webhooks get time to go out)


def _runtime(settings: Settings | None = None):
    from assistant.runtime import Runtime

    runtime = Runtime(settings or Settings())
    _OPENED.append(runtime)
    return runtime


def _close_runtimes() -> None:
    while _OPENED:
        runtime = _OPENED.pop()
        runtime.close(runtime.settings.webhook_drain_s)


# ---- ask ---------------------------------------------------------------------------------------

def _print_answer(answer, with_text: bool = True) -> None:
    """The answer, its sources and notices; headings in the answer's language (answer.yaml)."""
    from assistant.answering.messages import answer_messages
    from assistant.text import book_title

    msg = answer_messages()  # Settings().messages_dir, as the runtime that answered
    if with_text:
        print(answer.answer)
    if answer.citations:
        print("\n" + msg.text("sources_heading", answer.lang))
        for c in answer.citations:
            print(f"[{c.n}] {book_title(c.doc_title)} {c.anchor}  {c.section}")
            print(f"    “{c.quote}”")
    for notice in answer.notices:
        print("\n" + msg.text("notice_label", answer.lang) + notice.message)


def _read_batch(path: Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """Yield (line number, item, error) for each non-empty line of a JSONL file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AssistantError(f"无法读取批量文件 {path}：{type(exc).__name__}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            yield number, None, f"第 {number} 行不是合法的 JSON"
            continue
        if not isinstance(item, dict):
            yield number, None, f"第 {number} 行应为 JSON 对象"
            continue
        yield number, item, None


def _run_batch(path: Path, handle: Callable[[dict, str], str]) -> int:
    """Print handle(item, id) per line, in order; a bad line prints {"id", "error"} and the run goes on.

    Exit code 1 when any line failed, so scripts notice without losing the other answers.
    """
    failures = 0
    for number, item, error in _read_batch(path):
        item_id = (item or {}).get("id", f"line-{number}")
        if error is None:
            try:
                print(handle(item, str(item_id)), flush=True)
                continue
            except AssistantError as exc:
                error = str(exc)
        failures += 1
        print(json.dumps({"id": item_id, "error": error}, ensure_ascii=False), flush=True)
    return 1 if failures else 0


def _load_history(path: str | None) -> list | None:
    if not path:
        return None
    from pydantic import TypeAdapter, ValidationError

    from assistant.types import Turn

    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        return TypeAdapter(list[Turn]).validate_python(raw)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValidationError) as exc:
        hint = '应为 [{"role", "content"}] 列表'
        raise AssistantError(f"无法读取对话历史 {path}：{type(exc).__name__}（{hint}）") from None


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer a question from the policy documents, with numbered, verbatim citations.

    Example: assistant ask "首台套有什么支持？" --json
    Batch:   assistant ask --batch questions.jsonl --json   (lines {"id", "question"})
    Stream:  assistant ask "那融资方面呢？" --history turns.json --stream
    Language of headings, notices and labels: --lang (a batch line's "lang" first), else the question's.
    With OPENAI_BASE_URL / OPENAI_API_KEY / ASSISTANT_LLM_MODEL set, an LLM phrases the answer
    from the clauses ("mode": "llm"); any LLM fault falls back to the offline answer with a notice.
    """
    from assistant.answering.ask import ask
    from assistant.retrieval.hybrid import ClauseFilter

    if args.batch and args.question:
        raise AssistantError("--batch 与问题参数不能同时使用")
    if not args.batch and args.question is None:
        raise InvalidQuestion("请提供问题，例如：assistant ask \"首台套有什么支持？\"")
    for flag, value in (("--stream", args.stream), ("--profile", args.profile), ("--history", args.history)):
        if args.batch and value:  # each batch line is answered on its own
            raise AssistantError(f"{flag} 不能与 --batch 同时使用")
    runtime = _runtime()
    where = ClauseFilter(doc_ids=args.doc or None, section=args.section)
    history = _load_history(args.history)
    if not args.batch:
        profile = _read_profile(args.profile) if args.profile else None
        if args.stream:
            return _print_stream(runtime, args.question, history, where, profile, args.json, args.lang)
        answer = ask(runtime, args.question, history=history, where=where, profile=profile, lang=args.lang)
        if args.json:
            print(answer.model_dump_json())
        else:
            _print_answer(answer)
        return 0

    def answer_line(item: dict, item_id: str) -> str:
        lang = _line_lang(item, args.lang)  # a bad "lang" is this line's error (ask checks it)
        answer = ask(runtime, item.get("question"), id=item_id, where=where, lang=lang)
        return answer.model_dump_json() if args.json else answer.answer

    return _run_batch(Path(args.batch), answer_line)


def _print_stream(runtime, question: str, history, where, profile, as_json: bool, lang: str | None = None) -> int:
    """Print deltas as they arrive (JSON: one event per line), then the sources and notices."""
    from assistant.answering.stream import stream_answer

    for event in stream_answer(runtime, question, history=history, where=where, profile=profile, lang=lang):
        if event["type"] == "delta":
            if as_json:
                print(json.dumps(event, ensure_ascii=False), flush=True)
            else:
                print(event["text"], end="", flush=True)
        elif as_json:
            print(json.dumps({"type": "final", "answer": event["answer"].model_dump(mode="json")},
                             ensure_ascii=False), flush=True)
        else:
            print(flush=True)
            _print_answer(event["answer"], with_text=False)
    return 0


# ---- match -------------------------------------------------------------------------------------

def _read_profile(path: str):
    """The --profile file as a ProfileInput (checked once, here)."""
    from assistant.eligibility import read_profile_file

    return read_profile_file(path)


def _print_matches(result, vocab, lang: str = "zh") -> None:
    """The text view of a MatchResult; its labels from messages/eligibility.yaml in `lang`."""
    from assistant.eligibility.service import profile_value

    labels, msg = vocab.labels, vocab.messages
    given = {k: v for k, v in result.profile.model_dump(exclude_none=True).items()
             if v not in ([], "") and k not in ("description", "certifications_stated")}  # not the company's facts
    facts = [msg.text("match_fact", lang, label=labels.field(k, lang), value=profile_value(vocab, k, v, lang))
             for k, v in given.items()]
    print(msg.text("match_profile", lang, facts=msg.text("facts_sep", lang).join(facts)))
    for i, m in enumerate(result.matches, 1):
        title = (m.title_en or m.title_zh) if lang == "en" else m.title_zh
        print("\n" + msg.text("match_item", lang, i=i, category=labels.category_of(m.category, lang), title=title,
                              status=labels.status_of(m.status, lang)))
        print(msg.text("match_benefit", lang, benefit=m.benefit))
        for c in m.conditions:
            mark = {"met": "✓", "unmet": "✗", "unknown": "?"}[c.status]
            print(f"   {mark} {c.reason}")
        for step in m.next_steps:
            print(f"   → {step}")
        for c in m.citations:
            print(msg.text("match_citation", lang, anchor=c.anchor, quote=c.quote))
    rest = (result.matches_total or 0) - len(result.matches)
    if rest > 0:
        print("\n" + msg.text("match_more", lang, n=rest))
    for notice in result.notices:
        print("\n" + msg.text("match_notice", lang, message=notice.message))


def _batch_profile(item: dict):
    """A --batch line's "profile" (and top-level "description", which wins) as one ProfileInput."""
    from assistant.eligibility import read_profile_input

    profile = item.get("profile") or {}
    if isinstance(profile, dict) and item.get("description") is not None:
        profile = {**profile, "description": item["description"]}
    return read_profile_input(profile)


def _line_lang(item: dict, default: str | None) -> object:
    """A batch line's "lang", else --lang. A null or blank "lang" names no language (as in a REST body,
    where it means: the next step of the rule): it must not hide --lang."""
    value = item.get("lang")
    return default if value is None or (isinstance(value, str) and not value.strip()) else value


def _match_lang(explicit: object, *descriptions: str | None) -> str:
    """The language of the output by the one rule (assistant.text.reply_lang): the language named
    (a batch line's "lang", else --lang), else the descriptions'; zh without any."""
    from assistant.text import reply_lang

    return reply_lang(explicit, None, " ".join(d for d in descriptions if d))


def _lang_option(value: str) -> str:
    """--lang checked by the one rule's parser: an unknown language is argparse's one error line."""
    from assistant.text import parse_lang

    try:
        return parse_lang(value)
    except InvalidLanguage as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_match(args: argparse.Namespace) -> int:
    """List the support measures, funding channels and alliances a company may qualify for.

    Example: assistant match --describe "我们是襄阳一家做精密减速器的中小企业，想贷款" --json
             assistant match --profile company.json --all
             assistant match --profile company.json --describe "……"   (explicit fields win)
             assistant match --batch profiles.jsonl --json     (lines {"id", "profile", "description"?, "lang"?})
    Language of reasons, labels and notices: --lang (a batch line's "lang" first), else the description's.
    With an LLM configured the description is read by the LLM (offline extractor as fallback),
    exactly as in the web form, the API and eligibility questions in `ask`.
    """
    if args.batch and (args.profile or args.describe is not None):
        raise AssistantError("--batch 不能与 --profile 或 --describe 同时使用（批量文件每行自带画像）")
    if not args.batch and args.profile is None and args.describe is None:
        raise AssistantError("请给出 --profile、--describe 或 --batch")
    if args.limit < 0:
        raise AssistantError("--limit 应为 0（全部）或正整数")
    eligibility = _runtime().eligibility
    if not args.batch:
        profile = _read_profile(args.profile) if args.profile else None
        lang = _match_lang(args.lang, args.describe, profile.description if profile else None)
        result = eligibility.match(profile, args.describe, include_all=args.all, limit=args.limit or None,
                                   lang=lang)
        print(result.model_dump_json()) if args.json else _print_matches(result, eligibility.vocabulary, lang)
        return 0

    def match_line(item: dict, item_id: str) -> str:
        profile = _batch_profile(item)
        lang = _match_lang(_line_lang(item, args.lang), profile.description)  # a bad "lang": this line's error
        return eligibility.match(profile, include_all=args.all, id=item_id, limit=args.limit or None,
                                 lang=lang).model_dump_json()

    return _run_batch(Path(args.batch), match_line)


# ---- ingest ------------------------------------------------------------------------------------

PARTIAL_INGEST = 6  # some files added, others failed: distinct from 3 (nothing added, index unchanged)

def _progress() -> Callable[[str, int, int], None]:
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=stage, unit="条", file=sys.stderr, leave=True)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def cmd_ingest(args: argparse.Namespace) -> int:
    """Build or update the index from knowledge/ and any documents given.

    Example: assistant ingest                      (knowledge/ and earlier uploads; skips if unchanged)
             assistant ingest new-policy.docx      (adds a document; .txt .md .docx .pdf .html)
             assistant ingest --rebuild            (recompute everything, e.g. after corruption)
             assistant ingest a.docx b.pdf c.html  (each file on its own: the good ones are added)

    Exit status: 0 all added; 3 nothing could be added (index unchanged); 6 some files were added
    and the others failed, one "错误：" line per failed file on stderr.
    """
    from assistant.ingest import ingest

    runtime = _runtime()
    report = ingest(runtime, [Path(p) for p in args.paths], rebuild=args.rebuild, progress=_progress())
    if args.json:
        print(report.model_dump_json())
    elif report.status == "up_to_date":
        print(f"索引已是最新：{report.documents} 份文档，{report.clauses} 个条款。")
    else:
        from assistant.web.service import ingest_lines  # what was understood: the same lines as the upload reply

        print(f"索引已建立：{report.documents} 份文档，{report.clauses} 个条款，"
              f"新计算向量 {report.embedded} 个，复用 {report.reused} 个，用时 {report.seconds:.1f} 秒。")
        if report.added:
            print("新增文档：" + "、".join(report.added))
        if report.replaced:
            print("已替换（旧版本已移除）：" + "、".join(report.replaced))
        for line in ingest_lines(runtime, report)[0][:-1]:  # the last line repeats the counts above
            print(line)
        if report.items_llm is not None:
            r = report.items_llm
            print(f"语言模型提议支持事项：调用 {r.calls} 次（缓存 {r.cached} 批），新增事项 {r.added_items} 个、"
                  f"条件 {r.added_conditions} 个；规则已有 {r.duplicates} 个，未经原文证实而丢弃 {r.dropped} 处。")
            if r.warning:
                print(f"警告：{r.warning}", file=sys.stderr)
    for failure in report.failed:
        print(f"错误：{failure.error}", file=sys.stderr)
    if report.failed:
        return PARTIAL_INGEST
    return 0


# ---- eval --------------------------------------------------------------------------------------

def cmd_eval(args: argparse.Namespace) -> int:
    """Run the gold sets in evals/datasets; write report.json, report.md and a self-contained report.html.

    Example: assistant eval                          (questions + profiles -> evals/reports/latest)
             assistant eval --dataset holdout --retrieval bm25 --out evals/reports/bm25
             assistant eval --gate                   (exit 1 when a metric misses evals/thresholds.yaml)
             assistant eval --matrix --out evals/reports/matrix
                 (bm25 / dense / hybrid [/ llm] / the LangChain baseline, side by side)
             assistant eval --compare evals/reports/before evals/reports/latest
    With ASSISTANT_LLM_MODEL set, an LLM judge adds faithfulness and answer_relevancy (--no-judge
    skips it), --answering llm evaluates the LLM's answers, and --matrix adds an llm column.
    """
    from assistant.evaluation import datasets
    from assistant.evaluation.report import load_report, render_console, report_path, write_report

    if args.compare:
        from assistant.evaluation.compare import compare, render_comparison

        a_path, b_path = (Path(p) for p in args.compare)
        try:
            a, b = load_report(a_path), load_report(b_path)
        except ValueError as exc:
            raise AssistantError(str(exc)) from None
        print(render_comparison(compare(a, b, str(report_path(a_path)), str(report_path(b_path)))), end="")
        return 0

    from assistant.evaluation.gate import check_gate
    from assistant.evaluation.judge import judge_from_settings
    from assistant.evaluation.runner import run, run_matrix, variant_for
    from assistant.llm.client import get_chat_model

    settings = Settings()
    default = datasets.MATRIX_DATASETS if args.matrix else datasets.DEFAULT_DATASETS
    paths = datasets.resolve(args.dataset or list(default), settings.datasets_dir)
    chat = get_chat_model(settings)
    judge = None if args.no_judge else judge_from_settings(settings, chat)
    note = "off (--no-judge)" if args.no_judge else None
    if judge is None and not args.no_judge:
        print("提示：未配置语言模型，LLM 评判指标（faithfulness、answer_relevancy）已跳过；"
              "设置 ASSISTANT_LLM_MODEL（及 OPENAI_BASE_URL / OPENAI_API_KEY）后启用。", file=sys.stderr)
    runtime = _runtime(settings)
    out = Path(args.out)
    if args.matrix:
        report, variants = run_matrix(runtime, paths, chat=chat, judge=judge, judge_note=note, progress=_progress())
        for name, variant_report in variants.items():
            write_report(variant_report, out / "variants" / name)
    else:
        report = run(runtime, paths, variant_for(args.retrieval, args.answering), chat=chat, judge=judge,
                     judge_note=note, progress=_progress())
    write_report(report, out)
    print(render_console(report), end="")
    print(f"报告：{out / 'report.md'}  {out / 'report.html'}")
    if args.gate:
        failures = check_gate(report, settings.thresholds_path)
        for line in failures:
            print(f"未达标：{line}", file=sys.stderr)
        if failures:
            return 1
        print("门槛：全部达标")
    return 0


# ---- wiring ------------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="智装政策助手：湖北智能制造装备政策的引用式问答。")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer a question", description=cmd_ask.__doc__,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    ask.add_argument("question", nargs="?", help="the question, in Chinese or English")
    ask.add_argument("--json", action="store_true", help="print one JSON object per answer")
    ask.add_argument("--batch", metavar="FILE.jsonl", help="answer every {\"id\", \"question\"} line")
    ask.add_argument("--doc", action="append", metavar="DOC_ID", help="only search this document (repeatable)")
    ask.add_argument("--section", help="only search this section (anchor prefix like 五 or heading text)")
    ask.add_argument("--history", metavar="FILE.json", help="prior turns: [{\"role\", \"content\"}, …]")
    ask.add_argument("--stream", action="store_true", help="print the answer as it is generated")
    ask.add_argument("--profile", metavar="FILE.json", help="company profile for eligibility questions")
    ask.add_argument("--lang", type=_lang_option, metavar="zh|en", help="language of headings, notices and "
                     "labels (zh, en, or a tag like en-US; default: the question's)")
    ask.set_defaults(func=cmd_ask)

    match = sub.add_parser("match", help="what a company qualifies for", description=cmd_match.__doc__,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    match.add_argument("--profile", metavar="FILE.json", help="company profile as JSON")
    match.add_argument("--describe", metavar="TEXT", help="free-text description of the company")
    match.add_argument("--batch", metavar="FILE.jsonl", help="one {\"id\", \"profile\"} per line")
    match.add_argument("--all", action="store_true", help="also list entries the company does not qualify for")
    match.add_argument("--limit", type=int, default=50, metavar="N",
                       help="show the first N matches and unavailable items (default 50; 0: all)")
    match.add_argument("--json", action="store_true", help="print JSON")
    match.add_argument("--lang", type=_lang_option, metavar="zh|en", help="language of reasons, labels and "
                       "notices (zh, en, or a tag like en-US; default: the description's)")
    match.set_defaults(func=cmd_match)

    ingest = sub.add_parser("ingest", help="build or update the index", description=cmd_ingest.__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    ingest.add_argument("paths", nargs="*", help="documents or folders to add")
    ingest.add_argument("--rebuild", action="store_true", help="discard caches and rebuild from scratch")
    ingest.add_argument("--json", action="store_true", help="print the report as JSON")
    ingest.set_defaults(func=cmd_ingest)
    evaluate = sub.add_parser("eval", help="evaluate answer quality on the gold sets", description=cmd_eval.__doc__,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    evaluate.add_argument("--dataset", action="extend", nargs="+", metavar="NAME",
                          help="dataset name in evals/datasets or a .jsonl path (repeatable; "
                               "default: questions profiles, with --matrix: questions)")
    evaluate.add_argument("--retrieval", choices=["hybrid", "dense", "bm25"], default="hybrid")
    evaluate.add_argument("--answering", choices=["extractive", "llm"], default="extractive",
                          help="answer path to evaluate (llm needs ASSISTANT_LLM_MODEL)")
    evaluate.add_argument("--out", default="evals/reports/latest", help="folder for the reports")
    evaluate.add_argument("--gate", action="store_true", help="fail when below evals/thresholds.yaml")
    evaluate.add_argument("--matrix", action="store_true",
                          help="bm25 / dense / hybrid [/ llm] / LangChain baseline side by side")
    evaluate.add_argument("--compare", nargs=2, metavar=("A", "B"),
                          help="compare two report.json files (or folders): deltas and flipped items")
    evaluate.add_argument("--no-judge", action="store_true", help="skip the LLM judge even when an LLM is set")
    evaluate.set_defaults(func=cmd_eval)

    from assistant.watch.cli import add_commands  # profiles, alerts, calendar, report

    add_commands(sub, _runtime)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = args.debug or os.environ.get("ASSISTANT_DEBUG") == "1"
    try:
        return args.func(args)
    except AssistantError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return exc.exit_code
    except (ValidationError, SettingsError) as exc:  # from reading ASSISTANT_* variables: name them, else internal
        if (problem := settings_problem(exc)) is None:
            return _internal_error(exc, debug)
        print(f"设置有误：{problem}", file=sys.stderr)
        return ConfigError.exit_code
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        sys.stderr.close()
        return 0
    except Exception as exc:  # the edge: never a stack trace for users unless asked
        return _internal_error(exc, debug)
    finally:
        _close_runtimes()


def _internal_error(exc: Exception, debug: bool) -> int:
    if debug:
        raise exc
    print(f"内部错误：{type(exc).__name__}。请加 --debug 重试并报告此问题。", file=sys.stderr)
    return 70


if __name__ == "__main__":
    sys.exit(main())
