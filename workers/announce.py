"""A Symbl-style conversation announces `in_progress` when its first stage moves it out of
`queued` (fetch for audio and video, begin_text for text). The webhook goes out by task name
(webhooks sit above the pipeline), after `scheduled` and before `completed` or `failed`: the
notify task holds each event back until the ones announced before it are settled
(webhooks/symbl.py), so the pipeline never waits on a receiver."""

from __future__ import annotations

from typing import Any

from bleeper.models import Job, JobStatus
from bleeper.queues import STAGE_PRIORITY
from bleeper.state.lifecycle import Transition
from workers import context
from workers.app import app


def _announced(event: str) -> Any:
    def fields(job: Job) -> dict[str, Any]:
        if job.symbl is None or event in job.symbl.announced:
            return {}
        return {"symbl": job.symbl.model_copy(update={"announced": [*job.symbl.announced, event]})}

    return fields


def started(t: Transition) -> None:
    """After a stage moved the job to `processing`: announce it, once, if anyone listens."""
    job = t.after
    if not (t.moved and t.before.status == JobStatus.queued and job.status == JobStatus.processing):
        return
    if job.symbl is None or not job.options.webhook_url:
        return
    context.job_store().change(job.id, _announced("in_progress"))  # recorded before it can be sent
    app.signature("bleeper.notify", (job.id,), {"event": "in_progress"},
                  priority=STAGE_PRIORITY["notify"]).apply_async(ignore_result=True)
