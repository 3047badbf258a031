"""The Symbl-style API in process on the unit tests' Redis, with moto's S3 behind a sealing
storage (the process routes write the originals before a job is queued)."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator

import boto3
import pytest
import redis
from botocore.config import Config
from fastapi.testclient import TestClient
from moto import mock_aws

from bleeper.api.app import create_app
from bleeper.config import Settings
from bleeper.state.sealed import SealedStorage
from bleeper.state.storage import Storage

APP_ID, APP_SECRET = "deploy-app", "deploy-secret"
KEY = os.urandom(32)


def symbl_settings(redis_url: str) -> Settings:
    return Settings(redis_url=redis_url, api_key="unit-test-key", s3_access_key="unit", s3_secret_key="unit",
                    symbl_app_id=APP_ID, symbl_app_secret=APP_SECRET,
                    originals_key=base64.b64encode(KEY).decode(), home="/nonexistent-bleeper-home")


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1",
                              config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
        client.create_bucket(Bucket="bleeper")
        yield client


@pytest.fixture
def symbl(redis_url: str, s3: object) -> TestClient:
    redis.Redis.from_url(redis_url).flushdb()
    app = create_app(symbl_settings(redis_url))
    app.state.storage = SealedStorage(Storage(s3, "bleeper"), KEY)
    return TestClient(app, raise_server_exceptions=False)


def token(client: TestClient, app_id: str = APP_ID, secret: str = APP_SECRET) -> dict[str, str]:
    r = client.post("/oauth2/token:generate", json={"type": "application", "appId": app_id, "appSecret": secret})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['accessToken']}"}
