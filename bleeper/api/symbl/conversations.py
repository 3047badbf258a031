"""TEMPORARY (s16b): stands in for s16a's conversations module until it is merged, with the
same names and signatures (s16a's reads the encrypted originals; this one reads them plain)."""

from __future__ import annotations

from typing import Any

from bleeper import artifacts
from bleeper.api.symbl.errors import CONVERSATION_NOT_FOUND
from bleeper.artifacts import job_key
from bleeper.errors import ArtifactMissing, NotFound
from bleeper.models import Job, Transcript
from bleeper.state.jobs import JobStore
from bleeper.state.storage import Storage


def conversation_job(store: JobStore, conversation_id: str, owner: str) -> Job:
    try:
        job = store.get(conversation_id)
    except NotFound:
        raise NotFound(CONVERSATION_NOT_FOUND) from None
    if job.owner != owner or job.gone:
        raise NotFound(CONVERSATION_NOT_FOUND)
    return job


def read_original(storage: Storage, job: Job) -> Transcript:
    return Transcript.model_validate(storage.get_json(job_key(job.id, artifacts.TRANSCRIPT)))


def read_speakers(storage: Storage, job: Job) -> list[dict[str, Any]]:
    try:
        return list(storage.get_json(job_key(job.id, artifacts.SPEAKERS)))
    except ArtifactMissing:
        return []
