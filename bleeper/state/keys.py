"""API keys: stored hashed in Redis, shown once when created, revocable.

The key from BLEEPER_API_KEY (or the one `bleeper up` generates) is always accepted too, so a
fresh stack works before any key is created.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import asdict, dataclass

import redis

from bleeper.config import Settings
from bleeper.errors import NotFound

KEYS = "bleeper:apikeys"  # hash: sha256(secret) -> record


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def owner_of(secret: str) -> str:
    """Who owns the jobs made with this key: a prefix of its hash, never the key itself."""
    return digest(secret)[:16]


@dataclass
class KeyRecord:
    id: str  # the owner id; shown in lists, safe to log
    name: str
    created_at: float
    revoked_at: float | None = None


class KeyStore:
    def __init__(self, client: redis.Redis) -> None:
        self.redis = client

    def create(self, name: str) -> tuple[KeyRecord, str]:
        secret = "bl_" + secrets.token_urlsafe(24)
        record = KeyRecord(id=owner_of(secret), name=name, created_at=time.time())
        self.redis.hset(KEYS, digest(secret), json.dumps(asdict(record)))
        return record, secret

    def list(self) -> list[KeyRecord]:
        records = [KeyRecord(**json.loads(raw)) for raw in self.redis.hvals(KEYS)]
        return sorted(records, key=lambda r: r.created_at)

    def revoke(self, key_id: str) -> KeyRecord:
        for field, raw in self.redis.hgetall(KEYS).items():
            record = KeyRecord(**json.loads(raw))
            if record.id == key_id:
                record.revoked_at = record.revoked_at or time.time()
                self.redis.hset(KEYS, field, json.dumps(asdict(record)))
                return record
        raise NotFound(f"no API key with id {key_id}")

    def owner(self, secret: str) -> str | None:
        raw = self.redis.hget(KEYS, digest(secret))
        if raw is None:
            return None
        record = KeyRecord(**json.loads(raw))
        return None if record.revoked_at else record.id


def make_keys(settings: Settings) -> KeyStore:
    return KeyStore(redis.Redis.from_url(settings.redis_address, socket_timeout=10))
