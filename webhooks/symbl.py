"""Symbl-style job webhooks: `{"jobId", "status", "conversationId"}` on each change of a
conversation's job — scheduled, in_progress, then completed or failed — in that order.

Each event is its own notify task (the pipeline never waits on a receiver); an event is held back
while an event announced before it is still being delivered, so a slow receiver gets them in
order. `id` repeats the jobId: Symbl's older webhook bodies were `{"id", "status"}`.
"""

from __future__ import annotations

from typing import Any

from bleeper.models import Job, JobStatus

# the bleeper event each Symbl status comes from; completed and error are alternatives, last
STATUS = {"scheduled": "scheduled", "in_progress": "in_progress", "completed": "completed", "error": "failed"}
RANK = {"scheduled": 0, "in_progress": 1, "completed": 2, "error": 2}
EVENTS = tuple(STATUS)


def payload(event: str, job: Job) -> dict[str, Any]:
    assert job.symbl is not None
    return {"jobId": job.symbl.job_id, "id": job.symbl.job_id, "status": STATUS[event], "conversationId": job.id}


def waiting_for(event: str, job: Job) -> list[str]:
    """The events announced before `event` whose delivery is not settled yet."""
    assert job.symbl is not None
    return [e for e in job.symbl.announced if RANK.get(e, 0) < RANK[event] and e not in job.symbl.settled]


def still_true(event: str, job: Job) -> bool:
    """Whether `event` is still worth sending: the earlier steps as long as the conversation
    exists (they belong to the sequence even when the job has moved on), the last only while the
    job is so."""
    if RANK[event] < 2:
        return not job.gone
    return job.status == JobStatus(event)


def wait_countdown(waited: int) -> float:
    """Seconds before looking again: 2, 4, 6 … up to a minute."""
    return float(min(60, 2 * (waited + 1)))


# about 80 minutes in all: past the longest run of retries an earlier event can have (10 attempts,
# BLEEPER_WEBHOOK_BACKOFF_MAX_S); then the event is sent anyway rather than never
MAX_WAITS = 90
