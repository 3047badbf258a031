"""Symbl-style access tokens: random, kept in Redis by their hash with the app they were issued
to and their expiry, and gone from Redis when they expire (the key's TTL)."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

import redis

from bleeper.config import Settings
from bleeper.state.keys import digest

PREFIX = "bleeper:symbl:token:"


def token_key(token: str) -> str:
    return PREFIX + digest(token)


@dataclass(frozen=True)
class TokenGrant:
    owner: str
    app_id: str
    expires_at: float


class SymblTokens:
    def __init__(self, client: redis.Redis, ttl_s: int, clock: Callable[[], float] = time.time) -> None:
        self.redis = client
        self.ttl = ttl_s
        self.clock = clock

    def issue(self, owner: str, app_id: str) -> str:
        token = secrets.token_urlsafe(32)
        grant = {"owner": owner, "app_id": app_id, "expires_at": self.clock() + self.ttl}
        self.redis.set(token_key(token), json.dumps(grant), ex=self.ttl)
        return token

    def grant(self, token: str) -> TokenGrant | None:
        """What a live token grants; None when unknown or past its expiry (the record says when,
        so a token is refused on time even if Redis has not dropped it yet)."""
        raw = self.redis.get(token_key(token))
        if raw is None:
            return None
        grant = TokenGrant(**json.loads(raw))
        return grant if self.clock() < grant.expires_at else None


def make_symbl_tokens(settings: Settings) -> SymblTokens:
    return SymblTokens(redis.Redis.from_url(settings.redis_address, socket_timeout=10), settings.symbl_token_ttl_s)
