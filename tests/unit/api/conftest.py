"""The API in process (FastAPI's TestClient) on a real Redis of its own, reached by a unix socket
so that it takes no port; it is the job store and the Celery broker (no worker runs). S3 is never
reached by the requests these tests send."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient

from bleeper.api.app import create_app
from bleeper.config import Settings
from bleeper.stack import redis_server_exe

KEY = "unit-test-key"


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("redis")
    sock = home / "redis.sock"
    proc = subprocess.Popen([redis_server_exe(), "--port", "0", "--unixsocket", str(sock), "--save", "",
                             "--appendonly", "no", "--dir", str(home)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"unix://{sock}"
    deadline = time.monotonic() + 10
    while not _answers(sock, url):
        assert proc.poll() is None and time.monotonic() < deadline, "redis-server did not start"
        time.sleep(0.05)
    # A job these tests accept goes on this Redis's queues (the API publishes to the broker of the
    # settings it was created with), never to a stack another test runs.
    yield url
    proc.terminate()
    proc.wait(10)


def _answers(sock: Path, url: str) -> bool:
    try:
        return sock.exists() and redis.Redis.from_url(url).ping()
    except redis.RedisError:
        return False


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
