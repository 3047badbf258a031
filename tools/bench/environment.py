"""The bench's own local stack: its own home and ports, away from every other stack on the machine."""

from __future__ import annotations

import os
from pathlib import Path

from tools.bench.errors import BenchError

# Far from the developer stack (16379/18333/18000/15555), the test suite (26379/28333/28000/25555)
# and the other bench scripts (4638x/4443x/480x0/4555x). SeaweedFS also takes s3+1..s3+8 and
# s3+10008. If any is busy the whole set moves up by PORT_STEP.
PORTS = {"redis": 47379, "s3": 43333, "api": 47000, "flower": 47555}
PORT_STEP, PORT_TRIES = 100, 10


def choose_ports(base: dict[str, int] = PORTS) -> dict[str, int]:
    """The first set of free ports at `base` or PORT_STEP above it (a benchmark's own stack)."""
    from bleeper.stack import port_free, weed_ports

    for attempt in range(PORT_TRIES):
        ports = {k: v + attempt * PORT_STEP for k, v in base.items()}
        wanted = [ports["redis"], ports["api"], ports["flower"], *weed_ports(ports["s3"]).values()]
        if all(port_free(p) for p in wanted):
            return ports
    raise BenchError(f"no free set of ports near {base} (tried {PORT_TRIES} steps of {PORT_STEP})")


def stack_env(home: Path, ports: dict[str, int]) -> dict[str, str]:
    """The variables that give a private stack its own home and ports on 127.0.0.1."""
    return {
        "BLEEPER_HOME": str(home),
        "BLEEPER_REDIS_PORT": str(ports["redis"]),
        "BLEEPER_S3_PORT": str(ports["s3"]),
        "BLEEPER_API_PORT": str(ports["api"]),
        "BLEEPER_API_HOST": "127.0.0.1",
        "BLEEPER_FLOWER_PORT": str(ports["flower"]),
    }


def bench_environment(home: Path, ports: dict[str, int]) -> None:
    """Point this process (and so the stack it starts) at the bench's own home and ports.

    Whisper, detection and audio settings stay whatever the caller's environment says, so the
    bench measures the configured pipeline; connectivity and limits are the bench's own.
    """
    os.environ.update({
        **stack_env(home, ports),
        "BLEEPER_ALLOW_PRIVATE_URLS": "true",  # the webhook receiver is on 127.0.0.1
        "BLEEPER_WORKER_CONCURRENCY": "1",  # one worker process against the one bare process
        "BLEEPER_MAX_FILE_BYTES": str(512 * 1024 * 1024),
        "BLEEPER_MAX_DURATION_S": str(4 * 3600),
    })
    for var in ("BLEEPER_REDIS_URL", "BLEEPER_S3_ENDPOINT_URL", "BLEEPER_S3_PUBLIC_URL", "BLEEPER_S3_ACCESS_KEY",
                "BLEEPER_S3_SECRET_KEY", "BLEEPER_API_KEY", "BLEEPER_PUBLIC_URL", "BLEEPER_FLOWER_PASSWORD"):
        os.environ.pop(var, None)
    from bleeper.config import get_settings

    get_settings.cache_clear()
