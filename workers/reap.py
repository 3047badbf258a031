"""The reaper (Celery beat, every BLEEPER_REAP_INTERVAL_S): every job ends, even one the pipeline lost.

Two kinds of job would otherwise stay as they are for good (issue 14):

- `queued`, its chain never on a queue: the API recorded the job but the broker never got the
  chain (Redis down at that moment, the API killed in between). Such a job is still on the
  unpublished list (bleeper.state.progress) BLEEPER_REAP_QUEUED_AFTER_S after it was recorded:
  its chain is published once more, and it runs like any other job.
- `processing` with no stage started for longer than a stage can run or a lost worker's task can
  wait for the broker (the visibility timeout) plus BLEEPER_REAP_GRACE_S: it ends in `error` saying
  so, with the `error` webhook (by task name: webhooks sit above the pipeline).

Each is taken off its list before it is handled (bleeper.state.progress: only one reaper wins),
and counted in /metrics as `bleeper_reaped_total{outcome}`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from bleeper.config import Settings
from bleeper.errors import NotFound
from bleeper.models import Job, JobStatus
from bleeper.queues import STAGE_PRIORITY
from bleeper.state.jobs import JobStore
from bleeper.state.lifecycle import error_webhook_owed, owe_error_webhook
from workers import context, guard
from workers.app import app
from workers.pipeline import publish

log = logging.getLogger("bleeper.reap")


@dataclass
class ReapReport:
    republished: int = 0
    error: int = 0


def stalled_message(seconds: int, stage: str | None) -> str:
    where = f" after its {stage} stage started" if stage else ""
    return (f"the job made no progress for {seconds} s{where} (a worker was lost or a stage hung) and was "
            "stopped; submit it again")


def reap(store: JobStore, settings: Settings, *, now: float, publish: Callable[[Job], None],
         announce_error: Callable[[Job], None]) -> ReapReport:
    report = ReapReport()
    progress = store.progress
    # every id listed is taken off its list below (claimed), so each loop ends
    while ids := progress.unpublished_before(now - settings.reap_queued_after_s):
        for job_id in ids:
            if not progress.claim_unpublished(job_id):
                continue  # another reaper has it
            job = _job(store, job_id)
            if job is None or job.status != JobStatus.queued:
                continue  # never recorded, or published after all (it started)
            log.warning("job %s: queued but never published; publishing it again", job_id)
            try:
                publish(job)
            except Exception:
                progress.recorded(job_id, job.created_at)  # still unpublished: the next run tries again
                raise
            store.metrics.reaped("republished")
            report.republished += 1
    cutoff = now - settings.stalled_after_s
    while ids := progress.stalled_before(cutoff):
        for job_id in ids:
            if not progress.claim_stalled(job_id, cutoff):
                continue  # a stage started meanwhile, or another reaper has it
            stage = progress.last_stage(job_id)
            progress.forget_stage(job_id)
            job = _job(store, job_id)
            if job is not None and error_webhook_owed(job):
                log.warning("job %s: its error webhook was never sent; sending it now", job_id)
                announce_error(job)
            if job is None or job.status != JobStatus.processing:
                continue  # finished long ago: its entry is cleaned up here
            message = stalled_message(settings.stalled_after_s, stage)
            after = store.mark(job_id, JobStatus.error, error=message, failed_stage=stage, also=owe_error_webhook)
            if after.status != JobStatus.error or after.error != message:
                continue  # it finished just now
            log.warning("job %s: no stage started for %d s after %s; ended in error", job_id,
                        settings.stalled_after_s, stage)
            store.metrics.reaped("error")
            report.error += 1
            if after.options.webhook_url:
                announce_error(after)
    return report


def _job(store: JobStore, job_id: str) -> Job | None:
    try:
        return store.get(job_id)
    except NotFound:
        return None


@app.task(name="bleeper.reap", acks_late=True, ignore_result=True, priority=STAGE_PRIORITY["reap"])
def reap_task() -> dict:
    settings, store = context.settings(), context.job_store()

    report = reap(store, settings, now=time.time(), publish=lambda job: publish(job, store, settings),
                  announce_error=lambda job: guard.announce_error(reap_task, job.id))
    if report.republished or report.error:
        log.info("reaper: %d jobs republished, %d ended in error", report.republished, report.error)
    return asdict(report)
