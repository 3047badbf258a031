"""/v2/transcript: AssemblyAI's transcript endpoints, redaction first.

Handlers are plain `def`: each reads Redis and S3, and FastAPI runs a plain handler in its thread
pool, so a slow Redis or S3 never holds up the event loop (issue 14)."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse

from bleeper import artifacts, policies
from bleeper.custom import definitions
from bleeper.api import readtime, views
from bleeper.api.deps import Config, Owner, JobStoreDep, StorageDep
from bleeper.api.listing import PageDetails, RedactedAudioPublic, RedactedVideoPublic, TranscriptItem, TranscriptList
from bleeper.api.schemas import (
    ParagraphsPublic,
    SentencesPublic,
    TranscriptCreate,
    TranscriptPublic,
    aai_status,
)
from bleeper.errors import ArtifactMissing, Gone, InvalidRequest, NotFound, NotReady
from bleeper.state.jobs import JobStore
from bleeper.models import Job, JobStatus
from bleeper.artifacts import job_key, upload_key
from bleeper.state.storage import Storage

router = APIRouter(prefix="/v2/transcript", tags=["transcripts"])
ID = re.compile(r"[0-9a-f]{32}")  # bleeper.state.jobs.new_id


def _own(store: JobStore, job_id: str, owner: str, *, expired_ok: bool = False) -> Job:
    if not ID.fullmatch(job_id):  # anything else is not shown back in the 404
        raise NotFound("transcript not found (an id is 32 hexadecimal digits)")
    job = store.get(job_id)
    if job.owner != owner:  # 404, not 403: another key's ids do not exist for you
        raise NotFound(f"transcript {job_id} not found")
    if job.status == JobStatus.expired and not expired_ok:
        raise Gone(f"transcript {job_id} expired after the retention period; its data was deleted")
    return job


def _document(storage: Storage, job: Job) -> dict[str, Any] | None:
    """What a reader may see of a completed job: the redacted document whenever PII was redacted."""
    if not job.readable:
        return None
    name = artifacts.REDACTED if job.options.redact_pii else artifacts.TRANSCRIPT
    try:
        return storage.get_json(job_key(job.id, name))
    except ArtifactMissing as exc:
        raise Gone(f"transcript {job.id} expired; its data was deleted") from exc


def _completed_document(storage: Storage, job: Job) -> dict[str, Any]:
    if job.deleted_at is not None:
        raise InvalidRequest(f"transcript {job.id} was deleted")
    if job.status != JobStatus.completed:
        raise InvalidRequest(f"transcript {job.id} is {job.status.value}, not completed")
    doc = _document(storage, job)
    assert doc is not None
    return {**doc, "id": job.id}


def _iso(ts: float | None) -> str | None:
    return datetime.fromtimestamp(ts, UTC).isoformat() if ts else None


@router.post("", response_model=TranscriptPublic)
def create_transcript(body: TranscriptCreate, owner: Owner, store: JobStoreDep, settings: Config) -> TranscriptPublic:
    from bleeper.api.routes.settings import job_options
    from workers import submit

    job = submit(job_options(body, store, owner, settings), owner, store=store, settings=settings)
    return TranscriptPublic.from_job(job, None, settings.whisper_model)


@router.get("", response_model=TranscriptList)
def list_transcripts(
    request: Request,
    owner: Owner,
    store: JobStoreDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 10,
    status: JobStatus | None = None,
    before_id: str | None = None,
    after_id: str | None = None,
    created_on: str | None = None,
) -> TranscriptList:
    """Newest first. `prev_url` pages to older transcripts, `next_url` to newer ones."""
    before = _own(store, before_id, owner, expired_ok=True).created_at if before_id else None
    after = _own(store, after_id, owner, expired_ok=True).created_at if after_id else None
    if created_on:
        try:
            day = datetime.fromisoformat(created_on).replace(tzinfo=UTC)
        except ValueError:
            raise InvalidRequest("created_on: expected a date like 2026-11-23") from None
        after = max(after or 0, day.timestamp() - 1e-6)
        before = min(before or float("inf"), day.timestamp() + 86400)
    jobs = store.list(owner, limit=limit, before=before, after=after, status=status.value if status else None)
    base = str(request.url).split("?")[0]
    items = [
        TranscriptItem(id=j.id, resource_url=f"{base}/{j.id}", status=aai_status(j)[0], error=aai_status(j)[1],
                       created=_iso(j.created_at), completed=_iso(j.completed_at), audio_url=j.options.audio_url)
        for j in jobs
    ]
    return TranscriptList(
        page_details=PageDetails(
            limit=limit, result_count=len(items), current_url=str(request.url),
            prev_url=f"{base}?limit={limit}&before_id={items[-1].id}" if items else None,
            next_url=f"{base}?limit={limit}&after_id={items[0].id}" if items else None,
        ),
        transcripts=items,
    )


@router.get("/{transcript_id}", response_model=TranscriptPublic)
def get_transcript(
    transcript_id: str, owner: Owner, store: JobStoreDep, storage: StorageDep, settings: Config,
    redact: bool | None = None,
    exclude: str | None = None,
    sub: str | None = None,
) -> TranscriptPublic:
    """With no query, the text as the job redacted it. ✚ `sub=`, `exclude=` and `redact=false`
    render it again from the stored skeleton and entities, without re-running the job."""
    job = _own(store, transcript_id, owner)
    if redact is None and exclude is None and sub is None:
        body = _document(storage, job)
    else:
        body = readtime.render_for_read(storage, store, job, owner, redact, exclude, sub)
    return TranscriptPublic.from_job(job, body, settings.whisper_model)


@router.delete("/{transcript_id}", response_model=TranscriptPublic)
def delete_transcript(transcript_id: str, owner: Owner, store: JobStoreDep, storage: StorageDep,
                            settings: Config) -> TranscriptPublic:
    """Deletes the audio, transcript and redacted artifacts; the record stays as a tombstone."""
    job = _own(store, transcript_id, owner)
    if job.status in (JobStatus.queued, JobStatus.processing):
        raise InvalidRequest(f"transcript {job.id} is still {job.status.value}; delete it once it has finished")
    storage.delete_prefix(f"jobs/{job.id}/")
    if job.upload_id:
        storage.delete_prefix(upload_key(job.upload_id))
    job = store.scrub(job.id, deleted_at=time.time())
    return TranscriptPublic.from_job(job, None, settings.whisper_model)


@router.get("/{transcript_id}/sentences", response_model=SentencesPublic)
def get_sentences(transcript_id: str, owner: Owner, store: JobStoreDep, storage: StorageDep) -> SentencesPublic:
    job = _own(store, transcript_id, owner)
    doc = _completed_document(storage, job)
    sents = views.sentences(doc)
    return SentencesPublic(id=job.id, sentences=sents, confidence=views._mean(doc["words"]),
                           audio_duration=round(job.probe.duration_s) if job.probe else 0)


@router.get("/{transcript_id}/paragraphs", response_model=ParagraphsPublic)
def get_paragraphs(transcript_id: str, owner: Owner, store: JobStoreDep, storage: StorageDep) -> ParagraphsPublic:
    job = _own(store, transcript_id, owner)
    doc = _completed_document(storage, job)
    return ParagraphsPublic(id=job.id, paragraphs=views.paragraphs(doc), confidence=views._mean(doc["words"]),
                            audio_duration=round(job.probe.duration_s) if job.probe else 0)


@router.get("/{transcript_id}/srt", response_class=PlainTextResponse)
def get_srt(transcript_id: str, owner: Owner, store: JobStoreDep, storage: StorageDep,
                  chars_per_caption: Annotated[int | None, Query(ge=1)] = None) -> str:
    job = _own(store, transcript_id, owner)
    return views.srt(_completed_document(storage, job), chars_per_caption)


@router.get("/{transcript_id}/vtt", response_class=PlainTextResponse)
def get_vtt(transcript_id: str, owner: Owner, store: JobStoreDep, storage: StorageDep,
                  chars_per_caption: Annotated[int | None, Query(ge=1)] = None) -> str:
    job = _own(store, transcript_id, owner)
    return views.vtt(_completed_document(storage, job), chars_per_caption)


@router.get("/{transcript_id}/word-search")
def word_search(transcript_id: str, owner: Owner, store: JobStoreDep, storage: StorageDep,
                      words: str = "") -> dict[str, Any]:
    job = _own(store, transcript_id, owner)
    doc = _completed_document(storage, job)
    return views.word_search(doc, [w for w in words.split(",") if w.strip()])


@router.get("/{transcript_id}/redacted-audio", response_model=RedactedAudioPublic,
            responses={202: {"description": "not ready yet"}, 400: {"description": "not requested or expired"}})
def get_redacted_audio(
    transcript_id: str, owner: Owner, store: JobStoreDep, storage: StorageDep, settings: Config
) -> RedactedAudioPublic:
    """A fresh presigned URL (BLEEPER_PRESIGN_TTL, 30 min) each call, while the artifact lives.

    202 while it is being made, 400 once it is gone — the codes AssemblyAI's SDK expects."""

    job = _own(store, transcript_id, owner, expired_ok=True)  # the SDK expects 400 for gone audio
    if not job.options.redact_pii_audio:
        raise InvalidRequest("redacted audio was not requested for this transcript (redact_pii_audio)")
    if job.gone:
        raise InvalidRequest("the redacted audio was deleted and is no longer available")
    if job.status == JobStatus.error:
        raise InvalidRequest(f"the transcript failed, so there is no redacted audio: {job.error}")
    name = artifacts.REDACTED_AUDIO[job.options.redact_pii_audio_quality]
    key = job_key(job.id, name)
    if job.status != JobStatus.completed and "redact_audio" not in job.stages:
        raise NotReady("the redacted audio is not ready yet")
    if not storage.exists(key):
        raise InvalidRequest("the redacted audio expired and is no longer available")
    return RedactedAudioPublic(
        status="redacted_audio_ready", redacted_audio_url=storage.presign_get(key, settings.presign_ttl)
    )


