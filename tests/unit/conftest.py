"""A real Redis of the unit tests' own (job store, keys, metrics, the API's broker), reached by a
unix socket so that it takes no port and never touches a stack."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from bleeper.stack import redis_server_exe


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
