"""FastAPI app: routes, and the one place where domain errors become HTTP answers."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

import bleeper
from bleeper import logs
from bleeper.api import problems, symbl
from bleeper.api.access import AccessLog, route_of
from bleeper.api.limits import BodyLimit
from bleeper.api.routes import metrics, settings as settings_routes, streaming, transcripts, uploads
from bleeper.config import Settings, get_settings
from bleeper.errors import BleeperError
from bleeper.state.jobs import make_store
from bleeper.state.keys import make_keys
from bleeper.state.sealed import make_sealed_storage
from bleeper.state.stream_tokens import make_stream_tokens
from bleeper.state.symbl_apps import make_symbl_apps
from bleeper.state.symbl_tokens import make_symbl_tokens

log = logging.getLogger("bleeper.api")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    logs.configure(settings.log_level, settings.log_format)
    app = FastAPI(title="bleeper", version=bleeper.__version__,
                  description="Self-hosted PII redaction for call recordings (AssemblyAI-style v2 API).")
    app.state.settings = settings
    app.state.store = make_store(settings)
    app.state.storage = make_sealed_storage(settings)
    app.state.api_keys = settings.api_keys()
    app.state.keys = make_keys(settings)
    app.state.stream_tokens = make_stream_tokens(settings)  # the streaming runtime is made on first use
    app.state.symbl_apps = make_symbl_apps(settings)
    app.state.symbl_tokens = make_symbl_tokens(settings)
    app.include_router(transcripts.router)
    app.include_router(uploads.router)
    app.include_router(metrics.router)
    app.include_router(settings_routes.router)
    app.include_router(streaming.router)
    app.include_router(symbl.router)  # Symbl-style: /oauth2/token:generate, /v1/…
    app.add_middleware(BodyLimit)
    app.add_middleware(AccessLog)
    install_error_handlers(app)

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


def _answer(request: Request, message: str, status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    """`{"error": …}` as AssemblyAI writes it; `{"message": …}` on the Symbl-style routes."""
    body = {"message": message} if symbl.symbl_path(request.url.path) else {"error": message}
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Domain errors, bugs, validation and HTTP errors as `{"error": …}` answers (also on the
    streaming-only app, bleeper.api.stream.app)."""

    @app.exception_handler(BleeperError)
    async def bleeper_error(request: Request, exc: BleeperError) -> JSONResponse:
        if exc.http_status >= 500:
            log.warning("%s %s: %s", request.method, route_of(request.scope), type(exc).__name__)
        return _answer(request, exc.message, exc.http_status)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # a bug: the log shows its type and frames, never its message (bleeper/logs.py)
        log.error("%s %s failed", request.method, route_of(request.scope), exc_info=exc)
        return _answer(request, f"internal error ({type(exc).__name__}); the operator's API log has the details", 500)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Name the field and the problem, never echo the submitted value (it may be PII).
        return _answer(request, problems.describe(exc.errors()), 400)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        headers = exc.headers or {}
        return _answer(request, problems.http_message(exc.status_code, exc.detail, headers.get("Allow")),
                       exc.status_code, headers)
