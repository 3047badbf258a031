"""What routes need: the caller's identity, the job store, the storage."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from fastapi.concurrency import run_in_threadpool

from bleeper.config import Settings
from bleeper.errors import Unauthorized
from bleeper.state.jobs import JobStore
from bleeper.state.keys import owner_of
from bleeper.state.storage import Storage


def settings(request: Request) -> Settings:
    return request.app.state.settings


def store(request: Request) -> JobStore:
    return request.app.state.store


def storage(request: Request) -> Storage:
    return request.app.state.storage


async def owner(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """The key comes as AssemblyAI's SDK sends it (`Authorization: <key>`) or as a Bearer token:
    the deployment's key (BLEEPER_API_KEY or generated) or one made with `bleeper keys create`."""
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given:
        raise Unauthorized("missing API key: send it in the Authorization header")
    found = await owner_of_key(request.app.state, given)
    if found is None:
        raise Unauthorized("invalid API key")
    return found


async def owner_of_key(state: Any, given: str) -> str | None:
    """Whose key `given` is (an app's state: its deployment keys and key store), or None."""
    for key in state.api_keys:
        if hmac.compare_digest(given.encode(), key.encode()):
            return owner_of(key)
    return await run_in_threadpool(state.keys.owner, given)


Owner = Annotated[str, Depends(owner)]
JobStoreDep = Annotated[JobStore, Depends(store)]
StorageDep = Annotated[Storage, Depends(storage)]
Config = Annotated[Settings, Depends(settings)]
