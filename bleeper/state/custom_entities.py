"""An account's own entity types (✚ issue 16), kept in Redis as a JSON list per owner.

The part of issue 16 that owns custom entities (s16ce) defines and validates them; this is the one
read the Symbl-style process routes need: an account's definitions, copied into each new job."""

from __future__ import annotations

import json

import redis

from bleeper.models import CustomEntity

PREFIX = "bleeper:custom_entities:"


class CustomEntityStore:
    def __init__(self, client: redis.Redis) -> None:
        self.redis = client

    def list(self, owner: str) -> list[CustomEntity]:
        raw = self.redis.get(PREFIX + owner)
        return [CustomEntity.model_validate(e) for e in json.loads(raw)] if raw else []
