"""TEMPORARY (s16b): stands in for s16a's Symbl auth until it is merged, with the same name.

`SymblApp` gives the calling app's owner id from `Authorization: Bearer <token>` (or the
deprecated `x-api-key: <token>`); here the token is one of the deployment's API keys, so a
conversation is any job of that key. s16a's module replaces this file.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from bleeper.api.deps import owner_of_key
from bleeper.errors import Unauthorized


async def symbl_app(request: Request, authorization: Annotated[str | None, Header()] = None,
                    x_api_key: Annotated[str | None, Header()] = None) -> str:
    token = (authorization or "").removeprefix("Bearer ").strip() or (x_api_key or "").strip()
    if not token:
        raise Unauthorized("Missing access token: send Authorization: Bearer <accessToken>")
    owner = await owner_of_key(request.app.state, token)
    if owner is None:
        raise Unauthorized("Invalid or expired access token: generate a new one")
    return owner


SymblApp = Annotated[str, Depends(symbl_app)]
