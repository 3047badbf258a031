"""The size of a request body, enforced while it is read: JSON requests are small, uploads stream."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# A transcript request with every field at its longest is under 20 KiB; settings are smaller.
MAX_JSON_BYTES = 64 * 1024
# Bodies that are not JSON: POST /v2/upload streams to storage under BLEEPER_MAX_FILE_BYTES itself.
STREAMED = frozenset({"/v2/upload"})


class BodyLimit:
    """Reads every other request's body here, refusing it with a 413 as soon as it passes the
    limit (a chunked body has no Content-Length to check first), then hands it to the app."""

    def __init__(self, app: ASGIApp, limit: int = MAX_JSON_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in STREAMED:
            await self.app(scope, receive, send)
            return
        too_large = JSONResponse({"error": f"the request body is over the {self.limit}-byte limit for JSON "
                                           "requests (send audio to POST /v2/upload)"}, status_code=413)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                await too_large(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        body: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replay() -> Message:
            return body.pop() if body else await receive()

        await self.app(scope, replay, send)
