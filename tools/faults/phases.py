"""The five faults, each injected while a job runs and each returning what was done to the stack
(pids killed, who restarted what, whether the worker survived); the jobs' fates are read later."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tools.faults.jobs import Job, Tracker
from tools.faults.stack import alive, bring_back, kill9, kill_component, main_pids, pause, resume, wait_active

TRANSCRIBE = ("bleeper.transcribe", "bleeper.transcribe_piece")
WORKER_WATCH_S = 30  # after a Redis restart: the worker died about 6 s after in issue 14's runs


@dataclass
class Context:
    stack: Any
    tracker: Tracker
    recovery_s: float  # a job may take this long after its fault ends before it counts as stuck
    say: Callable[[str], None]


def mid_transcription(ctx: Context, job: Job) -> dict[str, Any] | None:
    """Wait until the job's transcription runs (celery inspect active); the task, or None."""
    task = wait_active(ctx.stack, job.id, TRANSCRIBE, timeout=120)
    job.notes["transcribing_when_killed"] = task is not None
    return task


def baseline(ctx: Context) -> dict[str, Any]:
    """One job with no fault: what a job takes here, for reading the others."""
    job = ctx.tracker.submit("baseline")
    job.fault_at, job.bound_s = job.submitted, ctx.recovery_s
    ctx.tracker.wait([job])
    return {"jobs": [job]}


def pool_kill(ctx: Context, times: int) -> dict[str, Any]:
    """kill -9 of the pool process transcribing a job, one job per kill, one after another."""
    jobs, kills = [], []
    for i in range(times):
        job = ctx.tracker.submit("pool_kill")
        task = mid_transcription(ctx, job)
        pid = task.get("worker_pid") if task else None
        job.fault_at, job.bound_s = time.monotonic(), ctx.recovery_s
        killed = kill9([pid]) if pid else []
        job.recovered_at = job.fault_at
        kills.append({"pid": pid, "task": task.get("name") if task else None, "killed": bool(killed)})
        ctx.say(f"  pool kill {i + 1}/{times}: pid {pid} ({kills[-1]['task']})")
        jobs.append(job)
        ctx.tracker.wait([job])
    return {"jobs": jobs, "kills": kills,
            "how_pool_pid_found": "celery inspect active: worker_pid of the job's transcribe task"}


def worker_kill(ctx: Context, times: int) -> dict[str, Any]:
    """kill -9 of the whole worker (main process, pool, embedded beat) while a job is being
    transcribed, then bring it back; the rounds follow each other without waiting for the
    recovery (the abandoned messages wait in Redis either way), then all are awaited."""
    jobs, rounds = [], []
    for i in range(times):
        job = ctx.tracker.submit("worker_kill")
        mid_transcription(ctx, job)
        job.fault_at, job.bound_s = time.monotonic(), ctx.recovery_s
        killed = kill_component(ctx.stack, "worker")
        back = bring_back(ctx.stack, "worker", killed)
        job.recovered_at = time.monotonic()
        rounds.append({"killed_pids": len(killed), **back})
        ctx.say(f"  worker kill {i + 1}/{times}: {len(killed)} processes, restarted by {back['restarted_by']}")
        jobs.append(job)
    ctx.tracker.wait(jobs)
    return {"jobs": jobs, "rounds": rounds}


def redis_kill(ctx: Context, times: int) -> dict[str, Any]:
    """kill -9 of Redis mid-transcription, restarting only Redis; then watch whether the worker
    survives. If it dies and nothing restarts it, the suite does (and says so) so the job can end."""
    jobs, rounds = [], []
    for i in range(times):
        job = ctx.tracker.submit("redis_kill")
        mid_transcription(ctx, job)
        worker_before = main_pids(ctx.stack, "worker")
        job.fault_at, job.bound_s = time.monotonic(), ctx.recovery_s
        killed = kill_component(ctx.stack, "redis")
        back = bring_back(ctx.stack, "redis", killed, wait_s=5)
        job.recovered_at = time.monotonic()
        deadline = time.monotonic() + WORKER_WATCH_S
        while time.monotonic() < deadline and all(alive(p) for p in worker_before):
            time.sleep(0.5)
        survived = bool(worker_before) and all(alive(p) for p in worker_before)
        round_: dict[str, Any] = {"redis": back, "worker_survived": survived,
                                  "worker_died_after_s": None if survived else round(time.monotonic() - job.fault_at, 1)}
        if not survived:
            round_["worker"] = bring_back(ctx.stack, "worker", worker_before)
        rounds.append(round_)
        ctx.say(f"  redis kill {i + 1}/{times}: redis restarted by {back['restarted_by']}; worker "
                + ("survived" if survived else f"died, restarted by {round_['worker']['restarted_by']}"))
        jobs.append(job)
        ctx.tracker.wait([job])
    return {"jobs": jobs, "rounds": rounds}


def receiver_refusing(ctx: Context, outage_s: float, count: int = 2) -> dict[str, Any]:
    """The webhook receiver refuses connections for `outage_s`, then answers; jobs submitted as
    it goes down."""
    receiver = ctx.tracker.receiver
    receiver.refuse()
    fault_at = time.monotonic()
    jobs = [ctx.tracker.submit("receiver_refusing") for _ in range(count)]
    for job in jobs:
        job.fault_at, job.bound_s = fault_at, outage_s + ctx.recovery_s
    time.sleep(max(0.0, fault_at + outage_s - time.monotonic()))
    receiver.answer()
    for job in jobs:
        job.recovered_at = time.monotonic()
    ctx.say(f"  receiver refused connections for {outage_s:.0f} s, answering again")
    ctx.tracker.wait(jobs)
    return {"jobs": jobs, "outage_s": outage_s}


def s3_down(ctx: Context, outage_s: float) -> dict[str, Any]:
    """kill -9 of SeaweedFS while a job is transcribed, a second job submitted while it is down,
    S3 back after `outage_s`. The local stack's supervisor would start it again within a second or
    two, which is not the outage of a remote S3 the fault stands for: it is paused (SIGSTOP) for
    the outage, then resumed to start S3 again itself."""
    first = ctx.tracker.submit("s3_down")
    mid_transcription(ctx, first)
    supervisor = ctx.stack.pid("supervisor")
    paused = pause(supervisor)
    fault_at = time.monotonic()
    try:
        killed = kill_component(ctx.stack, "s3")
        second = ctx.tracker.submit("s3_down")
        jobs = [first, second]
        for job in jobs:
            job.fault_at, job.bound_s = fault_at, outage_s + ctx.recovery_s
        time.sleep(max(0.0, fault_at + outage_s - time.monotonic()))
    finally:
        if paused:
            resume(supervisor)
    back = bring_back(ctx.stack, "s3", killed)
    restored = time.monotonic()
    for job in jobs:
        job.recovered_at = restored
    outage = round(restored - fault_at, 1)
    ctx.say(f"  s3 down {outage:.0f} s, restarted by {back['restarted_by']}")
    ctx.tracker.wait(jobs)
    return {"jobs": jobs, "killed_pids": len(killed), "planned_outage_s": outage_s, "actual_outage_s": outage,
            "supervisor_paused": paused, "restart": back}
