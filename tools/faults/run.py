"""The whole fault suite: a private stack, a clean baseline job, the five faults one after another,
a last watch for late webhooks, then every job's verdict written to JSON and printed."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from tools.bench.host import machine, versions
from tools.faults import phases
from tools.faults.jobs import FileServer, Receiver, Tracker
from tools.faults.rabbitmq import broker_restart, rabbitmq_url
from tools.faults.report import invariants, print_table, summarise
from tools.faults.stack import fault_environment

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "sample_call.mp3"
DEFAULT_OUT = ROOT / "bench" / "faults.json"
RABBITMQ_OUT = ROOT / "bench" / "faults_rabbitmq.json"
FULL = {"pool_kills": 10, "worker_kills": 3, "redis_kills": 2, "receiver_refusing_s": 300, "s3_down_s": 60,
        "broker_down_s": 60}
QUICK = {"pool_kills": 2, "worker_kills": 1, "redis_kills": 1, "receiver_refusing_s": 15, "s3_down_s": 20,
         "broker_down_s": 15}
# --quick only: a whole worker's lost task comes back after the visibility timeout (the task time
# limit + 30 s: 270 s by default), twice in the quick run; lowered so the run fits in CI.
QUICK_LOWERED = {"BLEEPER_TASK_TIME_LIMIT": "60"}
LOG_SIGNS = {"up_message_timeouts": "Timed out waiting for UP message", "unrecoverable": "Unrecoverable error",
             "broker_lost": "Connection to broker lost"}


def _final_webhooks_due(jobs: list[Any], tracker: Tracker, calls: list[dict[str, Any]]) -> bool:
    """Whether a job that ended has not had the webhook of its end yet."""
    heard = {(c["body"].get("transcript_id"), c["body"].get("status")) for c in calls}
    return any((j.id, j.status) not in heard for j in jobs if j.status in ("completed", "error"))


def _log_counts(path: Path, since: int) -> tuple[dict[str, int], int]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}, since
    text = data[since:].decode(errors="replace")
    return {k: text.count(v) for k, v in LOG_SIGNS.items()}, len(data)


def run_faults(quick: bool, out: Path, console: Any, *, rabbitmq: bool = False) -> int:
    """The suite on the stack's own Redis as the broker, or (`rabbitmq`) on the machine's RabbitMQ;
    without one, a result saying why it was skipped (exit 0: nothing failed, nothing was run)."""
    plan = QUICK if quick else FULL
    # RabbitMQ redelivers a lost worker's task at once: nothing to lower
    lowered = QUICK_LOWERED if quick and not rabbitmq else {}
    broker_url = None
    if rabbitmq:
        broker_url, why = rabbitmq_url()
        if broker_url is None:
            console.print(f"[yellow]fault suite on RabbitMQ skipped: {why}[/yellow]")
            out.write_text(json.dumps({"broker": "rabbitmq", "skipped": why, "quick": quick}, indent=2) + "\n")
            return 0
    home = Path(tempfile.mkdtemp(prefix="bleeper-faults-"))
    ports = fault_environment(home, lowered, broker_url)
    from bleeper.config import get_settings
    from bleeper.stack import Stack

    settings = get_settings()
    if lowered:
        console.print(f"[yellow]--quick lowers {', '.join(f'{k}={v}' for k, v in lowered.items())} (default "
                      f"240; visibility timeout {settings.visibility_timeout} s) so a lost worker's task "
                      "comes back within the CI run; everything else at its default[/yellow]")
    stack = Stack(settings)
    started = time.monotonic()
    receiver = server = tracker = None
    try:
        stack.up(timeout=300, echo=lambda _: None)
        receiver = Receiver()
        server = FileServer(SAMPLE, home / "served")
        tracker = Tracker(settings.api_url, next(iter(settings.api_keys())), server.url, receiver)
        ctx = phases.Context(stack, tracker, settings.visibility_timeout + 60, console.print)
        log, offset = stack.log_dir / "worker.log", 0
        steps = [("baseline", lambda: phases.baseline(ctx)),
                 ("pool_kill", lambda: phases.pool_kill(ctx, plan["pool_kills"])),
                 ("worker_kill", lambda: phases.worker_kill(ctx, plan["worker_kills"])),
                 ("redis_kill", lambda: phases.redis_kill(ctx, plan["redis_kills"])),
                 ("s3_down", lambda: phases.s3_down(ctx, plan["s3_down_s"])),
                 ("receiver_refusing", lambda: phases.receiver_refusing(ctx, plan["receiver_refusing_s"]))]
        if rabbitmq:
            steps.insert(4, ("broker_restart", lambda: broker_restart(ctx, plan["broker_down_s"])))
        done: list[tuple[str, dict[str, Any]]] = []
        last_kill = time.monotonic()
        for name, step in steps:
            console.print(f"[bold]{name}[/bold]")
            t0 = time.monotonic()
            phase = step()
            phase["phase_s"] = round(time.monotonic() - t0, 1)
            phase["worker_log"], offset = _log_counts(log, offset)
            done.append((name, phase))
            if name != "receiver_refusing":
                last_kill = max(last_kill, max((j.fault_at or 0) for j in phase["jobs"]))
        # a last watch: a message a killed process left unacknowledged comes back after the
        # visibility timeout and may run a stage again (issue 14 saw `error` after `completed`);
        # RabbitMQ has none (it hands such a message on when the connection drops)
        jobs = [j for _, p in done for j in p["jobs"]]
        watch_until = last_kill + (0 if rabbitmq else settings.visibility_timeout) + 40
        if any(j.ended_at is None for j in jobs):
            watch_until = max(watch_until, time.monotonic() + ctx.recovery_s)
        console.print(f"[bold]watching for late webhooks and unfinished jobs[/bold] "
                      f"({max(0.0, watch_until - time.monotonic()):.0f} s)")
        while time.monotonic() < watch_until:
            time.sleep(1)
        # and for the webhooks a receiver that was down will still get: the retry due when it came
        # back may be one backoff step (up to BLEEPER_WEBHOOK_BACKOFF_MAX_S) away
        hooks_until = max(j.recovered_at or 0 for j in jobs) + settings.webhook_backoff_max_s + 60
        while time.monotonic() < hooks_until and _final_webhooks_due(jobs, tracker, receiver.calls):
            time.sleep(2)
        finals = {j.id: tracker.final_status(j) for j in jobs}
        calls = receiver.calls
        faults = [summarise(name, phase, calls, finals) for name, phase in done]
        failures = invariants(faults)
        result = {
            "quick": quick, "broker": "rabbitmq" if rabbitmq else "redis", "plan": plan, "lowered_settings": lowered,
            "settings": {"worker_concurrency": settings.worker_concurrency,
                         "task_time_limit_s": settings.task_time_limit,
                         "visibility_timeout_s": settings.visibility_timeout,
                         "asr_piece_s": settings.asr_piece_s,
                         "webhook_max_attempts": settings.webhook_max_attempts,
                         "webhook_backoff_s": settings.webhook_backoff_s,
                         "max_stage_attempts": getattr(settings, "max_stage_attempts", None)},
            "sample": SAMPLE.name, "stuck_bound": "visibility timeout + 60 s after the fault ends",
            "machine": machine(), "versions": versions(), "stack": {"ports": ports},
            "wall_s": round(time.monotonic() - started, 1),
            "faults": faults, "failures": failures, "ok": not failures,
        }
        out.write_text(json.dumps(result, indent=2) + "\n")
        print_table(result, console)
        for failure in failures:
            console.print(f"[red]✗ {failure}[/red]")
        console.print(f"results written to {out}")
        return 0 if not failures else 1
    finally:
        for part in (tracker, server, receiver):
            if part is not None:
                part.close()
        stack.down(echo=lambda _: None)
