"""The Gradio UI: cited chat, the 企业画像 form with matches, the policy browser, uploads.

Chinese by default with an English switch. Every function here catches domain errors and
shows their message; anything else is logged and shown as a generic message (no traceback).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, get_args

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant.answering.stream import stream_answer
from assistant.eligibility import InvalidProfile, read_profile_input
from assistant.eligibility.vocabulary import Labels, Vocabulary
from assistant.errors import AssistantError
from assistant.runtime import Runtime
from assistant.types import Answer, CompanyProfile, MatchResult, MatchStatus, ProfileInput, Turn
from assistant.web import render, scratch, service
from assistant.web.errors import GENERIC_500
from assistant.web.gradio_guard import GuardedBlocks, InputRejected, in_upload_folder, text_chatbot, text_history
from assistant.web.messages import UiMessages, WebMessages, ui_messages, web_messages
from assistant.web.settings import WebSettings
from assistant.web.ui_watch import watch_tab

log = logging.getLogger("assistant.web")

# Fonts the machine has (no web fonts: nothing is fetched from outside the server).
FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"]
MONO = ["Noto Sans Mono CJK SC", "ui-monospace", "Consolas", "monospace"]

CSS = """
#citations label { font-size: 0.92em; }
#clause-viewer .clause-card { border-left: 4px solid var(--color-accent); padding: 10px 14px;
  background: var(--background-fill-secondary); border-radius: 6px; }