@router.get("/{transcript_id}/redacted-video", response_model=RedactedVideoPublic,
            responses={202: {"description": "not ready yet"}, 400: {"description": "not requested or expired"}})
def get_redacted_video(transcript_id: str, owner: Owner, store: JobStoreDep, storage: StorageDep,
                             settings: Config) -> RedactedVideoPublic:
    """✚ With `redact_pii_video`: the video with its audio redacted, the picture untouched."""
    from bleeper.redaction.audio import video_container

    job = _own(store, transcript_id, owner, expired_ok=True)
    if not job.options.redact_pii_video:
        raise InvalidRequest("a redacted video was not requested for this transcript (redact_pii_video)")
    if job.gone or job.status == JobStatus.error:
        raise InvalidRequest("there is no redacted video for this transcript (failed, deleted or expired)")
    if job.status != JobStatus.completed:
        raise NotReady("the redacted video is not ready yet")
    if not job.probe or not job.probe.has_video:
        raise InvalidRequest("the input has no video stream; use /redacted-audio")
    key = job_key(job.id, artifacts.redacted_video(video_container(job.probe)[0]))
    if not storage.exists(key):
        raise InvalidRequest("the redacted video expired and is no longer available")
    return RedactedVideoPublic(status="redacted_video_ready",
                               redacted_video_url=storage.presign_get(key, settings.presign_ttl))


