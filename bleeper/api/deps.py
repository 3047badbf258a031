"""What routes need: the caller's identity, the job store, the storage."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, Request

from bleeper.config import Settings
from bleeper.errors import Unauthorized
from bleeper.jobs import JobStore, owner_of
from bleeper.storage import Storage


def settings(request: Request) -> Settings:
    return request.app.state.settings


def store(request: Request) -> JobStore:
    return request.app.state.store


def storage(request: Request) -> Storage:
    return request.app.state.storage


def owner(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """The key comes as AssemblyAI's SDK sends it (`Authorization: <key>`) or as a Bearer token."""
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given:
        raise Unauthorized("missing API key: send it in the Authorization header")
    for key in request.app.state.api_keys:
        if hmac.compare_digest(given.encode(), key.encode()):
            return owner_of(key)
    raise Unauthorized("invalid API key")


Owner = Annotated[str, Depends(owner)]
Store = Annotated[JobStore, Depends(store)]
Store3 = Annotated[Storage, Depends(storage)]
Config = Annotated[Settings, Depends(settings)]
