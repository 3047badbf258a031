"""A job's life in one table: which status may follow which, and how many times a stage may die.

    queued     ──▶ processing, error
    processing ──▶ processing (a fetch delivered again), completed, error
    any of them ──▶ expired (the retention sweep)

`completed`, `error` and `expired` are terminal: nothing but the retention sweep's `expired`
follows the first two, and nothing follows `expired`. A status set again on a terminal job is a
no-op (the first outcome stands); anything else not in the table is refused. The job store
applies the table inside its WATCH/MULTI transaction, so two writers cannot both win (issue 14: a
transcribe delivered again after finalize turned `completed` into `error`; finalize could turn
`expired` back into `completed`). DELETE is not a status: it sets `deleted_at` on a finished
job, which the sweep later marks `expired`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bleeper.models import Job, JobStatus

TERMINAL = frozenset({JobStatus.completed, JobStatus.error, JobStatus.expired})

ALLOWED: dict[JobStatus, frozenset[JobStatus]] = {
    JobStatus.queued: frozenset({JobStatus.processing, JobStatus.error, JobStatus.expired}),
    # processing → processing: fetch runs again when its message is delivered again
    JobStatus.processing: frozenset({JobStatus.processing, JobStatus.completed, JobStatus.error, JobStatus.expired}),
    JobStatus.completed: frozenset({JobStatus.expired}),
    JobStatus.error: frozenset({JobStatus.expired}),
    JobStatus.expired: frozenset(),
}


def allowed(old: JobStatus, new: JobStatus) -> bool:
    """May a job in `old` be put in `new`? (A terminal status set again is not a move: see `settled`.)"""
    return new in ALLOWED[old]


def settled(old: JobStatus, new: JobStatus) -> bool:
    """`new` was already reached: the terminal job stays as it is, and that is not an error."""
    return old == new and old in TERMINAL


@dataclass(frozen=True)
class Transition:
    """What `JobStore.transition` did: the record before and after, and whether the status moved.

    `refused` is a move the table forbids (nothing was written); `moved` is a status that
    changed, the one case where the caller announces it (metrics, the `error` webhook)."""

    before: Job
    after: Job
    refused: bool = False

    @property
    def moved(self) -> bool:
        return not self.refused and self.before.status != self.after.status


# --- the `error` webhook is owed in the same write that ends the job ----------------------------

# Whoever moves a job to `error` sends the `error` webhook after the move: a process killed between
# the two (seen when a poison file's last crash was caught at that moment) left a job in `error`
# that never said so. The move itself marks the webhook owed; the notify task's outcome replaces
# the mark, and a stage delivered again or the reaper finding the mark still there sends it.
OWED = "owed"


def owe_error_webhook(job: Job) -> dict:
    """Fields that mark the `error` webhook owed, for the write that puts `job` in `error`."""
    if not job.options.webhook_url:
        return {}
    return {"webhook_deliveries": {**job.webhook_deliveries, "error": OWED}}


def error_webhook_owed(job: Job) -> bool:
    return job.status == JobStatus.error and job.webhook_deliveries.get("error") == OWED


# --- attempts: a stage whose process dies every time (a poison file) ends the job --------------

def crashed_too_often(starts: int, max_attempts: int) -> bool:
    """`starts` counts the starts of one stage of one job that never ended (this one included):
    its process died each time (segfault, out of memory, kill -9) and Celery requeued the message
    (`task_reject_on_worker_lost`), so `on_failure` never ran. Past `max_attempts` deaths the
    stage is not run again (a setting below 1 counts as 1)."""
    return starts - 1 >= max(1, max_attempts)


def crash_message(stage: str, crashes: int) -> str:
    return (f"the file made the {stage} stage crash {crashes} times (its worker process died each time); "
            "it may be damaged or too large for this worker's memory: check the file, or send a "
            "shorter one (if workers were being stopped or lost meanwhile, submit it again)")
