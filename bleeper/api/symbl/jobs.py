"""`GET /v1/job/{jobId}` → `{"id", "status"}`, status one of Symbl's four (its SDK raises on any
other): scheduled, in_progress, completed, failed."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

from bleeper.api.deps import JobStoreDep
from bleeper.api.symbl.auth import SymblApp
from bleeper.errors import NotFound
from bleeper.models import Job, JobStatus
from bleeper.state.symbl_jobs import SymblJobs

router = APIRouter(prefix="/v1/job", tags=["symbl"])
NOT_FOUND = "The jobId is either invalid or does not exist."
SymblStatus = Literal["scheduled", "in_progress", "completed", "failed"]


class JobPublic(BaseModel):
    id: str
    status: SymblStatus


def symbl_status(job: Job) -> SymblStatus:
    """A deleted conversation's job still says how it ended; one expired by retention, too."""
    match job.status:
        case JobStatus.queued:
            return "scheduled"
        case JobStatus.processing:
            return "in_progress"
        case JobStatus.completed:
            return "completed"
        case JobStatus.expired:
            return "completed" if job.completed_at else "failed"
        case _:
            return "failed"


@router.get("/{job_id}", response_model=JobPublic)
def get_job(job_id: str, owner: SymblApp, store: JobStoreDep) -> JobPublic:
    conversation_id = SymblJobs(store.redis, store.ttl).conversation_of(job_id) if len(job_id) <= 64 else None
    if conversation_id is None:
        raise NotFound(NOT_FOUND)
    try:
        job = store.get(conversation_id)
    except NotFound:
        raise NotFound(NOT_FOUND) from None
    if job.owner != owner:
        raise NotFound(NOT_FOUND)
    return JobPublic(id=job_id, status=symbl_status(job))
