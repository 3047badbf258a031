"""Symbl's Async API: `POST /v1/process/{audio,video}` (raw body), `…/url` and `/v1/process/text`
→ `201 {"conversationId", "jobId"}`. Each conversation is a bleeper job owned by the calling app:
audio and video go through the whole pipeline, text starts at detection. The original transcript
and who speaks are kept, sealed (bleeper/state/sealed.py), for read-time redaction."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from bleeper import artifacts, egress, languages
from bleeper.api.deps import Config, JobStoreDep, StorageDep
from bleeper.api.routes.uploads import receive, upload_url
from bleeper.api.symbl.auth import SymblApp
from bleeper.api.symbl.schemas import MediaUrlBody, ProcessOptions, TextBody, from_query, parse
from bleeper.api.symbl.text import channel_speakers, from_messages
from bleeper.artifacts import job_key
from bleeper.config import Settings
from bleeper.errors import InvalidRequest, StorageRefused
from bleeper.models import CustomEntity, Job, JobOptions, SymblRecord, Transcript
from bleeper.state.custom_entities import CustomEntityStore
from bleeper.state.jobs import JobStore
from bleeper.state.storage import Storage
from bleeper.state.symbl_jobs import SymblJobs

router = APIRouter(prefix="/v1/process", tags=["symbl"])
Kind = Literal["audio", "video", "text"]
# what a raw body may be declared as; anything else is refused (the content is probed either way)
MEDIA_TYPES = ("audio/", "video/", "application/octet-stream")


class ProcessPublic(BaseModel):
    conversationId: str
    jobId: str


def language_of(code: str | None, settings: Settings) -> str | None:
    """Symbl's `en-US` as Whisper's `en`; refused, named, when this deployment cannot do it."""
    if not code:
        return None
    language = code.split("-")[0].split("_")[0].lower()
    try:
        languages.check(language, settings.whisper_model)
    except InvalidRequest as exc:
        raise InvalidRequest(exc.message.replace("language_code", "languageCode", 1)) from None
    return language


def custom_entities(store: JobStore, owner: str, body: ProcessOptions) -> list[CustomEntity] | None:
    """The app's own entity types (/v1/manage/entities) and the request's `entities`, by type."""
    given = [e.model_dump(exclude_none=True) for e in body.entities or []]
    return CustomEntityStore(store.redis).for_job(owner, given) or None


def options_for(body: ProcessOptions, audio_url: str, owner: str, store: JobStore, settings: Settings) -> JobOptions:
    if body.webhookUrl:
        egress.check(body.webhookUrl, settings.egress_guard, "webhookUrl", unresolved_ok=True)
    multichannel = bool(getattr(body, "enableSeparateRecognitionPerChannel", None))
    return JobOptions(audio_url=audio_url, redact_pii=True, redact_pii_sub="entity_name", keep_unredacted=True,
                      webhook_url=body.webhookUrl, language_code=language_of(body.languageCode, settings),
                      multichannel=multichannel, redact_pii_custom_entities=custom_entities(store, owner, body))


def start(kind: Kind, body: ProcessOptions, audio_url: str, owner: str, store: JobStore, storage: Storage,
          settings: Settings, speakers: list[dict[str, Any]], transcript: Transcript | None = None,
          **record: Any) -> ProcessPublic:
    """Record and queue the conversation; its originals go to S3 sealed, before the job exists."""
    from workers import submit

    if not getattr(storage, "sealing", False):
        raise StorageRefused("this deployment has no BLEEPER_ORIGINALS_KEY: Symbl-style conversations keep their "
                             "transcript encrypted at rest and need one (`bleeper up` generates it)")
    options = options_for(body, audio_url, owner, store, settings)
    symbl = SymblRecord(job_id=str(uuid.uuid4()), kind=kind, name=body.name,
                        announced=["scheduled"] if body.webhookUrl else [], **record)

    def prepare(job: Job) -> None:
        if transcript is not None:
            storage.put_json(job_key(job.id, artifacts.TRANSCRIPT), transcript.model_dump())
        storage.put_json(job_key(job.id, artifacts.SPEAKERS), speakers)
        SymblJobs(store.redis, store.ttl).add(symbl.job_id, job.id)

    job = submit(options, owner, store=store, settings=settings, symbl=symbl, prepare=prepare)
    return ProcessPublic(conversationId=job.id, jobId=symbl.job_id)


def media_url(kind: Kind, body: MediaUrlBody, owner: str, store: JobStore, storage: Storage,
              settings: Settings) -> ProcessPublic:
    egress.check(body.url, settings.egress_guard, "url", unresolved_ok=True)
    return start(kind, body, body.url, owner, store, storage, settings, channel_speakers(body.channelMetadata))


async def media_body(kind: Kind, request: Request, owner: str, store: JobStore, storage: Storage,
                     settings: Settings) -> ProcessPublic:
    options = from_query(list(request.query_params.multi_items()))  # refused before the body is read
    declared = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if declared and not declared.startswith(MEDIA_TYPES):
        raise InvalidRequest(f"Content-Type: send the raw {kind} file (audio/*, video/*), or leave the header out")
    upload_id = await receive(request, owner, store, storage, settings)
    return await run_in_threadpool(start, kind, options, upload_url(settings, upload_id), owner, store, storage,
                                   settings, channel_speakers(options.channelMetadata))


@router.post("/audio", status_code=201, response_model=ProcessPublic)
async def process_audio(request: Request, owner: SymblApp, store: JobStoreDep, storage: StorageDep,
                        settings: Config) -> ProcessPublic:
    """The raw audio file as the body; its format is detected from its bytes. Options in the query."""
    return await media_body("audio", request, owner, store, storage, settings)


@router.post("/video", status_code=201, response_model=ProcessPublic)
async def process_video(request: Request, owner: SymblApp, store: JobStoreDep, storage: StorageDep,
                        settings: Config) -> ProcessPublic:
    return await media_body("video", request, owner, store, storage, settings)


@router.post("/audio/url", status_code=201, response_model=ProcessPublic)
def process_audio_url(body: dict[str, Any], owner: SymblApp, store: JobStoreDep, storage: StorageDep,
                      settings: Config) -> ProcessPublic:
    return media_url("audio", parse(MediaUrlBody, body), owner, store, storage, settings)


@router.post("/video/url", status_code=201, response_model=ProcessPublic)
def process_video_url(body: dict[str, Any], owner: SymblApp, store: JobStoreDep, storage: StorageDep,
                      settings: Config) -> ProcessPublic:
    return media_url("video", parse(MediaUrlBody, body), owner, store, storage, settings)


@router.post("/text", status_code=201, response_model=ProcessPublic)
def process_text(body: dict[str, Any], owner: SymblApp, store: JobStoreDep, storage: StorageDep,
                 settings: Config) -> ProcessPublic:
    """Chat or email messages, redacted like a call's transcript (no audio)."""
    parsed: TextBody = parse(TextBody, body)
    conversation = from_messages(parsed.messages, language_of(parsed.languageCode, settings) or "en")
    if not conversation.transcript.text.strip():
        raise InvalidRequest("messages: every message is empty; send some payload.content")
    return start("text", parsed, f"{settings.api_url}/v1/conversations", owner, store, storage, settings,
                 conversation.speakers, conversation.transcript, start_time=conversation.start_time,
                 duration_ms=conversation.duration_ms)
