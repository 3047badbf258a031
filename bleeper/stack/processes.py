"""One process of the stack: started detached with the stack's settings, recorded by pid and start
time, found again only if that very process still runs, stopped with its process group."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from pydantic import SecretStr

from bleeper.config import Settings


def settings_env(settings: Settings) -> dict[str, str | None]:
    """Every setting as the BLEEPER_* variable that gives it (None: leave it unset), so the
    processes a Stack starts run with that Stack's settings, not whatever the caller's
    environment says."""
    env: dict[str, str | None] = {}
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, (list, dict)):
            value = json.dumps(value)
        env[f"BLEEPER_{name.upper()}"] = None if value is None else str(value)
    return env


def start(argv: list[str], env: dict[str, str], log_path: Path, cwd: Path, record: Path) -> subprocess.Popen:
    """Start `argv` in its own session, output to `log_path`, and record its pid in `record`."""
    log = open(log_path, "ab")
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            env=env, cwd=cwd, start_new_session=True)
    log.close()
    stat = Path(f"/proc/{proc.pid}/stat")
    started = stat.read_text().rsplit(")", 1)[1].split()[19] if stat.exists() else None
    # written whole and renamed into place: a reader (`bleeper status`, the supervisor, the fault
    # suite) never sees the empty file a plain write leaves for a moment
    partial = record.with_name(f".{record.name}.partial")
    partial.write_text(json.dumps({"pid": proc.pid, "start": started}))
    os.replace(partial, record)
    return proc


def running_pid(record: Path) -> int | None:
    """The pid in `record` if that very process still runs (not a reused pid)."""
    try:
        rec = json.loads(record.read_text())
    except (OSError, ValueError):
        return None  # no record (never started, or stopped), or one from an older bleeper cut short
    try:
        os.kill(rec["pid"], 0)
    except (ProcessLookupError, PermissionError):
        return None
    stat = Path(f"/proc/{rec['pid']}/stat")
    if stat.exists():
        fields = stat.read_text().rsplit(")", 1)[1].split()
        if fields[0] == "Z":  # exited, not yet reaped (our own child): reap it
            try:
                os.waitpid(rec["pid"], os.WNOHANG)
            except ChildProcessError:
                pass
            return None
        if rec.get("start") and fields[19] != rec["start"]:
            return None  # the pid was reused by another process
    return rec["pid"]


def stop(pid: int, grace: float = 20) -> None:
    """SIGTERM the process group, SIGKILL it if it is still there after `grace` seconds."""
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
