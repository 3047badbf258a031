"""A Symbl app's user settings (`/v1/manage/settings`: its redaction defaults), kept in Redis by
the app's owner id. Stored as the JSON bleeper.symbl.settings validated; not interpreted here."""

from __future__ import annotations

import hashlib

import redis

from bleeper.state.accounts import AccountSettings
from bleeper.state.custom_entities import CustomEntityStore

PREFIX = "bleeper:symbl:settings:"


class SymblSettings(AccountSettings):
    prefix = PREFIX


def settings_id(owner: str) -> str:
    """Symbl's "static unique ID of your settings": a number derived from the app, stable."""
    return str(int.from_bytes(hashlib.sha256(f"settings:{owner}".encode()).digest()[:7], "big"))


def account_custom_names(client: redis.Redis, owner: str) -> tuple[str, ...]:
    """The names of the app's own entity types (issue 16's custom entities), which `exclude` and
    `custom` may name beside the managed ones."""
    return tuple(e.name.upper() for e in CustomEntityStore(client).list(owner))
