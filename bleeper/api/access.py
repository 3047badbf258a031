"""The API's access log: method, route template, status and time; never the path or the query.

uvicorn's own access log is off everywhere (`--no-access-log`): it writes the request line as
sent, and `GET /v2/transcript/{id}/word-search?words=...` carries the words searched for.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("bleeper.access")

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "<no route>"


def route_of(scope: Scope) -> str:
    """The template of the route that took the request (`/v2/transcript/{transcript_id}`), or a
    fixed placeholder: a path no route matched is whatever the client typed."""
    route: Any = scope.get("route")
    template = getattr(route, "path_format", None) or getattr(route, "path", None)
    return template if isinstance(template, str) else UNMATCHED


class AccessLog:
    """Pure ASGI middleware (no BaseHTTPMiddleware: it would buffer streamed answers)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app raises before answering

        async def send_and_see(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_see)
        finally:
            method = scope.get("method", "")
            log.info("%s %s %d %.1f ms", method if method in METHODS else "OTHER", route_of(scope), status,
                     (time.perf_counter() - started) * 1000)
