"""Before a stage runs, and when it fails: a finished job is left alone, a stage whose process
keeps dying ends the job, and `error` is announced only by the one who put the job in it.

Messages are delivered at least once (acks_late, requeued when a process dies, restored after
the visibility timeout), so a stage can run again after the job has moved on. Issue 14 saw a
transcribe delivered again after finalize had deleted the source: it failed, turned `completed`
into `error` and sent `error` after `completed`. The lifecycle table (bleeper.state.lifecycle)
refuses that move; here a stage for a finished job does not even start, and nothing after it
in the chain is published.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from celery import Task

from bleeper.errors import BleeperError, NotFound, TransientError
from bleeper.models import JobStatus
from bleeper.queues import STAGE_PRIORITY
from bleeper.state.lifecycle import TERMINAL, crash_message, crashed_too_often, error_webhook_owed, owe_error_webhook
from workers import context

log = logging.getLogger("bleeper.worker")


def stop_chain(task: Task) -> None:
    """Publish nothing after this task. Celery sends a chain's next step from `request.chain`,
    and linked tasks from `request.callbacks`, after the task returns (celery/app/trace.py,
    `_dispatch_callbacks_and_chain`) — from the request the tracer pushed, not the copy that
    `Task.__call__` pushes on top of it for a task class with its own `__call__` (SafeTask):
    every request on this task's stack is cleared."""
    for request in task.request_stack.stack:
        request.chain = None
        request.callbacks = None


def admit(task: Task, job_id: str, stage: str, attempt: str) -> bool:
    """Whether `stage` may run for `job_id` now; if not, the chain stops here and the message is
    acknowledged (the task returns). `attempt` names what is counted: the stage, or one piece of it.

    A job that is finished (`completed`, `error`, `expired`) or gone is left alone, whatever stage
    was delivered: a job still running repeats a stage delivered again instead (stages are
    idempotent), since its next step may not have been published before the worker died.
    """
    store = context.job_store()
    try:
        job = store.get(job_id)
    except NotFound:
        log.warning("job %s: %s not run: the job's record is gone", job_id, stage)
        stop_chain(task)
        return False
    if job.status in TERMINAL:
        log.info("job %s: %s not run: the job is already %s", job_id, stage, job.status.value)
        if error_webhook_owed(job):  # whoever ended it died before sending the webhook
            log.warning("job %s: its error webhook was never sent; sending it now", job_id)
            announce_error(task, job_id)
        stop_chain(task)
        return False
    starts = store.start_attempt(job_id, attempt)
    if crashed_too_often(starts, context.settings().max_stage_attempts):
        crashes = starts - 1
        log.warning("job %s: %s not run again: its process died %d times", job_id, stage, crashes)
        fail(task, job_id, stage, crash_message(stage, crashes))
        stop_chain(task)
        return False
    return True


def patiently(record: Callable[[], Any], within_s: float = 120.0) -> None:
    """A stage's own bookkeeping, waiting out a Redis restart instead of losing the work: an
    error there made Celery drop the task's message, and the job waited for the reaper
    (bench/faults.py: Redis killed mid-job, one job in `error` after 887 s)."""
    deadline, pause = time.monotonic() + within_s, 0.5
    while True:
        try:
            record()
            return
        except TransientError:
            if time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 10.0)


def ended(job_id: str, attempt: str) -> None:
    """The stage ended in a way Python saw (done, retried or failed): not a crash. Recorded
    patiently: an end lost to a Redis restart would count as a crash toward the poison limit."""
    try:
        patiently(lambda: context.job_store().end_attempt(job_id, attempt))
    except BleeperError:
        log.warning("job %s: could not record the end of %s", job_id, attempt)


def fail(task: Task, job_id: str, stage: str, message: str) -> None:
    """Put the job in `error` and fire the `error` webhook, only if this call moved it there: a
    job already finished stays as it is and hears nothing more."""
    try:
        moved = context.job_store().transition(job_id, JobStatus.error, error=message, failed_stage=stage,
                                               also=owe_error_webhook)
    except BleeperError:
        log.exception("job %s: could not record the failure", job_id)
        return
    if moved.moved and moved.after.options.webhook_url:
        announce_error(task, job_id)


def announce_error(task: Task, job_id: str) -> None:
    """Queue the `error` webhook (by name: webhooks sit above the pipeline and are never imported
    by it), on the broker the settings name, wanting no result."""
    with task.app.connection_for_write(context.settings().celery_broker_url) as connection:
        task.app.signature("bleeper.notify", (job_id,), {"event": "error"}, priority=STAGE_PRIORITY["notify"],
                           ignore_result=True).apply_async(connection=connection)