.clause-doc { font-weight: 600; }
.clause-section { color: var(--body-text-color-subdued); font-size: 0.9em; margin: 2px 0; }
.clause-anchor { font-family: var(--font-mono); font-size: 0.85em; color: var(--color-accent); }
.clause-text { line-height: 1.75; margin: 6px 0 0; white-space: pre-wrap; }
mark.quote { background: #fde68a; color: inherit; padding: 1px 0; border-radius: 2px; }
.doc-tree details { margin: 4px 0 4px 0.6em; }
.doc-tree summary { font-weight: 600; cursor: pointer; }
.doc-tree .tree-leaf { margin: 6px 0 6px 1.2em; line-height: 1.7; }
.doc-tree .doc-meta { color: var(--body-text-color-subdued); font-size: 0.9em; }
#lang-switch { max-width: 220px; margin-left: auto; }
.notice { border-radius: 6px; padding: 8px 12px; margin: 0 0 6px; font-size: 0.92em; line-height: 1.6; }
.notice.warning { background: #fef3c7; color: #92400e; }
.notice.info { background: var(--background-fill-secondary); color: var(--body-text-color-subdued); }
.viewer-empty { color: var(--body-text-color-subdued); }
"""

# Clicking a [n] link in the chat selects citation n in the side panel instead of leaving the page.
HEAD = """
<script>
document.addEventListener("click", function (event) {
  const link = event.target.closest && event.target.closest("#chat a[href*='/view/']");
  if (!link) return;
  const n = new URL(link.href, location.href).searchParams.get("n");
  const input = n && document.querySelector("#citations input[type=radio][value='" + n + "']");
  if (!input) return;
  event.preventDefault();
  event.stopPropagation();
  input.click();
}, true);
</script>
"""


def _named_answer_lang(choice: str | None) -> str | None:
    """The English switch names English answers; the default Chinese UI leaves each answer in its question's
    language (an English question in the Chinese UI is answered in English)."""
    return "en" if _lang(choice) == "en" else None


def _lang(choice: str | None) -> str:
    return "en" if choice == "English" else "zh"


def _error_text(exc: Exception) -> str:
    if isinstance(exc, AssistantError):
        return str(exc)
    log.exception("unexpected error in the UI")
    return GENERIC_500


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(_content_text(c) for c in content)
    if isinstance(content, dict):
        return content.get("text") or ""
    return ""


class _Vocab:
    """Form choices from settings.vocabulary_path, labelled per language (none without a vocabulary)."""

    def __init__(self, v: Vocabulary | None, ui: UiMessages) -> None:
        self.ui = ui
        self.cities = list(v.regions.cities) if v else []
        self.sectors = {k: s.en for k, s in v.sectors.items()} if v else {}
        self.roles = {k: r.en for k, r in v.roles.items()} if v else {}
        self.needs = {k: n.en for k, n in v.needs.items()} if v else {}

    @staticmethod
    def labelled(names: dict[str, str], lang: str) -> list[tuple[str, str]]:
        return [(f"{k} · {en}" if lang == "en" else k, k) for k, en in names.items()]

    def sizes(self, lang: str) -> list[tuple[str, str]]:
        labels = [(self.ui.sizes[s].en if lang == "en" else self.ui.sizes[s].zh, s) for s in self.ui.sizes]
        return [*labels, (self.ui.text("choice_unknown", lang), "unknown")]


Relabel = list[tuple[Any, Callable[[str, Any], Any]]]  # a component and its update for a language


class _Context:
    """What every tab shares: the runtime, web settings, the form choices, messages and shared state."""

    def __init__(self, runtime: Runtime, web: WebSettings) -> None:
        self.runtime = runtime
        self.web = web
        self.msg = web_messages(runtime.settings.messages_dir)
        self.ui = ui_messages(runtime.settings.messages_dir)  # the UI's own words (messages/ui.yaml)
        self.vocab = _Vocab(runtime.vocabulary, self.ui)
        # Inside Gradio's own folder: served from there, and removed by delete_cache (scratch.py).
        self.export_dir = scratch.exports_dir()
        self.answer_state: gr.State | None = None
        self.turns: gr.State | None = None
        self.profile_state: gr.State | None = None  # the company last matched, used by eligibility questions
        # The answer language the English switch names (None: each question's own). A State, so the public
        # /chat API keeps its [question, history] inputs.
        self.answer_lang: gr.State | None = None

    def t(self, key: str, lang: str, **values: object) -> str:
        """A text of messages/ui.yaml in `lang`."""
        return self.ui.text(key, lang, **values)

    def field(self, name: str, lang: str) -> str:
        """A profile field's label (labels.yaml); a documents-only folder has no vocabulary: its messages' labels."""
        vocabulary = self.runtime.vocabulary
        labels = vocabulary.labels if vocabulary else folder_labels(self.runtime.settings.messages_dir)
        return labels.field(name, lang)

    def doc_choices(self) -> list[tuple[str, str]]:
        try:
            return [(d.meta.title, i) for i, d in self.runtime.index.documents.items()]
        except AssistantError:
            return []


def build_ui(runtime: Runtime, web: WebSettings | None = None) -> gr.Blocks:
    """The whole UI, bound to one Runtime (the same one the REST API uses).

    One function per tab builds its layout and events and returns its labels per language; a new
    tab is one more call here. Rate limits are not here: the server's edge counts every Gradio
    event once, against the same per-key/IP budget as the API (assistant/web/security.py).
    """
    ctx = _Context(runtime, web or WebSettings())
    zh = "zh"
    with GuardedBlocks(title=ctx.t("app_title", zh), analytics_enabled=False,
                       delete_cache=(scratch.CACHE_SWEEP_EVERY_S, scratch.CACHE_MAX_AGE_S)) as demo:
        ctx.answer_state = gr.State(None)
        ctx.turns = gr.State([])
        ctx.profile_state = gr.State(None)
        ctx.answer_lang = gr.State(None)
        with gr.Row(equal_height=True):
            header = gr.Markdown(ctx.t("header", zh), elem_id="header")
            lang_radio = gr.Radio(["中文", "English"], value="中文", show_label=False, elem_id="lang-switch",
                                  container=False, scale=0, min_width=200)
        relabel: Relabel = [(header, lambda lang, _a: gr.Markdown(ctx.t("header", lang)))]
        with gr.Tabs():
            relabel += _ask_tab(ctx, lang_radio)
            relabel += _profile_tab(ctx, lang_radio)
            relabel += watch_tab(ctx, lang_radio)  # saved profiles, alerts, calendar, report (ui_watch.py)
            browse, doc_dd, tree, show_document, on_load = _browse_tab(ctx, lang_radio)
            relabel += browse
            relabel += _upload_tab(ctx, lang_radio, doc_dd)
            relabel += _eval_tab(ctx)
        demo.load(on_load, [lang_radio], [doc_dd, tree], api_visibility="private")

        def switch(lang_choice: str, answer_json: dict | None):
            lang = _lang(lang_choice)
            return [update(lang, answer_json) for _, update in relabel]

        lang_radio.change(switch, [lang_radio, ctx.answer_state], [c for c, _ in relabel],
                          api_visibility="private",
                          ).then(show_document, [doc_dd, lang_radio], [tree], api_visibility="private")
        lang_radio.change(_named_answer_lang, [lang_radio], [ctx.answer_lang], api_visibility="private")

    demo.queue(default_concurrency_limit=ctx.web.ui_concurrency)
    # Mounted in FastAPI, Gradio never "launches", and its own path checks stay off until this is set:
    # with it, inputs may only name files in the upload folder, outputs only app-created files.
    demo.has_launched = True
    return demo


# ---- tab: 政策问答 ----------------------------------------------------------------------------------

def _ask_tab(ctx: _Context, lang_radio: gr.Radio) -> Relabel:
    runtime = ctx.runtime
    zh = "zh"

    def citation_choices(answer: Answer) -> list[tuple[str, str]]:
        return [(f"[{c.n}] {c.anchor}「{render.clip(c.quote, 18)}」", str(c.n)) for c in answer.citations]

    def show_citation(n: str | None, answer_json: dict | None) -> str:
        if not n or not answer_json:
            return gr.skip()
        answer = Answer.model_validate(answer_json)
        c = next((c for c in answer.citations if str(c.n) == str(n)), None)
        if c is None:
            return gr.skip()
        try:
            return render.citation_html(runtime.index, c)
        except Exception as exc:
            return f"<p>{_error_text(exc)}</p>"

    def respond(message: str, chat: list[dict], turns: list[dict], profile: CompanyProfile | None = None,
                answer_lang: str | None = None, request: gr.Request = None) -> Iterator[tuple]:
        """Stream one answer; `profile` is the company last matched in the 企业画像 tab (used as it is);
        `answer_lang` the language the English switch names (None: the question's own)."""
        message = (message or "").strip()
        if not message:
            yield (gr.skip(),) * 7
            return
        try:  # the chat box is text only; a file part in a forged history is refused, never echoed
            chat = text_history(chat)
        except InputRejected as exc:
            yield ([{"role": "assistant", "content": f"⚠️ {exc.message}"}], *(gr.skip(),) * 6)
            return
        chat = [*chat, {"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        skip5 = (gr.skip(),) * 5
        yield (chat, "", *skip5)
        history = [Turn(role=t["role"], content=t["content"]) for t in turns or []]
        text = ""
        answer: Answer | None = None
        try:
            for event in stream_answer(runtime, message, history=history or None, profile=profile,
                                       lang=answer_lang):
                if event["type"] == "delta":
                    text += event["text"]
                    chat[-1] = {"role": "assistant", "content": render.linked_markers(text, [])}
                    yield (chat, gr.skip(), *skip5)
                else:
                    answer = event["answer"]
            if answer is None:
                raise RuntimeError("stream_answer ended without a final event")
        except Exception as exc:
            chat[-1] = {"role": "assistant", "content": f"⚠️ {_error_text(exc)}"}
            yield (chat, gr.skip(), *skip5)
            return
        chat[-1] = {"role": "assistant", "content": render.answer_markdown(answer)}
        turns = [*(turns or []), {"role": "user", "content": message}, {"role": "assistant", "content": answer.answer}]
        choices = citation_choices(answer)
        first = choices[0][1] if choices else None
        viewer = show_citation(first, answer.model_dump(mode="json")) if first else gr.skip()
        yield (chat, gr.skip(), turns, gr.Radio(choices=choices, value=first), viewer,
               render.notices_html(answer.notices), answer.model_dump(mode="json"))

    def clear_chat(lang_choice: str):
        lang = _lang(lang_choice)
        return ([], [], gr.Radio(choices=[], value=None), _placeholder(ctx, lang), "", None)

    with gr.Tab(ctx.t("tab_ask", zh), id="ask", elem_id="tab-ask") as tab, gr.Row():
        with gr.Column(scale=3):
            chatbot = text_chatbot(label=ctx.t("chat", zh), elem_id="chat", height=480, latex_delimiters=[],
                                   feedback_options=None, buttons=["copy"], layout="bubble")
            with gr.Row():
                question = gr.Textbox(placeholder=ctx.t("question", zh), show_label=False, lines=1,
                                      max_lines=4, scale=5, elem_id="question", container=False,
                                      max_length=runtime.settings.max_question_chars)
                send = gr.Button(ctx.t("send", zh), variant="primary", scale=1, elem_id="send", min_width=80)
            examples = gr.Dataset(components=[question], samples=[[q] for q in ctx.ui.examples.of(zh)],
                                  label=ctx.t("examples", zh), elem_id="examples", layout="gallery")
            clear = gr.Button(ctx.t("clear", zh), size="sm", elem_id="clear")
        with gr.Column(scale=2):
            notices = gr.HTML(elem_id="notices")
            cites = gr.Radio(choices=[], label=ctx.t("citations", zh), elem_id="citations")
            viewer = gr.HTML(_placeholder(ctx, zh), elem_id="clause-viewer")

    answer_state, turns, profile_state = ctx.answer_state, ctx.turns, ctx.profile_state
    chat_outputs = [chatbot, question, turns, cites, viewer, notices, answer_state]
    chat_inputs = [question, chatbot, turns, profile_state, ctx.answer_lang]  # states: not API inputs
    send.click(respond, chat_inputs, chat_outputs, api_name="chat", concurrency_id="assistant")
    question.submit(respond, chat_inputs, chat_outputs, api_visibility="private", concurrency_id="assistant")
    examples.click(_example_question, [examples], [question], api_visibility="private")
    cites.change(show_citation, [cites, answer_state], [viewer], api_visibility="private")
    clear.click(clear_chat, [lang_radio], [chatbot, turns, cites, viewer, notices, answer_state],
                api_visibility="private")
    return [
        (tab, lambda lang, _a: gr.Tab(label=ctx.t("tab_ask", lang))),
        (chatbot, lambda lang, _a: gr.Chatbot(label=ctx.t("chat", lang))),
        (question, lambda lang, _a: gr.Textbox(placeholder=ctx.t("question", lang))),
        (send, lambda lang, _a: gr.Button(ctx.t("send", lang))),
        (clear, lambda lang, _a: gr.Button(ctx.t("clear", lang))),
        (examples, lambda lang, _a: gr.Dataset(samples=[[q] for q in ctx.ui.examples.of(lang)],
                                               label=ctx.t("examples", lang))),
        (cites, lambda lang, _a: gr.Radio(label=ctx.t("citations", lang))),
        (viewer, lambda lang, answer: gr.skip() if answer else gr.HTML(_placeholder(ctx, lang))),
    ]


# ---- tab: 企业画像 ----------------------------------------------------------------------------------

# The form's fields in the order of the /match and /extract_profile inputs and outputs.
FORM = ("name", "city", "district", "size", "sectors", "roles", "needs", "products", "rd_ratio", "first_of_kind",
        "revenue", "employees", "established_year", "certifications", "rd_spend", "above_scale", "tax_paid",
        "tax_per_mu", "certification_years")
_NUMBERS = {"revenue": float, "employees": int, "established_year": int, "rd_spend": float, "tax_paid": float,
            "tax_per_mu": float}
_FLAGS = ("first_of_kind", "above_scale")


def _number(field: str, value: Any, labels: Any, msg: WebMessages, lang: str) -> float | int | None:
    """A number box: empty is unknown; "2,300" and "2300.0" are read; anything else is a clear error."""
    text = str(value if value is not None else "").strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        number = float(text)
        if number < 0 or number != number or number in (float("inf"), float("-inf")):
            raise ValueError(text)
        return int(number) if _NUMBERS[field] is int and number.is_integer() else _NUMBERS[field](number)
    except ValueError:
        raise InvalidProfile(msg.text("form_bad_number", lang, label=labels.field(field, lang), value=text)) from None


def form_to_profile(values: dict[str, Any], labels: Any, msg: WebMessages, lang: str = "zh") -> ProfileInput:
    """The form as one ProfileInput (checked once, here); fields the profile model lacks are left out."""
    raw: dict[str, Any] = {
        "name": (values["name"] or "").strip() or None,
        "city": str(values["city"] or "").strip() or None,
        "district": (values["district"] or "").strip() or None,
        "size": None if values["size"] in (None, "", "unknown") else values["size"],
        "sectors": [str(v) for v in values["sectors"] or []],
        "roles": [str(v) for v in values["roles"] or []],
        "needs": [str(v) for v in values["needs"] or []],
        "products": [p.strip() for p in re.split(r"[,，、;；]", values["products"] or "") if p.strip()],
        "rd_ratio": _percent(values["rd_ratio"]),
        "certifications": [str(v).strip() for v in values["certifications"] or [] if str(v).strip()],
        "certification_years": str(values.get("certification_years") or "").strip() or None,  # 高企 2024年首次认定
        "description": (values.get("description") or "").strip() or None,
    }
    raw.update({f: {"yes": True, "no": False}.get(values[f]) for f in _FLAGS})
    raw.update({f: _number(f, values[f], labels, msg, lang) for f in _NUMBERS})
    known = ProfileInput.model_fields
    return read_profile_input({k: v for k, v in raw.items() if k in known and v not in (None, [])})


def profile_to_form(profile: CompanyProfile) -> tuple:
    def get(name: str) -> Any:
        return getattr(profile, name, None)

    def flag(name: str) -> str:
        return {True: "yes", False: "no"}.get(get(name), "unknown")

    def number(name: str) -> str:
        value = get(name)
        return "" if value is None else f"{value:g}"

    rd = profile.rd_ratio
    return (
        profile.name or "", profile.city, profile.district or "", profile.size or "unknown",
        list(profile.sectors), list(profile.roles), list(profile.needs), "、".join(profile.products),
        f"{rd * 100:g}" if rd is not None else "", flag("first_of_kind"),
        number("revenue"), number("employees"), number("established_year"), list(get("certifications") or []),
        number("rd_spend"), flag("above_scale"), number("tax_paid"), number("tax_per_mu"),
        _certification_years_text(profile),
    )


def _certification_years_text(profile: CompanyProfile) -> str:
    """The form's words for CompanyProfile.certification_years: 高新技术企业 2024年首次认定；… (parse_profile reads
    them)."""
    words = {"first": "首次认定", "renewed": "重新认定", None: "认定"}
    return "；".join(f"{name} {d.year}年{words[d.round]}" for name, d in profile.certification_years.items())


def _profile_tab(ctx: _Context, lang_radio: gr.Radio) -> Relabel:
    runtime, vocab, msg = ctx.runtime, ctx.vocab, ctx.msg
    zh = "zh"
    n_form = len(FORM)

    def labels():
        return runtime.eligibility.labels

    def extract(description: str, lang_choice: str, request: gr.Request = None):
        lang = _lang(lang_choice)
        if not (description or "").strip():
            return (*(gr.skip(),) * n_form, f"⚠️ {msg.text('extract_empty', lang)}")
        try:
            # The same component and extractor as match, the API and chat (the LLM when configured).
            profile, filled = runtime.eligibility.profile(ProfileInput(description=description))
        except Exception as exc:
            return (*(gr.skip(),) * n_form, f"⚠️ {_error_text(exc)}")
        names = msg.text("list_sep", lang).join(labels().field(f, lang) for f in filled)
        done = msg.text("extract_done", lang, names=names or msg.text("extract_nothing", lang))
        return (*profile_to_form(profile), done)

    def run_match(*args, request: gr.Request = None):
        values = dict(zip((*FORM, "description", "include_all", "lang"), args, strict=True))
        # The UI's language is the one named (assistant.text.reply_lang's first rule): it wins over the
        # description's. Gradio itself refuses a value outside the switch's two choices.
        lang = _lang(values["lang"])
        skip_out = (gr.skip(),) * 6
        try:
            given = form_to_profile(values, labels(), msg, lang)
            description = given.description
            explicit = given.explicit()
            # The form as it is (the user may have cleared a field on purpose); an empty form with a
            # description: extract from it, and fill the form with what was found.
            result = service.match(runtime, given.model_copy(update={"description": None}) if explicit else given,
                                   include_all=bool(values["include_all"]), lang=lang)
            if description and explicit:
                result = result.model_copy(update={"profile": result.profile.model_copy(
                    update={"description": description})})
        except Exception as exc:
            return (*(gr.skip(),) * n_form, f"⚠️ {_error_text(exc)}", *skip_out)
        filled = any(n.code == "profile_extracted" for n in result.notices)
        form_out = profile_to_form(result.profile) if filled else (gr.skip(),) * n_form
        closed = render.unavailable_rows(result, labels(), msg, lang)
        csv_path, md_path = _export(ctx, result, lang)
        remembered = result.profile  # chat turns use this CompanyProfile as it is, never re-extracted
        return (*form_out, _match_summary(result, msg, lang),
                gr.Dataframe(value=render.match_rows(result, labels(), msg, lang, runtime.clock()),
                             headers=render.match_headers(msg, lang)),
                gr.Markdown(f"### {msg.text('unavailable_title', lang)}\n\n{msg.text('unavailable_intro', lang)}",
                            visible=bool(closed)),
                gr.Dataframe(value=closed, headers=render.unavailable_headers(msg, lang), visible=bool(closed)),
                gr.DownloadButton(value=str(csv_path), visible=True),
                gr.DownloadButton(value=str(md_path), visible=True), remembered)

    def flags(lang: str) -> list[tuple[str, str]]:
        return [(ctx.t("choice_yes", lang), "yes"), (ctx.t("choice_no", lang), "no"),
                (ctx.t("choice_unknown", lang), "unknown")]

    def certs(lang: str) -> list[str]:
        return list(msg.certifications)

    with gr.Tab(ctx.t("tab_profile", zh), id="profile", elem_id="tab-profile") as tab:
        intro = gr.Markdown(ctx.t("profile_intro", zh))
        with gr.Row():
            description = gr.Textbox(label=ctx.t("description", zh), placeholder=ctx.t("description_ph", zh),
                                     lines=3, scale=4, elem_id="description")
            extract_btn = gr.Button(ctx.t("extract", zh), scale=1, elem_id="extract")
        extract_msg = gr.Markdown(elem_id="extract-status")
        with gr.Row():
            name = gr.Textbox(label=ctx.t("name", zh), elem_id="f-name")
            city = gr.Dropdown(choices=vocab.cities, label=ctx.t("city", zh), allow_custom_value=True,
                               value=None, elem_id="f-city")
            district = gr.Textbox(label=ctx.t("district", zh), elem_id="f-district")
            size = gr.Radio(vocab.sizes(zh), value="unknown", label=ctx.t("size", zh), elem_id="f-size")
        with gr.Row():
            # Sectors and certifications take words outside the lists: unknown words are kept, never refused.
            sectors = gr.Dropdown(choices=vocab.labelled(vocab.sectors, zh), multiselect=True,
                                  allow_custom_value=True, label=ctx.t("sectors", zh),
                                  info=msg.text("form_free_values", zh), elem_id="f-sectors")
            roles = gr.Dropdown(choices=vocab.labelled(vocab.roles, zh), multiselect=True,
                                label=ctx.t("roles", zh), elem_id="f-roles")
            needs = gr.Dropdown(choices=vocab.labelled(vocab.needs, zh), multiselect=True,
                                label=ctx.t("needs", zh), elem_id="f-needs")
        with gr.Row():
            products = gr.Textbox(label=ctx.t("products", zh), elem_id="f-products")
            rd_ratio = gr.Textbox(label=ctx.t("rd_ratio", zh), placeholder=ctx.t("rd_ratio_ph", zh), elem_id="f-rd")
            first_of_kind = gr.Radio(flags(zh), value="unknown", label=ctx.t("first_of_kind", zh), elem_id="f-first")
        with gr.Row():
            numbers = {f: gr.Textbox(label=ctx.field(f, zh), placeholder=msg.text("form_number_ph", zh),
                                     elem_id=f"f-{f.replace('_', '-')}") for f in ("revenue", "employees")}
            numbers["established_year"] = gr.Textbox(label=ctx.field("established_year", zh),
                                                     placeholder=msg.text("form_number_ph", zh),
                                                     elem_id="f-established-year")
            numbers["rd_spend"] = gr.Textbox(label=ctx.field("rd_spend", zh),
                                             placeholder=msg.text("form_number_ph", zh), elem_id="f-rd-spend")
        with gr.Row():
            certifications = gr.Dropdown(choices=certs(zh), multiselect=True, allow_custom_value=True,
                                         label=ctx.field("certifications", zh),
                                         info=msg.text("form_free_values", zh), elem_id="f-certifications")
            above_scale = gr.Radio(flags(zh), value="unknown", label=ctx.field("above_scale", zh),
                                   elem_id="f-above-scale")
            for f in ("tax_paid", "tax_per_mu"):  # 纳税总额, 亩均税收: thresholds of city measures
                numbers[f] = gr.Textbox(label=ctx.field(f, zh), placeholder=msg.text("form_number_ph", zh),
                                        elem_id=f"f-{f.replace('_', '-')}")
        with gr.Row():  # when each certification was gained (当年度新认定 / 首次认定 items need it)
            cert_years = gr.Textbox(label=ctx.field("certification_years", zh),
                                    placeholder=msg.text("form_cert_years_ph", zh), elem_id="f-certification-years")
        with gr.Row():
            include_all = gr.Checkbox(label=ctx.t("include_all", zh), value=False, elem_id="include-all")
            match_btn = gr.Button(ctx.t("match", zh), variant="primary", elem_id="match")
        match_msg = gr.Markdown(elem_id="match-summary")
        table = gr.Dataframe(headers=render.match_headers(msg, zh), value=[], wrap=True, interactive=False,
                             label=ctx.t("matches", zh), elem_id="matches",
                             column_widths=["11%", "7%", "13%", "16%", "10%", "7%", "20%", "16%"])
        closed_title = gr.Markdown(visible=False, elem_id="unavailable-title")
        closed_table = gr.Dataframe(headers=render.unavailable_headers(msg, zh), value=[], wrap=True,
                                    interactive=False, visible=False, label=msg.text("unavailable_title", zh),
                                    elem_id="unavailable", column_widths=["15%", "8%", "17%", "20%", "15%", "25%"])
        with gr.Row():
            csv_btn = gr.DownloadButton(ctx.t("export_csv", zh), visible=False, elem_id="export-csv", size="sm")
            md_btn = gr.DownloadButton(ctx.t("export_md", zh), visible=False, elem_id="export-md", size="sm")

    parts = {"name": name, "city": city, "district": district, "size": size, "sectors": sectors, "roles": roles,
             "needs": needs, "products": products, "rd_ratio": rd_ratio, "first_of_kind": first_of_kind,
             "certifications": certifications, "above_scale": above_scale, "certification_years": cert_years,
             **numbers}
    form = [parts[f] for f in FORM]
    extract_btn.click(extract, [description, lang_radio], [*form, extract_msg], api_name="extract_profile")
    match_btn.click(run_match, [*form, description, include_all, lang_radio],
                    [*form, match_msg, table, closed_title, closed_table, csv_btn, md_btn, ctx.profile_state],
                    api_name="match", concurrency_id="assistant")

    def field_label(f: str) -> Callable[[str, Any], Any]:
        return lambda lang, _a: gr.Textbox(label=ctx.field(f, lang), placeholder=msg.text("form_number_ph", lang))

    return [
        (tab, lambda lang, _a: gr.Tab(label=ctx.t("tab_profile", lang))),
        (intro, lambda lang, _a: gr.Markdown(ctx.t("profile_intro", lang))),
        (description, lambda lang, _a: gr.Textbox(label=ctx.t("description", lang),
                                                  placeholder=ctx.t("description_ph", lang))),
        (extract_btn, lambda lang, _a: gr.Button(ctx.t("extract", lang))),
        (name, lambda lang, _a: gr.Textbox(label=ctx.t("name", lang))),
        (city, lambda lang, _a: gr.Dropdown(label=ctx.t("city", lang))),
        (district, lambda lang, _a: gr.Textbox(label=ctx.t("district", lang))),
        (size, lambda lang, _a: gr.Radio(choices=vocab.sizes(lang), label=ctx.t("size", lang))),
        (sectors, lambda lang, _a: gr.Dropdown(choices=vocab.labelled(vocab.sectors, lang),
                                               label=ctx.t("sectors", lang), info=msg.text("form_free_values", lang))),
        (roles, lambda lang, _a: gr.Dropdown(choices=vocab.labelled(vocab.roles, lang), label=ctx.t("roles", lang))),
        (needs, lambda lang, _a: gr.Dropdown(choices=vocab.labelled(vocab.needs, lang), label=ctx.t("needs", lang))),
        (products, lambda lang, _a: gr.Textbox(label=ctx.t("products", lang))),
        (rd_ratio, lambda lang, _a: gr.Textbox(label=ctx.t("rd_ratio", lang), placeholder=ctx.t("rd_ratio_ph", lang))),
        (first_of_kind, lambda lang, _a: gr.Radio(choices=flags(lang), label=ctx.t("first_of_kind", lang))),
        *((numbers[f], field_label(f)) for f in _NUMBERS),
        (certifications, lambda lang, _a: gr.Dropdown(label=ctx.field("certifications", lang),
                                                      info=msg.text("form_free_values", lang))),
        (above_scale, lambda lang, _a: gr.Radio(choices=flags(lang), label=ctx.field("above_scale", lang))),
        (cert_years, lambda lang, _a: gr.Textbox(label=ctx.field("certification_years", lang),
                                                 placeholder=msg.text("form_cert_years_ph", lang))),
        (include_all, lambda lang, _a: gr.Checkbox(label=ctx.t("include_all", lang))),
        (match_btn, lambda lang, _a: gr.Button(ctx.t("match", lang))),
        (table, lambda lang, _a: gr.Dataframe(label=ctx.t("matches", lang))),
        (closed_table, lambda lang, _a: gr.Dataframe(label=msg.text("unavailable_title", lang))),
        (csv_btn, lambda lang, _a: gr.DownloadButton(ctx.t("export_csv", lang))),
        (md_btn, lambda lang, _a: gr.DownloadButton(ctx.t("export_md", lang))),
    ]


def _export(ctx: _Context, result: MatchResult, lang: str) -> tuple[Path, Path]:
    labels = ctx.runtime.eligibility.labels
    folder = Path(tempfile.mkdtemp(dir=ctx.export_dir))
    csv_path = folder / "matches.csv"
    md_path = folder / "matches.md"
    today = ctx.runtime.clock()
    csv_path.write_text(render.matches_csv(result, labels, ctx.msg, lang, today), encoding="utf-8")
    md_path.write_text(render.matches_markdown(result, labels, ctx.msg, lang, today), encoding="utf-8")
    return csv_path, md_path


# ---- tab: 政策原文 ----------------------------------------------------------------------------------

def _browse_tab(ctx: _Context, lang_radio: gr.Radio) -> tuple[Relabel, gr.Dropdown, gr.HTML, Callable, Callable]:
    """The documents, each under what was understood of it (fields, extracted or given, validity today)."""
    runtime = ctx.runtime

    def show_document(doc_id: str | None, lang_choice: str) -> str:
        if not doc_id or not isinstance(doc_id, str):  # the dropdown takes custom values, of any JSON type
            return ""
        try:
            return render.document_tree_html(runtime.index, doc_id, ctx.msg, _lang(lang_choice),
                                              today=runtime.clock())
        except KeyError:
            return ""
        except Exception as exc:
            return f"<p>⚠️ {_error_text(exc)}</p>"

    def on_load(lang_choice: str):
        choices = ctx.doc_choices()
        first = choices[0][1] if choices else None
        return gr.Dropdown(choices=choices, value=first), show_document(first, lang_choice)

    with gr.Tab(ctx.t("tab_browse", "zh"), id="browse", elem_id="tab-browse") as tab:
        doc_dd = gr.Dropdown(choices=ctx.doc_choices(), label=ctx.t("document", "zh"), elem_id="doc-select",
                             allow_custom_value=True)
        tree = gr.HTML(elem_id="doc-tree")
    doc_dd.change(show_document, [doc_dd, lang_radio], [tree], api_name="document")
    relabel: Relabel = [(tab, lambda lang, _a: gr.Tab(label=ctx.t("tab_browse", lang))),
                        (doc_dd, lambda lang, _a: gr.Dropdown(label=ctx.t("document", lang)))]
    return relabel, doc_dd, tree, show_document, on_load


# ---- tab: 上传文档 ----------------------------------------------------------------------------------

def _upload_tab(ctx: _Context, lang_radio: gr.Radio, doc_dd: gr.Dropdown) -> Relabel:
    runtime, web = ctx.runtime, ctx.web

    def upload(file_path: str | None, admin_key: str, lang_choice: str, progress=gr.Progress(),  # noqa: B008
               request: gr.Request = None):
        lang = _lang(lang_choice)
        if not file_path:
            return ctx.t("upload_no_file", lang), gr.skip()
        if web.upload_needs_admin and not web.is_admin_key((admin_key or "").strip()):
            return ctx.t("upload_bad_key", lang), gr.skip()
        if not in_upload_folder(file_path):  # a server path named by the caller, never an upload
            log.warning("Gradio /upload: refused a file outside the upload folder")
            return ctx.t("upload_not_ours", lang), gr.skip()
        path = Path(file_path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            return f"⚠️ {_error_text(exc)}", gr.skip()
        with contextlib.suppress(OSError):  # the bytes are ours now: free Gradio's copy at once
            path.unlink()
        try:
            progress(0, desc=ctx.t("upload_checking", lang))
            report = service.ingest_upload(
                runtime, path.name, data, web.max_upload_bytes,
                progress=lambda stage, done, total: progress(done / total if total else 1, desc=stage))
            lines, errors = service.ingest_lines(runtime, report, lang)
        except Exception as exc:
            return f"⚠️ {_error_text(exc)}", gr.skip()
        text = "\n\n".join([f"✅ {render.escape_md(line)}" for line in lines]
                           + [f"⚠️ {render.escape_md(line)}" for line in errors])
        choices = ctx.doc_choices()
        return text, gr.Dropdown(choices=choices, value=report.added[0] if report.added else gr.skip())

    with gr.Tab(ctx.t("tab_upload", "zh"), id="upload", elem_id="tab-upload") as tab:
        intro = gr.Markdown(ctx.t("upload_intro", "zh"))
        admin_key = gr.Textbox(label=ctx.t("admin_key", "zh"), type="password", visible=web.upload_needs_admin,
                               elem_id="admin-key")
        upload_file = gr.File(label=ctx.t("upload_file", "zh"), type="filepath", elem_id="upload-file",
                              file_types=[".txt", ".md", ".docx", ".pdf", ".html", ".htm"])
        upload_btn = gr.Button(ctx.t("upload", "zh"), variant="primary", elem_id="upload-btn")
        upload_msg = gr.Markdown(elem_id="upload-status")
    upload_btn.click(upload, [upload_file, admin_key, lang_radio], [upload_msg, doc_dd], api_name="upload",
                     concurrency_limit=1)
    return [(tab, lambda lang, _a: gr.Tab(label=ctx.t("tab_upload", lang))),
            (intro, lambda lang, _a: gr.Markdown(ctx.t("upload_intro", lang))),
            (admin_key, lambda lang, _a: gr.Textbox(label=ctx.t("admin_key", lang))),
            (upload_file, lambda lang, _a: gr.File(label=ctx.t("upload_file", lang))),
            (upload_btn, lambda lang, _a: gr.Button(ctx.t("upload", lang)))]


# ---- tab: 评测报告 ----------------------------------------------------------------------------------

def _eval_tab(ctx: _Context) -> Relabel:
    # The latest `assistant eval` report (evals/reports/), for the analysts who own quality.
    with gr.Tab(ctx.t("tab_eval", "zh"), id="eval", elem_id="tab-eval") as tab:
        eval_html = gr.HTML(elem_id="eval-report")
    tab.select(lambda: _eval_report(ctx.runtime.settings.reports_dir), None, [eval_html], api_visibility="private")
    return []


def folder_labels(messages_dir: Path) -> Labels:
    """labels.yaml of the configured messages folder (Settings.messages_dir), never the repository's;
    re-read when the file changes (its mtime is part of the cache key)."""
    path = messages_dir / "labels.yaml"
    return _labels(path, path.stat().st_mtime_ns if path.exists() else 0)


@functools.lru_cache(maxsize=4)
def _labels(path: Path, _mtime_ns: int) -> Labels:
    from assistant.yamlfile import load_yaml_model

    return load_yaml_model(path, Labels, AssistantError)


def _example_question(sample: Any) -> Any:
    """The question of a clicked example; a forged event may send no sample (a junk call, not a crash)."""
    return sample[0] if isinstance(sample, (list, tuple)) and sample else gr.skip()


def _eval_report(reports_dir: Path) -> str:
    """The newest evaluation report as an HTML fragment (read when the tab is opened)."""
    from assistant.evaluation.html import report_page

    return report_page(reports_dir)


def _percent(value: Any) -> str | None:
    """The R&D field is in percent: "8" and "8%" both mean 8% (parse_profile checks the number)."""
    text = str(value if value is not None else "").strip().replace("％", "%")
    if not text:
        return None
    return text if text.endswith("%") else text + "%"


def _placeholder(ctx: _Context, lang: str) -> str:
    return f'<p class="viewer-empty">{ctx.t("viewer_empty", lang)}</p>'


def _match_summary(result: MatchResult, msg: WebMessages, lang: str) -> str:
    counts = {s: sum(1 for m in result.matches if m.status == s) for s in get_args(MatchStatus)}
    counts.setdefault("not_qualified", 0)
    head = msg.text("match_counts_not" if counts["not_qualified"] else "match_counts", lang,
                    qualifies=counts.get("qualifies", 0), may_qualify=counts.get("may_qualify", 0),
                    not_qualified=counts["not_qualified"])
    closed = len(render.unavailable_of(result))
    if closed:
        head += " " + msg.text("unavailable_summary", lang, n=closed)
    notes = [f"> {n.message}" for n in result.notices]
    return "\n\n".join([head, *notes])


def theme() -> gr.themes.Base:
    """Gradio's base theme with the machine's own CJK fonts (the default theme loads web fonts)."""
    return gr.themes.Base(primary_hue="blue", neutral_hue="slate", font=FONTS, font_mono=MONO)
