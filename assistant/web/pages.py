"""Pages the server renders itself, all without a CDN.

    /view/{doc_id}/{anchor}?start&end&n   one clause with the quoted span highlighted
    /embed                                a minimal chat page for portals (iframe it)
    /embed/ask                            its streaming endpoint (public like the UI, rate limited)
    /embedding                            how to embed: the iframe and <gradio-app> snippets
    /embedding/demo                       both snippets live, as a portal page would hold them
    /gradio.js                            Gradio's web component, served from the installed package
    /docs, /redoc                         OpenAPI docs from assets vendored in the fastapi-offline wheel
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ConfigDict, Field

from assistant.answering.stream import stream_answer
from assistant.documents import validity
from assistant.errors import AssistantError
from assistant.text import requested_lang
from assistant.types import Answer, Turn
from assistant.web import render, service
from assistant.web.errors import GENERIC_500, CleanText, error_body, log, status_for
from assistant.web.messages import accept_language, web_messages

DOCS_ASSETS = Path(str(files("fastapi_offline") / "static"))

router = APIRouter(include_in_schema=False)

def static_mounts(static_dir: Path) -> list[tuple[str, StaticFiles, str]]:
    """The web's own files (settings.static_dir) and the offline API docs' assets."""
    return [("/static/web", StaticFiles(directory=static_dir), "web-static"),
            ("/static/docs", StaticFiles(directory=DOCS_ASSETS), "docs-static")]


def _page(title: str, body: str, lang: str = "zh-CN", css: tuple[str, ...] = ("page.css",)) -> HTMLResponse:
    links = "".join(f'<link rel="stylesheet" href="/static/web/{c}">' for c in css)
    return HTMLResponse(
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>{links}</head><body>{body}</body></html>")


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


# ---- clause view ---------------------------------------------------------------------------------

@router.get("/view/{doc_id}/{anchor:path}")
def view_clause(doc_id: str, anchor: str, request: Request, start: int | None = None, end: int | None = None,
                n: int | None = None) -> HTMLResponse:
    index = request.app.state.runtime.index
    clause = service.clause(index, doc_id, anchor)
    card = render.clause_html(index, clause, start, end, n)
    meta = index.documents[doc_id].meta
    facts = [f"发文机关：{meta.issuer}" if meta.issuer else "",
             f"成文日期：{meta.issue_date}" if meta.issue_date else "",
             f"执行期：{meta.effective_from or '?'} 至 {meta.effective_to or '?'}"
             if meta.effective_from or meta.effective_to else "", *validity.change_notes(meta)]
    back = '<p class="back"><a href="/">智装政策助手</a></p>'
    line = f'<p class="doc-facts">{html.escape("　".join(f for f in facts if f))}</p>'
    return _page(f"{clause.anchor} · {meta.title}", f"<main>{back}{card}{line}</main>")


# ---- embeddable chat -----------------------------------------------------------------------------

class EmbedAsk(CleanText):
    model_config = ConfigDict(extra="forbid")

    question: str
    history: list[Turn] = Field(default_factory=list, max_length=40)
    lang: str | None = Field(default=None, max_length=35, description="Answer language (zh, en, en-US …); "
                                                                      "default: the question's")


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _embed_events(events: Iterator[dict]) -> Iterator[str]:
    try:
        for event in events:
            if event["type"] == "delta":
                yield _sse("delta", {"text": event["text"]})
            else:
                answer: Answer = event["answer"]
                yield _sse("final", {"answer": answer.model_dump(mode="json"),
                                     "urls": {c.n: render.citation_url(c) for c in answer.citations}})
    except AssistantError as exc:
        status, code = status_for(exc)
        yield _sse("error", error_body(status, code, str(exc)))
    except Exception:
        log.exception("unexpected error while streaming to /embed")
        yield _sse("error", error_body(500, "internal_error", GENERIC_500))


@router.post("/embed/ask")
def embed_ask(body: EmbedAsk, request: Request) -> StreamingResponse:
    events = stream_answer(request.app.state.runtime, body.question, history=body.history or None,
                           lang=requested_lang(body.lang))
    first = next(events)  # errors before the stream starts become 4xx JSON

    def replay() -> Iterator[dict]:
        yield first
        yield from events

    return StreamingResponse(_embed_events(replay()), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.get("/embed")
def embed_page(request: Request, lang: str | None = None) -> HTMLResponse:
    """The embeddable chat in ?lang=, else the browser's Accept-Language, else Chinese (a bad ?lang= is a 400).
    A named ?lang= also names the answers' language (embed.js sends it); otherwise each question's own."""
    chosen = requested_lang(lang, accept_language(request)) or "zh"
    msg = web_messages(request.app.state.runtime.settings.messages_dir)
    t = {key: html.escape(msg.text(f"embed_{key}", chosen)) for key in
         ("title", "placeholder", "send", "hint", "try", "sources", "error")}
    examples = "".join(f'<button type="button" class="example">{html.escape(q)}</button>'
                       for q in msg.embed_examples.of(chosen))
    answer_lang = f' data-answer-lang="{chosen}"' if lang and lang.strip() else ""  # blank ?lang= names none
    body = (
        f'<div id="embed-chat" data-lang="{chosen}"{answer_lang} data-sources="{t["sources"]}" '
        f'data-error="{t["error"]}">'
        f'<header><strong>{t["title"]}</strong><span>{t["hint"]}</span></header>'
        f'<div id="messages" aria-live="polite"><div class="welcome"><p>{t["try"]}</p>{examples}</div></div>'
        '<form id="ask-form"><textarea id="ask-input" rows="2" maxlength="2000" '
        f'placeholder="{t["placeholder"]}"></textarea><button type="submit">{t["send"]}</button></form>'
        '</div><script src="/static/web/embed.js" defer></script>'
    )
    page = _page(msg.text("embed_title", chosen), body, "en" if chosen == "en" else "zh-CN",
                 ("page.css", "embed.css"))
    page.headers["Vary"] = "Accept-Language"  # the words follow the header without ?lang=: caches key on it
    return page


# ---- embedding help and demo -------------------------------------------------------------------

def _snippets(base: str) -> tuple[str, str]:
    iframe = (f'<iframe src="{base}/embed" title="智装政策助手" width="100%" height="640"\n'
              '        style="border:1px solid #e5e7eb;border-radius:8px" loading="lazy"></iframe>')
    component = (f'<script type="module" src="{base}/gradio.js"></script>\n'
                 f'<gradio-app src="{base}/" eager="true" container="false"></gradio-app>')
    return iframe, component


@router.get("/embedding")
def embedding_help(request: Request) -> HTMLResponse:
    base = _base_url(request)
    iframe, component = _snippets(base)
    body = f"""<main class="doc">
