"""One FastAPI app: REST under /api/v1, OpenAI-compatible /v1, pages, and the Gradio UI at /."""

from __future__ import annotations

import contextlib
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from assistant.runtime import Runtime
from assistant.settings import Settings
from assistant.web import api, api_watch, openai_compat, pages, scratch
from assistant.web.errors import NotFound, install_error_handlers
from assistant.web.security import (
    BodySizeLimitMiddleware,
    GradioUploadAuthMiddleware,
    HeadAsGetMiddleware,
    RateLimitMiddleware,
    SecurityHeadersMiddleware,
    limiter_for,
)
from assistant.web.settings import WebSettings

# Every method a route uses (saved profiles are updated with PUT and removed with DELETE); a test
# compares this with the app's own routes.
CORS_METHODS = ["GET", "POST", "PUT", "DELETE", "OPTIONS"]

DESCRIPTION = """湖北《加快全省智能制造装备产业发展行动方案》问答与企业政策匹配。

* REST: `/api/v1/ask`, `/api/v1/match`, documents and clauses — the same JSON as the CLI's `--json`.
* OpenAI-compatible: `/v1/chat/completions` (streaming or not), `/v1/models`; citations are in the
  message text and in the extra field `citations`.
* When `ASSISTANT_API_KEYS` is set, send `Authorization: Bearer <key>`.
* Errors are `{"error": {"code", "message"}}`; 413 for large bodies, 429 with Retry-After when rate limited.
"""


def create_app(runtime: Runtime | None = None, web: WebSettings | None = None, ui: bool = True) -> FastAPI:
    """Build the app; callers (tests, app.py) pass their own Runtime to share one index and model."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    runtime = runtime or Runtime(Settings())
    web = web or WebSettings()
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):  # type: ignore[no-untyped-def]
        yield
        runtime.close(runtime.settings.webhook_drain_s)  # the webhook sender's queue gets a moment, then stops

    app = FastAPI(title="智装政策助手 API", version="1.0", description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan)
    app.state.runtime = runtime
    app.state.web_settings = web
    limiter = limiter_for(web)  # one budget per key or IP for the API and every Gradio event
    install_error_handlers(app)
    scratch.sweep_at_startup(runtime.settings.data_dir, ui)  # what a killed server left behind

    # Added innermost first: HEAD ⟶ headers ⟶ CORS ⟶ rate limit ⟶ Gradio upload keys ⟶ body size ⟶ routes.
    app.add_middleware(BodySizeLimitMiddleware, settings=web)
    app.add_middleware(GradioUploadAuthMiddleware, settings=web)
    app.add_middleware(RateLimitMiddleware, settings=web, limiter=limiter)
    if web.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=web.cors_origins, allow_methods=CORS_METHODS,
                           allow_headers=["Authorization", "Content-Type"], allow_credentials=False, max_age=600)
    app.add_middleware(SecurityHeadersMiddleware, settings=web)
    app.add_middleware(HeadAsGetMiddleware, routes=lambda: app.routes)

    app.include_router(api.health_router)
    app.include_router(api.router)
    app.include_router(api_watch.router)  # saved profiles, alerts, calendar, report
    app.include_router(openai_compat.router)
    app.include_router(pages.router)
    _not_found_below(app, "/api/v1")
    _not_found_below(app, "/v1")
    for path, files, name in pages.static_mounts(runtime.settings.static_dir):
        app.mount(path, files, name=name)

    if ui:
        import gradio as gr

        from assistant.web import ui as ui_module

        demo = ui_module.build_ui(runtime, web)
        gr.mount_gradio_app(
            app, demo, path="/", theme=ui_module.theme(), css=ui_module.CSS, head=ui_module.HEAD,
            footer_links=["api"], run_history=False, show_error=False, max_file_size=web.max_upload_bytes,
            ssr_mode=False, mcp_server=False, pwa=False, enable_monitoring=False,
        )
    return app


def _not_found_below(app: FastAPI, prefix: str) -> None:
    """Unknown API paths answer JSON 404 here instead of falling through to the UI mounted at /."""

    @app.api_route(prefix + "/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def not_found(rest: str) -> None:
        raise NotFound(f"没有这个接口：{prefix}/{rest}")
