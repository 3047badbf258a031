"""Symbl-style authentication: `POST /oauth2/token:generate` trades an app id and secret for an
access token, and `SymblApp` gives a route the calling app's owner id from that token (sent as
`Authorization: Bearer <token>`, or in Symbl's deprecated `x-api-key` header)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, ConfigDict, Field

from bleeper.errors import Unauthorized

router = APIRouter(tags=["symbl"])

BAD_APP = "Unauthorized: the appId and appSecret do not match an app of this deployment"
BAD_TOKEN = ("Unauthorized: the access token is missing, invalid or expired; generate one with "
             "POST /oauth2/token:generate and send it as Authorization: Bearer <token>")


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    type: Literal["application"]
    appId: Annotated[str, Field(min_length=1, max_length=256)]
    appSecret: Annotated[str, Field(min_length=1, max_length=256)]


class TokenResponse(BaseModel):
    accessToken: str
    expiresIn: int


@router.post("/oauth2/token:generate", response_model=TokenResponse)
def generate_token(body: TokenRequest, request: Request) -> TokenResponse:
    """An access token for the app, valid for BLEEPER_SYMBL_TOKEN_TTL_S (Symbl's: 86400 s)."""
    state = request.app.state
    owner = state.symbl_apps.authenticate(body.appId, body.appSecret)
    if owner is None:
        raise Unauthorized(BAD_APP)
    return TokenResponse(accessToken=state.symbl_tokens.issue(owner, body.appId), expiresIn=state.symbl_tokens.ttl)


def symbl_app(request: Request, authorization: Annotated[str | None, Header()] = None,
              x_api_key: Annotated[str | None, Header()] = None) -> str:
    """The owner id of the app whose live token the request carries; 401 otherwise."""
    given = (authorization or "").strip()
    if given[:7].lower() == "bearer ":
        given = given[7:].strip()
    given = given or (x_api_key or "").strip()
    if not given:
        raise Unauthorized(BAD_TOKEN)
    state = request.app.state
    grant = state.symbl_tokens.grant(given)
    if grant is None or not state.symbl_apps.live(grant.app_id):
        raise Unauthorized(BAD_TOKEN)
    return grant.owner


SymblApp = Annotated[str, Depends(symbl_app)]
