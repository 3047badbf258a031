"""Symbl-style apps and tokens on a real Redis: secrets stored hashed, revocation, expiry."""

from __future__ import annotations

import json

import pytest
import redis

from bleeper.errors import NotFound
from bleeper.state.symbl_apps import APPS, SymblApps, owner_of_app
from bleeper.state.symbl_tokens import SymblTokens, token_key


@pytest.fixture
def client(redis_url: str) -> redis.Redis:
    r = redis.Redis.from_url(redis_url)
    r.flushdb()
    return r


def test_an_app_secret_is_stored_only_as_a_hash_and_authenticates(client):
    apps = SymblApps(client)
    record, secret = apps.create("crm")

    stored = client.hget(APPS, record.app_id).decode()

    assert secret not in stored and json.loads(stored)["secret_hash"] != secret
    assert apps.authenticate(record.app_id, secret) == record.id == owner_of_app(record.app_id)
    assert apps.authenticate(record.app_id, secret + "x") is None
    assert apps.authenticate("no-such-app", secret) is None


def test_a_revoked_app_no_longer_authenticates_nor_keeps_its_tokens_alive(client):
    apps = SymblApps(client)
    record, secret = apps.create("crm")

    apps.revoke(record.id)

    assert apps.authenticate(record.app_id, secret) is None and not apps.live(record.app_id)
    with pytest.raises(NotFound):
        apps.revoke("nope")


def test_the_deployment_app_is_always_accepted_and_owns_by_a_hash_of_its_id(client):
    apps = SymblApps(client, deployment=("deploy-id", "deploy-secret"))

    owner = apps.authenticate("deploy-id", "deploy-secret")

    assert owner == owner_of_app("deploy-id") and owner.startswith("symbl:") and "deploy" not in owner
    assert apps.live("deploy-id") and apps.authenticate("deploy-id", "wrong") is None


def test_a_token_grants_its_app_until_it_expires(client):
    now = [1000.0]
    tokens = SymblTokens(client, ttl_s=3600, clock=lambda: now[0])
    token = tokens.issue("symbl:owner", "app")

    assert tokens.grant(token).owner == "symbl:owner"
    assert client.ttl(token_key(token)) > 3500 and token.encode() not in b"".join(client.keys("*"))
    now[0] += 3600
    assert tokens.grant(token) is None
    assert tokens.grant("never-issued") is None
