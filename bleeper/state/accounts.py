"""Account settings: a key owner's default redaction options for new jobs, kept in Redis beside the
job records. Stored as the JSON the API validated; this layer does not interpret it."""

from __future__ import annotations

import json
from typing import Any

import redis

PREFIX = "bleeper:settings:"


class AccountSettings:
    def __init__(self, client: redis.Redis) -> None:
        self.redis = client

    def get(self, owner: str) -> dict[str, Any]:
        raw = self.redis.get(PREFIX + owner)
        return json.loads(raw) if raw else {}

    def put(self, owner: str, values: dict[str, Any]) -> None:
        self.redis.set(PREFIX + owner, json.dumps(values))
