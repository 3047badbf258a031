"""Temporary streaming tokens (`GET /v3/token`): single-use, short-lived, for browsers that must
not hold an API key. Kept in Redis by their hash, so any streaming process behind a load balancer
can redeem one, and only once (GETDEL)."""

from __future__ import annotations

import json
import secrets

import redis

from bleeper.config import Settings
from bleeper.state.keys import digest

PREFIX = "bleeper:streamtoken:"
TOKEN_PREFIX = "bl_tmp_"


class StreamTokens:
    def __init__(self, client: redis.Redis) -> None:
        self.redis = client

    def issue(self, owner: str, expires_in_s: int, max_session_s: int | None) -> str:
        """A token that opens one session for `owner` if used within `expires_in_s`; the session
        then lasts at most `max_session_s` (None: the server's limit)."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(24)
        record = {"owner": owner, "max_session_s": max_session_s}
        self.redis.set(PREFIX + digest(token), json.dumps(record), ex=expires_in_s)
        return token

    def redeem(self, token: str) -> tuple[str, int | None] | None:
        """(owner, max session seconds) the first time a live token is used; None after."""
        raw = self.redis.getdel(PREFIX + digest(token))
        if raw is None:
            return None
        record = json.loads(raw)
        return record["owner"], record["max_session_s"]


def make_stream_tokens(settings: Settings) -> StreamTokens:
    return StreamTokens(redis.Redis.from_url(settings.redis_address, socket_timeout=10))
