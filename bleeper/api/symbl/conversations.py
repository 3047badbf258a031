"""`GET /v1/conversations/{id}` and `DELETE /v1/conversations/{id}`, and what the other
conversation routes share: finding the calling app's conversation (`conversation_job`) and
reading its kept originals (`read_original`, `read_speakers`; sealed at rest).

The conversation object is Symbl's; its members are the speakers with their names and emails
redacted (`[REDACTED NAME 1]`, numbered by speaker), never the identities the client sent."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter

from bleeper import artifacts
from bleeper.api.deps import JobStoreDep, StorageDep
from bleeper.api.symbl.auth import SymblApp
from bleeper.artifacts import job_key, upload_key
from bleeper.errors import ArtifactMissing, InvalidRequest, NotFound
from bleeper.models import Job, JobStatus, Transcript
from bleeper.state.jobs import JobStore
from bleeper.state.storage import Storage

router = APIRouter(prefix="/v1/conversations", tags=["symbl"])
NOT_FOUND = "The conversationId is either invalid or does not exist."
DELETED = "successfully deleted the conversation"
ID = re.compile(r"[0-9a-f]{32}")  # bleeper.state.jobs.new_id


def conversation_job(store: JobStore, conversation_id: str, owner: str) -> Job:
    """The app's conversation; 404 with Symbl's message when unknown, deleted, expired or another app's."""
    if not ID.fullmatch(conversation_id):
        raise NotFound(NOT_FOUND)
    try:
        job = store.get(conversation_id)
    except NotFound:
        raise NotFound(NOT_FOUND) from None
    if job.owner != owner or job.symbl is None or job.gone:
        raise NotFound(NOT_FOUND)
    return job


def read_original(storage: Storage, job: Job) -> Transcript:
    """The unredacted transcript (opened from its sealed copy); 404 once it is gone."""
    try:
        return Transcript.model_validate(storage.get_json(job_key(job.id, artifacts.TRANSCRIPT)))
    except ArtifactMissing:
        raise NotFound(NOT_FOUND) from None


def read_speakers(storage: Storage, job: Job) -> list[dict[str, Any]]:
    """speakers.json: `[{"name", "email", "userId", "channel"}]` by speaker index; [] when none."""
    try:
        return list(storage.get_json(job_key(job.id, artifacts.SPEAKERS)))
    except ArtifactMissing:
        return []


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def members(speakers: list[dict[str, Any]]) -> list[dict[str, str]]:
    out = []
    for n, s in enumerate(speakers, 1):
        member = {"id": str(n)}
        if s.get("name") or s.get("userId"):
            member["name"] = f"[REDACTED NAME {n}]"
        if s.get("email"):
            member["email"] = f"[REDACTED EMAIL {n}]"
        out.append(member)
    return out


def conversation_object(job: Job, speakers: list[dict[str, Any]]) -> dict[str, Any]:
    assert job.symbl is not None
    start = job.symbl.start_time if job.symbl.start_time is not None else job.created_at
    if job.symbl.duration_ms is not None:
        seconds = job.symbl.duration_ms / 1000
    else:
        seconds = job.probe.duration_s if job.probe else 0.0
    return {"id": job.id, "type": "meeting", "name": job.symbl.name or job.id, "startTime": _iso(start),
            "endTime": _iso(start + seconds), "members": members(speakers), "metadata": {}}


@router.get("/{conversation_id}")
def get_conversation(conversation_id: str, owner: SymblApp, store: JobStoreDep, storage: StorageDep) -> dict[str, Any]:
    job = conversation_job(store, conversation_id, owner)
    return conversation_object(job, read_speakers(storage, job))


@router.delete("/{conversation_id}")
def delete_conversation(conversation_id: str, owner: SymblApp, store: JobStoreDep,
                        storage: StorageDep) -> dict[str, str]:
    """Deletes everything the conversation stored (originals, entities, redacted text); the
    record stays as a tombstone, and the conversation answers 404 from now on."""
    job = conversation_job(store, conversation_id, owner)
    if job.status in (JobStatus.queued, JobStatus.processing):
        raise InvalidRequest("The conversation is still being processed; delete it once its job has "
                             "completed or failed.")
    storage.delete_prefix(f"jobs/{job.id}/")
    if job.upload_id:
        storage.delete_prefix(upload_key(job.upload_id))
        store.forget_upload(job.upload_id)
    store.scrub(job.id, deleted_at=time.time())
    return {"message": DELETED}
