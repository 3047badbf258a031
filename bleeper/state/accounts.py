"""Account settings: a key owner's default redaction options for new jobs, kept in Redis beside the
job records (one JSON object per owner under PREFIX). Stored as the JSON the API validated; this
layer does not interpret it. bleeper.state.symbl_settings keeps a Symbl app's under its own prefix."""

from __future__ import annotations

import json
from typing import Any

import redis

PREFIX = "bleeper:settings:"


class AccountSettings:
    def __init__(self, client: redis.Redis) -> None:
        self.redis = client

    prefix = PREFIX

    def get(self, owner: str) -> dict[str, Any]:
        raw = self.redis.get(self.prefix + owner)
        return json.loads(raw) if raw else {}

    def put(self, owner: str, values: dict[str, Any]) -> None:
        self.redis.set(self.prefix + owner, json.dumps(values))
