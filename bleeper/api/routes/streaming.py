"""AssemblyAI's v3 streaming endpoints: `GET /v3/ws` (the WebSocket) and `GET /v3/token`
(single-use temporary tokens, for browsers). The session itself is bleeper.api.stream.connection."""

from __future__ import annotations

import json
import logging
import threading
from typing import Annotated, Any

import redis
from fastapi import APIRouter, Query, Request, WebSocket
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from bleeper.api.deps import Config, Owner, owner_of_key
from bleeper.api.stream.connection import Connection, refuse
from bleeper.custom import definitions
from bleeper.errors import PermanentError
from bleeper.state.stream_tokens import TOKEN_PREFIX
from bleeper.streaming.params import parse_query
from bleeper.streaming.protocol import Close, ProtocolError

router = APIRouter(tags=["streaming"])
log = logging.getLogger("bleeper.streaming")


class TokenPublic(BaseModel):
    token: str


@router.get("/v3/token", response_model=TokenPublic)
def create_token(request: Request, owner: Owner, settings: Config,
                 expires_in_seconds: Annotated[int, Query(ge=1, le=600)],
                 max_session_duration_seconds: Annotated[int | None, Query(ge=60, le=10_800)] = None) -> TokenPublic:
    """A token that opens one streaming session (`?token=` or the Authorization header) if used
    within `expires_in_seconds`; the session lasts at most `max_session_duration_seconds`."""
    limit = min(max_session_duration_seconds or settings.stream_max_session_s, settings.stream_max_session_s)
    return TokenPublic(token=request.app.state.stream_tokens.issue(owner, expires_in_seconds, limit))


# the account settings (PATCH /v2/settings/redaction) a session takes when its query leaves them
# out; keep_unredacted and verify go to the redact_pii_audio job
STREAM_DEFAULTS = ("redact_pii_policies", "redact_pii_sub", "redact_pii_custom", "redact_pii_exclude",
                   "redact_pii_audio", "redact_pii_audio_quality")


def account_defaults(state: Any, owner: str, query: list[tuple[str, str]]) -> dict[str, str]:
    """The key's account settings as query-string values, for the names the query does not give;
    none when the session turns redaction off."""
    from bleeper.api.routes.settings import load

    given = {k for k, _ in query}
    if any(k == "redact_pii" and v.lower() == "false" for k, v in query):
        return {}
    stored = load(state.store, owner).model_dump(exclude_none=True)
    return {k: (json.dumps(v) if isinstance(v, (list, dict)) else str(v).lower() if isinstance(v, bool) else str(v))
            for k, v in stored.items() if k not in given}


def account_entities(state: Any, owner: str) -> list:
    """The key's account's own entity types (issue 16), detected in its sessions as in its jobs."""
    from bleeper.state.custom_entities import CustomEntityStore

    return CustomEntityStore(state.store.redis).list(owner)


_making = threading.Lock()


def runtime_of(state: Any) -> Any:
    """The process's streaming runtime, made on the first session (so the API imports Whisper's
    and the detector's modules only when streaming is used; a second or so: call it in a thread)."""
    with _making:
        runtime = getattr(state, "stream_runtime", None)
        if runtime is None:
            from bleeper.streaming.runtime import StreamRuntime

            runtime = state.stream_runtime = StreamRuntime(state.settings)
    return runtime


async def authenticate(ws: WebSocket) -> tuple[str, int]:
    """(owner, longest session allowed) from the API key in the Authorization header (raw, as the SDK
    sends it, or Bearer), or a temporary token there or in `?token=`."""
    settings = ws.app.state.settings
    given = (ws.headers.get("authorization") or "").removeprefix("Bearer ").strip() or ws.query_params.get("token", "")
    if not given:
        raise ProtocolError(Close.unauthorized, "missing API key: send it in the Authorization header, or a "
                                                "temporary token from GET /v3/token as ?token=")
    try:
        if given.startswith(TOKEN_PREFIX):
            found = await run_in_threadpool(ws.app.state.stream_tokens.redeem, given)
            if found is None:
                raise ProtocolError(Close.unauthorized, "invalid temporary token: it has expired or was used already "
                                                        "(a token opens one session)")
            return found[0], min(found[1] or settings.stream_max_session_s, settings.stream_max_session_s)
        owner = await owner_of_key(ws.app.state, given)
    except redis.RedisError:
        raise ProtocolError(Close.server_error, "the key store cannot be reached; try again shortly") from None
    if owner is None:
        raise ProtocolError(Close.unauthorized, "invalid API key")
    return owner, settings.stream_max_session_s


@router.websocket("/v3/ws")
async def stream(ws: WebSocket) -> None:
    await ws.accept()
    state = ws.app.state
    runtime = state.stream_runtime if hasattr(state, "stream_runtime") else await run_in_threadpool(runtime_of, state)
    try:
        owner, max_session_s = await authenticate(ws)
        query = ws.query_params.multi_items()
        try:
            account = await run_in_threadpool(account_defaults, state, owner, query)
            entities = await run_in_threadpool(account_entities, state, owner)
        except redis.RedisError:
            raise ProtocolError(Close.server_error, "the account settings cannot be read; try again shortly") from None
        params = parse_query(query + [(k, v) for k, v in account.items() if k in STREAM_DEFAULTS], runtime.model_name,
                             definitions.names(entities))
        if params.redact_pii_audio:
            from bleeper.api.stream.handoff import check

            if getattr(state, "storage", None) is None:
                raise ProtocolError(Close.invalid_message, "redact_pii_audio: this server has no S3 storage configured "
                                                           "(BLEEPER_S3_*), so it cannot keep the session's audio")
            try:
                await run_in_threadpool(check, params, state.settings)
            except PermanentError as exc:  # a webhook address or header the job would refuse
                raise ProtocolError(Close.invalid_message, exc.message) from None
        if not runtime.admit():
            raise ProtocolError(Close.too_many_sessions, f"this server runs its maximum of {runtime.max_sessions} "
                                                         "sessions; try again, or another server")
    except ProtocolError as exc:
        await refuse(ws, exc)
        return
    except Exception as exc:  # noqa: BLE001 — a bug: the client hears its type, the log its frames
        log.error("stream connection failed before its session began", exc_info=exc)
        await refuse(ws, ProtocolError(Close.server_error, f"internal error ({type(exc).__name__})"))
        return
    try:
        job_extras = {k: account[k] == "true" for k in ("keep_unredacted", "verify") if k in account}
        await Connection(ws, params, owner, max_session_s, job_extras, entities).run()
    finally:
        runtime.leave()
