"""An app with only the streaming routes (`GET /v3/ws`, `GET /v3/token`, `/health`): what
`bleeper stream` serves, to run streaming processes apart from the API and scale them behind a
load balancer. Its models load before it answers, so its first session starts at once."""

from __future__ import annotations

from fastapi import FastAPI

import bleeper
from bleeper import logs
from bleeper.api.app import install_error_handlers
from bleeper.api.routes import streaming
from bleeper.config import Settings, get_settings
from bleeper.state.jobs import make_store
from bleeper.state.keys import make_keys
from bleeper.state.sealed import make_sealed_storage
from bleeper.state.stream_tokens import make_stream_tokens


def create_stream_app(settings: Settings | None = None, *, preload: bool = True) -> FastAPI:
    settings = settings or get_settings()
    logs.configure(settings.log_level, settings.log_format)
    app = FastAPI(title="bleeper streaming", version=bleeper.__version__, openapi_url=None)
    app.state.settings = settings
    app.state.api_keys = settings.api_keys()
    app.state.keys = make_keys(settings)
    app.state.stream_tokens = make_stream_tokens(settings)
    app.state.store = make_store(settings)  # redact_pii_audio: the session's audio becomes a job
    try:
        app.state.storage = make_sealed_storage(settings)
    except RuntimeError:  # no S3 credentials: sessions work, redact_pii_audio is refused
        app.state.storage = None
    app.include_router(streaming.router)
    install_error_handlers(app)
    runtime = streaming.runtime_of(app.state)
    if preload:
        runtime.load()

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, object]:
        return {"status": "ok", "sessions": runtime.active, "max_sessions": runtime.max_sessions}

    return app
