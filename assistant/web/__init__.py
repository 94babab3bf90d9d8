"""The web edge: one FastAPI app serving the Gradio UI, REST /api/v1, OpenAI-compatible /v1 and pages.

    from assistant.web.server import create_app
    app = create_app(runtime)          # or `python app.py --port 7860`
"""
