"""Symbl-style apps: an app id and secret exchanged for access tokens (`POST /oauth2/token:generate`).

Apps are managed like API keys (bleeper/state/keys.py): the secret is shown once when created and
stored only as a hash; an app can be revoked. The deployment's own app (BLEEPER_SYMBL_APP_ID /
BLEEPER_SYMBL_APP_SECRET, or the one `bleeper up` generates) is always accepted too. Whatever an
app creates is owned by `owner_of_app(app_id)`, a string that names neither the id nor the secret.
"""

from __future__ import annotations

import hmac
import json
import secrets
import time
from dataclasses import asdict, dataclass

import redis

from bleeper.config import Settings
from bleeper.errors import NotFound
from bleeper.state.keys import digest

APPS = "bleeper:symbl:apps"  # hash: app id -> record
OWNER_PREFIX = "symbl:"


def owner_of_app(app_id: str) -> str:
    """Who owns the conversations an app makes: `symbl:` and a prefix of its id's hash."""
    return OWNER_PREFIX + digest("symbl-app:" + app_id)[:16]


@dataclass
class AppRecord:
    id: str  # the owner id; shown in lists, safe to log
    app_id: str
    name: str
    secret_hash: str
    created_at: float
    revoked_at: float | None = None


class SymblApps:
    def __init__(self, client: redis.Redis, deployment: tuple[str, str] | None = None) -> None:
        self.redis = client
        self.deployment = deployment  # (app id, secret) from the settings: always accepted

    def create(self, name: str) -> tuple[AppRecord, str]:
        """A new app; returns its record and its secret (shown once, stored as a hash)."""
        app_id, secret = secrets.token_hex(16), secrets.token_hex(32)
        record = AppRecord(id=owner_of_app(app_id), app_id=app_id, name=name, secret_hash=digest(secret),
                           created_at=time.time())
        self.redis.hset(APPS, app_id, json.dumps(asdict(record)))
        return record, secret

    def list(self) -> list[AppRecord]:
        records = [AppRecord(**json.loads(raw)) for raw in self.redis.hvals(APPS)]
        return sorted(records, key=lambda r: r.created_at)

    def revoke(self, app_or_owner_id: str) -> AppRecord:
        """Revoke by app id or by the owner id `list` shows: its tokens stop working at once."""
        for record in self.list():
            if app_or_owner_id in (record.app_id, record.id):
                record.revoked_at = record.revoked_at or time.time()
                self.redis.hset(APPS, record.app_id, json.dumps(asdict(record)))
                return record
        raise NotFound(f"no Symbl app with id {app_or_owner_id}")

    def authenticate(self, app_id: str, secret: str) -> str | None:
        """The owner id when `secret` is the live secret of `app_id`; None otherwise."""
        if self.deployment is not None:
            known_id, known_secret = self.deployment
            same_id = hmac.compare_digest(app_id.encode(), known_id.encode())
            if same_id and hmac.compare_digest(secret.encode(), known_secret.encode()):
                return owner_of_app(known_id)
        raw = self.redis.hget(APPS, app_id)
        if raw is None:
            return None
        record = AppRecord(**json.loads(raw))
        if record.revoked_at or not hmac.compare_digest(digest(secret), record.secret_hash):
            return None
        return record.id

    def live(self, app_id: str) -> bool:
        """Whether `app_id` may still use its tokens (the deployment's app always may)."""
        if self.deployment is not None and hmac.compare_digest(app_id.encode(), self.deployment[0].encode()):
            return True
        raw = self.redis.hget(APPS, app_id)
        return raw is not None and not json.loads(raw).get("revoked_at")


def make_symbl_apps(settings: Settings) -> SymblApps:
    return SymblApps(redis.Redis.from_url(settings.redis_address, socket_timeout=10), settings.symbl_app())
