"""The size of a request body, enforced while it is read: JSON requests are small, uploads stream."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# A transcript request with every field at its longest is under 20 KiB; settings are smaller.
MAX_JSON_BYTES = 64 * 1024
# Bodies that are not JSON: POST /v2/upload streams to storage under BLEEPER_MAX_FILE_BYTES itself,
# and so do Symbl's raw-body process calls.
STREAMED = frozenset({"/v2/upload", "/v1/process/audio", "/v1/process/video"})
# JSON bodies allowed to be larger: a Symbl text conversation carries a whole chat or email thread
LARGER = {"/v1/process/text": 8 * 1024 * 1024}


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
        limit = LARGER.get(scope["path"], self.limit)
        symbl = scope["path"].startswith(("/v1/", "/oauth2/"))  # Symbl-style bodies (bleeper.api.symbl)
        message = f"the request body is over the {limit}-byte limit for JSON requests (send audio to POST " + \
            ("/v1/process/audio)" if symbl else "/v2/upload)")
        too_large = JSONResponse({"message" if symbl else "error": message}, status_code=413)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
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
            if size > limit:
                await too_large(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        body: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replay() -> Message:
            return body.pop() if body else await receive()

        await self.app(scope, replay, send)