@router.get("/{transcript_id}/redaction-report")
def redaction_report(transcript_id: str, owner: Owner, store: JobStoreDep, storage: StorageDep,
                           settings: Config) -> dict[str, Any]:
    """✚ The audit of what was redacted: counts per policy and each entity's policy, time span,
    score, recognizer and whether it was placed in time or redacted whole by the fail-closed
    rule — never the values. Also the verification pass and every read of unredacted text."""
    from collections import Counter

    from bleeper.models import Entity
    from bleeper.redaction.audio import plan_intervals

    job = _own(store, transcript_id, owner)
    if job.status != JobStatus.completed:
        raise InvalidRequest(f"transcript {job.id} is {job.status.value}; the report is made when it completes")
    o = job.options
    entities: list[Entity] = []
    if o.redact_pii and job.deleted_at is None:
        try:
            raw = storage.get_json(job_key(job.id, artifacts.ENTITIES))
        except ArtifactMissing as exc:
            raise Gone(f"transcript {job.id} expired; its data was deleted") from exc
        entities = [Entity.model_validate(e) for e in raw]
    duration_ms = int(job.probe.duration_s * 1000) if job.probe else 0
    intervals = plan_intervals(entities, duration_ms, settings.audio_padding_before_ms,
                               settings.audio_padding_after_ms) if o.redact_pii_audio else []
    return {
        "id": job.id,
        "policies": list(policies.wanted(o.redact_pii_policies, o.redact_pii_exclude)),
        # ✚ the custom entity types it looked for (names only, never their phrases or patterns)
        "custom_entities": [e.name for e in definitions.wanted(o.redact_pii_custom_entities, o.redact_pii_exclude)],
        "excluded": o.redact_pii_exclude or [],
        "substitution": o.redact_pii_sub,
        "counts": dict(Counter(e.policy for e in entities)),
        "entities": [{"policy": e.policy, "start": e.start_ms, "end": e.end_ms, "score": e.score,
                      "recognizer": e.recognizer, "placed": e.placed, "pseudonym": e.pseudonym,
                      "doubtful": e.doubtful} for e in entities],
        "fail_closed": sum(1 for e in entities if not e.placed),
        # kept only because of BLEEPER_DETECT_MIN_SCORE: below what a recognizer calls confident
        "kept_when_in_doubt": sum(1 for e in entities if e.doubtful),
        "min_scores": job.min_scores,
        "audio": {"redacted": o.redact_pii_audio, "method": o.redact_pii_audio_options.override_audio_redaction_method
                  or settings.audio_method, "intervals": len(intervals),
                  "seconds_redacted": round(sum(b - a for a, b in intervals) / 1000, 2),
                  "padding_ms": [settings.audio_padding_before_ms, settings.audio_padding_after_ms],
                  "output": job.audio_output.model_dump() if job.audio_output else None},
        "verification": job.verification,
        "verification_failed": job.verification_failed,
        "unredacted_kept": o.keep_unredacted,
        "reads": job.audit,
    }
