"""The fault suite on RabbitMQ (BLEEPER_BROKER_URL=amqp://…): a vhost of the suite's own on the
machine's RabbitMQ, and the fault only that broker has — the broker itself restarted.

RabbitMQ is a service of the machine (developers' machines and CI have one on 127.0.0.1:5672), not
a part of bleeper's local stack: the suite does not start one, and says why it skipped where none
answers. Restarting it (`rabbitmqctl stop_app` / `start_app`) drops every client of that node for
the outage, so the suite does it only on the node it was pointed at.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tools.faults.phases import Context, mid_transcription
from tools.faults.stack import alive, bring_back, main_pids

HOST, PORT = "127.0.0.1", 5672
VHOST = "bleeper-faults"


def rabbitmq_url() -> tuple[str | None, str]:
    """The suite's vhost URL, or None and why not (no broker answering, no rabbitmqctl)."""
    try:
        socket.create_connection((HOST, PORT), timeout=2).close()
    except OSError:
        return None, f"no RabbitMQ answers on {HOST}:{PORT}"
    ctl = shutil.which("rabbitmqctl")
    if ctl is None:
        return None, "RabbitMQ answers but rabbitmqctl is not on PATH (needed for a vhost and a restart)"
    subprocess.run([ctl, "add_vhost", VHOST], capture_output=True, timeout=60)
    subprocess.run([ctl, "set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*"], capture_output=True, timeout=60)
    return f"amqp://guest:guest@{HOST}:{PORT}/{VHOST}", ""


def _ctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", *args], capture_output=True, timeout=120, check=True)


def broker_restart(ctx: Context, outage_s: float) -> dict[str, Any]:
    """RabbitMQ stopped (`stop_app`: every connection dropped, unacknowledged messages back on
    their queues) mid-transcription for `outage_s`, then started; a second job submitted while it is
    down (the API's publish waits out the outage or the reaper republishes it)."""
    first = ctx.tracker.submit("broker_restart")
    mid_transcription(ctx, first)
    worker_before = main_pids(ctx.stack, "worker")
    fault_at = time.monotonic()
    _ctl("stop_app")
    # submitted while the broker is down, from a thread: the API's publish waits for the broker
    # (or the client's request times out and it tries again), and the outage must not wait on it
    with ThreadPoolExecutor(1) as pool:
        submitting = pool.submit(ctx.tracker.submit, "broker_restart", 600)
        try:
            time.sleep(max(0.0, fault_at + outage_s - time.monotonic()))
        finally:
            _ctl("start_app")
        restored = time.monotonic()
        jobs = [first, submitting.result()]
    for job in jobs:
        job.fault_at, job.bound_s, job.recovered_at = fault_at, outage_s + ctx.recovery_s, restored
    survived = bool(worker_before) and all(alive(p) for p in worker_before)
    restart = None if survived else bring_back(ctx.stack, "worker", worker_before)
    ctx.say(f"  RabbitMQ stopped for {outage_s:.0f} s; worker "
            + ("survived" if survived else f"died, restarted by {restart['restarted_by']}"))
    ctx.tracker.wait(jobs)
    return {"jobs": jobs, "outage_s": outage_s, "worker_survived": survived, "worker_restart": restart}
