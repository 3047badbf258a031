"""GET /v1/conversations/{id}/messages and /entities: a conversation read the Symbl way,
redacted at read time per the app's settings and the query's `redact` and `exclude`.

Errors answer Symbl's `{"message": …}` (bleeper.api.app's handlers, on every Symbl path).
A read that shows any value as said (redaction off, or an excluded entity that occurs) is recorded
in the conversation's audit: who, when, what. Handlers are plain `def`: FastAPI runs them in its
thread pool, so Redis and S3 never hold up the event loop.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Query

from bleeper import artifacts
from bleeper.api.deps import JobStoreDep, StorageDep
from bleeper.api.symbl.auth import SymblApp
from bleeper.api.symbl.conversations import conversation_job, read_original, read_speakers
from bleeper.artifacts import job_key
from bleeper.errors import InvalidRequest
from bleeper.models import Entity, Job, JobStatus
from bleeper.state.jobs import JobStore
from bleeper.state.storage import Storage
from bleeper.state.symbl_settings import SymblSettings, account_custom_names
from bleeper.symbl import entities as names
from bleeper.symbl.messages import Conversation, Found, build, classify, entity_objects, shows_values
from bleeper.symbl.settings import ReadOptions, read_options

router = APIRouter(prefix="/v1/conversations", tags=["symbl"])

Redact = Annotated[bool | None, Query(description="true/false: overrides the app's redaction `default`")]
Exclude = Annotated[str | None, Query(description='entities left as said, e.g. ["LOCATION_CITY"]')]


def _conversation(store: JobStore, storage: Storage, job: Job) -> Conversation:
    found = [Entity.model_validate(e) for e in storage.get_json(job_key(job.id, artifacts.ENTITIES))]
    record = job.symbl
    started = record.start_time if record and record.start_time is not None else job.created_at
    return Conversation(id=job.id, started_at=started, transcript=read_original(storage, job),
                        entities=found, speakers=read_speakers(storage, job),
                        text_only=record is not None and record.kind == "text")


def _options(store: JobStore, app: str, conversation: Conversation, redact: bool | None,
             exclude: str | None) -> ReadOptions:
    custom = account_custom_names(store.redis, app) + tuple(
        c for e in conversation.entities if (c := names.custom_name(e.policy)))
    excluded = None if exclude is None else names.parse_exclude_query(exclude, custom)
    return read_options(SymblSettings(store.redis).get(app), redact, excluded)


def _audit(store: JobStore, job: Job, app: str, found: list[Found], options: ReadOptions) -> None:
    if not shows_values(found, options):
        return
    action = "read unredacted" if not options.redact else f"read excluding {','.join(sorted(options.exclude))}"
    read = {"at": time.time(), "action": action, "by": app}
    store.change(job.id, lambda current: {"audit": [*current.audit, read]})


def _readable(store: JobStore, conversation_id: str, app: str) -> Job | None:
    job = conversation_job(store, conversation_id, app)
    if job.status == JobStatus.error:
        raise InvalidRequest("The conversation could not be processed: its job failed (GET /v1/job/{jobId} "
                             "says why)")
    return job if job.status == JobStatus.completed else None  # still processing: nothing yet


def _read(store: JobStore, storage: Storage, conversation_id: str, app: str, redact: bool | None,
          exclude: str | None) -> tuple[Conversation, ReadOptions, list[Found]] | None:
    """A completed conversation, how this read shows it, and what it holds (the read audited);
    None while it is still processing."""
    job = _readable(store, conversation_id, app)
    if job is None:
        return None
    conversation = _conversation(store, storage, job)
    options = _options(store, app, conversation, redact, exclude)
    found = classify(conversation)
    _audit(store, job, app, found, options)
    return conversation, options, found


@router.get("/{conversation_id}/messages")
def get_messages(conversation_id: str, app: SymblApp, store: JobStoreDep, storage: StorageDep,
                 redact: Redact = None, exclude: Exclude = None, verbose: bool = False,
                 sentiment: bool = False) -> dict[str, Any]:
    """Symbl's messages; `verbose=true` adds each word with its times. `sentiment` is accepted
    and ignored: bleeper does no sentiment analysis."""
    read = _read(store, storage, conversation_id, app, redact, exclude)
    if read is None:
        return {"messages": []}
    conversation, options, found = read
    return {"messages": build(conversation, options, verbose=verbose, found=found)}


@router.get("/{conversation_id}/entities")
def get_entities(conversation_id: str, app: SymblApp, store: JobStoreDep, storage: StorageDep,
                 redact: Redact = None, exclude: Exclude = None) -> dict[str, Any]:
    """Symbl's entities in its older and newer shapes at once; values hidden as `messages` hides them."""
    read = _read(store, storage, conversation_id, app, redact, exclude)
    if read is None:
        return {"entities": []}
    conversation, options, found = read
    return {"entities": entity_objects(conversation, options, found)}
