"""Shared fixtures. The whole session points at its own stack (own home, own ports), so tests
never touch a developer's running `bleeper up` and two stacks run side by side."""

from __future__ import annotations

import os
import random
import socket
import tempfile
from pathlib import Path

# Before anything imports bleeper.config: these are the settings every test process sees.
_HOME = Path(tempfile.mkdtemp(prefix="bleeper-test-"))
TEST_PORTS = (29100, 29199)  # the only private ports the stack's egress guard lets tests reach
os.environ.update(
    {
        "BLEEPER_HOME": str(_HOME),
        "BLEEPER_REDIS_PORT": "26379",
        "BLEEPER_S3_PORT": "28333",
        "BLEEPER_API_PORT": "28000",
        "BLEEPER_FLOWER_PORT": "25555",
        # the tests' receivers and file servers listen on 127.0.0.1 in this range; every other
        # private address (the API, S3, Redis, Flower of this very stack) stays refused
        "BLEEPER_ALLOWED_PRIVATE_HOSTS": f"127.0.0.1:{TEST_PORTS[0]}-{TEST_PORTS[1]}",
        "BLEEPER_FETCH_DEADLINE_S": "10",  # the drip test waits this long; test files take < 1 s
        # 30-second pieces: the 52-second sample call is transcribed (and verified) as two pieces,
        # so every job of the suite goes through the chord that joins them (workers/pieces.py)
        "BLEEPER_ASR_PIECE_S": "30",
        # the session stack's logs are searched for PII at their most verbose (test_no_leaks.py)
        "BLEEPER_LOG_LEVEL": "DEBUG",
        "BLEEPER_LOG_FORMAT": "json",
        # a job whose audio_url cannot be reached ends in error after 2 quick retries instead of
        # the default 8 (about four minutes: test_no_leaks.py waits for one on each of two stacks)
        "BLEEPER_STAGE_MAX_RETRIES": "2",
        "BLEEPER_WEBHOOK_BACKOFF_S": "0.2",
        "BLEEPER_WEBHOOK_MAX_ATTEMPTS": "3",
        "BLEEPER_MAX_FILE_BYTES": str(4 * 1024 * 1024),  # the sample is 0.3 MB; tests send 5 MB to see a 413
        # streaming on the session stack's API (tests/integration/test_streaming_audio_job.py): the
        # small model, and audio sent faster than real time
        "BLEEPER_STREAM_WHISPER_MODEL": "tiny.en",
        "BLEEPER_STREAM_REALTIME_CHECK": "false",
    }
)
for var in ("BLEEPER_ALLOW_PRIVATE_URLS", "BLEEPER_REDIS_URL", "BLEEPER_S3_ENDPOINT_URL", "BLEEPER_API_KEY", "BLEEPER_PUBLIC_URL"):
    os.environ.pop(var, None)

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sample_call.mp3"


@pytest.fixture(scope="session")
def sample_call() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def allowed_port():
    """A factory of free ports on 127.0.0.1 inside TEST_PORTS (what BLEEPER_ALLOWED_PRIVATE_HOSTS
    lets through)."""
    return _allowed_port


def _allowed_port() -> int:
    """A free port on 127.0.0.1 inside TEST_PORTS (what BLEEPER_ALLOWED_PRIVATE_HOSTS lets through)."""
    for port in random.sample(range(TEST_PORTS[0], TEST_PORTS[1] + 1), TEST_PORTS[1] - TEST_PORTS[0] + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {TEST_PORTS}")
