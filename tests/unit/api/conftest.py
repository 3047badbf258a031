"""The API in process (FastAPI's TestClient) on the unit tests' own Redis (tests/unit/conftest.py);
it is the job store and the Celery broker (no worker runs). S3 is never reached by the requests
these tests send."""

from __future__ import annotations

import pytest
import redis
from fastapi.testclient import TestClient

from bleeper.api.app import create_app
from bleeper.config import Settings

KEY = "unit-test-key"


def make_settings(redis_url: str, **overrides) -> Settings:
    return Settings(redis_url=redis_url, api_key=KEY, s3_access_key="unit", s3_secret_key="unit",
                    allow_private_urls=False, **overrides)


@pytest.fixture
def settings(redis_url: str) -> Settings:
    redis.Redis.from_url(redis_url).flushdb()
    return make_settings(redis_url)


@pytest.fixture
def client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings), headers={"Authorization": KEY}, raise_server_exceptions=False)
