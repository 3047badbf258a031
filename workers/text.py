"""Stage 1 of a text conversation (Symbl's /v1/process/text): the API stored the messages as the
job's transcript, so there is nothing to fetch or transcribe; the job starts here and goes on to
detect, redact text and finalize like any other."""

from __future__ import annotations

from bleeper import artifacts
from bleeper.artifacts import job_key
from bleeper.errors import ArtifactMissing
from bleeper.models import JobStatus
from workers import announce, context
from workers.app import stage


@stage("begin_text")
def begin_text(job_id: str) -> None:
    store, storage = context.job_store(), context.storage()
    if not storage.exists(job_key(job_id, artifacts.TRANSCRIPT)):
        raise ArtifactMissing("the conversation's messages are missing; submit them again")
    announce.started(store.transition(job_id, JobStatus.processing))
