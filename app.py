"""Serve the assistant: the Gradio UI at /, REST at /api/v1, OpenAI-compatible /v1 — one server.

Example: python app.py                          (http://127.0.0.1:7860)
         python app.py --host 0.0.0.0 --port 8000
Settings come from the environment (ASSISTANT_*; see docs/embedding.md for keys, CORS and limits).
Build the index first with `assistant ingest` (`make run` does both).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=7860, help="port to listen on (default 7860)")
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    import uvicorn
    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    from assistant.errors import AssistantError
    from assistant.runtime import Runtime
    from assistant.settings import Settings, settings_problem
    from assistant.web.scratch import gradio_temp_dir
    from assistant.web.server import create_app
    from assistant.web.settings import WebSettings, server_options

    try:
        settings, web = Settings(), WebSettings()
    except (ValidationError, SettingsError) as exc:  # a bad ASSISTANT_* variable: say which, no traceback
        print(f"设置有误：{settings_problem(exc) or exc}", file=sys.stderr)
        return 5
    # Gradio's uploads and cache live in the data dir with the other scratch files, not in /tmp/gradio:
    # one place to size and clean, swept at start (assistant/web/scratch.py).
    os.environ.setdefault("GRADIO_TEMP_DIR", str(gradio_temp_dir(settings.data_dir)))
    try:
        runtime = Runtime(settings)
        runtime.index  # noqa: B018 - fail fast with a clear message when there is no index
        app = create_app(runtime, web)
    except AssistantError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return exc.exit_code
    _warm_up(runtime)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, **server_options(web))
    return 0


def _warm_up(runtime) -> None:
    """Load the embedder and tokenizer now, so that the first visitor does not wait for them."""
    from assistant.errors import AssistantError

    try:
        runtime.retriever.search("首台套")
    except AssistantError as exc:  # the server still starts; the API reports the problem per request
        logging.getLogger("assistant.web").warning("warm-up failed: %s", exc)


if __name__ == "__main__":
    sys.exit(main())
