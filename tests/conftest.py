"""Shared fixtures. The whole session points at its own stack (own home, own ports), so tests
never touch a developer's running `bleeper up` and two stacks run side by side."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports bleeper.config: these are the settings every test process sees.
_HOME = Path(tempfile.mkdtemp(prefix="bleeper-test-"))
os.environ.update(
    {
        "BLEEPER_HOME": str(_HOME),
        "BLEEPER_REDIS_PORT": "26379",
        "BLEEPER_S3_PORT": "28333",
        "BLEEPER_API_PORT": "28000",
        "BLEEPER_FLOWER_PORT": "25555",
        "BLEEPER_ALLOW_PRIVATE_URLS": "true",  # the tests' receivers and file servers are on 127.0.0.1
        "BLEEPER_WEBHOOK_BACKOFF_S": "0.2",
        "BLEEPER_WEBHOOK_MAX_ATTEMPTS": "3",
        "BLEEPER_MAX_FILE_BYTES": str(4 * 1024 * 1024),  # the sample is 0.3 MB; tests send 5 MB to see a 413
    }
)
for var in ("BLEEPER_REDIS_URL", "BLEEPER_S3_ENDPOINT_URL", "BLEEPER_API_KEY", "BLEEPER_PUBLIC_URL"):
    os.environ.pop(var, None)

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sample_call.mp3"


@pytest.fixture(scope="session")
def sample_call() -> Path:
    return SAMPLE
