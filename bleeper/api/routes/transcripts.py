"""/v2/transcript: submit a job, read it back, fetch its redacted audio."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from bleeper.api.deps import Config, Owner, Store, Store3
from bleeper.api.schemas import RedactedAudioPublic, TranscriptCreate, TranscriptPublic
from bleeper.errors import ArtifactMissing, Gone, InvalidRequest, NotFound, NotReady
from bleeper.jobs import JobStore
from bleeper.models import Job, JobStatus
from bleeper.storage import Storage, job_key

router = APIRouter(prefix="/v2/transcript", tags=["transcripts"])


def _own(store: JobStore, job_id: str, owner: str) -> Job:
    job = store.get(job_id)
    if job.owner != owner:  # 404, not 403: another key's ids do not exist for you
        raise NotFound(f"transcript {job_id} not found")
    return job


def _artifacts(storage: Storage, job: Job) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    if job.status != JobStatus.completed:
        return None, None
    try:
        if job.options.redact_pii:
            return storage.get_json(job_key(job.id, "redacted.json")), None
        return None, storage.get_json(job_key(job.id, "transcript.json"))
    except ArtifactMissing as exc:
        raise Gone(f"transcript {job.id} expired; its data was deleted") from exc


@router.post("", response_model=TranscriptPublic, response_model_exclude_none=False)
async def create_transcript(body: TranscriptCreate, owner: Owner, store: Store) -> TranscriptPublic:
    from workers import submit

    job = await run_in_threadpool(submit, body.to_options(), owner, store=store)
    return TranscriptPublic.from_job(job, None, None)


@router.get("/{transcript_id}", response_model=TranscriptPublic)
async def get_transcript(transcript_id: str, owner: Owner, store: Store, storage: Store3) -> TranscriptPublic:
    job = _own(store, transcript_id, owner)
    redacted, plain = await run_in_threadpool(_artifacts, storage, job)
    return TranscriptPublic.from_job(job, redacted, plain)


@router.get("/{transcript_id}/redacted-audio", response_model=RedactedAudioPublic)
async def get_redacted_audio(
    transcript_id: str, owner: Owner, store: Store, storage: Store3, settings: Config
) -> RedactedAudioPublic:
    """A fresh presigned URL (BLEEPER_PRESIGN_TTL, 30 min) each call, while the artifact lives."""
    from workers.redact_audio import QUALITIES

    job = _own(store, transcript_id, owner)
    if not job.options.redact_pii_audio:
        raise InvalidRequest("redacted audio was not requested for this transcript (redact_pii_audio)")
    if job.status == JobStatus.expired:
        raise InvalidRequest("the redacted audio expired and was deleted")
    if job.status == JobStatus.error:
        raise InvalidRequest(f"the transcript failed: {job.error}")
    name, _ = QUALITIES[job.options.redact_pii_audio_quality]
    key = job_key(job.id, name)
    if job.status != JobStatus.completed and "redact_audio" not in job.stages:
        raise NotReady("the redacted audio is not ready yet")
    if not await run_in_threadpool(storage.exists, key):
        raise InvalidRequest("the redacted audio expired and was deleted")
    return RedactedAudioPublic(
        status="redacted_audio_ready", redacted_audio_url=storage.presign_get(key, settings.presign_ttl)
    )
