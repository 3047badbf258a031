"""A `bleeper stream` process of its own, with a Redis of its own (for keys and temporary tokens):
for the streaming tests (tests/integration/test_streaming_sdk.py) and bench/streaming.py."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
KEY = "stream-test-key"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def stream_process(home: Path, redis_url: str, **settings: str) -> Iterator[str]:
    """`bleeper stream` in a process of its own; yields its host:port once its models are loaded."""
    port = free_port()
    env = {**os.environ, "BLEEPER_HOME": str(home), "BLEEPER_API_KEY": KEY, "BLEEPER_REDIS_URL": redis_url,
           "BLEEPER_S3_ACCESS_KEY": "unused", "BLEEPER_S3_SECRET_KEY": "unused", "BLEEPER_LOG_FORMAT": "json",
           **{f"BLEEPER_{k.upper()}": v for k, v in settings.items()}}
    log = open(home / "stream.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "bleeper.cli", "stream", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, f"bleeper stream exited: {(home / 'stream.log').read_text()[-2000:]}"
            assert time.monotonic() < deadline, "bleeper stream did not answer in 120 s"
            try:
                if requests.get(f"http://127.0.0.1:{port}/health", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        yield f"127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()


@contextmanager
def redis_server(home: Path) -> Iterator[str]:
    from bleeper.stack import redis_server_exe

    sock = home / "redis.sock"
    proc = subprocess.Popen([redis_server_exe(), "--port", "0", "--unixsocket", str(sock), "--save", "",
                             "--appendonly", "no", "--dir", str(home)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not sock.exists():
            assert time.monotonic() < deadline and proc.poll() is None, "redis-server did not start"
            time.sleep(0.05)
        yield f"unix://{sock}"
    finally:
        proc.terminate()
        proc.wait(10)