<h1>在门户网站中嵌入智装政策助手</h1>
<p>以下代码均由本服务器提供，不依赖任何外部 CDN。门户域名需加入 <code>ASSISTANT_CORS_ORIGINS</code>，
否则浏览器会拒绝跨域请求和嵌入（frame-ancestors）。</p>
<h2>1. iframe（推荐，最轻量）</h2>
<p>嵌入一个精简的问答页面 <a href="/embed">/embed</a>（加 <code>?lang=en</code> 为英文界面）：</p>
<pre><code>{html.escape(iframe)}</code></pre>
<h2>2. Gradio Web Component（完整界面）</h2>
<p>嵌入包括企业画像、政策原文在内的完整界面：</p>
<pre><code>{html.escape(component)}</code></pre>
<h2>3. API</h2>
<p>REST：<code>{base}/api/v1</code>；OpenAI 兼容：<code>{base}/v1/chat/completions</code>；
接口文档：<a href="/docs">/docs</a>。设置了 <code>ASSISTANT_API_KEYS</code> 时需在请求头加入
<code>Authorization: Bearer &lt;key&gt;</code>。</p>
<p><a href="/embedding/demo">查看两种嵌入方式的演示页</a></p>
</main>"""
    return _page("嵌入说明 · 智装政策助手", body)


@router.get("/embedding/demo")
def embedding_demo(request: Request) -> HTMLResponse:
    iframe, component = _snippets(_base_url(request))
    body = (f'<main class="doc"><h1>门户嵌入演示</h1><h2>iframe</h2>{iframe}'
            f'<h2>&lt;gradio-app&gt;</h2>{component}</main>')
    return _page("嵌入演示", body)


@router.get("/gradio.js")
def gradio_web_component() -> FileResponse:
    import gradio

    path = Path(gradio.__file__).parent / "templates" / "frontend" / "gradio.js"
    return FileResponse(path, media_type="text/javascript")


# ---- OpenAPI docs ---------------------------------------------------------------------------------

@router.get("/docs")
def swagger(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/openapi.json", title="智装政策助手 API",
        swagger_js_url="/static/docs/swagger-ui-bundle.js", swagger_css_url="/static/docs/swagger-ui.css",
        swagger_favicon_url="/static/docs/favicon.png")


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    return get_redoc_html(openapi_url="/openapi.json", title="智装政策助手 API",
                          redoc_js_url="/static/docs/redoc.standalone.js",
                          redoc_favicon_url="/static/docs/favicon.png", with_google_fonts=False)
