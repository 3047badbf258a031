"""POST /oauth2/token:generate and the token every Symbl-style route checks, answered with
Symbl's `{"message"}` bodies."""

from __future__ import annotations

import time

import pytest

from bleeper.state.symbl_apps import owner_of_app
from tests.unit.api.symbl_fixtures import APP_ID, APP_SECRET, s3, symbl, token  # noqa: F401

UNKNOWN = "/v1/conversations/" + "0" * 32


def test_the_deployment_app_gets_a_token_shaped_like_symbls(symbl):
    r = symbl.post("/oauth2/token:generate", json={"type": "application", "appId": APP_ID, "appSecret": APP_SECRET})

    assert r.status_code == 200
    assert set(r.json()) == {"accessToken", "expiresIn"} and r.json()["expiresIn"] == 86400


@pytest.mark.parametrize("body", [
    {"type": "application", "appId": APP_ID, "appSecret": "wrong"},
    {"type": "application", "appId": "someone-else", "appSecret": APP_SECRET},
])
def test_a_wrong_app_id_or_secret_is_401_with_a_message(symbl, body):
    r = symbl.post("/oauth2/token:generate", json=body)

    assert r.status_code == 401 and "appId" in r.json()["message"] and "error" not in r.json()


def test_a_malformed_token_request_names_the_field(symbl):
    r = symbl.post("/oauth2/token:generate", json={"type": "user", "appId": APP_ID, "appSecret": APP_SECRET})

    assert r.status_code == 400 and r.json()["message"].startswith("type")


def test_the_token_is_accepted_as_a_bearer_and_in_the_deprecated_x_api_key(symbl):
    bearer = token(symbl)
    raw = bearer["Authorization"].removeprefix("Bearer ")

    assert symbl.get(UNKNOWN, headers=bearer).status_code == 404  # authenticated: the id is unknown
    assert symbl.get(UNKNOWN, headers={"x-api-key": raw}).status_code == 404


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-token"}, {"x-api-key": "nope"},
                                     {"Authorization": "unit-test-key"}])
def test_no_token_a_bad_token_or_an_api_key_is_401(symbl, headers):
    r = symbl.get(UNKNOWN, headers=headers)

    assert r.status_code == 401 and "token" in r.json()["message"]


def test_an_expired_token_is_401(symbl):
    headers = token(symbl)
    tokens = symbl.app.state.symbl_tokens
    tokens.clock = lambda: time.time() + tokens.ttl + 1

    assert symbl.get(UNKNOWN, headers=headers).status_code == 401


def test_an_app_made_with_keys_create_symbl_authenticates_until_revoked(symbl):
    apps = symbl.app.state.symbl_apps
    record, secret = apps.create("crm")
    headers = token(symbl, record.app_id, secret)

    assert record.id == owner_of_app(record.app_id)
    assert symbl.get(UNKNOWN, headers=headers).status_code == 404
    apps.revoke(record.app_id)
    assert symbl.get(UNKNOWN, headers=headers).status_code == 401
